/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rehearse-accessible.h"

static void
name_button (GtkWidget  *button,
             const char *name)
{
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

/* The label of a button made with a mnemonic: GtkButton's own, or the one
 * that names it as its mnemonic widget inside a box (AdwButtonContent). */
static GtkLabel *
mnemonic_label (GtkWidget *button)
{
  g_autoptr(GList) labels = gtk_widget_list_mnemonic_labels (button);

  for (GList *l = labels; l != NULL; l = l->next)
    if (GTK_IS_LABEL (l->data) && gtk_widget_is_ancestor (l->data, button))
      return l->data;
  return NULL;
}

static void
fix_button (GtkWidget *button)
{
  GtkLabel *label = mnemonic_label (button);
  const char *raw;

  if (label == NULL)
    return;

  /* A name given on purpose ("Previous Question") is kept; the raw label
   * GtkButton set ("_Edit") is not a name. */
  raw = gtk_button_get_label (GTK_BUTTON (button));
  if (raw != NULL && gtk_button_get_use_underline (GTK_BUTTON (button)))
    name_button (button, gtk_label_get_text (label));
  else
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

void
rehearse_accessible_fix_mnemonic_buttons (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root))
    fix_button (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    rehearse_accessible_fix_mnemonic_buttons (child);
}

/* A toast's close button: the one button of the toast with an icon only. */
static void
name_close_buttons (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root) && gtk_button_get_label (GTK_BUTTON (root)) == NULL
      && gtk_button_get_icon_name (GTK_BUTTON (root)) != NULL)
    /* Translators: the close button of a message at the bottom of the window */
    name_button (root, _("Dismiss"));

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_close_buttons (child);
}

static void
on_overlay_children_changed (GListModel *children,
                             guint       position,
                             guint       removed,
                             guint       added,
                             gpointer    user_data)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWidget) child = g_list_model_get_item (children, i);

      /* Toasts are the overlay's children of CSS name "toast" (as
       * AdwToastOverlay documents its nodes); the content is left alone. */
      if (g_strcmp0 (gtk_widget_get_css_name (child), "toast") != 0)
        continue;
      rehearse_accessible_fix_mnemonic_buttons (child);
      name_close_buttons (child);
    }
}

void
rehearse_accessible_fix_toasts (AdwToastOverlay *overlay)
{
  GListModel *children;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));

  /* GTK keeps count of an observed widget's children at some cost: an
   * overlay has its content and a toast or two. The model does not hold
   * the overlay, which holds it. */
  children = gtk_widget_observe_children (GTK_WIDGET (overlay));
  g_signal_connect (children, "items-changed", G_CALLBACK (on_overlay_children_changed), NULL);
  g_object_set_data_full (G_OBJECT (overlay), "rehearse-toast-children", children,
                          g_object_unref);
}
