/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rehearse-notes-file.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rehearse-clock.h"
#include "rehearse-error.h"

#define NOTES_FILE_VERSION 2
#define FILE_MARKER_PREFIX "<!-- rehearse-notes"
#define ENTRY_MARKER_PREFIX "<!-- rehearse-entry"
#define END_MARKER_PREFIX "<!-- rehearse-end"
#define MARKER_END "-->"
#define BOOKMARK_LINE_PREFIX "**Bookmarked"
#define UTF8_BOM "\xef\xbb\xbf"

/* Left readable in marker values: none of them is a space, a line break,
 * '>' or '%', so no value can end a field, a line or the comment. */
#define VALUE_CHARS_ALLOWED "!$&'()*+,;=:@/?"

/* ---- Writing ----------------------------------------------------------- */

static void
append_field (GString    *out,
              const char *name,
              const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, VALUE_CHARS_ALLOWED, TRUE);

  g_string_append_printf (out, " %s=%s", name, escaped);
}

/* Never a date the importer would refuse as in the future: a library
 * written while the clock was ahead exports its dates as now. */
static void
append_date_field (GString    *out,
                   const char *name,
                   gint64      date)
{
  g_string_append_printf (out, " %s=%" G_GINT64_FORMAT, name,
                          MIN (date, rehearse_clock_now_ms () / 1000));
}

static void
append_entry_marker (GString                 *out,
                     const RehearseUserEntry *entry,
                     const char              *note)
{
  g_string_append (out, ENTRY_MARKER_PREFIX);
  append_field (out, "key", entry->question_key);
  if (entry->bookmarked)
    append_date_field (out, "bookmarked-at", entry->bookmarked_at);
  if (entry->label != NULL)
    append_field (out, "label", entry->label);
  if (note != NULL)
    {
      append_date_field (out, "note-updated-at", entry->note_updated_at);
      /* The reader checks it: a note cut short or run into the next one by
       * an edit does not come back as if whole. */
      g_string_append_printf (out, " note-size=%" G_GSIZE_FORMAT, strlen (note));
    }
  if (entry->question_text != NULL)
    append_field (out, "text", entry->question_text);
  g_string_append (out, " " MARKER_END "\n");
}

/* Display lines hold one line whatever the value holds. */
static void
append_single_line (GString    *out,
                    const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    g_string_append_c (out, *p == '\n' || *p == '\r' ? ' ' : *p);
}

static void
append_heading (GString                 *out,
                const RehearseUserEntry *entry)
{
  const char *title = entry->question_text != NULL ? entry->question_text : entry->question_key;
  g_autoptr(GString) line = g_string_new (NULL);
  gsize hashes = 0;

  append_single_line (line, title);
  while (hashes < line->len && line->str[line->len - 1 - hashes] == '#')
    hashes++;
  /* Trailing '#'s would be read as the heading's closing sequence. */
  if (hashes > 0)
    g_string_insert_c (line, line->len - hashes, '\\');

  g_string_append (out, line->len > 0 ? "## " : "##");
  g_string_append_len (out, line->str, line->len);
  g_string_append (out, "\n\n");
}

static void
append_bookmark_line (GString    *out,
                      const char *label)
{
  if (label != NULL && *label != '\0')
    {
      g_string_append (out, BOOKMARK_LINE_PREFIX ":** ");
      append_single_line (out, label);
      g_string_append (out, "\n\n");
    }
  else
    {
      g_string_append (out, BOOKMARK_LINE_PREFIX "**\n\n");
    }
}

/* A line that could be taken for one of the file's markers: any number
 * of backslashes, then "<!--", spaces and "rehearse-". A note line of that
 * shape gets one more backslash on export and loses one on import, and an
 * unescaped one the importer cannot read as a marker is damage, not note
 * text. (Version 1 files escaped the entry marker's exact start only.) */
static gboolean
looks_like_marker (const char *line,
                   gsize       length,
                   guint       version)
{
  const char *end = line + length;
  const char *p = line;

  while (p < end && *p == '\\')
    p++;

  if (version < 2)
    return (gsize) (end - p) >= strlen (ENTRY_MARKER_PREFIX)
           && memcmp (p, ENTRY_MARKER_PREFIX, strlen (ENTRY_MARKER_PREFIX)) == 0;

  if ((gsize) (end - p) < strlen ("<!--") || memcmp (p, "<!--", strlen ("<!--")) != 0)
    return FALSE;
  for (p += strlen ("<!--"); p < end && (*p == ' ' || *p == '\t');)
    p++;
  return (gsize) (end - p) >= strlen ("rehearse-")
         && memcmp (p, "rehearse-", strlen ("rehearse-")) == 0;
}

