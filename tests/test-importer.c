/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "rehearse-error.h"
#include "rehearse-exporter.h"
#include "rehearse-importer.h"
#include "rehearse-parser.h"
#include "test-library-support.h"

/* The importer on real files into a real SQLite library: the bundled deck,
 * updates that keep user data, and every kind of bad input, each checked
 * to leave the database exactly as it was. */

typedef struct
{
  char            *dir;
  char            *db_path;
  RehearseLibrary *library;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("rehearse-importer-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db_path = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->library = rehearse_library_open (fixture->db_path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->library);
  test_remove_tree (fixture->dir);
  g_free (fixture->db_path);
  g_free (fixture->dir);
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents,
            gssize      length)
{
  char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

static char *
bundled_deck_dir (void)
{
  return g_build_filename (rehearse_importer_bundled_decks_dir (), "docker-interview-questions",
                           NULL);
}

static GPtrArray *
import_one (Fixture    *fixture,
            const char *path)
{
  const char *paths[] = { path, NULL };

  return rehearse_importer_import (fixture->library, paths, NULL);
}

static RehearseImportReport *
single_report (GPtrArray *reports)
{
  g_assert_cmpuint (reports->len, ==, 1);
  return g_ptr_array_index (reports, 0);
}

/* Every row of every table, FTS5 shadow tables included, in one string:
 * two equal dumps mean an equal database. */
static char *
dump_database (const char *db_path)
{
  GString *dump = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *tables = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name, sql FROM sqlite_schema "
                                           "WHERE type IN ('table', 'index', 'trigger') "
                                           "ORDER BY name", -1, &tables, NULL), ==, SQLITE_OK);

  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (tables, 0);
      const char *sql = (const char *) sqlite3_column_text (tables, 1);
      g_autofree char *select = NULL;
      sqlite3_stmt *rows = NULL;

      g_string_append_printf (dump, "== %s: %s\n", name, sql != NULL ? sql : "");
      if (sql == NULL || !g_str_has_prefix (sql, "CREATE TABLE"))
        continue;

      select = g_strdup_printf ("SELECT * FROM \"%s\"", name);
      g_assert_cmpint (sqlite3_prepare_v2 (db, select, -1, &rows, NULL), ==, SQLITE_OK);
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          for (int column = 0; column < sqlite3_column_count (rows); column++)
            {
              const void *blob = sqlite3_column_blob (rows, column);
              int bytes = sqlite3_column_bytes (rows, column);
              g_autofree char *hex = NULL;

              /* Blobs (FTS5 segments) as hex, so NULs don't cut the dump. */
              if (sqlite3_column_type (rows, column) == SQLITE_BLOB)
                {
                  hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, blob, (gsize) bytes);
                  g_string_append_printf (dump, "%s|", hex);
                }
              else
                {
                  g_string_append_printf (dump, "%s|", (const char *) sqlite3_column_text (rows, column));
                }
            }
          g_string_append_c (dump, '\n');
        }
      sqlite3_finalize (rows);
    }

  sqlite3_finalize (tables);
  sqlite3_close (db);
  return g_string_free (dump, FALSE);
}

/* ---- The bundled deck -------------------------------------------------- */

static const char * const bundled_topics[] = {
  "Expert Docker: Experimental Tech & Advanced Production",
  "Production Practices & Pitfalls",
  "Docker DevOps Tooling",
  "Registries and Image Distribution (Deep)",
  "Container Lifecycle, Management, and Orchestration",
  "Experimental and Future Docker Tech",
};

