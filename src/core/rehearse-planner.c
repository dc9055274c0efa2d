/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rehearse-planner.h"

#define HOUR_MS ((gint64) 60 * 60 * 1000)

/* A card in learning is worked through its same-day steps at once; the
 * bound only guards against parameters with absurdly many steps. */
#define MAX_SAME_DAY_REVIEWS (2 * REHEARSE_FSRS_MAX_STEPS + 2)

/* The last days before the interview, kept for reviews of the last new
 * cards: a quarter of the time, at least one day and at most a week. */
#define MAX_REVIEW_ONLY_DAYS 7

typedef struct
{
  const RehearsePlannerInput *input;
  RehearsePlannerCard        *cards;
  GArray                     *new_order;   /* guint: the never-studied cards, in order */
  guint                       next_new;    /* into new_order */
  GArray                     *heap;        /* guint: studied cards, soonest due first */
  GArray                     *reviewed;    /* guint: reviewed today, back in the heap tonight */
} Planner;

/* ---- The studied cards, soonest due first (a binary heap) ------------------ */

static gboolean
due_before (const Planner *planner,
            guint          a,
            guint          b)
{
  gint64 due_a = planner->cards[a].card.due;
  gint64 due_b = planner->cards[b].card.due;

  return due_a < due_b || (due_a == due_b && a < b);
}

static guint
heap_at (const Planner *planner,
         guint          position)
{
  return g_array_index (planner->heap, guint, position);
}

static void
heap_swap (Planner *planner,
           guint    i,
           guint    j)
{
  guint card = heap_at (planner, i);

  g_array_index (planner->heap, guint, i) = heap_at (planner, j);
  g_array_index (planner->heap, guint, j) = card;
}

static void
heap_push (Planner *planner,
           guint    card)
{
  guint position = planner->heap->len;

  g_array_append_val (planner->heap, card);
  while (position > 0)
    {
      guint parent = (position - 1) / 2;

      if (!due_before (planner, heap_at (planner, position), heap_at (planner, parent)))
        break;
      heap_swap (planner, position, parent);
      position = parent;
    }
}

static guint
heap_pop (Planner *planner)
{
  guint top = heap_at (planner, 0);
  guint position = 0;

  heap_swap (planner, 0, planner->heap->len - 1);
  g_array_set_size (planner->heap, planner->heap->len - 1);
  for (;;)
    {
      guint smallest = position;
      guint left = 2 * position + 1;
      guint right = left + 1;

      if (left < planner->heap->len
          && due_before (planner, heap_at (planner, left), heap_at (planner, smallest)))
        smallest = left;
      if (right < planner->heap->len
          && due_before (planner, heap_at (planner, right), heap_at (planner, smallest)))
        smallest = right;
      if (smallest == position)
        break;
      heap_swap (planner, position, smallest);
      position = smallest;
    }

  return top;
}

/* ---- One day --------------------------------------------------------------- */

static guint
divide_up (guint numerator,
           guint denominator)
{
  return denominator == 0 ? numerator : (numerator + denominator - 1) / denominator;
}

/* How many of the days introduce new cards, the others being kept for
 * reviews (with two days or fewer, there is no time to keep any). */
static guint
introduction_days (guint n_days)
{
  if (n_days <= 2)
    return n_days;

  return n_days - CLAMP (n_days / 4, 1, MAX_REVIEW_ONLY_DAYS);
}

/* Today is studied now; later days at midday, as the user would study on
 * any day (inside the day however short a daylight-saving day is). */
static gint64
session_time (const RehearsePlannerInput *input,
              guint                       day)
{
  gint64 start = input->day_starts[day];
  gint64 end = input->day_starts[day + 1];
  gint64 time = day == 0 ? input->now : start + REHEARSE_PLANNER_STUDY_HOUR * HOUR_MS;

  return CLAMP (time, start, end - 1);
}

/* @done: the work done on the day before the plan began (today's, or
 * none). */
static gboolean
fits (const RehearsePlannerInput *input,
      const RehearsePlannerDay   *done,
      const RehearsePlannerDay   *day,
      double                      minutes)
{
  guint cards = done->new_cards + done->reviews + day->new_cards + day->reviews;

  if (input->daily_cards > 0 && cards >= input->daily_cards)
    return FALSE;

  /* A little slack, so that 10 × 0.1 min fits in 1 min. */
  return input->daily_minutes == 0
         || done->minutes + day->minutes + minutes <= input->daily_minutes + 1e-6;
}

static gboolean
is_learning (const RehearseFsrsCard *card)
{
  return card->state == REHEARSE_CARD_STATE_LEARNING
         || card->state == REHEARSE_CARD_STATE_RELEARNING;
}

/* Reviews @card Good at @time, then through the (re)learning steps that
 * fall due before @horizon: one card's work for the day. */
static void
work_through (const RehearsePlannerInput *input,
              RehearseFsrsCard           *card,
              gint64                      time,
              gint64                      horizon)
{
  time = MAX (time, card->last_review);
  rehearse_fsrs_review (input->parameters, card, REHEARSE_GRADE_GOOD, time, card, NULL);

  for (guint i = 0; i < MAX_SAME_DAY_REVIEWS && is_learning (card) && card->due < horizon; i++)
    rehearse_fsrs_review (input->parameters, card, REHEARSE_GRADE_GOOD,
                          MAX (card->due, card->last_review), card, NULL);
}

