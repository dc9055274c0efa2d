/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <string.h>

#include "rehearse-note-drafts.h"
#include "rehearse-note-editor.h"
#include "test-library-support.h"
#include "test-ui-support.h"

/* The note editor on a real library: typing is saved once it pauses (not
 * on every key), at once when another question is shown or the editor
 * goes, and an emptied note is deleted. Saves go to the library's writer:
 * "Saved" shows once committed, a refused save keeps the text and says
 * so, and a note that could not be read is never saved over. */

#define KEY_301 "docker-interview-questions/301"
#define KEY_302 "docker-interview-questions/302"

typedef struct
{
  char               *data_home;
  char               *path;
  RehearseLibrary    *library;
  GtkWindow          *window;
  RehearseNoteEditor *editor;
  guint               saves;     /* user-data-changed emissions */
  GPtrArray          *messages;  /* what the editor asked to tell the user */
} Fixture;

static void
on_user_data_changed (RehearseLibrary *library,
                      const char      *question_key,
                      Fixture         *fixture)
{
  fixture->saves++;
}

static void
on_failed (RehearseNoteEditor *editor,
           const char         *message,
           Fixture            *fixture)
{
  g_ptr_array_add (fixture->messages, g_strdup (message));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->data_home = ui_test_make_data_home ();
  fixture->path = g_build_filename (fixture->data_home, "library.db", NULL);
  fixture->messages = g_ptr_array_new_with_free_func (g_free);
  fixture->library = ui_test_library_with_bundled_deck (fixture->data_home);
  g_signal_connect (fixture->library, "user-data-changed", G_CALLBACK (on_user_data_changed),
                    fixture);

  fixture->editor = REHEARSE_NOTE_EDITOR (rehearse_note_editor_new ());
  g_signal_connect (fixture->editor, "save-failed", G_CALLBACK (on_failed), fixture);
  g_signal_connect (fixture->editor, "read-failed", G_CALLBACK (on_failed), fixture);
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
  /* The saves the editor asked for as it went end, and are answered. */
  rehearse_library_wait_for_writes (fixture->library);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&fixture->library);
  test_remove_tree (fixture->data_home);
  g_free (fixture->data_home);
  g_free (fixture->path);
  g_ptr_array_unref (fixture->messages);
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
  return test_get_note (fixture->library, key);
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

  /* Another question, well before the delay: the note is saved now, off
   * the main loop. */
  rehearse_note_editor_set_question_key (fixture->editor, KEY_302);
  g_assert_false (rehearse_note_editor_get_editing (fixture->editor));
  ui_test_wait_for (note_301_saved, fixture);
  note_301 = stored_note (fixture, KEY_301);
  g_assert_cmpstr (note_301, ==, "Asked at ACME");

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

  /* Asked for as the editor went: the library does it before it closes. */
  rehearse_library_wait_for_writes (fixture->library);
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
  ui_test_wait_for (note_301_saved, fixture);
  saved = stored_note (fixture, KEY_301);
  g_assert_cmpstr (saved, ==, "**Weak spot**: overlay2 vs btrfs");

  /* Emptied, the note is gone from the library, not kept as blanks. */
  rehearse_note_editor_edit (fixture->editor);
  gtk_text_buffer_get_bounds (editor_buffer (fixture), &start, &end);
  gtk_text_buffer_delete (editor_buffer (fixture), &start, &end);
  type (fixture, "  \n ");
  rehearse_note_editor_save (fixture->editor);
  ui_test_wait_for (note_301_saved, fixture);
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

static gboolean
told_the_user (gpointer data)
{
  Fixture *fixture = data;

  return fixture->messages->len > 0;
}

static gboolean
last_message_contains (Fixture    *fixture,
                       const char *text)
{
  guint n = fixture->messages->len;

  return n > 0 && strstr (g_ptr_array_index (fixture->messages, n - 1), text) != NULL;
}

/* Another connection makes the library refuse every note written, as a
 * full disk would: a real failure of a real save, no hook in the product. */
#define REFUSE_NOTES_SQL \
  "CREATE TRIGGER refuse_new_notes BEFORE INSERT ON notes" \
  " BEGIN SELECT RAISE (ABORT, 'disk full'); END;" \
  "CREATE TRIGGER refuse_edited_notes BEFORE UPDATE ON notes" \
  " BEGIN SELECT RAISE (ABORT, 'disk full'); END;"

