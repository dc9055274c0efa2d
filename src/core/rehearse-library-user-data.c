/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "rehearse-error.h"
#include "rehearse-library-private.h"
#include "rehearse-question-list.h"
#include "rehearse-text-repair.h"
#include "rehearse-user-entry.h"

/* User data: bookmarks and notes, keyed by question key. Writes run on the
 * main connection, each in one transaction, and announce themselves with
 * ::user-data-changed once committed; reads run on the read-only
 * connection like every other read.
 *
 * Bookmarks and notes keep a snapshot of their question's text (see
 * REHEARSE_SNAPSHOT_SQL), taken from the live row at each save and when
 * the row is deleted, so that user data whose deck is gone can still be
 * listed and exported with the question it was about. */

/* The live question's snapshot, else the one kept with the key's other
 * user data: an orphan keeps its name when it gets a bookmark or a note. */
#define SNAPSHOT_OF_KEY_SQL(key) \
  "coalesce ((SELECT " REHEARSE_SNAPSHOT_SQL ("sq") " FROM questions sq" \
  "  WHERE sq.question_key = " key " AND " REHEARSE_VISIBLE_SQL ("sq") ")," \
  " (SELECT question_text FROM notes WHERE question_key = " key ")," \
  " (SELECT question_text FROM bookmarks WHERE question_key = " key "))"

/* @message: untranslated (N_()), as it is only needed on failure. */
static gboolean
check_text (const char  *text,
            const char  *message,
            GError     **error)
{
  if (text == NULL || g_utf8_validate (text, -1, NULL))
    return TRUE;

  g_set_error_literal (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT, _(message));
  return FALSE;
}

/* UTF-8, and no longer than a notes file can take back. */
static gboolean
check_note (const char  *body,
            GError     **error)
{
  if (body != NULL && strlen (body) > REHEARSE_NOTE_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (strlen (body));
      g_autofree char *limit = g_format_size (REHEARSE_NOTE_MAX_SIZE);

      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_TOO_LARGE,
                   _("The note is too long to keep (%s; notes up to %s are kept)"), size, limit);
      return FALSE;
    }

  return check_text (body, N_("The note is not valid UTF-8 text"), error);
}

/* The empty label is no label: both are stored as NULL. */
static const char *
label_or_null (const char *label)
{
  return label != NULL && *label != '\0' ? label : NULL;
}

/* A statement of the main connection with its ?1 bound to @question_key:
 * every user data statement is about one key. */
static RehearseCachedStatement *
key_statement (RehearseLibrary  *self,
               const char       *sql,
               const char       *question_key,
               GError          **error)
{
  RehearseCachedStatement *cached = rehearse_library_statement (self, sql, error);

  if (cached != NULL)
    rehearse_bind_text (cached->stmt, 1, question_key);
  return cached;
}

/* Runs a statement of the main connection that returns no row, its ?1
 * bound to @question_key; *changed becomes TRUE when it changed a row. */
static gboolean
run_for_key (RehearseLibrary  *self,
             const char       *sql,
             const char       *question_key,
             gboolean         *changed,
             GError          **error)
{
  g_autoptr(RehearseCachedStatement) cached = key_statement (self, sql, question_key, error);

  if (cached == NULL || !rehearse_sqlite_step_done (self->db, cached->stmt, error))
    return FALSE;

  *changed = *changed || sqlite3_changes (self->db) > 0;
  return TRUE;
}

#define KEY_KNOWN_SQL \
  "SELECT EXISTS (SELECT 1 FROM questions q" \
  "  WHERE q.question_key = ?1 AND " REHEARSE_VISIBLE_SQL ("q") ")" \
  " OR EXISTS (SELECT 1 FROM bookmarks WHERE question_key = ?1)" \
  " OR EXISTS (SELECT 1 FROM notes WHERE question_key = ?1)"

/* A bookmark or note of a typo would never show anywhere: the key must
 * name a question, or already have user data (an orphan stays editable). */
static gboolean
check_key_known (RehearseLibrary  *self,
                 const char       *question_key,
                 GError          **error)
{
  g_autoptr(RehearseCachedStatement) cached = key_statement (self, KEY_KNOWN_SQL, question_key,
                                                             error);
  g_autoptr(GError) local_error = NULL;
  gboolean known;

  if (cached == NULL)
    return FALSE;

  known = rehearse_sqlite_next_row (self->db, cached->stmt, &local_error)
          && sqlite3_column_int (cached->stmt, 0) != 0;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!known)
    g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_FOUND,
                 _("There is no question “%s” in the library"), question_key);
  return known;
}

/* Appends the ids a read returns, its ?1 bound to @text unless NULL, until
 * @ids holds @limit. */
static gboolean
collect_ids (RehearseReader  *reader,
             const char      *sql,
             const char      *text,
             guint            limit,
             GArray          *ids,
             GError         **error)
{
  g_autoptr(RehearseCachedStatement) cached = rehearse_reader_statement (reader, sql, error);
  GError *local_error = NULL;

  if (cached == NULL)
    return FALSE;

  if (text != NULL)
    rehearse_bind_text (cached->stmt, 1, text);
  while (ids->len < limit
         && rehearse_sqlite_next_row (rehearse_reader_get_db (reader), cached->stmt, &local_error))
    {
      gint64 id = sqlite3_column_int64 (cached->stmt, 0);

      g_array_append_val (ids, id);
    }

  return rehearse_sqlite_rows_done (local_error, error);
}

