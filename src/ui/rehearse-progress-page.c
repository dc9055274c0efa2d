/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rehearse-chart.h"
#include "rehearse-clock.h"
#include "rehearse-forecast-chart.h"
#include "rehearse-heatmap.h"
#include "rehearse-mastery-list.h"
#include "rehearse-plan-editor.h"
#include "rehearse-progress-page.h"

struct _RehearseProgressPage
{
  GtkWidget               parent_instance;

  /* Template widgets */
  AdwHeaderBar           *header_bar;
  RehearseBanner         *library_notice;
  GtkWidget              *back_button;
  GtkWidget              *scroller;
  AdwStatusPage          *empty_status;
  GtkWidget              *figures_box;
  GtkLabel               *seen_value;
  GtkLabel               *reviews_value;
  GtkLabel               *recall_value;
  GtkLabel               *time_value;
  RehearseHeatmap        *heatmap;
  GtkLabel               *streak_label;
  RehearseForecastChart  *forecast;
  GtkWidget              *mastery_box;
  RehearseMasteryList    *mastery_list;
  GtkLabel               *plan_label;
  GtkListBox             *plan_topics;
  RehearsePlanEditor     *plan_editor;

  /* Owned */
  RehearseLibrary        *library;
  RehearseFsrsParameters  parameters;
  GCancellable           *cancellable;   /* the load under way */
  char                   *today_plan;
  gboolean                folded;
};

G_DEFINE_FINAL_TYPE (RehearseProgressPage, rehearse_progress_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TODAY_PLAN,
  PROP_FOLDED,
  N_PROPS
};

