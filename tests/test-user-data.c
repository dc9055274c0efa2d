/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "rehearse-error.h"
#include "test-library-support.h"

/* Bookmarks, notes, orphans, the notes file's entries and search in notes,
 * each test on a real SQLite file in its own folder; the fixture keeps the
 * keys ::user-data-changed reported. */
typedef TestLibraryFixture Fixture;

/* ---- Decks --------------------------------------------------------------- */

static const char *
deck_question_key (RehearseParsedDeck *deck,
                   guint               index)
{
  return ((RehearseParsedQuestion *) g_ptr_array_index (deck->questions, index))->question_key;
}

static void
unbookmark (RehearseLibrary *library,
            const char      *question_key)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rehearse_library_set_bookmarked (library, question_key, FALSE, NULL, &error));
  g_assert_no_error (error);
}

/* ---- Bookmarks ------------------------------------------------------------ */

static void
test_bookmark_labels (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) deck = test_make_deck ("Marks", 1, 6, "1");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) labels = NULL;
  g_auto(GStrv) after = NULL;
  g_autofree char *label = NULL;
  char *no_label = (char *) "untouched";

  test_import_ok (test_library_fixture_open (f), deck);
  test_bookmark (f->library, "marks/1", "docker");
  test_bookmark (f->library, "marks/2", "Zebra");
  test_bookmark (f->library, "marks/3", "apple");
  test_bookmark (f->library, "marks/4", "basics");
  test_bookmark (f->library, "marks/5", "Basics");
  test_bookmark (f->library, "marks/6", "");

  labels = rehearse_library_list_bookmark_labels (f->library, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (labels, ((const char * const []) { "apple", "Basics", "basics", "docker",
                                                       "Zebra", NULL }));

  g_assert_true (test_get_bookmark (f->library, "marks/1", &label));
  g_assert_cmpstr (label, ==, "docker");
  g_assert_true (test_get_bookmark (f->library, "marks/6", &no_label));
  g_assert_null (no_label);
  g_assert_true (test_get_bookmark (f->library, "marks/6", NULL));

  /* An unbookmarked question: FALSE, and the label set to NULL. */
  unbookmark (f->library, "marks/1");
  no_label = (char *) "untouched";
  g_assert_false (test_get_bookmark (f->library, "marks/1", &no_label));
  g_assert_null (no_label);
  g_assert_false (test_is_bookmarked (f->library, "marks/1"));

  after = rehearse_library_list_bookmark_labels (f->library, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (after, ((const char * const []) { "apple", "Basics", "basics", "Zebra",
                                                      NULL }));
}

static void
test_bookmark_order (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) deck = test_make_deck ("Marks", 1, 5, "1");
  sqlite3 *observer;
  gint64 created_at;
  gint64 data_version;

  test_import_ok (test_library_fixture_open (f), deck);

  /* Made within one second: the later one first. */
  test_bookmark (f->library, "marks/1", "red");
  test_bookmark (f->library, "marks/2", NULL);
  test_bookmark (f->library, "marks/3", "red");
  test_assert_keys (test_bookmarked_keys (f->library, NULL), "marks/3 marks/2 marks/1");
  test_assert_keys (test_bookmarked_keys (f->library, "red"), "marks/3 marks/1");
  test_assert_keys (test_bookmarked_keys (f->library, "blue"), "");

  /* The date decides first; a relabel keeps it, and so the place. */
  test_raw_exec_file (f->path, "UPDATE bookmarks SET created_at = created_at + 100"
                               " WHERE question_key = 'marks/1'");
  test_assert_keys (test_bookmarked_keys (f->library, NULL), "marks/1 marks/3 marks/2");
  observer = test_raw_open (f->path);
  created_at = test_raw_int (observer, "SELECT created_at FROM bookmarks"
                                       " WHERE question_key = 'marks/1'");
  test_bookmark (f->library, "marks/1", "blue");
  g_assert_cmpint (test_raw_int (observer, "SELECT created_at FROM bookmarks"
                                           " WHERE question_key = 'marks/1'"), ==, created_at);
  test_assert_keys (test_bookmarked_keys (f->library, NULL), "marks/1 marks/3 marks/2");
  test_assert_keys (test_bookmarked_keys (f->library, "blue"), "marks/1");
  test_assert_keys (test_bookmarked_keys (f->library, "red"), "marks/3");

  /* The same label again writes nothing at all. */
  data_version = test_raw_int (observer, "PRAGMA data_version");
  g_ptr_array_set_size (f->changed, 0);
  test_bookmark (f->library, "marks/1", "blue");
  g_assert_cmpint (test_raw_int (observer, "PRAGMA data_version"), ==, data_version);
  test_assert_changes (f, "");
  sqlite3_close (observer);

  /* Removing the label is a relabel too. */
  test_bookmark (f->library, "marks/1", NULL);
  test_assert_keys (test_bookmarked_keys (f->library, "blue"), "");
  test_assert_keys (test_bookmarked_keys (f->library, NULL), "marks/1 marks/3 marks/2");
  test_assert_check (f->library, NULL);
}

static void
test_bookmark_unknown (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) deck = test_make_deck ("Marks", 1, 2, "1");
  g_autoptr(GError) error = NULL;

  test_import_ok (test_library_fixture_open (f), deck);
  g_assert_false (rehearse_library_set_bookmarked (f->library, "marks/9", TRUE, NULL, &error));
  g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (test_is_bookmarked (f->library, "marks/9"));

  /* Removing what is not there is no error, and no change. */
  unbookmark (f->library, "marks/9");
  test_assert_changes (f, "");
}

/* ---- Notes ------------------------------------------------------------------ */

