/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "rehearse-error.h"
#include "test-library-support.h"

/* Long writes in short transactions (rehearse-library-staging.c): while an
 * import or a deck's removal runs, other writes get in, from another
 * connection and from the same library object, and no reader ever sees
 * half of a deck. What a kill leaves is tested in test-crash-safety.c. */

#define QUESTIONS 3000

typedef struct
{
  char            *dir;
  char            *path;
  RehearseLibrary *library;   /* the one that imports or removes */
  RehearseLibrary *other;     /* another connection to the same file */
  sqlite3         *raw;       /* a third, to look at the rows themselves */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_make_temp_dir ("rehearse-staging-XXXXXX");
  f->path = g_build_filename (f->dir, "library.db", NULL);
  f->library = test_open_library (f->path);
  f->other = test_open_library (f->path);
  f->raw = test_raw_open (f->path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sqlite3_close (f->raw);
  g_clear_object (&f->other);
  g_clear_object (&f->library);
  test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->path, g_free);
}

/* @count questions in ten topics, their text and answer saying which
 * @version of the deck they are from. */
static RehearseParsedDeck *
make_versioned_deck (const char *title,
                     guint       count,
                     guint       version)
{
  RehearseParsedDeck *deck = rehearse_parsed_deck_new (title);
  g_autofree char *hash = g_strdup_printf ("%s %u", title, version);

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *topic = g_strdup_printf ("Topic %u", i + 1);

      rehearse_parsed_deck_add_topic (deck, topic, NULL);
    }

  for (guint i = 0; i < count; i++)
    {
      g_autofree char *text = g_strdup_printf ("Question %u, version %u?", i + 1, version);
      g_autofree char *answer = g_strdup_printf ("The answer to %u in version %u: containers "
                                                 "share the kernel of their host.", i + 1,
                                                 version);

      rehearse_parsed_deck_add_question (deck, i * 10 / count, (gint) i + 1, text, answer, NULL);
    }

  rehearse_parsed_deck_add_source (deck, "deck.md", hash, 100);
  rehearse_parsed_deck_assign_keys (deck);
  return deck;
}

static gint64
raw_count (Fixture    *f,
           const char *sql)
{
  return test_raw_int (f->raw, sql);
}

/* ---- A write in the background ----------------------------------------------- */

typedef struct
{
  RehearseLibrary      *library;
  RehearseParsedDeck   *deck;      /* to import, or NULL: remove deck_id */
  gint64                deck_id;
  RehearseImportResult  result;
  GError               *error;
  gint                  done;      /* atomic */
  GThread              *thread;
} Background;

static gpointer
run_in_background (gpointer data)
{
  Background *background = data;

  if (background->deck != NULL)
    rehearse_library_import_deck (background->library, background->deck, &background->result,
                                  &background->error);
  else
    rehearse_library_delete_deck (background->library, background->deck_id, &background->error);

  g_atomic_int_set (&background->done, 1);
  return NULL;
}

static void
start_background (Background *background)
{
  background->thread = g_thread_new ("long write", run_in_background, background);
}

static void
join_background (Background *background)
{
  g_thread_join (background->thread);
  g_assert_no_error (background->error);
}

static gboolean
background_done (Background *background)
{
  return g_atomic_int_get (&background->done) != 0;
}

/* Until the write has claimed its deck (and so begun to write), or ended. */
static void
wait_for_claim (Fixture    *f,
                Background *background)
{
  while (!background_done (background)
         && raw_count (f, "SELECT count(*) FROM decks WHERE claim IS NOT NULL") == 0)
    g_usleep (500);
}

/* ---- What others see meanwhile ------------------------------------------------- */

/* The questions @library lists for the deck @title: 0 when it lists no
 * such deck. */
static guint
listed_questions (RehearseLibrary *library,
                  const char      *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) decks = rehearse_library_list_decks (library, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (decks); i++)
    {
      g_autoptr(RehearseDeck) deck = g_list_model_get_item (decks, i);

      if (g_strcmp0 (rehearse_deck_get_title (deck), title) == 0)
        return rehearse_deck_get_question_count (deck);
    }

  return 0;
}

