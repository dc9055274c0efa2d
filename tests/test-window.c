/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>

#include "rehearse-application.h"
#include <linux/capability.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fault-vfs.h"
#include "rehearse-banner.h"
#include "rehearse-error.h"
#include "rehearse-note-drafts.h"
#include "rehearse-parsed-deck.h"
#include "rehearse-progress-page.h"
#include "rehearse-note-editor.h"
#include "rehearse-question-view.h"
#include "rehearse-quiz-page.h"
#include "rehearse-quiz-setup-dialog.h"
#include "rehearse-sidebar.h"
#include "rehearse-window.h"
#include "test-library-support.h"
#include "test-ui-support.h"

/* The real application and window on a fresh data folder: the first run
 * imports the bundled deck and shows its first question, the navigation and
 * bookmark actions work, and a second window reopens the question last read. */

typedef struct
{
  char                *data_home;
  RehearseApplication *app;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->data_home = ui_test_make_data_home ();
  fixture->app = rehearse_application_new ();
  /* Tests must not find each other's instance, nor a running Rehearse. */
  g_application_set_flags (G_APPLICATION (fixture->app),
                           G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  {
    static guint count = 0;
    g_autofree char *id = g_strdup_printf ("io.github.rehearse.Rehearse.Test%u", ++count);

    g_autofree char *library = g_build_filename (fixture->data_home, "library.db", NULL);

    g_application_set_application_id (G_APPLICATION (fixture->app), id);
    g_object_set (fixture->app, "library-path", library, NULL);
  }
  g_application_register (G_APPLICATION (fixture->app), NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (fixture->app));

  while (windows != NULL)
    {
      gtk_window_destroy (windows->data);
      windows = gtk_application_get_windows (GTK_APPLICATION (fixture->app));
    }

  g_clear_object (&fixture->app);
  test_remove_tree (fixture->data_home);
  g_free (fixture->data_home);
}

static RehearseQuestionView *
question_view (RehearseWindow *window)
{
  GtkWidget *view = ui_test_find_widget (GTK_WIDGET (window), REHEARSE_TYPE_QUESTION_VIEW);

  g_assert_nonnull (view);
  return REHEARSE_QUESTION_VIEW (view);
}

static gboolean
question_shown (gpointer data)
{
  return rehearse_question_view_get_question (question_view (data)) != NULL;
}

static int
shown_number (RehearseWindow *window)
{
  RehearseQuestion *question = rehearse_question_view_get_question (question_view (window));

  g_assert_nonnull (question);
  return rehearse_question_get_number (question);
}

typedef struct
{
  RehearseWindow *window;
  const char     *text;
} SoughtText;

static gboolean
window_shows_text (gpointer data)
{
  SoughtText *sought = data;

  return ui_test_shows_text (GTK_WIDGET (sought->window), sought->text);
}

/* Every write asked for so far is committed and answered. The answers
 * are idle sources of the default priority, ready at once: a few
 * iterations deliver them (draining the loop would not end while a text
 * cursor blinks). */
static void
settle (Fixture *fixture)
{
  rehearse_library_wait_for_writes (rehearse_application_get_library (fixture->app));
  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
shows_bookmarked (gpointer window)
{
  gboolean bookmarked = FALSE;

  g_object_get (window, "bookmarked", &bookmarked, NULL);
  return bookmarked;
}

static gboolean
shows_not_bookmarked (gpointer window)
{
  return !shows_bookmarked (window);
}

static void wait_for_paint (RehearseWindow *window);

/* A window showing its question, drawn as a user sees it (only then is the
 * question remembered as the last one read). */
static RehearseWindow *
open_window (Fixture *fixture)
{
  RehearseWindow *window = rehearse_window_new (fixture->app);

  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_for (question_shown, window);
  wait_for_paint (window);
  return window;
}

static void
test_first_run_and_navigation (Fixture       *fixture,
                               gconstpointer  data)
{
  RehearseWindow *window = open_window (fixture);
  RehearseLibrary *library = rehearse_application_get_library (fixture->app);

  /* The bundled deck, at its first question in reading order. */
  g_assert_cmpint (shown_number (window), ==, 301);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.previous", NULL);
  g_assert_cmpint (shown_number (window), ==, 301);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next", NULL));
  g_assert_cmpint (shown_number (window), ==, 302);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.previous", NULL);
  g_assert_cmpint (shown_number (window), ==, 302);

  /* Ctrl+D's action stores the bookmark in the library, off the main
   * loop, and shows it once it is there. */
  g_assert_false (test_is_bookmarked (library, "docker-interview-questions/302"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.bookmarked", NULL);
  ui_test_wait_for (shows_bookmarked, window);
  g_assert_true (test_is_bookmarked (library, "docker-interview-questions/302"));

  /* Past the end of the first file, "next" goes on into the second one. */
  for (int i = 0; i < 49; i++)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.next", NULL);
  g_assert_cmpint (shown_number (window), ==, 351);
}

static void
on_after_paint (GdkFrameClock *frame_clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* Runs the main loop until @window has painted a frame. */
static void
wait_for_paint (RehearseWindow *window)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gboolean painted = FALSE;
  gulong handler = g_signal_connect (frame_clock, "after-paint", G_CALLBACK (on_after_paint),
                                     &painted);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  gtk_widget_queue_draw (GTK_WIDGET (window));
  while (!painted)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_signal_handler_disconnect (frame_clock, handler);
}

static char *
last_question_setting (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.rehearse.Rehearse");

  return g_settings_get_string (settings, "last-question");
}

/* A question is remembered as the last one read once a frame has drawn
 * it: one whose answer freezes the window while it is laid out is not
 * reopened at the next start. */
static void
test_last_question_remembered_once_drawn (Fixture       *fixture,
                                          gconstpointer  data)
{
  RehearseWindow *window = open_window (fixture);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  wait_for_paint (window);
  wait_for_paint (window);
  before = last_question_setting ();
  g_assert_cmpstr (before, ==, "docker-interview-questions/301");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.next", NULL);
  g_assert_cmpint (shown_number (window), ==, 302);
  while (g_main_context_pending (NULL) && !g_main_context_iteration (NULL, FALSE))
    ;
  g_free (before);
  before = last_question_setting ();
  g_assert_cmpstr (before, ==, "docker-interview-questions/301");

  wait_for_paint (window);
  after = last_question_setting ();
  g_assert_cmpstr (after, ==, "docker-interview-questions/302");
}

static void
test_reopens_last_question (Fixture       *fixture,
                            gconstpointer  data)
{
  RehearseWindow *first = open_window (fixture);
  RehearseWindow *second;

  for (int i = 0; i < 5; i++)
    gtk_widget_activate_action (GTK_WIDGET (first), "win.next", NULL);
  g_assert_cmpint (shown_number (first), ==, 306);
  wait_for_paint (first);
  gtk_window_close (GTK_WINDOW (first));

  second = open_window (fixture);
  g_assert_cmpint (shown_number (second), ==, 306);
  gtk_widget_activate_action (GTK_WIDGET (second), "win.next", NULL);
  g_assert_cmpint (shown_number (second), ==, 307);
}

static void
test_zoom (Fixture       *fixture,
           gconstpointer  data)
{
  RehearseWindow *window = open_window (fixture);
  double zoom = 0;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL);
  g_object_get (window, "zoom", &zoom, NULL);
  g_assert_cmpfloat_with_epsilon (zoom, 1.2, 0.001);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-reset", NULL);
  g_object_get (window, "zoom", &zoom, NULL);
  g_assert_cmpfloat_with_epsilon (zoom, 1.0, 0.001);
}

static GtkWindow *
find_shortcuts_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* owned by GTK */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (GTK_IS_SHORTCUTS_WINDOW (toplevel))
        return toplevel;
    }
  return NULL;
}

/* Ctrl+? opens the shortcuts window, built on first use only (start-up does
 * not pay for it), one per window, gone with its window. */
static void
test_shortcuts_window (Fixture       *fixture,
                       gconstpointer  data)
{
  RehearseWindow *window = open_window (fixture);
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture->app),
                                                                "win.show-help-overlay");
  GtkWindow *shortcuts;

  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>question"));
  g_assert_null (find_shortcuts_window ());

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  shortcuts = find_shortcuts_window ();
  g_assert_nonnull (shortcuts);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (window));

  /* Closed, it is gone, not kept hidden: GTK 4.8 hands a screen reader
   * that asks for a window past the last the last window the app has, and
   * a hidden one crashed the app. Every window left is one on screen. */
  gtk_window_close (shortcuts);
  g_assert_null (find_shortcuts_window ());
  ui_test_assert_all_windows_shown ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  shortcuts = find_shortcuts_window ();
  g_assert_nonnull (shortcuts);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_null (find_shortcuts_window ());
}

static gboolean
recently_viewed_first (gpointer data)
{
  RehearseWindow *window = data;
  RehearseLibrary *library = rehearse_application_get_library (
    REHEARSE_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))));
  g_autoptr(GListModel) recent = rehearse_library_list_recently_viewed (library, 10, NULL);
  g_autoptr(RehearseQuestion) first = g_list_model_get_n_items (recent) > 0
                                      ? g_list_model_get_item (recent, 0) : NULL;

  return first != NULL && rehearse_question_get_number (first) == shown_number (window);
}

/* A question on screen for a moment is added to Recently Viewed; questions
 * paged through on the way are not. */
