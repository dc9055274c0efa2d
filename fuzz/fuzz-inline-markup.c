/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <pango/pango.h>
#include <stdint.h>

#include "rehearse-markdown-view.h"

/* Any valid UTF-8 line of Markdown (a question's title): the markup made
 * of it always parses as GtkLabel parses it, so no title shows blank or as
 * raw tags. GtkLabel takes the <a> links out (their attributes are
 * escaped, so hold no '>') and hands the rest to Pango. */
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *line = g_strndup ((const char *) data, size);
  static GRegex *links;
  g_autofree char *markup = NULL;
  g_autofree char *without_links = NULL;
  g_autoptr(GError) error = NULL;

  if (links == NULL)
    links = g_regex_new ("<a( [^>]*)?>|</a>", G_REGEX_OPTIMIZE, 0, NULL);

  if (!g_utf8_validate (line, -1, NULL) || strlen (line) != size)
    return 0;   /* titles are valid UTF-8 without NULs by the time they show */

  markup = rehearse_markdown_view_inline_markup (line);
  without_links = g_regex_replace (links, markup, -1, 0, "", 0, NULL);
  if (!pango_parse_markup (without_links, -1, 0, NULL, NULL, NULL, &error))
    g_error ("“%s” gave markup Pango refuses (%s): %s", line, error->message, markup);
  return 0;
}
