/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>

#include "rehearse-importer.h"
#include "rehearse-quiz-page.h"
#include "rehearse-quiz-setup-dialog.h"
#include "test-library-support.h"
#include "test-ui-support.h"

#include <string.h>

/* The quiz page and its setup dialog on a real library holding the bundled
 * deck: a card's flow (type, reveal, the key points ticked from the typed
 * answer, grade by key or button), the summary, practice that records
 * nothing, ending midway with the grades kept, and what the setup dialog
 * chooses. Keys are pressed through the page's own shortcuts: the same
 * triggers a key press goes through (real key presses: tests/test-e2e.py). */

#define TOPIC_TITLE "Production Practices & Pitfalls"

typedef struct
{
  char                   *data_home;
  RehearseLibrary        *library;
  RehearseFsrsParameters  parameters;
  gint64                  topic_id;
  GtkWindow              *window;
  RehearseQuizPage       *page;

  guint                   done;
  char                   *opened_key;
} Fixture;

static void
on_done (RehearseQuizPage *page,
         Fixture          *fixture)
{
  fixture->done++;
}

static void
on_open_question (RehearseQuizPage *page,
                  const char       *question_key,
                  Fixture          *fixture)
{
  g_free (fixture->opened_key);
  fixture->opened_key = g_strdup (question_key);
}

static gint64
find_topic (RehearseLibrary *library,
            const char      *title)
{
  g_autoptr(GListModel) decks = rehearse_library_list_decks (library, NULL);
  g_autoptr(RehearseDeck) deck = g_list_model_get_item (decks, 0);
  g_autoptr(GListModel) topics = rehearse_library_list_topics (library,
                                                              rehearse_deck_get_id (deck), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(RehearseTopic) topic = g_list_model_get_item (topics, i);

      if (g_str_equal (rehearse_topic_get_title (topic), title))
        return rehearse_topic_get_id (topic);
    }

  g_assert_not_reached ();
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->data_home = ui_test_make_data_home ();
  fixture->library = ui_test_library_with_bundled_deck (fixture->data_home);
  rehearse_fsrs_parameters_init_default (&fixture->parameters);
  fixture->topic_id = find_topic (fixture->library, TOPIC_TITLE);

  fixture->page = REHEARSE_QUIZ_PAGE (rehearse_quiz_page_new ());
  g_signal_connect (fixture->page, "done", G_CALLBACK (on_done), fixture);
  g_signal_connect (fixture->page, "open-question", G_CALLBACK (on_open_question), fixture);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 360, 700);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);
}

static gboolean
not_saving (gpointer page)
{
  return !rehearse_quiz_page_get_saving (page);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* Grades still being written hold the library. */
  ui_test_wait_for (not_saving, fixture->page);
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->library);
  test_remove_tree (fixture->data_home);
  g_free (fixture->data_home);
  g_free (fixture->opened_key);
}

static void
start (Fixture  *fixture,
       guint     size,
       gboolean  cram)
{
  RehearseQuizOptions options = {
    .scope = REHEARSE_QUIZ_SCOPE_TOPICS,
    .topic_ids = &fixture->topic_id,
    .n_topic_ids = 1,
    .size = size,
    .order = REHEARSE_QUIZ_ORDER_DUE_FIRST,
    .cram = cram,
  };
  g_autoptr(GError) error = NULL;

  g_assert_true (rehearse_quiz_page_start (fixture->page, fixture->library, &fixture->parameters,
                                           &options, TOPIC_TITLE, &error));
  g_assert_no_error (error);
}

/* ---- Finding what the user sees ---------------------------------------- */

static RehearseQuizSession *
session (Fixture *fixture)
{
  RehearseQuizSession *session = rehearse_quiz_page_get_session (fixture->page);

  g_assert_nonnull (session);
  return session;
}

static void
collect (GtkWidget  *widget,
         GType       type,
         GPtrArray  *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (found, child);
      collect (child, type, found);
    }
}

