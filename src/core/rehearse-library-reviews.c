/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rehearse-error.h"
#include "rehearse-library-private.h"
#include "rehearse-question-list.h"

/* Reviews: the log of every review and each reviewed question's card state
 * (FSRS), keyed by question key. A review is written on the main
 * connection in one transaction (state read, scheduled, log row and new
 * state written); reads run on the read-only connection. The due queries
 * read review_state and its indexes only: the table knows where each live
 * question is (see the schema's triggers). Times are unix milliseconds. */

#define CARD_COLUMNS \
  "state, stability, difficulty, due, last_review, learning_step, reps, lapses," \
  " scheduled_days, elapsed_days"

/* Reads CARD_COLUMNS from @stmt's current row, from column 0. */
static void
card_from_row (sqlite3_stmt     *stmt,
               RehearseFsrsCard *card)
{
  /* Clamped: the scheduler looks its steps up by state and step, and a row
   * edited by hand must not send it out of bounds. */
  *card = (RehearseFsrsCard) {
    .state = (RehearseCardState) CLAMP (sqlite3_column_int (stmt, 0),
                                        REHEARSE_CARD_STATE_NEW, REHEARSE_CARD_STATE_RELEARNING),
    .stability = sqlite3_column_double (stmt, 1),
    .difficulty = sqlite3_column_double (stmt, 2),
    .due = sqlite3_column_int64 (stmt, 3),
    .last_review = sqlite3_column_int64 (stmt, 4),
    .learning_step = (guint) MAX (0, sqlite3_column_int (stmt, 5)),
    .reps = (guint) MAX (0, sqlite3_column_int (stmt, 6)),
    .lapses = (guint) MAX (0, sqlite3_column_int (stmt, 7)),
    .scheduled_days = sqlite3_column_int (stmt, 8),
    .elapsed_days = sqlite3_column_int (stmt, 9),
  };
}

/* Reads the card of @question_key with @stmt (CARD_COLUMNS, ?1 the key):
 * a new card due at @now when there is no row. */
static gboolean
read_card (sqlite3           *db,
           sqlite3_stmt      *stmt,
           const char        *question_key,
           gint64             now,
           RehearseFsrsCard  *card,
           GError           **error)
{
  GError *local_error = NULL;

  rehearse_bind_text (stmt, 1, question_key);
  if (rehearse_sqlite_next_row (db, stmt, &local_error))
    {
      card_from_row (stmt, card);
      return TRUE;
    }

  rehearse_fsrs_card_init (card, now);
  return rehearse_sqlite_rows_done (local_error, error);
}

#define CARD_SQL "SELECT " CARD_COLUMNS " FROM review_state WHERE question_key = ?1"

/* ---- Recording a review ---------------------------------------------------- */

#define KEY_KNOWN_SQL \
  "SELECT EXISTS (SELECT 1 FROM questions WHERE question_key = ?1)" \
  " OR EXISTS (SELECT 1 FROM review_state WHERE question_key = ?1)" \
  " OR EXISTS (SELECT 1 FROM bookmarks WHERE question_key = ?1)" \
  " OR EXISTS (SELECT 1 FROM notes WHERE question_key = ?1)"

/* A review of a typo would never show anywhere: the key must name a
 * question or have user data already. The caller holds the lock. */
static gboolean
check_key_known (RehearseLibrary  *self,
                 const char       *question_key,
                 GError          **error)
{
  g_autoptr(RehearseCachedStatement) cached = rehearse_library_statement (self, KEY_KNOWN_SQL,
                                                                          error);
  g_autoptr(GError) local_error = NULL;
  gboolean known;

  if (cached == NULL)
    return FALSE;

  rehearse_bind_text (cached->stmt, 1, question_key);
  known = rehearse_sqlite_next_row (self->db, cached->stmt, &local_error)
          && sqlite3_column_int (cached->stmt, 0) != 0;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!known)
    g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_FOUND,
                 _("There is no question “%s” in the library"), question_key);
  return known;
}

/* The live question's snapshot is taken anew at every review; a question
 * no deck holds keeps the snapshot it had. */
