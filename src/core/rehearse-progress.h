/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rehearse-library.h"

G_BEGIN_DECLS

/* Where the user stands and what to do today: figures computed from the
 * review log and card states in the library (never from widget state),
 * at a time and in a time zone passed in, so tests are reproducible.
 * Days are calendar days in @time_zone; "today" is the day holding @now. */

#define REHEARSE_PROGRESS_HEATMAP_DAYS  365
#define REHEARSE_PROGRESS_FORECAST_DAYS 30

/* One topic's mastery. */
typedef struct
{
  gint64  deck_id;
  gint64  topic_id;
  char   *deck_title;
  char   *topic_title;
  guint   questions;        /* live questions in the topic */
  guint   seen;             /* of them, reviewed at least once */
  double  average_recall;   /* mean retrievability now over all of them (unseen: 0) */
} RehearseTopicMastery;

typedef struct
{
  guint      questions_total;   /* live questions */
  guint      questions_seen;    /* live questions reviewed at least once */
  guint      reviews_total;     /* reviews logged, of live and orphaned questions */
  double     average_recall;    /* mean retrievability now over seen live questions; 0 if none */
  gint64     time_spent;        /* ms, summed over the review log */
  guint      current_streak;    /* days in a row with a review, ending today (or yesterday) */
  guint      longest_streak;
  /* Reviews made on each of the last 365 days, oldest first: the last
   * entry is today. */
  guint      reviews_per_day[REHEARSE_PROGRESS_HEATMAP_DAYS];
  /* Cards falling due on each of the next 30 days, today first (today also
   * counts the overdue ones), and new cards the study plan gives each day
   * (all 0 without a plan). */
  guint      forecast_reviews[REHEARSE_PROGRESS_FORECAST_DAYS];
  guint      forecast_new[REHEARSE_PROGRESS_FORECAST_DAYS];
  GPtrArray *topics;            /* RehearseTopicMastery *, weakest (lowest recall) first */
} RehearseProgress;

RehearseProgress *rehearse_library_get_progress (RehearseLibrary              *self,
                                                 const RehearseFsrsParameters *parameters,
                                                 gint64                        now,
                                                 GTimeZone                    *time_zone,
                                                 GError                      **error);
void              rehearse_progress_free        (RehearseProgress             *progress);

/* rehearse_library_get_progress() in a thread of its own (it reads only,
 * on the read-only connection): the page never waits for it. */
void              rehearse_library_get_progress_async  (RehearseLibrary              *self,
                                                        const RehearseFsrsParameters *parameters,
                                                        gint64                        now,
                                                        GTimeZone                    *time_zone,
                                                        GCancellable                 *cancellable,
                                                        GAsyncReadyCallback           callback,
                                                        gpointer                      user_data);
RehearseProgress *rehearse_library_get_progress_finish (RehearseLibrary              *self,
                                                        GAsyncResult                 *result,
                                                        GError                      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RehearseProgress, rehearse_progress_free)

/* ---- The interview-date planner ------------------------------------------
 * The study plan's settings live in the library (they are user data: kept
 * by backups, shared by the app and rehearse-cli). */

typedef struct
{
  char   *interview_date;   /* "YYYY-MM-DD" (a calendar day); NULL: no plan */
  GArray *deck_ids;         /* gint64; empty with no topics: every deck */
  GArray *topic_ids;        /* gint64; topics chosen inside other decks */
  guint   daily_minutes;    /* 0: no limit in minutes */
  guint   daily_cards;      /* 0: no limit in cards (new + reviews) */
} RehearsePlanSettings;

/* Empty settings (no date, empty arrays), and a deep copy. */
RehearsePlanSettings *rehearse_plan_settings_new       (void);
RehearsePlanSettings *rehearse_plan_settings_copy      (const RehearsePlanSettings *settings);
void                  rehearse_plan_settings_free      (RehearsePlanSettings *settings);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RehearsePlanSettings, rehearse_plan_settings_free)

