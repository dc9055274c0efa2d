/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rehearse-importer.h"
#include "rehearse-notes-file.h"
#include "rehearse-question-list.h"
#include "rehearse-question-view.h"
#include "rehearse-sidebar.h"
#include "rehearse-sidebar-item.h"
#include "rehearse-window.h"

#define SIDEBAR_MIN_WIDTH 240
#define SIDEBAR_MAX_WIDTH 560
#define ZOOM_STEP 0.1

struct _RehearseWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar_pane;
  GtkWidget            *sidebar_handle;
  AdwWindowTitle       *content_title;
  GtkToggleButton      *bookmark_button;
  RehearseQuestionView *question_view;

  /* Borrowed */
  RehearseLibrary      *library;
  RehearseSidebar      *sidebar;

  /* Owned */
  GSettings            *settings;
  GtkWindow            *shortcuts_window; /* weak: built on first use */
  char                 *reading_key;      /* shown, not yet counted as viewed */
  guint                 reading_id;
  GListModel           *navigation;      /* where previous/next go */
  guint                 position;
  gboolean              bookmarked;
  double                zoom;
  int                   drag_start_width;
  gboolean              pointer_on_handle;
};

G_DEFINE_FINAL_TYPE (RehearseWindow, rehearse_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_BOOKMARKED,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load (RehearseWindow *self);
static void set_bookmarked (RehearseWindow *self,
                            gboolean        bookmarked);

RehearseWindow *
rehearse_window_new (RehearseApplication *application)
{
  RehearseWindow *self = g_object_new (REHEARSE_TYPE_WINDOW, "application", application, NULL);

  /* "application" is not a construct property: it is set after
   * constructed(), so the window loads here. */
  load (self);
  return self;
}

void
rehearse_window_show_message (RehearseWindow *self,
                              const char     *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ---- Viewing history --------------------------------------------------- */

/* A question counts as viewed ("Recently Viewed") once it has been on
 * screen this long: paging through with Alt+Right is not reading it. */
#define READING_TIME_MS 1500

static gboolean
on_read_long_enough (gpointer user_data)
{
  RehearseWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  self->reading_id = 0;
  if (!rehearse_library_record_view (self->library, self->reading_key, &error))
    g_warning ("Could not add “%s” to the recently viewed: %s", self->reading_key, error->message);
  g_clear_pointer (&self->reading_key, g_free);
  return G_SOURCE_REMOVE;
}

static void
stop_reading (RehearseWindow *self)
{
  g_clear_handle_id (&self->reading_id, g_source_remove);
  g_clear_pointer (&self->reading_key, g_free);
}

static void
start_reading (RehearseWindow   *self,
               RehearseQuestion *question)
{
  stop_reading (self);
  /* An orphan whose deck is gone has no row to list. */
  if (rehearse_question_get_id (question) == 0)
    return;

  self->reading_key = g_strdup (rehearse_question_get_key (question));
  self->reading_id = g_timeout_add (READING_TIME_MS, on_read_long_enough, self);
}

/* ---- Showing a question ------------------------------------------------ */

static RehearseQuestion *
question_of_item (gpointer item)
{
  if (REHEARSE_IS_SEARCH_RESULT (item))
    return rehearse_search_result_get_question (item);
  if (REHEARSE_IS_QUESTION (item))
    return item;
  return NULL;
}

static void
update_navigation_actions (RehearseWindow *self)
{
  guint n_items = self->navigation != NULL ? g_list_model_get_n_items (self->navigation) : 0;
  gboolean showing = rehearse_question_view_get_question (self->question_view) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous",
                                 showing && self->navigation != NULL && self->position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next",
                                 showing && self->position + 1 < n_items);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.bookmarked", showing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-note", showing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-bookmark-label", showing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-orphan",
                                 showing && rehearse_question_get_orphaned (
                                   rehearse_question_view_get_question (self->question_view)));
}

static void
set_bookmarked_shown (RehearseWindow *self,
                      gboolean        bookmarked)
{
  if (self->bookmarked == bookmarked)
    return;

  self->bookmarked = bookmarked;
  gtk_button_set_icon_name (GTK_BUTTON (self->bookmark_button),
                            bookmarked ? "starred-symbolic" : "non-starred-symbolic");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOOKMARKED]);
}

