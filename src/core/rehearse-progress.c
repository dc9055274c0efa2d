/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rehearse-error.h"
#include "rehearse-library-private.h"
#include "rehearse-planner.h"
#include "rehearse-progress.h"

/* The progress figures and the study plan, read on the read-only
 * connection. SQL counts and sums; C does what needs FSRS (recall) or the
 * time zone (calendar days: SQLite knows UTC and the system's zone only).
 * Every scan is of an index or of one table in one pass, so a library of
 * 10,000 questions and 50,000 reviews takes milliseconds (bench: `due`). */

#define HOUR_MS ((gint64) 60 * 60 * 1000)

/* Beyond it, FSRS has nothing to say (its longest interval). */
#define MAX_PLAN_DAYS 36500

/* With no history: a review takes a minute, a new card two (its first
 * sight and its learning step). The history read is the latest reviews. */
#define DEFAULT_MINUTES_PER_REVIEW 1.0
#define TIME_SAMPLES 2000

/* ---- Calendar days in a time zone --------------------------------------------- */

static void
date_from_julian (GDate   *date,
                  guint32  julian)
{
  g_date_clear (date, 1);
  g_date_set_julian (date, julian);
}

/* The calendar day holding @time in @time_zone; FALSE for a time GLib
 * cannot represent (a row edited by hand). */
static gboolean
day_of (GTimeZone *time_zone,
        gint64     time,
        GDate     *date)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  int year, month, day;

  /* Rounded down, also before 1970. */
  utc = g_date_time_new_from_unix_utc (time >= 0 ? time / 1000 : (time - 999) / 1000);
  local = utc != NULL ? g_date_time_to_timezone (utc, time_zone) : NULL;
  if (local == NULL)
    return FALSE;

  g_date_time_get_ymd (local, &year, &month, &day);
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

/* When @date starts in @time_zone, unix ms (G_MAXINT64 past year 9999). */
static gint64
day_start (GTimeZone   *time_zone,
           const GDate *date)
{
  g_autoptr(GDateTime) start = g_date_time_new (time_zone, g_date_get_year (date),
                                                g_date_get_month (date),
                                                g_date_get_day (date), 0, 0, 0);

  return start != NULL ? g_date_time_to_unix (start) * 1000 : G_MAXINT64;
}

static gint64
julian_day_start (GTimeZone *time_zone,
                  guint32    julian)
{
  GDate date;

  date_from_julian (&date, julian);
  return day_start (time_zone, &date);
}

/* ---- Reviews per day and streaks ---------------------------------------------- */

typedef struct
{
  GTimeZone *time_zone;
  guint32    today;          /* julian */
  /* The day met last and its bounds, so that a new day is looked up only
   * when the reviews (in time order) leave it. */
  guint32    day;
  gint64     day_begins;
  gint64     day_ends;
  guint32    last_day;       /* the last day with a review; 0: none yet */
  guint      run;            /* days in a row up to last_day */
} DayCounter;

/* The julian day of @time, 0 when it has none. */
static guint32
counter_day (DayCounter *counter,
             gint64      time)
{
  GDate date;

  if (counter->day != 0 && time >= counter->day_begins && time < counter->day_ends)
    return counter->day;

  if (!day_of (counter->time_zone, time, &date))
    return 0;

  counter->day = g_date_get_julian (&date);
  counter->day_begins = day_start (counter->time_zone, &date);
  counter->day_ends = julian_day_start (counter->time_zone, counter->day + 1);
  return counter->day;
}

static void
count_review (DayCounter       *counter,
              RehearseProgress *progress,
              gint64            time)
{
  guint32 day = counter_day (counter, time);
  guint32 first_shown = counter->today + 1 - REHEARSE_PROGRESS_HEATMAP_DAYS;

  if (day == 0 || day > counter->today)
    return;

  if (day >= first_shown)
    progress->reviews_per_day[day - first_shown]++;

  if (day == counter->last_day)
    return;

  counter->run = counter->last_day != 0 && day == counter->last_day + 1 ? counter->run + 1 : 1;
  counter->last_day = day;
  progress->longest_streak = MAX (progress->longest_streak, counter->run);
}

/* The index on reviewed_at gives them in order without a sort. */
#define REVIEW_TIMES_SQL "SELECT reviewed_at FROM review_log ORDER BY reviewed_at"

