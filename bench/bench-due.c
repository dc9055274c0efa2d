/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <glib/gstdio.h>
#include <time.h>

#include "rehearse-bench.h"
#include "rehearse-importer.h"
#include "rehearse-library.h"
#include "rehearse-progress.h"

/* `rehearse-bench due`: the Due for Review list and the due counts the
 * sidebar shows, then the progress figures and an interview plan, on a
 * library of generated questions every one of which has been reviewed (the
 * most cards the due indexes can hold), with ten logged reviews a question
 * on average, at a fixed now.
 *
 * The questions are imported as usual; the reviews are not recorded
 * through the library, which takes a transaction and a scheduler run per
 * review (hours for a million): they are inserted by hand into the
 * library's own review_log and review_state, as bench-baseline.c does for
 * questions, with schedules as FSRS leaves them. Building takes minutes,
 * so with --cache-dir the library is kept there and reused. */

#define DEFAULT_DUE_QUESTIONS 100000
#define REVIEWS_PER_QUESTION  10
#define DUE_RUNS              25
#define DUE_ROWS_SHOWN        50   /* the rows a list shows at first */
#define DUE_SEED              5
#define DUE_CACHE_VERSION     1    /* bump when the generated reviews change */

#define TARGET_DUE_P95_MS     20.0
/* The progress page and the plan: no target in the issue; this one keeps
 * opening the page, all figures computed, under a tenth of a second. */
#define TARGET_PROGRESS_P95_MS 100.0
#define PLAN_DAYS              30

#define DAY_MS ((gint64) 24 * 60 * 60 * 1000)
/* 2026-12-05 12:00 UTC: the reviews are generated around it, so a cached
 * library stays as due as when it was made. */
#define DUE_NOW ((gint64) 1796472000 * 1000)

/* ---- Generating the reviews -------------------------------------------------- */

typedef struct
{
  sqlite3_stmt *log;
  sqlite3_stmt *card;
  GRand        *rand;
  guint64       reviews;
  guint         due;
} ReviewWriter;