#define UPSERT_CARD_SQL \
  "INSERT INTO review_state (question_key, " CARD_COLUMNS ", question_text)" \
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11," \
  " (SELECT " REHEARSE_SNAPSHOT_SQL ("q") " FROM questions q WHERE q.question_key = ?1))" \
  " ON CONFLICT (question_key) DO UPDATE SET state = excluded.state," \
  "  stability = excluded.stability, difficulty = excluded.difficulty, due = excluded.due," \
  "  last_review = excluded.last_review, learning_step = excluded.learning_step," \
  "  reps = excluded.reps, lapses = excluded.lapses, scheduled_days = excluded.scheduled_days," \
  "  elapsed_days = excluded.elapsed_days," \
  "  question_text = coalesce (excluded.question_text, question_text)"

/* Where the card's live question is, as the schema's triggers put it. */
#define LOCATE_CARD_SQL \
  "UPDATE review_state SET (question_id, deck_id, topic_id) =" \
  " (SELECT q.id, q.deck_id, q.topic_id FROM questions q" \
  "  WHERE q.question_key = review_state.question_key AND q.orphaned = 0" \
  "    AND " REHEARSE_VISIBLE_SQL ("q") ")" \
  " WHERE question_key = ?1"

static gboolean
locate_card (RehearseLibrary  *self,
             const char       *question_key,
             GError          **error)
{
  g_autoptr(RehearseCachedStatement) cached = rehearse_library_statement (self, LOCATE_CARD_SQL,
                                                                          error);

  if (cached == NULL)
    return FALSE;

  rehearse_bind_text (cached->stmt, 1, question_key);
  return rehearse_sqlite_step_done (self->db, cached->stmt, error);
}

static gboolean
write_card (RehearseLibrary         *self,
            const char              *question_key,
            const RehearseFsrsCard  *card,
            GError                 **error)
{
  g_autoptr(RehearseCachedStatement) cached = rehearse_library_statement (self, UPSERT_CARD_SQL,
                                                                          error);

  if (cached == NULL)
    return FALSE;

  rehearse_bind_text (cached->stmt, 1, question_key);
  sqlite3_bind_int (cached->stmt, 2, card->state);
  sqlite3_bind_double (cached->stmt, 3, card->stability);
  sqlite3_bind_double (cached->stmt, 4, card->difficulty);
  sqlite3_bind_int64 (cached->stmt, 5, card->due);
  if (card->last_review != 0)
    sqlite3_bind_int64 (cached->stmt, 6, card->last_review);
  sqlite3_bind_int (cached->stmt, 7, (int) card->learning_step);
  sqlite3_bind_int (cached->stmt, 8, (int) card->reps);
  sqlite3_bind_int (cached->stmt, 9, (int) card->lapses);
  sqlite3_bind_int (cached->stmt, 10, card->scheduled_days);
  sqlite3_bind_int (cached->stmt, 11, card->elapsed_days);
  if (!rehearse_sqlite_step_done (self->db, cached->stmt, error))
    return FALSE;

  return locate_card (self, question_key, error);
}

#define INSERT_LOG_SQL \
  "INSERT INTO review_log (question_key, reviewed_at, grade, state_before, elapsed_days," \
  " scheduled_days, stability_before, difficulty_before, stability_after, difficulty_after," \
  " due_after, time_spent) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"

static gboolean
write_log (RehearseLibrary              *self,
           const char                   *question_key,
           const RehearseFsrsReviewLog  *log,
           const RehearseFsrsCard       *after,
           gint64                        time_spent,
           GError                      **error)
{
  g_autoptr(RehearseCachedStatement) cached = rehearse_library_statement (self, INSERT_LOG_SQL,
                                                                          error);

  if (cached == NULL)
    return FALSE;

  rehearse_bind_text (cached->stmt, 1, question_key);
  sqlite3_bind_int64 (cached->stmt, 2, log->reviewed_at);
  sqlite3_bind_int (cached->stmt, 3, log->grade);
  sqlite3_bind_int (cached->stmt, 4, log->state_before);
  sqlite3_bind_int (cached->stmt, 5, log->elapsed_days);
  sqlite3_bind_int (cached->stmt, 6, log->scheduled_days);
  sqlite3_bind_double (cached->stmt, 7, log->stability_before);
  sqlite3_bind_double (cached->stmt, 8, log->difficulty_before);
  sqlite3_bind_double (cached->stmt, 9, after->stability);
  sqlite3_bind_double (cached->stmt, 10, after->difficulty);
  sqlite3_bind_int64 (cached->stmt, 11, after->due);
  sqlite3_bind_int64 (cached->stmt, 12, MAX (time_spent, 0));
  return rehearse_sqlite_step_done (self->db, cached->stmt, error);
}

