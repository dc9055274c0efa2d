/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "rehearse-error.h"
#include "rehearse-importer.h"
#include "test-damage.h"
#include "test-library-support.h"

/* A library damaged on disk (pages overwritten in the middle of the file,
 * as a failing disk or a stray write leaves it) is found out, never
 * written to again, and repaired: the user data comes back row by row
 * from whatever still reads, the deck from its file, and the damaged file
 * is kept beside the library. */

typedef TestLibraryFixture Fixture;

#define N_QUESTIONS 200
#define N_NOTES     60
#define N_BOOKMARKS 5
#define N_REVIEWS   10
#define DAY_MS      ((gint64) 24 * 60 * 60 * 1000)
#define NOW         ((gint64) 1796479200 * 1000)

static char *
note_body (guint number)
{
  /* Long enough that the notes fill several pages. */
  return g_strdup_printf ("Note %u. %s", number,
                          "A line of the note kept for the interview, long enough to take room. "
                          "A line of the note kept for the interview, long enough to take room. "
                          "A line of the note kept for the interview, long enough to take room. "
                          "A line of the note kept for the interview, long enough to take room. "
                          "A line of the note kept for the interview, long enough to take room.");
}

static void
fill_library (Fixture *f)
{
  g_autoptr(GString) deck = g_string_new ("# Salvaged\n\n## Basics\n\n");
  g_autofree char *deck_path = g_build_filename (f->dir, "salvaged.md", NULL);
  const char *paths[] = { deck_path, NULL };
  g_autoptr(GPtrArray) reports = NULL;
  RehearseFsrsParameters parameters;

  for (guint i = 1; i <= N_QUESTIONS; i++)
    g_string_append_printf (deck, "### %u. What is thing %u?\n\nThing %u is %s\n\n", i, i, i,
                            "a part of the system that the interviewer will ask about at length.");
  g_assert_true (g_file_set_contents (deck_path, deck->str, -1, NULL));

  reports = rehearse_importer_import (test_library_fixture_open (f), paths, NULL);
  g_assert_no_error (((RehearseImportReport *) g_ptr_array_index (reports, 0))->error);

  for (guint i = 1; i <= N_NOTES; i++)
    {
      g_autofree char *key = g_strdup_printf ("salvaged/%u", i * 3);
      g_autofree char *body = note_body (i * 3);

      test_save_note (f->library, key, body);
    }
  for (guint i = 1; i <= N_BOOKMARKS; i++)
    {
      g_autofree char *key = g_strdup_printf ("salvaged/%u", i * 7);

      test_bookmark (f->library, key, NULL);
    }
  rehearse_fsrs_parameters_init_default (&parameters);
  for (guint i = 1; i <= N_REVIEWS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *key = g_strdup_printf ("salvaged/%u", i);

      g_assert_true (rehearse_library_record_review (f->library, key, &parameters,
                                                     REHEARSE_GRADE_GOOD, NOW + i * DAY_MS, 5000,
                                                     NULL, &error));
      g_assert_no_error (error);
    }

  /* Closing folds the WAL into the file. */
  g_clear_object (&f->library);
}

static const RehearseSalvagedTable *
salvaged_table (const RehearseSalvageReport *report,
                const char                  *name)
{
  for (guint i = 0; i < report->tables->len; i++)
    {
      const RehearseSalvagedTable *table = &g_array_index (report->tables,
                                                           RehearseSalvagedTable, i);

      if (strcmp (table->name, name) == 0)
        return table;
    }
  g_assert_not_reached ();
}

static void
on_note_saved (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GError **error = user_data;

  rehearse_library_save_note_finish (REHEARSE_LIBRARY (source), result, error);
  if (*error == NULL)
    g_set_error_literal (error, REHEARSE_ERROR, REHEARSE_ERROR_FAILED, "saved");
}