/* Reads a calendar day written exactly "YYYY-MM-DD", as the settings store
 * it; FALSE for anything else, or a day that does not exist. */
gboolean              rehearse_plan_parse_date         (const char           *text,
                                                        GDate                *date);

/* The stored settings; interview_date NULL when none was ever set. */
RehearsePlanSettings *rehearse_library_get_plan_settings   (RehearseLibrary            *self,
                                                            GError                    **error);
gboolean              rehearse_library_set_plan_settings   (RehearseLibrary            *self,
                                                            const RehearsePlanSettings *settings,
                                                            GError                    **error);
/* rehearse_library_set_plan_settings() in the writer thread. */
void                  rehearse_library_set_plan_settings_async  (RehearseLibrary            *self,
                                                                 const RehearsePlanSettings *settings,
                                                                 GCancellable               *cancellable,
                                                                 GAsyncReadyCallback         callback,
                                                                 gpointer                    user_data);
gboolean              rehearse_library_set_plan_settings_finish (RehearseLibrary  *self,
                                                                 GAsyncResult     *result,
                                                                 GError          **error);

/* One day of the plan. */
typedef struct
{
  GDate  date;
  guint  new_cards;         /* chosen questions studied for the first time */
  guint  reviews;           /* cards falling due that day */
  guint  minutes;           /* the day's estimated work */
} RehearsePlanDay;

/* One chosen topic on the interview day. */
typedef struct
{
  gint64  deck_id;
  gint64  topic_id;
  char   *deck_title;
  char   *topic_title;
  guint   questions;
  double  predicted_recall; /* mean over its questions, following the plan */
} RehearsePlanTopic;

typedef struct
{
  GDate      interview_date;
  int        days_left;           /* from today to the interview day; < 0: past */
  GArray    *days;                /* RehearsePlanDay, today first, up to the day before the interview */
  GPtrArray *topics;              /* RehearsePlanTopic *, lowest predicted recall first */
  guint      questions;           /* chosen live questions */
  guint      unstudied;           /* of them, left unseen by the interview under the limit */
  double     predicted_recall;    /* mean over the chosen questions on the interview day */
  gboolean   reaches_retention;   /* predicted_recall >= the desired retention */
} RehearsePlan;

/* Plans each day from today to the interview so that every chosen question
 * is studied at least once and the predicted recall on the interview day
 * reaches @parameters' desired retention where the daily limit allows.
 * NULL with no error when no interview date is set.
 *
 * How (rehearse-planner.h): every review is assumed graded Good; each day
 * first the new cards needed to see every question in time, then the
 * reviews falling due, then new cards up to an even spread that ends a few
 * days before the interview; the limit counts new cards and reviews, in
 * minutes from the user's median times in the log (1 min a review and 2 a
 * new card without any). Today's entry is what is left of today (what was
 * studied since midnight counts). The recall is predicted at midday on the
 * interview day; unstudied questions count 0. An interview today or past
 * has no days: everything unseen is unstudied (past: recall as it is now). */
RehearsePlan *rehearse_library_plan (RehearseLibrary              *self,
                                     const RehearseFsrsParameters *parameters,
                                     gint64                        now,
                                     GTimeZone                    *time_zone,
                                     GError                      **error);
void          rehearse_plan_free    (RehearsePlan                 *plan);

/* rehearse_library_plan() in a thread of its own; _finish returns NULL
 * with no error when no interview date is set. */
void          rehearse_library_plan_async  (RehearseLibrary              *self,
                                            const RehearseFsrsParameters *parameters,
                                            gint64                        now,
                                            GTimeZone                    *time_zone,
                                            GCancellable                 *cancellable,
                                            GAsyncReadyCallback           callback,
                                            gpointer                      user_data);
RehearsePlan *rehearse_library_plan_finish (RehearseLibrary              *self,
                                            GAsyncResult                 *result,
                                            GError                      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RehearsePlan, rehearse_plan_free)

G_END_DECLS
