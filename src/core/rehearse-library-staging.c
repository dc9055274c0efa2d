/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE  /* F_OFD_SETLK, F_OFD_GETLK */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "rehearse-error.h"
#include "rehearse-library-private.h"

/* Long writes (an import, a deck's removal, and finishing what an
 * interrupted one left) as a run of short transactions, so that another
 * writer (a note saved by the window or by rehearse-cli) never waits for
 * more than one of them.
 *
 * What such a write has done so far stays hidden: it works on rows of a
 * generation of the deck that reads do not show (REHEARSE_VISIBLE_SQL),
 * and the step that makes its work visible is one short transaction. The
 * deck row's claim names the write at work, so that no other import or
 * removal touches the deck meanwhile; a claim whose owner is gone (killed,
 * crashed) is taken over and its hidden rows are deleted, at the next
 * open or by the next write to the deck. */

/* One batch holds the write lock for about this long... */
#define DEFAULT_BATCH_USEC (40 * 1000)
/* ...and then lets go for this long: a writer waiting for the lock asks
 * again every millisecond (see rehearse_sqlite_wait_for_locks()), so it gets
 * in, and the next batch waits for it. */
#define BATCH_PAUSE_USEC (4 * 1000)

/* Rows deleted by one statement: a few milliseconds of work, as each
 * leaves the search index too. */
#define DELETE_CHUNK 64

/* ---- Claims --------------------------------------------------------------- */

/* A claim is a lock on one byte, at a random offset (the token), of the
 * file "<library>-lock". It is an open file description lock: it belongs
 * to this claim's file descriptor, conflicts with every other one (also
 * in this process), and the kernel releases it when the descriptor is
 * closed or the process dies, however it dies. A claim recorded in the
 * library whose byte nobody holds is one whose owner is gone. */
struct _RehearseClaim
{
  int    fd;
  gint64 token;
};

static char *
claims_path (RehearseLibrary *self)
{
  return g_strconcat (self->path, "-lock", NULL);
}

static gint64
random_token (void)
{
  /* Positive and below 2^62: a valid file offset. */
  return ((gint64) (g_random_int () & 0x3fffffff) << 32 | g_random_int ()) + 1;
}

static int
lock_byte (int     fd,
           int     command,
           gint64  token,
           short  *type)
{
  struct flock lock = {
    .l_type = *type,
    .l_whence = SEEK_SET,
    .l_start = (off_t) token,
    .l_len = 1,
  };
  int rc = fcntl (fd, command, &lock);

  *type = lock.l_type;
  return rc;
}

RehearseClaim *
rehearse_claim_new (RehearseLibrary  *self,
                    GError          **error)
{
  g_autofree char *path = claims_path (self);
  g_autofree RehearseClaim *claim = g_new0 (RehearseClaim, 1);
  int saved_errno;

  claim->fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (claim->fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not open “%s”: %s"), path, g_strerror (saved_errno));
      return NULL;
    }

  /* Two claims drawing the same of 2^62 tokens: try another. */
  for (guint attempt = 0; attempt < 8; attempt++)
    {
      short type = F_WRLCK;

      claim->token = random_token ();
      if (lock_byte (claim->fd, F_OFD_SETLK, claim->token, &type) == 0)
        return g_steal_pointer (&claim);
      if (errno != EAGAIN && errno != EACCES)
        break;
    }

  saved_errno = errno;
  close (claim->fd);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not lock “%s”: %s"), path, g_strerror (saved_errno));
  return NULL;
}

gint64
rehearse_claim_get_token (RehearseClaim *claim)
{
  return claim->token;
}

void
rehearse_claim_free (RehearseClaim *claim)
{
  /* Closing lets go of the lock. */
  close (claim->fd);
  g_free (claim);
}

/* Whether the owner of @token still runs. When in doubt, it does: a claim
 * wrongly taken over would lose a live import's work. */
