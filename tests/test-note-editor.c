/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>

#include "rehearse-note-editor.h"
#include "test-ui-support.h"

/* The note editor on a real library: typing is saved once it pauses (not
 * on every key), at once when another question is shown or the editor
 * goes, and an emptied note is deleted. */

#define KEY_301 "docker-interview-questions/301"
#define KEY_302 "docker-interview-questions/302"

typedef struct
{
  char               *data_home;
  RehearseLibrary    *library;
  GtkWindow          *window;
  RehearseNoteEditor *editor;
  guint               saves;   /* user-data-changed emissions */
} Fixture;

static void
on_user_data_changed (RehearseLibrary *library,
                      const char      *question_key,
                      Fixture         *fixture)
{
  fixture->saves++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->data_home = ui_test_make_data_home ();
  fixture->library = ui_test_library_with_bundled_deck (fixture->data_home);
  g_signal_connect (fixture->library, "user-data-changed", G_CALLBACK (on_user_data_changed),
                    fixture);

  fixture->editor = REHEARSE_NOTE_EDITOR (rehearse_note_editor_new ());
  rehearse_note_editor_set_library (fixture->editor, fixture->library);
  rehearse_note_editor_set_question_key (fixture->editor, KEY_301);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 600, 500);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->editor));
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->library);
  test_remove_tree (fixture->data_home);
  g_free (fixture->data_home);
}

static GtkTextBuffer *
editor_buffer (Fixture *fixture)
{
  GtkWidget *view = ui_test_find_widget (GTK_WIDGET (fixture->editor), GTK_TYPE_TEXT_VIEW);

  g_assert_nonnull (view);
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
}

/* As typing does: text goes in at the cursor. */
static void
type (Fixture    *fixture,
      const char *text)
{
  gtk_text_buffer_insert_at_cursor (editor_buffer (fixture), text, -1);
}

static void
run_main_loop_for (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
note_301_saved (gpointer data)
{
  Fixture *fixture = data;

  return !rehearse_note_editor_get_has_unsaved_changes (fixture->editor);
}

static char *
stored_note (Fixture    *fixture,
             const char *key)
{
  return rehearse_library_get_note (fixture->library, key);
}

static void
test_saves_when_typing_pauses (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *saved = NULL;
  const char *words[] = { "Layers ", "are ", "read-only; ", "the container ", "adds one." };

  rehearse_note_editor_edit (fixture->editor);
  g_assert_true (rehearse_note_editor_get_editing (fixture->editor));

  /* A burst of typing, each key sooner than the delay after the last. */
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      type (fixture, words[i]);
      run_main_loop_for (REHEARSE_NOTE_EDITOR_SAVE_DELAY_MS / 5);
    }

  /* Not yet: the timer started again with the last word. */
  before = stored_note (fixture, KEY_301);
  g_assert_null (before);
  g_assert_true (rehearse_note_editor_get_has_unsaved_changes (fixture->editor));
  g_assert_cmpuint (fixture->saves, ==, 0);

  ui_test_wait_for (note_301_saved, fixture);
  saved = stored_note (fixture, KEY_301);
  g_assert_cmpstr (saved, ==, "Layers are read-only; the container adds one.");
  /* The whole burst was one save. */
  g_assert_cmpuint (fixture->saves, ==, 1);
}

static void
test_saves_on_switch (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *note_301 = NULL;
  g_autofree char *note_302 = NULL;
  GtkTextIter start, end;
  g_autofree char *shown = NULL;

  rehearse_note_editor_edit (fixture->editor);
  type (fixture, "Asked at ACME");

  /* Another question, well before the delay: the note is saved now. */
  rehearse_note_editor_set_question_key (fixture->editor, KEY_302);
  note_301 = stored_note (fixture, KEY_301);
  g_assert_cmpstr (note_301, ==, "Asked at ACME");
  g_assert_false (rehearse_note_editor_get_has_unsaved_changes (fixture->editor));
  g_assert_false (rehearse_note_editor_get_editing (fixture->editor));

  /* 302 has no note: the editor is empty and saves nothing for it. */
  gtk_text_buffer_get_bounds (editor_buffer (fixture), &start, &end);
  shown = gtk_text_iter_get_text (&start, &end);
  g_assert_cmpstr (shown, ==, "");
  run_main_loop_for (REHEARSE_NOTE_EDITOR_SAVE_DELAY_MS + 200);
  note_302 = stored_note (fixture, KEY_302);
  g_assert_null (note_302);
  g_assert_cmpuint (fixture->saves, ==, 1);

  /* Back on 301, its note is there. */
  rehearse_note_editor_set_question_key (fixture->editor, KEY_301);
  g_clear_pointer (&shown, g_free);
  gtk_text_buffer_get_bounds (editor_buffer (fixture), &start, &end);
  shown = gtk_text_iter_get_text (&start, &end);
  g_assert_cmpstr (shown, ==, "Asked at ACME");
}

