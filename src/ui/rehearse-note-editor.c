/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "rehearse-accessible.h"
#include "rehearse-error.h"
#include "rehearse-markdown-view.h"
#include "rehearse-note-drafts.h"
#include "rehearse-note-editor.h"
#include "rehearse-source-style.h"

struct _RehearseNoteEditor
{
  GtkWidget             parent_instance;

  /* Template widgets */
  GtkWidget            *header;
  GtkWidget            *status_box;
  GtkImage             *status_icon;
  GtkLabel             *status_label;
  GtkToggleButton      *edit_button;
  GtkStack             *stack;
  GtkWidget            *placeholder_button;
  RehearseMarkdownView *rendered_view;
  GtkScrolledWindow    *editor_scroller;

  /* Made on the first edit: most questions are read, not annotated, and a
   * source view costs start-up time and memory. */
  GtkSourceView        *source_view;

  /* Owned */
  RehearseLibrary      *library;
  RehearseNoteDrafts   *draft_files;   /* refused notes, kept beside the library */
  GHashTable           *drafted;       /* question keys whose draft file this editor wrote */
  char                 *question_key;
  char                 *text;          /* the note as loaded or last committed */
  char                 *last_failure;  /* why the latest save failed */
  GHashTable           *drafts;        /* key → RehearseNoteDraft refused, its question gone */
  GHashTable           *in_flight;     /* question key → the latest text asked to be saved */
  RehearseNoteDraft    *conflict;      /* shown: typed over a note changed since */
  GPtrArray            *waiting;       /* GTasks of rehearse_note_editor_save_async() */
  guint                 save_timeout_id;
  guint                 saves_in_flight;
  gboolean              loading;       /* the buffer is being filled, not typed in */
  gboolean              unsaved;       /* typed since the last save was asked for */
  gboolean              save_failed;   /* the library refused the note shown */
  gboolean              unreadable;    /* the stored note could not be read */
  gboolean              editing;
};

G_DEFINE_FINAL_TYPE (RehearseNoteEditor, rehearse_note_editor, GTK_TYPE_WIDGET)

enum {
  SAVE_FAILED,
  READ_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
rehearse_note_editor_new (void)
{
  return g_object_new (REHEARSE_TYPE_NOTE_EDITOR, NULL);
}

static GtkTextBuffer *
get_buffer (RehearseNoteEditor *self)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view));
}

static char *
get_text (RehearseNoteEditor *self)
{
  GtkTextIter start, end;

  if (self->source_view == NULL)
    return g_strdup (self->text != NULL ? self->text : "");

  gtk_text_buffer_get_bounds (get_buffer (self), &start, &end);
  return gtk_text_iter_get_text (&start, &end);
}

/* Loading is not typing: nothing to save, nothing to undo. */
static void
fill_buffer (RehearseNoteEditor *self,
             const char         *text)
{
  GtkTextBuffer *buffer = get_buffer (self);

  self->loading = TRUE;
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
  gtk_text_buffer_end_irreversible_action (buffer);
  self->loading = FALSE;
}

static gboolean
has_text (RehearseNoteEditor *self)
{
  g_autofree char *text = get_text (self);

  return *g_strstrip (text) != '\0';
}

/* ---- What is shown -------------------------------------------------------- */

static void
show_status (RehearseNoteEditor *self,
             const char         *icon_name,
             const char         *text)
{
  gtk_widget_set_visible (self->status_box, text != NULL);
  gtk_image_set_from_icon_name (self->status_icon, icon_name);
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
}

/* "Saved" only once the library has committed the text shown. */
static void
update_status (RehearseNoteEditor *self)
{
  /* Disposed: a save answered after the widget went. */
  if (self->status_box == NULL)
    return;

  if (self->unreadable)
    show_status (self, "dialog-error-symbolic", _("Could Not Read"));
  else if (self->saves_in_flight > 0)
    show_status (self, "document-save-symbolic", _("Saving…"));
  else if (self->save_failed)
    show_status (self, "dialog-warning-symbolic", _("Not Saved"));
  else if (self->unsaved)
    show_status (self, "document-save-symbolic", _("Saving…"));
  else if (has_text (self))
    show_status (self, "emblem-ok-symbolic", _("Saved"));
  else
    show_status (self, NULL, NULL);
}

