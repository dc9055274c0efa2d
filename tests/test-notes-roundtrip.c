/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <string.h>

#include "rehearse-notes-file.h"
#include "test-library-support.h"

/* A library's user data through the notes file and back into another
 * library: what the format tests cannot see, the library's own reading
 * and restoring, with live questions, a question orphaned by a changed
 * deck, and a deck deleted. */

typedef struct
{
  char            *dir;
  RehearseLibrary *original;
  RehearseLibrary *restored;
} Fixture;

static char *
fixture_path (Fixture    *f,
              const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static RehearseLibrary *
open_library (Fixture    *f,
              const char *name)
{
  g_autofree char *path = fixture_path (f, name);

  return test_open_library (path);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_make_temp_dir ("rehearse-notes-roundtrip-XXXXXX");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->original);
  g_clear_object (&f->restored);
  test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

/* ---- Decks ------------------------------------------------------------------- */

/* Alpha's second version: question 2 reworded, question 9 gone. */
static RehearseParsedDeck *
make_changed_alpha (void)
{
  RehearseParsedDeck *deck = test_make_deck ("Alpha", 2, 10, "2");
  RehearseParsedQuestion *second = g_ptr_array_index (deck->questions, 1);

  g_free (second->text);
  second->text = g_strdup ("What is thing 2, *reworded*?");
  g_ptr_array_remove_index (deck->questions, 8);
  return deck;
}

/* Beta, to be deleted: question 3 with code in its text, and one question
 * without a number, so its snapshot is the bare text. */
static RehearseParsedDeck *
make_beta (void)
{
  RehearseParsedDeck *deck = test_make_deck ("Beta", 2, 4, "1");
  RehearseParsedQuestion *third = g_ptr_array_index (deck->questions, 2);

  g_free (third->text);
  third->text = g_strdup ("What is `thing` 3?");
  rehearse_parsed_deck_add_question (deck, 1, -1, "Why is this one unnumbered?", "Because.",
                                     NULL);
  rehearse_parsed_deck_assign_keys (deck);
  return deck;
}

static gint64
find_deck_id (RehearseLibrary *library,
              const char      *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RehearseDeck) deck = rehearse_library_find_deck (library, title, &error);

  g_assert_no_error (error);
  return rehearse_deck_get_id (deck);
}

/* ---- User data -------------------------------------------------------------- */

/* Everything made in this test's second would restore the same even if
 * the restore stamped its own time, and ties would hide the order of the
 * lists: give every bookmark and note a distinct date of its own, years
 * back. */
static void
backdate_user_data (Fixture *f)
{
  g_autofree char *path = fixture_path (f, "original.db");

  g_clear_object (&f->original);
  test_raw_exec_file (path, "UPDATE bookmarks SET created_at = 1600000000 + 1000 * id;"
                            "UPDATE notes SET updated_at = 1600000500 + 1000 * id;");
  f->original = open_library (f, "original.db");
}

/* The original library: bookmarks with and without labels, Markdown
 * notes, a noted question orphaned by a changed deck, a deck deleted. */
static void
fill_original (Fixture *f)
{
  g_autoptr(RehearseParsedDeck) alpha = test_make_deck ("Alpha", 2, 10, "1");
  g_autoptr(RehearseParsedDeck) changed_alpha = make_changed_alpha ();
  g_autoptr(RehearseParsedDeck) beta = make_beta ();
  g_autoptr(GError) error = NULL;

  f->original = open_library (f, "original.db");
  test_import_ok (f->original, alpha);
  test_import_ok (f->original, beta);

  test_bookmark (f->original, "alpha/1", "asked at ACME");
  test_bookmark (f->original, "alpha/2", NULL);
  test_bookmark (f->original, "alpha/7", "état 🚀");
  test_save_note (f->original, "alpha/2",
                  "# My take\n\nThe **short** answer, then code:\n\n"
                  "```sh\ndocker run --rm -it alpine\n```\n\n- one\n- two\n");
  test_save_note (f->original, "alpha/5", "No trailing newline, `code` and a [link](https://x.y)");
  test_bookmark (f->original, "alpha/9", "weak spot");
  test_save_note (f->original, "alpha/9", "Noted before the deck dropped it.\n");
  test_bookmark (f->original, "beta/2", NULL);
  test_save_note (f->original, "beta/2", "Beta's note.\n");
  test_save_note (f->original, "beta/3", "> A quote\n\n1. first\n2. second\n");
  test_bookmark (f->original, "beta/why-is-this-one-unnumbered", "unnumbered");

  test_import_ok (f->original, changed_alpha);
  g_assert_true (rehearse_library_delete_deck (f->original, find_deck_id (f->original, "Beta"),
                                               &error));
  g_assert_no_error (error);

  backdate_user_data (f);
}

/* ---- Tests -------------------------------------------------------------------- */