static void
test_recently_viewed (Fixture       *fixture,
                      gconstpointer  data)
{
  RehearseWindow *window = open_window (fixture);
  RehearseLibrary *library = rehearse_application_get_library (fixture->app);
  g_autoptr(GListModel) recent = NULL;

  ui_test_wait_for (recently_viewed_first, window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next", NULL);
  g_assert_cmpint (shown_number (window), ==, 304);
  ui_test_wait_for (recently_viewed_first, window);

  recent = rehearse_library_list_recently_viewed (library, 10, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (recent), ==, 2);
  {
    g_autoptr(RehearseQuestion) first = g_list_model_get_item (recent, 0);
    g_autoptr(RehearseQuestion) second = g_list_model_get_item (recent, 1);

    g_assert_cmpint (rehearse_question_get_number (first), ==, 304);
    g_assert_cmpint (rehearse_question_get_number (second), ==, 301);
  }
}

/* The app's own icons come pre-rendered from its resources, at the sizes the
 * UI shows them and at scale 2, so no SVG loader is needed to draw them. */
static void
test_own_icons (Fixture       *fixture,
                gconstpointer  data)
{
  RehearseWindow *window = open_window (fixture);
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (window)));
  static const struct { const char *name; int size; } icons[] = {
    { "rehearse-label-symbolic", 16 },
    { "rehearse-logo-symbolic", 128 },
    { "rehearse-logo-symbolic", 96 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (icons); i++)
    for (int scale = 1; scale <= 2; scale++)
      {
        g_autoptr(GtkIconPaintable) icon = gtk_icon_theme_lookup_icon (
          theme, icons[i].name, NULL, icons[i].size, scale, GTK_TEXT_DIR_NONE, 0);
        g_autoptr(GFile) file = gtk_icon_paintable_get_file (icon);
        g_autofree char *uri = file != NULL ? g_file_get_uri (file) : NULL;
        g_autofree char *expected = g_strdup_printf ("/%s.symbolic.png", icons[i].name);

        g_assert_nonnull (uri);
        g_assert_true (g_str_has_prefix (uri, "resource:///io/github/rehearse/Rehearse/icons/"));
        g_assert_true (g_str_has_suffix (uri, expected));
      }
}

static GtkTextBuffer *
note_buffer (RehearseWindow *window)
{
  RehearseNoteEditor *editor = rehearse_question_view_get_note_editor (question_view (window));
  GtkWidget *view = ui_test_find_widget (GTK_WIDGET (editor), GTK_TYPE_TEXT_VIEW);

  g_assert_nonnull (view);
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
}

static gboolean
note_committed (gpointer editor)
{
  return !rehearse_note_editor_get_has_unsaved_changes (editor);
}

static gboolean
is_gone (gpointer pointer)
{
  return *(gpointer *) pointer == NULL;
}

static void
test_notes_saved_on_switch_and_close (Fixture       *fixture,
                                      gconstpointer  data)
{
  RehearseWindow *window = open_window (fixture);
  RehearseLibrary *library = rehearse_application_get_library (fixture->app);
  RehearseNoteEditor *editor = rehearse_question_view_get_note_editor (question_view (window));
  g_autofree char *note_301 = NULL;
  g_autofree char *note_302 = NULL;

  /* Ctrl+E's action opens the editor on the question shown. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-note", NULL));
  g_assert_true (rehearse_note_editor_get_editing (editor));
  gtk_text_buffer_insert_at_cursor (note_buffer (window), "WASM needs no kernel.", -1);

  /* Going on saves it at once, well before the typing delay. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next", NULL);
  ui_test_wait_for (note_committed, editor);
  note_301 = test_get_note (library, "docker-interview-questions/301");
  g_assert_cmpstr (note_301, ==, "WASM needs no kernel.");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-note", NULL);
  gtk_text_buffer_insert_at_cursor (note_buffer (window), "Sigstore signs images.", -1);
  /* Closing the window saves it too: the window goes once it is saved. */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  ui_test_wait_for (is_gone, &window);
  note_302 = test_get_note (library, "docker-interview-questions/302");
  g_assert_cmpstr (note_302, ==, "Sigstore signs images.");
}

/* Another connection makes the library refuse every note written, as a
 * full disk would. */
#define REFUSE_NOTES_SQL \
  "CREATE TRIGGER refuse_new_notes BEFORE INSERT ON notes" \
  " BEGIN SELECT RAISE (ABORT, 'disk full'); END;" \
  "CREATE TRIGGER refuse_edited_notes BEFORE UPDATE ON notes" \
  " BEGIN SELECT RAISE (ABORT, 'disk full'); END;"