static gboolean
claim_is_live (RehearseLibrary *self,
               gint64           token)
{
  g_autofree char *path = claims_path (self);
  short type = F_WRLCK;
  int fd = g_open (path, O_RDWR | O_CLOEXEC, 0);
  int rc;

  if (fd < 0)
    return errno != ENOENT;

  rc = lock_byte (fd, F_OFD_GETLK, token, &type);
  close (fd);
  return rc != 0 || type != F_UNLCK;
}

/* ---- Batches ----------------------------------------------------------------- */

void
rehearse_library_set_batch_time (RehearseLibrary *self,
                                 gint64           usec)
{
  self->batch_usec = usec > 0 ? usec : DEFAULT_BATCH_USEC;
}

gboolean
rehearse_batch_begin (RehearseBatch    *batch,
                      RehearseLibrary  *self,
                      GError          **error)
{
  batch->library = self;
  g_rec_mutex_lock (&self->lock);
  if (!rehearse_library_begin_write (self, error))
    {
      g_rec_mutex_unlock (&self->lock);
      batch->started = 0;
      return FALSE;
    }

  batch->started = g_get_monotonic_time ();
  return TRUE;
}

gboolean
rehearse_batch_commit (RehearseBatch  *batch,
                       GError        **error)
{
  RehearseLibrary *self = batch->library;
  gboolean ok;

  g_return_val_if_fail (batch->started != 0, FALSE);

  ok = rehearse_library_end_write (self, TRUE, TRUE, error);
  batch->started = 0;
  batch->commits += ok ? 1 : 0;
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

void
rehearse_batch_rollback (RehearseBatch *batch)
{
  if (batch->started == 0)
    return;

  rehearse_sqlite_rollback (batch->library->db);
  batch->started = 0;
  g_rec_mutex_unlock (&batch->library->lock);
}

gboolean
rehearse_batch_yield (RehearseBatch  *batch,
                      GError        **error)
{
  RehearseLibrary *self = batch->library;

  if (g_get_monotonic_time () - batch->started < self->batch_usec)
    return TRUE;

  if (!rehearse_batch_commit (batch, error))
    return FALSE;

  g_usleep (BATCH_PAUSE_USEC);
  return rehearse_batch_begin (batch, self, error);
}

/* ---- Deck rows ------------------------------------------------------------------ */

#define DECK_ROW_COLUMNS "id, title, content_hash, state, generation, coalesce (claim, 0)"

static void
read_deck_columns (sqlite3_stmt    *stmt,
                   RehearseDeckRow *row)
{
  row->id = sqlite3_column_int64 (stmt, 0);
  row->title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  row->content_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  row->state = sqlite3_column_int (stmt, 3);
  row->generation = sqlite3_column_int64 (stmt, 4);
  row->claim = sqlite3_column_int64 (stmt, 5);
}

gboolean
rehearse_library_read_deck_row (RehearseLibrary  *self,
                                const char       *deck_key,
                                gint64            deck_id,
                                RehearseDeckRow  *row,
                                GError          **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;
  gboolean has_row;

  rehearse_deck_row_clear (row);
  if (deck_key != NULL)
    cached = rehearse_library_statement (self,
                                         "SELECT " DECK_ROW_COLUMNS
                                         " FROM decks WHERE deck_key = ?1",
                                         error);
  else
    cached = rehearse_library_statement (self,
                                         "SELECT " DECK_ROW_COLUMNS " FROM decks WHERE id = ?1",
                                         error);
  if (cached == NULL)
    return FALSE;

  if (deck_key != NULL)
    rehearse_bind_text (cached->stmt, 1, deck_key);
  else
    sqlite3_bind_int64 (cached->stmt, 1, deck_id);

  if (!rehearse_sqlite_step_row (self->db, cached->stmt, &has_row, error))
    return FALSE;

  if (has_row)
    read_deck_columns (cached->stmt, row);
  return TRUE;
}

void
rehearse_deck_row_clear (RehearseDeckRow *row)
{
  g_clear_pointer (&row->title, g_free);
  g_clear_pointer (&row->content_hash, g_free);
  *row = (RehearseDeckRow) { 0, };
}

static gboolean
set_claim (RehearseLibrary  *self,
           gint64            deck_id,
           gint64            token,
           GError          **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;

  cached = rehearse_library_statement (self, "UPDATE decks SET claim = ?2 WHERE id = ?1", error);
  if (cached == NULL)
    return FALSE;

  sqlite3_bind_int64 (cached->stmt, 1, deck_id);
  if (token != 0)
    sqlite3_bind_int64 (cached->stmt, 2, token);
  else
    sqlite3_bind_null (cached->stmt, 2);
  return rehearse_sqlite_step_done (self->db, cached->stmt, error);
}

gboolean
rehearse_library_take_deck (RehearseLibrary  *self,
                            RehearseDeckRow  *row,
                            RehearseClaim    *claim,
                            GError          **error)
{
  if (row->claim != 0 && row->claim != claim->token && claim_is_live (self, row->claim))
    {
      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_FAILED,
                   _("“%s” is being imported or removed by another program; "
                     "try again when it is done"),
                   row->title);
      return FALSE;
    }

  if (!set_claim (self, row->id, claim->token, error))
    return FALSE;

  row->interrupted = row->claim != 0 && row->claim != claim->token;
  row->claim = claim->token;
  return TRUE;
}