/* @summary may be a list item (no answer): the full question is read here. */
static void
show_question (RehearseWindow   *self,
               RehearseQuestion *summary,
               GListModel       *navigation,
               guint             position)
{
  g_autoptr(RehearseQuestion) question = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  const char *key;

  /* An orphan of a deleted deck has no row: the summary is all there is. */
  if (rehearse_question_get_id (summary) == 0)
    question = g_object_ref (summary);
  else
    question = rehearse_library_get_question_by_id (self->library,
                                                    rehearse_question_get_id (summary), &error);
  if (question == NULL)
    {
      rehearse_window_show_message (self, error->message);
      return;
    }

  g_set_object (&self->navigation, navigation);
  self->position = position;

  key = rehearse_question_get_key (question);
  rehearse_question_view_show_question (self->question_view, question);
  start_reading (self, question);
  if (rehearse_question_get_number (question) >= 0)
    number = g_strdup_printf (_("Question %d"), rehearse_question_get_number (question));
  adw_window_title_set_title (self->content_title, number != NULL ? number : "");
  adw_window_title_set_subtitle (self->content_title, rehearse_question_get_topic_title (question));

  set_bookmarked_shown (self, rehearse_library_is_bookmarked (self->library, key));
  g_settings_set_string (self->settings, "last-question", key);
  update_navigation_actions (self);

  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
show_status (RehearseWindow *self,
             const char     *icon_name,
             const char     *title,
             const char     *description)
{
  rehearse_question_view_show_status (self->question_view, icon_name, title, description);
  stop_reading (self);
  adw_window_title_set_title (self->content_title, "");
  adw_window_title_set_subtitle (self->content_title, NULL);
  g_clear_object (&self->navigation);
  set_bookmarked_shown (self, FALSE);
  update_navigation_actions (self);
}

/* The question's deck in reading order and where the question stands in it,
 * or NULL for an orphan, which has no deck to page through. */
static GListModel *
list_its_deck (RehearseWindow   *self,
               RehearseQuestion *question,
               guint            *position)
{
  g_autoptr(GListModel) deck = rehearse_library_list_deck_questions (
    self->library, rehearse_question_get_deck_id (question), NULL);

  *position = 0;
  if (deck == NULL
      || !rehearse_question_list_find (REHEARSE_QUESTION_LIST (deck),
                                       rehearse_question_get_id (question), position))
    return NULL;

  return g_steal_pointer (&deck);
}

/* Previous and next then go through its deck. */
static void
show_question_in_its_deck (RehearseWindow   *self,
                           RehearseQuestion *question)
{
  guint position;
  g_autoptr(GListModel) deck = list_its_deck (self, question, &position);

  show_question (self, question, deck, position);
}

static void
show_nothing_selected (RehearseWindow *self)
{
  g_autoptr(GListModel) decks = rehearse_library_list_decks (self->library, NULL);

  if (decks == NULL || g_list_model_get_n_items (decks) == 0)
    show_status (self, "rehearse-logo-symbolic", _("No Decks Yet"),
                 _("Import a Markdown file of questions and answers with Ctrl+O, or drop it here"));
  else
    show_status (self, "rehearse-logo-symbolic", _("No Question Selected"),
                 _("Choose a question in the sidebar"));
}

/* The deck's first question, in its reading order. */
static void
show_first_question (RehearseWindow *self,
                     gint64          deck_id)
{
  g_autoptr(GListModel) questions = rehearse_library_list_deck_questions (self->library, deck_id, NULL);
  g_autoptr(RehearseQuestion) first = NULL;

  if (questions == NULL || g_list_model_get_n_items (questions) == 0)
    return;

  first = g_list_model_get_item (questions, 0);
  show_question (self, first, questions, 0);
}

static void
on_question_activated (RehearseWindow   *self,
                       RehearseQuestion *question,
                       GListModel       *navigation,
                       guint             position)
{
  show_question (self, question, navigation, position);
}

static void
navigate (RehearseWindow *self,
          int             delta)
{
  g_autoptr(GObject) item = NULL;
  guint target;

  if (self->navigation == NULL || (delta < 0 && self->position == 0))
    return;

  target = (guint) ((int) self->position + delta);
  if (target >= g_list_model_get_n_items (self->navigation))
    return;

  item = g_list_model_get_item (self->navigation, target);
  if (question_of_item (item) != NULL)
    show_question (self, question_of_item (item), self->navigation, target);
}

/* ---- Bookmarks and notes ------------------------------------------------ */

/* Bookmarks also change from the sidebar's menu and the label popover. */
static void
on_user_data_changed (RehearseWindow *self,
                      const char     *question_key)
{
  RehearseQuestion *shown = rehearse_question_view_get_question (self->question_view);

  /* NULL: another program changed the library, maybe this question's. */
  if (shown != NULL
      && (question_key == NULL || g_strcmp0 (rehearse_question_get_key (shown), question_key) == 0))
    set_bookmarked_shown (self, rehearse_library_is_bookmarked (self->library,
                                                                rehearse_question_get_key (shown)));
}

/* ---- Changes made by other programs ------------------------------------------ */

/* Whether @a and @b show the same: after a re-import elsewhere, the question
 * under the same key may have a new text, answer or topic, or be an orphan.
 * Its row is new at every update of its deck: rows are not compared. */
static gboolean
same_question_shown (RehearseQuestion *a,
                     RehearseQuestion *b)
{
  return rehearse_question_get_orphaned (a) == rehearse_question_get_orphaned (b)
         && rehearse_question_get_number (a) == rehearse_question_get_number (b)
         && g_strcmp0 (rehearse_question_get_topic_title (a),
                       rehearse_question_get_topic_title (b)) == 0
         && g_strcmp0 (rehearse_question_get_text (a), rehearse_question_get_text (b)) == 0
         && g_strcmp0 (rehearse_question_get_answer (a), rehearse_question_get_answer (b)) == 0
         && g_strcmp0 (rehearse_question_get_in_depth (a), rehearse_question_get_in_depth (b)) == 0;
}

/* rehearse-cli imported, updated or removed a deck: the sidebar lists the
 * decks again, and the question shown is shown again if it changed. */
static void
on_decks_changed (RehearseWindow *self)
{
  RehearseQuestion *shown = rehearse_question_view_get_question (self->question_view);
  g_autoptr(RehearseQuestion) now = NULL;
  g_autoptr(GListModel) deck = NULL;

  rehearse_sidebar_reload (self->sidebar);
  if (shown == NULL)
    {
      show_nothing_selected (self);
      return;
    }

  /* An orphan of a deleted deck has no row to look up: it stays. */
  now = rehearse_library_get_question (self->library, rehearse_question_get_key (shown), NULL);
  if (now == NULL)
    {
      if (rehearse_question_get_id (shown) != 0)
        show_nothing_selected (self);
    }
  else if (!same_question_shown (shown, now))
    show_question_in_its_deck (self, now);
  else
    {
      /* The same question, left as it is read; previous and next go by its
       * deck as the deck is now (the list they went by may hold stale rows). */
      deck = list_its_deck (self, now, &self->position);
      g_set_object (&self->navigation, deck);
      update_navigation_actions (self);
    }
}

/* Coming back to the window, after rehearse-cli perhaps saved a note. */
static void
on_active_changed (RehearseWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->library == NULL || !gtk_window_is_active (GTK_WINDOW (self)))
    return;

  /* A library that cannot be read says so at the next read that needs it. */
  if (!rehearse_library_check_changed_elsewhere (self->library, &error) && error != NULL)
    g_debug ("Could not check the library for changes: %s", error->message);
}

