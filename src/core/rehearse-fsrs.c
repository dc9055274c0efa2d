/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rehearse-fsrs.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* FSRS-6 as ts-fsrs 5.x computes it (its algorithm.ts, abstract_scheduler.ts,
 * impl/basic_scheduler.ts, impl/long_term_scheduler.ts,
 * strategies/learning_steps.ts, help.ts and alea.ts), down to where it
 * rounds to eight decimals and how JavaScript's Math.round breaks ties, so
 * that a card scheduled here falls due at the same millisecond as there.
 * tests/data/fsrs/ holds histories ts-fsrs computed, replayed by the tests. */

#define MINUTE_MS          G_GINT64_CONSTANT (60000)
#define DAY_MS             G_GINT64_CONSTANT (86400000)
#define MINUTES_PER_DAY    1440.0
#define STABILITY_MINIMUM  0.001
#define STABILITY_MAXIMUM  36500.0
#define RETENTION_MINIMUM  0.70
#define RETENTION_MAXIMUM  0.99

static const double default_weights[REHEARSE_FSRS_N_WEIGHTS] = {
  0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
  1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
};

/* ts-fsrs's CLAMP_PARAMETERS: the range each weight is clipped to before
 * use. w17 and w18 may be lowered further (see clip_weights), and w19's
 * floor is 0 when short-term scheduling is off. */
static const double weight_bounds[REHEARSE_FSRS_N_WEIGHTS][2] = {
  { STABILITY_MINIMUM, 100.0 }, { STABILITY_MINIMUM, 100.0 },
  { STABILITY_MINIMUM, 100.0 }, { STABILITY_MINIMUM, 100.0 },
  { 1.0, 10.0 }, { 0.001, 4.0 }, { 0.001, 4.0 }, { 0.001, 0.75 },
  { 0.0, 4.5 }, { 0.0, 0.8 }, { 0.001, 3.5 }, { 0.001, 5.0 }, { 0.001, 0.25 },
  { 0.001, 0.9 }, { 0.0, 4.0 }, { 0.0, 1.0 }, { 1.0, 6.0 },
  { 0.0, 2.0 }, { 0.0, 2.0 }, { 0.01, 0.8 }, { 0.1, 0.8 },
};

/* The parameters as the formulas use them. */
typedef struct
{
  const RehearseFsrsParameters *parameters;
  double                        w[REHEARSE_FSRS_N_WEIGHTS];
  double                        decay;
  double                        factor;
  double                        interval_modifier;
} Model;

/* One review in progress, as ts-fsrs's scheduler holds it: the card with
 * this review counted, and what every grade's outcome is computed from. */
typedef struct
{
  Model            model;
  RehearseFsrsCard current;
  gint64           now;
  int              elapsed_days;
  char             seed[128];
} Review;

/* ---- JavaScript's arithmetic ---------------------------------------------- */

/* Math.round: the nearest integer, halves towards +∞ (x - floor (x) is
 * exact, so no addition of 0.5 can round the wrong way first). */
static double
js_round (double value)
{
  double whole = floor (value);

  return value - whole >= 0.5 ? whole + 1.0 : whole;
}

/* ts-fsrs's roundTo (value, 8), which most of its results pass through. */
static double
round_to_8 (double value)
{
  return js_round (value * 1e8) / 1e8;
}

/* ts-fsrs's clamp: Math.min (Math.max (value, low), high). */
static double
clamp (double value,
       double low,
       double high)
{
  return fmin (fmax (value, low), high);
}

static double
to_uint32 (double value)
{
  return fmod (floor (value), 4294967296.0);
}

/* The shortest decimal digits that read back as @value, and its decimal
 * exponent: value = 0.DIGITS × 10^exponent. Whatever the locale. */
