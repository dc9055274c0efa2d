/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "fault-vfs.h"
#include "rehearse-error.h"
#include "rehearse-importer.h"
#include "rehearse-notes-file.h"
#include "test-library-support.h"

/* Faults as a failing or full disk injects them (tests/fault-vfs.c):
 * each operation that writes (an import of the bundled deck changed,
 * saving a note, a bookmark, logging a review, a backup) is run with the
 * Nth write, sync, truncation or shared-memory map failing, for N = 1,
 * 2, … until it runs without meeting the fault. After each run it must
 * have succeeded or said why it failed (the disk is full, an I/O error),
 * and the library, opened again on a sound disk, must pass quick_check
 * and hold every row it held before: a note, bookmark, review or deck
 * that changed is as it was or as the operation made it, never half. A
 * library that cannot be written, and a full disk at opening, are
 * checked too: it still reads, its notes still export, and a save says
 * why it was refused. */

#define N_NOTES     20
#define N_BOOKMARKS 8
#define N_REVIEWS   12
#define DAY_MS      ((gint64) 24 * 60 * 60 * 1000)
#define NOW         ((gint64) 1796479200 * 1000)
#define DECK_FOLDER "docker-interview-questions"
/* A bound on N, so a write that never stops failing fails the test. */
#define MAX_ATTEMPTS 20000
/* Under AddressSanitizer every allocation records its whole stack, and a
 * sweep of every fault point took 16 minutes: there the sweep tries every
 * seventh point (each kind from another start), checking memory on a
 * sample, while the plain build tries every one. */
#if defined(__SANITIZE_ADDRESS__)
#define FAULT_STRIDE 7
#else
#define FAULT_STRIDE 1
#endif

typedef struct
{
  char       *dir;
  char       *template_path;   /* the library every attempt starts from */
  char       *path;            /* where each attempt works */
  char       *changed_deck;    /* a copy of the bundled deck with one answer changed */
  char       *first_key;       /* the deck's first question */
  char       *new_key;         /* a question with no note, bookmark or review */
} Fixture;

typedef gboolean (*Operation) (Fixture          *f,
                               RehearseLibrary  *library,
                               GError          **error);

/* What one operation went through, for the report. */
typedef struct
{
  guint faults;
  guint runs;
  guint rows_lost;
  guint failed_but_kept;   /* reported failed, yet found committed */
} Tally;

/* ---- The library each attempt starts from ------------------------------------- */

static char *
bundled_deck (void)
{
  return g_build_filename (g_getenv ("REHEARSE_BUNDLED_DECKS_DIR"), DECK_FOLDER, NULL);
}

static void
import_folder (RehearseLibrary *library,
               const char      *folder)
{
  const char *paths[] = { folder, NULL };
  g_autoptr(GPtrArray) reports = rehearse_importer_import (library, paths, NULL);

  g_assert_cmpuint (reports->len, ==, 1);
  g_assert_no_error (((RehearseImportReport *) g_ptr_array_index (reports, 0))->error);
}

static char *
key_at (RehearseLibrary *library,
        guint            position)
{
  g_autoptr(GListModel) questions = rehearse_library_list_all_questions (library, NULL);

  g_assert_nonnull (questions);
  g_assert_cmpuint (g_list_model_get_n_items (questions), >, position);
  return g_strdup (rehearse_question_get_key (test_question_at (questions, position)));
}

static void
fill_template (Fixture *f)
{
  g_autoptr(RehearseLibrary) library = test_open_library (f->template_path);
  g_autofree char *folder = bundled_deck ();
  RehearseFsrsParameters parameters;

  import_folder (library, folder);
  rehearse_fsrs_parameters_init_default (&parameters);
  for (guint i = 0; i < N_NOTES; i++)
    {
      g_autofree char *key = key_at (library, i * 2);
      g_autofree char *body = g_strdup_printf ("Note %u: what to say about it, in my words.", i);

      test_save_note (library, key, body);
    }
  for (guint i = 0; i < N_BOOKMARKS; i++)
    {
      g_autofree char *key = key_at (library, i * 3);

      test_bookmark (library, key, i % 2 == 0 ? "weak" : NULL);
    }
  for (guint i = 0; i < N_REVIEWS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *key = key_at (library, i);

      g_assert_true (rehearse_library_record_review (library, key, &parameters,
                                                     REHEARSE_GRADE_GOOD, NOW + i * DAY_MS,
                                                     4000, NULL, &error));
      g_assert_no_error (error);
    }

  f->first_key = key_at (library, 0);
  f->new_key = key_at (library, 91);
  /* Closing folds the WAL into the file: the template is one file. */
}