static void
edit_note_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RehearseWindow *self = REHEARSE_WINDOW (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  rehearse_question_view_edit_note (self->question_view);
}

static void
edit_bookmark_label_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  RehearseWindow *self = REHEARSE_WINDOW (widget);

  /* A label needs a bookmark to hang on. */
  set_bookmarked (self, TRUE);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  rehearse_question_view_edit_bookmark_label (self->question_view);
}

/* ---- Destructive choices ------------------------------------------------------- */

typedef void (*ConfirmedFunc) (RehearseWindow *self,
                               gpointer        subject);

typedef struct
{
  RehearseWindow *window;
  ConfirmedFunc   confirmed;
  gpointer        subject;
  GDestroyNotify  free_subject;
} Confirmation;

static void
confirmation_free (gpointer data,
                   GClosure *closure)
{
  Confirmation *confirmation = data;

  g_object_unref (confirmation->window);
  confirmation->free_subject (confirmation->subject);
  g_free (confirmation);
}

static void
on_confirmation_response (AdwMessageDialog *dialog,
                          const char       *response,
                          Confirmation     *confirmation)
{
  if (g_str_equal (response, "confirm"))
    confirmation->confirmed (confirmation->window, confirmation->subject);
}

/* Asks before anything is deleted, with Cancel as the safe default. */
static void
confirm_destructive (RehearseWindow *self,
                     const char     *heading,
                     const char     *body,
                     const char     *confirm_label,
                     ConfirmedFunc   confirmed,
                     gpointer        subject,
                     GDestroyNotify  free_subject)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  Confirmation *confirmation = g_new (Confirmation, 1);

  *confirmation = (Confirmation) { g_object_ref (self), confirmed, subject, free_subject };
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "confirm", confirm_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "confirm",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_confirmation_response), confirmation,
                         confirmation_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_orphan (RehearseWindow *self,
               gpointer        question_key)
{
  g_autoptr(GError) error = NULL;

  if (!rehearse_library_delete_user_data (self->library, question_key, &error))
    {
      rehearse_window_show_message (self, error->message);
      return;
    }

  rehearse_sidebar_reload (self->sidebar);
  show_nothing_selected (self);
  rehearse_window_show_message (self, _("Bookmark and note deleted"));
}

