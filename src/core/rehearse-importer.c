/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rehearse-importer.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rehearse-error.h"
#include "rehearse-parser.h"
#include "rehearse-text-repair.h"

/* How much of a file is looked at to tell text from binary data. */
#define SNIFF_LENGTH 65536

typedef struct
{
  const char *magic;
  gsize       length;
  const char *description;
} FileSignature;

/* Formats people drop on the window by mistake, named in the message. */
static const FileSignature signatures[] = {
  { "\x89PNG\r\n\x1a\n", 8, N_("a PNG image") },
  { "\xff\xd8\xff", 3, N_("a JPEG image") },
  { "GIF8", 4, N_("a GIF image") },
  { "%PDF-", 5, N_("a PDF document") },
  { "PK\x03\x04", 4, N_("a ZIP archive (or an office document)") },
  { "\x1f\x8b", 2, N_("a gzip archive") },
  { "BZh", 3, N_("a bzip2 archive") },
  { "\xfd" "7zXZ", 5, N_("an xz archive") },
  { "7z\xbc\xaf\x27\x1c", 6, N_("a 7-Zip archive") },
  { "Rar!", 4, N_("a RAR archive") },
  { "\x7f" "ELF", 4, N_("a program") },
  { "SQLite format 3", 16, N_("an SQLite database") },
  { "\xd0\xcf\x11\xe0", 4, N_("an old Microsoft Office document") },
};

static const char * const markdown_extensions[] = {
  ".md", ".markdown", ".mdown", ".mkd", ".txt",
};

void
rehearse_import_report_free (RehearseImportReport *report)
{
  if (report == NULL)
    return;

  g_free (report->source);
  g_free (report->deck_title);
  g_clear_pointer (&report->files, g_ptr_array_unref);
  g_clear_pointer (&report->skipped, g_ptr_array_unref);
  g_clear_pointer (&report->topics, g_ptr_array_unref);
  g_clear_pointer (&report->left_out, g_ptr_array_unref);
  g_clear_error (&report->error);
  g_free (report);
}

static void
import_topic_free (RehearseImportTopic *topic)
{
  g_free (topic->title);
  g_free (topic->icon);
  g_free (topic);
}

static RehearseImportReport *
import_report_new (const char *source)
{
  RehearseImportReport *report = g_new0 (RehearseImportReport, 1);

  report->source = g_strdup (source);
  report->files = g_ptr_array_new_with_free_func (g_free);
  report->skipped = g_ptr_array_new_with_free_func (g_free);
  report->topics = g_ptr_array_new_with_free_func ((GDestroyNotify) import_topic_free);
  report->left_out = g_ptr_array_new_with_free_func (g_free);

  return report;
}

const char *
rehearse_importer_bundled_decks_dir (void)
{
  const char *override = g_getenv ("REHEARSE_BUNDLED_DECKS_DIR");

  return override != NULL && *override != '\0' ? override : BUNDLED_DECKS_DIR;
}

static void
repair_report_add (RehearseRepairReport       *total,
                   const RehearseRepairReport *part)
{
  total->mojibake_repaired += part->mojibake_repaired;
  total->invalid_replaced += part->invalid_replaced;
  total->controls_removed += part->controls_removed;
  total->bom_removed |= part->bom_removed;
  total->crlf_normalized |= part->crlf_normalized;
}

/* ---- Reading one file ------------------------------------------------- */

static const char *
describe_signature (const char *data,
                    gsize       length)
{
  for (guint i = 0; i < G_N_ELEMENTS (signatures); i++)
    if (length >= signatures[i].length
        && memcmp (data, signatures[i].magic, signatures[i].length) == 0)
      return _(signatures[i].description);

  return NULL;
}

/* Text has few control bytes; binary data is full of them. Invalid UTF-8
 * alone does not make binary: it is repaired, and reported. */
static gboolean
looks_binary (const char *data,
              gsize       length)
{
  gsize sniffed = MIN (length, SNIFF_LENGTH);
  gsize controls = 0;

  for (gsize i = 0; i < sniffed; i++)
    {
      guchar byte = (guchar) data[i];

      if (byte < 0x20 && byte != '\n' && byte != '\r' && byte != '\t' && byte != '\f')
        controls++;
    }

  return sniffed > 0 && controls * 10 > sniffed;
}

/* UTF-16 with a byte-order mark is text too (Windows editors write it). */
static char *
convert_utf16 (const char  *data,
               gsize        length,
               gsize       *converted_length)
{
  const char *from;

  if (length >= 2 && (guchar) data[0] == 0xff && (guchar) data[1] == 0xfe)
    from = "UTF-16LE";
  else if (length >= 2 && (guchar) data[0] == 0xfe && (guchar) data[1] == 0xff)
    from = "UTF-16BE";
  else
    return NULL;

  return g_convert (data + 2, (gssize) (length - 2), "UTF-8", from, NULL, converted_length, NULL);
}

