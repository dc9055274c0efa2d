/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "deck-generator.h"
#include "rehearse-error.h"
#include "test-library-support.h"

/* The library's asynchronous writes, on a real SQLite file: they commit in
 * the order they were asked for, their signals come in the main context
 * that asked and before its callback, a cancelled write that had not
 * started writes nothing, waiting for the writer leaves nothing queued,
 * and a write asked for while another process imports a big deck waits
 * its turn and succeeds. */
typedef TestLibraryFixture Fixture;

/* What happened, in order: "changed KEY" for ::user-data-changed, "done N"
 * for the callback of the Nth call, "failed N" for one that failed. */
typedef struct
{
  GPtrArray *events;
  GThread   *thread;     /* where every signal and callback must come */
  guint      answered;
} Journal;

static void
journal_init (Journal *journal)
{
  journal->events = g_ptr_array_new_with_free_func (g_free);
  journal->thread = g_thread_self ();
  journal->answered = 0;
}

static void
journal_clear (Journal *journal)
{
  g_clear_pointer (&journal->events, g_ptr_array_unref);
}

static void
on_user_data_changed (RehearseLibrary *library,
                      const char      *question_key,
                      Journal         *journal)
{
  g_assert_true (g_thread_self () == journal->thread);
  g_ptr_array_add (journal->events, g_strdup_printf ("changed %s", question_key));
}

/* One call's callback: which call it is rides in the event. */
typedef struct
{
  Journal *journal;
  guint    number;
} Call;

static Call *
call_new (Journal *journal,
          guint    number)
{
  Call *call = g_new0 (Call, 1);

  call->journal = journal;
  call->number = number;
  return call;
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autofree Call *call = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = rehearse_library_save_note_finish (REHEARSE_LIBRARY (source), result, &error);

  g_assert_true (g_thread_self () == call->journal->thread);
  g_ptr_array_add (call->journal->events,
                   g_strdup_printf ("%s %u", ok ? "done" : "failed", call->number));
  call->journal->answered++;
}

static void
on_bookmarked (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autofree Call *call = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = rehearse_library_set_bookmarked_finish (REHEARSE_LIBRARY (source), result, &error);

  g_assert_no_error (error);
  g_assert_true (g_thread_self () == call->journal->thread);
  g_ptr_array_add (call->journal->events,
                   g_strdup_printf ("%s %u", ok ? "done" : "failed", call->number));
  call->journal->answered++;
}

/* Runs the thread's main context until @count calls were answered. */
static void
wait_for_answers (Journal *journal,
                  guint    count)
{
  while (journal->answered < count)
    g_main_context_iteration (g_main_context_get_thread_default (), TRUE);
}

static char *
journal_text (Journal *journal)
{
  g_ptr_array_add (journal->events, NULL);
  return g_strjoinv (", ", (char **) journal->events->pdata);
}

static void
set_up_deck (Fixture *f)
{
  g_autoptr(RehearseParsedDeck) deck = test_make_deck ("Queued", 1, 4, "1");

  test_import_ok (test_library_fixture_open (f), deck);
}

/* A note autosaved as it was typed, and bookmarks toggled between: each
 * commits in turn, says so, then answers; the last text wins. */
static void
test_writes_commit_in_order (Fixture       *f,
                             gconstpointer  data)
{
  Journal journal;
  g_autofree char *events = NULL;
  g_autofree char *note = NULL;
  g_autofree char *raw_note = NULL;
  g_autofree char *raw_label = NULL;
  sqlite3 *db;

  set_up_deck (f);
  journal_init (&journal);
  g_signal_connect (f->library, "user-data-changed", G_CALLBACK (on_user_data_changed), &journal);

  rehearse_library_save_note_async (f->library, "queued/1", "a", NULL, on_saved,
                                    call_new (&journal, 1));
  rehearse_library_set_bookmarked_async (f->library, "queued/2", TRUE, "first", NULL,
                                         on_bookmarked, call_new (&journal, 2));
  rehearse_library_save_note_async (f->library, "queued/1", "ab", NULL, on_saved,
                                    call_new (&journal, 3));
  rehearse_library_set_bookmarked_async (f->library, "queued/2", FALSE, NULL, NULL,
                                         on_bookmarked, call_new (&journal, 4));
  rehearse_library_save_note_async (f->library, "queued/1", "ab", NULL, on_saved,
                                    call_new (&journal, 5));
  rehearse_library_set_bookmarked_async (f->library, "queued/2", TRUE, "last", NULL,
                                         on_bookmarked, call_new (&journal, 6));
  rehearse_library_save_note_async (f->library, "queued/1", "abc", NULL, on_saved,
                                    call_new (&journal, 7));
  /* Nothing is answered before the main loop runs again. */
  g_assert_cmpuint (journal.events->len, ==, 0);
  wait_for_answers (&journal, 7);

  /* The same text again writes nothing and says nothing (call 5). */
  events = journal_text (&journal);
  g_assert_cmpstr (events, ==,
                   "changed queued/1, done 1, changed queued/2, done 2, changed queued/1, done 3, "
                   "changed queued/2, done 4, done 5, changed queued/2, done 6, "
                   "changed queued/1, done 7");

  note = test_get_note (f->library, "queued/1");
  g_assert_cmpstr (note, ==, "abc");
  db = test_raw_open (f->path);
  raw_note = test_raw_text (db, "SELECT body FROM notes WHERE question_key = 'queued/1'");
  g_assert_cmpstr (raw_note, ==, "abc");
  raw_label = test_raw_text (db, "SELECT label FROM bookmarks");
  g_assert_cmpstr (raw_label, ==, "last");
  sqlite3_close (db);
  journal_clear (&journal);
}