static void
show_page (RehearseNoteEditor *self)
{
  /* Done stays pressable: what was typed still goes somewhere (kept as
   * a draft when the library refuses it). */
  gboolean writable = self->library == NULL || self->editing
                      || (!rehearse_library_is_read_only (self->library)
                          && !rehearse_library_is_damaged (self->library));

  if (self->editing)
    {
      gtk_stack_set_visible_child_name (self->stack, "editor");
    }
  else if (has_text (self))
    {
      g_autofree char *text = get_text (self);

      rehearse_markdown_view_set_markdown (self->rendered_view, text);
      gtk_stack_set_visible_child_name (self->stack, "rendered");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }

  /* A note that could not be read is not written over; none is begun
   * in a library that cannot be written (the window says why). */
  gtk_widget_set_sensitive (GTK_WIDGET (self->edit_button), !self->unreadable && writable);
  gtk_widget_set_sensitive (self->placeholder_button, !self->unreadable && writable);
  if (self->source_view != NULL)
    gtk_text_view_set_editable (GTK_TEXT_VIEW (self->source_view), !self->unreadable);

  /* The button reads as what it will do. */
  gtk_button_set_label (GTK_BUTTON (self->edit_button), self->editing ? _("_Done") : _("_Edit"));
  rehearse_accessible_fix_mnemonic_buttons (GTK_WIDGET (self->edit_button));
  gtk_toggle_button_set_active (self->edit_button, self->editing);
}

/* ---- Saving ----------------------------------------------------------------- */

/* A save not answered by then is waiting (for the write lock, which
 * another program may hold for up to a minute, or for a slow disk): its
 * text is written as a draft file meanwhile, so that a crash or a kill
 * during the wait loses nothing. A save answered sooner, as nearly all
 * are, writes no file. */
#define DRAFT_WHILE_WAITING_MS 500

typedef struct
{
  RehearseNoteEditor *editor;
  char               *question_key;
  char               *text;
  char               *based_on;      /* the stored note it was typed over */
  guint               draft_timeout_id;
} NoteSave;

static void
note_save_free (NoteSave *save)
{
  g_clear_handle_id (&save->draft_timeout_id, g_source_remove);
  g_object_unref (save->editor);
  g_free (save->question_key);
  g_free (save->text);
  g_free (save->based_on);
  g_free (save);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NoteSave, note_save_free)

static void answer_waiting (RehearseNoteEditor *self);

static void
discard_draft_file (RehearseNoteEditor *self,
                    const char         *question_key)
{
  g_autoptr(GError) error = NULL;

  g_hash_table_remove (self->drafted, question_key);
  if (self->draft_files != NULL
      && !rehearse_note_drafts_discard (self->draft_files, question_key, &error))
    g_debug ("A saved note's draft stays: %s", error->message);
}

/* A draft file is written only for a note the library refused or is slow
 * to take (DRAFT_WHILE_WAITING_MS), and goes once a later save of its
 * question committed. A draft from before this
 * editor (its question's note saved here meanwhile) waits for the user's
 * word: it is not this editor's to remove. */
static void
discard_own_draft_file (RehearseNoteEditor *self,
                        const char         *question_key)
{
  if (g_hash_table_contains (self->drafted, question_key))
    discard_draft_file (self, question_key);
}

/* FALSE with @error when the draft could not be written either: then it
 * lives in memory alone, and the user must hear that. */
static gboolean
keep_draft_file (RehearseNoteEditor       *self,
                 const RehearseNoteDraft  *draft,
                 GError                  **error)
{
  if (self->draft_files == NULL)
    return TRUE;
  if (!rehearse_note_drafts_keep (self->draft_files, draft, error))
    return FALSE;

  g_hash_table_add (self->drafted, g_strdup (draft->question_key));
  return TRUE;
}

