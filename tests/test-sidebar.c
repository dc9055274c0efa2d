/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>

#include "rehearse-importer.h"
#include "rehearse-question-list.h"
#include "rehearse-reading-tracker.h"
#include "rehearse-sidebar.h"
#include "rehearse-sidebar-item.h"
#include "rehearse-sidebar-row.h"
#include "test-ui-support.h"

#include <string.h>

/* The sidebar on a real library holding the bundled deck: the tree of
 * collections, decks, topics and questions, what activating a row says, and
 * search as you type. */

typedef struct
{
  char             *data_home;
  RehearseLibrary  *library;
  GtkWindow        *window;
  RehearseSidebar  *sidebar;

  /* The last question-activated emission. */
  RehearseQuestion *question;
  GListModel       *navigation;
  guint             position;
  guint             activations;

  /* The window's win.start-quiz, as the quiz screens install it: the scope
   * it was last asked for. */
  char             *quiz_scope;
  /* Times win.show-progress was activated. */
  guint             progress_shown;
} Fixture;

static void
on_show_progress (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  ((Fixture *) user_data)->progress_shown++;
}

static void
on_start_quiz (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  Fixture *fixture = user_data;

  g_free (fixture->quiz_scope);
  fixture->quiz_scope = g_variant_dup_string (parameter, NULL);
}

static void
on_question_activated (RehearseSidebar  *sidebar,
                       RehearseQuestion *question,
                       GListModel       *navigation,
                       guint             position,
                       Fixture          *fixture)
{
  g_set_object (&fixture->question, question);
  g_set_object (&fixture->navigation, navigation);
  fixture->position = position;
  fixture->activations++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->data_home = ui_test_make_data_home ();
  fixture->library = ui_test_library_with_bundled_deck (fixture->data_home);
  fixture->sidebar = REHEARSE_SIDEBAR (rehearse_sidebar_new (fixture->library));
  g_signal_connect (fixture->sidebar, "question-activated", G_CALLBACK (on_question_activated),
                    fixture);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  {
    g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();
    g_autoptr(GSimpleAction) start_quiz = g_simple_action_new ("start-quiz", G_VARIANT_TYPE_STRING);

    g_signal_connect (start_quiz, "activate", G_CALLBACK (on_start_quiz), fixture);
    g_autoptr(GSimpleAction) show_progress = g_simple_action_new ("show-progress", NULL);

    g_action_map_add_action (G_ACTION_MAP (actions), G_ACTION (start_quiz));
    g_signal_connect (show_progress, "activate", G_CALLBACK (on_show_progress), fixture);
    g_action_map_add_action (G_ACTION_MAP (actions), G_ACTION (show_progress));
    gtk_widget_insert_action_group (GTK_WIDGET (fixture->window), "win", G_ACTION_GROUP (actions));
  }
  gtk_window_set_default_size (fixture->window, 360, 700);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->sidebar));
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->question);
  g_clear_object (&fixture->navigation);
  g_clear_pointer (&fixture->quiz_scope, g_free);
  g_clear_object (&fixture->library);
  test_remove_tree (fixture->data_home);
  g_free (fixture->data_home);
}

static GtkListView *
browse_view (Fixture *fixture)
{
  GtkWidget *view = ui_test_find_widget (GTK_WIDGET (fixture->sidebar), GTK_TYPE_LIST_VIEW);

  g_assert_nonnull (view);
  return GTK_LIST_VIEW (view);
}

static GtkSingleSelection *
browse_selection (Fixture *fixture)
{
  return GTK_SINGLE_SELECTION (gtk_list_view_get_model (browse_view (fixture)));
}

/* As Enter on the row, or a click, does: the list activates it. */
static void
activate_in (GtkListView *view,
             guint        position)
{
  gtk_widget_activate_action (GTK_WIDGET (view), "list.activate-item", "u", position);
}

static void
select_row (Fixture *fixture,
            guint    position)
{
  activate_in (browse_view (fixture), position);
}

static void
test_tree (Fixture       *fixture,
           gconstpointer  data)
{
  GListModel *rows = G_LIST_MODEL (browse_selection (fixture));
  g_autoptr(GObject) deck = NULL;
  g_autoptr(GObject) topic = NULL;
  g_autoptr(GObject) question = NULL;
  g_autoptr(GtkTreeListRow) deck_row = NULL;

  /* Five smart collections, Progress, the "Decks" heading, the bundled deck. */
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 8);
  {
    g_autoptr(GtkTreeListRow) first = g_list_model_get_item (rows, 0);
    g_autoptr(GObject) all = gtk_tree_list_row_get_item (first);

    g_assert_true (REHEARSE_IS_SIDEBAR_ITEM (all));
    g_assert_cmpint (rehearse_sidebar_item_get_collection (REHEARSE_SIDEBAR_ITEM (all)), ==,
                     REHEARSE_COLLECTION_ALL);
  }

  deck_row = g_list_model_get_item (rows, 7);
  deck = gtk_tree_list_row_get_item (deck_row);
  g_assert_true (REHEARSE_IS_DECK (deck));
  g_assert_cmpstr (rehearse_deck_get_title (REHEARSE_DECK (deck)), ==, "Docker Interview Questions");

  /* Selecting a deck opens it: its six topics follow it. */
  select_row (fixture, 7);
  g_assert_true (gtk_tree_list_row_get_expanded (deck_row));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 8 + 6);
  {
    g_autoptr(GtkTreeListRow) topic_row = g_list_model_get_item (rows, 9);

    topic = gtk_tree_list_row_get_item (topic_row);
    g_assert_true (REHEARSE_IS_TOPIC (topic));
    g_assert_cmpstr (rehearse_topic_get_title (REHEARSE_TOPIC (topic)), ==,
                     "Production Practices & Pitfalls");
    g_assert_cmpuint (rehearse_topic_get_question_count (REHEARSE_TOPIC (topic)), ==, 10);
  }

  /* The second topic opens to its ten questions, 351 to 360. */
  select_row (fixture, 9);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 8 + 6 + 10);
  {
    g_autoptr(GtkTreeListRow) question_row = g_list_model_get_item (rows, 10);

    question = gtk_tree_list_row_get_item (question_row);
    g_assert_cmpint (rehearse_question_get_number (REHEARSE_QUESTION (question)), ==, 351);
  }

  /* A question under a topic navigates in its deck's reading order. */
  select_row (fixture, 12);
  g_assert_cmpuint (fixture->activations, ==, 1);
  g_assert_cmpint (rehearse_question_get_number (fixture->question), ==, 353);
  g_assert_true (REHEARSE_IS_QUESTION_LIST (fixture->navigation));
  g_assert_cmpuint (g_list_model_get_n_items (fixture->navigation), ==, 100);
  g_assert_cmpuint (fixture->position, ==, 52);
}