#define ACCEPT_NOTES_SQL \
  "DROP TRIGGER refuse_new_notes; DROP TRIGGER refuse_edited_notes;"

/* A save the library refuses: the text stays in the editor as typed, the
 * user is told, nothing reloads over it; once the library accepts notes
 * again, the next save commits it. */
static void
test_refused_save_keeps_the_text (Fixture       *fixture,
                                  gconstpointer  data)
{
  GtkWidget *editor = GTK_WIDGET (fixture->editor);
  g_autofree char *stored = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *reloaded = NULL;
  g_autofree char *saved = NULL;

  test_raw_exec_file (fixture->path, REFUSE_NOTES_SQL);
  rehearse_note_editor_edit (fixture->editor);
  type (fixture, "Typed while the disk is full");
  rehearse_note_editor_save (fixture->editor);

  ui_test_wait_for (told_the_user, fixture);
  g_assert_true (last_message_contains (fixture, "disk full"));
  g_assert_true (ui_test_shows_text (editor, "Not Saved"));
  g_assert_false (ui_test_shows_text (editor, "Saved"));
  g_assert_true (rehearse_note_editor_get_has_unsaved_changes (fixture->editor));
  kept = buffer_text (fixture);
  g_assert_cmpstr (kept, ==, "Typed while the disk is full");
  stored = stored_note (fixture, KEY_301);
  g_assert_null (stored);

  /* A change made elsewhere does not load the stored (empty) note over it,
   * even once editing is done. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (ui_test_find_widget (editor,
                                                                       GTK_TYPE_TOGGLE_BUTTON)),
                                FALSE);
  g_signal_emit_by_name (fixture->library, "user-data-changed", NULL);
  reloaded = buffer_text (fixture);
  g_assert_cmpstr (reloaded, ==, "Typed while the disk is full");
  g_assert_true (ui_test_shows_text (editor, "Typed while the disk is full"));

  /* The disk has room again: the next change saves all of it. */
  test_raw_exec_file (fixture->path, ACCEPT_NOTES_SQL);
  rehearse_note_editor_edit (fixture->editor);
  type (fixture, ", saved later.");
  ui_test_wait_for (note_301_saved, fixture);
  saved = stored_note (fixture, KEY_301);
  g_assert_cmpstr (saved, ==, "Typed while the disk is full, saved later.");
  g_assert_true (ui_test_shows_text (editor, "Saved"));
}

/* Refused for a question no longer shown: kept as a draft, which comes
 * back with its question and is saved once the library accepts it. */
static void
test_refused_save_comes_back_with_its_question (Fixture       *fixture,
                                                gconstpointer  data)
{
  g_autofree char *draft = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *stored = NULL;

  test_raw_exec_file (fixture->path, REFUSE_NOTES_SQL);
  rehearse_note_editor_edit (fixture->editor);
  type (fixture, "Draft on 301");
  rehearse_note_editor_set_question_key (fixture->editor, KEY_302);
  ui_test_wait_for (told_the_user, fixture);
  g_assert_true (last_message_contains (fixture, "disk full"));
  g_assert_true (rehearse_note_editor_get_has_unsaved_changes (fixture->editor));
  stored = stored_note (fixture, KEY_301);
  g_assert_null (stored);

  test_raw_exec_file (fixture->path, ACCEPT_NOTES_SQL);
  rehearse_note_editor_set_question_key (fixture->editor, KEY_301);
  draft = buffer_text (fixture);
  g_assert_cmpstr (draft, ==, "Draft on 301");
  ui_test_wait_for (note_301_saved, fixture);
  saved = stored_note (fixture, KEY_301);
  g_assert_cmpstr (saved, ==, "Draft on 301");
}

/* A note that could not be read is neither shown as empty nor saved over:
 * the editor says so and refuses to edit it. */
