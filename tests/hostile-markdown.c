/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "hostile-markdown.h"

#include <string.h>

/* cmark's reference maps hash into this many buckets (references.c);
 * the "reference collisions" case needs labels that land in one. */
#define REFERENCE_MAP_SIZE 16

static void
repeat (GString    *out,
        const char *text,
        guint       times)
{
  gsize length = strlen (text);

  for (guint i = 0; i < times; i++)
    g_string_append_len (out, text, (gssize) length);
}

static void
write_nested_strong_emphasis (GString *out)
{
  repeat (out, "*a **a ", 65000);
  g_string_append_c (out, 'b');
  repeat (out, " a** a*", 65000);
}

static void
write_emphasis_closers (GString *out)
{
  repeat (out, "a_ ", 65000);
}

static void
write_emphasis_openers (GString *out)
{
  repeat (out, "_a ", 65000);
}

static void
write_link_closers (GString *out)
{
  repeat (out, "a]", 65000);
}

static void
write_link_openers (GString *out)
{
  repeat (out, "[a", 65000);
}

static void
write_mismatched_openers_and_closers (GString *out)
{
  repeat (out, "*a_ ", 50000);
}

static void
write_openers_and_closers_multiple_of_3 (GString *out)
{
  g_string_append (out, "a**b");
  repeat (out, "c* ", 50000);
}

static void
write_link_openers_and_emphasis_closers (GString *out)
{
  repeat (out, "[ a_", 50000);
}

static void
write_bracket_parenthesis_pattern (GString *out)
{
  repeat (out, "[ (](", 80000);
}

static void
write_nested_brackets (GString *out)
{
  repeat (out, "[", 50000);
  g_string_append_c (out, 'a');
  repeat (out, "]", 50000);
}

static void
write_nested_block_quotes (GString *out)
{
  repeat (out, "> ", 50000);
  g_string_append_c (out, 'a');
}

static void
write_deeply_nested_lists (GString *out)
{
  for (guint depth = 0; depth < 1000; depth++)
    {
      repeat (out, "  ", depth);
      g_string_append (out, "* a\n");
    }
}

/* "e`e``e```…": runs of every length up to 4,999. */
static void
write_backticks (GString *out)
{
  for (guint run = 1; run < 5000; run++)
    {
      g_string_append_c (out, 'e');
      repeat (out, "`", run);
    }
}

static void
write_unclosed_links_a (GString *out)
{
  repeat (out, "[a](<b", 30000);
}

static void
write_unclosed_links_b (GString *out)
{
  repeat (out, "[a](b", 30000);
}

/* Upstream's "tables" case: carriage returns and vertical tabs make each
 * repetition a table that the next one extends. */
static void
write_tables (GString *out)
{
  repeat (out, "aaa\rbbb\n-\v\n", 30000);
}

static void
write_many_references (GString *out)
{
  for (guint label = 1; label < 5000 * 16; label++)
    g_string_append_printf (out, "[%u]: u\n", label);
  repeat (out, "[0] ", 5000);
}

/* cmark's hash of a reference label (references.c, refhash()). */
static guint32
reference_hash (const char *label)
{
  guint32 hash = 0;

  for (const char *c = label; *c != '\0'; c++)
    hash = (guint32) (guchar) *c + (hash << 6) + (hash << 16) - hash;
  return hash;
}

/* 50,000 reference definitions whose labels all share one bucket. */
static void
write_reference_collisions (GString *out)
{
  g_autofree char *first = NULL;
  guint found = 0;

  for (guint i = 0; found < 50000; i++)
    {
      g_autofree char *label = g_strdup_printf ("x%u", i);

      if (reference_hash (label) % REFERENCE_MAP_SIZE != 0)
        continue;
      if (found++ == 0)
        first = g_steal_pointer (&label);
      else
        g_string_append_printf (out, "[%s]: /url\n\n[%s]\n\n", label, first);
    }
}

/* CVE-2023-22486: minutes in cmark-gfm before 0.29.0.gfm.7. */
static void
write_image_link_pattern (GString *out)
{
  repeat (out, "![[]()", 160000);
}

static void
write_underscore_a (GString *out)
{
  repeat (out, "_a", 100000);
}

static void
write_divs (GString *out)
{
  repeat (out, "<div>", 100000);
}

/* 15 MB of words on one line: with autolinks, every "w" starts a node. */
static void
write_one_long_line (GString *out)
{
  repeat (out, "word ", 3000000);
}

static void
write_wide_table (GString *out)
{
  for (guint row = 0; row < 27; row++)
    {
      g_string_append_c (out, '|');
      repeat (out, row == 1 ? "-|" : "a|", 20000);
      g_string_append_c (out, '\n');
    }
}

/* The answers that froze the window (issue 13) beside those above. */

static void
write_open_brackets (GString *out)
{
  repeat (out, "[", 100000);
}

/* "e`e``e```…" up to 446 in a row: 100 KB. */
static void
write_backticks_100_kb (GString *out)
{
  for (guint run = 1; run <= 446; run++)
    {
      g_string_append_c (out, 'e');
      repeat (out, "`", run);
    }
}

