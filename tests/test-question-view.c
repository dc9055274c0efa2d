/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <gtksourceview/gtksource.h>
#include <string.h>

#include "rehearse-importer.h"

#include "rehearse-accessible.h"
#include "rehearse-markdown-view.h"
#include "rehearse-note-editor.h"
#include "rehearse-question-view.h"
#include "test-ui-support.h"

/* The question view in a real window, on the bundled deck: every answer is
 * laid out as it would be on screen, whatever answer it follows. */

#define DECK_KEY "docker-interview-questions"
#define FIRST_NUMBER 301
#define LAST_NUMBER 400
/* Question 351 has a short answer and no In Depth part. */
#define SHORT_NUMBER 351

typedef struct
{
  char                 *data_home;
  RehearseLibrary      *library;
  GtkWindow            *window;
  RehearseQuestionView *view;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->data_home = ui_test_make_data_home ();
  fixture->library = ui_test_library_with_bundled_deck (fixture->data_home);

  fixture->view = REHEARSE_QUESTION_VIEW (rehearse_question_view_new ());
  rehearse_question_view_set_library (fixture->view, fixture->library);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 700);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  rehearse_library_wait_for_writes (fixture->library);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&fixture->library);
  test_remove_tree (fixture->data_home);
  g_free (fixture->data_home);
}

static RehearseQuestion *
get_question (Fixture *fixture,
              int      number)
{
  g_autofree char *key = g_strdup_printf (DECK_KEY "/%d", number);
  g_autoptr(GError) error = NULL;
  RehearseQuestion *question = rehearse_library_get_question (fixture->library, key, &error);

  g_assert_no_error (error);
  return question;
}

static void
show_number (Fixture *fixture,
             int      number)
{
  g_autoptr(RehearseQuestion) question = get_question (fixture, number);

  rehearse_question_view_show_question (fixture->view, question);
}

typedef struct
{
  guint    frames;
  guint    wanted;
} FrameCount;

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *frame_clock,
             gpointer       user_data)
{
  FrameCount *count = user_data;

  count->frames++;
  return G_SOURCE_CONTINUE;
}

static gboolean
enough_frames (gpointer data)
{
  FrameCount *count = data;

  return count->frames >= count->wanted;
}

/* What the user sees once the window has drawn @frames frames. */
static void
wait_for_frames (Fixture *fixture,
                 guint    frames)
{
  FrameCount count = { 0, frames };
  guint tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (fixture->window), count_frame,
                                                &count, NULL);

  ui_test_wait_for (enough_frames, &count);
  gtk_widget_remove_tick_callback (GTK_WIDGET (fixture->window), tick_id);
}

/* The box that holds the title, the answer, In Depth, the note and the
 * buttons, one under the other. */
static GtkWidget *
content_box (Fixture *fixture)
{
  GtkWidget *answer = ui_test_find_widget (GTK_WIDGET (fixture->view),
                                           REHEARSE_TYPE_MARKDOWN_VIEW);

  g_assert_nonnull (answer);
  return gtk_widget_get_parent (answer);
}

static gboolean
is_shown (GtkWidget *widget)
{
  return gtk_widget_get_visible (widget) && gtk_widget_get_child_visible (widget);
}

/* What is drawn one under the other, in reading order: each block of a
 * Markdown view (the answer, the In Depth part) and every other section. */
static void
collect_blocks (GtkWidget *container,
                GPtrArray *blocks)
{
  for (GtkWidget *child = gtk_widget_get_first_child (container); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!is_shown (child))
        continue;
      if (REHEARSE_IS_MARKDOWN_VIEW (child) || gtk_widget_has_css_class (child, "in-depth"))
        collect_blocks (child, blocks);
      else
        g_ptr_array_add (blocks, child);
    }
}

static void
describe_block (GtkWidget *block,
                GString   *description)
{
  g_string_append (description, G_OBJECT_TYPE_NAME (block));
  if (GTK_IS_LABEL (block))
    g_string_append_printf (description, " \"%.40s\"", gtk_label_get_text (GTK_LABEL (block)));
}

/* No block of the page overlaps the next one: each starts below the end of
 * the one before, and the note starts below the last block of the answer. */
