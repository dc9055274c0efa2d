/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rehearse-chart.h"
#include "rehearse-heatmap.h"

/* A column's width (cell and gap), between what stays readable and what
 * still looks like a calendar rather than a board game. */
#define MIN_STEP 5
#define MAX_STEP 15
#define MONTH_BAND_GAP 4
#define GUTTER_GAP 6
#define LEVELS 4

struct _RehearseHeatmap
{
  GtkWidget  parent_instance;

  /* Owned */
  guint     *reviews;      /* per day, oldest first */
  guint      n_days;
  GDate      last_day;
  guint      first_row;    /* the weekday row of the oldest day (0: Monday) */
  guint      n_columns;
  guint      most;         /* the busiest day's reviews */
};

G_DEFINE_FINAL_TYPE (RehearseHeatmap, rehearse_heatmap, GTK_TYPE_WIDGET)

GtkWidget *
rehearse_heatmap_new (void)
{
  return g_object_new (REHEARSE_TYPE_HEATMAP, NULL);
}

void
rehearse_heatmap_set_reviews (RehearseHeatmap *self,
                              const guint     *reviews_per_day,
                              guint            n_days,
                              const GDate     *last_day)
{
  GDate first_day;

  g_return_if_fail (REHEARSE_IS_HEATMAP (self));
  g_return_if_fail (n_days > 0 && g_date_valid (last_day));

  g_free (self->reviews);
  self->reviews = g_memdup2 (reviews_per_day, n_days * sizeof (guint));
  self->n_days = n_days;
  self->last_day = *last_day;
  first_day = *last_day;
  g_date_subtract_days (&first_day, n_days - 1);
  self->first_row = g_date_get_weekday (&first_day) - G_DATE_MONDAY;
  self->n_columns = (self->first_row + n_days + 6) / 7;
  self->most = 0;
  for (guint i = 0; i < n_days; i++)
    self->most = MAX (self->most, reviews_per_day[i]);

  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* ---- Geometry ---------------------------------------------------------- */

static int
text_height (GtkWidget *widget)
{
  g_autoptr(PangoLayout) layout = rehearse_chart_text (widget, "Mg", 0.8);
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

/* Room for the weekday names on the left. */
static int
gutter_width (GtkWidget *widget)
{
  g_autoptr(PangoLayout) layout = rehearse_chart_text (widget, _("Mon"), 0.8);
  int width = 0;

  for (const char *const *name = (const char *const[]) { _("Mon"), _("Wed"), _("Fri"), NULL };
       *name != NULL; name++)
    {
      int name_width;

      pango_layout_set_text (layout, *name, -1);
      pango_layout_get_pixel_size (layout, &name_width, NULL);
      width = MAX (width, name_width);
    }

  return width + GUTTER_GAP;
}

/* The column width for @width, and the room left of the columns for the
 * weekday names: none when a row is too thin for them to be read. */
static int
step_for_width (RehearseHeatmap *self,
                int              width,
                int             *gutter)
{
  int n_columns = (int) MAX (self->n_columns, 1);
  int with_names = gutter_width (GTK_WIDGET (self));
  int step = CLAMP ((width - with_names) / n_columns, MIN_STEP, MAX_STEP);

  if (2 * step >= text_height (GTK_WIDGET (self)))
    {
      *gutter = with_names;
      return step;
    }

  *gutter = 0;
  return CLAMP (width / n_columns, MIN_STEP, MAX_STEP);
}

/* Where the first column starts: the calendar is centred in the width. */
static int
columns_left (RehearseHeatmap *self,
              int              width,
              int             *step,
              int             *gutter)
{
  int n_columns = (int) MAX (self->n_columns, 1);

  *step = step_for_width (self, width, gutter);
  return *gutter + MAX (0, (width - *gutter - n_columns * *step) / 2);
}

static void
rehearse_heatmap_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  RehearseHeatmap *self = REHEARSE_HEATMAP (widget);
  guint n_columns = MAX (self->n_columns, 1);
  int step, gutter;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = (int) n_columns * MIN_STEP;
      *natural = gutter_width (widget) + (int) n_columns * MAX_STEP;
      return;
    }

  step = for_size < 0 ? MAX_STEP : step_for_width (self, for_size, &gutter);
  *minimum = *natural = text_height (widget) + MONTH_BAND_GAP + 7 * step;
}

static GtkSizeRequestMode
rehearse_heatmap_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* ---- Drawing ------------------------------------------------------------ */

/* 0 for no review, then 1 to LEVELS by the share of the busiest day. */
static guint
level_of (RehearseHeatmap *self,
          guint            reviews)
{
  if (reviews == 0 || self->most == 0)
    return 0;
  return CLAMP ((reviews * LEVELS + self->most - 1) / self->most, 1, LEVELS);
}

