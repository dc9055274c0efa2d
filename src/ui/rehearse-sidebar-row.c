/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rehearse-clock.h"
#include "rehearse-cmark.h"
#include "rehearse-sidebar-due-counts.h"
#include "rehearse-sidebar-item.h"
#include "rehearse-sidebar-row.h"

struct _RehearseSidebarRow
{
  GtkWidget        parent_instance;

  GtkTreeExpander *expander;
  GtkWidget       *line;          /* the icon, the texts and the badges */
  GtkWidget       *texts;         /* the title and the lines under it */
  GtkWidget       *icon;          /* symbolic icon, for collections */
  GtkWidget       *title;
  /* Made the first time the row shows one (ensure_part ()), NULL until
   * then: a list of 100,000 questions keeps some two hundred rows alive,
   * and most of them show none of these. */
  GtkWidget       *emoji;         /* a topic's emoji */
  GtkWidget       *source;        /* a search result's deck and topic */
  GtkWidget       *snippet;       /* a search result's match, a note, a label */
  GtkWidget       *star;          /* bookmarked */
  GtkWidget       *due_badge;     /* questions due now: topics, Due for Review */
  GtkWidget       *count;         /* a deck's or topic's questions */
  GtkWidget       *menu;          /* the context menu, made on first use */
  gboolean         heading;       /* "Decks": passed through, never opened */

  /* Owned while bound to a question (or a deck, topic or collection, for
   * its menu) */
  RehearseLibrary          *library;
  RehearseQuestion         *question;
  RehearseDeck             *deck;
  RehearseTopic            *topic;
  RehearseSidebarItem      *item;
  RehearseCollection        collection;  /* NONE outside a collection */
  gulong                    user_data_handler;
  RehearseSidebarDueCounts *due_counts;  /* while bound to a topic or Due for Review */
  gulong                    due_counts_handler;
  GtkTreeListRow           *tree_row;           /* a deck's or topic's, for its expander */
  gulong                    expanded_handler;
};

G_DEFINE_FINAL_TYPE (RehearseSidebarRow, rehearse_sidebar_row, GTK_TYPE_WIDGET)

