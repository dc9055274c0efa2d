/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rehearse-library.h"

G_BEGIN_DECLS

#define REHEARSE_TYPE_PREFERENCES_WINDOW (rehearse_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (RehearsePreferencesWindow, rehearse_preferences_window,
                      REHEARSE, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWindow *rehearse_preferences_window_new         (GSettings                 *settings);
/* Shows the library's backups, each one restorable. */
void       rehearse_preferences_window_set_library (RehearsePreferencesWindow *self,
                                                    RehearseLibrary           *library);

G_END_DECLS