/* Many saves asked at once, as fast typing with a short delay would: the
 * last one asked is the one kept. */
static void
test_last_save_asked_wins (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *note = NULL;
  Journal journal;

  set_up_deck (f);
  journal_init (&journal);
  for (guint i = 0; i < 200; i++)
    {
      g_string_append_c (text, 'a' + i % 26);
      rehearse_library_save_note_async (f->library, "queued/3", text->str, NULL, on_saved,
                                        call_new (&journal, i + 1));
    }
  wait_for_answers (&journal, 200);

  note = test_get_note (f->library, "queued/3");
  g_assert_cmpstr (note, ==, text->str);
  g_assert_cmpstr (g_ptr_array_index (journal.events, 199), ==, "done 200");
  journal_clear (&journal);
}

/* ---- Another thread's main context ---------------------------------------- */

typedef struct
{
  RehearseLibrary *library;
  Journal          journal;
  GMainContext    *context;
} Asker;

static gpointer
ask_from_thread (gpointer data)
{
  Asker *asker = data;

  asker->context = g_main_context_new ();
  g_main_context_push_thread_default (asker->context);
  journal_init (&asker->journal);
  g_signal_connect (asker->library, "user-data-changed", G_CALLBACK (on_user_data_changed),
                    &asker->journal);

  rehearse_library_save_note_async (asker->library, "queued/4", "From a thread of its own",
                                    NULL, on_saved, call_new (&asker->journal, 1));
  wait_for_answers (&asker->journal, 1);

  g_signal_handlers_disconnect_by_data (asker->library, &asker->journal);
  g_main_context_pop_thread_default (asker->context);
  g_main_context_unref (asker->context);
  return NULL;
}

/* The signal and the callback come in the thread whose main context
 * asked, not the writer's nor the main one (on_user_data_changed and
 * on_saved assert it). */
static void
test_signals_in_the_asking_context (Fixture       *f,
                                    gconstpointer  data)
{
  Asker asker = { 0, };
  GThread *thread;
  g_autofree char *events = NULL;

  set_up_deck (f);
  asker.library = f->library;
  thread = g_thread_new ("asker", ask_from_thread, &asker);
  g_thread_join (thread);

  events = journal_text (&asker.journal);
  g_assert_cmpstr (events, ==, "changed queued/4, done 1");
  journal_clear (&asker.journal);
}

/* ---- Cancelling, and waiting for the writer ----------------------------------- */

static gboolean
writer_took_the_first (gpointer data)
{
  RehearseLibrary *library = data;

  return g_thread_pool_unprocessed (library->writer) == 1;
}

/* While the writer is busy with a first write (held here by the main
 * connection's lock), a second is cancelled: the first, started, still
 * commits though its cancellable is cancelled too; the second writes
 * nothing and fails with G_IO_ERROR_CANCELLED. */
static void
test_cancel_drops_only_what_has_not_started (Fixture       *f,
                                             gconstpointer  data)
{
  g_autoptr(GCancellable) first = g_cancellable_new ();
  g_autoptr(GCancellable) second = g_cancellable_new ();
  g_autofree char *events = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *dropped = NULL;
  Journal journal;
  gint64 deadline;

  set_up_deck (f);
  journal_init (&journal);
  g_signal_connect (f->library, "user-data-changed", G_CALLBACK (on_user_data_changed), &journal);

  g_rec_mutex_lock (&f->library->lock);
  rehearse_library_save_note_async (f->library, "queued/1", "Started", first, on_saved,
                                    call_new (&journal, 1));
  rehearse_library_save_note_async (f->library, "queued/2", "Never started", second, on_saved,
                                    call_new (&journal, 2));
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!writer_took_the_first (f->library))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (1000);
    }
  g_cancellable_cancel (first);
  g_cancellable_cancel (second);
  g_rec_mutex_unlock (&f->library->lock);
  wait_for_answers (&journal, 2);

  events = journal_text (&journal);
  g_assert_cmpstr (events, ==, "changed queued/1, done 1, failed 2");
  kept = test_get_note (f->library, "queued/1");
  g_assert_cmpstr (kept, ==, "Started");
  dropped = test_get_note (f->library, "queued/2");
  g_assert_null (dropped);
  journal_clear (&journal);
}