static char *
content_hash (const char *data,
              gsize       length)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *version = g_strdup_printf ("rehearse-parser-%d\n", REHEARSE_PARSER_VERSION);

  /* The parser's version is part of the hash: a newer parser reads an
   * unchanged file again instead of skipping it. */
  g_checksum_update (checksum, (const guchar *) version, -1);
  g_checksum_update (checksum, (const guchar *) data, (gssize) length);

  return g_strdup (g_checksum_get_string (checksum));
}

static gboolean
check_file_size (const char  *path,
                 GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return FALSE;

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error_literal (error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_TEXT, _("not a regular file"));
      return FALSE;
    }

  if (g_file_info_get_size (info) > REHEARSE_IMPORT_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size ((guint64) g_file_info_get_size (info));
      g_autofree char *limit = g_format_size (REHEARSE_IMPORT_MAX_FILE_SIZE);

      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_TOO_LARGE,
                   _("the file is too large (%s; decks up to %s can be imported)"), size, limit);
      return FALSE;
    }

  return TRUE;
}

/* Raw bytes to clean UTF-8 text, or a reason why they are not text. */
static char *
read_text (const char            *path,
           gsize                 *text_length,
           char                 **hash,
           RehearseRepairReport  *repair,
           GError               **error)
{
  g_autofree char *data = NULL;
  g_autofree char *utf8 = NULL;
  const char *description;
  gsize length = 0;
  gsize utf8_length = 0;
  char *text;

  if (!check_file_size (path, error))
    return NULL;

  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;

  if (length == 0)
    {
      g_set_error_literal (error, REHEARSE_ERROR, REHEARSE_ERROR_EMPTY, _("the file is empty"));
      return NULL;
    }

  description = describe_signature (data, length);
  if (description != NULL)
    {
      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_TEXT,
                   /* Translators: %s is a kind of file, as "a PNG image". */
                   _("this is %s, not a Markdown text file"), description);
      return NULL;
    }

  utf8 = convert_utf16 (data, length, &utf8_length);
  if (utf8 == NULL && looks_binary (data, length))
    {
      g_set_error_literal (error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_TEXT,
                           _("this looks like binary data, not a Markdown text file"));
      return NULL;
    }

  *hash = content_hash (data, length);
  if (utf8 != NULL)
    text = rehearse_text_repair (utf8, utf8_length, repair);
  else
    text = rehearse_text_repair (data, length, repair);

  if (rehearse_text_is_blank (text))
    {
      g_free (text);
      g_clear_pointer (hash, g_free);
      g_set_error_literal (error, REHEARSE_ERROR, REHEARSE_ERROR_EMPTY,
                           _("the file holds only white space"));
      return NULL;
    }

  *text_length = strlen (text);
  return text;
}

RehearseParsedDeck *
rehearse_importer_read_file (const char            *path,
                             RehearseRepairReport  *repair,
                             GError               **error)
{
  g_autofree char *text = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *fallback_title = NULL;
  g_autofree char *display_name = g_filename_display_basename (path);
  RehearseRepairReport file_repair = { 0, };
  RehearseParsedDeck *deck;
  GError *local_error = NULL;
  gsize length = 0;

  text = read_text (path, &length, &hash, &file_repair, &local_error);
  if (text != NULL)
    {
      fallback_title = rehearse_parser_title_from_filename (display_name);
      deck = rehearse_parser_parse (text, length, fallback_title, &local_error);
      if (deck != NULL)
        {
          rehearse_parsed_deck_add_source (deck, path, hash, length);
          for (guint i = 0; i < deck->skipped->len; i++)
            {
              RehearseParsedSkip *skip = g_ptr_array_index (deck->skipped, i);

              skip->path = g_strdup (display_name);
            }
          if (repair != NULL)
            *repair = file_repair;
          return deck;
        }
    }

  /* GLib's own file errors already name the file. */
  if (local_error->domain == REHEARSE_ERROR)
    g_prefix_error (&local_error, "%s: ", display_name);
  g_propagate_error (error, local_error);
  return NULL;
}

/* ---- Gathering decks --------------------------------------------------- */

typedef struct
{
  RehearseParsedDeck   *deck;
  RehearseRepairReport  repair;
  gint                  first_number;  /* -1 when the file has no numbers */
  gint                  last_number;
} ReadFile;

static void
read_file_clear (ReadFile *file)
{
  g_clear_pointer (&file->deck, rehearse_parsed_deck_free);
}

static void
number_range (RehearseParsedDeck *deck,
              gint               *first,
              gint               *last)
{
  *first = -1;
  *last = -1;

  for (guint i = 0; i < deck->questions->len; i++)
    {
      RehearseParsedQuestion *question = g_ptr_array_index (deck->questions, i);

      if (question->number < 0)
        continue;
      if (*first < 0 || question->number < *first)
        *first = question->number;
      if (question->number > *last)
        *last = question->number;
    }
}

