/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rehearse-library.h"

G_BEGIN_DECLS

/* How many questions are due for review now, in all and per topic, as the
 * sidebar shows them. Counted by the core off the main thread, so a big
 * library never stalls the window; ::changed says that the counts differ
 * from the last ones. */
#define REHEARSE_TYPE_SIDEBAR_DUE_COUNTS (rehearse_sidebar_due_counts_get_type ())
G_DECLARE_FINAL_TYPE (RehearseSidebarDueCounts, rehearse_sidebar_due_counts,
                      REHEARSE, SIDEBAR_DUE_COUNTS, GObject)

RehearseSidebarDueCounts *rehearse_sidebar_due_counts_new (RehearseLibrary *library);
/* Counts again, at the current time. A refresh asked for while one runs
 * follows it, so the last word is always a count made after the last ask. */
void  rehearse_sidebar_due_counts_refresh   (RehearseSidebarDueCounts *self);
/* 0 until the first count is in. */
guint rehearse_sidebar_due_counts_get_total (RehearseSidebarDueCounts *self);
guint rehearse_sidebar_due_counts_get_topic (RehearseSidebarDueCounts *self,
                                             gint64                    topic_id);

G_END_DECLS
