/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rehearse-clock.h"
#include "rehearse-library.h"
#include "rehearse-progress.h"
#include "rehearse-sqlite-private.h"

G_BEGIN_DECLS

/* What the library's files share: the instance structure, its two
 * connections and row decoding.
 *
 *  rehearse-library.c          the object, opening, lists, single rows, check
 *  rehearse-library-schema.c   migrations, and opening the file to them
 *  rehearse-library-changes.c  changes made by other programs
 *  rehearse-library-import.c   storing a parsed deck, deleting a deck
 *  rehearse-library-undo.c     the version an update replaced, and undoing
 *                              an import
 *  rehearse-library-staging.c  long writes in short transactions: claims,
 *                              batches, hidden rows, what a crash left
 *  rehearse-library-reader.c   the read-only connection
 *  rehearse-library-search.c   full-text search and its ranking
 *  rehearse-library-user-data.c  bookmarks, notes, views, orphans, restore
 *  rehearse-library-writer.c   the writer thread: the asynchronous writes
 *  rehearse-sqlite.c           the SQLite helpers under all of them */

/* How long a call on the main connection waits for another program's
 * write lock: long enough to wait out another process's import, short
 * enough that a stuck lock turns into an error a person can see. */
#define REHEARSE_LIBRARY_BUSY_TIMEOUT_MS 5000

/* Dates in the library: unix seconds. */
static inline gint64
rehearse_now_seconds (void)
{
  return rehearse_clock_now_ms () / 1000;
}

typedef struct _RehearseReader RehearseReader;

/* The read-only connection (rehearse-library-reader.c) and what search
 * keeps with it (rehearse-library-search.c). */
struct _RehearseReader
{
  sqlite3        *db;
  GHashTable     *statements;     /* SQL text → RehearseCachedStatement */

  /* Search: the index's tokenizer and word counts. */
  fts5_tokenizer  tokenizer_class;
  Fts5Tokenizer  *tokenizer;
  sqlite3_stmt   *count_term;     /* rows holding a word */
  sqlite3_stmt   *count_prefix;   /* rows holding each word of a prefix */

  /* What search caches, and what it was read from (FTS5's averages and
   * structure records, which change with every write to the index). */
  GBytes         *fingerprint;
  GArray         *doc_ids;        /* gint64, ascending */
  GArray         *doc_lengths;    /* guint32 tokens, parallel to doc_ids */
  GHashTable     *doc_counts;     /* "word" or "prefix*" → rows (gint64 *) */

  /* Rows in the index that are not to be shown (an import is staging or
   * retiring them), read at each search while a deck is claimed; NULL
   * when there are none. gint64 * → itself. */
  GHashTable     *hidden;
};

struct _RehearseLibrary
{
  GObject                   parent_instance;

  char                     *path;
  gint64                    target_version;   /* the schema version opening migrates to */

  /* The main connection writes (imports, bookmarks) and checks. It is
   * serialized, but a transaction or a cached statement spans several
   * calls: each method using it holds this lock so that two threads never
   * interleave inside one. */
  GRecMutex                 lock;
  sqlite3                  *db;
  GHashTable               *statements;   /* SQL text → RehearseCachedStatement */

  /* Imports and deck removals of this object run one at a time; each
   * takes the lock above only for one batch at a time, so that other
   * writes get in between (rehearse-library-staging.c). */
  GMutex                    long_write_lock;
  gint64                    batch_usec;   /* how long one batch may hold the write lock */

  /* What the latest update of each deck replaced, for undo: deck id
   * (gint64 *) → RehearseDeckVersion. Under the lock above. */
  GHashTable               *replaced_versions;

  /* Reads (lists, questions, searches) run on a second, read-only
   * connection, opened on first use: WAL lets it read while an import
   * writes, so the window never waits for an import, nor an import for a
   * search. It sees what the main connection committed. */
  GMutex                    reader_lock;
  RehearseReader           *reader;

  /* What the main connection last saw of changes made by other programs
   * (rehearse_library_check_changed_elsewhere()). */
  gint64                    data_version;
  char                     *decks_signature;

