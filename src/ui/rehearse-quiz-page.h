/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rehearse-banner.h"
#include "rehearse-fsrs.h"
#include "rehearse-library.h"
#include "rehearse-quiz-session.h"

G_BEGIN_DECLS

/* A quiz, card by card: the question, a place to type an answer, the answer
 * revealed with its key points as a checklist, four grade buttons showing
 * the interval each gives; then a summary. Each grade is saved as it is
 * given, so ending the quiz midway keeps them. Emits ::done when the user
 * leaves the quiz and ::open-question (a question key) for "Open in
 * Reader". */
#define REHEARSE_TYPE_QUIZ_PAGE (rehearse_quiz_page_get_type ())
G_DECLARE_FINAL_TYPE (RehearseQuizPage, rehearse_quiz_page, REHEARSE, QUIZ_PAGE, GtkWidget)

GtkWidget           *rehearse_quiz_page_new         (void);
/* Starts a session of @options (copied) on @library, scheduled with
 * @parameters; @title names what is quizzed ("All Questions", a topic).
 * FALSE with @error set when the library cannot be read. */
gboolean             rehearse_quiz_page_start       (RehearseQuizPage             *self,
                                                     RehearseLibrary              *library,
                                                     const RehearseFsrsParameters *parameters,
                                                     const RehearseQuizOptions    *options,
                                                     const char                   *title,
                                                     GError                      **error);
/* The session under way, or NULL once the user left it. */
RehearseQuizSession *rehearse_quiz_page_get_session (RehearseQuizPage             *self);
/* What End Quiz and Escape do: the summary of the cards graded so far, or
 * ::done when none was (or the summary is already shown). */
void                 rehearse_quiz_page_end         (RehearseQuizPage             *self);
/* Whether grades given are still being written (the "saving" property). */
gboolean             rehearse_quiz_page_get_saving  (RehearseQuizPage             *self);
void                 rehearse_quiz_page_set_zoom    (RehearseQuizPage             *self,
                                                     double                        zoom);
/* The banner under the header bar, for the window to say that the library
 * cannot be written (hidden until it does). */
RehearseBanner      *rehearse_quiz_page_get_library_notice (RehearseQuizPage      *self);

G_END_DECLS
