/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "rehearse-error.h"
#include "rehearse-parser.h"

/* Structure detection, one small hand-made file per shape of real decks:
 * what repeats is the question, what sits above it and holds questions is a
 * topic, and everything else stays in the answer it belongs to or is said
 * to be left out. */

static RehearseParsedDeck *
parse (const char *markdown)
{
  g_autoptr(GError) error = NULL;
  RehearseParsedDeck *deck = rehearse_parser_parse (markdown, strlen (markdown), "Fallback",
                                                    &error);

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

static const char *
topic_title (RehearseParsedDeck *deck,
             guint               index)
{
  g_assert_cmpuint (index, <, deck->topics->len);
  return ((RehearseParsedTopic *) g_ptr_array_index (deck->topics, index))->title;
}

static gboolean
skipped_has (RehearseParsedDeck *deck,
             int                 line,
             const char         *reason)
{
  for (guint i = 0; i < deck->skipped->len; i++)
    {
      RehearseParsedSkip *skip = g_ptr_array_index (deck->skipped, i);

      if (skip->line == line && g_strcmp0 (skip->reason, reason) == 0)
        return TRUE;
    }

  return FALSE;
}

/* "# Topic" / "## N. Question?", numbering restarting in each topic, with
 * "### Answer:", "### Key Differences:" and "#### …" in the answers. */
static void
test_answer_subheadings (void)
{
  g_autoptr(RehearseParsedDeck) deck = parse (
    "# Networking\n\n"
    "## 1. What is a bridge network?\n\n"
    "### Answer:\n\n"
    "The default driver.\n\n"
    "### Key Differences:\n\n"
    "| bridge | host |\n| --- | --- |\n| own namespace | host's |\n\n"
    "#### When to use\n\n"
    "Single host.\n\n"
    "## 2. What is an overlay network?\n\n"
    "### Answer:\n\n"
    "Spans hosts.\n\n"
    "# Storage\n\n"
    "## 1. What is a volume?\n\n"
    "### Answer:\n\n"
    "Managed storage.\n");

  g_assert_cmpuint (deck->topics->len, ==, 2);
  g_assert_cmpstr (topic_title (deck, 1), ==, "Storage");
  g_assert_cmpuint (deck->questions->len, ==, 3);
  g_assert_cmpstr (question_at (deck, 0)->answer, ==,
                   "The default driver.\n\n"
                   "### Key Differences:\n\n"
                   "| bridge | host |\n| --- | --- |\n| own namespace | host's |\n\n"
                   "#### When to use\n\n"
                   "Single host.");
  g_assert_cmpint (question_at (deck, 2)->number, ==, 1);
  g_assert_cmpuint (question_at (deck, 2)->topic_index, ==, 1);
}

/* "### Qn:" after an HTML header and a linked table of contents, with code
 * that is not fenced: its "# comment" lines are level-1 headings. */
static void
test_unfenced_code_comments (void)
{
  g_autoptr(RehearseParsedDeck) deck = parse (
    "# Python Questions\n\n## Contents\n\n"
    "- [Q1](#q1-what-is-a-virtualenv)\n- [Q2](#q2-how-do-you-list-files)\n\n"
    "### Q1: What is a virtualenv?\n\n"
    "An isolated environment.\n"
    "python -m venv env\n"
    "# activate it\n"
    "source env/bin/activate\n\n"
    "### Q2: How do you list files?\n\n"
    "import os\n"
    "# every entry\n"
    "os.listdir('.')\n\n"
    "### Q3: How do you sort a list?\n\n"
    "nums = [3, 1]\n\n"
    "# in place\n"
    "nums.sort()\n\n"
    "### Q4: What is a tuple?\n\n"
    "An immutable sequence.\n");

  g_assert_cmpuint (deck->topics->len, ==, 1);
  g_assert_cmpuint (deck->questions->len, ==, 4);
  g_assert_cmpint (question_at (deck, 1)->number, ==, 2);
  /* After a blank line too, when no heading of that level heads questions. */
  g_assert_cmpstr (question_at (deck, 2)->answer, ==, "nums = [3, 1]\n\n# in place\nnums.sort()");
  g_assert_cmpstr (question_at (deck, 0)->answer, ==,
                   "An isolated environment.\npython -m venv env\n# activate it\n"
                   "source env/bin/activate");
  g_assert_cmpstr (question_at (deck, 1)->answer, ==, "import os\n# every entry\nos.listdir('.')");
  g_assert_cmpstr (deck->title, ==, "Python Questions");
  g_assert_true (skipped_has (deck, 3, "a table of contents"));
}

/* <details><summary>Question</summary> blocks under section headings. */
static void
test_details_questions (void)
{
  g_autoptr(RehearseParsedDeck) deck = parse (
    "# Linux\n\n"
    "## Table of Contents\n\n- [Basics](#basics)\n\n"
    "## Basics\n\n"
    "<details>\n<summary>What does <code>ls -a</code> show?</summary><br><b>\n\n"
    "  Hidden files too.\n"
    "  * `.` and `..`\n"
    "</b></details>\n\n"
    "<details>\n<summary>Create a user called bob</summary><br><b>\n</b></details>\n\n"
    "## Networking\n\n"
    "<details>\n<summary>1. What is a socket?</summary>\n\n"
    "#### Socket\n\n"
    "An endpoint.\n\n"
    "</details>\n");

  g_assert_cmpstr (deck->title, ==, "Linux");
  g_assert_cmpuint (deck->topics->len, ==, 2);
  g_assert_cmpstr (topic_title (deck, 1), ==, "Networking");
  g_assert_cmpuint (deck->questions->len, ==, 3);
  g_assert_cmpstr (question_at (deck, 0)->text, ==, "What does `ls -a` show?");
  g_assert_cmpstr (question_at (deck, 0)->answer, ==, "Hidden files too.\n* `.` and `..`");
  /* An exercise with no answer is kept, and marked. */
  g_assert_cmpstr (question_at (deck, 1)->text, ==, "Create a user called bob");
  g_assert_false (rehearse_parsed_question_has_answer (question_at (deck, 1)));
  /* A heading inside the answer is the answer's. */
  g_assert_cmpint (question_at (deck, 2)->number, ==, 1);
  g_assert_cmpstr (question_at (deck, 2)->answer, ==, "#### Socket\n\nAn endpoint.");
}

/* Numbered list items holding headings, the answer indented in the item,
 * "back to top" links, a heading down in an item. */
static void
test_list_item_headings (void)
{
  g_autoptr(RehearseParsedDeck) deck = parse (
    "# React Questions\n\n"
    "| No. | Questions |\n| --- | --- |\n| 1 | [What is React?](#what-is-react) |\n\n"
    "## Core React\n\n"
    "1. ### What is React?\n\n"
    "   A library for user interfaces.\n\n"
    "   ```jsx\n   const App = () => <p/>;\n   ```\n\n"
    "   **[⬆ Back to Top](#table-of-contents)**\n\n"
    "2. ### What is JSX?\n\n"
    "   ### Summary\n\n"
    "   Syntax for elements.\n\n"
    "2. ### What is JSX, again?\n\n"
    "   The same.\n");

  g_assert_cmpuint (deck->topics->len, ==, 1);
  g_assert_cmpstr (topic_title (deck, 0), ==, "Core React");
  g_assert_cmpuint (deck->questions->len, ==, 3);
  g_assert_cmpstr (question_at (deck, 0)->answer, ==,
                   "A library for user interfaces.\n\n```jsx\nconst App = () => <p/>;\n```");
  g_assert_cmpstr (question_at (deck, 1)->answer, ==, "### Summary\n\nSyntax for elements.");

  /* The author's numbers, even repeated; every key stays unique. */
  g_assert_cmpint (question_at (deck, 1)->number, ==, 2);
  g_assert_cmpint (question_at (deck, 2)->number, ==, 2);
  rehearse_parsed_deck_assign_keys (deck);
  g_assert_cmpstr (question_at (deck, 1)->question_key, !=, question_at (deck, 2)->question_key);
}

/* A question with its code and options, its answer in a <details>. */
static void
test_hidden_answer_and_prompt (void)
{
  g_autoptr(RehearseParsedDeck) deck = parse (
    "###### 1. What's the output?\n\n"
    "```javascript\nconsole.log(typeof null);\n```\n\n"
    "- A: `\"null\"`\n- B: `\"object\"`\n\n"
    "<details><summary><b>Answer</b></summary>\n<p>\n\n"
    "#### Answer: B\n\n"
    "A historical bug.\n\n"
    "</p>\n</details>\n\n---\n\n"
    "###### 2. What's the output?\n\n"
    "```javascript\nconsole.log(0.1 + 0.2);\n```\n\n"
    "<details>\n<summary>Show answer</summary>\n\n`0.30000000000000004`\n\n</details>\n");

  g_assert_cmpuint (deck->questions->len, ==, 2);
  g_assert_cmpstr (question_at (deck, 0)->prompt, ==,
                   "```javascript\nconsole.log(typeof null);\n```\n\n"
                   "- A: `\"null\"`\n- B: `\"object\"`");
  g_assert_cmpstr (question_at (deck, 0)->answer, ==, "#### Answer: B\n\nA historical bug.");
  g_assert_cmpstr (question_at (deck, 1)->answer, ==, "`0.30000000000000004`");
  g_assert_nonnull (question_at (deck, 1)->prompt);
}

/* Bold lines with difficulty emoji, one not worded as a question. */
static void
test_bold_lines (void)
{
  g_autoptr(RehearseParsedDeck) deck = parse (
    "## Regression\n\n"
    "**What is regression? 👶**\n\nPredicting a number.\n\n<br/>\n\n"
    "**Precision-recall trade-off ⭐️**\n\nOne goes up, the other down.\n\n<br/>\n\n"
    "**What is a residual? 👶**\n\nAnswer here\n");

  g_assert_cmpuint (deck->questions->len, ==, 3);
  g_assert_cmpstr (question_at (deck, 1)->text, ==, "Precision-recall trade-off ⭐️");
  g_assert_cmpstr (question_at (deck, 1)->answer, ==, "One goes up, the other down.");
}

/* A list of questions without answers, after front matter. */
static void
test_question_list (void)
{
  g_autoptr(RehearseParsedDeck) deck = parse (
    "---\ntitle: \"CSS Questions\"\nlayout: page\n---\n\n"
    "* What is a selector?\n"
    "* Explain the box model.\n"
    "  * What does `box-sizing` change?\n"
    "* What is specificity?\n");

  g_assert_cmpstr (deck->title, ==, "CSS Questions");
  g_assert_cmpuint (deck->questions->len, ==, 3);
  g_assert_cmpstr (question_at (deck, 1)->text, ==, "Explain the box model.");
  g_assert_cmpstr (question_at (deck, 1)->prompt, ==, "* What does `box-sizing` change?");
  for (guint i = 0; i < 3; i++)
    g_assert_false (rehearse_parsed_question_has_answer (question_at (deck, i)));
}

/* A shopping list asks nothing. */
static void
test_list_that_asks_nothing (void)
{
  const char *markdown = "# Weekend\n\n- milk\n- bread\n- What else?\n- eggs\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(RehearseParsedDeck) deck = rehearse_parser_parse (markdown, strlen (markdown), "F",
                                                              &error);

  g_assert_null (deck);
  g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NO_QUESTIONS);
}

