/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rehearse-deck.h"
#include "rehearse-fsrs.h"
#include "rehearse-parsed-deck.h"
#include "rehearse-question.h"
#include "rehearse-search-result.h"
#include "rehearse-topic.h"

G_BEGIN_DECLS

/* The library: one SQLite file holding corpus data (decks, topics,
 * questions, the FTS5 index: rebuildable from Markdown) and user data
 * (bookmarks, notes, review state: irreplaceable, keyed by question key).
 * All methods are safe to call from any thread (the connection is opened
 * serialized), so search and import can run in a GTask. */

#define REHEARSE_TYPE_LIBRARY (rehearse_library_get_type ())
G_DECLARE_FINAL_TYPE (RehearseLibrary, rehearse_library, REHEARSE, LIBRARY, GObject)

typedef enum
{
  REHEARSE_IMPORT_CREATED,    /* a new deck */
  REHEARSE_IMPORT_UPDATED,    /* an existing deck whose sources changed */
  REHEARSE_IMPORT_UNCHANGED,  /* same sources as last time: nothing written */
} RehearseImportOutcome;

typedef struct
{
  RehearseImportOutcome outcome;
  gint64 deck_id;
  guint  added;       /* questions new to the deck */
  guint  updated;     /* questions whose text, answer or topic changed */
  guint  unchanged;
  guint  orphaned;    /* vanished questions kept because user data refers to them */
  guint  removed;     /* vanished questions without user data, deleted */
  gint64 generation;  /* the deck's generation the import left shown: names the
                       * import for rehearse_library_undo_import() */
} RehearseImportResult;

typedef struct
{
  guint decks;
  guint topics;
  guint questions;          /* not orphaned */
  guint orphaned_questions; /* orphaned rows, and user data of deleted decks */
  guint bookmarks;
  guint notes;
  guint indexed;            /* rows in the full-text index */
  guint reviews;            /* reviews logged, of live and orphaned questions */
} RehearseLibraryCounts;

/* $XDG_DATA_HOME/io.github.rehearse.Rehearse/library.db */
char             *rehearse_library_default_path      (void);

/* Opens (creating the file and its folder when missing) and migrates the
 * schema in one transaction. Fails with REHEARSE_ERROR_CORRUPT_DATABASE when
 * the file is not a database or is damaged, REHEARSE_ERROR_NEWER_DATABASE when
 * its user_version is newer than this build knows. */
RehearseLibrary  *rehearse_library_open              (const char            *path,
                                                      GError               **error);
const char       *rehearse_library_get_path          (RehearseLibrary       *self);

/* Stores @deck (keys assigned): all of it or nothing for every reader, in
 * short transactions that let other writes in between. Same sources as the
 * stored deck: nothing is written (UNCHANGED). Otherwise the deck's
 * questions are replaced by question key (an update gives them new ids);
 * user data is never touched. Fails while another program imports or
 * removes the same deck. */
gboolean          rehearse_library_import_deck       (RehearseLibrary       *self,
                                                      RehearseParsedDeck    *deck,
                                                      RehearseImportResult  *result,
                                                      GError               **error);

/* Deletes a deck's corpus rows (hidden at once, then deleted in short
 * transactions); user data stays, keyed by question key, and attaches again
 * when the deck is imported again. */
gboolean          rehearse_library_delete_deck       (RehearseLibrary       *self,
                                                      gint64                 deck_id,
                                                      GError               **error);

/* Undoing an import (rehearse-library-undo.c). An update keeps the version
 * of the deck it replaced, in memory while the library is open (the latest
 * update of each deck only), so that it can be put back exactly: title,
 * topics, questions in their order with their keys, text and answers,
 * sources. User data is keyed by question key and never touched, so it
 * is attached as before; a question the update brought in and the undo
 * takes out keeps its user data as an orphan. An import can be undone
 * while it is the deck's latest change: a deck it created is deleted (as
 * rehearse_library_delete_deck()), a deck it updated is put back in the
 * same short transactions as an import, and the file's changes come in
 * again only when it is imported again. Fails with REHEARSE_ERROR_FAILED
 * once the deck changed since (another import, an undo) or the version
 * before is not kept, with REHEARSE_ERROR_NOT_FOUND once it is removed. */
