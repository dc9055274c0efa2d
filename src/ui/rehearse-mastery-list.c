/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rehearse-mastery-list.h"

struct _RehearseMasteryList
{
  GtkWidget            parent_instance;

  /* Children */
  GtkWidget           *sort_buttons[3];   /* by RehearseMasterySort */
  GtkListBox          *list_box;
  GtkWidget           *weakest_button;
  GtkLabel            *weakest_label;     /* wraps: a topic's name may be long */

  RehearseMasterySort  sort;
  gint64               weakest_topic_id;
  char                *weakest_topic_title;
};

G_DEFINE_FINAL_TYPE (RehearseMasteryList, rehearse_mastery_list, GTK_TYPE_WIDGET)

/* What a row shows and sorts by. */
typedef struct
{
  gint64  topic_id;
  char   *topic_title;
  char   *deck_title;
  guint   questions;
  guint   seen;
  double  recall;
} Entry;

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->topic_title);
  g_free (entry->deck_title);
  g_free (entry);
}

static Entry *
entry_of_row (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "rehearse-mastery-entry");
}

GtkWidget *
rehearse_mastery_list_new (void)
{
  return g_object_new (REHEARSE_TYPE_MASTERY_LIST, NULL);
}

/* ---- Rows ------------------------------------------------------------------ */

static double
seen_share (const Entry *entry)
{
  return entry->questions > 0 ? (double) entry->seen / entry->questions : 0.0;
}

static int
percent (double share)
{
  return (int) (share * 100.0 + 0.5);
}

static char *
describe_entry (const Entry *entry)
{
  /* TRANSLATORS: a topic's mastery for a screen reader: "Volumes, Docker:
   * 12 of 20 questions seen, average recall 54%" */
  return g_strdup_printf (ngettext ("%s, %s: %u of %u question seen, average recall %d%%",
                                    "%s, %s: %u of %u questions seen, average recall %d%%",
                                    entry->questions),
                          entry->topic_title, entry->deck_title, entry->seen, entry->questions,
                          percent (entry->recall));
}

static GtkWidget *
new_label (const char *text,
           const char *style_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (style_class != NULL)
    gtk_widget_add_css_class (label, style_class);
  return label;
}

static GtkWidget *
new_row (Entry *entry)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = new_label (entry->topic_title, NULL);
  g_autofree char *recall = g_strdup_printf ("%d%%", percent (entry->recall));
  /* TRANSLATORS: under a topic: its deck, and how many of its questions were seen */
  g_autofree char *subtitle = g_strdup_printf (ngettext ("%s · %u of %u seen",
                                                         "%s · %u of %u seen", entry->questions),
                                               entry->deck_title, entry->seen, entry->questions);
  g_autofree char *description = describe_entry (entry);
  GtkWidget *bar = gtk_level_bar_new_for_interval (0.0, 1.0);

  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (heading), title);
  gtk_box_append (GTK_BOX (heading), new_label (recall, "numeric"));
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), new_label (subtitle, "dim-label"));
  /* The default offsets colour a low value as a warning: recall is a
   * measure here, not a battery. */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), CLAMP (entry->recall, 0.0, 1.0));
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Average recall"), -1);
  gtk_box_append (GTK_BOX (box), bar);

  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  description, -1);
  g_object_set_data_full (G_OBJECT (row), "rehearse-mastery-entry", entry, entry_free);
  return row;
}

/* ---- Sorting ------------------------------------------------------------------ */

static int
compare_names (const Entry *a,
               const Entry *b)
{
  int order = g_utf8_collate (a->topic_title, b->topic_title);

  return order != 0 ? order : g_utf8_collate (a->deck_title, b->deck_title);
}

static int
compare_doubles (double a,
                 double b)
{
  return (a > b) - (a < b);
}

static int
sort_rows (GtkListBoxRow *row_a,
           GtkListBoxRow *row_b,
           gpointer       user_data)
{
  RehearseMasteryList *self = user_data;
  const Entry *a = entry_of_row (row_a);
  const Entry *b = entry_of_row (row_b);
  int order = 0;

  if (self->sort == REHEARSE_MASTERY_SORT_RECALL)
    order = compare_doubles (a->recall, b->recall);
  else if (self->sort == REHEARSE_MASTERY_SORT_SEEN)
    order = compare_doubles (seen_share (a), seen_share (b));

  return order != 0 ? order : compare_names (a, b);
}

void
rehearse_mastery_list_set_sort (RehearseMasteryList *self,
                                RehearseMasterySort  sort)
{
  g_return_if_fail (REHEARSE_IS_MASTERY_LIST (self));
  g_return_if_fail (sort <= REHEARSE_MASTERY_SORT_SEEN);

  self->sort = sort;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->sort_buttons[sort]), TRUE);
  gtk_list_box_invalidate_sort (self->list_box);
}

RehearseMasterySort
rehearse_mastery_list_get_sort (RehearseMasteryList *self)
{
  g_return_val_if_fail (REHEARSE_IS_MASTERY_LIST (self), REHEARSE_MASTERY_SORT_RECALL);

  return self->sort;
}

GtkListBox *
rehearse_mastery_list_get_list_box (RehearseMasteryList *self)
{
  g_return_val_if_fail (REHEARSE_IS_MASTERY_LIST (self), NULL);

  return self->list_box;
}