static void
test_bookmark_follows_the_library (Fixture       *fixture,
                                   gconstpointer  data)
{
  RehearseWindow *window = open_window (fixture);
  RehearseLibrary *library = rehearse_application_get_library (fixture->app);
  g_autofree char *label = NULL;
  gboolean bookmarked = TRUE;

  /* Bookmarked elsewhere (the sidebar's menu): the header bar follows. */
  g_object_get (window, "bookmarked", &bookmarked, NULL);
  g_assert_false (bookmarked);
  g_assert_true (rehearse_library_set_bookmarked (library, "docker-interview-questions/301", TRUE,
                                                  "weak", NULL));
  g_object_get (window, "bookmarked", &bookmarked, NULL);
  g_assert_true (bookmarked);

  /* Ctrl+D removes it; labelling (Ctrl+Shift+D) bookmarks again first. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.bookmarked", NULL);
  ui_test_wait_for (shows_not_bookmarked, window);
  g_assert_false (test_is_bookmarked (library, "docker-interview-questions/301"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-bookmark-label", NULL);
  ui_test_wait_for (shows_bookmarked, window);
  g_assert_true (test_get_bookmark (library, "docker-interview-questions/301", &label));
  g_assert_null (label);
}

static gboolean
sidebar_lists_kubernetes (gpointer sidebar)
{
  return ui_test_shows_text (sidebar, "Kubernetes Drills");
}

/* rehearse-cli saves a note and a bookmark on the question shown, through
 * its own connection: coming back to the window shows them. */
static void
test_follows_changes_elsewhere (Fixture       *fixture,
                                gconstpointer  data)
{
  RehearseWindow *window = open_window (fixture);
  RehearseQuestionView *view = question_view (window);
  g_autofree char *path = g_build_filename (fixture->data_home, "library.db", NULL);
  g_autoptr(RehearseLibrary) elsewhere = test_open_library (path);
  const char *key = "docker-interview-questions/301";
  gboolean bookmarked = TRUE;

  ui_test_wait_for (ui_test_window_is_active, window);
  test_save_note (elsewhere, key, "From the terminal.");
  test_bookmark (elsewhere, key, "cli");

  /* Not yet: nothing told the window. */
  g_object_get (window, "bookmarked", &bookmarked, NULL);
  g_assert_false (bookmarked);
  g_assert_false (ui_test_shows_text (GTK_WIDGET (view), "From the terminal."));

  /* As when the window comes to the front again. */
  g_object_notify (G_OBJECT (window), "is-active");
  settle (fixture);
  g_object_get (window, "bookmarked", &bookmarked, NULL);
  g_assert_true (bookmarked);
  g_assert_true (ui_test_shows_text (GTK_WIDGET (view), "From the terminal."));
  g_assert_true (ui_test_shows_text (GTK_WIDGET (view), "cli"));
}

/* What `rehearse-cli import` of a file would store: the deck's sources
 * are named after @version, so that each version is a change. */
static void
import_elsewhere (RehearseLibrary    *library,
                  RehearseParsedDeck *deck,
                  const char         *version)
{
  rehearse_parsed_deck_add_source (deck, "elsewhere.md", version, strlen (version));
  rehearse_parsed_deck_assign_keys (deck);
  test_import_ok (library, deck);
  rehearse_parsed_deck_free (deck);
}

/* A one-question deck. */
static void
import_one_question (RehearseLibrary *library,
                     const char      *title,
                     const char      *answer)
{
  RehearseParsedDeck *deck = rehearse_parsed_deck_new (title);

  rehearse_parsed_deck_add_topic (deck, "Elsewhere", NULL);
  rehearse_parsed_deck_add_question (deck, 0, 301, "What is WebAssembly?", answer, NULL);
  import_elsewhere (library, deck, answer);
}

/* The bundled deck as an edited copy would store it: 301 as it was, in its
 * topic, and a new 401 after it. */
static void
import_301_and_401 (RehearseLibrary  *library,
                    RehearseQuestion *question_301)
{
  RehearseParsedDeck *deck = rehearse_parsed_deck_new ("Docker Interview Questions");

  rehearse_parsed_deck_add_topic (deck, rehearse_question_get_topic_title (question_301), NULL);
  rehearse_parsed_deck_add_question (deck, 0, 301, rehearse_question_get_text (question_301),
                                     rehearse_question_get_answer (question_301),
                                     rehearse_question_get_in_depth (question_301));
  rehearse_parsed_deck_add_question (deck, 0, 401, "What is new?", "New since.", NULL);
  import_elsewhere (library, deck, "edited");
}

/* Decks imported elsewhere: the sidebar lists them; the question shown is
 * shown anew when its answer changed, and left alone (scrolled, noted) when
 * it did not. */
static void
test_follows_decks_changed_elsewhere (Fixture       *fixture,
                                      gconstpointer  data)
{
  RehearseWindow *window = open_window (fixture);
  RehearseQuestionView *view = question_view (window);
  GtkWidget *sidebar = ui_test_find_widget (GTK_WIDGET (window), REHEARSE_TYPE_SIDEBAR);
  g_autofree char *path = g_build_filename (fixture->data_home, "library.db", NULL);
  g_autoptr(RehearseLibrary) elsewhere = test_open_library (path);
  RehearseQuestion *before = rehearse_question_view_get_question (view);

  import_one_question (elsewhere, "Kubernetes Drills", "Pods share a network namespace.");
  g_assert_false (ui_test_shows_text (sidebar, "Kubernetes Drills"));
  g_object_notify (G_OBJECT (window), "is-active");
  ui_test_wait_for (sidebar_lists_kubernetes, sidebar);
  g_assert_true (rehearse_question_view_get_question (view) == before);

  /* The shown deck updated, 301 as it was and 401 new: 301 stays as it is
   * read, and Next goes by the deck as it is now. */
  import_301_and_401 (elsewhere, before);
  g_object_notify (G_OBJECT (window), "is-active");
  settle (fixture);
  g_assert_true (rehearse_question_view_get_question (view) == before);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next", NULL));
  g_assert_cmpint (shown_number (window), ==, 401);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.previous", NULL));
  g_assert_cmpint (shown_number (window), ==, 301);

  /* The shown deck updated: 301 now has another answer. */
  import_one_question (elsewhere, "Docker Interview Questions", "Rewritten in the terminal.");
  g_assert_false (ui_test_shows_text (GTK_WIDGET (view), "Rewritten in the terminal."));
  g_object_notify (G_OBJECT (window), "is-active");
  settle (fixture);
  g_assert_true (ui_test_shows_text (GTK_WIDGET (view), "Rewritten in the terminal."));
  g_assert_cmpint (shown_number (window), ==, 301);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      return l->data;

  return NULL;
}

/* As a click on one of its buttons: the dialog closes itself. */
static void
respond (const char *response)
{
  g_autoptr(AdwMessageDialog) dialog = g_object_ref (find_message_dialog ());

  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (find_message_dialog ());
}

/* ---- Notes the library refuses: closing, quitting, a crash ------------------------ */

#define KEY_301 "docker-interview-questions/301"

static gboolean shows_text_containing (GtkWidget  *widget,
                                       const char *text);

static gboolean
dialog_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

static const char *
dialog_heading (void)
{
  AdwMessageDialog *dialog = find_message_dialog ();

  g_assert_nonnull (dialog);
  return adw_message_dialog_get_heading (dialog);
}

static RehearseNoteDraft *
draft_file (Fixture    *fixture,
            const char *key)
{
  g_autofree char *path = g_build_filename (fixture->data_home, "library.db", NULL);
  g_autoptr(RehearseNoteDrafts) drafts = rehearse_note_drafts_new (path);

  return rehearse_note_drafts_get (drafts, key, NULL);
}

static void
refuse_notes (Fixture  *fixture,
              gboolean  refuse)
{
  g_autofree char *path = g_build_filename (fixture->data_home, "library.db", NULL);

  test_raw_exec_file (path, refuse ? REFUSE_NOTES_SQL
                                   : "DROP TRIGGER refuse_new_notes;"
                                     " DROP TRIGGER refuse_edited_notes;");
}

/* Types @text as 301's note in a new window and closes it as @close does,
 * with the library refusing notes: the window stays and asks. */
static RehearseWindow *
close_with_a_refused_note (Fixture    *fixture,
                           const char *text,
                           void      (*close) (Fixture *, RehearseWindow *))
{
  RehearseWindow *window = open_window (fixture);

  refuse_notes (fixture, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-note", NULL);
  gtk_text_buffer_insert_at_cursor (note_buffer (window), text, -1);
  close (fixture, window);
  ui_test_wait_for (dialog_shown, NULL);
  settle (fixture);
  g_assert_cmpstr (dialog_heading (), ==, "Note Not Saved");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  return window;
}

static void
close_window (Fixture        *fixture,
              RehearseWindow *window)
{
  gtk_window_close (GTK_WINDOW (window));
}

/* Ctrl+Q's action. */
static void
quit_app (Fixture        *fixture,
          RehearseWindow *window)
{
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "quit", NULL);
}

/* Closing the window with a note refused: it stays open and asks; Try
 * Again while the library still refuses asks again; once it takes notes,
 * Try Again saves the note, the window goes and no draft is left. */
static void
test_close_keeps_a_refused_note (Fixture       *fixture,
                                 gconstpointer  data)
{
  RehearseWindow *window = close_with_a_refused_note (fixture, "Written as the disk filled.",
                                                      close_window);
  RehearseLibrary *library = rehearse_application_get_library (fixture->app);
  g_autoptr(RehearseNoteDraft) draft = NULL;
  g_autoptr(RehearseNoteDraft) gone = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *kept = NULL;
  GtkTextIter start, end;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_assert_true (shows_text_containing (GTK_WIDGET (find_message_dialog ()), "disk full"));
  gtk_text_buffer_get_bounds (note_buffer (window), &start, &end);
  kept = gtk_text_iter_get_text (&start, &end);
  g_assert_cmpstr (kept, ==, "Written as the disk filled.");
  refused = test_get_note (library, KEY_301);
  g_assert_null (refused);
  /* Already a draft file, whatever the answer (or a crash) will be. */
  draft = draft_file (fixture, KEY_301);
  g_assert_nonnull (draft);
  g_assert_cmpstr (draft->text, ==, "Written as the disk filled.");

  respond ("retry");
  ui_test_wait_for (dialog_shown, NULL);
  g_assert_nonnull (window);

  refuse_notes (fixture, FALSE);
  respond ("retry");
  ui_test_wait_for (is_gone, &window);
  saved = test_get_note (library, KEY_301);
  g_assert_cmpstr (saved, ==, "Written as the disk filled.");
  gone = draft_file (fixture, KEY_301);
  g_assert_null (gone);
}

/* Discard: the window goes, the note as it was and no draft. */
static void
test_close_and_discard (Fixture       *fixture,
                        gconstpointer  data)
{
  RehearseWindow *window = close_with_a_refused_note (fixture, "Not worth keeping",
                                                      close_window);
  RehearseLibrary *library = rehearse_application_get_library (fixture->app);
  g_autoptr(RehearseNoteDraft) gone = NULL;
  g_autofree char *stored = NULL;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  respond ("discard");
  ui_test_wait_for (is_gone, &window);
  settle (fixture);
  gone = draft_file (fixture, KEY_301);
  g_assert_null (gone);
  refuse_notes (fixture, FALSE);
  stored = test_get_note (library, KEY_301);
  g_assert_null (stored);
}

/* The app started again on the same library, as the next start is. */
static RehearseApplication *
start_again (Fixture *fixture)
{
  static guint count = 0;
  RehearseApplication *app = rehearse_application_new ();
  g_autofree char *id = g_strdup_printf ("io.github.rehearse.Rehearse.TestAgain%u", ++count);
  g_autofree char *path = g_build_filename (fixture->data_home, "library.db", NULL);
  g_autoptr(GError) error = NULL;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_set_application_id (G_APPLICATION (app), id);
  g_object_set (app, "library-path", path, NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

static void
close_all (RehearseApplication *app)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
}

/* The next start offers the draft back; Restore saves it into the library
 * and the draft goes. */
static void
assert_next_start_restores (Fixture    *fixture,
                            const char *text)
{
  g_autoptr(RehearseApplication) app = start_again (fixture);
  RehearseLibrary *library = rehearse_application_get_library (app);
  RehearseWindow *window = rehearse_window_new (app);
  g_autoptr(RehearseNoteDraft) gone = NULL;
  g_autofree char *restored = NULL;

  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_for (dialog_shown, NULL);
  g_assert_cmpstr (dialog_heading (), ==, "1 Unsaved Note From Last Time");
  g_assert_true (shows_text_containing (GTK_WIDGET (find_message_dialog ()), "301."));

  respond ("restore");
  rehearse_library_wait_for_writes (library);
  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  restored = test_get_note (library, KEY_301);
  g_assert_cmpstr (restored, ==, text);
  gone = draft_file (fixture, KEY_301);
  g_assert_null (gone);
  close_all (app);
}

/* Ctrl+Q with a note refused: the app asks instead of quitting; Quit and
 * Keep Draft closes it, and the next start offers the note back. */
static void
test_quit_keeps_a_draft (Fixture       *fixture,
                         gconstpointer  data)
{
  RehearseWindow *window = close_with_a_refused_note (fixture, "Kept across the quit",
                                                      quit_app);
  g_autoptr(RehearseNoteDraft) draft = NULL;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  respond ("keep");
  ui_test_wait_for (is_gone, &window);
  settle (fixture);
  draft = draft_file (fixture, KEY_301);
  g_assert_nonnull (draft);
  g_assert_cmpstr (draft->text, ==, "Kept across the quit");

  refuse_notes (fixture, FALSE);
  assert_next_start_restores (fixture, "Kept across the quit");
}

/* Runs tests/crash-note-editor with @argv after its path, waits for it
 * to print @line (it got that far), then kills it with SIGKILL. */
static void
kill_note_editor_at (const char * const *argv,
                     const char         *line)
{
  const char *child = g_getenv ("REHEARSE_CRASH_NOTE_EDITOR");
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) channel = NULL;
  g_autofree char *read = NULL;
  g_autofree char *expected = g_strconcat (line, "\n", NULL);
  GPid pid;
  int out, status;

  g_assert_nonnull (child);
  g_ptr_array_add (args, (gpointer) child);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) args->pdata, NULL,
                                           G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, NULL,
                                           &out, NULL, &error));
  g_assert_no_error (error);
  channel = g_io_channel_unix_new (out);
  g_io_channel_set_close_on_unref (channel, TRUE);
  g_io_channel_read_line (channel, &read, NULL, NULL, NULL);
  g_assert_cmpstr (read, ==, expected);

  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_spawn_close_pid (pid);
}

/* A note editor killed (SIGKILL) after its note was refused: the next
 * start finds the draft. */
static void
test_crash_leaves_a_draft (Fixture       *fixture,
                           gconstpointer  data)
{
  RehearseWindow *window = open_window (fixture);
  const char *argv[] = { fixture->data_home, KEY_301, "Typed before the crash", NULL };

  gtk_window_destroy (GTK_WINDOW (window));
  refuse_notes (fixture, TRUE);
  kill_note_editor_at (argv, "refused");

  refuse_notes (fixture, FALSE);
  assert_next_start_restores (fixture, "Typed before the crash");
}

/* Killed while its note waits for the write lock (another program holds
 * it; the library waits up to a minute): the text was already a draft
 * file, and the next start offers it back. */
static void
test_crash_while_waiting_leaves_a_draft (Fixture       *fixture,
                                         gconstpointer  data)
{
  RehearseWindow *window = open_window (fixture);
  const char *argv[] = { fixture->data_home, KEY_301, "Typed as another program wrote",
                         "waiting", NULL };
  g_autofree char *path = g_build_filename (fixture->data_home, "library.db", NULL);
  sqlite3 *holder;

  gtk_window_destroy (GTK_WINDOW (window));
  holder = test_raw_open (path);
  test_raw_exec (holder, "BEGIN IMMEDIATE");
  kill_note_editor_at (argv, "waiting");

  /* The other program lets go; the note was never saved. */
  test_raw_exec (holder, "ROLLBACK");
  g_assert_cmpint (test_raw_int (holder, "SELECT count(*) FROM notes WHERE question_key = '"
                                 KEY_301 "'"), ==, 0);
  sqlite3_close (holder);
  assert_next_start_restores (fixture, "Typed as another program wrote");
}