static void
assert_text_clean (const char *text)
{
  static const char * const markers[] = { "\xef\xa3\xbf", "â€", "â†", "Ã", "ðŸ", "üö", "Ô∏" };

  if (text == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    g_assert_null (strstr (text, markers[i]));
}

static void
test_bundled_deck (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *folder = bundled_deck_dir ();
  g_autoptr(GPtrArray) reports = import_one (fixture, folder);
  RehearseImportReport *report = single_report (reports);
  g_autoptr(GListModel) decks = NULL;
  g_autoptr(GListModel) topics = NULL;
  g_autoptr(GListModel) questions = NULL;
  g_autoptr(RehearseDeck) deck = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_no_error (report->error);
  g_assert_cmpstr (report->deck_title, ==, "Docker Interview Questions");
  g_assert_cmpint (report->result.outcome, ==, REHEARSE_IMPORT_CREATED);
  g_assert_cmpuint (report->question_count, ==, 100);
  g_assert_cmpuint (report->result.added, ==, 100);
  g_assert_cmpuint (report->files->len, ==, 2);
  g_assert_cmpuint (report->repair.mojibake_repaired, >, 100);

  decks = rehearse_library_list_decks (fixture->library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (decks), ==, 1);
  deck = g_list_model_get_item (decks, 0);
  g_assert_cmpstr (rehearse_deck_get_key (deck), ==, "docker-interview-questions");
  g_assert_cmpuint (rehearse_deck_get_question_count (deck), ==, 100);

  topics = rehearse_library_list_topics (fixture->library, rehearse_deck_get_id (deck), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (topics), ==, G_N_ELEMENTS (bundled_topics));
  for (guint i = 0; i < G_N_ELEMENTS (bundled_topics); i++)
    {
      g_autoptr(RehearseTopic) topic = g_list_model_get_item (topics, i);

      g_assert_cmpstr (rehearse_topic_get_title (topic), ==, bundled_topics[i]);
      g_assert_cmpuint (rehearse_topic_get_question_count (topic), ==, i == 0 ? 50 : 10);
    }

  /* Reading order is question number order, 301 to 400. */
  questions = rehearse_library_list_deck_questions (fixture->library, rehearse_deck_get_id (deck),
                                                    &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (questions), ==, 100);
  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(RehearseQuestion) summary = g_list_model_get_item (questions, i);
      g_autoptr(RehearseQuestion) question = NULL;
      g_autofree char *key = g_strdup_printf ("docker-interview-questions/%u", 301 + i);

      g_assert_cmpint (rehearse_question_get_number (summary), ==, 301 + (gint) i);
      question = rehearse_library_get_question (fixture->library, key, &error);
      g_assert_no_error (error);
      assert_text_clean (rehearse_question_get_text (question));
      assert_text_clean (rehearse_question_get_answer (question));
      assert_text_clean (rehearse_question_get_in_depth (question));
      g_assert_cmpint (rehearse_question_get_in_depth (question) != NULL, ==, i < 50);
    }
}

static void
test_reimport_unchanged (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *folder = bundled_deck_dir ();
  g_autoptr(GPtrArray) first = import_one (fixture, folder);
  g_autofree char *before = dump_database (fixture->db_path);
  g_autoptr(GPtrArray) second = import_one (fixture, folder);
  g_autofree char *after = dump_database (fixture->db_path);

  g_assert_no_error (single_report (second)->error);
  g_assert_cmpint (single_report (second)->result.outcome, ==, REHEARSE_IMPORT_UNCHANGED);
  g_assert_cmpstr (before, ==, after);
}

static void
test_files_continuing_a_series (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *folder = bundled_deck_dir ();
  g_autofree char *later = g_build_filename (folder, "351-400-production-tooling-registries.md", NULL);
  g_autofree char *earlier = g_build_filename (folder, "301-350-expert-docker-experimental-tech.md",
                                               NULL);
  g_autofree char *unrelated = NULL;
  const char *paths[4] = { later, earlier, NULL, NULL };
  g_autoptr(GPtrArray) reports = NULL;
  g_autofree char *fixtures = g_test_build_filename (G_TEST_DIST, "data", "decks", NULL);
  RehearseImportReport *report;

  /* Given in any order, 301–350 and 351–400 make one deck; an unrelated
   * file given with them is a deck of its own. */
  unrelated = g_build_filename (fixtures, "bold-questions.md", NULL);
  paths[2] = unrelated;
  reports = rehearse_importer_import (fixture->library, paths, NULL);
  g_assert_cmpuint (reports->len, ==, 2);

  /* Decks of files come in question-number order: 1–3 before 301–400. */
  report = g_ptr_array_index (reports, 1);
  g_assert_no_error (report->error);
  g_assert_cmpuint (report->question_count, ==, 100);
  g_assert_cmpuint (report->topic_count, ==, 6);
  g_assert_cmpstr (report->deck_title, ==, "Expert Docker: Experimental Tech & Advanced Production");

  report = g_ptr_array_index (reports, 0);
  g_assert_no_error (report->error);
  g_assert_cmpstr (report->deck_title, ==, "Linux Basics");
}

