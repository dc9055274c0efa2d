/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rehearse-library.h"

G_BEGIN_DECLS

/* A GListModel of RehearseQuestion summaries that holds only row ids and
 * loads items from the library when they are asked for, a window of
 * neighbours at a time, so scrolling a long list costs one query per page.
 * It is a snapshot: the list does not follow later imports. */
#define REHEARSE_TYPE_QUESTION_LIST (rehearse_question_list_get_type ())
G_DECLARE_FINAL_TYPE (RehearseQuestionList, rehearse_question_list,
                      REHEARSE, QUESTION_LIST, GObject)

/* Takes ownership of @ids (a GArray of gint64 row ids, in list order). */
RehearseQuestionList *rehearse_question_list_new (RehearseLibrary *library,
                                                  GArray          *ids);

/* Where the question with row id @question_id is in the list: a scan of
 * the ids only, no item is loaded. */
gboolean              rehearse_question_list_find (RehearseQuestionList *self,
                                                   gint64                question_id,
                                                   guint                *position);

/* The row ids, in list order (@n_ids set to their number): for callers
 * that need the whole set, such as a quiz, without loading any item. */
const gint64         *rehearse_question_list_peek_ids (RehearseQuestionList *self,
                                                       guint                *n_ids);

G_END_DECLS
