/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rehearse-error.h"
#include "rehearse-note-drafts.h"
#include "rehearse-user-entry.h"

#define GROUP "Draft"
#define SUFFIX ".draft"

/* Escaping can double a text's size; anything larger is not a draft. */
#define MAX_FILE_SIZE (2 * REHEARSE_NOTE_MAX_SIZE + 4096)

struct _RehearseNoteDrafts
{
  GObject  parent_instance;

  char    *directory;
};

G_DEFINE_FINAL_TYPE (RehearseNoteDrafts, rehearse_note_drafts, G_TYPE_OBJECT)

void
rehearse_note_draft_free (RehearseNoteDraft *draft)
{
  if (draft == NULL)
    return;

  g_free (draft->question_key);
  g_free (draft->text);
  g_free (draft->based_on);
  g_free (draft);
}

/* A checksum, not the text: the draft stays as small as what was typed. */
static char *
note_checksum (const char *note)
{
  if (note == NULL)
    return g_strdup ("");

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, note, -1);
}

RehearseNoteDraft *
rehearse_note_draft_new (const char *question_key,
                         const char *text,
                         const char *based_on_note)
{
  RehearseNoteDraft *draft = g_new0 (RehearseNoteDraft, 1);

  draft->question_key = g_strdup (question_key);
  draft->text = g_strdup (text);
  draft->based_on = note_checksum (based_on_note);
  draft->saved_at = g_get_real_time () / G_USEC_PER_SEC;
  return draft;
}

RehearseNoteDraft *
rehearse_note_draft_copy (const RehearseNoteDraft *draft)
{
  RehearseNoteDraft *copy;

  g_return_val_if_fail (draft != NULL, NULL);

  copy = g_new0 (RehearseNoteDraft, 1);
  copy->question_key = g_strdup (draft->question_key);
  copy->text = g_strdup (draft->text);
  copy->based_on = g_strdup (draft->based_on);
  copy->saved_at = draft->saved_at;
  return copy;
}

gboolean
rehearse_note_draft_is_based_on (const RehearseNoteDraft *draft,
                                 const char              *note)
{
  g_autofree char *checksum = note_checksum (note);

  g_return_val_if_fail (draft != NULL, FALSE);

  return g_strcmp0 (draft->based_on, checksum) == 0;
}

RehearseNoteDrafts *
rehearse_note_drafts_new (const char *library_path)
{
  RehearseNoteDrafts *self;
  g_autofree char *folder = NULL;

  g_return_val_if_fail (library_path != NULL, NULL);

  folder = g_path_get_dirname (library_path);
  self = g_object_new (REHEARSE_TYPE_NOTE_DRAFTS, NULL);
  self->directory = g_build_filename (folder, "drafts", NULL);
  return self;
}

const char *
rehearse_note_drafts_get_directory (RehearseNoteDrafts *self)
{
  g_return_val_if_fail (REHEARSE_IS_NOTE_DRAFTS (self), NULL);

  return self->directory;
}

/* Question keys hold "/" and may be long: the file is named by a checksum
 * and the key is inside. */
static char *
draft_path (RehearseNoteDrafts *self,
            const char         *question_key)
{
  g_autofree char *checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, question_key, -1);
  g_autofree char *name = g_strconcat (checksum, SUFFIX, NULL);

  return g_build_filename (self->directory, name, NULL);
}

