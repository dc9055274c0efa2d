/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rehearse-library.h"
#include "rehearse-note-drafts.h"

G_BEGIN_DECLS

/* The user's note on one question: rendered like the answer, or edited as
 * Markdown. Saving is automatic: about a second after typing stops, when
 * another question is shown, when editing ends and when the widget goes.
 * The user never presses Save; a label says "Saved" once the library has
 * committed the note. Saves go to the library's writer (never waiting on
 * the main loop), and a note the library refused stays as typed: in the
 * editor, or as a draft that comes back with its question, and in a draft
 * file beside the library (RehearseNoteDrafts) until it is saved, so that
 * neither a quit nor a crash loses it. A note that
 * could not be read cannot be edited, so that it is never saved over. */
#define REHEARSE_TYPE_NOTE_EDITOR (rehearse_note_editor_get_type ())
G_DECLARE_FINAL_TYPE (RehearseNoteEditor, rehearse_note_editor, REHEARSE, NOTE_EDITOR, GtkWidget)

/* How long typing must pause before the note is saved. */
#define REHEARSE_NOTE_EDITOR_SAVE_DELAY_MS 1000

GtkWidget  *rehearse_note_editor_new              (void);
/* Once, before a question is set. */
void        rehearse_note_editor_set_library      (RehearseNoteEditor *self,
                                                   RehearseLibrary    *library);
/* Saves the note being written, then loads the one for @question_key
 * (NULL: none) and shows it rendered. */
void        rehearse_note_editor_set_question_key (RehearseNoteEditor *self,
                                                   const char         *question_key);
const char *rehearse_note_editor_get_question_key (RehearseNoteEditor *self);
/* Opens the editor with the keyboard focus in it. */
void        rehearse_note_editor_edit             (RehearseNoteEditor *self);
gboolean    rehearse_note_editor_get_editing      (RehearseNoteEditor *self);
/* Asks the library to save what was typed and not yet saved, and returns
 * at once. A refusal emits ::save-failed; the text stays. */
void        rehearse_note_editor_save             (RehearseNoteEditor *self);
/* Saves as rehearse_note_editor_save() does (notes refused before too),
 * then calls @callback once no save is in flight; _finish fails when the
 * library refused one: its text is kept and the user was told. */
void        rehearse_note_editor_save_async       (RehearseNoteEditor  *self,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean    rehearse_note_editor_save_finish      (RehearseNoteEditor  *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
/* TRUE while text typed is not committed: waiting for typing to pause,
 * being saved, or refused. */
gboolean    rehearse_note_editor_get_has_unsaved_changes (RehearseNoteEditor *self);
/* Writes every text not committed (the one shown, those refused for other
 * questions) as draft files beside the library, for the next start to
 * offer back: before quitting with notes unsaved. FALSE when one could not
 * be written. */
gboolean    rehearse_note_editor_keep_drafts      (RehearseNoteEditor  *self,
                                                   GError             **error);
/* Forgets every text not committed, in memory and in draft files, and
 * shows the note as the library has it: the user chose to lose them. */
void        rehearse_note_editor_discard_drafts   (RehearseNoteEditor  *self);
/* A draft from before (a draft file the library could not take): kept in
 * memory and shown with its question, as a note refused here would be;
 * its file goes once it is saved. */
void        rehearse_note_editor_offer_draft      (RehearseNoteEditor      *self,
                                                   const RehearseNoteDraft *draft);
void        rehearse_note_editor_set_zoom         (RehearseNoteEditor *self,
                                                   double              zoom);

G_END_DECLS