/* The text of a question as @library reads it, NULL when it has none. */
static char *
question_text (RehearseLibrary *library,
               const char      *question_key)
{
  g_autoptr(RehearseQuestion) question = rehearse_library_get_question (library, question_key,
                                                                         NULL);

  return question != NULL ? g_strdup (rehearse_question_get_text (question)) : NULL;
}

typedef struct
{
  guint  saves;
  guint  saves_while_old_shown;   /* returned while the import had not shown its deck */
  double longest_ms;
} Writes;

static void
timed_note (RehearseLibrary *library,
            const char      *question_key,
            guint            sequence,
            Writes          *writes)
{
  g_autofree char *body = g_strdup_printf ("Note %u, written during a long write.", sequence);
  gint64 start = g_get_monotonic_time ();

  test_save_note (library, question_key, body);
  writes->longest_ms = MAX (writes->longest_ms, (g_get_monotonic_time () - start) / 1000.0);
  writes->saves++;
}

/* Which version of the deck "Long" @library shows: 1 or 2, whole, never a
 * mix nor a part. Read three times, in this order, while the import may
 * show version 2 at any moment: no read may see an older version than the
 * one before it. */
static guint
shown_version (RehearseLibrary *library)
{
  guint listed = listed_questions (library, "Long");
  g_autofree char *first = question_text (library, "long/1");
  g_autofree char *last = question_text (library, "long/3500");
  guint listed_version = listed == QUESTIONS ? 1 : 2;
  guint first_version = g_strcmp0 (first, "Question 1, version 1?") == 0 ? 1 : 2;
  guint last_version = last == NULL ? 1 : 2;

  g_assert_true (listed == QUESTIONS || listed == QUESTIONS + 500);
  g_assert_true (g_strcmp0 (first, "Question 1, version 1?") == 0
                 || g_strcmp0 (first, "Question 1, version 2?") == 0);
  g_assert_true (last == NULL || g_strcmp0 (last, "Question 3500, version 2?") == 0);
  g_assert_cmpuint (listed_version, <=, first_version);
  g_assert_cmpuint (first_version, <=, last_version);
  return listed_version;
}

/* ---- Tests ----------------------------------------------------------------------- */

/* The window saves a note (through the library that imports, from the
 * main thread) and rehearse-cli saves one (through a connection of its
 * own) while a deck of 3,000 questions is imported again, with 500 more
 * and every question changed: both succeed while the import runs, and
 * every reader sees the old deck whole until the new one is whole. */
static void
test_writes_during_import (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) first = make_versioned_deck ("Long", QUESTIONS, 1);
  g_autoptr(RehearseParsedDeck) second = make_versioned_deck ("Long", QUESTIONS + 500, 2);
  Background background = { .library = f->library, .deck = second };
  Writes writes = { 0, };
  RehearseLibraryCounts counts;

  test_import_ok (f->library, first);
  test_bookmark (f->library, "long/7", "kept");

  start_background (&background);
  wait_for_claim (f, &background);
  while (!background_done (&background))
    {
      g_autofree char *key = g_strdup_printf ("long/%u", writes.saves % 100 + 1);

      timed_note (writes.saves % 2 == 0 ? f->other : f->library, key, writes.saves, &writes);
      writes.saves_while_old_shown += shown_version (f->other) == 1 ? 1 : 0;
      shown_version (f->library);
    }
  join_background (&background);

  g_test_message ("%u note saves during the import, %u of them before it showed the new "
                  "deck; the longest took %.1f ms", writes.saves,
                  writes.saves_while_old_shown, writes.longest_ms);
  g_assert_cmpint (background.result.outcome, ==, REHEARSE_IMPORT_UPDATED);
  g_assert_cmpuint (background.result.added, ==, 500);
  g_assert_cmpuint (background.result.updated, ==, QUESTIONS);
  /* Had the import held the write lock throughout, no save could have
   * returned before its deck was shown. */
  g_assert_cmpuint (writes.saves_while_old_shown, >, 0);

  g_assert_cmpuint (shown_version (f->other), ==, 2);
  g_assert_cmpuint (raw_count (f, "SELECT count(*) FROM questions"), ==, QUESTIONS + 500);
  g_assert_cmpuint (raw_count (f, "SELECT count(*) FROM topics"), ==, 10);
  g_assert_cmpuint (raw_count (f, "SELECT count(*) FROM decks WHERE claim IS NOT NULL"), ==, 0);
  g_assert_cmpuint (raw_count (f, "SELECT count(*) FROM notes"), ==, MIN (writes.saves, 100));
  g_assert_true (test_is_bookmarked (f->other, "long/7"));
  test_assert_check (f->other, &counts);
  g_assert_cmpuint (counts.indexed, ==, QUESTIONS + 500);
}