/* The page's widgets of @type that are drawn (not on a hidden page). */
static GPtrArray *
shown_widgets (Fixture *fixture,
               GType    type)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  GPtrArray *shown = g_ptr_array_new ();

  collect (GTK_WIDGET (fixture->page), type, all);
  for (guint i = 0; i < all->len; i++)
    if (gtk_widget_is_drawable (g_ptr_array_index (all, i)))
      g_ptr_array_add (shown, g_ptr_array_index (all, i));
  return shown;
}

static guint
count_shown (Fixture *fixture,
             GType    type)
{
  g_autoptr(GPtrArray) shown = shown_widgets (fixture, type);

  return shown->len;
}

/* Whether a label on screen starts with @text. */
static gboolean
shows_text (Fixture    *fixture,
            const char *text)
{
  g_autoptr(GPtrArray) labels = shown_widgets (fixture, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_str_has_prefix (gtk_label_get_text (g_ptr_array_index (labels, i)), text))
      return TRUE;
  return FALSE;
}

static GtkWidget *
button_for (Fixture    *fixture,
            const char *action_name,
            int         grade)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect (GTK_WIDGET (fixture->page), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkActionable *button = g_ptr_array_index (buttons, i);
      GVariant *target = gtk_actionable_get_action_target_value (button);

      if (g_strcmp0 (gtk_actionable_get_action_name (button), action_name) == 0
          && (target == NULL || g_variant_get_int32 (target) == grade))
        return GTK_WIDGET (button);
    }

  g_assert_not_reached ();
}

static const char *
title_shown (Fixture *fixture)
{
  AdwWindowTitle *title = ADW_WINDOW_TITLE (ui_test_find_widget (GTK_WIDGET (fixture->page),
                                                                 ADW_TYPE_WINDOW_TITLE));

  return adw_window_title_get_title (title);
}

static gboolean
on_summary (Fixture *fixture)
{
  GtkStack *stack = GTK_STACK (ui_test_find_widget (GTK_WIDGET (fixture->page), GTK_TYPE_STACK));

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "summary") == 0;
}

/* A figure of the summary, by the caption under it ("Cards", "Again"). */
static const char *
figure (Fixture    *fixture,
        const char *caption)
{
  GtkWidget *summary = ui_test_find_widget (GTK_WIDGET (fixture->page), ADW_TYPE_STATUS_PAGE);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect (summary, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      GtkWidget *above = gtk_widget_get_prev_sibling (label);

      if (g_str_equal (gtk_label_get_text (GTK_LABEL (label)), caption) && GTK_IS_LABEL (above))
        return gtk_label_get_text (GTK_LABEL (above));
    }

  g_assert_not_reached ();
}

static GtkTextBuffer *
answer_buffer (Fixture *fixture)
{
  GtkWidget *view = ui_test_find_widget (GTK_WIDGET (fixture->page), GTK_TYPE_TEXT_VIEW);

  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
}

static gboolean
trigger_matches (GtkShortcutTrigger *trigger,
                 guint               keyval,
                 GdkModifierType     modifiers)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    {
      GtkAlternativeTrigger *alternative = GTK_ALTERNATIVE_TRIGGER (trigger);

      return trigger_matches (gtk_alternative_trigger_get_first (alternative), keyval, modifiers)
             || trigger_matches (gtk_alternative_trigger_get_second (alternative), keyval,
                                 modifiers);
    }
  return GTK_IS_KEYVAL_TRIGGER (trigger)
         && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval
         && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers;
}

/* Presses @keyval on the page as its shortcut controllers see a key press
 * that no focused widget took; TRUE when a shortcut acted. */
static gboolean
press (Fixture         *fixture,
       guint            keyval,
       GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->page));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (trigger_matches (gtk_shortcut_get_trigger (shortcut), keyval, modifiers))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                 GTK_WIDGET (fixture->page),
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }

  return FALSE;
}

/* As a click does: GtkButton's keyboard activation clicks a moment later. */
static void
click (GtkWidget *button)
{
  g_signal_emit_by_name (button, "clicked");
}

