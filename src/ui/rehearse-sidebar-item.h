/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Sidebar entries that are not the core's decks, topics or questions: the
 * smart collections and the heading above the decks. */
typedef enum
{
  REHEARSE_COLLECTION_ALL,
  REHEARSE_COLLECTION_BOOKMARKED,
  REHEARSE_COLLECTION_WITH_NOTES,
  REHEARSE_COLLECTION_DUE,
  REHEARSE_COLLECTION_RECENT,
  REHEARSE_COLLECTION_PROGRESS,  /* no list: opens the progress page (win.show-progress) */
  REHEARSE_COLLECTION_ORPHANED,  /* listed only while there are any */
  REHEARSE_COLLECTION_NONE,      /* a heading */
} RehearseCollection;

#define REHEARSE_TYPE_SIDEBAR_ITEM (rehearse_sidebar_item_get_type ())
G_DECLARE_FINAL_TYPE (RehearseSidebarItem, rehearse_sidebar_item, REHEARSE, SIDEBAR_ITEM, GObject)

RehearseSidebarItem *rehearse_sidebar_item_new_collection (RehearseCollection   collection);
RehearseSidebarItem *rehearse_sidebar_item_new_heading    (const char          *title);
RehearseCollection   rehearse_sidebar_item_get_collection (RehearseSidebarItem *self);
gboolean             rehearse_sidebar_item_is_heading     (RehearseSidebarItem *self);
const char          *rehearse_sidebar_item_get_title      (RehearseSidebarItem *self);
const char          *rehearse_sidebar_item_get_icon_name  (RehearseSidebarItem *self);
/* What an empty collection says, for its status page. */
const char          *rehearse_sidebar_item_get_empty_title       (RehearseSidebarItem *self);
const char          *rehearse_sidebar_item_get_empty_description (RehearseSidebarItem *self);
/* The scope of win.start-quiz that quizzes the collection's questions
 * ("all", "bookmarked", "with-notes", "due"), or NULL when it has none. */
const char          *rehearse_sidebar_item_get_quiz_scope        (RehearseSidebarItem *self);

G_END_DECLS