enum {
  ACTIVATED,
  SHOW_MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

static void forget_question (RehearseSidebarRow *self);

/* ---- The parts only some rows show ------------------------------------------ */

/* Makes *@part with @part_new if the row has none yet, and puts it in @box
 * after the last of @before (the parts shown before it, in order) that
 * the row has. */
static GtkWidget *
ensure_part (GtkWidget  **part,
             GtkWidget *(*part_new) (void),
             GtkWidget   *box,
             GtkWidget  **before,
             guint        n_before)
{
  GtkWidget *sibling = NULL;

  if (*part != NULL)
    return *part;

  for (guint i = 0; i < n_before; i++)
    if (before[i] != NULL)
      sibling = before[i];
  *part = part_new ();
  gtk_box_insert_child_after (GTK_BOX (box), *part, sibling);
  return *part;
}

static void
hide_part (GtkWidget *part)
{
  if (part != NULL)
    gtk_widget_set_visible (part, FALSE);
}

static GtkWidget *
emoji_new (void)
{
  return gtk_label_new (NULL);
}

static GtkWidget *
source_new (void)
{
  GtkWidget *source = g_object_new (GTK_TYPE_LABEL, "xalign", 0.0f,
                                    "ellipsize", PANGO_ELLIPSIZE_END, NULL);

  gtk_widget_add_css_class (source, "caption-heading");
  gtk_widget_add_css_class (source, "dim-label");
  return source;
}

static GtkWidget *
snippet_new (void)
{
  GtkWidget *snippet = g_object_new (GTK_TYPE_LABEL, "xalign", 0.0f, "wrap", TRUE, "lines", 2,
                                     "ellipsize", PANGO_ELLIPSIZE_END,
                                     "wrap-mode", PANGO_WRAP_WORD_CHAR, NULL);

  gtk_widget_add_css_class (snippet, "caption");
  gtk_widget_add_css_class (snippet, "dim-label");
  return snippet;
}

static GtkWidget *
star_new (void)
{
  GtkWidget *star = gtk_image_new_from_icon_name ("starred-symbolic");

  gtk_widget_add_css_class (star, "bookmark-star");
  gtk_widget_set_valign (star, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (star), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Bookmarked"), -1);
  return star;
}

static GtkWidget *
due_badge_new (void)
{
  GtkWidget *badge = gtk_label_new (NULL);

  gtk_widget_add_css_class (badge, "due-badge");
  gtk_widget_add_css_class (badge, "numeric");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  return badge;
}

static GtkWidget *
count_new (void)
{
  GtkWidget *count = gtk_label_new (NULL);

  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  return count;
}

/* The parts in the order they are shown: the icon, the emoji, the texts
 * (title, source, snippet), the star, the due badge, the count. */
static GtkWidget *
ensure_emoji (RehearseSidebarRow *self)
{
  GtkWidget *before[] = { self->icon };

  return ensure_part (&self->emoji, emoji_new, self->line, before, G_N_ELEMENTS (before));
}

static GtkWidget *
ensure_source (RehearseSidebarRow *self)
{
  GtkWidget *before[] = { self->title };

  return ensure_part (&self->source, source_new, self->texts, before, G_N_ELEMENTS (before));
}

static GtkWidget *
ensure_snippet (RehearseSidebarRow *self)
{
  GtkWidget *before[] = { self->title, self->source };

  return ensure_part (&self->snippet, snippet_new, self->texts, before, G_N_ELEMENTS (before));
}

static GtkWidget *
ensure_star (RehearseSidebarRow *self)
{
  GtkWidget *before[] = { self->texts };

  return ensure_part (&self->star, star_new, self->line, before, G_N_ELEMENTS (before));
}

static GtkWidget *
ensure_due_badge (RehearseSidebarRow *self)
{
  GtkWidget *before[] = { self->texts, self->star };

  return ensure_part (&self->due_badge, due_badge_new, self->line, before, G_N_ELEMENTS (before));
}

static GtkWidget *
ensure_count (RehearseSidebarRow *self)
{
  GtkWidget *before[] = { self->texts, self->star, self->due_badge };

  return ensure_part (&self->count, count_new, self->line, before, G_N_ELEMENTS (before));
}

/* Shows @text in the label part @ensure makes, or hides the part when
 * @text is NULL or empty (without making it). */
static void
show_text_part (RehearseSidebarRow *self,
                GtkWidget         **part,
                GtkWidget        *(*ensure) (RehearseSidebarRow *self),
                const char         *text)
{
  if (text == NULL || *text == '\0')
    {
      hide_part (*part);
      return;
    }
  gtk_label_set_text (GTK_LABEL (ensure (self)), text);
  gtk_widget_set_visible (*part, TRUE);
}

/* ---- Binding ----------------------------------------------------------------- */

static void
reset (RehearseSidebarRow *self)
{
  forget_question (self);
  gtk_widget_set_visible (self->icon, FALSE);
  hide_part (self->emoji);
  hide_part (self->source);
  hide_part (self->snippet);
  hide_part (self->count);
  hide_part (self->due_badge);
  hide_part (self->star);
  gtk_widget_remove_css_class (self->title, "heading");
  gtk_widget_remove_css_class (self->title, "dim-label");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "sidebar-heading");
  self->heading = FALSE;
}

/* Appends the text of @label to @name when it is shown. */
static void
append_shown (GString    *name,
              GtkWidget  *label,
              const char *text)
{
  if (label == NULL || !gtk_widget_get_visible (label) || text == NULL || *text == '\0')
    return;

  if (name->len > 0)
    g_string_append (name, ", ");
  g_string_append (name, text);
}

/* What a screen reader says of the row: all it shows, in reading order
 * ("353. What is…, bookmarked, Due 3 days ago"). In GTK 4.8 the list's
 * own row (the parent, which takes the focus) is what a screen reader
 * reads: it is named too. */
static void
update_accessible_name (RehearseSidebarRow *self)
{
  g_autoptr(GString) name = g_string_new (NULL);
  GtkWidget *list_row = gtk_widget_get_parent (GTK_WIDGET (self));
  guint count = 0;

  append_shown (name, self->title, gtk_label_get_text (GTK_LABEL (self->title)));
  append_shown (name, self->star, _("bookmarked"));
  if (self->source != NULL)
    append_shown (name, self->source, gtk_label_get_text (GTK_LABEL (self->source)));
  if (self->snippet != NULL)
    append_shown (name, self->snippet, gtk_label_get_text (GTK_LABEL (self->snippet)));
  if (self->count != NULL && gtk_widget_get_visible (self->count))
    {
      g_autofree char *questions = NULL;

      count = (guint) g_ascii_strtoull (gtk_label_get_text (GTK_LABEL (self->count)), NULL, 10);
      questions = g_strdup_printf (ngettext ("%u question", "%u questions", count), count);
      append_shown (name, self->count, questions);
    }
  if (self->due_badge != NULL)
    append_shown (name, self->due_badge, gtk_widget_get_tooltip_text (self->due_badge));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name->str,
                                  -1);
  /* It has actions (expand, collapse) of its own: a node with a name. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->expander), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name->str, -1);
  if (list_row != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (list_row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    name->str, -1);
}

static void
show_count (RehearseSidebarRow *self,
            guint               count)
{
  g_autofree char *text = g_strdup_printf ("%u", count);

  show_text_part (self, &self->count, ensure_count, text);
}

/* The first line of a note, as plain text. */
static char *
note_first_line (const char *note)
{
  g_auto(GStrv) lines = g_strsplit (note, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(cmark_node) document = NULL;
      g_autofree char *plain = NULL;

      if (*g_strstrip (lines[i]) == '\0')
        continue;
      document = rehearse_cmark_parse (lines[i], strlen (lines[i]));
      plain = rehearse_cmark_plain_text (document);
      return g_strdup (g_strstrip (plain));
    }

  return NULL;
}

/* "Due 3 days ago": how long a question in Due for Review has waited, so
 * that its place in the list (the most overdue first) explains itself. */
static char *
describe_due (RehearseSidebarRow *self)
{
  gint64 now = rehearse_clock_now_ms ();
  RehearseFsrsCard card;
  gint64 minutes, hours, days;

  if (!rehearse_library_get_card (self->library, rehearse_question_get_key (self->question), now,
                                  &card, NULL))
    return NULL;

  minutes = MAX (now - card.due, 0) / (60 * 1000);
  hours = minutes / 60;
  days = hours / 24;
  if (days > 0)
    return g_strdup_printf (ngettext ("Due %d day ago", "Due %d days ago", days), (int) days);
  if (hours > 0)
    return g_strdup_printf (ngettext ("Due %d hour ago", "Due %d hours ago", hours), (int) hours);
  if (minutes > 0)
    return g_strdup_printf (ngettext ("Due %d minute ago", "Due %d minutes ago", minutes),
                            (int) minutes);
  return g_strdup (_("Due now"));
}

static gboolean
lists_notes (RehearseSidebarRow *self)
{
  return self->collection == REHEARSE_COLLECTION_WITH_NOTES
         || self->collection == REHEARSE_COLLECTION_ORPHANED;
}

/* The star, and what a collection says under each question: the
 * bookmark's label in Bookmarked, the note's first line where notes are the
 * point (or the label when there is no note), how long it has been due in
 * Due for Review. One read of each. A row that could not read them shows
 * neither: a failing library would otherwise say so once a row; opening
 * the question says it once. */
static void
show_user_data (RehearseSidebarRow *self)
{
  const char *key = rehearse_question_get_key (self->question);
  g_autofree char *label = NULL;
  g_autofree char *note = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(GError) error = NULL;
  gboolean bookmarked = FALSE;

  if (!rehearse_library_get_bookmark (self->library, key, &bookmarked, &label, &error)
      || (lists_notes (self) && !rehearse_library_get_note (self->library, key, &note, &error)))
    g_debug ("Could not read the user data of “%s”: %s", key, error->message);

  if (bookmarked)
    gtk_widget_set_visible (ensure_star (self), TRUE);
  else
    hide_part (self->star);
  update_accessible_name (self);

  if (note != NULL)
    detail = note_first_line (note);
  else if (self->collection == REHEARSE_COLLECTION_DUE)
    detail = describe_due (self);
  else if (self->collection == REHEARSE_COLLECTION_BOOKMARKED
           || self->collection == REHEARSE_COLLECTION_WITH_NOTES
           || self->collection == REHEARSE_COLLECTION_ORPHANED)
    detail = g_steal_pointer (&label);
  else
    return;  /* the tree and search results keep their own second line */

  show_text_part (self, &self->snippet, ensure_snippet, detail);
  update_accessible_name (self);
}

static void
on_user_data_changed (RehearseSidebarRow *self,
                      const char         *question_key)
{
  /* NULL: another program changed the library, maybe this question's. */
  if (self->question != NULL
      && (question_key == NULL || g_strcmp0 (question_key, rehearse_question_get_key (self->question)) == 0))
    show_user_data (self);
}

static void
forget_question (RehearseSidebarRow *self)
{
  g_clear_signal_handler (&self->user_data_handler, self->library);
  g_clear_signal_handler (&self->due_counts_handler, self->due_counts);
  g_clear_signal_handler (&self->expanded_handler, self->tree_row);
  g_clear_object (&self->tree_row);
  g_clear_object (&self->due_counts);
  g_clear_object (&self->question);
  g_clear_object (&self->deck);
  g_clear_object (&self->topic);
  g_clear_object (&self->item);
  g_clear_object (&self->library);
  self->collection = REHEARSE_COLLECTION_NONE;
}

/* @collection: the collection the row lists the question in, or NONE. */
static void
bind_question (RehearseSidebarRow *self,
               RehearseQuestion   *question,
               RehearseCollection  collection,
               RehearseLibrary    *library)
{
  g_autofree char *title = rehearse_question_title_plain (question);

  forget_question (self);
  self->question = g_object_ref (question);
  self->library = g_object_ref (library);
  self->collection = collection;
  /* Stars follow bookmarks made anywhere: the header bar, Ctrl+D, a menu. */
  self->user_data_handler = g_signal_connect_object (library, "user-data-changed",
                                                     G_CALLBACK (on_user_data_changed), self,
                                                     G_CONNECT_SWAPPED);

  gtk_label_set_text (GTK_LABEL (self->title), title);
  show_user_data (self);
}

static void
bind_item (RehearseSidebarRow *self,
           gpointer            item,
           RehearseLibrary    *library)
{
  if (REHEARSE_IS_QUESTION (item))
    {
      bind_question (self, item, REHEARSE_COLLECTION_NONE, library);
    }
  else if (REHEARSE_IS_TOPIC (item))
    {
      const char *icon = rehearse_topic_get_icon (item);

      self->topic = g_object_ref (item);
      gtk_label_set_text (GTK_LABEL (self->title), rehearse_topic_get_title (item));
      show_text_part (self, &self->emoji, ensure_emoji, icon);
      show_count (self, rehearse_topic_get_question_count (item));
    }
  else if (REHEARSE_IS_DECK (item))
    {
      self->deck = g_object_ref (item);
      gtk_label_set_text (GTK_LABEL (self->title), rehearse_deck_get_title (item));
      gtk_widget_add_css_class (self->title, "heading");
      show_count (self, rehearse_deck_get_question_count (item));
    }
  else if (REHEARSE_IS_SIDEBAR_ITEM (item) && rehearse_sidebar_item_is_heading (item))
    {
      gtk_label_set_text (GTK_LABEL (self->title), rehearse_sidebar_item_get_title (item));
      gtk_widget_add_css_class (self->title, "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self), "sidebar-heading");
      self->heading = TRUE;
    }
  else if (REHEARSE_IS_SIDEBAR_ITEM (item))
    {
      self->item = g_object_ref (item);
      gtk_label_set_text (GTK_LABEL (self->title), rehearse_sidebar_item_get_title (item));
      gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), rehearse_sidebar_item_get_icon_name (item));
      gtk_widget_set_visible (self->icon, TRUE);
    }
}

