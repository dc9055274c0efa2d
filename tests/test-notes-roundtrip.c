/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <string.h>

#include "rehearse-library-private.h"
#include "rehearse-library.h"
#include "rehearse-notes-file.h"
#include "test-support.h"

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
  g_autoptr(GError) error = NULL;
  RehearseLibrary *library = rehearse_library_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (library);
  return library;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("rehearse-notes-roundtrip-XXXXXX", &error);
  g_assert_no_error (error);
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

static RehearseParsedDeck *
make_deck (const char *title,
           guint       question_count,
           const char *version)
{
  RehearseParsedDeck *deck = rehearse_parsed_deck_new (title);
  g_autofree char *hash = g_strdup_printf ("%s-%s", title, version);

  rehearse_parsed_deck_add_topic (deck, "Basics", "🐳");
  rehearse_parsed_deck_add_topic (deck, "Advanced", NULL);
  for (guint i = 0; i < question_count; i++)
    {
      g_autofree char *text = g_strdup_printf ("What is `thing` %u?", i + 1);

      rehearse_parsed_deck_add_question (deck, i < question_count / 2 ? 0 : 1, (gint) i + 1,
                                         text, "An answer.", NULL);
    }

  rehearse_parsed_deck_add_source (deck, "deck.md", hash, 100);
  return deck;
}

static void
import_deck (RehearseLibrary    *library,
             RehearseParsedDeck *deck)
{
  g_autoptr(GError) error = NULL;
  RehearseImportResult result;

  rehearse_parsed_deck_assign_keys (deck);
  g_assert_true (rehearse_library_import_deck (library, deck, &result, &error));
  g_assert_no_error (error);
}

/* Alpha's second version: question 2 reworded, question 9 gone. */
static RehearseParsedDeck *
make_changed_alpha (void)
{
  RehearseParsedDeck *deck = make_deck ("Alpha", 10, "2");
  RehearseParsedQuestion *second = g_ptr_array_index (deck->questions, 1);

  g_free (second->text);
  second->text = g_strdup ("What is thing 2, *reworded*?");
  g_ptr_array_remove_index (deck->questions, 8);
  return deck;
}

/* Beta, to be deleted: one question without a number, so its snapshot
 * is the bare text. */
static RehearseParsedDeck *
make_beta (void)
{
  RehearseParsedDeck *deck = make_deck ("Beta", 4, "1");

  rehearse_parsed_deck_add_question (deck, 1, -1, "Why is this one unnumbered?", "Because.",
                                     NULL);
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

static void
bookmark (RehearseLibrary *library,
          const char      *question_key,
          const char      *label)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rehearse_library_set_bookmarked (library, question_key, TRUE, label, &error));
  g_assert_no_error (error);
}

static void
save_note (RehearseLibrary *library,
           const char      *question_key,
           const char      *body)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rehearse_library_save_note (library, question_key, body, &error));
  g_assert_no_error (error);
}

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* Everything made in this test's second would restore the same even if
 * the restore stamped its own time, and ties would hide the order of the
 * lists: give every bookmark and note a distinct date of its own, years
 * back. */
static void
backdate_user_data (Fixture *f)
{
  g_autofree char *path = fixture_path (f, "original.db");

  g_clear_object (&f->original);
  raw_exec (path, "UPDATE bookmarks SET created_at = 1600000000 + 1000 * id;"
                  "UPDATE notes SET updated_at = 1600000500 + 1000 * id;");
  f->original = open_library (f, "original.db");
}

/* The original library: bookmarks with and without labels, Markdown
 * notes, a noted question orphaned by a changed deck, a deck deleted. */
static void
fill_original (Fixture *f)
{
  g_autoptr(RehearseParsedDeck) alpha = make_deck ("Alpha", 10, "1");
  g_autoptr(RehearseParsedDeck) changed_alpha = make_changed_alpha ();
  g_autoptr(RehearseParsedDeck) beta = make_beta ();
  g_autoptr(GError) error = NULL;

  f->original = open_library (f, "original.db");
  import_deck (f->original, alpha);
  import_deck (f->original, beta);

  bookmark (f->original, "alpha/1", "asked at ACME");
  bookmark (f->original, "alpha/2", NULL);
  bookmark (f->original, "alpha/7", "état 🚀");
  save_note (f->original, "alpha/2",
             "# My take\n\nThe **short** answer, then code:\n\n"
             "```sh\ndocker run --rm -it alpine\n```\n\n- one\n- two\n");
  save_note (f->original, "alpha/5", "No trailing newline, `code` and a [link](https://x.y)");
  bookmark (f->original, "alpha/9", "weak spot");
  save_note (f->original, "alpha/9", "Noted before the deck dropped it.\n");
  bookmark (f->original, "beta/2", NULL);
  save_note (f->original, "beta/2", "Beta's note.\n");
  save_note (f->original, "beta/3", "> A quote\n\n1. first\n2. second\n");
  bookmark (f->original, "beta/why-is-this-one-unnumbered", "unnumbered");

  import_deck (f->original, changed_alpha);
  g_assert_true (rehearse_library_delete_deck (f->original, find_deck_id (f->original, "Beta"),
                                               &error));
  g_assert_no_error (error);

  backdate_user_data (f);
}

