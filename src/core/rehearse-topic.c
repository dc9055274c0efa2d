/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rehearse-topic.h"

struct _RehearseTopic
{
  GObject  parent_instance;

  gint64   id;
  gint64   deck_id;
  guint    position;
  char    *title;
  char    *icon;
  guint    question_count;
};

G_DEFINE_FINAL_TYPE (RehearseTopic, rehearse_topic, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_DECK_ID,
  PROP_POSITION,
  PROP_TITLE,
  PROP_ICON,
  PROP_QUESTION_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rehearse_topic_finalize (GObject *object)
{
  RehearseTopic *self = REHEARSE_TOPIC (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->icon, g_free);

  G_OBJECT_CLASS (rehearse_topic_parent_class)->finalize (object);
}

static void
rehearse_topic_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RehearseTopic *self = REHEARSE_TOPIC (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_DECK_ID:
      g_value_set_int64 (value, self->deck_id);
      break;

    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_ICON:
      g_value_set_string (value, self->icon);
      break;

    case PROP_QUESTION_COUNT:
      g_value_set_uint (value, self->question_count);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rehearse_topic_class_init (RehearseTopicClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rehearse_topic_finalize;
  object_class->get_property = rehearse_topic_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DECK_ID] =
    g_param_spec_int64 ("deck-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ICON] =
    g_param_spec_string ("icon", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUESTION_COUNT] =
    g_param_spec_uint ("question-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rehearse_topic_init (RehearseTopic *self)
{
}

RehearseTopic *
rehearse_topic_new (gint64      id,
                    gint64      deck_id,
                    guint       position,
                    const char *title,
                    const char *icon,
                    guint       question_count)
{
  RehearseTopic *self = g_object_new (REHEARSE_TYPE_TOPIC, NULL);

  self->id = id;
  self->deck_id = deck_id;
  self->position = position;
  self->title = g_strdup (title);
  self->icon = g_strdup (icon);
  self->question_count = question_count;

  return self;
}

gint64
rehearse_topic_get_id (RehearseTopic *self)
{
  g_return_val_if_fail (REHEARSE_IS_TOPIC (self), 0);

  return self->id;
}

gint64
rehearse_topic_get_deck_id (RehearseTopic *self)
{
  g_return_val_if_fail (REHEARSE_IS_TOPIC (self), 0);

  return self->deck_id;
}

guint
rehearse_topic_get_position (RehearseTopic *self)
{
  g_return_val_if_fail (REHEARSE_IS_TOPIC (self), 0);

  return self->position;
}

const char *
rehearse_topic_get_title (RehearseTopic *self)
{
  g_return_val_if_fail (REHEARSE_IS_TOPIC (self), NULL);

  return self->title;
}

const char *
rehearse_topic_get_icon (RehearseTopic *self)
{
  g_return_val_if_fail (REHEARSE_IS_TOPIC (self), NULL);

  return self->icon;
}

guint
rehearse_topic_get_question_count (RehearseTopic *self)
{
  g_return_val_if_fail (REHEARSE_IS_TOPIC (self), 0);

  return self->question_count;
}