static gboolean
count_days (RehearseReader    *reader,
            GTimeZone         *time_zone,
            guint32            today,
            RehearseProgress  *progress,
            GError           **error)
{
  g_autoptr(RehearseCachedStatement) cached = rehearse_reader_statement (reader, REVIEW_TIMES_SQL,
                                                                         error);
  DayCounter counter = { .time_zone = time_zone, .today = today };
  GError *local_error = NULL;

  if (cached == NULL)
    return FALSE;

  while (rehearse_sqlite_next_row (rehearse_reader_get_db (reader), cached->stmt, &local_error))
    count_review (&counter, progress, sqlite3_column_int64 (cached->stmt, 0));

  /* A streak is current while the day before today had a review: today
   * may still come. */
  if (counter.last_day != 0 && counter.last_day + 1 >= today)
    progress->current_streak = counter.run;

  return rehearse_sqlite_rows_done (local_error, error);
}

/* ---- Totals -------------------------------------------------------------------- */

/* The log in one pass over its index by time. */
#define TOTALS_SQL \
  "SELECT (SELECT count(*) FROM questions q WHERE q.orphaned = 0 AND " \
  REHEARSE_VISIBLE_SQL ("q") ")," \
  " count(*), coalesce (sum (time_spent), 0) FROM review_log"

static gboolean
read_totals (RehearseReader    *reader,
             RehearseProgress  *progress,
             GError           **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;
  gboolean has_row;

  cached = rehearse_reader_statement (reader, TOTALS_SQL, error);
  if (cached == NULL
      || !rehearse_sqlite_step_row (rehearse_reader_get_db (reader), cached->stmt, &has_row,
                                    error))
    return FALSE;

  if (has_row)
    {
      progress->questions_total = (guint) sqlite3_column_int64 (cached->stmt, 0);
      progress->reviews_total = (guint) sqlite3_column_int64 (cached->stmt, 1);
      progress->time_spent = sqlite3_column_int64 (cached->stmt, 2);
    }
  return TRUE;
}

/* ---- Recall now, overall and per topic ----------------------------------------- */

typedef struct
{
  gint64 topic_id;   /* first: the key, hashed as a gint64 */
  guint  seen;
  double recall;     /* summed */
} TopicRecall;

static TopicRecall *
lookup_topic_recall (GHashTable *recalls,
                     gint64      topic_id)
{
  TopicRecall *recall = g_hash_table_lookup (recalls, &topic_id);

  if (recall == NULL)
    {
      recall = g_new0 (TopicRecall, 1);
      recall->topic_id = topic_id;
      g_hash_table_add (recalls, recall);
    }

  return recall;
}

/* Every live question reviewed at least once. */
#define SEEN_SQL \
  "SELECT topic_id, state, stability, last_review FROM review_state" \
  " WHERE question_id IS NOT NULL AND last_review IS NOT NULL"

static gboolean
read_recall (RehearseReader                *reader,
             const RehearseFsrsParameters  *parameters,
             gint64                         now,
             RehearseProgress              *progress,
             GHashTable                    *recalls,
             GError                       **error)
{
  g_autoptr(RehearseCachedStatement) cached = rehearse_reader_statement (reader, SEEN_SQL, error);
  GError *local_error = NULL;
  double sum = 0;

  if (cached == NULL)
    return FALSE;

  while (rehearse_sqlite_next_row (rehearse_reader_get_db (reader), cached->stmt, &local_error))
    {
      sqlite3_stmt *stmt = cached->stmt;
      RehearseFsrsCard card = {
        .state = (RehearseCardState) CLAMP (sqlite3_column_int (stmt, 1),
                                            REHEARSE_CARD_STATE_NEW,
                                            REHEARSE_CARD_STATE_RELEARNING),
        .stability = sqlite3_column_double (stmt, 2),
        .last_review = sqlite3_column_int64 (stmt, 3),
      };
      double recall = rehearse_fsrs_retrievability (parameters, &card, now);
      TopicRecall *topic = lookup_topic_recall (recalls, sqlite3_column_int64 (stmt, 0));

      topic->seen++;
      topic->recall += recall;
      progress->questions_seen++;
      sum += recall;
    }

  if (progress->questions_seen > 0)
    progress->average_recall = sum / progress->questions_seen;

  return rehearse_sqlite_rows_done (local_error, error);
}

static void
topic_mastery_free (gpointer data)
{
  RehearseTopicMastery *topic = data;

  g_free (topic->deck_title);
  g_free (topic->topic_title);
  g_free (topic);
}

/* The topics shown, in the sidebar's order, with their live questions,
 * counted in the topics' index (an orphan has no topic). */
#define TOPICS_SQL \
  "SELECT t.id, t.deck_id, d.title, t.title," \
  " (SELECT count(*) FROM questions q WHERE q.topic_id = t.id)" \
  " FROM topics t JOIN decks d ON d.id = t.deck_id AND d.state = 0" \
  " WHERE t.generation = d.generation" \
  " ORDER BY d.title COLLATE NOCASE, d.id, t.position"