/* Line endings as the reader sees them: CRLF and lone CRs become LF. */
static char *
normalize_note (const char *note)
{
  GString *out = g_string_sized_new (strlen (note));

  for (const char *p = note; *p != '\0'; p++)
    {
      if (*p != '\r')
        g_string_append_c (out, *p);
      else if (p[1] != '\n')
        g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

static void
append_note (GString    *out,
             const char *note)
{
  const char *p = note;

  while (*p != '\0')
    {
      gsize length = strcspn (p, "\n");

      if (looks_like_marker (p, length, NOTES_FILE_VERSION))
        g_string_append_c (out, '\\');
      g_string_append_len (out, p, length);
      p += length;
      if (*p != '\0')
        {
          g_string_append_c (out, '\n');
          p++;
        }
    }

  /* End the note's last line, then leave a blank line before the next
   * entry; the importer removes both. */
  g_string_append (out, "\n\n");
}

static void
append_entry (GString                 *out,
              const RehearseUserEntry *entry)
{
  g_autofree char *note = entry->note != NULL ? normalize_note (entry->note) : NULL;

  append_entry_marker (out, entry, note);
  append_heading (out, entry);
  if (entry->bookmarked)
    append_bookmark_line (out, entry->label);
  if (note != NULL)
    append_note (out, note);
}

char *
rehearse_notes_file_format (GPtrArray *entries)
{
  GString *out;

  g_return_val_if_fail (entries != NULL, NULL);

  out = g_string_new (FILE_MARKER_PREFIX " version=" G_STRINGIFY (NOTES_FILE_VERSION) " "
                      MARKER_END "\n");
  g_string_append (out,
                   "# Rehearse notes and bookmarks\n"
                   "\n"
                   "Notes and bookmarks exported from Rehearse. Import this file in Rehearse "
                   "to restore them; keep its hidden comment lines as they are.\n"
                   "\n");

  for (guint i = 0; i < entries->len; i++)
    {
      const RehearseUserEntry *entry = g_ptr_array_index (entries, i);

      g_return_val_if_fail (entry->question_key != NULL && *entry->question_key != '\0',
                            g_string_free (out, TRUE));
      append_entry (out, entry);
    }

  /* Its absence tells a file cut short. */
  g_string_append_printf (out, END_MARKER_PREFIX " entries=%u " MARKER_END "\n", entries->len);
  return g_string_free (out, FALSE);
}

/* ---- Reading ----------------------------------------------------------- */

/* Walks the text line by line; lines end at '\n' (the text is normalized
 * first) and are numbered as an editor numbers them. */
typedef struct
{
  const char *position;   /* start of the current line */
  const char *end;
  guint       number;
} LineCursor;

static gboolean
cursor_at_end (const LineCursor *cursor)
{
  return cursor->position >= cursor->end;
}

static gsize
cursor_line_length (const LineCursor *cursor)
{
  const char *newline = memchr (cursor->position, '\n', (gsize) (cursor->end - cursor->position));

  return (gsize) ((newline != NULL ? newline : cursor->end) - cursor->position);
}

static void
cursor_next (LineCursor *cursor)
{
  cursor->position += cursor_line_length (cursor);
  if (cursor->position < cursor->end)
    cursor->position++;
  cursor->number++;
}

static gboolean
cursor_line_starts_with (const LineCursor *cursor,
                         const char       *prefix)
{
  gsize prefix_length = strlen (prefix);

  return cursor_line_length (cursor) >= prefix_length
         && memcmp (cursor->position, prefix, prefix_length) == 0;
}

static gboolean
cursor_line_is_blank (const LineCursor *cursor)
{
  gsize length = cursor_line_length (cursor);

  for (gsize i = 0; i < length; i++)
    if (cursor->position[i] != ' ' && cursor->position[i] != '\t')
      return FALSE;

  return TRUE;
}

static void
set_damaged_marker (GError     **error,
                    const char  *display_name,
                    guint        line_number,
                    const char  *reason)
{
  g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_NOTES_FILE,
               _("%s: the Rehearse marker on line %u is damaged (%s); fix that line as it was "
                 "exported, or export the notes again"),
               display_name, line_number, reason);
}

static gboolean
add_marker_field (GHashTable  *fields,
                  const char  *token,
                  gsize        length,
                  char       **reason)
{
  const char *equals = memchr (token, '=', length);
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;

  if (equals == NULL || equals == token)
    {
      *reason = g_strdup_printf (_("“%.*s” is not name=value"), (int) length, token);
      return FALSE;
    }

  name = g_strndup (token, (gsize) (equals - token));
  value = g_uri_unescape_segment (equals + 1, token + length, NULL);
  if (value == NULL || !g_utf8_validate (value, -1, NULL))
    {
      *reason = g_strdup_printf (_("the value of “%s” is not valid percent-encoded UTF-8"), name);
      return FALSE;
    }
  if (g_hash_table_contains (fields, name))
    {
      *reason = g_strdup_printf (_("“%s” appears twice"), name);
      return FALSE;
    }

  g_hash_table_insert (fields, g_steal_pointer (&name), g_steal_pointer (&value));
  return TRUE;
}

/* "PREFIX name=value … -->" to a table of decoded values, or NULL with a
 * reason a person can act on. */
static GHashTable *
parse_marker (const LineCursor  *cursor,
              const char        *prefix,
              char             **reason)
{
  g_autoptr(GHashTable) fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *p = cursor->position + strlen (prefix);
  const char *end = cursor->position + cursor_line_length (cursor);

  while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
    end--;
  if ((gsize) (end - p) < strlen (MARKER_END)
      || memcmp (end - strlen (MARKER_END), MARKER_END, strlen (MARKER_END)) != 0)
    {
      *reason = g_strdup (_("the “-->” that ends it is missing"));
      return NULL;
    }
  end -= strlen (MARKER_END);
  if (p < end && *p != ' ')
    {
      *reason = g_strdup_printf (_("“%s” is not followed by a space"), prefix + strlen ("<!-- "));
      return NULL;
    }

  while (p < end)
    {
      const char *space = memchr (p, ' ', (gsize) (end - p));
      const char *token_end = space != NULL ? space : end;

      if (token_end > p && !add_marker_field (fields, p, (gsize) (token_end - p), reason))
        return NULL;
      p = token_end + (space != NULL ? 1 : 0);
    }

  return g_steal_pointer (&fields);
}

static gboolean
parse_number (GHashTable  *fields,
              const char  *name,
              gint64      *number,
              char       **reason)
{
  const char *value = g_hash_table_lookup (fields, name);

  if (g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, number, NULL))
    return TRUE;

  *reason = g_strdup_printf (_("“%s=%s” is not a whole number"), name, value);
  return FALSE;
}