static guint
new_cards_left (const Planner *planner)
{
  return planner->new_order->len - planner->next_new;
}

/* Introduces new cards until the day (with @done) holds @target of them
 * or its limit is reached. */
static void
introduce (Planner                  *planner,
           guint                     day,
           guint                     target,
           gint64                    session,
           gint64                    horizon,
           const RehearsePlannerDay *done,
           RehearsePlannerDay       *out)
{
  const RehearsePlannerInput *input = planner->input;

  while (done->new_cards + out->new_cards < target && new_cards_left (planner) > 0
         && fits (input, done, out, input->minutes_per_new))
    {
      guint index = g_array_index (planner->new_order, guint, planner->next_new++);
      RehearsePlannerCard *card = &planner->cards[index];

      card->first_day = (int) day;
      work_through (input, &card->card, session, horizon);
      heap_push (planner, index);
      out->new_cards++;
      out->minutes += input->minutes_per_new;
    }
}

/* Reviews the cards due before @horizon, most overdue first, as the limit
 * allows; the others stay due for the next day. */
static void
review_due (Planner                  *planner,
            gint64                    session,
            gint64                    horizon,
            const RehearsePlannerDay *done,
            RehearsePlannerDay       *out)
{
  const RehearsePlannerInput *input = planner->input;

  g_array_set_size (planner->reviewed, 0);
  while (planner->heap->len > 0
         && planner->cards[heap_at (planner, 0)].card.due < horizon
         && fits (input, done, out, input->minutes_per_review))
    {
      guint index = heap_pop (planner);

      work_through (input, &planner->cards[index].card, session, horizon);
      g_array_append_val (planner->reviewed, index);
      out->reviews++;
      out->minutes += input->minutes_per_review;
    }

  /* Back only now: a card still due today is not reviewed twice. */
  for (guint i = 0; i < planner->reviewed->len; i++)
    heap_push (planner, g_array_index (planner->reviewed, guint, i));
}

static void
plan_day (Planner            *planner,
          guint               day,
          RehearsePlannerDay *out)
{
  const RehearsePlannerInput *input = planner->input;
  RehearsePlannerDay done = { 0, };
  guint introducing = introduction_days (input->n_days);
  guint left;
  gint64 session = session_time (input, day);
  gint64 horizon = input->day_starts[day + 1];
  guint required, spread;

  /* Today's quotas count the cards already studied today. */
  if (day == 0)
    done = (RehearsePlannerDay) {
      .new_cards = input->new_today,
      .reviews = input->reviews_today,
      .minutes = input->new_today * input->minutes_per_new
                 + input->reviews_today * input->minutes_per_review,
    };
  left = new_cards_left (planner) + done.new_cards;

  /* The least that still shows every card before the interview, and the
   * even spread over the days that introduce. */
  required = divide_up (left, input->n_days - day);
  spread = day < introducing ? divide_up (left, introducing - day) : left;

  /* On the last day, what would fall due before the interview is
   * reviewed early: the interview will not wait for it. */
  if (day + 1 == input->n_days)
    horizon = MAX (horizon, input->interview_time);

  *out = (RehearsePlannerDay) { 0, };
  introduce (planner, day, required, session, horizon, &done, out);
  review_due (planner, session, horizon, &done, out);
  introduce (planner, day, spread, session, horizon, &done, out);
}

/* ---- The plan ----------------------------------------------------------------- */

static void
predict_recall (const RehearsePlannerInput *input,
                RehearsePlannerCard        *card)
{
  if (card->card.state == REHEARSE_CARD_STATE_NEW)
    card->recall = 0;
  else
    card->recall = rehearse_fsrs_retrievability (input->parameters, &card->card,
                                                 input->interview_time);
}

static void
planner_init (Planner                    *planner,
              const RehearsePlannerInput *input,
              RehearsePlannerCard        *cards,
              guint                       n_cards)
{
  planner->input = input;
  planner->cards = cards;
  planner->next_new = 0;
  planner->new_order = g_array_new (FALSE, FALSE, sizeof (guint));
  planner->heap = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_cards);
  planner->reviewed = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < n_cards; i++)
    {
      cards[i].first_day = -1;
      if (cards[i].card.state == REHEARSE_CARD_STATE_NEW)
        g_array_append_val (planner->new_order, i);
      else
        heap_push (planner, i);
    }
}

static void
planner_clear (Planner *planner)
{
  g_array_unref (planner->new_order);
  g_array_unref (planner->heap);
  g_array_unref (planner->reviewed);
}

guint
rehearse_planner_run (const RehearsePlannerInput *input,
                      RehearsePlannerCard        *cards,
                      guint                       n_cards,
                      RehearsePlannerDay         *days)
{
  Planner planner;
  guint unstudied;

  g_return_val_if_fail (input != NULL, 0);
  g_return_val_if_fail (input->parameters != NULL, 0);
  g_return_val_if_fail (input->day_starts != NULL, 0);
  g_return_val_if_fail (cards != NULL || n_cards == 0, 0);
  g_return_val_if_fail (days != NULL || input->n_days == 0, 0);

  planner_init (&planner, input, cards, n_cards);
  for (guint day = 0; day < input->n_days; day++)
    plan_day (&planner, day, &days[day]);

  for (guint i = 0; i < n_cards; i++)
    predict_recall (input, &cards[i]);

  unstudied = new_cards_left (&planner);
  planner_clear (&planner);
  return unstudied;
}
