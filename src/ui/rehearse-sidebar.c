/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rehearse-clock.h"
#include "rehearse-question-list.h"
#include "rehearse-sidebar.h"
#include "rehearse-sidebar-due-counts.h"
#include "rehearse-sidebar-item.h"
#include "rehearse-sidebar-row.h"

/* The sidebar: search at the top, then one tree of smart collections and
 * decks → topics → questions, all GListModels from the core, so that a
 * library of 100,000 questions scrolls as smoothly as ten. A collection
 * opens as a flat list of its own (a tree row per question would cost
 * memory for nothing), with a way back. While a search is typed, its
 * results replace both. */

#define SEARCH_RESULT_LIMIT 50

/* Questions fall due as time passes: while the sidebar is shown, it counts
 * again this often (one indexed query off the main thread). */
#define DUE_COUNT_INTERVAL_SECONDS 60

struct _RehearseSidebar
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkListView        *browse_view;
  GtkListView        *results_view;
  GtkWidget          *collection_page;
  GtkLabel           *collection_title;
  GtkLabel           *today_plan_label;
  GtkDropDown        *label_filter;
  GtkWidget          *back_button;
  GtkStack           *collection_stack;
  GtkListView        *collection_view;
  AdwStatusPage      *collection_status;

  /* Owned */
  RehearseLibrary    *library;
  GListStore         *roots;
  GtkTreeListModel   *tree;
  GtkSingleSelection *browse_selection;
  GtkSingleSelection *results_selection;
  GtkSingleSelection *collection_selection;
  GCancellable       *search_cancellable;
  GCancellable       *due_list_cancellable;
  RehearseSidebarDueCounts *due_counts;
  GHashTable         *deck_questions;  /* deck id → its questions in reading order */
  GHashTable         *deck_titles;     /* deck id → title, with more than one deck */
  RehearseSidebarItem *open_collection; /* NULL while the tree is shown */
  GStrv               filter_labels;   /* the label filter's choices after "All Labels" */
  char               *listed_label;    /* the label the open collection is listed for */
  char               *today_plan;      /* shown under Due for Review's title */
  guint               reload_collection_id;
  guint               due_count_timeout_id;
  gboolean            quiet_selection; /* selecting in code, not by the user */
};

G_DEFINE_FINAL_TYPE (RehearseSidebar, rehearse_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LIBRARY,
  N_PROPS
};

enum {
  QUESTION_ACTIVATED,
  SHOW_MESSAGE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void reload_collection (RehearseSidebar     *self);
static void open_collection   (RehearseSidebar     *self,
                               RehearseSidebarItem *collection);

GtkWidget *
rehearse_sidebar_new (RehearseLibrary *library)
{
  return g_object_new (REHEARSE_TYPE_SIDEBAR, "library", library, NULL);
}

/* A failure the user must hear of: the window shows it as a toast. */
static void
show_message (RehearseSidebar *self,
              const char      *message)
{
  g_signal_emit (self, signals[SHOW_MESSAGE], 0, message);
}

/* @what: translated, as "Could not list the decks". */
static void
show_error (RehearseSidebar *self,
            const char      *what,
            const GError    *error)
{
  g_autofree char *message = g_strdup_printf ("%s: %s", what, error->message);

  show_message (self, message);
}

/* ---- The tree ---------------------------------------------------------- */

/* "Recently Viewed" lists this many: the library keeps more. */
#define RECENTLY_VIEWED_SHOWN 100

/* NULL with @error set when the library could not list them. */
static GListModel *
collection_questions (RehearseSidebar     *self,
                      RehearseCollection   collection,
                      const char          *label,
                      GError             **error)
{
  GListModel *model = NULL;

  switch (collection)
    {
    case REHEARSE_COLLECTION_ALL:
      model = rehearse_library_list_all_questions (self->library, error);
      break;
    case REHEARSE_COLLECTION_BOOKMARKED:
      model = rehearse_library_list_bookmarked (self->library, label, error);
      break;
    case REHEARSE_COLLECTION_WITH_NOTES:
      model = rehearse_library_list_with_notes (self->library, error);
      break;
    case REHEARSE_COLLECTION_ORPHANED:
      model = rehearse_library_list_orphaned (self->library, error);
      break;
    case REHEARSE_COLLECTION_RECENT:
      model = rehearse_library_list_recently_viewed (self->library, RECENTLY_VIEWED_SHOWN, error);
      break;
    case REHEARSE_COLLECTION_DUE:      /* listed off the main thread: list_due_async () */
    case REHEARSE_COLLECTION_PROGRESS: /* no list: the window's progress page */
    case REHEARSE_COLLECTION_NONE:
    default:
      break;
    }

  return model;
}

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  RehearseSidebar *self = user_data;
  g_autoptr(GError) error = NULL;
  GListModel *children = NULL;

  if (REHEARSE_IS_DECK (item))
    children = rehearse_library_list_topics (self->library, rehearse_deck_get_id (item), &error);
  else if (REHEARSE_IS_TOPIC (item))
    children = rehearse_library_list_questions (self->library, rehearse_topic_get_id (item), &error);

  if (error != NULL)
    show_error (self, _("Could not list the questions"), error);

  return children;
}

/* The tree, or the status page that says there is no deck yet: the roots
 * hold more than the five lasting collections when there is a deck (or
 * orphaned user data to list). */
static void
show_browse_page (RehearseSidebar *self)
{
  guint n_roots = g_list_model_get_n_items (G_LIST_MODEL (self->roots));

  if (self->open_collection != NULL)
    gtk_stack_set_visible_child_name (self->stack, "collection");
  else
    gtk_stack_set_visible_child_name (self->stack,
                                      n_roots > REHEARSE_COLLECTION_ORPHANED ? "browse" : "empty");
}

