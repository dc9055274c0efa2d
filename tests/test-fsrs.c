/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <json-glib/json-glib.h>
#include <math.h>

#include "rehearse-fsrs.h"

#define DAY_MS      G_GINT64_CONSTANT (86400000)
#define MINUTE_MS   G_GINT64_CONSTANT (60000)
#define TOLERANCE   1e-4

/* 2022-11-29 12:30 UTC, the first review of the reference schedule. */
#define REFERENCE_START G_GINT64_CONSTANT (1669725000000)

/* Unix milliseconds of an ISO 8601 time ("2022-11-29T12:30:00.000Z").
 * GDateTime keeps microseconds that a decimal fraction may have missed by
 * one, so they are rounded to the millisecond. */
static gint64
time_from_iso (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (text, utc);

  g_assert_nonnull (time);

  return g_date_time_to_unix (time) * 1000 + (g_date_time_get_microsecond (time) + 500) / 1000;
}

static RehearseFsrsCard
review_card (gint64 last_review,
             double stability)
{
  RehearseFsrsCard card;

  rehearse_fsrs_card_init (&card, last_review);
  card.state = REHEARSE_CARD_STATE_REVIEW;
  card.stability = stability;
  card.difficulty = 5;
  card.last_review = last_review;

  return card;
}

/* ---- Public reference values ------------------------------------------------- */

static void
test_retrievability (void)
{
  static const double expected[] = { 1.0, 0.9, 0.84588465, 0.8093881 };
  RehearseFsrsParameters parameters;
  RehearseFsrsCard card = review_card (REFERENCE_START, 1.0);

  rehearse_fsrs_parameters_init_default (&parameters);

  for (guint days = 0; days < G_N_ELEMENTS (expected); days++)
    {
      double retrievability = rehearse_fsrs_retrievability (&parameters, &card,
                                                            REFERENCE_START + days * DAY_MS);

      g_assert_cmpfloat_with_epsilon (retrievability, expected[days], 1e-9);
    }

  /* Whole days only, as ts-fsrs counts them: 47 hours is still one day. */
  g_assert_cmpfloat_with_epsilon (rehearse_fsrs_retrievability (&parameters, &card, REFERENCE_START
                                                                + 47 * 60 * MINUTE_MS),
                                  0.9, 1e-9);
}

static void
test_retrievability_of_new_card (void)
{
  RehearseFsrsParameters parameters;
  RehearseFsrsCard card;

  rehearse_fsrs_parameters_init_default (&parameters);
  rehearse_fsrs_card_init (&card, REFERENCE_START);

  g_assert_cmpfloat (rehearse_fsrs_retrievability (&parameters, &card, REFERENCE_START + DAY_MS),
                     ==, 1.0);
}

static void
test_first_review (void)
{
  static const double stability[] = { 0.212, 1.2931, 2.3065, 8.2956 };
  static const double difficulty[] = { 6.4133, 5.11217071, 2.11810397, 1 };
  RehearseFsrsParameters parameters;

  rehearse_fsrs_parameters_init_default (&parameters);

  for (RehearseGrade grade = REHEARSE_GRADE_AGAIN; grade <= REHEARSE_GRADE_EASY; grade++)
    {
      RehearseFsrsCard card;

      rehearse_fsrs_card_init (&card, REFERENCE_START);
      rehearse_fsrs_review (&parameters, &card, grade, REFERENCE_START, &card, NULL);

      g_assert_cmpfloat_with_epsilon (card.stability, stability[grade - 1], 1e-9);
      g_assert_cmpfloat_with_epsilon (card.difficulty, difficulty[grade - 1], 1e-9);
      g_assert_cmpuint (card.reps, ==, 1);
      g_assert_cmpint (card.last_review, ==, REFERENCE_START);
    }
}

/* The memory state depends on the grades and the days between reviews
 * only, whatever the learning steps make of them. */