/* The bundled deck with the first question's answer changed: the import
 * replaces the deck's questions. */
static void
make_changed_deck (Fixture *f)
{
  g_autofree char *source = bundled_deck ();
  g_autoptr(GDir) dir = g_dir_open (source, 0, NULL);
  const char *name;

  f->changed_deck = g_build_filename (f->dir, "changed", DECK_FOLDER, NULL);
  g_assert_cmpint (g_mkdir_with_parents (f->changed_deck, 0700), ==, 0);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *from = g_build_filename (source, name, NULL);
      g_autofree char *to = g_build_filename (f->changed_deck, name, NULL);
      g_autofree char *text = NULL;
      g_autofree char *changed = NULL;

      g_assert_true (g_file_get_contents (from, &text, NULL, NULL));
      changed = g_strconcat (text, "\n\nOne more line, added to the last answer.\n", NULL);
      g_assert_true (g_file_set_contents (to, changed, -1, NULL));
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_make_temp_dir ("rehearse-faults-XXXXXX");
  f->template_path = g_build_filename (f->dir, "template", "library.db", NULL);
  f->path = g_build_filename (f->dir, "work", "library.db", NULL);
  fill_template (f);
  make_changed_deck (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  fault_vfs_disarm ();
  fault_vfs_set_read_only (FALSE);
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->template_path);
  g_free (f->path);
  g_free (f->changed_deck);
  g_free (f->first_key);
  g_free (f->new_key);
}

/* The work library as the template, with nothing else beside it. */
static void
reset_work_library (Fixture *f)
{
  g_autofree char *folder = g_path_get_dirname (f->path);
  g_autofree char *contents = NULL;
  gsize length;

  test_remove_tree (folder);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_get_contents (f->template_path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (f->path, contents, (gssize) length, NULL));
}

/* ---- What the library holds ------------------------------------------------------ */