/* The questions of the ids @sql returns, the first @limit of them (the
 * statement is cached by its text: the SQL is a constant). */
static GListModel *
list_question_ids (RehearseLibrary  *self,
                   const char       *sql,
                   const char       *text,
                   guint             limit,
                   GError          **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->reader_lock);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  RehearseReader *reader = rehearse_library_get_reader (self, error);

  if (reader == NULL || !collect_ids (reader, sql, text, limit, ids, error))
    return NULL;

  return G_LIST_MODEL (rehearse_question_list_new (self, g_steal_pointer (&ids)));
}

/* Reads one text column of the row a read returns for @question_key:
 * *has_row says whether there is one (*text then NULL or a copy). A read
 * that fails is an error, never "no row": a note that could not be read
 * must not look like no note, or the next save would overwrite it. */
static gboolean
read_text_for_key (RehearseLibrary  *self,
                   const char       *sql,
                   const char       *question_key,
                   gboolean         *has_row,
                   char            **text,
                   GError          **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->reader_lock);
  g_autoptr(RehearseCachedStatement) cached = NULL;
  GError *local_error = NULL;
  RehearseReader *reader = rehearse_library_get_reader (self, error);

  *has_row = FALSE;
  cached = reader != NULL ? rehearse_reader_statement (reader, sql, error) : NULL;
  if (cached == NULL)
    return FALSE;

  rehearse_bind_text (cached->stmt, 1, question_key);
  *has_row = rehearse_sqlite_next_row (rehearse_reader_get_db (reader), cached->stmt,
                                       &local_error);
  if (!rehearse_sqlite_rows_done (local_error, error))
    return FALSE;

  if (*has_row && text != NULL)
    *text = g_strdup ((const char *) sqlite3_column_text (cached->stmt, 0));

  return TRUE;
}

typedef struct
{
  gboolean exists;
  char    *text;    /* the bookmark's label or the note's body */
  gint64   time;    /* the bookmark's date or the note's */
} StoredUserData;

static void
stored_user_data_clear (StoredUserData *stored)
{
  g_clear_pointer (&stored->text, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StoredUserData, stored_user_data_clear)

/* The bookmark (@sql returns label, created_at) or note (body, updated_at)
 * the library holds for the key. */
static gboolean
read_stored (RehearseLibrary  *self,
             const char       *sql,
             const char       *question_key,
             StoredUserData   *stored,
             GError          **error)
{
  g_autoptr(RehearseCachedStatement) cached = key_statement (self, sql, question_key, error);
  GError *local_error = NULL;

  if (cached == NULL)
    return FALSE;

  stored->exists = rehearse_sqlite_next_row (self->db, cached->stmt, &local_error);
  if (stored->exists)
    {
      stored->text = g_strdup ((const char *) sqlite3_column_text (cached->stmt, 0));
      stored->time = sqlite3_column_int64 (cached->stmt, 1);
    }

  return rehearse_sqlite_rows_done (local_error, error);
}

/* Writes the user data of @question_key on the main connection, inside a
 * write transaction: @text is what the write takes (a bookmark's label, a
 * note's body), *changed set when it changed a row. */
typedef gboolean (*KeyWriteFunc) (RehearseLibrary  *self,
                                  const char       *question_key,
                                  const char       *text,
                                  gboolean         *changed,
                                  GError          **error);

static gboolean
write_in_transaction (RehearseLibrary  *self,
                      KeyWriteFunc      write,
                      const char       *question_key,
                      const char       *text,
                      gboolean         *changed,
                      GError          **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  gboolean ok;

  if (!rehearse_library_begin_write (self, error))
    return FALSE;

  ok = write (self, question_key, text, changed, error);
  return rehearse_library_end_write (self, ok, *changed, error);
}

/* Every write of one key's user data: one transaction, and the signal
 * once it is committed (outside the lock) and only when it changed. */
static gboolean
write_user_data (RehearseLibrary  *self,
                 KeyWriteFunc      write,
                 const char       *question_key,
                 const char       *text,
                 GError          **error)
{
  gboolean changed = FALSE;

  if (!write_in_transaction (self, write, question_key, text, &changed, error))
    return FALSE;

  if (changed)
    rehearse_library_emit_user_data_changed (self, question_key);

  return TRUE;
}

/* A read on the read-only connection, held for the whole read. */
typedef gpointer (*ReaderReadFunc) (RehearseReader  *reader,
                                    GError         **error);

static gpointer
read_with_reader (RehearseLibrary  *self,
                  ReaderReadFunc    read,
                  GError          **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->reader_lock);
  RehearseReader *reader = rehearse_library_get_reader (self, error);

  return reader != NULL ? read (reader, error) : NULL;
}

/* ---- Bookmarks ----------------------------------------------------------- */

/* A new label, or a newer snapshot, keeps the bookmark's date and so its
 * place in the list; the same label again writes nothing. */