static void
shortest_digits (double  value,
                 char   *digits,
                 gsize   digits_size,
                 int    *exponent)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];
  const char *character;
  gsize length = 0;

  for (int precision = 1; precision <= 17; precision++)
    {
      g_snprintf (format, sizeof format, "%%.%de", precision - 1);
      g_ascii_formatd (text, sizeof text, format, value);
      if (g_ascii_strtod (text, NULL) == value)
        break;
    }

  /* "d.ddde±x" → "dddd", exponent x + 1 */
  for (character = text; *character != 'e'; character++)
    if (g_ascii_isdigit (*character) && length + 1 < digits_size)
      digits[length++] = *character;
  digits[length] = '\0';
  *exponent = atoi (character + 1) + 1;
}

/* String (value) for a finite non-negative number, as ts-fsrs puts one in
 * its fuzz seed ("12.5", "3", "0.001", "1e+21"). */
static void
js_number_to_string (double  value,
                     char   *text,
                     gsize   text_size)
{
  char digits[24];
  int length, exponent;

  if (value == 0.0)
    {
      g_strlcpy (text, "0", text_size);
      return;
    }

  shortest_digits (value, digits, sizeof digits, &exponent);
  length = (int) strlen (digits);

  /* "%.*d" pads 0 with that many zeros: none for a precision of 0. */
  if (length <= exponent && exponent <= 21)
    snprintf (text, text_size, "%s%.*d", digits, exponent - length, 0);
  else if (0 < exponent && exponent <= 21)
    snprintf (text, text_size, "%.*s.%s", exponent, digits, digits + exponent);
  else if (-6 < exponent && exponent <= 0)
    snprintf (text, text_size, "0.%.*d%s", -exponent, 0, digits);
  else if (length == 1)
    snprintf (text, text_size, "%se%+d", digits, exponent - 1);
  else
    snprintf (text, text_size, "%c.%se%+d", digits[0], digits + 1, exponent - 1);
}

/* ---- Alea, the fuzz's random numbers (ts-fsrs's alea.ts) ------------------- */

typedef struct
{
  double c;
  double s0;
  double s1;
  double s2;
} Alea;

static double
mash (double     *n,
      const char *data)
{
  for (const char *character = data; *character != '\0'; character++)
    {
      double h;

      *n += (guchar) *character;
      h = 0.02519603282416938 * *n;
      *n = to_uint32 (h);
      h -= *n;
      h *= *n;
      *n = to_uint32 (h);
      h -= *n;
      *n += h * 4294967296.0;
    }

  return to_uint32 (*n) * 2.3283064365386963e-10;
}

static void
alea_init (Alea       *alea,
           const char *seed)
{
  double n = (double) 0xefc8249d;

  alea->c = 1.0;
  alea->s0 = mash (&n, " ");
  alea->s1 = mash (&n, " ");
  alea->s2 = mash (&n, " ");
  alea->s0 -= mash (&n, seed);
  if (alea->s0 < 0)
    alea->s0 += 1.0;
  alea->s1 -= mash (&n, seed);
  if (alea->s1 < 0)
    alea->s1 += 1.0;
  alea->s2 -= mash (&n, seed);
  if (alea->s2 < 0)
    alea->s2 += 1.0;
}

static double
alea_next (Alea *alea)
{
  double t = 2091639.0 * alea->s0 + alea->c * 2.3283064365386963e-10;

  alea->s0 = alea->s1;
  alea->s1 = alea->s2;
  alea->c = trunc (t);
  alea->s2 = t - alea->c;

  return alea->s2;
}

/* ---- The model ------------------------------------------------------------- */

/* With more than one relearning step, a lapse's short-term gains stack up;
 * ts-fsrs caps w17 and w18 so that they cannot lift the stability after a
 * lapse above the stability before it. */
static double
short_term_ceiling (const double *w,
                    guint         n_relearning_steps)
{
  double w11 = clamp (isnan (w[11]) ? 0 : w[11], weight_bounds[11][0], weight_bounds[11][1]);
  double w13 = clamp (isnan (w[13]) ? 0 : w[13], weight_bounds[13][0], weight_bounds[13][1]);
  double w14 = clamp (isnan (w[14]) ? 0 : w[14], weight_bounds[14][0], weight_bounds[14][1]);
  double value = -(log (w11) + log (pow (2.0, w13) - 1.0) + w14 * 0.3) / n_relearning_steps;

  return clamp (round_to_8 (sqrt (fmax (value, 0))), 0.01, 2.0);
}

