/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rehearse-fsrs.h"
#include "rehearse-library.h"
#include "rehearse-question.h"

G_BEGIN_DECLS

/* One quiz: the cards chosen for a scope, walked one at a time. Each card is
 * shown, revealed (with what the user typed, which ticks the key points it
 * covers), and graded; grading records a review in the library's log and
 * moves the card's schedule on (FSRS), except in cram mode, which practises
 * without touching the schedule. Time is passed in, never read here. */

typedef enum
{
  REHEARSE_QUIZ_SCOPE_ALL,
  REHEARSE_QUIZ_SCOPE_DECK,
  REHEARSE_QUIZ_SCOPE_TOPICS,
  REHEARSE_QUIZ_SCOPE_BOOKMARKED,
  REHEARSE_QUIZ_SCOPE_WITH_NOTES,
  REHEARSE_QUIZ_SCOPE_DUE,
  REHEARSE_QUIZ_SCOPE_QUESTIONS,   /* given question keys ("quiz the missed ones again") */
} RehearseQuizScope;

typedef enum
{
  /* Most overdue first, then new cards in the scope's order (reading order
   * for a deck or topics, the list's order for a collection), then those
   * not due yet, the soonest first. */
  REHEARSE_QUIZ_ORDER_DUE_FIRST,
  REHEARSE_QUIZ_ORDER_SHUFFLED,
} RehearseQuizOrder;

typedef struct
{
  RehearseQuizScope   scope;
  gint64              deck_id;        /* DECK */
  const gint64       *topic_ids;      /* TOPICS */
  guint               n_topic_ids;
  const char * const *question_keys;  /* QUESTIONS: NULL-terminated */
  guint               size;           /* cards at most; 0: all of the scope */
  RehearseQuizOrder   order;
  gboolean            cram;
  guint32             seed;           /* SHUFFLED: the same seed, the same order */
} RehearseQuizOptions;

typedef struct
{
  guint  cards;                 /* cards graded */
  guint  grades[5];             /* by RehearseGrade (index 0 unused) */
  gint64 time_spent;            /* ms, from each card shown to graded */
  double retention;             /* share of graded cards not Again; 0 when none */
} RehearseQuizSummary;

#define REHEARSE_TYPE_QUIZ_SESSION (rehearse_quiz_session_get_type ())
G_DECLARE_FINAL_TYPE (RehearseQuizSession, rehearse_quiz_session, REHEARSE, QUIZ_SESSION, GObject)

/* Chooses the cards of @options at @now (the options are copied); the
 * first card is shown at @now. Fails when the library cannot be read; an
 * empty scope gives a session of no cards. Given keys without a question
 * are left out, and each question comes once. */
RehearseQuizSession *rehearse_quiz_session_new               (RehearseLibrary              *library,
                                                              const RehearseFsrsParameters *parameters,
                                                              const RehearseQuizOptions    *options,
                                                              gint64                        now,
                                                              GError                      **error);

guint                rehearse_quiz_session_get_n_cards       (RehearseQuizSession          *self);
/* The current card's index; n_cards once finished. */
guint                rehearse_quiz_session_get_position      (RehearseQuizSession          *self);
gboolean             rehearse_quiz_session_is_finished       (RehearseQuizSession          *self);
gboolean             rehearse_quiz_session_get_cram          (RehearseQuizSession          *self);

/* The current card: its full question (answer included), owned by the
 * session. NULL once finished. */
RehearseQuestion    *rehearse_quiz_session_get_question      (RehearseQuizSession          *self);
/* The current card's key points (plain text), in reading order, owned by
 * the session. NULL once finished. */
GPtrArray           *rehearse_quiz_session_get_key_points    (RehearseQuizSession          *self);

/* Reveals the answer: ticks the key points @typed_answer (may be NULL or
 * empty: nothing ticked) covers. */
void                 rehearse_quiz_session_reveal            (RehearseQuizSession          *self,
                                                              const char                   *typed_answer);
gboolean             rehearse_quiz_session_get_revealed      (RehearseQuizSession          *self);
gboolean             rehearse_quiz_session_get_point_checked (RehearseQuizSession          *self,
                                                              guint                         index);
void                 rehearse_quiz_session_set_point_checked (RehearseQuizSession          *self,
                                                              guint                         index,
                                                              gboolean                      checked);
/* The grade the ticked share suggests: Good from 80 %, Hard from 50 %,
 * Again below (Good for an answer without key points); never Easy. */
RehearseGrade        rehearse_quiz_session_suggest_grade     (RehearseQuizSession          *self);

/* How long the current card would wait after @grade at @now, in seconds
 * (the grade buttons show it: "10 min", "2 d"), from its stored schedule;
 * also in cram mode, where nothing is stored. 0 once finished. */
gint64               rehearse_quiz_session_preview_interval  (RehearseQuizSession          *self,
                                                              RehearseGrade                 grade,
                                                              gint64                        now);

/* Grades the current card at @now and moves to the next, which is shown
 * from @now. The review is recorded off the caller's thread, with the time
 * spent on the card (from when it was shown to @now); once stored, the
 * library emits ::user-data-changed in the caller's thread. @callback (may
 * be NULL) learns whether it was stored. The session moves on, and counts
 * the grade, at once either way. Cancelling @cancellable never stops the
 * write (a grade given is kept): the result then only says cancelled. In
 * cram mode nothing is written. */
void                 rehearse_quiz_session_grade_async       (RehearseQuizSession          *self,
                                                              RehearseGrade                 grade,
                                                              gint64                        now,
                                                              GCancellable                 *cancellable,
                                                              GAsyncReadyCallback           callback,
                                                              gpointer                      user_data);
gboolean             rehearse_quiz_session_grade_finish      (RehearseQuizSession          *self,
                                                              GAsyncResult                 *result,
                                                              GError                      **error);

void                 rehearse_quiz_session_get_summary       (RehearseQuizSession          *self,
                                                              RehearseQuizSummary          *summary);
/* The questions graded Again, in the order they were asked: full
 * questions, owned by the session. */
GListModel          *rehearse_quiz_session_get_missed        (RehearseQuizSession          *self);

/* "10 min", "2 h", "3 d", "4 mo", "1.5 y": an interval as a grade button shows it. */
char                *rehearse_format_interval                (gint64                        seconds);

G_END_DECLS