static gboolean
read_file_into (const char  *path,
                ReadFile    *file,
                GError     **error)
{
  file->deck = rehearse_importer_read_file (path, &file->repair, error);
  if (file->deck == NULL)
    return FALSE;

  number_range (file->deck, &file->first_number, &file->last_number);
  return TRUE;
}

static int
compare_by_first_number (gconstpointer a,
                         gconstpointer b)
{
  const ReadFile *file_a = a;
  const ReadFile *file_b = b;

  /* Files without numbers keep their place after the numbered ones. */
  if (file_a->first_number < 0 || file_b->first_number < 0)
    return (file_a->first_number < 0) - (file_b->first_number < 0);

  return (file_a->first_number > file_b->first_number)
         - (file_a->first_number < file_b->first_number);
}

/* Builds one deck from files already in reading order. */
static RehearseParsedDeck *
merge_files (const char *title,
             GArray     *files,
             guint       first,
             guint       count,
             RehearseImportReport *report)
{
  RehearseParsedDeck *deck = rehearse_parsed_deck_new (title);

  for (guint i = first; i < first + count; i++)
    {
      ReadFile *file = &g_array_index (files, ReadFile, i);
      RehearseParsedSource *source = g_ptr_array_index (file->deck->sources, 0);

      g_ptr_array_add (report->files, g_strdup (source->path));
      repair_report_add (&report->repair, &file->repair);
      rehearse_parsed_deck_append (deck, file->deck);
    }

  return deck;
}

/* Topics with their question counts, and what the parser left out. */
static void
outline_deck (RehearseParsedDeck   *deck,
              RehearseImportReport *report)
{
  for (guint i = 0; i < deck->topics->len; i++)
    {
      RehearseParsedTopic *parsed = g_ptr_array_index (deck->topics, i);
      RehearseImportTopic *topic = g_new0 (RehearseImportTopic, 1);

      topic->title = g_strdup (parsed->title);
      topic->icon = g_strdup (parsed->icon);
      g_ptr_array_add (report->topics, topic);
    }

  for (guint i = 0; i < deck->questions->len; i++)
    {
      RehearseParsedQuestion *question = g_ptr_array_index (deck->questions, i);
      RehearseImportTopic *topic = g_ptr_array_index (report->topics, question->topic_index);

      topic->question_count++;
      if (!rehearse_parsed_question_has_answer (question))
        {
          topic->unanswered_count++;
          report->unanswered_count++;
        }
    }

  for (guint i = 0; i < deck->skipped->len; i++)
    {
      RehearseParsedSkip *skip = g_ptr_array_index (deck->skipped, i);

      g_ptr_array_add (report->left_out,
                       g_strdup_printf ("%s:%d: %s", skip->path != NULL ? skip->path : "",
                                        skip->line, _(skip->reason)));
    }
}

/* Stores the deck, or only says what it holds when @library is NULL (a
 * dry run). */
static void
store_deck (RehearseLibrary      *library,
            RehearseParsedDeck   *deck,
            RehearseImportReport *report)
{
  rehearse_parsed_deck_assign_keys (deck);

  report->deck_title = g_strdup (deck->title);
  report->topic_count = deck->topics->len;
  report->question_count = deck->questions->len;
  outline_deck (deck, report);

  if (library == NULL)
    {
      report->result.outcome = REHEARSE_IMPORT_UNCHANGED;
      return;
    }

  if (!rehearse_library_import_deck (library, deck, &report->result, &report->error))
    g_clear_pointer (&report->deck_title, g_free);
}

static gboolean
has_markdown_extension (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (guint i = 0; i < G_N_ELEMENTS (markdown_extensions); i++)
    if (g_str_has_suffix (lower, markdown_extensions[i]))
      return TRUE;

  return FALSE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
list_folder (const char  *folder,
             GError     **error)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, error);
  GPtrArray *names;
  const char *name;

  if (dir == NULL)
    return NULL;

  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.' && has_markdown_extension (name))
      g_ptr_array_add (names, g_strdup (name));

  g_ptr_array_sort (names, compare_names);
  return names;
}

/* A folder is one deck named after the folder; files in it that cannot be
 * read are left out and listed, the others imported. */