static void
clip_weights (const RehearseFsrsParameters *parameters,
              double                       *w)
{
  double ceiling = 2.0;

  if (parameters->n_relearning_steps > 1)
    ceiling = short_term_ceiling (parameters->weights, parameters->n_relearning_steps);

  for (guint i = 0; i < REHEARSE_FSRS_N_WEIGHTS; i++)
    {
      double low = weight_bounds[i][0];
      double high = (i == 17 || i == 18) ? ceiling : weight_bounds[i][1];
      double value = parameters->weights[i];

      if (i == 19 && !parameters->enable_short_term)
        low = 0.0;
      w[i] = clamp (isnan (value) ? 0.0 : value, low, high);
    }
}

static void
model_init (Model                        *model,
            const RehearseFsrsParameters *parameters)
{
  double retention = clamp (parameters->desired_retention, RETENTION_MINIMUM, RETENTION_MAXIMUM);

  model->parameters = parameters;
  clip_weights (parameters, model->w);
  model->decay = -model->w[20];
  model->factor = round_to_8 (exp (pow (model->decay, -1) * log (0.9)) - 1.0);
  model->interval_modifier = round_to_8 ((pow (retention, 1 / model->decay) - 1) / model->factor);
}

/* R(t, S) = (1 + factor · t / S)^decay */
static double
forgetting_curve (const Model *model,
                  double       elapsed_days,
                  double       stability)
{
  return round_to_8 (pow (1 + model->factor * elapsed_days / stability, model->decay));
}

static double
initial_stability (const Model   *model,
                   RehearseGrade  grade)
{
  return fmax (model->w[grade - 1], 0.1);
}

/* Not clamped: the mean reversion uses Easy's, which is below 1. */
static double
initial_difficulty (const Model *model,
                    double       grade)
{
  return round_to_8 (model->w[4] - exp ((grade - 1) * model->w[5]) + 1);
}

/* The step towards 10 shrinks as difficulty nears it ("linear damping"),
 * then difficulty reverts a little towards Easy's initial difficulty. */
static double
next_difficulty (const Model   *model,
                 double         difficulty,
                 RehearseGrade  grade)
{
  const double *w = model->w;
  double delta = -w[6] * (grade - 3.0);
  double damped = difficulty + round_to_8 (delta * (10 - difficulty) / 9);
  double reverted = round_to_8 (w[7] * initial_difficulty (model, REHEARSE_GRADE_EASY)
                                + (1 - w[7]) * damped);

  return clamp (reverted, 1, 10);
}

static double
next_recall_stability (const Model   *model,
                       double         difficulty,
                       double         stability,
                       double         retrievability,
                       RehearseGrade  grade)
{
  const double *w = model->w;
  double hard_penalty = grade == REHEARSE_GRADE_HARD ? w[15] : 1;
  double easy_bonus = grade == REHEARSE_GRADE_EASY ? w[16] : 1;
  double growth = exp (w[8]) * (11 - difficulty) * pow (stability, -w[9])
                  * (exp ((1 - retrievability) * w[10]) - 1) * hard_penalty * easy_bonus;

  return round_to_8 (clamp (stability * (1 + growth), STABILITY_MINIMUM, STABILITY_MAXIMUM));
}

static double
next_forget_stability (const Model *model,
                       double       difficulty,
                       double       stability,
                       double       retrievability)
{
  const double *w = model->w;
  double value = w[11] * pow (difficulty, -w[12]) * (pow (stability + 1, w[13]) - 1)
                 * exp ((1 - retrievability) * w[14]);

  return round_to_8 (clamp (value, STABILITY_MINIMUM, STABILITY_MAXIMUM));
}

