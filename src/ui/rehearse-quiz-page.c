/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rehearse-accessible.h"
#include "rehearse-clock.h"
#include "rehearse-markdown-view.h"
#include "rehearse-quiz-page.h"

#define N_GRADES 4

struct _RehearseQuizPage
{
  GtkWidget               parent_instance;

  /* Template widgets */
  GtkWidget              *header_bar;
  RehearseBanner         *library_notice;
  AdwWindowTitle         *window_title;
  GtkWidget              *end_button;
  GtkProgressBar         *progress_bar;
  AdwToastOverlay        *toast_overlay;
  GtkStack               *stack;
  GtkScrolledWindow      *scroller;
  GtkWidget              *cram_notice;
  GtkLabel               *context_label;
  GtkLabel               *question_label;
  RehearseMarkdownView   *prompt_view;
  GtkLabel               *no_answer_label;
  GtkWidget              *typed_box;
  GtkWidget              *typed_heading;
  GtkWidget              *typed_entry;
  GtkLabel               *typed_label;
  GtkTextView            *typed_view;
  GtkWidget              *typed_placeholder;
  GtkWidget              *typed_hint;
  GtkWidget              *revealed_box;
  GtkLabel               *coverage_label;
  GtkWidget              *points_box;
  RehearseMarkdownView   *answer_view;
  GtkWidget              *in_depth_box;
  RehearseMarkdownView   *in_depth_view;
  GtkStack               *action_stack;
  GtkWidget              *show_answer_button;
  GtkWidget              *grade_buttons[N_GRADES + 1];   /* by RehearseGrade */
  GtkLabel               *grade_intervals[N_GRADES + 1];
  AdwStatusPage          *summary_page;
  GtkLabel               *cards_value;
  GtkLabel               *retention_value;
  GtkLabel               *time_value;
  GtkLabel               *grade_counts[N_GRADES + 1];
  GtkWidget              *missed_box;
  GtkListBox             *missed_list;
  GtkWidget              *again_missed_button;
  GtkWidget              *done_button;

  /* Owned */
  RehearseLibrary        *library;
  RehearseFsrsParameters  parameters;
  RehearseQuizSession    *session;
  char                   *title;
  GPtrArray              *point_checks;    /* GtkCheckButton per key point */
  gboolean                showing_summary;
  /* Whether the ticks say anything yet: an answer was typed, or the user
   * ticked. Until then no grade is suggested (nothing ticked is not "Again"
   * for someone who only thought the answer through). */
  gboolean                ticks_meaningful;
  gboolean                filling_points;
  guint                   n_saving;        /* grades being written */
};

enum {
  PROP_0,
  PROP_SAVING,
  PROP_SHOW_START_TITLE_BUTTONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  DONE,
  OPEN_QUESTION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RehearseQuizPage, rehearse_quiz_page, GTK_TYPE_WIDGET)

static const char * const grade_names[N_GRADES + 1] = {
  NULL, N_("Again"), N_("Hard"), N_("Good"), N_("Easy"),
};

GtkWidget *
rehearse_quiz_page_new (void)
{
  return g_object_new (REHEARSE_TYPE_QUIZ_PAGE, NULL);
}

RehearseQuizSession *
rehearse_quiz_page_get_session (RehearseQuizPage *self)
{
  g_return_val_if_fail (REHEARSE_IS_QUIZ_PAGE (self), NULL);

  return self->session;
}

static void
show_message (RehearseQuizPage *self,
              const char       *message)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  /* A save that fails after the page is gone has no one to tell. */
  if (self->toast_overlay == NULL)
    return;

  /* A toast's title is markup; a message may hold a "&" or a "<". */
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
update_actions (RehearseQuizPage *self)
{
  gboolean on_card = self->session != NULL && !self->showing_summary
                     && !rehearse_quiz_session_is_finished (self->session);
  gboolean revealed = on_card && rehearse_quiz_session_get_revealed (self->session);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "quiz.reveal", on_card && !revealed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "quiz.grade", revealed);
}

/* ---- The question -------------------------------------------------------- */

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

static void
update_progress (RehearseQuizPage *self)
{
  guint n_cards = rehearse_quiz_session_get_n_cards (self->session);
  guint position = rehearse_quiz_session_get_position (self->session);
  g_autofree char *progress = NULL;

  gtk_progress_bar_set_fraction (self->progress_bar,
                                 n_cards > 0 ? (double) position / n_cards : 1.0);
  if (position >= n_cards)
    return;

  /* Translators: the card shown, of how many: "3 of 10" */
  progress = g_strdup_printf (_("%u of %u"), position + 1, n_cards);
  adw_window_title_set_title (self->window_title, progress);
}

