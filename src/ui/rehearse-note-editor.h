/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rehearse-library.h"

G_BEGIN_DECLS

/* The user's note on one question: rendered like the answer, or edited as
 * Markdown. Saving is automatic: about a second after typing stops, when
 * another question is shown, when editing ends and when the widget goes.
 * The user never presses Save; a label says when the note is saved. */
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
/* Saves now if there are unsaved changes. FALSE (and a ::save-failed
 * signal) when the library refused: the text stays in the editor. */
gboolean    rehearse_note_editor_save             (RehearseNoteEditor *self);
gboolean    rehearse_note_editor_get_has_unsaved_changes (RehearseNoteEditor *self);
void        rehearse_note_editor_set_zoom         (RehearseNoteEditor *self,
                                                   double              zoom);

G_END_DECLS
