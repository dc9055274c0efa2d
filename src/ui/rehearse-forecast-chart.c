/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rehearse-chart.h"
#include "rehearse-forecast-chart.h"

#define PLOT_HEIGHT 120
#define MIN_SLOT 6
#define NATURAL_SLOT 18
#define GAP 6
#define SWATCH 10
#define TEXT_SCALE 0.8

struct _RehearseForecastChart
{
  GtkWidget  parent_instance;

  /* Owned */
  guint     *reviews;
  guint     *new_cards;
  guint      n_days;
  GDate      first_day;
};

G_DEFINE_FINAL_TYPE (RehearseForecastChart, rehearse_forecast_chart, GTK_TYPE_WIDGET)

GtkWidget *
rehearse_forecast_chart_new (void)
{
  return g_object_new (REHEARSE_TYPE_FORECAST_CHART, NULL);
}

void
rehearse_forecast_chart_set_days (RehearseForecastChart *self,
                                  const guint           *reviews,
                                  const guint           *new_cards,
                                  guint                  n_days,
                                  const GDate           *first_day)
{
  g_return_if_fail (REHEARSE_IS_FORECAST_CHART (self));
  g_return_if_fail (g_date_valid (first_day));

  g_free (self->reviews);
  g_free (self->new_cards);
  self->reviews = g_memdup2 (reviews, n_days * sizeof (guint));
  self->new_cards = g_memdup2 (new_cards, n_days * sizeof (guint));
  self->n_days = n_days;
  self->first_day = *first_day;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* ---- Geometry ------------------------------------------------------------ */

static int
text_height (GtkWidget *widget)
{
  g_autoptr(PangoLayout) layout = rehearse_chart_text (widget, "Mg", TEXT_SCALE);
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

/* The top of the scale: the busiest day rounded up to 1, 2 or 5 times a
 * power of ten, so its gridline reads as a round number. */
static guint
scale_top (RehearseForecastChart *self)
{
  guint most = 0;
  guint top = 1;

  for (guint i = 0; i < self->n_days; i++)
    most = MAX (most, self->reviews[i] + self->new_cards[i]);

  while (top < most)
    {
      if (top * 2 >= most)
        return top * 2;
      if (top * 5 >= most)
        return top * 5;
      top *= 10;
    }
  return top;
}

static int
axis_width (RehearseForecastChart *self)
{
  g_autofree char *top = g_strdup_printf ("%u", scale_top (self));
  g_autoptr(PangoLayout) layout = rehearse_chart_text (GTK_WIDGET (self), top, TEXT_SCALE);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width + GAP;
}

static void
rehearse_forecast_chart_measure (GtkWidget      *widget,
                                 GtkOrientation  orientation,
                                 int             for_size,
                                 int            *minimum,
                                 int            *natural,
                                 int            *minimum_baseline,
                                 int            *natural_baseline)
{
  RehearseForecastChart *self = REHEARSE_FORECAST_CHART (widget);
  int n_days = MAX ((int) self->n_days, 1);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = axis_width (self) + n_days * MIN_SLOT;
      *natural = axis_width (self) + n_days * NATURAL_SLOT;
    }
  else
    *minimum = *natural = 2 * text_height (widget) + 2 * GAP + PLOT_HEIGHT;
}

/* ---- Drawing -------------------------------------------------------------- */

static void
shades (GtkWidget *widget,
        GdkRGBA   *reviews,
        GdkRGBA   *new_cards)
{
  rehearse_chart_lookup_color (widget, "accent_bg_color", reviews);
  *new_cards = *reviews;
  new_cards->alpha *= 0.4f;
}

/* "■ Reviews  ■ New" at the top right. */
static void
draw_legend (RehearseForecastChart *self,
             GtkSnapshot           *snapshot)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const char *names[] = { _("Reviews"), _("New") };
  GdkRGBA colors[2], text;
  int height = text_height (widget);
  float x = gtk_widget_get_width (widget);

  shades (widget, &colors[0], &colors[1]);
  rehearse_chart_foreground (widget, 0.8f, &text);
  for (int i = G_N_ELEMENTS (names) - 1; i >= 0; i--)
    {
      g_autoptr(PangoLayout) layout = rehearse_chart_text (widget, names[i], TEXT_SCALE);
      graphene_rect_t swatch;
      int width;

      pango_layout_get_pixel_size (layout, &width, NULL);
      x -= width;
      rehearse_chart_draw_text (snapshot, layout, x, 0, &text);
      x -= SWATCH + 4;
      swatch = GRAPHENE_RECT_INIT (x, (height - SWATCH) / 2.0f, SWATCH, SWATCH);
      rehearse_chart_fill_rounded (snapshot, &swatch, 2, &colors[i]);
      x -= 2 * GAP;
    }
}

static void
draw_gridline (RehearseForecastChart *self,
               GtkSnapshot           *snapshot,
               guint                  value,
               float                  y,
               float                  left)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autofree char *text = g_strdup_printf ("%u", value);
  g_autoptr(PangoLayout) layout = rehearse_chart_text (widget, text, TEXT_SCALE);
  GdkRGBA line, label;
  int width, height;

  rehearse_chart_foreground (widget, 0.15f, &line);
  rehearse_chart_foreground (widget, 0.6f, &label);
  pango_layout_get_pixel_size (layout, &width, &height);
  rehearse_chart_draw_text (snapshot, layout, left - GAP - width, y - height / 2.0f, &label);
  gtk_snapshot_append_color (snapshot, &line,
                             &GRAPHENE_RECT_INIT (left, y,
                                                  gtk_widget_get_width (widget) - left, 1));
}