static void
test_note_save (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) deck = test_make_deck ("Noted", 1, 3, "1");
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  g_autofree char *edited = NULL;
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  gint64 data_version;
  sqlite3 *observer;

  test_import_ok (test_library_fixture_open (f), deck);
  g_assert_null (test_get_note (f->library, "noted/1"));

  test_save_note (f->library, "noted/1", "Remember: **layers** are cached.\n");
  note = test_get_note (f->library, "noted/1");
  g_assert_cmpstr (note, ==, "Remember: **layers** are cached.\n");
  test_assert_changes (f, "noted/1");

  observer = test_raw_open (f->path);
  g_assert_cmpint (test_raw_int (observer, "SELECT updated_at FROM notes"), >=, before);
  g_assert_cmpint (test_raw_int (observer, "SELECT updated_at FROM notes"), <=,
                   g_get_real_time () / G_USEC_PER_SEC);

  /* The same text again: nothing written, nothing announced. */
  data_version = test_raw_int (observer, "PRAGMA data_version");
  test_save_note (f->library, "noted/1", "Remember: **layers** are cached.\n");
  g_assert_cmpint (test_raw_int (observer, "PRAGMA data_version"), ==, data_version);
  test_assert_changes (f, "");

  test_save_note (f->library, "noted/1", "Remember: layers are cached, in order.");
  edited = test_get_note (f->library, "noted/1");
  g_assert_cmpstr (edited, ==, "Remember: layers are cached, in order.");
  test_assert_changes (f, "noted/1");

  /* Only whitespace (Unicode's too) deletes; deleting nothing is quiet. */
  test_save_note (f->library, "noted/1", "  \n\t\u3000 ");
  g_assert_null (test_get_note (f->library, "noted/1"));
  test_assert_changes (f, "noted/1");
  test_save_note (f->library, "noted/1", "");
  test_save_note (f->library, "noted/2", NULL);
  test_assert_changes (f, "");
  g_assert_cmpint (test_raw_int (observer, "SELECT count(*) FROM notes"), ==, 0);
  sqlite3_close (observer);

  g_assert_false (rehearse_library_save_note (f->library, "noted/9", "lost", &error));
  g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (rehearse_library_save_note (f->library, "noted/2", "bad \xff text", &error));
  g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT);
  g_assert_null (test_get_note (f->library, "noted/2"));
  g_clear_error (&error);

  /* The longest note kept is one a notes file can hold; one byte more is
   * refused, saying how long it is. */
  {
    g_autofree char *longest = g_malloc (REHEARSE_NOTE_MAX_SIZE + 2);

    memset (longest, 'x', REHEARSE_NOTE_MAX_SIZE + 1);
    longest[REHEARSE_NOTE_MAX_SIZE + 1] = '\0';
    g_assert_false (rehearse_library_save_note (f->library, "noted/2", longest, &error));
    g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_TOO_LARGE);
    g_assert_nonnull (strstr (error->message, "The note is too long to keep (1.0"));
    g_assert_null (test_get_note (f->library, "noted/2"));
    g_clear_error (&error);

    longest[REHEARSE_NOTE_MAX_SIZE] = '\0';
    test_save_note (f->library, "noted/2", longest);
    g_free (note);
    note = test_get_note (f->library, "noted/2");
    g_assert_cmpuint (strlen (note), ==, REHEARSE_NOTE_MAX_SIZE);
  }
  test_assert_changes (f, "noted/2");
  test_assert_check (f->library, NULL);
}

static void
test_note_order (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) deck = test_make_deck ("Noted", 1, 4, "1");

  test_import_ok (test_library_fixture_open (f), deck);
  test_save_note (f->library, "noted/1", "one");
  test_save_note (f->library, "noted/2", "two");
  test_save_note (f->library, "noted/3", "three");
  test_assert_keys (test_noted_keys (f->library), "noted/3 noted/2 noted/1");

  /* Edited again, within the same second: first. */
  test_save_note (f->library, "noted/1", "one, edited");
  test_assert_keys (test_noted_keys (f->library), "noted/1 noted/3 noted/2");

  /* The time decides before the order of saves. */
  test_raw_exec_file (f->path, "UPDATE notes SET updated_at = updated_at + 60"
                               " WHERE question_key = 'noted/2'");
  test_assert_keys (test_noted_keys (f->library), "noted/2 noted/1 noted/3");
  test_assert_check (f->library, NULL);
}

/* ---- Viewing history -------------------------------------------------------- */

static void
test_recently_viewed (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) deck = test_make_deck ("Read", 1, 5, "1");
  g_autoptr(RehearseParsedDeck) shorter = test_make_deck ("Read", 1, 3, "2");
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  test_import_ok (test_library_fixture_open (f), deck);
  test_assert_keys (test_recent_keys (f->library, 10), "");
  test_record_view (f->library, "read/1");
  test_record_view (f->library, "read/2");
  test_record_view (f->library, "read/4");
  /* Read again within the same second: first, and listed once. */
  test_record_view (f->library, "read/1");
  test_assert_keys (test_recent_keys (f->library, 10), "read/1 read/4 read/2");
  test_assert_keys (test_recent_keys (f->library, 2), "read/1 read/4");
  /* A view is no change of bookmarks or notes. */
  test_assert_changes (f, "");

  g_assert_false (rehearse_library_record_view (f->library, "read/99", &error));
  g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A question that left its deck leaves the list, and comes back with it. */
  test_import_ok (f->library, shorter);
  test_assert_keys (test_recent_keys (f->library, 10), "read/1 read/2");
  rehearse_parsed_deck_add_source (deck, "more.md", "3", 1);
  test_import_ok (f->library, deck);
  test_assert_keys (test_recent_keys (f->library, 10), "read/1 read/4 read/2");

  /* Deleting a question's user data forgets its view too. */
  test_import_ok (f->library, shorter);
  g_assert_true (rehearse_library_delete_user_data (f->library, "read/4", &error));
  g_assert_no_error (error);
  db = test_raw_open (f->path);
  g_assert_cmpint (test_raw_int (db, "SELECT count (*) FROM views"), ==, 2);
  sqlite3_close (db);
  test_assert_check (f->library, NULL);
}

