/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "rehearse-clock.h"
#include "rehearse-cli.h"
#include "rehearse-error.h"
#include "rehearse-progress.h"

/* Where the user stands (stats) and the study plan (plan), as the
 * progress page shows them: days are calendar days in the local time zone
 * (TZ), now is the clock's or --at's, the scheduler's parameters the
 * defaults. */

#define HEATMAP_WEEKS_SHOWN 12
#define DAYS_SHOWN 28

/* ---- Shared --------------------------------------------------------------------- */

typedef struct
{
  gint64     now;
  GTimeZone *time_zone;
  RehearseFsrsParameters parameters;
} Moment;

static gboolean
moment_init (Moment      *moment,
             const char  *at,
             GError     **error)
{
  rehearse_fsrs_parameters_init_default (&moment->parameters);
  moment->time_zone = g_time_zone_new_local ();
  if (at == NULL)
    {
      moment->now = rehearse_clock_now_ms ();
      return TRUE;
    }

  return rehearse_cli_parse_time (at, &moment->now, error);
}

static void
moment_clear (Moment *moment)
{
  g_clear_pointer (&moment->time_zone, g_time_zone_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Moment, moment_clear)

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* The day @offset days from today (0: today). */
static char *
format_day (const Moment *moment,
            int           offset)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (moment->now / 1000);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, moment->time_zone);
  g_autoptr(GDateTime) day = g_date_time_add_days (local, offset);

  return g_date_time_format (day, "%Y-%m-%d");
}

static int
percent (double fraction)
{
  return (int) lround (fraction * 100);
}

static char *
format_reviews (guint count)
{
  return g_strdup_printf (ngettext ("%u review", "%u reviews", count), count);
}

static char *
format_days (guint count)
{
  return g_strdup_printf (ngettext ("%u day", "%u days", count), count);
}

static char *
format_questions (guint count)
{
  return g_strdup_printf (ngettext ("%u question", "%u questions", count), count);
}

/* "1 h 5 min", "12 min", "40 s". */
static char *
format_duration (gint64 milliseconds)
{
  gint64 seconds = milliseconds / 1000;

  if (seconds < 60)
    return g_strdup_printf (_("%d s"), (int) seconds);
  if (seconds < 3600)
    return g_strdup_printf (_("%d min"), (int) (seconds / 60));
  return g_strdup_printf (_("%d h %d min"), (int) (seconds / 3600), (int) (seconds % 3600 / 60));
}

/* ---- stats: text ------------------------------------------------------------------- */

/* One character a day, darker with more reviews, the busiest day full. */
static char *
heatmap_line (const RehearseProgress *progress)
{
  static const char * const levels[] = { "·", "░", "▒", "▓", "█" };
  const guint *days = progress->reviews_per_day + REHEARSE_PROGRESS_HEATMAP_DAYS - DAYS_SHOWN;
  GString *line = g_string_new (NULL);
  guint most = 0;

  for (guint i = 0; i < DAYS_SHOWN; i++)
    most = MAX (most, days[i]);

  for (guint i = 0; i < DAYS_SHOWN; i++)
    {
      guint level = days[i] == 0 ? 0 : 1 + (days[i] * 4 - 1) / MAX (most, 1);

      g_string_append (line, levels[MIN (level, 4)]);
    }

  return g_string_free (line, FALSE);
}

/* The reviews of each of the last weeks (of seven days ending today). */
static char *
weeks_line (const RehearseProgress *progress)
{
  GString *line = g_string_new (NULL);

  for (guint week = HEATMAP_WEEKS_SHOWN; week-- > 0;)
    {
      guint end = REHEARSE_PROGRESS_HEATMAP_DAYS - 7 * week;
      guint sum = 0;

      for (guint day = end - 7; day < end; day++)
        sum += progress->reviews_per_day[day];
      g_string_append_printf (line, "%s%u", line->len > 0 ? " " : "", sum);
    }

  return g_string_free (line, FALSE);
}

