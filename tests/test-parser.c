/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "rehearse-cmark.h"
#include "rehearse-error.h"
#include "rehearse-parser.h"
#include "rehearse-text-repair.h"

/* Markers of text that was never repaired: none may survive an import. */
static const char * const mojibake_markers[] = {
  "\xef\xa3\xbf" /* U+F8FF */, "â€", "â†", "Ã", "ðŸ", "‚Äô", "üö", "üõ", "üó", "üå", "üß", "Ô∏",
};

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "decks", name, NULL);
}

static char *
bundled_path (const char *name)
{
  return g_build_filename (g_getenv ("REHEARSE_BUNDLED_DECKS_DIR"), "docker-interview-questions",
                           name, NULL);
}

static RehearseParsedDeck *
parse_file (const char  *path,
            GError     **error)
{
  g_autofree char *data = NULL;
  g_autofree char *text = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  text = rehearse_text_repair (data, length, NULL);
  return rehearse_parser_parse (text, strlen (text), "Fallback Title", error);
}

static RehearseParsedDeck *
parse_fixture (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  RehearseParsedDeck *deck = parse_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (deck);
  return deck;
}

static RehearseParsedQuestion *
question_at (RehearseParsedDeck *deck,
             guint               index)
{
  g_assert_cmpuint (index, <, deck->questions->len);
  return g_ptr_array_index (deck->questions, index);
}

static RehearseParsedTopic *
topic_at (RehearseParsedDeck *deck,
          guint               index)
{
  g_assert_cmpuint (index, <, deck->topics->len);
  return g_ptr_array_index (deck->topics, index);
}

static void
assert_no_mojibake (const char *text)
{
  if (text == NULL)
    return;

  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (mojibake_markers); i++)
    if (strstr (text, mojibake_markers[i]) != NULL)
      g_error ("mojibake “%s” left in: %.80s", mojibake_markers[i], strstr (text, mojibake_markers[i]));
}

static void
assert_deck_clean (RehearseParsedDeck *deck)
{
  assert_no_mojibake (deck->title);
  for (guint i = 0; i < deck->topics->len; i++)
    assert_no_mojibake (topic_at (deck, i)->title);
  for (guint i = 0; i < deck->questions->len; i++)
    {
      RehearseParsedQuestion *question = question_at (deck, i);

      assert_no_mojibake (question->text);
      assert_no_mojibake (question->answer);
      assert_no_mojibake (question->in_depth);
    }
}

/* ---- The seeds ---------------------------------------------------------- */

