/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Hostile answers for the tests and benchmarks that check that an import,
 * and the view that shows an answer, stay fast and small whatever a file
 * holds: every case of cmark's own test/pathological_tests.py at
 * upstream's sizes (written anew here), the shapes found against Rehearse
 * (the `![[]()` of CVE-2023-22486, a 15 MB line, a table 20,000 columns
 * wide, the answers that froze the window: `_a`, `[` and `<div>` × 100,000,
 * 100 KB of backticks), and long answers of each kind of block the view
 * lays out a step at a time (tables, lists, code, paragraphs, <details>).
 * One generator, so that the import and the view are tried on the same.
 *
 * Each case is one question, "What is this?", whose answer is the hostile
 * text: a deck that must import, or be refused with a message, and never
 * take seconds or gigabytes. */

typedef struct
{
  const char *name;
  /* Appends the hostile answer (the deck around it is added by
   * hostile_markdown_deck()). */
  void      (*write_answer) (GString *out);
  /* FALSE when the text holds headings of its own, so the deck has more
   * questions (upstream's "tables": every "bbb\n-" is a setext heading). */
  gboolean    one_question;
} HostileMarkdownCase;

const HostileMarkdownCase *hostile_markdown_cases (guint                      *n_cases);

/* The whole deck of @hostile_case: a title, the question, its answer. */
char                      *hostile_markdown_deck  (const HostileMarkdownCase  *hostile_case,
                                                   gsize                      *length);

G_END_DECLS
