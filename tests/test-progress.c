/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include "rehearse-error.h"
#include "rehearse-progress.h"
#include "test-library-support.h"

/* The progress figures and the study plan on a real library: a made-up
 * history recorded through rehearse_library_record_review() at fixed
 * times, read at a fixed now in fixed time zones (UTC and Europe/Berlin,
 * with reviews near midnight, where the two disagree on the day). The
 * expected recalls come from the scheduler itself, so these tests check
 * what is counted and where, not FSRS. The plans are printed. */

#define SECOND ((gint64) 1000)
#define MINUTE (60 * SECOND)
#define HOUR (60 * MINUTE)
#define DAY (24 * HOUR)
/* 2026-03-10 10:00 UTC (11:00 in Berlin, before its summer time). */
#define NOW ((gint64) 1773136800000)
/* Midnight UTC starting 2026-03-10. */
#define TODAY_UTC (NOW - 10 * HOUR)

typedef struct
{
  TestLibraryFixture      base;
  RehearseFsrsParameters  parameters;
  GTimeZone              *utc;
  GTimeZone              *berlin;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  test_library_fixture_set_up (&f->base, data);
  rehearse_fsrs_parameters_init_default (&f->parameters);
  f->utc = g_time_zone_new_utc ();
  f->berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_assert_nonnull (f->berlin);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_time_zone_unref (f->utc);
  g_time_zone_unref (f->berlin);
  test_library_fixture_tear_down (&f->base, data);
}

/* ---- Helpers -------------------------------------------------------------------- */

/* "Deck": questions deck/1 … deck/@count over two topics, deck/1 to the
 * first half in "Topic 1". */
static gint64
import_deck (Fixture    *f,
             const char *title,
             guint       count,
             const char *version)
{
  g_autoptr(RehearseParsedDeck) deck = test_make_deck (title, 2, count, version);

  return test_import_ok (f->base.library, deck).deck_id;
}

static gint64
topic_id (Fixture *f,
          gint64   deck_id,
          guint    position)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) topics = rehearse_library_list_topics (f->base.library, deck_id, &error);
  g_autoptr(RehearseTopic) topic = NULL;

  g_assert_no_error (error);
  topic = g_list_model_get_item (topics, position);
  return rehearse_topic_get_id (topic);
}

static RehearseFsrsCard
review (Fixture       *f,
        const char    *question_key,
        RehearseGrade  grade,
        gint64         at,
        gint64         time_spent)
{
  g_autoptr(GError) error = NULL;
  RehearseFsrsCard card = { 0, };

  g_assert_true (rehearse_library_record_review (f->base.library, question_key, &f->parameters,
                                                 grade, at, time_spent, &card, &error));
  g_assert_no_error (error);
  return card;
}

static double
recall_now (Fixture    *f,
            const char *question_key)
{
  g_autoptr(GError) error = NULL;
  RehearseFsrsCard card;

  g_assert_true (rehearse_library_get_card (f->base.library, question_key, NOW, &card, &error));
  g_assert_no_error (error);
  return rehearse_fsrs_retrievability (&f->parameters, &card, NOW);
}

static RehearseProgress *
get_progress (Fixture   *f,
              gint64     now,
              GTimeZone *time_zone)
{
  g_autoptr(GError) error = NULL;
  RehearseProgress *progress = rehearse_library_get_progress (f->base.library, &f->parameters,
                                                              now, time_zone, &error);

  g_assert_no_error (error);
  g_assert_nonnull (progress);
  return progress;
}

static RehearseTopicMastery *
mastery_at (RehearseProgress *progress,
            guint             index)
{
  g_assert_cmpuint (index, <, progress->topics->len);
  return g_ptr_array_index (progress->topics, index);
}

/* The days from today in @time_zone to the day of @time there. */
static int
days_from_today (GTimeZone *time_zone,
                 gint64     time)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (NOW / 1000);
  g_autoptr(GDateTime) then = g_date_time_new_from_unix_utc (time / 1000);
  g_autoptr(GDateTime) local_now = g_date_time_to_timezone (now, time_zone);
  g_autoptr(GDateTime) local_then = g_date_time_to_timezone (then, time_zone);
  GDate today, day;
  int year, month, day_of_month;

  g_date_time_get_ymd (local_now, &year, &month, &day_of_month);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, day_of_month, month, year);
  g_date_time_get_ymd (local_then, &year, &month, &day_of_month);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, day_of_month, month, year);
  return g_date_days_between (&today, &day);
}