static gboolean
read_topics (RehearseReader    *reader,
             GHashTable        *recalls,
             GPtrArray         *topics,
             GError           **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;
  GError *local_error = NULL;

  cached = rehearse_reader_statement (reader, TOPICS_SQL, error);
  if (cached == NULL)
    return FALSE;

  while (rehearse_sqlite_next_row (rehearse_reader_get_db (reader), cached->stmt, &local_error))
    {
      sqlite3_stmt *stmt = cached->stmt;
      gint64 topic_id = sqlite3_column_int64 (stmt, 0);
      TopicRecall *recall = g_hash_table_lookup (recalls, &topic_id);
      RehearseTopicMastery *topic;
      guint questions = (guint) sqlite3_column_int64 (stmt, 4);

      if (questions == 0)
        continue;

      topic = g_new0 (RehearseTopicMastery, 1);
      topic->topic_id = topic_id;
      topic->deck_id = sqlite3_column_int64 (stmt, 1);
      topic->deck_title = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      topic->topic_title = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      topic->questions = questions;
      topic->seen = recall != NULL ? MIN (recall->seen, questions) : 0;
      /* Unseen questions count as forgotten: 0. */
      topic->average_recall = recall != NULL ? MIN (recall->recall / questions, 1.0) : 0;
      g_ptr_array_add (topics, topic);
    }

  return rehearse_sqlite_rows_done (local_error, error);
}

/* Weakest first; g_ptr_array_sort() is stable, so ties keep the sidebar's
 * order. */
static int
weakest_first (gconstpointer a,
               gconstpointer b)
{
  const RehearseTopicMastery *x = *(RehearseTopicMastery * const *) a;
  const RehearseTopicMastery *y = *(RehearseTopicMastery * const *) b;

  return (x->average_recall > y->average_recall) - (x->average_recall < y->average_recall);
}

/* ---- The due forecast ----------------------------------------------------------- */

/* The review_state_by_due index holds all of it. */
#define FORECAST_SQL \
  "SELECT due FROM review_state WHERE question_id IS NOT NULL AND due < ?1"

/* starts[i]: when day i (from today) starts; the last, when the forecast
 * ends. Overdue cards fall on today. */
static guint
forecast_day (const gint64 *starts,
              gint64        due)
{
  guint low = 0;
  guint high = REHEARSE_PROGRESS_FORECAST_DAYS - 1;

  while (low < high)
    {
      guint middle = (low + high + 1) / 2;

      if (starts[middle] <= due)
        low = middle;
      else
        high = middle - 1;
    }

  return low;
}

static gboolean
read_forecast (RehearseReader    *reader,
               GTimeZone         *time_zone,
               guint32            today,
               RehearseProgress  *progress,
               GError           **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;
  gint64 starts[REHEARSE_PROGRESS_FORECAST_DAYS + 1];
  GError *local_error = NULL;

  for (guint i = 0; i <= REHEARSE_PROGRESS_FORECAST_DAYS; i++)
    starts[i] = julian_day_start (time_zone, today + i);

  cached = rehearse_reader_statement (reader, FORECAST_SQL, error);
  if (cached == NULL)
    return FALSE;

  sqlite3_bind_int64 (cached->stmt, 1, starts[REHEARSE_PROGRESS_FORECAST_DAYS]);
  while (rehearse_sqlite_next_row (rehearse_reader_get_db (reader), cached->stmt, &local_error))
    progress->forecast_reviews[forecast_day (starts, sqlite3_column_int64 (cached->stmt, 0))]++;

  return rehearse_sqlite_rows_done (local_error, error);
}

/* ---- The plan ------------------------------------------------------------------------ */

static void
plan_topic_free (gpointer data)
{
  RehearsePlanTopic *topic = data;

  g_free (topic->deck_title);
  g_free (topic->topic_title);
  g_free (topic);
}

void
rehearse_plan_free (RehearsePlan *plan)
{
  if (plan == NULL)
    return;

  g_clear_pointer (&plan->days, g_array_unref);
  g_clear_pointer (&plan->topics, g_ptr_array_unref);
  g_free (plan);
}

/* Minutes a review and a new card take, from the median times of the
 * latest reviews: a new card is its first sight and one more look in its
 * learning step. */
#define TIMES_SQL \
  "SELECT state_before, time_spent FROM review_log WHERE time_spent > 0" \
  " ORDER BY id DESC LIMIT " G_STRINGIFY (TIME_SAMPLES)

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* In minutes; 0 without samples. */
static double
median_minutes (GArray *times)
{
  if (times->len == 0)
    return 0;

  g_array_sort (times, compare_gint64);
  return g_array_index (times, gint64, times->len / 2) / 60000.0;
}