static gboolean
has_orphans (RehearseSidebar *self)
{
  g_autoptr(GError) error = NULL;
  gboolean has_orphans = FALSE;

  if (!rehearse_library_has_orphans (self->library, &has_orphans, &error))
    show_error (self, _("Could not list the orphaned questions"), error);

  return has_orphans;
}

static void
fill_roots (RehearseSidebar *self)
{
  g_autoptr(GListModel) decks = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (RehearseCollection collection = 0; collection < REHEARSE_COLLECTION_ORPHANED; collection++)
    g_ptr_array_add (items, rehearse_sidebar_item_new_collection (collection));
  if (has_orphans (self))
    g_ptr_array_add (items, rehearse_sidebar_item_new_collection (REHEARSE_COLLECTION_ORPHANED));

  decks = rehearse_library_list_decks (self->library, &error);
  if (decks == NULL)
    show_error (self, _("Could not list the decks"), error);

  g_hash_table_remove_all (self->deck_titles);
  if (decks != NULL && g_list_model_get_n_items (decks) > 0)
    {
      guint n_decks = g_list_model_get_n_items (decks);

      g_ptr_array_add (items, rehearse_sidebar_item_new_heading (_("Decks")));
      for (guint i = 0; i < n_decks; i++)
        {
          RehearseDeck *deck = g_list_model_get_item (decks, i);
          gint64 *id = g_new (gint64, 1);

          *id = rehearse_deck_get_id (deck);
          if (n_decks > 1)
            g_hash_table_insert (self->deck_titles, id, g_strdup (rehearse_deck_get_title (deck)));
          else
            g_free (id);
          g_ptr_array_add (items, deck);
        }
    }

  g_hash_table_remove_all (self->deck_questions);
  g_list_store_splice (self->roots, 0, g_list_model_get_n_items (G_LIST_MODEL (self->roots)),
                       items->pdata, items->len);

  show_browse_page (self);
}

void
rehearse_sidebar_reload (RehearseSidebar *self)
{
  g_return_if_fail (REHEARSE_IS_SIDEBAR (self));

  if (self->library == NULL)
    return;

  /* A search typed before an import would list stale results over the
   * new decks: the tree, which shows them, comes back. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  fill_roots (self);
  rehearse_sidebar_due_counts_refresh (self->due_counts);
  if (self->open_collection != NULL)
    reload_collection (self);
}

/* ---- Rows --------------------------------------------------------------- */

static void open_row (RehearseSidebar *self,
                      GtkListView     *view,
                      guint            position);

static void
on_row_clicked (GtkWidget   *row,
                GtkListItem *list_item)
{
  GtkWidget *sidebar = gtk_widget_get_ancestor (row, REHEARSE_TYPE_SIDEBAR);
  GtkWidget *view = gtk_widget_get_ancestor (row, GTK_TYPE_LIST_VIEW);
  guint position = gtk_list_item_get_position (list_item);

  if (sidebar != NULL && view != NULL && position != GTK_INVALID_LIST_POSITION)
    open_row (REHEARSE_SIDEBAR (sidebar), GTK_LIST_VIEW (view), position);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  RehearseSidebar *self = user_data;
  GtkWidget *row = rehearse_sidebar_row_new ();

  g_signal_connect_object (row, "show-message", G_CALLBACK (show_message), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "activated", G_CALLBACK (on_row_clicked), list_item, 0);
  gtk_list_item_set_child (list_item, row);
}

static void
bind_tree_row (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  RehearseSidebar *self = user_data;
  GtkTreeListRow *tree_row = gtk_list_item_get_item (list_item);
  g_autoptr(GObject) item = gtk_tree_list_row_get_item (tree_row);
  gboolean heading = REHEARSE_IS_SIDEBAR_ITEM (item) && rehearse_sidebar_item_is_heading (
    REHEARSE_SIDEBAR_ITEM (item));

  /* Selectable, or the arrow keys could not pass it (GTK 4.8 focuses only
   * selectable rows); not to be opened. */
  gtk_list_item_set_selectable (list_item, TRUE);
  gtk_list_item_set_activatable (list_item, !heading);
  rehearse_sidebar_row_bind_tree_row (REHEARSE_SIDEBAR_ROW (gtk_list_item_get_child (list_item)),
                                      tree_row, self->library, self->due_counts);
}

/* "Linux Basics · Permissions": where a result comes from, when more than
 * one deck could be meant. */
static char *
describe_source (RehearseSidebar  *self,
                 RehearseQuestion *question)
{
  gint64 deck_id = rehearse_question_get_deck_id (question);
  const char *deck = g_hash_table_lookup (self->deck_titles, &deck_id);
  const char *topic = rehearse_question_get_topic_title (question);

  if (deck == NULL)
    return NULL;
  /* A deck without topics lists its questions under its own title. */
  if (topic == NULL || *topic == '\0' || g_str_equal (topic, deck))
    return g_strdup (deck);
  /* TRANSLATORS: a search result's deck, then its topic */
  return g_strdup_printf (_("%s · %s"), deck, topic);
}

static void
bind_result_row (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  RehearseSidebar *self = user_data;
  RehearseSearchResult *result = gtk_list_item_get_item (list_item);
  g_autofree char *source = describe_source (self, rehearse_search_result_get_question (result));

  rehearse_sidebar_row_bind_search_result (REHEARSE_SIDEBAR_ROW (gtk_list_item_get_child (list_item)),
                                           result, source, self->library);
}

static void
bind_collection_row (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  user_data)
{
  RehearseSidebar *self = user_data;

  rehearse_sidebar_row_bind_collection_question (
    REHEARSE_SIDEBAR_ROW (gtk_list_item_get_child (list_item)), gtk_list_item_get_item (list_item),
    rehearse_sidebar_item_get_collection (self->open_collection), self->library);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  rehearse_sidebar_row_unbind (REHEARSE_SIDEBAR_ROW (gtk_list_item_get_child (list_item)));
}

static GtkListItemFactory *
row_factory (RehearseSidebar *self,
             GCallback        bind)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", bind, self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);

  return factory;
}