/* The answer area empty and ready, the last card's answer and key points
 * gone. */
static void
clear_answer (RehearseQuizPage *self)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->typed_view), "", -1);
  gtk_widget_set_visible (self->typed_box, TRUE);
  gtk_widget_set_visible (self->typed_heading, FALSE);
  gtk_widget_set_visible (self->typed_entry, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->typed_label), FALSE);
  gtk_widget_set_visible (self->typed_hint, TRUE);
  gtk_widget_set_visible (self->revealed_box, FALSE);
  g_ptr_array_set_size (self->point_checks, 0);
  while (gtk_widget_get_first_child (self->points_box) != NULL)
    gtk_box_remove (GTK_BOX (self->points_box), gtk_widget_get_first_child (self->points_box));
}

static void
show_card (RehearseQuizPage *self)
{
  RehearseQuestion *question = rehearse_quiz_session_get_question (self->session);
  g_autofree char *context = context_text (question);
  const char *text = rehearse_question_get_text (question);
  const char *prompt = rehearse_question_get_prompt (question);
  g_autofree char *title = rehearse_markdown_view_inline_markup (text);

  gtk_label_set_text (self->context_label, context);
  gtk_widget_set_visible (GTK_WIDGET (self->context_label), *context != '\0');
  gtk_label_set_markup (self->question_label, title);
  /* The code or the options the question asks about are part of it. */
  rehearse_markdown_view_set_markdown (self->prompt_view, prompt != NULL ? prompt : "");
  gtk_widget_set_visible (GTK_WIDGET (self->prompt_view), prompt != NULL && *prompt != '\0');
  clear_answer (self);

  gtk_stack_set_visible_child_name (self->action_stack, "reveal");
  gtk_stack_set_visible_child_name (self->stack, "card");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  update_progress (self);
  update_actions (self);

  /* Space or Enter shows the answer; typing goes to the answer area. */
  gtk_widget_grab_focus (self->show_answer_button);
}

/* ---- The reveal -------------------------------------------------------------- */

static RehearseGrade
suggested_grade (RehearseQuizPage *self)
{
  if (!self->ticks_meaningful)
    return 0;
  return rehearse_quiz_session_suggest_grade (self->session);
}

static void
update_suggestion (RehearseQuizPage *self)
{
  RehearseGrade suggested = suggested_grade (self);
  guint ticked = 0;
  g_autofree char *coverage = NULL;

  for (guint i = 0; i < self->point_checks->len; i++)
    ticked += gtk_check_button_get_active (g_ptr_array_index (self->point_checks, i));

  /* Translators: key points ticked, of how many: "2 of 4 ticked" */
  coverage = g_strdup_printf (ngettext ("%u of %u ticked", "%u of %u ticked",
                                        self->point_checks->len),
                              ticked, self->point_checks->len);
  gtk_label_set_text (self->coverage_label, coverage);

  for (RehearseGrade grade = REHEARSE_GRADE_AGAIN; grade <= REHEARSE_GRADE_EASY; grade++)
    {
      GtkWidget *button = self->grade_buttons[grade];

      if (grade == suggested)
        gtk_widget_add_css_class (button, "suggested-action");
      else
        gtk_widget_remove_css_class (button, "suggested-action");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      grade == suggested ? _("Suggested by the key points ticked")
                                                         : "", -1);
    }
}

static void
on_point_toggled (GtkCheckButton   *check,
                  RehearseQuizPage *self)
{
  guint index;

  if (self->filling_points || !g_ptr_array_find (self->point_checks, check, &index))
    return;

  rehearse_quiz_session_set_point_checked (self->session, index,
                                           gtk_check_button_get_active (check));
  self->ticks_meaningful = TRUE;
  update_suggestion (self);
}

static GtkWidget *
point_check (RehearseQuizPage *self,
             const char       *point,
             gboolean          checked)
{
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *label = gtk_label_new (point);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), label);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), checked);
  gtk_widget_add_css_class (check, "quiz-key-point");
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, point,
                                  -1);
  g_signal_connect (check, "toggled", G_CALLBACK (on_point_toggled), self);

  return check;
}

