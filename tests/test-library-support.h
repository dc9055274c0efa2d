/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rehearse-library-private.h"
#include "rehearse-library.h"
#include "rehearse-user-entry.h"
#include "test-support.h"

G_BEGIN_DECLS

/* The core's tests share these: a temporary folder for a real SQLite
 * file, a fixture holding it, decks to import, a library opened and
 * filled through its API with every call asserted, a second connection to
 * look at the file as it is, lists of questions as keys, and user entries
 * to compare. */

/* A fresh folder from @name_template ("rehearse-thing-XXXXXX"). */
static inline char *
test_make_temp_dir (const char *name_template)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (name_template, &error);

  g_assert_no_error (error);
  return dir;
}

static inline RehearseLibrary *
test_open_library (const char *path)
{
  g_autoptr(GError) error = NULL;
  RehearseLibrary *library = rehearse_library_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (library);
  return library;
}

/* ---- A library in a folder of its own --------------------------------------- */

/* A test's fixture: a fresh folder named after the test program, the path
 * of a library file in it (created when first opened), the library once
 * opened, and the keys its ::user-data-changed reported, in order ("(any)"
 * for NULL: a change made elsewhere). */
typedef struct
{
  char            *dir;
  char            *path;
  RehearseLibrary *library;
  GPtrArray       *changed;
} TestLibraryFixture;

static inline void
test_library_fixture_set_up (TestLibraryFixture *f,
                             gconstpointer       data)
{
  g_autofree char *program = g_path_get_basename (g_get_prgname ());
  g_autofree char *name_template = g_strdup_printf ("rehearse-%s-XXXXXX", program);

  f->dir = test_make_temp_dir (name_template);
  f->path = g_build_filename (f->dir, "library.db", NULL);
  f->changed = g_ptr_array_new_with_free_func (g_free);
}

static inline void
test_library_fixture_tear_down (TestLibraryFixture *f,
                                gconstpointer       data)
{
  g_clear_object (&f->library);
  test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->path, g_free);
  g_clear_pointer (&f->changed, g_ptr_array_unref);
}

static inline void
test_library_fixture_record_change (RehearseLibrary    *library,
                                    const char         *question_key,
                                    TestLibraryFixture *f)
{
  g_ptr_array_add (f->changed, g_strdup (question_key != NULL ? question_key : "(any)"));
}

/* Opens the library at f->path, closing the one open first: opening again
 * is how a test sees what the next start of the app sees. */
static inline RehearseLibrary *
test_library_fixture_open (TestLibraryFixture *f)
{
  g_clear_object (&f->library);
  f->library = test_open_library (f->path);
  g_signal_connect (f->library, "user-data-changed",
                    G_CALLBACK (test_library_fixture_record_change), f);
  return f->library;
}

/* The keys reported since the last call, joined by spaces. */
static inline char *
test_take_changes (TestLibraryFixture *f)
{
  g_autoptr(GString) keys = g_string_new (NULL);

  for (guint i = 0; i < f->changed->len; i++)
    g_string_append_printf (keys, "%s%s", i > 0 ? " " : "",
                            (const char *) g_ptr_array_index (f->changed, i));
  g_ptr_array_set_size (f->changed, 0);
  return g_string_free (g_steal_pointer (&keys), FALSE);
}

#define test_assert_changes(f, expected) \
  G_STMT_START { \
    g_autofree char *changes_ = test_take_changes (f); \
    g_assert_cmpstr (changes_, ==, expected); \
  } G_STMT_END

/* ---- Decks to import ---------------------------------------------------------- */

/* @question_count questions "What is thing N?" numbered from 1, answered
 * "Thing N is a **thing**.", the odd ones with an in-depth part "More
 * depth.", spread in order over @topic_count topics "Topic 1", "Topic 2"…
 * (the first with an icon). They come from one file, "deck.md", whose hash
 * is "@title-@version": the same @version is the same file again. Keys are
 * assigned. */
