/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rehearse-library.h"

G_BEGIN_DECLS

/* Counts the question shown as read ("Recently Viewed") once it has stayed
 * on screen long enough to be read: paging through with Alt+Right is not
 * reading it. ::view-recorded: a view is in the library. */
#define REHEARSE_TYPE_READING_TRACKER (rehearse_reading_tracker_get_type ())
G_DECLARE_FINAL_TYPE (RehearseReadingTracker, rehearse_reading_tracker,
                      REHEARSE, READING_TRACKER, GObject)

/* Views are recorded with @cancellable (the window's: a view not yet
 * recorded when it closes is dropped). */
RehearseReadingTracker *rehearse_reading_tracker_new   (RehearseLibrary        *library,
                                                        GCancellable           *cancellable);
/* @question is now on screen, in place of any other. */
void                    rehearse_reading_tracker_start (RehearseReadingTracker *self,
                                                        RehearseQuestion       *question);
/* Nothing is on screen any more. */
void                    rehearse_reading_tracker_stop  (RehearseReadingTracker *self);

G_END_DECLS