/* Whether a later text of @save's question was asked to be saved since,
 * and is not answered yet: the draft file is that one's now. */
static gboolean
newer_save_waits (RehearseNoteEditor *self,
                  NoteSave           *save)
{
  return g_hash_table_contains (self->in_flight, save->question_key);
}

static void
note_committed (RehearseNoteEditor *self,
                NoteSave           *save)
{
  if (!newer_save_waits (self, save))
    discard_own_draft_file (self, save->question_key);
  if (g_strcmp0 (save->question_key, self->question_key) != 0)
    return;

  g_free (self->text);
  self->text = g_steal_pointer (&save->text);
  self->save_failed = FALSE;
}

/* The text stays: in a draft file beside the library (so a crash or a
 * quit does not lose it), and in the editor when its question is shown
 * (tried again at the next change, question or close), else as a draft
 * in memory that comes back with its question. */
static void
note_refused (RehearseNoteEditor *self,
              NoteSave           *save,
              GError             *error)
{
  g_autoptr(RehearseNoteDraft) draft = rehearse_note_draft_new (save->question_key, save->text,
                                                                save->based_on);
  g_autoptr(GError) draft_error = NULL;

  g_free (self->last_failure);
  if (newer_save_waits (self, save) || keep_draft_file (self, draft, &draft_error))
    self->last_failure = g_strdup (error->message);
  else
    self->last_failure = g_strdup_printf (_("%s. It could not be kept as a draft either: %s"),
                                          error->message, draft_error->message);

  if (g_strcmp0 (save->question_key, self->question_key) == 0)
    {
      self->save_failed = TRUE;
      self->unsaved = TRUE;
    }
  else
    {
      g_hash_table_replace (self->drafts, g_strdup (save->question_key),
                            g_steal_pointer (&draft));
    }

  g_signal_emit (self, signals[SAVE_FAILED], 0, self->last_failure);
}

/* Only the latest text asked for a question is the one to show again. */
static void
forget_in_flight (RehearseNoteEditor *self,
                  NoteSave           *save)
{
  const char *latest = g_hash_table_lookup (self->in_flight, save->question_key);

  if (g_strcmp0 (latest, save->text) == 0)
    g_hash_table_remove (self->in_flight, save->question_key);
}

static void
on_note_saved (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(NoteSave) save = user_data;
  RehearseNoteEditor *self = save->editor;
  g_autoptr(GError) error = NULL;

  self->saves_in_flight--;
  g_clear_handle_id (&save->draft_timeout_id, g_source_remove);
  forget_in_flight (self, save);
  if (rehearse_library_save_note_finish (REHEARSE_LIBRARY (source), result, &error))
    note_committed (self, save);
  else
    note_refused (self, save, error);

  update_status (self);
  answer_waiting (self);
}

static gboolean
on_save_waiting (gpointer user_data)
{
  NoteSave *save = user_data;
  RehearseNoteEditor *self = save->editor;
  g_autoptr(RehearseNoteDraft) draft = NULL;
  g_autoptr(GError) error = NULL;

  save->draft_timeout_id = 0;
  /* A later text of the question is asked for: its own wait writes it. */
  if (g_strcmp0 (g_hash_table_lookup (self->in_flight, save->question_key), save->text) != 0)
    return G_SOURCE_REMOVE;

  draft = rehearse_note_draft_new (save->question_key, save->text, save->based_on);
  /* The save may still commit; if it fails, it says so then. */
  if (!keep_draft_file (self, draft, &error))
    g_debug ("A note waiting to be saved could not be kept as a draft: %s", error->message);
  return G_SOURCE_REMOVE;
}

