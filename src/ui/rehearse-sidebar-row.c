/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rehearse-cmark.h"
#include "rehearse-sidebar-item.h"
#include "rehearse-sidebar-row.h"

struct _RehearseSidebarRow
{
  GtkWidget        parent_instance;

  GtkTreeExpander *expander;
  GtkWidget       *icon;          /* symbolic icon, for collections */
  GtkWidget       *emoji;         /* a topic's emoji */
  GtkWidget       *title;
  GtkWidget       *snippet;       /* search results only */
  GtkWidget       *count;
  GtkWidget       *star;
};

G_DEFINE_FINAL_TYPE (RehearseSidebarRow, rehearse_sidebar_row, GTK_TYPE_WIDGET)

char *
rehearse_question_title_plain (RehearseQuestion *question)
{
  const char *text = rehearse_question_get_text (question);
  g_autoptr(cmark_node) document = rehearse_cmark_parse (text, strlen (text));
  g_autofree char *plain = rehearse_cmark_plain_text (document);
  int number = rehearse_question_get_number (question);

  if (number >= 0)
    return g_strdup_printf ("%d. %s", number, plain);
  return g_steal_pointer (&plain);
}

static void
reset (RehearseSidebarRow *self)
{
  gtk_widget_set_visible (self->icon, FALSE);
  gtk_widget_set_visible (self->emoji, FALSE);
  gtk_widget_set_visible (self->snippet, FALSE);
  gtk_widget_set_visible (self->count, FALSE);
  gtk_widget_set_visible (self->star, FALSE);
  gtk_widget_remove_css_class (self->title, "heading");
  gtk_widget_remove_css_class (self->title, "dim-label");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "sidebar-heading");
  gtk_label_set_wrap (GTK_LABEL (self->title), FALSE);
}

static void
show_count (RehearseSidebarRow *self,
            guint               count)
{
  g_autofree char *text = g_strdup_printf ("%u", count);

  gtk_label_set_text (GTK_LABEL (self->count), text);
  gtk_widget_set_visible (self->count, TRUE);
}

static void
bind_question (RehearseSidebarRow *self,
               RehearseQuestion   *question,
               RehearseLibrary    *library)
{
  g_autofree char *title = rehearse_question_title_plain (question);
  gboolean bookmarked = rehearse_library_is_bookmarked (library, rehearse_question_get_key (question));

  gtk_label_set_text (GTK_LABEL (self->title), title);
  gtk_widget_set_visible (self->star, bookmarked);
}

static void
bind_item (RehearseSidebarRow *self,
           gpointer            item,
           RehearseLibrary    *library)
{
  if (REHEARSE_IS_QUESTION (item))
    {
      bind_question (self, item, library);
    }
  else if (REHEARSE_IS_TOPIC (item))
    {
      const char *icon = rehearse_topic_get_icon (item);

      gtk_label_set_text (GTK_LABEL (self->title), rehearse_topic_get_title (item));
      gtk_label_set_text (GTK_LABEL (self->emoji), icon != NULL ? icon : "");
      gtk_widget_set_visible (self->emoji, icon != NULL);
      show_count (self, rehearse_topic_get_question_count (item));
    }
  else if (REHEARSE_IS_DECK (item))
    {
      gtk_label_set_text (GTK_LABEL (self->title), rehearse_deck_get_title (item));
      gtk_widget_add_css_class (self->title, "heading");
      show_count (self, rehearse_deck_get_question_count (item));
    }
  else if (REHEARSE_IS_SIDEBAR_ITEM (item) && rehearse_sidebar_item_is_heading (item))
    {
      gtk_label_set_text (GTK_LABEL (self->title), rehearse_sidebar_item_get_title (item));
      gtk_widget_add_css_class (self->title, "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self), "sidebar-heading");
    }
  else if (REHEARSE_IS_SIDEBAR_ITEM (item))
    {
      gtk_label_set_text (GTK_LABEL (self->title), rehearse_sidebar_item_get_title (item));
      gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), rehearse_sidebar_item_get_icon_name (item));
      gtk_widget_set_visible (self->icon, TRUE);
    }
}