static void
test_saves_when_closed (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *saved = NULL;

  rehearse_note_editor_edit (fixture->editor);
  type (fixture, "Last words before closing");

  gtk_window_destroy (fixture->window);
  fixture->window = NULL;

  saved = stored_note (fixture, KEY_301);
  g_assert_cmpstr (saved, ==, "Last words before closing");
}

static void
test_done_renders_and_empty_deletes (Fixture       *fixture,
                                     gconstpointer  data)
{
  GtkStack *stack = GTK_STACK (ui_test_find_widget (GTK_WIDGET (fixture->editor), GTK_TYPE_STACK));
  g_autofree char *saved = NULL;
  g_autofree char *deleted = NULL;
  GtkTextIter start, end;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");

  rehearse_note_editor_edit (fixture->editor);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "editor");
  type (fixture, "**Weak spot**: overlay2 vs btrfs");

  /* Done (the toggle, as Escape does): saved at once and rendered. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (ui_test_find_widget (GTK_WIDGET (fixture->editor),
                                                                       GTK_TYPE_TOGGLE_BUTTON)),
                                FALSE);
  g_assert_false (rehearse_note_editor_get_editing (fixture->editor));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "rendered");
  saved = stored_note (fixture, KEY_301);
  g_assert_cmpstr (saved, ==, "**Weak spot**: overlay2 vs btrfs");

  /* Emptied, the note is gone from the library, not kept as blanks. */
  rehearse_note_editor_edit (fixture->editor);
  gtk_text_buffer_get_bounds (editor_buffer (fixture), &start, &end);
  gtk_text_buffer_delete (editor_buffer (fixture), &start, &end);
  type (fixture, "  \n ");
  g_assert_true (rehearse_note_editor_save (fixture->editor));
  deleted = stored_note (fixture, KEY_301);
  g_assert_null (deleted);
}

static char *
buffer_text (Fixture *fixture)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (editor_buffer (fixture), &start, &end);
  return gtk_text_iter_get_text (&start, &end);
}

static void
test_follows_restored_notes (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkStack *stack = GTK_STACK (ui_test_find_widget (GTK_WIDGET (fixture->editor), GTK_TYPE_STACK));
  g_autofree char *typed = NULL;
  g_autofree char *kept = NULL;

  /* Changed elsewhere (a notes file restored) while shown: shown anew. */
  g_assert_true (rehearse_library_save_note (fixture->library, KEY_301, "Restored *text*", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "rendered");
  rehearse_note_editor_edit (fixture->editor);
  typed = buffer_text (fixture);
  g_assert_cmpstr (typed, ==, "Restored *text*");

  /* While the user edits, the editor's text is not replaced under them. */
  type (fixture, " and mine");
  g_assert_true (rehearse_library_save_note (fixture->library, KEY_301, "From elsewhere", NULL));
  kept = buffer_text (fixture);
  g_assert_cmpstr (kept, ==, "Restored *text* and mine");
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/note-editor/saves-when-typing-pauses", Fixture, NULL, fixture_set_up,
              test_saves_when_typing_pauses, fixture_tear_down);
  g_test_add ("/note-editor/saves-on-switch", Fixture, NULL, fixture_set_up,
              test_saves_on_switch, fixture_tear_down);
  g_test_add ("/note-editor/saves-when-closed", Fixture, NULL, fixture_set_up,
              test_saves_when_closed, fixture_tear_down);
  g_test_add ("/note-editor/done-renders-and-empty-deletes", Fixture, NULL, fixture_set_up,
              test_done_renders_and_empty_deletes, fixture_tear_down);
  g_test_add ("/note-editor/follows-restored-notes", Fixture, NULL, fixture_set_up,
              test_follows_restored_notes, fixture_tear_down);

  return g_test_run ();
}
