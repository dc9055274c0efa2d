/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "rehearse-error.h"
#include "rehearse-note-drafts.h"
#include "rehearse-user-entry.h"
#include "test-support.h"

/* The drafts of notes the library refused: kept in files beside the
 * library exactly as typed, one per question, replaced whole, removed
 * once saved, bounded by the note size limit, and telling whether the
 * stored note changed since the draft was typed over it. */

#define KEY_301 "docker-interview-questions/301"
#define KEY_302 "docker-interview-questions/302"

typedef struct
{
  char               *folder;
  RehearseNoteDrafts *drafts;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *library_path = NULL;

  fixture->folder = g_dir_make_tmp ("rehearse-drafts-XXXXXX", NULL);
  g_assert_nonnull (fixture->folder);
  library_path = g_build_filename (fixture->folder, "library.db", NULL);
  fixture->drafts = rehearse_note_drafts_new (library_path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->drafts);
  test_remove_tree (fixture->folder);
  g_free (fixture->folder);
}

static GPtrArray *
list_drafts (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *drafts = rehearse_note_drafts_list (fixture->drafts, &error);

  g_assert_no_error (error);
  g_assert_nonnull (drafts);
  return drafts;
}

static void
keep (Fixture    *fixture,
      const char *key,
      const char *text,
      const char *based_on)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RehearseNoteDraft) draft = rehearse_note_draft_new (key, text, based_on);

  g_assert_true (rehearse_note_drafts_keep (fixture->drafts, draft, &error));
  g_assert_no_error (error);
}

static guint
count_files (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint files = 0;

  if (dir != NULL)
    while (g_dir_read_name (dir) != NULL)
      files++;

  return files;
}

static void
test_none_without_a_folder (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) drafts = list_drafts (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(RehearseNoteDraft) draft = rehearse_note_drafts_get (fixture->drafts, KEY_301, &error);

  g_assert_cmpuint (drafts->len, ==, 0);
  g_assert_null (draft);
  g_assert_no_error (error);
  /* Nothing is made until a draft is kept. */
  g_assert_false (g_file_test (rehearse_note_drafts_get_directory (fixture->drafts),
                               G_FILE_TEST_EXISTS));
  g_assert_true (rehearse_note_drafts_discard (fixture->drafts, KEY_301, &error));
  g_assert_no_error (error);
}

/* Text as awkward as notes get comes back byte for byte, keyed right. */
static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *text = "  Leading spaces\n\n\ttab, \\backslash\\, [group]\nKey=value\r\n"
                     "ünïcödé 🐳 日本語\n\n\n";
  g_autofree char *folder = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(RehearseNoteDraft) draft = NULL;
  RehearseNoteDraft *listed;

  keep (fixture, KEY_301, text, NULL);
  keep (fixture, "日本/🐳 key = with spaces", "", "Stored before");

  draft = rehearse_note_drafts_get (fixture->drafts, KEY_301, NULL);
  g_assert_nonnull (draft);
  g_assert_cmpstr (draft->question_key, ==, KEY_301);
  g_assert_cmpstr (draft->text, ==, text);
  g_assert_cmpint (draft->saved_at, >, 0);

  drafts = list_drafts (fixture);
  g_assert_cmpuint (drafts->len, ==, 2);
  for (guint i = 0; i < drafts->len; i++)
    {
      listed = g_ptr_array_index (drafts, i);
      if (g_str_equal (listed->question_key, KEY_301))
        g_assert_cmpstr (listed->text, ==, text);
      else
        g_assert_cmpstr (listed->text, ==, "");
    }

  /* In "drafts" beside the library, one file per question. */
  folder = g_build_filename (fixture->folder, "drafts", NULL);
  g_assert_cmpstr (rehearse_note_drafts_get_directory (fixture->drafts), ==, folder);
  g_assert_cmpuint (count_files (folder), ==, 2);
}

/* Kept again, a draft replaces the one before; discarded, it is gone. */
static void
test_replace_and_discard (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RehearseNoteDraft) draft = NULL;
  g_autoptr(RehearseNoteDraft) gone = NULL;
  g_autoptr(GPtrArray) drafts = NULL;

  keep (fixture, KEY_301, "first", NULL);
  keep (fixture, KEY_301, "second, longer than the first", NULL);
  keep (fixture, KEY_302, "other", NULL);
  draft = rehearse_note_drafts_get (fixture->drafts, KEY_301, NULL);
  g_assert_cmpstr (draft->text, ==, "second, longer than the first");
  g_assert_cmpuint (count_files (rehearse_note_drafts_get_directory (fixture->drafts)), ==, 2);

  g_assert_true (rehearse_note_drafts_discard (fixture->drafts, KEY_301, &error));
  g_assert_no_error (error);
  gone = rehearse_note_drafts_get (fixture->drafts, KEY_301, &error);
  g_assert_null (gone);
  g_assert_no_error (error);
  drafts = list_drafts (fixture);
  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_cmpstr (((RehearseNoteDraft *) g_ptr_array_index (drafts, 0))->question_key, ==,
                   KEY_302);
}