static void
fill_points (RehearseQuizPage *self)
{
  GPtrArray *points = rehearse_quiz_session_get_key_points (self->session);

  self->filling_points = TRUE;
  for (guint i = 0; points != NULL && i < points->len; i++)
    {
      GtkWidget *check = point_check (self, g_ptr_array_index (points, i),
                                      rehearse_quiz_session_get_point_checked (self->session, i));

      if (i > 0)
        gtk_box_append (GTK_BOX (self->points_box),
                        gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
      gtk_box_append (GTK_BOX (self->points_box), check);
      g_ptr_array_add (self->point_checks, check);
    }
  self->filling_points = FALSE;
}

static void
show_intervals (RehearseQuizPage *self)
{
  gint64 now = rehearse_clock_now_ms ();

  for (RehearseGrade grade = REHEARSE_GRADE_AGAIN; grade <= REHEARSE_GRADE_EASY; grade++)
    {
      g_autofree char *interval = rehearse_format_interval (
        rehearse_quiz_session_preview_interval (self->session, grade, now));
      /* Translators: a grade button as a screen reader says it: "Good, 2 d" */
      g_autofree char *name = g_strdup_printf (_("%s, %s"), _(grade_names[grade]), interval);

      gtk_label_set_text (self->grade_intervals[grade], interval);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->grade_buttons[grade]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
}

static char *
typed_answer (RehearseQuizPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->typed_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
show_answer (RehearseQuizPage *self)
{
  RehearseQuestion *question = rehearse_quiz_session_get_question (self->session);
  const char *answer = rehearse_question_get_answer (question);
  const char *in_depth = rehearse_question_get_in_depth (question);

  rehearse_markdown_view_set_markdown (self->answer_view, answer != NULL ? answer : "");
  /* Still asked: the user grades their own answer. */
  gtk_widget_set_visible (GTK_WIDGET (self->answer_view), rehearse_question_has_answer (question));
  gtk_widget_set_visible (GTK_WIDGET (self->no_answer_label),
                          !rehearse_question_has_answer (question));
  gtk_widget_set_visible (self->in_depth_box, in_depth != NULL && *in_depth != '\0');
  rehearse_markdown_view_set_markdown (self->in_depth_view, in_depth != NULL ? in_depth : "");
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static void
reveal (RehearseQuizPage *self)
{
  g_autofree char *typed = typed_answer (self);
  gboolean typed_something = !is_blank (typed);
  RehearseGrade suggested;

  rehearse_quiz_session_reveal (self->session, typed_something ? typed : NULL);

  /* What was typed stays to compare, no longer to edit. */
  gtk_label_set_text (self->typed_label, g_strstrip (typed));
  gtk_widget_set_visible (self->typed_box, typed_something);
  gtk_widget_set_visible (self->typed_heading, TRUE);
  gtk_widget_set_visible (self->typed_entry, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->typed_label), TRUE);
  gtk_widget_set_visible (self->typed_hint, FALSE);

  self->ticks_meaningful = typed_something;
  fill_points (self);
  show_answer (self);
  show_intervals (self);
  update_suggestion (self);
  gtk_widget_set_visible (self->revealed_box, TRUE);
  gtk_stack_set_visible_child_name (self->action_stack, "grade");
  update_actions (self);

  /* Enter grades as suggested, or Good, as Anki's default. */
  suggested = suggested_grade (self);
  gtk_widget_grab_focus (self->grade_buttons[suggested != 0 ? suggested : REHEARSE_GRADE_GOOD]);
}

/* ---- Grading --------------------------------------------------------------- */

gboolean
rehearse_quiz_page_get_saving (RehearseQuizPage *self)
{
  g_return_val_if_fail (REHEARSE_IS_QUIZ_PAGE (self), FALSE);

  return self->n_saving > 0;
}

static void
on_grade_saved (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RehearseQuizPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rehearse_quiz_session_grade_finish (REHEARSE_QUIZ_SESSION (source), result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The grade could not be saved: %s"),
                                                  error->message);
      show_message (self, message);
    }

  if (--self->n_saving == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);
}

static void show_summary (RehearseQuizPage *self);

static void
grade (RehearseQuizPage *self,
       RehearseGrade     grade)
{
  if (self->session == NULL || !rehearse_quiz_session_get_revealed (self->session))
    return;

  /* Saved in the background; the next card shows at once. */
  if (self->n_saving++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);
  rehearse_quiz_session_grade_async (self->session, grade, rehearse_clock_now_ms (), NULL, on_grade_saved,
                                     g_object_ref (self));
  if (rehearse_quiz_session_is_finished (self->session))
    show_summary (self);
  else
    show_card (self);
}

/* ---- The summary ------------------------------------------------------------ */

static char *
format_duration (gint64 milliseconds)
{
  gint64 seconds = (milliseconds + 500) / 1000;

  if (seconds >= 3600)
    /* Translators: hours, minutes and seconds spent: "1:05:12" */
    return g_strdup_printf (_("%d:%02d:%02d"), (int) (seconds / 3600), (int) (seconds / 60 % 60),
                            (int) (seconds % 60));
  /* Translators: minutes and seconds spent: "4:12" */
  return g_strdup_printf (_("%d:%02d"), (int) (seconds / 60), (int) (seconds % 60));
}

/* A bookmark the library refused goes back to what it was, with why. */
static void
on_bookmark_set (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GtkToggleButton) button = user_data;
  g_autoptr(GError) error = NULL;
  RehearseQuizPage *self;

  if (rehearse_library_set_bookmarked_finish (REHEARSE_LIBRARY (source), result, &error))
    return;

  self = REHEARSE_QUIZ_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                      REHEARSE_TYPE_QUIZ_PAGE));
  if (self == NULL)
    return;  /* the summary is gone */

  show_message (self, error->message);
  gtk_toggle_button_set_active (button, !gtk_toggle_button_get_active (button));
}

