/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>

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
  /* @data: the window's width */
  gtk_window_set_default_size (fixture->window, data != NULL ? GPOINTER_TO_INT (data) : 900, 700);
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

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/question-view/every-answer-after-a-short-one", Fixture, GINT_TO_POINTER (900),
              fixture_set_up, test_every_answer_after_a_short_one, fixture_tear_down);
  g_test_add ("/question-view/every-answer-after-a-short-one-narrow", Fixture,
              GINT_TO_POINTER (360), fixture_set_up, test_every_answer_after_a_short_one,
              fixture_tear_down);

  return g_test_run ();
}