static gboolean
estimate_minutes (RehearseReader        *reader,
                  RehearsePlannerInput  *input,
                  GError               **error)
{
  g_autoptr(RehearseCachedStatement) cached = rehearse_reader_statement (reader, TIMES_SQL, error);
  g_autoptr(GArray) first_sights = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) reviews = g_array_new (FALSE, FALSE, sizeof (gint64));
  GError *local_error = NULL;
  double first_sight, review;

  if (cached == NULL)
    return FALSE;

  while (rehearse_sqlite_next_row (rehearse_reader_get_db (reader), cached->stmt, &local_error))
    {
      gint64 time_spent = sqlite3_column_int64 (cached->stmt, 1);

      g_array_append_val (sqlite3_column_int (cached->stmt, 0) == REHEARSE_CARD_STATE_NEW
                          ? first_sights : reviews, time_spent);
    }
  if (!rehearse_sqlite_rows_done (local_error, error))
    return FALSE;

  first_sight = median_minutes (first_sights);
  review = median_minutes (reviews);
  if (review == 0)
    review = first_sight > 0 ? first_sight : DEFAULT_MINUTES_PER_REVIEW;

  input->minutes_per_review = review;
  input->minutes_per_new = first_sight > 0 ? first_sight + review : 2 * review;
  return TRUE;
}

/* A chosen question: where it is and its card. */
typedef struct
{
  gint64 deck_id;
  gint64 topic_id;
} PlanQuestion;

/* The cards of live questions, by question id: review_state knows where
 * each live question is, so the questions table (answers and all) is
 * never read. */
#define LIVE_CARDS_SQL \
  "SELECT question_id, state, stability, difficulty, due, last_review, learning_step, reps," \
  " lapses, scheduled_days, elapsed_days FROM review_state WHERE question_id IS NOT NULL"

static RehearseFsrsCard
card_from_row (sqlite3_stmt *stmt)
{
  return (RehearseFsrsCard) {
    .state = (RehearseCardState) CLAMP (sqlite3_column_int (stmt, 1),
                                        REHEARSE_CARD_STATE_NEW, REHEARSE_CARD_STATE_RELEARNING),
    .stability = sqlite3_column_double (stmt, 2),
    .difficulty = sqlite3_column_double (stmt, 3),
    .due = sqlite3_column_int64 (stmt, 4),
    .last_review = sqlite3_column_int64 (stmt, 5),
    .learning_step = (guint) MAX (0, sqlite3_column_int (stmt, 6)),
    .reps = (guint) MAX (0, sqlite3_column_int (stmt, 7)),
    .lapses = (guint) MAX (0, sqlite3_column_int (stmt, 8)),
    .scheduled_days = sqlite3_column_int (stmt, 9),
    .elapsed_days = sqlite3_column_int (stmt, 10),
  };
}

/* Question id (gint64 *) → RehearseFsrsCard *. */
static GHashTable *
read_live_cards (RehearseReader  *reader,
                 GError         **error)
{
  g_autoptr(RehearseCachedStatement) cached = rehearse_reader_statement (reader, LIVE_CARDS_SQL,
                                                                         error);
  g_autoptr(GHashTable) cards = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       g_free);
  GError *local_error = NULL;

  if (cached == NULL)
    return NULL;

  while (rehearse_sqlite_next_row (rehearse_reader_get_db (reader), cached->stmt, &local_error))
    {
      gint64 question_id = sqlite3_column_int64 (cached->stmt, 0);
      RehearseFsrsCard card = card_from_row (cached->stmt);

      g_hash_table_insert (cards, g_memdup2 (&question_id, sizeof question_id),
                           g_memdup2 (&card, sizeof card));
    }

  if (!rehearse_sqlite_rows_done (local_error, error))
    return NULL;
  return g_steal_pointer (&cards);
}

/* Live questions in reading order, the order new ones are studied in,
 * from the topics' index alone (every live question has a topic; an
 * orphan has none). */
#define PLAN_QUESTIONS_SQL \
  "SELECT t.deck_id, t.id, q.id FROM topics t JOIN decks d ON d.id = t.deck_id" \
  "  AND d.state = 0 AND t.generation = d.generation" \
  " JOIN questions q ON q.topic_id = t.id" \
  " ORDER BY d.title COLLATE NOCASE, d.id, t.position, q.position"

static gboolean
contains_id (const GArray *ids,
             gint64        id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;

  return FALSE;
}