static void
review_writer_clear (ReviewWriter *writer)
{
  g_clear_pointer (&writer->log, sqlite3_finalize);
  g_clear_pointer (&writer->card, sqlite3_finalize);
  g_clear_pointer (&writer->rand, g_rand_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ReviewWriter, review_writer_clear)

static gboolean
review_writer_prepare (sqlite3       *db,
                       ReviewWriter  *writer,
                       GError       **error)
{
  writer->log = bench_sqlite_prepare (db, "INSERT INTO review_log (question_key, reviewed_at,"
                                          " grade, state_before, elapsed_days, scheduled_days,"
                                          " stability_before, difficulty_before,"
                                          " stability_after, difficulty_after, due_after,"
                                          " time_spent)"
                                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
                                          " ?11, ?12)", error);
  writer->card = bench_sqlite_prepare (db, "INSERT INTO review_state (question_key, state,"
                                           " stability, difficulty, due, last_review,"
                                           " learning_step, reps, lapses, scheduled_days,"
                                           " elapsed_days, question_text, question_id, deck_id,"
                                           " topic_id)"
                                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, ?8, ?9, ?10,"
                                           " ?11, ?12, ?13, ?14)", error);
  writer->rand = g_rand_new_with_seed (DUE_SEED);

  return writer->log != NULL && writer->card != NULL;
}

/* Review counts averaging REVIEWS_PER_QUESTION, from 1 to twice that, summing
 * to exactly @question_count × REVIEWS_PER_QUESTION. */
static guint8 *
review_counts (GRand *rand,
               guint  question_count)
{
  guint8 *counts = g_new (guint8, question_count);
  gint64 missing = (gint64) question_count * REVIEWS_PER_QUESTION;

  for (guint i = 0; i < question_count; i++)
    {
      counts[i] = (guint8) g_rand_int_range (rand, 1, 2 * REVIEWS_PER_QUESTION);
      missing -= counts[i];
    }
  while (missing != 0)
    {
      guint i = g_rand_int_range (rand, 0, (gint32) question_count);

      if (missing > 0 && counts[i] < 2 * REVIEWS_PER_QUESTION)
        counts[i]++, missing--;
      else if (missing < 0 && counts[i] > 1)
        counts[i]--, missing++;
    }

  return counts;
}

static RehearseGrade
random_grade (GRand *rand)
{
  double draw = g_rand_double (rand);

  if (draw < 0.10)
    return REHEARSE_GRADE_AGAIN;
  if (draw < 0.20)
    return REHEARSE_GRADE_HARD;
  return draw < 0.95 ? REHEARSE_GRADE_GOOD : REHEARSE_GRADE_EASY;
}

/* One question's history, oldest first, ending with the last review at
 * @last_review that scheduled it @scheduled_days on; the intervals before
 * grow towards it as a learnt card's do. Lapses are returned. */
static gboolean
write_history (sqlite3       *db,
               ReviewWriter  *writer,
               const char    *question_key,
               guint          review_count,
               gint64         last_review,
               int            scheduled_days,
               guint         *lapses,
               GError       **error)
{
  g_autofree gint64 *times = g_new (gint64, review_count);
  gint64 interval = scheduled_days * DAY_MS;
  double stability = 0;

  for (guint i = review_count; i-- > 0;)
    {
      times[i] = i + 1 == review_count ? last_review : times[i + 1] - interval;
      interval = MAX (DAY_MS / 2, interval * 2 / 5);
    }

  *lapses = 0;
  for (guint i = 0; i < review_count; i++)
    {
      sqlite3_stmt *insert = writer->log;
      RehearseGrade grade = random_grade (writer->rand);
      int elapsed = i > 0 ? (int) ((times[i] - times[i - 1]) / DAY_MS) : 0;
      int scheduled = i + 1 < review_count ? (int) ((times[i + 1] - times[i]) / DAY_MS)
                                           : scheduled_days;
      double stability_after = MAX (0.5, (double) scheduled);

      *lapses += grade == REHEARSE_GRADE_AGAIN;
      sqlite3_bind_text (insert, 1, question_key, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (insert, 2, times[i]);
      sqlite3_bind_int (insert, 3, grade);
      sqlite3_bind_int (insert, 4, i == 0 ? REHEARSE_CARD_STATE_NEW : REHEARSE_CARD_STATE_REVIEW);
      sqlite3_bind_int (insert, 5, elapsed);
      sqlite3_bind_int (insert, 6, scheduled);
      sqlite3_bind_double (insert, 7, stability);
      sqlite3_bind_double (insert, 8, 5.0);
      sqlite3_bind_double (insert, 9, stability_after);
      sqlite3_bind_double (insert, 10, 5.0);
      sqlite3_bind_int64 (insert, 11, times[i] + scheduled * DAY_MS);
      sqlite3_bind_int64 (insert, 12, g_rand_int_range (writer->rand, 4000, 90000));
      if (!bench_sqlite_insert (db, insert, NULL, error))
        return FALSE;
      stability = stability_after;
    }

  writer->reviews += review_count;
  return TRUE;
}

/* A card last reviewed some time ago for an interval of 1 to 180 days, and
 * waited from 0 to 103 % of it: about 3 % of the cards are due at DUE_NOW,
 * overdue by up to 3 % of their interval. */
static gboolean
write_card (sqlite3       *db,
            ReviewWriter  *writer,
            sqlite3_stmt  *question,
            guint          review_count,
            GError       **error)
{
  const char *question_key = (const char *) sqlite3_column_text (question, 1);
  double spread = g_rand_double (writer->rand) * g_rand_double (writer->rand);
  int scheduled_days = (int) (1 + 179 * spread);
  gint64 waited = (gint64) (g_rand_double (writer->rand) * 1.03 * scheduled_days * DAY_MS);
  gint64 last_review = DUE_NOW - waited;
  gint64 due = last_review + scheduled_days * DAY_MS;
  g_autofree char *snapshot = NULL;
  sqlite3_stmt *insert = writer->card;
  guint lapses = 0;

  if (!write_history (db, writer, question_key, review_count, last_review, scheduled_days,
                      &lapses, error))
    return FALSE;

  snapshot = g_strdup_printf ("%d. %s", sqlite3_column_int (question, 4),
                              (const char *) sqlite3_column_text (question, 5));
  sqlite3_bind_text (insert, 1, question_key, -1, SQLITE_STATIC);
  sqlite3_bind_int (insert, 2, REHEARSE_CARD_STATE_REVIEW);
  sqlite3_bind_double (insert, 3, MAX (0.5, (double) scheduled_days));
  sqlite3_bind_double (insert, 4, 5.0);
  sqlite3_bind_int64 (insert, 5, due);
  sqlite3_bind_int64 (insert, 6, last_review);
  sqlite3_bind_int (insert, 7, (int) review_count);
  sqlite3_bind_int (insert, 8, (int) lapses);
  sqlite3_bind_int (insert, 9, scheduled_days);
  sqlite3_bind_int (insert, 10, (int) (waited / DAY_MS));
  sqlite3_bind_text (insert, 11, snapshot, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (insert, 12, sqlite3_column_int64 (question, 0));
  sqlite3_bind_int64 (insert, 13, sqlite3_column_int64 (question, 2));
  sqlite3_bind_int64 (insert, 14, sqlite3_column_int64 (question, 3));
  writer->due += due <= DUE_NOW;

  return bench_sqlite_insert (db, insert, NULL, error);
}

/* Every live question gets a card and its history, in one transaction. */
static gboolean
write_reviews (sqlite3       *db,
               guint          question_count,
               ReviewWriter  *writer,
               GError       **error)
{
  g_autoptr(sqlite3_stmt) questions = NULL;
  g_autofree guint8 *counts = NULL;
  guint index = 0;
  int status;

  questions = bench_sqlite_prepare (db, "SELECT id, question_key, deck_id, topic_id, number,"
                                        " text FROM questions WHERE orphaned = 0 ORDER BY id",
                                    error);
  if (questions == NULL || !review_writer_prepare (db, writer, error))
    return FALSE;
  counts = review_counts (writer->rand, question_count);

  if (!bench_sqlite_exec (db, "BEGIN", error))
    return FALSE;
  while ((status = sqlite3_step (questions)) == SQLITE_ROW && index < question_count)
    if (!write_card (db, writer, questions, counts[index++], error))
      {
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
        return FALSE;
      }

  return bench_sqlite_exec (db, "COMMIT", error);
}

/* ---- The library ------------------------------------------------------------- */

static gboolean
import_questions (Bench       *bench,
                  const char  *db_path,
                  guint        question_count,
                  GError     **error)
{
  g_autoptr(RehearseLibrary) library = rehearse_library_open (db_path, error);
  g_autoptr(GPtrArray) reports = NULL;
  g_auto(GStrv) paths = NULL;
  guint64 markdown_bytes = 0;
  guint imported = 0;

  if (library == NULL)
    return FALSE;
  paths = bench_write_series (bench, "due", question_count, &markdown_bytes, error);
  if (paths == NULL)
    return FALSE;

  reports = rehearse_importer_import (library, (const char * const *) paths, NULL);
  for (guint i = 0; paths[i] != NULL; i++)
    g_remove (paths[i]);
  return bench_reports_check (reports, &imported, error);
}

static gboolean
build_due_library (Bench       *bench,
                   const char  *db_path,
                   guint        question_count,
                   GError     **error)
{
  g_auto(ReviewWriter) writer = { NULL, };
  g_autoptr(sqlite3) db = NULL;
  gint64 start = g_get_monotonic_time ();
  double import_seconds;

  if (!import_questions (bench, db_path, question_count, error))
    return FALSE;
  import_seconds = bench_elapsed_ms (start) / 1000;

  /* Set up like the library's own connection. */
  db = bench_sqlite_open (db_path, error);
  if (db == NULL || !bench_sqlite_exec (db, "PRAGMA journal_mode = WAL;"
                                            "PRAGMA synchronous = NORMAL;"
                                            "PRAGMA foreign_keys = ON;", error)
      || !write_reviews (db, question_count, &writer, error)
      || !bench_sqlite_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", error))
    return FALSE;

  g_print ("  built in %.1f s (questions imported in %.1f s): %" G_GUINT64_FORMAT " reviews,"
           " %u cards due\n", bench_elapsed_ms (start) / 1000, import_seconds, writer.reviews,
           writer.due);
  return TRUE;
}

/* The cached library when there is one, else one built in its place (or in
 * the temporary folder without a cache folder). Built under another name
 * and renamed once complete, so an interrupted build is never reused. */
static RehearseLibrary *
open_due_library (Bench   *bench,
                  guint    question_count,
                  GError **error)
{
  g_autofree char *name = g_strdup_printf ("due-library-%u-v%d.db", question_count,
                                           DUE_CACHE_VERSION);
  g_autofree char *db_path = NULL;
  g_autofree char *partial_path = NULL;

  if (bench->cache_dir == NULL)
    {
      db_path = bench_new_path (bench, "due", "db");
      return build_due_library (bench, db_path, question_count, error)
             ? rehearse_library_open (db_path, error) : NULL;
    }

  db_path = g_build_filename (bench->cache_dir, name, NULL);
  if (g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      g_print ("  reused %s\n", db_path);
      return rehearse_library_open (db_path, error);
    }

  partial_path = g_strconcat (db_path, ".partial", NULL);
  rehearse_library_remove_files (partial_path);
  if (!build_due_library (bench, partial_path, question_count, error))
    return NULL;
  rehearse_library_remove_files (db_path);
  if (g_rename (partial_path, db_path) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   "cannot rename %s: %s", partial_path, g_strerror (errno));
      return NULL;
    }
  rehearse_library_remove_files (partial_path);
  g_print ("  kept in %s for the next runs\n", db_path);

  return rehearse_library_open (db_path, error);
}

/* ---- Timing ------------------------------------------------------------------ */

/* The Due for Review list as the sidebar opens it: the query, then the
 * rows it shows first. */
static gboolean
time_due_list (RehearseLibrary  *library,
               double           *ms,
               guint            *due,
               GError          **error)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GListModel) list = rehearse_library_list_due (library, DUE_NOW, 0, 0, error);

  if (list == NULL)
    return FALSE;
  *due = g_list_model_get_n_items (list);
  for (guint i = 0; i < MIN (*due, DUE_ROWS_SHOWN); i++)
    g_object_unref (g_list_model_get_item (list, i));

  *ms = bench_elapsed_ms (start);
  return TRUE;
}

/* @by_topic: the total and every topic's count, as the sidebar's badges;
 * else the total alone. */
static gboolean
time_due_counts (RehearseLibrary  *library,
                 gboolean          by_topic,
                 double           *ms,
                 guint            *due,
                 guint            *topics,
                 GError          **error)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GHashTable) counts = NULL;

  if (!rehearse_library_count_due (library, DUE_NOW, due, by_topic ? &counts : NULL, error))
    return FALSE;

  *ms = bench_elapsed_ms (start);
  *topics = counts != NULL ? g_hash_table_size (counts) : 0;
  return TRUE;
}