static void
test_unreadable_note_is_not_saved_over (Fixture       *fixture,
                                        gconstpointer  data)
{
  GtkWidget *editor = GTK_WIDGET (fixture->editor);
  GtkWidget *edit_button = ui_test_find_widget (editor, GTK_TYPE_TOGGLE_BUTTON);
  GtkWidget *view;
  g_autofree char *kept = NULL;

  test_save_note (fixture->library, KEY_301, "Keep me");
  rehearse_note_editor_set_question_key (fixture->editor, KEY_302);
  rehearse_note_editor_edit (fixture->editor);
  view = ui_test_find_widget (editor, GTK_TYPE_TEXT_VIEW);

  /* Another connection hides the notes table: reads of it fail. */
  test_raw_exec_file (fixture->path, "ALTER TABLE notes RENAME TO notes_hidden");
  rehearse_note_editor_set_question_key (fixture->editor, KEY_301);
  g_assert_true (told_the_user (fixture));
  g_assert_true (last_message_contains (fixture, "could not be read"));
  g_assert_true (ui_test_shows_text (editor, "Could Not Read"));
  g_assert_false (gtk_widget_get_sensitive (edit_button));

  rehearse_note_editor_edit (fixture->editor);
  g_assert_false (rehearse_note_editor_get_editing (fixture->editor));
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (view)));
  /* Even text in the buffer is not saved over it. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "", -1);
  rehearse_note_editor_save (fixture->editor);
  rehearse_library_wait_for_writes (fixture->library);

  test_raw_exec_file (fixture->path, "ALTER TABLE notes_hidden RENAME TO notes");
  kept = stored_note (fixture, KEY_301);
  g_assert_cmpstr (kept, ==, "Keep me");

  /* Readable again: shown, and editable. */
  g_signal_emit_by_name (fixture->library, "user-data-changed", KEY_301);
  g_assert_true (gtk_widget_get_sensitive (edit_button));
  g_assert_true (ui_test_shows_text (editor, "Keep me"));
}

/* ---- Drafts: a refused note is never thrown away ------------------------------- */

static RehearseNoteDraft *
draft_file (Fixture    *fixture,
            const char *key)
{
  g_autoptr(RehearseNoteDrafts) drafts = rehearse_note_drafts_new (fixture->path);
  g_autoptr(GError) error = NULL;
  RehearseNoteDraft *draft = rehearse_note_drafts_get (drafts, key, &error);

  g_assert_no_error (error);
  return draft;
}

static gboolean
drafts_folder_exists (Fixture *fixture)
{
  g_autofree char *folder = g_build_filename (fixture->data_home, "drafts", NULL);

  return g_file_test (folder, G_FILE_TEST_EXISTS);
}

/* A note saved fine never leaves a draft file behind, nor makes one. */
static void
test_saved_note_writes_no_draft (Fixture       *fixture,
                                 gconstpointer  data)
{
  rehearse_note_editor_edit (fixture->editor);
  type (fixture, "Saved at once");
  rehearse_note_editor_set_question_key (fixture->editor, KEY_302);
  ui_test_wait_for (note_301_saved, fixture);
  g_assert_false (drafts_folder_exists (fixture));
}

/* Switching questions: the refused text is written as a draft file and
 * comes back with its question, still "Not Saved", and is tried again;
 * once the library takes it, the draft file goes. */
static void
test_switch_keeps_the_draft (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkWidget *editor = GTK_WIDGET (fixture->editor);
  g_autoptr(RehearseNoteDraft) draft = NULL;
  g_autoptr(RehearseNoteDraft) gone = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *saved = NULL;

  test_raw_exec_file (fixture->path, REFUSE_NOTES_SQL);
  rehearse_note_editor_edit (fixture->editor);
  type (fixture, "Typed on 301 as the disk filled");
  rehearse_note_editor_set_question_key (fixture->editor, KEY_302);
  ui_test_wait_for (told_the_user, fixture);

  draft = draft_file (fixture, KEY_301);
  g_assert_nonnull (draft);
  g_assert_cmpstr (draft->text, ==, "Typed on 301 as the disk filled");
  g_assert_true (rehearse_note_draft_is_based_on (draft, NULL));

  /* Back on 301: the draft, not the empty stored note, still not saved. */
  rehearse_note_editor_set_question_key (fixture->editor, KEY_301);
  shown = buffer_text (fixture);
  g_assert_cmpstr (shown, ==, "Typed on 301 as the disk filled");
  g_assert_true (ui_test_shows_text (editor, "Not Saved"));
  g_assert_true (ui_test_shows_text (editor, "Typed on 301 as the disk filled"));

  test_raw_exec_file (fixture->path, ACCEPT_NOTES_SQL);
  ui_test_wait_for (note_301_saved, fixture);
  saved = stored_note (fixture, KEY_301);
  g_assert_cmpstr (saved, ==, "Typed on 301 as the disk filled");
  gone = draft_file (fixture, KEY_301);
  g_assert_null (gone);
}

static gboolean
not_saving (gpointer data)
{
  Fixture *fixture = data;

  return !ui_test_shows_text (GTK_WIDGET (fixture->editor), "Saving…");
}

