/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the parser extracts from Markdown files: plain data, no database ids.
 * The importer fills in keys and hands the whole deck to the library, which
 * stores it in one transaction. */

typedef struct
{
  char *title;          /* clean: no emoji, no "(Questions 351-360)", no ** */
  char *icon;           /* the emoji the heading started with, or NULL */
} RehearseParsedTopic;

typedef struct
{
  char  *question_key;  /* stable across re-imports; see rehearse_parsed_deck_assign_keys() */
  guint  topic_index;   /* into RehearseParsedDeck.topics */
  gint   number;        /* the author's number, or -1 when the question has none */
  char  *text;          /* the question, inline Markdown, without "Question 351:" */
  char  *answer;        /* Markdown, without "**Answer:**" labels or wrapping quotes */
  char  *in_depth;      /* Markdown of the "In-depth" part, or NULL */
  char  *prompt;        /* Markdown shown with the question (its code, its options), or NULL */
} RehearseParsedQuestion;

/* A run of the document that is neither a question, its answer nor a
 * topic: a table of contents, an introduction, a section of links. */
typedef struct
{
  char       *path;         /* the file, once the importer knows it; else NULL */
  int         line;         /* where the run starts, 1-based */
  const char *reason;       /* untranslated (N_()): "a table of contents" */
} RehearseParsedSkip;

typedef struct
{
  char      *path;          /* as given to the importer */
  char      *content_hash;  /* SHA-256 of the file's bytes as read */
  gsize      size;
} RehearseParsedSource;

typedef struct
{
  char      *deck_key;      /* slug of the title: identifies the deck across imports */
  char      *title;
  GPtrArray *topics;        /* of RehearseParsedTopic */
  GPtrArray *questions;     /* of RehearseParsedQuestion, in reading order */
  GPtrArray *sources;       /* of RehearseParsedSource */
  GPtrArray *skipped;       /* of RehearseParsedSkip: what the parser left out, and why */
} RehearseParsedDeck;

RehearseParsedDeck     *rehearse_parsed_deck_new          (const char *title);
void                    rehearse_parsed_deck_free         (RehearseParsedDeck *deck);
RehearseParsedTopic    *rehearse_parsed_deck_add_topic    (RehearseParsedDeck *deck,
                                                           const char         *title,
                                                           const char         *icon);
RehearseParsedQuestion *rehearse_parsed_deck_add_question (RehearseParsedDeck *deck,
                                                           guint               topic_index,
                                                           gint                number,
                                                           const char         *text,
                                                           const char         *answer,
                                                           const char         *in_depth);
void                    rehearse_parsed_deck_add_source   (RehearseParsedDeck *deck,
                                                           const char         *path,
                                                           const char         *content_hash,
                                                           gsize               size);

void                    rehearse_parsed_deck_add_skipped  (RehearseParsedDeck *deck,
                                                           int                 line,
                                                           const char         *reason);

/* TRUE when the source gave the question an answer; FALSE for a question
 * imported as "no answer in the source" (the quiz can still ask it). */
gboolean                rehearse_parsed_question_has_answer
                                                          (const RehearseParsedQuestion *question);

/* Appends @other's topics, questions and sources to @deck (keeping order). */
void                    rehearse_parsed_deck_append       (RehearseParsedDeck *deck,
                                                           RehearseParsedDeck *other);

/* Gives every question its stable key: "<deck>/<number>" when numbers are
 * unique in the deck, "<deck>/<topic>/<number>" when numbering restarts per
 * topic, "<deck>/<normalized question text>" when there is no number. */
void                    rehearse_parsed_deck_assign_keys  (RehearseParsedDeck *deck);

/* Lower-case ASCII words joined by '-': "Docker Interview Questions" gives
 * "docker-interview-questions". Never empty. */
char                   *rehearse_slugify                  (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RehearseParsedDeck, rehearse_parsed_deck_free)

G_END_DECLS
