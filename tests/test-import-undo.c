/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <string.h>

#include "rehearse-error.h"
#include "rehearse-importer.h"
#include "test-library-support.h"

/* Undoing an import (rehearse-library-undo.c): an update is undone by
 * putting back the deck exactly as it was, with the user data of its
 * questions attached as before; a new deck is removed; an import that is
 * no longer the deck's latest change is refused, saying why. */

typedef TestLibraryFixture Fixture;

#define TITLE "Undo Deck"
/* The same deck key, another title: the update renames the deck. */
#define RENAMED_TITLE "UNDO deck"

static RehearseParsedQuestion *
question_at (RehearseParsedDeck *deck,
             guint               index)
{
  return g_ptr_array_index (deck->questions, index);
}

static void
set_text (char       **field,
          const char  *text)
{
  g_free (*field);
  *field = g_strdup (text);
}

/* Ten questions in three topics, one with a prompt, one without a number
 * (keyed by its text). */
static RehearseParsedDeck *
make_original (void)
{
  RehearseParsedDeck *deck = test_make_deck (TITLE, 3, 10, "1");

  set_text (&question_at (deck, 4)->prompt, "```sh\ndocker ps\n```");
  test_deck_remove_number (deck, 6);
  return deck;
}

/* The file changed: renamed, question 11 added, question 9 removed, the
 * answer of question 3 changed, "Topic 2" renamed, question 1 moved last. */
static RehearseParsedDeck *
make_changed (const char *version)
{
  RehearseParsedDeck *deck = test_make_deck (TITLE, 3, 10, version);
  RehearseParsedTopic *topic = g_ptr_array_index (deck->topics, 1);

  set_text (&deck->title, RENAMED_TITLE);
  set_text (&question_at (deck, 4)->prompt, "```sh\ndocker ps\n```");
  set_text (&question_at (deck, 2)->answer, "Thing 3 is a zebra now.");
  set_text (&topic->title, "Topic Two");
  g_ptr_array_remove_index (deck->questions, 8);
  g_ptr_array_add (deck->questions, g_ptr_array_steal_index (deck->questions, 0));
  rehearse_parsed_deck_add_question (deck, 2, 11, "What is thing 11?", "Eleven.", NULL);
  test_deck_remove_number (deck, 5);
  return deck;
}

static void
append_field (GString    *out,
              const char *name,
              const char *value)
{
  g_string_append_printf (out, " %s=%s", name, value != NULL ? value : "(null)");
}

static void
describe_question (GString          *out,
                   RehearseLibrary  *library,
                   RehearseQuestion *summary)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RehearseQuestion) question = NULL;

  question = rehearse_library_get_question (library, rehearse_question_get_key (summary), &error);
  g_assert_no_error (error);
  g_string_append_printf (out, "  %s #%d", rehearse_question_get_key (question),
                          rehearse_question_get_number (question));
  append_field (out, "text", rehearse_question_get_text (question));
  append_field (out, "answer", rehearse_question_get_answer (question));
  append_field (out, "in-depth", rehearse_question_get_in_depth (question));
  append_field (out, "prompt", rehearse_question_get_prompt (question));
  append_field (out, "topic", rehearse_question_get_topic_title (question));
  g_string_append_c (out, '\n');
}

/* Everything a reader sees of the deck, in its order, and what its row
 * and sources hold: equal strings, equal decks. */
