/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rehearse-banner.h"
#include "rehearse-fsrs.h"
#include "rehearse-progress.h"

G_BEGIN_DECLS

/* Where the user stands: totals, reviews per day over the last year with
 * the streaks, the due forecast, mastery per topic, and the study plan for
 * an interview date (its settings, today's work and the predicted recall
 * per topic on the day). The figures come from the core, computed off the
 * main thread; each chart tells a screen reader what it shows. Its
 * "today-plan" property is today's work as a line ("12 new, 8 reviews —
 * 25 min"), NULL without a plan; ::show-message a failure to tell the
 * user of. Buttons act through win.start-quiz and win.back. */
#define REHEARSE_TYPE_PROGRESS_PAGE (rehearse_progress_page_get_type ())
G_DECLARE_FINAL_TYPE (RehearseProgressPage, rehearse_progress_page, REHEARSE, PROGRESS_PAGE,
                      GtkWidget)

GtkWidget  *rehearse_progress_page_new            (void);
/* Computes the figures in @library again, as the clock has it now in the
 * local time zone, scheduled with @parameters (copied); the page shows
 * them once they come. */
void        rehearse_progress_page_load           (RehearseProgressPage         *self,
                                                   RehearseLibrary              *library,
                                                   const RehearseFsrsParameters *parameters);
/* Computes the figures again in the library and with the parameters of the
 * last load. */
void        rehearse_progress_page_reload         (RehearseProgressPage         *self);
/* Shows figures as given (copied): @plan may be NULL; @today is the day
 * @progress ends with. */
void        rehearse_progress_page_show_figures   (RehearseProgressPage         *self,
                                                   const RehearseProgress       *progress,
                                                   const RehearsePlan           *plan,
                                                   const GDate                  *today);
const char *rehearse_progress_page_get_today_plan (RehearseProgressPage         *self);
/* "12 new, 8 reviews — 25 min" */
char       *rehearse_progress_page_describe_plan_day (const RehearsePlanDay     *day);
/* The banner under the header bar, for the window to say that the library
 * cannot be written (hidden until it does). */
RehearseBanner *rehearse_progress_page_get_library_notice (RehearseProgressPage *self);

G_END_DECLS