static void
ask_save (RehearseNoteEditor *self,
          const char         *question_key,
          const char         *text,
          const char         *based_on)
{
  NoteSave *save = g_new0 (NoteSave, 1);

  save->editor = g_object_ref (self);
  save->question_key = g_strdup (question_key);
  save->text = g_strdup (text);
  save->based_on = g_strdup (based_on);
  g_hash_table_replace (self->in_flight, g_strdup (question_key), g_strdup (text));
  self->saves_in_flight++;
  save->draft_timeout_id = g_timeout_add (DRAFT_WHILE_WAITING_MS, on_save_waiting, save);
  /* Never cancelled: the last text typed reaches the library, whatever
   * closes meanwhile. */
  rehearse_library_save_note_async (self->library, question_key, text, NULL, on_note_saved, save);
}

void
rehearse_note_editor_save (RehearseNoteEditor *self)
{
  g_autofree char *text = NULL;

  g_return_if_fail (REHEARSE_IS_NOTE_EDITOR (self));

  g_clear_handle_id (&self->save_timeout_id, g_source_remove);
  if (!self->unsaved || self->unreadable || self->library == NULL || self->question_key == NULL)
    return;

  text = get_text (self);
  self->unsaved = FALSE;
  ask_save (self, self->question_key, text, self->text);
  update_status (self);
}

/* Notes refused while another question was shown are asked for again. A
 * draft typed over a note changed since is not: it waits for its question. */
static void
save_drafts (RehearseNoteEditor *self)
{
  GHashTableIter iter;
  gpointer key, value;

  if (self->library == NULL)
    return;

  g_hash_table_iter_init (&iter, self->drafts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      RehearseNoteDraft *draft = value;
      g_autofree char *stored = NULL;

      /* Unreadable now: tried with its question, as it is shown. */
      if (!rehearse_library_get_note (self->library, key, &stored, NULL)
          || !rehearse_note_draft_is_based_on (draft, stored))
        continue;

      ask_save (self, key, draft->text, stored);
      g_hash_table_iter_remove (&iter);
    }
}

/* Texts not saved besides the one typed: refused for questions no longer
 * shown, or typed over notes changed since. */
static gboolean
has_drafts (RehearseNoteEditor *self)
{
  return self->conflict != NULL || g_hash_table_size (self->drafts) > 0;
}

/* Once nothing is in flight: all saved, or the latest failure. Text typed
 * meanwhile is saved first. */
static void
answer_waiting (RehearseNoteEditor *self)
{
  g_autoptr(GPtrArray) waiting = NULL;

  if (self->saves_in_flight > 0 || self->waiting->len == 0)
    return;

  if (self->unsaved && !self->save_failed)
    {
      rehearse_note_editor_save (self);
      if (self->saves_in_flight > 0)
        return;
    }

  waiting = g_steal_pointer (&self->waiting);
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      if ((self->save_failed || has_drafts (self)) && self->last_failure != NULL)
        g_task_return_new_error (task, REHEARSE_ERROR, REHEARSE_ERROR_DATABASE, "%s",
                                 self->last_failure);
      else if (has_drafts (self))
        g_task_return_new_error (task, REHEARSE_ERROR, REHEARSE_ERROR_DATABASE, "%s",
                                 _("A note was changed elsewhere after your draft of it was "
                                   "written, so the draft was not saved over it"));
      else if (self->save_failed)
        g_task_return_new_error (task, REHEARSE_ERROR, REHEARSE_ERROR_DATABASE, "%s",
                                 _("The note could not be saved"));
      else
        g_task_return_boolean (task, TRUE);
    }
}