/* Back on the question before the library answered: the text being saved
 * is shown, not the stored note, and stays when the refusal comes. */
static void
test_back_before_the_refusal (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *while_saving = NULL;
  g_autofree char *refused = NULL;

  test_raw_exec_file (fixture->path, REFUSE_NOTES_SQL);
  rehearse_note_editor_edit (fixture->editor);
  type (fixture, "Quick there and back");
  rehearse_note_editor_set_question_key (fixture->editor, KEY_302);
  rehearse_note_editor_set_question_key (fixture->editor, KEY_301);
  while_saving = buffer_text (fixture);
  g_assert_cmpstr (while_saving, ==, "Quick there and back");

  ui_test_wait_for (told_the_user, fixture);
  ui_test_wait_for (not_saving, fixture);
  refused = buffer_text (fixture);
  g_assert_cmpstr (refused, ==, "Quick there and back");
  g_assert_true (ui_test_shows_text (GTK_WIDGET (fixture->editor), "Not Saved"));
  g_assert_true (rehearse_note_editor_get_has_unsaved_changes (fixture->editor));
}

/* Escape ends editing: the refused note stays shown, rendered, and is
 * kept as a draft file. */
static void
test_escape_keeps_the_draft (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkWidget *editor = GTK_WIDGET (fixture->editor);
  GtkWidget *view = NULL;
  GListModel *controllers;
  g_autoptr(RehearseNoteDraft) draft = NULL;
  gboolean handled = FALSE;

  test_raw_exec_file (fixture->path, REFUSE_NOTES_SQL);
  rehearse_note_editor_edit (fixture->editor);
  type (fixture, "Escaped while refused");
  view = ui_test_find_widget (editor, GTK_TYPE_TEXT_VIEW);
  controllers = gtk_widget_observe_controllers (view);
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Escape, 0, 0, &handled);
    }
  g_object_unref (controllers);
  g_assert_true (handled);
  g_assert_false (rehearse_note_editor_get_editing (fixture->editor));

  ui_test_wait_for (told_the_user, fixture);
  g_assert_true (ui_test_shows_text (editor, "Not Saved"));
  g_assert_true (ui_test_shows_text (editor, "Escaped while refused"));
  draft = draft_file (fixture, KEY_301);
  g_assert_nonnull (draft);
  g_assert_cmpstr (draft->text, ==, "Escaped while refused");
}

/* A draft from before whose note was changed elsewhere meanwhile: shown
 * with its question and the user told, but not saved over the change
 * until they edit it. */
static void
test_draft_over_a_changed_note (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(RehearseNoteDraft) draft = rehearse_note_draft_new (KEY_301, "My draft", "Before");
  g_autofree char *shown = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *saved = NULL;

  g_assert_true (rehearse_library_save_note (fixture->library, KEY_301, "Changed elsewhere",
                                             NULL));
  rehearse_note_editor_offer_draft (fixture->editor, draft);
  shown = buffer_text (fixture);
  g_assert_cmpstr (shown, ==, "My draft");
  g_assert_true (last_message_contains (fixture, "changed elsewhere"));
  g_assert_true (ui_test_shows_text (GTK_WIDGET (fixture->editor), "Not Saved"));
  g_assert_true (rehearse_note_editor_get_has_unsaved_changes (fixture->editor));

  run_main_loop_for (REHEARSE_NOTE_EDITOR_SAVE_DELAY_MS + 200);
  rehearse_library_wait_for_writes (fixture->library);
  kept = stored_note (fixture, KEY_301);
  g_assert_cmpstr (kept, ==, "Changed elsewhere");

  /* Edited, it is the user's choice, saved as any note. */
  rehearse_note_editor_edit (fixture->editor);
  type (fixture, ", mine");
  ui_test_wait_for (note_301_saved, fixture);
  saved = stored_note (fixture, KEY_301);
  g_assert_cmpstr (saved, ==, "My draft, mine");
}

/* Discarding drops the text in memory and in its file, and shows the
 * stored note again. */
static void
test_discard_drafts (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(RehearseNoteDraft) gone = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;

  test_raw_exec_file (fixture->path, REFUSE_NOTES_SQL);
  rehearse_note_editor_edit (fixture->editor);
  type (fixture, "Not wanted after all");
  rehearse_note_editor_save (fixture->editor);
  ui_test_wait_for (told_the_user, fixture);
  g_assert_true (rehearse_note_editor_keep_drafts (fixture->editor, &error));
  g_assert_no_error (error);

  rehearse_note_editor_discard_drafts (fixture->editor);
  g_assert_false (rehearse_note_editor_get_has_unsaved_changes (fixture->editor));
  gone = draft_file (fixture, KEY_301);
  g_assert_null (gone);
  shown = buffer_text (fixture);
  g_assert_cmpstr (shown, ==, "");
}