/* A review the same day as the one before. Only Again may lower it. */
static double
next_short_term_stability (const Model   *model,
                           double         stability,
                           RehearseGrade  grade)
{
  const double *w = model->w;
  double increase = pow (stability, -w[19]) * exp (w[17] * (grade - 3.0 + w[18]));

  if (grade >= REHEARSE_GRADE_HARD)
    increase = fmax (increase, 1.0);

  return round_to_8 (clamp (stability * increase, STABILITY_MINIMUM, STABILITY_MAXIMUM));
}

/* A lapse never leaves more stability than short-term reviews could
 * bring back to where it was. */
static double
lapse_stability (const Model *model,
                 double       difficulty,
                 double       stability,
                 double       retrievability)
{
  const double *w = model->w;
  double after_fail = next_forget_stability (model, difficulty, stability, retrievability);
  double short_term = model->parameters->enable_short_term ? w[17] * w[18] : 0;
  double minimum = round_to_8 (stability / exp (short_term));

  return clamp (minimum, STABILITY_MINIMUM, after_fail);
}

/* ts-fsrs's next_state: the memory state after @grade, @elapsed_days after
 * the last review, from the current one. @retrievability may be NAN, to be
 * computed from them. */
static void
next_memory (const Review     *review,
             RehearseGrade     grade,
             double            retrievability,
             RehearseFsrsCard *next)
{
  const Model *model = &review->model;
  double difficulty = review->current.difficulty;
  double stability = review->current.stability;
  int elapsed_days = review->elapsed_days;

  *next = review->current;

  if (difficulty == 0 && stability == 0)
    {
      next->difficulty = clamp (initial_difficulty (model, grade), 1, 10);
      next->stability = initial_stability (model, grade);
      return;
    }

  if (isnan (retrievability))
    retrievability = forgetting_curve (model, elapsed_days, stability);

  if (elapsed_days == 0 && model->parameters->enable_short_term)
    next->stability = next_short_term_stability (model, stability, grade);
  else if (grade == REHEARSE_GRADE_AGAIN)
    next->stability = lapse_stability (model, difficulty, stability, retrievability);
  else
    next->stability = next_recall_stability (model, difficulty, stability, retrievability,
                                             grade);

  next->difficulty = next_difficulty (model, difficulty, grade);
}

/* ---- Intervals --------------------------------------------------------------- */

/* ts-fsrs's get_fuzz_range: ±1 day, plus 15 % of the interval between 2.5
 * and 7 days, 10 % between 7 and 20 and 5 % beyond, never below 2 days, nor
 * at or below the days already elapsed. */
static void
fuzz_range (double  interval,
            int     elapsed_days,
            int     maximum_interval,
            double *minimum,
            double *maximum)
{
  static const double ranges[][3] = {
    { 2.5, 7.0, 0.15 },
    { 7.0, 20.0, 0.1 },
    { 20.0, INFINITY, 0.05 },
  };
  double delta = 1.0;

  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    delta += ranges[i][2] * fmax (fmin (interval, ranges[i][1]) - ranges[i][0], 0.0);

  interval = fmin (interval, maximum_interval);
  *minimum = fmax (2, js_round (interval - delta));
  *maximum = fmin (js_round (interval + delta), maximum_interval);
  if (interval > elapsed_days)
    *minimum = fmax (*minimum, elapsed_days + 1);
  *minimum = fmin (*minimum, *maximum);
}

/* Every interval of one review draws the same number: ts-fsrs seeds a new
 * generator with the review's seed for each. */
static int
apply_fuzz (const Review *review,
            double        interval,
            int           elapsed_days)
{
  const RehearseFsrsParameters *parameters = review->model.parameters;
  double minimum, maximum;
  Alea alea;

  if (!parameters->enable_fuzz || interval < 2.5)
    return (int) js_round (interval);

  alea_init (&alea, review->seed);
  fuzz_range (interval, elapsed_days, parameters->maximum_interval, &minimum, &maximum);

  return (int) floor (alea_next (&alea) * (maximum - minimum + 1) + minimum);
}