/* Rows as text, one a row, by a query of one column. */
static GHashTable *
read_rows (sqlite3    *db,
           const char *sql)
{
  GHashTable *rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (rows, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  return rows;
}

static const char * const user_data_queries[] = {
  "SELECT 'note ' || question_key || ' ' || body FROM notes",
  "SELECT 'bookmark ' || question_key || ' ' || coalesce (label, '-') FROM bookmarks",
  "SELECT 'review ' || question_key || ' ' || reviewed_at || ' ' || grade FROM review_log",
  "SELECT 'card ' || question_key || ' ' || reps || ' ' || due FROM review_state",
};

/* The deck shown: its rows and the questions of its visible generation. */
#define DECK_QUERY \
  "SELECT group_concat (deck_row, ';') FROM" \
  " (SELECT 'deck ' || d.deck_key || ' ' || d.content_hash || ' ' ||" \
  "  (SELECT count(*) || ' ' || total (length (q.answer)) || ' ' || group_concat (q.question_key)" \
  "   FROM questions q WHERE q.deck_id = d.id AND q.generation = d.generation" \
  "   AND q.orphaned = 0) AS deck_row" \
  "  FROM decks d WHERE d.state = 0 ORDER BY d.id)"

typedef struct
{
  GHashTable *user_rows;
  char       *deck;
} Snapshot;

static void
snapshot_clear (Snapshot *snapshot)
{
  g_clear_pointer (&snapshot->user_rows, g_hash_table_unref);
  g_clear_pointer (&snapshot->deck, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Snapshot, snapshot_clear)

/* Opened with the fault disarmed, as the next start of the app opens it:
 * checked, then read on a connection of its own. */
static void
take_snapshot (const char *path,
               Snapshot   *snapshot)
{
  g_autoptr(RehearseLibrary) library = test_open_library (path);
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  g_assert_true (rehearse_library_quick_check (library, &error));
  g_assert_no_error (error);
  g_clear_object (&library);

  db = test_raw_open (path);
  snapshot->user_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (user_data_queries); i++)
    {
      g_autoptr(GHashTable) rows = read_rows (db, user_data_queries[i]);
      GHashTableIter iter;
      gpointer row;

      g_hash_table_iter_init (&iter, rows);
      while (g_hash_table_iter_next (&iter, &row, NULL))
        g_hash_table_add (snapshot->user_rows, g_strdup (row));
    }
  snapshot->deck = test_raw_text (db, DECK_QUERY);
  sqlite3_close (db);
}

/* Rows of @before missing from @after, but for those the operation may
 * change (their text starting with @changing, NULL: none). */
static guint
count_lost (Snapshot   *before,
            Snapshot   *after,
            const char *changing,
            gboolean    report)
{
  GHashTableIter iter;
  gpointer row;
  guint lost = 0;

  g_hash_table_iter_init (&iter, before->user_rows);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    if (!g_hash_table_contains (after->user_rows, row)
        && (changing == NULL || !g_str_has_prefix (row, changing)))
      {
        if (report)
          g_test_message ("lost: %s", (const char *) row);
        lost++;
      }

  return lost;
}

static gboolean
same_rows (Snapshot *a,
           Snapshot *b)
{
  return g_hash_table_size (a->user_rows) == g_hash_table_size (b->user_rows)
         && count_lost (a, b, NULL, FALSE) == 0
         && g_strcmp0 (a->deck, b->deck) == 0;
}

/* ---- The operations ----------------------------------------------------------------- */

static gboolean
import_changed_deck (Fixture          *f,
                     RehearseLibrary  *library,
                     GError          **error)
{
  const char *paths[] = { f->changed_deck, NULL };
  g_autoptr(GPtrArray) reports = rehearse_importer_import (library, paths, NULL);
  RehearseImportReport *report = g_ptr_array_index (reports, 0);

  g_assert_cmpuint (reports->len, ==, 1);
  if (report->error == NULL)
    return TRUE;

  g_propagate_error (error, g_error_copy (report->error));
  return FALSE;
}

static gboolean
save_note (Fixture          *f,
           RehearseLibrary  *library,
           GError          **error)
{
  return rehearse_library_save_note (library, f->first_key,
                                     "A note written again, longer than it was before.", error);
}

static gboolean
add_bookmark (Fixture          *f,
              RehearseLibrary  *library,
              GError          **error)
{
  return rehearse_library_set_bookmarked (library, f->new_key, TRUE, "asked at ACME", error);
}

static gboolean
log_review (Fixture          *f,
            RehearseLibrary  *library,
            GError          **error)
{
  RehearseFsrsParameters parameters;

  rehearse_fsrs_parameters_init_default (&parameters);
  return rehearse_library_record_review (library, f->first_key, &parameters, REHEARSE_GRADE_HARD,
                                         NOW + 40 * DAY_MS, 3000, NULL, error);
}

static gboolean
back_up (Fixture          *f,
         RehearseLibrary  *library,
         GError          **error)
{
  g_autofree char *backup = rehearse_library_backup (library, NOW + 50 * DAY_MS, error);

  return backup != NULL;
}

/* ---- One run with a fault ----------------------------------------------------------- */

static gboolean
names_reason (const GError *error,
              FaultVfsKind  kind)
{
  const char *reason = kind == FAULT_VFS_DISK_FULL ? "disk is full" : "I/O error";

  return strstr (error->message, reason) != NULL;
}

/* The backups folder holds whole backups only: no partial file, and each
 * one passes quick_check and holds the notes and the deck. */
static void
assert_backups_whole (Fixture *f)
{
  g_autoptr(RehearseLibrary) library = test_open_library (f->path);
  g_autoptr(GPtrArray) backups = rehearse_library_list_backups (library, NULL);
  g_autofree char *folder = rehearse_library_get_backup_folder (library);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_suffix (name, ".partial"));

  g_assert_nonnull (backups);
  for (guint i = 0; i < backups->len; i++)
    {
      RehearseBackup *backup = g_ptr_array_index (backups, i);
      g_autofree char *check = NULL;
      sqlite3 *db = test_raw_open (backup->path);

      check = test_raw_text (db, "PRAGMA quick_check");
      g_assert_cmpstr (check, ==, "ok");
      g_assert_cmpint (test_raw_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'notes'"),
                       ==, 1);
      g_assert_cmpint (test_raw_int (db, "SELECT count(*) FROM notes"), ==, N_NOTES);
      g_assert_cmpint (test_raw_int (db, "SELECT count(*) FROM questions"), ==, 100);
      sqlite3_close (db);
    }
}

typedef struct
{
  Operation   run;
  const char *changing;   /* the prefix of the rows it may replace; NULL: none */
} OperationCase;

/* Runs @operation with the @nth operation failing; FALSE once it ran
 * without meeting the fault (and succeeded). */
