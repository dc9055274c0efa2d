/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rehearse-quiz-setup-dialog.h"
#include "rehearse-window-private.h"

/* The scheduler's defaults, with the two the user may change in the
 * preferences. */
void
_rehearse_window_read_fsrs_parameters (RehearseWindow         *self,
                                       RehearseFsrsParameters *parameters)
{
  rehearse_fsrs_parameters_init_default (parameters);
  parameters->desired_retention = g_settings_get_double (self->settings, "desired-retention");
  parameters->enable_fuzz = g_settings_get_boolean (self->settings, "interval-fuzz");
}

gboolean
_rehearse_window_quiz_shown (RehearseWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "quiz") == 0;
}

void
_rehearse_window_show_reader (RehearseWindow *self)
{
  gtk_stack_set_visible_child_name (self->content_stack, "reader");
  _rehearse_window_update_reader_actions (self);
}

static void
on_open_question (RehearseWindow *self,
                  const char     *question_key)
{
  _rehearse_window_show_question_by_key (self, question_key);
}

static void
on_quiz_done (RehearseWindow *self)
{
  _rehearse_window_show_reader (self);
  _rehearse_window_reload_today_plan (self);
}

static void
on_saving_changed (RehearseWindow *self)
{
  if (self->closing && !rehearse_quiz_page_get_saving (self->quiz_page))
    {
      self->closing = FALSE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

/* The quiz page is made by the first quiz, not at start-up, which it would
 * slow for what many sessions never open. */
static RehearseQuizPage *
ensure_quiz_page (RehearseWindow *self)
{
  if (self->quiz_page != NULL)
    return self->quiz_page;

  self->quiz_page = REHEARSE_QUIZ_PAGE (rehearse_quiz_page_new ());
  g_object_bind_property (self->leaflet, "folded", self->quiz_page, "show-start-title-buttons",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->quiz_page, "done", G_CALLBACK (on_quiz_done),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->quiz_page, "open-question", G_CALLBACK (on_open_question),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->quiz_page, "notify::saving", G_CALLBACK (on_saving_changed),
                           self, G_CONNECT_SWAPPED);
  rehearse_quiz_page_set_zoom (self->quiz_page, self->zoom);
  gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->quiz_page), "quiz");
  _rehearse_window_watch_library_notice (self,
                                         rehearse_quiz_page_get_library_notice (self->quiz_page));
  return self->quiz_page;
}

/* Shows the quiz page in the reader's place with the session @options
 * choose, or says why it could not start. */
static void
start_quiz (RehearseWindow            *self,
            const RehearseQuizOptions *options,
            const char                *title)
{
  RehearseFsrsParameters parameters;
  g_autoptr(GError) error = NULL;

  _rehearse_window_read_fsrs_parameters (self, &parameters);
  if (!rehearse_quiz_page_start (ensure_quiz_page (self), self->library, &parameters, options,
                                 title, &error))
    {
      rehearse_window_show_message (self, error->message);
      return;
    }

  gtk_stack_set_visible_child_name (self->content_stack, "quiz");
  _rehearse_window_update_reader_actions (self);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
on_setup_start (RehearseQuizSetupDialog *dialog,
                RehearseWindow          *self)
{
  RehearseQuizOptions options;

  rehearse_quiz_setup_dialog_get_options (dialog, &options);
  start_quiz (self, &options, rehearse_quiz_setup_dialog_get_title (dialog));
}

void
_rehearse_window_quiz_topic (RehearseWindow *self,
                             gint64          topic_id,
                             const char     *topic_title)
{
  /* The setup dialog's own defaults (20 questions, what is due first), so
   * that one click quizzes the topic as Start would after choosing it. */
  RehearseQuizOptions options = {
    .scope = REHEARSE_QUIZ_SCOPE_TOPICS,
    .topic_ids = &topic_id,
    .n_topic_ids = 1,
    .size = 20,
    .order = REHEARSE_QUIZ_ORDER_DUE_FIRST,
    .cram = FALSE,
    .seed = g_random_int (),
  };

  if (self->library != NULL)
    start_quiz (self, &options, topic_title);
}

void
_rehearse_window_choose_quiz (RehearseWindow *self,
                              const char     *preset)
{
  RehearseFsrsParameters parameters;
  RehearseQuizSetupDialog *dialog;

  if (self->library == NULL)
    return;

  _rehearse_window_read_fsrs_parameters (self, &parameters);
  dialog = rehearse_quiz_setup_dialog_new (GTK_WINDOW (self), self->library, &parameters, preset);
  g_signal_connect_object (dialog, "start", G_CALLBACK (on_setup_start), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
_rehearse_window_quiz_delays_close (RehearseWindow *self)
{
  /* Quitting would end the process under the write: the window goes out of
   * sight and closes once the grades are stored (a moment). */
  self->closing = self->quiz_page != NULL && rehearse_quiz_page_get_saving (self->quiz_page);
  if (self->closing)
    gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  return self->closing;
}

