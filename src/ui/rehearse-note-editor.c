/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "rehearse-markdown-view.h"
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
  RehearseMarkdownView *rendered_view;
  GtkScrolledWindow    *editor_scroller;

  /* Made on the first edit: most questions are read, not annotated, and a
   * source view costs start-up time and memory. */
  GtkSourceView        *source_view;

  /* Owned */
  RehearseLibrary      *library;
  char                 *question_key;
  char                 *text;        /* the note as loaded or last saved */
  guint                 save_timeout_id;
  gboolean              loading;     /* the buffer is being filled, not typed in */
  gboolean              unsaved;
  gboolean              editing;
};

G_DEFINE_FINAL_TYPE (RehearseNoteEditor, rehearse_note_editor, GTK_TYPE_WIDGET)

enum {
  SAVE_FAILED,
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
fill_buffer (RehearseNoteEditor *self)
{
  GtkTextBuffer *buffer = get_buffer (self);

  self->loading = TRUE;
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, self->text != NULL ? self->text : "", -1);
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

static void
update_status (RehearseNoteEditor *self)
{
  if (self->unsaved)
    show_status (self, "document-save-symbolic", _("Saving…"));
  else if (has_text (self))
    show_status (self, "emblem-ok-symbolic", _("Saved"));
  else
    show_status (self, NULL, NULL);
}

static void
show_page (RehearseNoteEditor *self)
{
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

  /* The button reads as what it will do. */
  gtk_button_set_label (GTK_BUTTON (self->edit_button), self->editing ? _("_Done") : _("_Edit"));
  gtk_toggle_button_set_active (self->edit_button, self->editing);
}

/* ---- Saving ----------------------------------------------------------------- */

gboolean
rehearse_note_editor_save (RehearseNoteEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (REHEARSE_IS_NOTE_EDITOR (self), FALSE);

  g_clear_handle_id (&self->save_timeout_id, g_source_remove);
  if (!self->unsaved || self->library == NULL || self->question_key == NULL)
    return TRUE;

  text = get_text (self);
  if (!rehearse_library_save_note (self->library, self->question_key, text, &error))
    {
      /* The text stays in the editor and is tried again on the next change. */
      show_status (self, "dialog-warning-symbolic", _("Not Saved"));
      g_signal_emit (self, signals[SAVE_FAILED], 0, error->message);
      return FALSE;
    }

  g_free (self->text);
  self->text = g_steal_pointer (&text);
  self->unsaved = FALSE;
  update_status (self);
  return TRUE;
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
on_buffer_changed (RehearseNoteEditor *self)
{
  if (self->loading)
    return;

  self->unsaved = TRUE;
  update_status (self);

  /* Each keystroke starts the wait again: the note is saved once typing
   * pauses, not on every key. */
  g_clear_handle_id (&self->save_timeout_id, g_source_remove);
  self->save_timeout_id = g_timeout_add (REHEARSE_NOTE_EDITOR_SAVE_DELAY_MS, on_save_timeout, self);
}

gboolean
rehearse_note_editor_get_has_unsaved_changes (RehearseNoteEditor *self)
{
  g_return_val_if_fail (REHEARSE_IS_NOTE_EDITOR (self), FALSE);

  return self->unsaved;
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

  fill_buffer (self);
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

  if (self->question_key == NULL)
    return;

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
  g_clear_pointer (&self->text, g_free);
  if (self->library != NULL && self->question_key != NULL)
    self->text = rehearse_library_get_note (self->library, self->question_key);

  if (self->source_view != NULL)
    fill_buffer (self);
  self->unsaved = FALSE;
}

void
rehearse_note_editor_set_question_key (RehearseNoteEditor *self,
                                       const char         *question_key)
{
  g_return_if_fail (REHEARSE_IS_NOTE_EDITOR (self));

  rehearse_note_editor_save (self);

  g_free (self->question_key);
  self->question_key = g_strdup (question_key);
  self->editing = FALSE;

  load_note (self);
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
 * user edits, the editor is the truth (its own saves come back here too). */
static void
on_user_data_changed (RehearseNoteEditor *self,
                      const char         *question_key)
{
  /* NULL: another program changed the library, maybe this note. */
  if (self->editing || self->unsaved
      || (question_key != NULL && g_strcmp0 (question_key, self->question_key) != 0))
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

  /* The last keystrokes are saved however the editor goes away. */
  if (self->editor_scroller != NULL)
    rehearse_note_editor_save (self);
  g_clear_handle_id (&self->save_timeout_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), REHEARSE_TYPE_NOTE_EDITOR);
  g_clear_object (&self->library);
  g_clear_pointer (&self->question_key, g_free);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (rehearse_note_editor_parent_class)->dispose (object);
}

static void
rehearse_note_editor_class_init (RehearseNoteEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rehearse_note_editor_dispose;

  /* The library's message, for a toast. */
  signals[SAVE_FAILED] =
    g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
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
  gtk_widget_class_bind_template_child (widget_class, RehearseNoteEditor, rendered_view);
  gtk_widget_class_bind_template_child (widget_class, RehearseNoteEditor, editor_scroller);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_toggled);
  gtk_widget_class_bind_template_callback (widget_class, rehearse_note_editor_edit);
}

static void
rehearse_note_editor_init (RehearseNoteEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  show_page (self);
  update_status (self);
}
