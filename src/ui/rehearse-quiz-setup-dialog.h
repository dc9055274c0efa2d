/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rehearse-fsrs.h"
#include "rehearse-library.h"
#include "rehearse-quiz-session.h"

G_BEGIN_DECLS

/* Where a quiz begins: which questions (everything, a deck, topics,
 * bookmarked, noted or due), how many, in which order, and whether the
 * grades count (cram mode practises without scheduling), with the number of
 * questions the choice gives. Start emits ::start, then the dialog closes. */
#define REHEARSE_TYPE_QUIZ_SETUP_DIALOG (rehearse_quiz_setup_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RehearseQuizSetupDialog, rehearse_quiz_setup_dialog,
                      REHEARSE, QUIZ_SETUP_DIALOG, AdwWindow)

/* @preset chooses the questions beforehand: "all", "deck:ID", "topic:ID",
 * "bookmarked", "with-notes" or "due"; NULL or "" leaves the choice to the
 * dialog (Due for Review when anything is due, else all questions). */
RehearseQuizSetupDialog *rehearse_quiz_setup_dialog_new         (GtkWindow                    *parent,
                                                                 RehearseLibrary              *library,
                                                                 const RehearseFsrsParameters *parameters,
                                                                 const char                   *preset);
/* The options chosen; they point into the dialog, so they are valid until
 * it is destroyed (a ::start handler may use them). */
void                     rehearse_quiz_setup_dialog_get_options (RehearseQuizSetupDialog      *self,
                                                                 RehearseQuizOptions          *options);
/* What the choice is called, for the quiz's header: "All Questions", a
 * deck's or a topic's title, "3 Topics"… */
const char              *rehearse_quiz_setup_dialog_get_title   (RehearseQuizSetupDialog      *self);
/* How many questions the quiz will have. */
guint                    rehearse_quiz_setup_dialog_get_n_cards (RehearseQuizSetupDialog      *self);

G_END_DECLS
