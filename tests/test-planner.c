/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rehearse-planner.h"

/* The planner's simulation on made-up cards and calendars (UTC days): an
 * interview tomorrow, in a week, in three months, today; with and without
 * a tight daily limit; cards never seen, seen long ago, overdue, learnt.
 * Each test prints its plan (g_test_message) and asserts what a plan
 * promises: every card seen once before the interview when the limit
 * allows, no day over the limit, the predicted recall reaching the desired
 * retention when there is time, and unstudied cards counted when there is
 * not. */

#define MINUTE ((gint64) 60 * 1000)
#define HOUR (60 * MINUTE)
#define DAY (24 * HOUR)
/* 2026-01-05 00:00 UTC, a Monday */
#define DAY0 ((gint64) 1767571200000)
/* Now: 09:00 that day. */
#define NOW (DAY0 + 9 * HOUR)

typedef struct
{
  RehearseFsrsParameters  parameters;
  RehearsePlannerInput    input;
  GArray                 *day_starts;   /* gint64 */
  GArray                 *cards;        /* RehearsePlannerCard */
  RehearsePlannerDay     *days;
  guint                   unstudied;
} Plan;

static void
plan_init (Plan  *plan,
           guint  n_days)
{
  *plan = (Plan) { 0, };
  rehearse_fsrs_parameters_init_default (&plan->parameters);
  plan->day_starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i <= n_days; i++)
    {
      gint64 start = DAY0 + i * DAY;

      g_array_append_val (plan->day_starts, start);
    }
  plan->cards = g_array_new (FALSE, FALSE, sizeof (RehearsePlannerCard));
  plan->input = (RehearsePlannerInput) {
    .parameters = &plan->parameters,
    .now = NOW,
    .n_days = n_days,
    .interview_time = MAX (NOW, DAY0 + n_days * DAY + REHEARSE_PLANNER_STUDY_HOUR * HOUR),
    .minutes_per_review = 1,
    .minutes_per_new = 2,
  };
}

static void
plan_clear (Plan *plan)
{
  g_array_unref (plan->day_starts);
  g_array_unref (plan->cards);
  g_free (plan->days);
}

static void
add_new_cards (Plan  *plan,
               guint  count)
{
  for (guint i = 0; i < count; i++)
    {
      RehearsePlannerCard card = { 0, };

      rehearse_fsrs_card_init (&card.card, NOW);
      g_array_append_val (plan->cards, card);
    }
}

/* A card given @reviews Good reviews, each when it fell due, moved in time
 * so that the last one was at @last_review. */
static void
add_learnt_card (Plan  *plan,
                 guint  reviews,
                 gint64 last_review)
{
  RehearsePlannerCard card = { 0, };
  gint64 time = last_review;

  rehearse_fsrs_card_init (&card.card, time);
  for (guint i = 0; i < reviews; i++)
    {
      rehearse_fsrs_review (&plan->parameters, &card.card, REHEARSE_GRADE_GOOD,
                            MAX (time, card.card.due), &card.card, NULL);
      time = card.card.last_review;
    }

  card.card.due += last_review - card.card.last_review;
  card.card.last_review = last_review;
  g_array_append_val (plan->cards, card);
}

static RehearsePlannerCard *
card_at (Plan  *plan,
         guint  index)
{
  return &g_array_index (plan->cards, RehearsePlannerCard, index);
}

static double
mean_recall (Plan *plan)
{
  double sum = 0;

  for (guint i = 0; i < plan->cards->len; i++)
    sum += card_at (plan, i)->recall;
  return plan->cards->len > 0 ? sum / plan->cards->len : 0;
}

static void
print_plan (Plan       *plan,
            const char *name)
{
  g_test_message ("%s: %u days, %u cards, %u per day, %u min per day", name, plan->input.n_days,
                  plan->cards->len, plan->input.daily_cards, plan->input.daily_minutes);
  for (guint i = 0; i < plan->input.n_days; i++)
    g_test_message ("  day %2u: %3u new, %3u reviews, %5.1f min", i, plan->days[i].new_cards,
                    plan->days[i].reviews, plan->days[i].minutes);
  g_test_message ("  unstudied %u, predicted recall at the interview %.4f", plan->unstudied,
                  mean_recall (plan));
}

