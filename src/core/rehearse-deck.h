/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A deck as stored in the library: an immutable snapshot of one row. */
#define REHEARSE_TYPE_DECK (rehearse_deck_get_type ())
G_DECLARE_FINAL_TYPE (RehearseDeck, rehearse_deck, REHEARSE, DECK, GObject)

RehearseDeck *rehearse_deck_new                (gint64      id,
                                                const char *deck_key,
                                                const char *title,
                                                guint       topic_count,
                                                guint       question_count);
gint64        rehearse_deck_get_id             (RehearseDeck *self);
const char   *rehearse_deck_get_key            (RehearseDeck *self);
const char   *rehearse_deck_get_title          (RehearseDeck *self);
guint         rehearse_deck_get_topic_count    (RehearseDeck *self);
guint         rehearse_deck_get_question_count (RehearseDeck *self);

G_END_DECLS
