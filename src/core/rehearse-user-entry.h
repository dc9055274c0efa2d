/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The longest note the library keeps (1 MiB, about 500 pages of text): a
 * notes file holding hundreds of them can still be read back. */
#define REHEARSE_NOTE_MAX_SIZE (1024 * 1024)

/* One question's user data as it leaves or enters the library whole: for
 * the notes file (export and restore) and for the orphaned list. The
 * question text is a snapshot taken when the data was saved, so a question
 * whose deck is gone can still be named. */
typedef struct
{
  char    *question_key;
  char    *question_text;     /* inline Markdown, "301. …" style; may be NULL */
  gboolean bookmarked;
  char    *label;             /* NULL or a non-empty label */
  gint64   bookmarked_at;     /* unix seconds; 0 when not bookmarked */
  char    *note;              /* Markdown; NULL when there is no note */
  gint64   note_updated_at;   /* unix seconds; 0 when there is no note */
} RehearseUserEntry;

RehearseUserEntry *rehearse_user_entry_new  (const char        *question_key);
void               rehearse_user_entry_free (RehearseUserEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RehearseUserEntry, rehearse_user_entry_free)

G_END_DECLS
