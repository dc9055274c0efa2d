/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rehearse-accessible.h"
#include "rehearse-importer.h"
#include "rehearse-notes-file.h"
#include "rehearse-window-private.h"

/* ---- Decks ------------------------------------------------------------------- */

/* What an import read, kept with its toast: "Details" shows the outline
 * (topics, questions without an answer, what was left out and why), and
 * the import can be undone from there: a deck it created removed again,
 * a deck it updated put back as it was. */
typedef struct
{
  guint                 refs;
  GWeakRef              window;
  RehearseImportReport *report;
} ImportOutline;

static ImportOutline *
import_outline_ref (ImportOutline *outline)
{
  outline->refs++;
  return outline;
}

/* Main thread only, as the toast and the dialog that hold it. */
static void
import_outline_unref_closure (gpointer  data,
                              GClosure *closure)
{
  ImportOutline *outline = data;

  if (--outline->refs > 0)
    return;
  g_weak_ref_clear (&outline->window);
  rehearse_import_report_free (outline->report);
  g_free (outline);
}

static GtkWidget *
create_outline_row (const char *title,
                    const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  if (subtitle != NULL)
    {
      g_autofree char *escaped_subtitle = g_markup_escape_text (subtitle, -1);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);
    }
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

static char *
topic_counts_text (const RehearseImportTopic *topic)
{
  g_autofree char *questions = g_strdup_printf (ngettext ("%u question", "%u questions",
                                                          topic->question_count),
                                                topic->question_count);

  if (topic->unanswered_count == 0)
    return g_steal_pointer (&questions);
  /* Translators: "12 questions, 2 with no answer in the source" */
  return g_strdup_printf (ngettext ("%s, %u with no answer in the source",
                                    "%s, %u with no answer in the source",
                                    topic->unanswered_count),
                          questions, topic->unanswered_count);
}

static GtkWidget *
create_outline_list (const char *heading)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, heading,
                                  -1);
  return list;
}

static void
append_outline_section (GtkWidget  *box,
                        const char *heading,
                        GtkWidget  *list)
{
  GtkWidget *label = gtk_label_new (heading);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), list);
}

static GtkWidget *
create_outline_view (const RehearseImportReport *report)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *topics = create_outline_list (_("Topics"));

  for (guint i = 0; i < report->topics->len; i++)
    {
      const RehearseImportTopic *topic = g_ptr_array_index (report->topics, i);
      g_autofree char *title = g_strdup_printf ("%s%s%s", topic->icon != NULL ? topic->icon : "",
                                                topic->icon != NULL ? " " : "", topic->title);
      g_autofree char *counts = topic_counts_text (topic);

      gtk_list_box_append (GTK_LIST_BOX (topics), create_outline_row (title, counts));
    }
  append_outline_section (box, _("Topics"), topics);

  if (report->left_out->len + report->skipped->len > 0)
    {
      GtkWidget *left_out = create_outline_list (_("Left Out"));

      for (guint i = 0; i < report->skipped->len; i++)
        gtk_list_box_append (GTK_LIST_BOX (left_out),
                             create_outline_row (g_ptr_array_index (report->skipped, i), NULL));
      for (guint i = 0; i < report->left_out->len; i++)
        gtk_list_box_append (GTK_LIST_BOX (left_out),
                             create_outline_row (g_ptr_array_index (report->left_out, i), NULL));
      append_outline_section (box, _("Left Out"), left_out);
    }

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scroller), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Import Outline"), -1);
  return scroller;
}

static char *
outline_summary (const RehearseImportReport *report)
{
  g_autofree char *topics = g_strdup_printf (ngettext ("%u topic", "%u topics",
                                                       report->topic_count),
                                             report->topic_count);
  g_autofree char *questions = g_strdup_printf (ngettext ("%u question", "%u questions",
                                                          report->question_count),
                                                report->question_count);

  /* Translators: "3 topics, 40 questions; 2 with no answer in the source" */
  return g_strdup_printf (ngettext ("%s, %s; %u with no answer in the source",
                                    "%s, %s; %u with no answer in the source",
                                    report->unanswered_count),
                          topics, questions, report->unanswered_count);
}