static void
print_due_figures (const char *label,
                   GArray     *runs)
{
  double p95 = bench_samples_percentile (runs, 0.95);

  g_print ("  %-44s p50 %6.2f ms   p95 %6.2f ms   max %6.2f ms   target p95 ≤ %.0f ms: ",
           label, bench_samples_median (runs), p95, bench_samples_percentile (runs, 1.0),
           TARGET_DUE_P95_MS);
  bench_print_verdict (p95, TARGET_DUE_P95_MS);
}

/* Each figure: one warm-up, then DUE_RUNS runs. */
static gboolean
time_due_figures (RehearseLibrary  *library,
                  GError          **error)
{
  g_autoptr(GArray) list_runs = bench_samples_new ();
  g_autoptr(GArray) total_runs = bench_samples_new ();
  g_autoptr(GArray) topic_runs = bench_samples_new ();
  guint listed = 0, counted = 0, topics = 0;

  for (guint run = 0; run <= DUE_RUNS; run++)
    {
      double list_ms, total_ms, topic_ms;

      if (!time_due_list (library, &list_ms, &listed, error)
          || !time_due_counts (library, FALSE, &total_ms, &counted, &topics, error)
          || !time_due_counts (library, TRUE, &topic_ms, &counted, &topics, error))
        return FALSE;
      if (run == 0)
        continue;
      bench_samples_add (list_runs, list_ms);
      bench_samples_add (total_runs, total_ms);
      bench_samples_add (topic_runs, topic_ms);
    }

  g_print ("  %u questions due in %u topics; %u runs of each after one warm-up:\n", listed,
           topics, DUE_RUNS);
  if (counted != listed)
    g_print ("  (the count, %u, is not the list's length)\n", counted);
  print_due_figures ("due list (query + first 50 rows)", list_runs);
  print_due_figures ("due count, total", total_runs);
  print_due_figures ("due counts, total and per topic", topic_runs);
  return TRUE;
}