/* A </details> swallowed by a badly indented fence is still its end. */
static void
test_details_closed_in_a_fence (void)
{
  g_autoptr(RehearseParsedDeck) deck = parse (
    "1. ### What is a component?\n\n"
    "   A function.\n\n"
    "   <details><summary><b>See Class</b></summary>\n"
    "   <p>\n"
    "    ```jsx\n"
    "    class A {}\n\n"
    "   render() {}\n\n"
    "   ```\n"
    "   </p>\n"
    "   </details>\n\n"
    "   More text.\n"
    "   ```\n\n"
    "2. ### What is a prop?\n\n"
    "   An input.\n\n"
    "3. ### What is state?\n\n"
    "   Memory.\n");

  g_assert_cmpuint (deck->questions->len, ==, 3);
  g_assert_cmpstr (question_at (deck, 2)->answer, ==, "Memory.");
}

/* Two parts, as in the JavaScript collection issue 12 names: numbered list
 * items holding "###" headings, then "#### N. What is the output" questions
 * whose answers hide in <details>, numbering from 1 again. */
static void
test_two_question_shapes (void)
{
  g_autoptr(RehearseParsedDeck) deck = parse (
    "# JavaScript\n\n"
    "1. ### What is a closure?\n\n"
    "   A function with its scope.\n\n"
    "2. ### What is hoisting?\n\n"
    "   Declarations move up.\n\n"
    "3. ### What is a promise?\n\n"
    "   A future value.\n\n"
    "### Coding Exercise\n\n"
    "#### 1. What is the output of below code\n\n"
    "```javascript\nconsole.log([] + []);\n```\n\n"
    "- 1: \"\"\n- 2: []\n\n"
    "<details><summary><b>Answer</b></summary>\n<p>\n\n"
    "##### Answer: 1\n\nBoth become empty strings.\n\n</p>\n</details>\n\n---\n\n"
    "#### 2. What is the output of below code\n\n"
    "```javascript\nconsole.log(typeof NaN);\n```\n\n"
    "<details><summary><b>Answer</b></summary>\n<p>\n\n"
    "##### Answer: number\n\n</p>\n</details>\n");

  g_assert_cmpuint (deck->questions->len, ==, 5);
  g_assert_cmpstr (question_at (deck, 3)->text, ==, "What is the output of below code");
  g_assert_cmpint (question_at (deck, 3)->number, ==, 1);
  g_assert_cmpstr (question_at (deck, 3)->answer, ==, "##### Answer: 1\n\nBoth become empty strings.");
  g_assert_cmpstr (question_at (deck, 3)->prompt, ==,
                   "```javascript\nconsole.log([] + []);\n```\n\n- 1: \"\"\n- 2: []");
  g_assert_cmpstr (question_at (deck, 2)->answer, ==, "A future value.");

  rehearse_parsed_deck_assign_keys (deck);
  g_assert_cmpstr (question_at (deck, 0)->question_key, !=, question_at (deck, 3)->question_key);
}

