/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Makes @handle, the leaflet page between @pane and the content, drag
 * @pane's width between @min_width and @max_width, as GtkPaned's handle
 * would (AdwLeaflet has none). The leaflet keeps what the handle needs. */
void rehearse_sidebar_handle_attach (AdwLeaflet *leaflet,
                                     GtkWidget  *pane,
                                     GtkWidget  *handle,
                                     int         min_width,
                                     int         max_width);

G_END_DECLS