/* No larger than the library would keep; invalid text is refused too. */
static void
test_bounded_by_the_note_limit (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *largest = g_malloc (REHEARSE_NOTE_MAX_SIZE + 2);
  g_autoptr(RehearseNoteDraft) too_large = NULL;
  g_autoptr(RehearseNoteDraft) invalid = rehearse_note_draft_new (KEY_301, "bad \xff byte", NULL);
  g_autoptr(RehearseNoteDraft) draft = NULL;

  memset (largest, 'a', REHEARSE_NOTE_MAX_SIZE + 1);
  largest[REHEARSE_NOTE_MAX_SIZE + 1] = '\0';
  too_large = rehearse_note_draft_new (KEY_301, largest, NULL);
  g_assert_false (rehearse_note_drafts_keep (fixture->drafts, too_large, &error));
  g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_TOO_LARGE);
  g_assert_false (g_file_test (rehearse_note_drafts_get_directory (fixture->drafts),
                               G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (rehearse_note_drafts_keep (fixture->drafts, invalid, &error));
  g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* At the limit, with every byte escaped (a backslash becomes two). */
  memset (largest, '\\', REHEARSE_NOTE_MAX_SIZE);
  largest[REHEARSE_NOTE_MAX_SIZE] = '\0';
  keep (fixture, KEY_301, largest, NULL);
  draft = rehearse_note_drafts_get (fixture->drafts, KEY_301, &error);
  g_assert_no_error (error);
  g_assert_nonnull (draft);
  g_assert_cmpuint (strlen (draft->text), ==, REHEARSE_NOTE_MAX_SIZE);
}

/* A damaged file, a stray one and a half-written temporary are skipped,
 * and left as they are. */
static void
test_skips_what_is_not_a_draft (Fixture       *fixture,
                                gconstpointer  data)
{
  const char *folder = rehearse_note_drafts_get_directory (fixture->drafts);
  g_autofree char *damaged = g_build_filename (folder, "0000.draft", NULL);
  g_autofree char *stray = g_build_filename (folder, "README", NULL);
  g_autofree char *temporary = NULL;
  g_autoptr(GPtrArray) drafts = NULL;

  keep (fixture, KEY_301, "the real one", NULL);
  temporary = g_strconcat (damaged, ".ABC123", NULL);
  g_assert_true (g_file_set_contents (damaged, "[Draft]\nText=no key\n", -1, NULL));
  g_assert_true (g_file_set_contents (stray, "not a draft", -1, NULL));
  g_assert_true (g_file_set_contents (temporary, "[Draft]\nKey=x\nTe", -1, NULL));

  drafts = list_drafts (fixture);
  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_cmpstr (((RehearseNoteDraft *) g_ptr_array_index (drafts, 0))->text, ==,
                   "the real one");
  g_assert_true (g_file_test (damaged, G_FILE_TEST_EXISTS));
}

/* The draft knows the note it was typed over: the same note (or still
 * none) means saving it loses nothing; a note changed since does not. */
static void
test_knows_the_note_it_replaces (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(RehearseNoteDraft) over_nothing = NULL;
  g_autoptr(RehearseNoteDraft) over_a_note = NULL;

  keep (fixture, KEY_301, "typed over no note", NULL);
  keep (fixture, KEY_302, "typed over a note", "The stored note");
  over_nothing = rehearse_note_drafts_get (fixture->drafts, KEY_301, NULL);
  over_a_note = rehearse_note_drafts_get (fixture->drafts, KEY_302, NULL);

  g_assert_true (rehearse_note_draft_is_based_on (over_nothing, NULL));
  g_assert_false (rehearse_note_draft_is_based_on (over_nothing, ""));
  g_assert_false (rehearse_note_draft_is_based_on (over_nothing, "Added elsewhere"));
  g_assert_true (rehearse_note_draft_is_based_on (over_a_note, "The stored note"));
  g_assert_false (rehearse_note_draft_is_based_on (over_a_note, "The stored note, edited"));
  g_assert_false (rehearse_note_draft_is_based_on (over_a_note, NULL));
}

/* A folder that cannot be written (a library on a read-only disk): an
 * error the editor can tell, not a crash, and nothing half-made. */
static void
test_unwritable_folder (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RehearseNoteDraft) draft = rehearse_note_draft_new (KEY_301, "text", NULL);

  if (geteuid () == 0)
    {
      g_test_skip ("root writes to read-only folders");
      return;
    }

  g_assert_cmpint (g_chmod (fixture->folder, 0500), ==, 0);
  g_assert_false (rehearse_note_drafts_keep (fixture->drafts, draft, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (g_chmod (fixture->folder, 0700), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD_TEST(path, function) \
  g_test_add (path, Fixture, NULL, fixture_set_up, function, fixture_tear_down)
  ADD_TEST ("/note-drafts/none-without-a-folder", test_none_without_a_folder);
  ADD_TEST ("/note-drafts/round-trip", test_round_trip);
  ADD_TEST ("/note-drafts/replace-and-discard", test_replace_and_discard);
  ADD_TEST ("/note-drafts/bounded-by-the-note-limit", test_bounded_by_the_note_limit);
  ADD_TEST ("/note-drafts/skips-what-is-not-a-draft", test_skips_what_is_not_a_draft);
  ADD_TEST ("/note-drafts/knows-the-note-it-replaces", test_knows_the_note_it_replaces);
  ADD_TEST ("/note-drafts/unwritable-folder", test_unwritable_folder);
#undef ADD_TEST

  return g_test_run ();
}
