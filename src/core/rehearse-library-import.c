/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rehearse-error.h"
#include "rehearse-library-private.h"

/* Storing a parsed deck: a new deck is inserted; an updated one keeps the
 * rows of the questions and topics it still has (their ids, and so what a
 * window shows, survive), and a question gone from it is kept as an orphan
 * while user data refers to it. Also deleting a deck. */

typedef struct
{
  RehearseLibrary      *library;
  RehearseParsedDeck   *deck;
  RehearseImportResult  result;
  gint64                now;
  GArray               *topic_ids;   /* gint64, one per parsed topic */
} Import;

typedef struct
{
  gint64   id;
  gboolean seen;
} StoredQuestion;

#define INSERT_QUESTION_SQL \
  "INSERT INTO questions (question_key, deck_id, topic_id, position, number, text, answer," \
  " in_depth) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"

/* Writes only when the question itself changed, so an unchanged one costs
 * a read and sqlite3_changes() says which it was. */
#define UPDATE_QUESTION_SQL \
  "UPDATE questions SET topic_id = ?3, position = ?4, number = ?5, text = ?6, answer = ?7," \
  " in_depth = ?8, orphaned = 0" \
  " WHERE id = ?1 AND deck_id = ?2 AND (topic_id IS NOT ?3 OR number IS NOT ?5" \
  " OR text IS NOT ?6 OR answer IS NOT ?7 OR in_depth IS NOT ?8 OR orphaned <> 0)"

/* A question that only moved (one before it was removed) is not news,
 * but the reading order must follow. */
#define MOVE_QUESTION_SQL \
  "UPDATE questions SET position = ?2 WHERE id = ?1 AND position IS NOT ?2"

static void
bind_id_or_null (sqlite3_stmt *stmt,
                 int           index,
                 gint64        id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

/* Steps a statement that returns no row. */
static gboolean
step_done (RehearseLibrary  *self,
           sqlite3_stmt     *stmt,
           GError          **error)
{
  return rehearse_sqlite_step_done (self->db, stmt, error);
}

static void
checksum_add (GChecksum  *checksum,
              const char *text)
{
  /* The terminating NUL too: "ab" + "c" must differ from "a" + "bc". */
  if (text != NULL)
    g_checksum_update (checksum, (const guchar *) text, (gssize) strlen (text) + 1);
  else
    g_checksum_update (checksum, (const guchar *) "", 0);
}

/* Sources identify a deck's content: same files (and parser), same deck.
 * A deck made without files (tests, generated decks) is identified by its
 * questions. */
static char *
deck_content_hash (RehearseParsedDeck *deck)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < deck->sources->len; i++)
    {
      RehearseParsedSource *source = g_ptr_array_index (deck->sources, i);

      checksum_add (checksum, source->content_hash);
    }

  for (guint i = 0; deck->sources->len == 0 && i < deck->topics->len; i++)
    {
      RehearseParsedTopic *topic = g_ptr_array_index (deck->topics, i);

      checksum_add (checksum, topic->title);
    }

  for (guint i = 0; deck->sources->len == 0 && i < deck->questions->len; i++)
    {
      RehearseParsedQuestion *question = g_ptr_array_index (deck->questions, i);

      checksum_add (checksum, question->question_key);
      checksum_add (checksum, question->text);
      checksum_add (checksum, question->answer);
      checksum_add (checksum, question->in_depth);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

static gboolean
validate_deck (RehearseParsedDeck  *deck,
               GError             **error)
{
  if (deck->deck_key == NULL || deck->title == NULL)
    {
      g_set_error_literal (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT,
                           _("The deck has no title"));
      return FALSE;
    }

  for (guint i = 0; i < deck->questions->len; i++)
    {
      RehearseParsedQuestion *question = g_ptr_array_index (deck->questions, i);

      if (question->question_key != NULL && question->topic_index < deck->topics->len)
        continue;

      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT,
                   _("Question %u of “%s” has no key or no topic"), i + 1, deck->title);
      return FALSE;
    }

  return TRUE;
}