static guint
reviews_logged (Fixture *fixture)
{
  RehearseLibraryCounts counts = { 0, };
  g_autoptr(GError) error = NULL;

  g_assert_true (rehearse_library_check (fixture->library, &counts, &error));
  g_assert_no_error (error);
  return counts.reviews;
}

/* ---- The card flow ------------------------------------------------------- */

/* The check buttons shown after the reveal say what the session ticked. */
static void
assert_checklist_matches (Fixture *fixture)
{
  g_autoptr(GPtrArray) checks = shown_widgets (fixture, GTK_TYPE_CHECK_BUTTON);
  GPtrArray *points = rehearse_quiz_session_get_key_points (session (fixture));

  g_assert_cmpuint (checks->len, ==, points->len);
  g_assert_cmpuint (points->len, >=, 2);
  for (guint i = 0; i < checks->len; i++)
    {
      g_assert_cmpint (gtk_check_button_get_active (g_ptr_array_index (checks, i)), ==,
                       rehearse_quiz_session_get_point_checked (session (fixture), i));
      gtk_test_accessible_assert_property (g_ptr_array_index (checks, i),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL,
                                           g_ptr_array_index (points, i));
    }
}

/* Exactly the button of the grade the ticks suggest is highlighted. */
static void
assert_suggestion_shown (Fixture *fixture)
{
  RehearseGrade suggested = rehearse_quiz_session_suggest_grade (session (fixture));

  for (int grade = REHEARSE_GRADE_AGAIN; grade <= REHEARSE_GRADE_EASY; grade++)
    g_assert_cmpint (gtk_widget_has_css_class (button_for (fixture, "quiz.grade", grade),
                                               "suggested-action"), ==, grade == (int) suggested);
}