/* ---- Updates keep user data --------------------------------------------- */

static const char *deck_v1 =
  "# Update Test\n\n"
  "### 1. What is a container?\n\nAn isolated process.\n\n"
  "### 2. What is an image?\n\nA read-only template.\n\n"
  "### 3. What is a volume?\n\nPersistent storage.\n";

static const char *deck_v2 =
  "# Update Test\n\n"
  "### 1. What is a container?\n\nAn isolated process with its own namespaces.\n\n"
  "### 3. What is a volume?\n\nPersistent storage.\n\n"
  "### 4. What is a network?\n\nConnectivity between containers.\n";

static void
test_update_keeps_user_data (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "update-test.md", deck_v1, -1);
  g_autoptr(GPtrArray) first = import_one (fixture, path);
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) third = NULL;
  g_autoptr(RehearseQuestion) changed = NULL;
  g_autoptr(GError) error = NULL;
  RehearseImportReport *report;

  g_assert_no_error (single_report (first)->error);
  g_assert_true (rehearse_library_set_bookmarked (fixture->library, "update-test/2", TRUE,
                                                  "weak", &error));
  g_assert_true (rehearse_library_set_bookmarked (fixture->library, "update-test/1", TRUE,
                                                  NULL, &error));
  g_assert_no_error (error);

  g_free (write_file (fixture, "update-test.md", deck_v2, -1));
  second = import_one (fixture, path);
  report = single_report (second);
  g_assert_no_error (report->error);
  g_assert_cmpint (report->result.outcome, ==, REHEARSE_IMPORT_UPDATED);
  g_assert_cmpuint (report->result.added, ==, 1);
  g_assert_cmpuint (report->result.updated, ==, 1);
  g_assert_cmpuint (report->result.unchanged, ==, 1);
  g_assert_cmpuint (report->result.orphaned, ==, 1);

  changed = rehearse_library_get_question (fixture->library, "update-test/1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rehearse_question_get_answer (changed), ==,
                   "An isolated process with its own namespaces.");
  g_assert_true (test_is_bookmarked (fixture->library, "update-test/1"));
  g_assert_true (test_is_bookmarked (fixture->library, "update-test/2"));

  /* The vanished question comes back with its bookmark. */
  g_free (write_file (fixture, "update-test.md", deck_v1, -1));
  third = import_one (fixture, path);
  g_assert_no_error (single_report (third)->error);
  {
    g_autoptr(RehearseQuestion) back = rehearse_library_get_question (fixture->library,
                                                                      "update-test/2", &error);

    g_assert_no_error (error);
    g_assert_false (rehearse_question_get_orphaned (back));
    g_assert_true (test_is_bookmarked (fixture->library, "update-test/2"));
  }
}

/* ---- Bad input ---------------------------------------------------------- */

static void
assert_import_fails (Fixture      *fixture,
                     const char   *path,
                     gint          code,
                     const char   *reason)
{
  g_autofree char *before = dump_database (fixture->db_path);
  g_autoptr(GPtrArray) reports = import_one (fixture, path);
  g_autofree char *after = dump_database (fixture->db_path);
  g_autofree char *name = g_path_get_basename (path);
  RehearseImportReport *report = single_report (reports);

  g_assert_error (report->error, REHEARSE_ERROR, code);
  g_assert_nonnull (strstr (report->error->message, name));
  g_assert_nonnull (strstr (report->error->message, reason));
  g_assert_null (report->deck_title);
  g_assert_cmpstr (before, ==, after);
}