typedef struct
{
  RehearseWindow       *window;
  char                 *deck_title;
  RehearseImportResult  result;
} ImportUndo;

static void
import_undo_free (ImportUndo *undo)
{
  g_object_unref (undo->window);
  g_free (undo->deck_title);
  g_free (undo);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportUndo, import_undo_free)

/* The question shown again as the deck is now, if it is still in the deck
 * (the update may have brought it in), else the deck's first. */
static void
show_deck_again (RehearseWindow *self,
                 gint64          deck_id)
{
  RehearseQuestion *shown = rehearse_question_view_get_question (self->question_view);
  g_autofree char *key = NULL;
  g_autoptr(GListModel) questions = NULL;

  if (shown == NULL || rehearse_question_get_deck_id (shown) != deck_id)
    return;

  key = g_strdup (rehearse_question_get_key (shown));
  questions = rehearse_library_list_deck_questions (self->library, deck_id, NULL);
  for (guint i = 0; questions != NULL && i < g_list_model_get_n_items (questions); i++)
    {
      g_autoptr(RehearseQuestion) question = g_list_model_get_item (questions, i);

      if (g_strcmp0 (rehearse_question_get_key (question), key) == 0)
        {
          _rehearse_window_show_question_by_key (self, key);
          return;
        }
    }

  _rehearse_window_show_first_question (self, deck_id);
}

static void
on_import_undone (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ImportUndo) undo = user_data;
  RehearseWindow *self = undo->window;
  g_autoptr(GError) error = NULL;
  gboolean undone = rehearse_library_undo_import_finish (REHEARSE_LIBRARY (source), result,
                                                         &error);
  g_autofree char *message = NULL;
  RehearseQuestion *shown;

  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || self->sidebar == NULL)
    return;

  _rehearse_window_end_busy (self);
  if (!undone)
    {
      rehearse_window_show_message (self, error->message);
      return;
    }

  rehearse_sidebar_reload (self->sidebar);
  if (undo->result.outcome == REHEARSE_IMPORT_UPDATED)
    {
      show_deck_again (self, undo->result.deck_id);
      message = g_strdup_printf (_("Restored the previous version of “%s”"), undo->deck_title);
    }
  else
    {
      shown = rehearse_question_view_get_question (self->question_view);
      if (shown != NULL && rehearse_question_get_deck_id (shown) == undo->result.deck_id)
        _rehearse_window_show_nothing_selected (self);
      message = g_strdup_printf (_("Removed “%s”"), undo->deck_title);
    }
  rehearse_window_show_message (self, message);
}

/* Undo through the core, which undoes an import only while it is the
 * deck's latest change and says why not otherwise: a deck the import
 * created goes again, as Remove Deck does, and one it updated is put back
 * as it was. Either way user data stays with the question keys (as
 * orphans for questions no longer in the deck). */
static void
undo_import (RehearseWindow             *self,
             const RehearseImportReport *report)
{
  ImportUndo *undo = g_new0 (ImportUndo, 1);
  g_autofree char *message = NULL;

  if (report->result.outcome == REHEARSE_IMPORT_UPDATED)
    message = g_strdup_printf (_("Restoring the previous version of “%s”…"), report->deck_title);
  else
    message = g_strdup_printf (_("Removing “%s”…"), report->deck_title);

  undo->window = g_object_ref (self);
  undo->deck_title = g_strdup (report->deck_title);
  undo->result = report->result;
  rehearse_note_editor_save (rehearse_question_view_get_note_editor (self->question_view));
  _rehearse_window_begin_busy (self, message);
  rehearse_library_undo_import_async (self->library, &undo->result, NULL, on_import_undone, undo);
}