static void
test_card_flow (Fixture       *fixture,
                gconstpointer  data)
{
  GPtrArray *points;
  g_autoptr(GPtrArray) checks = NULL;
  g_autofree char *first_key = NULL;
  RehearseQuestion *question;
  gint64 now = g_get_real_time () / 1000;

  start (fixture, 3, FALSE);
  g_assert_cmpstr (title_shown (fixture), ==, "1 of 3");
  g_assert_false (shows_text (fixture, "Practice: "));
  g_assert_false (press (fixture, GDK_KEY_3, 0));   /* nothing to grade before the reveal */
  question = rehearse_quiz_session_get_question (session (fixture));
  first_key = g_strdup (rehearse_question_get_key (question));
  g_assert_cmpuint (count_shown (fixture, GTK_TYPE_CHECK_BUTTON), ==, 0);

  /* The answer typed covers the first key point, in other words: upper
   * case, and the words reversed where there are several. */
  points = rehearse_quiz_session_get_key_points (session (fixture));
  {
    g_autofree char *upper = g_utf8_strup (g_ptr_array_index (points, 0), -1);
    g_autofree char *typed = g_strdup_printf ("I think: %s.", upper);

    gtk_text_buffer_set_text (answer_buffer (fixture), typed, -1);
  }
  g_assert_true (press (fixture, GDK_KEY_space, 0));
  g_assert_true (rehearse_quiz_session_get_revealed (session (fixture)));
  g_assert_true (rehearse_quiz_session_get_point_checked (session (fixture), 0));
  assert_checklist_matches (fixture);
  assert_suggestion_shown (fixture);
  g_assert_false (press (fixture, GDK_KEY_space, 0));   /* one reveal */

  /* Each grade button shows the interval it would give. */
  for (int grade = REHEARSE_GRADE_AGAIN; grade <= REHEARSE_GRADE_EASY; grade++)
    {
      g_autofree char *interval = rehearse_format_interval (
        rehearse_quiz_session_preview_interval (session (fixture), grade, now));
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();

      collect (button_for (fixture, "quiz.grade", grade), GTK_TYPE_LABEL, labels);
      g_assert_cmpuint (labels->len, ==, 2);
      g_assert_cmpstr (gtk_label_get_text (g_ptr_array_index (labels, 1)), ==, interval);
    }

  /* The user unticks what the typing ticked: the session and the
   * suggestion follow. */
  checks = shown_widgets (fixture, GTK_TYPE_CHECK_BUTTON);
  gtk_check_button_set_active (g_ptr_array_index (checks, 0), FALSE);
  g_assert_false (rehearse_quiz_session_get_point_checked (session (fixture), 0));
  assert_suggestion_shown (fixture);

  /* 3 grades Good and shows the next card at once, empty. */
  g_assert_true (press (fixture, GDK_KEY_3, 0));
  g_assert_cmpstr (title_shown (fixture), ==, "2 of 3");
  g_assert_cmpuint (gtk_text_buffer_get_char_count (answer_buffer (fixture)), ==, 0);
  g_assert_cmpuint (count_shown (fixture, GTK_TYPE_CHECK_BUTTON), ==, 0);
  ui_test_wait_for (not_saving, fixture->page);
  {
    g_autoptr(GArray) reviews = rehearse_library_list_reviews (fixture->library, first_key, NULL);

    g_assert_cmpuint (reviews->len, ==, 1);
    g_assert_cmpint (g_array_index (reviews, RehearseReview, 0).grade, ==, REHEARSE_GRADE_GOOD);
  }

  /* The second card by its buttons: Show Answer, then Again. Nothing
   * typed: nothing ticked, and no grade suggested. */
  click (button_for (fixture, "quiz.reveal", 0));
  g_assert_true (rehearse_quiz_session_get_revealed (session (fixture)));
  assert_checklist_matches (fixture);
  for (int grade = REHEARSE_GRADE_AGAIN; grade <= REHEARSE_GRADE_EASY; grade++)
    g_assert_false (gtk_widget_has_css_class (button_for (fixture, "quiz.grade", grade),
                                              "suggested-action"));
  click (button_for (fixture, "quiz.grade", REHEARSE_GRADE_AGAIN));

  /* The third: Ctrl+Enter (as in the answer area), then 4 on the keypad. */
  g_assert_cmpstr (title_shown (fixture), ==, "3 of 3");
  g_assert_true (press (fixture, GDK_KEY_Return, GDK_CONTROL_MASK));
  g_assert_true (press (fixture, GDK_KEY_KP_4, 0));

  g_assert_true (on_summary (fixture));
  g_assert_cmpstr (figure (fixture, "Cards"), ==, "3");
  g_assert_cmpstr (figure (fixture, "Again"), ==, "1");
  g_assert_cmpstr (figure (fixture, "Hard"), ==, "0");
  g_assert_cmpstr (figure (fixture, "Good"), ==, "1");
  g_assert_cmpstr (figure (fixture, "Easy"), ==, "1");
  g_assert_cmpstr (figure (fixture, "Remembered"), ==, "67 %");
  g_assert_false (press (fixture, GDK_KEY_3, 0));
  ui_test_wait_for (not_saving, fixture->page);
  g_assert_cmpuint (reviews_logged (fixture), ==, 3);
}

/* The summary's missed questions: bookmarked with a click, opened in the
 * reader, and quizzed again as a quiz of their own. */
static void
test_missed_questions (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *missed_key = NULL;
  RehearseQuestion *question;
  GtkWidget *bookmark;

  start (fixture, 2, FALSE);
  question = rehearse_quiz_session_get_question (session (fixture));
  missed_key = g_strdup (rehearse_question_get_key (question));
  g_assert_true (press (fixture, GDK_KEY_Return, 0));
  g_assert_true (press (fixture, GDK_KEY_1, 0));
  g_assert_true (press (fixture, GDK_KEY_Return, 0));
  g_assert_true (press (fixture, GDK_KEY_2, 0));
  g_assert_true (on_summary (fixture));

  bookmark = ui_test_find_widget (ui_test_find_widget (GTK_WIDGET (fixture->page),
                                                      GTK_TYPE_LIST_BOX),
                                  GTK_TYPE_TOGGLE_BUTTON);
  g_assert_nonnull (bookmark);
  gtk_test_accessible_assert_property (bookmark, GTK_ACCESSIBLE_PROPERTY_LABEL, "Bookmark");
  g_assert_false (test_is_bookmarked (fixture->library, missed_key));
  click (bookmark);
  rehearse_library_wait_for_writes (fixture->library);
  g_assert_true (test_is_bookmarked (fixture->library, missed_key));

  {
    g_autoptr(GPtrArray) buttons = shown_widgets (fixture, GTK_TYPE_BUTTON);
    GtkWidget *open = NULL;

    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (buttons, i)),
                     "Open in Reader") == 0)
        open = g_ptr_array_index (buttons, i);
    g_assert_nonnull (open);
    gtk_test_accessible_assert_property (open, GTK_ACCESSIBLE_PROPERTY_LABEL, "Open in Reader");
    click (open);
    g_assert_cmpstr (fixture->opened_key, ==, missed_key);
  }

  click (button_for (fixture, "quiz.again", 0));
  g_assert_false (on_summary (fixture));
  g_assert_cmpuint (rehearse_quiz_session_get_n_cards (session (fixture)), ==, 1);
  question = rehearse_quiz_session_get_question (session (fixture));
  g_assert_cmpstr (rehearse_question_get_key (question), ==, missed_key);
  g_assert_cmpstr (title_shown (fixture), ==, "1 of 1");
}

