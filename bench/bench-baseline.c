/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rehearse-bench.h"
#include "rehearse-library.h"

/* The baseline every import figure is measured against: the rows the parser
 * extracted, inserted with prepared statements in one transaction, with
 * nothing around them. The schema is not written here: a RehearseLibrary
 * opened on the new file creates it by its own migrations, so the tables,
 * indexes, triggers and FTS5 index the inserts go through are the ones an
 * import fills, whatever the schema becomes. Only the columns are named. */

typedef struct
{
  sqlite3_stmt *deck;
  sqlite3_stmt *source;
  sqlite3_stmt *topic;
  sqlite3_stmt *question;
} BareStatements;

static void
bare_statements_clear (BareStatements *statements)
{
  g_clear_pointer (&statements->deck, sqlite3_finalize);
  g_clear_pointer (&statements->source, sqlite3_finalize);
  g_clear_pointer (&statements->topic, sqlite3_finalize);
  g_clear_pointer (&statements->question, sqlite3_finalize);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BareStatements, bare_statements_clear)

static void
bind_text (sqlite3_stmt *statement,
           int           index,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (statement, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (statement, index);
}

/* The library's own columns, so the FTS5 triggers fire as in an import. */
static gboolean
bare_prepare (sqlite3         *db,
              BareStatements  *statements,
              GError         **error)
{
  statements->deck = bench_sqlite_prepare (db, "INSERT INTO decks (deck_key, title,"
                                               " content_hash, imported_at)"
                                               " VALUES (?1, ?2, ?3, ?4)", error);
  statements->source = bench_sqlite_prepare (db, "INSERT INTO sources (deck_id, position, path,"
                                                 " content_hash, size)"
                                                 " VALUES (?1, ?2, ?3, ?4, ?5)", error);
  statements->topic = bench_sqlite_prepare (db, "INSERT INTO topics (deck_id, position, title,"
                                                " icon) VALUES (?1, ?2, ?3, ?4)", error);
  statements->question = bench_sqlite_prepare (db, "INSERT INTO questions (question_key, deck_id,"
                                                   " topic_id, position, number, text, answer,"
                                                   " in_depth)"
                                                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                               error);

  return statements->deck != NULL && statements->source != NULL && statements->topic != NULL
         && statements->question != NULL;
}

static gboolean
bare_insert_deck (sqlite3             *db,
                  BareStatements      *statements,
                  RehearseParsedDeck  *deck,
                  gint64              *deck_id,
                  GError             **error)
{
  sqlite3_stmt *insert = statements->deck;

  bind_text (insert, 1, deck->deck_key);
  bind_text (insert, 2, deck->title);
  bind_text (insert, 3, "0000");
  sqlite3_bind_int64 (insert, 4, g_get_real_time () / G_USEC_PER_SEC);
  if (!bench_sqlite_insert (db, insert, deck_id, error))
    return FALSE;

  insert = statements->source;
  for (guint i = 0; i < deck->sources->len; i++)
    {
      RehearseParsedSource *source = g_ptr_array_index (deck->sources, i);

      sqlite3_bind_int64 (insert, 1, *deck_id);
      sqlite3_bind_int (insert, 2, (int) i);
      bind_text (insert, 3, source->path);
      bind_text (insert, 4, source->content_hash);
      sqlite3_bind_int64 (insert, 5, (sqlite3_int64) source->size);
      if (!bench_sqlite_insert (db, insert, NULL, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
bare_insert_topics (sqlite3             *db,
                    BareStatements      *statements,
                    RehearseParsedDeck  *deck,
                    gint64               deck_id,
                    GArray              *topic_ids,
                    GError             **error)
{
  for (guint i = 0; i < deck->topics->len; i++)
    {
      RehearseParsedTopic *topic = g_ptr_array_index (deck->topics, i);
      gint64 topic_id;

      sqlite3_bind_int64 (statements->topic, 1, deck_id);
      sqlite3_bind_int (statements->topic, 2, (int) i);
      bind_text (statements->topic, 3, topic->title);
      bind_text (statements->topic, 4, topic->icon);
      if (!bench_sqlite_insert (db, statements->topic, &topic_id, error))
        return FALSE;
      g_array_append_val (topic_ids, topic_id);
    }

  return TRUE;
}

static gboolean
bare_insert_questions (sqlite3             *db,
                       BareStatements      *statements,
                       RehearseParsedDeck  *deck,
                       gint64               deck_id,
                       GArray              *topic_ids,
                       GError             **error)
{
  sqlite3_stmt *insert = statements->question;

  for (guint i = 0; i < deck->questions->len; i++)
    {
      RehearseParsedQuestion *question = g_ptr_array_index (deck->questions, i);

      bind_text (insert, 1, question->question_key);
      sqlite3_bind_int64 (insert, 2, deck_id);
      sqlite3_bind_int64 (insert, 3, g_array_index (topic_ids, gint64, question->topic_index));
      sqlite3_bind_int (insert, 4, (int) i);
      if (question->number >= 0)
        sqlite3_bind_int (insert, 5, question->number);
      bind_text (insert, 6, question->text);
      bind_text (insert, 7, question->answer);
      bind_text (insert, 8, question->in_depth);
      if (!bench_sqlite_insert (db, insert, NULL, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
bare_insert (sqlite3             *db,
             RehearseParsedDeck  *deck,
             GError             **error)
{
  g_auto(BareStatements) statements = { NULL, };
  g_autoptr(GArray) topic_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 deck_id = 0;

  if (!bare_prepare (db, &statements, error) || !bench_sqlite_exec (db, "BEGIN", error))
    return FALSE;

  if (bare_insert_deck (db, &statements, deck, &deck_id, error)
      && bare_insert_topics (db, &statements, deck, deck_id, topic_ids, error)
      && bare_insert_questions (db, &statements, deck, deck_id, topic_ids, error))
    return bench_sqlite_exec (db, "COMMIT", error);

  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* The connection is set up like the library's own: WAL (already in the
 * file), normal synchronous commits, foreign keys enforced. */
gboolean
bench_baseline_insert (RehearseParsedDeck  *deck,
                       const char          *db_path,
                       double              *ms,
                       GError             **error)
{
  g_autoptr(RehearseLibrary) library = rehearse_library_open (db_path, error);
  g_autoptr(sqlite3) db = NULL;
  gint64 start;

  if (library == NULL)
    return FALSE;
  g_clear_object (&library);

  db = bench_sqlite_open (db_path, error);
  if (db == NULL || !bench_sqlite_exec (db, "PRAGMA journal_mode = WAL;"
                                            "PRAGMA synchronous = NORMAL;"
                                            "PRAGMA foreign_keys = ON;", error))
    return FALSE;

  start = g_get_monotonic_time ();
  if (!bare_insert (db, deck, error))
    return FALSE;
  *ms = bench_elapsed_ms (start);

  return TRUE;
}