static void
test_bad_input_refused (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  g_autofree char *valid_db = NULL;
  g_autoptr(GString) random_bytes = g_string_new (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autofree char *fixtures = g_test_build_filename (G_TEST_DIST, "data", "decks", NULL);
  g_autofree char *prose = g_build_filename (fixtures, "no-questions.md", NULL);

  /* Something in the library first, so "as it was" is not just empty. */
  {
    g_autofree char *folder = bundled_deck_dir ();
    g_autoptr(GPtrArray) reports = import_one (fixture, folder);

    g_assert_no_error (single_report (reports)->error);
  }

  for (guint i = 0; i < 4096; i++)
    g_string_append_c (random_bytes, (char) g_rand_int_range (rand, 0, 256));

  {
    g_autofree char *path = write_file (fixture, "picture.md", png, sizeof png - 1);
    assert_import_fails (fixture, path, REHEARSE_ERROR_NOT_TEXT, "PNG image");
  }
  {
    g_autofree char *path = write_file (fixture, "noise.md", random_bytes->str,
                                        (gssize) random_bytes->len);
    assert_import_fails (fixture, path, REHEARSE_ERROR_NOT_TEXT, "binary");
  }
  {
    g_autofree char *path = write_file (fixture, "empty.md", "", 0);
    assert_import_fails (fixture, path, REHEARSE_ERROR_EMPTY, "empty");
  }
  {
    g_autofree char *path = write_file (fixture, "blank.md", " \n\t\n\r\n", -1);
    assert_import_fails (fixture, path, REHEARSE_ERROR_EMPTY, "white space");
  }
  assert_import_fails (fixture, prose, REHEARSE_ERROR_NO_QUESTIONS, "no questions");
  {
    /* A library is not a deck, and it is named as what it is. */
    valid_db = g_strdup (fixture->db_path);
    assert_import_fails (fixture, valid_db, REHEARSE_ERROR_NOT_TEXT, "SQLite database");
  }
  {
    g_autofree char *path = g_build_filename (fixture->dir, "huge.md", NULL);
    int fd = g_open (path, O_CREAT | O_WRONLY, 0600);

    /* Sparse: no 65 MB are written to disk. */
    g_assert_cmpint (fd, >=, 0);
    g_assert_cmpint (ftruncate (fd, REHEARSE_IMPORT_MAX_FILE_SIZE + 1), ==, 0);
    close (fd);
    assert_import_fails (fixture, path, REHEARSE_ERROR_TOO_LARGE, "too large");
  }
  {
    g_autofree char *path = g_build_filename (fixture->dir, "empty-folder", NULL);

    g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
    assert_import_fails (fixture, path, REHEARSE_ERROR_NO_QUESTIONS, "no Markdown file");
  }
  {
    g_autofree char *path = g_build_filename (fixture->dir, "missing.md", NULL);
    g_autofree char *before = dump_database (fixture->db_path);
    g_autoptr(GPtrArray) reports = import_one (fixture, path);
    g_autofree char *after = dump_database (fixture->db_path);

    g_assert_error (single_report (reports)->error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (single_report (reports)->error->message, "missing.md"));
    g_assert_cmpstr (before, ==, after);
  }
}

static RehearseImportReport *
import_text (Fixture    *fixture,
             const char *name,
             const char *contents,
             gssize      length,
             GPtrArray **reports)
{
  g_autofree char *path = write_file (fixture, name, contents, length);
  RehearseImportReport *report;

  *reports = import_one (fixture, path);
  report = single_report (*reports);
  g_assert_no_error (report->error);
  return report;
}

static void
test_damaged_text_imported (Fixture       *fixture,
                            gconstpointer  data)
{
  static const char invalid_utf8[] = "# Broken\n\n### 1. What is \xff\xfe this?\n\nAn \xc0\x80 answer.\n";
  static const char with_nul[] = "# Nul\n\n### 1. What is\0 NUL?\n\nA byte\0 of zero.\n";
  static const char crlf[] = "\xef\xbb\xbf# Windows\r\n\r\n### 1. Line ends?\r\n\r\nCRLF.\r\n";
  g_autoptr(GPtrArray) reports_utf8 = NULL;
  g_autoptr(GPtrArray) reports_nul = NULL;
  g_autoptr(GPtrArray) reports_crlf = NULL;
  g_autoptr(GPtrArray) reports_utf16 = NULL;
  g_autoptr(RehearseQuestion) question = NULL;
  g_autoptr(GError) error = NULL;
  RehearseImportReport *report;

  report = import_text (fixture, "broken.md", invalid_utf8, sizeof invalid_utf8 - 1, &reports_utf8);
  g_assert_cmpuint (report->repair.invalid_replaced, >=, 2);
  question = rehearse_library_get_question (fixture->library, "broken/1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (rehearse_question_get_text (question), "\xef\xbf\xbd"));

  report = import_text (fixture, "nul.md", with_nul, sizeof with_nul - 1, &reports_nul);
  g_assert_cmpuint (report->repair.controls_removed, ==, 2);
  g_assert_cmpuint (report->question_count, ==, 1);

  report = import_text (fixture, "crlf.md", crlf, sizeof crlf - 1, &reports_crlf);
  g_assert_true (report->repair.bom_removed);
  g_assert_true (report->repair.crlf_normalized);
  g_clear_object (&question);
  question = rehearse_library_get_question (fixture->library, "windows/1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rehearse_question_get_answer (question), ==, "CRLF.");

  {
    const char *text = "# Wide\n\n### 1. UTF-16?\n\nWritten by Notepad — with a BOM.\n";
    gsize utf16_length = 0;
    g_autofree char *utf16 = g_convert (text, -1, "UTF-16LE", "UTF-8", NULL, &utf16_length, NULL);
    g_autoptr(GString) with_bom = g_string_new_len ("\xff\xfe", 2);

    g_string_append_len (with_bom, utf16, (gssize) utf16_length);
    report = import_text (fixture, "wide.md", with_bom->str, (gssize) with_bom->len, &reports_utf16);
    g_clear_object (&question);
    question = rehearse_library_get_question (fixture->library, "wide/1", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (rehearse_question_get_answer (question), ==, "Written by Notepad — with a BOM.");
  }
}

static void
test_deep_nesting_imported (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GString) quotes = g_string_new ("# Deep\n\n### 1. Quotes?\n\n");
  g_autoptr(GString) lists = g_string_new ("# Deeper\n\n### 1. Lists?\n\n");
  g_autoptr(GPtrArray) quote_reports = NULL;
  g_autoptr(GPtrArray) list_reports = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append (quotes, ">");
  g_string_append (quotes, " bottom\n");
  /* "- - - … bottom": 10,000 nested lists on one line. */
  for (guint i = 0; i < 10000; i++)
    g_string_append (lists, i % 2 == 0 ? "- " : "1. ");
  g_string_append (lists, "bottom\n");

  import_text (fixture, "quotes.md", quotes->str, (gssize) quotes->len, &quote_reports);
  import_text (fixture, "lists.md", lists->str, (gssize) lists->len, &list_reports);
}

static void
test_folder_skips_bad_files (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "mixed-deck", NULL);
  g_autofree char *good = g_build_filename (folder, "good.md", NULL);
  g_autofree char *bad = g_build_filename (folder, "bad.md", NULL);
  g_autofree char *ignored = g_build_filename (folder, "photo.jpg", NULL);
  g_autoptr(GPtrArray) reports = NULL;
  RehearseImportReport *report;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (good, deck_v1, -1, NULL));
  g_assert_true (g_file_set_contents (bad, "just prose\n", -1, NULL));
  g_assert_true (g_file_set_contents (ignored, "\xff\xd8\xff\xe0", 4, NULL));

  reports = import_one (fixture, folder);
  report = single_report (reports);
  g_assert_no_error (report->error);
  g_assert_cmpstr (report->deck_title, ==, "Mixed Deck");
  g_assert_cmpuint (report->question_count, ==, 3);
  g_assert_cmpuint (report->skipped->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (report->skipped, 0), "bad.md: "));
}

