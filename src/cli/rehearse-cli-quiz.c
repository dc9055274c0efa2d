/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "rehearse-clock.h"
#include "rehearse-cli.h"
#include "rehearse-error.h"
#include "rehearse-quiz-session.h"

/* Spaced repetition from a shell: what is due, and recording a review,
 * with the scheduler's default parameters. Times are ISO 8601 on the
 * command line and in the output (UTC), unix milliseconds inside. */

/* ---- Times ------------------------------------------------------------------ */

/* "2025-03-01T09:30:00Z", "2025-03-01T10:30:00+01:00", or a date alone
 * (midnight); without a zone a time is UTC. */
gboolean
rehearse_cli_parse_time (const char  *text,
                         gint64      *time,
                         GError     **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) parsed = g_date_time_new_from_iso8601 (text, utc);
  g_autofree char *midnight = NULL;

  if (parsed == NULL && strchr (text, 'T') == NULL)
    {
      midnight = g_strconcat (text, "T00:00:00", NULL);
      parsed = g_date_time_new_from_iso8601 (midnight, utc);
    }

  if (parsed == NULL)
    {
      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT,
                   "“%s” is not an ISO 8601 time (like 2025-03-01T09:30:00Z)", text);
      return FALSE;
    }

  *time = g_date_time_to_unix (parsed) * 1000 + g_date_time_get_microsecond (parsed) / 1000;
  return TRUE;
}

/* UTC, with milliseconds only when there are some. */
static char *
format_time (gint64 time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time / 1000);
  g_autofree char *seconds = NULL;
  int milliseconds = (int) (time % 1000);

  if (utc == NULL)
    return g_strdup ("?");

  seconds = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");
  if (milliseconds == 0)
    return g_strdup_printf ("%sZ", seconds);
  return g_strdup_printf ("%s.%03dZ", seconds, milliseconds);
}

/* ---- Arguments ---------------------------------------------------------------- */

/* Takes "--NAME VALUE" or "--NAME=VALUE" at argv[*i]: TRUE with *value
 * set (and *i past it) when argv[*i] is that option. */
gboolean
rehearse_cli_take_option (int          argc,
                          char       **argv,
                          int         *i,
                          const char  *name,
                          const char **value)
{
  gsize length = strlen (name);

  if (strcmp (argv[*i], name) == 0 && *i + 1 < argc)
    {
      *value = argv[++*i];
      return TRUE;
    }

  if (strncmp (argv[*i], name, length) == 0 && argv[*i][length] == '=')
    {
      *value = argv[*i] + length + 1;
      return TRUE;
    }

  return FALSE;
}

typedef struct
{
  const char *deck;
  const char *at;
  const char *positional[2];
  guint       n_positional;
} Arguments;

/* Splits the arguments; FALSE for an option the command does not take or
 * more than @max_positional other arguments. */
static gboolean
split_arguments (int        argc,
                 char     **argv,
                 gboolean   takes_deck,
                 guint      max_positional,
                 Arguments *arguments)
{
  *arguments = (Arguments) { NULL, };

  for (int i = 0; i < argc; i++)
    {
      if (takes_deck && rehearse_cli_take_option (argc, argv, &i, "--deck", &arguments->deck))
        continue;
      if (rehearse_cli_take_option (argc, argv, &i, "--at", &arguments->at))
        continue;
      /* "-" alone is no option, but no key or grade either. */
      if (argv[i][0] == '-' || arguments->n_positional == max_positional)
        return FALSE;
      arguments->positional[arguments->n_positional++] = argv[i];
    }

  return TRUE;
}

static gboolean
parse_at (const Arguments  *arguments,
          gint64           *now,
          GError          **error)
{
  if (arguments->at == NULL)
    {
      *now = rehearse_clock_now_ms ();
      return TRUE;
    }

  return rehearse_cli_parse_time (arguments->at, now, error);
}

/* ---- due ------------------------------------------------------------------------ */

static void
add_due_json (JsonBuilder      *builder,
              RehearseQuestion *question,
              gint64            due)
{
  g_autofree char *due_text = format_time (due);

  json_builder_begin_object (builder);
  rehearse_cli_add_question_members (builder, question);
  json_builder_set_member_name (builder, "due");
  json_builder_add_string_value (builder, due_text);
  json_builder_end_object (builder);
}

static gboolean
print_due (RehearseCli  *cli,
           GListModel   *questions,
           gint64        now,
           GError      **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
    {
      g_autoptr(RehearseQuestion) question = g_list_model_get_item (questions, i);
      const char *question_key = rehearse_question_get_key (question);
      g_autofree char *due_text = NULL;
      RehearseFsrsCard card;

      if (!rehearse_library_get_card (cli->library, question_key, now, &card, error))
        return FALSE;

      if (cli->json)
        {
          add_due_json (builder, question, card.due);
          continue;
        }

      due_text = format_time (card.due);
      g_print ("%s\t%s\t%s\n", question_key, due_text, rehearse_question_get_text (question));
    }
  json_builder_end_array (builder);

  if (cli->json)
    rehearse_cli_print_builder (builder);

  return TRUE;
}