gboolean
rehearse_library_release_deck (RehearseLibrary  *self,
                               gint64            deck_id,
                               GError          **error)
{
  return set_claim (self, deck_id, 0, error);
}

/* ---- Hidden rows ------------------------------------------------------------------ */

/* Deletes a chunk of the deck's rows whose generation lies in ?2..?3; the
 * statement changed no row when there are none left. */
#define DELETE_QUESTIONS_SQL \
  "DELETE FROM questions WHERE id IN (SELECT id FROM questions" \
  " WHERE deck_id = ?1 AND generation BETWEEN ?2 AND ?3 LIMIT ?4)"
#define DELETE_TOPICS_SQL \
  "DELETE FROM topics WHERE id IN (SELECT id FROM topics" \
  " WHERE deck_id = ?1 AND generation BETWEEN ?2 AND ?3 LIMIT ?4)"

static gboolean
delete_chunk (RehearseLibrary  *self,
              const char       *sql,
              gint64            deck_id,
              gint64            low,
              gint64            high,
              gboolean         *more,
              GError          **error)
{
  g_autoptr(RehearseCachedStatement) cached = rehearse_library_statement (self, sql, error);

  if (cached == NULL)
    return FALSE;

  sqlite3_bind_int64 (cached->stmt, 1, deck_id);
  sqlite3_bind_int64 (cached->stmt, 2, low);
  sqlite3_bind_int64 (cached->stmt, 3, high);
  sqlite3_bind_int (cached->stmt, 4, DELETE_CHUNK);
  if (!rehearse_sqlite_step_done (self->db, cached->stmt, error))
    return FALSE;

  *more = sqlite3_changes (self->db) > 0;
  return TRUE;
}

/* Questions first: a topic deleted under them would rewrite them. */
static gboolean
delete_generations (RehearseBatch  *batch,
                    gint64          deck_id,
                    gint64          low,
                    gint64          high,
                    GError        **error)
{
  static const char * const statements[] = { DELETE_QUESTIONS_SQL, DELETE_TOPICS_SQL };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      gboolean more = TRUE;

      while (more)
        if (!delete_chunk (batch->library, statements[i], deck_id, low, high, &more, error)
            || !rehearse_batch_yield (batch, error))
          return FALSE;
    }

  return TRUE;
}

