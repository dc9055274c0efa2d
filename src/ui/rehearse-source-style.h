/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtksourceview/gtksource.h>

G_BEGIN_DECLS

/* Gives @buffer the Adwaita or Adwaita-dark scheme, and keeps it in step
 * with the app's light or dark style for the buffer's whole life. */
void rehearse_source_style_follow (GtkSourceBuffer *buffer);

G_END_DECLS