/* A draft from last time whose note was changed elsewhere since: the
 * offer says so, and Restore does not save it over the change but shows
 * it with its question, not saved. */
static void
test_draft_over_a_changed_note_offered (Fixture       *fixture,
                                        gconstpointer  data)
{
  RehearseWindow *window = open_window (fixture);
  RehearseLibrary *library = rehearse_application_get_library (fixture->app);
  g_autofree char *path = g_build_filename (fixture->data_home, "library.db", NULL);
  g_autoptr(RehearseNoteDrafts) drafts = rehearse_note_drafts_new (path);
  g_autoptr(RehearseNoteDraft) draft = rehearse_note_draft_new (KEY_301, "My draft", "Before");
  g_autoptr(RehearseApplication) app = NULL;
  g_autoptr(RehearseNoteDraft) kept = NULL;
  g_autofree char *stored = NULL;

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (rehearse_library_save_note (library, KEY_301, "Changed elsewhere", NULL));
  g_assert_true (rehearse_note_drafts_keep (drafts, draft, NULL));

  app = start_again (fixture);
  window = rehearse_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_for (dialog_shown, NULL);
  g_assert_true (shows_text_containing (GTK_WIDGET (find_message_dialog ()),
                                        "changed elsewhere"));
  respond ("restore");
  settle (fixture);
  rehearse_library_wait_for_writes (rehearse_application_get_library (app));

  stored = test_get_note (library, KEY_301);
  g_assert_cmpstr (stored, ==, "Changed elsewhere");
  kept = draft_file (fixture, KEY_301);
  g_assert_nonnull (kept);
  g_assert_true (ui_test_shows_text (GTK_WIDGET (window), "My draft"));
  g_assert_true (ui_test_shows_text (GTK_WIDGET (window), "Not Saved"));
  close_all (app);
}

static void
test_remove_deck_keeps_user_data (Fixture       *fixture,
                                  gconstpointer  data)
{
  RehearseWindow *window = open_window (fixture);
  RehearseLibrary *library = rehearse_application_get_library (fixture->app);
  g_autoptr(GListModel) decks = rehearse_library_list_decks (library, NULL);
  g_autoptr(RehearseDeck) deck = g_list_model_get_item (decks, 0);
  g_autoptr(GListModel) orphans = NULL;
  g_autoptr(GListModel) after = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.bookmarked", NULL);

  /* Removing asks first; cancelling keeps the deck. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-deck", "x",
                              rehearse_deck_get_id (deck));
  g_assert_nonnull (find_message_dialog ());
  respond ("cancel");
  g_clear_object (&decks);
  decks = rehearse_library_list_decks (library, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (decks), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-deck", "x",
                              rehearse_deck_get_id (deck));
  respond ("confirm");
  /* Off the main loop: removing is not done yet, and the window says so
   * if it takes long. */
  settle (fixture);

  /* The deck is gone, the question shown with it; its bookmark is not. */
  after = rehearse_library_list_decks (library, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, 0);
  g_assert_null (rehearse_question_view_get_question (question_view (window)));
  orphans = rehearse_library_list_orphaned (library, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (orphans), ==, 1);
  g_assert_true (test_is_bookmarked (library, "docker-interview-questions/301"));
}

/* ---- Undoing an import ------------------------------------------------------------ */

#define DRILLS_V1 \
  "# Networking Drills\n\n## Bridges\n\n" \
  "### 1. What is a bridge network?\n\nThe default network of a container.\n\n" \
  "### 2. What is an overlay network?\n\nOne that spans hosts.\n"
/* Question 1 changed, 2 gone, 3 new. */
#define DRILLS_V2 \
  "# Networking Drills\n\n## Bridges\n\n" \
  "### 1. What is a bridge network?\n\nThe default network, explained again.\n\n" \
  "### 3. What is a macvlan network?\n\nOne with its own MAC address.\n"
#define DRILLS_V3 \
  "# Networking Drills\n\n## Bridges\n\n" \
  "### 1. What is a bridge network?\n\nExplained a third time.\n\n" \
  "### 3. What is a macvlan network?\n\nOne with its own MAC address.\n"

static gboolean window_shows_text_containing (gpointer data);

/* The toast (CSS name "toast") shown, if it shows a text with @part in
 * it. Toasts on their way out stay in the tree until their animation
 * ends, but no longer take clicks. */
static GtkWidget *
find_toast (GtkWidget  *widget,
            const char *part)
{
  if (g_strcmp0 (gtk_widget_get_css_name (widget), "toast") == 0)
    return gtk_widget_get_can_target (widget) && shows_text_containing (widget, part)
           ? widget : NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_toast (child, part);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
toast_shown (gpointer data)
{
  SoughtText *sought = data;

  return find_toast (GTK_WIDGET (sought->window), sought->text) != NULL;
}

/* The button of @toast labelled @label, or its button with an icon only
 * when @label is NULL. */
static GtkButton *
toast_button (GtkWidget  *widget,
              const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget)
      && (label != NULL ? g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0
                        : gtk_button_get_label (GTK_BUTTON (widget)) == NULL))
    return GTK_BUTTON (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkButton *found = toast_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Waits for the toast, checks what a screen reader hears of its buttons,
 * and returns it. */
static GtkWidget *
wait_for_toast (RehearseWindow *window,
                const char     *text)
{
  SoughtText sought = { window, text };
  GtkWidget *toast;
  GtkButton *close;

  ui_test_wait_for (toast_shown, &sought);
  toast = find_toast (GTK_WIDGET (window), text);
  close = toast_button (toast, NULL);
  g_assert_nonnull (close);
  gtk_test_accessible_assert_property (close, GTK_ACCESSIBLE_PROPERTY_LABEL, "Dismiss");
  return toast;
}

/* A toast that may hide the ones behind it for ten seconds, dismissed. */
static void
dismiss_toast (GtkWidget *toast)
{
  g_signal_emit_by_name (toast_button (toast, NULL), "clicked");
}

static gboolean
toast_gone (gpointer toast)
{
  return gtk_widget_get_parent (toast) == NULL;
}

/* Details of an import's toast, as a click: its outline opens, and the
 * toast goes (libadwaita dismisses it from an idle). The button is named
 * once: libadwaita 1.2 gives it its label as a name and the label inside
 * as another ("Details Details"). */
static void
open_details (GtkWidget *toast)
{
  g_autoptr(GtkWidget) kept = g_object_ref (toast);
  GtkButton *details = toast_button (toast, "Details");

  g_assert_nonnull (details);
  gtk_test_accessible_assert_property (details, GTK_ACCESSIBLE_PROPERTY_LABEL, "Details");
  g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (details),
                                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY));
  g_signal_emit_by_name (details, "clicked");
  ui_test_wait_for (dialog_shown, NULL);
  g_assert_true (adw_message_dialog_has_response (find_message_dialog (), "undo"));
  ui_test_wait_for (toast_gone, kept);
}

static void
write_drills (const char *path,
              const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
}

static char *
answer_of (RehearseLibrary *library,
           const char      *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RehearseQuestion) question = rehearse_library_get_question (library, key, &error);

  g_assert_no_error (error);
  return g_strdup (rehearse_question_get_answer (question));
}

/* A file imported again after it changed: Undo Import in its Details puts
 * the deck back as it was, the question shown with it, and the notes and
 * bookmarks stay on their questions. Once the deck changed again since
 * (here, imported again while the Details were open), Undo is refused,
 * saying why, and the deck is left as it is. */