static gboolean
run_with_fault (Fixture             *f,
                const OperationCase *operation,
                Snapshot            *before,
                Snapshot            *done,
                guint                nth,
                FaultVfsKind         kind,
                Tally               *tally)
{
  g_autoptr(RehearseLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Snapshot) after = { 0, };
  gboolean kept_before, kept_done;
  gboolean ok;
  guint faults;

  reset_work_library (f);
  library = test_open_library (f->path);
  fault_vfs_arm (FAULT_VFS_ANY, nth, kind);
  ok = operation->run (f, library, &error);
  faults = fault_vfs_get_faults ();
  fault_vfs_disarm ();
  g_clear_object (&library);

  tally->runs++;
  tally->faults += faults;
  if (!ok)
    {
      g_assert_nonnull (error);
      if (!names_reason (error, kind))
        g_error ("Fault %u: the error does not say why: %s", nth, error->message);
    }

  take_snapshot (f->path, &after);
  tally->rows_lost += count_lost (before, &after, operation->changing, TRUE);
  /* All of the operation or none of it. */
  kept_before = same_rows (before, &after);
  kept_done = same_rows (done, &after);
  if (!kept_before && !kept_done)
    g_error ("Fault %u: the library is neither as before nor as after the operation", nth);
  if (!ok && kept_done && !kept_before)
    {
      g_test_message ("Fault %u: failed (%s), yet committed", nth, error->message);
      tally->failed_but_kept++;
    }
  if (operation->run == back_up)
    assert_backups_whole (f);

  g_assert_cmpuint (tally->rows_lost, ==, 0);
  return !(ok && faults == 0);
}

/* The library as the operation leaves it with no fault. */
static void
run_without_fault (Fixture             *f,
                   const OperationCase *operation,
                   Snapshot            *done)
{
  g_autoptr(RehearseLibrary) library = NULL;
  g_autoptr(GError) error = NULL;

  reset_work_library (f);
  library = test_open_library (f->path);
  g_assert_true (operation->run (f, library, &error));
  g_assert_no_error (error);
  g_clear_object (&library);
  take_snapshot (f->path, done);
}

static void
test_operation (Fixture             *f,
                const OperationCase *operation,
                const char          *name)
{
  static const FaultVfsKind kinds[] = { FAULT_VFS_IO_ERROR, FAULT_VFS_DISK_FULL };
  g_auto(Snapshot) before = { 0, };
  g_auto(Snapshot) done = { 0, };
  Tally tally = { 0, };

  reset_work_library (f);
  take_snapshot (f->path, &before);
  run_without_fault (f, operation, &done);

  /* Each operation changes what it is meant to: the test could not tell
   * otherwise whether a fault undid it. */
  g_assert_false (same_rows (&before, &done) && operation->run != back_up);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      guint nth = 1 + k * FAULT_STRIDE / G_N_ELEMENTS (kinds);

      while (run_with_fault (f, operation, &before, &done, nth, kinds[k], &tally))
        {
          nth += FAULT_STRIDE;
          g_assert_cmpuint (nth, <, MAX_ATTEMPTS);
        }
    }

  /* build-aux/reliability-report.sh reads this line. */
  g_test_message ("faults %s: faults injected %u, operations checked %u, rows lost %u, "
                  "reported failed yet committed %u",
                  name, tally.faults, tally.runs, tally.rows_lost, tally.failed_but_kept);
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  const OperationCase operation = { import_changed_deck, NULL };

  test_operation (f, &operation, "import");
}

static void
test_note (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *changing = g_strdup_printf ("note %s ", f->first_key);
  const OperationCase operation = { save_note, changing };

  test_operation (f, &operation, "note");
}

static void
test_bookmark_fault (Fixture       *f,
                     gconstpointer  data)
{
  const OperationCase operation = { add_bookmark, NULL };

  test_operation (f, &operation, "bookmark");
}

static void
test_review (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *changing = g_strdup_printf ("card %s ", f->first_key);
  const OperationCase operation = { log_review, changing };

  test_operation (f, &operation, "review");
}

static void
test_backup (Fixture       *f,
             gconstpointer  data)
{
  const OperationCase operation = { back_up, NULL };

  test_operation (f, &operation, "backup");
}

/* ---- Read-only, and a full disk at opening ----------------------------------------- */