/* Practice grades nothing into the library. */
static void
test_cram_records_nothing (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *key = NULL;
  RehearseFsrsCard card;

  start (fixture, 2, TRUE);
  key = g_strdup (rehearse_question_get_key (rehearse_quiz_session_get_question (
    session (fixture))));
  g_assert_true (shows_text (fixture, "Practice: "));
  for (int i = 0; i < 2; i++)
    {
      g_assert_true (press (fixture, GDK_KEY_space, 0));
      g_assert_true (press (fixture, GDK_KEY_4, 0));
    }

  g_assert_true (on_summary (fixture));
  g_assert_cmpstr (figure (fixture, "Cards"), ==, "2");
  g_assert_true (g_str_has_suffix (adw_status_page_get_description (
                   ADW_STATUS_PAGE (ui_test_find_widget (GTK_WIDGET (fixture->page),
                                                         ADW_TYPE_STATUS_PAGE))),
                   "Practice only: nothing was scheduled."));
  ui_test_wait_for (not_saving, fixture->page);
  g_assert_cmpuint (reviews_logged (fixture), ==, 0);
  g_assert_true (rehearse_library_get_card (fixture->library, key, 0, &card, NULL));
  g_assert_cmpint (card.state, ==, REHEARSE_CARD_STATE_NEW);
}

/* End Quiz (Escape) midway: the summary of what was graded, every grade
 * kept; then Escape leaves. Before any grade it leaves at once. */
static void
test_end_midway_keeps_grades (Fixture       *fixture,
                              gconstpointer  data)
{
  start (fixture, 5, FALSE);
  for (int i = 0; i < 2; i++)
    {
      g_assert_true (press (fixture, GDK_KEY_space, 0));
      g_assert_true (press (fixture, GDK_KEY_3, 0));
    }
  g_assert_true (press (fixture, GDK_KEY_space, 0));   /* revealed, not graded */

  g_assert_true (press (fixture, GDK_KEY_Escape, 0));
  g_assert_true (on_summary (fixture));
  g_assert_cmpstr (figure (fixture, "Cards"), ==, "2");
  g_assert_cmpstr (adw_status_page_get_title (
                     ADW_STATUS_PAGE (ui_test_find_widget (GTK_WIDGET (fixture->page),
                                                           ADW_TYPE_STATUS_PAGE))),
                   ==, "Quiz Ended");
  g_assert_cmpuint (fixture->done, ==, 0);
  ui_test_wait_for (not_saving, fixture->page);
  g_assert_cmpuint (reviews_logged (fixture), ==, 2);

  g_assert_true (press (fixture, GDK_KEY_Escape, 0));
  g_assert_cmpuint (fixture->done, ==, 1);
  g_assert_null (rehearse_quiz_page_get_session (fixture->page));

  start (fixture, 5, FALSE);
  click (button_for (fixture, "quiz.end", 0));
  g_assert_cmpuint (fixture->done, ==, 2);
  g_assert_cmpuint (reviews_logged (fixture), ==, 2);
}

