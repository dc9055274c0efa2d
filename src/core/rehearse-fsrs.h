/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* FSRS-6, the spaced-repetition scheduler of open-spaced-repetition
 * (ts-fsrs 5.x, py-fsrs 6.x, fsrs-rs), computed as they compute it. Time is
 * always passed in (unix milliseconds, UTC) and never read here, so every
 * result is reproducible. Pure functions over plain structs: no library, no
 * GObject. */

/* Numbered as ts-fsrs numbers them (and as the review log stores them). */
typedef enum
{
  REHEARSE_CARD_STATE_NEW        = 0,
  REHEARSE_CARD_STATE_LEARNING   = 1,
  REHEARSE_CARD_STATE_REVIEW     = 2,
  REHEARSE_CARD_STATE_RELEARNING = 3,
} RehearseCardState;

typedef enum
{
  REHEARSE_GRADE_AGAIN = 1,
  REHEARSE_GRADE_HARD  = 2,
  REHEARSE_GRADE_GOOD  = 3,
  REHEARSE_GRADE_EASY  = 4,
} RehearseGrade;

#define REHEARSE_FSRS_N_WEIGHTS 21
#define REHEARSE_FSRS_MAX_STEPS 8

typedef struct
{
  double   weights[REHEARSE_FSRS_N_WEIGHTS];
  double   desired_retention;          /* 0.70–0.99 */
  int      maximum_interval;           /* days */
  gboolean enable_short_term;          /* same-day (learning) steps */
  gboolean enable_fuzz;
  guint    n_learning_steps;
  gint64   learning_steps[REHEARSE_FSRS_MAX_STEPS];    /* seconds */
  guint    n_relearning_steps;
  gint64   relearning_steps[REHEARSE_FSRS_MAX_STEPS];  /* seconds */
} RehearseFsrsParameters;

/* A card's scheduling state, as ts-fsrs's Card holds it. */
typedef struct
{
  RehearseCardState state;
  double            stability;       /* days; 0 while new */
  double            difficulty;      /* 1–10; 0 while new */
  gint64            due;             /* unix ms */
  gint64            last_review;     /* unix ms; 0 when never reviewed */
  guint             learning_step;   /* index into the (re)learning steps */
  int               scheduled_days;
  int               elapsed_days;    /* days from the previous review to the last one */
  guint             reps;
  guint             lapses;
} RehearseFsrsCard;

/* What one review did: the state before, and what it was graded. */
typedef struct
{
  RehearseGrade     grade;
  gint64            reviewed_at;      /* unix ms */
  RehearseCardState state_before;
  double            stability_before;
  double            difficulty_before;
  int               elapsed_days;     /* whole days since the previous review */
  int               scheduled_days;   /* of the card after the review */
} RehearseFsrsReviewLog;

/* The defaults of the FSRS-6 reference implementations: the 21 default
 * weights, desired retention 0.9, maximum interval 36,500 days, learning
 * steps 1 min and 10 min, relearning step 10 min, short-term on, fuzz off. */
void   rehearse_fsrs_parameters_init_default (RehearseFsrsParameters       *parameters);

/* A new card, due at @now. */
void   rehearse_fsrs_card_init               (RehearseFsrsCard             *card,
                                              gint64                        now);

/* Reviews @card with @grade at @now: @next (may be @card) gets the new state,
 * @log (may be NULL) what the review was. */
void   rehearse_fsrs_review                  (const RehearseFsrsParameters *parameters,
                                              const RehearseFsrsCard       *card,
                                              RehearseGrade                 grade,
                                              gint64                        now,
                                              RehearseFsrsCard             *next,
                                              RehearseFsrsReviewLog        *log);

/* The predicted probability of recall at @now (1.0 for a new card). */
double rehearse_fsrs_retrievability          (const RehearseFsrsParameters *parameters,
                                              const RehearseFsrsCard       *card,
                                              gint64                        now);

G_END_DECLS