static gboolean
read_file_marker (const LineCursor  *cursor,
                  const char        *display_name,
                  guint             *file_version,
                  GError           **error)
{
  g_autoptr(GHashTable) fields = NULL;
  g_autofree char *reason = NULL;
  gint64 version = 0;

  fields = parse_marker (cursor, FILE_MARKER_PREFIX, &reason);
  if (fields != NULL && !g_hash_table_contains (fields, "version"))
    reason = g_strdup (_("it has no “version=”"));
  else if (fields != NULL)
    parse_number (fields, "version", &version, &reason);

  if (reason != NULL)
    {
      set_damaged_marker (error, display_name, cursor->number, reason);
      return FALSE;
    }

  if (version > NOTES_FILE_VERSION)
    {
      g_autofree char *found = g_strdup_printf ("%" G_GINT64_FORMAT, version);

      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NEWER_DATABASE,
                   _("%s was exported by a newer version of Rehearse (notes file version %s; "
                     "this version reads up to %d); update Rehearse to import it"),
                   display_name, found, NOTES_FILE_VERSION);
      return FALSE;
    }

  *file_version = (guint) MAX (version, 1);
  return TRUE;
}

static gboolean
at_entry_or_end (const LineCursor *cursor)
{
  return cursor_line_starts_with (cursor, ENTRY_MARKER_PREFIX)
         || cursor_line_starts_with (cursor, END_MARKER_PREFIX);
}