static void
draw_cells (RehearseHeatmap *self,
            GtkSnapshot     *snapshot,
            float            left,
            float            top,
            int              step)
{
  GtkWidget *widget = GTK_WIDGET (self);
  float gap = MAX (1, step / 5);
  float radius = step >= 10 ? 2.0f : 1.0f;
  GdkRGBA empty, accent, shades[LEVELS + 1];

  rehearse_chart_foreground (widget, 0.08f, &empty);
  rehearse_chart_lookup_color (widget, "accent_bg_color", &accent);
  shades[0] = empty;
  for (guint level = 1; level <= LEVELS; level++)
    {
      shades[level] = accent;
      shades[level].alpha = accent.alpha * (0.25f + 0.75f * (level - 1) / (LEVELS - 1));
    }

  for (guint day = 0; day < self->n_days; day++)
    {
      guint cell = self->first_row + day;
      graphene_rect_t rect = GRAPHENE_RECT_INIT (left + (cell / 7) * step, top + (cell % 7) * step,
                                                 step - gap, step - gap);

      rehearse_chart_fill_rounded (snapshot, &rect, radius,
                                   &shades[level_of (self, self->reviews[day])]);
    }
}

static void
draw_weekdays (RehearseHeatmap *self,
               GtkSnapshot     *snapshot,
               float            left,
               float            top,
               int              step)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const char *names[] = { _("Mon"), _("Wed"), _("Fri") };
  GdkRGBA color;

  rehearse_chart_foreground (widget, 0.6f, &color);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(PangoLayout) layout = rehearse_chart_text (widget, names[i], 0.8);
      int height;

      pango_layout_get_pixel_size (layout, NULL, &height);
      rehearse_chart_draw_text (snapshot, layout, left,
                                top + (2 * i) * step + (step - height) / 2.0f, &color);
    }
}

/* Each month's name above the column of its first day, where it fits. */
static void
draw_months (RehearseHeatmap *self,
             GtkSnapshot     *snapshot,
             float            left,
             int              step)
{
  GtkWidget *widget = GTK_WIDGET (self);
  float free_from = 0;
  GDate day = self->last_day;
  GdkRGBA color;

  rehearse_chart_foreground (widget, 0.6f, &color);
  g_date_subtract_days (&day, self->n_days - 1);
  for (guint i = 0; i < self->n_days; i++, g_date_add_days (&day, 1))
    {
      char name[64];
      g_autoptr(PangoLayout) layout = NULL;
      float x = left + ((self->first_row + i) / 7) * step;
      int width;

      if (g_date_get_day (&day) != 1 || x < free_from)
        continue;

      g_date_strftime (name, sizeof name, "%b", &day);
      layout = rehearse_chart_text (widget, name, 0.8);
      pango_layout_get_pixel_size (layout, &width, NULL);
      if (x + width > gtk_widget_get_width (widget))
        break;
      rehearse_chart_draw_text (snapshot, layout, x, 0, &color);
      free_from = x + width + 4;
    }
}

static void
rehearse_heatmap_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  RehearseHeatmap *self = REHEARSE_HEATMAP (widget);
  int gutter, step;
  float left = columns_left (self, gtk_widget_get_width (widget), &step, &gutter);
  float top = text_height (widget) + MONTH_BAND_GAP;

  if (self->n_days == 0)
    return;

  draw_months (self, snapshot, left, step);
  if (gutter > 0)
    draw_weekdays (self, snapshot, left - gutter, top, step);
  draw_cells (self, snapshot, left, top, step);
}

/* ---- Tooltips ------------------------------------------------------------ */

static gboolean
rehearse_heatmap_query_tooltip (GtkWidget  *widget,
                                int         x,
                                int         y,
                                gboolean    keyboard_mode,
                                GtkTooltip *tooltip)
{
  RehearseHeatmap *self = REHEARSE_HEATMAP (widget);
  int step, gutter;
  int left = columns_left (self, gtk_widget_get_width (widget), &step, &gutter);
  int top = text_height (widget) + MONTH_BAND_GAP;
  guint cell, day_index, reviews;
  g_autofree char *text = NULL;
  g_autofree char *date = NULL;
  GDate day;

  if (keyboard_mode || self->n_days == 0 || x < left || y < top || y >= top + 7 * step)
    return FALSE;

  cell = (guint) ((x - left) / step) * 7 + (guint) ((y - top) / step);
  if (cell < self->first_row || cell - self->first_row >= self->n_days)
    return FALSE;

  day_index = cell - self->first_row;
  reviews = self->reviews[day_index];
  day = self->last_day;
  g_date_subtract_days (&day, self->n_days - 1 - day_index);
  /* TRANSLATORS: a day in a tooltip, as "Sat, Dec 5 2026" (g_date_time_format) */
  date = rehearse_chart_format_date (&day, _("%a, %b %-e %Y"));
  /* TRANSLATORS: reviews on a day, as "3 reviews on Sat, Dec 5 2026" */
  text = g_strdup_printf (ngettext ("%u review on %s", "%u reviews on %s", reviews),
                          reviews, date);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* ---- GObject ----------------------------------------------------------------- */

static void
rehearse_heatmap_finalize (GObject *object)
{
  RehearseHeatmap *self = REHEARSE_HEATMAP (object);

  g_clear_pointer (&self->reviews, g_free);

  G_OBJECT_CLASS (rehearse_heatmap_parent_class)->finalize (object);
}

static void
rehearse_heatmap_class_init (RehearseHeatmapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rehearse_heatmap_finalize;
  widget_class->measure = rehearse_heatmap_measure;
  widget_class->get_request_mode = rehearse_heatmap_get_request_mode;
  widget_class->snapshot = rehearse_heatmap_snapshot;
  widget_class->query_tooltip = rehearse_heatmap_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "heatmap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rehearse_heatmap_init (RehearseHeatmap *self)
{
  g_date_clear (&self->last_day, 1);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}