/* ---- Activation ----------------------------------------------------------- */

/* Questions listed under a topic, and search results, navigate in their
 * deck's reading order, so "next" goes on into the next topic. */
static GListModel *
deck_questions (RehearseSidebar *self,
                gint64           deck_id)
{
  GListModel *questions = g_hash_table_lookup (self->deck_questions, &deck_id);

  if (questions == NULL)
    {
      g_autoptr(GError) error = NULL;
      gint64 *key = g_new (gint64, 1);

      questions = rehearse_library_list_deck_questions (self->library, deck_id, &error);
      if (questions == NULL)
        {
          show_error (self, _("Could not list the questions"), error);
          g_free (key);
          return NULL;
        }
      *key = deck_id;
      g_hash_table_insert (self->deck_questions, key, questions);
    }

  return questions;
}

static GtkWidget *
focus_in_sidebar (RehearseSidebar *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return NULL;
  return g_object_ref (focus);
}

/* A question shown beside the sidebar leaves the keyboard on the row that
 * opened it, for the next arrow key or Enter: the window's leaflet moves
 * the focus to the content whenever it shows it, which only a folded
 * window (the sidebar gone) needs. */
static void
keep_focus (RehearseSidebar *self,
            GtkWidget       *focus)
{
  GtkWidget *leaflet = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_LEAFLET);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (focus == NULL || root == NULL
      || (leaflet != NULL && adw_leaflet_get_folded (ADW_LEAFLET (leaflet))))
    return;
  if (gtk_root_get_focus (root) != focus && gtk_widget_get_root (focus) == root)
    gtk_widget_grab_focus (focus);
}

static void
activate_question (RehearseSidebar  *self,
                   RehearseQuestion *question,
                   GListModel       *listed_in,
                   guint             position_in_list,
                   gboolean          in_deck_order)
{
  g_autoptr(GtkWidget) focus = focus_in_sidebar (self);
  GListModel *navigation = listed_in;
  guint position = position_in_list;

  if (in_deck_order)
    {
      GListModel *deck = deck_questions (self, rehearse_question_get_deck_id (question));

      if (deck != NULL
          && rehearse_question_list_find (REHEARSE_QUESTION_LIST (deck),
                                          rehearse_question_get_id (question), &position))
        navigation = deck;
      else
        position = position_in_list;
    }

  g_signal_emit (self, signals[QUESTION_ACTIVATED], 0, question, navigation, position);
  keep_focus (self, focus);
}

static void
open_tree_row (RehearseSidebar *self,
               guint            position)
{
  g_autoptr(GtkTreeListRow) tree_row = g_list_model_get_item (G_LIST_MODEL (self->tree), position);
  g_autoptr(GObject) item = NULL;

  if (tree_row == NULL)
    return;

  item = gtk_tree_list_row_get_item (tree_row);

  if (REHEARSE_IS_QUESTION (item))
    {
      GtkTreeListRow *parent = gtk_tree_list_row_get_parent (tree_row);
      g_autoptr(GObject) parent_item = parent != NULL ? gtk_tree_list_row_get_item (parent) : NULL;
      GListModel *siblings = parent != NULL ? gtk_tree_list_row_get_children (parent) : NULL;
      guint index = position - (parent != NULL ? gtk_tree_list_row_get_position (parent) + 1 : 0);

      gtk_single_selection_set_selected (self->browse_selection, position);
      activate_question (self, REHEARSE_QUESTION (item), siblings, index,
                         REHEARSE_IS_TOPIC (parent_item));
      g_clear_object (&parent);
      return;
    }

  if (REHEARSE_IS_SIDEBAR_ITEM (item))
    {
      /* Progress is a page of the window, not a list of questions. */
      if (rehearse_sidebar_item_get_collection (REHEARSE_SIDEBAR_ITEM (item))
          == REHEARSE_COLLECTION_PROGRESS)
        {
          gtk_single_selection_set_selected (self->browse_selection, position);
          gtk_widget_activate_action (GTK_WIDGET (self), "win.show-progress", NULL);
        }
      else if (!rehearse_sidebar_item_is_heading (REHEARSE_SIDEBAR_ITEM (item)))
        open_collection (self, REHEARSE_SIDEBAR_ITEM (item));
      return;
    }

  /* Decks and topics open and close where they are. */
  gtk_single_selection_set_selected (self->browse_selection, position);
  if (gtk_tree_list_row_is_expandable (tree_row))
    gtk_tree_list_row_set_expanded (tree_row, !gtk_tree_list_row_get_expanded (tree_row));
}

static void
open_result (RehearseSidebar *self,
             guint            position)
{
  GListModel *results = gtk_single_selection_get_model (self->results_selection);
  g_autoptr(RehearseSearchResult) result = NULL;

  if (results == NULL || position >= g_list_model_get_n_items (results))
    return;

  result = g_list_model_get_item (results, position);
  gtk_single_selection_set_selected (self->results_selection, position);
  /* A search is a way to jump somewhere: reading goes on from there in the
   * deck's order. */
  activate_question (self, rehearse_search_result_get_question (result), results, position, TRUE);
}

static void
open_collection_question (RehearseSidebar *self,
                          guint            position)
{
  GListModel *questions = gtk_single_selection_get_model (self->collection_selection);
  g_autoptr(RehearseQuestion) question = NULL;

  if (questions == NULL || position >= g_list_model_get_n_items (questions))
    return;

  question = g_list_model_get_item (questions, position);
  gtk_single_selection_set_selected (self->collection_selection, position);
  activate_question (self, question, questions, position, FALSE);
}

/* Enter or a click opens a row, and that alone: moving along the list with
 * the arrow keys only selects. */
