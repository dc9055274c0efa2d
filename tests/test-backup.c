/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <string.h>

#include "rehearse-error.h"
#include "test-library-support.h"

typedef TestLibraryFixture Fixture;

#define DAY_MS ((gint64) 24 * 60 * 60 * 1000)
/* 2026-12-05 14:00:00 UTC, a Saturday. */
#define NOW ((gint64) 1796479200 * 1000)

static void
import_with_a_note (Fixture    *f,
                    const char *note)
{
  g_autoptr(RehearseParsedDeck) deck = test_make_deck ("Backed", 1, 3, "1");

  test_import_ok (test_library_fixture_open (f), deck);
  test_save_note (f->library, "backed/1", note);
}

/* A backup is a whole library named by its time, made beside the library,
 * and listed newest first. */
static void
test_backup_made_and_listed (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(RehearseLibrary) copy = NULL;
  g_autofree char *note = NULL;

  import_with_a_note (f, "Kept in the backup.");
  backups = rehearse_library_list_backups (f->library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 0);
  g_clear_pointer (&backups, g_ptr_array_unref);

  first = rehearse_library_backup (f->library, NOW - DAY_MS, &error);
  g_assert_no_error (error);
  second = rehearse_library_backup (f->library, NOW, &error);
  g_assert_no_error (error);
  folder = rehearse_library_get_backup_folder (f->library);
  g_assert_true (g_str_has_prefix (second, folder));
  g_assert_true (g_str_has_suffix (second, "/library-20261205-140000.db"));

  backups = rehearse_library_list_backups (f->library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 2);
  g_assert_cmpstr (((RehearseBackup *) g_ptr_array_index (backups, 0))->path, ==, second);
  g_assert_cmpint (((RehearseBackup *) g_ptr_array_index (backups, 0))->time, ==, NOW);
  g_assert_cmpstr (((RehearseBackup *) g_ptr_array_index (backups, 1))->path, ==, first);
  g_assert_cmpuint (((RehearseBackup *) g_ptr_array_index (backups, 1))->size, >, 0);

  /* It opens as a library of its own, with the note. */
  copy = test_open_library (second);
  g_assert_true (rehearse_library_get_note (copy, "backed/1", &note, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (note, ==, "Kept in the backup.");
  test_assert_check (copy, NULL);

  /* Other files in the folder are not backups. */
  {
    g_autofree char *stray = g_build_filename (folder, "notes.txt", NULL);
    g_autofree char *partial = g_build_filename (folder, "library-20261205-150000.db.partial",
                                                 NULL);

    g_assert_true (g_file_set_contents (stray, "x", -1, NULL));
    g_assert_true (g_file_set_contents (partial, "x", -1, NULL));
    g_clear_pointer (&backups, g_ptr_array_unref);
    backups = rehearse_library_list_backups (f->library, &error);
    g_assert_cmpuint (backups->len, ==, 2);
  }
}

static RehearseBackup *
backup_at (gint64 time)
{
  RehearseBackup *backup = g_new0 (RehearseBackup, 1);

  backup->path = g_strdup_printf ("backup-%" G_GINT64_FORMAT, time);
  backup->time = time;
  return backup;
}

/* Kept: the newest, and the newest of each of the last 12 days, 10 weeks
 * and 9 months; one made every 6 hours for 400 days thins to 12 + 10 + 9
 * places at most, with overlaps fewer. */
static void
test_thinning_keeps_days_weeks_months (void)
{
  g_autoptr(GPtrArray) backups = g_ptr_array_new_with_free_func (
    (GDestroyNotify) rehearse_backup_free);
  g_autofree gboolean *kept = NULL;
  g_autoptr(GHashTable) kept_days = g_hash_table_new (g_direct_hash, g_direct_equal);
  guint n_kept = 0;

  for (gint64 time = NOW; time > NOW - 400 * DAY_MS; time -= DAY_MS / 4)
    g_ptr_array_add (backups, backup_at (time));
  kept = g_new0 (gboolean, backups->len);
  rehearse_backups_choose_kept (backups, NOW, kept);

  for (guint i = 0; i < backups->len; i++)
    {
      const RehearseBackup *backup = g_ptr_array_index (backups, i);
      gint64 days_ago = (NOW / DAY_MS) - (backup->time / DAY_MS);

      if (!kept[i])
        continue;
      n_kept++;
      g_hash_table_add (kept_days, GINT_TO_POINTER ((int) days_ago));
      /* The newest of its day: the one before it (newer) is of another day. */
      g_assert_true (i == 0 || ((const RehearseBackup *) g_ptr_array_index (backups, i - 1))->time
                               / DAY_MS != backup->time / DAY_MS);
      /* Nothing older than 9 months and a bit is kept. */
      g_assert_cmpint (days_ago, <, 9 * 31);
    }

  g_test_message ("%u backups thinned to %u", backups->len, n_kept);
  g_assert_true (kept[0]);
  for (int day = 0; day < 12; day++)
    g_assert_true (g_hash_table_contains (kept_days, GINT_TO_POINTER (day)));
  g_assert_cmpuint (n_kept, <=, 12 + 10 + 9);
  g_assert_cmpuint (n_kept, >=, 12 + 8 + 7);   /* weeks and months overlap the days */

  /* One old backup alone is kept: it is the newest. */
  g_ptr_array_set_size (backups, 0);
  g_ptr_array_add (backups, backup_at (NOW - 1000 * DAY_MS));
  kept[0] = FALSE;
  rehearse_backups_choose_kept (backups, NOW, kept);
  g_assert_true (kept[0]);
}

static void
test_thin_removes_files (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  guint removed = 0;

  import_with_a_note (f, "Note.");
  /* Three on one day, one a year ago: the day's newest and nothing else. */
  for (int i = 0; i < 3; i++)
    g_free (rehearse_library_backup (f->library, NOW - i * 3600 * 1000, &error));
  g_free (rehearse_library_backup (f->library, NOW - 365 * DAY_MS, &error));
  g_assert_no_error (error);

  g_assert_true (rehearse_library_thin_backups (f->library, NOW, &removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (removed, ==, 3);
  backups = rehearse_library_list_backups (f->library, &error);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_cmpint (((RehearseBackup *) g_ptr_array_index (backups, 0))->time, ==, NOW);
}

/* Restoring puts the library back as the backup holds it, says so to
 * every view, and refuses what is not a backup of this version. */
static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *garbage = NULL;
  g_autofree char *older = NULL;
  g_autofree char *note = NULL;
  sqlite3 *db;

  import_with_a_note (f, "As it was.");
  backup = rehearse_library_backup (f->library, NOW, &error);
  g_assert_no_error (error);
  test_save_note (f->library, "backed/1", "Changed since.");
  test_save_note (f->library, "backed/2", "Added since.");
  g_free (test_take_changes (f));

  g_assert_true (rehearse_library_restore_backup (f->library, backup, &error));
  g_assert_no_error (error);
  g_assert_true (rehearse_library_get_note (f->library, "backed/1", &note, &error));
  g_assert_cmpstr (note, ==, "As it was.");
  g_assert_null (test_get_note (f->library, "backed/2"));
  test_assert_changes (f, "(any)");
  test_assert_check (f->library, NULL);

  /* Seen by a library opened afterwards too. */
  g_clear_pointer (&note, g_free);
  test_library_fixture_open (f);
  g_assert_cmpstr ((note = test_get_note (f->library, "backed/1")), ==, "As it was.");

  garbage = g_build_filename (f->dir, "garbage.db", NULL);
  g_assert_true (g_file_set_contents (garbage, "not a database at all, not even close to one "
                                      "of sixteen bytes of header", -1, NULL));
  g_assert_false (rehearse_library_restore_backup (f->library, garbage, &error));
  g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_CORRUPT_DATABASE);
  g_assert_nonnull (strstr (error->message, "garbage.db"));
  g_clear_error (&error);

  older = g_build_filename (f->dir, "older.db", NULL);
  {
    g_autoptr(GFile) from = g_file_new_for_path (backup);
    g_autoptr(GFile) to = g_file_new_for_path (older);

    g_assert_true (g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, NULL));
  }
  db = test_raw_open (older);
  test_raw_exec (db, "PRAGMA user_version = 2");
  sqlite3_close (db);
  g_assert_false (rehearse_library_restore_backup (f->library, older, &error));
  g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "another version of Rehearse"));
  g_clear_pointer (&note, g_free);
  note = test_get_note (f->library, "backed/1");
  g_assert_cmpstr (note, ==, "As it was.");
}