static void
assert_blocks_in_order (Fixture *fixture,
                        int      number)
{
  GtkWidget *box = content_box (fixture);
  g_autoptr(GPtrArray) blocks = g_ptr_array_new ();
  graphene_rect_t previous = GRAPHENE_RECT_INIT (0, 0, 0, 0);
  GtkWidget *previous_block = NULL;
  gboolean note_seen = FALSE;

  collect_blocks (box, blocks);
  g_assert_cmpuint (blocks->len, >=, 4);
  for (guint i = 0; i < blocks->len; i++)
    {
      GtkWidget *block = blocks->pdata[i];
      graphene_rect_t bounds;

      g_assert_true (gtk_widget_compute_bounds (block, box, &bounds));
      if (previous_block != NULL
          && bounds.origin.y + 0.5 < previous.origin.y + previous.size.height)
        {
          g_autoptr(GString) description = g_string_new (NULL);

          describe_block (previous_block, description);
          g_string_append_printf (description, " ends at %.0f, below the top (%.0f) of ",
                                  previous.origin.y + previous.size.height, bounds.origin.y);
          describe_block (block, description);
          g_test_message ("question %d: %s", number, description->str);
          g_test_fail ();
          return;
        }
      note_seen |= REHEARSE_IS_NOTE_EDITOR (block);
      previous = bounds;
      previous_block = block;
    }
  g_assert_true (note_seen);
}

/* Each bundled question right after a short one, as when the user picks it
 * in the sidebar or the search: its blocks are measured for it, not for the
 * short answer before. */
static void
test_every_answer_after_a_short_one (Fixture       *fixture,
                                     gconstpointer  data)
{
  show_number (fixture, FIRST_NUMBER);
  wait_for_frames (fixture, 3);
  /* @data: the window's width */
  gtk_window_set_default_size (fixture->window, GPOINTER_TO_INT (data), 700);
  wait_for_frames (fixture, 3);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), ==, GPOINTER_TO_INT (data));

  for (int number = FIRST_NUMBER; number <= LAST_NUMBER; number++)
    {
      show_number (fixture, SHORT_NUMBER);
      wait_for_frames (fixture, 2);
      show_number (fixture, number);
      wait_for_frames (fixture, 3);
      assert_blocks_in_order (fixture, number);
      if (g_test_failed ())
        return;
    }
}

/* Where each block was at one frame: its top, relative to the page. */
typedef struct
{
  Fixture *fixture;
  GArray  *frames;  /* of GArray of double, one per frame painted */
} LayoutRecord;

static GArray *
block_tops (Fixture *fixture)
{
  GtkWidget *box = content_box (fixture);
  g_autoptr(GPtrArray) blocks = g_ptr_array_new ();
  GArray *tops = g_array_new (FALSE, FALSE, sizeof (double));

  collect_blocks (box, blocks);
  for (guint i = 0; i < blocks->len; i++)
    {
      graphene_rect_t bounds;
      double top;

      if (!gtk_widget_compute_bounds (blocks->pdata[i], box, &bounds))
        graphene_rect_init (&bounds, 0, -1, 0, 0);
      top = bounds.origin.y;
      g_array_append_val (tops, top);
    }
  return tops;
}

static void
on_after_paint (GdkFrameClock *frame_clock,
                LayoutRecord  *record)
{
  GArray *tops = block_tops (record->fixture);

  g_array_append_val (record->frames, tops);
}

static void
free_tops (gpointer data)
{
  g_array_unref (*(GArray **) data);
}

static gboolean
enough_time_passed (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *) data;
}

/* Each code view of the page is exactly as high as its lines, once they
 * are all measured: no line cut off, no blank space under the last. */
static void
assert_code_fits_its_lines (GtkWidget *widget,
                            int        number)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkTextView *code;
      GtkTextIter last;
      int y = 0, height = 0;

      if (!GTK_IS_TEXT_VIEW (child))
        {
          assert_code_fits_its_lines (child, number);
          continue;
        }

      code = GTK_TEXT_VIEW (child);
      gtk_text_buffer_get_end_iter (gtk_text_view_get_buffer (code), &last);
      gtk_text_view_get_line_yrange (code, &last, &y, &height);
      if (gtk_widget_get_height (child) != gtk_text_view_get_top_margin (code) + y + height
                                           + gtk_text_view_get_bottom_margin (code))
        {
          g_test_message ("question %d: a code view %d px high, its lines end at %d", number,
                          gtk_widget_get_height (child), y + height);
          g_test_fail ();
        }
    }
}

/* Shows question @number and fails if any block moves after the first
 * frame that shows it. */
