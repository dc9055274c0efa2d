/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <gio/gio.h>
#include <signal.h>
#include <string.h>

#include "crash-support.h"
#include "rehearse-library-private.h"
#include "rehearse-library.h"
#include "test-library-support.h"
#include "test-support.h"

/* kill -9 at a random moment, 200 times: crash-writer saves notes and
 * bookmarks in a loop, printing each call after it returned; the test
 * kills it 1–60 ms after it is ready, then opens the library, checks it
 * (rehearse_library_check() and a raw PRAGMA integrity_check) and checks
 * that the last returned save of every key is there.
 *
 * One library file serves every run, so it grows and every run starts
 * from the WAL and state the previous kill left: recovery is tested on
 * top of recovery. The one call under way at the kill may have committed
 * or not; either is right, and what the library holds then becomes the
 * expected state. */

#define RUNS 200
#define MIN_DELAY_MS 1
#define MAX_DELAY_MS 60
/* Sequences of each run start here times the run: no two saves of the
 * whole test write the same text. */
#define SEQUENCES_PER_RUN 1000000

typedef struct
{
  char     *note;         /* NULL: none */
  gboolean  bookmarked;
  char     *label;        /* NULL: none */
  gboolean  note_saved;   /* a note save of this key has returned */
  gboolean  mark_saved;   /* a bookmark call of this key has returned */
} KeyState;

typedef struct
{
  char       *dir;
  char       *path;
  char       *writer;
  KeyState    states[CRASH_QUESTIONS];
  guint64     returned;       /* calls the writer reported returned */
  guint64     checked;        /* last returned saves found in place */
  guint64     lost;
  guint       in_flight_committed;
} Crash;

static void
key_state_clear (KeyState *state)
{
  g_clear_pointer (&state->note, g_free);
  g_clear_pointer (&state->label, g_free);
}

static guint
key_index (const char *question_key)
{
  guint64 number = 0;

  g_assert_true (g_str_has_prefix (question_key, "crash/"));
  g_assert_true (g_ascii_string_to_unsigned (question_key + strlen ("crash/"), 10, 1,
                                             CRASH_QUESTIONS, &number, NULL));
  return (guint) number - 1;
}

/* Applies one operation line ("note KEY SEQ" …) to @state. */
static void
apply_operation (KeyState   *state,
                 char      **words)
{
  if (g_str_equal (words[0], "note"))
    {
      g_free (state->note);
      state->note = crash_note_body (words[1], g_ascii_strtoull (words[2], NULL, 10));
      state->note_saved = TRUE;
    }
  else if (g_str_equal (words[0], "unnote"))
    {
      g_clear_pointer (&state->note, g_free);
      state->note_saved = TRUE;
    }
  else if (g_str_equal (words[0], "bookmark"))
    {
      g_free (state->label);
      state->label = g_str_equal (words[2], "-") ? NULL : g_strdup (words[2]);
      state->bookmarked = TRUE;
      state->mark_saved = TRUE;
    }
  else
    {
      g_assert_cmpstr (words[0], ==, "unbookmark");
      g_clear_pointer (&state->label, g_free);
      state->bookmarked = FALSE;
      state->mark_saved = TRUE;
    }
}

static void
key_state_copy (KeyState       *copy,
                const KeyState *state)
{
  *copy = *state;
  copy->note = g_strdup (state->note);
  copy->label = g_strdup (state->label);
}

/* ---- One run ---------------------------------------------------------- */

static void
read_until_ready (GInputStream *out,
                  GByteArray   *output)
{
  guint8 buffer[4096];

  /* An empty GByteArray's data is NULL, which memchr() must not see. */
  while (output->len == 0 || memchr (output->data, '\n', output->len) == NULL)
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_input_stream_read (out, buffer, sizeof buffer, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (n, >, 0);
      g_byte_array_append (output, buffer, (guint) n);
    }

  g_assert_cmpmem (output->data, 6, "ready\n", 6);
}

static void
read_to_end (GInputStream *out,
             GByteArray   *output)
{
  guint8 buffer[16384];
  gssize n;

  do
    {
      g_autoptr(GError) error = NULL;

      n = g_input_stream_read (out, buffer, sizeof buffer, NULL, &error);
      g_assert_no_error (error);
      if (n > 0)
        g_byte_array_append (output, buffer, (guint) n);
    }
  while (n > 0);
}

/* Starts the writer, kills it with SIGKILL 1–60 ms after it is ready, and
 * returns all it printed. */
