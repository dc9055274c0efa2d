/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rehearse-library.h"
#include "rehearse-sidebar-item.h"

G_BEGIN_DECLS

/* ::question-activated: a question chosen; ::show-message: a failure to
 * tell the user of (a list or search the library could not give, a
 * bookmark it did not change), for the window's toast. */
#define REHEARSE_TYPE_SIDEBAR (rehearse_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (RehearseSidebar, rehearse_sidebar, REHEARSE, SIDEBAR, GtkWidget)

GtkWidget *rehearse_sidebar_new          (RehearseLibrary *library);
/* Lists the decks again, after an import. */
void       rehearse_sidebar_reload       (RehearseSidebar *self);
void       rehearse_sidebar_focus_search (RehearseSidebar *self);
/* A smart collection as a list of its own, or back to the tree. */
void       rehearse_sidebar_open_collection (RehearseSidebar    *self,
                                             RehearseCollection  collection);
void       rehearse_sidebar_show_tree    (RehearseSidebar *self);
/* Highlights the Progress row, as when the page was opened by a shortcut. */
void       rehearse_sidebar_select_progress (RehearseSidebar *self);
/* The study plan's work for today ("12 new, 8 reviews — 25 min"), shown
 * under Due for Review's title; NULL: none. */
void       rehearse_sidebar_set_today_plan (RehearseSidebar *self,
                                            const char      *today_plan);
/* A question was counted as read: Recently Viewed, if open, lists it. */
void       rehearse_sidebar_view_recorded (RehearseSidebar *self);

G_END_DECLS