static void
on_outline_response (AdwMessageDialog *dialog,
                     const char       *response,
                     ImportOutline    *outline)
{
  g_autoptr(RehearseWindow) self = g_weak_ref_get (&outline->window);

  if (self != NULL && g_strcmp0 (response, "undo") == 0)
    undo_import (self, outline->report);
}

static void
show_import_outline (AdwToast      *toast,
                     ImportOutline *outline)
{
  g_autoptr(RehearseWindow) self = g_weak_ref_get (&outline->window);
  const RehearseImportReport *report = outline->report;
  g_autofree char *heading = NULL;
  g_autofree char *summary = NULL;
  GtkWidget *dialog;

  if (self == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  if (report->result.outcome == REHEARSE_IMPORT_UPDATED)
    heading = g_strdup_printf (_("Updated “%s”"), report->deck_title);
  else
    heading = g_strdup_printf (_("Imported “%s”"), report->deck_title);
  summary = outline_summary (report);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, summary);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), create_outline_view (report));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  /* Offered after an update too, even when the deck changed since: the
   * core then refuses, and the user hears why. */
  if (report->result.outcome == REHEARSE_IMPORT_CREATED
      || report->result.outcome == REHEARSE_IMPORT_UPDATED)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "undo", _("_Undo Import"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "undo",
                                                  ADW_RESPONSE_DESTRUCTIVE);
    }
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  /* The dialog may outlive the toast: it holds the outline too. */
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_outline_response),
                         import_outline_ref (outline), import_outline_unref_closure, 0);
  rehearse_accessible_fix_mnemonic_buttons (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_import_toast (RehearseWindow       *self,
                   const char           *message,
                   RehearseImportReport *report)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);
  ImportOutline *outline;

  /* Long enough to reach for Details. */
  adw_toast_set_timeout (toast, report != NULL ? 10 : 6);
  if (report != NULL)
    {
      outline = g_new0 (ImportOutline, 1);
      outline->refs = 1;
      g_weak_ref_init (&outline->window, self);
      outline->report = report;
      adw_toast_set_button_label (toast, _("Details"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (show_import_outline),
                             outline, import_outline_unref_closure, 0);
    }
  _rehearse_window_add_toast (self, toast);
}

/* Takes the reports. */
static void
report_import (RehearseWindow *self,
               GPtrArray      *reports)
{
  while (reports->len > 0)
    {
      RehearseImportReport *report = g_ptr_array_steal_index (reports, 0);
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

      if (report->error != NULL || report->result.outcome == REHEARSE_IMPORT_UNCHANGED)
        {
          show_import_toast (self, message, NULL);
          rehearse_import_report_free (report);
        }
      else
        show_import_toast (self, message, report);
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

static void
on_import_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RehearseWindow) self = user_data;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deck_id;

  reports = rehearse_importer_import_finish (result, &error);
  if (reports == NULL)
    {
      rehearse_window_show_message (self, error->message);
      return;
    }

  deck_id = first_imported_deck (reports);
  report_import (self, reports);
  rehearse_sidebar_reload (self->sidebar);
  if (deck_id != 0)
    _rehearse_window_show_first_question (self, deck_id);
  else if (rehearse_question_view_get_question (self->question_view) == NULL)
    _rehearse_window_show_nothing_selected (self);
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
    rehearse_importer_import_async (self->library, (const char * const *) paths->pdata, NULL,
                                    on_import_done, g_object_ref (self));
}

/* The chooser keeps its window until it is answered: the window may have
 * been closed meanwhile (gtk_window_destroy() drops only GTK's references). */
