/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rehearse-question-list.h"

#include "rehearse-library-private.h"

/* Items are loaded by aligned windows: a list view asks for neighbours of
 * what it just showed, so one query fills a screenful and more. */
#define WINDOW_SIZE 64

struct _RehearseQuestionList
{
  GObject          parent_instance;

  RehearseLibrary *library;
  GArray          *ids;     /* gint64 */
  GPtrArray       *items;   /* RehearseQuestion, NULL until loaded */
};

static void rehearse_question_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RehearseQuestionList, rehearse_question_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      rehearse_question_list_model_init))

/* What a row that vanished since the list was made shows: GListModel
 * promises an item at every position below n_items. */
static RehearseQuestion *
missing_question_new (gint64 id)
{
  RehearseQuestionFields fields = {
    .id = id,
    .question_key = "",
    .number = -1,
    .text = "",
    .orphaned = TRUE,
  };

  return rehearse_question_new (&fields);
}

static void
load_window (RehearseQuestionList *self,
             guint                 position)
{
  g_autoptr(GHashTable) loaded = NULL;
  g_autoptr(GError) error = NULL;
  guint start = position - position % WINDOW_SIZE;
  guint end = MIN (start + WINDOW_SIZE, self->ids->len);
  const gint64 *ids = &g_array_index (self->ids, gint64, start);

  loaded = rehearse_library_load_summaries (self->library, ids, end - start, &error);
  if (loaded == NULL)
    g_warning ("Could not load questions: %s", error->message);

  for (guint i = start; i < end; i++)
    {
      gint64 id = g_array_index (self->ids, gint64, i);
      RehearseQuestion *question = loaded != NULL ? g_hash_table_lookup (loaded, &id) : NULL;

      if (g_ptr_array_index (self->items, i) != NULL)
        continue;

      if (question != NULL)
        g_ptr_array_index (self->items, i) = g_object_ref (question);
      else
        g_ptr_array_index (self->items, i) = missing_question_new (id);
    }
}

static void
item_free (gpointer item)
{
  /* Positions never loaded are still NULL. */
  if (item != NULL)
    g_object_unref (item);
}

static GType
rehearse_question_list_get_item_type (GListModel *model)
{
  return REHEARSE_TYPE_QUESTION;
}

static guint
rehearse_question_list_get_n_items (GListModel *model)
{
  RehearseQuestionList *self = REHEARSE_QUESTION_LIST (model);

  return self->ids->len;
}

static gpointer
rehearse_question_list_get_item (GListModel *model,
                                 guint       position)
{
  RehearseQuestionList *self = REHEARSE_QUESTION_LIST (model);

  if (position >= self->ids->len)
    return NULL;

  if (g_ptr_array_index (self->items, position) == NULL)
    load_window (self, position);

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
rehearse_question_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = rehearse_question_list_get_item_type;
  iface->get_n_items = rehearse_question_list_get_n_items;
  iface->get_item = rehearse_question_list_get_item;
}

static void
rehearse_question_list_finalize (GObject *object)
{
  RehearseQuestionList *self = REHEARSE_QUESTION_LIST (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (rehearse_question_list_parent_class)->finalize (object);
}

static void
rehearse_question_list_class_init (RehearseQuestionListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rehearse_question_list_finalize;
}

static void
rehearse_question_list_init (RehearseQuestionList *self)
{
}

RehearseQuestionList *
rehearse_question_list_new (RehearseLibrary *library,
                            GArray          *ids)
{
  RehearseQuestionList *self;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (ids != NULL, NULL);

  self = g_object_new (REHEARSE_TYPE_QUESTION_LIST, NULL);
  self->library = g_object_ref (library);
  self->ids = ids;
  self->items = g_ptr_array_new_full (ids->len, item_free);
  g_ptr_array_set_size (self->items, (gint) ids->len);

  return self;
}

gboolean
rehearse_question_list_find (RehearseQuestionList *self,
                             gint64                question_id,
                             guint                *position)
{
  g_return_val_if_fail (REHEARSE_IS_QUESTION_LIST (self), FALSE);
  g_return_val_if_fail (position != NULL, FALSE);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == question_id)
      {
        *position = i;
        return TRUE;
      }

  return FALSE;
}

const gint64 *
rehearse_question_list_peek_ids (RehearseQuestionList *self,
                                 guint                *n_ids)
{
  g_return_val_if_fail (REHEARSE_IS_QUESTION_LIST (self), NULL);
  g_return_val_if_fail (n_ids != NULL, NULL);

  *n_ids = self->ids->len;
  return (const gint64 *) self->ids->data;
}
