/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rehearse-sidebar-handle.h"

/* The handle is drawn as a 1 px line but, as GtkPaned's, it can be grabbed
 * beside it too: a little into the sidebar, whose scrollbar runs along that
 * edge, and more into the content, which has a margin there. */
#define HANDLE_REACH_INTO_SIDEBAR 2
#define HANDLE_REACH_INTO_CONTENT 6

typedef struct
{
  /* Borrowed: the leaflet owns this, and the pane and handle are its pages. */
  AdwLeaflet *leaflet;
  GtkWidget  *pane;
  GtkWidget  *handle;

  int         min_width;
  int         max_width;
  int         drag_start_width;
  gboolean    pointer_on_handle;
} SidebarHandle;

/* Whether (@x, @y) in the leaflet's coordinates is on the handle or beside
 * it. Folded, the handle is hidden and nothing is. */
static gboolean
is_on_handle (SidebarHandle *self,
              double         x,
              double         y)
{
  graphene_point_t point;

  if (!gtk_widget_get_mapped (self->handle)
      || !gtk_widget_compute_point (GTK_WIDGET (self->leaflet), self->handle,
                                    &GRAPHENE_POINT_INIT (x, y), &point))
    return FALSE;

  /* Whole pixels: the transformed point is a hair off them. */
  return point.x > -HANDLE_REACH_INTO_SIDEBAR - 0.5
         && point.x < gtk_widget_get_width (self->handle) + HANDLE_REACH_INTO_CONTENT - 0.5;
}

static void
on_leaflet_motion (GtkEventControllerMotion *motion,
                   double                    x,
                   double                    y,
                   gpointer                  user_data)
{
  SidebarHandle *self = user_data;
  gboolean on_handle = is_on_handle (self, x, y);

  if (on_handle == self->pointer_on_handle)
    return;

  /* The leaflet's cursor shows where no widget under the pointer has one. */
  self->pointer_on_handle = on_handle;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->leaflet), on_handle ? "col-resize" : NULL);
}

static void
on_leaflet_leave (GtkEventControllerMotion *motion,
                  gpointer                  user_data)
{
  SidebarHandle *self = user_data;

  self->pointer_on_handle = FALSE;
  gtk_widget_set_cursor (GTK_WIDGET (self->leaflet), NULL);
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               gpointer        user_data)
{
  SidebarHandle *self = user_data;

  /* Elsewhere the press is the sidebar's or the content's. */
  if (!is_on_handle (self, x, y))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->drag_start_width = gtk_widget_get_width (self->pane);
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                gpointer        user_data)
{
  SidebarHandle *self = user_data;
  int width = CLAMP (self->drag_start_width + (int) offset_x, self->min_width, self->max_width);

  gtk_widget_set_size_request (self->pane, width, -1);
}

/* On the leaflet, before its children see the press (the capture phase): the
 * handle's reach covers the edges of both panes. */
void
rehearse_sidebar_handle_attach (AdwLeaflet *leaflet,
                                GtkWidget  *pane,
                                GtkWidget  *handle,
                                int         min_width,
                                int         max_width)
{
  SidebarHandle *self;
  GtkGesture *drag;
  GtkEventController *motion;

  g_return_if_fail (ADW_IS_LEAFLET (leaflet));
  g_return_if_fail (GTK_IS_WIDGET (pane));
  g_return_if_fail (GTK_IS_WIDGET (handle));

  self = g_new0 (SidebarHandle, 1);
  self->leaflet = leaflet;
  self->pane = pane;
  self->handle = handle;
  self->min_width = min_width;
  self->max_width = max_width;
  g_object_set_data_full (G_OBJECT (leaflet), "rehearse-sidebar-handle", self, g_free);

  drag = gtk_gesture_drag_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (leaflet), GTK_EVENT_CONTROLLER (drag));

  motion = gtk_event_controller_motion_new ();
  gtk_event_controller_set_propagation_phase (motion, GTK_PHASE_CAPTURE);
  g_signal_connect (motion, "motion", G_CALLBACK (on_leaflet_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leaflet_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (leaflet), motion);

  gtk_widget_set_cursor_from_name (handle, "col-resize");
}