/* The history keeps the last REHEARSE_LIBRARY_VIEWS_KEPT questions read. */
static void
test_recently_viewed_is_bounded (Fixture       *f,
                                 gconstpointer  data)
{
  const guint count = REHEARSE_LIBRARY_VIEWS_KEPT + 10;
  g_autoptr(RehearseParsedDeck) deck = test_make_deck ("Many", 1, count, "1");
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RehearseQuestion) latest = NULL;
  g_autoptr(RehearseQuestion) oldest = NULL;
  sqlite3 *db;

  test_import_ok (test_library_fixture_open (f), deck);
  for (guint i = 1; i <= count; i++)
    {
      g_autofree char *key = g_strdup_printf ("many/%u", i);

      test_record_view (f->library, key);
    }

  list = rehearse_library_list_recently_viewed (f->library, 10 * count, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, REHEARSE_LIBRARY_VIEWS_KEPT);
  latest = g_list_model_get_item (list, 0);
  oldest = g_list_model_get_item (list, REHEARSE_LIBRARY_VIEWS_KEPT - 1);
  g_assert_cmpstr (rehearse_question_get_key (latest), ==, "many/510");
  g_assert_cmpstr (rehearse_question_get_key (oldest), ==, "many/11");

  db = test_raw_open (f->path);
  g_assert_cmpint (test_raw_int (db, "SELECT count (*) FROM views"), ==,
                   REHEARSE_LIBRARY_VIEWS_KEPT);
  sqlite3_close (db);
}

/* ---- Orphans ------------------------------------------------------------------ */

static void
test_orphans_after_import (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) original = test_make_deck ("Changing", 1, 5, "1");
  g_autoptr(RehearseParsedDeck) shorter = test_make_deck ("Changing", 1, 3, "2");
  g_autoptr(GListModel) list = NULL;
  g_autoptr(RehearseQuestion) fourth = NULL;
  g_autofree char *note = NULL;

  test_import_ok (test_library_fixture_open (f), original);
  test_bookmark (f->library, "changing/4", "later");
  test_save_note (f->library, "changing/5", "My note on five.");
  test_save_note (f->library, "changing/1", "My note on one.");
  g_assert_false (test_has_orphans (f->library));

  test_import_ok (f->library, shorter);
  g_assert_true (test_has_orphans (f->library));
  list = test_orphaned (f->library);
  test_assert_keys (test_keys_of (list), "changing/4 changing/5");
  fourth = g_list_model_get_item (list, 0);
  g_assert_cmpint (rehearse_question_get_id (fourth), >, 0);
  g_assert_cmpint (rehearse_question_get_deck_id (fourth), >, 0);
  g_assert_true (rehearse_question_get_orphaned (fourth));
  g_assert_cmpint (rehearse_question_get_number (fourth), ==, 4);
  g_assert_cmpstr (rehearse_question_get_text (fourth), ==, "What is thing 4?");
  g_assert_cmpstr (rehearse_question_get_answer (fourth), ==, "Thing 4 is a **thing**.");

  /* Out of the lists of live questions, but kept. */
  test_assert_keys (test_bookmarked_keys (f->library, NULL), "");
  test_assert_keys (test_noted_keys (f->library), "changing/1");
  g_assert_true (test_is_bookmarked (f->library, "changing/4"));
  note = test_get_note (f->library, "changing/5");
  g_assert_cmpstr (note, ==, "My note on five.");

  /* Back in the deck: attached again. */
  rehearse_parsed_deck_add_source (original, "more.md", "3", 1);
  test_import_ok (f->library, original);
  test_assert_keys (test_orphaned_keys (f->library), "");
  g_assert_false (test_has_orphans (f->library));
  test_assert_keys (test_bookmarked_keys (f->library, "later"), "changing/4");
  test_assert_keys (test_noted_keys (f->library), "changing/1 changing/5");
  test_assert_check (f->library, NULL);
}

static void
test_orphans_after_delete_deck (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) deck = test_make_deck ("Gone", 1, 4, "1");
  g_autoptr(RehearseParsedDeck) reworded = test_make_deck ("Gone", 1, 4, "2");
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  RehearseQuestion *second, *third;
  RehearseUserEntry *entry;
  gint64 deck_id;

  test_deck_remove_number (deck, 2);
  test_deck_remove_number (reworded, 2);
  deck_id = test_import_ok (test_library_fixture_open (f), deck).deck_id;
  test_bookmark (f->library, "gone/2", "keep");
  test_save_note (f->library, "gone/2", "Two.");
  test_save_note (f->library, deck_question_key (deck, 2), "Three, unnumbered.");

  /* The text the question had when its row went is what is kept. */
  g_free (((RehearseParsedQuestion *) g_ptr_array_index (reworded->questions, 1))->text);
  ((RehearseParsedQuestion *) g_ptr_array_index (reworded->questions, 1))->text =
    g_strdup ("What is thing 2, said `better`?");
  deck_id = test_import_ok (f->library, reworded).deck_id;

  g_assert_true (rehearse_library_delete_deck (f->library, deck_id, &error));
  g_assert_no_error (error);

  /* No row left: the user data alone makes them orphans. */
  g_assert_true (test_has_orphans (f->library));
  list = test_orphaned (f->library);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  second = test_question_at (list, 0);
  third = test_question_at (list, 1);
  g_assert_cmpstr (rehearse_question_get_key (second), ==, "gone/2");
  g_assert_cmpint (rehearse_question_get_id (second), ==, 0);
  g_assert_cmpint (rehearse_question_get_deck_id (second), ==, 0);
  g_assert_cmpint (rehearse_question_get_number (second), ==, 2);
  g_assert_cmpstr (rehearse_question_get_text (second), ==, "What is thing 2, said `better`?");
  g_assert_true (rehearse_question_get_orphaned (second));
  g_assert_cmpint (rehearse_question_get_number (third), ==, -1);
  g_assert_cmpstr (rehearse_question_get_text (third), ==, "What is thing 3?");

  entries = rehearse_library_list_user_entries (f->library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->question_key, ==, "gone/2");
  g_assert_cmpstr (entry->question_text, ==, "2. What is thing 2, said `better`?");
  entry = g_ptr_array_index (entries, 1);
  g_assert_cmpstr (entry->question_text, ==, "What is thing 3?");

  test_assert_keys (test_bookmarked_keys (f->library, NULL), "");
  test_assert_keys (test_noted_keys (f->library), "");
  {
    RehearseLibraryCounts counts;

    /* `check` counts them too, though no row is left. */
    g_assert_true (rehearse_library_check (f->library, &counts, &error));
    g_assert_cmpuint (counts.orphaned_questions, ==, 2);
    g_assert_cmpuint (counts.questions, ==, 0);
  }

  /* The deck imported again: the same keys, new rows, the data attached. */
  test_import_ok (f->library, deck);
  test_assert_keys (test_orphaned_keys (f->library), "");
  g_assert_false (test_has_orphans (f->library));
  test_assert_keys (test_bookmarked_keys (f->library, "keep"), "gone/2");
  {
    g_autofree char *expected = g_strdup_printf ("%s gone/2", deck_question_key (deck, 2));

    test_assert_keys (test_noted_keys (f->library), expected);
  }
  test_assert_check (f->library, NULL);
}

