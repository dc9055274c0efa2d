/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rehearse-library.h"
#include "rehearse-note-editor.h"
#include "rehearse-question.h"

G_BEGIN_DECLS

/* The content pane: one question, its rendered answer and In-depth part,
 * the user's note, and previous/next; or a status page when there is
 * nothing to show. */
#define REHEARSE_TYPE_QUESTION_VIEW (rehearse_question_view_get_type ())
G_DECLARE_FINAL_TYPE (RehearseQuestionView, rehearse_question_view, REHEARSE, QUESTION_VIEW, GtkWidget)

GtkWidget        *rehearse_question_view_new           (void);
/* Once, before any question is shown: notes and bookmark labels live there. */
void              rehearse_question_view_set_library   (RehearseQuestionView *self,
                                                        RehearseLibrary      *library);
/* @question must be a full question (with its answer). */
void              rehearse_question_view_show_question (RehearseQuestionView *self,
                                                        RehearseQuestion     *question);
void              rehearse_question_view_show_status   (RehearseQuestionView *self,
                                                        const char           *icon_name,
                                                        const char           *title,
                                                        const char           *description);
RehearseQuestion *rehearse_question_view_get_question  (RehearseQuestionView *self);
void              rehearse_question_view_set_zoom      (RehearseQuestionView *self,
                                                        double                zoom);
RehearseNoteEditor *rehearse_question_view_get_note_editor (RehearseQuestionView *self);
/* Opens the note editor and scrolls it into view. */
void              rehearse_question_view_edit_note     (RehearseQuestionView *self);
/* The answer shown, and its In Depth part, as Markdown (what Copy Answer
 * copies); NULL when there is none. */
char             *rehearse_question_view_get_answer_markdown (RehearseQuestionView *self);
/* Opens the label popover of a bookmarked question. */
void              rehearse_question_view_edit_bookmark_label (RehearseQuestionView *self);

G_END_DECLS
