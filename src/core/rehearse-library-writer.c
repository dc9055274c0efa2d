/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rehearse-error.h"
#include "rehearse-library-private.h"

/* The asynchronous writes. Each call becomes a GTask queued on the
 * library's writer: a thread pool of one thread, so writes are done one at
 * a time in the order they were asked for. The writer does the write and
 * notes what it changed; the signals and the task's return then go to the
 * caller's main context as one idle source, so that views hear of a change
 * (::user-data-changed) in their own thread and before the caller's
 * callback, never in the writer thread. */

/* Off the main thread a wait costs the user nothing, while giving up loses
 * what they wrote: the writer waits out another program's write lock (an
 * import that commits all at once, say) longer than a synchronous call. */
#define WRITER_BUSY_TIMEOUT_MS 60000

typedef struct _Write Write;

/* Runs in the writer thread. */
typedef gboolean (*WriteFunc) (RehearseLibrary  *self,
                               Write            *write,
                               GError          **error);

struct _Write
{
  WriteFunc              run;
  gboolean               reads_only;     /* no need of the main connection */

  /* What to write */
  char                  *question_key;
  char                  *text;           /* a label, a note, a backup's path */
  gboolean               bookmarked;
  gint64                 deck_id;
  GPtrArray             *entries;        /* to restore */
  RehearseFsrsParameters parameters;     /* a review's */
  RehearseGrade          grade;
  gint64                 reviewed_at;
  gint64                 time_spent;
  RehearsePlanSettings  *plan_settings;
  RehearseImportResult   import_result;  /* of the import to undo */

  /* What came of it */
  GError                *error;
  gboolean               result;         /* what _finish returns */
  RehearseRestoreResult  restored;
  GPtrArray             *listed;         /* entries read */
  GPtrArray             *changed_keys;   /* for ::user-data-changed; NULL: any */
  gboolean               decks_changed;
};

static Write *
write_new (WriteFunc run)
{
  Write *write = g_new0 (Write, 1);

  write->run = run;
  write->result = TRUE;
  write->changed_keys = g_ptr_array_new_with_free_func (g_free);
  return write;
}

static void
write_free (gpointer data)
{
  Write *write = data;

  g_free (write->question_key);
  g_free (write->text);
  g_clear_pointer (&write->entries, g_ptr_array_unref);
  g_clear_pointer (&write->plan_settings, rehearse_plan_settings_free);
  g_clear_error (&write->error);
  g_clear_pointer (&write->listed, g_ptr_array_unref);
  g_ptr_array_unref (write->changed_keys);
  g_free (write);
}

/* ---- In the caller's main context ----------------------------------------- */

static void
announce (RehearseLibrary *self,
          Write           *write)
{
  if (write->decks_changed)
    rehearse_library_emit_decks_changed (self);
  for (guint i = 0; i < write->changed_keys->len; i++)
    rehearse_library_emit_user_data_changed (self, g_ptr_array_index (write->changed_keys, i));
}

static gboolean
announce_and_return (gpointer data)
{
  GTask *task = data;
  Write *write = g_task_get_task_data (task);

  if (write->error != NULL)
    g_task_return_error (task, g_steal_pointer (&write->error));
  else
    {
      announce (g_task_get_source_object (task), write);
      if (write->listed != NULL)
        g_task_return_pointer (task, g_steal_pointer (&write->listed),
                               (GDestroyNotify) g_ptr_array_unref);
      else
        g_task_return_boolean (task, write->result);
    }

  return G_SOURCE_REMOVE;
}

/* Not g_main_context_invoke(): from a thread whose own default is the
 * global one, it may run the function there and then, in the writer. */
static void
return_in_context (GTask *task)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, announce_and_return, task, g_object_unref);
  g_source_set_name (source, "[rehearse] write done");
  g_source_attach (source, g_task_get_context (task));
}

/* ---- In the writer thread ---------------------------------------------------- */

static void
run_write (RehearseLibrary *self,
           Write           *write)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  if (write->reads_only)
    {
      write->run (self, write, &write->error);
      return;
    }

  if (self->read_only)
    {
      write->result = rehearse_library_refuse_write (self, &write->error);
      return;
    }

  if (rehearse_library_is_damaged (self))
    {
      g_set_error (&write->error, REHEARSE_ERROR, REHEARSE_ERROR_CORRUPT_DATABASE,
                   _("Not saved: the library “%s” is damaged, and nothing is written to it "
                     "until it is repaired"), self->path);
      write->result = FALSE;
      return;
    }

  /* The lock keeps every other user of the connection out, so none of them
   * waits with the writer's patience. */
  locker = g_rec_mutex_locker_new (&self->lock);
  rehearse_sqlite_wait_for_locks (self->db, WRITER_BUSY_TIMEOUT_MS);
  write->run (self, write, &write->error);
  rehearse_sqlite_wait_for_locks (self->db, REHEARSE_LIBRARY_BUSY_TIMEOUT_MS);

  /* Damage met: stop before a next write makes it worse. */
  if (g_error_matches (write->error, REHEARSE_ERROR, REHEARSE_ERROR_CORRUPT_DATABASE))
    rehearse_library_set_damaged (self);
}