/* The header is everything before the first entry; one of its lines is the
 * file marker. */
static gboolean
read_header (LineCursor  *cursor,
             const char  *display_name,
             guint       *version,
             GError     **error)
{
  gboolean found = FALSE;

  for (; !cursor_at_end (cursor) && !at_entry_or_end (cursor); cursor_next (cursor))
    {
      if (found || !cursor_line_starts_with (cursor, FILE_MARKER_PREFIX))
        continue;
      if (!read_file_marker (cursor, display_name, version, error))
        return FALSE;
      found = TRUE;
    }

  if (!found)
    g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_NOTES_FILE,
                 _("%s is not a Rehearse notes file: it lacks the line “%s version=%d %s” that "
                   "Rehearse writes at the top of an export"),
                 display_name, FILE_MARKER_PREFIX, NOTES_FILE_VERSION, MARKER_END);
  return found;
}

static char *
dup_field (GHashTable *fields,
           const char *name)
{
  return g_strdup (g_hash_table_lookup (fields, name));
}

/* A day of slack for clocks set a little ahead. A date far in the future
 * would win over every real change at the next restore. */
#define FUTURE_SLACK_SECONDS (24 * 60 * 60)

static gboolean
parse_date (GHashTable  *fields,
            const char  *name,
            gint64      *date,
            char       **reason)
{
  gint64 latest = rehearse_clock_now_ms () / 1000 + FUTURE_SLACK_SECONDS;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *shown = NULL;

  if (!parse_number (fields, name, date, reason))
    return FALSE;
  if (*date <= latest)
    return TRUE;

  when = g_date_time_new_from_unix_utc (*date);
  shown = when != NULL ? g_date_time_format (when, "%Y-%m-%d") : g_strdup (_("beyond the year 9999"));
  *reason = g_strdup_printf (_("“%s=%lld” is a date in the future, %s"),
                             name, (long long) *date, shown);
  return FALSE;
}

static RehearseUserEntry *
entry_from_fields (GHashTable  *fields,
                   char       **reason)
{
  g_autoptr(RehearseUserEntry) entry = NULL;
  const char *key = g_hash_table_lookup (fields, "key");

  if (key == NULL || *key == '\0')
    {
      *reason = g_strdup (_("it has no “key=” naming the question"));
      return NULL;
    }

  entry = rehearse_user_entry_new (key);
  entry->question_text = dup_field (fields, "text");
  entry->label = dup_field (fields, "label");
  entry->bookmarked = g_hash_table_contains (fields, "bookmarked-at");
  if (entry->bookmarked && !parse_date (fields, "bookmarked-at", &entry->bookmarked_at, reason))
    return NULL;
  if (g_hash_table_contains (fields, "note-updated-at")
      && !parse_date (fields, "note-updated-at", &entry->note_updated_at, reason))
    return NULL;

  return g_steal_pointer (&entry);
}

static gboolean
skip_line_if (LineCursor *cursor,
              gboolean    has_shape)
{
  if (cursor_at_end (cursor) || !has_shape)
    return FALSE;

  cursor_next (cursor);
  return TRUE;
}

/* Skips the heading, blank and bookmark lines the exporter wrote, each only
 * when it has its shape: a line deleted by hand costs no note text. */
static void
skip_display_lines (LineCursor *cursor,
                    gboolean    bookmarked)
{
  skip_line_if (cursor, cursor_line_starts_with (cursor, "#"));
  skip_line_if (cursor, cursor_line_is_blank (cursor));
  if (bookmarked && skip_line_if (cursor, cursor_line_starts_with (cursor, BOOKMARK_LINE_PREFIX)))
    skip_line_if (cursor, cursor_line_is_blank (cursor));
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;

  return TRUE;
}

/* The note runs to the next entry marker (or, from version 2, the end
 * marker): its lines unescaped, less the line end and blank line the
 * exporter added. FALSE with @error set at a line that looks like a marker
 * but is none the reader knows: damage, which would otherwise run two
 * entries into one note. */