  /* The asynchronous writes: one thread, so they are done in the order
   * they were asked for, and how many are queued or running. */
  GThreadPool              *writer;
  GMutex                    writer_lock;
  GCond                     writer_idle;
  guint                     writes_in_flight;

  /* Set once damage is found (a check, or SQLITE_CORRUPT met by a
   * write): nothing more is written into the file until it is repaired. */
  gint                      damaged;
  /* Opened read-only: the file or its folder cannot be written, or the
   * disk refused to write when it was opened (full, failing). Why, in a
   * sentence for the user; and the URI both connections open it by. */
  gboolean                  read_only;
  char                     *read_only_reason;
  char                     *read_only_uri;
  gboolean                  disk_full;      /* why it is read-only */
};

/* Columns read by rehearse_question_new_from_statement(), in this order,
 * from "questions q LEFT JOIN topics t". */
#define REHEARSE_QUESTION_SUMMARY_COLUMNS \
  "q.id, q.question_key, q.deck_id, q.topic_id, q.number, q.text, t.title, q.orphaned"
#define REHEARSE_QUESTION_FULL_COLUMNS \
  REHEARSE_QUESTION_SUMMARY_COLUMNS ", q.answer, q.in_depth, q.prompt"
#define REHEARSE_QUESTION_SUMMARY_N_COLUMNS 8

/* The generation of deck @deck_id that reads show, if the deck is shown;
 * and whether the row @row of questions or topics is in it. Every read of
 * topics and questions goes through these: the rows an import is staging
 * or retiring, and those of a deck being removed, are never shown. */
#define REHEARSE_VISIBLE_GENERATION_SQL(deck_id) \
  "(SELECT vd.generation FROM decks vd WHERE vd.id = " deck_id " AND vd.state = 0)"
#define REHEARSE_VISIBLE_SQL(row) \
  "(" row ".generation = " REHEARSE_VISIBLE_GENERATION_SQL (row ".deck_id") ")"

/* The snapshot of a question's text kept with its user data, from a row
 * of questions (or old.*) named @q: "301. text", or the text alone when
 * the question has no number. Also RehearseUserEntry's question_text. */
#define REHEARSE_SNAPSHOT_SQL(q) \
  "CASE WHEN " q ".number IS NULL THEN " q ".text ELSE " q ".number || '. ' || " q ".text END"

RehearseQuestion        *rehearse_question_new_from_statement (sqlite3_stmt     *stmt,
                                                               gboolean          full);

/* Opens as rehearse_library_open() does, migrating only up to schema
 * @version: tests make libraries as older versions wrote them, to fill
 * them with SQL and open them again. */
RehearseLibrary         *rehearse_library_open_version        (const char       *path,
                                                               gint64            version,
                                                               GError          **error);

/* rehearse-library-schema.c: the schema version this build writes, and
 * opening self->path (creating it and its folder when missing) with its
 * schema brought to self->target_version. */
gint64                   rehearse_library_schema_version      (void);
gboolean                 rehearse_library_open_database       (RehearseLibrary  *self,
                                                               GError          **error);

/* rehearse-library-changes.c: what the library sees of the file now is
 * not a change made elsewhere; nor are its own changes to the decks. The
 * caller holds self->lock. */
gboolean                 rehearse_library_remember_change_marks (RehearseLibrary *self,
                                                               GError          **error);
void                     rehearse_library_remember_own_decks_change (RehearseLibrary *self);

gboolean                 rehearse_library_take_change_marks   (RehearseLibrary  *self,
                                                               gboolean         *changed,
                                                               gboolean         *decks_changed,
                                                               GError          **error);

/* rehearse-library-user-data.c: the writes of user data without their
 * signals. *changed (or @changed_keys, in order) says what
 * ::user-data-changed must announce once the write is committed: the
 * synchronous functions emit it at once, the writer thread leaves it to
 * the main context that asked. */
gboolean                 rehearse_library_write_bookmark      (RehearseLibrary  *self,
                                                               const char       *question_key,
                                                               gboolean          bookmarked,
                                                               const char       *label,
                                                               gboolean         *changed,
                                                               GError          **error);