/* Whole days until the next review, for a card of @stability. */
static int
next_interval (const Review *review,
               double        stability,
               int           elapsed_days)
{
  const Model *model = &review->model;
  double interval = fmin (fmax (1, js_round (stability * model->interval_modifier)),
                          model->parameters->maximum_interval);

  return apply_fuzz (review, interval, elapsed_days);
}

static void
schedule_in_days (const Review     *review,
                  RehearseFsrsCard *next,
                  int               days)
{
  next->scheduled_days = days;
  next->due = review->now + days * DAY_MS;
}

/* ---- Learning steps (ts-fsrs's BasicLearningStepsStrategy) ---------------------- */

/* The minutes until the next step after @grade, in the step list of @state,
 * at step @step, and the step it leads to; 0 minutes when the card
 * graduates to review instead. */
static double
learning_step_minutes (const RehearseFsrsParameters *parameters,
                       RehearseCardState             state,
                       guint                         step,
                       RehearseGrade                 grade,
                       guint                        *next_step)
{
  gboolean relearning = state == REHEARSE_CARD_STATE_RELEARNING
                        || state == REHEARSE_CARD_STATE_REVIEW;
  const gint64 *steps = relearning ? parameters->relearning_steps : parameters->learning_steps;
  guint n_steps = MIN (relearning ? parameters->n_relearning_steps
                                  : parameters->n_learning_steps, REHEARSE_FSRS_MAX_STEPS);

  *next_step = 0;
  if (n_steps == 0 || step >= n_steps)
    return 0;

  if (state == REHEARSE_CARD_STATE_REVIEW)
    return grade == REHEARSE_GRADE_AGAIN ? steps[step] / 60.0 : 0;

  switch (grade)
    {
    case REHEARSE_GRADE_AGAIN:
      return steps[0] / 60.0;
    case REHEARSE_GRADE_HARD:
      *next_step = step;
      if (n_steps == 1)
        return js_round (steps[0] / 60.0 * 1.5);
      return js_round ((steps[0] / 60.0 + steps[1] / 60.0) / 2);
    case REHEARSE_GRADE_GOOD:
      if (step + 1 >= n_steps || steps[step + 1] == 0)
        return 0;
      *next_step = step + 1;
      return js_round (steps[step + 1] / 60.0);
    case REHEARSE_GRADE_EASY:
    default:
      return 0;
    }
}

/* Same-day steps keep the card in @learning_state, due minutes later; steps
 * of a day or more, or none left, make it a review card. */
static void
apply_learning_steps (const Review      *review,
                      RehearseFsrsCard  *next,
                      RehearseGrade      grade,
                      RehearseCardState  learning_state)
{
  guint next_step;
  double minutes = learning_step_minutes (review->model.parameters, review->current.state,
                                          review->current.learning_step, grade, &next_step);

  minutes = fmax (0, minutes);
  if (minutes > 0 && minutes < MINUTES_PER_DAY)
    {
      next->learning_step = next_step;
      next->scheduled_days = 0;
      next->state = learning_state;
      next->due = review->now + (gint64) js_round (minutes) * MINUTE_MS;
      return;
    }

  next->state = REHEARSE_CARD_STATE_REVIEW;
  if (minutes >= MINUTES_PER_DAY)
    {
      next->learning_step = next_step;
      next->due = review->now + (gint64) js_round (minutes) * MINUTE_MS;
      next->scheduled_days = (int) floor (minutes / MINUTES_PER_DAY);
    }
  else
    {
      next->learning_step = 0;
      schedule_in_days (review, next, next_interval (review, next->stability,
                                                     review->elapsed_days));
    }
}

/* ---- The schedulers ------------------------------------------------------------ */

/* Hard, Good and Easy of a review card, as ts-fsrs orders their intervals:
 * Hard never after Good, Good and Easy each at least a day after the
 * grade below. */
