/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rehearse-error.h"
#include "rehearse-library-private.h"

/* Storing a parsed deck, and deleting a deck, in short transactions
 * (rehearse-library-staging.c) so that no other write waits long for
 * them, and all or nothing for whoever reads:
 *
 *  1. The deck is claimed: a new one gets a deck row that is not shown.
 *  2. Its topics and questions are staged as the deck's next generation,
 *     which no read shows, a batch at a time.
 *  3. One transaction makes it the one shown: questions that left the
 *     deck and that user data refers to are kept as orphans in it, and the
 *     deck row takes the new title, sources and generation.
 *  4. The old generation is deleted, a batch at a time.
 *
 * Killed at any point, the library shows the deck as it was before step
 * 3 or as it is after it; what is left hidden is deleted at the next open.
 * A small deck fits in one batch: one transaction, as ever. User data is
 * never written: it is keyed by question key, and each generation holds
 * the same keys.
 *
 * An update reads the generation it replaces in step 2, and the library
 * keeps it for undo (rehearse-library-undo.c); undoing stores it again the
 * same way, in place of the update's generation. */

typedef struct
{
  gint64   id;
  gint64   topic_id;
  gboolean orphaned;
  gboolean seen;      /* the deck still has it */
} StoredQuestion;

typedef struct
{
  gint64    id;
  char     *title;
  gboolean  reused;
} StoredTopic;

typedef struct
{
  RehearseLibrary      *library;
  RehearseParsedDeck   *deck;
  RehearseImportResult  result;
  gint64                now;
  char                 *content_hash;
  RehearseClaim        *claim;
  RehearseBatch         batch;
  RehearseDeckRow       stored;          /* the deck row */
  gint64                generation;      /* the one staged */
  GArray               *topic_ids;       /* gint64: the staged topic of each parsed topic */
  GArray               *former_topics;   /* gint64: the shown topic it continues, or 0 */
  GHashTable           *questions;       /* key → StoredQuestion, of the shown generation */
  guint                 shown_at;        /* commits before the one that shows the staged rows */
  gboolean              shown;           /* the staged generation is the one shown */
  RehearseDeckVersion  *replaced;        /* what an update replaces, for undo */
  RehearseDeckVersion  *putting_back;    /* borrowed: what an undo stores again; else NULL */
} Import;

static void
import_clear (Import *import)
{
  g_clear_pointer (&import->content_hash, g_free);
  g_clear_pointer (&import->claim, rehearse_claim_free);
  rehearse_deck_row_clear (&import->stored);
  g_clear_pointer (&import->topic_ids, g_array_unref);
  g_clear_pointer (&import->former_topics, g_array_unref);
  g_clear_pointer (&import->questions, g_hash_table_unref);
  g_clear_pointer (&import->replaced, rehearse_deck_version_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Import, import_clear)

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

static void
bind_number (sqlite3_stmt *stmt,
             int           index,
             int           number)
{
  if (number >= 0)
    sqlite3_bind_int (stmt, index, number);
  else
    sqlite3_bind_null (stmt, index);
}

/* Steps a statement of the main connection that returns no row. */
static gboolean
step_done (Import        *import,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  return rehearse_sqlite_step_done (import->library->db, stmt, error);
}

/* ---- Before writing ------------------------------------------------------- */

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
      checksum_add (checksum, question->prompt);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

/* A key twice in one deck would make two rows of one question: refused
 * before anything is written. */
static gboolean
check_keys_unique (RehearseParsedDeck  *deck,
                   GError             **error)
{
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < deck->questions->len; i++)
    {
      RehearseParsedQuestion *question = g_ptr_array_index (deck->questions, i);

      if (g_hash_table_add (keys, question->question_key))
        continue;

      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_FAILED,
                   _("The question key “%s” occurs twice in “%s”"), question->question_key,
                   deck->title);
      return FALSE;
    }

  return TRUE;
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

  return check_keys_unique (deck, error);
}