static gboolean
read_note (LineCursor  *cursor,
           guint        version,
           gboolean     has_date,
           const char  *display_name,
           char       **note_out,
           GError     **error)
{
  g_autoptr(GString) note = g_string_new (NULL);

  for (; !cursor_at_end (cursor) && !cursor_line_starts_with (cursor, ENTRY_MARKER_PREFIX)
         && !(version >= 2 && cursor_line_starts_with (cursor, END_MARKER_PREFIX));
       cursor_next (cursor))
    {
      gsize length = cursor_line_length (cursor);
      gsize skip = 0;

      if (looks_like_marker (cursor->position, length, version))
        {
          if (cursor->position[0] != '\\')
            {
              set_damaged_marker (error, display_name, cursor->number,
                                  _("it is not a marker this version of Rehearse reads"));
              return FALSE;
            }
          skip = 1;
        }

      g_string_append_len (note, cursor->position + skip, (gssize) (length - skip));
      if (cursor->position + length < cursor->end)
        g_string_append_c (note, '\n');
    }

  for (guint i = 0; i < 2 && note->len > 0 && note->str[note->len - 1] == '\n'; i++)
    g_string_truncate (note, note->len - 1);

  *note_out = !has_date && is_blank (note->str) ? NULL
                                                : g_string_free (g_steal_pointer (&note), FALSE);
  return TRUE;
}

/* From version 2 a dated note carries its size: a note cut short, or one
 * run into by text that lost its marker, does not come back as if whole. */
static gboolean
check_note_size (GHashTable              *fields,
                 const RehearseUserEntry *entry,
                 guint                    version,
                 guint                    marker_line,
                 const char              *display_name,
                 GError                 **error)
{
  g_autofree char *reason = NULL;
  gint64 expected;

  if (entry->note != NULL && strlen (entry->note) > REHEARSE_NOTE_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (strlen (entry->note));
      g_autofree char *limit = g_format_size (REHEARSE_NOTE_MAX_SIZE);

      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_TOO_LARGE,
                   _("%s: the note after line %u is too long (%s; notes up to %s are kept)"),
                   display_name, marker_line, size, limit);
      return FALSE;
    }

  if (version < 2 || !g_hash_table_contains (fields, "note-updated-at"))
    return TRUE;

  if (!g_hash_table_contains (fields, "note-size"))
    reason = g_strdup (_("it has no “note-size=”"));
  else
    parse_number (fields, "note-size", &expected, &reason);
  if (reason != NULL)
    {
      set_damaged_marker (error, display_name, marker_line, reason);
      return FALSE;
    }

  if ((gint64) strlen (entry->note) != expected)
    {
      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_NOTES_FILE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: the note after line %u has %llu byte where its marker says "
                                "%lld: the file was cut or edited there; export the notes again, "
                                "or fix that note",
                                "%s: the note after line %u has %llu bytes where its marker says "
                                "%lld: the file was cut or edited there; export the notes again, "
                                "or fix that note",
                                strlen (entry->note)),
                   display_name, marker_line, (unsigned long long) strlen (entry->note),
                   (long long) expected);
      return FALSE;
    }

  return TRUE;
}

static RehearseUserEntry *
read_entry (LineCursor  *cursor,
            guint        version,
            const char  *display_name,
            GError     **error)
{
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(RehearseUserEntry) entry = NULL;
  g_autofree char *reason = NULL;
  guint marker_line = cursor->number;

  fields = parse_marker (cursor, ENTRY_MARKER_PREFIX, &reason);
  if (fields != NULL)
    entry = entry_from_fields (fields, &reason);
  if (entry == NULL)
    {
      set_damaged_marker (error, display_name, marker_line, reason);
      return NULL;
    }

  cursor_next (cursor);
  skip_display_lines (cursor, entry->bookmarked);
  if (!read_note (cursor, version, g_hash_table_contains (fields, "note-updated-at"),
                  display_name, &entry->note, error)
      || !check_note_size (fields, entry, version, marker_line, display_name, error))
    return NULL;

  return g_steal_pointer (&entry);
}

/* The end marker counts the entries before it, and only blank lines may
 * follow it. */