static void
test_seed_production_tooling (void)
{
  static const struct { const char *icon; const char *title; } expected_topics[] = {
    { "🚀", "Production Practices & Pitfalls" },
    { "🛠️", "Docker DevOps Tooling" },
    { "🗂️", "Registries and Image Distribution (Deep)" },
    { "🌀", "Container Lifecycle, Management, and Orchestration" },
    { "🧪", "Experimental and Future Docker Tech" },
  };
  g_autofree char *path = bundled_path ("351-400-production-tooling-registries.md");
  g_autoptr(GError) error = NULL;
  g_autoptr(RehearseParsedDeck) deck = parse_file (path, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (deck->topics->len, ==, G_N_ELEMENTS (expected_topics));
  for (guint i = 0; i < G_N_ELEMENTS (expected_topics); i++)
    {
      g_assert_cmpstr (topic_at (deck, i)->title, ==, expected_topics[i].title);
      g_assert_cmpstr (topic_at (deck, i)->icon, ==, expected_topics[i].icon);
    }

  g_assert_cmpuint (deck->questions->len, ==, 50);
  for (guint i = 0; i < 50; i++)
    {
      RehearseParsedQuestion *question = question_at (deck, i);

      g_assert_cmpint (question->number, ==, 351 + (gint) i);
      g_assert_cmpuint (question->topic_index, ==, i / 10);
      g_assert_false (g_str_has_prefix (question->answer, "**Answer"));
      g_assert_cmpstr (question->answer, !=, "");
      g_assert_null (question->in_depth);
    }

  g_assert_cmpstr (question_at (deck, 0)->text, ==,
                   "What is a zombie container and how do you handle it?");
  g_assert_true (g_str_has_prefix (question_at (deck, 0)->answer,
                                   "A container that is technically \"Running\""));
  g_assert_cmpstr (question_at (deck, 7)->text, ==, "What’s the best way to run cron jobs in Docker?");
  g_assert_cmpstr (question_at (deck, 11)->text, ==, "How does `docker diff` help during debugging?");
  assert_deck_clean (deck);
}

static void
test_seed_expert (void)
{
  g_autofree char *path = bundled_path ("301-350-expert-docker-experimental-tech.md");
  g_autoptr(GError) error = NULL;
  g_autoptr(RehearseParsedDeck) deck = parse_file (path, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (deck->topics->len, ==, 1);
  g_assert_cmpstr (topic_at (deck, 0)->title, ==,
                   "Expert Docker: Experimental Tech & Advanced Production");
  g_assert_cmpstr (topic_at (deck, 0)->icon, ==, "🧪");

  g_assert_cmpuint (deck->questions->len, ==, 50);
  for (guint i = 0; i < 50; i++)
    {
      RehearseParsedQuestion *question = question_at (deck, i);

      g_assert_cmpint (question->number, ==, 301 + (gint) i);
      g_assert_nonnull (question->in_depth);
      g_assert_cmpstr (question->in_depth, !=, "");
      /* The spoken-style quotes are unwrapped. */
      g_assert_false (g_str_has_prefix (question->answer, "\""));
      g_assert_false (g_str_has_suffix (question->answer, "\""));
      g_assert_null (strstr (question->answer, "In-depth"));
    }

  g_assert_cmpstr (question_at (deck, 0)->text, ==,
                   "What is WASM (WebAssembly) and how does it relate to Docker?");
  g_assert_true (g_str_has_prefix (question_at (deck, 0)->answer, "WebAssembly (WASM + WASI)"));
  g_assert_nonnull (strstr (question_at (deck, 0)->answer, "not replacing Docker — it targets"));
  assert_deck_clean (deck);
}

/* ---- Shapes ------------------------------------------------------------- */

static void
test_answer_labels (void)
{
  g_autoptr(RehearseParsedDeck) deck = parse_fixture ("answer-labels.md");

  g_assert_cmpstr (deck->title, ==, "Fallback Title");
  g_assert_cmpuint (deck->topics->len, ==, 2);
  g_assert_cmpstr (topic_at (deck, 0)->title, ==, "Production Basics");
  g_assert_cmpstr (topic_at (deck, 1)->icon, ==, "🛠️");
  g_assert_cmpuint (deck->questions->len, ==, 4);

  g_assert_cmpstr (question_at (deck, 0)->answer, ==,
                   "A container whose main process is defunct.\n"
                   "**Fix:**\n"
                   "- Send `SIGKILL` (`docker kill`).\n"
                   "- Check the host.");
  /* A label on the same line as the answer. */
  g_assert_cmpstr (question_at (deck, 1)->answer, ==,
                   "It lists files changed in the writable layer.");
  g_assert_cmpstr (question_at (deck, 1)->text, ==, "How does `docker diff` help?");
  /* "# this is a comment" in a code block is not a heading. */
  g_assert_nonnull (strstr (question_at (deck, 2)->answer, "# this is a comment, not a heading"));
  g_assert_cmpuint (question_at (deck, 3)->topic_index, ==, 1);
}

static void
test_spoken_in_depth (void)
{
  g_autoptr(RehearseParsedDeck) deck = parse_fixture ("spoken-in-depth.md");

  g_assert_cmpstr (deck->title, ==, "Expert Docker: Advanced Production");
  g_assert_cmpuint (deck->topics->len, ==, 1);
  g_assert_cmpuint (deck->questions->len, ==, 3);

  /* The closing quote after a fence does not swallow the next questions. */
  g_assert_cmpstr (question_at (deck, 0)->answer, ==,
                   "WebAssembly is a **lightweight alternative** to containers.\n\n"
                   "Docker runs WASM alongside OCI containers:\n"
                   "```bash\n"
                   "# run a wasm container\n"
                   "docker run --runtime=io.containerd.wasmedge.v1 demo\n"
                   "```");
  g_assert_cmpstr (question_at (deck, 0)->in_depth, ==,
                   "WASM containers share the OCI image format — but run a WASM runtime.");
  g_assert_cmpstr (question_at (deck, 1)->answer, ==,
                   "gVisor is a user-space kernel that intercepts syscalls.");
  /* Quotes around a phrase at the start are the author's, not a wrapper. */
  g_assert_cmpstr (question_at (deck, 2)->answer, ==,
                   "\"Cattle\" are replaceable servers; \"pets\" are not.");
}

static void
test_restarting_numbers (void)
{
  g_autoptr(RehearseParsedDeck) deck = parse_fixture ("restarting-numbers.md");

  g_assert_cmpuint (deck->topics->len, ==, 2);
  g_assert_cmpstr (topic_at (deck, 0)->title, ==, "Networking");
  g_assert_cmpstr (topic_at (deck, 1)->title, ==, "Storage");
  g_assert_cmpuint (deck->questions->len, ==, 4);
  g_assert_cmpint (question_at (deck, 2)->number, ==, 1);
  g_assert_cmpuint (question_at (deck, 2)->topic_index, ==, 1);

  /* "### Answer:" is a label; "### Example:" and the table are answer. */
  g_assert_true (g_str_has_prefix (question_at (deck, 0)->answer, "The default network driver."));
  g_assert_nonnull (strstr (question_at (deck, 0)->answer, "### Example:"));
  g_assert_nonnull (strstr (question_at (deck, 0)->answer, "| overlay | swarm |"));
  g_assert_null (strstr (question_at (deck, 0)->answer, "Answer"));

  /* Numbers repeat, so keys carry the topic. */
  rehearse_parsed_deck_assign_keys (deck);
  g_assert_cmpstr (question_at (deck, 0)->question_key, ==, "fallback-title/networking/1");
  g_assert_cmpstr (question_at (deck, 2)->question_key, ==, "fallback-title/storage/1");
}

static void
test_table_of_contents_and_html (void)
{
  g_autoptr(RehearseParsedDeck) deck = parse_fixture ("toc-html-header.md");

  g_assert_cmpstr (deck->title, ==, "Kubernetes Interview Questions");
  g_assert_cmpuint (deck->questions->len, ==, 3);
  g_assert_cmpint (question_at (deck, 0)->number, ==, 1);
  g_assert_cmpstr (question_at (deck, 0)->text, ==, "What is a Pod?");
  g_assert_cmpstr (question_at (deck, 2)->text, ==, "What is a Service?");
  /* The follow-up list at the end is not part of the last answer either. */
  g_assert_cmpstr (question_at (deck, 2)->answer, ==,
                   "A stable virtual IP and DNS name in front of a set of Pods.");
  for (guint i = 0; i < deck->questions->len; i++)
    g_assert_null (strstr (question_at (deck, i)->answer, "<div"));
}

static void
test_bold_questions (void)
{
  g_autoptr(RehearseParsedDeck) deck = parse_fixture ("bold-questions.md");

  g_assert_cmpstr (deck->title, ==, "Linux Basics");
  g_assert_cmpuint (deck->questions->len, ==, 3);
  g_assert_cmpstr (question_at (deck, 0)->text, ==, "What does `chmod 755` do?");
  g_assert_cmpint (question_at (deck, 1)->number, ==, 2);
  /* The answer on the line right after the bold question. */
  g_assert_cmpstr (question_at (deck, 1)->answer, ==,
                   "A data structure that stores a file's metadata, everything but its name and data.");
  g_assert_nonnull (strstr (question_at (deck, 2)->answer, "- `lsof` lists open files."));
}

static void
test_unnumbered (void)
{
  g_autoptr(RehearseParsedDeck) deck = parse_fixture ("unnumbered.md");

  g_assert_cmpuint (deck->questions->len, ==, 3);
  g_assert_cmpint (question_at (deck, 0)->number, ==, -1);
  g_assert_cmpstr (question_at (deck, 2)->text, ==, "Explain the staging area");

  rehearse_parsed_deck_assign_keys (deck);
  g_assert_cmpstr (question_at (deck, 0)->question_key, ==,
                   "git-questions/how-does-git-rebase-differ-from-git-merge");
  g_assert_cmpstr (question_at (deck, 1)->question_key, ==, "git-questions/what-is-a-detached-head");
}

static void
test_no_questions (void)
{
  g_autofree char *path = fixture_path ("no-questions.md");
  g_autoptr(GError) error = NULL;
  g_autoptr(RehearseParsedDeck) deck = parse_file (path, &error);

  g_assert_null (deck);
  g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NO_QUESTIONS);
}

static void
test_setext_and_closing_hashes (void)
{
  const char *markdown =
    "Docker\n======\n\n"
    "Question 7: What is a layer? ###\n"
    "--------------------------------\n\n"
    "A read-only filesystem diff.\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(RehearseParsedDeck) deck = NULL;

  deck = rehearse_parser_parse (markdown, strlen (markdown), "Fallback", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deck->questions->len, ==, 1);
  g_assert_cmpint (question_at (deck, 0)->number, ==, 7);
  g_assert_cmpstr (question_at (deck, 0)->text, ==, "What is a layer? ###");
  g_assert_cmpstr (deck->title, ==, "Docker");

  {
    const char *atx = "## 3. What is a tag? ##\n\nA name for an image.\n";
    g_autoptr(RehearseParsedDeck) atx_deck = rehearse_parser_parse (atx, strlen (atx), "T", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (question_at (atx_deck, 0)->text, ==, "What is a tag?");
  }
}

/* ---- Helpers ------------------------------------------------------------ */

static void
test_clean_topic_title (void)
{
  static const struct { const char *heading; const char *title; const char *icon; } cases[] = {
    { "🚀 Production Practices & Pitfalls (Questions 351-360)", "Production Practices & Pitfalls", "🚀" },
    { "🧪 Expert Docker: Experimental Tech & Advanced Production (301–350)",
      "Expert Docker: Experimental Tech & Advanced Production", "🧪" },
    { "🛠️ Docker DevOps Tooling (Questions 361-370)", "Docker DevOps Tooling", "🛠️" },
    { "**Networking**", "Networking", NULL },
    { "Registries and Image Distribution (Deep)", "Registries and Image Distribution (Deep)", NULL },
    { "Basics [Q1-Q10]", "Basics", NULL },
    { "👩‍💻 Developer Workflow", "Developer Workflow", "👩‍💻" },
    { "Storage:", "Storage", NULL },
    { "C++ (2011 to 2020) features", "C++ (2011 to 2020) features", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *icon = NULL;
      g_autofree char *title = rehearse_parser_clean_topic_title (cases[i].heading, &icon);

      g_assert_cmpstr (title, ==, cases[i].title);
      g_assert_cmpstr (icon, ==, cases[i].icon);
    }
}

static void
test_title_from_filename (void)
{
  g_autofree char *folder = rehearse_parser_title_from_filename ("docker-interview-questions");
  g_autofree char *file = rehearse_parser_title_from_filename ("/tmp/linux_basics.md");
  g_autofree char *empty = rehearse_parser_title_from_filename (".md");

  g_assert_cmpstr (folder, ==, "Docker Interview Questions");
  g_assert_cmpstr (file, ==, "Linux Basics");
  g_assert_cmpstr (empty, ==, ".md");
}

static void
test_keys (void)
{
  g_autoptr(RehearseParsedDeck) deck = rehearse_parsed_deck_new ("Docker Interview Questions");

  rehearse_parsed_deck_add_topic (deck, "Basics", NULL);
  rehearse_parsed_deck_add_question (deck, 0, 301, "What is WASM?", "A", NULL);
  rehearse_parsed_deck_add_question (deck, 0, -1, "What's a layer?", "B", NULL);
  rehearse_parsed_deck_add_question (deck, 0, -1, "What's a layer?", "C", NULL);
  rehearse_parsed_deck_assign_keys (deck);

  g_assert_cmpstr (deck->deck_key, ==, "docker-interview-questions");
  g_assert_cmpstr (question_at (deck, 0)->question_key, ==, "docker-interview-questions/301");
  g_assert_cmpstr (question_at (deck, 1)->question_key, ==, "docker-interview-questions/whats-a-layer");
  g_assert_cmpstr (question_at (deck, 2)->question_key, ==,
                   "docker-interview-questions/whats-a-layer-2");
}

/* ---- Hostile input -------------------------------------------------------- */

static void
test_deep_nesting (void)
{
  g_autoptr(GString) quotes = g_string_new ("### 1. Deep?\n\n");
  g_autoptr(GString) lists = g_string_new ("### 1. Deep?\n\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(RehearseParsedDeck) quote_deck = NULL;
  g_autoptr(RehearseParsedDeck) list_deck = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append (quotes, "> ");
  g_string_append (quotes, "bottom\n");

  for (guint i = 0; i < 10000; i++)
    g_string_append (lists, "- ");
  g_string_append (lists, "bottom\n");

  quote_deck = rehearse_parser_parse (quotes->str, quotes->len, "Deep", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (quote_deck->questions->len, ==, 1);
  g_assert_true (g_str_has_suffix (question_at (quote_deck, 0)->answer, "> bottom"));

  list_deck = rehearse_parser_parse (lists->str, lists->len, "Deep", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list_deck->questions->len, ==, 1);
}

static guint
tree_depth (cmark_node *root)
{
  cmark_iter *iter = cmark_iter_new (root);
  cmark_event_type event;
  guint deepest = 0;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      guint depth = 0;

      for (cmark_node *node = cmark_iter_get_node (iter); node != NULL;
           node = cmark_node_parent (node))
        depth++;
      deepest = MAX (deepest, depth);
    }
  cmark_iter_free (iter);
  return deepest;
}

static guint
count_nodes (cmark_node *root)
{
  cmark_iter *iter = cmark_iter_new (root);
  guint count = 0;

  while (cmark_iter_next (iter) != CMARK_EVENT_DONE)
    count++;
  cmark_iter_free (iter);
  return count;
}

/* What cmark-gfm would make of hostile structure is limited before it
 * parses: 10,000 nested quotes would be 10,000 nodes deep (gigabytes for a
 * large file), a table row of 100,000 cells quadratic time. */
static void
test_structure_limits (void)
{
  g_autoptr(GString) quotes = g_string_new (NULL);
  g_autoptr(GString) lists = g_string_new (NULL);
  g_autoptr(GString) wide = g_string_new ("| a | b |\n| - | - |\n");
  g_autoptr(cmark_node) quote_tree = NULL;
  g_autoptr(cmark_node) list_tree = NULL;
  g_autoptr(cmark_node) wide_tree = NULL;
  g_autoptr(cmark_node) normal = NULL;
  const char *table = "| a | b |\n| - | - |\n| 1 | 2 |\n";

  for (guint i = 0; i < 10000; i++)
    g_string_append (quotes, "> ");
  g_string_append (quotes, "bottom\n");
  for (guint i = 0; i < 10000; i++)
    g_string_append (lists, i % 2 ? "1. " : "- ");
  g_string_append (lists, "bottom\n");
  for (guint i = 0; i < 100000; i++)
    g_string_append (wide, "| x ");
  g_string_append (wide, "|\n");

  quote_tree = rehearse_cmark_parse (quotes->str, quotes->len);
  g_assert_cmpuint (tree_depth (quote_tree), ==, 1 + 32 + 2);  /* document, quotes, paragraph, text */
  list_tree = rehearse_cmark_parse (lists->str, lists->len);
  g_assert_cmpuint (tree_depth (list_tree), ==, 1 + 2 * 32 + 2);  /* a list and an item a level */

  /* The wide row is one cell of text, not 100,000 cells. */
  wide_tree = rehearse_cmark_parse (wide->str, wide->len);
  g_assert_true (rehearse_cmark_node_is_extension (cmark_node_first_child (wide_tree), "table"));
  g_assert_cmpuint (count_nodes (wide_tree), <, 100);

  /* Ordinary Markdown goes through untouched. */
  normal = rehearse_cmark_parse (table, strlen (table));
  g_assert_true (rehearse_cmark_node_is_extension (cmark_node_first_child (normal), "table"));
  g_assert_null (cmark_node_next (cmark_node_first_child (normal)));
}

static void
test_empty_and_odd_input (void)
{
  static const char * const inputs[] = {
    "", "\n\n\n", "#", "###", "### ?", "**1.**", "```\n### 1. In a fence?\n```\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RehearseParsedDeck) deck = rehearse_parser_parse (inputs[i], strlen (inputs[i]),
                                                                  "Odd", &error);

      if (deck == NULL)
        g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NO_QUESTIONS);
      else
        g_assert_cmpuint (deck->questions->len, >, 0);
    }

  {
    const char *fenced = "```\n### 1. In a fence?\n```\n";
    g_autoptr(GError) error = NULL;
    g_autoptr(RehearseParsedDeck) deck = rehearse_parser_parse (fenced, strlen (fenced), "F", &error);

    g_assert_null (deck);
    g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NO_QUESTIONS);
  }
}

/* cmark-gfm 0.29.0.gfm.6 gives no position to a paragraph that a table
 * splits off; such an answer once crashed the import (found by fuzzing). */
static void
test_paragraph_before_table (void)
{
  const char *text = "# Deck\n\n## What is X?\n\nSome intro.\nIntro line\n"
                     "| a | b |\n|---|---|\n| 1 | 2 |\n\nAfter.\n\n## What is Y?\n\nY.\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(RehearseParsedDeck) deck = rehearse_parser_parse (text, strlen (text), "T", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (deck->questions->len, ==, 2);
  g_assert_cmpstr (question_at (deck, 0)->answer, ==,
                   "Some intro.\nIntro line\n| a | b |\n|---|---|\n| 1 | 2 |\n\nAfter.");
  g_assert_cmpstr (question_at (deck, 1)->answer, ==, "Y.");

  {
    const char *odd = "|\n\xc2\xa8\n-:";
    g_autoptr(GError) odd_error = NULL;
    g_autoptr(RehearseParsedDeck) odd_deck = rehearse_parser_parse (odd, strlen (odd), "O",
                                                                    &odd_error);

    g_assert_null (odd_deck);
    g_assert_error (odd_error, REHEARSE_ERROR, REHEARSE_ERROR_NO_QUESTIONS);
  }
}

/* Link reference definitions are in no block of cmark's: they stay in
 * the answer they sit in, apart from its paragraphs, so its links work. */
static void
test_reference_definitions_kept (void)
{
  const char *text = "# Deck\n\n## What is X?\n\nSee [the docs][1].\n\n[1]: https://example.com/x\n"
                     "\n## What is Y?\n\nY [ref].\n[ref]: https://example.com/y\n\n"
                     "[other]: https://example.com/z\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(RehearseParsedDeck) deck = rehearse_parser_parse (text, strlen (text), "T", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (deck->questions->len, ==, 2);
  g_assert_cmpstr (question_at (deck, 0)->answer, ==,
                   "See [the docs][1].\n\n[1]: https://example.com/x");
  /* Under a paragraph it is the paragraph's text, as cmark reads it. */
  g_assert_cmpstr (question_at (deck, 1)->answer, ==,
                   "Y [ref].\n[ref]: https://example.com/y\n\n[other]: https://example.com/z");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/parser/seed/production-tooling", test_seed_production_tooling);
  g_test_add_func ("/parser/seed/expert", test_seed_expert);
  g_test_add_func ("/parser/shape/answer-labels", test_answer_labels);
  g_test_add_func ("/parser/shape/spoken-in-depth", test_spoken_in_depth);
  g_test_add_func ("/parser/shape/restarting-numbers", test_restarting_numbers);
  g_test_add_func ("/parser/shape/toc-html-header", test_table_of_contents_and_html);
  g_test_add_func ("/parser/shape/bold-questions", test_bold_questions);
  g_test_add_func ("/parser/shape/unnumbered", test_unnumbered);
  g_test_add_func ("/parser/shape/no-questions", test_no_questions);
  g_test_add_func ("/parser/shape/setext-and-closing-hashes", test_setext_and_closing_hashes);
  g_test_add_func ("/parser/clean-topic-title", test_clean_topic_title);
  g_test_add_func ("/parser/title-from-filename", test_title_from_filename);
  g_test_add_func ("/parser/keys", test_keys);
  g_test_add_func ("/parser/deep-nesting", test_deep_nesting);
  g_test_add_func ("/parser/structure-limits", test_structure_limits);
  g_test_add_func ("/parser/empty-and-odd-input", test_empty_and_odd_input);
  g_test_add_func ("/parser/paragraph-before-table", test_paragraph_before_table);
  g_test_add_func ("/parser/reference-definitions-kept", test_reference_definitions_kept);

  return g_test_run ();
}