static void
delete_orphan_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RehearseWindow *self = REHEARSE_WINDOW (widget);
  RehearseQuestion *question = rehearse_question_view_get_question (self->question_view);

  if (question == NULL || !rehearse_question_get_orphaned (question))
    return;

  confirm_destructive (self, _("Delete Bookmark and Note?"),
                       _("The question is no longer in any deck. Its bookmark and note will be "
                         "deleted for good; export your notes first to keep a copy."),
                       _("_Delete"), delete_orphan,
                       g_strdup (rehearse_question_get_key (question)), g_free);
}

static void
remove_deck (RehearseWindow *self,
             gpointer        deck)
{
  g_autoptr(GError) error = NULL;
  RehearseQuestion *shown = rehearse_question_view_get_question (self->question_view);
  g_autofree char *message = NULL;

  /* A note being typed on one of its questions is saved first. */
  rehearse_note_editor_save (rehearse_question_view_get_note_editor (self->question_view));
  if (!rehearse_library_delete_deck (self->library, rehearse_deck_get_id (deck), &error))
    {
      rehearse_window_show_message (self, error->message);
      return;
    }

  rehearse_sidebar_reload (self->sidebar);
  if (shown != NULL && rehearse_question_get_deck_id (shown) == rehearse_deck_get_id (deck))
    show_nothing_selected (self);

  message = g_strdup_printf (_("Removed “%s”"), rehearse_deck_get_title (deck));
  rehearse_window_show_message (self, message);
}

static void
remove_deck_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RehearseWindow *self = REHEARSE_WINDOW (widget);
  g_autofree char *deck_id = g_strdup_printf ("%" G_GINT64_FORMAT, g_variant_get_int64 (parameter));
  RehearseDeck *deck = rehearse_library_find_deck (self->library, deck_id, NULL);
  g_autofree char *heading = NULL;

  if (deck == NULL)
    return;

  heading = g_strdup_printf (_("Remove “%s”?"), rehearse_deck_get_title (deck));
  confirm_destructive (self, heading,
                       _("Its questions leave the library. Your bookmarks and notes on them are "
                         "kept, listed under Orphaned, and come back with them when you import "
                         "the deck again."),
                       _("_Remove"), remove_deck, deck, g_object_unref);
}

/* ---- The notes file ---------------------------------------------------------- */

static void
export_notes_to (RehearseWindow *self,
                 GFile          *file)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  entries = rehearse_library_list_user_entries (self->library, &error);
  if (entries == NULL || !rehearse_notes_file_write (file, entries, NULL, &error))
    {
      rehearse_window_show_message (self, error->message);
      return;
    }

  message = g_strdup_printf (ngettext ("Exported the notes and bookmarks of %u question",
                                       "Exported the notes and bookmarks of %u questions",
                                       entries->len),
                             entries->len);
  rehearse_window_show_message (self, message);
}

static void
import_notes_from (RehearseWindow *self,
                   GFile          *file)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  RehearseRestoreResult result = { 0, };

  if (!rehearse_notes_file_read (file, &entries, NULL, &error)
      || !rehearse_library_restore_user_entries (self->library, entries, &result, &error))
    {
      rehearse_window_show_message (self, error->message);
      return;
    }

  if (result.notes_restored + result.bookmarks_restored == 0)
    {
      message = g_strdup (_("The library already holds these notes and bookmarks"));
    }
  else
    {
      g_autofree char *notes = g_strdup_printf (ngettext ("%u note", "%u notes",
                                                          result.notes_restored),
                                                result.notes_restored);
      g_autofree char *bookmarks = g_strdup_printf (ngettext ("%u bookmark", "%u bookmarks",
                                                              result.bookmarks_restored),
                                                    result.bookmarks_restored);

      /* Translators: "Restored 2 notes and 1 bookmark" */
      message = g_strdup_printf (_("Restored %s and %s"), notes, bookmarks);
    }
  rehearse_window_show_message (self, message);
  if (result.notes_kept > 0)
    {
      g_autofree char *kept = g_strdup_printf (ngettext ("Kept %u note that was newer in the library",
                                                         "Kept %u notes that were newer in the library",
                                                         result.notes_kept),
                                               result.notes_kept);
      rehearse_window_show_message (self, kept);
    }

  rehearse_sidebar_reload (self->sidebar);
}

static void
on_notes_chooser_response (GtkNativeDialog *dialog,
                           int              response,
                           gpointer         user_data)
{
  g_autoptr(RehearseWindow) self = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  if (file != NULL
      && gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)) == GTK_FILE_CHOOSER_ACTION_SAVE)
    export_notes_to (self, file);
  else if (file != NULL)
    import_notes_from (self, file);

  g_object_unref (dialog);
}

