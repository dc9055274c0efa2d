/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rehearse-library.h"

G_BEGIN_DECLS

/* The app icon as the application's resources hold it (installed or not;
 * the icon themes know it as the application id once installed). GTK 4.8
 * cuts a resource icon's name at its first dot, hence no dots. */
#define REHEARSE_ABOUT_ICON_NAME "rehearse-logo"

#define REHEARSE_TYPE_APPLICATION (rehearse_application_get_type ())
G_DECLARE_FINAL_TYPE (RehearseApplication, rehearse_application, REHEARSE, APPLICATION, AdwApplication)

RehearseApplication *rehearse_application_new         (void);
RehearseLibrary     *rehearse_application_get_library (RehearseApplication *self);
GSettings           *rehearse_application_get_settings (RehearseApplication *self);
/* Why rehearse_application_get_library() is NULL, or NULL. */
const GError        *rehearse_application_get_library_error (RehearseApplication *self);

G_END_DECLS