static RehearseImportReport *
import_folder (RehearseLibrary *library,
               const char      *folder,
               GCancellable    *cancellable)
{
  RehearseImportReport *report = import_report_new (folder);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GArray) files = g_array_new (FALSE, TRUE, sizeof (ReadFile));
  g_autoptr(RehearseParsedDeck) deck = NULL;
  g_autofree char *display_name = g_filename_display_name (folder);
  g_autofree char *title = NULL;

  g_array_set_clear_func (files, (GDestroyNotify) read_file_clear);

  names = list_folder (folder, &report->error);
  if (names == NULL)
    return report;

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, g_ptr_array_index (names, i), NULL);
      g_autoptr(GError) error = NULL;
      ReadFile file = { 0, };

      if (g_cancellable_set_error_if_cancelled (cancellable, &report->error))
        return report;

      if (read_file_into (path, &file, &error))
        g_array_append_val (files, file);
      else
        g_ptr_array_add (report->skipped, g_strdup (error->message));
    }

  if (files->len == 0)
    {
      g_set_error (&report->error, REHEARSE_ERROR, REHEARSE_ERROR_NO_QUESTIONS,
                   _("%s: no Markdown file in this folder has questions"), display_name);
      return report;
    }

  g_array_sort (files, compare_by_first_number);
  title = rehearse_parser_title_from_filename (display_name);
  deck = merge_files (title, files, 0, files->len, report);
  store_deck (library, deck, report);

  return report;
}

static char *
join_paths (GPtrArray *paths)
{
  GString *joined = g_string_new (NULL);

  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *display_name = g_filename_display_name (g_ptr_array_index (paths, i));

      if (i > 0)
        g_string_append (joined, ", ");
      g_string_append (joined, display_name);
    }

  return g_string_free (joined, FALSE);
}

/* Files given together: runs that continue one numbered series become one
 * deck each, titled after the run's first file. */
static void
import_files (RehearseLibrary *library,
              GPtrArray       *paths,
              GPtrArray       *reports,
              GCancellable    *cancellable)
{
  g_autoptr(GArray) files = g_array_new (FALSE, TRUE, sizeof (ReadFile));
  guint run_start = 0;

  g_array_set_clear_func (files, (GDestroyNotify) read_file_clear);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      ReadFile file = { 0, };
      GError *error = NULL;

      if (read_file_into (path, &file, &error))
        {
          g_array_append_val (files, file);
          continue;
        }

      {
        RehearseImportReport *report = import_report_new (path);

        report->error = error;
        g_ptr_array_add (reports, report);
      }
    }

  g_array_sort (files, compare_by_first_number);

  for (guint i = 1; i <= files->len; i++)
    {
      ReadFile *previous = &g_array_index (files, ReadFile, i - 1);
      ReadFile *current = i < files->len ? &g_array_index (files, ReadFile, i) : NULL;
      RehearseImportReport *report;
      g_autoptr(RehearseParsedDeck) deck = NULL;
      g_autofree char *title = NULL;

      if (current != NULL && previous->last_number >= 0
          && current->first_number == previous->last_number + 1)
        continue;

      if (g_cancellable_is_cancelled (cancellable))
        return;

      title = g_strdup (g_array_index (files, ReadFile, run_start).deck->title);
      report = import_report_new (NULL);
      deck = merge_files (title, files, run_start, i - run_start, report);
      report->source = join_paths (report->files);
      store_deck (library, deck, report);
      g_ptr_array_add (reports, report);

      run_start = i;
    }
}

/* @library NULL: a dry run. */
static GPtrArray *
import_paths (RehearseLibrary    *library,
              const char * const *paths,
              GCancellable       *cancellable)
{
  GPtrArray *reports = g_ptr_array_new_with_free_func ((GDestroyNotify) rehearse_import_report_free);
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  for (guint i = 0; paths[i] != NULL; i++)
    {
      if (g_file_test (paths[i], G_FILE_TEST_IS_DIR))
        g_ptr_array_add (reports, import_folder (library, paths[i], cancellable));
      else
        g_ptr_array_add (files, (gpointer) paths[i]);
    }

  if (files->len > 0)
    import_files (library, files, reports, cancellable);

  return reports;
}

GPtrArray *
rehearse_importer_import (RehearseLibrary    *library,
                          const char * const *paths,
                          GCancellable       *cancellable)
{
  g_return_val_if_fail (REHEARSE_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (paths != NULL, NULL);

  return import_paths (library, paths, cancellable);
}

GPtrArray *
rehearse_importer_dry_run (const char * const *paths,
                           GCancellable       *cancellable)
{
  g_return_val_if_fail (paths != NULL, NULL);

  return import_paths (NULL, paths, cancellable);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RehearseLibrary *library = source_object;
  const char * const *paths = task_data;

  g_task_return_pointer (task, rehearse_importer_import (library, paths, cancellable),
                         (GDestroyNotify) g_ptr_array_unref);
}

void
rehearse_importer_import_async (RehearseLibrary     *library,
                                const char * const  *paths,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (library, cancellable, callback, user_data);

  g_task_set_source_tag (task, rehearse_importer_import_async);
  g_task_set_task_data (task, g_strdupv ((char **) paths), (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, import_thread);
}

GPtrArray *
rehearse_importer_import_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