void
rehearse_note_editor_save_async (RehearseNoteEditor  *self,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (REHEARSE_IS_NOTE_EDITOR (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, rehearse_note_editor_save_async);
  g_ptr_array_add (self->waiting, task);

  /* A note refused before is tried again: the user asked to save. One
   * typed over a change made elsewhere is not saved over it. */
  g_clear_pointer (&self->last_failure, g_free);
  if (self->conflict == NULL)
    self->save_failed = FALSE;
  rehearse_note_editor_save (self);
  save_drafts (self);
  answer_waiting (self);
}

gboolean
rehearse_note_editor_save_finish (RehearseNoteEditor  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (REHEARSE_IS_NOTE_EDITOR (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
on_save_timeout (gpointer user_data)
{
  RehearseNoteEditor *self = user_data;

  self->save_timeout_id = 0;
  rehearse_note_editor_save (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (RehearseNoteEditor *self)
{
  /* Each keystroke starts the wait again: the note is saved once typing
   * pauses, not on every key. */
  g_clear_handle_id (&self->save_timeout_id, g_source_remove);
  self->save_timeout_id = g_timeout_add (REHEARSE_NOTE_EDITOR_SAVE_DELAY_MS, on_save_timeout,
                                         self);
}

static void
on_buffer_changed (RehearseNoteEditor *self)
{
  if (self->loading)
    return;

  /* Edited, a draft typed over a change made elsewhere is the user's
   * choice: it is saved as any note. */
  g_clear_pointer (&self->conflict, rehearse_note_draft_free);
  self->unsaved = TRUE;
  update_status (self);
  schedule_save (self);
}

gboolean
rehearse_note_editor_get_has_unsaved_changes (RehearseNoteEditor *self)
{
  g_return_val_if_fail (REHEARSE_IS_NOTE_EDITOR (self), FALSE);

  return self->unsaved || self->saves_in_flight > 0 || self->save_failed
         || has_drafts (self);
}

/* The text shown, if not committed, and every draft in memory. */
static GPtrArray *
unsaved_drafts (RehearseNoteEditor *self)
{
  GPtrArray *drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) rehearse_note_draft_free);
  GHashTableIter iter;
  gpointer value;

  if (self->conflict != NULL)
    {
      g_ptr_array_add (drafts, rehearse_note_draft_copy (self->conflict));
    }
  else if (self->question_key != NULL && !self->unreadable && (self->unsaved || self->save_failed))
    {
      g_autofree char *text = get_text (self);

      g_ptr_array_add (drafts, rehearse_note_draft_new (self->question_key, text, self->text));
    }

  g_hash_table_iter_init (&iter, self->drafts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (drafts, rehearse_note_draft_copy (value));

  return drafts;
}

gboolean
rehearse_note_editor_keep_drafts (RehearseNoteEditor  *self,
                                  GError             **error)
{
  g_autoptr(GPtrArray) drafts = NULL;

  g_return_val_if_fail (REHEARSE_IS_NOTE_EDITOR (self), FALSE);

  drafts = unsaved_drafts (self);
  for (guint i = 0; i < drafts->len; i++)
    if (!keep_draft_file (self, g_ptr_array_index (drafts, i), error))
      return FALSE;

  return TRUE;
}

static void load_note (RehearseNoteEditor *self);

void
rehearse_note_editor_discard_drafts (RehearseNoteEditor *self)
{
  g_autoptr(GPtrArray) drafts = NULL;

  g_return_if_fail (REHEARSE_IS_NOTE_EDITOR (self));

  drafts = unsaved_drafts (self);
  for (guint i = 0; i < drafts->len; i++)
    discard_draft_file (self, ((RehearseNoteDraft *) g_ptr_array_index (drafts, i))->question_key);
  g_hash_table_remove_all (self->drafts);
  g_clear_pointer (&self->conflict, rehearse_note_draft_free);
  g_clear_handle_id (&self->save_timeout_id, g_source_remove);

  /* The note as the library has it, as if nothing had been typed. */
  self->editing = FALSE;
  load_note (self);
  show_page (self);
  update_status (self);
}

/* ---- Editing -------------------------------------------------------------------- */

static gboolean on_editor_key_pressed (GtkEventControllerKey *controller,
                                       guint                  keyval,
                                       guint                  keycode,
                                       GdkModifierType        state,
                                       gpointer               user_data);

static void
ensure_source_view (RehearseNoteEditor *self)
{
  GtkSourceLanguageManager *languages;
  GtkSourceBuffer *buffer;
  GtkEventController *keys;

  if (self->source_view != NULL)
    return;

  gtk_source_init ();
  languages = gtk_source_language_manager_get_default ();
  buffer = gtk_source_buffer_new_with_language (
    gtk_source_language_manager_get_language (languages, "markdown"));
  rehearse_source_style_follow (buffer);
  self->source_view = g_object_new (GTK_SOURCE_TYPE_VIEW,
                                    "buffer", buffer,
                                    "wrap-mode", GTK_WRAP_WORD_CHAR,
                                    "monospace", TRUE,
                                    "top-margin", 12, "bottom-margin", 12,
                                    "left-margin", 12, "right-margin", 12,
                                    /* Tab leaves the editor, as everywhere else. */
                                    "accepts-tab", FALSE,
                                    NULL);
  g_object_unref (buffer);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->source_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note, in Markdown"), -1);

  fill_buffer (self, self->text);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->source_view), !self->unreadable);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_buffer_changed), self,
                           G_CONNECT_SWAPPED);

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_editor_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->source_view), keys);

  gtk_scrolled_window_set_child (self->editor_scroller, GTK_WIDGET (self->source_view));
}

