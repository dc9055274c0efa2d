/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rehearse-cmark.h"

#include <cmark-gfm-core-extensions.h>
#include <string.h>

static const char * const extension_names[] = {
  "table", "strikethrough", "autolink", "tasklist",
};

cmark_node *
rehearse_cmark_parse (const char *text,
                      gsize       length)
{
  g_autoptr(cmark_parser) parser = NULL;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  cmark_gfm_core_extensions_ensure_registered ();

  /* FOOTNOTES stays off: "[^1]" in interview answers is more often literal. */
  parser = cmark_parser_new (CMARK_OPT_DEFAULT);
  for (guint i = 0; i < G_N_ELEMENTS (extension_names); i++)
    {
      cmark_syntax_extension *extension = cmark_find_syntax_extension (extension_names[i]);

      if (extension != NULL)
        cmark_parser_attach_syntax_extension (parser, extension);
    }

  cmark_parser_feed (parser, text != NULL ? text : "", length);
  return cmark_parser_finish (parser);
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