/* ---- Totals, recall and mastery --------------------------------------------------- */

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(RehearseProgress) progress = NULL;

  test_library_fixture_open (&f->base);
  progress = get_progress (f, NOW, f->utc);

  g_assert_cmpuint (progress->questions_total, ==, 0);
  g_assert_cmpuint (progress->questions_seen, ==, 0);
  g_assert_cmpuint (progress->reviews_total, ==, 0);
  g_assert_cmpfloat (progress->average_recall, ==, 0);
  g_assert_cmpint (progress->time_spent, ==, 0);
  g_assert_cmpuint (progress->current_streak, ==, 0);
  g_assert_cmpuint (progress->longest_streak, ==, 0);
  g_assert_cmpuint (progress->topics->len, ==, 0);
  for (guint i = 0; i < REHEARSE_PROGRESS_HEATMAP_DAYS; i++)
    g_assert_cmpuint (progress->reviews_per_day[i], ==, 0);
  for (guint i = 0; i < REHEARSE_PROGRESS_FORECAST_DAYS; i++)
    g_assert_cmpuint (progress->forecast_reviews[i] + progress->forecast_new[i], ==, 0);
}

static void
test_totals_and_mastery (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RehearseProgress) progress = NULL;
  RehearseTopicMastery *weakest, *strongest;
  RehearseFsrsCard card;
  double recall_1, recall_2;

  test_library_fixture_open (&f->base);
  /* Topic 1: deck/1–3; Topic 2: deck/4–6. */
  import_deck (f, "Deck", 6, "1");
  review (f, "deck/1", REHEARSE_GRADE_GOOD, NOW - 10 * DAY, 30 * SECOND);
  card = review (f, "deck/2", REHEARSE_GRADE_EASY, NOW - 30 * DAY, 45 * SECOND);
  review (f, "deck/2", REHEARSE_GRADE_GOOD, card.due, 15 * SECOND);
  review (f, "deck/6", REHEARSE_GRADE_GOOD, NOW - 2 * DAY, 10 * SECOND);
  /* deck/6 leaves the deck: an orphan, whose review still counts. */
  import_deck (f, "Deck", 5, "2");

  progress = get_progress (f, NOW, f->utc);
  recall_1 = recall_now (f, "deck/1");
  recall_2 = recall_now (f, "deck/2");
  g_test_message ("recall now: deck/1 %.4f, deck/2 %.4f", recall_1, recall_2);

  g_assert_cmpuint (progress->questions_total, ==, 5);
  g_assert_cmpuint (progress->questions_seen, ==, 2);
  g_assert_cmpuint (progress->reviews_total, ==, 4);
  g_assert_cmpint (progress->time_spent, ==, 100 * SECOND);
  g_assert_cmpfloat_with_epsilon (progress->average_recall, (recall_1 + recall_2) / 2, 1e-9);
  g_assert_cmpfloat (recall_1, <, 1);

  /* Topic 2 (deck/4–5, nothing seen now) is the weakest. */
  g_assert_cmpuint (progress->topics->len, ==, 2);
  weakest = mastery_at (progress, 0);
  strongest = mastery_at (progress, 1);
  g_assert_cmpstr (weakest->topic_title, ==, "Topic 2");
  g_assert_cmpstr (weakest->deck_title, ==, "Deck");
  g_assert_cmpuint (weakest->questions, ==, 2);
  g_assert_cmpuint (weakest->seen, ==, 0);
  g_assert_cmpfloat (weakest->average_recall, ==, 0);
  g_assert_cmpstr (strongest->topic_title, ==, "Topic 1");
  g_assert_cmpuint (strongest->questions, ==, 3);
  g_assert_cmpuint (strongest->seen, ==, 2);
  /* The unseen deck/3 counts as 0. */
  g_assert_cmpfloat_with_epsilon (strongest->average_recall, (recall_1 + recall_2) / 3, 1e-9);
  g_assert_cmpint (strongest->topic_id, ==, topic_id (f, strongest->deck_id, 0));
}

/* ---- Days ---------------------------------------------------------------------------- */

/* A run of five days in February; then 8 March 23:30 UTC (9 March in
 * Berlin), 9 March at noon and 10 March (today) at 09:00 UTC. */
static void
record_days (Fixture *f)
{
  gint64 february_1 = TODAY_UTC - 37 * DAY + 12 * HOUR;

  import_deck (f, "Deck", 10, "1");
  for (guint i = 0; i < 5; i++)
    review (f, "deck/1", REHEARSE_GRADE_GOOD, february_1 + i * DAY, 0);
  review (f, "deck/2", REHEARSE_GRADE_GOOD, TODAY_UTC - DAY - 30 * MINUTE, 0);
  review (f, "deck/3", REHEARSE_GRADE_GOOD, TODAY_UTC - DAY + 12 * HOUR, 0);
  review (f, "deck/4", REHEARSE_GRADE_GOOD, TODAY_UTC + 9 * HOUR, 0);
}