gboolean                 rehearse_library_write_note          (RehearseLibrary  *self,
                                                               const char       *question_key,
                                                               const char       *body,
                                                               gboolean         *changed,
                                                               GError          **error);
gboolean                 rehearse_library_write_deletion      (RehearseLibrary  *self,
                                                               const char       *question_key,
                                                               gboolean         *changed,
                                                               GError          **error);
gboolean                 rehearse_library_write_restore       (RehearseLibrary  *self,
                                                               GPtrArray        *entries,
                                                               RehearseRestoreResult *result,
                                                               GPtrArray        *changed_keys,
                                                               GError          **error);

/* rehearse-library-writer.c: the writer thread (and its lock and
 * condition, which finalize clears), made with the library; stopping it
 * does what is queued first and waits for it. */
void                     rehearse_library_start_writer        (RehearseLibrary  *self);
void                     rehearse_library_stop_writer         (RehearseLibrary  *self);

/* A write transaction on the main connection; the caller holds self->lock
 * from begin to end. End commits when @ok and @changed, rolls back
 * otherwise (a transaction that changed nothing leaves no trace), and
 * returns whether all went well. */
gboolean                 rehearse_library_begin_write         (RehearseLibrary  *self,
                                                               GError          **error);
gboolean                 rehearse_library_end_write           (RehearseLibrary  *self,
                                                               gboolean          ok,
                                                               gboolean          changed,
                                                               GError          **error);

/* Fails with why nothing is written into the library: it is read-only
 * (saying so, and why when the disk is full). Always returns FALSE. */
gboolean                 rehearse_library_refuse_write        (RehearseLibrary  *self,
                                                               GError          **error);

/* Fails with what rehearse_sqlite_quick_check() found: damage in the file
 * (REHEARSE_ERROR_CORRUPT_DATABASE), or a check that could not read it (a
 * disk error, a lock). Always returns FALSE. */
gboolean                 rehearse_library_check_failed        (RehearseLibrary  *self,
                                                               const char       *failure,
                                                               gboolean          damaged,
                                                               GError          **error);

/* Emits ::user-data-changed; call it after the write committed, without
 * holding self->lock. */
void                     rehearse_library_emit_user_data_changed (RehearseLibrary *self,
                                                               const char       *question_key);
/* Emits ::decks-changed, likewise. */
void                     rehearse_library_emit_decks_changed  (RehearseLibrary  *self);

/* A statement of the main connection; the caller holds self->lock. @sql must
 * be a string literal: statements are prepared once per connection. */
RehearseCachedStatement *rehearse_library_statement           (RehearseLibrary  *self,
                                                               const char       *sql,
                                                               GError          **error);

/* rehearse-library-staging.c: long writes (imports, deck removals) as a
 * run of short transactions, their work hidden until it is whole.
 *
 * A claim says which import or removal is at work on a deck (decks.claim
 * holds its token); it is a lock the kernel drops when its process dies,
 * which tells a live claim from an interrupted one. */
typedef struct _RehearseClaim RehearseClaim;

RehearseClaim           *rehearse_claim_new                   (RehearseLibrary  *self,
                                                               GError          **error);
gint64                   rehearse_claim_get_token             (RehearseClaim    *claim);
void                     rehearse_claim_free                  (RehearseClaim    *claim);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RehearseClaim, rehearse_claim_free)

/* Write transactions on the main connection, each holding self->lock and
 * the write lock for about self->batch_usec. Yield between two pieces of
 * work: once the transaction has run its time, it commits, lets other
 * writers in and begins the next. */
typedef struct
{
  RehearseLibrary *library;
  gint64           started;   /* when the open transaction began; 0: none open */
  guint            commits;
} RehearseBatch;

gboolean                 rehearse_batch_begin                 (RehearseBatch    *batch,
                                                               RehearseLibrary  *self,
                                                               GError          **error);
gboolean                 rehearse_batch_yield                 (RehearseBatch    *batch,
                                                               GError          **error);
gboolean                 rehearse_batch_commit                (RehearseBatch    *batch,
                                                               GError          **error);
void                     rehearse_batch_rollback              (RehearseBatch    *batch);

