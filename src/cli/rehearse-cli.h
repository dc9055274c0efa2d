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

/* Prints @node, or what @builder built, as JSON on stdout (for --json). */
void     rehearse_cli_print_json    (JsonNode    *node);
void     rehearse_cli_print_builder (JsonBuilder *builder);
/* The snippet for a terminal: matches in bold when stdout is a terminal,
 * between [ and ] otherwise. */
char    *rehearse_cli_snippet_text (const char *snippet);

int      rehearse_cli_bench        (RehearseCli  *cli,
                                    int           argc,
                                    char        **argv,
                                    GError      **error);

G_END_DECLS