static char *
describe_deck (Fixture *f,
               gint64   deck_id)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) topics = rehearse_library_list_topics (f->library, deck_id, &error);
  g_autoptr(GListModel) questions = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *row = NULL;
  sqlite3 *raw = test_raw_open (f->path);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(RehearseTopic) topic = g_list_model_get_item (topics, i);

      g_string_append_printf (out, "topic %u %s %s (%u)\n", rehearse_topic_get_position (topic),
                              rehearse_topic_get_title (topic),
                              rehearse_topic_get_icon (topic) != NULL
                              ? rehearse_topic_get_icon (topic) : "-",
                              rehearse_topic_get_question_count (topic));
    }

  questions = rehearse_library_list_deck_questions (f->library, deck_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
    describe_question (out, f->library, test_question_at (questions, i));

  sql = g_strdup_printf ("SELECT d.deck_key || ' ' || d.title || ' ' || d.content_hash || ' '"
                         " || d.imported_at || ' ' || (SELECT group_concat (s.path || ':'"
                         " || s.content_hash || ':' || s.size) FROM sources s"
                         " WHERE s.deck_id = d.id) FROM decks d WHERE d.id = %" G_GINT64_FORMAT,
                         deck_id);
  row = test_raw_text (raw, sql);
  g_string_append_printf (out, "deck %s\n", row);
  sqlite3_close (raw);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
review (RehearseLibrary *library,
        const char      *question_key)
{
  g_autoptr(GError) error = NULL;
  RehearseFsrsParameters parameters;

  rehearse_fsrs_parameters_init_default (&parameters);
  g_assert_true (rehearse_library_record_review (library, question_key, &parameters,
                                                 REHEARSE_GRADE_GOOD,
                                                 rehearse_clock_now_ms (), 4000, NULL, &error));
  g_assert_no_error (error);
}

static guint
n_reviews (RehearseLibrary *library,
           const char      *question_key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) reviews = rehearse_library_list_reviews (library, question_key, &error);

  g_assert_no_error (error);
  return reviews->len;
}

static void
undo_ok (RehearseLibrary            *library,
         const RehearseImportResult *result)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rehearse_library_can_undo_import (library, result));
  g_assert_true (rehearse_library_undo_import (library, result, &error));
  g_assert_no_error (error);
}

static void
assert_search_finds (RehearseLibrary *library,
                     const char      *words,
                     guint            expected)
{
  g_autoptr(GListModel) results = test_search (library, words, 50);

  g_assert_cmpuint (g_list_model_get_n_items (results), ==, expected);
}

/* The update undone: the deck reads as it did, word for word and in its
 * order; the bookmark, its label, the notes and the reviews are on the
 * same questions; the question the update took out is back from the
 * orphans, and the one it brought in is an orphan with its bookmark. */