/* The visible labels of a row, one per line, as a person reads them. */
static char *
row_texts (GtkWidget *widget)
{
  GString *texts = g_string_new (NULL);

  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (texts, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_autofree char *inner = row_texts (child);

      g_string_append (texts, inner);
    }

  return g_string_free (texts, FALSE);
}

static gboolean
has_activated (gpointer data)
{
  return ((Fixture *) data)->activations > 0;
}

static GtkWidget *
search_entry (Fixture *fixture)
{
  GtkWidget *entry = ui_test_find_widget (GTK_WIDGET (fixture->sidebar), GTK_TYPE_SEARCH_ENTRY);

  g_assert_nonnull (entry);
  return entry;
}

static gboolean
results_shown (gpointer data)
{
  Fixture *fixture = data;
  GtkStack *stack = GTK_STACK (ui_test_find_widget (GTK_WIDGET (fixture->sidebar), GTK_TYPE_STACK));
  const char *page = gtk_stack_get_visible_child_name (stack);

  return g_strcmp0 (page, "results") == 0 || g_strcmp0 (page, "no-results") == 0;
}

static GtkWidget *
results_view (Fixture *fixture)
{
  GtkStack *stack = GTK_STACK (ui_test_find_widget (GTK_WIDGET (fixture->sidebar), GTK_TYPE_STACK));

  return gtk_stack_get_child_by_name (stack, "results");
}

static gboolean
result_row_shown (gpointer data)
{
  GtkWidget *row = ui_test_find_widget (results_view (data), REHEARSE_TYPE_SIDEBAR_ROW);
  g_autofree char *texts = row != NULL ? row_texts (row) : NULL;

  return texts != NULL && strstr (texts, "quokka") != NULL;
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *entry = search_entry (fixture);
  GtkStack *stack = GTK_STACK (ui_test_find_widget (GTK_WIDGET (fixture->sidebar), GTK_TYPE_STACK));

  gtk_editable_set_text (GTK_EDITABLE (entry), "kata");
  ui_test_wait_for (results_shown, fixture);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "results");

  /* Enter opens the best result: Kata Containers is question 303. */
  g_signal_emit_by_name (entry, "activate");
  ui_test_wait_for (has_activated, fixture);
  g_assert_cmpint (rehearse_question_get_number (fixture->question), ==, 303);
  /* Reading goes on in the deck from there. */
  g_assert_true (REHEARSE_IS_QUESTION_LIST (fixture->navigation));
  g_assert_cmpuint (fixture->position, ==, 2);

  /* Nothing matches: the status page says so. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "xylophonequartz");
  ui_test_wait_for (results_shown, fixture);
  while (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "no-results") != 0)
    g_main_context_iteration (NULL, TRUE);

  /* The user's own notes are searched too, and their matches say so. */
  g_assert_true (rehearse_library_save_note (fixture->library, "docker-interview-questions/305",
                                             "Remember the quokka example", NULL));
  gtk_editable_set_text (GTK_EDITABLE (entry), "quokka");
  ui_test_wait_for (results_shown, fixture);
  ui_test_wait_for (result_row_shown, fixture);
  {
    GtkWidget *row = ui_test_find_widget (results_view (fixture), REHEARSE_TYPE_SIDEBAR_ROW);
    g_autofree char *texts = row_texts (row);

    g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "results");
    g_assert_nonnull (strstr (texts, "305. What is eBPF"));
    g_assert_nonnull (strstr (texts, "In your note: Remember the quokka example"));
  }

  /* Escape clears the search and brings the tree back. */
  g_signal_emit_by_name (entry, "stop-search");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "browse");
}

static GtkListView *
collection_view (Fixture *fixture)
{
  GtkStack *stack = GTK_STACK (ui_test_find_widget (GTK_WIDGET (fixture->sidebar), GTK_TYPE_STACK));
  GtkWidget *page = gtk_stack_get_child_by_name (stack, "collection");
  GtkWidget *view = ui_test_find_widget (page, GTK_TYPE_LIST_VIEW);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "collection");
  g_assert_nonnull (view);
  return GTK_LIST_VIEW (view);
}

static GListModel *
collection_items (Fixture *fixture)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (collection_view (fixture)));

  return gtk_single_selection_get_model (selection);
}

