/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rehearse-question.h"

struct _RehearseQuestion
{
  GObject   parent_instance;

  gint64    id;
  char     *key;
  gint64    deck_id;
  gint64    topic_id;
  gint      number;
  char     *text;
  char     *topic_title;
  char     *answer;
  char     *in_depth;
  char     *prompt;
  gboolean  orphaned;
};

G_DEFINE_FINAL_TYPE (RehearseQuestion, rehearse_question, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KEY,
  PROP_DECK_ID,
  PROP_TOPIC_ID,
  PROP_NUMBER,
  PROP_TEXT,
  PROP_TOPIC_TITLE,
  PROP_ANSWER,
  PROP_IN_DEPTH,
  PROP_PROMPT,
  PROP_ORPHANED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rehearse_question_finalize (GObject *object)
{
  RehearseQuestion *self = REHEARSE_QUESTION (object);

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->topic_title, g_free);
  g_clear_pointer (&self->answer, g_free);
  g_clear_pointer (&self->in_depth, g_free);
  g_clear_pointer (&self->prompt, g_free);

  G_OBJECT_CLASS (rehearse_question_parent_class)->finalize (object);
}

static void
rehearse_question_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RehearseQuestion *self = REHEARSE_QUESTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;

    case PROP_DECK_ID:
      g_value_set_int64 (value, self->deck_id);
      break;

    case PROP_TOPIC_ID:
      g_value_set_int64 (value, self->topic_id);
      break;

    case PROP_NUMBER:
      g_value_set_int (value, self->number);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_TOPIC_TITLE:
      g_value_set_string (value, self->topic_title);
      break;

    case PROP_ANSWER:
      g_value_set_string (value, self->answer);
      break;

    case PROP_IN_DEPTH:
      g_value_set_string (value, self->in_depth);
      break;

    case PROP_PROMPT:
      g_value_set_string (value, self->prompt);
      break;

    case PROP_ORPHANED:
      g_value_set_boolean (value, self->orphaned);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
id_property (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, 0, G_MAXINT64, 0,
                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
rehearse_question_class_init (RehearseQuestionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rehearse_question_finalize;
  object_class->get_property = rehearse_question_get_property;

  properties[PROP_ID] = id_property ("id");
  properties[PROP_KEY] = string_property ("key");
  properties[PROP_DECK_ID] = id_property ("deck-id");
  properties[PROP_TOPIC_ID] = id_property ("topic-id");
  properties[PROP_NUMBER] =
    g_param_spec_int ("number", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] = string_property ("text");
  properties[PROP_TOPIC_TITLE] = string_property ("topic-title");
  properties[PROP_ANSWER] = string_property ("answer");
  properties[PROP_IN_DEPTH] = string_property ("in-depth");
  properties[PROP_PROMPT] = string_property ("prompt");
  properties[PROP_ORPHANED] =
    g_param_spec_boolean ("orphaned", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rehearse_question_init (RehearseQuestion *self)
{
  self->number = -1;
}

RehearseQuestion *
rehearse_question_new (const RehearseQuestionFields *fields)
{
  RehearseQuestion *self;

  g_return_val_if_fail (fields != NULL, NULL);

  self = g_object_new (REHEARSE_TYPE_QUESTION, NULL);
  self->id = fields->id;
  self->key = g_strdup (fields->question_key);
  self->deck_id = fields->deck_id;
  self->topic_id = fields->topic_id;
  self->number = fields->number;
  self->text = g_strdup (fields->text);
  self->topic_title = g_strdup (fields->topic_title);
  self->answer = g_strdup (fields->answer);
  self->in_depth = g_strdup (fields->in_depth);
  self->prompt = g_strdup (fields->prompt);
  self->orphaned = fields->orphaned;

  return self;
}

gint64
rehearse_question_get_id (RehearseQuestion *self)
{
  g_return_val_if_fail (REHEARSE_IS_QUESTION (self), 0);

  return self->id;
}

const char *
rehearse_question_get_key (RehearseQuestion *self)
{
  g_return_val_if_fail (REHEARSE_IS_QUESTION (self), NULL);

  return self->key;
}

gint64
rehearse_question_get_deck_id (RehearseQuestion *self)
{
  g_return_val_if_fail (REHEARSE_IS_QUESTION (self), 0);

  return self->deck_id;
}

gint64
rehearse_question_get_topic_id (RehearseQuestion *self)
{
  g_return_val_if_fail (REHEARSE_IS_QUESTION (self), 0);

  return self->topic_id;
}

gint
rehearse_question_get_number (RehearseQuestion *self)
{
  g_return_val_if_fail (REHEARSE_IS_QUESTION (self), -1);

  return self->number;
}

const char *
rehearse_question_get_text (RehearseQuestion *self)
{
  g_return_val_if_fail (REHEARSE_IS_QUESTION (self), NULL);

  return self->text;
}

const char *
rehearse_question_get_topic_title (RehearseQuestion *self)
{
  g_return_val_if_fail (REHEARSE_IS_QUESTION (self), NULL);

  return self->topic_title;
}

const char *
rehearse_question_get_answer (RehearseQuestion *self)
{
  g_return_val_if_fail (REHEARSE_IS_QUESTION (self), NULL);

  return self->answer;
}

const char *
rehearse_question_get_in_depth (RehearseQuestion *self)
{
  g_return_val_if_fail (REHEARSE_IS_QUESTION (self), NULL);

  return self->in_depth;
}

gboolean
rehearse_question_get_orphaned (RehearseQuestion *self)
{
  g_return_val_if_fail (REHEARSE_IS_QUESTION (self), FALSE);

  return self->orphaned;
}

const char *
rehearse_question_get_prompt (RehearseQuestion *self)
{
  g_return_val_if_fail (REHEARSE_IS_QUESTION (self), NULL);

  return self->prompt;
}

gboolean
rehearse_question_has_answer (RehearseQuestion *self)
{
  g_return_val_if_fail (REHEARSE_IS_QUESTION (self), FALSE);

  return self->answer != NULL && *self->answer != '\0';
}