static void
on_bookmark_toggled (GtkToggleButton  *button,
                     RehearseQuizPage *self)
{
  const char *key = g_object_get_data (G_OBJECT (button), "question-key");
  gboolean active = gtk_toggle_button_get_active (button);
  g_autoptr(GError) error = NULL;
  gboolean bookmarked;

  gtk_button_set_icon_name (GTK_BUTTON (button),
                            active ? "starred-symbolic" : "non-starred-symbolic");
  /* Also how a refused bookmark's undoing ends: the library agrees. */
  if (!rehearse_library_is_bookmarked (self->library, key, &bookmarked, &error))
    {
      show_message (self, error->message);
      return;
    }
  if (bookmarked == active)
    return;

  rehearse_library_set_bookmarked_async (self->library, key, active, NULL, NULL,
                                         on_bookmark_set, g_object_ref (button));
}

static void
on_open_clicked (GtkButton        *button,
                 RehearseQuizPage *self)
{
  const char *key = g_object_get_data (G_OBJECT (button), "question-key");

  g_signal_emit (self, signals[OPEN_QUESTION], 0, key);
}

/* Each row's buttons are named alike; the question tells them apart. */
static void
add_row_button (GtkWidget  *row,
                GtkWidget  *button,
                const char *name,
                const char *question_text)
{
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  question_text != NULL ? question_text : "",
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
}

