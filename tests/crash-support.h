/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What crash-writer and test-crash-safety agree on: the deck's keys, the
 * labels and the text of each note save, so that the test can tell from
 * one line of the writer's output what the library must hold. */

#define CRASH_QUESTIONS 40

static inline char *
crash_question_key (guint index)
{
  return g_strdup_printf ("crash/%u", index + 1);
}

/* "-" is no label. No spaces: the writer's lines are split on them. */
static const char * const crash_labels[] = { "-", "red", "blue", "überfällig" };

/* Sizes from one line to overflow pages, so saves move pages around. */
static inline char *
crash_note_body (const char *question_key,
                 guint64     sequence)
{
  GString *body = g_string_new (NULL);
  guint lines = sequence % 50 == 0 ? 400 : (guint) (sequence % 23);

  g_string_append_printf (body, "Note on %s, save %" G_GUINT64_FORMAT ".\n", question_key,
                          sequence);
  for (guint i = 0; i < lines; i++)
    g_string_append_printf (body, "\nLine %u of save %" G_GUINT64_FORMAT
                            ": *emphasis*, `code` and ünïcödé.", i, sequence);

  return g_string_free (body, FALSE);
}

G_END_DECLS