static void
run (Plan       *plan,
     const char *name)
{
  plan->input.day_starts = (const gint64 *) (gpointer) plan->day_starts->data;
  plan->days = g_new0 (RehearsePlannerDay, MAX (plan->input.n_days, 1));
  plan->unstudied = rehearse_planner_run (&plan->input,
                                          (RehearsePlannerCard *) (gpointer) plan->cards->data,
                                          plan->cards->len, plan->days);
  print_plan (plan, name);
}

/* What every plan must hold: the limits, and the counts adding up. */
static void
assert_sound (Plan  *plan,
              guint  n_new)
{
  guint introduced = 0;

  for (guint i = 0; i < plan->input.n_days; i++)
    {
      const RehearsePlannerDay *day = &plan->days[i];

      if (plan->input.daily_cards > 0)
        g_assert_cmpuint (day->new_cards + day->reviews, <=, plan->input.daily_cards);
      if (plan->input.daily_minutes > 0)
        g_assert_cmpfloat (day->minutes, <=, plan->input.daily_minutes + 1e-6);
      g_assert_cmpfloat_with_epsilon (day->minutes,
                                      day->new_cards * plan->input.minutes_per_new
                                      + day->reviews * plan->input.minutes_per_review, 1e-6);
      introduced += day->new_cards;
    }

  g_assert_cmpuint (introduced + plan->unstudied, ==, n_new);
  for (guint i = 0; i < plan->cards->len; i++)
    {
      RehearsePlannerCard *card = card_at (plan, i);

      g_assert_cmpfloat (card->recall, >=, 0);
      g_assert_cmpfloat (card->recall, <=, 1);
      if (card->first_day >= 0)
        g_assert_cmpint (card->first_day, <, (int) plan->input.n_days);
      if (card->card.state == REHEARSE_CARD_STATE_NEW)
        g_assert_cmpfloat (card->recall, ==, 0);
    }
}

/* Every new card (the first @n_new) seen once before the interview, the
 * last of them no later than day @last_day. */
static void
assert_all_studied (Plan  *plan,
                    guint  n_new,
                    int    last_day)
{
  int latest = -1;

  g_assert_cmpuint (plan->unstudied, ==, 0);
  for (guint i = 0; i < n_new; i++)
    {
      g_assert_cmpint (card_at (plan, i)->first_day, >=, 0);
      latest = MAX (latest, card_at (plan, i)->first_day);
    }
  g_assert_cmpint (latest, <=, last_day);
}

/* ---- Dates -------------------------------------------------------------------- */

static void
test_tomorrow (void)
{
  Plan plan;

  plan_init (&plan, 1);
  add_new_cards (&plan, 40);
  run (&plan, "interview tomorrow");

  assert_sound (&plan, 40);
  assert_all_studied (&plan, 40, 0);
  g_assert_cmpuint (plan.days[0].new_cards, ==, 40);
  g_assert_cmpfloat (mean_recall (&plan), >=, plan.parameters.desired_retention);
  plan_clear (&plan);
}

static void
test_in_a_week (void)
{
  Plan plan;
  guint first_days[7] = { 0, };

  plan_init (&plan, 7);
  add_new_cards (&plan, 100);
  run (&plan, "interview in a week");

  assert_sound (&plan, 100);
  /* A day kept for reviews before the interview. */
  assert_all_studied (&plan, 100, 5);
  g_assert_cmpuint (plan.days[6].new_cards, ==, 0);
  g_assert_cmpuint (plan.days[6].reviews, >, 0);
  /* Spread evenly: 100 over six days is 16 or 17 a day. */
  for (guint i = 0; i < plan.cards->len; i++)
    first_days[card_at (&plan, i)->first_day]++;
  for (guint i = 0; i < 6; i++)
    {
      g_assert_cmpuint (first_days[i], >=, 16);
      g_assert_cmpuint (first_days[i], <=, 17);
    }
  for (guint i = 0; i < plan.cards->len; i++)
    g_assert_cmpfloat (card_at (&plan, i)->recall, >=, plan.parameters.desired_retention);
  plan_clear (&plan);
}