static GByteArray *
run_writer_and_kill (Crash *crash,
                     guint  run)
{
  g_autoptr(GSubprocess) writer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *seed = g_strdup_printf ("%u", g_test_rand_int ());
  g_autofree char *first = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                            (guint64) (run + 1) * SEQUENCES_PER_RUN);
  GByteArray *output = g_byte_array_new ();
  GInputStream *out;

  writer = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, crash->writer, crash->path,
                             seed, first, NULL);
  g_assert_no_error (error);
  out = g_subprocess_get_stdout_pipe (writer);

  read_until_ready (out, output);
  g_usleep (g_test_rand_int_range (MIN_DELAY_MS, MAX_DELAY_MS + 1) * 1000);
  g_subprocess_send_signal (writer, SIGKILL);
  read_to_end (out, output);

  g_subprocess_wait (writer, NULL, &error);
  g_assert_no_error (error);
  /* Killed, not ended by an error of its own. */
  g_assert_true (g_subprocess_get_if_signaled (writer));
  g_assert_cmpint (g_subprocess_get_term_sig (writer), ==, SIGKILL);

  return output;
}

/* Applies the returned calls to the expected states and leaves in
 * @pending the words of the call under way at the kill, if there was one. */
static void
apply_output (Crash       *crash,
              GByteArray  *output,
              GStrv       *pending)
{
  g_autofree char *text = g_strndup ((const char *) output->data, output->len);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  /* The last piece has no newline: a line cut by the kill, or "". */
  guint complete = g_strv_length (lines) - 1;

  for (guint i = 1; i < complete; i++)
    {
      g_auto(GStrv) words = g_strsplit (lines[i], " ", -1);

      if (g_str_equal (words[0], "try"))
        {
          g_strfreev (*pending);
          *pending = g_strdupv (words + 1);
          continue;
        }

      g_assert_nonnull (*pending);
      apply_operation (&crash->states[key_index (words[1])], words);
      crash->returned++;
      g_clear_pointer (pending, g_strfreev);
    }
}

/* ---- Checking the library ---------------------------------------------- */

static void
raw_integrity_check (const char *path)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (db);
}

static void
read_state (RehearseLibrary *library,
            const char      *question_key,
            KeyState        *actual)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rehearse_library_get_note (library, question_key, &actual->note, &error));
  g_assert_true (rehearse_library_get_bookmark (library, question_key, &actual->bookmarked,
                                                &actual->label, &error));
  g_assert_no_error (error);
}

static gboolean
same_note (const KeyState *a,
           const KeyState *b)
{
  return g_strcmp0 (a->note, b->note) == 0;
}

static gboolean
same_bookmark (const KeyState *a,
               const KeyState *b)
{
  return a->bookmarked == b->bookmarked && g_strcmp0 (a->label, b->label) == 0;
}

/* The library must hold the expected state, or for the key of the call
 * under way that state with the call applied, which then becomes the
 * expected one. */
static void
check_key (Crash           *crash,
           guint            index,
           const KeyState  *actual,
           char           **pending)
{
  g_autofree char *key = crash_question_key (index);
  KeyState *expected = &crash->states[index];
  KeyState after = { 0, };
  gboolean in_flight = pending != NULL && g_str_equal (pending[1], key);
  gboolean note_ok, mark_ok;

  key_state_copy (&after, expected);
  if (in_flight)
    apply_operation (&after, pending);

  note_ok = same_note (actual, expected) || (in_flight && same_note (actual, &after));
  mark_ok = same_bookmark (actual, expected) || (in_flight && same_bookmark (actual, &after));
  crash->checked += (expected->note_saved ? 1 : 0) + (expected->mark_saved ? 1 : 0);

  if (!note_ok || !mark_ok)
    {
      crash->lost++;
      g_test_message ("lost: %s holds note “%.40s” bookmark %d “%s”, "
                      "expected note “%.40s” bookmark %d “%s”",
                      key, actual->note, actual->bookmarked, actual->label,
                      expected->note, expected->bookmarked, expected->label);
    }

  if (in_flight && (!same_note (actual, expected) || !same_bookmark (actual, expected)))
    {
      crash->in_flight_committed++;
      key_state_clear (expected);
      key_state_copy (expected, &after);
    }

  key_state_clear (&after);
}