static void
review_recalled (const Review     *review,
                 RehearseGrade     grade,
                 double            retrievability,
                 RehearseFsrsCard *next)
{
  RehearseFsrsCard hard, good, easy;
  int hard_days, good_days, easy_days;
  int elapsed_days = review->elapsed_days;

  next_memory (review, REHEARSE_GRADE_HARD, retrievability, &hard);
  next_memory (review, REHEARSE_GRADE_GOOD, retrievability, &good);
  next_memory (review, REHEARSE_GRADE_EASY, retrievability, &easy);

  hard_days = next_interval (review, hard.stability, elapsed_days);
  good_days = next_interval (review, good.stability, elapsed_days);
  hard_days = MIN (hard_days, good_days);
  good_days = MAX (good_days, hard_days + 1);
  easy_days = MAX (next_interval (review, easy.stability, elapsed_days), good_days + 1);

  *next = grade == REHEARSE_GRADE_HARD ? hard : grade == REHEARSE_GRADE_GOOD ? good : easy;
  next->state = REHEARSE_CARD_STATE_REVIEW;
  next->learning_step = 0;
  schedule_in_days (review, next, grade == REHEARSE_GRADE_HARD ? hard_days
                                  : grade == REHEARSE_GRADE_GOOD ? good_days : easy_days);
}

/* ts-fsrs's BasicScheduler, used with short-term scheduling on. */
static void
review_with_steps (const Review     *review,
                   RehearseGrade     grade,
                   RehearseFsrsCard *next)
{
  RehearseCardState state = review->current.state;
  double retrievability;

  if (state != REHEARSE_CARD_STATE_REVIEW)
    {
      next_memory (review, grade, NAN, next);
      apply_learning_steps (review, next, grade, state == REHEARSE_CARD_STATE_NEW
                                                 ? REHEARSE_CARD_STATE_LEARNING : state);
      return;
    }

  retrievability = forgetting_curve (&review->model, review->elapsed_days,
                                     review->current.stability);
  if (grade != REHEARSE_GRADE_AGAIN)
    {
      review_recalled (review, grade, retrievability, next);
      return;
    }

  next_memory (review, grade, retrievability, next);
  apply_learning_steps (review, next, grade, REHEARSE_CARD_STATE_RELEARNING);
  next->lapses++;
}

/* ts-fsrs's LongTermScheduler, used with short-term scheduling off: every
 * card goes straight to review, with the four grades' intervals ordered. */
static void
review_long_term (const Review     *review,
                  RehearseGrade     grade,
                  RehearseFsrsCard *next)
{
  RehearseFsrsCard outcomes[4];
  int days[4];
  double retrievability = NAN;
  gboolean is_new = review->current.state == REHEARSE_CARD_STATE_NEW;
  int elapsed_days = review->elapsed_days;

  if (!is_new)
    retrievability = forgetting_curve (&review->model, elapsed_days, review->current.stability);

  for (int i = 0; i < 4; i++)
    {
      next_memory (review, REHEARSE_GRADE_AGAIN + i, retrievability, &outcomes[i]);
      days[i] = next_interval (review, outcomes[i].stability, elapsed_days);
    }
  days[0] = MIN (days[0], days[1]);
  for (int i = 1; i < 4; i++)
    days[i] = MAX (days[i], days[i - 1] + 1);

  *next = outcomes[grade - REHEARSE_GRADE_AGAIN];
  next->state = REHEARSE_CARD_STATE_REVIEW;
  next->learning_step = 0;
  schedule_in_days (review, next, days[grade - REHEARSE_GRADE_AGAIN]);
  if (!is_new && grade == REHEARSE_GRADE_AGAIN)
    next->lapses++;
}

/* Whole calendar days (UTC) from @earlier to @later, as ts-fsrs's
 * dateDiffInDays counts them. */
static int
calendar_days_between (gint64 earlier,
                       gint64 later)
{
  gint64 earlier_day = earlier / DAY_MS - (earlier % DAY_MS < 0);
  gint64 later_day = later / DAY_MS - (later % DAY_MS < 0);

  return (int) (later_day - earlier_day);
}