/* ---- Comparing ---------------------------------------------------------------- */

static GPtrArray *
list_entries (RehearseLibrary *library)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = rehearse_library_list_user_entries (library, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

static const RehearseUserEntry *
find_entry (GPtrArray  *entries,
            const char *question_key)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const RehearseUserEntry *entry = g_ptr_array_index (entries, i);

      if (strcmp (entry->question_key, question_key) == 0)
        return entry;
    }

  g_error ("No entry for %s", question_key);
  return NULL;
}

static void
assert_entry_equal (const RehearseUserEntry *actual,
                    const RehearseUserEntry *expected)
{
  g_assert_cmpstr (actual->question_key, ==, expected->question_key);
  g_assert_cmpstr (actual->question_text, ==, expected->question_text);
  g_assert_cmpint (actual->bookmarked, ==, expected->bookmarked);
  g_assert_cmpstr (actual->label, ==, expected->label);
  g_assert_cmpint (actual->bookmarked_at, ==, expected->bookmarked_at);
  g_assert_cmpstr (actual->note, ==, expected->note);
  g_assert_cmpint (actual->note_updated_at, ==, expected->note_updated_at);
}

/* In order, then field by field. */
static void
assert_entries_equal (GPtrArray *actual,
                      GPtrArray *expected)
{
  g_assert_cmpuint (actual->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    assert_entry_equal (g_ptr_array_index (actual, i), g_ptr_array_index (expected, i));
}

static char *
list_keys (GListModel *questions)
{
  g_autoptr(GString) keys = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
    {
      g_autoptr(RehearseQuestion) question = g_list_model_get_item (questions, i);

      if (i > 0)
        g_string_append_c (keys, ' ');
      g_string_append (keys, rehearse_question_get_key (question));
    }

  return g_string_free (g_steal_pointer (&keys), FALSE);
}

static char *
bookmarked_keys (RehearseLibrary *library)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) questions = rehearse_library_list_bookmarked (library, NULL, &error);

  g_assert_no_error (error);
  return list_keys (questions);
}

static char *
noted_keys (RehearseLibrary *library)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) questions = rehearse_library_list_with_notes (library, &error);

  g_assert_no_error (error);
  return list_keys (questions);
}

static char *
orphaned_keys (RehearseLibrary *library)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) questions = rehearse_library_list_orphaned (library, &error);

  g_assert_no_error (error);
  return list_keys (questions);
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
  const RehearseUserEntry *reworded = find_entry (entries, "alpha/2");
  const RehearseUserEntry *orphaned = find_entry (entries, "alpha/9");
  const RehearseUserEntry *unnumbered = find_entry (entries, "beta/why-is-this-one-unnumbered");
  const RehearseUserEntry *labelled = find_entry (entries, "alpha/1");

  g_assert_cmpuint (entries->len, ==, 8);
  g_assert_cmpstr (reworded->question_text, ==, "2. What is thing 2, *reworded*?");
  g_assert_cmpstr (orphaned->question_text, ==, "9. What is `thing` 9?");
  g_assert_cmpstr (orphaned->label, ==, "weak spot");
  g_assert_cmpstr (unnumbered->question_text, ==, "Why is this one unnumbered?");
  g_assert_cmpstr (find_entry (entries, "beta/3")->question_text, ==, "3. What is `thing` 3?");
  g_assert_false (find_entry (entries, "beta/3")->bookmarked);
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
  original = list_entries (f->original);
  assert_original_entries (original);

  read = write_and_read (f, original);
  assert_entries_equal (read, original);

  /* The restoring library has Alpha as it is now, and no Beta. */
  f->restored = open_library (f, "restored.db");
  import_deck (f->restored, alpha);
  result = restore (f->restored, read);
  g_assert_cmpuint (result.bookmarks_restored, ==, 6);
  g_assert_cmpuint (result.notes_restored, ==, 5);
  g_assert_cmpuint (result.notes_kept, ==, 0);
  g_assert_cmpuint (result.unchanged, ==, 0);

  restored = list_entries (f->restored);
  assert_entries_equal (restored, original);

  /* The lists' order comes from the dates, so it must come back too. */
  original_bookmarked = bookmarked_keys (f->original);
  restored_bookmarked = bookmarked_keys (f->restored);
  g_assert_cmpstr (restored_bookmarked, ==, original_bookmarked);
  g_assert_cmpstr (restored_bookmarked, ==, "alpha/7 alpha/2 alpha/1");
  original_noted = noted_keys (f->original);
  restored_noted = noted_keys (f->restored);
  g_assert_cmpstr (restored_noted, ==, original_noted);
  g_assert_cmpstr (restored_noted, ==, "alpha/5 alpha/2");
  original_orphans = orphaned_keys (f->original);
  restored_orphans = orphaned_keys (f->restored);
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
  original = list_entries (f->original);
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
  restored = list_entries (f->restored);
  g_assert_cmpuint (restored->len, ==, original->len);
  for (guint i = 0; i < original->len; i++)
    {
      const RehearseUserEntry *entry = g_ptr_array_index (original, i);

      assert_entry_equal (find_entry (restored, entry->question_key), entry);
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