static int
collection_number (Fixture *fixture,
                   guint    position)
{
  g_autoptr(RehearseQuestion) question = g_list_model_get_item (collection_items (fixture), position);

  return rehearse_question_get_number (question);
}

static GtkStack *
collection_inner_stack (Fixture *fixture)
{
  GtkStack *stack = GTK_STACK (ui_test_find_widget (GTK_WIDGET (fixture->sidebar), GTK_TYPE_STACK));

  /* The collection page: its header, then the list or its status page. */
  return GTK_STACK (gtk_widget_get_last_child (gtk_stack_get_child_by_name (stack, "collection")));
}

typedef struct
{
  Fixture    *fixture;
  guint       n_items;
  const char *page;
} CollectionShown;

/* A UiTestCondition: the open collection lists n_items questions on its
 * page named page ("list", "empty"); Due for Review is listed in a thread. */
static gboolean
collection_shown (gpointer data)
{
  CollectionShown *expected = data;
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (
                                                          collection_view (expected->fixture)));
  GListModel *items = gtk_single_selection_get_model (selection);

  return items != NULL && g_list_model_get_n_items (items) == expected->n_items
         && g_strcmp0 (gtk_stack_get_visible_child_name (collection_inner_stack (expected->fixture)),
                       expected->page) == 0;
}

static void
run_main_loop_briefly (void)
{
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
bookmark (Fixture    *fixture,
          const char *number,
          const char *label)
{
  g_autofree char *key = g_strconcat ("docker-interview-questions/", number, NULL);

  g_assert_true (rehearse_library_set_bookmarked (fixture->library, key, TRUE, label, NULL));
}

static void
test_collections (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkStack *stack = GTK_STACK (ui_test_find_widget (GTK_WIDGET (fixture->sidebar), GTK_TYPE_STACK));
  GtkDropDown *filter;

  bookmark (fixture, "305", "weak");
  bookmark (fixture, "352", "asked at ACME");
  bookmark (fixture, "310", "weak");

  /* Bookmarked opens as a flat list, newest bookmark first. */
  select_row (fixture, REHEARSE_COLLECTION_BOOKMARKED);
  g_assert_cmpuint (g_list_model_get_n_items (collection_items (fixture)), ==, 3);
  g_assert_cmpint (collection_number (fixture, 0), ==, 310);
  g_assert_cmpint (collection_number (fixture, 1), ==, 352);
  g_assert_cmpint (collection_number (fixture, 2), ==, 305);

  /* The label filter: "All Labels", then each label. */
  filter = GTK_DROP_DOWN (ui_test_find_widget (gtk_stack_get_child_by_name (stack, "collection"),
                                               GTK_TYPE_DROP_DOWN));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (filter)));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (filter)), ==, 3);
  gtk_drop_down_set_selected (filter, 2);  /* "weak" sorts after "asked at ACME" */
  g_assert_cmpuint (g_list_model_get_n_items (collection_items (fixture)), ==, 2);
  g_assert_cmpint (collection_number (fixture, 0), ==, 310);
  g_assert_cmpint (collection_number (fixture, 1), ==, 305);

  /* A question opened from the collection goes on within it. */
  activate_in (collection_view (fixture), 1);
  g_assert_cmpint (rehearse_question_get_number (fixture->question), ==, 305);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->navigation), ==, 2);

  /* A bookmark removed elsewhere leaves the open list. */
  g_assert_true (rehearse_library_set_bookmarked (fixture->library, "docker-interview-questions/310",
                                                  FALSE, NULL, NULL));
  ui_test_wait_for (collection_shown, &(CollectionShown) { fixture, 1, "list" });
  g_assert_cmpint (collection_number (fixture, 0), ==, 305);

  /* Back to the tree, then With Notes: empty, until a note is written. */
  rehearse_sidebar_show_tree (fixture->sidebar);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "browse");
  select_row (fixture, REHEARSE_COLLECTION_WITH_NOTES);
  {
    /* The collection page: its header, then the list or its status page. */
    GtkStack *inner = GTK_STACK (gtk_widget_get_last_child (gtk_stack_get_child_by_name (stack,
                                                                                        "collection")));

    g_assert_cmpstr (gtk_stack_get_visible_child_name (inner), ==, "empty");
    g_assert_true (rehearse_library_save_note (fixture->library, "docker-interview-questions/399",
                                               "Trivy scans images", NULL));
    ui_test_wait_for (collection_shown, &(CollectionShown) { fixture, 1, "list" });
    g_assert_cmpint (collection_number (fixture, 0), ==, 399);
  }

  /* Recently Viewed: the questions read, the latest first, each once. */
  rehearse_sidebar_show_tree (fixture->sidebar);
  g_assert_true (rehearse_library_record_view (fixture->library, "docker-interview-questions/320", NULL));
  g_assert_true (rehearse_library_record_view (fixture->library, "docker-interview-questions/301", NULL));
  g_assert_true (rehearse_library_record_view (fixture->library, "docker-interview-questions/320", NULL));
  select_row (fixture, REHEARSE_COLLECTION_RECENT);
  g_assert_cmpuint (g_list_model_get_n_items (collection_items (fixture)), ==, 2);
  g_assert_cmpint (collection_number (fixture, 0), ==, 320);
  g_assert_cmpint (collection_number (fixture, 1), ==, 301);
}