/* A grade that cannot be saved is said so in a toast; the quiz goes on. */
static void
test_failed_save (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->data_home, "library.db", NULL);
  sqlite3 *db = test_raw_open (path);

  start (fixture, 2, FALSE);
  test_raw_exec (db, "CREATE TRIGGER refuse BEFORE INSERT ON review_log "
                     "BEGIN SELECT RAISE (ABORT, 'the disk is full'); END");
  g_assert_true (press (fixture, GDK_KEY_space, 0));
  g_assert_true (press (fixture, GDK_KEY_3, 0));
  g_assert_cmpstr (title_shown (fixture), ==, "2 of 2");
  ui_test_wait_for (not_saving, fixture->page);
  g_assert_true (shows_text (fixture, "The grade could not be saved: "));
  g_assert_cmpuint (reviews_logged (fixture), ==, 0);

  test_raw_exec (db, "DROP TRIGGER refuse");
  sqlite3_close (db);
  g_assert_true (press (fixture, GDK_KEY_space, 0));
  g_assert_true (press (fixture, GDK_KEY_3, 0));
  g_assert_true (on_summary (fixture));
  ui_test_wait_for (not_saving, fixture->page);
  g_assert_cmpuint (reviews_logged (fixture), ==, 1);
}

/* ---- The setup dialog ------------------------------------------------------ */

static void
on_start (RehearseQuizSetupDialog *dialog,
          RehearseQuizOptions     *options)
{
  rehearse_quiz_setup_dialog_get_options (dialog, options);
  /* They point into the dialog, which is about to go. */
  options->topic_ids = options->n_topic_ids > 0 ? g_memdup2 (options->topic_ids, sizeof (gint64))
                                                 : NULL;
}

static void
test_setup_dialog (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *preset = g_strdup_printf ("topic:%" G_GINT64_FORMAT, fixture->topic_id);
  RehearseQuizSetupDialog *dialog;
  RehearseQuizOptions options = { 0, };
  GtkWidget *start_button;

  /* A topic's menu: that topic, its 10 questions (the size is 20). */
  dialog = rehearse_quiz_setup_dialog_new (fixture->window, fixture->library,
                                           &fixture->parameters, preset);
  rehearse_quiz_setup_dialog_get_options (dialog, &options);
  g_assert_cmpint (options.scope, ==, REHEARSE_QUIZ_SCOPE_TOPICS);
  g_assert_cmpuint (options.n_topic_ids, ==, 1);
  g_assert_cmpint (options.topic_ids[0], ==, fixture->topic_id);
  g_assert_false (options.cram);
  g_assert_cmpuint (rehearse_quiz_setup_dialog_get_n_cards (dialog), ==, 10);
  g_assert_cmpstr (rehearse_quiz_setup_dialog_get_title (dialog), ==, TOPIC_TITLE);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* No preset and nothing due: all questions, 20 of them. */
  dialog = rehearse_quiz_setup_dialog_new (fixture->window, fixture->library,
                                           &fixture->parameters, "");
  rehearse_quiz_setup_dialog_get_options (dialog, &options);
  g_assert_cmpint (options.scope, ==, REHEARSE_QUIZ_SCOPE_ALL);
  g_assert_cmpuint (options.size, ==, 20);
  g_assert_cmpuint (rehearse_quiz_setup_dialog_get_n_cards (dialog), ==, 20);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Nothing is due: Start cannot be pressed. */
  dialog = rehearse_quiz_setup_dialog_new (fixture->window, fixture->library,
                                           &fixture->parameters, "due");
  rehearse_quiz_setup_dialog_get_options (dialog, &options);
  g_assert_cmpint (options.scope, ==, REHEARSE_QUIZ_SCOPE_DUE);
  g_assert_cmpuint (rehearse_quiz_setup_dialog_get_n_cards (dialog), ==, 0);
  start_button = ui_test_find_button (GTK_WIDGET (dialog), "Start");
  g_assert_false (gtk_widget_get_sensitive (start_button));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Start says what was chosen, then the dialog goes. */
  dialog = rehearse_quiz_setup_dialog_new (fixture->window, fixture->library,
                                           &fixture->parameters, "bookmarked");
  g_assert_cmpuint (rehearse_quiz_setup_dialog_get_n_cards (dialog), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
  dialog = rehearse_quiz_setup_dialog_new (fixture->window, fixture->library,
                                           &fixture->parameters, preset);
  memset (&options, 0, sizeof options);
  g_signal_connect (dialog, "start", G_CALLBACK (on_start), &options);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  start_button = ui_test_find_button (GTK_WIDGET (dialog), "Start");
  click (start_button);
  g_assert_null (dialog);
  g_assert_cmpint (options.scope, ==, REHEARSE_QUIZ_SCOPE_TOPICS);
  g_assert_cmpint (options.topic_ids[0], ==, fixture->topic_id);
  g_free ((gpointer) options.topic_ids);
}

/* The keys of the questions of tests/data/html-deck.md, imported. */
static GStrv
import_html_deck (Fixture *fixture)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "html-deck.md", NULL);
  const char *paths[] = { path, NULL };
  g_autoptr(GPtrArray) reports = rehearse_importer_import (fixture->library, paths, NULL);
  RehearseImportReport *report = g_ptr_array_index (reports, 0);
  g_autoptr(GListModel) questions = NULL;
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();

  g_assert_no_error (report->error);
  questions = rehearse_library_list_deck_questions (fixture->library, report->result.deck_id,
                                                    NULL);
  for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
    {
      g_autoptr(RehearseQuestion) question = g_list_model_get_item (questions, i);

      g_strv_builder_add (keys, rehearse_question_get_key (question));
    }
  return g_strv_builder_end (keys);
}