/* A note saved through the writer thread: the error it met. */
static GError *
save_note_async (RehearseLibrary *library,
                 const char      *key,
                 const char      *body)
{
  GError *error = NULL;

  rehearse_library_save_note_async (library, key, body, NULL, on_note_saved, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  return error;
}

/* Every note that came back is the note that was saved. */
static guint
assert_notes_intact (RehearseLibrary *library)
{
  guint found = 0;

  for (guint i = 1; i <= N_NOTES; i++)
    {
      g_autofree char *key = g_strdup_printf ("salvaged/%u", i * 3);
      g_autofree char *expected = note_body (i * 3);
      g_autofree char *note = test_get_note (library, key);

      if (note == NULL)
        continue;
      g_assert_cmpstr (note, ==, expected);
      found++;
    }
  return found;
}

static void
repair (Fixture               *f,
        RehearseSalvageReport *report)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (rehearse_library_quick_check (f->library, &error));
  g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_CORRUPT_DATABASE);
  g_assert_true (rehearse_library_is_damaged (f->library));
  g_clear_error (&error);

  /* Nothing more goes into the damaged file. */
  error = save_note_async (f->library, "salvaged/1", "Written into damage?");
  g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_CORRUPT_DATABASE);
  g_clear_error (&error);

  g_assert_true (rehearse_library_repair (f->library, report, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (rehearse_library_is_damaged (f->library));
  g_assert_true (g_file_test (report->set_aside_path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (rehearse_library_quick_check (f->library, &error));
  g_assert_no_error (error);
  test_assert_check (f->library, NULL);

  /* The repaired library takes writes again. */
  error = save_note_async (f->library, "salvaged/2", "After the repair.");
  g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_FAILED);  /* "saved" */
}

/* Damage in the questions: all user data comes back, and the deck from
 * its file. */
static void
test_damaged_questions (Fixture       *f,
                        gconstpointer  data)
{
  g_auto(RehearseSalvageReport) report = { 0, };
  g_autoptr(GListModel) questions = NULL;

  fill_library (f);
  test_damage_pages (f->path, "questions", 2);
  test_library_fixture_open (f);
  repair (f, &report);

  g_assert_cmpuint (salvaged_table (&report, "notes")->rows, ==, N_NOTES);
  g_assert_cmpuint (salvaged_table (&report, "bookmarks")->rows, ==, N_BOOKMARKS);
  g_assert_cmpuint (salvaged_table (&report, "review_log")->rows, ==, N_REVIEWS);
  g_assert_cmpuint (salvaged_table (&report, "review_state")->rows, ==, N_REVIEWS);
  for (guint i = 0; i < report.tables->len; i++)
    g_assert_cmpuint (g_array_index (report.tables, RehearseSalvagedTable, i).unreadable, ==, 0);
  g_assert_cmpuint (report.decks_reimported->len, ==, 1);
  g_assert_cmpuint (report.decks_missing->len, ==, 0);

  g_assert_cmpuint (assert_notes_intact (f->library), ==, N_NOTES);
  g_assert_true (test_is_bookmarked (f->library, "salvaged/7"));
  questions = rehearse_library_list_all_questions (f->library, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (questions), ==, N_QUESTIONS);
}

/* Damage in the notes themselves: the notes on other pages come back,
 * each whole, and the stretch that could not be read is counted. */
static void
test_damaged_notes (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(RehearseSalvageReport) report = { 0, };
  const RehearseSalvagedTable *notes;
  guint damaged_rows;

  fill_library (f);
  damaged_rows = test_damage_pages (f->path, "notes", 1);
  g_test_message ("1 page of notes overwritten: %u notes on it", damaged_rows);
  test_library_fixture_open (f);
  repair (f, &report);

  notes = salvaged_table (&report, "notes");
  g_test_message ("notes recovered %u of %u, unreadable stretches %u", notes->rows, N_NOTES,
                  notes->unreadable);
  g_assert_cmpuint (notes->unreadable, >=, 1);
  g_assert_cmpuint (notes->rows, ==, N_NOTES - damaged_rows);
  g_assert_cmpuint (assert_notes_intact (f->library), ==, N_NOTES - damaged_rows);
  g_assert_cmpuint (salvaged_table (&report, "bookmarks")->rows, ==, N_BOOKMARKS);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/salvage/damaged-questions", Fixture, NULL, test_library_fixture_set_up,
              test_damaged_questions, test_library_fixture_tear_down);
  g_test_add ("/salvage/damaged-notes", Fixture, NULL, test_library_fixture_set_up,
              test_damaged_notes, test_library_fixture_tear_down);

  return g_test_run ();
}
