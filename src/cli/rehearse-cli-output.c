/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rehearse-cli.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "rehearse-error.h"
#include "rehearse-search-result.h"

gboolean
rehearse_cli_usage_error (GError     **error,
                          const char  *usage)
{
  g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT,
               _("usage: rehearse-cli %s"), usage);
  return FALSE;
}

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

void
rehearse_cli_add_question_members (JsonBuilder      *builder,
                                   RehearseQuestion *question)
{
  json_builder_set_member_name (builder, "key");
  json_builder_add_string_value (builder, rehearse_question_get_key (question));
  json_builder_set_member_name (builder, "number");
  if (rehearse_question_get_number (question) >= 0)
    json_builder_add_int_value (builder, rehearse_question_get_number (question));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, rehearse_question_get_text (question));
  json_builder_set_member_name (builder, "topic");
  json_builder_add_string_value (builder, rehearse_question_get_topic_title (question));
  if (rehearse_question_get_answer (question) != NULL)
    {
      json_builder_set_member_name (builder, "answer");
      json_builder_add_string_value (builder, rehearse_question_get_answer (question));
      rehearse_cli_add_string_or_null (builder, "in_depth",
                                       rehearse_question_get_in_depth (question));
    }
}

void
rehearse_cli_add_string_or_null (JsonBuilder *builder,
                                 const char  *name,
                                 const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
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
