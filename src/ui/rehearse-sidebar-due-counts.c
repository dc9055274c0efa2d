/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rehearse-clock.h"
#include "rehearse-sidebar-due-counts.h"

struct _RehearseSidebarDueCounts
{
  GObject          parent_instance;

  /* Owned */
  RehearseLibrary *library;
  GHashTable      *by_topic;      /* topic id → count, as rehearse_library_count_due gives it */
  guint            total;
  gboolean         counting;
  gboolean         count_again;   /* asked for while counting */
};

G_DEFINE_FINAL_TYPE (RehearseSidebarDueCounts, rehearse_sidebar_due_counts, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  guint       total;
  GHashTable *by_topic;
} Counts;

static void
counts_free (gpointer data)
{
  Counts *counts = data;

  g_clear_pointer (&counts->by_topic, g_hash_table_unref);
  g_free (counts);
}

static void
count_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  RehearseLibrary *library = source_object;
  gint64 now = *(gint64 *) task_data;
  g_autoptr(GError) error = NULL;
  Counts *counts = g_new0 (Counts, 1);

  if (rehearse_library_count_due (library, now, &counts->total, &counts->by_topic, &error))
    g_task_return_pointer (task, counts, counts_free);
  else
    {
      counts_free (counts);
      g_task_return_error (task, g_steal_pointer (&error));
    }
}

static gboolean
same_counts (GHashTable *old_counts,
             GHashTable *new_counts)
{
  GHashTableIter iter;
  gpointer topic_id, count;

  if (old_counts == NULL || g_hash_table_size (old_counts) != g_hash_table_size (new_counts))
    return FALSE;

  g_hash_table_iter_init (&iter, new_counts);
  while (g_hash_table_iter_next (&iter, &topic_id, &count))
    if (g_hash_table_lookup (old_counts, topic_id) != count)
      return FALSE;

  return TRUE;
}

static void start_count (RehearseSidebarDueCounts *self);

static void
on_counted (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RehearseSidebarDueCounts) self = user_data;
  g_autoptr(GError) error = NULL;
  Counts *counts = g_task_propagate_pointer (G_TASK (result), &error);
  gboolean changed;

  self->counting = FALSE;
  if (counts == NULL)
    g_warning ("Could not count the questions due: %s", error->message);

  if (self->count_again)
    start_count (self);

  if (counts == NULL)
    return;

  changed = counts->total != self->total || !same_counts (self->by_topic, counts->by_topic);
  self->total = counts->total;
  g_clear_pointer (&self->by_topic, g_hash_table_unref);
  self->by_topic = g_steal_pointer (&counts->by_topic);
  counts_free (counts);

  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
start_count (RehearseSidebarDueCounts *self)
{
  g_autoptr(GTask) task = g_task_new (self->library, NULL, on_counted,
                                      g_object_ref (self));
  gint64 *now = g_new (gint64, 1);

  *now = rehearse_clock_now_ms ();
  self->counting = TRUE;
  self->count_again = FALSE;
  g_task_set_source_tag (task, start_count);
  g_task_set_task_data (task, now, g_free);
  g_task_run_in_thread (task, count_in_thread);
}

void
rehearse_sidebar_due_counts_refresh (RehearseSidebarDueCounts *self)
{
  g_return_if_fail (REHEARSE_IS_SIDEBAR_DUE_COUNTS (self));

  if (self->counting)
    self->count_again = TRUE;
  else
    start_count (self);
}

guint
rehearse_sidebar_due_counts_get_total (RehearseSidebarDueCounts *self)
{
  g_return_val_if_fail (REHEARSE_IS_SIDEBAR_DUE_COUNTS (self), 0);

  return self->total;
}

guint
rehearse_sidebar_due_counts_get_topic (RehearseSidebarDueCounts *self,
                                       gint64                    topic_id)
{
  g_return_val_if_fail (REHEARSE_IS_SIDEBAR_DUE_COUNTS (self), 0);

  if (self->by_topic == NULL)
    return 0;
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->by_topic, &topic_id));
}

RehearseSidebarDueCounts *
rehearse_sidebar_due_counts_new (RehearseLibrary *library)
{
  RehearseSidebarDueCounts *self;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (library), NULL);

  self = g_object_new (REHEARSE_TYPE_SIDEBAR_DUE_COUNTS, NULL);
  self->library = g_object_ref (library);
  return self;
}

static void
rehearse_sidebar_due_counts_dispose (GObject *object)
{
  RehearseSidebarDueCounts *self = REHEARSE_SIDEBAR_DUE_COUNTS (object);

  g_clear_object (&self->library);

  G_OBJECT_CLASS (rehearse_sidebar_due_counts_parent_class)->dispose (object);
}

static void
rehearse_sidebar_due_counts_finalize (GObject *object)
{
  RehearseSidebarDueCounts *self = REHEARSE_SIDEBAR_DUE_COUNTS (object);

  g_clear_pointer (&self->by_topic, g_hash_table_unref);

  G_OBJECT_CLASS (rehearse_sidebar_due_counts_parent_class)->finalize (object);
}

static void
rehearse_sidebar_due_counts_class_init (RehearseSidebarDueCountsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rehearse_sidebar_due_counts_dispose;
  object_class->finalize = rehearse_sidebar_due_counts_finalize;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rehearse_sidebar_due_counts_init (RehearseSidebarDueCounts *self)
{
}