static void
test_memory_state (void)
{
  static const RehearseGrade grades[] = { 1, 3, 3, 3, 3, 3 };
  static const int day_gaps[] = { 0, 0, 1, 3, 8, 21 };
  RehearseFsrsParameters parameters;
  RehearseFsrsCard card;
  gint64 now = REFERENCE_START;

  rehearse_fsrs_parameters_init_default (&parameters);
  rehearse_fsrs_card_init (&card, now);

  for (guint i = 0; i < G_N_ELEMENTS (grades); i++)
    {
      now += day_gaps[i] * DAY_MS;
      rehearse_fsrs_review (&parameters, &card, grades[i], now, &card, NULL);
    }

  g_assert_cmpfloat_with_epsilon (card.stability, 53.62691, TOLERANCE);
  g_assert_cmpfloat_with_epsilon (card.difficulty, 6.3574867, TOLERANCE);
}

static void
test_reference_schedule (void)
{
  static const RehearseGrade grades[] = { 3, 3, 3, 3, 3, 3, 1, 1, 3, 3, 3, 3, 3 };
  static const int scheduled_days[] = { 0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21 };
  RehearseFsrsParameters parameters;
  RehearseFsrsCard card;

  rehearse_fsrs_parameters_init_default (&parameters);
  rehearse_fsrs_card_init (&card, REFERENCE_START);

  for (guint i = 0; i < G_N_ELEMENTS (grades); i++)
    {
      rehearse_fsrs_review (&parameters, &card, grades[i], card.due, &card, NULL);
      g_assert_cmpint (card.scheduled_days, ==, scheduled_days[i]);
    }
  g_assert_cmpuint (card.reps, ==, 13);
  g_assert_cmpuint (card.lapses, ==, 1);
}

/* ---- Scheduling details ------------------------------------------------------- */

static void
test_learning_steps (void)
{
  RehearseFsrsParameters parameters;
  RehearseFsrsCard card, next;

  rehearse_fsrs_parameters_init_default (&parameters);
  rehearse_fsrs_card_init (&card, REFERENCE_START);

  /* New: Again 1 min, Hard halfway between the steps (6 min), Good 10 min,
   * Easy straight to review. */
  rehearse_fsrs_review (&parameters, &card, REHEARSE_GRADE_AGAIN, REFERENCE_START, &next, NULL);
  g_assert_cmpint (next.due - REFERENCE_START, ==, 1 * MINUTE_MS);
  g_assert_cmpint (next.state, ==, REHEARSE_CARD_STATE_LEARNING);
  rehearse_fsrs_review (&parameters, &card, REHEARSE_GRADE_HARD, REFERENCE_START, &next, NULL);
  g_assert_cmpint (next.due - REFERENCE_START, ==, 6 * MINUTE_MS);
  rehearse_fsrs_review (&parameters, &card, REHEARSE_GRADE_GOOD, REFERENCE_START, &next, NULL);
  g_assert_cmpint (next.due - REFERENCE_START, ==, 10 * MINUTE_MS);
  g_assert_cmpuint (next.learning_step, ==, 1);
  rehearse_fsrs_review (&parameters, &card, REHEARSE_GRADE_EASY, REFERENCE_START, &next, NULL);
  g_assert_cmpint (next.state, ==, REHEARSE_CARD_STATE_REVIEW);
  g_assert_cmpint (next.scheduled_days, ==, 8);
  g_assert_cmpint (next.due - REFERENCE_START, ==, 8 * DAY_MS);

  /* A review card forgotten relearns for 10 min; a lapse is counted. */
  card = review_card (REFERENCE_START, 10);
  rehearse_fsrs_review (&parameters, &card, REHEARSE_GRADE_AGAIN, REFERENCE_START + 10 * DAY_MS,
                        &next, NULL);
  g_assert_cmpint (next.state, ==, REHEARSE_CARD_STATE_RELEARNING);
  g_assert_cmpint (next.due - (REFERENCE_START + 10 * DAY_MS), ==, 10 * MINUTE_MS);
  g_assert_cmpuint (next.lapses, ==, 1);
}

