/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rehearse-code-view.h"

/* Past this many lines a block is measured as lines of one height: a whole
 * Pango layout of a huge block would cost more than the text view's own
 * validation in idle time. */
#define EXACT_LINES_MAX 400
#define CODE_MARGIN 12

struct _RehearseCodeView
{
  GtkSourceView parent_instance;

  int           lines_height;  /* -1 until measured for the current text and font */
};

G_DEFINE_FINAL_TYPE (RehearseCodeView, rehearse_code_view, GTK_SOURCE_TYPE_VIEW)

/* The text view lays out each line on its own and rounds its height up to
 * whole pixels: three lines of 15.7 px are 48 px high, not 47. */
static int
sum_line_heights (PangoLayout *layout)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  int height = 0;

  do
    {
      int top, bottom;

      pango_layout_iter_get_line_yrange (iter, &top, &bottom);
      height += PANGO_PIXELS_CEIL (bottom - top);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  return height;
}

static int
measure_lines (RehearseCodeView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  int lines = gtk_text_buffer_get_line_count (buffer);
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (lines > EXACT_LINES_MAX)
    {
      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "X");
      return sum_line_heights (layout) * lines;
    }

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  return sum_line_heights (layout);
}

static void
rehearse_code_view_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  RehearseCodeView *self = REHEARSE_CODE_VIEW (widget);
  int height;

  GTK_WIDGET_CLASS (rehearse_code_view_parent_class)->measure (widget, orientation, for_size,
                                                               minimum, natural,
                                                               minimum_baseline,
                                                               natural_baseline);
  if (orientation != GTK_ORIENTATION_VERTICAL)
    return;

  if (self->lines_height < 0)
    self->lines_height = measure_lines (self);
  height = self->lines_height + gtk_text_view_get_top_margin (GTK_TEXT_VIEW (self))
           + gtk_text_view_get_bottom_margin (GTK_TEXT_VIEW (self));
  *minimum = MAX (*minimum, height);
  *natural = MAX (*natural, height);
}

static void
forget_lines_height (RehearseCodeView *self)
{
  self->lines_height = -1;
}

/* The font follows the view's zoom and the system's font settings. */
static void
rehearse_code_view_css_changed (GtkWidget         *widget,
                                GtkCssStyleChange *change)
{
  forget_lines_height (REHEARSE_CODE_VIEW (widget));
  GTK_WIDGET_CLASS (rehearse_code_view_parent_class)->css_changed (widget, change);
}

static void
rehearse_code_view_system_setting_changed (GtkWidget         *widget,
                                           GtkSystemSetting   setting)
{
  forget_lines_height (REHEARSE_CODE_VIEW (widget));
  GTK_WIDGET_CLASS (rehearse_code_view_parent_class)->system_setting_changed (widget, setting);
}

static void
rehearse_code_view_class_init (RehearseCodeViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = rehearse_code_view_measure;
  widget_class->css_changed = rehearse_code_view_css_changed;
  widget_class->system_setting_changed = rehearse_code_view_system_setting_changed;
}

static void
rehearse_code_view_init (RehearseCodeView *self)
{
  self->lines_height = -1;
}

GtkWidget *
rehearse_code_view_new (GtkSourceBuffer *buffer)
{
  RehearseCodeView *self;

  g_return_val_if_fail (GTK_SOURCE_IS_BUFFER (buffer), NULL);

  self = g_object_new (REHEARSE_TYPE_CODE_VIEW,
                       "buffer", buffer,
                       "editable", FALSE,
                       "cursor-visible", FALSE,
                       "monospace", TRUE,
                       "wrap-mode", GTK_WRAP_NONE,
                       "top-margin", CODE_MARGIN,
                       "bottom-margin", CODE_MARGIN,
                       "left-margin", CODE_MARGIN,
                       "right-margin", CODE_MARGIN,
                       NULL);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (forget_lines_height), self,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}