static void
open_row (RehearseSidebar *self,
          GtkListView     *view,
          guint            position)
{
  if (view == self->browse_view)
    open_tree_row (self, position);
  else if (view == self->results_view)
    open_result (self, position);
  else if (view == self->collection_view)
    open_collection_question (self, position);
}

static void
on_list_activate (GtkListView *view,
                  guint        position,
                  gpointer     user_data)
{
  open_row (REHEARSE_SIDEBAR (user_data), view, position);
}

/* ---- Collections ------------------------------------------------------------ */

static const char *
selected_filter_label (RehearseSidebar *self)
{
  guint selected = gtk_drop_down_get_selected (self->label_filter);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->label_filter)) || selected == 0
      || selected == GTK_INVALID_LIST_POSITION || self->filter_labels == NULL
      || selected > g_strv_length (self->filter_labels))
    return NULL;

  return self->filter_labels[selected - 1];
}

/* The first descendant of @widget of @type. */
static GtkWidget *
first_of_type (GtkWidget *widget,
                  GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = G_TYPE_CHECK_INSTANCE_TYPE (child, type)
                         ? child : first_of_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The label filter's choices, each named for screen readers: GTK 4.8
 * names neither the rows of a drop-down's list nor its button. */
static void
setup_filter_choice (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, g_object_new (GTK_TYPE_LABEL, "xalign", 0.0f, NULL));
}

static void
bind_filter_choice (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (list_item));
  GtkWidget *list_row = gtk_widget_get_parent (label);

  gtk_label_set_text (GTK_LABEL (label), text);
  if (list_row != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (list_row), GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                    -1);
}

static void
name_label_filter (RehearseSidebar *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkWidget *button = first_of_type (GTK_WIDGET (self->label_filter), GTK_TYPE_TOGGLE_BUTTON);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_filter_choice), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_filter_choice), NULL);
  gtk_drop_down_set_factory (self->label_filter, factory);
  if (button != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Bookmark label"), -1);
}

/* "All Labels", then each label in use; the filter shows only when
 * bookmarks have labels, and keeps its choice while that label exists. */
static void
fill_label_filter (RehearseSidebar *self)
{
  g_autofree char *kept = g_strdup (selected_filter_label (self));
  g_auto(GStrv) labels = rehearse_library_list_bookmark_labels (self->library, NULL);
  g_autoptr(GtkStringList) choices = NULL;
  guint selected = 0;
  gboolean filtering = self->open_collection != NULL
                       && rehearse_sidebar_item_get_collection (self->open_collection)
                          == REHEARSE_COLLECTION_BOOKMARKED
                       && labels != NULL && labels[0] != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->label_filter), filtering);
  if (labels == NULL || (self->filter_labels != NULL
                         && g_strv_equal ((const char * const *) labels,
                                          (const char * const *) self->filter_labels)))
    return;

  choices = gtk_string_list_new (NULL);
  gtk_string_list_append (choices, _("All Labels"));
  for (guint i = 0; labels[i] != NULL; i++)
    {
      gtk_string_list_append (choices, labels[i]);
      if (g_strcmp0 (labels[i], kept) == 0)
        selected = i + 1;
    }

  g_strfreev (self->filter_labels);
  self->filter_labels = g_steal_pointer (&labels);

  self->quiet_selection = TRUE;
  gtk_drop_down_set_model (self->label_filter, G_LIST_MODEL (choices));
  gtk_drop_down_set_selected (self->label_filter, selected);
  self->quiet_selection = FALSE;
}

/* Where @question is in @model: by row id in the core's lazy lists (a scan
 * of ids, nothing loaded, even in All Questions), by key in the short
 * list of orphans, some of which have no row. */
static gboolean
find_question (GListModel       *model,
               RehearseQuestion *question,
               guint            *position)
{
  if (REHEARSE_IS_QUESTION_LIST (model))
    return rehearse_question_list_find (REHEARSE_QUESTION_LIST (model),
                                        rehearse_question_get_id (question), position);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RehearseQuestion) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (rehearse_question_get_key (item), rehearse_question_get_key (question)) == 0)
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

/* The keyboard goes to the collection's list, or to the way back when it
 * has no rows (Escape works from either). A listing that comes in later
 * moves it only from where the collection left it, never from the reader. */
static void
focus_collection (RehearseSidebar *self,
                  gboolean         opening)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (self->open_collection == NULL
      || gtk_stack_get_visible_child (self->stack) != self->collection_page
      || (!opening && focus != NULL && !gtk_widget_is_ancestor (focus, self->collection_page)))
    return;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->collection_stack), "list") == 0
      && gtk_widget_grab_focus (GTK_WIDGET (self->collection_view)))
    return;
  gtk_widget_grab_focus (self->back_button);
}

/* A collection that could not be listed says so, not "nothing here". */
static void
show_collection_failure (RehearseSidebar *self,
                         const GError    *error)
{
  self->quiet_selection = TRUE;
  gtk_single_selection_set_model (self->collection_selection, NULL);
  self->quiet_selection = FALSE;

  adw_status_page_set_icon_name (self->collection_status, "dialog-error-symbolic");
  adw_status_page_set_title (self->collection_status, _("Could Not List the Questions"));
  adw_status_page_set_description (self->collection_status, error->message);
  gtk_stack_set_visible_child_name (self->collection_stack, "empty");
  focus_collection (self, FALSE);
  show_error (self, _("Could not list the questions"), error);
}

/* Shows @questions as the open collection's, keeping the selected question
 * selected. */
static void
show_collection_questions (RehearseSidebar *self,
                           GListModel      *questions)
{
  RehearseQuestion *selected = gtk_single_selection_get_selected_item (self->collection_selection);
  g_autoptr(RehearseQuestion) kept = selected != NULL ? g_object_ref (selected) : NULL;
  guint position;

  self->quiet_selection = TRUE;
  gtk_single_selection_set_model (self->collection_selection, questions);
  self->quiet_selection = FALSE;
  if (kept != NULL && find_question (questions, kept, &position))
    {
      self->quiet_selection = TRUE;
      gtk_single_selection_set_selected (self->collection_selection, position);
      self->quiet_selection = FALSE;
    }

  gtk_stack_set_visible_child_name (self->collection_stack,
                                    g_list_model_get_n_items (questions) == 0 ? "empty" : "list");
  focus_collection (self, FALSE);
}

