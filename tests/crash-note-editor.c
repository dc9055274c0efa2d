/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <stdio.h>

#include "rehearse-note-drafts.h"
#include "rehearse-note-editor.h"
#include "test-library-support.h"
#include "test-ui-support.h"

/* crash-note-editor DATA-HOME KEY TEXT [waiting]: for test-window. Types
 * TEXT as the note of KEY in a note editor on the library in DATA-HOME,
 * whose notes the test made the library refuse; once the save was refused
 * it prints "refused" and waits to be killed (SIGKILL), as a crash would
 * end it. With "waiting", the test holds the library's write lock instead:
 * once the text is in a draft file while the save still waits for the
 * lock, it prints "waiting" and waits to be killed. The test then starts
 * the app and expects the note back. */

/* Never outlive a test that died before killing us. */
#define MAX_SECONDS 30

static void
on_save_failed (RehearseNoteEditor *editor,
                const char         *message,
                gboolean           *refused)
{
  *refused = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

typedef struct
{
  RehearseNoteDrafts *drafts;
  const char         *key;
} DraftSought;

static gboolean
draft_written (gpointer data)
{
  DraftSought *sought = data;
  g_autoptr(RehearseNoteDraft) draft = rehearse_note_drafts_get (sought->drafts, sought->key,
                                                                 NULL);

  return draft != NULL;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RehearseLibrary) library = NULL;
  RehearseNoteEditor *editor;
  GtkWindow *window;
  GtkWidget *view;
  gboolean refused = FALSE;
  gint64 deadline = g_get_monotonic_time () + MAX_SECONDS * G_USEC_PER_SEC;

  gboolean waiting = argc == 5 && g_strcmp0 (argv[4], "waiting") == 0;

  if (argc != 4 && !waiting)
    {
      g_printerr ("usage: crash-note-editor DATA-HOME KEY TEXT [waiting]\n");
      return 2;
    }

  gtk_init ();
  adw_init ();
  path = g_build_filename (argv[1], "library.db", NULL);
  library = rehearse_library_open (path, &error);
  if (library == NULL)
    {
      g_printerr ("crash-note-editor: %s\n", error->message);
      return 1;
    }

  editor = REHEARSE_NOTE_EDITOR (rehearse_note_editor_new ());
  g_signal_connect (editor, "save-failed", G_CALLBACK (on_save_failed), &refused);
  rehearse_note_editor_set_library (editor, library);
  rehearse_note_editor_set_question_key (editor, argv[2]);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (window, GTK_WIDGET (editor));
  gtk_window_present (window);

  rehearse_note_editor_edit (editor);
  view = ui_test_find_widget (GTK_WIDGET (editor), GTK_TYPE_TEXT_VIEW);
  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), argv[3], -1);
  rehearse_note_editor_save (editor);
  if (waiting)
    {
      g_autoptr(RehearseNoteDrafts) drafts = rehearse_note_drafts_new (path);
      DraftSought sought = { drafts, argv[2] };

      ui_test_wait_for (draft_written, &sought);
      /* Still waiting for the lock: neither saved nor refused. */
      if (refused || !rehearse_note_editor_get_has_unsaved_changes (editor))
        {
          g_printerr ("crash-note-editor: the save did not wait\n");
          return 1;
        }
    }
  else
    {
      ui_test_wait_for (is_true, &refused);
    }

  printf (waiting ? "waiting\n" : "refused\n");
  fflush (stdout);
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  return 0;
}