/* After changes, a backup when the newest is 30 minutes old or more, the
 * older ones thinned. */
static void
test_backup_if_due (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  gboolean made = FALSE;

  import_with_a_note (f, "Note.");
  g_assert_true (rehearse_library_backup_if_due (f->library, NOW, &made, &error));
  g_assert_true (made);
  g_assert_true (rehearse_library_backup_if_due (f->library, NOW + 29 * 60 * 1000, &made, &error));
  g_assert_false (made);
  g_assert_true (rehearse_library_backup_if_due (f->library, NOW + 30 * 60 * 1000, &made, &error));
  g_assert_true (made);
  g_assert_no_error (error);
  /* Thinning keeps the newest of a day: the second stands for both. */
  backups = rehearse_library_list_backups (f->library, &error);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_cmpint (((RehearseBackup *) g_ptr_array_index (backups, 0))->time, ==,
                   NOW + 30 * 60 * 1000);
}

static void
on_deck_deleted (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (rehearse_library_delete_deck_finish (REHEARSE_LIBRARY (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

/* Removing a deck backs the library up first: the notes of its questions
 * come back with a restore. */
static void
test_backup_before_deck_removal (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) decks = NULL;
  g_autoptr(RehearseDeck) deck = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GListModel) after = NULL;
  gboolean done = FALSE;

  import_with_a_note (f, "Note.");
  decks = rehearse_library_list_decks (f->library, &error);
  deck = g_list_model_get_item (decks, 0);
  rehearse_library_delete_deck_async (f->library, rehearse_deck_get_id (deck), NULL,
                                      on_deck_deleted, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  backups = rehearse_library_list_backups (f->library, &error);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_true (rehearse_library_restore_backup (
    f->library, ((RehearseBackup *) g_ptr_array_index (backups, 0))->path, &error));
  g_assert_no_error (error);
  after = rehearse_library_list_decks (f->library, &error);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, test_library_fixture_set_up, func, \
              test_library_fixture_tear_down)
  ADD ("/backup/made-and-listed", test_backup_made_and_listed);
  ADD ("/backup/thin-removes-files", test_thin_removes_files);
  ADD ("/backup/restore", test_restore);
  ADD ("/backup/if-due", test_backup_if_due);
  ADD ("/backup/before-deck-removal", test_backup_before_deck_removal);
#undef ADD
  g_test_add_func ("/backup/thinning-keeps-days-weeks-months", test_thinning_keeps_days_weeks_months);

  return g_test_run ();
}
