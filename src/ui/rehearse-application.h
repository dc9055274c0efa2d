/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rehearse-library.h"

G_BEGIN_DECLS

#define REHEARSE_TYPE_APPLICATION (rehearse_application_get_type ())
G_DECLARE_FINAL_TYPE (RehearseApplication, rehearse_application, REHEARSE, APPLICATION, AdwApplication)

RehearseApplication *rehearse_application_new         (void);
RehearseLibrary     *rehearse_application_get_library (RehearseApplication *self);
GSettings           *rehearse_application_get_settings (RehearseApplication *self);

G_END_DECLS