/* Putting a version back writes it whatever it holds. */
static gboolean
is_unchanged (Import *import)
{
  return import->putting_back == NULL
         && import->stored.id != 0
         && import->stored.state == REHEARSE_DECK_SHOWN
         && import->stored.claim == 0
         && g_strcmp0 (import->stored.content_hash, import->content_hash) == 0;
}

/* Same sources as the stored deck: nothing to write, and nothing written,
 * not even a claim. */
static gboolean
check_unchanged (Import    *import,
                 gboolean  *unchanged,
                 GError   **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&import->library->lock);

  if (!rehearse_library_read_deck_row (import->library, import->deck->deck_key, 0,
                                       &import->stored, error))
    return FALSE;

  *unchanged = is_unchanged (import);
  return TRUE;
}

/* ---- 1. Claiming the deck ------------------------------------------------ */

static gboolean
insert_deck (Import  *import,
             GError **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;

  cached = rehearse_library_statement (import->library,
                                       "INSERT INTO decks (deck_key, title, content_hash,"
                                       " imported_at, state, generation, claim)"
                                       " VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6)",
                                       error);
  if (cached == NULL)
    return FALSE;

  rehearse_bind_text (cached->stmt, 1, import->deck->deck_key);
  rehearse_bind_text (cached->stmt, 2, import->deck->title);
  rehearse_bind_text (cached->stmt, 3, import->content_hash);
  sqlite3_bind_int64 (cached->stmt, 4, import->now);
  sqlite3_bind_int (cached->stmt, 5, REHEARSE_DECK_IMPORTING);
  sqlite3_bind_int64 (cached->stmt, 6, rehearse_claim_get_token (import->claim));
  if (!step_done (import, cached->stmt, error))
    return FALSE;

  rehearse_deck_row_clear (&import->stored);
  import->stored = (RehearseDeckRow) {
    .id = sqlite3_last_insert_rowid (import->library->db),
    .title = g_strdup (import->deck->title),
    .content_hash = g_strdup (import->content_hash),
    .state = REHEARSE_DECK_IMPORTING,
    .claim = rehearse_claim_get_token (import->claim),
  };
  import->result.outcome = REHEARSE_IMPORT_CREATED;
  return TRUE;
}

/* An undo puts back what an update replaced only while that update's
 * generation is the one the deck shows: not over another import, nor
 * over a deck removed (and perhaps made again). */
static gboolean
check_still_replaced (Import  *import,
                      GError **error)
{
  RehearseDeckVersion *version = import->putting_back;
  RehearseDeckRow *stored = &import->stored;
  gboolean shown = stored->id == version->deck_id && stored->state == REHEARSE_DECK_SHOWN;

  if (shown && stored->generation == version->replaced_by
      && g_strcmp0 (stored->content_hash, version->replaced_by_hash) == 0)
    return TRUE;

  rehearse_library_set_undo_refused_error (error, shown ? stored->title : NULL);
  return FALSE;
}

/* The deck as it is now that this import holds the write lock: another
 * one may have stored it meanwhile. An interrupted import or removal of it
 * leaves rows that are deleted first; if it was a new deck, or a deck
 * being removed, nothing of it is left and it is new again. */
static gboolean
claim_deck (Import    *import,
            gboolean  *unchanged,
            GError   **error)
{
  if (!rehearse_library_read_deck_row (import->library, import->deck->deck_key, 0,
                                       &import->stored, error)
      || (import->putting_back != NULL && !check_still_replaced (import, error)))
    return FALSE;

  *unchanged = is_unchanged (import);
  if (*unchanged)
    return TRUE;

  if (import->stored.id == 0)
    return insert_deck (import, error);

  if (!rehearse_library_take_deck (import->library, &import->stored, import->claim, error))
    return FALSE;

  if (import->stored.interrupted
      && !rehearse_library_clear_hidden (import->library, &import->batch, &import->stored, error))
    return FALSE;

  if (import->stored.state != REHEARSE_DECK_SHOWN)
    return insert_deck (import, error);

  import->result.outcome = REHEARSE_IMPORT_UPDATED;
  return TRUE;
}