static void
writer_thread_func (gpointer data,
                    gpointer user_data)
{
  GTask *task = data;
  RehearseLibrary *self = g_task_get_source_object (task);
  Write *write = g_task_get_task_data (task);

  if (!g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &write->error))
    run_write (self, write);

  /* The task goes back first, so that once nothing is in flight every
   * return is queued in its context. Disposing the library waits for this
   * function to end, so self outlives it. */
  return_in_context (task);

  g_mutex_lock (&self->writer_lock);
  if (--self->writes_in_flight == 0)
    g_cond_broadcast (&self->writer_idle);
  g_mutex_unlock (&self->writer_lock);
}

void
rehearse_library_start_writer (RehearseLibrary *self)
{
  g_mutex_init (&self->writer_lock);
  g_cond_init (&self->writer_idle);
  /* Not exclusive: the thread is taken from GLib's shared ones when there
   * is work, so a program that never writes asynchronously has none. */
  self->writer = g_thread_pool_new (writer_thread_func, NULL, 1, FALSE, NULL);
}

void
rehearse_library_stop_writer (RehearseLibrary *self)
{
  if (self->writer == NULL)
    return;

  /* Does what is queued, and waits: nothing asked for is lost. */
  g_thread_pool_free (g_steal_pointer (&self->writer), FALSE, TRUE);
}

void
rehearse_library_wait_for_writes (RehearseLibrary *self)
{
  g_return_if_fail (REHEARSE_IS_LIBRARY (self));

  g_mutex_lock (&self->writer_lock);
  while (self->writes_in_flight > 0)
    g_cond_wait (&self->writer_idle, &self->writer_lock);
  g_mutex_unlock (&self->writer_lock);
}

/* ---- Queueing ----------------------------------------------------------------- */

static void
queue_write (RehearseLibrary     *self,
             Write               *write,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, write, write_free);
  /* The writer checks it before it starts; a write done is reported done,
   * however late the cancellable was cancelled. */
  g_task_set_check_cancellable (task, FALSE);

  g_mutex_lock (&self->writer_lock);
  self->writes_in_flight++;
  g_mutex_unlock (&self->writer_lock);

  g_thread_pool_push (self->writer, task, NULL);
}

