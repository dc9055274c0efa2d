/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rehearse-fsrs.h"

G_BEGIN_DECLS

/* The interview-date planner's simulation: a pure function over plain card
 * structs (no library, no clock, no time zone: the caller gives the days'
 * boundaries), so that it can be tested on any made-up set of cards.
 *
 * Each day, in this order and within the daily limit: the new cards the
 * plan must introduce to see every card before the interview, the reviews
 * falling due (most overdue first; on the last day also those that would
 * fall due before the interview), then more new cards up to an even spread
 * that ends a few days before the interview, so that the last ones get
 * reviews too. Every review is assumed graded Good, the usual planning
 * assumption (the plan shows what steady work gives, not the worst case). */

typedef struct
{
  /* In: the card as it is now (state NEW when never studied). Out: as the
   * plan leaves it at the interview. */
  RehearseFsrsCard card;
  /* Out: the day it is studied for the first time; -1 when it was seen
   * before the plan, or is left unstudied. */
  int              first_day;
  /* Out: the predicted recall at the interview; 0 for a card never
   * studied (a new card's retrievability, 1, would be a lie here). */
  double           recall;
} RehearsePlannerCard;

typedef struct
{
  const RehearseFsrsParameters *parameters;
  gint64        now;                  /* unix ms, inside day 0 */
  /* n_days + 1 times (unix ms): day i is [day_starts[i], day_starts[i + 1]);
   * the last one is when the interview day starts. */
  const gint64 *day_starts;
  guint         n_days;
  gint64        interview_time;       /* when the recall is predicted */
  guint         daily_cards;          /* new + reviews; 0: no limit */
  guint         daily_minutes;        /* 0: no limit */
  double        minutes_per_review;
  double        minutes_per_new;      /* a first sight, with its learning steps */
  /* What was done today before now: it counts against today's limit and
   * spread, so that today's plan is what is left to do. */
  guint         new_today;
  guint         reviews_today;
} RehearsePlannerInput;

typedef struct
{
  guint  new_cards;
  guint  reviews;
  double minutes;
} RehearsePlannerDay;

/* The hour of the day the simulation studies at, on days after the first
 * (today is studied now), and of the interview when the caller has no
 * better guess: midday, so a card reviewed the day before the interview
 * has waited one whole day at the interview. */
#define REHEARSE_PLANNER_STUDY_HOUR 12

/* Plans @n_cards cards (studied for the first time in the order given)
 * over @input's days: fills @days (n_days of them, today's with what is
 * left of it) and each card's fields.
 * Returns how many never-studied cards the limit leaves unstudied. */
guint rehearse_planner_run (const RehearsePlannerInput *input,
                            RehearsePlannerCard        *cards,
                            guint                       n_cards,
                            RehearsePlannerDay         *days);

G_END_DECLS