/* ---- What the deck holds now ---------------------------------------------------- */

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
                                       "SELECT id, title FROM topics"
                                       " WHERE deck_id = ?1 AND generation = ?2"
                                       " ORDER BY position",
                                       error);
  if (cached == NULL)
    return NULL;

  sqlite3_bind_int64 (cached->stmt, 1, import->stored.id);
  sqlite3_bind_int64 (cached->stmt, 2, import->stored.generation);
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

static gint64
take_stored_topic (GArray     *topics,
                   const char *title)
{
  for (guint i = 0; i < topics->len; i++)
    {
      StoredTopic *topic = &g_array_index (topics, StoredTopic, i);

      if (!topic->reused && g_strcmp0 (topic->title, title) == 0)
        {
          topic->reused = TRUE;
          return topic->id;
        }
    }

  return 0;
}

/* A parsed topic continues the stored topic of the same title (the first
 * not taken yet): a question that stays in it has not moved. */
static gboolean
match_topics (Import  *import,
              GError **error)
{
  g_autoptr(GArray) stored = load_stored_topics (import, error);

  if (stored == NULL)
    return FALSE;

  for (guint i = 0; i < import->deck->topics->len; i++)
    {
      RehearseParsedTopic *topic = g_ptr_array_index (import->deck->topics, i);

      g_array_index (import->former_topics, gint64, i) = take_stored_topic (stored, topic->title);
    }

  return TRUE;
}

static gboolean
load_stored_questions (Import  *import,
                       GError **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;
  g_autoptr(GError) local_error = NULL;

  cached = rehearse_library_statement (import->library,
                                       "SELECT id, question_key, topic_id, orphaned FROM questions"
                                       " WHERE deck_id = ?1 AND generation = ?2",
                                       error);
  if (cached == NULL)
    return FALSE;

  sqlite3_bind_int64 (cached->stmt, 1, import->stored.id);
  sqlite3_bind_int64 (cached->stmt, 2, import->stored.generation);
  while (rehearse_sqlite_next_row (import->library->db, cached->stmt, &local_error))
    {
      StoredQuestion *question = g_new0 (StoredQuestion, 1);

      question->id = sqlite3_column_int64 (cached->stmt, 0);
      question->topic_id = sqlite3_column_int64 (cached->stmt, 2);
      question->orphaned = sqlite3_column_int (cached->stmt, 3) != 0;
      g_hash_table_insert (import->questions,
                           g_strdup ((const char *) sqlite3_column_text (cached->stmt, 1)),
                           question);
    }

  if (local_error == NULL)
    return TRUE;

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* What the shown generation holds, to tell what the import changes; an
 * update also reads it whole, to keep for undo. */
static gboolean
load_stored (Import  *import,
             GError **error)
{
  if (import->result.outcome == REHEARSE_IMPORT_CREATED)
    return TRUE;

  if (import->putting_back == NULL
      && !rehearse_library_read_deck_version (import->library, &import->stored,
                                              &import->replaced, error))
    return FALSE;

  return match_topics (import, error) && load_stored_questions (import, error);
}

/* ---- 2. Staging -------------------------------------------------------------------- */

static gboolean
stage_topic (Import               *import,
             guint                 position,
             RehearseParsedTopic  *topic,
             GError              **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;

  cached = rehearse_library_statement (import->library,
                                       "INSERT INTO topics (deck_id, generation, position, title,"
                                       " icon) VALUES (?1, ?2, ?3, ?4, ?5)",
                                       error);
  if (cached == NULL)
    return FALSE;

  sqlite3_bind_int64 (cached->stmt, 1, import->stored.id);
  sqlite3_bind_int64 (cached->stmt, 2, import->generation);
  sqlite3_bind_int (cached->stmt, 3, (int) position);
  rehearse_bind_text (cached->stmt, 4, topic->title != NULL ? topic->title : "");
  rehearse_bind_text (cached->stmt, 5, topic->icon);
  if (!step_done (import, cached->stmt, error))
    return FALSE;

  g_array_index (import->topic_ids, gint64, position) =
    sqlite3_last_insert_rowid (import->library->db);
  return TRUE;
}

static gboolean
stage_topics (Import  *import,
              GError **error)
{
  for (guint i = 0; i < import->deck->topics->len; i++)
    if (!stage_topic (import, i, g_ptr_array_index (import->deck->topics, i), error)
        || !rehearse_batch_yield (&import->batch, error))
      return FALSE;

  return TRUE;
}

/* Keys name their deck, so two decks never share one; a deck made by hand
 * (or with the title of another) could: it is refused, naming the deck
 * that has the key. */
static gboolean
check_key_free (Import                  *import,
                RehearseParsedQuestion  *question,
                GError                 **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;
  gboolean has_row;

  cached = rehearse_library_statement (import->library,
                                       "SELECT d.title FROM questions q"
                                       " JOIN decks d ON d.id = q.deck_id"
                                       " WHERE q.question_key = ?1 AND q.deck_id <> ?2"
                                       " AND " REHEARSE_VISIBLE_SQL ("q") " LIMIT 1",
                                       error);
  if (cached == NULL)
    return FALSE;

  rehearse_bind_text (cached->stmt, 1, question->question_key);
  sqlite3_bind_int64 (cached->stmt, 2, import->stored.id);
  if (!rehearse_sqlite_step_row (import->library->db, cached->stmt, &has_row, error))
    return FALSE;

  if (!has_row)
    return TRUE;

  g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_FAILED,
               _("The question key “%s” of “%s” already belongs to the deck “%s”"),
               question->question_key, import->deck->title,
               sqlite3_column_text (cached->stmt, 0));
  return FALSE;
}

