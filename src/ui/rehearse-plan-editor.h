/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rehearse-progress.h"

G_BEGIN_DECLS

/* The study plan's settings as rows: the interview date (a calendar in a
 * popover), a daily limit in minutes or cards, and the decks and topics
 * that matter (a deck's row ticks all its topics). Each change is saved to
 * the library a moment after the last one; ::saved follows each save, and
 * ::show-message a failure to tell the user of. */
#define REHEARSE_TYPE_PLAN_EDITOR (rehearse_plan_editor_get_type ())
G_DECLARE_FINAL_TYPE (RehearsePlanEditor, rehearse_plan_editor, REHEARSE, PLAN_EDITOR, GtkWidget)

GtkWidget *rehearse_plan_editor_new  (void);
/* Reads the settings and lists the decks and their topics from @library. */
void       rehearse_plan_editor_load (RehearsePlanEditor         *self,
                                      RehearseLibrary            *library);
/* The settings as the rows show them (the caller frees them). */
RehearsePlanSettings *rehearse_plan_editor_get_settings (RehearsePlanEditor *self);
/* Saves at once what waits for the moment after the last change. */
void       rehearse_plan_editor_save_now (RehearsePlanEditor         *self);

G_END_DECLS