static void
test_reimport_undone (Fixture       *fixture,
                      gconstpointer  data)
{
  RehearseWindow *window = open_window (fixture);
  RehearseLibrary *library = rehearse_application_get_library (fixture->app);
  g_autofree char *path = g_build_filename (fixture->data_home, "networking-drills.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SoughtText sought = { window, NULL };
  g_autofree char *answer = NULL;
  g_autofree char *note = NULL;
  GtkWidget *toast;

  /* Toasts go at once. With their animations, toasts on their way out
   * were seen to stay in this test (no frame reached them), and
   * libadwaita 1.2.2 then crashed: a segfault in adw_animation_skip()
   * one run in two, and show_toast's assertion (!info->widget) when a
   * toast put back behind a newer one came again before its way out had
   * ended. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  write_drills (path, DRILLS_V1);
  rehearse_window_import_files (window, &file, 1);
  dismiss_toast (wait_for_toast (window, "Imported “Networking Drills”: 2 questions"));
  test_save_note (library, "networking-drills/2", "Overlay: VXLAN");

  write_drills (path, DRILLS_V2);
  rehearse_window_import_files (window, &file, 1);
  toast = wait_for_toast (window, "Updated “Networking Drills”: 1 new, 1 changed");
  sought.text = "The default network, explained again.";
  ui_test_wait_for (window_shows_text_containing, &sought);
  test_bookmark (library, "networking-drills/3", NULL);

  open_details (toast);
  g_assert_cmpstr (dialog_heading (), ==, "Updated “Networking Drills”");
  respond ("undo");
  dismiss_toast (wait_for_toast (window, "Restored the previous version of “Networking Drills”"));
  /* The question shown, read again as it was. */
  sought.text = "The default network of a container.";
  ui_test_wait_for (window_shows_text_containing, &sought);
  answer = answer_of (library, "networking-drills/1");
  g_assert_cmpstr (answer, ==, "The default network of a container.");
  note = test_get_note (library, "networking-drills/2");
  g_assert_cmpstr (note, ==, "Overlay: VXLAN");
  test_assert_keys (test_orphaned_keys (library), "networking-drills/3");
  g_assert_true (test_is_bookmarked (library, "networking-drills/3"));

  /* The file brings its changes in again (question 3 back from the
   * orphans); its Details stay open while it changes once more and is
   * imported again. */
  rehearse_window_import_files (window, &file, 1);
  toast = wait_for_toast (window, "Updated “Networking Drills”: 0 new, 2 changed");
  open_details (toast);
  write_drills (path, DRILLS_V3);
  rehearse_window_import_files (window, &file, 1);
  dismiss_toast (wait_for_toast (window, "Updated “Networking Drills”: 0 new, 1 changed"));
  respond ("undo");
  dismiss_toast (wait_for_toast (window, "“Networking Drills” has changed since it was "
                                         "imported, so the import can no longer be undone"));
  settle (fixture);
  g_clear_pointer (&answer, g_free);
  answer = answer_of (library, "networking-drills/1");
  g_assert_cmpstr (answer, ==, "Explained a third time.");
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
}

/* A toast shows a message as written, though its title is Pango markup:
 * deck titles hold "&" ("Experimental Tech & Advanced Production"). */
static void
test_message_shown_as_written (Fixture       *fixture,
                               gconstpointer  data)
{
  SoughtText sought = { open_window (fixture), "Imported “Tech & <More>”: 2 questions" };

  rehearse_window_show_message (sought.window, sought.text);
  ui_test_wait_for (window_shows_text, &sought);
}

/* A new message takes the place of the one shown, at once: it does not
 * wait six seconds behind it. */
static void
test_new_message_replaces_shown (Fixture       *fixture,
                                 gconstpointer  data)
{
  RehearseWindow *window = open_window (fixture);

  /* Toasts go at once, not in an animation of their own time. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  rehearse_window_show_message (window, "The first message");
  wait_for_toast (window, "The first message");

  rehearse_window_show_message (window, "The second message");
  for (guint i = 0; i < 100 && find_toast (GTK_WIDGET (window), "The second message") == NULL; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
  g_assert_nonnull (find_toast (GTK_WIDGET (window), "The second message"));
  g_assert_null (find_toast (GTK_WIDGET (window), "The first message"));
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
}

static GtkFileChooser *
find_file_chooser (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (GTK_IS_FILE_CHOOSER_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

static gboolean
chooser_has_a_file (gpointer chooser)
{
  g_autoptr(GListModel) files = gtk_file_chooser_get_files (chooser);

  return g_list_model_get_n_items (files) > 0;
}

/* The deck chooser answered after its window was closed: the window is kept
 * until then (it was used after being freed), the files chosen are imported,
 * and then the window goes. */
static void
test_deck_chooser_outlives_its_window (Fixture       *fixture,
                                       gconstpointer  data)
{
  RehearseWindow *window = open_window (fixture);
  RehearseLibrary *library = rehearse_application_get_library (fixture->app);
  g_autoptr(GListModel) decks = NULL;
  g_autofree char *path = g_build_filename (rehearse_importer_bundled_decks_dir (),
                                            "docker-interview-questions",
                                            "301-350-expert-docker-experimental-tech.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GtkFileChooser *chooser;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL);
  chooser = find_file_chooser ();
  g_assert_nonnull (chooser);
  gtk_file_chooser_set_file (chooser, file, &error);
  g_assert_no_error (error);
  ui_test_wait_for (chooser_has_a_file, chooser);

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_nonnull (window);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  g_assert_null (find_file_chooser ());

  ui_test_wait_for (is_gone, &window);
  decks = rehearse_library_list_decks (library, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (decks), ==, 2);
}

/* Whether a visible label under @widget shows text with @part in it. */
static gboolean
shows_text_containing (GtkWidget  *widget,
                       const char *part)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), part) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text_containing (child, part))
      return TRUE;

  return FALSE;
}

static gboolean
window_shows_text_containing (gpointer data)
{
  SoughtText *sought = data;

  return shows_text_containing (GTK_WIDGET (sought->window), sought->text);
}

static RehearseWindow *
open_window_until_it_shows (Fixture    *fixture,
                            const char *part)
{
  SoughtText sought = { rehearse_window_new (fixture->app), part };

  gtk_window_present (GTK_WINDOW (sought.window));
  ui_test_wait_for (window_shows_text_containing, &sought);
  return sought.window;
}

/* A package without its decks' folder: the first run says so, naming the
 * folder, and is not over; once the folder is back, the next start imports
 * the deck. */
static void
test_bundled_deck_missing (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *decks_dir = g_strdup (g_getenv ("REHEARSE_BUNDLED_DECKS_DIR"));
  g_autofree char *missing = g_build_filename (fixture->data_home, "no & decks", NULL);
  GSettings *settings = rehearse_application_get_settings (fixture->app);
  RehearseLibrary *library = rehearse_application_get_library (fixture->app);
  g_autoptr(GListModel) decks = NULL;
  RehearseWindow *window;
  SoughtText toast;

  g_setenv ("REHEARSE_BUNDLED_DECKS_DIR", missing, TRUE);
  window = open_window_until_it_shows (fixture, "The Docker Deck Could Not Be Imported");
  g_assert_true (shows_text_containing (GTK_WIDGET (window), missing));
  g_assert_false (g_settings_get_boolean (settings, "bundled-deck-imported"));
  decks = rehearse_library_list_decks (library, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (decks), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));

  /* With decks of the user's own, those are shown and the failure toasted. */
  import_one_question (library, "Kubernetes Drills", "Pods.");
  window = open_window_until_it_shows (fixture, "No Question Selected");
  toast = (SoughtText) { window, "The Docker deck could not be imported from" };
  ui_test_wait_for (window_shows_text_containing, &toast);
  g_assert_true (shows_text_containing (GTK_WIDGET (window), missing));
  g_assert_false (g_settings_get_boolean (settings, "bundled-deck-imported"));
  gtk_window_destroy (GTK_WINDOW (window));

  /* The folder back, the next start imports the deck. */
  g_setenv ("REHEARSE_BUNDLED_DECKS_DIR", decks_dir, TRUE);
  window = open_window (fixture);
  g_assert_cmpstr (rehearse_question_get_key (
                     rehearse_question_view_get_question (question_view (window))),
                   ==, "docker-interview-questions/301");
  g_assert_true (g_settings_get_boolean (settings, "bundled-deck-imported"));
}

/* The first widget under @widget that activates @action_name. */
static GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action_name)
{
  if (GTK_IS_ACTIONABLE (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static RehearseQuizSetupDialog *
find_quiz_setup_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (REHEARSE_IS_QUIZ_SETUP_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

/* The content stack's page shown: the reader, or a quiz or the progress
 * page in its place. */
static const char *
content_shown (RehearseWindow *window)
{
  GtkWidget *reader_page = gtk_widget_get_parent (GTK_WIDGET (question_view (window)));

  return gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_parent (reader_page)));
}

static gboolean
today_plan_computed (gpointer window)
{
  GtkWidget *page = ui_test_find_widget (GTK_WIDGET (window), REHEARSE_TYPE_PROGRESS_PAGE);

  return page != NULL
         && rehearse_progress_page_get_today_plan (REHEARSE_PROGRESS_PAGE (page)) != NULL;
}

/* The quiz and progress pages are made when first needed: start-up does
 * not pay for what many sessions never open. With an interview date set,
 * the progress page is made once the window is up, for today's plan in Due
 * for Review. */
static void
test_pages_made_when_needed (Fixture       *fixture,
                             gconstpointer  data)
{
  RehearseWindow *window = open_window (fixture);
  RehearseLibrary *library = rehearse_application_get_library (fixture->app);
  g_autoptr(RehearsePlanSettings) plan = rehearse_plan_settings_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) interview = g_date_time_add_days (now, 14);
  g_autoptr(GError) error = NULL;
  RehearseWindow *planned;

  settle (fixture);
  g_assert_null (ui_test_find_widget (GTK_WIDGET (window), REHEARSE_TYPE_QUIZ_PAGE));
  g_assert_null (ui_test_find_widget (GTK_WIDGET (window), REHEARSE_TYPE_PROGRESS_PAGE));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-progress", NULL);
  g_assert_cmpstr (content_shown (window), ==, "progress");
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (window), REHEARSE_TYPE_PROGRESS_PAGE));

  plan->interview_date = g_date_time_format (interview, "%Y-%m-%d");
  g_assert_true (rehearse_library_set_plan_settings (library, plan, &error));
  g_assert_no_error (error);
  planned = open_window (fixture);
  ui_test_wait_for (today_plan_computed, planned);
  g_assert_cmpstr (content_shown (planned), ==, "reader");
  g_assert_null (ui_test_find_widget (GTK_WIDGET (planned), REHEARSE_TYPE_QUIZ_PAGE));
}

static gboolean
quiz_not_saving (gpointer page)
{
  return !rehearse_quiz_page_get_saving (page);
}

/* Ctrl+R (win.start-quiz) opens the quiz's setup dialog, preset by the
 * parameter the sidebar's menus give; Start puts the quiz in the reader's
 * place, whose actions then rest; Open in Reader on a missed question
 * brings the reader back on that question. The menu and the shortcuts
 * window offer it. */