static gboolean
insert_question (Import                  *import,
                 guint                    position,
                 RehearseParsedQuestion  *question,
                 GError                 **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;
  int rc;

  cached = rehearse_library_statement (import->library,
                                       "INSERT INTO questions (question_key, deck_id, generation,"
                                       " topic_id, position, number, text, answer, in_depth,"
                                       " prompt, replaces)"
                                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
                                       "  (SELECT p.id FROM questions p WHERE p.question_key = ?1"
                                       "   AND p.deck_id = ?2 AND p.generation < ?3"
                                       "   ORDER BY p.generation DESC LIMIT 1))",
                                       error);
  if (cached == NULL)
    return FALSE;

  rehearse_bind_text (cached->stmt, 1, question->question_key);
  sqlite3_bind_int64 (cached->stmt, 2, import->stored.id);
  sqlite3_bind_int64 (cached->stmt, 3, import->generation);
  bind_id_or_null (cached->stmt, 4,
                   g_array_index (import->topic_ids, gint64, question->topic_index));
  sqlite3_bind_int (cached->stmt, 5, (int) position);
  bind_number (cached->stmt, 6, question->number);
  rehearse_bind_text (cached->stmt, 7, question->text);
  rehearse_bind_text (cached->stmt, 8, question->answer);
  rehearse_bind_text (cached->stmt, 9, question->in_depth);
  rehearse_bind_text (cached->stmt, 10, question->prompt);

  rc = sqlite3_step (cached->stmt);
  if (rc != SQLITE_DONE)
    return rehearse_sqlite_error (import->library->db, rc, error,
                                  _("Could not store the question “%s”"), question->question_key);

  return TRUE;
}

