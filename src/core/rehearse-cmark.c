/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rehearse-cmark.h"

#include <cmark-gfm-core-extensions.h>
#include <string.h>

static const char * const extension_names[] = {
  "table", "strikethrough", "autolink", "tasklist",
};

/* Deeper than this, nobody reads the structure; cmark-gfm allocates a node
 * per level (a 50 MB file of ">" took 6 GB). */
#define MAX_LINE_NESTING 32
/* cmark-gfm 0.29.0.gfm.6 (Debian 12) appends table cells to a list it walks
 * each time: quadratic in a row's cells. Wider rows are shown as text. */
#define MAX_TABLE_CELLS 256
#define WIDE_ROW_SEPARATOR "\xc2\xa6"  /* ¦, U+00A6 */

/* Length of one container marker at @p ("> ", "- ", "1. "), or 0. */
static gsize
container_marker_length (const char *p,
                         const char *end)
{
  const char *q = p;

  if (q < end && *q == '>')
    return (gsize) ((q + 1 < end && q[1] == ' ') ? 2 : 1);

  if (q + 1 < end && (*q == '-' || *q == '*' || *q == '+') && q[1] == ' ')
    return 2;

  while (q < end && q - p < 9 && g_ascii_isdigit (*q))
    q++;
  if (q > p && q + 1 < end && (*q == '.' || *q == ')') && q[1] == ' ')
    return (gsize) (q - p) + 2;

  return 0;
}

/* Appends one line with at most MAX_LINE_NESTING leading container
 * markers, and pipes replaced when it has too many cells to be a table row. */
static void
append_limited_line (GString    *out,
                     const char *line,
                     const char *end)
{
  gsize line_start = out->len;
  const char *p = line;
  const char *rest;
  guint depth = 0;
  guint pipes = 0;
  gboolean changed = FALSE;

  while (p < end && *p == ' ')
    p++;
  g_string_append_len (out, line, p - line);
  for (gsize marker; (marker = container_marker_length (p, end)) > 0; p += marker)
    {
      if (++depth > MAX_LINE_NESTING)
        changed = TRUE;
      else
        g_string_append_len (out, p, (gssize) marker);
    }
  if (!changed)
    {
      g_string_truncate (out, line_start);
      p = line;
    }
  rest = p;

  for (const char *c = rest; c < end; c++)
    pipes += *c == '|';

  if (pipes <= MAX_TABLE_CELLS)
    {
      g_string_append_len (out, rest, end - rest);
      return;
    }

  /* Not "\\|": cmark makes two nodes of each escape, and a 2 MB row of
   * 20,000 cells took 214 MB. "¦" reads the same and is one text node. */
  for (const char *c = rest; c < end; c++)
    {
      if (*c == '|' && (c == rest || c[-1] != '\\'))
        g_string_append (out, WIDE_ROW_SEPARATOR);
      else
        g_string_append_c (out, *c);
    }
}

static gboolean
line_needs_limit (const char *line,
                  const char *end)
{
  const char *p = line;
  guint depth = 0;
  guint pipes = 0;

  while (p < end && *p == ' ')
    p++;
  for (gsize marker; (marker = container_marker_length (p, end)) > 0; p += marker)
    if (++depth > MAX_LINE_NESTING)
      return TRUE;

  for (const char *c = memchr (p, '|', (gsize) (end - p)); c != NULL;
       c = memchr (c + 1, '|', (gsize) (end - c - 1)))
    if (++pipes > MAX_TABLE_CELLS)
      return TRUE;

  return FALSE;
}

/* Returns NULL when @text needs no limiting (the usual case: one scan, no
 * copy), else the limited copy. Line count is kept, so source positions
 * stay valid. Linear in @length. */