static void
notes_file_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RehearseWindow *self = REHEARSE_WINDOW (widget);
  gboolean exporting = g_str_equal (action_name, "win.export-notes");
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) markdown = gtk_file_filter_new ();

  if (self->library == NULL)
    return;

  chooser = exporting
            ? gtk_file_chooser_native_new (_("Export Notes and Bookmarks"), GTK_WINDOW (self),
                                           GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL)
            : gtk_file_chooser_native_new (_("Import Notes and Bookmarks"), GTK_WINDOW (self),
                                           GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL);
  if (exporting)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("Rehearse Notes.md"));

  gtk_file_filter_set_name (markdown, _("Markdown Files"));
  gtk_file_filter_add_mime_type (markdown, "text/markdown");
  gtk_file_filter_add_suffix (markdown, "md");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), markdown);

  g_signal_connect (chooser, "response", G_CALLBACK (on_notes_chooser_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- Import ------------------------------------------------------------- */

static void
report_import (RehearseWindow *self,
               GPtrArray      *reports)
{
  for (guint i = 0; i < reports->len; i++)
    {
      const RehearseImportReport *report = g_ptr_array_index (reports, i);
      g_autofree char *message = NULL;

      if (report->error != NULL)
        message = g_strdup (report->error->message);
      else if (report->result.outcome == REHEARSE_IMPORT_UNCHANGED)
        message = g_strdup_printf (_("“%s” is already up to date"), report->deck_title);
      else if (report->result.outcome == REHEARSE_IMPORT_UPDATED)
        message = g_strdup_printf (_("Updated “%s”: %u new, %u changed"), report->deck_title,
                                   report->result.added, report->result.updated);
      else
        message = g_strdup_printf (ngettext ("Imported “%s”: %u question",
                                             "Imported “%s”: %u questions",
                                             report->question_count),
                                   report->deck_title, report->question_count);

      rehearse_window_show_message (self, message);
    }
}

static gint64
first_imported_deck (GPtrArray *reports)
{
  for (guint i = 0; i < reports->len; i++)
    {
      const RehearseImportReport *report = g_ptr_array_index (reports, i);

      if (report->error == NULL)
        return report->result.deck_id;
    }

  return 0;
}

typedef struct
{
  RehearseWindow *window;
  gboolean        quiet;  /* the bundled deck on first run needs no toast */
} ImportData;

static void
on_import_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ImportData *data = user_data;
  g_autoptr(RehearseWindow) self = data->window;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deck_id;

  reports = rehearse_importer_import_finish (result, &error);
  if (reports == NULL)
    {
      rehearse_window_show_message (self, error->message);
      g_free (data);
      return;
    }

  if (!data->quiet)
    report_import (self, reports);
  g_free (data);

  rehearse_sidebar_reload (self->sidebar);
  deck_id = first_imported_deck (reports);
  if (deck_id != 0)
    show_first_question (self, deck_id);
  else if (rehearse_question_view_get_question (self->question_view) == NULL)
    show_nothing_selected (self);
}

static void
import_paths (RehearseWindow     *self,
              const char * const *paths,
              gboolean            quiet)
{
  ImportData *data = g_new0 (ImportData, 1);

  data->window = g_object_ref (self);
  data->quiet = quiet;
  rehearse_importer_import_async (self->library, paths, NULL, on_import_done, data);
}

void
rehearse_window_import_files (RehearseWindow  *self,
                              GFile          **files,
                              guint            n_files)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_return_if_fail (REHEARSE_IS_WINDOW (self));

  if (self->library == NULL)
    return;

  for (guint i = 0; i < n_files; i++)
    {
      char *path = g_file_get_path (files[i]);

      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  g_ptr_array_add (paths, NULL);

  if (paths->len > 1)
    import_paths (self, (const char * const *) paths->pdata, FALSE);
}

static void
on_file_chooser_response (GtkNativeDialog *dialog,
                          int              response,
                          gpointer         user_data)
{
  RehearseWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      guint n_files = g_list_model_get_n_items (files);
      g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < n_files; i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));
      rehearse_window_import_files (self, (GFile **) array->pdata, array->len);
    }

  g_object_unref (dialog);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RehearseWindow *self = REHEARSE_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) markdown = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Decks"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);

  gtk_file_filter_set_name (markdown, _("Markdown Files"));
  gtk_file_filter_add_mime_type (markdown, "text/markdown");
  gtk_file_filter_add_suffix (markdown, "md");
  gtk_file_filter_add_suffix (markdown, "markdown");
  gtk_file_filter_add_suffix (markdown, "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), markdown);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);

  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Built when first asked for, not with the window as GtkApplication would
 * build gtk/help-overlay.ui: parsing it cost start-up about 10 ms. */
static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RehearseWindow *self = REHEARSE_WINDOW (widget);

  if (self->shortcuts_window == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (
        "/io/github/rehearse/Rehearse/rehearse-shortcuts-window.ui");

      self->shortcuts_window = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      g_object_add_weak_pointer (G_OBJECT (self->shortcuts_window),
                                 (gpointer *) &self->shortcuts_window);
      gtk_window_set_transient_for (self->shortcuts_window, GTK_WINDOW (self));
      gtk_window_set_hide_on_close (self->shortcuts_window, TRUE);
    }

  gtk_window_present (self->shortcuts_window);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       user_data)
{
  RehearseWindow *self = user_data;
  GSList *files = g_value_get_boxed (value);
  g_autoptr(GPtrArray) array = g_ptr_array_new ();

  for (GSList *l = files; l != NULL; l = l->next)
    g_ptr_array_add (array, l->data);
  rehearse_window_import_files (self, (GFile **) array->pdata, array->len);

  return array->len > 0;
}