static gboolean
draft_of_301_written (gpointer data)
{
  g_autoptr(RehearseNoteDraft) draft = draft_file (data, KEY_301);

  return draft != NULL;
}

/* A save that waits for the write lock (another program holds it; the
 * library waits up to a minute for it): within a moment, while the save
 * still waits, the text is in a draft file, so that a crash meanwhile
 * loses nothing. Once the lock is let go, the note is saved and the
 * draft goes. */
static void
test_draft_while_waiting_for_the_lock (Fixture       *fixture,
                                       gconstpointer  data)
{
  sqlite3 *holder = test_raw_open (fixture->path);
  g_autoptr(RehearseNoteDraft) draft = NULL;
  g_autoptr(RehearseNoteDraft) gone = NULL;
  g_autofree char *saved = NULL;
  gint64 asked;

  test_raw_exec (holder, "BEGIN IMMEDIATE");
  rehearse_note_editor_edit (fixture->editor);
  type (fixture, "Typed while another program writes");
  asked = g_get_monotonic_time ();
  rehearse_note_editor_save (fixture->editor);
  ui_test_wait_for (draft_of_301_written, fixture);
  g_test_message ("draft written %" G_GINT64_FORMAT " ms after the save was asked",
                  (g_get_monotonic_time () - asked) / 1000);

  draft = draft_file (fixture, KEY_301);
  g_assert_cmpstr (draft->text, ==, "Typed while another program writes");
  /* The save still waits: neither committed nor refused. */
  g_assert_true (rehearse_note_editor_get_has_unsaved_changes (fixture->editor));
  g_assert_cmpuint (fixture->messages->len, ==, 0);
  g_assert_cmpint (test_raw_int (holder, "SELECT count(*) FROM notes WHERE question_key = '"
                                 KEY_301 "'"), ==, 0);

  test_raw_exec (holder, "COMMIT");
  sqlite3_close (holder);
  ui_test_wait_for (note_301_saved, fixture);
  saved = stored_note (fixture, KEY_301);
  g_assert_cmpstr (saved, ==, "Typed while another program writes");
  gone = draft_file (fixture, KEY_301);
  g_assert_null (gone);
  g_assert_cmpuint (fixture->messages->len, ==, 0);
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
  g_test_add ("/note-editor/refused-save-keeps-the-text", Fixture, NULL, fixture_set_up,
              test_refused_save_keeps_the_text, fixture_tear_down);
  g_test_add ("/note-editor/refused-save-comes-back-with-its-question", Fixture, NULL,
              fixture_set_up, test_refused_save_comes_back_with_its_question, fixture_tear_down);
  g_test_add ("/note-editor/unreadable-note-is-not-saved-over", Fixture, NULL, fixture_set_up,
              test_unreadable_note_is_not_saved_over, fixture_tear_down);

  g_test_add ("/note-editor/saved-note-writes-no-draft", Fixture, NULL, fixture_set_up,
              test_saved_note_writes_no_draft, fixture_tear_down);
  g_test_add ("/note-editor/switch-keeps-the-draft", Fixture, NULL, fixture_set_up,
              test_switch_keeps_the_draft, fixture_tear_down);
  g_test_add ("/note-editor/back-before-the-refusal", Fixture, NULL, fixture_set_up,
              test_back_before_the_refusal, fixture_tear_down);
  g_test_add ("/note-editor/escape-keeps-the-draft", Fixture, NULL, fixture_set_up,
              test_escape_keeps_the_draft, fixture_tear_down);
  g_test_add ("/note-editor/draft-over-a-changed-note", Fixture, NULL, fixture_set_up,
              test_draft_over_a_changed_note, fixture_tear_down);
  g_test_add ("/note-editor/discard-drafts", Fixture, NULL, fixture_set_up,
              test_discard_drafts, fixture_tear_down);
  g_test_add ("/note-editor/draft-while-waiting-for-the-lock", Fixture, NULL, fixture_set_up,
              test_draft_while_waiting_for_the_lock, fixture_tear_down);

  return g_test_run ();
}