static guint
sum_days (const RehearseProgress *progress)
{
  guint sum = 0;

  for (guint i = 0; i < REHEARSE_PROGRESS_HEATMAP_DAYS; i++)
    sum += progress->reviews_per_day[i];
  return sum;
}

static void
test_days_utc (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(RehearseProgress) progress = NULL;
  const guint *last = NULL;

  test_library_fixture_open (&f->base);
  record_days (f);
  progress = get_progress (f, NOW, f->utc);
  last = progress->reviews_per_day + REHEARSE_PROGRESS_HEATMAP_DAYS - 1;

  g_test_message ("UTC: 8, 9, 10 March: %u %u %u; streak %u, longest %u", last[-2], last[-1],
                  last[0], progress->current_streak, progress->longest_streak);
  g_assert_cmpuint (last[0], ==, 1);
  g_assert_cmpuint (last[-1], ==, 1);
  g_assert_cmpuint (last[-2], ==, 1);
  /* 1–5 February: 37 to 33 days ago. */
  for (guint i = 33; i <= 37; i++)
    g_assert_cmpuint (last[-(int) i], ==, 1);
  g_assert_cmpuint (sum_days (progress), ==, 8);
  g_assert_cmpuint (progress->current_streak, ==, 3);
  g_assert_cmpuint (progress->longest_streak, ==, 5);
}

static void
test_days_berlin (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(RehearseProgress) progress = NULL;
  const guint *last = NULL;

  test_library_fixture_open (&f->base);
  record_days (f);
  progress = get_progress (f, NOW, f->berlin);
  last = progress->reviews_per_day + REHEARSE_PROGRESS_HEATMAP_DAYS - 1;

  g_test_message ("Berlin: 8, 9, 10 March: %u %u %u; streak %u, longest %u", last[-2],
                  last[-1], last[0], progress->current_streak, progress->longest_streak);
  /* 23:30 UTC on the 8th is 00:30 on the 9th in Berlin. */
  g_assert_cmpuint (last[0], ==, 1);
  g_assert_cmpuint (last[-1], ==, 2);
  g_assert_cmpuint (last[-2], ==, 0);
  g_assert_cmpuint (sum_days (progress), ==, 8);
  g_assert_cmpuint (progress->current_streak, ==, 2);
  g_assert_cmpuint (progress->longest_streak, ==, 5);
}

/* A streak lives on through a day not yet studied, and ends after it. */
static void
test_streak_ends (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(RehearseProgress) tomorrow = NULL;
  g_autoptr(RehearseProgress) later = NULL;

  test_library_fixture_open (&f->base);
  record_days (f);
  tomorrow = get_progress (f, NOW + DAY, f->utc);
  later = get_progress (f, NOW + 2 * DAY, f->utc);

  g_assert_cmpuint (tomorrow->current_streak, ==, 3);
  g_assert_cmpuint (tomorrow->reviews_per_day[REHEARSE_PROGRESS_HEATMAP_DAYS - 1], ==, 0);
  g_assert_cmpuint (tomorrow->reviews_per_day[REHEARSE_PROGRESS_HEATMAP_DAYS - 2], ==, 1);
  g_assert_cmpuint (later->current_streak, ==, 0);
  g_assert_cmpuint (later->longest_streak, ==, 5);
  /* Reviews 365 days before today or earlier are out of the heatmap. */
  review (f, "deck/5", REHEARSE_GRADE_GOOD, NOW + 2 * DAY, 0);
  g_clear_pointer (&later, rehearse_progress_free);
  later = get_progress (f, NOW + 367 * DAY, f->utc);
  g_assert_cmpuint (sum_days (later), ==, 0);
  g_assert_cmpuint (later->reviews_total, ==, 9);
}

/* ---- The forecast ------------------------------------------------------------------- */