static void
test_orphaned_collection (Fixture       *fixture,
                          gconstpointer  data)
{
  GListModel *rows = G_LIST_MODEL (browse_selection (fixture));
  g_autoptr(GListModel) decks = rehearse_library_list_decks (fixture->library, NULL);
  g_autoptr(RehearseDeck) deck = g_list_model_get_item (decks, 0);

  /* No orphans, no Orphaned row. */
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 8);

  /* The deck deleted: its noted question is kept, listed as orphaned. */
  g_assert_true (rehearse_library_save_note (fixture->library, "docker-interview-questions/320",
                                             "keep me", NULL));
  g_assert_true (rehearse_library_delete_deck (fixture->library, rehearse_deck_get_id (deck), NULL));
  rehearse_sidebar_reload (fixture->sidebar);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 7);
  {
    g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, REHEARSE_COLLECTION_ORPHANED);
    g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

    g_assert_cmpint (rehearse_sidebar_item_get_collection (REHEARSE_SIDEBAR_ITEM (item)), ==,
                     REHEARSE_COLLECTION_ORPHANED);
  }

  select_row (fixture, REHEARSE_COLLECTION_ORPHANED);
  g_assert_cmpuint (g_list_model_get_n_items (collection_items (fixture)), ==, 1);
  g_assert_cmpint (collection_number (fixture, 0), ==, 320);
}

/* Progress is no list: its row asks the window for its page, and the tree
 * stays. Today's study plan heads Due for Review, and only it. */
static void
test_progress_row (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkStack *stack = GTK_STACK (ui_test_find_widget (GTK_WIDGET (fixture->sidebar), GTK_TYPE_STACK));
  const char *plan = "Today’s plan: 12 new, 8 reviews — 25 min";

  select_row (fixture, REHEARSE_COLLECTION_PROGRESS);
  g_assert_cmpuint (fixture->progress_shown, ==, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "browse");

  rehearse_sidebar_set_today_plan (fixture->sidebar, "12 new, 8 reviews — 25 min");
  rehearse_sidebar_open_collection (fixture->sidebar, REHEARSE_COLLECTION_DUE);
  g_assert_true (ui_test_shows_text (GTK_WIDGET (fixture->sidebar), plan));
  rehearse_sidebar_open_collection (fixture->sidebar, REHEARSE_COLLECTION_BOOKMARKED);
  g_assert_false (ui_test_shows_text (GTK_WIDGET (fixture->sidebar), plan));
  rehearse_sidebar_set_today_plan (fixture->sidebar, NULL);
  rehearse_sidebar_open_collection (fixture->sidebar, REHEARSE_COLLECTION_DUE);
  g_assert_false (ui_test_shows_text (GTK_WIDGET (fixture->sidebar), plan));
}

/* The row of the tree that reads @title, once it is drawn. */
static GtkWidget *
find_row (Fixture    *fixture,
          const char *title)
{
  g_autofree char *line = g_strdup_printf ("\n%s\n", title);

  for (int attempt = 0; attempt < 100; attempt++)
    {
      GQueue pending = G_QUEUE_INIT;
      GtkWidget *widget;

      g_queue_push_tail (&pending, browse_view (fixture));
      while ((widget = g_queue_pop_head (&pending)) != NULL)
        {
          if (REHEARSE_IS_SIDEBAR_ROW (widget))
            {
              g_autofree char *texts = row_texts (widget);
              g_autofree char *lines = g_strconcat ("\n", texts, NULL);

              if (strstr (lines, line) != NULL)
                {
                  g_queue_clear (&pending);
                  return widget;
                }
              continue;
            }
          for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
               child = gtk_widget_get_next_sibling (child))
            g_queue_push_tail (&pending, child);
        }
      run_main_loop_briefly ();
    }

  g_assert_not_reached ();
}

