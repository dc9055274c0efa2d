/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rehearse-question.h"

G_BEGIN_DECLS

/* Matched words in a snippet sit between these two control characters, which
 * never occur in repaired text; front ends turn them into bold markup or
 * terminal escapes (see rehearse_snippet_to_markup()). */
#define REHEARSE_MATCH_START "\x02"
#define REHEARSE_MATCH_END   "\x03"

#define REHEARSE_TYPE_SEARCH_RESULT (rehearse_search_result_get_type ())
G_DECLARE_FINAL_TYPE (RehearseSearchResult, rehearse_search_result, REHEARSE, SEARCH_RESULT, GObject)

RehearseSearchResult *rehearse_search_result_new          (RehearseQuestion     *question,
                                                           const char           *snippet,
                                                           double                rank);
/* The question's summary (no answer). */
RehearseQuestion     *rehearse_search_result_get_question (RehearseSearchResult *self);
const char           *rehearse_search_result_get_snippet  (RehearseSearchResult *self);
/* bm25: lower is better. */
double                rehearse_search_result_get_rank     (RehearseSearchResult *self);
/* TRUE when the match (and the snippet) is in the user's note on the
 * question rather than in the question or its answer. */
gboolean              rehearse_search_result_get_in_note  (RehearseSearchResult *self);
void                  rehearse_search_result_set_in_note  (RehearseSearchResult *self,
                                                           gboolean              in_note);

/* The snippet as Pango/GMarkup text: escaped, matches in <b></b>. */
char                 *rehearse_snippet_to_markup          (const char           *snippet);

G_END_DECLS