enum {
  SHOW_MESSAGE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
rehearse_progress_page_new (void)
{
  return g_object_new (REHEARSE_TYPE_PROGRESS_PAGE, NULL);
}

static int
percent (double share)
{
  return (int) (CLAMP (share, 0.0, 1.0) * 100.0 + 0.5);
}

/* ---- Totals ---------------------------------------------------------------------- */

/* "3 h 20 min", "12 min", "40 s" */
static char *
describe_duration (gint64 milliseconds)
{
  gint64 seconds = milliseconds / 1000;
  guint hours = (guint) (seconds / 3600);
  guint minutes = (guint) (seconds % 3600 / 60);

  if (hours > 0)
    /* TRANSLATORS: time spent, hours and minutes */
    return g_strdup_printf (_("%u h %u min"), hours, minutes);
  if (minutes > 0)
    return g_strdup_printf (_("%u min"), minutes);
  return g_strdup_printf (_("%u s"), (guint) seconds);
}

static void
show_totals (RehearseProgressPage   *self,
             const RehearseProgress *progress)
{
  /* TRANSLATORS: questions seen of all questions, as "45 / 100" */
  g_autofree char *seen = g_strdup_printf (_("%u / %u"), progress->questions_seen,
                                           progress->questions_total);
  g_autofree char *reviews = g_strdup_printf ("%u", progress->reviews_total);
  g_autofree char *recall = g_strdup_printf ("%d%%", percent (progress->average_recall));
  g_autofree char *time = describe_duration (progress->time_spent);

  gtk_label_set_text (self->seen_value, seen);
  gtk_label_set_text (self->reviews_value, reviews);
  gtk_label_set_text (self->recall_value, progress->questions_seen > 0 ? recall : "—");
  /* Reviews recorded without their time (rehearse-cli review) count none. */
  gtk_label_set_text (self->time_value, progress->time_spent > 0 ? time : "—");
}

/* ---- Reviews per day --------------------------------------------------------------- */

static char *
describe_days (guint days)
{
  return g_strdup_printf (ngettext ("%u day", "%u days", days), days);
}

static void
show_heatmap (RehearseProgressPage   *self,
              const RehearseProgress *progress,
              const GDate            *today)
{
  g_autofree char *current = describe_days (progress->current_streak);
  g_autofree char *longest = describe_days (progress->longest_streak);
  g_autofree char *streaks = NULL;
  g_autofree char *description = NULL;
  guint in_year = 0;

  for (guint i = 0; i < REHEARSE_PROGRESS_HEATMAP_DAYS; i++)
    in_year += progress->reviews_per_day[i];

  rehearse_heatmap_set_reviews (self->heatmap, progress->reviews_per_day,
                                REHEARSE_PROGRESS_HEATMAP_DAYS, today);
  /* TRANSLATORS: under the calendar of reviews: "Current streak: 5 days · Longest: 12 days" */
  streaks = g_strdup_printf (_("Current streak: %s · Longest: %s"), current, longest);
  gtk_label_set_text (self->streak_label, streaks);
  /* TRANSLATORS: what a screen reader says of the calendar of reviews */
  description = g_strdup_printf (ngettext ("%u review in the last year; current streak %s, "
                                           "longest %s",
                                           "%u reviews in the last year; current streak %s, "
                                           "longest %s", in_year),
                                 in_year, current, longest);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->heatmap),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

/* ---- The forecast ----------------------------------------------------------------- */

static void
show_forecast (RehearseProgressPage   *self,
               const RehearseProgress *progress,
               const GDate            *today)
{
  guint reviews = 0, new_cards = 0, busiest = 0;
  g_autofree char *reviews_text = NULL;
  g_autofree char *description = NULL;
  g_autofree char *busiest_date = NULL;
  GDate busiest_day = *today;

  for (guint i = 0; i < REHEARSE_PROGRESS_FORECAST_DAYS; i++)
    {
      guint day = progress->forecast_reviews[i] + progress->forecast_new[i];

      reviews += progress->forecast_reviews[i];
      new_cards += progress->forecast_new[i];
      if (day > progress->forecast_reviews[busiest] + progress->forecast_new[busiest])
        busiest = i;
    }

  rehearse_forecast_chart_set_days (self->forecast, progress->forecast_reviews,
                                    progress->forecast_new, REHEARSE_PROGRESS_FORECAST_DAYS,
                                    today);
  g_date_add_days (&busiest_day, busiest);
  busiest_date = rehearse_chart_format_date (&busiest_day, _("%a, %b %-e %Y"));
  reviews_text = g_strdup_printf (ngettext ("%u review", "%u reviews", reviews), reviews);
  /* TRANSLATORS: what a screen reader says of the forecast: "40 reviews and 12 new
   * questions in the next 30 days; 8 today; the busiest day Tue, Dec 8 2026 with 11" */
  description = g_strdup_printf (ngettext ("%s and %u new question in the next 30 days; "
                                           "%u today; the busiest day %s with %u",
                                           "%s and %u new questions in the next 30 days; "
                                           "%u today; the busiest day %s with %u", new_cards),
                                 reviews_text, new_cards,
                                 progress->forecast_reviews[0] + progress->forecast_new[0],
                                 busiest_date,
                                 progress->forecast_reviews[busiest]
                                 + progress->forecast_new[busiest]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->forecast),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

/* ---- The study plan ------------------------------------------------------------------ */

char *
rehearse_progress_page_describe_plan_day (const RehearsePlanDay *day)
{
  g_autofree char *new_cards = g_strdup_printf (ngettext ("%u new", "%u new", day->new_cards),
                                                day->new_cards);
  g_autofree char *reviews = g_strdup_printf (ngettext ("%u review", "%u reviews", day->reviews),
                                              day->reviews);
  g_autofree char *minutes = g_strdup_printf (ngettext ("%u min", "%u min", day->minutes),
                                              day->minutes);

  /* TRANSLATORS: a day's plan: "12 new, 8 reviews — 25 min" */
  return g_strdup_printf (_("%s, %s — %s"), new_cards, reviews, minutes);
}

static void
set_today_plan (RehearseProgressPage *self,
                const RehearsePlan   *plan)
{
  g_autofree char *today_plan = NULL;

  if (plan != NULL && plan->days_left > 0 && plan->days != NULL && plan->days->len > 0)
    today_plan = rehearse_progress_page_describe_plan_day (&g_array_index (plan->days,
                                                                           RehearsePlanDay, 0));
  if (g_strcmp0 (today_plan, self->today_plan) == 0)
    return;

  g_free (self->today_plan);
  self->today_plan = g_steal_pointer (&today_plan);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TODAY_PLAN]);
}