/* The badge of questions due; screen readers hear it with the title. */
static void
show_due_count (RehearseSidebarRow *self)
{
  guint due;
  g_autofree char *count = NULL;
  g_autofree char *tooltip = NULL;

  if (self->topic != NULL)
    due = rehearse_sidebar_due_counts_get_topic (self->due_counts,
                                                 rehearse_topic_get_id (self->topic));
  else
    due = rehearse_sidebar_due_counts_get_total (self->due_counts);

  if (due > 0)
    {
      count = g_strdup_printf ("%u", due);
      tooltip = g_strdup_printf (ngettext ("%u question due for review",
                                           "%u questions due for review", due), due);
      show_text_part (self, &self->due_badge, ensure_due_badge, count);
      gtk_widget_set_tooltip_text (self->due_badge, tooltip);
    }
  else
    hide_part (self->due_badge);
  update_accessible_name (self);
}

/* Topics and Due for Review follow the counts as reviews are recorded and
 * time passes. */
static void
follow_due_counts (RehearseSidebarRow       *self,
                   RehearseSidebarDueCounts *due_counts)
{
  gboolean counted = self->topic != NULL
                     || (self->item != NULL
                         && rehearse_sidebar_item_get_collection (self->item)
                            == REHEARSE_COLLECTION_DUE);

  if (!counted || due_counts == NULL)
    return;

  self->due_counts = g_object_ref (due_counts);
  self->due_counts_handler = g_signal_connect_object (due_counts, "changed",
                                                      G_CALLBACK (show_due_count), self,
                                                      G_CONNECT_SWAPPED);
  show_due_count (self);
}