int
rehearse_cli_due (RehearseCli  *cli,
                  int           argc,
                  char        **argv,
                  GError      **error)
{
  g_autoptr(RehearseDeck) deck = NULL;
  g_autoptr(GListModel) questions = NULL;
  Arguments arguments;
  gint64 now;

  if (!split_arguments (argc, argv, TRUE, 0, &arguments))
    return rehearse_cli_usage_error (error, "due [--deck DECK] [--at TIME]");

  if (!parse_at (&arguments, &now, error))
    return FALSE;

  if (arguments.deck != NULL)
    {
      deck = rehearse_library_find_deck (cli->library, arguments.deck, error);
      if (deck == NULL)
        return FALSE;
    }

  questions = rehearse_library_list_due (cli->library, now,
                                         deck != NULL ? rehearse_deck_get_id (deck) : 0, 0,
                                         error);
  if (questions == NULL)
    return FALSE;

  return print_due (cli, questions, now, error);
}

/* ---- review --------------------------------------------------------------------- */

static const char * const grade_names[] = { NULL, "Again", "Hard", "Good", "Easy" };

/* 1–4, or the grade's name in any case. */
static gboolean
parse_grade (const char     *text,
             RehearseGrade  *grade,
             GError        **error)
{
  gint64 number;

  if (g_ascii_string_to_signed (text, 10, REHEARSE_GRADE_AGAIN, REHEARSE_GRADE_EASY, &number,
                                NULL))
    {
      *grade = (RehearseGrade) number;
      return TRUE;
    }

  for (guint i = REHEARSE_GRADE_AGAIN; i <= REHEARSE_GRADE_EASY; i++)
    if (g_ascii_strcasecmp (text, grade_names[i]) == 0)
      {
        *grade = (RehearseGrade) i;
        return TRUE;
      }

  g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT,
               "The grade must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy), not “%s”", text);
  return FALSE;
}

static const char *
state_name (RehearseCardState state)
{
  static const char * const names[] = { "new", "learning", "review", "relearning" };

  return state <= REHEARSE_CARD_STATE_RELEARNING ? names[state] : "unknown";
}

static void
print_review_json (const char             *question_key,
                   RehearseGrade           grade,
                   gint64                  reviewed_at,
                   const RehearseFsrsCard *card)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *reviewed_text = format_time (reviewed_at);
  g_autofree char *due_text = format_time (card->due);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "key");
  json_builder_add_string_value (builder, question_key);
  json_builder_set_member_name (builder, "grade");
  json_builder_add_int_value (builder, grade);
  json_builder_set_member_name (builder, "reviewed_at");
  json_builder_add_string_value (builder, reviewed_text);
  json_builder_set_member_name (builder, "due");
  json_builder_add_string_value (builder, due_text);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, state_name (card->state));
  json_builder_set_member_name (builder, "stability");
  json_builder_add_double_value (builder, card->stability);
  json_builder_set_member_name (builder, "difficulty");
  json_builder_add_double_value (builder, card->difficulty);
  json_builder_set_member_name (builder, "scheduled_days");
  json_builder_add_int_value (builder, card->scheduled_days);
  json_builder_set_member_name (builder, "reps");
  json_builder_add_int_value (builder, card->reps);
  json_builder_set_member_name (builder, "lapses");
  json_builder_add_int_value (builder, card->lapses);
  json_builder_end_object (builder);
  rehearse_cli_print_builder (builder);
}

int
rehearse_cli_review (RehearseCli  *cli,
                     int           argc,
                     char        **argv,
                     GError      **error)
{
  RehearseFsrsParameters parameters;
  g_autofree char *due_text = NULL;
  g_autofree char *interval = NULL;
  const char *question_key;
  RehearseFsrsCard card;
  RehearseGrade grade;
  Arguments arguments;
  gint64 now;

  if (!split_arguments (argc, argv, FALSE, 2, &arguments) || arguments.n_positional != 2)
    return rehearse_cli_usage_error (error, "review KEY 1-4 [--at TIME]");

  question_key = arguments.positional[0];
  if (!parse_grade (arguments.positional[1], &grade, error) || !parse_at (&arguments, &now, error))
    return FALSE;

  /* The library names an unknown key. */
  rehearse_fsrs_parameters_init_default (&parameters);
  if (!rehearse_library_record_review (cli->library, question_key, &parameters, grade, now, 0,
                                       &card, error))
    return FALSE;

  if (cli->json)
    {
      print_review_json (question_key, grade, now, &card);
      return TRUE;
    }

  due_text = format_time (card.due);
  interval = rehearse_format_interval ((card.due - now + 500) / 1000);
  g_print ("Reviewed %s (%s); next review %s, in %s\n", question_key, grade_names[grade],
           due_text, interval);
  return TRUE;
}