static GtkWidget *
new_plan_topic_row (const RehearsePlanTopic *topic)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new (topic->topic_title);
  GtkWidget *deck = gtk_label_new (topic->deck_title);
  g_autofree char *recall = g_strdup_printf ("%d%%", percent (topic->predicted_recall));
  GtkWidget *bar = gtk_level_bar_new_for_interval (0.0, 1.0);
  /* TRANSLATORS: a topic of the study plan for a screen reader: "Volumes, Docker: predicted
   * recall 85% on the interview day" */
  g_autofree char *description = g_strdup_printf (_("%s, %s: predicted recall %d%% on the "
                                                    "interview day"),
                                                  topic->topic_title, topic->deck_title,
                                                  percent (topic->predicted_recall));

  for (GtkWidget *label = title; label != NULL; label = label == title ? deck : NULL)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (deck, "dim-label");
  gtk_box_append (GTK_BOX (heading), title);
  gtk_box_append (GTK_BOX (heading), gtk_label_new (recall));
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), deck);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), CLAMP (topic->predicted_recall, 0.0, 1.0));
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Predicted recall"), -1);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  description, -1);
  return row;
}

static void
show_plan_topics (RehearseProgressPage *self,
                  const RehearsePlan   *plan)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->plan_topics))) != NULL)
    gtk_list_box_remove (self->plan_topics, child);

  for (guint i = 0; plan != NULL && plan->topics != NULL && i < plan->topics->len; i++)
    gtk_list_box_append (self->plan_topics, new_plan_topic_row (g_ptr_array_index (plan->topics,
                                                                                    i)));
  gtk_widget_set_visible (GTK_WIDGET (self->plan_topics),
                          plan != NULL && plan->topics != NULL && plan->topics->len > 0);
}

/* "Interview on Thursday, December 17 — in 12 days", then today's work, the
 * recall the plan leads to, and what the daily limit leaves unseen. */
static char *
describe_plan (RehearseProgressPage *self,
               const RehearsePlan   *plan)
{
  GString *text;
  g_autofree char *date = NULL;

  if (plan->days_left < 0)
    return g_strdup (_("The interview day has passed: choose the next one below."));

  text = g_string_new (NULL);

  /* TRANSLATORS: the interview day, as "Thursday, December 17" (g_date_time_format) */
  date = rehearse_chart_format_date (&plan->interview_date, _("%A, %B %-e"));
  if (plan->days_left == 0)
    g_string_append_printf (text, _("The interview is today, %s."), date);
  else
    /* TRANSLATORS: "Interview on Thursday, December 17 — in 12 days." */
    g_string_append_printf (text, ngettext ("Interview on %s — in %d day.",
                                            "Interview on %s — in %d days.", plan->days_left),
                            date, plan->days_left);

  if (self->today_plan != NULL)
    g_string_append_printf (text, "\n%s %s", _("Today:"), self->today_plan);
  /* TRANSLATORS: the predicted recall on the day, then the desired retention */
  g_string_append_printf (text, "\n");
  g_string_append_printf (text, _("Predicted recall on the day: %d%% (goal %d%%)."),
                          percent (plan->predicted_recall),
                          percent (self->parameters.desired_retention));
  if (plan->unstudied > 0)
    {
      g_string_append (text, "\n");
      g_string_append_printf (text, ngettext ("At this daily limit, %u question stays unseen by "
                                              "then.",
                                              "At this daily limit, %u questions stay unseen by "
                                              "then.", plan->unstudied),
                              plan->unstudied);
    }

  return g_string_free (text, FALSE);
}

static void
show_plan (RehearseProgressPage *self,
           const RehearsePlan   *plan)
{
  g_autofree char *text = NULL;

  set_today_plan (self, plan);
  if (plan == NULL)
    text = g_strdup (_("Set an interview date below: Rehearse then plans each day’s work up to "
                       "it, so that every question you choose is studied in time."));
  else
    text = describe_plan (self, plan);

  gtk_label_set_text (self->plan_label, text);
  show_plan_topics (self, plan);
}

/* ---- Showing the figures ---------------------------------------------------------------- */