void
rehearse_sidebar_row_bind_tree_row (RehearseSidebarRow *self,
                                    GtkTreeListRow     *tree_row,
                                    RehearseLibrary    *library)
{
  g_autoptr(GObject) item = gtk_tree_list_row_get_item (tree_row);

  reset (self);
  gtk_tree_expander_set_list_row (self->expander, tree_row);
  bind_item (self, item, library);

  /* Screen readers hear the title and the count together. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (GTK_LABEL (self->title)), -1);
}

void
rehearse_sidebar_row_bind_search_result (RehearseSidebarRow   *self,
                                         RehearseSearchResult *result,
                                         RehearseLibrary      *library)
{
  g_autofree char *markup = rehearse_snippet_to_markup (rehearse_search_result_get_snippet (result));

  reset (self);
  gtk_tree_expander_set_list_row (self->expander, NULL);
  bind_question (self, rehearse_search_result_get_question (result), library);
  gtk_label_set_wrap (GTK_LABEL (self->title), TRUE);
  gtk_label_set_markup (GTK_LABEL (self->snippet), markup);
  gtk_widget_set_visible (self->snippet, *markup != '\0');
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (GTK_LABEL (self->title)), -1);
}

void
rehearse_sidebar_row_unbind (RehearseSidebarRow *self)
{
  gtk_tree_expander_set_list_row (self->expander, NULL);
}

GtkWidget *
rehearse_sidebar_row_new (void)
{
  return g_object_new (REHEARSE_TYPE_SIDEBAR_ROW, NULL);
}

static GtkWidget *
build_content (RehearseSidebarRow *self)
{
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  self->icon = gtk_image_new ();
  self->emoji = gtk_label_new (NULL);
  self->title = g_object_new (GTK_TYPE_LABEL, "xalign", 0.0f, "hexpand", TRUE,
                              "ellipsize", PANGO_ELLIPSIZE_END, "wrap-mode", PANGO_WRAP_WORD_CHAR,
                              "lines", 3, NULL);
  self->snippet = g_object_new (GTK_TYPE_LABEL, "xalign", 0.0f, "wrap", TRUE, "lines", 2,
                                "ellipsize", PANGO_ELLIPSIZE_END, "wrap-mode", PANGO_WRAP_WORD_CHAR,
                                NULL);
  self->count = gtk_label_new (NULL);
  self->star = gtk_image_new_from_icon_name ("starred-symbolic");

  gtk_widget_add_css_class (self->snippet, "caption");
  gtk_widget_add_css_class (self->snippet, "dim-label");
  gtk_widget_add_css_class (self->count, "dim-label");
  gtk_widget_add_css_class (self->count, "numeric");
  gtk_widget_add_css_class (self->star, "bookmark-star");
  gtk_widget_set_valign (self->star, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->star), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Bookmarked"), -1);

  gtk_box_append (GTK_BOX (texts), self->title);
  gtk_box_append (GTK_BOX (texts), self->snippet);
  gtk_box_append (GTK_BOX (line), self->icon);
  gtk_box_append (GTK_BOX (line), self->emoji);
  gtk_box_append (GTK_BOX (line), texts);
  gtk_box_append (GTK_BOX (line), self->star);
  gtk_box_append (GTK_BOX (line), self->count);

  return line;
}

static void
rehearse_sidebar_row_dispose (GObject *object)
{
  RehearseSidebarRow *self = REHEARSE_SIDEBAR_ROW (object);

  if (self->expander != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->expander));
      self->expander = NULL;
    }

  G_OBJECT_CLASS (rehearse_sidebar_row_parent_class)->dispose (object);
}

static void
rehearse_sidebar_row_class_init (RehearseSidebarRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rehearse_sidebar_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sidebarrow");
}

static void
rehearse_sidebar_row_init (RehearseSidebarRow *self)
{
  self->expander = GTK_TREE_EXPANDER (gtk_tree_expander_new ());
  gtk_tree_expander_set_child (self->expander, build_content (self));
  gtk_widget_set_parent (GTK_WIDGET (self->expander), GTK_WIDGET (self));
}