/* Hard never after Good, Good and Easy each a day after the grade below,
 * even where their stabilities round to the same interval. */
static void
test_interval_order (void)
{
  RehearseFsrsParameters parameters;
  RehearseFsrsCard card = review_card (REFERENCE_START, 0.5);
  int days[5] = { 0, };

  rehearse_fsrs_parameters_init_default (&parameters);

  for (RehearseGrade grade = REHEARSE_GRADE_HARD; grade <= REHEARSE_GRADE_EASY; grade++)
    {
      RehearseFsrsCard next;

      rehearse_fsrs_review (&parameters, &card, grade, REFERENCE_START + DAY_MS, &next, NULL);
      days[grade] = next.scheduled_days;
    }

  g_assert_cmpint (days[REHEARSE_GRADE_HARD], >=, 1);
  g_assert_cmpint (days[REHEARSE_GRADE_GOOD], >, days[REHEARSE_GRADE_HARD]);
  g_assert_cmpint (days[REHEARSE_GRADE_EASY], >, days[REHEARSE_GRADE_GOOD]);
}

/* The maximum bounds each grade's interval before they are put in order,
 * so Good and Easy may pass it by a day or two, as in ts-fsrs. */
static void
test_maximum_interval (void)
{
  static const int expected[][3] = { { 36500, 36501, 36502 }, { 100, 101, 102 } };
  static const int maximum_intervals[] = { 36500, 100 };
  RehearseFsrsParameters parameters;
  RehearseFsrsCard card = review_card (REFERENCE_START, 30000);
  gint64 now = REFERENCE_START + 30000 * DAY_MS;

  rehearse_fsrs_parameters_init_default (&parameters);

  for (guint i = 0; i < G_N_ELEMENTS (maximum_intervals); i++)
    {
      parameters.maximum_interval = maximum_intervals[i];
      for (RehearseGrade grade = REHEARSE_GRADE_HARD; grade <= REHEARSE_GRADE_EASY; grade++)
        {
          RehearseFsrsCard next;

          rehearse_fsrs_review (&parameters, &card, grade, now, &next, NULL);
          g_assert_cmpint (next.scheduled_days, ==, expected[i][grade - REHEARSE_GRADE_HARD]);
          g_assert_cmpfloat (next.stability, ==, 36500);
        }
    }
}

static void
test_review_log (void)
{
  RehearseFsrsParameters parameters;
  RehearseFsrsCard card = review_card (REFERENCE_START, 3);
  RehearseFsrsReviewLog log;
  gint64 now = REFERENCE_START + 4 * DAY_MS + 5 * MINUTE_MS;

  rehearse_fsrs_parameters_init_default (&parameters);
  rehearse_fsrs_review (&parameters, &card, REHEARSE_GRADE_GOOD, now, &card, &log);

  g_assert_cmpint (log.grade, ==, REHEARSE_GRADE_GOOD);
  g_assert_cmpint (log.reviewed_at, ==, now);
  g_assert_cmpint (log.state_before, ==, REHEARSE_CARD_STATE_REVIEW);
  g_assert_cmpfloat (log.stability_before, ==, 3);
  g_assert_cmpfloat (log.difficulty_before, ==, 5);
  g_assert_cmpint (log.elapsed_days, ==, 4);
  g_assert_cmpint (log.scheduled_days, ==, card.scheduled_days);
  g_assert_cmpint (card.elapsed_days, ==, 4);
  g_assert_cmpint (card.last_review, ==, now);
  g_assert_cmpfloat (card.stability, >, 3);
}

/* Fuzz depends on the card and the review time only: the same review gives
 * the same interval, and a nearby one may not. */