/* A card shows the code and options its question asks about before the
 * reveal; a question without an answer is still asked, and after the
 * reveal says it has none. */
static void
test_prompt_and_no_answer (Fixture       *fixture,
                           gconstpointer  data)
{
  g_auto(GStrv) keys = import_html_deck (fixture);
  RehearseQuizOptions options = {
    .scope = REHEARSE_QUIZ_SCOPE_QUESTIONS,
    .question_keys = (const char * const *) keys,
    .order = REHEARSE_QUIZ_ORDER_DUE_FIRST,
    .cram = TRUE,
  };
  g_autoptr(GError) error = NULL;
  gboolean saw_prompt = FALSE, saw_unanswered = FALSE;

  g_assert_true (rehearse_quiz_page_start (fixture->page, fixture->library, &fixture->parameters,
                                           &options, "HTML deck", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rehearse_quiz_session_get_n_cards (session (fixture)), ==, 4);

  while (!on_summary (fixture))
    {
      RehearseQuestion *question = rehearse_quiz_session_get_question (session (fixture));
      gboolean has_prompt = rehearse_question_get_prompt (question) != NULL;

      g_assert_true (shows_text (fixture, "A: 1") == has_prompt);
      g_assert_false (shows_text (fixture, "No answer in the source"));
      saw_prompt |= has_prompt;

      g_assert_true (press (fixture, GDK_KEY_space, 0));
      g_assert_true (shows_text (fixture, "No answer in the source")
                     == !rehearse_question_has_answer (question));
      saw_unanswered |= !rehearse_question_has_answer (question);
      g_assert_true (press (fixture, GDK_KEY_3, 0));
    }
  g_assert_true (saw_prompt);
  g_assert_true (saw_unanswered);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/quiz-page/card-flow", test_card_flow);
  ADD ("/quiz-page/missed-questions", test_missed_questions);
  ADD ("/quiz-page/cram-records-nothing", test_cram_records_nothing);
  ADD ("/quiz-page/end-midway-keeps-grades", test_end_midway_keeps_grades);
  ADD ("/quiz-page/failed-save", test_failed_save);
  ADD ("/quiz-page/setup-dialog", test_setup_dialog);
  ADD ("/quiz-page/prompt-and-no-answer", test_prompt_and_no_answer);
#undef ADD

  return g_test_run ();
}