static void
on_decks_chooser_response (GtkNativeDialog *dialog,
                           int              response,
                           gpointer         user_data)
{
  g_autoptr(RehearseWindow) self = user_data;

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

void
_rehearse_window_choose_decks (RehearseWindow *self)
{
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

  g_signal_connect (chooser, "response", G_CALLBACK (on_decks_chooser_response),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
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

void
_rehearse_window_accept_dropped_decks (RehearseWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

/* ---- The first run's deck ---------------------------------------------------- */

/* A broken package (the decks' folder missing or unreadable) is reported, as
 * the empty window's explanation or, when there are decks of the user's own
 * to show, in a toast. */
static void
report_bundled_deck_failure (RehearseWindow *self,
                             const char     *reason)
{
  g_autoptr(GListModel) decks = rehearse_library_list_decks (self->library, NULL);
  g_autofree char *folder = g_filename_display_name (rehearse_importer_bundled_decks_dir ());
  g_autofree char *message = NULL;

  if (decks == NULL || g_list_model_get_n_items (decks) == 0)
    {
      /* A status page's description is Pango markup.
       * Translators: the folder, then why (an error message) */
      message = g_markup_printf_escaped (_("Rehearse looks for it in %s: %s. Decks of your "
                                           "own can still be imported with Ctrl+O."),
                                         folder, reason);
      _rehearse_window_show_status (self, "dialog-error-symbolic",
                                    _("The Docker Deck Could Not Be Imported"), message);
      return;
    }

  _rehearse_window_show_last_question (self);
  /* Translators: the folder, then why (an error message) */
  message = g_strdup_printf (_("The Docker deck could not be imported from %s: %s"),
                             folder, reason);
  rehearse_window_show_message (self, message);
}

/* The first run is over only once the deck is in: after a failure the next
 * start tries again. */
static void
on_bundled_deck_imported (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(RehearseWindow) self = user_data;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  const RehearseImportReport *report;

  reports = rehearse_importer_import_finish (result, &error);
  if (reports == NULL)
    {
      report_bundled_deck_failure (self, error->message);
      return;
    }

  /* One folder given, one report back. */
  g_return_if_fail (reports->len == 1);
  report = g_ptr_array_index (reports, 0);
  if (report->error != NULL)
    {
      report_bundled_deck_failure (self, report->error->message);
      return;
    }

  g_settings_set_boolean (self->settings, "bundled-deck-imported", TRUE);
  rehearse_sidebar_reload (self->sidebar);
  _rehearse_window_show_first_question (self, report->result.deck_id);
}

void
_rehearse_window_import_bundled_deck (RehearseWindow *self)
{
  g_autofree char *bundled = g_build_filename (rehearse_importer_bundled_decks_dir (),
                                               "docker-interview-questions", NULL);
  const char *paths[] = { bundled, NULL };

  _rehearse_window_show_status (self, "rehearse-logo-symbolic", _("Preparing the Docker Deck…"),
                                NULL);
  rehearse_importer_import_async (self->library, paths, NULL, on_bundled_deck_imported,
                                  g_object_ref (self));
}

/* ---- The notes file ---------------------------------------------------------- */

/* Both ways run off the main loop: the entries are read after the writes
 * asked for before (a note just typed is in the export), the file is read
 * and written in a thread, and the restore is one write of the library's.
 * None is cancelled when the window closes: the user asked for them. */

typedef struct
{
  RehearseWindow *window;
  GFile          *file;
  guint           n_entries;
} NotesFileWork;

static NotesFileWork *
notes_file_work_new (RehearseWindow *self,
                     GFile          *file)
{
  NotesFileWork *work = g_new0 (NotesFileWork, 1);

  work->window = g_object_ref (self);
  work->file = g_object_ref (file);
  return work;
}

static void
notes_file_work_free (NotesFileWork *work)
{
  g_object_unref (work->window);
  g_object_unref (work->file);
  g_free (work);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NotesFileWork, notes_file_work_free)

/* Ends the work; FALSE when the window is gone, with nothing to say it in. */
static gboolean
end_notes_file_work (NotesFileWork *work)
{
  RehearseWindow *self = work->window;

  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || self->sidebar == NULL)
    return FALSE;

  _rehearse_window_end_busy (self);
  return TRUE;
}

static void
on_notes_written (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(NotesFileWork) work = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean written = rehearse_notes_file_write_finish (result, &error);

  if (!end_notes_file_work (work))
    return;

  if (!written)
    {
      rehearse_window_show_message (work->window, error->message);
      return;
    }

  message = g_strdup_printf (ngettext ("Exported the notes and bookmarks of %u question",
                                       "Exported the notes and bookmarks of %u questions",
                                       work->n_entries),
                             work->n_entries);
  rehearse_window_show_message (work->window, message);
}

static void
on_entries_listed (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  NotesFileWork *work = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = rehearse_library_list_user_entries_finish (REHEARSE_LIBRARY (source), result, &error);
  if (entries == NULL)
    {
      if (end_notes_file_work (work))
        rehearse_window_show_message (work->window, error->message);
      notes_file_work_free (work);
      return;
    }

  work->n_entries = entries->len;
  rehearse_notes_file_write_async (work->file, entries, NULL, on_notes_written, work);
}

static void
export_notes_to (RehearseWindow *self,
                 GFile          *file)
{
  _rehearse_window_begin_busy (self, _("Exporting notes and bookmarks…"));
  rehearse_library_list_user_entries_async (self->library, NULL, on_entries_listed,
                                            notes_file_work_new (self, file));
}

static void
report_restore (RehearseWindow              *self,
                const RehearseRestoreResult *result)
{
  g_autofree char *message = NULL;

  if (result->notes_restored + result->bookmarks_restored == 0)
    {
      message = g_strdup (_("The library already holds these notes and bookmarks"));
    }
  else
    {
      g_autofree char *notes = g_strdup_printf (ngettext ("%u note", "%u notes",
                                                          result->notes_restored),
                                                result->notes_restored);
      g_autofree char *bookmarks = g_strdup_printf (ngettext ("%u bookmark", "%u bookmarks",
                                                              result->bookmarks_restored),
                                                    result->bookmarks_restored);

      /* Translators: "Restored 2 notes and 1 bookmark" */
      message = g_strdup_printf (_("Restored %s and %s"), notes, bookmarks);
    }
  rehearse_window_show_message (self, message);
  if (result->notes_kept > 0)
    {
      g_autofree char *kept = NULL;

      kept = g_strdup_printf (ngettext ("Kept %u note that was newer in the library",
                                        "Kept %u notes that were newer in the library",
                                        result->notes_kept),
                              result->notes_kept);
      rehearse_window_show_message (self, kept);
    }
}

static void
on_entries_restored (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(NotesFileWork) work = user_data;
  g_autoptr(GError) error = NULL;
  RehearseRestoreResult restored = { 0, };
  gboolean ok = rehearse_library_restore_user_entries_finish (REHEARSE_LIBRARY (source), result,
                                                              &restored, &error);

  if (!end_notes_file_work (work))
    return;

  if (!ok)
    {
      rehearse_window_show_message (work->window, error->message);
      return;
    }

  report_restore (work->window, &restored);
  rehearse_sidebar_reload (work->window->sidebar);
}

static void
on_notes_file_read (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  NotesFileWork *work = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  if (!rehearse_notes_file_read_finish (result, &entries, &error))
    {
      if (end_notes_file_work (work))
        rehearse_window_show_message (work->window, error->message);
      notes_file_work_free (work);
      return;
    }

  rehearse_library_restore_user_entries_async (work->window->library, entries, NULL,
                                               on_entries_restored, work);
}

static void
import_notes_from (RehearseWindow *self,
                   GFile          *file)
{
  _rehearse_window_begin_busy (self, _("Restoring notes and bookmarks…"));
  rehearse_notes_file_read_async (file, NULL, on_notes_file_read,
                                  notes_file_work_new (self, file));
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

void
_rehearse_window_choose_notes_file (RehearseWindow *self,
                                    gboolean        exporting)
{
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

  g_signal_connect (chooser, "response", G_CALLBACK (on_notes_chooser_response),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
