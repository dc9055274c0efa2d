/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Notes the library could not save (disk full, library locked or
 * read-only), kept as files until it can, as GNOME Text Editor keeps
 * drafts: one small file per question in a "drafts" folder beside the
 * library, each written whole (never half) so that a crash leaves the old
 * draft or the new one. A draft remembers which stored note it was typed
 * over, so that one whose note changed elsewhere meanwhile is offered, not
 * saved over that change. */
#define REHEARSE_TYPE_NOTE_DRAFTS (rehearse_note_drafts_get_type ())
G_DECLARE_FINAL_TYPE (RehearseNoteDrafts, rehearse_note_drafts, REHEARSE, NOTE_DRAFTS, GObject)

typedef struct
{
  char   *question_key;
  char   *text;
  char   *based_on;   /* checksum of the stored note it was typed over; "" when none */
  gint64  saved_at;   /* unix seconds */
} RehearseNoteDraft;

/* A draft of @text typed over @based_on_note (the stored note; NULL: none). */
RehearseNoteDraft *rehearse_note_draft_new            (const char         *question_key,
                                                       const char         *text,
                                                       const char         *based_on_note);
RehearseNoteDraft *rehearse_note_draft_copy           (const RehearseNoteDraft *draft);
void               rehearse_note_draft_free           (RehearseNoteDraft  *draft);
/* Whether @note (the library's note now; NULL: none) is still the one the
 * draft was typed over: saving the draft then loses nothing. */
gboolean           rehearse_note_draft_is_based_on    (const RehearseNoteDraft *draft,
                                                       const char         *note);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RehearseNoteDraft, rehearse_note_draft_free)

/* The drafts of the library at @library_path, in "drafts" beside it. */
RehearseNoteDrafts *rehearse_note_drafts_new          (const char         *library_path);
const char         *rehearse_note_drafts_get_directory (RehearseNoteDrafts *self);
/* Writes @draft, replacing any draft of its question before it. Fails for
 * a text longer than REHEARSE_NOTE_MAX_SIZE, as the library would. */
gboolean            rehearse_note_drafts_keep         (RehearseNoteDrafts      *self,
                                                       const RehearseNoteDraft *draft,
                                                       GError                 **error);
/* Removes the draft of @question_key; no draft is not an error. */
gboolean            rehearse_note_drafts_discard      (RehearseNoteDrafts *self,
                                                       const char         *question_key,
                                                       GError            **error);
/* The draft of @question_key, or NULL (without @error) when there is none. */
RehearseNoteDraft  *rehearse_note_drafts_get          (RehearseNoteDrafts *self,
                                                       const char         *question_key,
                                                       GError            **error);
/* Every draft, the oldest first (RehearseNoteDraft). Files that are not
 * drafts, or are damaged, are left alone and skipped. */
GPtrArray          *rehearse_note_drafts_list         (RehearseNoteDrafts *self,
                                                       GError            **error);

G_END_DECLS