/* ---- Actions -------------------------------------------------------------- */

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  navigate (REHEARSE_WINDOW (widget), -1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  navigate (REHEARSE_WINDOW (widget), +1);
}

static void
show_sidebar (RehearseWindow *self,
              gboolean        shown)
{
  gtk_widget_set_visible (self->sidebar_pane, shown);
  gtk_widget_set_visible (self->sidebar_handle, shown);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RehearseWindow *self = REHEARSE_WINDOW (widget);

  show_sidebar (self, TRUE);
  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
  rehearse_sidebar_focus_search (self->sidebar);
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RehearseWindow *self = REHEARSE_WINDOW (widget);

  /* Folded, the sidebar is a page of its own: go to it or away from it. */
  if (adw_leaflet_get_folded (self->leaflet))
    {
      const char *visible = adw_leaflet_get_visible_child_name (self->leaflet);

      show_sidebar (self, TRUE);
      adw_leaflet_set_visible_child_name (self->leaflet,
                                          g_strcmp0 (visible, "sidebar") == 0 ? "content" : "sidebar");
      return;
    }

  show_sidebar (self, !gtk_widget_get_visible (self->sidebar_pane));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  adw_leaflet_set_visible_child_name (REHEARSE_WINDOW (widget)->leaflet, "sidebar");
}

static void
set_zoom (RehearseWindow *self,
          double          zoom)
{
  zoom = CLAMP (zoom, 0.5, 3.0);
  if (G_APPROX_VALUE (self->zoom, zoom, 0.001))
    return;

  self->zoom = zoom;
  rehearse_question_view_set_zoom (self->question_view, zoom);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RehearseWindow *self = REHEARSE_WINDOW (widget);

  if (g_str_equal (action_name, "win.zoom-in"))
    set_zoom (self, self->zoom + ZOOM_STEP);
  else if (g_str_equal (action_name, "win.zoom-out"))
    set_zoom (self, self->zoom - ZOOM_STEP);
  else
    set_zoom (self, 1.0);
}

static void
set_bookmarked (RehearseWindow *self,
                gboolean        bookmarked)
{
  RehearseQuestion *question = rehearse_question_view_get_question (self->question_view);
  g_autoptr(GError) error = NULL;

  if (question == NULL || bookmarked == self->bookmarked)
    return;

  if (!rehearse_library_set_bookmarked (self->library, rehearse_question_get_key (question),
                                        bookmarked, NULL, &error))
    {
      rehearse_window_show_message (self, error->message);
      return;
    }

  set_bookmarked_shown (self, bookmarked);
}

/* ---- Sidebar width ---------------------------------------------------------- */

/* The handle is drawn as a 1 px line but, as GtkPaned's, it can be grabbed
 * beside it too: a little into the sidebar, whose scrollbar runs along that
 * edge, and more into the content, which has a margin there. */
#define HANDLE_REACH_INTO_SIDEBAR 2
#define HANDLE_REACH_INTO_CONTENT 6

/* Whether (@x, @y) in the leaflet's coordinates is on the handle or beside
 * it. Folded, the handle is hidden and nothing is. */
static gboolean
on_sidebar_handle (RehearseWindow *self,
                   double          x,
                   double          y)
{
  graphene_point_t point;

  if (!gtk_widget_get_mapped (self->sidebar_handle)
      || !gtk_widget_compute_point (GTK_WIDGET (self->leaflet), self->sidebar_handle,
                                    &GRAPHENE_POINT_INIT (x, y), &point))
    return FALSE;

  /* Whole pixels: the transformed point is a hair off them. */
  return point.x > -HANDLE_REACH_INTO_SIDEBAR - 0.5
         && point.x < gtk_widget_get_width (self->sidebar_handle) + HANDLE_REACH_INTO_CONTENT - 0.5;
}