static gboolean
is_chosen (const RehearsePlanSettings *settings,
           gboolean                    scoped,
           gint64                      deck_id,
           gint64                      topic_id)
{
  if (!scoped)
    return TRUE;

  return contains_id (settings->deck_ids, deck_id)
         || (topic_id != 0 && contains_id (settings->topic_ids, topic_id));
}

static gboolean
read_chosen (RehearseReader              *reader,
             const RehearsePlanSettings  *settings,
             gboolean                     scoped,
             gint64                       now,
             GArray                      *questions,
             GArray                      *cards,
             GError                     **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;
  g_autoptr(GHashTable) live_cards = read_live_cards (reader, error);
  GError *local_error = NULL;

  if (live_cards == NULL)
    return FALSE;

  cached = rehearse_reader_statement (reader, PLAN_QUESTIONS_SQL, error);
  if (cached == NULL)
    return FALSE;

  while (rehearse_sqlite_next_row (rehearse_reader_get_db (reader), cached->stmt, &local_error))
    {
      gint64 question_id = sqlite3_column_int64 (cached->stmt, 2);
      PlanQuestion question = {
        .deck_id = sqlite3_column_int64 (cached->stmt, 0),
        .topic_id = sqlite3_column_int64 (cached->stmt, 1),
      };
      RehearsePlannerCard card = { .first_day = -1, };
      RehearseFsrsCard *stored;

      if (!is_chosen (settings, scoped, question.deck_id, question.topic_id))
        continue;

      stored = g_hash_table_lookup (live_cards, &question_id);
      if (stored != NULL)
        card.card = *stored;
      else
        rehearse_fsrs_card_init (&card.card, now);
      g_array_append_val (questions, question);
      g_array_append_val (cards, card);
    }

  return rehearse_sqlite_rows_done (local_error, error);
}

/* The plan's topics: the chosen questions' mean predicted recall per
 * topic, titled from the topics query of the progress figures. */
#define TOPIC_TITLES_SQL \
  "SELECT t.deck_id, d.title, t.title FROM topics t JOIN decks d ON d.id = t.deck_id" \
  " WHERE t.id = ?1"

static gboolean
title_plan_topic (RehearseReader     *reader,
                  RehearsePlanTopic  *topic,
                  GError            **error)
{
  g_autoptr(RehearseCachedStatement) cached = rehearse_reader_statement (reader,
                                                                         TOPIC_TITLES_SQL,
                                                                         error);
  gboolean has_row;

  if (cached == NULL)
    return FALSE;

  sqlite3_bind_int64 (cached->stmt, 1, topic->topic_id);
  if (!rehearse_sqlite_step_row (rehearse_reader_get_db (reader), cached->stmt, &has_row, error))
    return FALSE;

  if (has_row)
    {
      topic->deck_title = g_strdup ((const char *) sqlite3_column_text (cached->stmt, 1));
      topic->topic_title = g_strdup ((const char *) sqlite3_column_text (cached->stmt, 2));
    }
  return TRUE;
}

static int
lowest_recall_first (gconstpointer a,
                     gconstpointer b)
{
  const RehearsePlanTopic *x = *(RehearsePlanTopic * const *) a;
  const RehearsePlanTopic *y = *(RehearsePlanTopic * const *) b;

  return (x->predicted_recall > y->predicted_recall) - (x->predicted_recall < y->predicted_recall);
}

static gboolean
gather_plan_topics (RehearseReader             *reader,
                    const GArray               *questions,
                    const RehearsePlannerCard  *cards,
                    GPtrArray                  *topics,
                    GError                    **error)
{
  /* Questions come grouped by topic, in reading order. */
  RehearsePlanTopic *topic = NULL;

  for (guint i = 0; i < questions->len; i++)
    {
      const PlanQuestion *question = &g_array_index (questions, PlanQuestion, i);

      if (question->topic_id == 0)
        continue;

      if (topic == NULL || topic->topic_id != question->topic_id)
        {
          topic = g_new0 (RehearsePlanTopic, 1);
          topic->deck_id = question->deck_id;
          topic->topic_id = question->topic_id;
          g_ptr_array_add (topics, topic);
          if (!title_plan_topic (reader, topic, error))
            return FALSE;
        }

      topic->questions++;
      topic->predicted_recall += cards[i].recall;
    }

  for (guint i = 0; i < topics->len; i++)
    {
      RehearsePlanTopic *each = g_ptr_array_index (topics, i);

      each->predicted_recall /= each->questions;
    }

  g_ptr_array_sort (topics, lowest_recall_first);
  return TRUE;
}

/* The days from today to the interview, with their starts; the interview
 * is thought of at midday (or now, if that is later, or past). */
