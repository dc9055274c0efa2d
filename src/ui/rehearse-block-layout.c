/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rehearse-block-layout.h"

struct _RehearseBlockLayout
{
  GtkLayoutManager parent_instance;

  int              spacing;  /* between blocks */
};

G_DEFINE_FINAL_TYPE (RehearseBlockLayout, rehearse_block_layout, GTK_TYPE_LAYOUT_MANAGER)

GtkLayoutManager *
rehearse_block_layout_new (int spacing)
{
  RehearseBlockLayout *self = g_object_new (REHEARSE_TYPE_BLOCK_LAYOUT, NULL);

  self->spacing = spacing;
  return GTK_LAYOUT_MANAGER (self);
}

static void
rehearse_block_layout_measure (GtkLayoutManager *manager,
                               GtkWidget        *widget,
                               GtkOrientation    orientation,
                               int               for_size,
                               int              *minimum,
                               int              *natural,
                               int              *minimum_baseline,
                               int              *natural_baseline)
{
  RehearseBlockLayout *self = REHEARSE_BLOCK_LAYOUT (manager);
  guint blocks = 0;

  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_minimum = 0, child_natural = 0;

      if (!gtk_widget_should_layout (child))
        continue;

      blocks++;
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          gtk_widget_measure (child, orientation, -1, &child_minimum, &child_natural, NULL, NULL);
          *minimum = MAX (*minimum, child_minimum);
          *natural = MAX (*natural, child_natural);
        }
      else
        {
          gtk_widget_measure (child, orientation, for_size, &child_minimum, &child_natural,
                              NULL, NULL);
          *minimum += child_minimum;
          *natural += child_natural;
        }
    }

  if (orientation == GTK_ORIENTATION_VERTICAL && blocks > 1)
    {
      *minimum += self->spacing * (int) (blocks - 1);
      *natural += self->spacing * (int) (blocks - 1);
    }
}

/* Each block gets its natural height at the view's width, or its minimum
 * when the view has less room than the blocks would like. */
static void
rehearse_block_layout_allocate (GtkLayoutManager *manager,
                                GtkWidget        *widget,
                                int               width,
                                int               height,
                                int               baseline)
{
  RehearseBlockLayout *self = REHEARSE_BLOCK_LAYOUT (manager);
  int minimum = 0, natural = 0;
  gboolean use_natural;
  int y = 0;

  rehearse_block_layout_measure (manager, widget, GTK_ORIENTATION_VERTICAL, width,
                                 &minimum, &natural, NULL, NULL);
  use_natural = height >= natural;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_minimum = 0, child_natural = 0;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &child_minimum, &child_natural,
                          NULL, NULL);
      gtk_widget_size_allocate (child,
                                &(GtkAllocation) { 0, y, width,
                                                   use_natural ? child_natural : child_minimum },
                                -1);
      y += (use_natural ? child_natural : child_minimum) + self->spacing;
    }
}

static GtkSizeRequestMode
rehearse_block_layout_get_request_mode (GtkLayoutManager *manager,
                                        GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
rehearse_block_layout_class_init (RehearseBlockLayoutClass *klass)
{
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  layout_class->measure = rehearse_block_layout_measure;
  layout_class->allocate = rehearse_block_layout_allocate;
  layout_class->get_request_mode = rehearse_block_layout_get_request_mode;
}

static void
rehearse_block_layout_init (RehearseBlockLayout *self)
{
}
