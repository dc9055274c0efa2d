/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rehearse-exporter.h"

#include <string.h>

#include "rehearse-cmark.h"

/* Question headings are level 3 in an export: headings inside an answer
 * go below that, or they would read as questions when imported again. */
#define ANSWER_HEADING_MIN_LEVEL 4

static void
collect_heading_lines (cmark_node *document,
                       GHashTable *levels_by_line)
{
  cmark_iter *iter = cmark_iter_new (document);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      if (event == CMARK_EVENT_ENTER && cmark_node_get_type (node) == CMARK_NODE_HEADING)
        g_hash_table_insert (levels_by_line,
                             GINT_TO_POINTER (cmark_node_get_start_line (node)),
                             GINT_TO_POINTER (cmark_node_get_heading_level (node)));
    }
  cmark_iter_free (iter);
}

/* Pushes ATX headings down to ANSWER_HEADING_MIN_LEVEL and below, found by
 * the syntax tree so that "# comment" lines in code blocks stay as they are. */
static char *
demote_headings (const char *markdown)
{
  g_autoptr(cmark_node) document = rehearse_cmark_parse (markdown, strlen (markdown));
  g_autoptr(GHashTable) levels_by_line = g_hash_table_new (NULL, NULL);
  g_auto(GStrv) lines = NULL;
  GString *demoted = g_string_new (NULL);

  collect_heading_lines (document, levels_by_line);
  lines = g_strsplit (markdown, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      gpointer level = g_hash_table_lookup (levels_by_line, GINT_TO_POINTER (i + 1));
      const char *text = lines[i];

      while (*text == ' ')
        text++;

      if (i > 0)
        g_string_append_c (demoted, '\n');

      if (level != NULL && text[0] == '#' && GPOINTER_TO_INT (level) < ANSWER_HEADING_MIN_LEVEL)
        {
          int new_level = MIN (GPOINTER_TO_INT (level) + ANSWER_HEADING_MIN_LEVEL - 1, 6);

          g_string_append_printf (demoted, "%.*s%s", new_level, "######",
                                  text + GPOINTER_TO_INT (level));
          continue;
        }

      g_string_append (demoted, lines[i]);
    }

  return g_string_free (demoted, FALSE);
}

static gboolean
append_question (RehearseLibrary  *library,
                 RehearseQuestion *summary,
                 GString          *markdown,
                 GError          **error)
{
  g_autoptr(RehearseQuestion) question = NULL;
  const char *in_depth;
  const char *prompt;

  /* List items carry summaries: the answer is read per question. */
  question = rehearse_library_get_question_by_id (library, rehearse_question_get_id (summary),
                                                  error);
  if (question == NULL)
    return FALSE;

  if (rehearse_question_get_number (question) >= 0)
    g_string_append_printf (markdown, "### %d. %s\n\n", rehearse_question_get_number (question),
                            rehearse_question_get_text (question));
  else
    g_string_append_printf (markdown, "### %s\n\n", rehearse_question_get_text (question));

  /* A question that shows code or options before its answer hides the
   * answer in a <details> block, as the files it came from did: read
   * again, the prompt stays the question's. */
  prompt = rehearse_question_get_prompt (question);
  if (prompt != NULL)
    {
      g_autofree char *demoted = demote_headings (prompt);

      g_string_append_printf (markdown, "%s\n\n<details><summary>Answer</summary>\n\n", demoted);
    }

  {
    g_autofree char *answer = demote_headings (rehearse_question_get_answer (question));

    g_string_append (markdown, answer);
    g_string_append (markdown, "\n\n");
  }

  in_depth = rehearse_question_get_in_depth (question);
  if (in_depth != NULL && *in_depth != '\0')
    {
      g_autofree char *demoted = demote_headings (in_depth);

      g_string_append_printf (markdown, "#### In-depth\n\n%s\n\n", demoted);
    }

  if (prompt != NULL)
    g_string_append (markdown, "</details>\n\n");

  g_string_append (markdown, "---\n\n");
  return TRUE;
}

static gboolean
append_topic (RehearseLibrary  *library,
              RehearseTopic    *topic,
              GString          *markdown,
              GError          **error)
{
  g_autoptr(GListModel) questions = NULL;
  const char *icon = rehearse_topic_get_icon (topic);

  questions = rehearse_library_list_questions (library, rehearse_topic_get_id (topic), error);
  if (questions == NULL)
    return FALSE;

  if (icon != NULL && *icon != '\0')
    g_string_append_printf (markdown, "## %s %s\n\n", icon, rehearse_topic_get_title (topic));
  else
    g_string_append_printf (markdown, "## %s\n\n", rehearse_topic_get_title (topic));

  for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
    {
      g_autoptr(RehearseQuestion) question = g_list_model_get_item (questions, i);

      if (!append_question (library, question, markdown, error))
        return FALSE;
    }

  return TRUE;
}

char *
rehearse_exporter_deck_to_markdown (RehearseLibrary  *library,
                                    gint64            deck_id,
                                    GError          **error)
{
  g_autoptr(GString) markdown = g_string_new (NULL);
  g_autoptr(GListModel) topics = NULL;
  g_autoptr(RehearseDeck) deck = NULL;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, deck_id);

  deck = rehearse_library_find_deck (library, id, error);
  if (deck == NULL)
    return NULL;

  topics = rehearse_library_list_topics (library, deck_id, error);
  if (topics == NULL)
    return NULL;

  g_string_append_printf (markdown, "# %s\n\n", rehearse_deck_get_title (deck));
  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(RehearseTopic) topic = g_list_model_get_item (topics, i);

      if (!append_topic (library, topic, markdown, error))
        return NULL;
    }

  return g_string_free (g_steal_pointer (&markdown), FALSE);
}