static gboolean
find_stored_deck (Import  *import,
                  gint64  *deck_id,
                  char   **content_hash,
                  GError **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;
  gboolean has_row;

  cached = rehearse_library_statement (import->library,
                                       "SELECT id, content_hash FROM decks WHERE deck_key = ?1",
                                       error);
  if (cached == NULL)
    return FALSE;

  rehearse_bind_text (cached->stmt, 1, import->deck->deck_key);
  if (!rehearse_sqlite_step_row (import->library->db, cached->stmt, &has_row, error))
    return FALSE;

  *deck_id = has_row ? sqlite3_column_int64 (cached->stmt, 0) : 0;
  *content_hash = has_row ? g_strdup ((const char *) sqlite3_column_text (cached->stmt, 1)) : NULL;
  return TRUE;
}

static gboolean
insert_deck (Import      *import,
             const char  *content_hash,
             GError     **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;

  cached = rehearse_library_statement (import->library,
                                       "INSERT INTO decks (deck_key, title, content_hash,"
                                       " imported_at) VALUES (?1, ?2, ?3, ?4)",
                                       error);
  if (cached == NULL)
    return FALSE;

  rehearse_bind_text (cached->stmt, 1, import->deck->deck_key);
  rehearse_bind_text (cached->stmt, 2, import->deck->title);
  rehearse_bind_text (cached->stmt, 3, content_hash);
  sqlite3_bind_int64 (cached->stmt, 4, import->now);
  if (!step_done (import->library, cached->stmt, error))
    return FALSE;

  import->result.deck_id = sqlite3_last_insert_rowid (import->library->db);
  return TRUE;
}

static gboolean
update_deck_row (Import      *import,
                 const char  *content_hash,
                 GError     **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;

  cached = rehearse_library_statement (import->library,
                                       "UPDATE decks SET title = ?2, content_hash = ?3,"
                                       " imported_at = ?4 WHERE id = ?1",
                                       error);
  if (cached == NULL)
    return FALSE;

  sqlite3_bind_int64 (cached->stmt, 1, import->result.deck_id);
  rehearse_bind_text (cached->stmt, 2, import->deck->title);
  rehearse_bind_text (cached->stmt, 3, content_hash);
  sqlite3_bind_int64 (cached->stmt, 4, import->now);
  return step_done (import->library, cached->stmt, error);
}

static gboolean
delete_sources (Import  *import,
                GError **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;

  cached = rehearse_library_statement (import->library,
                                       "DELETE FROM sources WHERE deck_id = ?1", error);
  if (cached == NULL)
    return FALSE;

  sqlite3_bind_int64 (cached->stmt, 1, import->result.deck_id);
  return step_done (import->library, cached->stmt, error);
}

static gboolean
insert_sources (Import  *import,
                GError **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;

  cached = rehearse_library_statement (import->library,
                                       "INSERT INTO sources (deck_id, position, path,"
                                       " content_hash, size) VALUES (?1, ?2, ?3, ?4, ?5)",
                                       error);
  if (cached == NULL)
    return FALSE;

  for (guint i = 0; i < import->deck->sources->len; i++)
    {
      RehearseParsedSource *source = g_ptr_array_index (import->deck->sources, i);

      sqlite3_bind_int64 (cached->stmt, 1, import->result.deck_id);
      sqlite3_bind_int (cached->stmt, 2, (int) i);
      rehearse_bind_text (cached->stmt, 3, source->path != NULL ? source->path : "");
      rehearse_bind_text (cached->stmt, 4,
                          source->content_hash != NULL ? source->content_hash : "");
      sqlite3_bind_int64 (cached->stmt, 5, (sqlite3_int64) source->size);
      if (!step_done (import->library, cached->stmt, error))
        return FALSE;
      sqlite3_reset (cached->stmt);
    }

  return TRUE;
}

static gboolean
insert_topic (Import               *import,
              guint                 position,
              RehearseParsedTopic  *topic,
              GError              **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;
  gint64 topic_id;

  cached = rehearse_library_statement (import->library,
                                       "INSERT INTO topics (deck_id, position, title, icon)"
                                       " VALUES (?1, ?2, ?3, ?4)",
                                       error);
  if (cached == NULL)
    return FALSE;

  sqlite3_bind_int64 (cached->stmt, 1, import->result.deck_id);
  sqlite3_bind_int (cached->stmt, 2, (int) position);
  rehearse_bind_text (cached->stmt, 3, topic->title != NULL ? topic->title : "");
  rehearse_bind_text (cached->stmt, 4, topic->icon);
  if (!step_done (import->library, cached->stmt, error))
    return FALSE;

  topic_id = sqlite3_last_insert_rowid (import->library->db);
  g_array_index (import->topic_ids, gint64, position) = topic_id;
  return TRUE;
}

