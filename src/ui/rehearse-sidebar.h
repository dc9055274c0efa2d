/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rehearse-library.h"

G_BEGIN_DECLS

#define REHEARSE_TYPE_SIDEBAR (rehearse_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (RehearseSidebar, rehearse_sidebar, REHEARSE, SIDEBAR, GtkWidget)

GtkWidget *rehearse_sidebar_new          (RehearseLibrary *library);
/* Lists the decks again, after an import. */
void       rehearse_sidebar_reload       (RehearseSidebar *self);
void       rehearse_sidebar_focus_search (RehearseSidebar *self);

G_END_DECLS