#define UPSERT_BOOKMARK_SQL \
  "INSERT INTO bookmarks (question_key, label, created_at, question_text)" \
  " VALUES (?1, ?2, ?3, " SNAPSHOT_OF_KEY_SQL ("?1") ")" \
  " ON CONFLICT (question_key) DO UPDATE SET label = excluded.label," \
  "  question_text = coalesce (excluded.question_text, question_text)" \
  " WHERE label IS NOT excluded.label" \
  "  OR question_text IS NOT coalesce (excluded.question_text, question_text)"

static gboolean
add_bookmark (RehearseLibrary  *self,
              const char       *question_key,
              const char       *label,
              gboolean         *changed,
              GError          **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;

  if (!check_key_known (self, question_key, error))
    return FALSE;

  cached = key_statement (self, UPSERT_BOOKMARK_SQL, question_key, error);
  if (cached == NULL)
    return FALSE;

  rehearse_bind_text (cached->stmt, 2, label_or_null (label));
  sqlite3_bind_int64 (cached->stmt, 3, rehearse_now_seconds ());
  if (!rehearse_sqlite_step_done (self->db, cached->stmt, error))
    return FALSE;

  *changed = sqlite3_changes (self->db) > 0;
  return TRUE;
}

static gboolean
remove_bookmark (RehearseLibrary  *self,
                 const char       *question_key,
                 const char       *unused_label,
                 gboolean         *changed,
                 GError          **error)
{
  return run_for_key (self, "DELETE FROM bookmarks WHERE question_key = ?1", question_key,
                      changed, error);
}