static void
on_leaflet_motion (GtkEventControllerMotion *motion,
                   double                    x,
                   double                    y,
                   gpointer                  user_data)
{
  RehearseWindow *self = user_data;
  gboolean on_handle = on_sidebar_handle (self, x, y);

  if (on_handle == self->pointer_on_handle)
    return;

  /* The leaflet's cursor shows where no widget under the pointer has one. */
  self->pointer_on_handle = on_handle;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->leaflet), on_handle ? "col-resize" : NULL);
}

static void
on_leaflet_leave (GtkEventControllerMotion *motion,
                  gpointer                  user_data)
{
  RehearseWindow *self = user_data;

  self->pointer_on_handle = FALSE;
  gtk_widget_set_cursor (GTK_WIDGET (self->leaflet), NULL);
}

static void
on_handle_drag_begin (GtkGestureDrag *gesture,
                      double          x,
                      double          y,
                      gpointer        user_data)
{
  RehearseWindow *self = user_data;

  /* Elsewhere the press is the sidebar's or the content's. */
  if (!on_sidebar_handle (self, x, y))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->drag_start_width = gtk_widget_get_width (self->sidebar_pane);
}

static void
on_handle_drag_update (GtkGestureDrag *gesture,
                       double          offset_x,
                       double          offset_y,
                       gpointer        user_data)
{
  RehearseWindow *self = user_data;
  int width = CLAMP (self->drag_start_width + (int) offset_x, SIDEBAR_MIN_WIDTH, SIDEBAR_MAX_WIDTH);

  gtk_widget_set_size_request (self->sidebar_pane, width, -1);
}

/* On the leaflet, before its children see the press (the capture phase): the
 * handle's reach covers the edges of both panes. */
static void
setup_sidebar_handle (RehearseWindow *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_handle_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_handle_drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self->leaflet), GTK_EVENT_CONTROLLER (drag));

  gtk_event_controller_set_propagation_phase (motion, GTK_PHASE_CAPTURE);
  g_signal_connect (motion, "motion", G_CALLBACK (on_leaflet_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leaflet_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self->leaflet), motion);

  gtk_widget_set_cursor_from_name (self->sidebar_handle, "col-resize");
}

/* ---- State ------------------------------------------------------------------- */

static void
restore_state (RehearseWindow *self)
{
  g_autofree char *last_key = g_settings_get_string (self->settings, "last-question");
  g_autoptr(RehearseQuestion) last = NULL;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  gtk_widget_set_size_request (self->sidebar_pane,
                               CLAMP (g_settings_get_int (self->settings, "sidebar-width"),
                                      SIDEBAR_MIN_WIDTH, SIDEBAR_MAX_WIDTH), -1);
  g_settings_bind (self->settings, "answer-zoom", self, "zoom", G_SETTINGS_BIND_DEFAULT);

  if (self->library == NULL)
    {
      show_status (self, "dialog-error-symbolic", _("The Library Could Not Be Opened"),
                   _("Rehearse cannot read or write its library. Check the disk and restart."));
      return;
    }

  if (!g_settings_get_boolean (self->settings, "bundled-deck-imported"))
    {
      g_autofree char *bundled = g_build_filename (rehearse_importer_bundled_decks_dir (),
                                                   "docker-interview-questions", NULL);
      const char *paths[] = { bundled, NULL };

      g_settings_set_boolean (self->settings, "bundled-deck-imported", TRUE);
      show_status (self, "rehearse-logo-symbolic", _("Preparing the Docker Deck…"), NULL);
      import_paths (self, paths, TRUE);
      return;
    }

  if (*last_key != '\0')
    last = rehearse_library_get_question (self->library, last_key, NULL);

  if (last != NULL)
    show_question_in_its_deck (self, last);
  else
    show_nothing_selected (self);
}

static gboolean
rehearse_window_close_request (GtkWindow *window)
{
  RehearseWindow *self = REHEARSE_WINDOW (window);
  int width, height;

  /* A failed save keeps the window open with the text, and says why. */
  if (!rehearse_note_editor_save (rehearse_question_view_get_note_editor (self->question_view)))
    return TRUE;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_set_int (self->settings, "sidebar-width", gtk_widget_get_width (self->sidebar_pane));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (rehearse_window_parent_class)->close_request (window);
}

/* ---- Start-up benchmark ------------------------------------------------------ */