static gboolean
insert_topics (Import  *import,
               GError **error)
{
  for (guint i = 0; i < import->deck->topics->len; i++)
    if (!insert_topic (import, i, g_ptr_array_index (import->deck->topics, i), error))
      return FALSE;

  return TRUE;
}

static void
bind_question (Import                 *import,
               sqlite3_stmt           *stmt,
               guint                   position,
               RehearseParsedQuestion *question)
{
  sqlite3_bind_int64 (stmt, 2, import->result.deck_id);
  bind_id_or_null (stmt, 3, g_array_index (import->topic_ids, gint64, question->topic_index));
  sqlite3_bind_int (stmt, 4, (int) position);
  if (question->number >= 0)
    sqlite3_bind_int (stmt, 5, question->number);
  else
    sqlite3_bind_null (stmt, 5);
  rehearse_bind_text (stmt, 6, question->text);
  rehearse_bind_text (stmt, 7, question->answer);
  rehearse_bind_text (stmt, 8, question->in_depth);
}

/* A unique-key failure says which key but not why: name the deck that
 * already has it, as the likely cause is two decks with the same title. */
static gboolean
duplicate_key_error (Import      *import,
                     const char  *question_key,
                     GError     **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;
  gboolean has_row = FALSE;

  cached = rehearse_library_statement (import->library,
                                       "SELECT q.deck_id, d.title FROM questions q"
                                       " JOIN decks d ON d.id = q.deck_id"
                                       " WHERE q.question_key = ?1",
                                       NULL);
  if (cached != NULL)
    {
      rehearse_bind_text (cached->stmt, 1, question_key);
      rehearse_sqlite_step_row (import->library->db, cached->stmt, &has_row, NULL);
    }

  if (has_row && sqlite3_column_int64 (cached->stmt, 0) != import->result.deck_id)
    g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_FAILED,
                 _("The question key “%s” of “%s” already belongs to the deck “%s”"),
                 question_key, import->deck->title, sqlite3_column_text (cached->stmt, 1));
  else
    g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_FAILED,
                 _("The question key “%s” occurs twice in “%s”"), question_key,
                 import->deck->title);

  return FALSE;
}

static gboolean
question_step_failed (Import                  *import,
                      int                      rc,
                      RehearseParsedQuestion  *question,
                      GError                 **error)
{
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    return duplicate_key_error (import, question->question_key, error);

  return rehearse_sqlite_error (import->library->db, rc, error,
                                _("Could not store the question “%s”"), question->question_key);
}

static gboolean
insert_question (Import                  *import,
                 sqlite3_stmt            *stmt,
                 guint                    position,
                 RehearseParsedQuestion  *question,
                 GError                 **error)
{
  int rc;

  rehearse_bind_text (stmt, 1, question->question_key);
  bind_question (import, stmt, position, question);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return question_step_failed (import, rc, question, error);

  import->result.added++;
  return TRUE;
}

static gboolean
insert_all_questions (Import  *import,
                      GError **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;

  cached = rehearse_library_statement (import->library, INSERT_QUESTION_SQL, error);
  if (cached == NULL)
    return FALSE;

  for (guint i = 0; i < import->deck->questions->len; i++)
    if (!insert_question (import, cached->stmt, i, g_ptr_array_index (import->deck->questions, i),
                          error))
      return FALSE;

  return TRUE;
}

static gboolean
create_deck (Import      *import,
             const char  *content_hash,
             GError     **error)
{
  /* Nothing of this deck exists yet: plain inserts, no lookups. */
  import->result.outcome = REHEARSE_IMPORT_CREATED;

  return insert_deck (import, content_hash, error)
         && insert_sources (import, error)
         && insert_topics (import, error)
         && insert_all_questions (import, error);
}