static void
plan_calendar (RehearsePlan          *plan,
               GTimeZone             *time_zone,
               guint32                today,
               gint64                 now,
               GArray                *day_starts,
               RehearsePlannerInput  *input)
{
  guint n_days = (guint) MAX (plan->days_left, 0);
  gint64 interview_start;

  for (guint i = 0; i <= n_days; i++)
    {
      gint64 start = julian_day_start (time_zone, today + i);

      g_array_append_val (day_starts, start);
    }

  interview_start = g_array_index (day_starts, gint64, n_days);
  input->day_starts = (const gint64 *) (gpointer) day_starts->data;
  input->n_days = n_days;
  input->interview_time = plan->days_left < 0
                          ? now
                          : MAX (now, interview_start + REHEARSE_PLANNER_STUDY_HOUR * HOUR_MS);
}

static void
fill_plan_days (RehearsePlan             *plan,
                guint32                   today,
                const RehearsePlannerDay *days,
                guint                     n_days)
{
  for (guint i = 0; i < n_days; i++)
    {
      RehearsePlanDay day = {
        .new_cards = days[i].new_cards,
        .reviews = days[i].reviews,
        /* Rounded up, but not for the dust of floating point. */
        .minutes = (guint) ceil (days[i].minutes - 1e-6),
      };

      date_from_julian (&day.date, today + i);
      g_array_append_val (plan->days, day);
    }
}

static void
sum_recall (RehearsePlan                 *plan,
            const RehearseFsrsParameters *parameters,
            const RehearsePlannerCard    *cards,
            guint                         n_cards)
{
  double sum = 0;

  for (guint i = 0; i < n_cards; i++)
    sum += cards[i].recall;

  plan->questions = n_cards;
  plan->predicted_recall = n_cards > 0 ? sum / n_cards : 0;
  /* Nothing chosen is nothing reached. */
  plan->reaches_retention = n_cards > 0
                            && plan->predicted_recall >= parameters->desired_retention;
}

static gboolean
check_interview_date (const RehearsePlanSettings  *settings,
                      GDate                       *date,
                      GError                     **error)
{
  if (rehearse_plan_parse_date (settings->interview_date, date))
    return TRUE;

  g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT,
               _("The study plan’s interview date “%s” is not a date"), settings->interview_date);
  return FALSE;
}

static RehearsePlan *
plan_new (const GDate *interview,
          guint32      today)
{
  RehearsePlan *plan = g_new0 (RehearsePlan, 1);

  plan->interview_date = *interview;
  plan->days_left = (int) ((gint64) g_date_get_julian (interview) - today);
  plan->days = g_array_new (FALSE, TRUE, sizeof (RehearsePlanDay));
  plan->topics = g_ptr_array_new_with_free_func (plan_topic_free);
  return plan;
}

/* The cards studied today before now, new and seen before: today's plan
 * is what is left. Any question's count, as the daily limit is the
 * user's time, whatever it went to. */
#define DONE_TODAY_SQL \
  "SELECT count (DISTINCT question_key)," \
  " count (DISTINCT CASE WHEN state_before = 0 THEN question_key END)" \
  " FROM review_log WHERE reviewed_at >= ?1 AND reviewed_at <= ?2"

static gboolean
read_done_today (RehearseReader        *reader,
                 RehearsePlannerInput  *input,
                 GError               **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;
  gboolean has_row;
  guint cards;

  cached = rehearse_reader_statement (reader, DONE_TODAY_SQL, error);
  if (cached == NULL)
    return FALSE;

  sqlite3_bind_int64 (cached->stmt, 1, input->day_starts[0]);
  sqlite3_bind_int64 (cached->stmt, 2, input->now);
  if (!rehearse_sqlite_step_row (rehearse_reader_get_db (reader), cached->stmt, &has_row,
                                 error))
    return FALSE;

  cards = has_row ? (guint) sqlite3_column_int64 (cached->stmt, 0) : 0;
  input->new_today = has_row ? (guint) sqlite3_column_int64 (cached->stmt, 1) : 0;
  input->reviews_today = cards - MIN (cards, input->new_today);
  return TRUE;
}