/* ---- Export round trip and async ---------------------------------------- */

static void
test_export_round_trip (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *folder = bundled_deck_dir ();
  g_autoptr(GPtrArray) reports = import_one (fixture, folder);
  g_autoptr(RehearseParsedDeck) exported = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = NULL;

  markdown = rehearse_exporter_deck_to_markdown (fixture->library,
                                                 single_report (reports)->result.deck_id, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (markdown, "# Docker Interview Questions\n"));

  exported = rehearse_parser_parse (markdown, strlen (markdown), "Fallback", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (exported->title, ==, "Docker Interview Questions");
  g_assert_cmpuint (exported->topics->len, ==, 6);
  g_assert_cmpuint (exported->questions->len, ==, 100);

  rehearse_parsed_deck_assign_keys (exported);
  for (guint i = 0; i < exported->questions->len; i++)
    {
      RehearseParsedQuestion *parsed = g_ptr_array_index (exported->questions, i);
      g_autoptr(RehearseQuestion) stored = NULL;

      stored = rehearse_library_get_question (fixture->library, parsed->question_key, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (parsed->text, ==, rehearse_question_get_text (stored));
      g_assert_cmpstr (parsed->answer, ==, rehearse_question_get_answer (stored));
      g_assert_cmpstr (parsed->in_depth, ==, rehearse_question_get_in_depth (stored));
    }
}

/* Questions with a prompt (code and options) and an answer that was in a
 * <details> block come back the same, prompt included. */
static void
test_export_round_trip_prompts (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "real-world",
                                                 "javascript-questions.md", NULL);
  g_autoptr(GPtrArray) reports = import_one (fixture, path);
  g_autoptr(RehearseParsedDeck) exported = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = NULL;
  guint prompts = 0;

  markdown = rehearse_exporter_deck_to_markdown (fixture->library,
                                                 single_report (reports)->result.deck_id, &error);
  g_assert_no_error (error);
  exported = rehearse_parser_parse (markdown, strlen (markdown), "Fallback", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (exported->questions->len, ==, 155);

  rehearse_parsed_deck_assign_keys (exported);
  for (guint i = 0; i < exported->questions->len; i++)
    {
      RehearseParsedQuestion *parsed = g_ptr_array_index (exported->questions, i);
      g_autoptr(RehearseQuestion) stored = NULL;

      stored = rehearse_library_get_question (fixture->library, parsed->question_key, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (parsed->prompt, ==, rehearse_question_get_prompt (stored));
      g_assert_cmpstr (parsed->answer, ==, rehearse_question_get_answer (stored));
      prompts += parsed->prompt != NULL ? 1 : 0;
    }
  g_assert_cmpuint (prompts, >, 150);
}

static void
on_import_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GPtrArray **reports = user_data;
  g_autoptr(GError) error = NULL;

  *reports = rehearse_importer_import_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_import_async (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *folder = bundled_deck_dir ();
  const char *paths[] = { folder, NULL };
  g_autoptr(GPtrArray) reports = NULL;

  rehearse_importer_import_async (fixture->library, paths, NULL, on_import_done, &reports);
  while (reports == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (single_report (reports)->error);
  g_assert_cmpuint (single_report (reports)->question_count, ==, 100);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/importer/bundled-deck", test_bundled_deck);
  ADD ("/importer/reimport-unchanged", test_reimport_unchanged);
  ADD ("/importer/files-continuing-a-series", test_files_continuing_a_series);
  ADD ("/importer/update-keeps-user-data", test_update_keeps_user_data);
  ADD ("/importer/bad-input-refused", test_bad_input_refused);
  ADD ("/importer/damaged-text-imported", test_damaged_text_imported);
  ADD ("/importer/deep-nesting-imported", test_deep_nesting_imported);
  ADD ("/importer/folder-skips-bad-files", test_folder_skips_bad_files);
  ADD ("/importer/export-round-trip", test_export_round_trip);
  ADD ("/importer/export-round-trip-prompts", test_export_round_trip_prompts);
  ADD ("/importer/import-async", test_import_async);
#undef ADD

  return g_test_run ();
}