/* And what else one answer may hold that a view must lay out in bounded
 * steps. */

static void
write_unclosed_comments (GString *out)
{
  g_string_append (out, "</");
  repeat (out, "<!--", 100000);
}

static void
write_big_table (GString *out)
{
  for (guint row = 0; row < 2000 + 2; row++)
    {
      for (guint column = 0; column < 50; column++)
        {
          if (row == 1)
            g_string_append (out, "|---");
          else
            g_string_append_printf (out, "| c%u ", row * 50 + column);
        }
      g_string_append (out, "|\n");
    }
}

static void
write_long_list (GString *out)
{
  repeat (out, "- an item of a long list\n", 20000);
}

static void
write_one_long_word (GString *out)
{
  repeat (out, "x", 1024 * 1024);
}

static void
write_long_code_block (GString *out)
{
  g_string_append (out, "```\n");
  repeat (out, "echo line\n", 100000);
  g_string_append (out, "```\n");
}

static void
write_long_code_line (GString *out)
{
  g_string_append (out, "```\n");
  repeat (out, "x", 1024 * 1024);
  g_string_append (out, "\n```\n");
}

static void
write_long_paragraphs (GString *out)
{
  repeat (out,
          "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
          "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud "
          "exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute "
          "irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla "
          "pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia "
          "deserunt mollit anim id est laborum. Lorem ipsum dolor sit amet, consectetur "
          "adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. "
          "Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip "
          "ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit "
          "esse cillum dolore eu fugiat nulla pariatur.\n\n",
          1000);
}

/* Real decks hide answers in <details> (issue 12): here one holding 3,000
 * paragraphs, and 3,000 more after it. */
static void
write_long_details (GString *out)
{
  g_string_append (out, "<details>\n\n");
  for (guint i = 1; i <= 3000; i++)
    g_string_append_printf (out, "Paragraph %u, inside the <i>details</i>.\n\n", i);
  g_string_append (out, "</details>\n\n");
  for (guint i = 1; i <= 3000; i++)
    g_string_append_printf (out, "Paragraph %u, after the details.\n\n", i);
}

static const HostileMarkdownCase cases[] = {
  { "nested strong emphasis", write_nested_strong_emphasis, TRUE },
  { "many emphasis closers with no openers", write_emphasis_closers, TRUE },
  { "many emphasis openers with no closers", write_emphasis_openers, TRUE },
  { "many link closers with no openers", write_link_closers, TRUE },
  { "many link openers with no closers", write_link_openers, TRUE },
  { "mismatched openers and closers", write_mismatched_openers_and_closers, TRUE },
  { "openers and closers multiple of 3", write_openers_and_closers_multiple_of_3, TRUE },
  { "link openers and emphasis closers", write_link_openers_and_emphasis_closers, TRUE },
  { "pattern [ (]( repeated", write_bracket_parenthesis_pattern, TRUE },
  { "nested brackets", write_nested_brackets, TRUE },
  { "nested block quotes", write_nested_block_quotes, TRUE },
  { "deeply nested lists", write_deeply_nested_lists, TRUE },
  { "backticks", write_backticks, TRUE },
  { "unclosed links A", write_unclosed_links_a, TRUE },
  { "unclosed links B", write_unclosed_links_b, TRUE },
  { "tables", write_tables, FALSE },
  { "many references", write_many_references, TRUE },
  { "reference collisions", write_reference_collisions, TRUE },
  { "![[]() repeated (CVE-2023-22486)", write_image_link_pattern, TRUE },
  { "_a × 100,000", write_underscore_a, TRUE },
  { "<div> × 100,000", write_divs, TRUE },
  { "one 15 MB line", write_one_long_line, TRUE },
  { "a table 20,000 columns wide", write_wide_table, TRUE },
  { "[ × 100,000", write_open_brackets, TRUE },
  { "backticks, 100 KB", write_backticks_100_kb, TRUE },
  { "unclosed <!-- × 100,000", write_unclosed_comments, TRUE },
  { "a table of 50 columns × 2,000 rows", write_big_table, TRUE },
  { "a list of 20,000 items", write_long_list, TRUE },
  { "one word of 1 MB", write_one_long_word, TRUE },
  { "a code block of 100,000 lines", write_long_code_block, TRUE },
  { "a code block of one 1 MB line", write_long_code_line, TRUE },
  { "1,000 paragraphs of 1 KB", write_long_paragraphs, TRUE },
  { "6,000 paragraphs in and after a <details>", write_long_details, TRUE },
};

const HostileMarkdownCase *
hostile_markdown_cases (guint *n_cases)
{
  *n_cases = G_N_ELEMENTS (cases);
  return cases;
}

char *
hostile_markdown_deck (const HostileMarkdownCase *hostile_case,
                       gsize                     *length)
{
  GString *out = g_string_new ("# Hostile\n\n## What is this?\n\n");

  hostile_case->write_answer (out);
  g_string_append_c (out, '\n');
  *length = out->len;
  return g_string_free (out, FALSE);
}