static void
test_delete_user_data (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) original = test_make_deck ("Cleaned", 1, 4, "1");
  g_autoptr(RehearseParsedDeck) shorter = test_make_deck ("Cleaned", 1, 2, "2");
  g_autoptr(GError) error = NULL;
  RehearseFsrsParameters parameters;
  RehearseLibraryCounts counts;
  sqlite3 *db;

  test_import_ok (test_library_fixture_open (f), original);
  test_bookmark (f->library, "cleaned/1", "x");
  test_save_note (f->library, "cleaned/1", "Live one.");
  test_bookmark (f->library, "cleaned/3", NULL);
  test_save_note (f->library, "cleaned/4", "Orphan four.");
  rehearse_fsrs_parameters_init_default (&parameters);
  g_assert_true (rehearse_library_record_review (f->library, "cleaned/1", &parameters,
                                                 REHEARSE_GRADE_GOOD, 1000, 0, NULL, &error));
  g_assert_no_error (error);
  test_import_ok (f->library, shorter);
  g_ptr_array_set_size (f->changed, 0);

  /* A live question: its user data goes, its row stays. */
  g_assert_true (rehearse_library_delete_user_data (f->library, "cleaned/1", &error));
  g_assert_no_error (error);
  test_assert_changes (f, "cleaned/1");
  g_assert_false (test_is_bookmarked (f->library, "cleaned/1"));
  g_assert_null (test_get_note (f->library, "cleaned/1"));
  db = test_raw_open (f->path);
  g_assert_cmpint (test_raw_int (db, "SELECT count(*) FROM review_state"), ==, 0);
  g_assert_cmpint (test_raw_int (db, "SELECT count(*) FROM review_log"), ==, 0);
  g_assert_cmpint (test_raw_int (db, "SELECT count(*) FROM questions"
                                     " WHERE question_key = 'cleaned/1'"), ==, 1);

  /* An orphan: its row goes with it. */
  test_assert_keys (test_orphaned_keys (f->library), "cleaned/3 cleaned/4");
  g_assert_true (rehearse_library_delete_user_data (f->library, "cleaned/4", &error));
  test_assert_changes (f, "cleaned/4");
  g_assert_cmpint (test_raw_int (db, "SELECT count(*) FROM questions"
                                     " WHERE question_key = 'cleaned/4'"), ==, 0);
  test_assert_keys (test_orphaned_keys (f->library), "cleaned/3");
  sqlite3_close (db);

  /* Nothing to delete: no error, no signal. */
  g_assert_true (rehearse_library_delete_user_data (f->library, "cleaned/4", &error));
  g_assert_true (rehearse_library_delete_user_data (f->library, "nowhere/1", &error));
  g_assert_no_error (error);
  test_assert_changes (f, "");

  g_assert_true (rehearse_library_check (f->library, &counts, &error));
  g_assert_cmpuint (counts.orphaned_questions, ==, 1);
  g_assert_cmpuint (counts.bookmarks, ==, 1);
  g_assert_cmpuint (counts.notes, ==, 0);
}

/* ---- Entries and restore ------------------------------------------------------ */

/* Bookmarked when it has a bookmark's date, as these tests make them. */
static RehearseUserEntry *
make_entry (const char *question_key,
            const char *question_text,
            const char *label,
            gint64      bookmarked_at,
            const char *note,
            gint64      note_updated_at)
{
  return test_entry_new (question_key, question_text, bookmarked_at != 0, bookmarked_at, label,
                         note, note_updated_at);
}

static char *
entry_keys (GPtrArray *entries)
{
  g_autoptr(GString) keys = g_string_new (NULL);

  for (guint i = 0; i < entries->len; i++)
    g_string_append_printf (keys, "%s%s", i > 0 ? " " : "",
                            ((RehearseUserEntry *) g_ptr_array_index (entries, i))->question_key);
  return g_string_free (g_steal_pointer (&keys), FALSE);
}

static void
test_entries_order (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) second_deck = test_make_deck ("Beta", 1, 3, "1");
  g_autoptr(RehearseParsedDeck) first_deck = test_make_deck ("alpha", 1, 5, "1");
  g_autoptr(RehearseParsedDeck) first_shorter = test_make_deck ("alpha", 1, 4, "2");
  g_autoptr(RehearseParsedDeck) gone = test_make_deck ("Gone", 1, 2, "1");
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  RehearseUserEntry *entry;
  gint64 gone_id;

  test_library_fixture_open (f);
  test_import_ok (f->library, second_deck);
  test_import_ok (f->library, first_deck);
  gone_id = test_import_ok (f->library, gone).deck_id;
  test_save_note (f->library, "gone/1", "Of a deleted deck.");
  test_save_note (f->library, "beta/3", "Beta three.");
  test_bookmark (f->library, "beta/1", "b");
  test_save_note (f->library, "alpha/5", "Alpha five, orphaned.");
  test_bookmark (f->library, "alpha/3", NULL);
  test_save_note (f->library, "alpha/2", "Alpha two.");
  test_bookmark (f->library, "alpha/2", "both");
  test_import_ok (f->library, first_shorter);
  g_assert_true (rehearse_library_delete_deck (f->library, gone_id, &error));
  test_raw_exec_file (f->path,
                      "UPDATE bookmarks SET created_at = 1234 WHERE question_key = 'alpha/2';"
                      "UPDATE notes SET updated_at = 5678 WHERE question_key = 'alpha/2'");

  /* Decks as the sidebar lists them (case-insensitive), each in reading
   * order; then orphaned rows; then keys whose deck is gone. */
  entries = test_list_entries (f->library);
  test_assert_keys (entry_keys (entries), "alpha/2 alpha/3 beta/1 beta/3 alpha/5 gone/1");

  entry = test_find_entry (entries, "alpha/2");
  g_assert_cmpstr (entry->question_text, ==, "2. What is thing 2?");
  g_assert_true (entry->bookmarked);
  g_assert_cmpstr (entry->label, ==, "both");
  g_assert_cmpint (entry->bookmarked_at, ==, 1234);
  g_assert_cmpstr (entry->note, ==, "Alpha two.");
  g_assert_cmpint (entry->note_updated_at, ==, 5678);

  entry = test_find_entry (entries, "alpha/3");
  g_assert_true (entry->bookmarked);
  g_assert_null (entry->label);
  g_assert_null (entry->note);
  g_assert_cmpint (entry->note_updated_at, ==, 0);

  entry = test_find_entry (entries, "beta/3");
  g_assert_false (entry->bookmarked);
  g_assert_cmpint (entry->bookmarked_at, ==, 0);

  entry = test_find_entry (entries, "gone/1");
  g_assert_cmpstr (entry->question_text, ==, "1. What is thing 1?");
  g_assert_cmpstr (entry->note, ==, "Of a deleted deck.");
}