static void
assert_first_frame_is_final (Fixture *fixture,
                             int      number)
{
  LayoutRecord record = { fixture, g_array_new (FALSE, FALSE, sizeof (GArray *)) };
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (fixture->window));
  gulong handler;
  gint64 until;
  GArray *first, *last;

  g_array_set_clear_func (record.frames, free_tops);
  handler = g_signal_connect (frame_clock, "after-paint", G_CALLBACK (on_after_paint), &record);
  show_number (fixture, number);
  /* Past the text views' validation in idle time and the highlighting. */
  until = g_get_monotonic_time () + G_USEC_PER_SEC / 8;
  ui_test_wait_for (enough_time_passed, &until);
  wait_for_frames (fixture, 2);
  g_signal_handler_disconnect (frame_clock, handler);

  g_assert_cmpuint (record.frames->len, >=, 2);
  first = g_array_index (record.frames, GArray *, 0);
  last = g_array_index (record.frames, GArray *, record.frames->len - 1);
  g_assert_cmpuint (first->len, ==, last->len);
  for (guint i = 0; i < first->len; i++)
    if (g_array_index (first, double, i) != g_array_index (last, double, i))
      {
        g_test_message ("question %d, block %u: at %.0f in the first frame, %.0f later",
                        number, i, g_array_index (first, double, i),
                        g_array_index (last, double, i));
        g_test_fail ();
        break;
      }
  assert_code_fits_its_lines (content_box (fixture), number);
  g_array_unref (record.frames);
}

/* The first frame that shows an answer is its final layout: nothing moves
 * once its code blocks have measured their lines (they grew by 4 to 8 px a
 * frame or two later, about 45 ms, pushing everything below them down).
 * The first answer is the first of the process to show code. */
static void
test_first_frame_is_final (Fixture       *fixture,
                           gconstpointer  data)
{
  wait_for_frames (fixture, 2);

  for (int number = FIRST_NUMBER; number <= LAST_NUMBER && !g_test_failed (); number++)
    assert_first_frame_is_final (fixture, number);
}

typedef struct
{
  char     *text;
  gboolean  done;
} ClipboardRead;

static void
on_clipboard_text (GObject      *clipboard,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ClipboardRead *read = user_data;
  g_autoptr(GError) error = NULL;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (clipboard), result, &error);
  g_assert_no_error (error);
  read->done = TRUE;
}

static gboolean
clipboard_read (gpointer data)
{
  return ((ClipboardRead *) data)->done;
}

static char *
read_clipboard (GtkWidget *widget)
{
  ClipboardRead read = { NULL, FALSE };

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, on_clipboard_text,
                                 &read);
  ui_test_wait_for (clipboard_read, &read);
  return read.text;
}

/* The button under @widget that activates @action_name. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *action_name)
{
  if (GTK_IS_BUTTON (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static char *
copy_answer (Fixture *fixture)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "question.copy-answer", NULL);
  return read_clipboard (GTK_WIDGET (fixture->view));
}

/* A selection cannot cross paragraphs: Copy Answer copies the whole answer
 * as Markdown, its In Depth part under a heading, when it is on screen. */
static void
test_copy_answer (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(RehearseQuestion) with_in_depth = get_question (fixture, FIRST_NUMBER);
  g_autoptr(RehearseQuestion) without = get_question (fixture, SHORT_NUMBER);
  g_autofree char *expected = g_strdup_printf ("%s\n\n## In Depth\n\n%s",
                                               rehearse_question_get_answer (with_in_depth),
                                               rehearse_question_get_in_depth (with_in_depth));
  g_autofree char *copied = NULL;
  g_autofree char *copied_short = NULL;
  g_autofree char *copied_hidden = NULL;
  GtkWidget *view = GTK_WIDGET (fixture->view);
  GtkWidget *button = find_button (GTK_WIDGET (fixture->view), "question.copy-answer");

  /* The button beside the question's topic, named for a screen reader. */
  g_assert_nonnull (button);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Copy Answer");
  g_assert_false (gtk_widget_is_sensitive (button));

  rehearse_question_view_show_question (fixture->view, with_in_depth);
  g_assert_true (gtk_widget_is_sensitive (button));
  copied = copy_answer (fixture);
  g_assert_cmpstr (copied, ==, expected);
  g_assert_true (g_str_has_prefix (copied, "WebAssembly (WASM + WASI) is emerging"));

  rehearse_question_view_show_question (fixture->view, without);
  copied_short = copy_answer (fixture);
  g_assert_cmpstr (copied_short, ==, rehearse_question_get_answer (without));

  /* Not on screen (the quiz is), nothing to copy from it. */
  gtk_widget_set_visible (view, FALSE);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (view), "kept");
  copied_hidden = copy_answer (fixture);
  g_assert_cmpstr (copied_hidden, ==, "kept");
  gtk_widget_set_visible (view, TRUE);

  rehearse_question_view_show_status (fixture->view, "edit-find-symbolic", "Nothing", "");
  g_assert_false (gtk_widget_is_sensitive (button));
}