static void
test_forecast (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(RehearseProgress) progress = NULL;
  guint expected[REHEARSE_PROGRESS_FORECAST_DAYS] = { 0, };
  const char *keys[] = { "deck/1", "deck/2", "deck/3", "deck/4", "deck/5", "deck/6" };
  RehearseFsrsCard cards[G_N_ELEMENTS (keys)];

  test_library_fixture_open (&f->base);
  import_deck (f, "Deck", 10, "1");
  cards[0] = review (f, keys[0], REHEARSE_GRADE_EASY, NOW - 20 * DAY, 0);     /* overdue */
  cards[1] = review (f, keys[1], REHEARSE_GRADE_EASY, NOW, 0);
  cards[2] = review (f, keys[2], REHEARSE_GRADE_GOOD, NOW, 0);                /* in 10 min */
  cards[3] = review (f, keys[3], REHEARSE_GRADE_EASY, NOW - 400 * DAY, 0);   /* far off */
  while (cards[3].due < NOW)
    cards[3] = review (f, keys[3], REHEARSE_GRADE_EASY, cards[3].due, 0);
  cards[4] = review (f, keys[4], REHEARSE_GRADE_GOOD, NOW - 13 * HOUR, 0);
  cards[4] = review (f, keys[4], REHEARSE_GRADE_GOOD, cards[4].due, 0);
  cards[5] = review (f, keys[5], REHEARSE_GRADE_HARD, NOW - 2 * DAY, 0);
  cards[5] = review (f, keys[5], REHEARSE_GRADE_GOOD, cards[5].due, 0);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      int day = MAX (0, days_from_today (f->berlin, cards[i].due));

      g_test_message ("%s falls due in %d days", keys[i], day);
      if (day < REHEARSE_PROGRESS_FORECAST_DAYS)
        expected[day]++;
    }
  g_assert_cmpint (days_from_today (f->berlin, cards[3].due), >=,
                   REHEARSE_PROGRESS_FORECAST_DAYS);

  progress = get_progress (f, NOW, f->berlin);
  for (guint i = 0; i < REHEARSE_PROGRESS_FORECAST_DAYS; i++)
    {
      g_assert_cmpuint (progress->forecast_reviews[i], ==, expected[i]);
      /* No plan: no new cards. */
      g_assert_cmpuint (progress->forecast_new[i], ==, 0);
    }
  g_assert_cmpuint (progress->forecast_reviews[0], >=, 2);
}

/* ---- Plan settings --------------------------------------------------------------- */

static RehearsePlanSettings *
get_settings (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  RehearsePlanSettings *settings = rehearse_library_get_plan_settings (f->base.library, &error);

  g_assert_no_error (error);
  g_assert_nonnull (settings);
  return settings;
}

static void
set_settings (Fixture    *f,
              const char *date,
              gint64      deck_id,
              gint64      topic_id,
              guint       minutes,
              guint       cards)
{
  g_autoptr(RehearsePlanSettings) settings = rehearse_plan_settings_new ();
  g_autoptr(GError) error = NULL;

  settings->interview_date = g_strdup (date);
  if (deck_id != 0)
    g_array_append_val (settings->deck_ids, deck_id);
  if (topic_id != 0)
    g_array_append_val (settings->topic_ids, topic_id);
  settings->daily_minutes = minutes;
  settings->daily_cards = cards;
  g_assert_true (rehearse_library_set_plan_settings (f->base.library, settings, &error));
  g_assert_no_error (error);
}

