/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Lays out the blocks of an answer one under the other, each as wide as the
 * view and as high as it needs at that width. Unlike a vertical GtkBox it is
 * always height-for-width: GTK 4.8 keeps a widget's request mode until the
 * widget is allocated again and drops the resizes asked for meanwhile, so a
 * box measured empty or hidden (the In Depth part of a question without one)
 * stayed "constant size" once it held text again. It was then measured at
 * its text's natural width, one line high at any width, and its text ran
 * over what follows. */
#define REHEARSE_TYPE_BLOCK_LAYOUT (rehearse_block_layout_get_type ())
G_DECLARE_FINAL_TYPE (RehearseBlockLayout, rehearse_block_layout,
                      REHEARSE, BLOCK_LAYOUT, GtkLayoutManager)

GtkLayoutManager *rehearse_block_layout_new (int spacing);

G_END_DECLS
