/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rehearse-search-result.h"

#include <string.h>

struct _RehearseSearchResult
{
  GObject           parent_instance;

  RehearseQuestion *question;
  char             *snippet;
  double            rank;
  gboolean          in_note;
};

G_DEFINE_FINAL_TYPE (RehearseSearchResult, rehearse_search_result, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_QUESTION,
  PROP_SNIPPET,
  PROP_RANK,
  PROP_IN_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rehearse_search_result_finalize (GObject *object)
{
  RehearseSearchResult *self = REHEARSE_SEARCH_RESULT (object);

  g_clear_object (&self->question);
  g_clear_pointer (&self->snippet, g_free);

  G_OBJECT_CLASS (rehearse_search_result_parent_class)->finalize (object);
}

static void
rehearse_search_result_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  RehearseSearchResult *self = REHEARSE_SEARCH_RESULT (object);

  switch (prop_id)
    {
    case PROP_QUESTION:
      g_value_set_object (value, self->question);
      break;

    case PROP_SNIPPET:
      g_value_set_string (value, self->snippet);
      break;

    case PROP_RANK:
      g_value_set_double (value, self->rank);
      break;

    case PROP_IN_NOTE:
      g_value_set_boolean (value, self->in_note);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rehearse_search_result_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  RehearseSearchResult *self = REHEARSE_SEARCH_RESULT (object);

  switch (prop_id)
    {
    case PROP_IN_NOTE:
      rehearse_search_result_set_in_note (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rehearse_search_result_class_init (RehearseSearchResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rehearse_search_result_finalize;
  object_class->get_property = rehearse_search_result_get_property;
  object_class->set_property = rehearse_search_result_set_property;

  properties[PROP_QUESTION] =
    g_param_spec_object ("question", NULL, NULL, REHEARSE_TYPE_QUESTION,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SNIPPET] =
    g_param_spec_string ("snippet", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RANK] =
    g_param_spec_double ("rank", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_IN_NOTE] =
    g_param_spec_boolean ("in-note", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rehearse_search_result_init (RehearseSearchResult *self)
{
}

RehearseSearchResult *
rehearse_search_result_new (RehearseQuestion *question,
                            const char       *snippet,
                            double            rank)
{
  RehearseSearchResult *self;

  g_return_val_if_fail (REHEARSE_IS_QUESTION (question), NULL);

  self = g_object_new (REHEARSE_TYPE_SEARCH_RESULT, NULL);
  self->question = g_object_ref (question);
  self->snippet = g_strdup (snippet != NULL ? snippet : "");
  self->rank = rank;

  return self;
}

RehearseQuestion *
rehearse_search_result_get_question (RehearseSearchResult *self)
{
  g_return_val_if_fail (REHEARSE_IS_SEARCH_RESULT (self), NULL);

  return self->question;
}

const char *
rehearse_search_result_get_snippet (RehearseSearchResult *self)
{
  g_return_val_if_fail (REHEARSE_IS_SEARCH_RESULT (self), NULL);

  return self->snippet;
}

double
rehearse_search_result_get_rank (RehearseSearchResult *self)
{
  g_return_val_if_fail (REHEARSE_IS_SEARCH_RESULT (self), 0);

  return self->rank;
}

gboolean
rehearse_search_result_get_in_note (RehearseSearchResult *self)
{
  g_return_val_if_fail (REHEARSE_IS_SEARCH_RESULT (self), FALSE);

  return self->in_note;
}

void
rehearse_search_result_set_in_note (RehearseSearchResult *self,
                                    gboolean              in_note)
{
  g_return_if_fail (REHEARSE_IS_SEARCH_RESULT (self));

  in_note = !!in_note;
  if (self->in_note == in_note)
    return;

  self->in_note = in_note;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IN_NOTE]);
}

static void
append_escaped (GString    *markup,
                const char *text,
                gsize       length)
{
  g_autofree char *escaped = NULL;

  if (length == 0)
    return;

  escaped = g_markup_escape_text (text, (gssize) length);
  g_string_append (markup, escaped);
}

char *
rehearse_snippet_to_markup (const char *snippet)
{
  GString *markup;
  const char *run;
  gboolean bold = FALSE;

  g_return_val_if_fail (snippet != NULL, NULL);

  markup = g_string_new (NULL);
  run = snippet;

  /* The markers are escaped by g_markup_escape_text() as character
   * references, so the text is escaped run by run between them. */
  for (const char *p = snippet; *p != '\0'; p++)
    {
      if (*p != REHEARSE_MATCH_START[0] && *p != REHEARSE_MATCH_END[0])
        continue;

      append_escaped (markup, run, (gsize) (p - run));
      run = p + 1;

      /* Stray or doubled markers must not unbalance the tags. */
      if (*p == REHEARSE_MATCH_START[0] && !bold)
        g_string_append (markup, "<b>");
      else if (*p == REHEARSE_MATCH_END[0] && bold)
        g_string_append (markup, "</b>");
      else
        continue;
      bold = !bold;
    }

  append_escaped (markup, run, strlen (run));
  if (bold)
    g_string_append (markup, "</b>");

  return g_string_free (markup, FALSE);
}