static gboolean
read_end (LineCursor  *cursor,
          guint        n_entries,
          const char  *display_name,
          GError     **error)
{
  g_autoptr(GHashTable) fields = NULL;
  g_autofree char *reason = NULL;
  guint marker_line = cursor->number;
  gint64 expected = 0;

  fields = parse_marker (cursor, END_MARKER_PREFIX, &reason);
  if (fields != NULL && !g_hash_table_contains (fields, "entries"))
    reason = g_strdup (_("it has no “entries=”"));
  else if (fields != NULL)
    parse_number (fields, "entries", &expected, &reason);
  if (reason != NULL)
    {
      set_damaged_marker (error, display_name, marker_line, reason);
      return FALSE;
    }

  if (expected != n_entries)
    {
      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_NOTES_FILE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: the end marker on line %u counts %lld entry, and the file "
                                "holds %u: entries were removed or damaged; export the notes "
                                "again",
                                "%s: the end marker on line %u counts %lld entries, and the file "
                                "holds %u: entries were removed or damaged; export the notes "
                                "again",
                                (gulong) expected),
                   display_name, marker_line, (long long) expected, n_entries);
      return FALSE;
    }

  for (cursor_next (cursor); !cursor_at_end (cursor); cursor_next (cursor))
    if (!cursor_line_is_blank (cursor))
      {
        g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_NOTES_FILE,
                     _("%s: line %u comes after the end marker (line %u); notes go before it"),
                     display_name, cursor->number, marker_line);
        return FALSE;
      }

  return TRUE;
}

/* Line numbers as an editor shows them: LF, CRLF and CR each end a line. */
static guint
count_line (const char *text,
            const char *position)
{
  guint number = 1;

  for (const char *p = text; p < position; p++)
    if (*p == '\n' || (*p == '\r' && (p + 1 >= position || p[1] != '\n')))
      number++;

  return number;
}

static gboolean
check_text (const char  *text,
            gsize        length,
            const char  *display_name,
            GError     **error)
{
  const char *invalid = NULL;

  if (length == 0)
    {
      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_EMPTY, _("%s is empty"), display_name);
      return FALSE;
    }

  if (length > REHEARSE_NOTES_FILE_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (length);
      g_autofree char *limit = g_format_size (REHEARSE_NOTES_FILE_MAX_SIZE);

      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_TOO_LARGE,
                   _("%s is too large (%s; notes files up to %s can be imported)"),
                   display_name, size, limit);
      return FALSE;
    }

  /* Not repaired as decks are: a notes file is Rehearse's own output, and
   * a guess at its encoding could change notes without a word. */
  if (!g_utf8_validate_len (text, length, &invalid))
    {
      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_TEXT,
                   _("%s is not valid UTF-8 text (from line %u); save it as UTF-8 and import "
                     "it again"),
                   display_name, count_line (text, invalid));
      return FALSE;
    }

  return TRUE;
}

static char *
normalize_line_endings (const char *text,
                        gsize       length,
                        gsize      *normalized_length)
{
  GString *out = g_string_sized_new (length);

  for (gsize i = 0; i < length; i++)
    {
      if (text[i] != '\r')
        g_string_append_c (out, text[i]);
      else if (i + 1 >= length || text[i + 1] != '\n')
        g_string_append_c (out, '\n');
    }

  *normalized_length = out->len;
  return g_string_free (out, FALSE);
}

GPtrArray *
rehearse_notes_file_parse (const char  *text,
                           gsize        length,
                           const char  *display_name,
                           GError     **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *normalized = NULL;
  gsize normalized_length = 0;
  gboolean ended = FALSE;
  guint version = 1;
  LineCursor cursor;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_text (text, length, display_name, error))
    return NULL;

  if (length >= strlen (UTF8_BOM) && memcmp (text, UTF8_BOM, strlen (UTF8_BOM)) == 0)
    {
      text += strlen (UTF8_BOM);
      length -= strlen (UTF8_BOM);
    }
  normalized = normalize_line_endings (text, length, &normalized_length);
  cursor = (LineCursor) { normalized, normalized + normalized_length, 1 };

  if (!read_header (&cursor, display_name, &version, error))
    return NULL;

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) rehearse_user_entry_free);
  while (!cursor_at_end (&cursor))
    {
      RehearseUserEntry *entry;

      if (cursor_line_starts_with (&cursor, END_MARKER_PREFIX))
        {
          if (!read_end (&cursor, entries->len, display_name, error))
            return NULL;
          ended = TRUE;
          break;
        }

      entry = read_entry (&cursor, version, display_name, error);
      if (entry == NULL)
        return NULL;
      g_ptr_array_add (entries, entry);
    }

  /* Version 1 had no end marker. */
  if (version >= 2 && !ended)
    {
      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_NOTES_FILE,
                   _("%s ends at line %u without its end marker: the file was cut short; "
                     "export the notes again"),
                   display_name, cursor.number - 1);
      return NULL;
    }

  return g_steal_pointer (&entries);
}