static inline RehearseParsedDeck *
test_make_deck (const char *title,
                guint       topic_count,
                guint       question_count,
                const char *version)
{
  RehearseParsedDeck *deck = rehearse_parsed_deck_new (title);
  g_autofree char *hash = g_strdup_printf ("%s-%s", title, version);

  for (guint i = 0; i < topic_count; i++)
    {
      g_autofree char *topic = g_strdup_printf ("Topic %u", i + 1);

      rehearse_parsed_deck_add_topic (deck, topic, i == 0 ? "🐳" : NULL);
    }

  for (guint i = 0; i < question_count; i++)
    {
      g_autofree char *text = g_strdup_printf ("What is thing %u?", i + 1);
      g_autofree char *answer = g_strdup_printf ("Thing %u is a **thing**.", i + 1);

      rehearse_parsed_deck_add_question (deck, i * topic_count / question_count, (gint) i + 1,
                                         text, answer, i % 2 == 0 ? "More depth." : NULL);
    }

  rehearse_parsed_deck_add_source (deck, "deck.md", hash, 100);
  rehearse_parsed_deck_assign_keys (deck);
  return deck;
}

/* Question @index (from 0) loses its number, as one written without; the
 * keys are assigned again (an unnumbered question is keyed by its text). */
static inline void
test_deck_remove_number (RehearseParsedDeck *deck,
                         guint               index)
{
  RehearseParsedQuestion *question = g_ptr_array_index (deck->questions, index);

  question->number = -1;
  rehearse_parsed_deck_assign_keys (deck);
}

/* ---- A second connection, to look at the file as it is ------------------- */

/* The timeout lets it wait out a write the library has not finished,
 * instead of failing the test with SQLITE_BUSY. */
static inline sqlite3 *
test_raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

/* The first column of the first row @sql returns; there must be one. */
static inline gint64
test_raw_int (sqlite3    *db,
              const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static inline char *
test_raw_text (sqlite3    *db,
               const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static inline void
test_raw_exec (sqlite3    *db,
               const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Runs @sql on a connection of its own, closed before it returns. */
static inline void
test_raw_exec_file (const char *path,
                    const char *sql)
{
  sqlite3 *db = test_raw_open (path);

  test_raw_exec (db, sql);
  sqlite3_close (db);
}

/* ---- Filling a library ------------------------------------------------------ */

static inline RehearseImportResult
test_import_ok (RehearseLibrary    *library,
                RehearseParsedDeck *deck)
{
  g_autoptr(GError) error = NULL;
  RehearseImportResult result = { 0, };

  g_assert_true (rehearse_library_import_deck (library, deck, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result.deck_id, >, 0);
  return result;
}

static inline void
test_assert_check (RehearseLibrary       *library,
                   RehearseLibraryCounts *counts)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = rehearse_library_check (library, counts, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

static inline void
test_bookmark (RehearseLibrary *library,
               const char      *question_key,
               const char      *label)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rehearse_library_set_bookmarked (library, question_key, TRUE, label, &error));
  g_assert_no_error (error);
}

static inline void
test_save_note (RehearseLibrary *library,
                const char      *question_key,
                const char      *body)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rehearse_library_save_note (library, question_key, body, &error));
  g_assert_no_error (error);
}

/* Reads with every call asserted: the library could read them. */
static inline gboolean
test_is_bookmarked (RehearseLibrary *library,
                    const char      *question_key)
{
  g_autoptr(GError) error = NULL;
  gboolean bookmarked = FALSE;

  g_assert_true (rehearse_library_is_bookmarked (library, question_key, &bookmarked, &error));
  g_assert_no_error (error);
  return bookmarked;
}

/* The note, or NULL without one. */
static inline char *
test_get_note (RehearseLibrary *library,
               const char      *question_key)
{
  g_autoptr(GError) error = NULL;
  char *note = NULL;

  g_assert_true (rehearse_library_get_note (library, question_key, &note, &error));
  g_assert_no_error (error);
  return note;
}

/* Whether it is bookmarked; *label (if asked for) its label or NULL. */
static inline gboolean
test_get_bookmark (RehearseLibrary  *library,
                   const char       *question_key,
                   char            **label)
{
  g_autoptr(GError) error = NULL;
  gboolean bookmarked = FALSE;

  g_assert_true (rehearse_library_get_bookmark (library, question_key, &bookmarked, label,
                                                &error));
  g_assert_no_error (error);
  return bookmarked;
}

/* ---- Lists of questions ------------------------------------------------------ */

static inline RehearseQuestion *
test_question_at (GListModel *questions,
                  guint       position)
{
  g_autoptr(RehearseQuestion) question = g_list_model_get_item (questions, position);

  /* Lists keep their items: the borrowed pointer stays valid. */
  return question;
}

/* The keys of a list of questions, joined by spaces. */
static inline char *
test_keys_of (GListModel *questions)
{
  g_autoptr(GString) keys = g_string_new (NULL);

  g_assert_nonnull (questions);
  for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
    {
      g_autoptr(RehearseQuestion) question = g_list_model_get_item (questions, i);

      g_string_append_printf (keys, "%s%s", i > 0 ? " " : "",
                              rehearse_question_get_key (question));
    }

  return g_string_free (g_steal_pointer (&keys), FALSE);
}

static inline char *
test_bookmarked_keys (RehearseLibrary *library,
                      const char      *label)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = rehearse_library_list_bookmarked (library, label, &error);

  g_assert_no_error (error);
  return test_keys_of (list);
}