/* Sections titled by HTML headings; a table of contents of <details>
 * that hold only links. */
static void
test_html_headings (void)
{
  g_autoptr(RehearseParsedDeck) deck = parse (
    "<h2>Зміст</h2>\n\n"
    "<details>\n  <summary>Git</summary>\n  <ul>\n"
    "    <li><a href=\"#branches\">Гілки</a></li>\n"
    "    <li><a href=\"#head\">HEAD</a></li>\n  </ul>\n</details>\n\n"
    "<h3 id=\"branches\">Гілки</h3>\n\n"
    "<details>\n<summary>Що таке гілка?</summary>\n\nВказівник на коміт.\n\n</details>\n\n"
    "<details>\n<summary>Що таке HEAD?</summary>\n\nПоточний коміт.\n\n</details>\n\n"
    "<h3 id=\"head\">HEAD</h3>\n\n"
    "<details>\n<summary>Як відʼєднати HEAD?</summary>\n\n`git switch --detach`\n\n"
    "</details>\n");

  g_assert_cmpuint (deck->questions->len, ==, 3);
  g_assert_cmpuint (deck->topics->len, ==, 2);
  g_assert_cmpstr (topic_title (deck, 0), ==, "Гілки");
  g_assert_cmpstr (topic_title (deck, 1), ==, "HEAD");
  g_assert_cmpstr (question_at (deck, 0)->answer, ==, "Вказівник на коміт.");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/structure/answer-subheadings", test_answer_subheadings);
  g_test_add_func ("/structure/unfenced-code-comments", test_unfenced_code_comments);
  g_test_add_func ("/structure/details-questions", test_details_questions);
  g_test_add_func ("/structure/list-item-headings", test_list_item_headings);
  g_test_add_func ("/structure/hidden-answer-and-prompt", test_hidden_answer_and_prompt);
  g_test_add_func ("/structure/bold-lines", test_bold_lines);
  g_test_add_func ("/structure/question-list", test_question_list);
  g_test_add_func ("/structure/list-that-asks-nothing", test_list_that_asks_nothing);
  g_test_add_func ("/structure/details-closed-in-a-fence", test_details_closed_in_a_fence);
  g_test_add_func ("/structure/html-headings", test_html_headings);
  g_test_add_func ("/structure/two-question-shapes", test_two_question_shapes);

  return g_test_run ();
}