/* Tests make batches shorter, to have many of them; 0 restores the
 * default. */
void                     rehearse_library_set_batch_time      (RehearseLibrary  *self,
                                                               gint64            usec);

/* decks.state */
enum
{
  REHEARSE_DECK_SHOWN,
  REHEARSE_DECK_IMPORTING,  /* a new deck: hidden until its import is done */
  REHEARSE_DECK_REMOVING,
};

typedef struct
{
  gint64    id;             /* 0: no such deck */
  char     *title;
  char     *content_hash;
  int       state;
  gint64    generation;     /* the one shown */
  gint64    claim;          /* the token of the write at work on it; 0: none */
  gboolean  interrupted;    /* its claim was taken over from an interrupted write */
} RehearseDeckRow;

/* Reads the deck @deck_key, or if NULL the deck @deck_id, into @row (its
 * id 0 when there is none). */
gboolean                 rehearse_library_read_deck_row       (RehearseLibrary  *self,
                                                               const char       *deck_key,
                                                               gint64            deck_id,
                                                               RehearseDeckRow  *row,
                                                               GError          **error);
void                     rehearse_deck_row_clear              (RehearseDeckRow  *row);

/* In a batch: claims @row's deck for @claim, taking it over from an
 * interrupted write; fails while another import or removal is at work on
 * it. */
gboolean                 rehearse_library_take_deck           (RehearseLibrary  *self,
                                                               RehearseDeckRow  *row,
                                                               RehearseClaim    *claim,
                                                               GError          **error);
gboolean                 rehearse_library_release_deck        (RehearseLibrary  *self,
                                                               gint64            deck_id,
                                                               GError          **error);
/* Deletes the deck's rows that are not shown, committing as it goes; when
 * the deck itself is not shown, all of them and the deck row. */
gboolean                 rehearse_library_clear_hidden        (RehearseLibrary  *self,
                                                               RehearseBatch    *batch,
                                                               RehearseDeckRow  *row,
                                                               GError          **error);
/* Finishes what imports and removals that were interrupted left, if no
 * one else is at work on it; a failure leaves it for the next open. */
void                     rehearse_library_clean_interrupted   (RehearseLibrary  *self);

/* rehearse-library-undo.c: a deck as it was before an update, read from
 * its shown generation, kept until the update is undone (or the deck is
 * updated again or removed). Only its live questions are in @deck: an
 * orphan stays one as long as it has user data, whichever version is
 * shown. */
typedef struct
{
  gint64              deck_id;
  gint64              imported_at;
  char               *content_hash;      /* the deck row's, as stored */
  RehearseParsedDeck *deck;              /* its deck key, title, topics, live questions
                                          * (keys assigned) and sources */
  gint64              replaced_by;       /* the generation the update showed in its place */
  char               *replaced_by_hash;  /* and that generation's content hash */
} RehearseDeckVersion;

void                     rehearse_deck_version_free           (RehearseDeckVersion *version);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RehearseDeckVersion, rehearse_deck_version_free)

/* In a batch, with the deck claimed: the shown generation of @row's deck.
 * *version is NULL when the rows do not make a deck that could be stored
 * again (never for a deck an import stored). */
gboolean                 rehearse_library_read_deck_version   (RehearseLibrary      *self,
                                                               RehearseDeckRow      *row,
                                                               RehearseDeckVersion **version,
                                                               GError              **error);
/* With self->lock held: keeps @version (taken) as what its deck's latest
 * update replaced, or forgets what the deck @deck_id kept. */
void                     rehearse_library_keep_replaced_version (RehearseLibrary     *self,
                                                               RehearseDeckVersion *version);
void                     rehearse_library_forget_replaced_version (RehearseLibrary   *self,
                                                               gint64               deck_id);

/* rehearse-library-import.c: what undoing an import writes. The first
 * stores @version again in place of the generation it names (failing if
 * that is no longer the one shown); the second deletes the deck if
 * @generation is still the one shown. Both as rehearse_library_import_deck()
 * and rehearse_library_delete_deck(), under self->long_write_lock. */
gboolean                 rehearse_library_put_back_version    (RehearseLibrary      *self,
                                                               RehearseDeckVersion  *version,
                                                               GError              **error);