gboolean
rehearse_note_drafts_keep (RehearseNoteDrafts       *self,
                           const RehearseNoteDraft  *draft,
                           GError                  **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  const char *text;
  gsize length;

  g_return_val_if_fail (REHEARSE_IS_NOTE_DRAFTS (self), FALSE);
  g_return_val_if_fail (draft != NULL && draft->question_key != NULL, FALSE);
  g_return_val_if_fail (draft->text != NULL && draft->based_on != NULL, FALSE);

  text = draft->text;
  if (strlen (text) > REHEARSE_NOTE_MAX_SIZE)
    {
      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_TOO_LARGE,
                   _("The note is too long to keep as a draft"));
      return FALSE;
    }
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT,
                   _("The note is not valid UTF-8 text"));
      return FALSE;
    }

  if (g_mkdir_with_parents (self->directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not make the drafts folder %s: %s"), self->directory,
                   g_strerror (saved_errno));
      return FALSE;
    }

  g_key_file_set_string (key_file, GROUP, "Key", draft->question_key);
  g_key_file_set_string (key_file, GROUP, "BasedOn", draft->based_on);
  g_key_file_set_int64 (key_file, GROUP, "SavedAt", draft->saved_at);
  g_key_file_set_string (key_file, GROUP, "Text", text);
  contents = g_key_file_to_data (key_file, &length, NULL);

  /* Written beside, synced and renamed over: a crash leaves the old draft
   * or the new one, never a part. */
  path = draft_path (self, draft->question_key);
  return g_file_set_contents_full (path, contents, (gssize) length,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

gboolean
rehearse_note_drafts_discard (RehearseNoteDrafts  *self,
                              const char          *question_key,
                              GError             **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (REHEARSE_IS_NOTE_DRAFTS (self), FALSE);
  g_return_val_if_fail (question_key != NULL, FALSE);

  path = draft_path (self, question_key);
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not remove the draft %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static RehearseNoteDraft *
read_draft (const char  *path,
            GError     **error)
{
  g_autoptr(RehearseNoteDraft) draft = g_new0 (RehearseNoteDraft, 1);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  if (length > MAX_FILE_SIZE)
    {
      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_TOO_LARGE,
                   _("The draft %s is too large"), path);
      return NULL;
    }
  if (!g_key_file_load_from_data (key_file, contents, length, G_KEY_FILE_NONE, error))
    return NULL;

  draft->question_key = g_key_file_get_string (key_file, GROUP, "Key", error);
  if (draft->question_key == NULL)
    return NULL;
  draft->text = g_key_file_get_string (key_file, GROUP, "Text", error);
  if (draft->text == NULL)
    return NULL;
  draft->based_on = g_key_file_get_string (key_file, GROUP, "BasedOn", NULL);
  if (draft->based_on == NULL)
    draft->based_on = g_strdup ("");
  draft->saved_at = g_key_file_get_int64 (key_file, GROUP, "SavedAt", NULL);

  return g_steal_pointer (&draft);
}

RehearseNoteDraft *
rehearse_note_drafts_get (RehearseNoteDrafts  *self,
                          const char          *question_key,
                          GError             **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;
  RehearseNoteDraft *draft;

  g_return_val_if_fail (REHEARSE_IS_NOTE_DRAFTS (self), NULL);
  g_return_val_if_fail (question_key != NULL, NULL);

  path = draft_path (self, question_key);
  draft = read_draft (path, &local_error);
  if (draft == NULL && !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    g_propagate_error (error, g_steal_pointer (&local_error));

  return draft;
}

static int
compare_saved_at (gconstpointer a,
                  gconstpointer b)
{
  const RehearseNoteDraft *first = *(RehearseNoteDraft * const *) a;
  const RehearseNoteDraft *second = *(RehearseNoteDraft * const *) b;

  if (first->saved_at != second->saved_at)
    return first->saved_at < second->saved_at ? -1 : 1;

  return g_strcmp0 (first->question_key, second->question_key);
}

GPtrArray *
rehearse_note_drafts_list (RehearseNoteDrafts  *self,
                           GError             **error)
{
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  g_return_val_if_fail (REHEARSE_IS_NOTE_DRAFTS (self), NULL);

  drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) rehearse_note_draft_free);
  dir = g_dir_open (self->directory, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&drafts);

      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* Half-written files (g_file_set_contents' temporaries) end otherwise. */
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(GError) read_error = NULL;
      RehearseNoteDraft *draft;

      if (!g_str_has_suffix (name, SUFFIX))
        continue;

      path = g_build_filename (self->directory, name, NULL);
      draft = read_draft (path, &read_error);
      if (draft != NULL)
        g_ptr_array_add (drafts, draft);
      else
        g_debug ("Skipped the draft %s: %s", path, read_error->message);
    }

  g_ptr_array_sort (drafts, compare_saved_at);
  return g_steal_pointer (&drafts);
}

static void
rehearse_note_drafts_finalize (GObject *object)
{
  RehearseNoteDrafts *self = REHEARSE_NOTE_DRAFTS (object);

  g_clear_pointer (&self->directory, g_free);

  G_OBJECT_CLASS (rehearse_note_drafts_parent_class)->finalize (object);
}

static void
rehearse_note_drafts_class_init (RehearseNoteDraftsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rehearse_note_drafts_finalize;
}

static void
rehearse_note_drafts_init (RehearseNoteDrafts *self)
{
}