/* A deck removed while notes are saved: the notes get in while its rows
 * are still being deleted, and readers never see part of it. */
static void
test_writes_during_removal (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) removed = make_versioned_deck ("Long", QUESTIONS, 1);
  g_autoptr(RehearseParsedDeck) kept = make_versioned_deck ("Kept", 10, 1);
  Background background = { .library = f->library };
  Writes writes = { 0, };
  guint saves_while_rows_left = 0;
  RehearseLibraryCounts counts;

  background.deck_id = test_import_ok (f->library, removed).deck_id;
  test_import_ok (f->library, kept);
  test_save_note (f->library, "long/2", "Outlives its deck.");

  /* Batches of a millisecond: on a fast machine the whole removal fits in
   * one default batch and would end before the first note is saved. */
  rehearse_library_set_batch_time (f->library, 1000);
  start_background (&background);
  wait_for_claim (f, &background);
  while (!background_done (&background))
    {
      g_autofree char *key = g_strdup_printf ("kept/%u", writes.saves % 10 + 1);
      guint listed;

      timed_note (writes.saves % 2 == 0 ? f->other : f->library, key, writes.saves, &writes);
      saves_while_rows_left += raw_count (f, "SELECT count(*) FROM questions"
                                             " WHERE question_key LIKE 'long/%'") > 0;
      listed = listed_questions (f->other, "Long");
      g_assert_true (listed == 0 || listed == QUESTIONS);
    }
  join_background (&background);

  g_test_message ("%u note saves during the removal, %u of them while its rows were being "
                  "deleted; the longest took %.1f ms", writes.saves, saves_while_rows_left,
                  writes.longest_ms);
  g_assert_cmpuint (saves_while_rows_left, >, 0);
  g_assert_cmpuint (listed_questions (f->other, "Long"), ==, 0);
  g_assert_cmpuint (raw_count (f, "SELECT count(*) FROM questions"), ==, 10);
  g_assert_cmpuint (raw_count (f, "SELECT count(*) FROM decks"), ==, 1);
  test_assert_keys (test_orphaned_keys (f->other), "long/2");
  test_assert_check (f->other, &counts);
  g_assert_cmpuint (counts.indexed, ==, 10);
}

/* Every row and every claim, as text: what a failed import must leave as
 * it found. (FTS5's own tables may differ: a batch that was committed and
 * then deleted leaves the index with the same content in other pages.) */
static char *
dump_rows (Fixture *f)
{
  static const char * const queries[] = {
    "SELECT group_concat (id || title || content_hash || state || generation"
    " || coalesce (claim, '-'), ',') FROM decks",
    "SELECT group_concat (id || deck_id || generation || title, ',') FROM topics",
    "SELECT group_concat (id || question_key || generation || text || answer, ',')"
    " FROM questions",
    "SELECT group_concat (question_key || coalesce (question_text, '-'), ',') FROM bookmarks",
    "SELECT group_concat (question_key || body || coalesce (question_text, '-'), ',') FROM notes",
  };
  GString *dump = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (f->raw, queries[i], -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_string_append_printf (dump, "%s\n", sqlite3_column_text (stmt, 0));
    }

  return g_string_free (dump, FALSE);
}