/* A program about to end waits for what it asked: every write is in the
 * file before the main loop has run once more; their answers follow. */
static void
test_wait_for_writes (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *raw_note = NULL;
  Journal journal;
  sqlite3 *db;

  set_up_deck (f);
  journal_init (&journal);
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *body = g_strdup_printf ("Version %u", i + 1);

      rehearse_library_save_note_async (f->library, "queued/2", body, NULL, on_saved,
                                        call_new (&journal, i + 1));
    }
  rehearse_library_wait_for_writes (f->library);

  db = test_raw_open (f->path);
  raw_note = test_raw_text (db, "SELECT body FROM notes WHERE question_key = 'queued/2'");
  g_assert_cmpstr (raw_note, ==, "Version 50");
  sqlite3_close (db);

  g_assert_cmpuint (journal.answered, ==, 0);
  wait_for_answers (&journal, 50);
  journal_clear (&journal);
}

/* ---- Another process importing ------------------------------------------------- */

/* Whether another connection holds the write lock now. */
static gboolean
write_lock_taken (sqlite3 *db)
{
  int rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);

  if (rc == SQLITE_OK)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return rc == SQLITE_BUSY;
}

static GSubprocess *
spawn_import (Fixture    *f,
              const char *deck_path)
{
  const char *cli = g_getenv ("REHEARSE_CLI");
  g_autoptr(GError) error = NULL;
  GSubprocess *import;

  g_assert_nonnull (cli);
  import = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, cli, "--db", f->path,
                             "import", deck_path, NULL);
  g_assert_no_error (error);
  return import;
}

/* rehearse-cli imports a big deck in another process, holding the write
 * lock while it stores it: a note saved meanwhile waits its turn off the
 * main loop and is committed, and so is the deck. */
static void
test_write_during_an_import_elsewhere (Fixture       *f,
                                       gconstpointer  data)
{
  g_autofree char *deck_path = g_build_filename (f->dir, "big-deck.md", NULL);
  g_autofree char *markdown = deck_generator_markdown (1, 3000, 11);
  g_autoptr(GSubprocess) import = NULL;
  g_autoptr(GListModel) decks = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  g_autofree char *events = NULL;
  gboolean seen_locked = FALSE;
  Journal journal;
  sqlite3 *db;

  set_up_deck (f);
  g_assert_true (g_file_set_contents (deck_path, markdown, -1, NULL));
  db = test_raw_open (f->path);
  sqlite3_busy_timeout (db, 0);

  import = spawn_import (f, deck_path);
  while (!seen_locked && g_subprocess_get_identifier (import) != NULL)
    {
      seen_locked = write_lock_taken (db);
      g_usleep (1000);
    }
  sqlite3_close (db);
  if (!seen_locked)
    g_test_message ("The import ended before its write lock was seen: not a write during it");

  journal_init (&journal);
  rehearse_library_save_note_async (f->library, "queued/1", "Saved during an import", NULL,
                                    on_saved, call_new (&journal, 1));
  wait_for_answers (&journal, 1);
  g_assert_true (g_subprocess_wait_check (import, NULL, &error));
  g_assert_no_error (error);

  events = journal_text (&journal);
  g_assert_cmpstr (events, ==, "done 1");
  note = test_get_note (f->library, "queued/1");
  g_assert_cmpstr (note, ==, "Saved during an import");
  decks = rehearse_library_list_decks (f->library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (decks), ==, 2);
  journal_clear (&journal);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, test_library_fixture_set_up, func, \
              test_library_fixture_tear_down)
  ADD ("/library-writer/writes-commit-in-order", test_writes_commit_in_order);
  ADD ("/library-writer/last-save-asked-wins", test_last_save_asked_wins);
  ADD ("/library-writer/signals-in-the-asking-context", test_signals_in_the_asking_context);
  ADD ("/library-writer/cancel-drops-only-what-has-not-started",
       test_cancel_drops_only_what_has_not_started);
  ADD ("/library-writer/wait-for-writes", test_wait_for_writes);
  ADD ("/library-writer/write-during-an-import-elsewhere", test_write_during_an_import_elsewhere);
#undef ADD

  return g_test_run ();
}