static inline char *
test_noted_keys (RehearseLibrary *library)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = rehearse_library_list_with_notes (library, &error);

  g_assert_no_error (error);
  return test_keys_of (list);
}

static inline char *
test_recent_keys (RehearseLibrary *library,
                  guint            limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = rehearse_library_list_recently_viewed (library, limit, &error);

  g_assert_no_error (error);
  return test_keys_of (list);
}

static inline void
test_record_view (RehearseLibrary *library,
                  const char      *question_key)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rehearse_library_record_view (library, question_key, &error));
  g_assert_no_error (error);
}

static inline GListModel *
test_orphaned (RehearseLibrary *library)
{
  g_autoptr(GError) error = NULL;
  GListModel *list = rehearse_library_list_orphaned (library, &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  return list;
}

static inline char *
test_orphaned_keys (RehearseLibrary *library)
{
  g_autoptr(GListModel) list = test_orphaned (library);

  return test_keys_of (list);
}

static inline gboolean
test_has_orphans (RehearseLibrary *library)
{
  g_autoptr(GError) error = NULL;
  gboolean has_orphans = FALSE;

  g_assert_true (rehearse_library_has_orphans (library, &has_orphans, &error));
  g_assert_no_error (error);
  return has_orphans;
}

/* @call returns the keys as a string to free. */
#define test_assert_keys(call, expected) \
  G_STMT_START { \
    g_autofree char *keys_ = call; \
    g_assert_cmpstr (keys_, ==, expected); \
  } G_STMT_END

/* ---- Search ------------------------------------------------------------------ */

static inline GListModel *
test_search (RehearseLibrary *library,
             const char      *query,
             guint            limit)
{
  g_autoptr(GError) error = NULL;
  GListModel *results = rehearse_library_search (library, query, limit, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (results);
  return results;
}

static inline RehearseSearchResult *
test_result_at (GListModel *results,
                guint       position)
{
  g_autoptr(RehearseSearchResult) result = g_list_model_get_item (results, position);

  /* The list keeps it: the borrowed pointer stays valid. */
  return result;
}

static inline const char *
test_result_key (GListModel *results,
                 guint       position)
{
  RehearseSearchResult *result = test_result_at (results, position);

  return rehearse_question_get_key (rehearse_search_result_get_question (result));
}

/* ---- User entries: what the notes file carries ------------------------------ */

static inline RehearseUserEntry *
test_entry_new (const char *question_key,
                const char *question_text,
                gboolean    bookmarked,
                gint64      bookmarked_at,
                const char *label,
                const char *note,
                gint64      note_updated_at)
{
  RehearseUserEntry *entry = rehearse_user_entry_new (question_key);

  entry->question_text = g_strdup (question_text);
  entry->bookmarked = bookmarked;
  entry->bookmarked_at = bookmarked_at;
  entry->label = g_strdup (label);
  entry->note = g_strdup (note);
  entry->note_updated_at = note_updated_at;
  return entry;
}

static inline GPtrArray *
test_entries_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) rehearse_user_entry_free);
}

static inline GPtrArray *
test_list_entries (RehearseLibrary *library)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = rehearse_library_list_user_entries (library, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

/* The entry of @question_key; there must be one. */
static inline RehearseUserEntry *
test_find_entry (GPtrArray  *entries,
                 const char *question_key)
{
  for (guint i = 0; i < entries->len; i++)
    {
      RehearseUserEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (entry->question_key, question_key) == 0)
        return entry;
    }

  g_error ("No entry for %s", question_key);
  return NULL;
}

static inline void
test_assert_entry_equal (const RehearseUserEntry *actual,
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
static inline void
test_assert_entries_equal (GPtrArray *actual,
                           GPtrArray *expected)
{
  g_assert_nonnull (actual);
  g_assert_cmpuint (actual->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    test_assert_entry_equal (g_ptr_array_index (actual, i), g_ptr_array_index (expected, i));
}

G_END_DECLS