static char *
limit_structure (const char *text,
                 gsize       length,
                 gsize      *limited_length)
{
  g_autoptr(GString) out = NULL;
  const char *end = text + length;
  const char *first_limited = NULL;

  for (const char *line = text; line < end && first_limited == NULL;)
    {
      const char *newline = memchr (line, '\n', (gsize) (end - line));
      const char *line_end = newline != NULL ? newline : end;

      if (line_needs_limit (line, line_end))
        first_limited = line;
      line = newline != NULL ? newline + 1 : end;
    }

  if (first_limited == NULL)
    return NULL;

  out = g_string_sized_new (length + 16);
  g_string_append_len (out, text, first_limited - text);
  for (const char *line = first_limited; line < end;)
    {
      const char *newline = memchr (line, '\n', (gsize) (end - line));
      const char *line_end = newline != NULL ? newline : end;

      append_limited_line (out, line, line_end);
      if (newline != NULL)
        g_string_append_c (out, '\n');
      line = newline != NULL ? newline + 1 : end;
    }

  *limited_length = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static cmark_node *
parse_with_extensions (const char *text,
                       gsize       length,
                       gboolean    autolinks)
{
  g_autoptr(cmark_parser) parser = NULL;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  cmark_gfm_core_extensions_ensure_registered ();

  /* FOOTNOTES stays off: "[^1]" in interview answers is more often literal. */
  parser = cmark_parser_new (CMARK_OPT_DEFAULT);
  for (guint i = 0; i < G_N_ELEMENTS (extension_names); i++)
    {
      cmark_syntax_extension *extension = cmark_find_syntax_extension (extension_names[i]);

      if (extension == NULL || (!autolinks && strcmp (extension_names[i], "autolink") == 0))
        continue;
      cmark_parser_attach_syntax_extension (parser, extension);
    }

  if (text != NULL)
    {
      gsize limited_length = 0;
      g_autofree char *limited = limit_structure (text, length, &limited_length);

      if (limited != NULL)
        {
          cmark_parser_feed (parser, limited, limited_length);
          return cmark_parser_finish (parser);
        }
    }

  cmark_parser_feed (parser, text != NULL ? text : "", length);
  return cmark_parser_finish (parser);
}

cmark_node *
rehearse_cmark_parse (const char *text,
                      gsize       length)
{
  return parse_with_extensions (text, length, TRUE);
}

cmark_node *
rehearse_cmark_parse_structure (const char *text,
                                gsize       length)
{
  return parse_with_extensions (text, length, FALSE);
}

gboolean
rehearse_cmark_node_is_extension (cmark_node *node,
                                  const char *type_name)
{
  return g_strcmp0 (cmark_node_get_type_string (node), type_name) == 0;
}

static void
append_separator (GString *text)
{
  if (text->len > 0 && text->str[text->len - 1] != ' ')
    g_string_append_c (text, ' ');
}

char *
rehearse_cmark_plain_text (cmark_node *node)
{
  GString *text = g_string_new (NULL);
  cmark_iter *iter;
  cmark_event_type event;

  g_return_val_if_fail (node != NULL, NULL);

  /* An iterator, not recursion: user files may nest thousands of levels. */
  iter = cmark_iter_new (node);
  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *current = cmark_iter_get_node (iter);
      cmark_node_type type = cmark_node_get_type (current);

      if (event == CMARK_EVENT_EXIT)
        {
          if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING
              || type == CMARK_NODE_ITEM || type == CMARK_NODE_CODE_BLOCK
              || rehearse_cmark_node_is_extension (current, "table_cell"))
            append_separator (text);
          continue;
        }

      switch ((int) type)
        {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
        case CMARK_NODE_CODE_BLOCK:
        case CMARK_NODE_HTML_INLINE:
        case CMARK_NODE_HTML_BLOCK:
          {
            const char *literal = cmark_node_get_literal (current);

            if (literal != NULL)
              g_string_append (text, literal);
          }
          break;

        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
          append_separator (text);
          break;

        default:
          break;
        }
    }
  cmark_iter_free (iter);

  /* Code blocks end with a newline; a trailing separator helps nobody. */
  g_strstrip (text->str);
  text->len = strlen (text->str);
  for (char *c = text->str; *c != '\0'; c++)
    if (*c == '\n' || *c == '\t')
      *c = ' ';

  return g_string_free (text, FALSE);
}
