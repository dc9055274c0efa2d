/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What the progress page's charts share: the theme's colours, read when
 * they draw (so they follow the light and dark styles and the accent), and
 * text drawn in the widget's own font. */

/* The named colour @name of the style ("accent_bg_color"), or the widget's
 * text colour when the style has no such colour. */
void  rehearse_chart_lookup_color (GtkWidget   *widget,
                                   const char  *name,
                                   GdkRGBA     *color);
/* The widget's text colour at @alpha of its own opacity. */
void  rehearse_chart_foreground   (GtkWidget   *widget,
                                   float        alpha,
                                   GdkRGBA     *color);
/* A rectangle with rounded corners of @radius, filled. */
void  rehearse_chart_fill_rounded (GtkSnapshot           *snapshot,
                                   const graphene_rect_t *rect,
                                   float                  radius,
                                   const GdkRGBA         *color);
/* @text laid out in the widget's font, its size scaled by @scale; the
 * returned layout's pixel size says how much room it takes. */
PangoLayout *rehearse_chart_text  (GtkWidget   *widget,
                                   const char  *text,
                                   double       scale);
/* Draws @layout with its top left corner at (@x, @y). */
void  rehearse_chart_draw_text    (GtkSnapshot   *snapshot,
                                   PangoLayout   *layout,
                                   float          x,
                                   float          y,
                                   const GdkRGBA *color);

/* @date in @format as g_date_time_format() reads it ("%b %-e"). */
char *rehearse_chart_format_date  (const GDate   *date,
                                   const char    *format);

G_END_DECLS