void
rehearse_progress_page_show_figures (RehearseProgressPage   *self,
                                     const RehearseProgress *progress,
                                     const RehearsePlan     *plan,
                                     const GDate            *today)
{
  gboolean reviewed;

  g_return_if_fail (REHEARSE_IS_PROGRESS_PAGE (self));
  g_return_if_fail (progress != NULL && g_date_valid (today));

  reviewed = progress->reviews_total > 0;
  gtk_widget_set_visible (GTK_WIDGET (self->empty_status), !reviewed);
  gtk_widget_set_visible (self->figures_box, reviewed);

  show_totals (self, progress);
  show_heatmap (self, progress, today);
  show_forecast (self, progress, today);
  rehearse_mastery_list_set_topics (self->mastery_list, progress->topics);
  gtk_widget_set_visible (self->mastery_box,
                          progress->topics != NULL && progress->topics->len > 0);
  show_plan (self, plan);
}

const char *
rehearse_progress_page_get_today_plan (RehearseProgressPage *self)
{
  g_return_val_if_fail (REHEARSE_IS_PROGRESS_PAGE (self), NULL);

  return self->today_plan;
}

/* ---- Loading ------------------------------------------------------------------------------ */

typedef struct
{
  RehearseFsrsParameters  parameters;
  gint64                  now;
  GTimeZone              *time_zone;
} Request;

typedef struct
{
  RehearseProgress *progress;
  RehearsePlan     *plan;
  GDate             today;
} Figures;

static void
request_free (gpointer data)
{
  Request *request = data;

  g_time_zone_unref (request->time_zone);
  g_free (request);
}

static void
figures_free (gpointer data)
{
  Figures *figures = data;

  g_clear_pointer (&figures->progress, rehearse_progress_free);
  g_clear_pointer (&figures->plan, rehearse_plan_free);
  g_free (figures);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RehearseLibrary *library = source_object;
  Request *request = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (request->now / 1000);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, request->time_zone);
  Figures *figures = g_new0 (Figures, 1);

  g_date_set_dmy (&figures->today, g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local), g_date_time_get_year (local));
  figures->progress = rehearse_library_get_progress (library, &request->parameters, request->now,
                                                     request->time_zone, &error);
  if (figures->progress != NULL)
    figures->plan = rehearse_library_plan (library, &request->parameters, request->now,
                                           request->time_zone, &error);

  if (error != NULL)
    {
      figures_free (figures);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, figures, figures_free);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RehearseProgressPage) self = user_data;
  g_autoptr(GError) error = NULL;
  Figures *figures = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (figures == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not compute the progress: %s"),
                                                  error->message);

      g_signal_emit (self, signals[SHOW_MESSAGE], 0, message);
      return;
    }

  rehearse_progress_page_show_figures (self, figures->progress, figures->plan, &figures->today);
  figures_free (figures);
}