typedef struct
{
  gint64    id;
  char     *title;
  gboolean  reused;
} StoredTopic;

static void
stored_topic_clear (gpointer data)
{
  StoredTopic *topic = data;

  g_free (topic->title);
}

static GArray *
load_stored_topics (Import  *import,
                    GError **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;
  g_autoptr(GArray) topics = g_array_new (FALSE, TRUE, sizeof (StoredTopic));
  g_autoptr(GError) local_error = NULL;

  g_array_set_clear_func (topics, stored_topic_clear);
  cached = rehearse_library_statement (import->library,
                                       "SELECT id, title FROM topics WHERE deck_id = ?1"
                                       " ORDER BY position",
                                       error);
  if (cached == NULL)
    return NULL;

  sqlite3_bind_int64 (cached->stmt, 1, import->result.deck_id);
  while (rehearse_sqlite_next_row (import->library->db, cached->stmt, &local_error))
    {
      StoredTopic topic = {
        .id = sqlite3_column_int64 (cached->stmt, 0),
        .title = g_strdup ((const char *) sqlite3_column_text (cached->stmt, 1)),
      };

      g_array_append_val (topics, topic);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&topics);
}

static StoredTopic *
take_stored_topic (GArray     *topics,
                   const char *title)
{
  for (guint i = 0; i < topics->len; i++)
    {
      StoredTopic *topic = &g_array_index (topics, StoredTopic, i);

      if (!topic->reused && g_strcmp0 (topic->title, title) == 0)
        {
          topic->reused = TRUE;
          return topic;
        }
    }

  return NULL;
}

static gboolean
update_topic (Import               *import,
              gint64                topic_id,
              guint                 position,
              RehearseParsedTopic  *topic,
              GError              **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;

  cached = rehearse_library_statement (import->library,
                                       "UPDATE topics SET position = ?2, icon = ?3 WHERE id = ?1",
                                       error);
  if (cached == NULL)
    return FALSE;

  sqlite3_bind_int64 (cached->stmt, 1, topic_id);
  sqlite3_bind_int (cached->stmt, 2, (int) position);
  rehearse_bind_text (cached->stmt, 3, topic->icon);
  if (!step_done (import->library, cached->stmt, error))
    return FALSE;

  g_array_index (import->topic_ids, gint64, position) = topic_id;
  return TRUE;
}

static gboolean
delete_topic (Import  *import,
              gint64   topic_id,
              GError **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;

  cached = rehearse_library_statement (import->library, "DELETE FROM topics WHERE id = ?1", error);
  if (cached == NULL)
    return FALSE;

  sqlite3_bind_int64 (cached->stmt, 1, topic_id);
  return step_done (import->library, cached->stmt, error);
}

/* Topics keep their ids when their title stays, so a topic a window shows
 * survives an update of its deck; the others are replaced. */
static gboolean
sync_topics (Import  *import,
             GError **error)
{
  g_autoptr(GArray) stored = load_stored_topics (import, error);

  if (stored == NULL)
    return FALSE;

  for (guint i = 0; i < import->deck->topics->len; i++)
    {
      RehearseParsedTopic *topic = g_ptr_array_index (import->deck->topics, i);
      StoredTopic *match = take_stored_topic (stored, topic->title);

      if (match != NULL ? !update_topic (import, match->id, i, topic, error)
                        : !insert_topic (import, i, topic, error))
        return FALSE;
    }

  for (guint i = 0; i < stored->len; i++)
    {
      StoredTopic *topic = &g_array_index (stored, StoredTopic, i);

      if (!topic->reused && !delete_topic (import, topic->id, error))
        return FALSE;
    }

  return TRUE;
}

static GHashTable *
load_stored_questions (Import  *import,
                       GError **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;
  g_autoptr(GHashTable) stored = NULL;
  g_autoptr(GError) local_error = NULL;

  cached = rehearse_library_statement (import->library,
                                       "SELECT id, question_key FROM questions WHERE deck_id = ?1",
                                       error);
  if (cached == NULL)
    return NULL;

  stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_bind_int64 (cached->stmt, 1, import->result.deck_id);
  while (rehearse_sqlite_next_row (import->library->db, cached->stmt, &local_error))
    {
      StoredQuestion *question = g_new0 (StoredQuestion, 1);

      question->id = sqlite3_column_int64 (cached->stmt, 0);
      g_hash_table_insert (stored, g_strdup ((const char *) sqlite3_column_text (cached->stmt, 1)),
                           question);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&stored);
}