static void
test_quiz (Fixture       *fixture,
           gconstpointer  data)
{
  RehearseWindow *window = open_window (fixture);
  RehearseLibrary *library = rehearse_application_get_library (fixture->app);
  g_autoptr(GListModel) decks = rehearse_library_list_decks (library, NULL);
  g_autoptr(RehearseDeck) deck = g_list_model_get_item (decks, 0);
  g_autoptr(GListModel) topics = rehearse_library_list_topics (library,
                                                              rehearse_deck_get_id (deck), NULL);
  g_autoptr(RehearseTopic) topic = g_list_model_get_item (topics, 1);
  g_autofree char *preset = g_strdup_printf ("topic:%" G_GINT64_FORMAT,
                                             rehearse_topic_get_id (topic));
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture->app),
                                                                "win.start-quiz('')");
  RehearseQuizPage *page;
  RehearseQuizSetupDialog *dialog;
  RehearseQuizSession *session;
  g_autofree char *missed_key = NULL;
  gboolean bookmarked;

  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>r"));
  g_assert_cmpstr (content_shown (window), ==, "reader");
  /* Made by the first quiz, not at start-up. */
  g_assert_null (ui_test_find_widget (GTK_WIDGET (window), REHEARSE_TYPE_QUIZ_PAGE));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.start-quiz", "s", preset);
  dialog = find_quiz_setup_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_cmpstr (rehearse_quiz_setup_dialog_get_title (dialog), ==,
                   rehearse_topic_get_title (topic));
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (dialog))
                 == ui_test_find_button (GTK_WIDGET (dialog), "Start"));
  g_signal_emit_by_name (ui_test_find_button (GTK_WIDGET (dialog), "Start"), "clicked");
  g_assert_null (find_quiz_setup_dialog ());
  ui_test_assert_all_windows_shown ();

  g_assert_cmpstr (content_shown (window), ==, "quiz");
  page = REHEARSE_QUIZ_PAGE (ui_test_find_widget (GTK_WIDGET (window), REHEARSE_TYPE_QUIZ_PAGE));
  g_assert_nonnull (page);
  session = rehearse_quiz_page_get_session (page);
  g_assert_nonnull (session);
  g_assert_cmpuint (rehearse_quiz_session_get_n_cards (session), ==,
                    rehearse_topic_get_question_count (topic));
  /* Ctrl+D has no question to bookmark. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.bookmarked", NULL);
  g_object_get (window, "bookmarked", &bookmarked, NULL);
  g_assert_false (bookmarked);

  /* One card missed, then End Quiz: its summary, whose Open in Reader
   * shows the question read again. */
  missed_key = g_strdup (rehearse_question_get_key (rehearse_quiz_session_get_question (session)));
  gtk_widget_activate_action (GTK_WIDGET (page), "quiz.reveal", NULL);
  gtk_widget_activate_action (GTK_WIDGET (page), "quiz.grade", "i", 1);
  gtk_widget_activate_action (GTK_WIDGET (page), "quiz.end", NULL);
  g_assert_cmpstr (content_shown (window), ==, "quiz");
  g_signal_emit_by_name (page, "open-question", missed_key);
  g_assert_cmpstr (content_shown (window), ==, "reader");
  g_assert_cmpstr (rehearse_question_get_key (rehearse_question_view_get_question (
                     question_view (window))), ==, missed_key);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.bookmarked", NULL);
  rehearse_library_wait_for_writes (library);
  g_assert_true (test_is_bookmarked (library, missed_key));

  /* With nothing graded, End Quiz goes straight back to the reader. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.start-quiz", "s", "");
  g_signal_emit_by_name (ui_test_find_button (GTK_WIDGET (find_quiz_setup_dialog ()), "Start"),
                         "clicked");
  g_assert_cmpstr (content_shown (window), ==, "quiz");
  gtk_widget_activate_action (GTK_WIDGET (page), "quiz.end", NULL);
  g_assert_cmpstr (content_shown (window), ==, "reader");

  ui_test_wait_for (quiz_not_saving, page);
  {
    g_autoptr(GArray) reviews = rehearse_library_list_reviews (library, missed_key, NULL);

    g_assert_cmpuint (reviews->len, ==, 1);
  }
}

static gboolean
is_drawn (gpointer widget)
{
  return gtk_widget_is_drawable (widget) && gtk_widget_get_width (widget) > 0;
}

/* The main menu's button (the primary menu button). */
static GtkWidget *
main_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = main_menu_button (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
leaflet_folded (gpointer window)
{
  return adw_leaflet_get_folded (ADW_LEAFLET (ui_test_find_widget (window, ADW_TYPE_LEAFLET)));
}

/* F9 hides the sidebar, and the main menu with it: a button in the
 * content's header bar brings them back, and goes with them. Folded (a
 * narrow window), the Back button does that work instead. */
static void
test_hidden_sidebar_has_a_way_back (Fixture       *fixture,
                                    gconstpointer  data)
{
  RehearseWindow *window = open_window (fixture);
  GtkWidget *sidebar = ui_test_find_widget (GTK_WIDGET (window), REHEARSE_TYPE_SIDEBAR);
  GtkWidget *menu = main_menu_button (GTK_WIDGET (window));
  GtkWidget *show_sidebar = find_actionable (GTK_WIDGET (window), "win.toggle-sidebar");

  g_assert_nonnull (show_sidebar);
  g_assert_false (gtk_widget_get_visible (show_sidebar));
  ui_test_wait_for (is_drawn, menu);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL);
  g_assert_false (gtk_widget_is_drawable (sidebar));
  g_assert_false (gtk_widget_is_drawable (menu));
  ui_test_wait_for (is_drawn, show_sidebar);
  gtk_test_accessible_assert_property (show_sidebar, GTK_ACCESSIBLE_PROPERTY_LABEL, "Show Sidebar");

  g_signal_emit_by_name (show_sidebar, "clicked");
  g_assert_false (gtk_widget_get_visible (show_sidebar));
  ui_test_wait_for (is_drawn, menu);
  g_assert_true (gtk_widget_is_drawable (sidebar));

  /* Folded (a narrow window), F9 goes to the sidebar's page and back. */
  gtk_window_destroy (GTK_WINDOW (window));
  window = rehearse_window_new (fixture->app);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_for (leaflet_folded, window);
  show_sidebar = find_actionable (GTK_WIDGET (window), "win.toggle-sidebar");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL);
  g_assert_false (gtk_widget_get_visible (show_sidebar));
}

/* About shows the app's own icon, uninstalled as here and installed: the
 * icon it names is one the icon theme finds. */
static void
test_about_shows_the_app_icon (Fixture       *fixture,
                               gconstpointer  data)
{
  RehearseWindow *window = open_window (fixture);
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (window)));
  g_autoptr(GList) toplevels = NULL;
  g_autoptr(GtkIconPaintable) icon = NULL;
  g_autofree char *icon_name = NULL;
  GtkWindow *about = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "about", NULL);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_ABOUT_WINDOW (l->data))
      about = l->data;
  g_assert_nonnull (about);

  g_object_get (about, "application-icon", &icon_name, NULL);
  g_assert_true (gtk_icon_theme_has_icon (theme, icon_name));
  icon = gtk_icon_theme_lookup_icon (theme, icon_name, NULL, 128, 1, GTK_TEXT_DIR_NONE, 0);
  g_assert_cmpstr (gtk_icon_paintable_get_icon_name (icon), ==, icon_name);
  gtk_window_destroy (about);
}

static gboolean
question_view_shows_key (gpointer data)
{
  SoughtText *sought = data;
  RehearseQuestion *question = rehearse_question_view_get_question (question_view (sought->window));

  return question != NULL && g_strcmp0 (rehearse_question_get_key (question), sought->text) == 0;
}

/* &, < and > in every text a user or a deck brings (deck, topic, question,
 * answer, bookmark label, note) are shown as written wherever they show
 * (a "<" that opens an HTML tag in Markdown is HTML, so these open none):
 * the import's message, the reader, the collections, the quiz's summary.
 * A text taken for Pango markup would show blank or fail with a warning,
 * which these tests make fatal. */
static void
test_markup_characters_shown_as_written (Fixture       *fixture,
                                         gconstpointer  data)
{
  RehearseWindow *window = open_window (fixture);
  RehearseLibrary *library = rehearse_application_get_library (fixture->app);
  GtkWidget *sidebar = ui_test_find_widget (GTK_WIDGET (window), REHEARSE_TYPE_SIDEBAR);
  g_autofree char *path = g_build_filename (fixture->data_home, "tech-&-more.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *key = "tech-3-things/1";   /* keys come from the title */
  RehearseQuizPage *page;
  SoughtText sought = { window, NULL };

  g_assert_true (g_file_set_contents (path,
                                      "# Tech & <3 Things >\n\n"
                                      "## Pipes & Redirects: a < b > c\n\n"
                                      "### 1. When is a && b > c true & why a<b?\n\n"
                                      "When a < b & c > d; see <kbd>&amp;</kbd>.\n",
                                      -1, NULL));
  rehearse_window_import_files (window, &file, 1);
  sought.text = "Imported “Tech & <3 Things >”: 1 question";
  ui_test_wait_for (window_shows_text, &sought);

  /* The import shows its first question. */
  sought.text = key;
  ui_test_wait_for (question_view_shows_key, &sought);
  g_assert_true (ui_test_shows_text (GTK_WIDGET (window), "Pipes & Redirects: a < b > c"));
  g_assert_true (shows_text_containing (GTK_WIDGET (window), "When is a && b > c true & why a<b?"));
  g_assert_true (shows_text_containing (GTK_WIDGET (window), "When a < b & c > d"));

  g_assert_true (rehearse_library_set_bookmarked (library, key, TRUE, "A&B <1>", NULL));
  g_assert_true (rehearse_library_save_note (library, key, "Use & and <tags> > none", NULL));
  settle (fixture);
  g_assert_true (shows_text_containing (GTK_WIDGET (window), "Use & and <tags> > none"));
  g_assert_true (shows_text_containing (GTK_WIDGET (window), "A&B <1>"));

  rehearse_sidebar_open_collection (REHEARSE_SIDEBAR (sidebar), REHEARSE_COLLECTION_BOOKMARKED);
  sought.text = "A&B <1>";
  ui_test_wait_for (window_shows_text_containing, &sought);
  rehearse_sidebar_open_collection (REHEARSE_SIDEBAR (sidebar), REHEARSE_COLLECTION_WITH_NOTES);
  sought.text = "Use & and <tags> > none";
  ui_test_wait_for (window_shows_text_containing, &sought);

  /* A quiz on the deck, its one card missed: the summary lists it. */
  {
    g_autoptr(GListModel) decks = rehearse_library_list_decks (library, NULL);
    g_autofree char *preset = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (decks); i++)
      {
        g_autoptr(RehearseDeck) deck = g_list_model_get_item (decks, i);

        if (g_str_equal (rehearse_deck_get_title (deck), "Tech & <3 Things >"))
          preset = g_strdup_printf ("deck:%" G_GINT64_FORMAT, rehearse_deck_get_id (deck));
      }
    g_assert_nonnull (preset);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.start-quiz", "s", preset);
  }
  g_assert_true (shows_text_containing (GTK_WIDGET (find_quiz_setup_dialog ()),
                                             "Tech & <3 Things >"));
  g_signal_emit_by_name (ui_test_find_button (GTK_WIDGET (find_quiz_setup_dialog ()), "Start"),
                         "clicked");
  page = REHEARSE_QUIZ_PAGE (ui_test_find_widget (GTK_WIDGET (window), REHEARSE_TYPE_QUIZ_PAGE));
  g_assert_true (shows_text_containing (GTK_WIDGET (page), "When is a && b > c true & why a<b?"));
  gtk_widget_activate_action (GTK_WIDGET (page), "quiz.reveal", NULL);
  gtk_widget_activate_action (GTK_WIDGET (page), "quiz.grade", "i", 1);
  gtk_widget_activate_action (GTK_WIDGET (page), "quiz.end", NULL);
  sought.text = "When is a && b > c true & why a<b?";
  ui_test_wait_for (window_shows_text_containing, &sought);
  ui_test_wait_for (quiz_not_saving, page);
}