static GPtrArray *
write_and_read (Fixture   *f,
                GPtrArray *entries)
{
  g_autofree char *path = fixture_path (f, "notes.md");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GPtrArray *read = NULL;

  g_assert_true (rehearse_notes_file_write (file, entries, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rehearse_notes_file_read (file, &read, NULL, &error));
  g_assert_no_error (error);
  return read;
}

static RehearseRestoreResult
restore (RehearseLibrary *library,
         GPtrArray       *entries)
{
  g_autoptr(GError) error = NULL;
  RehearseRestoreResult result = { 0, };

  g_assert_true (rehearse_library_restore_user_entries (library, entries, &result, &error));
  g_assert_no_error (error);
  return result;
}

/* What the original holds, checked once, so that a wrong setup cannot
 * pass for a round trip. */
static void
assert_original_entries (GPtrArray *entries)
{
  const RehearseUserEntry *reworded = test_find_entry (entries, "alpha/2");
  const RehearseUserEntry *orphaned = test_find_entry (entries, "alpha/9");
  const RehearseUserEntry *unnumbered = test_find_entry (entries,
                                                         "beta/why-is-this-one-unnumbered");
  const RehearseUserEntry *labelled = test_find_entry (entries, "alpha/1");

  g_assert_cmpuint (entries->len, ==, 8);
  g_assert_cmpstr (reworded->question_text, ==, "2. What is thing 2, *reworded*?");
  g_assert_cmpstr (orphaned->question_text, ==, "9. What is thing 9?");
  g_assert_cmpstr (orphaned->label, ==, "weak spot");
  g_assert_cmpstr (unnumbered->question_text, ==, "Why is this one unnumbered?");
  g_assert_cmpstr (test_find_entry (entries, "beta/3")->question_text, ==,
                   "3. What is `thing` 3?");
  g_assert_false (test_find_entry (entries, "beta/3")->bookmarked);
  g_assert_cmpstr (labelled->label, ==, "asked at ACME");
  g_assert_null (labelled->note);
  g_assert_cmpint (labelled->bookmarked_at, <, 1700000000);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) alpha = make_changed_alpha ();
  g_autoptr(GPtrArray) original = NULL;
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(GPtrArray) restored = NULL;
  g_autofree char *original_bookmarked = NULL;
  g_autofree char *restored_bookmarked = NULL;
  g_autofree char *original_noted = NULL;
  g_autofree char *restored_noted = NULL;
  g_autofree char *original_orphans = NULL;
  g_autofree char *restored_orphans = NULL;
  RehearseRestoreResult result;

  fill_original (f);
  original = test_list_entries (f->original);
  assert_original_entries (original);

  read = write_and_read (f, original);
  test_assert_entries_equal (read, original);

  /* The restoring library has Alpha as it is now, and no Beta. */
  f->restored = open_library (f, "restored.db");
  test_import_ok (f->restored, alpha);
  result = restore (f->restored, read);
  g_assert_cmpuint (result.bookmarks_restored, ==, 6);
  g_assert_cmpuint (result.notes_restored, ==, 5);
  g_assert_cmpuint (result.notes_kept, ==, 0);
  g_assert_cmpuint (result.unchanged, ==, 0);

  restored = test_list_entries (f->restored);
  test_assert_entries_equal (restored, original);

  /* The lists' order comes from the dates, so it must come back too. */
  original_bookmarked = test_bookmarked_keys (f->original, NULL);
  restored_bookmarked = test_bookmarked_keys (f->restored, NULL);
  g_assert_cmpstr (restored_bookmarked, ==, original_bookmarked);
  g_assert_cmpstr (restored_bookmarked, ==, "alpha/7 alpha/2 alpha/1");
  original_noted = test_noted_keys (f->original);
  restored_noted = test_noted_keys (f->restored);
  g_assert_cmpstr (restored_noted, ==, original_noted);
  g_assert_cmpstr (restored_noted, ==, "alpha/5 alpha/2");
  original_orphans = test_orphaned_keys (f->original);
  restored_orphans = test_orphaned_keys (f->restored);
  g_assert_cmpstr (restored_orphans, ==, original_orphans);
  g_assert_cmpstr (restored_orphans, ==,
                   "alpha/9 beta/2 beta/3 beta/why-is-this-one-unnumbered");
}

static void
test_restore_twice (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) original = NULL;
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(GPtrArray) restored = NULL;
  RehearseRestoreResult result;

  fill_original (f);
  original = test_list_entries (f->original);
  read = write_and_read (f, original);

  /* Into the library it came from, and again into an empty one. */
  result = restore (f->original, read);
  g_assert_cmpuint (result.unchanged, ==, original->len);
  g_assert_cmpuint (result.bookmarks_restored + result.notes_restored + result.notes_kept, ==, 0);

  f->restored = open_library (f, "restored.db");
  restore (f->restored, read);
  result = restore (f->restored, read);
  g_assert_cmpuint (result.unchanged, ==, original->len);

  /* Without any deck every entry is a key without a row: by key. */
  restored = test_list_entries (f->restored);
  g_assert_cmpuint (restored->len, ==, original->len);
  for (guint i = 0; i < original->len; i++)
    {
      const RehearseUserEntry *entry = g_ptr_array_index (original, i);

      test_assert_entry_equal (test_find_entry (restored, entry->question_key), entry);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/notes-roundtrip/library-to-library", Fixture, NULL,
              fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/notes-roundtrip/restore-twice", Fixture, NULL,
              fixture_set_up, test_restore_twice, fixture_tear_down);

  return g_test_run ();
}
