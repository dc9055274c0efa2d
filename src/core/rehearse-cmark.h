/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <cmark-gfm.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cmark_node, cmark_node_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cmark_parser, cmark_parser_free)

/* Parses Markdown with the GFM extensions Rehearse relies on everywhere
 * (tables, strikethrough, autolinks, task lists), so the importer and the
 * renderer always agree on what a document means. @text must be valid UTF-8.
 * Hostile structure is limited first, keeping line numbers: more than 32
 * quote or list markers at the start of a line, and table rows of more than
 * 256 cells (read as text), which would cost gigabytes or quadratic time. */
cmark_node *rehearse_cmark_parse             (const char *text,
                                              gsize       length);
/* The same without autolinks, for reading a file's structure on import:
 * the blocks and their plain text are the same with or without them, and
 * autolinks cost a node per word in a paragraph of words starting with
 * "w" (15 MB of "word " takes 3 million nodes, 670 MB and seconds). */
cmark_node *rehearse_cmark_parse_structure   (const char *text,
                                              gsize       length);

/* The text of @node and its descendants, with Markdown syntax dropped
 * (inline code keeps its content, line breaks become spaces). */
char       *rehearse_cmark_plain_text        (cmark_node *node);

/* TRUE for nodes the extensions add, by the extension's type name
 * ("table", "table_row", "table_cell", "strikethrough", "tasklist"). */
gboolean    rehearse_cmark_node_is_extension (cmark_node *node,
                                              const char *type_name);

G_END_DECLS