static gboolean
move_question (Import  *import,
               gint64   question_id,
               guint    position,
               GError **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;

  cached = rehearse_library_statement (import->library, MOVE_QUESTION_SQL, error);
  if (cached == NULL)
    return FALSE;

  sqlite3_bind_int64 (cached->stmt, 1, question_id);
  sqlite3_bind_int (cached->stmt, 2, (int) position);
  return step_done (import->library, cached->stmt, error);
}

static gboolean
update_question (Import                  *import,
                 sqlite3_stmt            *stmt,
                 guint                    position,
                 RehearseParsedQuestion  *question,
                 StoredQuestion          *stored,
                 GError                 **error)
{
  int rc;

  if (stored->seen)
    return duplicate_key_error (import, question->question_key, error);
  stored->seen = TRUE;

  sqlite3_bind_int64 (stmt, 1, stored->id);
  bind_question (import, stmt, position, question);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return question_step_failed (import, rc, question, error);

  if (sqlite3_changes (import->library->db) > 0)
    {
      import->result.updated++;
      return TRUE;
    }

  import->result.unchanged++;
  return move_question (import, stored->id, position, error);
}

static gboolean
store_questions (Import      *import,
                 GHashTable  *stored,
                 GError     **error)
{
  g_autoptr(RehearseCachedStatement) insert = NULL;
  g_autoptr(RehearseCachedStatement) update = NULL;

  insert = rehearse_library_statement (import->library, INSERT_QUESTION_SQL, error);
  update = insert != NULL ? rehearse_library_statement (import->library, UPDATE_QUESTION_SQL,
                                                        error)
                          : NULL;
  if (update == NULL)
    return FALSE;

  for (guint i = 0; i < import->deck->questions->len; i++)
    {
      RehearseParsedQuestion *question = g_ptr_array_index (import->deck->questions, i);
      StoredQuestion *match = g_hash_table_lookup (stored, question->question_key);

      if (match != NULL ? !update_question (import, update->stmt, i, question, match, error)
                        : !insert_question (import, insert->stmt, i, question, error))
        return FALSE;
    }

  return TRUE;
}

#define USER_DATA_EXISTS_SQL \
  "SELECT EXISTS (SELECT 1 FROM bookmarks WHERE question_key = ?1)" \
  " OR EXISTS (SELECT 1 FROM notes WHERE question_key = ?1)" \
  " OR EXISTS (SELECT 1 FROM review_state WHERE question_key = ?1)" \
  " OR EXISTS (SELECT 1 FROM review_log WHERE question_key = ?1)"

static gboolean
has_user_data (Import      *import,
               const char  *question_key,
               gboolean    *result,
               GError     **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;
  gboolean has_row;

  cached = rehearse_library_statement (import->library, USER_DATA_EXISTS_SQL, error);
  if (cached == NULL)
    return FALSE;

  rehearse_bind_text (cached->stmt, 1, question_key);
  if (!rehearse_sqlite_step_row (import->library->db, cached->stmt, &has_row, error))
    return FALSE;

  *result = has_row && sqlite3_column_int (cached->stmt, 0) != 0;
  return TRUE;
}

static gboolean
orphan_question (Import  *import,
                 gint64   question_id,
                 GError **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;

  cached = rehearse_library_statement (import->library,
                                       "UPDATE questions SET orphaned = 1, topic_id = NULL"
                                       " WHERE id = ?1 AND orphaned = 0",
                                       error);
  if (cached == NULL)
    return FALSE;

  sqlite3_bind_int64 (cached->stmt, 1, question_id);
  if (!step_done (import->library, cached->stmt, error))
    return FALSE;

  /* One orphaned by an earlier import is not news. */
  import->result.orphaned += sqlite3_changes (import->library->db) > 0 ? 1 : 0;
  return TRUE;
}

