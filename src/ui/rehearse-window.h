/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rehearse-application.h"

G_BEGIN_DECLS

#define REHEARSE_TYPE_WINDOW (rehearse_window_get_type ())
G_DECLARE_FINAL_TYPE (RehearseWindow, rehearse_window, REHEARSE, WINDOW, AdwApplicationWindow)

RehearseWindow *rehearse_window_new          (RehearseApplication *application);
/* Imports in the background and reports in toasts. */
void            rehearse_window_import_files (RehearseWindow      *self,
                                              GFile              **files,
                                              guint                n_files);
void            rehearse_window_show_message (RehearseWindow      *self,
                                              const char          *message);

G_END_DECLS