static GtkWidget *
missed_row (gpointer item,
            gpointer user_data)
{
  RehearseQuizPage *self = user_data;
  RehearseQuestion *question = item;
  const char *key = rehearse_question_get_key (question);
  const char *text = rehearse_question_get_text (question);
  g_autofree char *title = rehearse_markdown_view_inline_markup (text);
  g_autofree char *context = context_text (question);
  g_autofree char *subtitle = g_markup_escape_text (context, -1);
  g_autofree char *plain_title = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *bookmark = gtk_toggle_button_new ();
  GtkWidget *open = gtk_button_new_from_icon_name ("go-next-symbolic");
  gboolean bookmarked = FALSE;

  /* Unknown, it shows as not bookmarked; toggling it says why. */
  rehearse_library_is_bookmarked (self->library, key, &bookmarked, NULL);
  pango_parse_markup (title, -1, 0, NULL, &plain_title, NULL, NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_focusable (row, FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (bookmark), bookmarked);
  gtk_button_set_icon_name (GTK_BUTTON (bookmark), bookmarked ? "starred-symbolic"
                                                              : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (bookmark, _("Bookmark"));
  gtk_widget_add_css_class (bookmark, "quiz-bookmark");
  g_object_set_data_full (G_OBJECT (bookmark), "question-key", g_strdup (key), g_free);
  g_signal_connect (bookmark, "toggled", G_CALLBACK (on_bookmark_toggled), self);

  gtk_widget_set_tooltip_text (open, _("Open in Reader"));
  g_object_set_data_full (G_OBJECT (open), "question-key", g_strdup (key), g_free);
  g_signal_connect (open, "clicked", G_CALLBACK (on_open_clicked), self);

  add_row_button (row, bookmark, _("Bookmark"), plain_title);
  add_row_button (row, open, _("Open in Reader"), plain_title);
  return row;
}

static void
show_grade_counts (RehearseQuizPage          *self,
                   const RehearseQuizSummary *summary)
{
  for (RehearseGrade grade = REHEARSE_GRADE_AGAIN; grade <= REHEARSE_GRADE_EASY; grade++)
    {
      g_autofree char *count = g_strdup_printf ("%u", summary->grades[grade]);

      gtk_label_set_text (self->grade_counts[grade], count);
    }
}

static char *
summary_description (RehearseQuizPage          *self,
                     const RehearseQuizSummary *summary)
{
  guint n_cards = rehearse_quiz_session_get_n_cards (self->session);
  g_autofree char *graded = NULL;

  if (summary->cards < n_cards)
    graded = g_strdup_printf (ngettext ("%u of %u card graded; the grades given are kept.",
                                        "%u of %u cards graded; the grades given are kept.",
                                        n_cards),
                              summary->cards, n_cards);
  else
    graded = g_strdup_printf (ngettext ("%u card graded.", "%u cards graded.", n_cards), n_cards);

  if (rehearse_quiz_session_get_cram (self->session))
    /* Translators: the count of cards graded, then this */
    return g_strdup_printf (_("%s Practice only: nothing was scheduled."), graded);
  return g_strdup_printf (_("%s Each card is scheduled for its next review."), graded);
}

static void
show_summary (RehearseQuizPage *self)
{
  RehearseQuizSummary summary = { 0, };
  g_autofree char *description = NULL;
  g_autofree char *cards = NULL;
  g_autofree char *retention = NULL;
  g_autofree char *time_spent = NULL;
  GListModel *missed = rehearse_quiz_session_get_missed (self->session);
  gboolean complete = rehearse_quiz_session_is_finished (self->session);

  rehearse_quiz_session_get_summary (self->session, &summary);
  self->showing_summary = TRUE;

  adw_status_page_set_icon_name (self->summary_page, complete ? "emblem-ok-symbolic"
                                                              : "rehearse-logo-symbolic");
  adw_status_page_set_title (self->summary_page, complete ? _("Quiz Complete") : _("Quiz Ended"));
  description = summary_description (self, &summary);
  adw_status_page_set_description (self->summary_page, description);

  cards = g_strdup_printf ("%u", summary.cards);
  gtk_label_set_text (self->cards_value, cards);
  /* Translators: the share of cards remembered (not graded Again) */
  retention = g_strdup_printf (_("%.0f %%"), summary.retention * 100.0);
  gtk_label_set_text (self->retention_value, retention);
  time_spent = format_duration (summary.time_spent);
  gtk_label_set_text (self->time_value, time_spent);
  show_grade_counts (self, &summary);

  gtk_list_box_bind_model (self->missed_list, missed, missed_row, self, NULL);
  gtk_widget_set_visible (self->missed_box, g_list_model_get_n_items (missed) > 0);
  gtk_widget_set_visible (self->again_missed_button, g_list_model_get_n_items (missed) > 0);

  adw_window_title_set_title (self->window_title, _("Summary"));
  if (complete)
    gtk_progress_bar_set_fraction (self->progress_bar, 1.0);
  gtk_widget_set_visible (self->end_button, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "summary");
  update_actions (self);
  gtk_widget_grab_focus (self->done_button);
}

/* ---- Starting and ending --------------------------------------------------- */

static void
leave (RehearseQuizPage *self)
{
  /* Grades still being saved hold the session until they are. */
  gtk_list_box_bind_model (self->missed_list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->session);
  self->showing_summary = FALSE;
  update_actions (self);
  g_signal_emit (self, signals[DONE], 0);
}

void
rehearse_quiz_page_end (RehearseQuizPage *self)
{
  RehearseQuizSummary summary = { 0, };

  g_return_if_fail (REHEARSE_IS_QUIZ_PAGE (self));

  if (self->session == NULL || self->showing_summary)
    {
      leave (self);
      return;
    }

  rehearse_quiz_session_get_summary (self->session, &summary);
  if (summary.cards > 0)
    show_summary (self);
  else
    leave (self);
}

gboolean
rehearse_quiz_page_start (RehearseQuizPage             *self,
                          RehearseLibrary              *library,
                          const RehearseFsrsParameters *parameters,
                          const RehearseQuizOptions    *options,
                          const char                   *title,
                          GError                      **error)
{
  g_autoptr(RehearseQuizSession) session = NULL;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (REHEARSE_IS_QUIZ_PAGE (self), FALSE);
  g_return_val_if_fail (REHEARSE_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (parameters != NULL && options != NULL, FALSE);

  session = rehearse_quiz_session_new (library, parameters, options, rehearse_clock_now_ms (), error);
  if (session == NULL)
    return FALSE;

  g_set_object (&self->library, library);
  self->parameters = *parameters;
  g_free (self->title);
  self->title = g_strdup (title != NULL ? title : "");
  gtk_list_box_bind_model (self->missed_list, NULL, NULL, NULL, NULL);
  g_set_object (&self->session, session);
  self->showing_summary = FALSE;

  gtk_widget_set_visible (self->cram_notice, options->cram);
  /* Translators: what is quizzed, in practice (cram) mode: "Networking · Practice" */
  subtitle = options->cram ? g_strdup_printf (_("%s · Practice"), self->title)
                           : g_strdup (self->title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_widget_set_visible (self->end_button, TRUE);

  if (rehearse_quiz_session_is_finished (session))
    show_summary (self);
  else
    show_card (self);
  return TRUE;
}

/* The missed questions, in the order they were asked, as a new quiz. */
static void
quiz_missed_again (RehearseQuizPage *self)
{
  GListModel *missed = rehearse_quiz_session_get_missed (self->session);
  guint n_missed = g_list_model_get_n_items (missed);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_full (n_missed + 1, g_free);
  RehearseQuizOptions options = {
    .scope = REHEARSE_QUIZ_SCOPE_QUESTIONS,
    .order = REHEARSE_QUIZ_ORDER_DUE_FIRST,
    .cram = rehearse_quiz_session_get_cram (self->session),
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(RehearseLibrary) library = g_object_ref (self->library);

  for (guint i = 0; i < n_missed; i++)
    {
      g_autoptr(RehearseQuestion) question = g_list_model_get_item (missed, i);

      g_ptr_array_add (keys, g_strdup (rehearse_question_get_key (question)));
    }
  g_ptr_array_add (keys, NULL);
  options.question_keys = (const char * const *) keys->pdata;

  if (!rehearse_quiz_page_start (self, library, &self->parameters, &options,
                                 _("Missed Questions"), &error))
    show_message (self, error->message);
}

void
rehearse_quiz_page_set_zoom (RehearseQuizPage *self,
                             double            zoom)
{
  g_return_if_fail (REHEARSE_IS_QUIZ_PAGE (self));

  rehearse_markdown_view_set_zoom (self->answer_view, zoom);
  rehearse_markdown_view_set_zoom (self->prompt_view, zoom);
  rehearse_markdown_view_set_zoom (self->in_depth_view, zoom);
}

/* ---- Keys and actions ------------------------------------------------------ */

static void
reveal_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RehearseQuizPage *self = REHEARSE_QUIZ_PAGE (widget);

  if (self->session != NULL && !rehearse_quiz_session_is_finished (self->session)
      && !rehearse_quiz_session_get_revealed (self->session))
    reveal (self);
}

static void
grade_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  int value = g_variant_get_int32 (parameter);

  if (value >= REHEARSE_GRADE_AGAIN && value <= REHEARSE_GRADE_EASY)
    grade (REHEARSE_QUIZ_PAGE (widget), value);
}

static void
end_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  rehearse_quiz_page_end (REHEARSE_QUIZ_PAGE (widget));
}

static void
again_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RehearseQuizPage *self = REHEARSE_QUIZ_PAGE (widget);

  if (self->session != NULL)
    quiz_missed_again (self);
}

/* Typing anywhere on a card, before the reveal, types the answer: no need
 * to reach the text area first. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                RehearseQuizPage      *self)
{
  gunichar character = gdk_keyval_to_unicode (keyval);

  if (self->session == NULL || self->showing_summary
      || rehearse_quiz_session_is_finished (self->session)
      || rehearse_quiz_session_get_revealed (self->session)
      || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0
      || character == 0 || !g_unichar_isgraph (character)
      || gtk_widget_has_focus (GTK_WIDGET (self->typed_view)))
    return FALSE;

  gtk_widget_grab_focus (GTK_WIDGET (self->typed_view));
  return gtk_event_controller_key_forward (GTK_EVENT_CONTROLLER_KEY (controller),
                                           GTK_WIDGET (self->typed_view));
}

/* Space or Enter on Show Answer or a grade button acts at once: a GtkButton
 * clicks a quarter of a second after the key, and the next key ("space,
 * 3" is quick) would come before it. */
static gboolean
on_key_captured (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 RehearseQuizPage      *self)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  gboolean on_card_button = focus == self->show_answer_button;

  for (RehearseGrade grade = REHEARSE_GRADE_AGAIN; grade <= REHEARSE_GRADE_EASY; grade++)
    on_card_button |= focus == self->grade_buttons[grade];

  if (!on_card_button || (state & gtk_accelerator_get_default_mod_mask ()) != 0
      || (keyval != GDK_KEY_space && keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter))
    return FALSE;

  g_signal_emit_by_name (focus, "clicked");
  return TRUE;
}

