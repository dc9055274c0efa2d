/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "hostile-markdown.h"
#include "rehearse-importer.h"
#include "rehearse-library.h"
#include "test-support.h"

/* Every hostile answer (cmark's pathological cases at upstream's sizes and
 * the shapes found against Rehearse) imports into a real library as the
 * one question its deck holds, its text kept. How long each takes, and
 * how much memory, is the `pathological` benchmark's to print; here the
 * suite's timeout is the only clock. */

typedef struct
{
  char            *dir;
  RehearseLibrary *library;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;

  fixture->dir = g_dir_make_tmp ("rehearse-hostile-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->library = rehearse_library_open (db_path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->library);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* The characters of @text that are neither space nor control: what text
 * repair may not change and a reader must still find. */
static gsize
count_visible (const char *text)
{
  gsize count = 0;

  for (const char *c = text; *c != '\0'; c++)
    count += !g_ascii_isspace (*c) && !g_ascii_iscntrl (*c);
  return count;
}

static void
test_hostile_case (Fixture       *fixture,
                   gconstpointer  data)
{
  const HostileMarkdownCase *hostile_case = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "hostile.md", NULL);
  const char *paths[] = { path, NULL };
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(RehearseQuestion) question = NULL;
  g_autoptr(GString) answer = g_string_new (NULL);
  g_autofree char *deck = NULL;
  RehearseImportReport *report;
  gint64 started;
  gsize length;

  deck = hostile_markdown_deck (hostile_case, &length);
  g_assert_true (g_file_set_contents (path, deck, (gssize) length, &error));
  g_assert_no_error (error);

  started = g_get_monotonic_time ();
  reports = rehearse_importer_import (fixture->library, paths, NULL);
  g_assert_cmpuint (reports->len, ==, 1);
  report = g_ptr_array_index (reports, 0);
  g_assert_no_error (report->error);
  /* build-aux/reliability-report.sh reads this line. */
  g_test_message ("%s: %zu bytes, %u questions, imported in %" G_GINT64_FORMAT " ms",
                  hostile_case->name, length, report->question_count,
                  (g_get_monotonic_time () - started) / 1000);

  question = rehearse_library_get_question (fixture->library, "hostile/what-is-this", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rehearse_question_get_text (question), ==, "What is this?");
  if (!hostile_case->one_question)
    {
      g_assert_cmpuint (report->question_count, >, 1);
      return;
    }
  g_assert_cmpuint (report->question_count, ==, 1);

  /* Never lose text: every visible character of the answer is kept. */
  hostile_case->write_answer (answer);
  g_assert_cmpuint (count_visible (rehearse_question_get_answer (question)), ==,
                    count_visible (answer->str));
}

int
main (int    argc,
      char **argv)
{
  const HostileMarkdownCase *cases;
  guint n_cases;

  g_test_init (&argc, &argv, NULL);

  cases = hostile_markdown_cases (&n_cases);
  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *slug = g_strcanon (g_ascii_strdown (cases[i].name, -1),
                                          "abcdefghijklmnopqrstuvwxyz0123456789", '-');
      g_autofree char *test_path = g_strconcat ("/hostile-import/", slug, NULL);

      g_test_add (test_path, Fixture, &cases[i], fixture_set_up, test_hostile_case,
                  fixture_tear_down);
    }

  return g_test_run ();
}