static void
list_due_in_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GError *error = NULL;
  GListModel *questions = rehearse_library_list_due (source_object, *(gint64 *) task_data, 0, 0,
                                                     &error);

  if (questions != NULL)
    g_task_return_pointer (task, questions, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
on_due_listed (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RehearseSidebar) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) questions = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;  /* a newer listing took over, or the collection was left */

  if (questions == NULL)
    show_collection_failure (self, error);
  else
    show_collection_questions (self, questions);
}

/* Due for Review can hold every question of a big library, and is listed
 * again as reviews are recorded and time passes: never on the main thread. */
static void
list_due_async (RehearseSidebar *self)
{
  g_autoptr(GTask) task = NULL;
  gint64 *now = g_new (gint64, 1);

  *now = rehearse_clock_now_ms ();
  g_cancellable_cancel (self->due_list_cancellable);
  g_clear_object (&self->due_list_cancellable);
  self->due_list_cancellable = g_cancellable_new ();

  task = g_task_new (self->library, self->due_list_cancellable, on_due_listed, g_object_ref (self));
  g_task_set_source_tag (task, list_due_async);
  g_task_set_task_data (task, now, g_free);
  g_task_run_in_thread (task, list_due_in_thread);
}

/* Lists the open collection again (its members changed). */
static void
reload_collection (RehearseSidebar *self)
{
  RehearseCollection collection = rehearse_sidebar_item_get_collection (self->open_collection);
  g_autoptr(GListModel) questions = NULL;
  g_autoptr(GError) error = NULL;

  fill_label_filter (self);
  g_free (self->listed_label);
  self->listed_label = g_strdup (selected_filter_label (self));

  adw_status_page_set_icon_name (self->collection_status,
                                 rehearse_sidebar_item_get_icon_name (self->open_collection));
  adw_status_page_set_title (self->collection_status,
                             rehearse_sidebar_item_get_empty_title (self->open_collection));
  adw_status_page_set_description (self->collection_status,
                                   rehearse_sidebar_item_get_empty_description (self->open_collection));

  if (collection == REHEARSE_COLLECTION_DUE)
    {
      list_due_async (self);
      return;
    }

  questions = collection_questions (self, collection, self->listed_label, &error);
  if (questions == NULL)
    show_collection_failure (self, error);
  else
    show_collection_questions (self, questions);
}

/* The study plan's work for today heads Due for Review, where it is done. */
static void
show_today_plan (RehearseSidebar *self)
{
  gboolean shown = self->today_plan != NULL && self->open_collection != NULL
                   && rehearse_sidebar_item_get_collection (self->open_collection)
                      == REHEARSE_COLLECTION_DUE;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->today_plan_label), shown);
  if (!shown)
    return;

  /* TRANSLATORS: the study plan's work for today, as "Today’s plan: 12 new, 8 reviews — 25 min" */
  text = g_strdup_printf (_("Today’s plan: %s"), self->today_plan);
  gtk_label_set_text (self->today_plan_label, text);
}

void
rehearse_sidebar_set_today_plan (RehearseSidebar *self,
                                 const char      *today_plan)
{
  g_return_if_fail (REHEARSE_IS_SIDEBAR (self));

  g_free (self->today_plan);
  self->today_plan = g_strdup (today_plan);
  show_today_plan (self);
}

static void
open_collection (RehearseSidebar     *self,
                 RehearseSidebarItem *collection)
{
  g_set_object (&self->open_collection, collection);
  gtk_label_set_text (self->collection_title, rehearse_sidebar_item_get_title (collection));
  show_today_plan (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->collection_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  rehearse_sidebar_item_get_title (collection), -1);

  g_cancellable_cancel (self->due_list_cancellable);
  self->quiet_selection = TRUE;
  gtk_single_selection_set_model (self->collection_selection, NULL);
  gtk_drop_down_set_selected (self->label_filter, 0);
  self->quiet_selection = FALSE;
  /* Blank, not another collection's status page, until a listing made off
   * the main thread comes in. */
  gtk_stack_set_visible_child_name (self->collection_stack, "list");

  reload_collection (self);
  show_browse_page (self);
  focus_collection (self, TRUE);
}

void
rehearse_sidebar_show_tree (RehearseSidebar *self)
{
  g_return_if_fail (REHEARSE_IS_SIDEBAR (self));

  g_clear_object (&self->open_collection);
  g_clear_handle_id (&self->reload_collection_id, g_source_remove);
  g_cancellable_cancel (self->due_list_cancellable);
  self->quiet_selection = TRUE;
  gtk_single_selection_set_model (self->collection_selection, NULL);
  self->quiet_selection = FALSE;
  show_browse_page (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->browse_view));
}

void
rehearse_sidebar_open_collection (RehearseSidebar    *self,
                                  RehearseCollection  collection)
{
  g_autoptr(RehearseSidebarItem) item = NULL;

  g_return_if_fail (REHEARSE_IS_SIDEBAR (self));
  g_return_if_fail (collection < REHEARSE_COLLECTION_NONE);
  g_return_if_fail (collection != REHEARSE_COLLECTION_PROGRESS);

  item = rehearse_sidebar_item_new_collection (collection);
  open_collection (self, item);
}

