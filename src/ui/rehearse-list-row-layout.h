/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Lays out a list item: its first child (the marker) at its natural width,
 * its second child (the content) in the rest. Unlike a horizontal GtkBox it
 * never asks wrapping labels how narrow they could be, which cost 12-20 ms
 * a switch on answers with long numbered lists. */
#define REHEARSE_TYPE_LIST_ROW_LAYOUT (rehearse_list_row_layout_get_type ())
G_DECLARE_FINAL_TYPE (RehearseListRowLayout, rehearse_list_row_layout,
                      REHEARSE, LIST_ROW_LAYOUT, GtkLayoutManager)

GtkLayoutManager *rehearse_list_row_layout_new (int spacing);

G_END_DECLS