void
rehearse_progress_page_reload (RehearseProgressPage *self)
{
  g_autoptr(GTask) task = NULL;
  Request *request;

  g_return_if_fail (REHEARSE_IS_PROGRESS_PAGE (self));

  if (self->library == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  request = g_new0 (Request, 1);
  request->parameters = self->parameters;
  request->now = rehearse_clock_now_ms ();
  request->time_zone = g_time_zone_new_local ();
  task = g_task_new (self->library, self->cancellable, on_loaded, g_object_ref (self));
  g_task_set_source_tag (task, rehearse_progress_page_reload);
  g_task_set_task_data (task, request, request_free);
  g_task_run_in_thread (task, load_in_thread);
}

void
rehearse_progress_page_load (RehearseProgressPage         *self,
                             RehearseLibrary              *library,
                             const RehearseFsrsParameters *parameters)
{
  g_return_if_fail (REHEARSE_IS_PROGRESS_PAGE (self));
  g_return_if_fail (REHEARSE_IS_LIBRARY (library));
  g_return_if_fail (parameters != NULL);

  g_set_object (&self->library, library);
  self->parameters = *parameters;
  rehearse_plan_editor_load (self->plan_editor, library);
  rehearse_progress_page_reload (self);
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
set_folded (RehearseProgressPage *self,
            gboolean              folded)
{
  if (self->folded == folded)
    return;

  self->folded = folded;
  gtk_widget_set_visible (self->back_button, folded);
  adw_header_bar_set_show_start_title_buttons (self->header_bar, folded);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
}

static void
on_show_message (RehearseProgressPage *self,
                 const char           *message)
{
  g_signal_emit (self, signals[SHOW_MESSAGE], 0, message);
}

static void
rehearse_progress_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  RehearseProgressPage *self = REHEARSE_PROGRESS_PAGE (object);

  switch (prop_id)
    {
    case PROP_TODAY_PLAN:
      g_value_set_string (value, self->today_plan);
      break;
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rehearse_progress_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  RehearseProgressPage *self = REHEARSE_PROGRESS_PAGE (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      set_folded (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rehearse_progress_page_dispose (GObject *object)
{
  RehearseProgressPage *self = REHEARSE_PROGRESS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), REHEARSE_TYPE_PROGRESS_PAGE);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (rehearse_progress_page_parent_class)->dispose (object);
}

static void
rehearse_progress_page_finalize (GObject *object)
{
  RehearseProgressPage *self = REHEARSE_PROGRESS_PAGE (object);

  g_free (self->today_plan);

  G_OBJECT_CLASS (rehearse_progress_page_parent_class)->finalize (object);
}

static void
rehearse_progress_page_class_init (RehearseProgressPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rehearse_progress_page_dispose;
  object_class->finalize = rehearse_progress_page_finalize;
  object_class->get_property = rehearse_progress_page_get_property;
  object_class->set_property = rehearse_progress_page_set_property;

  properties[PROP_TODAY_PLAN] =
    g_param_spec_string ("today-plan", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SHOW_MESSAGE] =
    g_signal_new ("show-message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (REHEARSE_TYPE_BANNER);
  g_type_ensure (REHEARSE_TYPE_HEATMAP);
  g_type_ensure (REHEARSE_TYPE_FORECAST_CHART);
  g_type_ensure (REHEARSE_TYPE_MASTERY_LIST);
  g_type_ensure (REHEARSE_TYPE_PLAN_EDITOR);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/rehearse/Rehearse/rehearse-progress-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RehearseProgressPage, header_bar);
  gtk_widget_class_bind_template_child (widget_class, RehearseProgressPage, library_notice);
  gtk_widget_class_bind_template_child (widget_class, RehearseProgressPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, RehearseProgressPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, RehearseProgressPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, RehearseProgressPage, figures_box);
  gtk_widget_class_bind_template_child (widget_class, RehearseProgressPage, seen_value);
  gtk_widget_class_bind_template_child (widget_class, RehearseProgressPage, reviews_value);
  gtk_widget_class_bind_template_child (widget_class, RehearseProgressPage, recall_value);
  gtk_widget_class_bind_template_child (widget_class, RehearseProgressPage, time_value);
  gtk_widget_class_bind_template_child (widget_class, RehearseProgressPage, heatmap);
  gtk_widget_class_bind_template_child (widget_class, RehearseProgressPage, streak_label);
  gtk_widget_class_bind_template_child (widget_class, RehearseProgressPage, forecast);
  gtk_widget_class_bind_template_child (widget_class, RehearseProgressPage, mastery_box);
  gtk_widget_class_bind_template_child (widget_class, RehearseProgressPage, mastery_list);
  gtk_widget_class_bind_template_child (widget_class, RehearseProgressPage, plan_label);
  gtk_widget_class_bind_template_child (widget_class, RehearseProgressPage, plan_topics);
  gtk_widget_class_bind_template_child (widget_class, RehearseProgressPage, plan_editor);
  gtk_widget_class_bind_template_callback (widget_class, rehearse_progress_page_reload);
}

static void
rehearse_progress_page_init (RehearseProgressPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rehearse_fsrs_parameters_init_default (&self->parameters);
  adw_header_bar_set_show_start_title_buttons (self->header_bar, FALSE);
  g_signal_connect_object (self->plan_editor, "show-message", G_CALLBACK (on_show_message), self,
                           G_CONNECT_SWAPPED);
}

RehearseBanner *
rehearse_progress_page_get_library_notice (RehearseProgressPage *self)
{
  g_return_val_if_fail (REHEARSE_IS_PROGRESS_PAGE (self), NULL);

  return self->library_notice;
}