static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) deck = test_make_deck ("Kept", 1, 6, "1");
  g_autoptr(GPtrArray) entries = test_entries_new ();
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(RehearseQuestion) gone = NULL;
  g_autoptr(GError) error = NULL;
  RehearseRestoreResult result = { 0, };
  RehearseUserEntry *entry;

  test_import_ok (test_library_fixture_open (f), deck);
  test_save_note (f->library, "kept/2", "Old note in the library.");
  test_save_note (f->library, "kept/3", "Newer note in the library.");
  test_save_note (f->library, "kept/4", "Same note.");
  test_bookmark (f->library, "kept/5", "old label");
  test_bookmark (f->library, "kept/6", "same");
  test_raw_exec_file (f->path,
                      "UPDATE notes SET updated_at = 500 WHERE question_key = 'kept/2';"
                      "UPDATE notes SET updated_at = 3000 WHERE question_key = 'kept/3';"
                      "UPDATE bookmarks SET created_at = 700 WHERE question_key = 'kept/5'");
  g_ptr_array_set_size (f->changed, 0);

  g_ptr_array_add (entries, make_entry ("kept/1", "1. What is thing 1?", "new", 1000, NULL, 0));
  g_ptr_array_add (entries, make_entry ("kept/2", NULL, NULL, 0, "Restored, newer.", 2000));
  g_ptr_array_add (entries, make_entry ("kept/3", NULL, NULL, 0, "Restored, older.", 2000));
  g_ptr_array_add (entries, make_entry ("kept/4", NULL, NULL, 0, "Same note.", 1));
  g_ptr_array_add (entries, make_entry ("kept/5", NULL, "new label", 9000, NULL, 0));
  g_ptr_array_add (entries, make_entry ("kept/6", NULL, "same", 9000, "  ", 0));
  g_ptr_array_add (entries, make_entry ("gone/7", "7. What was `gone`?", "orphan", 1500,
                                        "About a question no deck has.", 1600));

  g_assert_true (rehearse_library_restore_user_entries (f->library, entries, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.bookmarks_restored, ==, 3);
  g_assert_cmpuint (result.notes_restored, ==, 2);
  g_assert_cmpuint (result.notes_kept, ==, 1);
  g_assert_cmpuint (result.unchanged, ==, 2);
  test_assert_changes (f, "kept/1 kept/2 kept/5 gone/7");

  after = test_list_entries (f->library);
  entry = test_find_entry (after, "kept/1");
  g_assert_cmpint (entry->bookmarked_at, ==, 1000);
  g_assert_cmpstr (entry->label, ==, "new");
  entry = test_find_entry (after, "kept/2");
  g_assert_cmpstr (entry->note, ==, "Restored, newer.");
  g_assert_cmpint (entry->note_updated_at, ==, 2000);
  entry = test_find_entry (after, "kept/3");
  g_assert_cmpstr (entry->note, ==, "Newer note in the library.");
  g_assert_cmpint (entry->note_updated_at, ==, 3000);
  entry = test_find_entry (after, "kept/5");
  g_assert_cmpstr (entry->label, ==, "new label");
  g_assert_cmpint (entry->bookmarked_at, ==, 700);
  entry = test_find_entry (after, "gone/7");
  g_assert_cmpstr (entry->question_text, ==, "7. What was `gone`?");
  g_assert_cmpint (entry->bookmarked_at, ==, 1500);
  g_assert_cmpint (entry->note_updated_at, ==, 1600);

  /* The key without a question is kept, shown as orphaned by its snapshot. */
  list = test_orphaned (f->library);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  gone = g_list_model_get_item (list, 0);
  g_assert_cmpstr (rehearse_question_get_key (gone), ==, "gone/7");
  g_assert_cmpint (rehearse_question_get_number (gone), ==, 7);
  g_assert_cmpstr (rehearse_question_get_text (gone), ==, "What was `gone`?");
  test_assert_keys (test_bookmarked_keys (f->library, NULL), "kept/6 kept/1 kept/5");

  /* Restoring the same file again changes nothing. */
  g_assert_true (rehearse_library_restore_user_entries (f->library, entries, &result, &error));
  g_assert_cmpuint (result.bookmarks_restored, ==, 0);
  g_assert_cmpuint (result.notes_restored, ==, 0);
  g_assert_cmpuint (result.notes_kept, ==, 1);
  g_assert_cmpuint (result.unchanged, ==, 6);
  test_assert_changes (f, "");
  test_assert_check (f->library, NULL);
}

/* Whatever the handler reads is already committed. */
static void
read_in_handler (RehearseLibrary *library,
                 const char      *question_key,
                 guint           *seen)
{
  g_autofree char *note = test_get_note (library, question_key);

  g_assert_nonnull (note);
  (*seen)++;
}