static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(RehearsePlanSettings) none = NULL;
  g_autoptr(RehearsePlanSettings) stored = NULL;
  g_autoptr(RehearsePlanSettings) reopened = NULL;
  g_autoptr(RehearsePlanSettings) reimported = NULL;
  g_autoptr(RehearsePlanSettings) cleared = NULL;
  g_autoptr(RehearsePlanSettings) bad = rehearse_plan_settings_new ();
  g_autoptr(GError) error = NULL;
  const char *not_dates[] = { "2026-2-01", "+026-01-01", "2026-01-01x", "2026-13-01",
                              "2027-02-29" };
  gint64 unknown_deck = 9999;
  gint64 deck, other, topic;
  GDate date;

  test_library_fixture_open (&f->base);
  deck = import_deck (f, "Deck", 6, "1");
  other = import_deck (f, "Other", 4, "1");
  topic = topic_id (f, other, 1);

  none = get_settings (f);
  g_assert_null (none->interview_date);
  g_assert_cmpuint (none->deck_ids->len + none->topic_ids->len, ==, 0);

  set_settings (f, "2026-04-01", deck, topic, 30, 25);
  test_assert_changes (&f->base, "(any)");
  stored = get_settings (f);
  g_assert_cmpstr (stored->interview_date, ==, "2026-04-01");
  g_assert_cmpuint (stored->deck_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (stored->deck_ids, gint64, 0), ==, deck);
  g_assert_cmpuint (stored->topic_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (stored->topic_ids, gint64, 0), ==, topic);
  g_assert_cmpuint (stored->daily_minutes, ==, 30);
  g_assert_cmpuint (stored->daily_cards, ==, 25);

  test_library_fixture_open (&f->base);
  reopened = get_settings (f);
  g_assert_cmpstr (reopened->interview_date, ==, "2026-04-01");

  /* A new version of the deck gives its topics new ids: the choice follows. */
  import_deck (f, "Other", 5, "2");
  g_assert_cmpint (topic_id (f, other, 1), !=, topic);
  reimported = get_settings (f);
  g_assert_cmpuint (reimported->topic_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (reimported->topic_ids, gint64, 0), ==, topic_id (f, other, 1));

  /* Dates exactly as stored, or not at all. */
  for (guint i = 0; i < G_N_ELEMENTS (not_dates); i++)
    g_assert_false (rehearse_plan_parse_date (not_dates[i], &date));
  g_assert_true (rehearse_plan_parse_date ("2028-02-29", &date));
  g_assert_cmpuint (g_date_get_day (&date), ==, 29);

  /* Refused, and the settings kept as they were. */
  bad->interview_date = g_strdup ("2026-02-30");
  g_assert_false (rehearse_library_set_plan_settings (f->base.library, bad, &error));
  g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_free (bad->interview_date);
  bad->interview_date = g_strdup ("2026-05-01");
  g_array_append_val (bad->deck_ids, unknown_deck);
  g_assert_false (rehearse_library_set_plan_settings (f->base.library, bad, &error));
  g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_FOUND);
  g_clear_pointer (&reopened, rehearse_plan_settings_free);
  reopened = get_settings (f);
  g_assert_cmpstr (reopened->interview_date, ==, "2026-04-01");
  g_assert_cmpuint (reopened->deck_ids->len, ==, 1);
  test_assert_check (f->base.library, NULL);

  set_settings (f, NULL, 0, 0, 0, 0);
  cleared = get_settings (f);
  g_assert_null (cleared->interview_date);
  g_assert_cmpuint (cleared->deck_ids->len + cleared->topic_ids->len, ==, 0);
}

static void
on_settings_set (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (rehearse_library_set_plan_settings_finish (REHEARSE_LIBRARY (source), result,
                                                            &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_settings_async (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RehearsePlanSettings) settings = rehearse_plan_settings_new ();
  g_autoptr(RehearsePlanSettings) stored = NULL;
  gboolean done = FALSE;

  test_library_fixture_open (&f->base);
  settings->interview_date = g_strdup ("2027-01-15");
  settings->daily_cards = 12;
  rehearse_library_set_plan_settings_async (f->base.library, settings, NULL, on_settings_set,
                                            &done);
  /* The call took a copy. */
  g_clear_pointer (&settings, rehearse_plan_settings_free);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  test_assert_changes (&f->base, "(any)");
  stored = get_settings (f);
  g_assert_cmpstr (stored->interview_date, ==, "2027-01-15");
  g_assert_cmpuint (stored->daily_cards, ==, 12);
}

/* ---- Plans ------------------------------------------------------------------------- */

static RehearsePlan *
get_plan (Fixture    *f,
          gint64      now,
          GTimeZone  *time_zone,
          const char *name)
{
  g_autoptr(GError) error = NULL;
  RehearsePlan *plan = rehearse_library_plan (f->base.library, &f->parameters, now, time_zone,
                                              &error);
  g_autofree char *interview = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (plan);

  interview = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&plan->interview_date),
                               g_date_get_month (&plan->interview_date),
                               g_date_get_day (&plan->interview_date));
  g_test_message ("%s: interview %s, %d days left, %u questions, %u unstudied, "
                  "predicted recall %.4f%s", name, interview, plan->days_left, plan->questions,
                  plan->unstudied, plan->predicted_recall,
                  plan->reaches_retention ? " (reaches the desired retention)" : "");
  for (guint i = 0; i < plan->days->len; i++)
    {
      const RehearsePlanDay *day = &g_array_index (plan->days, RehearsePlanDay, i);

      g_test_message ("  %04u-%02u-%02u: %u new, %u reviews, %u min", g_date_get_year (&day->date),
                      g_date_get_month (&day->date), g_date_get_day (&day->date), day->new_cards,
                      day->reviews, day->minutes);
    }
  for (guint i = 0; i < plan->topics->len; i++)
    {
      const RehearsePlanTopic *topic = g_ptr_array_index (plan->topics, i);

      g_test_message ("  %s / %s: %u questions, predicted recall %.4f", topic->deck_title,
                      topic->topic_title, topic->questions, topic->predicted_recall);
    }
  return plan;
}