static void
print_totals (const RehearseProgress *progress)
{
  g_autofree char *time_spent = format_duration (progress->time_spent);
  g_autofree char *streak = format_days (progress->current_streak);
  g_autofree char *longest = format_days (progress->longest_streak);

  g_print (_("Questions seen: %u of %u\n"), progress->questions_seen, progress->questions_total);
  g_print (_("Reviews: %u (%s spent)\n"), progress->reviews_total, time_spent);
  g_print (_("Average recall: %d%%\n"), percent (progress->average_recall));
  g_print (_("Streak: %s (longest %s)\n"), streak, longest);
}

static void
print_activity (const RehearseProgress *progress)
{
  g_autofree char *days = heatmap_line (progress);
  g_autofree char *weeks = weeks_line (progress);

  g_print (_("\nLast %d days (oldest first, one mark a day): %s\n"), DAYS_SHOWN, days);
  g_print (_("Reviews per week, last %d weeks: %s\n"), HEATMAP_WEEKS_SHOWN, weeks);
}

static void
print_forecast (const RehearseProgress *progress,
                const Moment           *moment)
{
  gboolean any = FALSE;

  g_print (_("\nDue in the next %d days:\n"), REHEARSE_PROGRESS_FORECAST_DAYS);
  for (guint i = 0; i < REHEARSE_PROGRESS_FORECAST_DAYS; i++)
    {
      g_autofree char *day = NULL;
      g_autofree char *reviews = NULL;

      if (progress->forecast_reviews[i] == 0 && progress->forecast_new[i] == 0)
        continue;

      day = i == 0 ? g_strdup (_("today")) : format_day (moment, (int) i);
      reviews = format_reviews (progress->forecast_reviews[i]);
      if (progress->forecast_new[i] > 0)
        g_print (_("  %s: %s, %u new\n"), day, reviews, progress->forecast_new[i]);
      else
        g_print ("  %s: %s\n", day, reviews);
      any = TRUE;
    }
  if (!any)
    g_print (_("  nothing\n"));
}

static void
print_mastery (const RehearseProgress *progress)
{
  g_print (_("\nMastery per topic (weakest first):\n"));
  for (guint i = 0; i < progress->topics->len; i++)
    {
      const RehearseTopicMastery *topic = g_ptr_array_index (progress->topics, i);

      g_print (_("  %s / %s: %u of %u seen, recall %d%%\n"), topic->deck_title,
               topic->topic_title, topic->seen, topic->questions,
               percent (topic->average_recall));
    }
  if (progress->topics->len == 0)
    g_print (_("  no topics\n"));
}

/* ---- stats: JSON ---------------------------------------------------------------------- */