/* The entry of an open menu that reads @label (mnemonic left out). */
static GtkWidget *
find_menu_entry (GtkWidget  *widget,
                 const char *label)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkModelButton"))
    {
      g_autofree char *text = NULL;
      g_autoptr(GString) plain = NULL;

      g_object_get (widget, "text", &text, NULL);
      plain = g_string_new (text);
      g_string_replace (plain, "_", "", 0);
      if (g_str_equal (plain->str, label))
        return widget;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_menu_entry (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
open_menu (GtkWidget *row)
{
  GtkWidget *menu = NULL;

  rehearse_sidebar_row_popup_menu (REHEARSE_SIDEBAR_ROW (row));
  for (GtkWidget *child = gtk_widget_get_first_child (row); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER_MENU (child))
      menu = child;

  g_assert_nonnull (menu);
  g_assert_true (gtk_widget_get_visible (menu));
  return menu;
}

/* Opens @row's context menu and picks @entry: win.start-quiz must be asked
 * for @scope. */
static void
assert_menu_starts_quiz (Fixture    *fixture,
                         const char *row_title,
                         const char *entry,
                         const char *scope)
{
  GtkWidget *menu = open_menu (find_row (fixture, row_title));
  GtkWidget *button = find_menu_entry (menu, entry);

  g_assert_nonnull (button);
  g_clear_pointer (&fixture->quiz_scope, g_free);
  g_signal_emit_by_name (button, "clicked");
  run_main_loop_briefly ();
  g_assert_cmpstr (fixture->quiz_scope, ==, scope);
  gtk_popover_popdown (GTK_POPOVER (menu));
}

static void
test_quiz_menus (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GListModel) decks = rehearse_library_list_decks (fixture->library, NULL);
  g_autoptr(RehearseDeck) deck = g_list_model_get_item (decks, 0);
  g_autoptr(GListModel) topics = rehearse_library_list_topics (fixture->library,
                                                               rehearse_deck_get_id (deck), NULL);
  g_autoptr(RehearseTopic) topic = g_list_model_get_item (topics, 1);
  g_autofree char *deck_scope = g_strdup_printf ("deck:%" G_GINT64_FORMAT,
                                                 rehearse_deck_get_id (deck));
  g_autofree char *topic_scope = g_strdup_printf ("topic:%" G_GINT64_FORMAT,
                                                  rehearse_topic_get_id (topic));

  assert_menu_starts_quiz (fixture, "All Questions", "Quiz These Questions", "all");
  assert_menu_starts_quiz (fixture, "Bookmarked", "Quiz These Questions", "bookmarked");
  assert_menu_starts_quiz (fixture, "With Notes", "Quiz These Questions", "with-notes");
  assert_menu_starts_quiz (fixture, "Due for Review", "Quiz These Questions", "due");
  assert_menu_starts_quiz (fixture, "Docker Interview Questions", "Quiz This Deck", deck_scope);

  /* The deck's menu still removes it. */
  g_assert_nonnull (find_menu_entry (open_menu (find_row (fixture, "Docker Interview Questions")),
                                     "Remove Deck…"));

  select_row (fixture, 7);
  assert_menu_starts_quiz (fixture, rehearse_topic_get_title (topic), "Quiz This Topic",
                           topic_scope);

  /* Recently Viewed is no scope of a quiz: no menu opens there. */
  {
    GtkWidget *recent = find_row (fixture, "Recently Viewed");

    rehearse_sidebar_row_popup_menu (REHEARSE_SIDEBAR_ROW (recent));
    for (GtkWidget *child = gtk_widget_get_first_child (recent); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      g_assert_false (GTK_IS_POPOVER (child) && gtk_widget_get_visible (child));
  }
}

/* Waits until the row that reads @title is named @label for screen
 * readers: counts arrive from a thread. */
static void
wait_for_row_label (Fixture    *fixture,
                    const char *title,
                    const char *label)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autofree char *mismatch = gtk_test_accessible_check_property (
        GTK_ACCESSIBLE (find_row (fixture, title)), GTK_ACCESSIBLE_PROPERTY_LABEL, label);

      if (mismatch == NULL)
        return;
      if (g_get_monotonic_time () > deadline)
        g_error ("The row %s reads \"%s\", not \"%s\"", title, mismatch, label);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Whether the visible labels of the row that reads @title include @text
 * on a line of its own. */
static gboolean
row_shows (Fixture    *fixture,
           const char *title,
           const char *text)
{
  g_autofree char *texts = row_texts (find_row (fixture, title));
  g_autofree char *lines = g_strconcat ("\n", texts, NULL);
  g_autofree char *line = g_strdup_printf ("\n%s\n", text);

  return strstr (lines, line) != NULL;
}

#define DAY_MS (24 * 3600 * G_GINT64_CONSTANT (1000))
#define HOUR_MS (3600 * G_GINT64_CONSTANT (1000))
/* 2024-01-01 12:00 UTC: long past, so what was reviewed then is due now. */
#define REVIEWED_AT G_GINT64_CONSTANT (1704110400000)

static void
review (Fixture       *fixture,
        const char    *number,
        RehearseGrade  grade,
        gint64         at)
{
  g_autofree char *key = g_strconcat ("docker-interview-questions/", number, NULL);
  RehearseFsrsParameters parameters;
  g_autoptr(GError) error = NULL;

  rehearse_fsrs_parameters_init_default (&parameters);
  rehearse_library_record_review (fixture->library, key, &parameters, grade, at, 0, NULL, &error);
  g_assert_no_error (error);
}

static void
test_due_for_review (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *expert = "Expert Docker: Experimental Tech & Advanced Production";
  const char *production = "Production Practices & Pitfalls";

  /* Nothing reviewed, nothing due: the collection says how to start. */
  select_row (fixture, REHEARSE_COLLECTION_DUE);
  ui_test_wait_for (collection_shown, &(CollectionShown) { fixture, 0, "empty" });
  {
    AdwStatusPage *status = ADW_STATUS_PAGE (gtk_stack_get_child_by_name (
                                               collection_inner_stack (fixture), "empty"));

    g_assert_cmpstr (adw_status_page_get_title (status), ==, "Nothing Due");
    g_assert_nonnull (strstr (adw_status_page_get_description (status), "Ctrl+R"));
  }
  rehearse_sidebar_show_tree (fixture->sidebar);
  g_assert_false (row_shows (fixture, "Due for Review", "0"));

  /* Easy schedules days ahead, Good ten minutes, Again one minute: due
   * at 8 days, at 2 h 10 min and at 1 h 1 min after REVIEWED_AT. */
  review (fixture, "310", REHEARSE_GRADE_EASY, REVIEWED_AT);
  review (fixture, "352", REHEARSE_GRADE_AGAIN, REVIEWED_AT + HOUR_MS);
  review (fixture, "305", REHEARSE_GRADE_GOOD, REVIEWED_AT + 2 * HOUR_MS);

  /* The collection's row and each topic's show how many are due. */
  select_row (fixture, 7);
  wait_for_row_label (fixture, "Due for Review", "Due for Review, 3 questions due for review");
  g_assert_true (row_shows (fixture, "Due for Review", "3"));
  wait_for_row_label (fixture, expert, "Expert Docker: Experimental Tech & Advanced Production, "
                                       "50 questions, 2 questions due for review");
  g_assert_true (row_shows (fixture, expert, "2"));
  g_assert_true (row_shows (fixture, expert, "50"));
  wait_for_row_label (fixture, production, "Production Practices & Pitfalls, 10 questions, "
                                           "1 question due for review");
  g_assert_true (row_shows (fixture, production, "1"));
  wait_for_row_label (fixture, "Docker DevOps Tooling", "Docker DevOps Tooling, 10 questions");

  /* Due for Review lists them, the most overdue first. */
  rehearse_sidebar_open_collection (fixture->sidebar, REHEARSE_COLLECTION_DUE);
  ui_test_wait_for (collection_shown, &(CollectionShown) { fixture, 3, "list" });
  g_assert_cmpint (collection_number (fixture, 0), ==, 352);
  g_assert_cmpint (collection_number (fixture, 1), ==, 305);
  g_assert_cmpint (collection_number (fixture, 2), ==, 310);
  {
    /* Each says how long it has waited: since 2024, days. */
    GtkWidget *first_row = NULL;
    g_autofree char *texts = NULL;

    for (int attempt = 0; attempt < 100 && first_row == NULL; attempt++)
      {
        run_main_loop_briefly ();
        first_row = ui_test_find_widget (GTK_WIDGET (collection_view (fixture)),
                                         REHEARSE_TYPE_SIDEBAR_ROW);
      }
    g_assert_nonnull (first_row);
    texts = row_texts (first_row);
    g_assert_true (g_str_has_prefix (texts, "352. How do you gracefully shutdown containers?\nDue "));
    g_assert_true (g_str_has_suffix (texts, " days ago\n"));
  }

  /* Reviewed now, 352 is not due any more: it leaves the open list, and
   * the counts follow. */
  review (fixture, "352", REHEARSE_GRADE_GOOD, g_get_real_time () / 1000);
  ui_test_wait_for (collection_shown, &(CollectionShown) { fixture, 2, "list" });
  g_assert_cmpint (collection_number (fixture, 0), ==, 305);
  g_assert_cmpint (collection_number (fixture, 1), ==, 310);

  rehearse_sidebar_show_tree (fixture->sidebar);
  wait_for_row_label (fixture, "Due for Review", "Due for Review, 2 questions due for review");
  g_assert_true (row_shows (fixture, "Due for Review", "2"));
  wait_for_row_label (fixture, production, "Production Practices & Pitfalls, 10 questions");
  g_assert_false (row_shows (fixture, production, "1"));
}

/* The first row under @root whose labels begin with @prefix, once the list
 * has made it. */
static GtkWidget *
row_starting (GtkWidget  *root,
              const char *prefix)
{
  for (int attempt = 0; attempt < 200; attempt++)
    {
      GQueue pending = G_QUEUE_INIT;
      GtkWidget *widget;

      g_queue_push_tail (&pending, root);
      while ((widget = g_queue_pop_head (&pending)) != NULL)
        {
          g_autofree char *texts = NULL;

          if (!REHEARSE_IS_SIDEBAR_ROW (widget))
            {
              for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
                   child = gtk_widget_get_next_sibling (child))
                g_queue_push_tail (&pending, child);
              continue;
            }
          texts = row_texts (widget);
          if (g_str_has_prefix (texts, prefix))
            {
              g_queue_clear (&pending);
              return widget;
            }
        }
      run_main_loop_briefly ();
      g_usleep (1000);
    }

  g_error ("No row begins with “%s”", prefix);
}

/* The row and the list's own row around it, which takes the focus, are
 * read as @name. */
static void
assert_row_named (GtkWidget  *row,
                  const char *name)
{
  g_autofree char *row_mismatch = gtk_test_accessible_check_property (
    GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name);
  g_autofree char *list_row_mismatch = gtk_test_accessible_check_property (
    GTK_ACCESSIBLE (gtk_widget_get_parent (row)), GTK_ACCESSIBLE_PROPERTY_LABEL, name);

  if (row_mismatch != NULL || list_row_mismatch != NULL)
    g_error ("A row reads “%s” (its list row “%s”), not “%s”", row_mismatch,
             list_row_mismatch, name);
}

/* The arrow of a deck or topic says what pressing it does. */
static void
assert_arrow_named (GtkWidget  *row,
                    const char *name)
{
  GtkWidget *expander = gtk_widget_get_first_child (row);

  for (GtkWidget *child = gtk_widget_get_first_child (expander); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (gtk_widget_get_css_name (child), "expander") == 0)
      {
        gtk_test_accessible_assert_property (child, GTK_ACCESSIBLE_PROPERTY_LABEL, name);
        return;
      }

  g_error ("The row has no arrow");
}

/* The arrow keys select rows as they go: selecting must not open one,
 * or Down, Down, Enter opens two questions and the second Enter lands on
 * whatever the window focused then. Only activation (Enter, a click)
 * opens, once. */
static void
test_selecting_opens_nothing (Fixture       *fixture,
                              gconstpointer  data)
{
  GListModel *rows = G_LIST_MODEL (browse_selection (fixture));
  g_autoptr(GtkTreeListRow) deck_row = g_list_model_get_item (rows, 7);
  GtkWidget *entry = search_entry (fixture);

  /* Passing over a collection and the deck opens neither. */
  gtk_single_selection_set_selected (browse_selection (fixture), REHEARSE_COLLECTION_BOOKMARKED);
  gtk_single_selection_set_selected (browse_selection (fixture), 7);
  g_assert_false (gtk_tree_list_row_get_expanded (deck_row));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                     GTK_STACK (ui_test_find_widget (GTK_WIDGET (fixture->sidebar),
                                                     GTK_TYPE_STACK))), ==, "browse");

  /* The "Decks" heading can be passed, not opened. */
  activate_in (browse_view (fixture), 6);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 8);

  /* Enter on the deck opens it, on a topic too; a question passed over
   * stays closed until Enter. */
  activate_in (browse_view (fixture), 7);
  g_assert_true (gtk_tree_list_row_get_expanded (deck_row));
  activate_in (browse_view (fixture), 9);
  gtk_single_selection_set_selected (browse_selection (fixture), 10);
  g_assert_cmpuint (fixture->activations, ==, 0);
  activate_in (browse_view (fixture), 11);
  g_assert_cmpuint (fixture->activations, ==, 1);
  g_assert_cmpint (rehearse_question_get_number (fixture->question), ==, 352);
  g_assert_cmpuint (gtk_single_selection_get_selected (browse_selection (fixture)), ==, 11);

  /* Search results: selected, nothing; activated, the one result. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "chaos");
  ui_test_wait_for (results_shown, fixture);
  {
    GtkListView *results = GTK_LIST_VIEW (ui_test_find_widget (results_view (fixture),
                                                               GTK_TYPE_LIST_VIEW));
    GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (results));

    gtk_single_selection_set_selected (selection, 1);
    g_assert_cmpuint (fixture->activations, ==, 1);
    activate_in (results, 1);
    g_assert_cmpuint (fixture->activations, ==, 2);
    g_assert_cmpint (rehearse_question_get_number (fixture->question), ==, 338);
  }
}

/* A screen reader reads each row by what it shows. */
static void
test_rows_are_named (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *browse = GTK_WIDGET (browse_view (fixture));

  bookmark (fixture, "352", NULL);
  assert_row_named (row_starting (browse, "All Questions"), "All Questions");
  assert_row_named (row_starting (browse, "Decks"), "Decks");
  assert_row_named (row_starting (browse, "Docker Interview Questions"),
                    "Docker Interview Questions, 100 questions");

  assert_arrow_named (row_starting (browse, "Docker Interview Questions"), "Expand");
  activate_in (browse_view (fixture), 7);
  assert_arrow_named (row_starting (browse, "Docker Interview Questions"), "Collapse");
  activate_in (browse_view (fixture), 9);
  assert_row_named (find_row (fixture, "Production Practices & Pitfalls"),
                    "Production Practices & Pitfalls, 10 questions");
  assert_row_named (row_starting (browse, "351. "),
                    "351. What is a zombie container and how do you handle it?");
  assert_row_named (row_starting (browse, "352. "),
                    "352. How do you gracefully shutdown containers?, bookmarked");

  /* In a collection, with the detail it lists, and a list with a name. */
  rehearse_sidebar_open_collection (fixture->sidebar, REHEARSE_COLLECTION_BOOKMARKED);
  ui_test_wait_for (collection_shown, &(CollectionShown) { fixture, 1, "list" });
  assert_row_named (row_starting (GTK_WIDGET (collection_view (fixture)), "352. "),
                    "352. How do you gracefully shutdown containers?, bookmarked");
  gtk_test_accessible_assert_property (collection_view (fixture), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Bookmarked");

  /* A search result, with its snippet. */
  rehearse_sidebar_show_tree (fixture->sidebar);
  g_assert_true (rehearse_library_save_note (fixture->library, "docker-interview-questions/305",
                                             "Remember the quokka example", NULL));
  gtk_editable_set_text (GTK_EDITABLE (search_entry (fixture)), "quokka");
  ui_test_wait_for (result_row_shown, fixture);
  assert_row_named (row_starting (results_view (fixture), "305. "),
                    "305. What is eBPF and how is it used in container environments?, "
                    "In your note: Remember the quokka example");
}

static gboolean
search_is_cleared (gpointer data)
{
  Fixture *fixture = data;
  GtkStack *stack = GTK_STACK (ui_test_find_widget (GTK_WIDGET (fixture->sidebar), GTK_TYPE_STACK));

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "browse") == 0;
}

