/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rehearse-sidebar-item.h"

struct _RehearseSidebarItem
{
  GObject             parent_instance;

  RehearseCollection  collection;
  char               *heading;
};

G_DEFINE_FINAL_TYPE (RehearseSidebarItem, rehearse_sidebar_item, G_TYPE_OBJECT)

typedef struct
{
  const char *title;
  const char *icon_name;
  const char *empty_title;
  const char *empty_description;
  const char *quiz_scope;
} CollectionInfo;

static const CollectionInfo collections[] = {
  [REHEARSE_COLLECTION_ALL] = {
    N_("All Questions"), "view-list-bullet-symbolic",
    N_("No Questions"), N_("Import a Markdown deck to start studying"),
    "all",
  },
  [REHEARSE_COLLECTION_BOOKMARKED] = {
    N_("Bookmarked"), "starred-symbolic",
    N_("No Bookmarks"), N_("Bookmark a question with Ctrl+D to find it here"),
    "bookmarked",
  },
  [REHEARSE_COLLECTION_WITH_NOTES] = {
    N_("With Notes"), "document-edit-symbolic",
    N_("No Notes"), N_("Questions you write notes on will be listed here"),
    "with-notes",
  },
  [REHEARSE_COLLECTION_DUE] = {
    N_("Due for Review"), "alarm-symbolic",
    N_("Nothing Due"),
    N_("Start a quiz with Ctrl+R: the questions you review come back here when they are due"),
    "due",
  },
  [REHEARSE_COLLECTION_RECENT] = {
    N_("Recently Viewed"), "document-open-recent-symbolic",
    N_("Nothing Viewed Yet"), N_("The questions you read will be listed here"),
  },
  [REHEARSE_COLLECTION_PROGRESS] = {
    N_("Progress"), "rehearse-progress-symbolic",
    N_("No Reviews Yet"), N_("Take a quiz with Ctrl+R: what you review is counted here"),
  },
  [REHEARSE_COLLECTION_ORPHANED] = {
    N_("Orphaned"), "action-unavailable-symbolic",
    N_("Nothing Orphaned"),
    N_("Bookmarks and notes of questions that left their deck are kept here"),
  },
};

RehearseSidebarItem *
rehearse_sidebar_item_new_collection (RehearseCollection collection)
{
  RehearseSidebarItem *self;

  g_return_val_if_fail (collection < REHEARSE_COLLECTION_NONE, NULL);

  self = g_object_new (REHEARSE_TYPE_SIDEBAR_ITEM, NULL);
  self->collection = collection;
  return self;
}

RehearseSidebarItem *
rehearse_sidebar_item_new_heading (const char *title)
{
  RehearseSidebarItem *self = g_object_new (REHEARSE_TYPE_SIDEBAR_ITEM, NULL);

  self->collection = REHEARSE_COLLECTION_NONE;
  self->heading = g_strdup (title);
  return self;
}

RehearseCollection
rehearse_sidebar_item_get_collection (RehearseSidebarItem *self)
{
  return self->collection;
}

gboolean
rehearse_sidebar_item_is_heading (RehearseSidebarItem *self)
{
  return self->collection == REHEARSE_COLLECTION_NONE;
}

const char *
rehearse_sidebar_item_get_title (RehearseSidebarItem *self)
{
  if (rehearse_sidebar_item_is_heading (self))
    return self->heading;
  return _(collections[self->collection].title);
}

const char *
rehearse_sidebar_item_get_icon_name (RehearseSidebarItem *self)
{
  if (rehearse_sidebar_item_is_heading (self))
    return NULL;
  return collections[self->collection].icon_name;
}

const char *
rehearse_sidebar_item_get_empty_title (RehearseSidebarItem *self)
{
  if (rehearse_sidebar_item_is_heading (self))
    return NULL;
  return _(collections[self->collection].empty_title);
}

const char *
rehearse_sidebar_item_get_empty_description (RehearseSidebarItem *self)
{
  if (rehearse_sidebar_item_is_heading (self))
    return NULL;
  return _(collections[self->collection].empty_description);
}

const char *
rehearse_sidebar_item_get_quiz_scope (RehearseSidebarItem *self)
{
  if (rehearse_sidebar_item_is_heading (self))
    return NULL;
  return collections[self->collection].quiz_scope;
}

static void
rehearse_sidebar_item_finalize (GObject *object)
{
  RehearseSidebarItem *self = REHEARSE_SIDEBAR_ITEM (object);

  g_clear_pointer (&self->heading, g_free);

  G_OBJECT_CLASS (rehearse_sidebar_item_parent_class)->finalize (object);
}

static void
rehearse_sidebar_item_class_init (RehearseSidebarItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rehearse_sidebar_item_finalize;
}

static void
rehearse_sidebar_item_init (RehearseSidebarItem *self)
{
}