gboolean
rehearse_library_set_bookmarked (RehearseLibrary  *self,
                                 const char       *question_key,
                                 gboolean          bookmarked,
                                 const char       *label,
                                 GError          **error)
{
  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (question_key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return check_text (label, N_("The label is not valid UTF-8 text"), error)
         && write_user_data (self, bookmarked ? add_bookmark : remove_bookmark, question_key,
                             label, error);
}

gboolean
rehearse_library_write_bookmark (RehearseLibrary  *self,
                                 const char       *question_key,
                                 gboolean          bookmarked,
                                 const char       *label,
                                 gboolean         *changed,
                                 GError          **error)
{
  *changed = FALSE;
  return check_text (label, N_("The label is not valid UTF-8 text"), error)
         && write_in_transaction (self, bookmarked ? add_bookmark : remove_bookmark, question_key,
                                  label, changed, error);
}

#define BOOKMARK_LABEL_SQL "SELECT label FROM bookmarks WHERE question_key = ?1"

gboolean
rehearse_library_is_bookmarked (RehearseLibrary  *self,
                                const char       *question_key,
                                gboolean         *bookmarked,
                                GError          **error)
{
  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (question_key != NULL, FALSE);
  g_return_val_if_fail (bookmarked != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return read_text_for_key (self, BOOKMARK_LABEL_SQL, question_key, bookmarked, NULL, error);
}

gboolean
rehearse_library_get_bookmark (RehearseLibrary  *self,
                               const char       *question_key,
                               gboolean         *bookmarked,
                               char            **label,
                               GError          **error)
{
  gboolean has_row;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (question_key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (label != NULL)
    *label = NULL;
  if (bookmarked != NULL)
    *bookmarked = FALSE;

  if (!read_text_for_key (self, BOOKMARK_LABEL_SQL, question_key, &has_row, label, error))
    return FALSE;

  if (bookmarked != NULL)
    *bookmarked = has_row;
  return TRUE;
}

/* Case-insensitive as a person reads it (Unicode case folding, which
 * SQLite's NOCASE does not know); labels that differ only in case keep a
 * fixed order. */
static int
compare_labels (gconstpointer a,
                gconstpointer b)
{
  const char *first = *(const char * const *) a;
  const char *second = *(const char * const *) b;
  g_autofree char *first_folded = g_utf8_casefold (first, -1);
  g_autofree char *second_folded = g_utf8_casefold (second, -1);
  int order = g_utf8_collate (first_folded, second_folded);

  return order != 0 ? order : strcmp (first, second);
}

/* The labels, as a NULL-terminated array. */
static gpointer
read_labels (RehearseReader  *reader,
             GError         **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  GError *local_error = NULL;

  cached = rehearse_reader_statement (reader,
                                      "SELECT DISTINCT label FROM bookmarks"
                                      " WHERE label IS NOT NULL AND label <> ''",
                                      error);
  if (cached == NULL)
    return NULL;

  while (rehearse_sqlite_next_row (rehearse_reader_get_db (reader), cached->stmt, &local_error))
    g_ptr_array_add (labels, g_strdup ((const char *) sqlite3_column_text (cached->stmt, 0)));

  if (!rehearse_sqlite_rows_done (local_error, error))
    return NULL;

  g_ptr_array_sort (labels, compare_labels);
  g_ptr_array_add (labels, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&labels), FALSE);
}

char **
rehearse_library_list_bookmark_labels (RehearseLibrary  *self,
                                       GError          **error)
{
  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_with_reader (self, read_labels, error);
}

GListModel *
rehearse_library_list_bookmarked (RehearseLibrary  *self,
                                  const char       *label,
                                  GError          **error)
{
  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Bookmarks made in the same second: the later one first (ids grow).
   * CROSS JOIN: look up the few bookmarked questions, never scan them all. */
  return list_question_ids (self,
                            "SELECT q.id FROM bookmarks b"
                            " CROSS JOIN questions q ON q.question_key = b.question_key"
                            " WHERE q.orphaned = 0 AND " REHEARSE_VISIBLE_SQL ("q")
                            " AND (?1 IS NULL OR b.label = ?1)"
                            " ORDER BY b.created_at DESC, b.id DESC",
                            label, G_MAXUINT, error);
}

/* ---- Notes ------------------------------------------------------------------ */

/* A new id at every save: among notes saved in the same second, the
 * highest id is the latest edit. */
#define UPDATE_NOTE_SQL \
  "UPDATE notes SET body = ?2, updated_at = ?3, id = (SELECT max (id) + 1 FROM notes)," \
  " question_text = " SNAPSHOT_OF_KEY_SQL ("?1") \
  " WHERE question_key = ?1"

#define INSERT_NOTE_SQL \
  "INSERT INTO notes (question_key, body, updated_at, question_text)" \
  " VALUES (?1, ?2, ?3, " SNAPSHOT_OF_KEY_SQL ("?1") ")"

/* For read_stored(): the note's body and date. */
#define STORED_NOTE_SQL "SELECT body, updated_at FROM notes WHERE question_key = ?1"

static gboolean
put_note (RehearseLibrary  *self,
          const char       *sql,
          const char       *question_key,
          const char       *body,
          gint64            updated_at,
          GError          **error)
{
  g_autoptr(RehearseCachedStatement) cached = key_statement (self, sql, question_key, error);

  if (cached == NULL)
    return FALSE;

  rehearse_bind_text (cached->stmt, 2, body);
  sqlite3_bind_int64 (cached->stmt, 3, updated_at);
  return rehearse_sqlite_step_done (self->db, cached->stmt, error);
}

static gboolean
store_note (RehearseLibrary  *self,
            const char       *question_key,
            const char       *body,
            gint64            updated_at,
            gboolean          exists,
            GError          **error)
{
  if (exists)
    return put_note (self, UPDATE_NOTE_SQL, question_key, body, updated_at, error);

  return check_key_known (self, question_key, error)
         && put_note (self, INSERT_NOTE_SQL, question_key, body, updated_at, error);
}

/* Only a different body is written; a blank one deletes the note. */
static gboolean
write_note (RehearseLibrary  *self,
            const char       *question_key,
            const char       *body,
            gboolean         *changed,
            GError          **error)
{
  g_auto(StoredUserData) stored = { 0, };

  if (!read_stored (self, STORED_NOTE_SQL, question_key, &stored, error))
    return FALSE;

  if (rehearse_text_is_blank (body))
    return run_for_key (self, "DELETE FROM notes WHERE question_key = ?1", question_key, changed,
                        error);

  if (g_strcmp0 (stored.text, body) == 0)
    return TRUE;

  *changed = store_note (self, question_key, body, rehearse_now_seconds (), stored.text != NULL, error);
  return *changed;
}

gboolean
rehearse_library_save_note (RehearseLibrary  *self,
                            const char       *question_key,
                            const char       *body,
                            GError          **error)
{
  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (question_key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return check_note (body, error)
         && write_user_data (self, write_note, question_key, body, error);
}

gboolean
rehearse_library_write_note (RehearseLibrary  *self,
                             const char       *question_key,
                             const char       *body,
                             gboolean         *changed,
                             GError          **error)
{
  *changed = FALSE;
  return check_note (body, error)
         && write_in_transaction (self, write_note, question_key, body, changed, error);
}

gboolean
rehearse_library_get_note (RehearseLibrary  *self,
                           const char       *question_key,
                           char            **note,
                           GError          **error)
{
  gboolean has_row;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (question_key != NULL, FALSE);
  g_return_val_if_fail (note != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *note = NULL;
  return read_text_for_key (self, "SELECT body FROM notes WHERE question_key = ?1", question_key,
                            &has_row, note, error);
}

GListModel *
rehearse_library_list_with_notes (RehearseLibrary  *self,
                                  GError          **error)
{
  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return list_question_ids (self,
                            "SELECT q.id FROM notes n"
                            " CROSS JOIN questions q ON q.question_key = n.question_key"
                            " WHERE q.orphaned = 0 AND " REHEARSE_VISIBLE_SQL ("q")
                            " ORDER BY n.updated_at DESC, n.id DESC",
                            NULL, G_MAXUINT, error);
}

/* ---- Viewing history -------------------------------------------------------- */

#define RECORD_VIEW_SQL \
  "INSERT INTO views (id, question_key, viewed_at)" \
  " VALUES ((SELECT coalesce (max (id), 0) + 1 FROM views), ?1, ?2)" \
  " ON CONFLICT (question_key) DO UPDATE SET id = excluded.id, viewed_at = excluded.viewed_at"

#define FORGET_OLD_VIEWS_SQL \
  "DELETE FROM views WHERE id <= (SELECT id FROM views ORDER BY id DESC" \
  " LIMIT 1 OFFSET " G_STRINGIFY (REHEARSE_LIBRARY_VIEWS_KEPT) ")"

static gboolean
write_view (RehearseLibrary  *self,
            const char       *question_key,
            const char       *unused_text,
            gboolean         *changed,
            GError          **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;

  if (!check_key_known (self, question_key, error))
    return FALSE;

  cached = key_statement (self, RECORD_VIEW_SQL, question_key, error);
  if (cached == NULL)
    return FALSE;
  sqlite3_bind_int64 (cached->stmt, 2, rehearse_now_seconds ());
  if (!rehearse_sqlite_step_done (self->db, cached->stmt, error))
    return FALSE;

  *changed = TRUE;
  return rehearse_sqlite_exec (self->db, FORGET_OLD_VIEWS_SQL, error);
}

gboolean
rehearse_library_record_view (RehearseLibrary  *self,
                              const char       *question_key,
                              GError          **error)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (question_key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Not write_user_data(): a view announces nothing. */
  return write_in_transaction (self, write_view, question_key, NULL, &changed, error);
}

GListModel *
rehearse_library_list_recently_viewed (RehearseLibrary  *self,
                                       guint             limit,
                                       GError          **error)
{
  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return list_question_ids (self,
                            "SELECT q.id FROM views v"
                            " CROSS JOIN questions q ON q.question_key = v.question_key"
                            " WHERE q.orphaned = 0 AND " REHEARSE_VISIBLE_SQL ("q")
                            " ORDER BY v.id DESC",
                            NULL, limit, error);
}

/* ---- Orphans ------------------------------------------------------------------ */

/* Every key with a bookmark or a note, with both: the rows of the
 * entries. Live questions in deck reading order (decks as the sidebar
 * lists them), then orphaned rows in the same order, then keys without a
 * row at all, by key. */
#define ENTRIES_SQL \
  "WITH user_keys (question_key) AS" \
  "  (SELECT question_key FROM bookmarks UNION SELECT question_key FROM notes)" \
  " SELECT k.question_key," \
  "  CASE WHEN q.id IS NOT NULL THEN " REHEARSE_SNAPSHOT_SQL ("q") \
  "   ELSE coalesce (b.question_text, n.question_text) END," \
  "  b.id IS NOT NULL, b.label, b.created_at, n.body, n.updated_at," \
  "  CASE WHEN q.orphaned = 0 THEN 0 WHEN q.id IS NOT NULL THEN 1 ELSE 2 END AS place" \
  " FROM user_keys k" \
  " LEFT JOIN questions q" \
  "  ON q.question_key = k.question_key AND " REHEARSE_VISIBLE_SQL ("q") \
  " LEFT JOIN decks d ON d.id = q.deck_id" \
  " LEFT JOIN bookmarks b ON b.question_key = k.question_key" \
  " LEFT JOIN notes n ON n.question_key = k.question_key" \
  " WHERE place >= ?1" \
  " ORDER BY place, d.title COLLATE NOCASE, d.id, q.position, k.question_key"

/* Keys with user data but no row (their deck was deleted), by key, with
 * the snapshot kept: bookmarks and notes, and review history, which the
 * notes file does not carry. */
#define ROWLESS_KEYS_SQL \
  "WITH user_keys (question_key) AS" \
  "  (SELECT question_key FROM bookmarks UNION SELECT question_key FROM notes" \
  "   UNION SELECT question_key FROM review_state)" \
  " SELECT k.question_key," \
  "  coalesce (b.question_text, n.question_text, r.question_text)" \
  " FROM user_keys k" \
  " LEFT JOIN bookmarks b ON b.question_key = k.question_key" \
  " LEFT JOIN notes n ON n.question_key = k.question_key" \
  " LEFT JOIN review_state r ON r.question_key = k.question_key" \
  " WHERE NOT EXISTS (SELECT 1 FROM questions q WHERE q.question_key = k.question_key" \
  "                   AND " REHEARSE_VISIBLE_SQL ("q") ")" \
  " ORDER BY k.question_key"

#define ORPHANED_ROWS_SQL \
  "SELECT " REHEARSE_QUESTION_FULL_COLUMNS \
  " FROM questions q LEFT JOIN topics t ON t.id = q.topic_id" \
  " JOIN decks d ON d.id = q.deck_id" \
  " WHERE q.orphaned <> 0 AND " REHEARSE_VISIBLE_SQL ("q") \
  " ORDER BY d.title COLLATE NOCASE, d.id, q.position"

/* Splits a snapshot into the number and text it was made of: "301. Why?"
 * is question 301. A question without a number whose text starts like
 * that would read as numbered; question texts are headings' titles,
 * where such a start made the line a list item, not a question. */
static const char *
split_snapshot (const char *snapshot,
                gint       *number)
{
  const char *c = snapshot;
  guint64 value;

  *number = -1;
  while (g_ascii_isdigit (*c))
    c++;

  if (c == snapshot || c - snapshot > 9 || c[0] != '.' || c[1] != ' ')
    return snapshot;

  value = g_ascii_strtoull (snapshot, NULL, 10);
  *number = (gint) value;
  return c + 2;
}

/* A question of which only the user data's snapshot is left. */
static RehearseQuestion *
question_from_snapshot (const char *question_key,
                        const char *snapshot)
{
  RehearseQuestionFields fields = {
    .question_key = question_key,
    .orphaned = TRUE,
  };

  /* A key saved before snapshots existed has only its key to show. */
  fields.text = split_snapshot (snapshot != NULL ? snapshot : question_key, &fields.number);
  return rehearse_question_new (&fields);
}

static gboolean
append_orphaned_rows (RehearseReader  *reader,
                      GListStore      *questions,
                      GError         **error)
{
  g_autoptr(RehearseCachedStatement) cached = rehearse_reader_statement (reader, ORPHANED_ROWS_SQL,
                                                                         error);
  GError *local_error = NULL;

  if (cached == NULL)
    return FALSE;

  while (rehearse_sqlite_next_row (rehearse_reader_get_db (reader), cached->stmt, &local_error))
    {
      g_autoptr(RehearseQuestion) question = NULL;

      question = rehearse_question_new_from_statement (cached->stmt, TRUE);

      g_list_store_append (questions, question);
    }

  return rehearse_sqlite_rows_done (local_error, error);
}

static gboolean
append_rowless_keys (RehearseReader  *reader,
                     GListStore      *questions,
                     GError         **error)
{
  g_autoptr(RehearseCachedStatement) cached = rehearse_reader_statement (reader, ROWLESS_KEYS_SQL,
                                                                         error);
  GError *local_error = NULL;

  if (cached == NULL)
    return FALSE;

  while (rehearse_sqlite_next_row (rehearse_reader_get_db (reader), cached->stmt, &local_error))
    {
      g_autoptr(RehearseQuestion) question = NULL;

      question = question_from_snapshot ((const char *) sqlite3_column_text (cached->stmt, 0),
                                         (const char *) sqlite3_column_text (cached->stmt, 1));
      g_list_store_append (questions, question);
    }

  return rehearse_sqlite_rows_done (local_error, error);
}

static gboolean
collect_orphaned (RehearseReader  *reader,
                  GListStore      *questions,
                  GError         **error)
{
  sqlite3 *db = rehearse_reader_get_db (reader);
  gboolean ok;

  /* One read transaction: no import lands between the two reads. */
  if (!rehearse_sqlite_exec (db, "BEGIN", error))
    return FALSE;

  ok = append_orphaned_rows (reader, questions, error)
       && append_rowless_keys (reader, questions, error);

  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return ok;
}

/* The orphaned questions, as a GListModel. */
static gpointer
read_orphaned (RehearseReader  *reader,
               GError         **error)
{
  g_autoptr(GListStore) questions = g_list_store_new (REHEARSE_TYPE_QUESTION);

  if (!collect_orphaned (reader, questions, error))
    return NULL;

  return G_LIST_MODEL (g_steal_pointer (&questions));
}

GListModel *
rehearse_library_list_orphaned (RehearseLibrary  *self,
                                GError          **error)
{
  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_with_reader (self, read_orphaned, error);
}

/* Indexes only: a scan of the orphaned rows would read every answer. */
#define HAS_ORPHANS_SQL \
  "SELECT EXISTS (SELECT 1 FROM questions WHERE orphaned <> 0)" \
  " OR EXISTS (SELECT 1 FROM (SELECT question_key FROM bookmarks" \
  "                          UNION SELECT question_key FROM notes) AS kept" \
  "            WHERE NOT EXISTS (SELECT 1 FROM questions q" \
  "                              WHERE q.question_key = kept.question_key))"

gboolean
rehearse_library_has_orphans (RehearseLibrary  *self,
                              gboolean         *has_orphans,
                              GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(RehearseCachedStatement) cached = NULL;
  RehearseReader *reader;
  gboolean has_row;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (has_orphans != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_mutex_locker_new (&self->reader_lock);
  reader = rehearse_library_get_reader (self, error);
  cached = reader != NULL ? rehearse_reader_statement (reader, HAS_ORPHANS_SQL, error) : NULL;
  if (cached == NULL
      || !rehearse_sqlite_step_row (rehearse_reader_get_db (reader), cached->stmt, &has_row,
                                    error))
    return FALSE;

  *has_orphans = has_row && sqlite3_column_int (cached->stmt, 0) != 0;
  return TRUE;
}

static gboolean
delete_all_for_key (RehearseLibrary  *self,
                    const char       *question_key,
                    const char       *unused_text,
                    gboolean         *changed,
                    GError          **error)
{
  /* User data first: the orphaned row is kept only for it. */
  static const char * const statements[] = {
    "DELETE FROM bookmarks WHERE question_key = ?1",
    "DELETE FROM notes WHERE question_key = ?1",
    "DELETE FROM review_state WHERE question_key = ?1",
    "DELETE FROM review_log WHERE question_key = ?1",
    "DELETE FROM views WHERE question_key = ?1",
    "DELETE FROM questions WHERE question_key = ?1 AND orphaned <> 0",
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    if (!run_for_key (self, statements[i], question_key, changed, error))
      return FALSE;

  return TRUE;
}

gboolean
rehearse_library_delete_user_data (RehearseLibrary  *self,
                                   const char       *question_key,
                                   GError          **error)
{
  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (question_key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_user_data (self, delete_all_for_key, question_key, NULL, error);
}

gboolean
rehearse_library_write_deletion (RehearseLibrary  *self,
                                 const char       *question_key,
                                 gboolean         *changed,
                                 GError          **error)
{
  *changed = FALSE;
  return write_in_transaction (self, delete_all_for_key, question_key, NULL, changed, error);
}

/* ---- Entries: the notes file ------------------------------------------------ */

static RehearseUserEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  const char *question_key = (const char *) sqlite3_column_text (stmt, 0);
  RehearseUserEntry *entry = rehearse_user_entry_new (question_key);

  entry->question_text = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  entry->bookmarked = sqlite3_column_int (stmt, 2) != 0;
  entry->label = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  entry->bookmarked_at = sqlite3_column_int64 (stmt, 4);
  entry->note = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  entry->note_updated_at = sqlite3_column_int64 (stmt, 6);
  return entry;
}

/* The entries, as a GPtrArray of RehearseUserEntry. */
static gpointer
read_entries (RehearseReader  *reader,
              GError         **error)
{
  g_autoptr(RehearseCachedStatement) cached = rehearse_reader_statement (reader, ENTRIES_SQL,
                                                                         error);
  g_autoptr(GPtrArray) entries = NULL;
  GError *local_error = NULL;

  if (cached == NULL)
    return NULL;

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) rehearse_user_entry_free);
  sqlite3_bind_int (cached->stmt, 1, 0);
  while (rehearse_sqlite_next_row (rehearse_reader_get_db (reader), cached->stmt, &local_error))
    g_ptr_array_add (entries, entry_from_row (cached->stmt));

  if (!rehearse_sqlite_rows_done (local_error, error))
    return NULL;

  return g_steal_pointer (&entries);
}

GPtrArray *
rehearse_library_list_user_entries (RehearseLibrary  *self,
                                    GError          **error)
{
  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_with_reader (self, read_entries, error);
}

/* ---- Restore ------------------------------------------------------------------ */

typedef struct
{
  RehearseLibrary       *library;
  RehearseRestoreResult  result;
  GPtrArray             *changed_keys;   /* in order, each once */
  GHashTable            *changed_set;
  gint64                 now;
} Restore;

static void
add_changed_key (Restore    *restore,
              const char *question_key)
{
  if (g_hash_table_add (restore->changed_set, g_strdup (question_key)))
    g_ptr_array_add (restore->changed_keys, g_strdup (question_key));
}

/* The snapshot for a key's new user data: its live question's, else the
 * entry's (a key without a question keeps the name the file gave it). */
#define RESTORE_SNAPSHOT_SQL(key, entry_text) \
  "coalesce ((SELECT " REHEARSE_SNAPSHOT_SQL ("sq") " FROM questions sq" \
  "  WHERE sq.question_key = " key " AND " REHEARSE_VISIBLE_SQL ("sq") "), " entry_text ")"

#define INSERT_RESTORED_BOOKMARK_SQL \
  "INSERT INTO bookmarks (question_key, label, created_at, question_text)" \
  " VALUES (?1, ?2, ?3, " RESTORE_SNAPSHOT_SQL ("?1", "?4") ")"

#define INSERT_RESTORED_NOTE_SQL \
  "INSERT INTO notes (question_key, body, updated_at, question_text)" \
  " VALUES (?1, ?2, ?3, " RESTORE_SNAPSHOT_SQL ("?1", "?4") ")"

/* The entry's date, or the time of the restore when the file had none. */
static gint64
restored_time (Restore *restore,
               gint64   time)
{
  return time > 0 ? time : restore->now;
}

/* A bookmark or note the library lacks (@sql one of INSERT_RESTORED_*):
 * @text is its label or body. */
static gboolean
insert_restored (Restore            *restore,
                 const char         *sql,
                 RehearseUserEntry  *entry,
                 const char         *text,
                 gint64              time,
                 GError            **error)
{
  g_autoptr(RehearseCachedStatement) cached = key_statement (restore->library, sql,
                                                             entry->question_key, error);

  if (cached == NULL)
    return FALSE;

  rehearse_bind_text (cached->stmt, 2, text);
  sqlite3_bind_int64 (cached->stmt, 3, time);
  rehearse_bind_text (cached->stmt, 4, entry->question_text);
  return rehearse_sqlite_step_done (restore->library->db, cached->stmt, error);
}

static gboolean
relabel_restored_bookmark (Restore            *restore,
                           RehearseUserEntry  *entry,
                           const char         *label,
                           GError            **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;

  cached = key_statement (restore->library,
                          "UPDATE bookmarks SET label = ?2 WHERE question_key = ?1",
                          entry->question_key, error);
  if (cached == NULL)
    return FALSE;

  rehearse_bind_text (cached->stmt, 2, label);
  return rehearse_sqlite_step_done (restore->library->db, cached->stmt, error);
}

/* Adds a missing bookmark with the entry's date; an existing one keeps its
 * date and takes the entry's label. A label is never removed: restoring
 * deletes nothing. Sets *changed when it wrote. */
static gboolean
restore_bookmark (Restore            *restore,
                  RehearseUserEntry  *entry,
                  gboolean           *changed,
                  GError            **error)
{
  g_auto(StoredUserData) stored = { 0, };
  const char *label = label_or_null (entry->label);

  if (!entry->bookmarked)
    return TRUE;

  if (!read_stored (restore->library, "SELECT label, created_at FROM bookmarks"
                    " WHERE question_key = ?1", entry->question_key, &stored, error))
    return FALSE;

  if (!stored.exists)
    *changed = TRUE;
  else if (label != NULL && g_strcmp0 (label, stored.text) != 0)
    *changed = TRUE;
  else
    return TRUE;

  restore->result.bookmarks_restored++;
  if (stored.exists)
    return relabel_restored_bookmark (restore, entry, label, error);

  return insert_restored (restore, INSERT_RESTORED_BOOKMARK_SQL, entry, label,
                          restored_time (restore, entry->bookmarked_at), error);
}

static gboolean
put_restored_note (Restore            *restore,
                   RehearseUserEntry  *entry,
                   gboolean            exists,
                   GError            **error)
{
  gint64 updated_at = restored_time (restore, entry->note_updated_at);

  if (exists)
    return put_note (restore->library, UPDATE_NOTE_SQL, entry->question_key, entry->note,
                     updated_at, error);

  return insert_restored (restore, INSERT_RESTORED_NOTE_SQL, entry, entry->note, updated_at,
                          error);
}

/* A note replaces the library's only when that one is missing or strictly
 * older: on the same second the library's own is kept. Sets *changed when
 * it wrote, *kept when the library's newer note won. */
static gboolean
restore_note (Restore            *restore,
              RehearseUserEntry  *entry,
              gboolean           *changed,
              gboolean           *kept,
              GError            **error)
{
  g_auto(StoredUserData) stored = { 0, };

  if (rehearse_text_is_blank (entry->note))
    return TRUE;

  if (!read_stored (restore->library, STORED_NOTE_SQL, entry->question_key, &stored, error))
    return FALSE;

  if (stored.exists && g_strcmp0 (stored.text, entry->note) == 0)
    return TRUE;

  if (stored.exists && stored.time >= entry->note_updated_at)
    {
      *kept = TRUE;
      restore->result.notes_kept++;
      return TRUE;
    }

  *changed = TRUE;
  restore->result.notes_restored++;
  return put_restored_note (restore, entry, stored.exists, error);
}

static gboolean
check_entry (RehearseUserEntry  *entry,
             guint               index,
             GError            **error)
{
  if (entry == NULL || entry->question_key == NULL || *entry->question_key == '\0'
      || !g_utf8_validate (entry->question_key, -1, NULL))
    {
      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT,
                   _("Entry %u to restore has no question key"), index + 1);
      return FALSE;
    }

  return check_text (entry->question_text, N_("The question text is not valid UTF-8 text"), error)
         && check_text (entry->label, N_("The label is not valid UTF-8 text"), error)
         && check_text (entry->note, N_("The note is not valid UTF-8 text"), error);
}

static gboolean
restore_entry (Restore            *restore,
               RehearseUserEntry  *entry,
               guint               index,
               GError            **error)
{
  gboolean bookmark_written = FALSE;
  gboolean note_written = FALSE;
  gboolean kept = FALSE;

  if (!check_entry (entry, index, error)
      || !restore_bookmark (restore, entry, &bookmark_written, error)
      || !restore_note (restore, entry, &note_written, &kept, error))
    return FALSE;

  if (bookmark_written || note_written)
    add_changed_key (restore, entry->question_key);
  else if (!kept)
    restore->result.unchanged++;

  return TRUE;
}

static gboolean
restore_all (Restore    *restore,
             GPtrArray  *entries,
             GError    **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&restore->library->lock);
  gboolean ok = TRUE;

  if (!rehearse_library_begin_write (restore->library, error))
    return FALSE;

  for (guint i = 0; ok && i < entries->len; i++)
    ok = restore_entry (restore, g_ptr_array_index (entries, i), i, error);

  return rehearse_library_end_write (restore->library, ok, restore->changed_keys->len > 0,
                                     error);
}

gboolean
rehearse_library_write_restore (RehearseLibrary        *self,
                                GPtrArray              *entries,
                                RehearseRestoreResult  *result,
                                GPtrArray              *changed_keys,
                                GError                **error)
{
  g_autoptr(GHashTable) changed_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                             NULL);
  Restore restore = {
    .library = self,
    .changed_keys = changed_keys,
    .changed_set = changed_set,
    .now = rehearse_now_seconds (),
  };

  if (!restore_all (&restore, entries, error))
    {
      g_ptr_array_set_size (changed_keys, 0);
      return FALSE;
    }

  if (result != NULL)
    *result = restore.result;
  return TRUE;
}

gboolean
rehearse_library_restore_user_entries (RehearseLibrary        *self,
                                       GPtrArray              *entries,
                                       RehearseRestoreResult  *result,
                                       GError                **error)
{
  g_autoptr(GPtrArray) changed_keys = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (entries != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!rehearse_library_write_restore (self, entries, result, changed_keys, error))
    return FALSE;

  for (guint i = 0; i < changed_keys->len; i++)
    rehearse_library_emit_user_data_changed (self, g_ptr_array_index (changed_keys, i));

  return TRUE;
}
