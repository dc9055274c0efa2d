/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rehearse-parsed-deck.h"

#include <string.h>

static void
parsed_topic_free (gpointer data)
{
  RehearseParsedTopic *topic = data;

  g_free (topic->title);
  g_free (topic->icon);
  g_free (topic);
}

static void
parsed_question_free (gpointer data)
{
  RehearseParsedQuestion *question = data;

  g_free (question->question_key);
  g_free (question->text);
  g_free (question->answer);
  g_free (question->in_depth);
  g_free (question->prompt);
  g_free (question);
}

static void
parsed_skip_free (gpointer data)
{
  RehearseParsedSkip *skip = data;

  g_free (skip->path);
  g_free (skip);
}

static void
parsed_source_free (gpointer data)
{
  RehearseParsedSource *source = data;

  g_free (source->path);
  g_free (source->content_hash);
  g_free (source);
}

RehearseParsedDeck *
rehearse_parsed_deck_new (const char *title)
{
  RehearseParsedDeck *deck = g_new0 (RehearseParsedDeck, 1);

  deck->title = g_strdup (title);
  deck->deck_key = title != NULL ? rehearse_slugify (title) : NULL;
  deck->topics = g_ptr_array_new_with_free_func (parsed_topic_free);
  deck->questions = g_ptr_array_new_with_free_func (parsed_question_free);
  deck->sources = g_ptr_array_new_with_free_func (parsed_source_free);
  deck->skipped = g_ptr_array_new_with_free_func (parsed_skip_free);

  return deck;
}

void
rehearse_parsed_deck_free (RehearseParsedDeck *deck)
{
  if (deck == NULL)
    return;

  g_free (deck->deck_key);
  g_free (deck->title);
  g_ptr_array_unref (deck->topics);
  g_ptr_array_unref (deck->questions);
  g_ptr_array_unref (deck->sources);
  g_ptr_array_unref (deck->skipped);
  g_free (deck);
}

RehearseParsedTopic *
rehearse_parsed_deck_add_topic (RehearseParsedDeck *deck,
                                const char         *title,
                                const char         *icon)
{
  RehearseParsedTopic *topic = g_new0 (RehearseParsedTopic, 1);

  topic->title = g_strdup (title);
  topic->icon = g_strdup (icon);
  g_ptr_array_add (deck->topics, topic);

  return topic;
}

RehearseParsedQuestion *
rehearse_parsed_deck_add_question (RehearseParsedDeck *deck,
                                   guint               topic_index,
                                   gint                number,
                                   const char         *text,
                                   const char         *answer,
                                   const char         *in_depth)
{
  RehearseParsedQuestion *question = g_new0 (RehearseParsedQuestion, 1);

  g_return_val_if_fail (topic_index < deck->topics->len, NULL);

  question->topic_index = topic_index;
  question->number = number;
  question->text = g_strdup (text);
  question->answer = g_strdup (answer != NULL ? answer : "");
  question->in_depth = g_strdup (in_depth);
  g_ptr_array_add (deck->questions, question);

  return question;
}

void
rehearse_parsed_deck_add_skipped (RehearseParsedDeck *deck,
                                  int                 line,
                                  const char         *reason)
{
  RehearseParsedSkip *skip = g_new0 (RehearseParsedSkip, 1);

  skip->line = line;
  skip->reason = reason;
  g_ptr_array_add (deck->skipped, skip);
}

gboolean
rehearse_parsed_question_has_answer (const RehearseParsedQuestion *question)
{
  return question->answer != NULL && *question->answer != '\0';
}

void
rehearse_parsed_deck_add_source (RehearseParsedDeck *deck,
                                 const char         *path,
                                 const char         *content_hash,
                                 gsize               size)
{
  RehearseParsedSource *source = g_new0 (RehearseParsedSource, 1);

  source->path = g_strdup (path);
  source->content_hash = g_strdup (content_hash);
  source->size = size;
  g_ptr_array_add (deck->sources, source);
}

static gpointer
steal_all (GPtrArray *array)
{
  /* Move the elements without freeing them: clear the free func first. */
  g_ptr_array_set_free_func (array, NULL);
  return array;
}

