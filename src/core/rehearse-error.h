/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define REHEARSE_ERROR (rehearse_error_quark ())

typedef enum
{
  REHEARSE_ERROR_FAILED,
  REHEARSE_ERROR_NOT_FOUND,        /* no such file, deck, topic or question */
  REHEARSE_ERROR_NOT_TEXT,         /* binary data where Markdown was expected */
  REHEARSE_ERROR_EMPTY,            /* a file with nothing in it */
  REHEARSE_ERROR_TOO_LARGE,        /* over the import size limit */
  REHEARSE_ERROR_NO_QUESTIONS,     /* valid Markdown, but nothing that reads as a question */
  REHEARSE_ERROR_DATABASE,         /* SQLite refused: disk full, locked, read-only... */
  REHEARSE_ERROR_CORRUPT_DATABASE, /* the library file is damaged */
  REHEARSE_ERROR_NEWER_DATABASE,   /* written by a newer Rehearse (a library or notes file) */
  REHEARSE_ERROR_INVALID_ARGUMENT,
  REHEARSE_ERROR_NOT_NOTES_FILE,   /* no notes-file marker, or a damaged marker line */
  REHEARSE_ERROR_SEARCH_INDEX,     /* the search index does not match the library: rebuild it */
} RehearseError;

GQuark rehearse_error_quark (void);

G_END_DECLS