static void
on_first_paint (GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  RehearseWindow *self = user_data;

  g_signal_handlers_disconnect_by_func (frame_clock, on_first_paint, self);
  /* The benchmark reads this clock (shared by all processes) to time
   * start-up alone, without the tear-down that follows. */
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
}

static void
on_realize_quit_after_first_frame (RehearseWindow *self)
{
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                    G_CALLBACK (on_first_paint), self);
}

/* ---- GObject ------------------------------------------------------------------ */

static void
load (RehearseWindow *self)
{
  RehearseApplication *app;
  GtkDropTarget *drop;

  app = REHEARSE_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  self->library = rehearse_application_get_library (app);
  self->settings = g_object_ref (rehearse_application_get_settings (app));

  if (self->library != NULL)
    {
      self->sidebar = REHEARSE_SIDEBAR (rehearse_sidebar_new (self->library));
      gtk_widget_set_vexpand (GTK_WIDGET (self->sidebar), TRUE);
      gtk_box_append (GTK_BOX (self->sidebar_pane), GTK_WIDGET (self->sidebar));
      g_signal_connect_object (self->sidebar, "question-activated",
                               G_CALLBACK (on_question_activated), self, G_CONNECT_SWAPPED);
      rehearse_question_view_set_library (self->question_view, self->library);
      g_signal_connect_object (self->library, "user-data-changed",
                               G_CALLBACK (on_user_data_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->library, "decks-changed",
                               G_CALLBACK (on_decks_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect (self, "notify::is-active", G_CALLBACK (on_active_changed), NULL);
    }

  g_signal_connect_object (self->question_view, "show-message",
                           G_CALLBACK (rehearse_window_show_message), self, G_CONNECT_SWAPPED);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  setup_sidebar_handle (self);
  restore_state (self);

  /* The start-up benchmark times spawn to first frame (tests/bench-ui.c). */
  if (g_getenv ("REHEARSE_QUIT_AFTER_FIRST_FRAME") != NULL)
    g_signal_connect (self, "realize", G_CALLBACK (on_realize_quit_after_first_frame), NULL);
}

static void
rehearse_window_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RehearseWindow *self = REHEARSE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BOOKMARKED:
      g_value_set_boolean (value, self->bookmarked);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rehearse_window_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RehearseWindow *self = REHEARSE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BOOKMARKED:
      set_bookmarked (self, g_value_get_boolean (value));
      break;
    case PROP_ZOOM:
      set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rehearse_window_dispose (GObject *object)
{
  RehearseWindow *self = REHEARSE_WINDOW (object);

  if (self->shortcuts_window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->shortcuts_window),
                                    (gpointer *) &self->shortcuts_window);
      gtk_window_destroy (g_steal_pointer (&self->shortcuts_window));
    }
  stop_reading (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), REHEARSE_TYPE_WINDOW);
  g_clear_object (&self->navigation);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rehearse_window_parent_class)->dispose (object);
}

static void
rehearse_window_class_init (RehearseWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rehearse_window_dispose;
  object_class->get_property = rehearse_window_get_property;
  object_class->set_property = rehearse_window_set_property;
  window_class->close_request = rehearse_window_close_request;

  properties[PROP_BOOKMARKED] =
    g_param_spec_boolean ("bookmarked", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 0.5, 3.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (REHEARSE_TYPE_QUESTION_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rehearse/Rehearse/rehearse-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RehearseWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RehearseWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RehearseWindow, sidebar_pane);
  gtk_widget_class_bind_template_child (widget_class, RehearseWindow, sidebar_handle);
  gtk_widget_class_bind_template_child (widget_class, RehearseWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, RehearseWindow, bookmark_button);
  gtk_widget_class_bind_template_child (widget_class, RehearseWindow, question_view);

  /* Key bindings live with the application's accels (rehearse-application.c)
   * so that the shortcuts window and menus show them. */
  gtk_widget_class_install_action (widget_class, "win.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "win.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_shortcuts_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_property_action (widget_class, "win.bookmarked", "bookmarked");
  gtk_widget_class_install_action (widget_class, "win.edit-note", NULL, edit_note_action);
  gtk_widget_class_install_action (widget_class, "win.edit-bookmark-label", NULL,
                                   edit_bookmark_label_action);
  gtk_widget_class_install_action (widget_class, "win.delete-orphan", NULL, delete_orphan_action);
  gtk_widget_class_install_action (widget_class, "win.remove-deck", "x", remove_deck_action);
  gtk_widget_class_install_action (widget_class, "win.export-notes", NULL, notes_file_action);
  gtk_widget_class_install_action (widget_class, "win.import-notes", NULL, notes_file_action);
}

static void
rehearse_window_init (RehearseWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->zoom = 1.0;
}