static gboolean
delete_deck_row (RehearseLibrary  *self,
                 gint64            deck_id,
                 GError          **error)
{
  /* Its sources go with it (ON DELETE CASCADE), and nothing else is left. */
  g_autoptr(RehearseCachedStatement) cached = NULL;

  cached = rehearse_library_statement (self, "DELETE FROM decks WHERE id = ?1", error);
  if (cached == NULL)
    return FALSE;

  sqlite3_bind_int64 (cached->stmt, 1, deck_id);
  return rehearse_sqlite_step_done (self->db, cached->stmt, error);
}

gboolean
rehearse_library_clear_hidden (RehearseLibrary  *self,
                               RehearseBatch    *batch,
                               RehearseDeckRow  *row,
                               GError          **error)
{
  if (row->state != REHEARSE_DECK_SHOWN)
    return delete_generations (batch, row->id, G_MININT64, G_MAXINT64, error)
           && delete_deck_row (self, row->id, error);

  return delete_generations (batch, row->id, G_MININT64, row->generation - 1, error)
         && delete_generations (batch, row->id, row->generation + 1, G_MAXINT64, error);
}

/* ---- What interrupted writes left --------------------------------------------------- */

static GArray *
read_claimed_decks (RehearseLibrary  *self,
                    GError          **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(RehearseCachedStatement) cached = NULL;
  g_autoptr(GArray) deck_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) local_error = NULL;

  cached = rehearse_library_statement (self, "SELECT id FROM decks WHERE claim IS NOT NULL",
                                       error);
  if (cached == NULL)
    return NULL;

  while (rehearse_sqlite_next_row (self->db, cached->stmt, &local_error))
    {
      gint64 id = sqlite3_column_int64 (cached->stmt, 0);

      g_array_append_val (deck_ids, id);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&deck_ids);
}

/* In @batch: if the deck's claim is an interrupted one, takes it over and
 * deletes what that write left. */
static gboolean
finish_interrupted (RehearseLibrary  *self,
                    RehearseBatch    *batch,
                    RehearseClaim    *claim,
                    gint64            deck_id,
                    GError          **error)
{
  RehearseDeckRow row = { 0, };
  gboolean ok;

  ok = rehearse_library_read_deck_row (self, NULL, deck_id, &row, error);
  if (ok && row.id != 0 && row.claim != 0 && !claim_is_live (self, row.claim))
    ok = rehearse_library_take_deck (self, &row, claim, error)
         && rehearse_library_clear_hidden (self, batch, &row, error)
         && (row.state != REHEARSE_DECK_SHOWN
             || rehearse_library_release_deck (self, deck_id, error));

  rehearse_deck_row_clear (&row);
  return ok;
}

static gboolean
clean_interrupted (RehearseLibrary  *self,
                   GArray           *deck_ids,
                   GError          **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->long_write_lock);
  g_autoptr(RehearseClaim) claim = rehearse_claim_new (self, error);
  RehearseBatch batch = { 0, };

  if (claim == NULL || !rehearse_batch_begin (&batch, self, error))
    return FALSE;

  for (guint i = 0; i < deck_ids->len; i++)
    if (!finish_interrupted (self, &batch, claim, g_array_index (deck_ids, gint64, i), error))
      {
        rehearse_batch_rollback (&batch);
        return FALSE;
      }

  return rehearse_batch_commit (&batch, error);
}

void
rehearse_library_clean_interrupted (RehearseLibrary *self)
{
  g_autoptr(GArray) deck_ids = NULL;
  g_autoptr(GError) error = NULL;

  deck_ids = read_claimed_decks (self, &error);
  if (deck_ids != NULL && deck_ids->len > 0)
    clean_interrupted (self, deck_ids, &error);

  /* The rows stay hidden, and the next open tries again: not a reason to
   * refuse to open. */
  if (error != NULL)
    g_message ("Could not yet clean up after an interrupted import of “%s”: %s", self->path,
               error->message);
}
