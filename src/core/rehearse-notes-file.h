/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rehearse-user-entry.h"

G_BEGIN_DECLS

/* The largest notes file read or written: thousands of notes of a usual
 * length, or 32 of the longest the library keeps (REHEARSE_NOTE_MAX_SIZE),
 * so any one note can always be exported and read back. */
#define REHEARSE_NOTES_FILE_MAX_SIZE (32 * 1024 * 1024)

/* The notes file: a user's bookmarks and notes exported as one Markdown
 * file that reads well anywhere Markdown is shown, and that imports back to
 * exactly what was exported.
 *
 *   <!-- rehearse-notes version=2 -->
 *   # Rehearse notes and bookmarks
 *
 *   Notes and bookmarks exported from Rehearse. …
 *
 *   <!-- rehearse-entry key=docker/301 bookmarked-at=1700000000 label=asked%20at%20ACME
 *   note-updated-at=1700000100 note-size=32 text=301.%20What%20is%20a%20Docker%20image? -->
 *   ## 301. What is a Docker image?
 *
 *   **Bookmarked:** asked at ACME
 *
 *   The note's Markdown, as written.
 *
 *   <!-- rehearse-end entries=1 -->
 *
 * The entry marker is one line (wrapped here). The data lives in HTML
 * comments, which Markdown viewers hide:
 *
 * - The file marker, "<!-- rehearse-notes version=N -->", is a line of the
 *   header (everything before the first entry). Without it the file is not
 *   a notes file; a larger N was written by a newer Rehearse.
 * - Each entry starts with a line that begins "<!-- rehearse-entry" and ends
 *   " -->", holding name=value fields separated by spaces, values
 *   percent-encoded (g_uri_escape_string, UTF-8 kept readable), so no value
 *   can hold a space, a newline or "-->". key is required. A field's
 *   presence carries the optional state: bookmarked-at ⇔ bookmarked, label ⇔
 *   label != NULL ("label=" is the empty label), note-updated-at ⇔ a note,
 *   text ⇔ question_text != NULL. Unknown fields are ignored, so a later
 *   version can add fields without refusing older readers; a change older
 *   readers would get wrong raises the version.
 * - After the entry marker come the display lines, known from the marker:
 *   the "##" heading, a blank line, and when bookmarked the "**Bookmarked**"
 *   line and a blank line. They are only for people; the marker's values
 *   win. The importer skips each one only when it has its shape (heading
 *   starts with "#", blank is blank, bookmark line starts "**Bookmarked"),
 *   so deleting a blank line by hand costs no note text.
 * - Everything else up to the next entry marker (or the end marker) is the
 *   note, written as it is plus "\n\n" (end its last line, then a blank
 *   line before the next entry). The importer removes up to two trailing
 *   newlines. A note line that could read as a marker (matching
 *   ^\\*<!--[ \t]*rehearse-) gets one more backslash on export and loses
 *   one on import; such a line without a backslash that is not a marker the
 *   importer knows is damage, and refuses the file. In prose it renders as
 *   the text it was; in a code block the backslash shows.
 * - Version 2: a dated note's marker has note-size, the note's length in
 *   bytes as the importer reads it back, and the file ends with
 *   "<!-- rehearse-end entries=N -->" and nothing but blank lines after it.
 *   A note of another size, a missing end marker (a file cut short) or
 *   another count refuses the whole file, naming the line. Version 1
 *   files, without either, still read.
 * - Dates more than a day ahead of the clock refuse the file (a date in
 *   the future would win over every real change at the next restore);
 *   the exporter writes none. Notes longer than REHEARSE_NOTE_MAX_SIZE
 *   refuse it too.
 * - The exporter leaves a blank line before every entry marker, so it
 *   always starts an HTML block, whatever the note before it ends with;
 *   only a note that leaves a code fence or a comment open hides the
 *   entries after it from a Markdown viewer (the importer is unaffected).
 * - A note is present when the marker has note-updated-at or, for a note
 *   typed by hand into the file, when its text is not blank (its date is
 *   then 0).
 *
 * Normalization: the file's line endings may be LF, CRLF or CR, and a UTF-8
 * byte-order mark at its start is skipped, so an export edited on Windows
 * imports as it was. Because of that a note's line endings come back as
 * LF: each CRLF or lone CR in a note becomes LF (format() writes them so,
 * and Markdown reads CR as a line ending anyway). Everything else in every
 * field comes back byte for byte: marker values are percent-encoded, so
 * CRs and newlines there survive too. Entries must hold UTF-8 and a
 * non-empty key; dates are kept only with what they date (bookmarked_at
 * when bookmarked, note_updated_at with a note), as RehearseUserEntry
 * documents. Entries come back in file order; duplicate keys are returned
 * as they are. */

/* Returns: (transfer full): the file's text, LF line endings. */
char      *rehearse_notes_file_format (GPtrArray     *entries);

/* Parses a notes file's text (@length bytes, no terminating NUL needed).
 * Errors in REHEARSE_ERROR name @display_name: EMPTY, TOO_LARGE (over
 * REHEARSE_NOTES_FILE_MAX_SIZE, or a note over REHEARSE_NOTE_MAX_SIZE), NOT_TEXT (not UTF-8), NOT_NOTES_FILE (no
 * file marker, or a damaged marker line, named by number), NEWER_DATABASE
 * (written by a newer Rehearse).
 * Returns: (transfer full) (element-type RehearseUserEntry): the entries. */
GPtrArray *rehearse_notes_file_parse  (const char    *text,
                                       gsize          length,
                                       const char    *display_name,
                                       GError       **error);

/* Loads and parses @file, refusing one over the size limit before reading
 * it. Sets *entries on success. Errors name the file. */
gboolean   rehearse_notes_file_read   (GFile         *file,
                                       GPtrArray    **entries,
                                       GCancellable  *cancellable,
                                       GError       **error);

/* Writes the entries to @file atomically: the old file stays whole until
 * the new one is complete. Errors name the file. */
gboolean   rehearse_notes_file_write  (GFile         *file,
                                       GPtrArray     *entries,
                                       GCancellable  *cancellable,
                                       GError       **error);

/* rehearse_notes_file_read() and _write() in a thread of their own, for a
 * program whose main loop must not wait on the disk. @entries is kept
 * until the write is done: leave it as it is. */
void       rehearse_notes_file_read_async   (GFile               *file,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean   rehearse_notes_file_read_finish  (GAsyncResult        *result,
                                             GPtrArray          **entries,
                                             GError             **error);
void       rehearse_notes_file_write_async  (GFile               *file,
                                             GPtrArray           *entries,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean   rehearse_notes_file_write_finish (GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