/* ---- The progress figures and the plan ------------------------------------------ */

/* An interview PLAN_DAYS days after DUE_NOW, every deck, an hour a day. */
static gboolean
set_plan (RehearseLibrary  *library,
          GError          **error)
{
  g_autoptr(RehearsePlanSettings) settings = rehearse_plan_settings_new ();
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (DUE_NOW / 1000);
  g_autoptr(GDateTime) interview = g_date_time_add_days (now, PLAN_DAYS);

  settings->interview_date = g_date_time_format (interview, "%Y-%m-%d");
  settings->daily_minutes = 60;
  return rehearse_library_set_plan_settings (library, settings, error);
}

/* The process's CPU time, ms: on a loaded machine the wall clock also
 * counts the time other programs had the processor. */
static double
cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

static gboolean
time_progress (RehearseLibrary               *library,
               const RehearseFsrsParameters  *parameters,
               GTimeZone                     *time_zone,
               double                        *ms,
               double                        *cpu,
               GError                       **error)
{
  gint64 start = g_get_monotonic_time ();
  double cpu_start = cpu_ms ();
  g_autoptr(RehearseProgress) progress = rehearse_library_get_progress (library, parameters,
                                                                        DUE_NOW, time_zone,
                                                                        error);

  *ms = bench_elapsed_ms (start);
  *cpu = cpu_ms () - cpu_start;
  return progress != NULL;
}

