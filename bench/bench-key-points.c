/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "rehearse-cmark.h"
#include "rehearse-importer.h"
#include "rehearse-key-points.h"

/* Figures, not pass/fail: `meson test --benchmark -C build key-points`.
 * Key points are extracted when a card is revealed and matched as the user
 * types, so both must stay far below a frame (16 ms). Each answer's time is
 * the best of ROUNDS: on a shared machine the others measure the
 * scheduler. */
#define ROUNDS 20
/* "A few paragraphs" typed. */
#define TYPED_WORDS 250
#define MATCH_TARGET_MICROSECONDS 1000.0
#define EXTRACT_TARGET_MICROSECONDS 2000.0
/* A hostile answer: thousands of bold items, a few hundred kilobytes. */
#define HOSTILE_ITEMS 5000
#define HOSTILE_TARGET_MILLISECONDS 250.0

static RehearseParsedDeck *
read_bundled_deck (void)
{
  g_autofree char *folder = g_build_filename (rehearse_importer_bundled_decks_dir (),
                                              "docker-interview-questions", NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  RehearseParsedDeck *deck = rehearse_parsed_deck_new ("Docker Interview Questions");
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".md"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, g_ptr_array_index (names, i), NULL);
      g_autoptr(RehearseParsedDeck) part = rehearse_importer_read_file (path, NULL, NULL);

      g_assert_nonnull (part);
      rehearse_parsed_deck_append (deck, part);
    }

  return deck;
}

static guint
count_words (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \n", -1);
  guint count = 0;

  for (guint i = 0; words[i] != NULL; i++)
    count += words[i][0] != '\0';

  return count;
}

/* A typed answer of a few paragraphs: the text of answers from @index on. */
static char *
typed_answer (RehearseParsedDeck *deck,
              guint               index)
{
  GString *typed = g_string_new (NULL);

  for (guint i = index; count_words (typed->str) < TYPED_WORDS; i++)
    {
      RehearseParsedQuestion *question = g_ptr_array_index (deck->questions,
                                                            i % deck->questions->len);
      g_autoptr(cmark_node) document = rehearse_cmark_parse (question->answer,
                                                             strlen (question->answer));
      g_autofree char *text = rehearse_cmark_plain_text (document);

      g_string_append_printf (typed, "%s\n\n", text);
    }

  return g_string_free (typed, FALSE);
}

/* As in the quiz: a new text, then each point of the card once. */
static double
best_match_time (GPtrArray  *points,
                 const char *typed)
{
  double best = G_MAXDOUBLE;

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autofree char *text = g_strdup_printf ("%s %u", typed, round);
      gint64 start = g_get_monotonic_time ();

      for (guint j = 0; j < points->len; j++)
        rehearse_key_point_covered (g_ptr_array_index (points, j), text);
      best = MIN (best, (double) (g_get_monotonic_time () - start));
    }

  return best;
}

static void
report (const char *what,
        GArray     *microseconds,
        double      target)
{
  double total = 0;
  double worst = 0;

  for (guint i = 0; i < microseconds->len; i++)
    {
      double value = g_array_index (microseconds, double, i);

      total += value;
      worst = MAX (worst, value);
    }

  g_print ("%-48s mean %6.1f us, worst answer %6.1f us (target < %.0f us)\n", what,
           total / microseconds->len, worst, target);
}

/* Candidates are compared pairwise; the number kept is bounded, so this
 * grows with the answer's length only. */
static void
report_hostile_answer (void)
{
  g_autoptr(GString) answer = g_string_new (NULL);
  double best = G_MAXDOUBLE;

  for (guint i = 0; i < HOSTILE_ITEMS; i++)
    g_string_append_printf (answer, "- **Term number %u**: detail `tool%u --flag`\n", i, i);

  for (guint round = 0; round < 3; round++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GPtrArray) points = rehearse_key_points_extract (answer->str, NULL);

      best = MIN (best, (double) (g_get_monotonic_time () - start) / 1000);
      g_assert_cmpuint (points->len, ==, 7);
    }
  g_print ("%-48s %6.1f ms (target < %.0f ms)\n", "an answer of 5,000 bold list items (250 KB)",
           best, HOSTILE_TARGET_MILLISECONDS);
}

int
main (void)
{
  g_autoptr(RehearseParsedDeck) deck = read_bundled_deck ();
  g_autoptr(GArray) extract_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) match_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) miss_times = g_array_new (FALSE, FALSE, sizeof (double));
  guint words = 0;

  for (guint i = 0; i < deck->questions->len; i++)
    {
      RehearseParsedQuestion *question = g_ptr_array_index (deck->questions, i);
      g_autofree char *typed = typed_answer (deck, i);
      g_autofree char *unrelated = typed_answer (deck, i + deck->questions->len / 2);
      g_autoptr(GPtrArray) points = NULL;
      double best_extract = G_MAXDOUBLE;
      double best_match;

      for (guint round = 0; round < ROUNDS; round++)
        {
          gint64 start = g_get_monotonic_time ();

          g_clear_pointer (&points, g_ptr_array_unref);
          points = rehearse_key_points_extract (question->answer, question->in_depth);
          best_extract = MIN (best_extract, (double) (g_get_monotonic_time () - start));
        }
      g_array_append_val (extract_times, best_extract);

      best_match = best_match_time (points, typed);
      g_array_append_val (match_times, best_match);
      /* Every word missed is looked for again with typos allowed. */
      best_match = best_match_time (points, unrelated);
      g_array_append_val (miss_times, best_match);

      words += count_words (typed);
    }

  g_print ("%u bundled answers; typed answers of %u words on average\n",
           deck->questions->len, words / deck->questions->len);
  report ("extracting the key points of an answer", extract_times, EXTRACT_TARGET_MICROSECONDS);
  report ("matching a typed answer against all its points", match_times,
          MATCH_TARGET_MICROSECONDS);
  report ("  ... against another answer (no word in common)", miss_times,
          MATCH_TARGET_MICROSECONDS);
  report_hostile_answer ();

  return 0;
}