/* Whether the stored row says what @question says. */
static gboolean
same_content (Import                  *import,
              StoredQuestion          *stored,
              RehearseParsedQuestion  *question,
              gboolean                *same,
              GError                 **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;
  gboolean has_row;

  cached = rehearse_library_statement (import->library,
                                       "SELECT number IS ?2 AND text IS ?3 AND answer IS ?4"
                                       " AND in_depth IS ?5 AND prompt IS ?6"
                                       " FROM questions WHERE id = ?1",
                                       error);
  if (cached == NULL)
    return FALSE;

  sqlite3_bind_int64 (cached->stmt, 1, stored->id);
  bind_number (cached->stmt, 2, question->number);
  rehearse_bind_text (cached->stmt, 3, question->text);
  rehearse_bind_text (cached->stmt, 4, question->answer);
  rehearse_bind_text (cached->stmt, 5, question->in_depth);
  rehearse_bind_text (cached->stmt, 6, question->prompt);
  if (!rehearse_sqlite_step_row (import->library->db, cached->stmt, &has_row, error))
    return FALSE;

  *same = has_row && sqlite3_column_int (cached->stmt, 0) != 0;
  return TRUE;
}

/* Counts the question as the result reports it: new, changed (its text,
 * answer, number or topic, or back from being an orphan) or not. A move
 * within its topic is no change. */
static gboolean
count_question (Import                  *import,
                RehearseParsedQuestion  *question,
                GError                 **error)
{
  StoredQuestion *stored = g_hash_table_lookup (import->questions, question->question_key);
  gint64 former_topic;
  gboolean same = FALSE;

  if (stored == NULL)
    {
      import->result.added++;
      return TRUE;
    }

  stored->seen = TRUE;
  former_topic = g_array_index (import->former_topics, gint64, question->topic_index);
  if (!stored->orphaned && stored->topic_id == former_topic && former_topic != 0
      && !same_content (import, stored, question, &same, error))
    return FALSE;

  if (same)
    import->result.unchanged++;
  else
    import->result.updated++;
  return TRUE;
}

static gboolean
stage_questions (Import  *import,
                 GError **error)
{
  for (guint i = 0; i < import->deck->questions->len; i++)
    {
      RehearseParsedQuestion *question = g_ptr_array_index (import->deck->questions, i);

      if (!check_key_free (import, question, error)
          || !insert_question (import, i, question, error)
          || !count_question (import, question, error)
          || !rehearse_batch_yield (&import->batch, error))
        return FALSE;
    }

  return TRUE;
}

/* ---- 3. Showing the staged generation -------------------------------------------- */

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

/* The question, gone from the deck, stays as an orphan: no topic, out of
 * every list and search. */
static gboolean
keep_as_orphan (Import          *import,
                StoredQuestion  *question,
                GError         **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;

  cached = rehearse_library_statement (import->library,
                                       "INSERT INTO questions (question_key, deck_id, generation,"
                                       " topic_id, position, number, text, answer, in_depth,"
                                       " prompt, orphaned, replaces)"
                                       " SELECT question_key, deck_id, ?2, NULL, position, number,"
                                       " text, answer, in_depth, prompt, 1, id"
                                       " FROM questions WHERE id = ?1",
                                       error);
  if (cached == NULL)
    return FALSE;

  sqlite3_bind_int64 (cached->stmt, 1, question->id);
  sqlite3_bind_int64 (cached->stmt, 2, import->generation);
  if (!step_done (import, cached->stmt, error))
    return FALSE;

  /* One orphaned by an earlier import is not news. */
  import->result.orphaned += question->orphaned ? 0 : 1;
  return TRUE;
}

/* Questions gone from the deck: kept as orphans while a bookmark, note or
 * review refers to them (their user data would otherwise point at
 * nothing), left with the old generation otherwise. Decided here, in the
 * transaction that shows the new generation, so that user data saved
 * during the import counts. */