/* Ctrl+Shift+C is a shortcut of the whole window, bound to Copy Answer. */
static void
test_copy_answer_shortcut (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->view));
  g_autoptr(GtkShortcutTrigger) expected = gtk_shortcut_trigger_parse_string ("<Control><Shift>c");
  gboolean found = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller)
          || gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller))
             != GTK_SHORTCUT_SCOPE_GLOBAL)
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), expected)
              && GTK_IS_NAMED_ACTION (action)
              && g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                            "question.copy-answer") == 0)
            found = TRUE;
        }
    }
  g_assert_true (found);
}

/* Read once, as it shows: not the raw label with its mnemonic, and not
 * its label again after the name ("_Edit Edit"). */
static void
assert_named_once (GtkWidget  *button,
                   const char *name)
{
  g_assert_nonnull (button);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       name);
  g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (button),
                                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY));
}

static void
test_buttons_named_once (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (fixture->view);
  GtkWidget *import = g_object_ref_sink (gtk_button_new_with_mnemonic ("_Import a Deck…"));
  GtkWidget *edit;

  show_number (fixture, FIRST_NUMBER);
  assert_named_once (ui_test_find_button (view, "_Remove Label"), "Remove Label");
  assert_named_once (ui_test_find_button (view, "_Export…"), "Export…");
  assert_named_once (ui_test_find_button (view, "_Delete…"), "Delete…");
  assert_named_once (find_button (view, "win.previous"), "Previous Question");
  assert_named_once (find_button (view, "win.next"), "Next Question");

  edit = ui_test_find_button (view, "_Edit");
  assert_named_once (edit, "Edit");
  rehearse_note_editor_edit (rehearse_question_view_get_note_editor (fixture->view));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (edit)), ==, "_Done");
  assert_named_once (edit, "Done");

  /* Any button of the window, such as the sidebar's Import a Deck…. */
  rehearse_accessible_fix_mnemonic_buttons (import);
  assert_named_once (import, "Import a Deck…");
  g_object_unref (import);
}

/* The panes a screen reader meets are named for what they hold. */
static void
test_panes_named (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *page = gtk_widget_get_ancestor (content_box (fixture), GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *code;

  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (fixture->view),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Question");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Question and Answer");

  show_number (fixture, FIRST_NUMBER);
  wait_for_frames (fixture, 2);
  code = ui_test_find_widget (content_box (fixture), GTK_TYPE_TEXT_VIEW);
  g_assert_nonnull (code);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gtk_widget_get_parent (code)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Code, bash");
}

/* A deck shaped as real files are: <details> answers, one without an
 * answer, a question with code and options. */
static RehearseQuestion *
import_html_deck (Fixture    *fixture,
                  const char *question_text)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "html-deck.md", NULL);
  const char *paths[] = { path, NULL };
  g_autoptr(GPtrArray) reports = rehearse_importer_import (fixture->library, paths, NULL);
  RehearseImportReport *report = g_ptr_array_index (reports, 0);
  g_autoptr(GListModel) questions = NULL;

  g_assert_no_error (report->error);
  questions = rehearse_library_list_deck_questions (fixture->library, report->result.deck_id,
                                                    NULL);
  for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
    {
      g_autoptr(RehearseQuestion) summary = g_list_model_get_item (questions, i);

      if (g_str_equal (rehearse_question_get_text (summary), question_text))
        return rehearse_library_get_question_by_id (fixture->library,
                                                    rehearse_question_get_id (summary), NULL);
    }
  g_assert_not_reached ();
}

