/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rehearse-parsed-deck.h"

G_BEGIN_DECLS

/* Bump when the parser's output changes for the same input, so decks
 * imported by an older version are parsed again instead of being skipped
 * as unchanged. */
#define REHEARSE_PARSER_VERSION 2

/* Reads one Markdown document (valid UTF-8, already repaired) into a deck
 * with its topics and questions, driven by the cmark-gfm syntax tree.
 * The deck's title is the document's own title when it has one, else
 * @fallback_title. Keys are not assigned (a deck may gather several files).
 * Fails with REHEARSE_ERROR_NO_QUESTIONS when nothing reads as a question. */
RehearseParsedDeck *rehearse_parser_parse           (const char  *text,
                                                     gsize        length,
                                                     const char  *fallback_title,
                                                     GError     **error);

/* "Production Practices & Pitfalls" from "🚀 Production Practices &
 * Pitfalls (Questions 351-360)"; the emoji goes to @icon (NULL if none). */
char               *rehearse_parser_clean_topic_title (const char  *heading_text,
                                                       char       **icon);

/* "docker-interview-questions.md" gives "Docker Interview Questions". */
char               *rehearse_parser_title_from_filename (const char *filename);

G_END_DECLS