/* ---- Files ------------------------------------------------------------- */

static gboolean
check_file_info (GFileInfo   *info,
                 const char  *display_name,
                 GError     **error)
{
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_NOTES_FILE,
                   _("%s is not a regular file"), display_name);
      return FALSE;
    }

  if (g_file_info_get_size (info) > REHEARSE_NOTES_FILE_MAX_SIZE)
    {
      g_autofree char *size = g_format_size ((guint64) g_file_info_get_size (info));
      g_autofree char *limit = g_format_size (REHEARSE_NOTES_FILE_MAX_SIZE);

      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_TOO_LARGE,
                   _("%s is too large (%s; notes files up to %s can be imported)"),
                   display_name, size, limit);
      return FALSE;
    }

  return TRUE;
}

gboolean
rehearse_notes_file_read (GFile         *file,
                          GPtrArray    **entries,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *contents = NULL;
  const char *display_name;
  gsize length = 0;
  GPtrArray *parsed;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (entries != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* GIO's own errors name the file already. */
  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return FALSE;

  display_name = g_file_info_get_display_name (info);
  if (!check_file_info (info, display_name, error))
    return FALSE;

  /* The parser checks the size again, should the file have grown since. */
  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
    return FALSE;

  parsed = rehearse_notes_file_parse (contents, length, display_name, error);
  if (parsed == NULL)
    return FALSE;

  *entries = parsed;
  return TRUE;
}

static char *
file_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return g_filename_display_name (basename != NULL ? basename : "/");
}

gboolean
rehearse_notes_file_write (GFile         *file,
                           GPtrArray     *entries,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *text = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (entries != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = rehearse_notes_file_format (entries);
  length = strlen (text);

  /* A file the importer would refuse is no backup at all. */
  if (length > REHEARSE_NOTES_FILE_MAX_SIZE)
    {
      g_autofree char *display_name = file_display_name (file);
      g_autofree char *size = g_format_size (length);
      g_autofree char *limit = g_format_size (REHEARSE_NOTES_FILE_MAX_SIZE);

      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_TOO_LARGE,
                   _("%s was not written: the notes come to %s, and notes files over %s "
                     "cannot be imported again"),
                   display_name, size, limit);
      return FALSE;
    }

  /* GIO writes a temporary file beside it and renames it over the old one,
   * so a crash leaves the old file or the new one, never half of one. */
  return g_file_replace_contents (file, text, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                  cancellable, error);
}

/* ---- Off the calling thread ------------------------------------------------- */

static void
read_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GPtrArray *entries = NULL;
  GError *error = NULL;

  if (rehearse_notes_file_read (task_data, &entries, cancellable, &error))
    g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

void
rehearse_notes_file_read_async (GFile               *file,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rehearse_notes_file_read_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, read_in_thread);
}

gboolean
rehearse_notes_file_read_finish (GAsyncResult  *result,
                                 GPtrArray    **entries,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rehearse_notes_file_read_async,
                        FALSE);
  g_return_val_if_fail (entries != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *entries = g_task_propagate_pointer (G_TASK (result), error);
  return *entries != NULL;
}

typedef struct
{
  GFile     *file;
  GPtrArray *entries;
} NotesFileWrite;

static void
notes_file_write_free (gpointer data)
{
  NotesFileWrite *write = data;

  g_object_unref (write->file);
  g_ptr_array_unref (write->entries);
  g_free (write);
}

static void
write_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  NotesFileWrite *write = task_data;
  GError *error = NULL;

  if (rehearse_notes_file_write (write->file, write->entries, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
rehearse_notes_file_write_async (GFile               *file,
                                 GPtrArray           *entries,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  NotesFileWrite *write;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (entries != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  write = g_new0 (NotesFileWrite, 1);
  write->file = g_object_ref (file);
  write->entries = g_ptr_array_ref (entries);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rehearse_notes_file_write_async);
  g_task_set_task_data (task, write, notes_file_write_free);
  g_task_run_in_thread (task, write_in_thread);
}

gboolean
rehearse_notes_file_write_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rehearse_notes_file_write_async,
                        FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