/* A library from a newer Rehearse is said to be that, not a disk
 * problem, and is left as it was. */
static void
test_newer_library_said (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->data_home, "newer.db", NULL);
  g_autoptr(RehearseApplication) app = rehearse_application_new ();
  g_autoptr(GError) error = NULL;
  SoughtText sought = { NULL, "Made by a Newer Rehearse" };
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE later (x); PRAGMA user_version = 99",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_set_application_id (G_APPLICATION (app), "io.github.rehearse.Rehearse.TestNewer");
  g_object_set (app, "library-path", path, NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_assert_null (rehearse_application_get_library (app));
  g_assert_error (rehearse_application_get_library_error (app), REHEARSE_ERROR,
                  REHEARSE_ERROR_NEWER_DATABASE);

  sought.window = rehearse_window_new (app);
  gtk_window_present (GTK_WINDOW (sought.window));
  ui_test_wait_for (window_shows_text, &sought);
  g_assert_true (shows_text_containing (GTK_WIDGET (sought.window),
                                        "was written by a newer version of Rehearse"));
  g_assert_true (shows_text_containing (GTK_WIDGET (sought.window), "nothing in it was changed"));
  g_assert_false (shows_text_containing (GTK_WIDGET (sought.window), "Check the disk"));
  gtk_window_destroy (GTK_WINDOW (sought.window));

  db = test_raw_open (path);
  g_assert_cmpint (test_raw_int (db, "PRAGMA user_version"), ==, 99);
  sqlite3_close (db);
}

/* A search index that lost track of rows is found and rebuilt as the
 * window opens, and the user is told; a sound one is left alone. */
static void
test_search_index_mended (Fixture       *fixture,
                          gconstpointer  data)
{
  RehearseLibrary *library = rehearse_application_get_library (fixture->app);
  g_autofree char *path = g_build_filename (fixture->data_home, "library.db", NULL);
  SoughtText sought = { open_window (fixture), "has been rebuilt" };
  gboolean complete = FALSE;

  settle (fixture);
  g_assert_false (shows_text_containing (GTK_WIDGET (sought.window), sought.text));
  gtk_window_destroy (GTK_WINDOW (sought.window));

  test_raw_exec_file (path, "INSERT INTO questions_fts (rowid, text, answer, in_depth)"
                            " VALUES (999999, 'ghost', 'phantom', '')");
  g_assert_true (rehearse_library_search_index_complete (library, &complete, NULL));
  g_assert_false (complete);

  sought.window = open_window (fixture);
  ui_test_wait_for (window_shows_text_containing, &sought);
  g_assert_true (rehearse_library_search_index_complete (library, &complete, NULL));
  g_assert_true (complete);
  test_assert_check (library, NULL);
}

static gboolean
has_a_backup (gpointer library)
{
  g_autoptr(GPtrArray) backups = rehearse_library_list_backups (library, NULL);

  return backups != NULL && backups->len > 0;
}

/* A change in the library (here a bookmark) is followed by a backup, made
 * off the main loop, when none is recent. */
static void
test_backup_after_changes (Fixture       *fixture,
                           gconstpointer  data)
{
  RehearseWindow *window = open_window (fixture);
  RehearseLibrary *library = rehearse_application_get_library (fixture->app);
  g_autoptr(GPtrArray) backups = NULL;

  g_assert_false (has_a_backup (library));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.bookmarked", NULL);
  ui_test_wait_for (has_a_backup, library);
  settle (fixture);
  backups = rehearse_library_list_backups (library, NULL);
  g_assert_cmpuint (backups->len, ==, 1);
}

static GMenuModel *
primary_menu (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
    return gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GMenuModel *menu = primary_menu (child);

      if (menu != NULL)
        return menu;
    }

  return NULL;
}

/* The main menu offers the quiz (the dialog as it is), and the shortcuts
 * window lists Ctrl+R. */
static void
test_quiz_in_menu (Fixture       *fixture,
                   gconstpointer  data)
{
  RehearseWindow *window = open_window (fixture);
  GMenuModel *menu = primary_menu (GTK_WIDGET (window));
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (
    "/io/github/rehearse/Rehearse/rehearse-shortcuts-window.ui");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  gboolean in_menu = FALSE;
  gboolean in_shortcuts = FALSE;

  g_assert_nonnull (menu);
  for (int section = 0; section < g_menu_model_get_n_items (menu); section++)
    {
      g_autoptr(GMenuModel) items = g_menu_model_get_item_link (menu, section,
                                                                G_MENU_LINK_SECTION);

      for (int i = 0; items != NULL && i < g_menu_model_get_n_items (items); i++)
        {
          g_autofree char *action = NULL;
          g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (
            items, i, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_STRING);

          if (g_menu_model_get_item_attribute (items, i, G_MENU_ATTRIBUTE_ACTION, "s", &action)
              && g_str_equal (action, "win.start-quiz"))
            in_menu = target != NULL && g_str_equal (g_variant_get_string (target, NULL), "");
        }
    }
  g_assert_true (in_menu);

  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        g_autofree char *accelerator = NULL;

        g_object_get (l->data, "accelerator", &accelerator, NULL);
        in_shortcuts |= g_strcmp0 (accelerator, "<Control>r") == 0;
      }
  g_assert_true (in_shortcuts);
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
}

/* Reads that fail are said, not taken for "nothing": the bookmark of the
 * question shown (and Ctrl+D is off, as it would act blind), and a
 * collection the sidebar could not list. */
static void
test_read_failures_are_shown (Fixture       *fixture,
                              gconstpointer  data)
{
  SoughtText not_read = { open_window (fixture), NULL };
  RehearseWindow *window = not_read.window;
  GtkWidget *sidebar = ui_test_find_widget (GTK_WIDGET (window), REHEARSE_TYPE_SIDEBAR);
  g_autofree char *path = g_build_filename (fixture->data_home, "library.db", NULL);

  test_raw_exec_file (path, "ALTER TABLE bookmarks RENAME TO bookmarks_hidden");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next", NULL);
  not_read.text = "Could not read the bookmark: Could not read the library: "
                  "no such table: bookmarks";
  ui_test_wait_for (window_shows_text, &not_read);
  g_assert_false (gtk_widget_get_sensitive (find_actionable (GTK_WIDGET (window),
                                                              "win.bookmarked")));

  rehearse_sidebar_open_collection (REHEARSE_SIDEBAR (sidebar), REHEARSE_COLLECTION_BOOKMARKED);
  g_assert_true (ui_test_shows_text (sidebar, "Could Not List the Questions"));
  not_read.text = "Could not list the questions: Could not read the library: "
                  "no such table: bookmarks";
  ui_test_wait_for (window_shows_text, &not_read);
}

/* ---- A library that cannot be written ------------------------------------------ */

/* Root writes whatever a file's mode says (CAP_DAC_OVERRIDE), and the
 * tests may run as root: the process lets go of that capability, so that
 * a mode refuses it writing as it refuses a user. */
static void
obey_file_modes (void)
{
  struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct caps[_LINUX_CAPABILITY_U32S_3] = { { 0, }, };
  guint index = CAP_TO_INDEX (CAP_DAC_OVERRIDE);
  guint32 mask = CAP_TO_MASK (CAP_DAC_OVERRIDE);

  g_assert_cmpint (syscall (SYS_capget, &header, caps), ==, 0);
  caps[index].effective &= ~mask;
  caps[index].permitted &= ~mask;
  caps[index].inheritable &= ~mask;
  g_assert_cmpint (syscall (SYS_capset, &header, caps), ==, 0);
}

/* A library with 301's note, closed (its WAL folded into the file), in a
 * folder of its own under the data folder. */
static char *
make_closed_library (Fixture *fixture)
{
  g_autofree char *folder = g_build_filename (fixture->data_home, "shelf", NULL);
  g_autoptr(RehearseLibrary) library = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  library = ui_test_library_with_bundled_deck (folder);
  test_save_note (library, KEY_301, "Read where nothing is written.");
  return g_strdup (rehearse_library_get_path (library));
}

