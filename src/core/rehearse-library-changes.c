/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rehearse-library-private.h"

/* Changes made by other programs (rehearse-cli, another window's process)
 * while the library is open: the library compares what it last saw of the
 * file with what is there now, and says what changed with its signals. */

/* Every deck shown, its generation and the hash of its sources, in one
 * string: an import adds to it or changes a generation, a removal takes
 * one out. An import under way changes nothing in it until it is done. */
#define DECKS_SIGNATURE_SQL \
  "SELECT coalesce (group_concat (id || ' ' || generation || ' ' || content_hash, ','), '')" \
  " FROM (SELECT id, generation, content_hash FROM decks WHERE state = 0 ORDER BY id)"

/* PRAGMA data_version changes when another connection commits; this
 * connection's own writes leave it as it was. The caller holds the lock. */
static gboolean
read_data_version (RehearseLibrary  *self,
                   gint64           *version,
                   GError          **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;
  gboolean has_row;

  cached = rehearse_library_statement (self, "PRAGMA data_version", error);
  if (cached == NULL || !rehearse_sqlite_step_row (self->db, cached->stmt, &has_row, error))
    return FALSE;

  *version = has_row ? sqlite3_column_int64 (cached->stmt, 0) : 0;
  return TRUE;
}

/* The caller holds the lock. NULL with @error set when it cannot be read. */
static char *
read_decks_signature (RehearseLibrary  *self,
                      GError          **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;
  gboolean has_row;

  cached = rehearse_library_statement (self, DECKS_SIGNATURE_SQL, error);
  if (cached == NULL || !rehearse_sqlite_step_row (self->db, cached->stmt, &has_row, error))
    return NULL;

  return g_strdup (has_row ? (const char *) sqlite3_column_text (cached->stmt, 0) : "");
}

gboolean
rehearse_library_remember_change_marks (RehearseLibrary  *self,
                                        GError          **error)
{
  char *signature;

  if (!read_data_version (self, &self->data_version, error))
    return FALSE;

  signature = read_decks_signature (self, error);
  if (signature == NULL)
    return FALSE;

  g_free (self->decks_signature);
  self->decks_signature = signature;
  return TRUE;
}

/* A failed read leaves the old signature, which at worst reports one
 * change of decks too many. */
void
rehearse_library_remember_own_decks_change (RehearseLibrary *self)
{
  char *signature = read_decks_signature (self, NULL);

  if (signature == NULL)
    return;
  g_free (self->decks_signature);
  self->decks_signature = signature;
}

gboolean
rehearse_library_take_change_marks (RehearseLibrary  *self,
                                    gboolean         *changed,
                                    gboolean         *decks_changed,
                                    GError          **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autofree char *signature = NULL;
  gint64 version;

  *changed = *decks_changed = FALSE;
  if (!read_data_version (self, &version, error))
    return FALSE;
  if (version == self->data_version)
    return TRUE;

  signature = read_decks_signature (self, error);
  if (signature == NULL)
    return FALSE;

  *changed = TRUE;
  *decks_changed = g_strcmp0 (signature, self->decks_signature) != 0;
  self->data_version = version;
  g_free (self->decks_signature);
  self->decks_signature = g_steal_pointer (&signature);
  return TRUE;
}

gboolean
rehearse_library_check_changed_elsewhere (RehearseLibrary  *self,
                                          GError          **error)
{
  gboolean changed, decks_changed;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!rehearse_library_take_change_marks (self, &changed, &decks_changed, error))
    return FALSE;

  if (decks_changed)
    rehearse_library_emit_decks_changed (self);
  if (changed)
    rehearse_library_emit_user_data_changed (self, NULL);
  return changed;
}

