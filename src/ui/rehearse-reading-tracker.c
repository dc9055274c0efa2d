/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rehearse-reading-tracker.h"

#define READING_TIME_MS 1500

struct _RehearseReadingTracker
{
  GObject          parent_instance;

  RehearseLibrary *library;
  GCancellable    *cancellable;   /* the window's */
  char            *question_key;  /* on screen, not yet counted as read */
  guint            timeout_id;
};

G_DEFINE_FINAL_TYPE (RehearseReadingTracker, rehearse_reading_tracker, G_TYPE_OBJECT)

enum {
  VIEW_RECORDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

RehearseReadingTracker *
rehearse_reading_tracker_new (RehearseLibrary *library,
                              GCancellable    *cancellable)
{
  RehearseReadingTracker *self;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  self = g_object_new (REHEARSE_TYPE_READING_TRACKER, NULL);
  self->library = g_object_ref (library);
  g_set_object (&self->cancellable, cancellable);
  return self;
}

/* The history is a convenience: a view not recorded is only logged, and
 * not as a warning (the library's failures that matter are shown where
 * the user acts). */
static void
on_view_recorded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(RehearseReadingTracker) self = user_data;
  g_autoptr(GError) error = NULL;

  if (rehearse_library_record_view_finish (REHEARSE_LIBRARY (source), result, &error))
    g_signal_emit (self, signals[VIEW_RECORDED], 0);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not add a question to the recently viewed: %s", error->message);
}

static gboolean
on_read_long_enough (gpointer user_data)
{
  RehearseReadingTracker *self = user_data;
  g_autofree char *question_key = g_steal_pointer (&self->question_key);

  self->timeout_id = 0;
  rehearse_library_record_view_async (self->library, question_key, self->cancellable,
                                      on_view_recorded, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

void
rehearse_reading_tracker_stop (RehearseReadingTracker *self)
{
  g_return_if_fail (REHEARSE_IS_READING_TRACKER (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_pointer (&self->question_key, g_free);
}

void
rehearse_reading_tracker_start (RehearseReadingTracker *self,
                                RehearseQuestion       *question)
{
  g_return_if_fail (REHEARSE_IS_READING_TRACKER (self));
  g_return_if_fail (REHEARSE_IS_QUESTION (question));

  rehearse_reading_tracker_stop (self);
  /* An orphan whose deck is gone has no row to list; a library that
   * cannot be written keeps no history (the window says why). */
  if (rehearse_question_get_id (question) == 0 || rehearse_library_is_read_only (self->library))
    return;

  self->question_key = g_strdup (rehearse_question_get_key (question));
  self->timeout_id = g_timeout_add (READING_TIME_MS, on_read_long_enough, self);
}

static void
rehearse_reading_tracker_dispose (GObject *object)
{
  RehearseReadingTracker *self = REHEARSE_READING_TRACKER (object);

  rehearse_reading_tracker_stop (self);
  g_clear_object (&self->library);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (rehearse_reading_tracker_parent_class)->dispose (object);
}

static void
rehearse_reading_tracker_class_init (RehearseReadingTrackerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rehearse_reading_tracker_dispose;

  /* The view is in the library: Recently Viewed can list it. */
  signals[VIEW_RECORDED] =
    g_signal_new ("view-recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rehearse_reading_tracker_init (RehearseReadingTracker *self)
{
}