static void
test_in_three_months (void)
{
  Plan plan;

  plan_init (&plan, 91);
  add_new_cards (&plan, 1000);
  plan.input.daily_cards = 60;
  run (&plan, "interview in three months, 60 cards a day");

  assert_sound (&plan, 1000);
  /* A week kept for reviews. */
  assert_all_studied (&plan, 1000, 91 - 7 - 1);
  g_assert_cmpfloat (mean_recall (&plan), >=, plan.parameters.desired_retention);
  plan_clear (&plan);
}

static void
test_today (void)
{
  Plan plan;

  plan_init (&plan, 0);
  add_new_cards (&plan, 10);
  add_learnt_card (&plan, 4, NOW - 3 * DAY);
  run (&plan, "interview today");

  assert_sound (&plan, 10);
  g_assert_cmpuint (plan.unstudied, ==, 10);
  /* The learnt card keeps its recall now; the others have none. */
  g_assert_cmpfloat (card_at (&plan, 10)->recall, >, 0.9);
  g_assert_cmpfloat (card_at (&plan, 0)->recall, ==, 0);
  plan_clear (&plan);
}

/* ---- Limits ------------------------------------------------------------------- */

static void
test_tight_card_limit (void)
{
  Plan plan;

  plan_init (&plan, 7);
  add_new_cards (&plan, 100);
  plan.input.daily_cards = 10;
  run (&plan, "a week, 10 cards a day for 100 cards");

  assert_sound (&plan, 100);
  /* 70 cards of work at most: 30 never seen, at the least. */
  g_assert_cmpuint (plan.unstudied, >=, 30);
  /* Seeing every card comes first: the days are full. */
  for (guint i = 0; i < 7; i++)
    g_assert_cmpuint (plan.days[i].new_cards + plan.days[i].reviews, ==, 10);
  g_assert_false (mean_recall (&plan) >= plan.parameters.desired_retention);
  plan_clear (&plan);
}

static void
test_minute_limit (void)
{
  Plan plan;

  plan_init (&plan, 14);
  add_new_cards (&plan, 60);
  plan.input.daily_minutes = 15;
  plan.input.minutes_per_new = 2.5;
  plan.input.minutes_per_review = 0.75;
  run (&plan, "two weeks, 15 minutes a day for 60 cards");

  assert_sound (&plan, 60);
  assert_all_studied (&plan, 60, 13);
  g_assert_cmpfloat (mean_recall (&plan), >=, plan.parameters.desired_retention);
  plan_clear (&plan);
}

static void
test_limit_too_small_for_one_card (void)
{
  Plan plan;

  plan_init (&plan, 5);
  add_new_cards (&plan, 3);
  plan.input.daily_minutes = 1;   /* a new card takes 2 */
  run (&plan, "five days, a minute a day");

  assert_sound (&plan, 3);
  g_assert_cmpuint (plan.unstudied, ==, 3);
  g_assert_cmpfloat (mean_recall (&plan), ==, 0);
  plan_clear (&plan);
}

/* ---- Libraries -------------------------------------------------------------------- */

static void
test_no_cards (void)
{
  Plan plan;

  plan_init (&plan, 7);
  run (&plan, "no cards");

  assert_sound (&plan, 0);
  for (guint i = 0; i < 7; i++)
    g_assert_cmpuint (plan.days[i].new_cards + plan.days[i].reviews, ==, 0);
  plan_clear (&plan);
}