void
rehearse_parsed_deck_append (RehearseParsedDeck *deck,
                             RehearseParsedDeck *other)
{
  guint topic_offset = deck->topics->len;
  GPtrArray *topics = steal_all (other->topics);
  GPtrArray *questions = steal_all (other->questions);
  GPtrArray *sources = steal_all (other->sources);
  GPtrArray *skipped = steal_all (other->skipped);

  for (guint i = 0; i < topics->len; i++)
    g_ptr_array_add (deck->topics, g_ptr_array_index (topics, i));

  for (guint i = 0; i < questions->len; i++)
    {
      RehearseParsedQuestion *question = g_ptr_array_index (questions, i);

      question->topic_index += topic_offset;
      g_ptr_array_add (deck->questions, question);
    }

  for (guint i = 0; i < sources->len; i++)
    g_ptr_array_add (deck->sources, g_ptr_array_index (sources, i));

  for (guint i = 0; i < skipped->len; i++)
    g_ptr_array_add (deck->skipped, g_ptr_array_index (skipped, i));

  g_ptr_array_set_size (topics, 0);
  g_ptr_array_set_size (questions, 0);
  g_ptr_array_set_size (sources, 0);
  g_ptr_array_set_size (skipped, 0);
  g_ptr_array_set_free_func (other->topics, parsed_topic_free);
  g_ptr_array_set_free_func (other->questions, parsed_question_free);
  g_ptr_array_set_free_func (other->sources, parsed_source_free);
  g_ptr_array_set_free_func (other->skipped, parsed_skip_free);
}

char *
rehearse_slugify (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text != NULL ? text : "", "C");
  GString *slug = g_string_new (NULL);
  gboolean pending_dash = FALSE;

  for (const char *c = ascii; *c != '\0'; c++)
    {
      if (g_ascii_isalnum (*c))
        {
          if (pending_dash && slug->len > 0)
            g_string_append_c (slug, '-');
          g_string_append_c (slug, g_ascii_tolower (*c));
          pending_dash = FALSE;
        }
      else if (*c != '\'')
        {
          /* "What's" gives "whats", not "what-s". */
          pending_dash = TRUE;
        }
    }

  if (slug->len == 0)
    g_string_append (slug, "untitled");

  return g_string_free (slug, FALSE);
}

static gboolean
numbers_are_unique (RehearseParsedDeck *deck)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < deck->questions->len; i++)
    {
      RehearseParsedQuestion *question = g_ptr_array_index (deck->questions, i);

      if (question->number < 0)
        continue;
      if (g_hash_table_contains (seen, GINT_TO_POINTER (question->number)))
        return FALSE;
      g_hash_table_add (seen, GINT_TO_POINTER (question->number));
    }

  return TRUE;
}

static char *
base_key (RehearseParsedDeck     *deck,
          RehearseParsedQuestion *question,
          gboolean                unique_numbers)
{
  if (question->number >= 0 && unique_numbers)
    return g_strdup_printf ("%s/%d", deck->deck_key, question->number);

  if (question->number >= 0)
    {
      RehearseParsedTopic *topic = g_ptr_array_index (deck->topics, question->topic_index);
      g_autofree char *topic_slug = rehearse_slugify (topic->title);

      return g_strdup_printf ("%s/%s/%d", deck->deck_key, topic_slug, question->number);
    }

  {
    g_autofree char *text_slug = rehearse_slugify (question->text);

    /* Long questions: the first 80 characters identify them well enough. */
    if (strlen (text_slug) > 80)
      text_slug[80] = '\0';
    return g_strdup_printf ("%s/%s", deck->deck_key, text_slug);
  }
}

void
rehearse_parsed_deck_assign_keys (RehearseParsedDeck *deck)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* base key → the suffix its next copy tries first: a file of thousands of
   * copies of one question stays linear. */
  g_autoptr(GHashTable) next_suffix = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean unique_numbers = numbers_are_unique (deck);

  g_return_if_fail (deck->deck_key != NULL);

  for (guint i = 0; i < deck->questions->len; i++)
    {
      RehearseParsedQuestion *question = g_ptr_array_index (deck->questions, i);
      g_autofree char *base = base_key (deck, question, unique_numbers);
      g_autofree char *key = g_strdup (base);
      guint suffix = GPOINTER_TO_UINT (g_hash_table_lookup (next_suffix, base));

      /* The same question twice in one deck: the second gets "-2" and so on,
       * in reading order, which is stable for an unchanged file. */
      for (suffix = MAX (suffix, 2); g_hash_table_contains (used, key); suffix++)
        {
          g_free (key);
          key = g_strdup_printf ("%s-%u", base, suffix);
        }
      g_hash_table_replace (next_suffix, g_steal_pointer (&base), GUINT_TO_POINTER (suffix));

      g_hash_table_add (used, g_strdup (key));
      g_free (question->question_key);
      question->question_key = g_steal_pointer (&key);
    }
}
