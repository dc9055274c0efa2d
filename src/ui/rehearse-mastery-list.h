/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rehearse-progress.h"

G_BEGIN_DECLS

/* Mastery per topic: each topic with its deck, the share of its questions
 * seen and their average recall as a bar, sorted by recall (weakest first),
 * by name or by the share seen (least seen first); and a button that
 * quizzes the weakest topic, through win.start-quiz ("topic:ID"), as the
 * sidebar's menus do. */
#define REHEARSE_TYPE_MASTERY_LIST (rehearse_mastery_list_get_type ())
G_DECLARE_FINAL_TYPE (RehearseMasteryList, rehearse_mastery_list, REHEARSE, MASTERY_LIST,
                      GtkWidget)

typedef enum
{
  REHEARSE_MASTERY_SORT_RECALL,
  REHEARSE_MASTERY_SORT_NAME,
  REHEARSE_MASTERY_SORT_SEEN,
} RehearseMasterySort;

GtkWidget           *rehearse_mastery_list_new        (void);
/* @topics: RehearseTopicMastery *, weakest first (copied). */
void                 rehearse_mastery_list_set_topics (RehearseMasteryList *self,
                                                       GPtrArray           *topics);
void                 rehearse_mastery_list_set_sort   (RehearseMasteryList *self,
                                                       RehearseMasterySort  sort);
RehearseMasterySort  rehearse_mastery_list_get_sort   (RehearseMasteryList *self);
/* The list's rows, in the order shown. */
GtkListBox          *rehearse_mastery_list_get_list_box (RehearseMasteryList *self);

G_END_DECLS