static void
test_everything_mastered (void)
{
  Plan plan;

  plan_init (&plan, 10);
  for (guint i = 0; i < 30; i++)
    add_learnt_card (&plan, 8, NOW - (gint64) (i % 5) * DAY);
  run (&plan, "ten days, 30 cards learnt long ago");

  assert_sound (&plan, 0);
  for (guint i = 0; i < 10; i++)
    g_assert_cmpuint (plan.days[i].new_cards, ==, 0);
  for (guint i = 0; i < plan.cards->len; i++)
    {
      g_assert_cmpint (card_at (&plan, i)->first_day, ==, -1);
      g_assert_cmpfloat (card_at (&plan, i)->recall, >=, plan.parameters.desired_retention);
    }
  plan_clear (&plan);
}

/* Overdue cards are reviewed first, and the limit holds them back when
 * it must: they stay due and come the next day. */
static void
test_overdue_backlog (void)
{
  Plan plan;
  guint reviews = 0;

  plan_init (&plan, 5);
  add_new_cards (&plan, 10);
  for (guint i = 0; i < 40; i++)
    add_learnt_card (&plan, 2, NOW - 60 * DAY);
  plan.input.daily_cards = 20;
  run (&plan, "five days, 40 overdue cards and 10 new, 20 cards a day");

  assert_sound (&plan, 10);
  assert_all_studied (&plan, 10, 4);
  /* The new cards needed to see everything (two a day) come before the
   * backlog; the backlog fills the rest of the first days. */
  g_assert_cmpuint (plan.days[0].new_cards, >=, 2);
  g_assert_cmpuint (plan.days[0].reviews, ==, 20 - plan.days[0].new_cards);
  for (guint i = 0; i < 5; i++)
    reviews += plan.days[i].reviews;
  g_assert_cmpuint (reviews, >=, 40);
  for (guint i = 10; i < plan.cards->len; i++)
    g_assert_cmpint (card_at (&plan, i)->card.last_review, >, NOW - DAY);
  plan_clear (&plan);
}

/* Today's plan is what is left of today: cards studied this morning count
 * against the spread and the limit. */
static void
test_done_today (void)
{
  Plan plan;
  guint introduced = 0;

  plan_init (&plan, 7);
  for (guint i = 0; i < 10; i++)
    {
      RehearsePlannerCard card = { 0, };

      rehearse_fsrs_card_init (&card.card, NOW - HOUR);
      rehearse_fsrs_review (&plan.parameters, &card.card, REHEARSE_GRADE_GOOD, NOW - HOUR,
                            &card.card, NULL);
      g_array_append_val (plan.cards, card);
    }
  add_new_cards (&plan, 50);
  plan.input.new_today = 10;
  plan.input.daily_cards = 14;
  run (&plan, "a week, 10 of 60 cards studied this morning, 14 cards a day");

  assert_sound (&plan, 50);
  /* 60 over six days is 10 a day: today's are done; four cards are left
   * of today's limit, for the learning steps of the morning's cards. */
  g_assert_cmpuint (plan.days[0].new_cards, ==, 0);
  g_assert_cmpuint (plan.days[0].reviews, ==, 4);
  for (guint i = 0; i < 7; i++)
    introduced += plan.days[i].new_cards;
  g_assert_cmpuint (introduced, ==, 50);
  g_assert_cmpuint (plan.unstudied, ==, 0);
  plan_clear (&plan);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/planner/tomorrow", test_tomorrow);
  g_test_add_func ("/planner/in-a-week", test_in_a_week);
  g_test_add_func ("/planner/in-three-months", test_in_three_months);
  g_test_add_func ("/planner/today", test_today);
  g_test_add_func ("/planner/tight-card-limit", test_tight_card_limit);
  g_test_add_func ("/planner/minute-limit", test_minute_limit);
  g_test_add_func ("/planner/limit-too-small-for-one-card", test_limit_too_small_for_one_card);
  g_test_add_func ("/planner/no-cards", test_no_cards);
  g_test_add_func ("/planner/everything-mastered", test_everything_mastered);
  g_test_add_func ("/planner/overdue-backlog", test_overdue_backlog);
  g_test_add_func ("/planner/done-today", test_done_today);

  return g_test_run ();
}
