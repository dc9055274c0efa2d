/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rehearse-cli.h"
#include "rehearse-error.h"
#include "rehearse-fsrs.h"

/* fsrs-replay: review histories through the scheduler with its default
 * parameters, one card per JSON line, so that anyone can hold Rehearse's
 * FSRS-6 against another implementation (tests/data/fsrs/ does, against
 * ts-fsrs). It touches no library. Members other than "start" and
 * "reviews" are ignored, so a file may carry the expected results too. */

#define STANDARD_STREAM     "-"
#define STANDARD_INPUT_NAME _("standard input")

typedef struct
{
  const char *name;
  guint       line_number;
} Source;

static gboolean
input_error (GError       **error,
             const Source  *source,
             const char    *reason)
{
  g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT, "%s:%u: %s",
               source->name, source->line_number, reason);
  return FALSE;
}

/* @name's text, or NULL when it is absent or not a string. */
static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* ---- Times ----------------------------------------------------------------- */

/* Unix milliseconds of an ISO 8601 time; UTC unless it names its offset.
 * GDateTime keeps microseconds that a decimal fraction may have missed by
 * one, so they are rounded to the millisecond. */
static gboolean
parse_time (const char *text,
            gint64     *milliseconds)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = NULL;

  if (text == NULL)
    return FALSE;

  time = g_date_time_new_from_iso8601 (text, utc);
  if (time == NULL)
    return FALSE;

  *milliseconds = g_date_time_to_unix (time) * 1000
                  + (g_date_time_get_microsecond (time) + 500) / 1000;
  return TRUE;
}

/* As JavaScript's Date.prototype.toISOString: "2022-11-29T12:30:00.000Z". */
static char *
format_time (gint64 milliseconds)
{
  gint64 seconds = milliseconds / 1000 - (milliseconds % 1000 < 0);
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (seconds);
  g_autofree char *text = NULL;

  if (time == NULL)
    return NULL;

  text = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", text, (int) (milliseconds - seconds * 1000));
}

/* The shortest text that reads back as @value ("2.3065", not
 * "2.3065000000000002"), whatever the locale. */
static void
append_number (GString *line,
               double   value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (text, sizeof text, format, value);
      if (g_ascii_strtod (text, NULL) == value)
        break;
    }
  g_string_append (line, text);
}

/* ---- One card ---------------------------------------------------------------- */

static gboolean
read_review (JsonNode       *node,
             gint64          previous,
             gint64         *time,
             RehearseGrade  *grade,
             const Source   *source,
             GError        **error)
{
  JsonObject *review = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonNode *grade_node;
  double value = 0;

  if (review == NULL)
    return input_error (error, source,
                        _("each review must be an object {\"t\": …, \"grade\": …}"));

  if (!parse_time (string_member (review, "t"), time))
    return input_error (error, source, _("a review's \"t\" must be an ISO 8601 time"));
  if (*time < previous)
    return input_error (error, source, _("the reviews must be in time order"));

  /* A number, as in JavaScript: 3.0 is 3. */
  grade_node = json_object_get_member (review, "grade");
  if (grade_node != NULL && (json_node_get_value_type (grade_node) == G_TYPE_INT64
                             || json_node_get_value_type (grade_node) == G_TYPE_DOUBLE))
    value = json_node_get_double (grade_node);
  if (value != 1 && value != 2 && value != 3 && value != 4)
    return input_error (error, source, _("a review's \"grade\" must be 1, 2, 3 or 4"));

  *grade = (RehearseGrade) value;
  return TRUE;
}

static void
append_card (GString                *line,
             const RehearseFsrsCard *card,
             const char             *due)
{
  g_string_append_printf (line, "{\"due\":\"%s\",\"stability\":", due);
  append_number (line, card->stability);
  g_string_append (line, ",\"difficulty\":");
  append_number (line, card->difficulty);
  g_string_append_printf (line, ",\"scheduled_days\":%d,\"state\":%d}",
                          card->scheduled_days, (int) card->state);
}