static char *
format_utc (gint64 time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time / 1000);

  return utc != NULL ? g_date_time_format (utc, "%Y-%m-%d %H:%M:%S UTC") : g_strdup ("?");
}

/* The log stays in time order, and the scheduler never sees time run
 * backwards. */
static gboolean
check_in_order (const char              *question_key,
                const RehearseFsrsCard  *card,
                gint64                   reviewed_at,
                GError                 **error)
{
  g_autofree char *when = NULL;
  g_autofree char *last = NULL;

  if (card->last_review == 0 || reviewed_at >= card->last_review)
    return TRUE;

  when = format_utc (reviewed_at);
  last = format_utc (card->last_review);
  g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT,
               _("A review of “%s” at %s would come before its last review, at %s"),
               question_key, when, last);
  return FALSE;
}

/* Inside the write transaction: the state is read there, so a review made
 * meanwhile by another program is built on, never overwritten. */
static gboolean
review_in_transaction (RehearseLibrary              *self,
                       const char                   *question_key,
                       const RehearseFsrsParameters *parameters,
                       RehearseGrade                 grade,
                       gint64                        reviewed_at,
                       gint64                        time_spent,
                       RehearseFsrsCard             *next,
                       GError                      **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;
  RehearseFsrsReviewLog log;
  RehearseFsrsCard card;

  if (!check_key_known (self, question_key, error))
    return FALSE;

  cached = rehearse_library_statement (self, CARD_SQL, error);
  if (cached == NULL
      || !read_card (self->db, cached->stmt, question_key, reviewed_at, &card, error)
      || !check_in_order (question_key, &card, reviewed_at, error))
    return FALSE;

  rehearse_fsrs_review (parameters, &card, grade, reviewed_at, next, &log);

  return write_card (self, question_key, next, error)
         && write_log (self, question_key, &log, next, time_spent, error);
}

static gboolean
check_grade (RehearseGrade   grade,
             GError        **error)
{
  if (grade >= REHEARSE_GRADE_AGAIN && grade <= REHEARSE_GRADE_EASY)
    return TRUE;

  g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT,
               _("A grade is 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy), not %d"), (int) grade);
  return FALSE;
}

gboolean
rehearse_library_write_review (RehearseLibrary              *self,
                               const char                   *question_key,
                               const RehearseFsrsParameters *parameters,
                               RehearseGrade                 grade,
                               gint64                        reviewed_at,
                               gint64                        time_spent,
                               RehearseFsrsCard             *card,
                               GError                      **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  RehearseFsrsCard next;
  gboolean ok;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (question_key != NULL, FALSE);
  g_return_val_if_fail (parameters != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_grade (grade, error))
    return FALSE;

  locker = g_rec_mutex_locker_new (&self->lock);
  if (!rehearse_library_begin_write (self, error))
    return FALSE;

  ok = review_in_transaction (self, question_key, parameters, grade, reviewed_at, time_spent,
                              &next, error);
  if (!rehearse_library_end_write (self, ok, TRUE, error))
    return FALSE;

  if (card != NULL)
    *card = next;
  return TRUE;
}

gboolean
rehearse_library_record_review (RehearseLibrary              *self,
                                const char                   *question_key,
                                const RehearseFsrsParameters *parameters,
                                RehearseGrade                 grade,
                                gint64                        reviewed_at,
                                gint64                        time_spent,
                                RehearseFsrsCard             *card,
                                GError                      **error)
{
  if (!rehearse_library_write_review (self, question_key, parameters, grade, reviewed_at,
                                      time_spent, card, error))
    return FALSE;

  rehearse_library_emit_user_data_changed (self, question_key);
  return TRUE;
}