static void
test_update_undone (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) original = make_original ();
  g_autoptr(RehearseParsedDeck) changed = make_changed ("2");
  g_autoptr(RehearseParsedDeck) again = make_original ();
  g_autoptr(GListModel) listed_before = NULL;
  g_autofree char *before = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *after = NULL;
  g_autofree char *label = NULL;
  g_autofree char *note = NULL;
  g_autofree char *unnumbered_key = NULL;
  g_autofree char *noted = NULL;
  RehearseLibraryCounts counts;
  RehearseImportResult created, update, result;

  created = test_import_ok (test_library_fixture_open (f), original);
  unnumbered_key = g_strdup (question_at (original, 6)->question_key);
  test_bookmark (f->library, "undo-deck/2", "weak");
  test_save_note (f->library, "undo-deck/3", "Three, in my words");
  test_save_note (f->library, "undo-deck/9", "Nine goes in the update");
  test_save_note (f->library, unnumbered_key, "Keyed by its text");
  review (f->library, "undo-deck/4");
  test_record_view (f->library, "undo-deck/5");
  /* Imported long ago: the date comes back too. */
  test_raw_exec_file (f->path, "UPDATE decks SET imported_at = 1000");
  before = describe_deck (f, created.deck_id);

  update = test_import_ok (f->library, changed);
  g_assert_cmpint (update.outcome, ==, REHEARSE_IMPORT_UPDATED);
  g_assert_cmpint (update.deck_id, ==, created.deck_id);
  g_assert_cmpint (update.generation, >, created.generation);
  updated = describe_deck (f, update.deck_id);
  g_assert_cmpstr (updated, !=, before);
  g_assert_true (strstr (updated, "zebra") != NULL && strstr (updated, "Topic Two") != NULL);
  test_assert_keys (test_orphaned_keys (f->library), "undo-deck/9");
  test_bookmark (f->library, "undo-deck/11", NULL);
  listed_before = rehearse_library_list_deck_questions (f->library, update.deck_id, NULL);

  undo_ok (f->library, &update);
  after = describe_deck (f, update.deck_id);
  g_assert_cmpstr (after, ==, before);

  g_assert_true (test_get_bookmark (f->library, "undo-deck/2", &label));
  g_assert_cmpstr (label, ==, "weak");
  note = test_get_note (f->library, "undo-deck/3");
  g_assert_cmpstr (note, ==, "Three, in my words");
  g_assert_cmpuint (n_reviews (f->library, "undo-deck/4"), ==, 1);
  test_assert_keys (test_recent_keys (f->library, 10), "undo-deck/5");
  noted = g_strdup_printf ("%s undo-deck/9 undo-deck/3", unnumbered_key);
  test_assert_keys (test_noted_keys (f->library), noted);
  test_assert_keys (test_bookmarked_keys (f->library, NULL), "undo-deck/2");
  test_assert_keys (test_orphaned_keys (f->library), "undo-deck/11");
  g_assert_true (test_is_bookmarked (f->library, "undo-deck/11"));

  /* A list made before the undo finds its questions again. */
  g_assert_cmpstr (rehearse_question_get_text (test_question_at (listed_before, 0)), ==,
                   "What is thing 2?");

  assert_search_finds (f->library, "zebra", 0);
  assert_search_finds (f->library, "thing 9", 1);
  test_assert_check (f->library, &counts);
  g_assert_cmpuint (counts.questions, ==, 10);
  g_assert_cmpuint (counts.indexed, ==, 10);
  g_assert_cmpuint (counts.orphaned_questions, ==, 1);

  /* Undone once: nothing more to undo. */
  g_assert_false (rehearse_library_can_undo_import (f->library, &update));

  /* The deck is the first file's again: that file is up to date, and the
   * changed one brings its changes in again. */
  result = test_import_ok (f->library, again);
  g_assert_cmpint (result.outcome, ==, REHEARSE_IMPORT_UNCHANGED);
  result = test_import_ok (f->library, changed);
  g_assert_cmpint (result.outcome, ==, REHEARSE_IMPORT_UPDATED);
  g_clear_pointer (&after, g_free);
  after = describe_deck (f, result.deck_id);
  g_assert_true (strstr (after, "zebra") != NULL);
}

/* The library opened again sees the deck put back, and no undo: what an
 * update replaced is not kept in the file. */
static void
test_undo_survives_reopening (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) original = make_original ();
  g_autoptr(RehearseParsedDeck) changed = make_changed ("2");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  RehearseImportResult created, update;

  created = test_import_ok (test_library_fixture_open (f), original);
  before = describe_deck (f, created.deck_id);
  update = test_import_ok (f->library, changed);
  undo_ok (f->library, &update);

  test_library_fixture_open (f);
  after = describe_deck (f, created.deck_id);
  g_assert_cmpstr (after, ==, before);
  test_assert_check (f->library, NULL);

  update = test_import_ok (f->library, changed);
  test_library_fixture_open (f);
  g_assert_false (rehearse_library_can_undo_import (f->library, &update));
  g_assert_false (rehearse_library_undo_import (f->library, &update, &error));
  g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_FAILED);
  g_assert_true (strstr (error->message, "is no longer kept") != NULL);
}