void
rehearse_sidebar_select_progress (RehearseSidebar *self)
{
  GListModel *rows;

  g_return_if_fail (REHEARSE_IS_SIDEBAR (self));

  /* The collections lead the tree, so the row is found in a few steps. */
  rows = G_LIST_MODEL (self->tree);
  for (guint position = 0; position < g_list_model_get_n_items (rows); position++)
    {
      g_autoptr(GtkTreeListRow) tree_row = g_list_model_get_item (rows, position);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (tree_row);

      if (!REHEARSE_IS_SIDEBAR_ITEM (item))
        return;
      if (rehearse_sidebar_item_get_collection (REHEARSE_SIDEBAR_ITEM (item))
          == REHEARSE_COLLECTION_PROGRESS)
        {
          gtk_single_selection_set_selected (self->browse_selection, position);
          return;
        }
    }
}

static void
on_label_filter_changed (RehearseSidebar *self)
{
  /* The drop-down also says "selected" when its choices are replaced. */
  if (self->quiet_selection || self->open_collection == NULL
      || g_strcmp0 (selected_filter_label (self), self->listed_label) == 0)
    return;

  reload_collection (self);
}

static gboolean
reload_collection_later (gpointer user_data)
{
  RehearseSidebar *self = user_data;

  self->reload_collection_id = 0;
  if (self->open_collection != NULL)
    reload_collection (self);
  return G_SOURCE_REMOVE;
}

static gboolean
is_open (RehearseSidebar    *self,
         RehearseCollection  collection)
{
  return self->open_collection != NULL
         && rehearse_sidebar_item_get_collection (self->open_collection) == collection;
}

/* Bookmarks, notes and reviews change membership of the collections that
 * list them; several changes in a row (a note saved while typing) list
 * once. Any of them may be a review, which changes what is due. */
static void
on_user_data_changed (RehearseSidebar *self,
                      const char      *question_key)
{
  RehearseCollection collection;

  rehearse_sidebar_due_counts_refresh (self->due_counts);
  if (self->open_collection == NULL)
    return;

  collection = rehearse_sidebar_item_get_collection (self->open_collection);
  if (collection == REHEARSE_COLLECTION_ALL || collection == REHEARSE_COLLECTION_RECENT)
    return;

  if (self->reload_collection_id == 0)
    self->reload_collection_id = g_idle_add (reload_collection_later, self);
}

void
rehearse_sidebar_view_recorded (RehearseSidebar *self)
{
  g_return_if_fail (REHEARSE_IS_SIDEBAR (self));

  if (is_open (self, REHEARSE_COLLECTION_RECENT) && self->reload_collection_id == 0)
    self->reload_collection_id = g_idle_add (reload_collection_later, self);
}

/* Time passing makes questions due: Due for Review lists them. */
static void
on_due_counts_changed (RehearseSidebar *self)
{
  if (is_open (self, REHEARSE_COLLECTION_DUE) && self->reload_collection_id == 0)
    self->reload_collection_id = g_idle_add (reload_collection_later, self);
}

static gboolean
count_due_again (gpointer user_data)
{
  RehearseSidebar *self = user_data;

  rehearse_sidebar_due_counts_refresh (self->due_counts);
  return G_SOURCE_CONTINUE;
}

/* Menu or Shift+F10 on a focused row opens its context menu. */
static gboolean
on_context_menu_key (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus != NULL ? gtk_widget_get_first_child (focus) : NULL;

  if (!REHEARSE_IS_SIDEBAR_ROW (row))
    return FALSE;

  rehearse_sidebar_row_popup_menu (REHEARSE_SIDEBAR_ROW (row));
  return TRUE;
}

static gboolean
on_collection_escape (GtkWidget *widget,
                      GVariant  *args,
                      gpointer   user_data)
{
  rehearse_sidebar_show_tree (REHEARSE_SIDEBAR (user_data));
  return TRUE;
}

/* ---- Search ------------------------------------------------------------- */

static void
on_search_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RehearseSidebar) self = user_data;
  g_autoptr(GListModel) results = NULL;
  g_autoptr(GError) error = NULL;

  results = rehearse_library_search_finish (REHEARSE_LIBRARY (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;  /* a newer query took over */

  if (results == NULL)
    {
      show_error (self, _("Could not search"), error);
      gtk_stack_set_visible_child_name (self->stack, "no-results");
      return;
    }

  gtk_single_selection_set_model (self->results_selection, results);
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (results) > 0 ? "results" : "no-results");
}

static void
on_search_changed (RehearseSidebar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  /* Clearing the search brings the tree back as the user left it. */
  if (text[0] == '\0' || self->library == NULL)
    {
      gtk_single_selection_set_model (self->results_selection, NULL);
      show_browse_page (self);
      return;
    }

  self->search_cancellable = g_cancellable_new ();
  rehearse_library_search_async (self->library, text, SEARCH_RESULT_LIMIT, self->search_cancellable,
                                 on_search_done, g_object_ref (self));
}

static void
on_search_activate (RehearseSidebar *self)
{
  GListModel *results = gtk_single_selection_get_model (self->results_selection);

  if (results == NULL || g_list_model_get_n_items (results) == 0)
    return;

  open_result (self, 0);
}