void
rehearse_note_editor_edit (RehearseNoteEditor *self)
{
  GtkTextIter end;

  g_return_if_fail (REHEARSE_IS_NOTE_EDITOR (self));

  /* Typing over a note that could not be read would replace it. */
  if (self->question_key == NULL || self->unreadable)
    {
      show_page (self);
      return;
    }

  ensure_source_view (self);

  if (!self->editing)
    {
      /* Notes grow at their end: that is where the cursor waits. */
      self->editing = TRUE;
      gtk_text_buffer_get_end_iter (get_buffer (self), &end);
      gtk_text_buffer_place_cursor (get_buffer (self), &end);
      show_page (self);
    }

  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

static void
finish_editing (RehearseNoteEditor *self)
{
  if (!self->editing)
    return;

  rehearse_note_editor_save (self);
  self->editing = FALSE;
  show_page (self);
  update_status (self);
}

gboolean
rehearse_note_editor_get_editing (RehearseNoteEditor *self)
{
  g_return_val_if_fail (REHEARSE_IS_NOTE_EDITOR (self), FALSE);

  return self->editing;
}

static void
on_edit_toggled (RehearseNoteEditor *self)
{
  gboolean active = gtk_toggle_button_get_active (self->edit_button);

  if (active && !self->editing)
    rehearse_note_editor_edit (self);
  else if (!active && self->editing)
    finish_editing (self);
}

static gboolean
on_editor_key_pressed (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       gpointer               user_data)
{
  RehearseNoteEditor *self = user_data;

  if (keyval != GDK_KEY_Escape)
    return GDK_EVENT_PROPAGATE;

  finish_editing (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->edit_button));
  return GDK_EVENT_STOP;
}

/* ---- The question ----------------------------------------------------------------- */

static void
load_note (RehearseNoteEditor *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->text, g_free);
  self->unreadable = FALSE;
  self->unsaved = FALSE;
  self->save_failed = FALSE;
  if (self->library != NULL && self->question_key != NULL
      && !rehearse_library_get_note (self->library, self->question_key, &self->text, &error))
    {
      g_autofree char *message = NULL;

      self->unreadable = TRUE;
      message = g_strdup_printf (_("Your note on this question could not be read, and cannot be "
                                   "edited until it can: %s"), error->message);
      g_signal_emit (self, signals[READ_FAILED], 0, message);
    }

  if (self->source_view != NULL)
    fill_buffer (self, self->text);
}

/* The newest text of the question not committed: refused while another
 * question was shown, or still being saved. */
static RehearseNoteDraft *
take_draft (RehearseNoteEditor *self)
{
  RehearseNoteDraft *draft = NULL;
  const char *saving;

  if (g_hash_table_steal_extended (self->drafts, self->question_key, NULL, (gpointer *) &draft))
    return draft;

  saving = g_hash_table_lookup (self->in_flight, self->question_key);
  if (saving != NULL)
    return rehearse_note_draft_new (self->question_key, saving, self->text);

  return NULL;
}