static void
on_typed_changed (RehearseQuizPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->typed_view);

  gtk_widget_set_visible (self->typed_placeholder, gtk_text_buffer_get_char_count (buffer) == 0);
}

/* Keys that must reach the page before a focused widget takes them: the
 * grades (after the reveal nothing on the card takes digits) and
 * Ctrl+Enter, which in the text area would be a new line. */
static void
add_capture_shortcuts (RehearseQuizPage *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  static const guint digits[N_GRADES + 1][2] = {
    { 0, 0 },
    { GDK_KEY_1, GDK_KEY_KP_1 }, { GDK_KEY_2, GDK_KEY_KP_2 },
    { GDK_KEY_3, GDK_KEY_KP_3 }, { GDK_KEY_4, GDK_KEY_KP_4 },
  };

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (RehearseGrade grade = REHEARSE_GRADE_AGAIN; grade <= REHEARSE_GRADE_EASY; grade++)
    {
      GtkShortcut *shortcut = gtk_shortcut_new (
        gtk_alternative_trigger_new (gtk_keyval_trigger_new (digits[grade][0], 0),
                                     gtk_keyval_trigger_new (digits[grade][1], 0)),
        gtk_named_action_new ("quiz.grade"));

      gtk_shortcut_set_arguments (shortcut, g_variant_new_int32 (grade));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }

  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (controller),
    gtk_shortcut_new (gtk_alternative_trigger_new (
                        gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                        gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_CONTROL_MASK)),
                      gtk_named_action_new ("quiz.reveal")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* ---- GObject ---------------------------------------------------------------- */

static void
rehearse_quiz_page_dispose (GObject *object)
{
  RehearseQuizPage *self = REHEARSE_QUIZ_PAGE (object);

  if (self->missed_list != NULL)
    gtk_list_box_bind_model (self->missed_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), REHEARSE_TYPE_QUIZ_PAGE);
  g_clear_object (&self->session);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (rehearse_quiz_page_parent_class)->dispose (object);
}