gboolean                 rehearse_library_delete_deck_generation (RehearseLibrary   *self,
                                                               gint64                deck_id,
                                                               gint64                generation,
                                                               GError              **error);
/* The error undoing gives once the deck @title changed since the import,
 * or once it is gone (@title NULL). */
void                     rehearse_library_set_undo_refused_error (GError           **error,
                                                               const char           *title);

/* The read-only connection, opened on first use. The caller holds
 * self->reader_lock for as long as it uses it and its statements. */
RehearseReader          *rehearse_library_get_reader          (RehearseLibrary  *self,
                                                               GError          **error);
sqlite3                 *rehearse_reader_get_db               (RehearseReader   *reader);
RehearseCachedStatement *rehearse_reader_statement            (RehearseReader   *reader,
                                                               const char       *sql,
                                                               GError          **error);

/* Loads the summaries of @ids on the read-only connection: a table of id
 * (gint64 *) → RehearseQuestion. Ids no longer there are missing from it. */
GHashTable              *rehearse_library_load_summaries      (RehearseLibrary  *self,
                                                               const gint64     *ids,
                                                               guint             n_ids,
                                                               GError          **error);

void                     rehearse_reader_free                 (RehearseReader   *reader);

/* rehearse-library-search.c: what search needs on the read-only
 * connection (its rank function, the tokenizer, word counts), set up when
 * the connection opens and cleared when it closes. */
gboolean                 rehearse_reader_setup_search         (RehearseReader   *reader,
                                                               GError          **error);
void                     rehearse_reader_clear_search         (RehearseReader   *reader);

/* Whether the ranking agrees with FTS5's bm25(@weights) on a small index,
 * which proves that this SQLite lays out what the ranking reads as it
 * expects; if not, an error that says so. Search checks it once per
 * process with the weights it ranks by, and fails if it does not. */
gboolean                 rehearse_search_check_ranking        (const double      weights[3],
                                                               GError          **error);

/* ---- Reviews, for the quiz and the check (rehearse-library-reviews.c) ---- */

/* rehearse_library_restore_backup() without the signals, for the writer
 * thread. */
gboolean rehearse_library_write_backup_restore (RehearseLibrary  *self,
                                                const char       *backup_path,
                                                GError          **error);

/* rehearse_library_record_review() without the signal: the writer thread
 * records, and the change is announced in the caller's context. */
gboolean rehearse_library_write_review (RehearseLibrary              *self,
                                        const char                   *question_key,
                                        const RehearseFsrsParameters *parameters,
                                        RehearseGrade                 grade,
                                        gint64                        reviewed_at,
                                        gint64                        time_spent,
                                        RehearseFsrsCard             *card,
                                        GError                      **error);

typedef struct
{
  gint64 question_id;
  gint64 due;           /* unix ms */
} RehearseScheduled;

/* Every live question reviewed before, soonest due first: a GArray of
 * RehearseScheduled. */
GArray                  *rehearse_library_list_scheduled      (RehearseLibrary  *self,
                                                               GError          **error);

/* Sets counts->reviews, adds the questions kept for their reviews alone
 * to counts->orphaned_questions, and fails (CORRUPT_DATABASE) when a card
 * state does not point at its live question; the caller holds self->lock. */
gboolean                 rehearse_library_check_reviews       (RehearseLibrary        *self,
                                                               RehearseLibraryCounts  *counts,
                                                               GError                **error);

/* ---- The study plan (rehearse-library-plan.c) ------------------------------ */

/* The settings as stored, read on @reader (the caller holds the reader
 * lock); *scoped (may be NULL) says whether decks or topics were chosen,
 * even if none of them is in the library now. */
RehearsePlanSettings    *rehearse_library_read_plan_settings  (RehearseReader   *reader,
                                                               gboolean         *scoped,
                                                               GError          **error);
/* rehearse_library_set_plan_settings() without the signal. */
gboolean                 rehearse_library_write_plan_settings
                                                 (RehearseLibrary            *self,
                                                  const RehearsePlanSettings *settings,
                                                  GError                    **error);

G_END_DECLS