static void
check_library (Crash  *crash,
               char  **pending)
{
  g_autoptr(RehearseLibrary) library = NULL;
  g_autoptr(GError) error = NULL;

  library = rehearse_library_open (crash->path, &error);
  g_assert_no_error (error);
  g_assert_true (rehearse_library_check (library, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < CRASH_QUESTIONS; i++)
    {
      g_autofree char *key = crash_question_key (i);
      KeyState actual = { 0, };

      read_state (library, key, &actual);
      check_key (crash, i, &actual, pending);
      key_state_clear (&actual);
    }

  g_clear_object (&library);
  raw_integrity_check (crash->path);
}

/* ---- The test ---------------------------------------------------------- */

static void
create_library (const char *path)
{
  g_autoptr(RehearseParsedDeck) deck = rehearse_parsed_deck_new ("Crash");
  g_autoptr(RehearseLibrary) library = NULL;
  g_autoptr(GError) error = NULL;

  rehearse_parsed_deck_add_topic (deck, "Everything", NULL);
  for (guint i = 0; i < CRASH_QUESTIONS; i++)
    {
      g_autofree char *text = g_strdup_printf ("Does question %u survive?", i + 1);

      rehearse_parsed_deck_add_question (deck, 0, (gint) i + 1, text, "It does.", NULL);
    }
  rehearse_parsed_deck_assign_keys (deck);

  library = rehearse_library_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (rehearse_library_import_deck (library, deck, NULL, &error));
  g_assert_no_error (error);
}

static void
test_kill_while_saving (void)
{
  g_autoptr(GError) error = NULL;
  Crash crash = { 0, };
  gint64 start = g_get_monotonic_time ();

  crash.dir = g_dir_make_tmp ("rehearse-crash-XXXXXX", &error);
  g_assert_no_error (error);
  crash.path = g_build_filename (crash.dir, "library.db", NULL);
  crash.writer = g_test_build_filename (G_TEST_BUILT, "crash-writer", NULL);
  create_library (crash.path);

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(GByteArray) output = run_writer_and_kill (&crash, run);
      g_auto(GStrv) pending = NULL;

      apply_output (&crash, output, &pending);
      check_library (&crash, pending);
    }

  g_test_message ("crash safety: runs %u, saves checked %" G_GUINT64_FORMAT
                  ", saves lost %" G_GUINT64_FORMAT, RUNS, crash.checked, crash.lost);
  g_test_message ("crash safety: %" G_GUINT64_FORMAT " calls returned before the kills; "
                  "the call under way had committed in %u of %u runs; %.1f s",
                  crash.returned, crash.in_flight_committed, RUNS,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  g_assert_cmpuint (crash.lost, ==, 0);
  g_assert_cmpuint (crash.checked, >, 0);

  for (guint i = 0; i < CRASH_QUESTIONS; i++)
    key_state_clear (&crash.states[i]);
  test_remove_tree (crash.dir);
  g_free (crash.dir);
  g_free (crash.path);
  g_free (crash.writer);
}

/* ---- kill -9 during an import or a removal -------------------------------- */

/* crash-importer imports version 2, 3… of a deck of 1,500 questions (or
 * at last removes it) and is killed 0–400 ms after the first of its
 * batches was committed: while it stages, shows the new version or
 * deletes the old one. Opening the library then finds the deck whole, in
 * the version before or the one imported (or, for the removal, whole or
 * gone), nothing left hidden, and the user data as it was. */

#define IMPORT_RUNS 10
#define MAX_IMPORT_DELAY_MS 400
#define MAX_REMOVAL_DELAY_MS 40

/* Rows no reader shows: what an import or a removal at work (or killed)
 * has staged or not yet deleted. */
#define HIDDEN_ROWS_SQL \
  "SELECT count(*) FROM questions q JOIN decks d ON d.id = q.deck_id" \
  " WHERE d.state <> 0 OR q.generation <> d.generation"

static gint64
raw_count (const char *path,
           const char *sql)
{
  sqlite3 *db = test_raw_open (path);
  gint64 count = test_raw_int (db, sql);

  sqlite3_close (db);
  return count;
}

static char *
raw_text (const char *path,
          const char *sql)
{
  sqlite3 *db = test_raw_open (path);
  char *text = test_raw_text (db, sql);

  sqlite3_close (db);
  return text;
}

/* Every bookmark and note; with the snapshot of their question's text
 * when @with_snapshots (a removal rightly writes it). */
static char *
dump_user_data (const char *path,
                gboolean    with_snapshots)
{
  return raw_text (path, with_snapshots
                   ? "SELECT (SELECT group_concat (question_key || label || question_text, ',')"
                     " FROM bookmarks) || (SELECT group_concat (question_key || body"
                     " || question_text, ',') FROM notes)"
                   : "SELECT (SELECT group_concat (question_key || label, ',') FROM bookmarks)"
                     " || (SELECT group_concat (question_key || body, ',') FROM notes)");
}

/* Runs crash-importer and kills it @delay_ms after it has written hidden
 * rows; TRUE if it was killed so, FALSE if it ended first. */
static gboolean
kill_importer (const char *importer,
               const char *path,
               const char *argument,
               guint       delay_ms)
{
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GByteArray) output = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  gboolean hidden = FALSE;

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, importer, path, argument,
                            NULL);
  g_assert_no_error (error);
  read_until_ready (g_subprocess_get_stdout_pipe (child), output);

  /* The identifier goes once the child has ended. */
  while (!hidden && g_subprocess_get_identifier (child) != NULL)
    {
      hidden = raw_count (path, HIDDEN_ROWS_SQL) > 0;
      if (!hidden)
        g_usleep (500);
    }

  if (hidden)
    {
      g_usleep (delay_ms * 1000);
      g_subprocess_send_signal (child, SIGKILL);
    }

  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_if_signaled (child))
    {
      g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
      return TRUE;
    }

  g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 0);
  return FALSE;
}