/* The fuzz seed ts-fsrs's DefaultInitSeedStrategy makes: the review time,
 * the repetitions with this one, and difficulty × stability before it. */
static void
review_init (Review                       *review,
             const RehearseFsrsParameters *parameters,
             const RehearseFsrsCard       *card,
             gint64                        now)
{
  char product[40];

  model_init (&review->model, parameters);
  review->current = *card;
  review->now = now;
  review->elapsed_days = 0;
  if (card->state != REHEARSE_CARD_STATE_NEW && card->last_review != 0)
    review->elapsed_days = MAX (0, calendar_days_between (card->last_review, now));

  review->current.last_review = now;
  review->current.elapsed_days = review->elapsed_days;
  review->current.reps++;

  js_number_to_string (card->difficulty * card->stability, product, sizeof product);
  snprintf (review->seed, sizeof review->seed, "%" G_GINT64_FORMAT "_%u_%s",
            now, review->current.reps, product);
}

/* ---- Public API ----------------------------------------------------------------- */

void
rehearse_fsrs_parameters_init_default (RehearseFsrsParameters *parameters)
{
  g_return_if_fail (parameters != NULL);

  memset (parameters, 0, sizeof *parameters);
  memcpy (parameters->weights, default_weights, sizeof default_weights);
  parameters->desired_retention = 0.9;
  parameters->maximum_interval = 36500;
  parameters->enable_short_term = TRUE;
  parameters->enable_fuzz = FALSE;
  parameters->n_learning_steps = 2;
  parameters->learning_steps[0] = 60;
  parameters->learning_steps[1] = 10 * 60;
  parameters->n_relearning_steps = 1;
  parameters->relearning_steps[0] = 10 * 60;
}

void
rehearse_fsrs_card_init (RehearseFsrsCard *card,
                         gint64            now)
{
  g_return_if_fail (card != NULL);

  memset (card, 0, sizeof *card);
  card->state = REHEARSE_CARD_STATE_NEW;
  card->due = now;
}

void
rehearse_fsrs_review (const RehearseFsrsParameters *parameters,
                      const RehearseFsrsCard       *card,
                      RehearseGrade                 grade,
                      gint64                        now,
                      RehearseFsrsCard             *next,
                      RehearseFsrsReviewLog        *log)
{
  Review review;
  RehearseFsrsCard result;

  g_return_if_fail (parameters != NULL);
  g_return_if_fail (card != NULL);
  g_return_if_fail (next != NULL);
  g_return_if_fail (grade >= REHEARSE_GRADE_AGAIN && grade <= REHEARSE_GRADE_EASY);

  review_init (&review, parameters, card, now);
  if (parameters->enable_short_term)
    review_with_steps (&review, grade, &result);
  else
    review_long_term (&review, grade, &result);

  if (log != NULL)
    {
      log->grade = grade;
      log->reviewed_at = now;
      log->state_before = card->state;
      log->stability_before = card->stability;
      log->difficulty_before = card->difficulty;
      log->elapsed_days = review.elapsed_days;
      log->scheduled_days = result.scheduled_days;
    }

  *next = result;
}

/* As ts-fsrs's get_retrievability: whole days since the last review,
 * rounded down. */
double
rehearse_fsrs_retrievability (const RehearseFsrsParameters *parameters,
                              const RehearseFsrsCard       *card,
                              gint64                        now)
{
  Model model;
  char stability[G_ASCII_DTOSTR_BUF_SIZE];
  gint64 elapsed_days;

  g_return_val_if_fail (parameters != NULL, 0);
  g_return_val_if_fail (card != NULL, 0);

  if (card->state == REHEARSE_CARD_STATE_NEW || card->stability <= 0)
    return 1.0;

  model_init (&model, parameters);
  elapsed_days = now > card->last_review ? (now - card->last_review) / DAY_MS : 0;
  g_ascii_formatd (stability, sizeof stability, "%.8f", card->stability);

  return forgetting_curve (&model, elapsed_days, g_ascii_strtod (stability, NULL));
}