static void
draw_bars (RehearseForecastChart *self,
           GtkSnapshot           *snapshot,
           float                  left,
           float                  baseline,
           float                  slot)
{
  guint top = scale_top (self);
  float width = MAX (slot * 0.7f, 2.0f);
  GdkRGBA review_color, new_color;

  shades (GTK_WIDGET (self), &review_color, &new_color);
  for (guint i = 0; i < self->n_days; i++)
    {
      float review_height = PLOT_HEIGHT * (float) self->reviews[i] / top;
      float new_height = PLOT_HEIGHT * (float) self->new_cards[i] / top;
      float x = left + i * slot + (slot - width) / 2.0f;

      if (self->reviews[i] > 0)
        rehearse_chart_fill_rounded (snapshot,
                                     &GRAPHENE_RECT_INIT (x, baseline - review_height,
                                                          width, review_height),
                                     1, &review_color);
      if (self->new_cards[i] > 0)
        rehearse_chart_fill_rounded (snapshot,
                                     &GRAPHENE_RECT_INIT (x, baseline - review_height - new_height,
                                                          width, new_height),
                                     1, &new_color);
    }
}

/* "Today" under the first bar, then the date a week on, where it fits. */
static void
draw_days (RehearseForecastChart *self,
           GtkSnapshot           *snapshot,
           float                  left,
           float                  top,
           float                  slot)
{
  GtkWidget *widget = GTK_WIDGET (self);
  float free_from = 0;
  GdkRGBA color;

  rehearse_chart_foreground (widget, 0.6f, &color);
  for (guint i = 0; i < self->n_days; i += 7)
    {
      g_autoptr(PangoLayout) layout = NULL;
      g_autofree char *name = NULL;
      GDate day = self->first_day;
      float x;
      int width;

      g_date_add_days (&day, i);
      /* TRANSLATORS: a day under the forecast's bars, as "Dec 12" (g_date_time_format) */
      name = rehearse_chart_format_date (&day, _("%b %-e"));
      layout = rehearse_chart_text (widget, i == 0 ? _("Today") : name, TEXT_SCALE);
      pango_layout_get_pixel_size (layout, &width, NULL);
      x = MAX (left + i * slot + slot / 2.0f - width / 2.0f, 0);
      if (x < free_from || x + width > gtk_widget_get_width (widget))
        continue;
      rehearse_chart_draw_text (snapshot, layout, x, top, &color);
      free_from = x + width + GAP;
    }
}

static void
rehearse_forecast_chart_snapshot (GtkWidget   *widget,
                                  GtkSnapshot *snapshot)
{
  RehearseForecastChart *self = REHEARSE_FORECAST_CHART (widget);
  float left = axis_width (self);
  float plot_top = text_height (widget) + GAP;
  float baseline = plot_top + PLOT_HEIGHT;
  float slot;
  guint top;

  if (self->n_days == 0)
    return;

  top = scale_top (self);
  slot = (gtk_widget_get_width (widget) - left) / (float) self->n_days;
  draw_legend (self, snapshot);
  draw_gridline (self, snapshot, top, plot_top, left);
  if (top >= 2 && top % 2 == 0)
    draw_gridline (self, snapshot, top / 2, plot_top + PLOT_HEIGHT / 2.0f, left);
  draw_gridline (self, snapshot, 0, baseline, left);
  draw_bars (self, snapshot, left, baseline, slot);
  draw_days (self, snapshot, left, baseline + GAP, slot);
}

/* ---- Tooltips -------------------------------------------------------------- */

static gboolean
rehearse_forecast_chart_query_tooltip (GtkWidget  *widget,
                                       int         x,
                                       int         y,
                                       gboolean    keyboard_mode,
                                       GtkTooltip *tooltip)
{
  RehearseForecastChart *self = REHEARSE_FORECAST_CHART (widget);
  float left = axis_width (self);
  float slot;
  guint i;
  g_autofree char *reviews = NULL;
  g_autofree char *text = NULL;
  g_autofree char *date = NULL;
  GDate day;

  if (keyboard_mode || self->n_days == 0 || x < left)
    return FALSE;

  slot = (gtk_widget_get_width (widget) - left) / (float) self->n_days;
  i = (guint) ((x - left) / slot);
  if (i >= self->n_days)
    return FALSE;

  day = self->first_day;
  g_date_add_days (&day, i);
  date = rehearse_chart_format_date (&day, _("%a, %b %-e %Y"));
  reviews = g_strdup_printf (ngettext ("%u review", "%u reviews", self->reviews[i]),
                             self->reviews[i]);
  /* TRANSLATORS: a day of the forecast: "Sat, Dec 5 2026: 8 reviews, 12 new" */
  text = g_strdup_printf (ngettext ("%s: %s, %u new", "%s: %s, %u new", self->new_cards[i]),
                          date, reviews, self->new_cards[i]);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* ---- GObject ------------------------------------------------------------------ */

static void
rehearse_forecast_chart_finalize (GObject *object)
{
  RehearseForecastChart *self = REHEARSE_FORECAST_CHART (object);

  g_clear_pointer (&self->reviews, g_free);
  g_clear_pointer (&self->new_cards, g_free);

  G_OBJECT_CLASS (rehearse_forecast_chart_parent_class)->finalize (object);
}

static void
rehearse_forecast_chart_class_init (RehearseForecastChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rehearse_forecast_chart_finalize;
  widget_class->measure = rehearse_forecast_chart_measure;
  widget_class->snapshot = rehearse_forecast_chart_snapshot;
  widget_class->query_tooltip = rehearse_forecast_chart_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "forecastchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rehearse_forecast_chart_init (RehearseForecastChart *self)
{
  g_date_clear (&self->first_day, 1);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}