static void
rehearse_quiz_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RehearseQuizPage *self = REHEARSE_QUIZ_PAGE (object);

  switch (prop_id)
    {
    case PROP_SAVING:
      g_value_set_boolean (value, rehearse_quiz_page_get_saving (self));
      break;
    case PROP_SHOW_START_TITLE_BUTTONS:
      g_value_set_boolean (value, adw_header_bar_get_show_start_title_buttons (
                                    ADW_HEADER_BAR (self->header_bar)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rehearse_quiz_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  RehearseQuizPage *self = REHEARSE_QUIZ_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_START_TITLE_BUTTONS:
      adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (self->header_bar),
                                                   g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rehearse_quiz_page_finalize (GObject *object)
{
  RehearseQuizPage *self = REHEARSE_QUIZ_PAGE (object);

  g_ptr_array_unref (self->point_checks);
  g_free (self->title);

  G_OBJECT_CLASS (rehearse_quiz_page_parent_class)->finalize (object);
}

static void
bind_grade_children (GtkWidgetClass *widget_class)
{
  static const char * const names[N_GRADES + 1] = { NULL, "again", "hard", "good", "easy" };
  gssize buttons = G_STRUCT_OFFSET (RehearseQuizPage, grade_buttons);
  gssize intervals = G_STRUCT_OFFSET (RehearseQuizPage, grade_intervals);
  gssize counts = G_STRUCT_OFFSET (RehearseQuizPage, grade_counts);

  for (RehearseGrade grade = REHEARSE_GRADE_AGAIN; grade <= REHEARSE_GRADE_EASY; grade++)
    {
      g_autofree char *button = g_strdup_printf ("%s_button", names[grade]);
      g_autofree char *interval = g_strdup_printf ("%s_interval", names[grade]);
      g_autofree char *count = g_strdup_printf ("%s_count", names[grade]);

      /* The template keeps the names it is given. */
      gtk_widget_class_bind_template_child_full (widget_class, g_intern_string (button), FALSE,
                                                 buttons + grade * sizeof (GtkWidget *));
      gtk_widget_class_bind_template_child_full (widget_class, g_intern_string (interval), FALSE,
                                                 intervals + grade * sizeof (GtkLabel *));
      gtk_widget_class_bind_template_child_full (widget_class, g_intern_string (count), FALSE,
                                                 counts + grade * sizeof (GtkLabel *));
    }
}

static void
rehearse_quiz_page_class_init (RehearseQuizPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rehearse_quiz_page_dispose;
  object_class->finalize = rehearse_quiz_page_finalize;
  object_class->get_property = rehearse_quiz_page_get_property;
  object_class->set_property = rehearse_quiz_page_set_property;

  /* Whether grades are still being written: the window waits for them
   * before it closes. */
  properties[PROP_SAVING] =
    g_param_spec_boolean ("saving", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The header bar's, as AdwHeaderBar's: beside a sidebar, the window's
   * buttons at the start are the sidebar's. */
  properties[PROP_SHOW_START_TITLE_BUTTONS] =
    g_param_spec_boolean ("show-start-title-buttons", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The user left the quiz (Done, or End Quiz before any grade). */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* "Open in Reader" on a missed question: its key. */
  signals[OPEN_QUESTION] = g_signal_new ("open-question", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (REHEARSE_TYPE_MARKDOWN_VIEW);
  g_type_ensure (REHEARSE_TYPE_BANNER);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/rehearse/Rehearse/rehearse-quiz-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, header_bar);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, library_notice);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, end_button);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, cram_notice);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, context_label);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, question_label);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, prompt_view);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, no_answer_label);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, typed_box);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, typed_heading);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, typed_entry);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, typed_label);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, typed_view);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, typed_placeholder);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, typed_hint);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, revealed_box);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, coverage_label);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, points_box);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, answer_view);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, in_depth_box);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, in_depth_view);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, action_stack);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, show_answer_button);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, summary_page);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, cards_value);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, retention_value);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, time_value);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, missed_box);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, missed_list);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, again_missed_button);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizPage, done_button);
  bind_grade_children (widget_class);

  gtk_widget_class_install_action (widget_class, "quiz.reveal", NULL, reveal_action);
  gtk_widget_class_install_action (widget_class, "quiz.grade", "i", grade_action);
  gtk_widget_class_install_action (widget_class, "quiz.end", NULL, end_action);
  gtk_widget_class_install_action (widget_class, "quiz.again", NULL, again_action);

  /* After the focused widget: Space on a button presses it, Enter in the
   * answer area is a new line. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "quiz.reveal", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "quiz.reveal", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "quiz.reveal", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "quiz.end", NULL);
}

/* The status page scrolls its content in a scrolled window of its own,
 * which the keyboard can reach: a screen reader says what it holds. */
static void
name_summary_scroller (RehearseQuizPage *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->summary_page));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_SCROLLED_WINDOW (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Summary"), -1);
}

static void
rehearse_quiz_page_init (RehearseQuizPage *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  rehearse_accessible_fix_toasts (self->toast_overlay);
  self->point_checks = g_ptr_array_new ();
  self->title = g_strdup ("");

  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_captured), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  add_capture_shortcuts (self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->typed_view), "changed",
                            G_CALLBACK (on_typed_changed), self);
  name_summary_scroller (self);
  update_actions (self);
}

RehearseBanner *
rehearse_quiz_page_get_library_notice (RehearseQuizPage *self)
{
  g_return_val_if_fail (REHEARSE_IS_QUIZ_PAGE (self), NULL);

  return self->library_notice;
}