static void
test_fuzz_is_deterministic (void)
{
  RehearseFsrsParameters parameters;
  RehearseFsrsCard card = review_card (REFERENCE_START, 40);
  gboolean differs = FALSE;
  RehearseFsrsCard first, again;

  rehearse_fsrs_parameters_init_default (&parameters);
  parameters.enable_fuzz = TRUE;

  rehearse_fsrs_review (&parameters, &card, REHEARSE_GRADE_GOOD, card.last_review + 40 * DAY_MS,
                        &first, NULL);
  rehearse_fsrs_review (&parameters, &card, REHEARSE_GRADE_GOOD, card.last_review + 40 * DAY_MS,
                        &again, NULL);
  g_assert_cmpint (first.due, ==, again.due);

  for (gint64 ms = 1; ms < 20 && !differs; ms++)
    {
      rehearse_fsrs_review (&parameters, &card, REHEARSE_GRADE_GOOD,
                            card.last_review + 40 * DAY_MS + ms, &again, NULL);
      differs = again.scheduled_days != first.scheduled_days;
    }
  g_assert_true (differs);
}

/* ---- Histories computed by ts-fsrs (tests/data/fsrs/generate.mjs) --------------- */

static gint64
step_seconds (const char *step)
{
  char *end = NULL;
  gint64 value = g_ascii_strtoll (step, &end, 10);

  g_assert_true (end != step);
  switch (*end)
    {
    case 'm':
      return value * 60;
    case 'h':
      return value * 3600;
    case 'd':
      return value * 86400;
    default:
      g_assert_not_reached ();
    }
}

static guint
read_steps (JsonArray *array,
            gint64    *steps)
{
  guint n_steps = json_array_get_length (array);

  g_assert_cmpuint (n_steps, <=, REHEARSE_FSRS_MAX_STEPS);
  for (guint i = 0; i < n_steps; i++)
    steps[i] = step_seconds (json_array_get_string_element (array, i));

  return n_steps;
}

/* The "parameters" member, as ts-fsrs names them: the defaults where absent. */
static void
read_parameters (JsonObject             *line,
                 RehearseFsrsParameters *parameters)
{
  JsonObject *object;

  rehearse_fsrs_parameters_init_default (parameters);
  if (!json_object_has_member (line, "parameters"))
    return;

  object = json_object_get_object_member (line, "parameters");
  parameters->desired_retention = json_object_get_double_member_with_default (object,
                                    "request_retention", parameters->desired_retention);
  parameters->maximum_interval = json_object_get_int_member_with_default (object,
                                   "maximum_interval", parameters->maximum_interval);
  parameters->enable_fuzz = json_object_get_boolean_member_with_default (object,
                              "enable_fuzz", parameters->enable_fuzz);
  parameters->enable_short_term = json_object_get_boolean_member_with_default (object,
                                    "enable_short_term", parameters->enable_short_term);
  if (json_object_has_member (object, "learning_steps"))
    parameters->n_learning_steps = read_steps (json_object_get_array_member (object,
                                                                             "learning_steps"),
                                               parameters->learning_steps);
  if (json_object_has_member (object, "relearning_steps"))
    parameters->n_relearning_steps = read_steps (json_object_get_array_member (object,
                                                                               "relearning_steps"),
                                                 parameters->relearning_steps);
  if (json_object_has_member (object, "w"))
    {
      JsonArray *weights = json_object_get_array_member (object, "w");

      g_assert_cmpuint (json_array_get_length (weights), ==, REHEARSE_FSRS_N_WEIGHTS);
      for (guint i = 0; i < REHEARSE_FSRS_N_WEIGHTS; i++)
        parameters->weights[i] = json_array_get_double_element (weights, i);
    }
}

typedef struct
{
  guint  histories;
  guint  reviews;
  double largest_stability_difference;
  double largest_difficulty_difference;
} ReplayTally;

