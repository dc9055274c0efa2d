/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rehearse-list-row-layout.h"

struct _RehearseListRowLayout
{
  GtkLayoutManager parent_instance;

  int              spacing;  /* between the marker and the content */
};

G_DEFINE_FINAL_TYPE (RehearseListRowLayout, rehearse_list_row_layout, GTK_TYPE_LAYOUT_MANAGER)

GtkLayoutManager *
rehearse_list_row_layout_new (int spacing)
{
  RehearseListRowLayout *self = g_object_new (REHEARSE_TYPE_LIST_ROW_LAYOUT, NULL);

  self->spacing = spacing;
  return GTK_LAYOUT_MANAGER (self);
}

static int
marker_width (GtkWidget *marker)
{
  int natural = 0;

  gtk_widget_measure (marker, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

static void
rehearse_list_row_layout_measure (GtkLayoutManager *manager,
                                  GtkWidget        *widget,
                                  GtkOrientation    orientation,
                                  int               for_size,
                                  int              *minimum,
                                  int              *natural,
                                  int              *minimum_baseline,
                                  int              *natural_baseline)
{
  RehearseListRowLayout *self = REHEARSE_LIST_ROW_LAYOUT (manager);
  GtkWidget *marker = gtk_widget_get_first_child (widget);
  GtkWidget *content = marker != NULL ? gtk_widget_get_next_sibling (marker) : NULL;
  int indent, content_minimum = 0, content_natural = 0;

  *minimum = *natural = 0;
  if (content == NULL)
    return;

  indent = marker_width (marker) + self->spacing;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gtk_widget_measure (content, orientation, -1, &content_minimum, &content_natural, NULL, NULL);
      *minimum = indent + content_minimum;
      *natural = indent + content_natural;
    }
  else
    {
      int marker_minimum, marker_natural;

      gtk_widget_measure (content, orientation, for_size < 0 ? -1 : MAX (for_size - indent, 0),
                          &content_minimum, &content_natural, NULL, NULL);
      gtk_widget_measure (marker, orientation, -1, &marker_minimum, &marker_natural, NULL, NULL);
      *minimum = MAX (content_minimum, marker_minimum);
      *natural = MAX (content_natural, marker_natural);
    }
}

static void
rehearse_list_row_layout_allocate (GtkLayoutManager *manager,
                                   GtkWidget        *widget,
                                   int               width,
                                   int               height,
                                   int               baseline)
{
  RehearseListRowLayout *self = REHEARSE_LIST_ROW_LAYOUT (manager);
  GtkWidget *marker = gtk_widget_get_first_child (widget);
  GtkWidget *content = marker != NULL ? gtk_widget_get_next_sibling (marker) : NULL;
  int indent, marker_height = 0;

  if (content == NULL)
    return;

  indent = marker_width (marker);
  gtk_widget_measure (marker, GTK_ORIENTATION_VERTICAL, indent, NULL, &marker_height, NULL, NULL);
  gtk_widget_size_allocate (marker, &(GtkAllocation) { 0, 0, indent, MIN (marker_height, height) },
                            -1);

  indent += self->spacing;
  gtk_widget_size_allocate (content, &(GtkAllocation) { indent, 0, MAX (width - indent, 0), height },
                            -1);
}

static GtkSizeRequestMode
rehearse_list_row_layout_get_request_mode (GtkLayoutManager *manager,
                                           GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
rehearse_list_row_layout_class_init (RehearseListRowLayoutClass *klass)
{
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  layout_class->measure = rehearse_list_row_layout_measure;
  layout_class->allocate = rehearse_list_row_layout_allocate;
  layout_class->get_request_mode = rehearse_list_row_layout_get_request_mode;
}

static void
rehearse_list_row_layout_init (RehearseListRowLayout *self)
{
}