/* The limits hold, days run from today, and new cards add up. */
static void
assert_plan_sound (RehearsePlan *plan,
                   GTimeZone    *time_zone,
                   guint         unseen,
                   guint         daily_cards,
                   guint         daily_minutes)
{
  guint introduced = 0;

  g_assert_cmpuint (plan->days->len, ==, (guint) MAX (plan->days_left, 0));
  for (guint i = 0; i < plan->days->len; i++)
    {
      const RehearsePlanDay *day = &g_array_index (plan->days, RehearsePlanDay, i);
      GDate expected = plan->interview_date;

      g_date_subtract_days (&expected, plan->days_left - i);
      g_assert_cmpint (g_date_compare (&day->date, &expected), ==, 0);
      if (daily_cards > 0)
        g_assert_cmpuint (day->new_cards + day->reviews, <=, daily_cards);
      if (daily_minutes > 0)
        g_assert_cmpuint (day->minutes, <=, daily_minutes);
      introduced += day->new_cards;
    }
  g_assert_cmpuint (introduced + plan->unstudied, ==, unseen);
}

static char *
date_in (GTimeZone *time_zone,
         int        days)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (NOW / 1000);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (now, time_zone);
  g_autoptr(GDateTime) then = g_date_time_add_days (local, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static void
set_interview_in (Fixture *f,
                  int      days,
                  guint    minutes,
                  guint    cards)
{
  g_autofree char *date = date_in (f->utc, days);

  set_settings (f, date, 0, 0, minutes, cards);
}

static void
test_plan_none (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  test_library_fixture_open (&f->base);
  import_deck (f, "Deck", 6, "1");
  g_assert_null (rehearse_library_plan (f->base.library, &f->parameters, NOW, f->utc, &error));
  g_assert_no_error (error);
}

static void
test_plan_dates (Fixture       *f,
                 gconstpointer  data)
{
  struct
  {
    const char *name;
    int         days;
    guint       cards;
    guint       expected_unstudied;   /* G_MAXUINT: 0 and the retention reached */
  } cases[] = {
    { "tomorrow", 1, 0, G_MAXUINT },
    { "in a week", 7, 0, G_MAXUINT },
    { "in three months", 91, 0, G_MAXUINT },
    { "in three months, 3 cards a day", 91, 3, G_MAXUINT },
    { "today", 0, 0, 40 },
    { "in the past", -3, 0, 40 },
    { "in a week, 4 cards a day", 7, 4, 12 },
  };

  test_library_fixture_open (&f->base);
  import_deck (f, "Deck", 40, "1");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RehearsePlan) plan = NULL;

      set_interview_in (f, cases[i].days, 0, cases[i].cards);
      plan = get_plan (f, NOW, f->utc, cases[i].name);

      g_assert_cmpint (plan->days_left, ==, cases[i].days);
      g_assert_cmpuint (plan->questions, ==, 40);
      assert_plan_sound (plan, f->utc, 40, cases[i].cards, 0);
      g_assert_cmpuint (plan->topics->len, ==, 2);
      if (cases[i].expected_unstudied == G_MAXUINT)
        {
          g_assert_cmpuint (plan->unstudied, ==, 0);
          g_assert_true (plan->reaches_retention);
          g_assert_cmpfloat (plan->predicted_recall, >=, f->parameters.desired_retention);
        }
      else
        {
          g_assert_cmpuint (plan->unstudied, ==, cases[i].expected_unstudied);
          g_assert_false (plan->reaches_retention);
        }
    }
}

/* The scope: a deck and a topic of another; a deck that went away leaves
 * nothing chosen, never everything. */
static void
test_plan_scope (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RehearsePlan) plan = NULL;
  g_autoptr(RehearsePlan) empty = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deck, other;
  g_autofree char *date = date_in (f->utc, 10);

  test_library_fixture_open (&f->base);
  deck = import_deck (f, "Deck", 6, "1");
  other = import_deck (f, "Other", 8, "1");
  set_settings (f, date, deck, topic_id (f, other, 1), 0, 0);
  plan = get_plan (f, NOW, f->utc, "Deck and Other's Topic 2");

  /* Other's Topic 2 holds 4 of its 8. */
  g_assert_cmpuint (plan->questions, ==, 10);
  g_assert_cmpuint (plan->topics->len, ==, 3);
  assert_plan_sound (plan, f->utc, 10, 0, 0);

  set_settings (f, date, other, 0, 0, 0);
  g_assert_true (rehearse_library_delete_deck (f->base.library, other, &error));
  g_assert_no_error (error);
  empty = get_plan (f, NOW, f->utc, "a deck deleted");
  g_assert_cmpuint (empty->questions, ==, 0);
  g_assert_cmpuint (empty->topics->len, ==, 0);
  g_assert_false (empty->reaches_retention);
  assert_plan_sound (empty, f->utc, 0, 0, 0);
}