/* The version of the deck the library shows, whole; 0 if it shows none. */
static guint
shown_version (RehearseLibrary *library)
{
  g_autoptr(RehearseDeck) deck = rehearse_library_find_deck (library, CRASH_IMPORT_TITLE, NULL);
  g_autoptr(GListModel) questions = NULL;
  g_autoptr(GError) error = NULL;
  guint version = 0;

  if (deck == NULL)
    return 0;

  questions = rehearse_library_list_deck_questions (library, rehearse_deck_get_id (deck), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (questions), ==, CRASH_IMPORT_QUESTIONS);
  for (guint i = 0; i < CRASH_IMPORT_QUESTIONS; i++)
    {
      RehearseQuestion *question = test_question_at (questions, i);
      g_autofree char *expected = NULL;

      if (version == 0)
        version = (guint) g_ascii_strtoull (strstr (rehearse_question_get_text (question), " of v")
                                            + strlen (" of v"), NULL, 10);
      expected = g_strdup_printf ("Question %u of v%u?", i + 1, version);
      g_assert_cmpstr (rehearse_question_get_text (question), ==, expected);
    }

  return version;
}

/* Opens the library as the next start would, and checks it. */
static guint
check_after_kill (const char *path,
                  const char *user_data,
                  gboolean    with_snapshots)
{
  g_autoptr(RehearseLibrary) library = test_open_library (path);
  g_autofree char *user_data_after = NULL;
  guint version;

  test_assert_check (library, NULL);
  g_assert_cmpint (raw_count (path, HIDDEN_ROWS_SQL), ==, 0);
  g_assert_cmpint (raw_count (path, "SELECT count(*) FROM decks"
                                    " WHERE claim IS NOT NULL OR state <> 0"), ==, 0);
  version = shown_version (library);
  user_data_after = dump_user_data (path, with_snapshots);
  g_assert_cmpstr (user_data_after, ==, user_data);

  g_clear_object (&library);
  raw_integrity_check (path);
  return version;
}

static void
test_kill_while_importing (void)
{
  g_autoptr(RehearseParsedDeck) first = crash_import_deck (1);
  g_autoptr(RehearseLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rehearse-crash-import-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autofree char *importer = g_test_build_filename (G_TEST_BUILT, "crash-importer", NULL);
  g_autofree char *user_data = NULL;
  g_autofree char *user_data_text = NULL;
  guint shown = 1, killed = 0, kept_old = 0;
  gboolean removal_killed;

  g_assert_no_error (error);
  library = test_open_library (path);
  test_import_ok (library, first);
  test_bookmark (library, "crash-import/5", "kept");
  test_save_note (library, "crash-import/1500", "A note on the last question.");
  g_clear_object (&library);
  user_data = dump_user_data (path, TRUE);
  user_data_text = dump_user_data (path, FALSE);

  for (guint run = 0; run < IMPORT_RUNS; run++)
    {
      g_autofree char *version = g_strdup_printf ("%u", run + 2);
      guint delay = (guint) g_test_rand_int_range (0, MAX_IMPORT_DELAY_MS + 1);
      gboolean was_killed = kill_importer (importer, path, version, delay);
      guint now = check_after_kill (path, user_data, TRUE);

      g_assert_true (now == shown || now == run + 2);
      g_assert_true (was_killed || now == run + 2);
      killed += was_killed ? 1 : 0;
      kept_old += now == shown ? 1 : 0;
      shown = now;
    }

  /* A removal is quicker than an import: killed soon after it began. */
  removal_killed = kill_importer (importer, path, "remove",
                                  (guint) g_test_rand_int_range (0, MAX_REMOVAL_DELAY_MS + 1));
  shown = check_after_kill (path, user_data_text, FALSE);
  g_assert_true (shown == 0 || removal_killed);

  g_test_message ("kill during import: %u of %u imports killed while they wrote, %u of them "
                  "left the version before; the removal %s and left the deck %s", killed,
                  IMPORT_RUNS, kept_old, removal_killed ? "was killed" : "ended first",
                  shown == 0 ? "removed" : "whole");
  g_assert_cmpuint (killed, >, 0);
  test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crash-safety/kill-while-saving", test_kill_while_saving);
  g_test_add_func ("/crash-safety/kill-while-importing", test_kill_while_importing);

  return g_test_run ();
}