/* Simulates the days of @plan for @cards. */
static gboolean
simulate (RehearseReader                *reader,
          RehearsePlan                  *plan,
          const RehearsePlanSettings    *settings,
          const RehearseFsrsParameters  *parameters,
          gint64                         now,
          GTimeZone                     *time_zone,
          guint32                        today,
          GArray                        *cards,
          GError                       **error)
{
  g_autoptr(GArray) day_starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree RehearsePlannerDay *days = NULL;
  RehearsePlannerInput input = {
    .parameters = parameters,
    .now = now,
    .daily_cards = settings->daily_cards,
    .daily_minutes = settings->daily_minutes,
  };

  if (!estimate_minutes (reader, &input, error))
    return FALSE;

  plan_calendar (plan, time_zone, today, now, day_starts, &input);
  if (input.n_days > 0 && !read_done_today (reader, &input, error))
    return FALSE;

  days = g_new0 (RehearsePlannerDay, MAX (input.n_days, 1));
  plan->unstudied = rehearse_planner_run (&input, (RehearsePlannerCard *) (gpointer) cards->data,
                                          cards->len, days);
  fill_plan_days (plan, today, days, input.n_days);
  return TRUE;
}

/* *plan NULL without an error when no interview date is set. */
static gboolean
build_plan (RehearseReader                *reader,
            const RehearseFsrsParameters  *parameters,
            gint64                         now,
            GTimeZone                     *time_zone,
            guint32                        today,
            RehearsePlan                 **plan_out,
            GError                       **error)
{
  g_autoptr(RehearsePlanSettings) settings = NULL;
  g_autoptr(RehearsePlan) plan = NULL;
  g_autoptr(GArray) questions = g_array_new (FALSE, FALSE, sizeof (PlanQuestion));
  g_autoptr(GArray) cards = g_array_new (FALSE, FALSE, sizeof (RehearsePlannerCard));
  gboolean scoped;
  GDate interview;

  *plan_out = NULL;
  settings = rehearse_library_read_plan_settings (reader, &scoped, error);
  if (settings == NULL)
    return FALSE;
  if (settings->interview_date == NULL)
    return TRUE;

  if (!check_interview_date (settings, &interview, error))
    return FALSE;

  plan = plan_new (&interview, today);
  if (plan->days_left > MAX_PLAN_DAYS)
    {
      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT,
                   _("The interview date %s is too far away to plan for"),
                   settings->interview_date);
      return FALSE;
    }

  if (!read_chosen (reader, settings, scoped, now, questions, cards, error)
      || !simulate (reader, plan, settings, parameters, now, time_zone, today, cards, error)
      || !gather_plan_topics (reader, questions, (RehearsePlannerCard *) (gpointer) cards->data,
                              plan->topics, error))
    return FALSE;

  sum_recall (plan, parameters, (RehearsePlannerCard *) (gpointer) cards->data, cards->len);
  *plan_out = g_steal_pointer (&plan);
  return TRUE;
}

/* Today, as a julian day in @time_zone. */
static gboolean
today_of (GTimeZone  *time_zone,
          gint64      now,
          guint32    *today,
          GError    **error)
{
  GDate date;

  if (day_of (time_zone, now, &date))
    {
      *today = g_date_get_julian (&date);
      return TRUE;
    }

  g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT,
               _("The time %lld ms is out of range"), (long long) now);
  return FALSE;
}

RehearsePlan *
rehearse_library_plan (RehearseLibrary              *self,
                       const RehearseFsrsParameters *parameters,
                       gint64                        now,
                       GTimeZone                    *time_zone,
                       GError                      **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  RehearseReader *reader;
  RehearsePlan *plan;
  guint32 today;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (parameters != NULL, NULL);
  g_return_val_if_fail (time_zone != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!today_of (time_zone, now, &today, error))
    return NULL;

  locker = g_mutex_locker_new (&self->reader_lock);
  reader = rehearse_library_get_reader (self, error);
  if (reader == NULL || !build_plan (reader, parameters, now, time_zone, today, &plan, error))
    return NULL;

  return plan;
}

/* ---- The figures ---------------------------------------------------------------------- */

void
rehearse_progress_free (RehearseProgress *progress)
{
  if (progress == NULL)
    return;

  g_clear_pointer (&progress->topics, g_ptr_array_unref);
  g_free (progress);
}

static gboolean
read_planned_new (RehearseReader                *reader,
                  const RehearseFsrsParameters  *parameters,
                  gint64                         now,
                  GTimeZone                     *time_zone,
                  guint32                        today,
                  RehearseProgress              *progress,
                  GError                       **error)
{
  g_autoptr(RehearsePlan) plan = NULL;

  if (!build_plan (reader, parameters, now, time_zone, today, &plan, error))
    return FALSE;

  if (plan == NULL)
    return TRUE;

  for (guint i = 0; i < MIN (plan->days->len, REHEARSE_PROGRESS_FORECAST_DAYS); i++)
    progress->forecast_new[i] = g_array_index (plan->days, RehearsePlanDay, i).new_cards;
  return TRUE;
}