/* One input line's card, reviewed in turn: its output line. */
static char *
replay_card (const char                    *text,
             const RehearseFsrsParameters  *parameters,
             const Source                  *source,
             GError                       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) line = g_string_new ("{\"reviews\":[");
  JsonObject *object;
  JsonArray *reviews;
  RehearseFsrsCard card;
  gint64 start, previous;

  if (!json_parser_load_from_data (parser, text, -1, NULL)
      || json_parser_get_root (parser) == NULL
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      input_error (error, source, _("not a JSON object"));
      return NULL;
    }

  object = json_node_get_object (json_parser_get_root (parser));
  if (!parse_time (string_member (object, "start"), &start))
    {
      input_error (error, source, _("\"start\" must be an ISO 8601 time"));
      return NULL;
    }
  if (!json_object_has_member (object, "reviews")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "reviews")))
    {
      input_error (error, source, _("\"reviews\" must be an array"));
      return NULL;
    }

  reviews = json_object_get_array_member (object, "reviews");
  rehearse_fsrs_card_init (&card, start);
  previous = G_MININT64;

  for (guint i = 0; i < json_array_get_length (reviews); i++)
    {
      g_autofree char *due = NULL;
      RehearseGrade grade;
      gint64 time;

      if (!read_review (json_array_get_element (reviews, i), previous, &time, &grade, source,
                        error))
        return NULL;

      rehearse_fsrs_review (parameters, &card, grade, time, &card, NULL);
      previous = time;
      due = format_time (card.due);
      if (due == NULL)
        {
          input_error (error, source, _("a card falls due after the year 9999"));
          return NULL;
        }

      if (i > 0)
        g_string_append_c (line, ',');
      append_card (line, &card, due);
    }

  g_string_append (line, "]}");
  return g_string_free (g_steal_pointer (&line), FALSE);
}

/* ---- The command -------------------------------------------------------------- */

static gboolean
replay_stream (FILE                         *stream,
               const RehearseFsrsParameters *parameters,
               Source                       *source,
               GError                      **error)
{
  g_autofree char *text = NULL;
  size_t capacity = 0;
  ssize_t length;

  while ((length = getline (&text, &capacity, stream)) >= 0)
    {
      g_autofree char *output = NULL;

      source->line_number++;
      if ((size_t) length != strlen (text))
        return input_error (error, source, _("the line holds a NUL byte"));
      if (g_strstrip (text)[0] == '\0')
        continue;

      output = replay_card (text, parameters, source, error);
      if (output == NULL)
        return FALSE;
      g_print ("%s\n", output);
    }

  if (ferror (stream))
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not read %s: %s"), source->name, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

int
rehearse_cli_fsrs_replay (RehearseCli  *cli,
                          int           argc,
                          char        **argv,
                          GError      **error)
{
  RehearseFsrsParameters parameters;
  Source source = { 0, };
  FILE *stream;
  gboolean replayed;

  if (argc != 1)
    return rehearse_cli_usage_error (error, "fsrs-replay FILE|-");

  if (strcmp (argv[0], STANDARD_STREAM) == 0)
    {
      stream = stdin;
      source.name = STANDARD_INPUT_NAME;
    }
  else
    {
      stream = fopen (argv[0], "r");
      source.name = argv[0];
      if (stream == NULL)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not open %s: %s"), argv[0], g_strerror (saved_errno));
          return FALSE;
        }
    }

  rehearse_fsrs_parameters_init_default (&parameters);
  replayed = replay_stream (stream, &parameters, &source, error);
  if (stream != stdin)
    fclose (stream);
  if (!replayed)
    return FALSE;

  if (fflush (stdout) != 0 || ferror (stdout))
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _("Could not write to the standard output: %s"), g_strerror (errno));
      return FALSE;
    }

  return TRUE;
}