static void
test_restore_all_or_nothing (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) deck = test_make_deck ("Atomic", 1, 3, "1");
  g_autoptr(GPtrArray) entries = test_entries_new ();
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  RehearseRestoreResult result = { 99, 99, 99, 99 };
  gint64 data_version;
  guint seen = 0;
  sqlite3 *observer;

  test_import_ok (test_library_fixture_open (f), deck);
  test_save_note (f->library, "atomic/1", "Before.");
  g_ptr_array_set_size (f->changed, 0);
  observer = test_raw_open (f->path);
  data_version = test_raw_int (observer, "PRAGMA data_version");

  g_ptr_array_add (entries, make_entry ("atomic/2", NULL, "l", 100, "New.", 100));
  g_ptr_array_add (entries, make_entry ("atomic/1", NULL, NULL, 0, "Replaced?", G_MAXINT32));
  g_ptr_array_add (entries, make_entry ("", NULL, NULL, 0, "No key.", 100));

  g_assert_false (rehearse_library_restore_user_entries (f->library, entries, &result, &error));
  g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpuint (result.bookmarks_restored, ==, 99);
  g_assert_cmpint (test_raw_int (observer, "PRAGMA data_version"), ==, data_version);
  after = test_list_entries (f->library);
  test_assert_keys (entry_keys (after), "atomic/1");
  g_assert_cmpstr (test_find_entry (after, "atomic/1")->note, ==, "Before.");
  test_assert_changes (f, "");

  /* Without the bad entry it goes through, and handlers see it done. */
  g_ptr_array_remove_index (entries, 2);
  g_signal_connect (f->library, "user-data-changed", G_CALLBACK (read_in_handler), &seen);
  g_assert_true (rehearse_library_restore_user_entries (f->library, entries, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen, ==, 2);
  g_assert_cmpint (test_raw_int (observer, "PRAGMA data_version"), !=, data_version);
  sqlite3_close (observer);
  test_assert_changes (f, "atomic/2 atomic/1");
}

/* ---- Signal -------------------------------------------------------------------- */

static void
test_signal (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) deck = test_make_deck ("Loud", 1, 2, "1");
  g_autoptr(GError) error = NULL;

  test_import_ok (test_library_fixture_open (f), deck);
  test_assert_changes (f, "");

  test_bookmark (f->library, "loud/1", NULL);
  test_bookmark (f->library, "loud/1", NULL);
  test_bookmark (f->library, "loud/1", "label");
  unbookmark (f->library, "loud/1");
  unbookmark (f->library, "loud/1");
  test_assert_changes (f, "loud/1 loud/1 loud/1");

  test_save_note (f->library, "loud/2", "text");
  test_save_note (f->library, "loud/2", "text");
  test_save_note (f->library, "loud/2", "other");
  test_save_note (f->library, "loud/2", " ");
  test_save_note (f->library, "loud/2", " ");
  test_assert_changes (f, "loud/2 loud/2 loud/2");

  g_assert_false (rehearse_library_set_bookmarked (f->library, "loud/3", TRUE, NULL, &error));
  g_clear_error (&error);
  g_assert_false (rehearse_library_save_note (f->library, "loud/3", "x", &error));
  g_clear_error (&error);
  test_assert_changes (f, "");

  test_save_note (f->library, "loud/1", "x");
  g_assert_true (rehearse_library_delete_user_data (f->library, "loud/1", &error));
  g_assert_true (rehearse_library_delete_user_data (f->library, "loud/1", &error));
  test_assert_changes (f, "loud/1 loud/1");
}

/* ---- Changes made elsewhere ----------------------------------------------------- */

static void
count_emission (RehearseLibrary *library,
                guint           *count)
{
  (*count)++;
}

static gboolean
check_changed_elsewhere (RehearseLibrary *library)
{
  g_autoptr(GError) error = NULL;
  gboolean changed = rehearse_library_check_changed_elsewhere (library, &error);

  g_assert_no_error (error);
  return changed;
}

/* rehearse-cli writes through its own connection while the app has the
 * library open: the app learns of it, once, and whether decks changed. */
static void
test_changed_elsewhere (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) deck = test_make_deck ("Shared", 1, 3, "1");
  g_autoptr(RehearseParsedDeck) updated = test_make_deck ("Shared", 1, 3, "2");
  g_autoptr(RehearseParsedDeck) other = test_make_deck ("Other", 1, 1, "1");
  g_autoptr(RehearseLibrary) elsewhere = NULL;
  g_autoptr(RehearseDeck) other_deck = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  guint decks_changed = 0;

  test_import_ok (test_library_fixture_open (f), deck);
  g_signal_connect (f->library, "decks-changed", G_CALLBACK (count_emission), &decks_changed);
  elsewhere = test_open_library (f->path);

  /* Nothing yet, and this process's own writes are no change elsewhere. */
  g_assert_false (check_changed_elsewhere (f->library));
  test_bookmark (f->library, "shared/1", NULL);
  g_assert_false (check_changed_elsewhere (f->library));
  test_assert_changes (f, "shared/1");

  /* A note saved by the other: user data, not decks, reported once. */
  test_save_note (elsewhere, "shared/2", "From the terminal.");
  g_assert_true (check_changed_elsewhere (f->library));
  test_assert_changes (f, "(any)");
  g_assert_cmpuint (decks_changed, ==, 0);
  note = test_get_note (f->library, "shared/2");
  g_assert_cmpstr (note, ==, "From the terminal.");
  g_assert_false (check_changed_elsewhere (f->library));
  test_assert_changes (f, "");

  /* A deck updated, one imported, one removed: each a change of decks. */
  test_import_ok (elsewhere, updated);
  g_assert_true (check_changed_elsewhere (f->library));
  g_assert_cmpuint (decks_changed, ==, 1);
  test_import_ok (elsewhere, other);
  g_assert_true (check_changed_elsewhere (f->library));
  g_assert_cmpuint (decks_changed, ==, 2);
  other_deck = rehearse_library_find_deck (elsewhere, "Other", &error);
  g_assert_no_error (error);
  g_assert_true (rehearse_library_delete_deck (elsewhere, rehearse_deck_get_id (other_deck), &error));
  g_assert_no_error (error);
  g_assert_true (check_changed_elsewhere (f->library));
  g_assert_cmpuint (decks_changed, ==, 3);
  test_assert_changes (f, "(any) (any) (any)");

  /* The same sources again write nothing: no change to report. */
  test_import_ok (elsewhere, updated);
  g_assert_false (check_changed_elsewhere (f->library));
  g_assert_cmpuint (decks_changed, ==, 3);
  test_assert_changes (f, "");
}

