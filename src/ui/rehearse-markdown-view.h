/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define REHEARSE_TYPE_MARKDOWN_VIEW (rehearse_markdown_view_get_type ())

G_DECLARE_FINAL_TYPE (RehearseMarkdownView, rehearse_markdown_view,
                      REHEARSE, MARKDOWN_VIEW, GtkWidget)

/* The zoom range the view accepts; values outside are clamped. */
#define REHEARSE_MARKDOWN_VIEW_ZOOM_MIN 0.5
#define REHEARSE_MARKDOWN_VIEW_ZOOM_MAX 3.0

GtkWidget  *rehearse_markdown_view_new          (void);
const char *rehearse_markdown_view_get_markdown (RehearseMarkdownView *self);
void        rehearse_markdown_view_set_markdown (RehearseMarkdownView *self,
                                                 const char           *markdown);
void        rehearse_markdown_view_set_base_directory (RehearseMarkdownView *self,
                                                       const char           *base_directory);
double      rehearse_markdown_view_get_zoom     (RehearseMarkdownView *self);
void        rehearse_markdown_view_set_zoom     (RehearseMarkdownView *self,
                                                 double                zoom);

/* A line of inline Markdown as Pango markup (for a question's title). */
char       *rehearse_markdown_view_inline_markup (const char           *markdown);

G_END_DECLS