/* ---- Reading ---------------------------------------------------------------- */

gboolean
rehearse_library_get_card (RehearseLibrary   *self,
                           const char        *question_key,
                           gint64             now,
                           RehearseFsrsCard  *card,
                           GError           **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(RehearseCachedStatement) cached = NULL;
  RehearseReader *reader;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (question_key != NULL, FALSE);
  g_return_val_if_fail (card != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_mutex_locker_new (&self->reader_lock);
  reader = rehearse_library_get_reader (self, error);
  cached = reader != NULL ? rehearse_reader_statement (reader, CARD_SQL, error) : NULL;

  return cached != NULL
         && read_card (rehearse_reader_get_db (reader), cached->stmt, question_key, now, card,
                       error);
}

/* Each uses one index of review_state, in its order: no sort. A question
 * is live when it has a row id there. */
#define DUE_SQL \
  "SELECT question_id FROM review_state" \
  " WHERE due <= ?1 AND question_id IS NOT NULL ORDER BY due, question_id"
#define DUE_IN_DECK_SQL \
  "SELECT question_id FROM review_state" \
  " WHERE deck_id = ?2 AND due <= ?1 ORDER BY due, question_id"
#define DUE_IN_TOPIC_SQL \
  "SELECT question_id FROM review_state" \
  " WHERE topic_id = ?3 AND due <= ?1 AND (?2 = 0 OR deck_id = ?2) ORDER BY due, question_id"

static const char *
due_sql (gint64 deck_id,
         gint64 topic_id)
{
  if (topic_id != 0)
    return DUE_IN_TOPIC_SQL;

  return deck_id != 0 ? DUE_IN_DECK_SQL : DUE_SQL;
}

static gboolean
collect_due_ids (RehearseReader  *reader,
                 gint64           now,
                 gint64           deck_id,
                 gint64           topic_id,
                 GArray          *ids,
                 GError         **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;
  GError *local_error = NULL;

  cached = rehearse_reader_statement (reader, due_sql (deck_id, topic_id), error);
  if (cached == NULL)
    return FALSE;

  sqlite3_bind_int64 (cached->stmt, 1, now);
  sqlite3_bind_int64 (cached->stmt, 2, deck_id);
  sqlite3_bind_int64 (cached->stmt, 3, topic_id);
  while (rehearse_sqlite_next_row (rehearse_reader_get_db (reader), cached->stmt, &local_error))
    {
      gint64 id = sqlite3_column_int64 (cached->stmt, 0);

      g_array_append_val (ids, id);
    }

  return rehearse_sqlite_rows_done (local_error, error);
}

GListModel *
rehearse_library_list_due (RehearseLibrary  *self,
                           gint64            now,
                           gint64            deck_id,
                           gint64            topic_id,
                           GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GArray) ids = NULL;
  RehearseReader *reader;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&self->reader_lock);
  reader = rehearse_library_get_reader (self, error);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (reader == NULL || !collect_due_ids (reader, now, deck_id, topic_id, ids, error))
    return NULL;

  return G_LIST_MODEL (rehearse_question_list_new (self, g_steal_pointer (&ids)));
}

/* The due entries of review_state_by_due and nothing else, counted here:
 * GROUP BY would sort them, or make SQLite scan every topic's entries. */
#define DUE_TOPICS_SQL \
  "SELECT topic_id FROM review_state WHERE due <= ?1 AND question_id IS NOT NULL"

typedef struct
{
  gint64 topic_id;   /* first: the key, hashed as a gint64 */
  guint  count;
} TopicCount;

/* The counter of @topic_id in @counts (TopicCount by topic), added at 0. */
static guint *
lookup_count (GHashTable *counts,
              gint64      topic_id)
{
  TopicCount *count = g_hash_table_lookup (counts, &topic_id);

  if (count == NULL)
    {
      count = g_new0 (TopicCount, 1);
      count->topic_id = topic_id;
      g_hash_table_add (counts, count);
    }

  return &count->count;
}

