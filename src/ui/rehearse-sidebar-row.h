/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rehearse-library.h"
#include "rehearse-sidebar-due-counts.h"
#include "rehearse-sidebar-item.h"

G_BEGIN_DECLS

/* One row of the sidebar: a deck, topic, question or collection in the
 * tree (with its expander), a question in a collection (with its bookmark
 * label or the first line of its note), or a search result with its
 * snippet. Question rows keep their star up to date and have a context
 * menu: bookmark, label, note. Decks, topics and the collections a quiz
 * can take have one that starts a quiz on them (win.start-quiz).
 * ::activated: clicked (or to open before an edit); ::show-message carries
 * a failure to tell the user of. */
#define REHEARSE_TYPE_SIDEBAR_ROW (rehearse_sidebar_row_get_type ())
G_DECLARE_FINAL_TYPE (RehearseSidebarRow, rehearse_sidebar_row, REHEARSE, SIDEBAR_ROW, GtkWidget)

GtkWidget *rehearse_sidebar_row_new                (void);
/* @due_counts (may be NULL): what topics and Due for Review show as due. */
void       rehearse_sidebar_row_bind_tree_row      (RehearseSidebarRow       *self,
                                                    GtkTreeListRow           *tree_row,
                                                    RehearseLibrary          *library,
                                                    RehearseSidebarDueCounts *due_counts);
/* @source (may be NULL): the deck and topic the result comes from. */
void       rehearse_sidebar_row_bind_search_result (RehearseSidebarRow   *self,
                                                    RehearseSearchResult *result,
                                                    const char           *source,
                                                    RehearseLibrary      *library);
void       rehearse_sidebar_row_bind_collection_question (RehearseSidebarRow *self,
                                                    RehearseQuestion     *question,
                                                    RehearseCollection    collection,
                                                    RehearseLibrary      *library);
void       rehearse_sidebar_row_unbind             (RehearseSidebarRow   *self);
/* The context menu, as the Menu key or Shift+F10 opens it. */
void       rehearse_sidebar_row_popup_menu         (RehearseSidebarRow   *self);

/* "What is `docker diff`?" as the row shows it: "What is docker diff?". */
char      *rehearse_question_title_plain           (RehearseQuestion     *question);

G_END_DECLS
