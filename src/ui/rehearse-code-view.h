/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtksourceview/gtksource.h>

G_BEGIN_DECLS

/* A read-only, unwrapped source view for a code block of an answer, as high
 * as its lines from the first frame that shows it. GtkTextView learns the
 * height of its lines only while it is allocated and in idle time after,
 * and asks for a resize then (which GTK 4.8 loses when it comes from inside
 * the allocation): its blocks showed a few pixels or lines short in their
 * first frame and grew in later ones, moving everything below them. This
 * view measures its lines with Pango as it is measured. */
#define REHEARSE_TYPE_CODE_VIEW (rehearse_code_view_get_type ())
G_DECLARE_FINAL_TYPE (RehearseCodeView, rehearse_code_view, REHEARSE, CODE_VIEW, GtkSourceView)

GtkWidget *rehearse_code_view_new (GtkSourceBuffer *buffer);

G_END_DECLS