/* The due entries of review_state_by_due and nothing else, counted here:
 * GROUP BY would sort them, or have SQLite read every topic's entries. */
#define DUE_TOPICS_SQL \
  "SELECT topic_id FROM review_state WHERE due <= ?1 AND question_id IS NOT NULL"

static gboolean
count_due_by_topic (RehearseReader  *reader,
                    gint64           now,
                    guint           *total,
                    GHashTable      *counts,
                    GError         **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;
  GError *local_error = NULL;

  cached = rehearse_reader_statement (reader, DUE_TOPICS_SQL, error);
  if (cached == NULL)
    return FALSE;

  *total = 0;
  sqlite3_bind_int64 (cached->stmt, 1, now);
  while (rehearse_sqlite_next_row (rehearse_reader_get_db (reader), cached->stmt, &local_error))
    {
      (*lookup_count (counts, sqlite3_column_int64 (cached->stmt, 0)))++;
      (*total)++;
    }

  return rehearse_sqlite_rows_done (local_error, error);
}

/* As the API gives them: topic id (gint64 *) → GUINT_TO_POINTER (count). */
static GHashTable *
counts_by_topic (GHashTable *counts)
{
  GHashTable *by_topic = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      TopicCount *count = key;

      g_hash_table_insert (by_topic, g_memdup2 (&count->topic_id, sizeof count->topic_id),
                           GUINT_TO_POINTER (count->count));
    }

  return by_topic;
}

gboolean
rehearse_library_count_due (RehearseLibrary  *self,
                            gint64            now,
                            guint            *total,
                            GHashTable      **by_topic,
                            GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GHashTable) counts = NULL;
  RehearseReader *reader;
  guint sum;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_mutex_locker_new (&self->reader_lock);
  reader = rehearse_library_get_reader (self, error);
  counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  if (reader == NULL || !count_due_by_topic (reader, now, &sum, counts, error))
    return FALSE;

  if (total != NULL)
    *total = sum;
  if (by_topic != NULL)
    *by_topic = counts_by_topic (counts);
  return TRUE;
}

#define REVIEWS_SQL \
  "SELECT reviewed_at, grade, state_before, elapsed_days, scheduled_days, stability_before," \
  " difficulty_before, stability_after, difficulty_after, due_after, time_spent" \
  " FROM review_log WHERE question_key = ?1 ORDER BY reviewed_at, id"

static RehearseReview
review_from_row (sqlite3_stmt *stmt)
{
  return (RehearseReview) {
    .reviewed_at = sqlite3_column_int64 (stmt, 0),
    .grade = (RehearseGrade) sqlite3_column_int (stmt, 1),
    .state_before = (RehearseCardState) sqlite3_column_int (stmt, 2),
    .elapsed_days = sqlite3_column_int (stmt, 3),
    .scheduled_days = sqlite3_column_int (stmt, 4),
    .stability_before = sqlite3_column_double (stmt, 5),
    .difficulty_before = sqlite3_column_double (stmt, 6),
    .stability_after = sqlite3_column_double (stmt, 7),
    .difficulty_after = sqlite3_column_double (stmt, 8),
    .due_after = sqlite3_column_int64 (stmt, 9),
    .time_spent = sqlite3_column_int64 (stmt, 10),
  };
}

static gboolean
collect_reviews (RehearseReader  *reader,
                 const char      *question_key,
                 GArray          *reviews,
                 GError         **error)
{
  g_autoptr(RehearseCachedStatement) cached = rehearse_reader_statement (reader, REVIEWS_SQL,
                                                                         error);
  GError *local_error = NULL;

  if (cached == NULL)
    return FALSE;

  rehearse_bind_text (cached->stmt, 1, question_key);
  while (rehearse_sqlite_next_row (rehearse_reader_get_db (reader), cached->stmt, &local_error))
    {
      RehearseReview review = review_from_row (cached->stmt);

      g_array_append_val (reviews, review);
    }

  return rehearse_sqlite_rows_done (local_error, error);
}