/* A draft comes back as it was typed, not saved yet, and is tried again;
 * one typed over a note changed since is shown but not saved over that
 * change until the user edits it, and they are told. */
static void
restore_draft (RehearseNoteEditor *self)
{
  g_autoptr(RehearseNoteDraft) draft = NULL;
  gboolean saving;

  if (self->unreadable || self->question_key == NULL)
    return;

  saving = g_hash_table_contains (self->in_flight, self->question_key);
  draft = take_draft (self);
  if (draft == NULL)
    return;

  /* Saved after all (as the last window went, say): nothing to give back. */
  if (!saving && g_strcmp0 (draft->text, self->text != NULL ? self->text : "") == 0)
    {
      discard_draft_file (self, self->question_key);
      return;
    }

  ensure_source_view (self);
  fill_buffer (self, draft->text);
  if (saving)
    return;

  self->save_failed = TRUE;
  if (rehearse_note_draft_is_based_on (draft, self->text))
    {
      self->unsaved = TRUE;
      schedule_save (self);
      return;
    }

  self->conflict = g_steal_pointer (&draft);
  g_signal_emit (self, signals[SAVE_FAILED], 0,
                 _("This note was changed elsewhere after your unsaved draft of it was written. "
                   "The draft is shown and is not saved over that change unless you edit it."));
}

/* A draft typed over a change made elsewhere, left unedited, stays one. */
static void
put_back_conflict (RehearseNoteEditor *self)
{
  RehearseNoteDraft *draft = g_steal_pointer (&self->conflict);

  if (draft != NULL)
    g_hash_table_replace (self->drafts, g_strdup (draft->question_key), draft);
}

void
rehearse_note_editor_set_question_key (RehearseNoteEditor *self,
                                       const char         *question_key)
{
  g_return_if_fail (REHEARSE_IS_NOTE_EDITOR (self));

  rehearse_note_editor_save (self);
  put_back_conflict (self);

  g_free (self->question_key);
  self->question_key = g_strdup (question_key);
  self->editing = FALSE;

  load_note (self);
  restore_draft (self);
  show_page (self);
  update_status (self);
}

void
rehearse_note_editor_offer_draft (RehearseNoteEditor      *self,
                                  const RehearseNoteDraft *draft)
{
  gboolean show_now;

  g_return_if_fail (REHEARSE_IS_NOTE_EDITOR (self));
  g_return_if_fail (draft != NULL);

  /* Not over text being written: then it waits for its question. */
  show_now = g_strcmp0 (draft->question_key, self->question_key) == 0 && !self->editing
             && !rehearse_note_editor_get_has_unsaved_changes (self);

  g_hash_table_replace (self->drafts, g_strdup (draft->question_key),
                        rehearse_note_draft_copy (draft));
  g_hash_table_add (self->drafted, g_strdup (draft->question_key));
  if (!show_now)
    return;

  load_note (self);
  restore_draft (self);
  show_page (self);
  update_status (self);
}

const char *
rehearse_note_editor_get_question_key (RehearseNoteEditor *self)
{
  g_return_val_if_fail (REHEARSE_IS_NOTE_EDITOR (self), NULL);

  return self->question_key;
}

/* A note restored from a notes file replaces the one shown. While the
 * user edits, or while what they typed is not committed, the editor is
 * the truth: its text is never replaced under them (its own saves come
 * back here too). */
static void
on_user_data_changed (RehearseNoteEditor *self,
                      const char         *question_key)
{
  /* NULL: another program changed the library, maybe this note. */
  if (question_key != NULL && g_strcmp0 (question_key, self->question_key) != 0)
    return;

  if (!self->unreadable
      && (self->editing || rehearse_note_editor_get_has_unsaved_changes (self)))
    return;

  load_note (self);
  show_page (self);
  update_status (self);
}