static gboolean
time_plan (RehearseLibrary               *library,
           const RehearseFsrsParameters  *parameters,
           GTimeZone                     *time_zone,
           double                        *ms,
           double                        *cpu,
           guint                         *questions,
           GError                       **error)
{
  gint64 start = g_get_monotonic_time ();
  double cpu_start = cpu_ms ();
  g_autoptr(RehearsePlan) plan = rehearse_library_plan (library, parameters, DUE_NOW, time_zone,
                                                        error);

  *ms = bench_elapsed_ms (start);
  *cpu = cpu_ms () - cpu_start;
  *questions = plan != NULL ? plan->questions : 0;
  return plan != NULL;
}

static void
print_progress_figures (const char *label,
                        GArray     *runs,
                        GArray     *cpu_runs)
{
  double p95 = bench_samples_percentile (runs, 0.95);

  g_print ("  %-44s p50 %6.2f ms   p95 %6.2f ms   max %6.2f ms   target p95 ≤ %.0f ms: ",
           label, bench_samples_median (runs), p95, bench_samples_percentile (runs, 1.0),
           TARGET_PROGRESS_P95_MS);
  bench_print_verdict (p95, TARGET_PROGRESS_P95_MS);
  g_print ("  %-44s p50 %6.2f ms   p95 %6.2f ms   (CPU time)\n", "",
           bench_samples_median (cpu_runs), bench_samples_percentile (cpu_runs, 0.95));
}

/* Each figure: one warm-up, then DUE_RUNS runs, in Berlin's time zone. */
static gboolean
time_progress_figures (RehearseLibrary  *library,
                       GError          **error)
{
  g_autoptr(GArray) progress_runs = bench_samples_new ();
  g_autoptr(GArray) plan_runs = bench_samples_new ();
  g_autoptr(GArray) progress_cpu = bench_samples_new ();
  g_autoptr(GArray) plan_cpu = bench_samples_new ();
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  RehearseFsrsParameters parameters;
  guint questions = 0;

  rehearse_fsrs_parameters_init_default (&parameters);
  if (!set_plan (library, error))
    return FALSE;

  for (guint run = 0; run <= DUE_RUNS; run++)
    {
      double progress_ms, plan_ms, progress_cpu_ms, plan_cpu_ms;

      if (!time_progress (library, &parameters, berlin, &progress_ms, &progress_cpu_ms, error)
          || !time_plan (library, &parameters, berlin, &plan_ms, &plan_cpu_ms, &questions,
                         error))
        return FALSE;
      if (run == 0)
        continue;
      bench_samples_add (progress_runs, progress_ms);
      bench_samples_add (plan_runs, plan_ms);
      bench_samples_add (progress_cpu, progress_cpu_ms);
      bench_samples_add (plan_cpu, plan_cpu_ms);
    }

  g_print ("  progress and a %d-day plan of %u questions, an hour a day:\n", PLAN_DAYS,
           questions);
  print_progress_figures ("progress figures (with the plan's new cards)", progress_runs,
                          progress_cpu);
  print_progress_figures ("the plan alone", plan_runs, plan_cpu);
  return TRUE;
}

gboolean
bench_due (Bench   *bench,
           GError **error)
{
  guint question_count = bench->questions > 0 ? bench->questions : DEFAULT_DUE_QUESTIONS;
  g_autoptr(RehearseLibrary) library = NULL;

  g_print ("\nDUE on %u questions, %u reviews a question on average, now = 2026-12-05 12:00"
           " UTC\n", question_count, REVIEWS_PER_QUESTION);
  library = open_due_library (bench, question_count, error);
  if (library == NULL)
    return FALSE;

  return time_due_figures (library, error) && time_progress_figures (library, error);
}