static void
assert_import_fails (Fixture            *f,
                     RehearseParsedDeck *deck,
                     const char         *message_part)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (rehearse_library_import_deck (f->library, deck, NULL, &error));
  g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, message_part));
}

/* An import that fails after many committed batches (question 250 has no
 * text): what it staged goes, for an update and for a new deck, and the
 * library holds what it held. */
static void
test_failure_after_batches (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) first = make_versioned_deck ("Long", 300, 1);
  g_autoptr(RehearseParsedDeck) broken_update = make_versioned_deck ("Long", 300, 2);
  g_autoptr(RehearseParsedDeck) broken_new = make_versioned_deck ("New", 300, 1);
  g_autoptr(GListModel) found = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after_update = NULL;
  g_autofree char *after_new = NULL;

  test_import_ok (f->library, first);
  test_bookmark (f->library, "long/260", NULL);
  test_save_note (f->library, "long/3", "Mine.");
  before = dump_rows (f);

  /* A commit after every question or chunk of deleted rows. */
  rehearse_library_set_batch_time (f->library, 1);
  g_clear_pointer (&((RehearseParsedQuestion *) g_ptr_array_index (broken_update->questions,
                                                                  249))->text, g_free);
  g_clear_pointer (&((RehearseParsedQuestion *) g_ptr_array_index (broken_new->questions,
                                                                  249))->text, g_free);

  assert_import_fails (f, broken_update, "long/250");
  after_update = dump_rows (f);
  g_assert_cmpstr (after_update, ==, before);

  assert_import_fails (f, broken_new, "new/250");
  after_new = dump_rows (f);
  g_assert_cmpstr (after_new, ==, before);

  found = test_search (f->other, "version", 10);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 10);
  test_assert_check (f->other, NULL);
}

/* While one import works on a deck, another of the same deck is refused
 * (saying why), and one of another deck goes through. */
static void
test_same_deck_refused (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) first = make_versioned_deck ("Long", QUESTIONS, 1);
  g_autoptr(RehearseParsedDeck) second = make_versioned_deck ("Long", QUESTIONS + 500, 2);
  g_autoptr(RehearseParsedDeck) third = make_versioned_deck ("Long", 20, 3);
  g_autoptr(RehearseParsedDeck) other = make_versioned_deck ("Other", 20, 1);
  Background background = { .library = f->library, .deck = second };
  g_autoptr(GError) error = NULL;
  RehearseImportResult result;
  gboolean refused;

  test_import_ok (f->library, first);

  start_background (&background);
  wait_for_claim (f, &background);
  refused = !rehearse_library_import_deck (f->other, third, NULL, &error);
  /* Too late only if the import ended first (a very fast machine). */
  if (refused || !background_done (&background))
    {
      g_assert_true (refused);
      g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_FAILED);
      g_assert_nonnull (strstr (error->message, "“Long” is being imported"));
    }
  g_clear_error (&error);
  result = test_import_ok (f->other, other);
  g_assert_cmpint (result.outcome, ==, REHEARSE_IMPORT_CREATED);
  join_background (&background);

  result = test_import_ok (f->other, third);
  g_assert_cmpint (result.outcome, ==, REHEARSE_IMPORT_UPDATED);
  g_assert_cmpuint (listed_questions (f->library, "Long"), ==, 20);
  g_assert_cmpuint (listed_questions (f->library, "Other"), ==, 20);
  test_assert_check (f->library, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/staging/import/writes-meanwhile", test_writes_during_import);
  ADD ("/staging/import/failure-after-batches", test_failure_after_batches);
  ADD ("/staging/import/same-deck-refused", test_same_deck_refused);
  ADD ("/staging/remove/writes-meanwhile", test_writes_during_removal);

#undef ADD

  return g_test_run ();
}
