/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rehearse-cli.h"

#include <stdio.h>
#include <unistd.h>

#include "rehearse-search-result.h"

void
rehearse_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

void
rehearse_cli_print_builder (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  rehearse_cli_print_json (root);
}

char *
rehearse_cli_snippet_text (const char *snippet)
{
  gboolean terminal = isatty (STDOUT_FILENO);
  const char *start = terminal ? "\033[1m" : "[";
  const char *end = terminal ? "\033[0m" : "]";
  GString *text = g_string_new (NULL);

  for (const char *p = snippet; *p != '\0'; p++)
    {
      if (*p == REHEARSE_MATCH_START[0])
        g_string_append (text, start);
      else if (*p == REHEARSE_MATCH_END[0])
        g_string_append (text, end);
      else
        g_string_append_c (text, *p);
    }

  return g_string_free (text, FALSE);
}