static gboolean
settle_vanished_questions (Import  *import,
                           GError **error)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, import->questions);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      StoredQuestion *question = value;
      gboolean keep;

      if (question->seen)
        continue;

      if (!has_user_data (import, key, &keep, error))
        return FALSE;

      if (keep && !keep_as_orphan (import, question, error))
        return FALSE;

      import->result.removed += keep ? 0 : 1;
    }

  return TRUE;
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

  sqlite3_bind_int64 (cached->stmt, 1, import->stored.id);
  return step_done (import, cached->stmt, error);
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

      sqlite3_bind_int64 (cached->stmt, 1, import->stored.id);
      sqlite3_bind_int (cached->stmt, 2, (int) i);
      rehearse_bind_text (cached->stmt, 3, source->path != NULL ? source->path : "");
      rehearse_bind_text (cached->stmt, 4,
                          source->content_hash != NULL ? source->content_hash : "");
      sqlite3_bind_int64 (cached->stmt, 5, (sqlite3_int64) source->size);
      if (!step_done (import, cached->stmt, error))
        return FALSE;
      sqlite3_reset (cached->stmt);
    }

  return TRUE;
}

static gboolean
show_generation (Import  *import,
                 GError **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;

  cached = rehearse_library_statement (import->library,
                                       "UPDATE decks SET title = ?2, content_hash = ?3,"
                                       " imported_at = ?4, generation = ?5, state = ?6"
                                       " WHERE id = ?1",
                                       error);
  if (cached == NULL)
    return FALSE;

  sqlite3_bind_int64 (cached->stmt, 1, import->stored.id);
  rehearse_bind_text (cached->stmt, 2, import->deck->title);
  rehearse_bind_text (cached->stmt, 3, import->content_hash);
  sqlite3_bind_int64 (cached->stmt, 4, import->now);
  sqlite3_bind_int64 (cached->stmt, 5, import->generation);
  sqlite3_bind_int (cached->stmt, 6, REHEARSE_DECK_SHOWN);
  if (!step_done (import, cached->stmt, error))
    return FALSE;

  import->stored.state = REHEARSE_DECK_SHOWN;
  import->stored.generation = import->generation;
  return TRUE;
}

static gboolean
show_staged (Import  *import,
             GError **error)
{
  if (!settle_vanished_questions (import, error)
      || !delete_sources (import, error)
      || !insert_sources (import, error)
      || !show_generation (import, error))
    return FALSE;

  import->shown = TRUE;
  import->shown_at = import->batch.commits;
  return TRUE;
}

/* ---- The import ---------------------------------------------------------------------- */

/* Steps 1 to 4, in batches; *unchanged when another import stored the
 * same deck meanwhile, and nothing was written. */
static gboolean
import_in_batches (Import    *import,
                   gboolean  *unchanged,
                   GError   **error)
{
  if (!claim_deck (import, unchanged, error))
    return FALSE;

  if (*unchanged)
    return TRUE;

  import->generation = import->stored.generation + 1;
  return load_stored (import, error)
         && stage_topics (import, error)
         && stage_questions (import, error)
         && show_staged (import, error)
         && rehearse_library_clear_hidden (import->library, &import->batch, &import->stored,
                                           error)
         && rehearse_library_release_deck (import->library, import->stored.id, error);
}

/* After a failure: what this import staged and committed goes, as it
 * would at the next open; a failure here leaves it to that. */
static void
abandon_staged (Import *import)
{
  RehearseLibrary *self = import->library;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (import->batch.commits == 0)
    return;

  if (!rehearse_batch_begin (&import->batch, self, &error))
    return;

  ok = rehearse_library_read_deck_row (self, NULL, import->stored.id, &import->stored, &error)
       && import->stored.claim == rehearse_claim_get_token (import->claim)
       && rehearse_library_clear_hidden (self, &import->batch, &import->stored, &error)
       && (import->stored.state != REHEARSE_DECK_SHOWN
           || rehearse_library_release_deck (self, import->stored.id, &error));

  if (ok)
    ok = rehearse_batch_commit (&import->batch, &error);
  else
    rehearse_batch_rollback (&import->batch);

  if (!ok && error != NULL)
    g_message ("Could not yet delete what the failed import of “%s” staged: %s",
               import->deck->title, error->message);
}

/* Whether the generation this import staged has been shown: then the
 * import is done, whatever failed after. */