static gboolean
read_progress (RehearseReader                *reader,
               const RehearseFsrsParameters  *parameters,
               gint64                         now,
               GTimeZone                     *time_zone,
               guint32                        today,
               RehearseProgress              *progress,
               GError                       **error)
{
  g_autoptr(GHashTable) recalls = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         NULL);

  if (!read_totals (reader, progress, error)
      || !read_recall (reader, parameters, now, progress, recalls, error)
      || !read_topics (reader, recalls, progress->topics, error)
      || !count_days (reader, time_zone, today, progress, error)
      || !read_forecast (reader, time_zone, today, progress, error))
    return FALSE;

  g_ptr_array_sort (progress->topics, weakest_first);
  return read_planned_new (reader, parameters, now, time_zone, today, progress, error);
}

RehearseProgress *
rehearse_library_get_progress (RehearseLibrary              *self,
                               const RehearseFsrsParameters *parameters,
                               gint64                        now,
                               GTimeZone                    *time_zone,
                               GError                      **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(RehearseProgress) progress = NULL;
  RehearseReader *reader;
  guint32 today;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (parameters != NULL, NULL);
  g_return_val_if_fail (time_zone != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!today_of (time_zone, now, &today, error))
    return NULL;

  progress = g_new0 (RehearseProgress, 1);
  progress->topics = g_ptr_array_new_with_free_func (topic_mastery_free);

  locker = g_mutex_locker_new (&self->reader_lock);
  reader = rehearse_library_get_reader (self, error);
  if (reader == NULL
      || !read_progress (reader, parameters, now, time_zone, today, progress, error))
    return NULL;

  return g_steal_pointer (&progress);
}

/* ---- In a thread ----------------------------------------------------------------------- */

typedef struct
{
  RehearseFsrsParameters  parameters;
  gint64                  now;
  GTimeZone              *time_zone;
} Reading;

static void
reading_free (gpointer data)
{
  Reading *reading = data;

  g_time_zone_unref (reading->time_zone);
  g_free (reading);
}

static GTask *
reading_task_new (RehearseLibrary              *self,
                  const RehearseFsrsParameters *parameters,
                  gint64                        now,
                  GTimeZone                    *time_zone,
                  gpointer                      source_tag,
                  GCancellable                 *cancellable,
                  GAsyncReadyCallback           callback,
                  gpointer                      user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Reading *reading = g_new0 (Reading, 1);

  reading->parameters = *parameters;
  reading->now = now;
  reading->time_zone = g_time_zone_ref (time_zone);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, reading, reading_free);
  return task;
}

static void
get_progress_in_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  Reading *reading = task_data;
  GError *error = NULL;
  RehearseProgress *progress = rehearse_library_get_progress (source_object, &reading->parameters,
                                                              reading->now, reading->time_zone,
                                                              &error);

  if (progress == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, progress, (GDestroyNotify) rehearse_progress_free);
}

void
rehearse_library_get_progress_async (RehearseLibrary              *self,
                                     const RehearseFsrsParameters *parameters,
                                     gint64                        now,
                                     GTimeZone                    *time_zone,
                                     GCancellable                 *cancellable,
                                     GAsyncReadyCallback           callback,
                                     gpointer                      user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (REHEARSE_IS_LIBRARY (self));
  g_return_if_fail (parameters != NULL);
  g_return_if_fail (time_zone != NULL);

  task = reading_task_new (self, parameters, now, time_zone,
                           rehearse_library_get_progress_async, cancellable, callback,
                           user_data);
  g_task_run_in_thread (task, get_progress_in_thread);
}

RehearseProgress *
rehearse_library_get_progress_finish (RehearseLibrary  *self,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == rehearse_library_get_progress_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
plan_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Reading *reading = task_data;
  GError *error = NULL;
  RehearsePlan *plan = rehearse_library_plan (source_object, &reading->parameters, reading->now,
                                              reading->time_zone, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, plan, (GDestroyNotify) rehearse_plan_free);
}

void
rehearse_library_plan_async (RehearseLibrary              *self,
                             const RehearseFsrsParameters *parameters,
                             gint64                        now,
                             GTimeZone                    *time_zone,
                             GCancellable                 *cancellable,
                             GAsyncReadyCallback           callback,
                             gpointer                      user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (REHEARSE_IS_LIBRARY (self));
  g_return_if_fail (parameters != NULL);
  g_return_if_fail (time_zone != NULL);

  task = reading_task_new (self, parameters, now, time_zone, rehearse_library_plan_async,
                           cancellable, callback, user_data);
  g_task_run_in_thread (task, plan_in_thread);
}

RehearsePlan *
rehearse_library_plan_finish (RehearseLibrary  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rehearse_library_plan_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