/* Undo of a new deck removes it; its user data stays, as orphans. */
static void
test_new_deck_removed (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) deck = make_original ();
  g_autoptr(GListModel) decks = NULL;
  g_autoptr(GError) error = NULL;
  RehearseImportResult created;

  created = test_import_ok (test_library_fixture_open (f), deck);
  g_assert_cmpint (created.outcome, ==, REHEARSE_IMPORT_CREATED);
  test_bookmark (f->library, "undo-deck/2", NULL);

  undo_ok (f->library, &created);
  decks = rehearse_library_list_decks (f->library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (decks), ==, 0);
  test_assert_keys (test_orphaned_keys (f->library), "undo-deck/2");
  test_assert_check (f->library, NULL);

  /* Gone: a second undo says so. */
  g_assert_false (rehearse_library_undo_import (f->library, &created, &error));
  g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_FOUND);
}

static void
assert_refused_as_changed (RehearseLibrary            *library,
                           const RehearseImportResult *result,
                           const char                 *title)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_strdup_printf ("“%s” has changed since it was imported, so the "
                                               "import can no longer be undone", title);

  g_assert_false (rehearse_library_undo_import (library, result, &error));
  g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, expected);
}

/* Only a deck's latest import is undone: one followed by another import
 * of the deck (here or by another program) is refused, and the deck is
 * left as it is; the latest one is still undone. */
static void
test_refused_after_another_import (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) original = make_original ();
  g_autoptr(RehearseParsedDeck) second = make_changed ("2");
  g_autoptr(RehearseParsedDeck) third = make_changed ("3");
  g_autoptr(RehearseParsedDeck) fourth = make_changed ("4");
  g_autoptr(RehearseLibrary) other = NULL;
  g_autofree char *at_third = NULL;
  g_autofree char *now = NULL;
  RehearseImportResult created, update, later, elsewhere;

  set_text (&question_at (third, 0)->answer, "Third version.");
  set_text (&question_at (fourth, 0)->answer, "Fourth version.");
  created = test_import_ok (test_library_fixture_open (f), original);
  update = test_import_ok (f->library, second);
  later = test_import_ok (f->library, third);
  at_third = describe_deck (f, later.deck_id);

  g_assert_false (rehearse_library_can_undo_import (f->library, &update));
  assert_refused_as_changed (f->library, &update, RENAMED_TITLE);
  assert_refused_as_changed (f->library, &created, RENAMED_TITLE);
  now = describe_deck (f, later.deck_id);
  g_assert_cmpstr (now, ==, at_third);

  /* Another program imports the deck: the update kept here is refused. */
  other = test_open_library (f->path);
  elsewhere = test_import_ok (other, fourth);
  g_assert_cmpint (elsewhere.outcome, ==, REHEARSE_IMPORT_UPDATED);
  g_assert_true (rehearse_library_can_undo_import (f->library, &later));
  assert_refused_as_changed (f->library, &later, RENAMED_TITLE);
  g_clear_pointer (&now, g_free);
  now = describe_deck (f, later.deck_id);
  g_assert_true (strstr (now, "Fourth version.") != NULL);

  /* It undoes its own. */
  undo_ok (other, &elsewhere);
  g_clear_pointer (&now, g_free);
  now = describe_deck (f, later.deck_id);
  g_assert_cmpstr (now, ==, at_third);
  test_assert_check (f->library, NULL);
}

/* A deck removed after its update: the undo says it is gone. */
static void
test_refused_after_removal (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) original = make_original ();
  g_autoptr(RehearseParsedDeck) changed = make_changed ("2");
  g_autoptr(GError) error = NULL;
  RehearseImportResult update;

  test_import_ok (test_library_fixture_open (f), original);
  update = test_import_ok (f->library, changed);
  g_assert_true (rehearse_library_delete_deck (f->library, update.deck_id, &error));
  g_assert_no_error (error);

  g_assert_false (rehearse_library_can_undo_import (f->library, &update));
  g_assert_false (rehearse_library_undo_import (f->library, &update, &error));
  g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "The deck is no longer in the library, so the import can no longer be undone");
}

static void
on_undone (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error = user_data;

  if (!rehearse_library_undo_import_finish (REHEARSE_LIBRARY (source), result, error))
    g_assert_nonnull (*error);
  else
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "done");
}