static gboolean
shown_committed (Import *import)
{
  return import->shown && import->batch.commits > import->shown_at;
}

static gboolean
run_import (Import    *import,
            GError   **error)
{
  RehearseLibrary *self = import->library;
  g_autoptr(GError) local_error = NULL;
  gboolean unchanged = FALSE;

  import->claim = rehearse_claim_new (self, error);
  if (import->claim == NULL || !rehearse_batch_begin (&import->batch, self, error))
    return FALSE;

  if (!import_in_batches (import, &unchanged, &local_error))
    {
      rehearse_batch_rollback (&import->batch);
      if (!shown_committed (import))
        {
          abandon_staged (import);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      /* The old generation stays hidden and goes at the next open. */
      g_message ("Imported “%s”, but could not delete what it replaced: %s",
                 import->deck->title, local_error->message);
      return TRUE;
    }

  if (unchanged)
    {
      /* Nothing was written: ending with ROLLBACK says so. */
      rehearse_batch_rollback (&import->batch);
      import->result.outcome = REHEARSE_IMPORT_UNCHANGED;
      return TRUE;
    }

  return rehearse_batch_commit (&import->batch, error);
}

/* With self->lock held, once the import is shown: what the deck kept for
 * undo is now what this update replaced, or nothing (a new deck; an undo
 * done). */
static void
keep_replaced (Import *import)
{
  RehearseLibrary *self = import->library;

  if (import->replaced == NULL)
    {
      rehearse_library_forget_replaced_version (self, import->stored.id);
      return;
    }

  import->replaced->replaced_by = import->stored.generation;
  import->replaced->replaced_by_hash = g_strdup (import->content_hash);
  rehearse_library_keep_replaced_version (self, g_steal_pointer (&import->replaced));
}

static gboolean
import_deck (Import  *import,
             GError **error)
{
  RehearseLibrary *self = import->library;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->long_write_lock);
  gboolean unchanged;

  if (!check_unchanged (import, &unchanged, error))
    return FALSE;

  if (!unchanged && !run_import (import, error))
    return FALSE;

  if (unchanged || import->result.outcome == REHEARSE_IMPORT_UNCHANGED)
    {
      import->result.outcome = REHEARSE_IMPORT_UNCHANGED;
      import->result.deck_id = import->stored.id;
      import->result.generation = import->stored.generation;
      import->result.unchanged = import->deck->questions->len;
      return TRUE;
    }

  g_rec_mutex_lock (&self->lock);
  rehearse_library_remember_own_decks_change (self);
  keep_replaced (import);
  g_rec_mutex_unlock (&self->lock);
  import->result.deck_id = import->stored.id;
  import->result.generation = import->stored.generation;
  return TRUE;
}

static void
import_init (Import             *import,
             RehearseLibrary    *self,
             RehearseParsedDeck *deck)
{
  import->library = self;
  import->deck = deck;
  import->now = rehearse_now_seconds ();
  import->content_hash = deck_content_hash (deck);
  import->topic_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_array_set_size (import->topic_ids, deck->topics->len);
  import->former_topics = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_array_set_size (import->former_topics, deck->topics->len);
  import->questions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

gboolean
rehearse_library_import_deck (RehearseLibrary       *self,
                              RehearseParsedDeck    *deck,
                              RehearseImportResult  *result,
                              GError               **error)
{
  g_auto(Import) import = { 0, };

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (deck != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate_deck (deck, error))
    return FALSE;

  import_init (&import, self, deck);
  if (!import_deck (&import, error))
    return FALSE;

  if (result != NULL)
    *result = import.result;
  return TRUE;
}

/* The deck row as it was too: its content hash (what the next import of
 * its files compares with, so that the undone changes come in again only
 * when they are imported again) and its date. */
gboolean
rehearse_library_put_back_version (RehearseLibrary      *self,
                                   RehearseDeckVersion  *version,
                                   GError              **error)
{
  g_auto(Import) import = { 0, };

  if (!validate_deck (version->deck, error))
    return FALSE;

  import_init (&import, self, version->deck);
  import.putting_back = version;
  import.now = version->imported_at;
  g_free (import.content_hash);
  import.content_hash = g_strdup (version->content_hash);
  return import_deck (&import, error);
}

/* ---- Deleting a deck ------------------------------------------------------------------ */

static gboolean
not_found (gint64   deck_id,
           GError **error)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, deck_id);

  g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_FOUND,
               _("There is no deck %s in the library"), id);
  return FALSE;
}