/* ---- Search -------------------------------------------------------------------- */

static void
test_search_notes (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) deck = test_make_deck ("Searched", 1, 6, "1");
  g_autoptr(RehearseParsedDeck) shorter = test_make_deck ("Searched", 1, 5, "2");
  g_autoptr(GListModel) penguin = NULL;
  g_autoptr(GListModel) prefix = NULL;
  g_autoptr(GListModel) thing = NULL;
  g_autoptr(GListModel) one = NULL;
  g_autoptr(GListModel) gone = NULL;
  g_autoptr(GListModel) deleted = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GListModel) cancelled = NULL;
  g_autoptr(GError) error = NULL;
  RehearseSearchResult *result;

  test_import_ok (test_library_fixture_open (f), deck);
  test_save_note (f->library, "searched/3",
                  "My *mnemonic*: the penguin remembers every thing, in order, "
                  "for as long as the deck lives and then some more words after it.");
  test_save_note (f->library, "searched/6", "A penguin note on a question that goes away.");

  penguin = test_search (f->library, "Penguin", 50);
  g_assert_cmpuint (g_list_model_get_n_items (penguin), ==, 2);
  result = test_result_at (penguin, 0);
  g_assert_true (rehearse_search_result_get_in_note (result));
  g_assert_nonnull (strstr (rehearse_search_result_get_snippet (result),
                            REHEARSE_MATCH_START "penguin" REHEARSE_MATCH_END));
  g_assert_null (strchr (rehearse_search_result_get_snippet (result), '*'));

  prefix = test_search (f->library, "mnemo", 50);
  g_assert_cmpuint (g_list_model_get_n_items (prefix), ==, 1);
  g_assert_cmpstr (test_result_key (prefix, 0), ==, "searched/3");
  g_assert_cmpstr (rehearse_search_result_get_snippet (test_result_at (prefix, 0)), ==,
                   "My " REHEARSE_MATCH_START "mnemonic" REHEARSE_MATCH_END
                   ": the penguin remembers every thing, in order, for as long…");

  /* Matching in its text and in its note: listed once, first, as a note
   * match; the others as question matches. */
  thing = test_search (f->library, "thing", 50);
  g_assert_cmpuint (g_list_model_get_n_items (thing), ==, 6);
  g_assert_cmpstr (test_result_key (thing, 0), ==, "searched/3");
  g_assert_true (rehearse_search_result_get_in_note (test_result_at (thing, 0)));
  for (guint i = 1; i < 6; i++)
    {
      g_assert_cmpstr (test_result_key (thing, i), !=, "searched/3");
      g_assert_false (rehearse_search_result_get_in_note (test_result_at (thing, i)));
      g_assert_nonnull (strstr (rehearse_search_result_get_snippet (test_result_at (thing, i)),
                                REHEARSE_MATCH_START));
    }

  /* The limit counts both. */
  one = test_search (f->library, "thing", 1);
  g_assert_cmpuint (g_list_model_get_n_items (one), ==, 1);
  g_assert_true (rehearse_search_result_get_in_note (test_result_at (one, 0)));

  /* The note of an orphaned question is not found, as its question is not. */
  test_import_ok (f->library, shorter);
  gone = test_search (f->library, "penguin", 50);
  g_assert_cmpuint (g_list_model_get_n_items (gone), ==, 1);
  g_assert_cmpstr (test_result_key (gone, 0), ==, "searched/3");

  /* A deleted note is gone from the index. */
  test_save_note (f->library, "searched/3", "");
  deleted = test_search (f->library, "penguin", 50);
  g_assert_cmpuint (g_list_model_get_n_items (deleted), ==, 0);

  g_cancellable_cancel (cancellable);
  cancelled = rehearse_library_search (f->library, "thing", 10, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cancelled);
  test_assert_check (f->library, NULL);
}

/* ---- Migration ----------------------------------------------------------------- */

/* The rows an import wrote in version 1 of the schema (today's import
 * writes today's schema): a deck of one topic. */