/* With a second deck, each result says where it comes from; after the
 * import, the search typed before is gone with its results. */
static void
test_search_says_the_deck (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *deck = g_test_build_filename (G_TEST_DIST, "data", "decks",
                                                 "bold-questions.md", NULL);
  const char *paths[] = { deck, NULL };
  g_autoptr(GPtrArray) reports = NULL;
  GtkWidget *entry = search_entry (fixture);

  /* One deck: no need to say which. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "kata");
  ui_test_wait_for (results_shown, fixture);
  {
    g_autofree char *texts = row_texts (row_starting (results_view (fixture), "303. "));

    g_assert_null (strstr (texts, "Docker Interview Questions"));
  }

  reports = rehearse_importer_import (fixture->library, paths, NULL);
  g_assert_no_error (((RehearseImportReport *) g_ptr_array_index (reports, 0))->error);
  rehearse_sidebar_reload (fixture->sidebar);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  ui_test_wait_for (search_is_cleared, fixture);

  gtk_editable_set_text (GTK_EDITABLE (entry), "process");
  ui_test_wait_for (results_shown, fixture);
  {
    GtkWidget *linux_row = row_starting (results_view (fixture), "3. How do you find which");
    g_autofree char *linux_texts = row_texts (linux_row);

    g_assert_nonnull (strstr (linux_texts, "\nLinux Basics"));
  }
  gtk_editable_set_text (GTK_EDITABLE (entry), "kata");
  ui_test_wait_for (results_shown, fixture);
  {
    g_autofree char *texts = row_texts (row_starting (results_view (fixture), "303. "));

    g_assert_nonnull (strstr (texts, "\nDocker Interview Questions · "));
  }
}

/* Recently Viewed, open, lists a question as soon as it is counted as
 * read, as the window's reading tracker tells it. */
static void
test_recently_viewed_follows (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(RehearseQuestion) question = rehearse_library_get_question (
    fixture->library, "docker-interview-questions/320", NULL);
  g_autoptr(RehearseReadingTracker) tracker = rehearse_reading_tracker_new (fixture->library, NULL);

  g_signal_connect_object (tracker, "view-recorded", G_CALLBACK (rehearse_sidebar_view_recorded),
                           fixture->sidebar, G_CONNECT_SWAPPED);
  rehearse_sidebar_open_collection (fixture->sidebar, REHEARSE_COLLECTION_RECENT);
  ui_test_wait_for (collection_shown, &(CollectionShown) { fixture, 0, "empty" });

  rehearse_reading_tracker_start (tracker, question);
  ui_test_wait_for (collection_shown, &(CollectionShown) { fixture, 1, "list" });
  g_assert_cmpint (collection_number (fixture, 0), ==, 320);
}

/* The labels under @widget that draw more than their height: a title of
 * three lines given the height of one runs over the next row. */
static void
assert_labels_fit (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    {
      int text_height;

      pango_layout_get_pixel_size (gtk_label_get_layout (GTK_LABEL (widget)), NULL, &text_height);
      if (text_height > gtk_widget_get_height (widget))
        g_error ("“%s” draws %d px of text in %d px", gtk_label_get_text (GTK_LABEL (widget)),
                 text_height, gtk_widget_get_height (widget));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_labels_fit (child);
}

static void
test_rows_fit (Fixture       *fixture,
               gconstpointer  data)
{
  /* As narrow as the sidebar of a window of 360 px: titles wrap. */
  gtk_window_set_default_size (fixture->window, 240, 700);
  activate_in (browse_view (fixture), 7);
  activate_in (browse_view (fixture), 8);
  row_starting (GTK_WIDGET (browse_view (fixture)), "307. ");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  assert_labels_fit (GTK_WIDGET (browse_view (fixture)));

  gtk_editable_set_text (GTK_EDITABLE (search_entry (fixture)), "process");
  ui_test_wait_for (results_shown, fixture);
  row_starting (results_view (fixture), "3");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  assert_labels_fit (results_view (fixture));
}

/* A collection's icon sits beside its title, their middles level. */
static void
test_icons_beside_titles (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *row = row_starting (GTK_WIDGET (browse_view (fixture)), "Bookmarked");
  GtkWidget *icon = ui_test_find_widget (row, GTK_TYPE_IMAGE);
  /* The box of texts follows the icon (and a topic's emoji). */
  GtkWidget *texts = gtk_widget_get_next_sibling (icon);
  GtkWidget *title;

  while (texts != NULL && !GTK_IS_BOX (texts))
    texts = gtk_widget_get_next_sibling (texts);
  g_assert_nonnull (texts);
  title = gtk_widget_get_first_child (texts);
  graphene_rect_t icon_bounds, title_bounds;

  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (title)), ==, "Bookmarked");

  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_assert_true (gtk_widget_compute_bounds (icon, row, &icon_bounds));
  g_assert_true (gtk_widget_compute_bounds (title, row, &title_bounds));
  g_assert_cmpfloat_with_epsilon (icon_bounds.origin.y + icon_bounds.size.height / 2,
                                  title_bounds.origin.y + title_bounds.size.height / 2, 1.5);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/sidebar/tree", Fixture, NULL, fixture_set_up, test_tree, fixture_tear_down);
  g_test_add ("/sidebar/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/sidebar/collections", Fixture, NULL, fixture_set_up, test_collections,
              fixture_tear_down);
  g_test_add ("/sidebar/orphaned-collection", Fixture, NULL, fixture_set_up,
              test_orphaned_collection, fixture_tear_down);
  g_test_add ("/sidebar/progress-row", Fixture, NULL, fixture_set_up, test_progress_row,
              fixture_tear_down);
  g_test_add ("/sidebar/due-for-review", Fixture, NULL, fixture_set_up, test_due_for_review,
              fixture_tear_down);
  g_test_add ("/sidebar/quiz-menus", Fixture, NULL, fixture_set_up, test_quiz_menus,
              fixture_tear_down);
  g_test_add ("/sidebar/selecting-opens-nothing", Fixture, NULL, fixture_set_up,
              test_selecting_opens_nothing, fixture_tear_down);
  g_test_add ("/sidebar/rows-are-named", Fixture, NULL, fixture_set_up, test_rows_are_named,
              fixture_tear_down);
  g_test_add ("/sidebar/search-says-the-deck", Fixture, NULL, fixture_set_up,
              test_search_says_the_deck, fixture_tear_down);
  g_test_add ("/sidebar/recently-viewed-follows", Fixture, NULL, fixture_set_up,
              test_recently_viewed_follows, fixture_tear_down);
  g_test_add ("/sidebar/rows-fit", Fixture, NULL, fixture_set_up, test_rows_fit,
              fixture_tear_down);
  g_test_add ("/sidebar/icons-beside-titles", Fixture, NULL, fixture_set_up,
              test_icons_beside_titles, fixture_tear_down);

  return g_test_run ();
}