static void
check_card (const RehearseFsrsCard *card,
            JsonObject             *expected,
            ReplayTally            *tally)
{
  double stability = json_object_get_double_member (expected, "stability");
  double difficulty = json_object_get_double_member (expected, "difficulty");
  const char *due = json_object_get_string_member (expected, "due");

  g_assert_cmpint (card->due, ==, time_from_iso (due));
  g_assert_cmpfloat_with_epsilon (card->stability, stability, TOLERANCE);
  g_assert_cmpfloat_with_epsilon (card->difficulty, difficulty, TOLERANCE);
  g_assert_cmpint (card->scheduled_days, ==,
                   json_object_get_int_member (expected, "scheduled_days"));
  g_assert_cmpint (card->state, ==, json_object_get_int_member (expected, "state"));
  g_assert_cmpint (card->learning_step, ==,
                   json_object_get_int_member (expected, "learning_steps"));
  g_assert_cmpint (card->elapsed_days, ==, json_object_get_int_member (expected, "elapsed_days"));
  g_assert_cmpint (card->reps, ==, json_object_get_int_member (expected, "reps"));
  g_assert_cmpint (card->lapses, ==, json_object_get_int_member (expected, "lapses"));

  tally->largest_stability_difference = MAX (tally->largest_stability_difference,
                                             fabs (card->stability - stability));
  tally->largest_difficulty_difference = MAX (tally->largest_difficulty_difference,
                                              fabs (card->difficulty - difficulty));
}

static void
replay_history (const char  *text,
                ReplayTally *tally)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  RehearseFsrsParameters parameters;
  JsonObject *line;
  JsonArray *reviews, *expected;
  RehearseFsrsCard card;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  line = json_node_get_object (json_parser_get_root (parser));
  reviews = json_object_get_array_member (line, "reviews");
  expected = json_object_get_array_member (line, "expected");
  g_assert_cmpuint (json_array_get_length (reviews), ==, json_array_get_length (expected));

  read_parameters (line, &parameters);
  rehearse_fsrs_card_init (&card, time_from_iso (json_object_get_string_member (line, "start")));

  for (guint i = 0; i < json_array_get_length (reviews); i++)
    {
      JsonObject *review = json_array_get_object_element (reviews, i);
      gint64 time = time_from_iso (json_object_get_string_member (review, "t"));
      RehearseGrade grade = json_object_get_int_member (review, "grade");

      rehearse_fsrs_review (&parameters, &card, grade, time, &card, NULL);
      check_card (&card, json_array_get_object_element (expected, i), tally);
      tally->reviews++;
    }
  tally->histories++;
}

static void
test_histories (gconstpointer data)
{
  const char *name = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "fsrs", name, NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  ReplayTally tally = { 0, };

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      replay_history (lines[i], &tally);

  g_test_message ("%s: %u histories, %u reviews agree with ts-fsrs; largest differences: "
                  "stability %.3g, difficulty %.3g", name, tally.histories, tally.reviews,
                  tally.largest_stability_difference, tally.largest_difficulty_difference);
  g_assert_cmpuint (tally.histories, >=, 100);
  g_assert_cmpuint (tally.reviews, >=, 500);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fsrs/reference/retrievability", test_retrievability);
  g_test_add_func ("/fsrs/reference/first-review", test_first_review);
  g_test_add_func ("/fsrs/reference/memory-state", test_memory_state);
  g_test_add_func ("/fsrs/reference/schedule", test_reference_schedule);
  g_test_add_func ("/fsrs/retrievability-of-new-card", test_retrievability_of_new_card);
  g_test_add_func ("/fsrs/learning-steps", test_learning_steps);
  g_test_add_func ("/fsrs/interval-order", test_interval_order);
  g_test_add_func ("/fsrs/maximum-interval", test_maximum_interval);
  g_test_add_func ("/fsrs/review-log", test_review_log);
  g_test_add_func ("/fsrs/fuzz-is-deterministic", test_fuzz_is_deterministic);
  g_test_add_data_func ("/fsrs/ts-fsrs/histories", "histories.jsonl", test_histories);
  g_test_add_data_func ("/fsrs/ts-fsrs/histories-fuzz", "histories-fuzz.jsonl", test_histories);
  g_test_add_data_func ("/fsrs/ts-fsrs/histories-parameters", "histories-parameters.jsonl",
                        test_histories);

  return g_test_run ();
}
