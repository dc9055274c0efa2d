/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Key points of an answer, for checking oneself in the quiz: what a person
 * would underline in it (bold terms, the lead phrase of each list item,
 * inline commands, the first sentence when nothing else stands out or when
 * it opens the answer with a plain statement), 2–7 of them, in reading
 * order; and whether a typed answer covers each one. */

/* Plain-text key points (no Markdown) of @answer_markdown, with
 * @in_depth_markdown (may be NULL) drawn on when the answer alone yields
 * fewer than two. Fewer than two only when there is no more to say (one
 * short sentence gives one point, an empty answer none); each at most 64
 * characters, no two alike. Returns an array of strings, owned by the
 * caller. */
GPtrArray *rehearse_key_points_extract (const char *answer_markdown,
                                        const char *in_depth_markdown);

/* Whether @typed_answer covers @key_point: the point's significant words
 * appear in it, whatever their case, punctuation and order, singular or
 * plural, with a typo or two in longer words; all of one or two words, two
 * thirds of more. A name in parentheses is an alias ("Docker-in-Docker
 * (DinD)"). Ask for each point of a card with the same text: it is
 * prepared once (per thread) and reused. */
gboolean   rehearse_key_point_covered  (const char *key_point,
                                        const char *typed_answer);

G_END_DECLS