gboolean          rehearse_library_can_undo_import   (RehearseLibrary            *self,
                                                      const RehearseImportResult *result);
gboolean          rehearse_library_undo_import       (RehearseLibrary            *self,
                                                      const RehearseImportResult *result,
                                                      GError                    **error);

/* Lists, as GListModels of the core's objects, in reading order. */
GListModel       *rehearse_library_list_decks        (RehearseLibrary       *self,
                                                      GError               **error);
GListModel       *rehearse_library_list_topics       (RehearseLibrary       *self,
                                                      gint64                 deck_id,
                                                      GError               **error);
/* Lazy: holds only row ids and loads an item when asked for it, so a list
 * of 100,000 questions costs about a megabyte until it is scrolled. Items
 * carry the summary (key, number, text, topic), not the answer. */
GListModel       *rehearse_library_list_questions    (RehearseLibrary       *self,
                                                      gint64                 topic_id,
                                                      GError               **error);
GListModel       *rehearse_library_list_deck_questions (RehearseLibrary     *self,
                                                      gint64                 deck_id,
                                                      GError               **error);
GListModel       *rehearse_library_list_all_questions (RehearseLibrary      *self,
                                                      GError               **error);
/* Finds a deck by id ("12"), key ("docker-interview-questions") or title
 * (case-insensitive). */
RehearseDeck     *rehearse_library_find_deck         (RehearseLibrary       *self,
                                                      const char            *id_key_or_title,
                                                      GError               **error);
/* Full question, answer and In-depth part included. */
RehearseQuestion *rehearse_library_get_question      (RehearseLibrary       *self,
                                                      const char            *question_key,
                                                      GError               **error);
RehearseQuestion *rehearse_library_get_question_by_id (RehearseLibrary      *self,
                                                      gint64                 question_id,
                                                      GError               **error);

/* Places in a deck's file: the question (or first question of the topic)
 * a "#what-is-a-pod" link names, 0 when none; the folder of the file. */
gint64            rehearse_library_find_anchor       (RehearseLibrary       *self,
                                                      gint64                 deck_id,
                                                      const char            *anchor,
                                                      GError               **error);
char             *rehearse_library_get_deck_folder   (RehearseLibrary       *self,
                                                      gint64                 deck_id,
                                                      GError               **error);
/* GitHub's anchor of a heading: "What is a Pod?" is "what-is-a-pod". */
char             *rehearse_heading_slug              (const char            *heading);

/* Full-text search over question text (weighted higher), answers and
 * In-depth parts. The last word is a prefix ("dock" finds "docker"), so it
 * serves search-as-you-type; any user input is accepted and quoted, never
 * parsed as FTS5 syntax. Best first, at most @limit results, each with a
 * snippet whose matched words sit between REHEARSE_MATCH_START and
 * REHEARSE_MATCH_END. Cancelling @cancellable interrupts the query. */
GListModel       *rehearse_library_search            (RehearseLibrary       *self,
                                                      const char            *query,
                                                      guint                  limit,
                                                      GCancellable          *cancellable,
                                                      GError               **error);
