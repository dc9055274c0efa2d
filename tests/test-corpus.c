/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "rehearse-parser.h"
#include "rehearse-text-repair.h"

/* The real-world corpus (tests/data/real-world/, see SOURCES.md there): each
 * file read as the importer reads it, its questions, topics and questions
 * without an answer counted by hand, and one answer that must come through
 * whole, given as the lines of the source it is (less the indentation of the
 * list item or HTML block it sits in, and with runs of blank lines as one). */

typedef struct
{
  const char *file;
  guint       questions;
  guint       topics;
  guint       unanswered;
  const char *topic;        /* the known question's topic, or NULL for any */
  const char *question;     /* its text as imported */
  guint       occurrence;   /* which of the questions with that text, from 0 */
  int         first_line;   /* its answer in the source; 0 when it has none */
  int         last_line;
  guint       dedent;       /* for the answer and the prompt */
  int         prompt_first; /* its prompt in the source, or 0 */
  int         prompt_last;
} CorpusFile;

static const CorpusFile corpus[] = {
  { "reactjs-interview-questions.md", 416, 10, 1, NULL,
    "How events are different in React?", 0, 1948, 1951, 4, 0, 0 },
  { "javascript-questions.md", 155, 1, 0, NULL, "What's the output?", 0, 75, 79, 0, 56, 70 },
  { "test-your-sysadmin-skills.md", 271, 13, 0, NULL,
    "How do you get help on the command line? ***", 0, 193, 195, 0, 0, 0 },
  { "data-science-theory.md", 166, 19, 0, NULL, "What is the normal equation? ‍⭐️", 0,
    161, 161, 0, 0, 0 },
  { "devops-exercises-kubernetes.md", 341, 47, 26, NULL, "What Kubernetes objects are there?", 0,
    157, 164, 2, 0, 0 },
  { "docker-and-kubernetes-basics.md", 86, 1, 0, NULL, "What are Docker Images?", 0, 41, 41, 0,
    0, 0 },
  { "git-interview-questions-uk.md", 287, 55, 0, NULL, "Що таке GUI?", 0, 3469, 3471, 0, 0, 0 },
  { "30-seconds-of-interviews.md", 124, 7, 0, NULL,
    "How do you write comments inside a JSX tree in React?", 0, 3312, 3333, 0, 0, 0 },
  { "front-end-javascript-questions.md", 49, 2, 49, NULL,
    "What is the difference between a variable that is: `null`, `undefined` or undeclared?", 0,
    0, 0, 2, 12, 12 },
  /* Kept out of the tuning loop, checked at the end (SOURCES.md). */
  { "sql-interview-questions-uk.md", 101, 1, 0, NULL, "Для чого використовується SQL?", 0,
    32, 52, 0, 0, 0 },
  { "python-interview-questions.md", 250, 1, 0, NULL, "What are Python's key advantages?", 0,
    58, 72, 0, 0, 0 },
  /* The hand count said 120: "### 6. Suggest your question!", numbered in
   * a series of questions with nothing under it, was left out by hand and
   * is imported as a question with no answer (no general rule tells it
   * from an exercise with no answer, as the Kubernetes file has 26). */
  { "123-essential-javascript.md", 121, 11, 1, "Passing values by reference vs by value",
    "What would be the output of following code?", 0, 2258, 2259, 0, 2249, 2254 },
};

static char *
corpus_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "real-world", name, NULL);
}

static char *
read_repaired (const char *path)
{
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  return rehearse_text_repair (data, length, NULL);
}

/* Lines @first..@last of @text, each less @dedent leading spaces, runs of
 * blank lines as one, trimmed. */
static char *
source_lines (const char *text,
              int         first,
              int         last,
              guint       dedent)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean previous_blank = FALSE;

  g_assert_cmpint (last, <=, (int) g_strv_length (lines));
  for (int line = first; line <= last; line++)
    {
      const char *start = lines[line - 1];
      gboolean blank = strspn (start, " \t") == strlen (start);

      for (guint i = 0; i < dedent && *start == ' '; i++)
        start++;
      if (blank && previous_blank)
        continue;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, blank ? "" : start);
      previous_blank = blank;
    }

  return g_strstrip (g_string_free (g_steal_pointer (&out), FALSE));
}

static RehearseParsedQuestion *
find_question (RehearseParsedDeck *deck,
               const CorpusFile   *file)
{
  guint seen = 0;

  for (guint i = 0; i < deck->questions->len; i++)
    {
      RehearseParsedQuestion *question = g_ptr_array_index (deck->questions, i);
      RehearseParsedTopic *topic = g_ptr_array_index (deck->topics, question->topic_index);

      if (g_strcmp0 (question->text, file->question) != 0
          || (file->topic != NULL && g_strcmp0 (topic->title, file->topic) != 0))
        continue;
      if (seen++ == file->occurrence)
        return question;
    }

  g_error ("%s: no question “%s”", file->file, file->question);
  return NULL;
}

static void
test_corpus_file (gconstpointer data)
{
  const CorpusFile *file = data;
  g_autofree char *path = corpus_path (file->file);
  g_autofree char *text = read_repaired (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RehearseParsedDeck) deck = NULL;
  RehearseParsedQuestion *question;
  guint unanswered = 0;

  deck = rehearse_parser_parse (text, strlen (text), "Fallback", &error);
  g_assert_no_error (error);

  g_assert_cmpuint (deck->questions->len, ==, file->questions);
  g_assert_cmpuint (deck->topics->len, ==, file->topics);
  for (guint i = 0; i < deck->questions->len; i++)
    {
      RehearseParsedQuestion *each = g_ptr_array_index (deck->questions, i);

      unanswered += rehearse_parsed_question_has_answer (each) ? 0 : 1;
    }
  g_assert_cmpuint (unanswered, ==, file->unanswered);

  question = find_question (deck, file);
  if (file->first_line > 0)
    {
      g_autofree char *expected = NULL;

      expected = source_lines (text, file->first_line, file->last_line, file->dedent);

      g_assert_cmpstr (question->answer, ==, expected);
    }
  else
    {
      g_assert_false (rehearse_parsed_question_has_answer (question));
    }

  if (file->prompt_first > 0)
    {
      g_autofree char *expected = source_lines (text, file->prompt_first, file->prompt_last,
                                                file->dedent);

      g_assert_cmpstr (question->prompt, ==, expected);
    }

  /* Every key is unique, numbers repeating or not. */
  rehearse_parsed_deck_assign_keys (deck);
  {
    g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint i = 0; i < deck->questions->len; i++)
      {
        RehearseParsedQuestion *each = g_ptr_array_index (deck->questions, i);

        g_assert_true (g_hash_table_add (keys, each->question_key));
      }
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      g_autofree char *name = g_strdup_printf ("/corpus/%s", corpus[i].file);

      g_test_add_data_func (name, &corpus[i], test_corpus_file);
    }

  return g_test_run ();
}