/* A window of a new app on the library at @path, showing 301. */
static RehearseWindow *
open_window_on (const char *path)
{
  static guint count = 0;
  RehearseApplication *app = rehearse_application_new ();
  g_autofree char *id = g_strdup_printf ("io.github.rehearse.Rehearse.TestShelf%u", ++count);
  g_autoptr(GError) error = NULL;
  RehearseWindow *window;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_set_application_id (G_APPLICATION (app), id);
  g_object_set (app, "library-path", path, NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  /* As on any start after the first: the deck is in, 301 was read last. */
  g_settings_set_boolean (rehearse_application_get_settings (app), "bundled-deck-imported", TRUE);
  g_settings_set_string (rehearse_application_get_settings (app), "last-question", KEY_301);
  g_assert_nonnull (rehearse_application_get_library (app));

  window = rehearse_window_new (app);
  /* The window keeps the app. */
  g_object_unref (app);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_for (question_shown, window);
  wait_for_paint (window);
  return window;
}

/* The window says, naming the file, why nothing can be saved, and offers
 * nothing that would write: the note's Edit and Add Note, the bookmark,
 * Ctrl+E. What is in the library is still shown. */
static void
assert_read_only_said (RehearseWindow *window,
                       const char     *reason)
{
  RehearseBanner *banner = REHEARSE_BANNER (ui_test_find_widget (GTK_WIDGET (window),
                                                                 REHEARSE_TYPE_BANNER));
  RehearseNoteEditor *editor = rehearse_question_view_get_note_editor (question_view (window));
  GtkWidget *edit_button = ui_test_find_widget (GTK_WIDGET (editor), GTK_TYPE_TOGGLE_BUTTON);
  g_autofree char *title = g_strdup_printf ("This library is read-only: changes cannot be saved. %s",
                                            reason);

  g_assert_nonnull (banner);
  g_assert_true (rehearse_banner_get_revealed (banner));
  g_assert_cmpstr (rehearse_banner_get_title (banner), ==, title);
  g_assert_true (shows_text_containing (GTK_WIDGET (window), reason));
  g_assert_null (rehearse_banner_get_button_label (banner));

  g_assert_cmpint (shown_number (window), ==, 301);
  g_assert_true (shows_text_containing (GTK_WIDGET (editor), "Read where nothing is written."));
  g_assert_nonnull (edit_button);
  g_assert_false (gtk_widget_get_sensitive (edit_button));
  g_assert_false (gtk_widget_get_sensitive (find_actionable (GTK_WIDGET (window),
                                                              "win.bookmarked")));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-note", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.bookmarked", NULL);
  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (ui_test_find_widget (GTK_WIDGET (editor), GTK_TYPE_TEXT_VIEW));
  g_assert_false (shows_bookmarked (window));

  /* A question without a note offers no "Add Note". */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next", NULL));
  g_assert_false (shows_text_containing (GTK_WIDGET (editor), "Read where nothing is written."));
  g_assert_false (gtk_widget_get_sensitive (edit_button));
}

/* The library file and its folder read-only (chmod), as on a read-only
 * disk or another user's folder: the window opens it and says so. */
static void
test_read_only_library_said (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *reason = NULL;
  RehearseWindow *window;
  sqlite3 *db;

  if (!g_test_subprocess ())
    {
      /* Alone: it lets go of a capability for good. */
      g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  path = make_closed_library (fixture);
  folder = g_path_get_dirname (path);
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (folder, 0555), ==, 0);
  obey_file_modes ();
  g_assert_cmpint (g_access (path, W_OK), !=, 0);

  window = open_window_on (path);
  reason = g_strdup_printf ("The file “%s” cannot be written.", path);
  assert_read_only_said (window, reason);
  gtk_window_destroy (GTK_WINDOW (window));

  /* The folder as it was, for the fixture to remove. */
  g_assert_cmpint (g_chmod (folder, 0755), ==, 0);
  db = test_raw_open (path);
  g_assert_cmpint (test_raw_int (db, "SELECT count(*) FROM bookmarks"), ==, 0);
  sqlite3_close (db);
}

/* A disk that is full at opening (tests/fault-vfs.c: every write fails
 * with SQLITE_FULL, no shared memory is made): the library opens
 * read-only, is shown, and the window says the disk is full. */
static void
test_full_disk_said (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *reason = NULL;
  RehearseWindow *window;

  if (!g_test_subprocess ())
    {
      /* Alone: every connection of the process goes through the faults. */
      g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  path = make_closed_library (fixture);
  fault_vfs_arm (FAULT_VFS_ANY, 1, FAULT_VFS_DISK_FULL);
  window = open_window_on (path);
  g_assert_cmpuint (fault_vfs_get_faults (), >, 0);
  reason = g_strdup_printf ("The disk that holds “%s” is full.", path);
  assert_read_only_said (window, reason);
  gtk_window_destroy (GTK_WINDOW (window));
  fault_vfs_disarm ();
}

/* Damage found while the window is open (a check, or a write that met
 * SQLITE_CORRUPT): the banner names the file, offers Repair…, and what
 * would write is insensitive. */
static void
test_damaged_library_said (Fixture       *fixture,
                           gconstpointer  data)
{
  RehearseWindow *window = open_window (fixture);
  RehearseLibrary *library = rehearse_application_get_library (fixture->app);
  RehearseBanner *banner = REHEARSE_BANNER (ui_test_find_widget (GTK_WIDGET (window),
                                                                 REHEARSE_TYPE_BANNER));
  g_autofree char *title = g_strdup_printf ("The library “%s” is damaged: changes cannot be "
                                            "saved until it is repaired.",
                                            rehearse_library_get_path (library));

  g_assert_false (rehearse_banner_get_revealed (banner));
  g_assert_true (gtk_widget_get_sensitive (find_actionable (GTK_WIDGET (window),
                                                             "win.bookmarked")));

  rehearse_library_set_damaged (library);
  g_object_notify (G_OBJECT (window), "is-active");
  g_assert_true (rehearse_banner_get_revealed (banner));
  g_assert_cmpstr (rehearse_banner_get_title (banner), ==, title);
  g_assert_cmpstr (rehearse_banner_get_button_label (banner), ==, "_Repair…");
  g_assert_false (gtk_widget_get_sensitive (find_actionable (GTK_WIDGET (window),
                                                              "win.bookmarked")));
  /* The next question offers no Edit. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next", NULL);
  {
    RehearseNoteEditor *editor = rehearse_question_view_get_note_editor (question_view (window));
    GtkWidget *edit_button = ui_test_find_widget (GTK_WIDGET (editor), GTK_TYPE_TOGGLE_BUTTON);

    g_assert_cmpint (shown_number (window), ==, 302);
    g_assert_false (gtk_widget_get_sensitive (edit_button));
  }

  /* The quiz and the progress page, made after, say it too, and offer
   * the same Repair…: grades and a plan cannot be saved either. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.start-quiz", "s", "all");
  g_signal_emit_by_name (ui_test_find_button (GTK_WIDGET (find_quiz_setup_dialog ()), "Start"),
                         "clicked");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-progress", NULL);
  {
    RehearseQuizPage *quiz = REHEARSE_QUIZ_PAGE (ui_test_find_widget (GTK_WIDGET (window),
                                                                      REHEARSE_TYPE_QUIZ_PAGE));
    RehearseProgressPage *progress = REHEARSE_PROGRESS_PAGE (
      ui_test_find_widget (GTK_WIDGET (window), REHEARSE_TYPE_PROGRESS_PAGE));
    RehearseBanner *page_banners[] = {
      rehearse_quiz_page_get_library_notice (quiz),
      rehearse_progress_page_get_library_notice (progress),
    };

    for (guint i = 0; i < G_N_ELEMENTS (page_banners); i++)
      {
        g_assert_true (rehearse_banner_get_revealed (page_banners[i]));
        g_assert_cmpstr (rehearse_banner_get_title (page_banners[i]), ==, title);
        g_assert_cmpstr (rehearse_banner_get_button_label (page_banners[i]), ==, "_Repair…");
      }
  }
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* A pass-through until armed; only where a test runs alone. */
  if (g_test_subprocess ())
    fault_vfs_install ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/window/first-run-and-navigation", test_first_run_and_navigation);
  ADD ("/window/reopens-last-question", test_reopens_last_question);
  ADD ("/window/last-question-remembered-once-drawn", test_last_question_remembered_once_drawn);
  ADD ("/window/zoom", test_zoom);
  ADD ("/window/shortcuts-window", test_shortcuts_window);
  ADD ("/window/own-icons", test_own_icons);
  ADD ("/window/recently-viewed", test_recently_viewed);
  ADD ("/window/notes-saved-on-switch-and-close", test_notes_saved_on_switch_and_close);
  ADD ("/window/close-keeps-a-refused-note", test_close_keeps_a_refused_note);
  ADD ("/window/close-and-discard", test_close_and_discard);
  ADD ("/window/quit-keeps-a-draft", test_quit_keeps_a_draft);
  ADD ("/window/crash-leaves-a-draft", test_crash_leaves_a_draft);
  ADD ("/window/crash-while-waiting-leaves-a-draft", test_crash_while_waiting_leaves_a_draft);
  ADD ("/window/draft-over-a-changed-note-offered", test_draft_over_a_changed_note_offered);
  ADD ("/window/read-failures-are-shown", test_read_failures_are_shown);
  ADD ("/window/bookmark-follows-the-library", test_bookmark_follows_the_library);
  ADD ("/window/remove-deck-keeps-user-data", test_remove_deck_keeps_user_data);
  ADD ("/window/reimport-undone", test_reimport_undone);
  ADD ("/window/follows-changes-elsewhere", test_follows_changes_elsewhere);
  ADD ("/window/follows-decks-changed-elsewhere", test_follows_decks_changed_elsewhere);
  ADD ("/window/message-shown-as-written", test_message_shown_as_written);
  ADD ("/window/new-message-replaces-shown", test_new_message_replaces_shown);
  ADD ("/window/deck-chooser-outlives-its-window", test_deck_chooser_outlives_its_window);
  ADD ("/window/bundled-deck-missing", test_bundled_deck_missing);

  ADD ("/window/pages-made-when-needed", test_pages_made_when_needed);
  ADD ("/window/quiz", test_quiz);
  ADD ("/window/quiz-in-menu", test_quiz_in_menu);
  ADD ("/window/hidden-sidebar-has-a-way-back", test_hidden_sidebar_has_a_way_back);
  ADD ("/window/about-shows-the-app-icon", test_about_shows_the_app_icon);
  ADD ("/window/markup-characters-shown-as-written", test_markup_characters_shown_as_written);
  ADD ("/window/newer-library-said", test_newer_library_said);
  ADD ("/window/search-index-mended", test_search_index_mended);
  ADD ("/window/backup-after-changes", test_backup_after_changes);
  ADD ("/window/read-only-library-said", test_read_only_library_said);
  ADD ("/window/full-disk-said", test_full_disk_said);
  ADD ("/window/damaged-library-said", test_damaged_library_said);
#undef ADD

  return g_test_run ();
}