void
rehearse_note_editor_set_library (RehearseNoteEditor *self,
                                  RehearseLibrary    *library)
{
  g_return_if_fail (REHEARSE_IS_NOTE_EDITOR (self));
  g_return_if_fail (self->library == NULL);

  self->library = g_object_ref (library);
  if (rehearse_library_get_path (library) != NULL)
    self->draft_files = rehearse_note_drafts_new (rehearse_library_get_path (library));
  g_signal_connect_object (library, "user-data-changed", G_CALLBACK (on_user_data_changed), self,
                           G_CONNECT_SWAPPED);
  load_note (self);
  show_page (self);
  update_status (self);
}

void
rehearse_note_editor_set_zoom (RehearseNoteEditor *self,
                               double              zoom)
{
  g_return_if_fail (REHEARSE_IS_NOTE_EDITOR (self));

  rehearse_markdown_view_set_zoom (self->rendered_view, zoom);
}

/* ---- GObject -------------------------------------------------------------------------- */

static void
rehearse_note_editor_dispose (GObject *object)
{
  RehearseNoteEditor *self = REHEARSE_NOTE_EDITOR (object);

  /* The last keystrokes, and notes refused before, are asked for however
   * the editor goes away; the library does them before it closes. */
  if (self->editor_scroller != NULL)
    {
      rehearse_note_editor_save (self);
      put_back_conflict (self);
      save_drafts (self);
    }
  g_clear_handle_id (&self->save_timeout_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), REHEARSE_TYPE_NOTE_EDITOR);
  g_clear_pointer (&self->question_key, g_free);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (rehearse_note_editor_parent_class)->dispose (object);
}

/* Saves in flight hold the editor: only they are left to finish it. */
static void
rehearse_note_editor_finalize (GObject *object)
{
  RehearseNoteEditor *self = REHEARSE_NOTE_EDITOR (object);

  g_clear_object (&self->library);
  g_clear_object (&self->draft_files);
  g_clear_pointer (&self->drafted, g_hash_table_unref);
  g_clear_pointer (&self->last_failure, g_free);
  g_clear_pointer (&self->drafts, g_hash_table_unref);
  g_clear_pointer (&self->in_flight, g_hash_table_unref);
  g_clear_pointer (&self->conflict, rehearse_note_draft_free);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);

  G_OBJECT_CLASS (rehearse_note_editor_parent_class)->finalize (object);
}

static void
rehearse_note_editor_class_init (RehearseNoteEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rehearse_note_editor_dispose;
  G_OBJECT_CLASS (klass)->finalize = rehearse_note_editor_finalize;

  /* The library's message, for a toast. */
  signals[SAVE_FAILED] =
    g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The note could not be read, so it cannot be edited: a message for a
   * toast. */
  signals[READ_FAILED] =
    g_signal_new ("read-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (REHEARSE_TYPE_MARKDOWN_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rehearse/Rehearse/rehearse-note-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RehearseNoteEditor, header);
  gtk_widget_class_bind_template_child (widget_class, RehearseNoteEditor, status_box);
  gtk_widget_class_bind_template_child (widget_class, RehearseNoteEditor, status_icon);
  gtk_widget_class_bind_template_child (widget_class, RehearseNoteEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, RehearseNoteEditor, edit_button);
  gtk_widget_class_bind_template_child (widget_class, RehearseNoteEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, RehearseNoteEditor, placeholder_button);
  gtk_widget_class_bind_template_child (widget_class, RehearseNoteEditor, rendered_view);
  gtk_widget_class_bind_template_child (widget_class, RehearseNoteEditor, editor_scroller);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_toggled);
  gtk_widget_class_bind_template_callback (widget_class, rehearse_note_editor_edit);
}

static void
rehearse_note_editor_init (RehearseNoteEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) rehearse_note_draft_free);
  self->in_flight = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->drafted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);

  show_page (self);
  update_status (self);
}
