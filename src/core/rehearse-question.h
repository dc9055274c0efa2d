/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A question as stored: a snapshot of one row. Items of question lists carry
 * the summary only (answer and in-depth NULL); rehearse_library_get_question()
 * returns the full question. */
#define REHEARSE_TYPE_QUESTION (rehearse_question_get_type ())
G_DECLARE_FINAL_TYPE (RehearseQuestion, rehearse_question, REHEARSE, QUESTION, GObject)

typedef struct
{
  gint64      id;
  const char *question_key;
  gint64      deck_id;
  gint64      topic_id;      /* 0 when orphaned */
  gint        number;        /* -1 when the question has none */
  const char *text;          /* inline Markdown */
  const char *topic_title;   /* may be NULL */
  const char *answer;        /* Markdown, or NULL in summaries */
  const char *in_depth;      /* Markdown, or NULL */
  const char *prompt;        /* Markdown shown with the question, or NULL */
  gboolean    orphaned;
} RehearseQuestionFields;

/* Copies every string of @fields. */
RehearseQuestion *rehearse_question_new             (const RehearseQuestionFields *fields);
gint64            rehearse_question_get_id          (RehearseQuestion *self);
const char       *rehearse_question_get_key         (RehearseQuestion *self);
gint64            rehearse_question_get_deck_id     (RehearseQuestion *self);
gint64            rehearse_question_get_topic_id    (RehearseQuestion *self);
gint              rehearse_question_get_number      (RehearseQuestion *self);
const char       *rehearse_question_get_text        (RehearseQuestion *self);
const char       *rehearse_question_get_topic_title (RehearseQuestion *self);
const char       *rehearse_question_get_answer      (RehearseQuestion *self);
const char       *rehearse_question_get_in_depth    (RehearseQuestion *self);
gboolean          rehearse_question_get_orphaned    (RehearseQuestion *self);
/* What the question shows with it before the answer (its code, its
 * multiple-choice options), as Markdown; NULL when it has nothing more
 * than its text, and in summaries. */
const char       *rehearse_question_get_prompt      (RehearseQuestion *self);
/* FALSE for a question the source gave no answer ("no answer in the
 * source": the quiz can still ask it); only meaningful on full questions. */
gboolean          rehearse_question_has_answer      (RehearseQuestion *self);

G_END_DECLS