/* GTK 4.8's expander arrow reads "Expand" whether the row is open or not:
 * it says what pressing it does. */
static void
name_expander_arrow (RehearseSidebarRow *self)
{
  gboolean expanded = gtk_tree_list_row_get_expanded (self->tree_row);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->expander)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (gtk_widget_get_css_name (child), "expander") == 0)
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      expanded ? _("Collapse") : _("Expand"), -1);
}

static void
follow_expanded (RehearseSidebarRow *self,
                 GtkTreeListRow     *tree_row)
{
  if (!gtk_tree_list_row_is_expandable (tree_row))
    return;

  self->tree_row = g_object_ref (tree_row);
  self->expanded_handler = g_signal_connect_object (tree_row, "notify::expanded",
                                                    G_CALLBACK (name_expander_arrow), self,
                                                    G_CONNECT_SWAPPED);
  name_expander_arrow (self);
}

void
rehearse_sidebar_row_bind_tree_row (RehearseSidebarRow       *self,
                                    GtkTreeListRow           *tree_row,
                                    RehearseLibrary          *library,
                                    RehearseSidebarDueCounts *due_counts)
{
  g_autoptr(GObject) item = gtk_tree_list_row_get_item (tree_row);

  reset (self);
  gtk_tree_expander_set_list_row (self->expander, tree_row);
  bind_item (self, item, library);

  update_accessible_name (self);
  follow_due_counts (self, due_counts);
  follow_expanded (self, tree_row);
}