static guint
count_exported_notes (RehearseLibrary *library,
                      const char      *folder)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = rehearse_library_list_user_entries (library, &error);
  g_autofree char *path = g_build_filename (folder, "notes.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) read_back = NULL;
  guint notes = 0;

  g_assert_no_error (error);
  g_assert_true (rehearse_notes_file_write (file, entries, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rehearse_notes_file_read (file, &read_back, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < read_back->len; i++)
    if (((RehearseUserEntry *) g_ptr_array_index (read_back, i))->note != NULL)
      notes++;
  return notes;
}

/* Every write is refused saying @reason, and nothing changed. */
static void
assert_writes_refused (Fixture         *f,
                       RehearseLibrary *library,
                       const char      *reason)
{
  static const Operation operations[] = { save_note, add_bookmark, log_review,
                                          import_changed_deck };

  for (guint i = 0; i < G_N_ELEMENTS (operations); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (operations[i] (f, library, &error));
      g_assert_nonnull (error);
      if (strstr (error->message, reason) == NULL)
        g_error ("Refused without saying “%s”: %s", reason, error->message);
    }
}

static void
assert_unchanged (Fixture  *f,
                  Snapshot *before)
{
  g_auto(Snapshot) after = { 0, };

  take_snapshot (f->path, &after);
  g_assert_cmpuint (count_lost (before, &after, NULL, TRUE), ==, 0);
  g_assert_cmpuint (g_hash_table_size (after.user_rows), ==,
                    g_hash_table_size (before->user_rows));
  g_assert_cmpstr (after.deck, ==, before->deck);
}

static void
test_read_only_file (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RehearseLibrary) library = NULL;
  g_autofree char *folder = NULL;
  g_auto(Snapshot) before = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(RehearseQuestion) question = NULL;
  g_autofree char *reason = NULL;

  reset_work_library (f);
  take_snapshot (f->path, &before);
  folder = g_path_get_dirname (f->path);

  fault_vfs_set_read_only (TRUE);
  library = test_open_library (f->path);
  g_assert_true (rehearse_library_is_read_only (library));
  reason = g_strdup_printf ("The file “%s” cannot be written.", f->path);
  g_assert_cmpstr (rehearse_library_get_read_only_reason (library), ==, reason);
  question = rehearse_library_get_question (library, f->first_key, &error);
  g_assert_no_error (error);
  g_assert_nonnull (question);
  g_assert_cmpuint (count_exported_notes (library, folder), ==, N_NOTES);
  g_assert_true (rehearse_library_quick_check (library, &error));
  g_assert_no_error (error);
  assert_writes_refused (f, library, "read-only");
  g_assert_false (rehearse_library_is_damaged (library));
  g_clear_object (&library);
  fault_vfs_set_read_only (FALSE);

  assert_unchanged (f, &before);
}

static void
test_disk_full_at_open (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RehearseLibrary) library = NULL;
  g_autofree char *folder = NULL;
  g_auto(Snapshot) before = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) questions = NULL;
  g_autofree char *reason = NULL;

  reset_work_library (f);
  take_snapshot (f->path, &before);
  folder = g_build_filename (f->dir, "export", NULL);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);

  /* No shared memory can be made or grown, and nothing written. */
  fault_vfs_arm (FAULT_VFS_ANY, 1, FAULT_VFS_DISK_FULL);
  library = test_open_library (f->path);
  g_assert_cmpuint (fault_vfs_get_faults (), >, 0);
  g_assert_true (rehearse_library_is_read_only (library));
  reason = g_strdup_printf ("The disk that holds “%s” is full.", f->path);
  g_assert_cmpstr (rehearse_library_get_read_only_reason (library), ==, reason);

  questions = rehearse_library_list_all_questions (library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (questions), ==, 100);
  g_assert_cmpuint (count_exported_notes (library, folder), ==, N_NOTES);
  g_assert_true (rehearse_library_quick_check (library, &error));
  g_assert_no_error (error);
  assert_writes_refused (f, library, "Not saved: the disk is full");
  g_assert_false (rehearse_library_is_damaged (library));
  g_clear_object (&library);
  fault_vfs_disarm ();

  /* Space again: it opens to write, with everything it held. */
  library = test_open_library (f->path);
  g_assert_false (rehearse_library_is_read_only (library));
  g_clear_object (&library);
  assert_unchanged (f, &before);
}

int
main (int   argc,
      char *argv[])
{
  fault_vfs_install ();
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/faults/import", Fixture, NULL, fixture_set_up, test_import, fixture_tear_down);
  g_test_add ("/faults/note", Fixture, NULL, fixture_set_up, test_note, fixture_tear_down);
  g_test_add ("/faults/bookmark", Fixture, NULL, fixture_set_up, test_bookmark_fault,
              fixture_tear_down);
  g_test_add ("/faults/review", Fixture, NULL, fixture_set_up, test_review, fixture_tear_down);
  g_test_add ("/faults/backup", Fixture, NULL, fixture_set_up, test_backup, fixture_tear_down);
  g_test_add ("/faults/read-only-file", Fixture, NULL, fixture_set_up, test_read_only_file,
              fixture_tear_down);
  g_test_add ("/faults/disk-full-at-open", Fixture, NULL, fixture_set_up, test_disk_full_at_open,
              fixture_tear_down);

  return g_test_run ();
}
