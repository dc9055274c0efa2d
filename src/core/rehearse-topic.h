/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A topic of a deck, as stored: an immutable snapshot of one row. */
#define REHEARSE_TYPE_TOPIC (rehearse_topic_get_type ())
G_DECLARE_FINAL_TYPE (RehearseTopic, rehearse_topic, REHEARSE, TOPIC, GObject)

RehearseTopic *rehearse_topic_new                (gint64      id,
                                                  gint64      deck_id,
                                                  guint       position,
                                                  const char *title,
                                                  const char *icon,
                                                  guint       question_count);
gint64         rehearse_topic_get_id             (RehearseTopic *self);
gint64         rehearse_topic_get_deck_id        (RehearseTopic *self);
guint          rehearse_topic_get_position       (RehearseTopic *self);
const char    *rehearse_topic_get_title          (RehearseTopic *self);
/* The emoji the topic's heading started with, or NULL. */
const char    *rehearse_topic_get_icon           (RehearseTopic *self);
guint          rehearse_topic_get_question_count (RehearseTopic *self);

G_END_DECLS