/* Undo asked of the writer thread: done in its turn, and what the file
 * said before the update is what the library shows. */
static void
test_undo_async (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) original = make_original ();
  g_autoptr(RehearseParsedDeck) changed = make_changed ("2");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  RehearseImportResult created, update;

  created = test_import_ok (test_library_fixture_open (f), original);
  before = describe_deck (f, created.deck_id);
  update = test_import_ok (f->library, changed);

  rehearse_library_undo_import_async (f->library, &update, NULL, on_undone, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  after = describe_deck (f, created.deck_id);
  g_assert_cmpstr (after, ==, before);
}

static char *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
  return path;
}

static RehearseImportReport *
import_file (RehearseLibrary *library,
             const char      *path)
{
  const char *paths[] = { path, NULL };
  g_autoptr(GPtrArray) reports = rehearse_importer_import (library, paths, NULL);
  RehearseImportReport *report;

  g_assert_cmpuint (reports->len, ==, 1);
  report = g_ptr_array_steal_index (reports, 0);
  g_assert_no_error (report->error);
  return report;
}

#define FILE_V1 \
  "# Networking\n\n" \
  "## 1. What is a bridge network?\n\nThe default network of a container.\n\n" \
  "## 2. What is an overlay network?\n\nOne that spans hosts.\n\n" \
  "# Storage\n\n" \
  "## 3. What is a volume?\n\nStorage the engine manages.\n"
#define FILE_V2 \
  "# Networking\n\n" \
  "## 1. What is a bridge network?\n\nThe default network, explained again.\n\n" \
  "# Persistent Storage\n\n" \
  "## 3. What is a volume?\n\nStorage the engine manages.\n\n" \
  "## 4. What is a bind mount?\n\nA host path in the container.\n"

/* A file imported, changed and imported again, through the importer: the
 * undo puts back what the first file said, and importing the changed
 * file again updates the deck again. */
static void
test_file_update_undone (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = write_file (f->dir, "networking.md", FILE_V1);
  g_autoptr(RehearseImportReport) first = NULL;
  g_autoptr(RehearseImportReport) second = NULL;
  g_autoptr(RehearseImportReport) third = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  first = import_file (test_library_fixture_open (f), path);
  g_assert_cmpint (first->result.outcome, ==, REHEARSE_IMPORT_CREATED);
  before = describe_deck (f, first->result.deck_id);
  test_save_note (f->library, "networking/2", "Overlay: VXLAN");

  g_free (write_file (f->dir, "networking.md", FILE_V2));
  second = import_file (f->library, path);
  g_assert_cmpint (second->result.outcome, ==, REHEARSE_IMPORT_UPDATED);
  test_assert_keys (test_orphaned_keys (f->library), "networking/2");

  undo_ok (f->library, &second->result);
  after = describe_deck (f, first->result.deck_id);
  g_assert_cmpstr (after, ==, before);
  test_assert_keys (test_noted_keys (f->library), "networking/2");
  g_assert_false (test_has_orphans (f->library));

  third = import_file (f->library, path);
  g_assert_cmpint (third->result.outcome, ==, REHEARSE_IMPORT_UPDATED);
  test_assert_keys (test_orphaned_keys (f->library), "networking/2");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, test_library_fixture_set_up, func, \
              test_library_fixture_tear_down)
  ADD ("/import-undo/update-undone", test_update_undone);
  ADD ("/import-undo/survives-reopening", test_undo_survives_reopening);
  ADD ("/import-undo/new-deck-removed", test_new_deck_removed);
  ADD ("/import-undo/refused-after-another-import", test_refused_after_another_import);
  ADD ("/import-undo/refused-after-removal", test_refused_after_removal);
  ADD ("/import-undo/async", test_undo_async);
  ADD ("/import-undo/file-update-undone", test_file_update_undone);
#undef ADD

  return g_test_run ();
}