static gboolean
hide_deck (RehearseLibrary  *self,
           gint64            deck_id,
           GError          **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;

  cached = rehearse_library_statement (self, "UPDATE decks SET state = ?2 WHERE id = ?1", error);
  if (cached == NULL)
    return FALSE;

  sqlite3_bind_int64 (cached->stmt, 1, deck_id);
  sqlite3_bind_int (cached->stmt, 2, REHEARSE_DECK_REMOVING);
  return rehearse_sqlite_step_done (self->db, cached->stmt, error);
}

/* A deck is deleted while it is shown; undoing the import that created
 * it (@generation not 0), while that import is what it shows. */
static gboolean
check_deletable (RehearseDeckRow  *row,
                 gint64            deck_id,
                 gint64            generation,
                 GError          **error)
{
  gboolean shown = row->id != 0 && row->state == REHEARSE_DECK_SHOWN;

  if (generation == 0)
    return shown || not_found (deck_id, error);

  if (shown && row->generation == generation)
    return TRUE;

  rehearse_library_set_undo_refused_error (error, shown ? row->title : NULL);
  return FALSE;
}

/* Hidden first, in the first batch, then deleted a batch at a time: the
 * deck disappears at once for every reader. Interrupted, the deletion is
 * finished at the next open. Its questions leave their latest text with
 * the user data that outlives them (the questions_snapshot trigger). */
static gboolean
delete_in_batches (RehearseLibrary  *self,
                   RehearseBatch    *batch,
                   RehearseClaim    *claim,
                   gint64            deck_id,
                   gint64            generation,
                   GError          **error)
{
  RehearseDeckRow row = { 0, };
  gboolean ok;

  if (!rehearse_library_read_deck_row (self, NULL, deck_id, &row, error))
    return FALSE;

  ok = check_deletable (&row, deck_id, generation, error)
       && rehearse_library_take_deck (self, &row, claim, error)
       && hide_deck (self, deck_id, error);

  row.state = REHEARSE_DECK_REMOVING;
  ok = ok && rehearse_library_clear_hidden (self, batch, &row, error);
  rehearse_deck_row_clear (&row);
  return ok;
}

/* @generation 0: whichever the deck shows. */
gboolean
rehearse_library_delete_deck_generation (RehearseLibrary  *self,
                                         gint64            deck_id,
                                         gint64            generation,
                                         GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(RehearseClaim) claim = NULL;
  RehearseBatch batch = { 0, };

  locker = g_mutex_locker_new (&self->long_write_lock);
  claim = rehearse_claim_new (self, error);
  if (claim == NULL || !rehearse_batch_begin (&batch, self, error))
    return FALSE;

  if (!delete_in_batches (self, &batch, claim, deck_id, generation, error))
    {
      rehearse_batch_rollback (&batch);
      return FALSE;
    }

  if (!rehearse_batch_commit (&batch, error))
    return FALSE;

  g_rec_mutex_lock (&self->lock);
  rehearse_library_remember_own_decks_change (self);
  rehearse_library_forget_replaced_version (self, deck_id);
  g_rec_mutex_unlock (&self->lock);
  return TRUE;
}

gboolean
rehearse_library_delete_deck (RehearseLibrary  *self,
                              gint64            deck_id,
                              GError          **error)
{
  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return rehearse_library_delete_deck_generation (self, deck_id, 0, error);
}