void
rehearse_sidebar_row_bind_search_result (RehearseSidebarRow   *self,
                                         RehearseSearchResult *result,
                                         const char           *source,
                                         RehearseLibrary      *library)
{
  g_autofree char *snippet = rehearse_snippet_to_markup (rehearse_search_result_get_snippet (result));
  g_autofree char *markup = NULL;

  reset (self);
  gtk_tree_expander_set_list_row (self->expander, NULL);
  bind_question (self, rehearse_search_result_get_question (result), REHEARSE_COLLECTION_NONE,
                 library);
  /* The user's own words are told apart from the deck's. */
  if (rehearse_search_result_get_in_note (result))
    markup = g_strdup_printf ("<i>%s</i> %s", _("In your note:"), snippet);
  else
    markup = g_steal_pointer (&snippet);
  if (*markup != '\0')
    {
      gtk_label_set_markup (GTK_LABEL (ensure_snippet (self)), markup);
      gtk_widget_set_visible (self->snippet, TRUE);
    }
  else
    hide_part (self->snippet);
  show_text_part (self, &self->source, ensure_source, source);
  update_accessible_name (self);
}

void
rehearse_sidebar_row_bind_collection_question (RehearseSidebarRow *self,
                                               RehearseQuestion   *question,
                                               RehearseCollection  collection,
                                               RehearseLibrary    *library)
{
  reset (self);
  gtk_tree_expander_set_list_row (self->expander, NULL);
  bind_question (self, question, collection, library);
  update_accessible_name (self);
}

void
rehearse_sidebar_row_unbind (RehearseSidebarRow *self)
{
  gtk_tree_expander_set_list_row (self->expander, NULL);
  forget_question (self);
}

/* ---- Context menu ------------------------------------------------------------ */

/* The star follows once ::user-data-changed says the change is committed. */
static void
on_bookmark_toggled (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(RehearseSidebarRow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rehearse_library_set_bookmarked_finish (REHEARSE_LIBRARY (source), result, &error))
    g_signal_emit (self, signals[SHOW_MESSAGE], 0, error->message);
}

