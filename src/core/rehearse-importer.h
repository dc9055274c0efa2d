/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rehearse-library.h"
#include "rehearse-parsed-deck.h"
#include "rehearse-text-repair.h"

G_BEGIN_DECLS

/* Files over this size are refused before they are read: real decks are
 * about 1.2 MB per 1,000 questions, and cmark-gfm can spend 60 bytes of
 * memory per byte of hostile input. */
#define REHEARSE_IMPORT_MAX_FILE_SIZE (16 * 1024 * 1024)

/* One topic of the deck as the import read it: the outline a dry run
 * prints and the window shows in the import result. */
typedef struct
{
  char  *title;
  char  *icon;              /* or NULL */
  guint  question_count;
  guint  unanswered_count;  /* questions with "no answer in the source" */
} RehearseImportTopic;

/* What happened to one deck (or one path that failed): the front ends turn
 * it into "Imported …, repaired …, skipped …". */
typedef struct
{
  char                 *source;          /* the file(s) or folder as given */
  char                 *deck_title;      /* NULL when nothing was imported */
  RehearseImportResult  result;
  guint                 topic_count;
  guint                 question_count;
  RehearseRepairReport  repair;          /* summed over the deck's files */
  GPtrArray            *files;           /* char *: the files read into the deck */
  GPtrArray            *skipped;         /* char *: "name: reason", files a folder import left out */
  GError               *error;           /* set when this source was not imported */

  /* The outline of what was read, set with deck_title (also by a dry run). */
  GPtrArray            *topics;          /* of RehearseImportTopic, in reading order */
  guint                 unanswered_count; /* questions with no answer in the source */
  GPtrArray            *left_out;        /* char *: "name:line: reason", parts of files that
                                          * are neither questions, answers nor topics */
} RehearseImportReport;

void                 rehearse_import_report_free   (RehearseImportReport *report);

/* Reads one file into a deck: refuses binary, empty and oversized files
 * with a message naming the file, converts UTF-16, repairs the text and
 * parses it. Keys are not assigned. */
RehearseParsedDeck  *rehearse_importer_read_file   (const char            *path,
                                                    RehearseRepairReport  *repair,
                                                    GError               **error);

/* Reads the files and folders in @paths and stores them in @library: a
 * folder is one deck; files given together that continue one numbered
 * series (301–350, then 351–400) are one deck; any other file is a deck of
 * its own. Each deck is one transaction: a failure leaves the library as it
 * was. Returns: (element-type RehearseImportReport): one report per deck or
 * failed path: folders first, then failed files, then decks of files in
 * question-number order. */
GPtrArray           *rehearse_importer_import      (RehearseLibrary       *library,
                                                    const char * const    *paths,
                                                    GCancellable          *cancellable);
/* What rehearse_importer_import() would import, read the same way but
 * stored nowhere: the reports' outcome is REHEARSE_IMPORT_UNCHANGED and
 * their topics, unanswered_count and left_out say what was found. */
GPtrArray           *rehearse_importer_dry_run     (const char * const    *paths,
                                                    GCancellable          *cancellable);
void                 rehearse_importer_import_async  (RehearseLibrary     *library,
                                                      const char * const  *paths,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GPtrArray           *rehearse_importer_import_finish (GAsyncResult        *result,
                                                      GError             **error);

/* The bundled decks' folder: $REHEARSE_BUNDLED_DECKS_DIR when set (tests,
 * `meson devenv`), else the installed data folder. */
const char          *rehearse_importer_bundled_decks_dir (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RehearseImportReport, rehearse_import_report_free)

G_END_DECLS
