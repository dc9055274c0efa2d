/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rehearse-parsed-deck.h"

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

/* The deck crash-importer imports and test-crash-safety checks: every
 * question's text names its @version, with a word of its own ("v7"). */
#define CRASH_IMPORT_TITLE "Crash Import"
#define CRASH_IMPORT_QUESTIONS 1500

static inline RehearseParsedDeck *
crash_import_deck (guint version)
{
  RehearseParsedDeck *deck = rehearse_parsed_deck_new (CRASH_IMPORT_TITLE);
  g_autofree char *hash = g_strdup_printf ("version %u", version);

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *topic = g_strdup_printf ("Part %u", i + 1);

      rehearse_parsed_deck_add_topic (deck, topic, NULL);
    }

  for (guint i = 0; i < CRASH_IMPORT_QUESTIONS; i++)
    {
      g_autofree char *text = g_strdup_printf ("Question %u of v%u?", i + 1, version);
      g_autofree char *answer = g_strdup_printf ("Answer %u of v%u: a container shares the "
                                                 "kernel of its host, an image is read-only.",
                                                 i + 1, version);

      rehearse_parsed_deck_add_question (deck, i * 5 / CRASH_IMPORT_QUESTIONS, (gint) i + 1,
                                         text, answer, NULL);
    }

  rehearse_parsed_deck_add_source (deck, "crash.md", hash, 100);
  rehearse_parsed_deck_assign_keys (deck);
  return deck;
}

G_END_DECLS
