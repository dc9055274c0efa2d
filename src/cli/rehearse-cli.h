/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "rehearse-library.h"

G_BEGIN_DECLS

/* What every command gets: the open library (NULL for commands that open
 * their own) and the output style. */
typedef struct
{
  const char      *db_path;
  RehearseLibrary *library;
  gboolean         json;
} RehearseCli;

/* Sets "usage: rehearse-cli @usage" as the error; returns FALSE. */
gboolean rehearse_cli_usage_error  (GError     **error,
                                    const char  *usage);

/* Prints @node, or what @builder built, as JSON on stdout (for --json). */
void     rehearse_cli_print_json    (JsonNode    *node);
void     rehearse_cli_print_builder (JsonBuilder *builder);
/* The snippet for a terminal: matches in bold when stdout is a terminal,
 * between [ and ] otherwise. */
char    *rehearse_cli_snippet_text (const char *snippet);
/* A question's members of a JSON object: key, number, text and topic, and
 * answer and in_depth when @question is a full one. */
void     rehearse_cli_add_question_members (JsonBuilder      *builder,
                                            RehearseQuestion *question);
/* A member @name of the object being built: @value, or null when NULL. */
void     rehearse_cli_add_string_or_null (JsonBuilder *builder,
                                          const char  *name,
                                          const char  *value);

/* Arguments (rehearse-cli-quiz.c). "2025-03-01T09:30:00Z",
 * "2025-03-01T10:30:00+01:00", or a date alone (midnight); without a zone
 * a time is UTC. */
gboolean rehearse_cli_parse_time   (const char  *text,
                                    gint64      *time,
                                    GError     **error);
/* Takes "--NAME VALUE" or "--NAME=VALUE" at argv[*i]: TRUE with *value
 * set (and *i past it) when argv[*i] is that option. */
gboolean rehearse_cli_take_option  (int          argc,
                                    char       **argv,
                                    int         *i,
                                    const char  *name,
                                    const char **value);

/* User data: bookmarks, notes, the orphaned, and the notes file
 * (rehearse-cli-user-data.c). */
int      rehearse_cli_bookmark     (RehearseCli  *cli,
                                    int           argc,
                                    char        **argv,
                                    GError      **error);
int      rehearse_cli_unbookmark   (RehearseCli  *cli,
                                    int           argc,
                                    char        **argv,
                                    GError      **error);
int      rehearse_cli_bookmarks    (RehearseCli  *cli,
                                    int           argc,
                                    char        **argv,
                                    GError      **error);
int      rehearse_cli_note         (RehearseCli  *cli,
                                    int           argc,
                                    char        **argv,
                                    GError      **error);
int      rehearse_cli_notes        (RehearseCli  *cli,
                                    int           argc,
                                    char        **argv,
                                    GError      **error);
int      rehearse_cli_orphans      (RehearseCli  *cli,
                                    int           argc,
                                    char        **argv,
                                    GError      **error);
int      rehearse_cli_export_notes (RehearseCli  *cli,
                                    int           argc,
                                    char        **argv,
                                    GError      **error);
int      rehearse_cli_import_notes (RehearseCli  *cli,
                                    int           argc,
                                    char        **argv,
                                    GError      **error);

/* Backups of the library (rehearse-cli-backup.c). */
int      rehearse_cli_backup       (RehearseCli  *cli,
                                    int           argc,
                                    char        **argv,
                                    GError      **error);
int      rehearse_cli_backups      (RehearseCli  *cli,
                                    int           argc,
                                    char        **argv,
                                    GError      **error);
int      rehearse_cli_restore      (RehearseCli  *cli,
                                    int           argc,
                                    char        **argv,
                                    GError      **error);

/* Review histories through the scheduler (rehearse-cli-fsrs.c). */
int      rehearse_cli_fsrs_replay  (RehearseCli  *cli,
                                    int           argc,
                                    char        **argv,
                                    GError      **error);

/* Spaced repetition: due questions and reviews (rehearse-cli-quiz.c). */
int      rehearse_cli_due          (RehearseCli  *cli,
                                    int           argc,
                                    char        **argv,
                                    GError      **error);
int      rehearse_cli_review       (RehearseCli  *cli,
                                    int           argc,
                                    char        **argv,
                                    GError      **error);

/* Progress and the study plan (rehearse-cli-progress.c). */
int      rehearse_cli_stats        (RehearseCli  *cli,
                                    int           argc,
                                    char        **argv,
                                    GError      **error);
int      rehearse_cli_plan         (RehearseCli  *cli,
                                    int           argc,
                                    char        **argv,
                                    GError      **error);

G_END_DECLS