static gboolean
finish_write (RehearseLibrary  *self,
              GAsyncResult     *result,
              gpointer          source_tag,
              GError          **error)
{
  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* What ::user-data-changed will announce for @question_key (NULL: any). */
static void
announce_key (Write      *write,
              const char *question_key)
{
  g_ptr_array_add (write->changed_keys, g_strdup (question_key));
}

/* ---- Bookmarks and notes -------------------------------------------------------- */

static gboolean
run_bookmark (RehearseLibrary  *self,
              Write            *write,
              GError          **error)
{
  gboolean changed;

  if (!rehearse_library_write_bookmark (self, write->question_key, write->bookmarked,
                                        write->text, &changed, error))
    return FALSE;

  if (changed)
    announce_key (write, write->question_key);
  return TRUE;
}

void
rehearse_library_set_bookmarked_async (RehearseLibrary     *self,
                                       const char          *question_key,
                                       gboolean             bookmarked,
                                       const char          *label,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  Write *write;

  g_return_if_fail (REHEARSE_IS_LIBRARY (self));
  g_return_if_fail (question_key != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  write = write_new (run_bookmark);
  write->question_key = g_strdup (question_key);
  write->bookmarked = bookmarked;
  write->text = g_strdup (label);
  queue_write (self, write, rehearse_library_set_bookmarked_async, cancellable, callback,
               user_data);
}

gboolean
rehearse_library_set_bookmarked_finish (RehearseLibrary  *self,
                                        GAsyncResult     *result,
                                        GError          **error)
{
  return finish_write (self, result, rehearse_library_set_bookmarked_async, error);
}

/* ---- Reviews ------------------------------------------------------------------ */

static gboolean
run_review (RehearseLibrary  *self,
            Write            *write,
            GError          **error)
{
  if (!rehearse_library_write_review (self, write->question_key, &write->parameters,
                                      write->grade, write->reviewed_at, write->time_spent,
                                      NULL, error))
    return FALSE;

  announce_key (write, write->question_key);
  return TRUE;
}

void
rehearse_library_record_review_async (RehearseLibrary              *self,
                                      const char                   *question_key,
                                      const RehearseFsrsParameters *parameters,
                                      RehearseGrade                 grade,
                                      gint64                        reviewed_at,
                                      gint64                        time_spent,
                                      GCancellable                 *cancellable,
                                      GAsyncReadyCallback           callback,
                                      gpointer                      user_data)
{
  Write *write;

  g_return_if_fail (REHEARSE_IS_LIBRARY (self));
  g_return_if_fail (question_key != NULL);
  g_return_if_fail (parameters != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  write = write_new (run_review);
  write->question_key = g_strdup (question_key);
  write->parameters = *parameters;
  write->grade = grade;
  write->reviewed_at = reviewed_at;
  write->time_spent = time_spent;
  queue_write (self, write, rehearse_library_record_review_async, cancellable, callback,
               user_data);
}

gboolean
rehearse_library_record_review_finish (RehearseLibrary  *self,
                                       GAsyncResult     *result,
                                       GError          **error)
{
  return finish_write (self, result, rehearse_library_record_review_async, error);
}

/* ---- Bookmarks and notes, continued --------------------------------------------- */

static gboolean
run_note (RehearseLibrary  *self,
          Write            *write,
          GError          **error)
{
  gboolean changed;

  if (!rehearse_library_write_note (self, write->question_key, write->text, &changed, error))
    return FALSE;

  if (changed)
    announce_key (write, write->question_key);
  return TRUE;
}

void
rehearse_library_save_note_async (RehearseLibrary     *self,
                                  const char          *question_key,
                                  const char          *body,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  Write *write;

  g_return_if_fail (REHEARSE_IS_LIBRARY (self));
  g_return_if_fail (question_key != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  write = write_new (run_note);
  write->question_key = g_strdup (question_key);
  write->text = g_strdup (body);
  queue_write (self, write, rehearse_library_save_note_async, cancellable, callback, user_data);
}

gboolean
rehearse_library_save_note_finish (RehearseLibrary  *self,
                                   GAsyncResult     *result,
                                   GError          **error)
{
  return finish_write (self, result, rehearse_library_save_note_async, error);
}

static gboolean
run_view (RehearseLibrary  *self,
          Write            *write,
          GError          **error)
{
  /* A view announces nothing (see rehearse_library_record_view()). */
  return rehearse_library_record_view (self, write->question_key, error);
}

void
rehearse_library_record_view_async (RehearseLibrary     *self,
                                    const char          *question_key,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  Write *write;

  g_return_if_fail (REHEARSE_IS_LIBRARY (self));
  g_return_if_fail (question_key != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  write = write_new (run_view);
  write->question_key = g_strdup (question_key);
  queue_write (self, write, rehearse_library_record_view_async, cancellable, callback, user_data);
}

gboolean
rehearse_library_record_view_finish (RehearseLibrary  *self,
                                     GAsyncResult     *result,
                                     GError          **error)
{
  return finish_write (self, result, rehearse_library_record_view_async, error);
}

/* ---- Deleting ----------------------------------------------------------------------- */

static gboolean
run_deletion (RehearseLibrary  *self,
              Write            *write,
              GError          **error)
{
  gboolean changed;

  if (!rehearse_library_write_deletion (self, write->question_key, &changed, error))
    return FALSE;

  if (changed)
    announce_key (write, write->question_key);
  return TRUE;
}

void
rehearse_library_delete_user_data_async (RehearseLibrary     *self,
                                         const char          *question_key,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  Write *write;

  g_return_if_fail (REHEARSE_IS_LIBRARY (self));
  g_return_if_fail (question_key != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  write = write_new (run_deletion);
  write->question_key = g_strdup (question_key);
  queue_write (self, write, rehearse_library_delete_user_data_async, cancellable, callback,
               user_data);
}

gboolean
rehearse_library_delete_user_data_finish (RehearseLibrary  *self,
                                          GAsyncResult     *result,
                                          GError          **error)
{
  return finish_write (self, result, rehearse_library_delete_user_data_async, error);
}

/* Before a write that removes or replaces what the user has: what it was
 * can be restored. Without a backup, nothing is changed. */
static gboolean
back_up_first (RehearseLibrary  *self,
               GError          **error)
{
  g_autofree char *path = rehearse_library_backup (self, rehearse_clock_now_ms (), error);

  if (path == NULL)
    g_prefix_error (error, _("Nothing was changed, as the library could not be backed up "
                             "first: "));
  return path != NULL;
}

static gboolean
run_deck_deletion (RehearseLibrary  *self,
                   Write            *write,
                   GError          **error)
{
  return back_up_first (self, error)
         && rehearse_library_delete_deck (self, write->deck_id, error);
}

void
rehearse_library_delete_deck_async (RehearseLibrary     *self,
                                    gint64               deck_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  Write *write;

  g_return_if_fail (REHEARSE_IS_LIBRARY (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  write = write_new (run_deck_deletion);
  write->deck_id = deck_id;
  queue_write (self, write, rehearse_library_delete_deck_async, cancellable, callback, user_data);
}

gboolean
rehearse_library_delete_deck_finish (RehearseLibrary  *self,
                                     GAsyncResult     *result,
                                     GError          **error)
{
  return finish_write (self, result, rehearse_library_delete_deck_async, error);
}

/* A deck the import created is deleted, after a backup as Remove Deck;
 * one it updated is put back, which deletes nothing of the user's. */
static gboolean
run_import_undo (RehearseLibrary  *self,
                 Write            *write,
                 GError          **error)
{
  return (write->import_result.outcome != REHEARSE_IMPORT_CREATED || back_up_first (self, error))
         && rehearse_library_undo_import (self, &write->import_result, error);
}

void
rehearse_library_undo_import_async (RehearseLibrary            *self,
                                    const RehearseImportResult *result,
                                    GCancellable               *cancellable,
                                    GAsyncReadyCallback         callback,
                                    gpointer                    user_data)
{
  Write *write;

  g_return_if_fail (REHEARSE_IS_LIBRARY (self));
  g_return_if_fail (result != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  write = write_new (run_import_undo);
  write->import_result = *result;
  queue_write (self, write, rehearse_library_undo_import_async, cancellable, callback, user_data);
}

gboolean
rehearse_library_undo_import_finish (RehearseLibrary  *self,
                                     GAsyncResult     *result,
                                     GError          **error)
{
  return finish_write (self, result, rehearse_library_undo_import_async, error);
}

/* ---- Backups after changes ------------------------------------------------------- */

static gboolean
run_backup_if_due (RehearseLibrary  *self,
                   Write            *write,
                   GError          **error)
{
  return rehearse_library_backup_if_due (self, rehearse_clock_now_ms (), &write->result, error);
}

void
rehearse_library_backup_if_due_async (RehearseLibrary     *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (REHEARSE_IS_LIBRARY (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  queue_write (self, write_new (run_backup_if_due), rehearse_library_backup_if_due_async,
               cancellable, callback, user_data);
}

gboolean
rehearse_library_backup_if_due_finish (RehearseLibrary  *self,
                                       GAsyncResult     *result,
                                       GError          **error)
{
  return finish_write (self, result, rehearse_library_backup_if_due_async, error);
}

static gboolean
run_backup_restore (RehearseLibrary  *self,
                    Write            *write,
                    GError          **error)
{
  if (!back_up_first (self, error)
      || !rehearse_library_write_backup_restore (self, write->text, error))
    return FALSE;

  write->decks_changed = TRUE;
  announce_key (write, NULL);
  return TRUE;
}

void
rehearse_library_restore_backup_async (RehearseLibrary     *self,
                                       const char          *backup_path,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  Write *write;

  g_return_if_fail (REHEARSE_IS_LIBRARY (self));
  g_return_if_fail (backup_path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  write = write_new (run_backup_restore);
  write->text = g_strdup (backup_path);
  queue_write (self, write, rehearse_library_restore_backup_async, cancellable, callback,
               user_data);
}

gboolean
rehearse_library_restore_backup_finish (RehearseLibrary  *self,
                                        GAsyncResult     *result,
                                        GError          **error)
{
  return finish_write (self, result, rehearse_library_restore_backup_async, error);
}

/* ---- The search index ------------------------------------------------------------ */

static gboolean
run_search_index_mending (RehearseLibrary  *self,
                          Write            *write,
                          GError          **error)
{
  gboolean complete;

  write->result = FALSE;
  if (!rehearse_library_search_index_complete (self, &complete, error))
    return FALSE;
  if (complete)
    return TRUE;

  g_message ("The search index of “%s” lost or kept rows: rebuilding it", self->path);
  if (!rehearse_library_rebuild_search_index (self, error))
    return FALSE;

  write->result = TRUE;
  return TRUE;
}

void
rehearse_library_mend_search_index_async (RehearseLibrary     *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (REHEARSE_IS_LIBRARY (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  queue_write (self, write_new (run_search_index_mending), rehearse_library_mend_search_index_async,
               cancellable, callback, user_data);
}

gboolean
rehearse_library_mend_search_index_finish (RehearseLibrary  *self,
                                           GAsyncResult     *result,
                                           GError          **error)
{
  return finish_write (self, result, rehearse_library_mend_search_index_async, error);
}

/* ---- Restore, and reading every entry ---------------------------------------------- */

static gboolean
run_restore (RehearseLibrary  *self,
             Write            *write,
             GError          **error)
{
  return back_up_first (self, error)
         && rehearse_library_write_restore (self, write->entries, &write->restored,
                                         write->changed_keys, error);
}

void
rehearse_library_restore_user_entries_async (RehearseLibrary     *self,
                                             GPtrArray           *entries,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  Write *write;

  g_return_if_fail (REHEARSE_IS_LIBRARY (self));
  g_return_if_fail (entries != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  write = write_new (run_restore);
  write->entries = g_ptr_array_ref (entries);
  queue_write (self, write, rehearse_library_restore_user_entries_async, cancellable, callback,
               user_data);
}

gboolean
rehearse_library_restore_user_entries_finish (RehearseLibrary        *self,
                                              GAsyncResult           *result,
                                              RehearseRestoreResult  *restored,
                                              GError                **error)
{
  if (!finish_write (self, result, rehearse_library_restore_user_entries_async, error))
    return FALSE;

  if (restored != NULL)
    *restored = ((Write *) g_task_get_task_data (G_TASK (result)))->restored;
  return TRUE;
}

static gboolean
run_listing (RehearseLibrary  *self,
             Write            *write,
             GError          **error)
{
  write->listed = rehearse_library_list_user_entries (self, error);
  return write->listed != NULL;
}

void
rehearse_library_list_user_entries_async (RehearseLibrary     *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  Write *write;

  g_return_if_fail (REHEARSE_IS_LIBRARY (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* Queued with the writes, though it only reads, so that it comes after
   * those asked for before it. */
  write = write_new (run_listing);
  write->reads_only = TRUE;
  queue_write (self, write, rehearse_library_list_user_entries_async, cancellable, callback,
               user_data);
}

GPtrArray *
rehearse_library_list_user_entries_finish (RehearseLibrary  *self,
                                           GAsyncResult     *result,
                                           GError          **error)
{
  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == rehearse_library_list_user_entries_async, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Changes made elsewhere --------------------------------------------------------- */

static gboolean
run_check (RehearseLibrary  *self,
           Write            *write,
           GError          **error)
{
  gboolean changed;

  if (!rehearse_library_take_change_marks (self, &changed, &write->decks_changed, error))
    return FALSE;

  if (changed)
    announce_key (write, NULL);
  write->result = changed;
  return TRUE;
}

void
rehearse_library_check_changed_elsewhere_async (RehearseLibrary     *self,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data)
{
  g_return_if_fail (REHEARSE_IS_LIBRARY (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  queue_write (self, write_new (run_check), rehearse_library_check_changed_elsewhere_async,
               cancellable, callback, user_data);
}

gboolean
rehearse_library_check_changed_elsewhere_finish (RehearseLibrary  *self,
                                                 GAsyncResult     *result,
                                                 GError          **error)
{
  return finish_write (self, result, rehearse_library_check_changed_elsewhere_async, error);
}

/* ---- The study plan ------------------------------------------------------------- */

static gboolean
run_plan_settings (RehearseLibrary  *self,
                   Write            *write,
                   GError          **error)
{
  if (!rehearse_library_write_plan_settings (self, write->plan_settings, error))
    return FALSE;

  announce_key (write, NULL);
  return TRUE;
}

void
rehearse_library_set_plan_settings_async (RehearseLibrary            *self,
                                          const RehearsePlanSettings *settings,
                                          GCancellable               *cancellable,
                                          GAsyncReadyCallback         callback,
                                          gpointer                    user_data)
{
  Write *write;

  g_return_if_fail (REHEARSE_IS_LIBRARY (self));
  g_return_if_fail (settings != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  write = write_new (run_plan_settings);
  write->plan_settings = rehearse_plan_settings_copy (settings);
  queue_write (self, write, rehearse_library_set_plan_settings_async, cancellable, callback,
               user_data);
}

gboolean
rehearse_library_set_plan_settings_finish (RehearseLibrary  *self,
                                           GAsyncResult     *result,
                                           GError          **error)
{
  return finish_write (self, result, rehearse_library_set_plan_settings_async, error);
}