void              rehearse_library_search_async      (RehearseLibrary       *self,
                                                      const char            *query,
                                                      guint                  limit,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
GListModel       *rehearse_library_search_finish     (RehearseLibrary       *self,
                                                      GAsyncResult          *result,
                                                      GError               **error);

/* Whether another program (rehearse-cli, another copy of Rehearse) committed
 * a change to the library since it was opened or last checked; cheap enough
 * to ask each time the window comes to the front. When one did, emits
 * ::decks-changed if it imported, updated or removed a deck, then
 * ::user-data-changed with a NULL key. FALSE with @error set when the
 * library could not be read. */
gboolean          rehearse_library_check_changed_elsewhere (RehearseLibrary *self,
                                                      GError               **error);

/* ---- User data ----------------------------------------------------------
 * Keyed by question key, never by row id: it survives re-imports, changed
 * versions of a deck, and a deck deleted and imported again. Every write is
 * one transaction; once a call returns, the data survives a crash of the
 * process. Each successful write emits ::user-data-changed with the question
 * key, in the thread that wrote; the asynchronous writes (below) emit it in
 * the main context that asked. A read that fails is an error, never "none":
 * a note that could not be read must not be saved over as if empty. */

/* Adds or removes a bookmark. Adding keeps an existing bookmark's date (and
 * so its place in the list) and replaces its label; an empty or NULL label
 * means none. */
gboolean          rehearse_library_set_bookmarked    (RehearseLibrary       *self,
                                                      const char            *question_key,
                                                      gboolean               bookmarked,
                                                      const char            *label,
                                                      GError               **error);
/* Sets *bookmarked; FALSE with @error set when the library could not be
 * read. */
gboolean          rehearse_library_is_bookmarked     (RehearseLibrary       *self,
                                                      const char            *question_key,
                                                      gboolean              *bookmarked,
                                                      GError               **error);
/* Sets *bookmarked (if asked for) and *label (if asked for: the label, or
 * NULL without one); FALSE with @error set when it could not be read. */
gboolean          rehearse_library_get_bookmark      (RehearseLibrary       *self,
                                                      const char            *question_key,
                                                      gboolean              *bookmarked,
                                                      char                 **label,
                                                      GError               **error);
/* Distinct labels in use, sorted case-insensitively; NULL-terminated. */
char            **rehearse_library_list_bookmark_labels (RehearseLibrary    *self,
                                                      GError               **error);
/* Bookmarked live questions, newest bookmark first; only those with @label
 * when it is not NULL. */
GListModel       *rehearse_library_list_bookmarked   (RehearseLibrary       *self,
                                                      const char            *label,
                                                      GError               **error);

/* Sets *note to the note's Markdown, or NULL when the question has none;
 * FALSE with @error set (and *note NULL) when it could not be read. */
gboolean          rehearse_library_get_note          (RehearseLibrary       *self,
                                                      const char            *question_key,
                                                      char                 **note,
                                                      GError               **error);
/* Saves the note; a body of only whitespace deletes it. Saving the text
 * already stored writes nothing. */
gboolean          rehearse_library_save_note         (RehearseLibrary       *self,
                                                      const char            *question_key,
                                                      const char            *body,
                                                      GError               **error);
/* Live questions that have a note, the most recently edited first. */
GListModel       *rehearse_library_list_with_notes   (RehearseLibrary       *self,
                                                      GError               **error);

/* Viewing history. The library keeps the latest view of the last
 * REHEARSE_LIBRARY_VIEWS_KEPT questions read; recording one does not emit
 * ::user-data-changed (a list of recent questions must not reorder under
 * the pointer while its questions are read). */
#define REHEARSE_LIBRARY_VIEWS_KEPT 500
gboolean          rehearse_library_record_view       (RehearseLibrary       *self,
                                                      const char            *question_key,
                                                      GError               **error);
/* Live questions read, the latest view first, at most @limit of them. */
GListModel       *rehearse_library_list_recently_viewed (RehearseLibrary    *self,
                                                      guint                  limit,
                                                      GError               **error);

/* User data whose question is not in any deck now: its question was
 * orphaned by an import, or its deck was deleted. A GListModel of
 * RehearseQuestion: orphaned rows keep their id and answer; for a deleted
 * deck the id is 0 and the text is the snapshot kept with the user data. */
GListModel       *rehearse_library_list_orphaned     (RehearseLibrary       *self,
                                                      GError               **error);
/* Whether rehearse_library_list_orphaned() would list anything, read from
 * indexes only: cheap on the main loop whatever the library's size. */
gboolean          rehearse_library_has_orphans       (RehearseLibrary       *self,
                                                      gboolean              *has_orphans,
                                                      GError               **error);
/* Deletes a question's bookmark, note and review history, and its row when
 * it is an orphan (a live question's row stays). */
gboolean          rehearse_library_delete_user_data  (RehearseLibrary       *self,
                                                      const char            *question_key,
                                                      GError               **error);

/* Every question key with a bookmark or a note, as RehearseUserEntry: live
 * questions in deck reading order, then the orphaned. */
GPtrArray        *rehearse_library_list_user_entries (RehearseLibrary       *self,
                                                      GError               **error);

typedef struct
{
  guint bookmarks_restored;   /* added, or label changed */
  guint notes_restored;       /* added, or replaced an older note */
  guint notes_kept;           /* the library's note was newer: left as it was */
  guint unchanged;            /* entries the library already held */
} RehearseRestoreResult;

/* Restores entries (from a notes file) in one transaction: all or nothing.
 * Bookmarks are added with their date and label; a note replaces the
 * library's only when that one is missing or older. Nothing is ever
 * deleted. Keys without a question are kept, shown as orphaned. */
gboolean          rehearse_library_restore_user_entries (RehearseLibrary    *self,
                                                      GPtrArray             *entries,
                                                      RehearseRestoreResult *result,
                                                      GError               **error);

/* ---- Asynchronous writes -------------------------------------------------
 * What the app uses, so that its main loop never waits for the database
 * (for another program's import holding the write lock, say): each call
 * returns at once and the library's one writer thread does the work, so
 * writes are done one at a time in the order they were asked for (a note
 * saved as "a" then "ab" ends as "ab", whichever thread asked). The signals
 * a write causes are emitted in the thread-default main context of the
 * caller, after the write committed and before @callback runs there.
 * Cancelling @cancellable drops a call that has not started (its _finish
 * then fails with G_IO_ERROR_CANCELLED); one that has started goes to its
 * end, all or nothing as every write. The library lives until every call
 * has finished; disposing it does what is queued first. The synchronous
 * functions above stay for programs without a main loop. */

void              rehearse_library_set_bookmarked_async  (RehearseLibrary      *self,
                                                          const char           *question_key,
                                                          gboolean              bookmarked,
                                                          const char           *label,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean          rehearse_library_set_bookmarked_finish (RehearseLibrary      *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
void              rehearse_library_save_note_async       (RehearseLibrary      *self,
                                                          const char           *question_key,
                                                          const char           *body,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean          rehearse_library_save_note_finish      (RehearseLibrary      *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
/* rehearse_library_record_review() in the writer thread. */
void              rehearse_library_record_review_async   (RehearseLibrary              *self,
                                                          const char                   *question_key,
                                                          const RehearseFsrsParameters *parameters,
                                                          RehearseGrade                 grade,
                                                          gint64                        reviewed_at,
                                                          gint64                        time_spent,
                                                          GCancellable                 *cancellable,
                                                          GAsyncReadyCallback           callback,
                                                          gpointer                      user_data);
gboolean          rehearse_library_record_review_finish  (RehearseLibrary      *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
void              rehearse_library_record_view_async     (RehearseLibrary      *self,
                                                          const char           *question_key,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean          rehearse_library_record_view_finish    (RehearseLibrary      *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
void              rehearse_library_delete_user_data_async  (RehearseLibrary    *self,
                                                          const char           *question_key,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean          rehearse_library_delete_user_data_finish (RehearseLibrary    *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
/* Emits no signal, as rehearse_library_delete_deck(). */
void              rehearse_library_delete_deck_async     (RehearseLibrary      *self,
                                                          gint64                deck_id,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean          rehearse_library_delete_deck_finish    (RehearseLibrary      *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
/* rehearse_library_undo_import() in the writer thread, after a backup when
 * it deletes a deck (as rehearse_library_delete_deck_async()); emits no
 * signal either. */
void              rehearse_library_undo_import_async     (RehearseLibrary            *self,
                                                          const RehearseImportResult *result,
                                                          GCancellable               *cancellable,
                                                          GAsyncReadyCallback         callback,
                                                          gpointer                    user_data);
gboolean          rehearse_library_undo_import_finish    (RehearseLibrary      *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
/* @entries is kept until the call has finished: leave it as it is. */
void              rehearse_library_restore_user_entries_async  (RehearseLibrary *self,
                                                          GPtrArray            *entries,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean          rehearse_library_restore_user_entries_finish (RehearseLibrary *self,
                                                          GAsyncResult         *result,
                                                          RehearseRestoreResult *restored,
                                                          GError              **error);
/* Takes the main connection's lock, so it waits its turn with the writes.
 * _finish returns as rehearse_library_check_changed_elsewhere() does. */
void              rehearse_library_check_changed_elsewhere_async  (RehearseLibrary *self,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean          rehearse_library_check_changed_elsewhere_finish (RehearseLibrary *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
/* Reads every entry, after the writes asked for before it: an export
 * holds what was typed just before it was asked for. */
void              rehearse_library_list_user_entries_async  (RehearseLibrary   *self,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
GPtrArray        *rehearse_library_list_user_entries_finish (RehearseLibrary   *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

/* Blocks until every asynchronous call asked for so far has been done
 * (committed or failed): for a program about to end, which would lose
 * them. Their callbacks still need their main contexts to run. */
void              rehearse_library_wait_for_writes       (RehearseLibrary      *self);

/* PRAGMA integrity_check and foreign_key_check, the FTS5 index checked
 * against its content (REHEARSE_ERROR_SEARCH_INDEX when they differ), and
 * row counts. */
gboolean          rehearse_library_check             (RehearseLibrary       *self,
                                                      RehearseLibraryCounts *counts,
                                                      GError               **error);
/* The search index alone, checked against the questions and notes: a
 * damaged one finds too little or too much without any error. Reads every
 * row (seconds for 100,000 questions). */
gboolean          rehearse_library_check_search_index   (RehearseLibrary  *self,
                                                         GError          **error);
/* Whether the search index holds one row for each question and note, no
 * more and no fewer: a check cheap enough for every start (counts only),
 * which finds an index that lost or kept rows. */
gboolean          rehearse_library_search_index_complete (RehearseLibrary  *self,
                                                          gboolean         *complete,
                                                          GError          **error);
/* Builds the search index anew from the questions and notes. */
gboolean          rehearse_library_rebuild_search_index (RehearseLibrary  *self,
                                                         GError          **error);
/* In the writer thread: rebuilds the index when it is not complete.
 * _finish returns TRUE when it was rebuilt, FALSE when it needed nothing
 * or failed (then with @error set). */
void              rehearse_library_mend_search_index_async  (RehearseLibrary     *self,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
gboolean          rehearse_library_mend_search_index_finish (RehearseLibrary  *self,
                                                             GAsyncResult     *result,
                                                             GError          **error);

/* ---- Backups (rehearse-library-backup.c) ----------------------------------
 * Whole copies of the library in a "backups" folder beside it. Times are
 * unix milliseconds, passed in. */

typedef struct
{
  char    *path;
  gint64   time;     /* when it was made (from its name: UTC, to the second) */
  guint64  size;     /* bytes */
} RehearseBackup;

void              rehearse_backup_free               (RehearseBackup        *backup);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RehearseBackup, rehearse_backup_free)

char             *rehearse_library_get_backup_folder (RehearseLibrary       *self);
/* A consistent copy of the library as it is (VACUUM INTO), named by @now.
 * Returns: (transfer full): its path. */
char             *rehearse_library_backup            (RehearseLibrary       *self,
                                                      gint64                 now,
                                                      GError               **error);
/* Makes a backup (and thins the older ones) unless the newest is less than
 * 30 minutes old: for after changes. Sets *made. */
gboolean          rehearse_library_backup_if_due     (RehearseLibrary       *self,
                                                      gint64                 now,
                                                      gboolean              *made,
                                                      GError               **error);
/* rehearse_library_backup_if_due() in the writer thread, at the clock's
 * now; _finish returns whether one was made (FALSE with @error set when
 * it failed). */
void              rehearse_library_backup_if_due_async  (RehearseLibrary     *self,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean          rehearse_library_backup_if_due_finish (RehearseLibrary  *self,
                                                         GAsyncResult     *result,
                                                         GError          **error);
/* Returns: (transfer full) (element-type RehearseBackup): newest first;
 * empty when none was made. */
GPtrArray        *rehearse_library_list_backups      (RehearseLibrary       *self,
                                                      GError               **error);
/* Sets kept[i] for each of @backups (newest first) that thinning keeps: the
 * newest, and the newest of each of the last 12 days, 10 weeks (from
 * Monday) and 9 months, counted in UTC back from @now. */
void              rehearse_backups_choose_kept       (GPtrArray             *backups,
                                                      gint64                 now,
                                                      gboolean              *kept);
/* Removes the backups rehearse_backups_choose_kept() does not keep. */
gboolean          rehearse_library_thin_backups      (RehearseLibrary       *self,
                                                      gint64                 now,
                                                      guint                 *removed,
                                                      GError               **error);
/* Puts the library back as @backup_path holds it, through SQLite's online
 * backup API: every connection open on it sees the restored library.
 * Refuses a damaged file and one of another library format. */
gboolean          rehearse_library_restore_backup    (RehearseLibrary       *self,
                                                      const char            *backup_path,
                                                      GError               **error);
/* In the writer thread: backs the library up as it is, then restores
 * @backup_path; _finish as rehearse_library_restore_backup(). */
void              rehearse_library_restore_backup_async  (RehearseLibrary     *self,
                                                          const char          *backup_path,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean          rehearse_library_restore_backup_finish (RehearseLibrary  *self,
                                                          GAsyncResult     *result,
                                                          GError          **error);

/* ---- Damage (rehearse-library-salvage.c) ---------------------------------
 * A damaged library is never written to again: its user data is salvaged
 * row by row from whatever pages still read, its decks imported again from
 * their files, and the damaged file kept beside it. */

typedef struct
{
  const char *name;          /* "bookmarks", "notes", "views", "review_state", "review_log" */
  guint       rows;          /* rows recovered */
  guint       rows_refused;  /* rows read but refused by the schema (damaged keys) */
  guint       unreadable;    /* stretches of rows that could not be read */
} RehearseSalvagedTable;

typedef struct
{
  GArray     *tables;            /* RehearseSalvagedTable, one per table of user data */
  GPtrArray  *deck_sources;      /* char **: each deck's files, NULL-terminated */
  GPtrArray  *decks_reimported;  /* char *: titles of the decks imported again */
  GPtrArray  *decks_missing;     /* char *: why a deck could not be (its file gone…) */
  char       *set_aside_path;    /* where the damaged file was kept (repair only) */
} RehearseSalvageReport;

void              rehearse_salvage_report_clear      (RehearseSalvageReport *report);
void              rehearse_salvage_report_free       (RehearseSalvageReport *report);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RehearseSalvageReport, rehearse_salvage_report_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RehearseSalvageReport, rehearse_salvage_report_free)

/* PRAGMA quick_check on a connection of its own (it reads every page: a
 * third of a second for 100,000 questions, so not on the main thread).
 * Damage sets REHEARSE_ERROR_CORRUPT_DATABASE and marks @self damaged. */
gboolean          rehearse_library_quick_check       (RehearseLibrary        *self,
                                                      GError                **error);
/* TRUE when the library file or its folder cannot be written, or the disk
 * refused to write when it was opened (full, failing): it was opened
 * read-only, and every write fails with REHEARSE_ERROR_DATABASE. */
gboolean          rehearse_library_is_read_only      (RehearseLibrary        *self);
/* Why the library is read-only, in a sentence that names its file or
 * folder ("The disk that holds “…/library.db” is full."), or NULL when it
 * is not. */
const char       *rehearse_library_get_read_only_reason (RehearseLibrary     *self);
/* After this, every write fails with REHEARSE_ERROR_CORRUPT_DATABASE. */
void              rehearse_library_set_damaged       (RehearseLibrary        *self);
gboolean          rehearse_library_is_damaged        (RehearseLibrary        *self);
/* Copies the user data of the library file @damaged_path, row by row from
 * whatever still reads, into @destination (a new library), and lists the
 * decks' files in @report. Never writes to @damaged_path. */
gboolean          rehearse_library_salvage           (const char             *damaged_path,
                                                      RehearseLibrary        *destination,
                                                      RehearseSalvageReport  *report,
                                                      GError                **error);
/* Keeps a copy of the damaged file beside it (@report->set_aside_path),
 * salvages it into a new library, imports its decks again there, and puts
 * that in place of @self's pages: every connection sees the repaired
 * library. */
gboolean          rehearse_library_repair            (RehearseLibrary        *self,
                                                      RehearseSalvageReport  *report,
                                                      GCancellable           *cancellable,
                                                      GError                **error);
/* The repair in a thread; _finish emits the changes in the caller's
 * thread and returns the report (free with rehearse_salvage_report_free). */
void              rehearse_library_repair_async      (RehearseLibrary        *self,
                                                      GCancellable           *cancellable,
                                                      GAsyncReadyCallback     callback,
                                                      gpointer                user_data);
RehearseSalvageReport *rehearse_library_repair_finish (RehearseLibrary       *self,
                                                      GAsyncResult           *result,
                                                      GError                **error);
/* Imports again the decks @report lists (salvaged from a damaged file)
 * into @library, noting which came back and which could not. */
void              rehearse_library_reimport_salvaged_decks (RehearseLibrary       *library,
                                                            RehearseSalvageReport *report,
                                                            GCancellable          *cancellable);
/* Deletes the closed library file @path with what SQLite and the staged
 * imports keep beside it (-wal, -shm, -journal, -lock). */
void              rehearse_library_remove_files      (const char             *path);

/* ---- Reviews (rehearse-library-reviews.c) --------------------------------
 * Spaced repetition: every review is logged, and every reviewed question
 * has a card state (FSRS), both keyed by question key like bookmarks and
 * notes, so re-imports and deleted decks keep them; an orphaned question
 * keeps its history. Times are unix milliseconds (UTC), always passed in. */

/* One logged review. */
typedef struct
{
  gint64            reviewed_at;        /* unix ms */
  RehearseGrade     grade;
  RehearseCardState state_before;
  int               elapsed_days;       /* since the review before */
  int               scheduled_days;     /* after this one */
  double            stability_before;
  double            difficulty_before;
  double            stability_after;
  double            difficulty_after;
  gint64            due_after;          /* unix ms */
  gint64            time_spent;         /* ms on the card; 0 when unknown */
} RehearseReview;

/* Reviews @question_key with @grade at @reviewed_at: the card's new state
 * (from its stored one and @parameters) and the log row are written in one
 * transaction; @card (may be NULL) gets the new state. The key must name a
 * question, or have user data (an orphan can still be reviewed); a review
 * dated before the card's last one is refused (the log stays in time
 * order). Emits ::user-data-changed with the key. */
gboolean          rehearse_library_record_review     (RehearseLibrary              *self,
                                                      const char                   *question_key,
                                                      const RehearseFsrsParameters *parameters,
                                                      RehearseGrade                 grade,
                                                      gint64                        reviewed_at,
                                                      gint64                        time_spent,
                                                      RehearseFsrsCard             *card,
                                                      GError                      **error);
/* The card state of @question_key; a new card due at @now when it was
 * never reviewed. FALSE with @error set only when it could not be read. */
gboolean          rehearse_library_get_card          (RehearseLibrary       *self,
                                                      const char            *question_key,
                                                      gint64                 now,
                                                      RehearseFsrsCard      *card,
                                                      GError               **error);
/* Live questions due at @now (reviewed before, due at or before @now), the
 * most overdue first; within @deck_id and @topic_id when they are not 0.
 * Lazy, like the other lists of questions. */
GListModel       *rehearse_library_list_due          (RehearseLibrary       *self,
                                                      gint64                 now,
                                                      gint64                 deck_id,
                                                      gint64                 topic_id,
                                                      GError               **error);
/* How many live questions are due at @now: *total (may be NULL), and per
 * topic in *by_topic (may be NULL): topic id (gint64 *) → count
 * (GUINT_TO_POINTER); a topic with none due is absent. */
gboolean          rehearse_library_count_due         (RehearseLibrary       *self,
                                                      gint64                 now,
                                                      guint                 *total,
                                                      GHashTable           **by_topic,
                                                      GError               **error);
/* The reviews of @question_key, oldest first: a GArray of RehearseReview,
 * empty when it has none. */
GArray           *rehearse_library_list_reviews      (RehearseLibrary       *self,
                                                      const char            *question_key,
                                                      GError               **error);

G_END_DECLS