static gboolean
remove_question (Import  *import,
                 gint64   question_id,
                 GError **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;

  cached = rehearse_library_statement (import->library, "DELETE FROM questions WHERE id = ?1",
                                       error);
  if (cached == NULL)
    return FALSE;

  sqlite3_bind_int64 (cached->stmt, 1, question_id);
  if (!step_done (import->library, cached->stmt, error))
    return FALSE;

  import->result.removed++;
  return TRUE;
}

/* Questions gone from the deck: kept as orphans while a bookmark, note or
 * review refers to them (their user data would otherwise point at
 * nothing), deleted otherwise. */
static gboolean
settle_vanished_questions (Import      *import,
                           GHashTable  *stored,
                           GError     **error)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, stored);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      StoredQuestion *question = value;
      gboolean keep;

      if (question->seen)
        continue;

      if (!has_user_data (import, key, &keep, error))
        return FALSE;

      if (keep ? !orphan_question (import, question->id, error)
               : !remove_question (import, question->id, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
update_deck (Import      *import,
             const char  *content_hash,
             GError     **error)
{
  g_autoptr(GHashTable) stored = NULL;

  import->result.outcome = REHEARSE_IMPORT_UPDATED;

  if (!update_deck_row (import, content_hash, error)
      || !delete_sources (import, error)
      || !insert_sources (import, error)
      || !sync_topics (import, error))
    return FALSE;

  stored = load_stored_questions (import, error);

  return stored != NULL
         && store_questions (import, stored, error)
         && settle_vanished_questions (import, stored, error);
}

static gboolean
import_in_transaction (Import  *import,
                       GError **error)
{
  g_autofree char *content_hash = deck_content_hash (import->deck);
  g_autofree char *stored_hash = NULL;

  if (!find_stored_deck (import, &import->result.deck_id, &stored_hash, error))
    return FALSE;

  if (import->result.deck_id == 0)
    return create_deck (import, content_hash, error);

  if (g_strcmp0 (stored_hash, content_hash) != 0)
    return update_deck (import, content_hash, error);

  import->result.outcome = REHEARSE_IMPORT_UNCHANGED;
  import->result.unchanged = import->deck->questions->len;
  return TRUE;
}

gboolean
rehearse_library_import_deck (RehearseLibrary       *self,
                              RehearseParsedDeck    *deck,
                              RehearseImportResult  *result,
                              GError               **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GArray) topic_ids = NULL;
  Import import = { 0, };
  const char *end;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (deck != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate_deck (deck, error))
    return FALSE;

  topic_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_array_set_size (topic_ids, deck->topics->len);
  import = (Import) {
    .library = self,
    .deck = deck,
    .now = rehearse_now_seconds (),
    .topic_ids = topic_ids,
  };

  locker = g_rec_mutex_locker_new (&self->lock);
  if (!rehearse_sqlite_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!import_in_transaction (&import, error))
    {
      rehearse_sqlite_rollback (self->db);
      return FALSE;
    }

  /* Unchanged: nothing was written, and ending with ROLLBACK says so. */
  end = import.result.outcome == REHEARSE_IMPORT_UNCHANGED ? "ROLLBACK" : "COMMIT";
  if (!rehearse_sqlite_exec (self->db, end, error))
    {
      rehearse_sqlite_rollback (self->db);
      return FALSE;
    }

  if (import.result.outcome != REHEARSE_IMPORT_UNCHANGED)
    rehearse_library_remember_own_decks_change (self);
  if (result != NULL)
    *result = import.result;

  return TRUE;
}

gboolean
rehearse_library_delete_deck (RehearseLibrary  *self,
                              gint64            deck_id,
                              GError          **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(RehearseCachedStatement) cached = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);
  /* One statement, one transaction: the cascade takes sources, topics and
   * questions (and their index entries) with the deck. */
  cached = rehearse_library_statement (self, "DELETE FROM decks WHERE id = ?1", error);
  if (cached == NULL)
    return FALSE;

  sqlite3_bind_int64 (cached->stmt, 1, deck_id);
  if (!step_done (self, cached->stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) > 0)
    {
      rehearse_library_remember_own_decks_change (self);
      return TRUE;
    }

  id = g_strdup_printf ("%" G_GINT64_FORMAT, deck_id);
  g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_FOUND,
               _("There is no deck %s in the library"), id);
  return FALSE;
}