static void
on_sort_toggled (GtkToggleButton     *button,
                 RehearseMasteryList *self)
{
  for (RehearseMasterySort sort = 0; sort < G_N_ELEMENTS (self->sort_buttons); sort++)
    if (GTK_WIDGET (button) == self->sort_buttons[sort] && gtk_toggle_button_get_active (button)
        && self->sort != sort)
      rehearse_mastery_list_set_sort (self, sort);
}

/* ---- The topics ----------------------------------------------------------------- */

static void
show_weakest (RehearseMasteryList        *self,
              const RehearseTopicMastery *weakest)
{
  g_autofree char *label = NULL;

  gtk_widget_set_visible (self->weakest_button, weakest != NULL);
  if (weakest == NULL)
    return;

  self->weakest_topic_id = weakest->topic_id;
  g_free (self->weakest_topic_title);
  self->weakest_topic_title = g_strdup (weakest->topic_title);
  /* TRANSLATORS: the button that quizzes the topic of lowest recall */
  label = g_strdup_printf (_("Quiz the Weakest Topic: %s"), weakest->topic_title);
  gtk_label_set_text (self->weakest_label, label);
  /* A button is named by its label only when it made the label itself. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->weakest_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

void
rehearse_mastery_list_set_topics (RehearseMasteryList *self,
                                  GPtrArray           *topics)
{
  GtkWidget *child;

  g_return_if_fail (REHEARSE_IS_MASTERY_LIST (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  for (guint i = 0; topics != NULL && i < topics->len; i++)
    {
      const RehearseTopicMastery *topic = g_ptr_array_index (topics, i);
      Entry *entry = g_new0 (Entry, 1);

      entry->topic_id = topic->topic_id;
      entry->topic_title = g_strdup (topic->topic_title != NULL ? topic->topic_title : "");
      entry->deck_title = g_strdup (topic->deck_title != NULL ? topic->deck_title : "");
      entry->questions = topic->questions;
      entry->seen = topic->seen;
      entry->recall = topic->average_recall;
      gtk_list_box_append (self->list_box, new_row (entry));
    }

  /* The core lists the weakest first. */
  show_weakest (self, topics != NULL && topics->len > 0 ? g_ptr_array_index (topics, 0) : NULL);
}

static void
on_weakest_clicked (RehearseMasteryList *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.quiz-topic", "(xs)",
                              self->weakest_topic_id, self->weakest_topic_title);
}

/* ---- GObject --------------------------------------------------------------------- */

static GtkWidget *
new_sort_bar (RehearseMasteryList *self)
{
  const char *names[] = { N_("Recall"), N_("Name"), N_("Seen") };
  const char *tooltips[] = {
    N_("Sort by Average Recall, Weakest First"),
    N_("Sort by Topic Name"),
    N_("Sort by Share Seen, Least Seen First"),
  };
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (bar, "linked");
  gtk_widget_set_halign (bar, GTK_ALIGN_END);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      self->sort_buttons[i] = gtk_toggle_button_new_with_label (_(names[i]));
      gtk_widget_set_tooltip_text (self->sort_buttons[i], _(tooltips[i]));
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (self->sort_buttons[i]),
                                     GTK_TOGGLE_BUTTON (self->sort_buttons[0]));
      g_signal_connect_object (self->sort_buttons[i], "toggled", G_CALLBACK (on_sort_toggled),
                               self, 0);
      gtk_box_append (GTK_BOX (bar), self->sort_buttons[i]);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Sort topics by"), -1);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->sort_buttons[0]), TRUE);
  return bar;
}

static void
rehearse_mastery_list_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&REHEARSE_MASTERY_LIST (object)->weakest_topic_title, g_free);

  G_OBJECT_CLASS (rehearse_mastery_list_parent_class)->dispose (object);
}

static void
rehearse_mastery_list_class_init (RehearseMasteryListClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rehearse_mastery_list_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "masterylist");
}

static void
rehearse_mastery_list_init (RehearseMasteryList *self)
{
  GtkBoxLayout *layout = GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (layout, 12);

  gtk_widget_set_parent (new_sort_bar (self), GTK_WIDGET (self));

  self->list_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list_box, GTK_SELECTION_NONE);
  gtk_list_box_set_sort_func (self->list_box, sort_rows, self, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_box), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Mastery per topic"), -1);
  gtk_widget_set_parent (GTK_WIDGET (self->list_box), GTK_WIDGET (self));

  self->weakest_button = gtk_button_new ();
  self->weakest_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->weakest_label, TRUE);
  gtk_label_set_justify (self->weakest_label, GTK_JUSTIFY_CENTER);
  gtk_button_set_child (GTK_BUTTON (self->weakest_button), GTK_WIDGET (self->weakest_label));
  gtk_widget_set_halign (self->weakest_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->weakest_button, "pill");
  gtk_widget_add_css_class (self->weakest_button, "suggested-action");
  gtk_widget_set_visible (self->weakest_button, FALSE);
  g_signal_connect_object (self->weakest_button, "clicked", G_CALLBACK (on_weakest_clicked), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_set_parent (self->weakest_button, GTK_WIDGET (self));
}