/* Everything learnt already: no new cards, the reviews that fall due, and
 * the recall kept up. */
static void
test_plan_mastered (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RehearsePlan) plan = NULL;

  test_library_fixture_open (&f->base);
  import_deck (f, "Deck", 10, "1");
  for (guint i = 1; i <= 10; i++)
    {
      g_autofree char *key = g_strdup_printf ("deck/%u", i);
      RehearseFsrsCard card = review (f, key, REHEARSE_GRADE_EASY, NOW - 200 * DAY, 0);

      card = review (f, key, REHEARSE_GRADE_EASY, card.due, 0);
      while (card.due < NOW)
        card = review (f, key, REHEARSE_GRADE_GOOD, card.due, 0);
    }
  set_interview_in (f, 30, 0, 0);
  plan = get_plan (f, NOW, f->utc, "everything learnt, in a month");

  assert_plan_sound (plan, f->utc, 0, 0, 0);
  g_assert_cmpuint (plan->unstudied, ==, 0);
  g_assert_true (plan->reaches_retention);
  for (guint i = 0; i < plan->days->len; i++)
    g_assert_cmpuint (g_array_index (plan->days, RehearsePlanDay, i).new_cards, ==, 0);
}

/* Minutes come from the user's own median times: 90 s for a first sight,
 * 30 s for a later look; a new card is both. */
static void
test_plan_minutes (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RehearsePlan) plan = NULL;
  g_autoptr(RehearseProgress) progress = NULL;
  const RehearsePlanDay *today;

  test_library_fixture_open (&f->base);
  import_deck (f, "Deck", 20, "1");
  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *key = g_strdup_printf ("deck/%u", i);
      RehearseFsrsCard card = review (f, key, REHEARSE_GRADE_GOOD, NOW - 5 * DAY, 90 * SECOND);

      review (f, key, REHEARSE_GRADE_GOOD, card.due, 30 * SECOND);
    }
  set_interview_in (f, 4, 20, 0);
  plan = get_plan (f, NOW, f->utc, "four days, 20 minutes a day");

  assert_plan_sound (plan, f->utc, 17, 0, 20);
  today = &g_array_index (plan->days, RehearsePlanDay, 0);
  g_assert_cmpuint (today->minutes, ==, (guint) ceil (today->new_cards * 2.0
                                                      + today->reviews * 0.5 - 1e-6));
  /* 20 minutes hold 10 new cards at most. */
  g_assert_cmpuint (today->new_cards, <=, 10);
  g_assert_cmpuint (plan->unstudied, ==, 0);

  /* The progress page's forecast shows the plan's new cards. */
  progress = get_progress (f, NOW, f->utc);
  for (guint i = 0; i < plan->days->len; i++)
    g_assert_cmpuint (progress->forecast_new[i], ==,
                      g_array_index (plan->days, RehearsePlanDay, i).new_cards);
  for (guint i = plan->days->len; i < REHEARSE_PROGRESS_FORECAST_DAYS; i++)
    g_assert_cmpuint (progress->forecast_new[i], ==, 0);
}

/* Today's plan is what is left of today: five new cards studied an hour
 * ago are the day's spread (20 over four days), and take five of its
 * seven cards. */
static void
test_plan_done_today (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RehearsePlan) plan = NULL;
  const RehearsePlanDay *today;

  test_library_fixture_open (&f->base);
  import_deck (f, "Deck", 20, "1");
  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *key = g_strdup_printf ("deck/%u", i);

      review (f, key, REHEARSE_GRADE_GOOD, NOW - HOUR, 0);
    }
  set_interview_in (f, 5, 0, 7);
  plan = get_plan (f, NOW, f->utc, "five days, 5 of 20 studied this morning, 7 cards a day");

  assert_plan_sound (plan, f->utc, 15, 7, 0);
  today = &g_array_index (plan->days, RehearsePlanDay, 0);
  g_assert_cmpuint (today->new_cards, ==, 0);
  g_assert_cmpuint (today->reviews, ==, 2);
  g_assert_cmpuint (plan->unstudied, ==, 0);
}

/* Today is the day in the plan's time zone: 23:30 UTC is tomorrow in
 * Berlin, one day fewer to the interview. */