static GtkWidget *
find_with_class (GtkWidget  *widget,
                 const char *css_class)
{
  if (gtk_widget_has_css_class (widget, css_class))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_with_class (child, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The code and options a question asks about show under its title; a
 * question whose file gave no answer says so, not an empty box. */
static void
test_prompt_and_no_answer (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(RehearseQuestion) with_prompt = import_html_deck (fixture, "What's the output?");
  g_autoptr(RehearseQuestion) unanswered = NULL;
  g_autoptr(RehearseQuestion) answered = NULL;
  GtkWidget *view = GTK_WIDGET (fixture->view);
  GtkWidget *prompt = find_with_class (view, "question-prompt");

  unanswered = rehearse_library_get_question_by_id (
    fixture->library, rehearse_question_get_id (with_prompt) - 1, NULL);
  answered = rehearse_library_get_question_by_id (
    fixture->library, rehearse_question_get_id (with_prompt) - 2, NULL);
  g_assert_cmpstr (rehearse_question_get_text (unanswered), ==,
                   "How many containers can a Pod run?");
  g_assert_false (rehearse_question_has_answer (unanswered));

  rehearse_question_view_show_question (fixture->view, with_prompt);
  g_assert_nonnull (prompt);
  g_assert_true (gtk_widget_get_visible (prompt));
  g_assert_nonnull (ui_test_find_widget (prompt, GTK_SOURCE_TYPE_VIEW));
  g_assert_true (ui_test_shows_text (prompt, "A: 1"));
  g_assert_false (ui_test_shows_text (view, "No answer in the source"));
  g_assert_true (ui_test_shows_text (view, "Answer: B"));

  rehearse_question_view_show_question (fixture->view, unanswered);
  g_assert_false (gtk_widget_get_visible (prompt));
  g_assert_true (ui_test_shows_text (view, "No answer in the source"));
  g_assert_true (gtk_widget_has_css_class (find_with_class (view, "no-answer"), "dim-label"));

  rehearse_question_view_show_question (fixture->view, answered);
  g_assert_false (ui_test_shows_text (view, "No answer in the source"));
  g_assert_false (gtk_widget_get_visible (prompt));
}

static void
on_open_question (RehearseQuestionView *view,
                  RehearseQuestion     *question,
                  char                **opened)
{
  g_free (*opened);
  *opened = g_strdup (rehearse_question_get_text (question));
}

static GtkLabel *
label_with_link (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), "<a ") != NULL)
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = label_with_link (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* "#what-is-a-node" in an answer opens that question of the deck. */
static void
test_anchor_opens_question (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(RehearseQuestion) pod = import_html_deck (fixture, "What is a Pod?");
  g_autofree char *opened = NULL;
  gboolean handled = FALSE;
  GtkLabel *label;

  g_signal_connect (fixture->view, "open-question", G_CALLBACK (on_open_question), &opened);
  rehearse_question_view_show_question (fixture->view, pod);
  label = label_with_link (GTK_WIDGET (fixture->view));
  g_assert_nonnull (label);
  g_assert_nonnull (strstr (gtk_label_get_label (label), "<a href=\"#what-is-a-node\">"));
  g_assert_null (strstr (gtk_label_get_text (label), "<"));

  g_signal_emit_by_name (label, "activate-link", "#what-is-a-node", &handled);
  g_assert_true (handled);
  g_assert_cmpstr (opened, ==, "What is a Node?");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* First: the first code block of the process is what settled late. */
  g_test_add ("/question-view/first-frame-is-final", Fixture, NULL,
              fixture_set_up, test_first_frame_is_final, fixture_tear_down);
  g_test_add ("/question-view/copy-answer", Fixture, NULL, fixture_set_up, test_copy_answer,
              fixture_tear_down);
  g_test_add ("/question-view/copy-answer-shortcut", Fixture, NULL, fixture_set_up,
              test_copy_answer_shortcut, fixture_tear_down);
  g_test_add ("/question-view/buttons-named-once", Fixture, NULL, fixture_set_up,
              test_buttons_named_once, fixture_tear_down);
  g_test_add ("/question-view/panes-named", Fixture, NULL, fixture_set_up, test_panes_named,
              fixture_tear_down);
  g_test_add ("/question-view/prompt-and-no-answer", Fixture, NULL, fixture_set_up,
              test_prompt_and_no_answer, fixture_tear_down);
  g_test_add ("/question-view/anchor-opens-question", Fixture, NULL, fixture_set_up,
              test_anchor_opens_question, fixture_tear_down);
  g_test_add ("/question-view/every-answer-after-a-short-one", Fixture, GINT_TO_POINTER (900),
              fixture_set_up, test_every_answer_after_a_short_one, fixture_tear_down);
  g_test_add ("/question-view/every-answer-after-a-short-one-narrow", Fixture,
              GINT_TO_POINTER (360), fixture_set_up, test_every_answer_after_a_short_one,
              fixture_tear_down);

  return g_test_run ();
}
