/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rehearse-markdown-view.h"
#include "rehearse-question-view.h"

struct _RehearseQuestionView
{
  GtkWidget             parent_instance;

  /* Template widgets */
  GtkStack             *stack;
  AdwStatusPage        *status_page;
  GtkScrolledWindow    *scroller;
  GtkLabel             *context_label;
  GtkLabel             *title_label;
  RehearseMarkdownView *answer_view;
  GtkWidget            *in_depth_box;
  RehearseMarkdownView *in_depth_view;

  /* Owned */
  RehearseQuestion     *question;
};

G_DEFINE_FINAL_TYPE (RehearseQuestionView, rehearse_question_view, GTK_TYPE_WIDGET)

GtkWidget *
rehearse_question_view_new (void)
{
  return g_object_new (REHEARSE_TYPE_QUESTION_VIEW, NULL);
}

RehearseQuestion *
rehearse_question_view_get_question (RehearseQuestionView *self)
{
  g_return_val_if_fail (REHEARSE_IS_QUESTION_VIEW (self), NULL);

  return self->question;
}

static char *
context_text (RehearseQuestion *question)
{
  const char *topic = rehearse_question_get_topic_title (question);
  int number = rehearse_question_get_number (question);

  if (number >= 0 && topic != NULL)
    /* Translators: the topic, then the question's number */
    return g_strdup_printf (_("%s · Question %d"), topic, number);
  if (number >= 0)
    return g_strdup_printf (_("Question %d"), number);
  return g_strdup (topic != NULL ? topic : "");
}

void
rehearse_question_view_show_question (RehearseQuestionView *self,
                                      RehearseQuestion     *question)
{
  g_autofree char *context = NULL;
  g_autofree char *title = NULL;
  const char *in_depth;

  g_return_if_fail (REHEARSE_IS_QUESTION_VIEW (self));
  g_return_if_fail (REHEARSE_IS_QUESTION (question));

  g_set_object (&self->question, question);

  context = context_text (question);
  gtk_label_set_text (self->context_label, context);
  gtk_widget_set_visible (GTK_WIDGET (self->context_label), *context != '\0');

  title = rehearse_markdown_view_inline_markup (rehearse_question_get_text (question));
  gtk_label_set_markup (self->title_label, title);

  rehearse_markdown_view_set_markdown (self->answer_view, rehearse_question_get_answer (question));

  in_depth = rehearse_question_get_in_depth (question);
  gtk_widget_set_visible (self->in_depth_box, in_depth != NULL && *in_depth != '\0');
  rehearse_markdown_view_set_markdown (self->in_depth_view, in_depth != NULL ? in_depth : "");

  /* A new question starts at its top. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  gtk_stack_set_visible_child_name (self->stack, "question");
}

void
rehearse_question_view_show_status (RehearseQuestionView *self,
                                    const char           *icon_name,
                                    const char           *title,
                                    const char           *description)
{
  g_return_if_fail (REHEARSE_IS_QUESTION_VIEW (self));

  g_clear_object (&self->question);
  adw_status_page_set_icon_name (self->status_page, icon_name);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

void
rehearse_question_view_set_zoom (RehearseQuestionView *self,
                                 double                zoom)
{
  g_return_if_fail (REHEARSE_IS_QUESTION_VIEW (self));

  rehearse_markdown_view_set_zoom (self->answer_view, zoom);
  rehearse_markdown_view_set_zoom (self->in_depth_view, zoom);
}

static void
rehearse_question_view_dispose (GObject *object)
{
  RehearseQuestionView *self = REHEARSE_QUESTION_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), REHEARSE_TYPE_QUESTION_VIEW);
  g_clear_object (&self->question);

  G_OBJECT_CLASS (rehearse_question_view_parent_class)->dispose (object);
}

static void
rehearse_question_view_class_init (RehearseQuestionViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rehearse_question_view_dispose;

  g_type_ensure (REHEARSE_TYPE_MARKDOWN_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rehearse/Rehearse/rehearse-question-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RehearseQuestionView, stack);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuestionView, status_page);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuestionView, scroller);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuestionView, context_label);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuestionView, title_label);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuestionView, answer_view);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuestionView, in_depth_box);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuestionView, in_depth_view);
}

static void
rehearse_question_view_init (RehearseQuestionView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