static void
store_as_version_1 (const char         *path,
                    RehearseParsedDeck *deck)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *db = test_raw_open (path);

  sql = g_strdup_printf ("BEGIN;"
                         "INSERT INTO decks (id, deck_key, title, content_hash, imported_at)"
                         " VALUES (1, '%s', '%s', 'hash', 0);"
                         "INSERT INTO topics (id, deck_id, position, title)"
                         " VALUES (1, 1, 0, 't');",
                         deck->deck_key, deck->title);
  test_raw_exec (db, sql);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO questions (question_key, deck_id,"
                                       " topic_id, position, number, text, answer)"
                                       " VALUES (?, 1, 1, ?, ?, ?, ?)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < deck->questions->len; i++)
    {
      RehearseParsedQuestion *question = g_ptr_array_index (deck->questions, i);

      sqlite3_bind_text (stmt, 1, question->question_key, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, (int) i);
      if (question->number >= 0)
        sqlite3_bind_int (stmt, 3, question->number);
      else
        sqlite3_bind_null (stmt, 3);
      sqlite3_bind_text (stmt, 4, question->text, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, question->answer, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  test_raw_exec (db, "COMMIT");
  sqlite3_close (db);
}

static void
test_migration_keeps_user_data (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) deck = test_make_deck ("Old", 1, 4, "1");
  g_autoptr(RehearseLibrary) old = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *snapshot = NULL;
  g_autofree char *note = NULL;
  g_autofree char *sql = NULL;
  RehearseLibraryCounts counts;
  RehearseQuestion *question;
  sqlite3 *db;

  /* A library as version 1 of the schema wrote it. */
  test_deck_remove_number (deck, 3);
  old = rehearse_library_open_version (f->path, 1, &error);
  g_assert_no_error (error);
  g_clear_object (&old);
  store_as_version_1 (f->path, deck);
  sql = g_strdup_printf ("INSERT INTO bookmarks VALUES ('old/1', 'first', 100);"
                         "INSERT INTO bookmarks VALUES ('old/2', '', 100);"
                         "INSERT INTO bookmarks VALUES ('missing/9', NULL, 50);"
                         "INSERT INTO notes VALUES ('old/2', 'An old note about walruses.', 10);"
                         "INSERT INTO notes VALUES ('%s', 'Unnumbered walrus.', 20);",
                         deck_question_key (deck, 3));
  test_raw_exec_file (f->path, sql);
  db = test_raw_open (f->path);
  g_assert_cmpint (test_raw_int (db, "PRAGMA user_version"), ==, 1);
  sqlite3_close (db);

  test_library_fixture_open (f);
  db = test_raw_open (f->path);
  g_assert_cmpint (test_raw_int (db, "PRAGMA user_version"), ==, 8);
  snapshot = test_raw_text (db, "SELECT question_text FROM bookmarks"
                                " WHERE question_key = 'old/1'");
  g_assert_cmpstr (snapshot, ==, "1. What is thing 1?");
  sqlite3_close (db);

  g_assert_true (test_get_bookmark (f->library, "old/1", &label));
  g_assert_cmpstr (label, ==, "first");
  g_clear_pointer (&label, g_free);
  g_assert_true (test_get_bookmark (f->library, "old/2", &label));
  g_assert_null (label);
  note = test_get_note (f->library, "old/2");
  g_assert_cmpstr (note, ==, "An old note about walruses.");

  /* Same second: the order they were made in, newest first. */
  test_assert_keys (test_bookmarked_keys (f->library, NULL), "old/2 old/1");
  {
    g_autofree char *expected = g_strdup_printf ("%s old/2", deck_question_key (deck, 3));

    test_assert_keys (test_noted_keys (f->library), expected);
  }

  /* The notes are indexed, the unnumbered question's snapshot is its text,
   * a key that had no question keeps its key as a name. */
  found = test_search (f->library, "walruses", 50);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  g_assert_cmpstr (test_result_key (found, 0), ==, "old/2");
  g_assert_true (rehearse_search_result_get_in_note (test_result_at (found, 0)));
  entries = test_list_entries (f->library);
  g_assert_cmpstr (test_find_entry (entries, deck_question_key (deck, 3))->question_text, ==,
                   "What is thing 4?");
  list = test_orphaned (f->library);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  question = test_question_at (list, 0);
  g_assert_cmpstr (rehearse_question_get_key (question), ==, "missing/9");
  g_assert_cmpstr (rehearse_question_get_text (question), ==, "missing/9");
  g_assert_cmpint (rehearse_question_get_number (question), ==, -1);

  g_assert_true (rehearse_library_check (f->library, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.bookmarks, ==, 3);
  g_assert_cmpuint (counts.notes, ==, 2);

  /* And it is writable as any library. */
  test_save_note (f->library, "old/2", "A new walrus note.");
  test_bookmark (f->library, "old/3", NULL);
  test_assert_keys (test_bookmarked_keys (f->library, NULL), "old/3 old/2 old/1");
  test_record_view (f->library, "old/2");
  test_assert_keys (test_recent_keys (f->library, 10), "old/2");
  test_assert_check (f->library, NULL);
}

/* A read that fails is an error, not "no note" or "not bookmarked": the
 * tables are hidden by another connection, then brought back. */
static void
test_read_errors_are_errors (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) deck = test_make_deck ("Unread", 1, 2, "1");
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *back = NULL;
  char *note = (char *) "untouched";
  gboolean bookmarked = TRUE;

  test_import_ok (test_library_fixture_open (f), deck);
  test_save_note (f->library, "unread/1", "Stored");
  test_bookmark (f->library, "unread/1", "kept");

  test_raw_exec_file (f->path, "ALTER TABLE notes RENAME TO notes_hidden;"
                               "ALTER TABLE bookmarks RENAME TO bookmarks_hidden;");
  g_assert_false (rehearse_library_get_note (f->library, "unread/1", &note, &error));
  g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_DATABASE);
  g_assert_null (note);
  g_clear_error (&error);
  g_assert_false (rehearse_library_is_bookmarked (f->library, "unread/1", &bookmarked, &error));
  g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_DATABASE);
  g_clear_error (&error);
  g_assert_false (rehearse_library_get_bookmark (f->library, "unread/1", &bookmarked, &label,
                                                 &error));
  g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_DATABASE);
  g_assert_null (label);

  test_raw_exec_file (f->path, "ALTER TABLE notes_hidden RENAME TO notes;"
                               "ALTER TABLE bookmarks_hidden RENAME TO bookmarks;");
  back = test_get_note (f->library, "unread/1");
  g_assert_cmpstr (back, ==, "Stored");
  g_assert_true (test_get_bookmark (f->library, "unread/1", &label));
  g_assert_cmpstr (label, ==, "kept");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, test_library_fixture_set_up, func, \
              test_library_fixture_tear_down)

  ADD ("/user-data/bookmarks/labels", test_bookmark_labels);
  ADD ("/user-data/bookmarks/order", test_bookmark_order);
  ADD ("/user-data/bookmarks/unknown", test_bookmark_unknown);
  ADD ("/user-data/notes/save", test_note_save);
  ADD ("/user-data/notes/order", test_note_order);
  ADD ("/user-data/orphans/after-import", test_orphans_after_import);
  ADD ("/user-data/orphans/after-delete-deck", test_orphans_after_delete_deck);
  ADD ("/user-data/delete", test_delete_user_data);
  ADD ("/user-data/entries/order", test_entries_order);
  ADD ("/user-data/restore", test_restore);
  ADD ("/user-data/restore/all-or-nothing", test_restore_all_or_nothing);
  ADD ("/user-data/signal", test_signal);
  ADD ("/user-data/changed-elsewhere", test_changed_elsewhere);
  ADD ("/user-data/search/notes", test_search_notes);
  ADD ("/user-data/recently-viewed", test_recently_viewed);
  ADD ("/user-data/recently-viewed/bounded", test_recently_viewed_is_bounded);
  ADD ("/user-data/migration", test_migration_keeps_user_data);
  ADD ("/user-data/read-errors-are-errors", test_read_errors_are_errors);

#undef ADD

  return g_test_run ();
}
