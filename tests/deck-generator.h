/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Synthetic decks for the benchmarks and the tests that need a large,
 * realistic deck (a static library of tests/, which bench/ links): Markdown shaped like the
 * bundled Docker deck ("# Title", "## Topic" about every 50 questions,
 * "### 123. Question?", answers of about 25 lines and 1.2 KB mixing
 * paragraphs, lists, fenced code, tables and "#### In-depth" parts).
 *
 * Words follow a Zipf-like law over a Docker/Kubernetes/Linux vocabulary,
 * as in real decks: "container", "docker" and "image" occur in nearly every
 * answer, most words in a few, and a set of rare product names (see
 * deck_generator_rare_words()) in about one question in 1,000.
 * The same arguments always give the same bytes. */
char               *deck_generator_markdown   (guint   first_number,
                                               guint   question_count,
                                               guint32 seed);

/* Words the generator uses rarely, for "rare word" queries. NULL-terminated. */
const char * const *deck_generator_rare_words (void);

G_END_DECLS