static void
test_plan_time_zone (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RehearsePlan) utc = NULL;
  g_autoptr(RehearsePlan) berlin = NULL;
  gint64 late = TODAY_UTC + 23 * HOUR + 30 * MINUTE;

  test_library_fixture_open (&f->base);
  import_deck (f, "Deck", 10, "1");
  set_interview_in (f, 5, 0, 0);
  utc = get_plan (f, late, f->utc, "5 days from 23:30 UTC, in UTC");
  berlin = get_plan (f, late, f->berlin, "5 days from 23:30 UTC, in Berlin");

  g_assert_cmpint (utc->days_left, ==, 5);
  g_assert_cmpint (berlin->days_left, ==, 4);
  g_assert_cmpuint (g_date_get_day (&g_array_index (utc->days, RehearsePlanDay, 0).date), ==, 10);
  g_assert_cmpuint (g_date_get_day (&g_array_index (berlin->days, RehearsePlanDay, 0).date), ==,
                    11);
  assert_plan_sound (utc, f->utc, 10, 0, 0);
  assert_plan_sound (berlin, f->berlin, 10, 0, 0);
}

/* ---- In a thread ------------------------------------------------------------------- */

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* The same figures and plan as the synchronous calls, and no plan (no
 * error) before a date is set. */
static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(RehearseProgress) expected = NULL;
  g_autoptr(RehearseProgress) progress = NULL;
  g_autoptr(RehearsePlan) expected_plan = NULL;
  g_autoptr(RehearsePlan) plan = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  test_library_fixture_open (&f->base);
  record_days (f);
  rehearse_library_plan_async (f->base.library, &f->parameters, NOW, f->berlin, NULL, on_result,
                               &result);
  g_assert_null (rehearse_library_plan_finish (f->base.library, wait_for_result (&result),
                                               &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  set_interview_in (f, 9, 15, 0);
  expected = get_progress (f, NOW, f->berlin);
  expected_plan = get_plan (f, NOW, f->berlin, "nine days, 15 minutes a day");
  rehearse_library_get_progress_async (f->base.library, &f->parameters, NOW, f->berlin, NULL,
                                       on_result, &result);
  progress = rehearse_library_get_progress_finish (f->base.library, wait_for_result (&result),
                                                   &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  rehearse_library_plan_async (f->base.library, &f->parameters, NOW, f->berlin, NULL, on_result,
                               &result);
  plan = rehearse_library_plan_finish (f->base.library, wait_for_result (&result), &error);
  g_assert_no_error (error);

  g_assert_cmpmem (progress->reviews_per_day, sizeof progress->reviews_per_day,
                   expected->reviews_per_day, sizeof expected->reviews_per_day);
  g_assert_cmpmem (progress->forecast_new, sizeof progress->forecast_new,
                   expected->forecast_new, sizeof expected->forecast_new);
  g_assert_cmpuint (progress->current_streak, ==, expected->current_streak);
  g_assert_cmpuint (progress->topics->len, ==, expected->topics->len);
  g_assert_cmpuint (plan->days->len, ==, 9);
  for (guint i = 0; i < plan->days->len; i++)
    {
      RehearsePlanDay *day = &g_array_index (plan->days, RehearsePlanDay, i);
      RehearsePlanDay *expected_day = &g_array_index (expected_plan->days, RehearsePlanDay, i);

      /* Not their bytes: a GDate caches the day, month and year once read. */
      g_assert_cmpint (g_date_compare (&day->date, &expected_day->date), ==, 0);
      g_assert_cmpuint (day->new_cards, ==, expected_day->new_cards);
      g_assert_cmpuint (day->reviews, ==, expected_day->reviews);
      g_assert_cmpuint (day->minutes, ==, expected_day->minutes);
    }
  g_assert_cmpfloat (plan->predicted_recall, ==, expected_plan->predicted_recall);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, function) \
  g_test_add (path, Fixture, NULL, fixture_set_up, function, fixture_tear_down)

  ADD ("/progress/empty", test_empty);
  ADD ("/progress/totals-and-mastery", test_totals_and_mastery);
  ADD ("/progress/days-utc", test_days_utc);
  ADD ("/progress/days-berlin", test_days_berlin);
  ADD ("/progress/streak-ends", test_streak_ends);
  ADD ("/progress/forecast", test_forecast);
  ADD ("/plan/settings", test_settings);
  ADD ("/plan/settings-async", test_settings_async);
  ADD ("/plan/none", test_plan_none);
  ADD ("/plan/dates", test_plan_dates);
  ADD ("/plan/scope", test_plan_scope);
  ADD ("/plan/mastered", test_plan_mastered);
  ADD ("/plan/minutes", test_plan_minutes);
  ADD ("/plan/time-zone", test_plan_time_zone);
  ADD ("/plan/done-today", test_plan_done_today);
  ADD ("/progress/async", test_async);

#undef ADD

  return g_test_run ();
}