static void
on_stop_search (RehearseSidebar *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

void
rehearse_sidebar_focus_search (RehearseSidebar *self)
{
  g_return_if_fail (REHEARSE_IS_SIDEBAR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* ---- Keyboard ------------------------------------------------------------ */

/* Tab leaves a list for the next widget, as from GNOME's sidebars: a list
 * is one stop, its rows are walked with the arrow keys. Unfocusable for a
 * moment, the list passes the focus on from where it is. */
static gboolean
on_tab (GtkWidget *view,
        GVariant  *args,
        gpointer   user_data)
{
  GtkRoot *root = gtk_widget_get_root (view);
  GtkDirectionType direction = g_variant_get_int32 (args);

  if (root == NULL)
    return FALSE;

  gtk_widget_set_can_focus (view, FALSE);
  if (!gtk_widget_child_focus (GTK_WIDGET (root), direction))
    gtk_widget_child_focus (GTK_WIDGET (root), direction);  /* wrapped around */
  gtk_widget_set_can_focus (view, TRUE);
  return TRUE;
}

/* The tree row of the focused row of the tree, or NULL. */
static GtkTreeListRow *
focused_tree_row (RehearseSidebar *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus != NULL ? gtk_widget_get_first_child (focus) : NULL;
  GtkWidget *expander = row != NULL ? gtk_widget_get_first_child (row) : NULL;

  if (!REHEARSE_IS_SIDEBAR_ROW (row) || !GTK_IS_TREE_EXPANDER (expander)
      || !gtk_widget_is_ancestor (row, GTK_WIDGET (self->browse_view)))
    return NULL;

  return gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (expander));
}

/* Right opens the focused deck or topic, Left closes it. */
static gboolean
on_expand_key (GtkWidget *view,
               GVariant  *args,
               gpointer   user_data)
{
  GtkTreeListRow *tree_row = focused_tree_row (REHEARSE_SIDEBAR (user_data));
  gboolean expand = g_variant_get_boolean (args);

  if (tree_row == NULL || !gtk_tree_list_row_is_expandable (tree_row)
      || gtk_tree_list_row_get_expanded (tree_row) == expand)
    return FALSE;

  gtk_tree_list_row_set_expanded (tree_row, expand);
  return TRUE;
}

static void
add_key (GtkShortcutController *controller,
         guint                  keyval,
         GdkModifierType        modifiers,
         GtkShortcutFunc        callback,
         gpointer               user_data,
         GVariant              *args)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                            gtk_callback_action_new (callback, user_data, NULL));

  gtk_shortcut_set_arguments (shortcut, args);
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

static void
follow_keyboard (RehearseSidebar *self,
                 GtkListView     *view)
{
  /* Before the rows see Tab: each row would take it as the next stop. */
  GtkEventController *tab = gtk_shortcut_controller_new ();
  GtkEventController *expand = gtk_shortcut_controller_new ();
  GtkShortcutController *keys = GTK_SHORTCUT_CONTROLLER (tab);

  gtk_event_controller_set_propagation_phase (tab, GTK_PHASE_CAPTURE);
  add_key (keys, GDK_KEY_Tab, 0, on_tab, self, g_variant_new_int32 (GTK_DIR_TAB_FORWARD));
  add_key (keys, GDK_KEY_KP_Tab, 0, on_tab, self, g_variant_new_int32 (GTK_DIR_TAB_FORWARD));
  add_key (keys, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK, on_tab, self,
           g_variant_new_int32 (GTK_DIR_TAB_BACKWARD));
  add_key (keys, GDK_KEY_Tab, GDK_SHIFT_MASK, on_tab, self,
           g_variant_new_int32 (GTK_DIR_TAB_BACKWARD));
  gtk_widget_add_controller (GTK_WIDGET (view), tab);

  keys = GTK_SHORTCUT_CONTROLLER (expand);
  add_key (keys, GDK_KEY_Right, 0, on_expand_key, self, g_variant_new_boolean (TRUE));
  add_key (keys, GDK_KEY_KP_Right, 0, on_expand_key, self, g_variant_new_boolean (TRUE));
  add_key (keys, GDK_KEY_Left, 0, on_expand_key, self, g_variant_new_boolean (FALSE));
  add_key (keys, GDK_KEY_KP_Left, 0, on_expand_key, self, g_variant_new_boolean (FALSE));
  gtk_widget_add_controller (GTK_WIDGET (view), expand);

  g_signal_connect_object (view, "activate", G_CALLBACK (on_list_activate), self, 0);
}

/* ---- GObject -------------------------------------------------------------- */

static void
rehearse_sidebar_constructed (GObject *object)
{
  RehearseSidebar *self = REHEARSE_SIDEBAR (object);

  G_OBJECT_CLASS (rehearse_sidebar_parent_class)->constructed (object);

  if (self->library != NULL)
    {
      self->due_counts = rehearse_sidebar_due_counts_new (self->library);
      g_signal_connect_object (self->due_counts, "changed",
                               G_CALLBACK (on_due_counts_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->library, "user-data-changed",
                               G_CALLBACK (on_user_data_changed), self, G_CONNECT_SWAPPED);
    }
  rehearse_sidebar_reload (self);
}

static void
rehearse_sidebar_map (GtkWidget *widget)
{
  RehearseSidebar *self = REHEARSE_SIDEBAR (widget);

  GTK_WIDGET_CLASS (rehearse_sidebar_parent_class)->map (widget);

  /* Hidden, nothing is counted: shown again, the counts catch up at once. */
  if (self->due_counts != NULL && self->due_count_timeout_id == 0)
    {
      rehearse_sidebar_due_counts_refresh (self->due_counts);
      self->due_count_timeout_id = g_timeout_add_seconds (DUE_COUNT_INTERVAL_SECONDS,
                                                          count_due_again, self);
    }
}

static void
rehearse_sidebar_unmap (GtkWidget *widget)
{
  RehearseSidebar *self = REHEARSE_SIDEBAR (widget);

  g_clear_handle_id (&self->due_count_timeout_id, g_source_remove);

  GTK_WIDGET_CLASS (rehearse_sidebar_parent_class)->unmap (widget);
}

static void
rehearse_sidebar_dispose (GObject *object)
{
  RehearseSidebar *self = REHEARSE_SIDEBAR (object);

  g_cancellable_cancel (self->search_cancellable);
  g_cancellable_cancel (self->due_list_cancellable);
  g_clear_handle_id (&self->reload_collection_id, g_source_remove);
  g_clear_handle_id (&self->due_count_timeout_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), REHEARSE_TYPE_SIDEBAR);

  g_clear_object (&self->search_cancellable);
  g_clear_object (&self->due_list_cancellable);
  g_clear_object (&self->browse_selection);
  g_clear_object (&self->results_selection);
  g_clear_object (&self->collection_selection);
  g_clear_object (&self->open_collection);
  g_clear_pointer (&self->filter_labels, g_strfreev);
  g_clear_pointer (&self->listed_label, g_free);
  g_clear_pointer (&self->today_plan, g_free);
  g_clear_object (&self->due_counts);
  g_clear_object (&self->library);
  g_clear_pointer (&self->deck_questions, g_hash_table_unref);
  g_clear_pointer (&self->deck_titles, g_hash_table_unref);

  G_OBJECT_CLASS (rehearse_sidebar_parent_class)->dispose (object);
}

static void
rehearse_sidebar_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RehearseSidebar *self = REHEARSE_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rehearse_sidebar_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RehearseSidebar *self = REHEARSE_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      self->library = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rehearse_sidebar_class_init (RehearseSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rehearse_sidebar_constructed;
  object_class->dispose = rehearse_sidebar_dispose;
  object_class->get_property = rehearse_sidebar_get_property;
  object_class->set_property = rehearse_sidebar_set_property;
  widget_class->map = rehearse_sidebar_map;
  widget_class->unmap = rehearse_sidebar_unmap;

  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL, REHEARSE_TYPE_LIBRARY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The question, the list to go on in with previous/next (of questions,
   * or of search results), and its position there. */
  signals[QUESTION_ACTIVATED] =
    g_signal_new ("question-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3,
                  REHEARSE_TYPE_QUESTION, G_TYPE_LIST_MODEL, G_TYPE_UINT);
  /* A failure to tell the user of (a list that could not be read, a
   * bookmark not changed), for a toast. */
  signals[SHOW_MESSAGE] =
    g_signal_new ("show-message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rehearse/Rehearse/rehearse-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, RehearseSidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RehearseSidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, RehearseSidebar, browse_view);
  gtk_widget_class_bind_template_child (widget_class, RehearseSidebar, results_view);
  gtk_widget_class_bind_template_child (widget_class, RehearseSidebar, collection_page);
  gtk_widget_class_bind_template_child (widget_class, RehearseSidebar, collection_title);
  gtk_widget_class_bind_template_child (widget_class, RehearseSidebar, today_plan_label);
  gtk_widget_class_bind_template_child (widget_class, RehearseSidebar, label_filter);
  gtk_widget_class_bind_template_child (widget_class, RehearseSidebar, back_button);
  gtk_widget_class_bind_template_child (widget_class, RehearseSidebar, collection_stack);
  gtk_widget_class_bind_template_child (widget_class, RehearseSidebar, collection_view);
  gtk_widget_class_bind_template_child (widget_class, RehearseSidebar, collection_status);
  gtk_widget_class_bind_template_callback (widget_class, rehearse_sidebar_show_tree);
  gtk_widget_class_bind_template_callback (widget_class, on_label_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
}

/* A status page scrolls its text in a scrolled window that takes the
 * focus: an unnamed Tab stop, read as an empty "scroll pane". */
static void
unfocus_status_pages (GtkWidget *widget,
                      gboolean   in_status_page)
{
  in_status_page = in_status_page || ADW_IS_STATUS_PAGE (widget);
  if (in_status_page && GTK_IS_SCROLLED_WINDOW (widget))
    gtk_widget_set_focusable (widget, FALSE);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    unfocus_status_pages (child, in_status_page);
}

static void
rehearse_sidebar_init (RehearseSidebar *self)
{
  g_autoptr(GtkListItemFactory) tree_factory = NULL;
  g_autoptr(GtkListItemFactory) results_factory = NULL;
  g_autoptr(GtkListItemFactory) collection_factory = NULL;
  GtkEventController *escape;
  GtkEventController *context_menu;

  gtk_widget_init_template (GTK_WIDGET (self));
  unfocus_status_pages (GTK_WIDGET (self), FALSE);
  name_label_filter (self);

  self->deck_questions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                g_object_unref);
  self->deck_titles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->roots = g_list_store_new (G_TYPE_OBJECT);
  self->tree = gtk_tree_list_model_new (G_LIST_MODEL (self->roots), FALSE, FALSE,
                                        create_children, self, NULL);
  self->browse_selection = gtk_single_selection_new (G_LIST_MODEL (self->tree));
  gtk_single_selection_set_autoselect (self->browse_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->browse_selection, TRUE);
  gtk_single_selection_set_selected (self->browse_selection, GTK_INVALID_LIST_POSITION);

  self->results_selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->results_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->results_selection, TRUE);

  self->collection_selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->collection_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->collection_selection, TRUE);
  collection_factory = row_factory (self, G_CALLBACK (bind_collection_row));
  gtk_list_view_set_factory (self->collection_view, collection_factory);
  gtk_list_view_set_model (self->collection_view, GTK_SELECTION_MODEL (self->collection_selection));

  /* Escape in a collection goes back to the decks, as the back button does. */
  escape = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (escape),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                      gtk_callback_action_new (on_collection_escape, self, NULL)));
  gtk_widget_add_controller (self->collection_page, escape);

  context_menu = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (context_menu),
    gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Menu, 0),
                                                   gtk_keyval_trigger_new (GDK_KEY_F10,
                                                                           GDK_SHIFT_MASK)),
                      gtk_callback_action_new (on_context_menu_key, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), context_menu);

  tree_factory = row_factory (self, G_CALLBACK (bind_tree_row));
  results_factory = row_factory (self, G_CALLBACK (bind_result_row));
  gtk_list_view_set_factory (self->browse_view, tree_factory);
  gtk_list_view_set_model (self->browse_view, GTK_SELECTION_MODEL (self->browse_selection));
  gtk_list_view_set_factory (self->results_view, results_factory);
  gtk_list_view_set_model (self->results_view, GTK_SELECTION_MODEL (self->results_selection));

  follow_keyboard (self, self->browse_view);
  follow_keyboard (self, self->results_view);
  follow_keyboard (self, self->collection_view);
}