static void
toggle_bookmark_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RehearseSidebarRow *self = REHEARSE_SIDEBAR_ROW (widget);
  g_autoptr(GError) error = NULL;
  gboolean bookmarked;
  const char *key;

  if (self->question == NULL)
    return;

  /* Not knowing whether it is bookmarked, adding would drop its label. */
  key = rehearse_question_get_key (self->question);
  if (!rehearse_library_is_bookmarked (self->library, key, &bookmarked, &error))
    {
      g_signal_emit (self, signals[SHOW_MESSAGE], 0, error->message);
      return;
    }

  rehearse_library_set_bookmarked_async (self->library, key, !bookmarked, NULL, NULL,
                                         on_bookmark_toggled, g_object_ref (self));
}

/* Labels and notes are edited beside the question: open it, then edit. */
static void
open_and_edit_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  g_signal_emit (widget, signals[ACTIVATED], 0);
  gtk_widget_activate_action (widget, g_str_equal (action_name, "row.edit-note")
                                      ? "win.edit-note" : "win.edit-bookmark-label", NULL);
}

static GMenuModel *
question_menu (RehearseSidebarRow *self)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GError) error = NULL;
  gboolean bookmarked = FALSE;

  if (!rehearse_library_is_bookmarked (self->library, rehearse_question_get_key (self->question),
                                       &bookmarked, &error))
    g_signal_emit (self, signals[SHOW_MESSAGE], 0, error->message);

  g_menu_append (menu, bookmarked ? _("Remove _Bookmark") : _("_Bookmark"), "row.toggle-bookmark");
  g_menu_append (menu, _("_Label Bookmark…"), "row.edit-label");
  g_menu_append (menu, _("Edit _Note"), "row.edit-note");
  return G_MENU_MODEL (menu);
}

/* The window's quiz starts set up for @scope ("deck:12", "due"…). */
static void
append_quiz_item (GMenu      *menu,
                  const char *label,
                  const char *scope)
{
  g_autoptr(GMenuItem) quiz = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (quiz, "win.start-quiz", g_variant_new_string (scope));
  g_menu_append_item (menu, quiz);
}

static GMenuModel *
deck_menu (RehearseSidebarRow *self)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) removal = g_menu_new ();
  g_autoptr(GMenuItem) remove = g_menu_item_new (_("_Remove Deck…"), NULL);
  g_autofree char *scope = g_strdup_printf ("deck:%" G_GINT64_FORMAT,
                                            rehearse_deck_get_id (self->deck));

  append_quiz_item (menu, _("_Quiz This Deck"), scope);
  g_menu_item_set_action_and_target_value (remove, "win.remove-deck",
                                           g_variant_new_int64 (rehearse_deck_get_id (self->deck)));
  g_menu_append_item (removal, remove);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (removal));
  return G_MENU_MODEL (menu);
}

static GMenuModel *
topic_menu (RehearseSidebarRow *self)
{
  GMenu *menu = g_menu_new ();
  g_autofree char *scope = g_strdup_printf ("topic:%" G_GINT64_FORMAT,
                                            rehearse_topic_get_id (self->topic));

  append_quiz_item (menu, _("_Quiz This Topic"), scope);
  return G_MENU_MODEL (menu);
}

/* Recently Viewed and Orphaned are no scope of a quiz: no menu. */
static GMenuModel *
collection_menu (RehearseSidebarRow *self)
{
  const char *scope = rehearse_sidebar_item_get_quiz_scope (self->item);
  GMenu *menu;

  if (scope == NULL)
    return NULL;

  menu = g_menu_new ();
  append_quiz_item (menu, _("_Quiz These Questions"), scope);
  return G_MENU_MODEL (menu);
}

static void
popup_menu (RehearseSidebarRow *self,
            double              x,
            double              y)
{
  g_autoptr(GMenuModel) model = NULL;

  if (self->question != NULL)
    model = question_menu (self);
  else if (self->deck != NULL)
    model = deck_menu (self);
  else if (self->topic != NULL)
    model = topic_menu (self);
  else if (self->item != NULL)
    model = collection_menu (self);

  if (model == NULL)
    return;

  if (self->menu == NULL)
    {
      self->menu = gtk_popover_menu_new_from_model (model);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
    }
  else
    {
      gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), model);
    }

  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
