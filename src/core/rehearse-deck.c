/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rehearse-deck.h"

struct _RehearseDeck
{
  GObject  parent_instance;

  gint64   id;
  char    *key;
  char    *title;
  guint    topic_count;
  guint    question_count;
};

G_DEFINE_FINAL_TYPE (RehearseDeck, rehearse_deck, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KEY,
  PROP_TITLE,
  PROP_TOPIC_COUNT,
  PROP_QUESTION_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rehearse_deck_finalize (GObject *object)
{
  RehearseDeck *self = REHEARSE_DECK (object);

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (rehearse_deck_parent_class)->finalize (object);
}

static void
rehearse_deck_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RehearseDeck *self = REHEARSE_DECK (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_TOPIC_COUNT:
      g_value_set_uint (value, self->topic_count);
      break;

    case PROP_QUESTION_COUNT:
      g_value_set_uint (value, self->question_count);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rehearse_deck_class_init (RehearseDeckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rehearse_deck_finalize;
  object_class->get_property = rehearse_deck_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOPIC_COUNT] =
    g_param_spec_uint ("topic-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUESTION_COUNT] =
    g_param_spec_uint ("question-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rehearse_deck_init (RehearseDeck *self)
{
}

RehearseDeck *
rehearse_deck_new (gint64      id,
                   const char *deck_key,
                   const char *title,
                   guint       topic_count,
                   guint       question_count)
{
  RehearseDeck *self = g_object_new (REHEARSE_TYPE_DECK, NULL);

  self->id = id;
  self->key = g_strdup (deck_key);
  self->title = g_strdup (title);
  self->topic_count = topic_count;
  self->question_count = question_count;

  return self;
}

gint64
rehearse_deck_get_id (RehearseDeck *self)
{
  g_return_val_if_fail (REHEARSE_IS_DECK (self), 0);

  return self->id;
}

const char *
rehearse_deck_get_key (RehearseDeck *self)
{
  g_return_val_if_fail (REHEARSE_IS_DECK (self), NULL);

  return self->key;
}

const char *
rehearse_deck_get_title (RehearseDeck *self)
{
  g_return_val_if_fail (REHEARSE_IS_DECK (self), NULL);

  return self->title;
}

guint
rehearse_deck_get_topic_count (RehearseDeck *self)
{
  g_return_val_if_fail (REHEARSE_IS_DECK (self), 0);

  return self->topic_count;
}

guint
rehearse_deck_get_question_count (RehearseDeck *self)
{
  g_return_val_if_fail (REHEARSE_IS_DECK (self), 0);

  return self->question_count;
}