static void
add_int_member (JsonBuilder *builder,
                const char  *name,
                gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_double_member (JsonBuilder *builder,
                   const char  *name,
                   double       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* [{"date": …, "reviews": n}, …], oldest first. */
static void
add_days_json (JsonBuilder            *builder,
               const RehearseProgress *progress,
               const Moment           *moment)
{
  json_builder_set_member_name (builder, "reviews_per_day");
  json_builder_begin_array (builder);
  for (guint i = 0; i < REHEARSE_PROGRESS_HEATMAP_DAYS; i++)
    {
      g_autofree char *day = format_day (moment, (int) i - REHEARSE_PROGRESS_HEATMAP_DAYS + 1);

      json_builder_begin_object (builder);
      add_string_member (builder, "date", day);
      add_int_member (builder, "reviews", progress->reviews_per_day[i]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_forecast_json (JsonBuilder            *builder,
                   const RehearseProgress *progress,
                   const Moment           *moment)
{
  json_builder_set_member_name (builder, "forecast");
  json_builder_begin_array (builder);
  for (guint i = 0; i < REHEARSE_PROGRESS_FORECAST_DAYS; i++)
    {
      g_autofree char *day = format_day (moment, (int) i);

      json_builder_begin_object (builder);
      add_string_member (builder, "date", day);
      add_int_member (builder, "reviews", progress->forecast_reviews[i]);
      add_int_member (builder, "new", progress->forecast_new[i]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* Which topic a row of "topics" is, the same in stats and plan. */
static void
add_topic_identity (JsonBuilder *builder,
                    gint64       deck_id,
                    gint64       topic_id,
                    const char  *deck_title,
                    const char  *topic_title)
{
  add_int_member (builder, "deck_id", deck_id);
  add_int_member (builder, "topic_id", topic_id);
  add_string_member (builder, "deck", deck_title);
  add_string_member (builder, "topic", topic_title);
}

static void
add_mastery_json (JsonBuilder            *builder,
                  const RehearseProgress *progress)
{
  json_builder_set_member_name (builder, "topics");
  json_builder_begin_array (builder);
  for (guint i = 0; i < progress->topics->len; i++)
    {
      const RehearseTopicMastery *topic = g_ptr_array_index (progress->topics, i);

      json_builder_begin_object (builder);
      add_topic_identity (builder, topic->deck_id, topic->topic_id, topic->deck_title,
                          topic->topic_title);
      add_int_member (builder, "questions", topic->questions);
      add_int_member (builder, "seen", topic->seen);
      add_double_member (builder, "average_recall", topic->average_recall);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
print_stats_json (const RehearseProgress *progress,
                  const Moment           *moment)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_int_member (builder, "questions_total", progress->questions_total);
  add_int_member (builder, "questions_seen", progress->questions_seen);
  add_int_member (builder, "reviews_total", progress->reviews_total);
  add_double_member (builder, "average_recall", progress->average_recall);
  add_int_member (builder, "time_spent_ms", progress->time_spent);
  add_int_member (builder, "current_streak", progress->current_streak);
  add_int_member (builder, "longest_streak", progress->longest_streak);
  add_days_json (builder, progress, moment);
  add_forecast_json (builder, progress, moment);
  add_mastery_json (builder, progress);
  json_builder_end_object (builder);
  rehearse_cli_print_builder (builder);
}

int
rehearse_cli_stats (RehearseCli  *cli,
                    int           argc,
                    char        **argv,
                    GError      **error)
{
  g_auto(Moment) moment = { 0, };
  g_autoptr(RehearseProgress) progress = NULL;
  const char *at = NULL;

  for (int i = 0; i < argc; i++)
    if (!rehearse_cli_take_option (argc, argv, &i, "--at", &at))
      return rehearse_cli_usage_error (error, "stats [--at TIME]");

  if (!moment_init (&moment, at, error))
    return FALSE;

  progress = rehearse_library_get_progress (cli->library, &moment.parameters, moment.now,
                                            moment.time_zone, error);
  if (progress == NULL)
    return FALSE;

  if (cli->json)
    {
      print_stats_json (progress, &moment);
      return TRUE;
    }

  print_totals (progress);
  print_activity (progress);
  print_forecast (progress, &moment);
  print_mastery (progress);
  return TRUE;
}

/* ---- plan: showing it ---------------------------------------------------------------- */

/* "12 new, 8 reviews — 25 min" */
static char *
format_plan_day (const RehearsePlanDay *day)
{
  g_autofree char *reviews = format_reviews (day->reviews);

  return g_strdup_printf (_("%u new, %s — %u min"), day->new_cards, reviews, day->minutes);
}

static void
print_plan_header (const RehearsePlan           *plan,
                   const RehearseFsrsParameters *parameters)
{
  g_autofree char *interview = format_date (&plan->interview_date);
  g_autofree char *questions = format_questions (plan->questions);

  if (plan->days_left < 0)
    {
      g_print (_("The interview date, %s, has passed: there is nothing to plan.\n"), interview);
      return;
    }

  if (plan->days_left == 0)
    g_print (_("The interview is today, %s: no days are left to plan.\n"), interview);
  else
    {
      g_autofree char *today = format_plan_day (&g_array_index (plan->days, RehearsePlanDay, 0));
      g_autofree char *days = format_days ((guint) plan->days_left);

      g_print (_("Today: %s\n"), today);
      g_print (_("Interview: %s, in %s\n"), interview, days);
    }

  g_print (_("Chosen: %s, %u left unstudied by the interview\n"), questions, plan->unstudied);
  g_print (_("Predicted recall on the interview day: %d%% (desired: %d%%%s)\n"),
           percent (plan->predicted_recall), percent (parameters->desired_retention),
           plan->reaches_retention ? _(", reached") : _(", not reached"));
}

static void
print_plan_text (const RehearsePlan           *plan,
                 const RehearseFsrsParameters *parameters)
{
  print_plan_header (plan, parameters);

  if (plan->days->len > 0)
    g_print (_("\nEach day:\n"));
  for (guint i = 0; i < plan->days->len; i++)
    {
      const RehearsePlanDay *day = &g_array_index (plan->days, RehearsePlanDay, i);
      g_autofree char *date = format_date (&day->date);
      g_autofree char *work = format_plan_day (day);

      g_print ("  %s: %s\n", date, work);
    }

  /* After the interview, no prediction of it means anything. */
  if (plan->days_left < 0)
    return;

  if (plan->topics->len > 0)
    g_print (_("\nPredicted recall on the interview day per topic (lowest first):\n"));
  for (guint i = 0; i < plan->topics->len; i++)
    {
      const RehearsePlanTopic *topic = g_ptr_array_index (plan->topics, i);
      g_autofree char *questions = format_questions (topic->questions);

      g_print ("  %s / %s: %d%% (%s)\n", topic->deck_title, topic->topic_title,
               percent (topic->predicted_recall), questions);
    }
}

static void
add_plan_days_json (JsonBuilder        *builder,
                    const RehearsePlan *plan)
{
  json_builder_set_member_name (builder, "days");
  json_builder_begin_array (builder);
  for (guint i = 0; i < plan->days->len; i++)
    {
      const RehearsePlanDay *day = &g_array_index (plan->days, RehearsePlanDay, i);
      g_autofree char *date = format_date (&day->date);

      json_builder_begin_object (builder);
      add_string_member (builder, "date", date);
      add_int_member (builder, "new", day->new_cards);
      add_int_member (builder, "reviews", day->reviews);
      add_int_member (builder, "minutes", day->minutes);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_plan_topics_json (JsonBuilder        *builder,
                      const RehearsePlan *plan)
{
  json_builder_set_member_name (builder, "topics");
  json_builder_begin_array (builder);
  for (guint i = 0; i < plan->topics->len; i++)
    {
      const RehearsePlanTopic *topic = g_ptr_array_index (plan->topics, i);

      json_builder_begin_object (builder);
      add_topic_identity (builder, topic->deck_id, topic->topic_id, topic->deck_title,
                          topic->topic_title);
      add_int_member (builder, "questions", topic->questions);
      add_double_member (builder, "predicted_recall", topic->predicted_recall);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_ids_json (JsonBuilder  *builder,
              const char   *name,
              const GArray *ids)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < ids->len; i++)
    json_builder_add_int_value (builder, g_array_index (ids, gint64, i));
  json_builder_end_array (builder);
}

static void
add_settings_json (JsonBuilder                *builder,
                   const RehearsePlanSettings *settings)
{
  rehearse_cli_add_string_or_null (builder, "interview_date", settings->interview_date);
  add_ids_json (builder, "deck_ids", settings->deck_ids);
  add_ids_json (builder, "topic_ids", settings->topic_ids);
  add_int_member (builder, "daily_minutes", settings->daily_minutes);
  add_int_member (builder, "daily_cards", settings->daily_cards);
}

/* The plan, or "plan": null with the settings when there is none. */
static void
print_plan_json (const RehearsePlan           *plan,
                 const RehearsePlanSettings   *settings,
                 const RehearseFsrsParameters *parameters)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "settings");
  json_builder_begin_object (builder);
  add_settings_json (builder, settings);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "plan");
  if (plan == NULL)
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_object (builder);
      add_int_member (builder, "days_left", plan->days_left);
      add_int_member (builder, "questions", plan->questions);
      add_int_member (builder, "unstudied", plan->unstudied);
      add_double_member (builder, "predicted_recall", plan->predicted_recall);
      add_double_member (builder, "desired_retention", parameters->desired_retention);
      json_builder_set_member_name (builder, "reaches_retention");
      json_builder_add_boolean_value (builder, plan->reaches_retention);
      add_plan_days_json (builder, plan);
      add_plan_topics_json (builder, plan);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  rehearse_cli_print_builder (builder);
}

static gboolean
show_plan (RehearseCli  *cli,
           const char   *at,
           GError      **error)
{
  g_auto(Moment) moment = { 0, };
  g_autoptr(RehearsePlanSettings) settings = NULL;
  g_autoptr(RehearsePlan) plan = NULL;
  GError *local_error = NULL;

  if (!moment_init (&moment, at, error))
    return FALSE;

  settings = rehearse_library_get_plan_settings (cli->library, error);
  if (settings == NULL)
    return FALSE;

  plan = rehearse_library_plan (cli->library, &moment.parameters, moment.now, moment.time_zone,
                                &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  if (cli->json)
    print_plan_json (plan, settings, &moment.parameters);
  else if (plan == NULL)
    g_print (_("No interview date is set (rehearse-cli plan --set-date YYYY-MM-DD).\n"));
  else
    print_plan_text (plan, &moment.parameters);
  return TRUE;
}

/* ---- plan: setting it ------------------------------------------------------------------ */

#define PLAN_USAGE \
  "plan [--at TIME] | plan --set-date YYYY-MM-DD [--deck DECK]… [--topic ID]… " \
  "[--daily-minutes N] [--daily-cards N] | plan --clear"

typedef struct
{
  const char *at;
  const char *date;
  gboolean    clear;
  GPtrArray  *decks;        /* const char *: id, key or title */
  GPtrArray  *topics;       /* const char *: ids */
  const char *daily_minutes;
  const char *daily_cards;
} PlanArguments;

static void
plan_arguments_clear (PlanArguments *arguments)
{
  g_clear_pointer (&arguments->decks, g_ptr_array_unref);
  g_clear_pointer (&arguments->topics, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PlanArguments, plan_arguments_clear)

static gboolean
take_plan_option (int            argc,
                  char         **argv,
                  int           *i,
                  PlanArguments *arguments)
{
  const char *value;

  if (rehearse_cli_take_option (argc, argv, i, "--deck", &value))
    g_ptr_array_add (arguments->decks, (gpointer) value);
  else if (rehearse_cli_take_option (argc, argv, i, "--topic", &value))
    g_ptr_array_add (arguments->topics, (gpointer) value);
  else if (!rehearse_cli_take_option (argc, argv, i, "--at", &arguments->at)
           && !rehearse_cli_take_option (argc, argv, i, "--set-date", &arguments->date)
           && !rehearse_cli_take_option (argc, argv, i, "--daily-minutes",
                                         &arguments->daily_minutes)
           && !rehearse_cli_take_option (argc, argv, i, "--daily-cards", &arguments->daily_cards))
    {
      if (strcmp (argv[*i], "--clear") != 0)
        return FALSE;
      arguments->clear = TRUE;
    }

  return TRUE;
}

/* FALSE when an argument is not one, or they do not go together: --clear
 * alone, the settings only with a date, --at only to show. */
static gboolean
split_plan_arguments (int            argc,
                      char         **argv,
                      PlanArguments *arguments)
{
  gboolean setting;

  arguments->decks = g_ptr_array_new ();
  arguments->topics = g_ptr_array_new ();
  for (int i = 0; i < argc; i++)
    if (!take_plan_option (argc, argv, &i, arguments))
      return FALSE;

  setting = arguments->decks->len > 0 || arguments->topics->len > 0
            || arguments->daily_minutes != NULL || arguments->daily_cards != NULL;
  if (arguments->clear)
    return arguments->date == NULL && !setting && arguments->at == NULL;
  if (arguments->date != NULL)
    return arguments->at == NULL;
  return !setting;
}

static gboolean
parse_count (const char  *text,
             const char  *option,
             guint       *count,
             GError     **error)
{
  guint64 value;

  if (text == NULL)
    {
      *count = 0;
      return TRUE;
    }

  if (g_ascii_string_to_unsigned (text, 10, 0, 100000, &value, NULL))
    {
      *count = (guint) value;
      return TRUE;
    }

  g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT,
               _("%s takes a whole number from 0 (no limit) to 100000, not “%s”"), option, text);
  return FALSE;
}

static gboolean
add_decks (RehearseCli           *cli,
           GPtrArray             *names,
           RehearsePlanSettings  *settings,
           GError               **error)
{
  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(RehearseDeck) deck = rehearse_library_find_deck (cli->library,
                                                                 g_ptr_array_index (names, i),
                                                                 error);
      gint64 id;

      if (deck == NULL)
        return FALSE;
      id = rehearse_deck_get_id (deck);
      g_array_append_val (settings->deck_ids, id);
    }

  return TRUE;
}

static gboolean
add_topics (GPtrArray             *ids,
            RehearsePlanSettings  *settings,
            GError               **error)
{
  for (guint i = 0; i < ids->len; i++)
    {
      const char *text = g_ptr_array_index (ids, i);
      gint64 id;

      if (!g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, &id, NULL))
        {
          g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT,
                       _("--topic takes a topic’s id (see rehearse-cli topics), not “%s”"), text);
          return FALSE;
        }
      g_array_append_val (settings->topic_ids, id);
    }

  return TRUE;
}

static RehearsePlanSettings *
settings_from_arguments (RehearseCli    *cli,
                         PlanArguments  *arguments,
                         GError        **error)
{
  g_autoptr(RehearsePlanSettings) settings = rehearse_plan_settings_new ();

  if (arguments->clear)
    return g_steal_pointer (&settings);

  settings->interview_date = g_strdup (arguments->date);
  if (!parse_count (arguments->daily_minutes, "--daily-minutes", &settings->daily_minutes, error)
      || !parse_count (arguments->daily_cards, "--daily-cards", &settings->daily_cards, error)
      || !add_decks (cli, arguments->decks, settings, error)
      || !add_topics (arguments->topics, settings, error))
    return NULL;

  return g_steal_pointer (&settings);
}

/* "2 decks, 1 topic", or "every deck". */
static char *
format_scope (const RehearsePlanSettings *settings)
{
  g_autofree char *decks = NULL;
  g_autofree char *topics = NULL;

  if (settings->deck_ids->len == 0 && settings->topic_ids->len == 0)
    return g_strdup (_("every deck"));

  decks = g_strdup_printf (ngettext ("%u deck", "%u decks", settings->deck_ids->len),
                           settings->deck_ids->len);
  topics = g_strdup_printf (ngettext ("%u topic", "%u topics", settings->topic_ids->len),
                            settings->topic_ids->len);
  return g_strdup_printf ("%s, %s", decks, topics);
}

static void
print_settings_text (const RehearsePlanSettings *settings)
{
  g_autofree char *scope = NULL;
  g_autofree char *minutes = NULL;
  g_autofree char *cards = NULL;

  if (settings->interview_date == NULL)
    {
      g_print (_("The study plan is cleared.\n"));
      return;
    }

  scope = format_scope (settings);
  minutes = settings->daily_minutes > 0 ? g_strdup_printf (_("%u min"), settings->daily_minutes)
                                        : g_strdup (_("no limit in minutes"));
  cards = settings->daily_cards > 0
          ? g_strdup_printf (ngettext ("%u card", "%u cards", settings->daily_cards),
                             settings->daily_cards)
          : g_strdup (_("no limit in cards"));
  g_print (_("Interview date set to %s, for %s; a day: %s, %s\n"), settings->interview_date,
           scope, minutes, cards);
}

static gboolean
set_plan (RehearseCli    *cli,
          PlanArguments  *arguments,
          GError        **error)
{
  g_autoptr(RehearsePlanSettings) settings = settings_from_arguments (cli, arguments, error);

  if (settings == NULL || !rehearse_library_set_plan_settings (cli->library, settings, error))
    return FALSE;

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_settings_json (builder, settings);
      json_builder_end_object (builder);
      rehearse_cli_print_builder (builder);
    }
  else
    print_settings_text (settings);
  return TRUE;
}

int
rehearse_cli_plan (RehearseCli  *cli,
                   int           argc,
                   char        **argv,
                   GError      **error)
{
  g_auto(PlanArguments) arguments = { 0, };

  if (!split_plan_arguments (argc, argv, &arguments))
    return rehearse_cli_usage_error (error, PLAN_USAGE);

  if (arguments.clear || arguments.date != NULL)
    return set_plan (cli, &arguments, error);

  return show_plan (cli, arguments.at, error);
}
