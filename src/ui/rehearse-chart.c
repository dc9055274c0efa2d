/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rehearse-chart.h"

void
rehearse_chart_foreground (GtkWidget *widget,
                           float      alpha,
                           GdkRGBA   *color)
{
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
  color->alpha *= alpha;
}

void
rehearse_chart_lookup_color (GtkWidget  *widget,
                             const char *name,
                             GdkRGBA    *color)
{
  /* libadwaita 1.2 defines its palette as named colours (@accent_bg_color),
   * which GTK 4.8 reads only through the style context. */
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, color))
    rehearse_chart_foreground (widget, 1.0f, color);
}

void
rehearse_chart_fill_rounded (GtkSnapshot           *snapshot,
                             const graphene_rect_t *rect,
                             float                  radius,
                             const GdkRGBA         *color)
{
  GskRoundedRect rounded;

  radius = MIN (radius, MIN (rect->size.width, rect->size.height) / 2.0f);
  gsk_rounded_rect_init_from_rect (&rounded, rect, radius);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, color, rect);
  gtk_snapshot_pop (snapshot);
}

PangoLayout *
rehearse_chart_text (GtkWidget  *widget,
                     const char *text,
                     double      scale)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoContext *context = gtk_widget_get_pango_context (widget);
  PangoFontDescription *font =
    pango_font_description_copy (pango_context_get_font_description (context));

  int size = pango_font_description_get_size (font);

  if (pango_font_description_get_size_is_absolute (font))
    pango_font_description_set_absolute_size (font, size * scale);
  else if (size > 0)
    pango_font_description_set_size (font, (int) (size * scale));
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  return layout;
}

void
rehearse_chart_draw_text (GtkSnapshot   *snapshot,
                          PangoLayout   *layout,
                          float          x,
                          float          y,
                          const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

char *
rehearse_chart_format_date (const GDate *date,
                            const char  *format)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                                                   g_date_get_day (date), 12, 0, 0);

  return g_date_time_format (time, format);
}