GArray *
rehearse_library_list_reviews (RehearseLibrary  *self,
                               const char       *question_key,
                               GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GArray) reviews = NULL;
  RehearseReader *reader;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (question_key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&self->reader_lock);
  reader = rehearse_library_get_reader (self, error);
  reviews = g_array_new (FALSE, FALSE, sizeof (RehearseReview));
  if (reader == NULL || !collect_reviews (reader, question_key, reviews, error))
    return NULL;

  return g_steal_pointer (&reviews);
}

/* ---- For the quiz and the check ----------------------------------------------- */

#define SCHEDULED_SQL \
  "SELECT question_id, due FROM review_state" \
  " WHERE question_id IS NOT NULL ORDER BY due, question_id"

static gboolean
collect_scheduled (RehearseReader  *reader,
                   GArray          *scheduled,
                   GError         **error)
{
  g_autoptr(RehearseCachedStatement) cached = rehearse_reader_statement (reader, SCHEDULED_SQL,
                                                                         error);
  GError *local_error = NULL;

  if (cached == NULL)
    return FALSE;

  while (rehearse_sqlite_next_row (rehearse_reader_get_db (reader), cached->stmt, &local_error))
    {
      RehearseScheduled item = {
        .question_id = sqlite3_column_int64 (cached->stmt, 0),
        .due = sqlite3_column_int64 (cached->stmt, 1),
      };

      g_array_append_val (scheduled, item);
    }

  return rehearse_sqlite_rows_done (local_error, error);
}

GArray *
rehearse_library_list_scheduled (RehearseLibrary  *self,
                                 GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GArray) scheduled = NULL;
  RehearseReader *reader;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&self->reader_lock);
  reader = rehearse_library_get_reader (self, error);
  scheduled = g_array_new (FALSE, FALSE, sizeof (RehearseScheduled));
  if (reader == NULL || !collect_scheduled (reader, scheduled, error))
    return NULL;

  return g_steal_pointer (&scheduled);
}

/* Reviews logged; the questions kept for their reviews alone after their
 * deck was deleted (no row, no bookmark, no note), which the check counts
 * with the other orphans; and card states whose place (kept by triggers)
 * is not where their live question is. */
#define REVIEW_COUNTS_SQL \
  "SELECT (SELECT count(*) FROM review_log)," \
  " (SELECT count(*) FROM review_state r" \
  "  WHERE NOT EXISTS (SELECT 1 FROM questions q WHERE q.question_key = r.question_key)" \
  "  AND NOT EXISTS (SELECT 1 FROM bookmarks b WHERE b.question_key = r.question_key)" \
  "  AND NOT EXISTS (SELECT 1 FROM notes n WHERE n.question_key = r.question_key))," \
  " (SELECT count(*) FROM review_state r LEFT JOIN questions q" \
  "  ON q.question_key = r.question_key AND q.orphaned = 0 AND " REHEARSE_VISIBLE_SQL ("q") \
  "  WHERE r.question_id IS NOT q.id OR r.deck_id IS NOT q.deck_id" \
  "   OR r.topic_id IS NOT q.topic_id)"

gboolean
rehearse_library_check_reviews (RehearseLibrary        *self,
                                RehearseLibraryCounts  *counts,
                                GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *misplaced = NULL;

  /* Three counts: there is always a row, unless an error stopped it. */
  stmt = rehearse_sqlite_prepare (self->db, REVIEW_COUNTS_SQL, error);
  if (stmt == NULL || !rehearse_sqlite_next_row (self->db, stmt, error))
    return FALSE;

  counts->reviews = (guint) sqlite3_column_int64 (stmt, 0);
  counts->orphaned_questions += (guint) sqlite3_column_int64 (stmt, 1);
  if (sqlite3_column_int64 (stmt, 2) == 0)
    return TRUE;

  misplaced = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 2));
  g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_CORRUPT_DATABASE,
               _("The library “%s” is damaged: %s review schedules do not point at their "
                 "question"), self->path, misplaced);
  return FALSE;
}