on_secondary_click (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    gpointer         user_data)
{
  popup_menu (REHEARSE_SIDEBAR_ROW (user_data), x, y);
}

static void
on_long_press (GtkGestureLongPress *gesture,
               double               x,
               double               y,
               gpointer             user_data)
{
  popup_menu (REHEARSE_SIDEBAR_ROW (user_data), x, y);
}

/* A click opens the row; the list selects it on its own. The second press
 * of a double click is kept from the list, which would open it again, and
 * a click on a heading, which the list would select: a heading is
 * selectable only for the arrow keys to pass through it. */
static void
on_primary_press (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  gpointer         user_data)
{
  RehearseSidebarRow *self = user_data;

  if (n_press > 1 || self->heading)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_primary_release (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    gpointer         user_data)
{
  RehearseSidebarRow *self = user_data;
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  if (n_press == 1 && gtk_widget_contains (widget, x, y) && !self->heading)
    g_signal_emit (self, signals[ACTIVATED], 0);
}

void
rehearse_sidebar_row_popup_menu (RehearseSidebarRow *self)
{
  g_return_if_fail (REHEARSE_IS_SIDEBAR_ROW (self));

  popup_menu (self, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
              gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

GtkWidget *
rehearse_sidebar_row_new (void)
{
  return g_object_new (REHEARSE_TYPE_SIDEBAR_ROW, NULL);
}

/* The parts every row may show; the others are made when first shown. */
static GtkWidget *
build_content (RehearseSidebarRow *self)
{
  self->line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  self->texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  /* The title says what the icon shows. */
  self->icon = g_object_new (GTK_TYPE_IMAGE, "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                             NULL);
  /* Wrapped everywhere: a label that does not wrap is measured as one
   * line, yet ellipsizing over three lines draws three, over the next row. */
  self->title = g_object_new (GTK_TYPE_LABEL, "xalign", 0.0f, "hexpand", TRUE, "wrap", TRUE,
                              "ellipsize", PANGO_ELLIPSIZE_END, "wrap-mode", PANGO_WRAP_WORD_CHAR,
                              "lines", 3, NULL);

  /* The row is as tall as a navigation sidebar's row at least: centred
   * in it, icons and titles of one line share their middle. */
  gtk_widget_set_valign (self->line, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self->texts), self->title);
  gtk_box_append (GTK_BOX (self->line), self->icon);
  gtk_box_append (GTK_BOX (self->line), self->texts);

  return self->line;
}

static void
rehearse_sidebar_row_dispose (GObject *object)
{
  RehearseSidebarRow *self = REHEARSE_SIDEBAR_ROW (object);

  forget_question (self);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
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

  /* Clicked, or asked to open before an edit: the sidebar opens the row. */
  signals[ACTIVATED] =
    g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A failure the user must hear of, for a toast. */
  signals[SHOW_MESSAGE] =
    g_signal_new ("show-message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sidebarrow");

  gtk_widget_class_install_action (widget_class, "row.toggle-bookmark", NULL, toggle_bookmark_action);
  gtk_widget_class_install_action (widget_class, "row.edit-label", NULL, open_and_edit_action);
  gtk_widget_class_install_action (widget_class, "row.edit-note", NULL, open_and_edit_action);
}

static void
rehearse_sidebar_row_init (RehearseSidebarRow *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *primary_click = gtk_gesture_click_new ();
  GtkGesture *long_press = gtk_gesture_long_press_new ();

  self->collection = REHEARSE_COLLECTION_NONE;

  g_signal_connect (primary_click, "pressed", G_CALLBACK (on_primary_press), self);
  g_signal_connect (primary_click, "released", G_CALLBACK (on_primary_release), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (primary_click));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_secondary_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect (long_press, "pressed", G_CALLBACK (on_long_press), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (long_press));

  /* The list's row takes the focus, as in GNOME's sidebars: the expander
   * inside is no second stop. */
  self->expander = g_object_new (GTK_TYPE_TREE_EXPANDER, "focusable", FALSE, NULL);
  gtk_tree_expander_set_child (self->expander, build_content (self));
  gtk_widget_set_parent (GTK_WIDGET (self->expander), GTK_WIDGET (self));
}
