/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "rehearse-cli.h"
#include "rehearse-error.h"
#include "rehearse-importer.h"
#include "rehearse-notes-file.h"
#include "rehearse-user-entry.h"

/* The user's own data from a shell: bookmarks, notes, the orphaned, and
 * the notes file that carries them to another library. */

#define STANDARD_STREAM "-"
#define STANDARD_INPUT_NAME _("the standard input")

/* ---- Arguments ---------------------------------------------------------- */

/* Splits "[ARGUMENT…] [--label TEXT]" (the option anywhere, or as
 * --label=TEXT) into *label and at most @max_positional other arguments.
 * FALSE for anything else that reads as an option. */
static gboolean
split_label_option (int           argc,
                    char        **argv,
                    const char  **label,
                    const char  **positional,
                    guint         max_positional,
                    guint        *n_positional)
{
  *label = NULL;
  *n_positional = 0;

  for (int i = 0; i < argc; i++)
    {
      if (strcmp (argv[i], "--label") == 0 && i + 1 < argc)
        *label = argv[++i];
      else if (g_str_has_prefix (argv[i], "--label="))
        *label = argv[i] + strlen ("--label=");
      else if (argv[i][0] == '-' || *n_positional == max_positional)
        return FALSE;
      else
        positional[(*n_positional)++] = argv[i];
    }

  return TRUE;
}

/* The library takes removing a bookmark, or blanking a note, of a key it
 * has never seen as nothing to do; from a shell that is most likely a
 * typo, so every command that names a question checks it first. */
static gboolean
check_key_known (RehearseLibrary  *library,
                 const char       *question_key,
                 GError          **error)
{
  g_autoptr(RehearseQuestion) question = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *note = NULL;
  gboolean bookmarked;

  question = rehearse_library_get_question (library, question_key, &local_error);
  if (question != NULL)
    return TRUE;

  if (!g_error_matches (local_error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* A deleted deck's question lives on in its user data, still editable. */
  if (!rehearse_library_get_note (library, question_key, &note, error)
      || !rehearse_library_is_bookmarked (library, question_key, &bookmarked, error))
    return FALSE;
  if (note != NULL || bookmarked)
    return TRUE;

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Reads all of stdin, refusing more than @limit bytes: a note or a notes
 * file is never that large, and a runaway pipe must not eat the memory. */
static char *
read_standard_input (gsize    limit,
                     gsize   *length,
                     GError **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  char buffer[8192];
  size_t n_read;

  while ((n_read = fread (buffer, 1, sizeof buffer, stdin)) > 0)
    {
      g_string_append_len (text, buffer, n_read);
      if (text->len > limit)
        {
          g_autofree char *size = g_format_size (limit);

          g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_TOO_LARGE,
                       _("%s holds more than %s"), STANDARD_INPUT_NAME, size);
          return NULL;
        }
    }

  if (ferror (stdin))
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not read %s: %s"), STANDARD_INPUT_NAME, g_strerror (saved_errno));
      return NULL;
    }

  *length = text->len;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A failed write to stdout (a full disk, a closed pipe) must not pass for
 * a complete export. */
static gboolean
flush_standard_output (GError **error)
{
  if (fflush (stdout) == 0 && !ferror (stdout))
    return TRUE;

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
               _("Could not write to the standard output: %s"), g_strerror (errno));
  return FALSE;
}

/* ---- Listing questions with their user data ------------------------------ */

static void
add_bookmark_members (JsonBuilder *builder,
                      gboolean     bookmarked,
                      const char  *label)
{
  json_builder_set_member_name (builder, "bookmarked");
  json_builder_add_boolean_value (builder, bookmarked);
  rehearse_cli_add_string_or_null (builder, "label", label);
}

/* The bookmark and note of a question: FALSE with @error set when the
 * library could not be read. */
static gboolean
read_user_data (RehearseCli  *cli,
                const char   *question_key,
                gboolean     *bookmarked,
                char        **label,
                char        **note,
                GError      **error)
{
  return rehearse_library_get_bookmark (cli->library, question_key, bookmarked, label, error)
         && rehearse_library_get_note (cli->library, question_key, note, error);
}

static gboolean
add_user_question_json (RehearseCli       *cli,
                        JsonBuilder       *builder,
                        RehearseQuestion  *question,
                        GError           **error)
{
  g_autofree char *label = NULL;
  g_autofree char *note = NULL;
  gboolean bookmarked;

  if (!read_user_data (cli, rehearse_question_get_key (question), &bookmarked, &label, &note,
                       error))
    return FALSE;

  json_builder_begin_object (builder);
  rehearse_cli_add_question_members (builder, question);
  add_bookmark_members (builder, bookmarked, label);
  rehearse_cli_add_string_or_null (builder, "note", note);
  json_builder_end_object (builder);
  return TRUE;
}

typedef gboolean (*PrintQuestionFunc) (RehearseCli       *cli,
                                       RehearseQuestion  *question,
                                       GError           **error);

/* Prints a list one question a line, or as a JSON array of questions
 * with their bookmark and note. An empty list prints nothing, so that
 * scripts can count lines. */
static gboolean
print_questions (RehearseCli        *cli,
                 GListModel         *questions,
                 PrintQuestionFunc   print_question,
                 GError            **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
    {
      g_autoptr(RehearseQuestion) question = g_list_model_get_item (questions, i);
      gboolean ok = cli->json ? add_user_question_json (cli, builder, question, error)
                              : print_question (cli, question, error);

      if (!ok)
        return FALSE;
    }
  json_builder_end_array (builder);

  if (cli->json)
    rehearse_cli_print_builder (builder);

  return TRUE;
}

typedef GListModel *(*ListQuestionsFunc) (RehearseLibrary  *library,
                                          GError          **error);

/* A command without arguments that prints one of the library's lists. */
static int
print_list (RehearseCli        *cli,
            int                 argc,
            const char         *usage,
            ListQuestionsFunc   list,
            PrintQuestionFunc   print_question,
            GError            **error)
{
  g_autoptr(GListModel) questions = NULL;

  if (argc != 0)
    return rehearse_cli_usage_error (error, usage);

  questions = list (cli->library, error);
  if (questions == NULL)
    return FALSE;

  return print_questions (cli, questions, print_question, error);
}

/* ---- bookmark, unbookmark, bookmarks -------------------------------------- */

/* The bookmark as it is now: text after a bookmark command, JSON after
 * either. */
static gboolean
print_bookmark_state (RehearseCli  *cli,
                      const char   *question_key,
                      GError      **error)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *label = NULL;
  gboolean bookmarked;

  if (!rehearse_library_get_bookmark (cli->library, question_key, &bookmarked, &label, error))
    return FALSE;

  if (!cli->json)
    {
      if (label != NULL)
        g_print (_("Bookmarked %s, labelled “%s”\n"), question_key, label);
      else
        g_print (_("Bookmarked %s\n"), question_key);
      return TRUE;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "key");
  json_builder_add_string_value (builder, question_key);
  add_bookmark_members (builder, bookmarked, label);
  json_builder_end_object (builder);
  rehearse_cli_print_builder (builder);
  return TRUE;
}

int
rehearse_cli_bookmark (RehearseCli  *cli,
                       int           argc,
                       char        **argv,
                       GError      **error)
{
  const char *question_key = NULL;
  const char *label;
  guint n_positional;

  if (!split_label_option (argc, argv, &label, &question_key, 1, &n_positional)
      || n_positional != 1)
    return rehearse_cli_usage_error (error, "bookmark KEY [--label TEXT]");

  /* The library refuses an unknown key with a message naming it. */
  if (!rehearse_library_set_bookmarked (cli->library, question_key, TRUE, label, error))
    return FALSE;

  return print_bookmark_state (cli, question_key, error);
}

int
rehearse_cli_unbookmark (RehearseCli  *cli,
                         int           argc,
                         char        **argv,
                         GError      **error)
{
  gboolean was_bookmarked;

  if (argc != 1)
    return rehearse_cli_usage_error (error, "unbookmark KEY");

  if (!check_key_known (cli->library, argv[0], error)
      || !rehearse_library_is_bookmarked (cli->library, argv[0], &was_bookmarked, error)
      || !rehearse_library_set_bookmarked (cli->library, argv[0], FALSE, NULL, error))
    return FALSE;

  if (cli->json)
    return print_bookmark_state (cli, argv[0], error);
  else if (was_bookmarked)
    g_print (_("Removed the bookmark of %s\n"), argv[0]);
  else
    g_print (_("%s was not bookmarked\n"), argv[0]);

  return TRUE;
}

static gboolean
print_bookmarked_question (RehearseCli       *cli,
                           RehearseQuestion  *question,
                           GError           **error)
{
  const char *question_key = rehearse_question_get_key (question);
  g_autofree char *label = NULL;

  if (!rehearse_library_get_bookmark (cli->library, question_key, NULL, &label, error))
    return FALSE;

  g_print ("%s\t%s\t%s\n", question_key, label != NULL ? label : "",
           rehearse_question_get_text (question));
  return TRUE;
}

int
rehearse_cli_bookmarks (RehearseCli  *cli,
                        int           argc,
                        char        **argv,
                        GError      **error)
{
  g_autoptr(GListModel) questions = NULL;
  const char *label;
  guint n_positional;

  if (!split_label_option (argc, argv, &label, NULL, 0, &n_positional))
    return rehearse_cli_usage_error (error, "bookmarks [--label TEXT]");

  questions = rehearse_library_list_bookmarked (cli->library, label, error);
  if (questions == NULL)
    return FALSE;

  return print_questions (cli, questions, print_bookmarked_question, error);
}

/* ---- note, notes ---------------------------------------------------------- */

static void
print_note_json (const char *question_key,
                 const char *note)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "key");
  json_builder_add_string_value (builder, question_key);
  rehearse_cli_add_string_or_null (builder, "note", note);
  json_builder_end_object (builder);
  rehearse_cli_print_builder (builder);
}

/* The note byte for byte, so that it can be saved back unchanged; only a
 * terminal gets the final newline a note may lack. */
static gboolean
print_note (RehearseCli  *cli,
            const char   *question_key,
            GError      **error)
{
  g_autofree char *note = NULL;

  if (!check_key_known (cli->library, question_key, error)
      || !rehearse_library_get_note (cli->library, question_key, &note, error))
    return FALSE;

  if (cli->json)
    print_note_json (question_key, note);
  else if (note != NULL)
    {
      fputs (note, stdout);
      if (isatty (STDOUT_FILENO) && !g_str_has_suffix (note, "\n"))
        fputc ('\n', stdout);
    }

  return flush_standard_output (error);
}

static char *
read_note_argument (const char  *argument,
                    GError     **error)
{
  g_autofree char *text = NULL;
  gsize length = 0;

  if (strcmp (argument, STANDARD_STREAM) != 0)
    return g_strdup (argument);

  /* One byte over the limit is enough for the library to refuse it. */
  text = read_standard_input (REHEARSE_NOTE_MAX_SIZE + 1, &length, error);
  if (text == NULL)
    return NULL;

  /* The library takes a C string: a NUL would silently cut the note. */
  if (strlen (text) != length)
    {
      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_TEXT,
                   _("The note on %s is not text: it holds a NUL byte"), STANDARD_INPUT_NAME);
      return NULL;
    }

  return g_steal_pointer (&text);
}

static gboolean
save_note (RehearseCli  *cli,
           const char   *question_key,
           const char   *argument,
           GError      **error)
{
  g_autofree char *body = NULL;
  g_autofree char *before = NULL;
  g_autofree char *saved = NULL;

  if (!check_key_known (cli->library, question_key, error))
    return FALSE;

  body = read_note_argument (argument, error);
  if (body == NULL)
    return FALSE;

  if (!rehearse_library_get_note (cli->library, question_key, &before, error)
      || !rehearse_library_save_note (cli->library, question_key, body, error)
      || !rehearse_library_get_note (cli->library, question_key, &saved, error))
    return FALSE;

  if (cli->json)
    print_note_json (question_key, saved);
  else if (saved != NULL)
    g_print (_("Saved the note of %s\n"), question_key);
  else if (before != NULL)
    g_print (_("Deleted the note of %s\n"), question_key);
  else
    g_print (_("%s has no note\n"), question_key);

  return TRUE;
}

int
rehearse_cli_note (RehearseCli  *cli,
                   int           argc,
                   char        **argv,
                   GError      **error)
{
  if (argc == 1)
    return print_note (cli, argv[0], error);
  if (argc == 2)
    return save_note (cli, argv[0], argv[1], error);

  return rehearse_cli_usage_error (error, "note KEY [TEXT|-]");
}

/* The first line that says something, for a list one question a line. */
static char *
first_line_of (const char *note)
{
  g_auto(GStrv) lines = g_strsplit (note, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (*line != '\0')
        return g_strdup (line);
    }

  return g_strdup ("");
}

static gboolean
print_question_with_note (RehearseCli       *cli,
                          RehearseQuestion  *question,
                          GError           **error)
{
  const char *question_key = rehearse_question_get_key (question);
  g_autofree char *note = NULL;
  g_autofree char *first_line = NULL;

  if (!rehearse_library_get_note (cli->library, question_key, &note, error))
    return FALSE;

  first_line = first_line_of (note != NULL ? note : "");
  g_print ("%s\t%s\t%s\n", question_key, rehearse_question_get_text (question), first_line);
  return TRUE;
}

int
rehearse_cli_notes (RehearseCli  *cli,
                    int           argc,
                    char        **argv,
                    GError      **error)
{
  return print_list (cli, argc, "notes", rehearse_library_list_with_notes,
                     print_question_with_note, error);
}

/* ---- orphans ---------------------------------------------------------------- */

static gboolean
print_orphaned_question (RehearseCli       *cli,
                         RehearseQuestion  *question,
                         GError           **error)
{
  const char *question_key = rehearse_question_get_key (question);
  g_autofree char *note = NULL;
  g_autoptr(GArray) reviews = NULL;
  g_autoptr(GString) kept_for = g_string_new (NULL);
  gboolean bookmarked;

  if (!read_user_data (cli, question_key, &bookmarked, NULL, &note, error))
    return FALSE;
  reviews = rehearse_library_list_reviews (cli->library, question_key, error);
  if (reviews == NULL)
    return FALSE;

  /* Translators: what an orphaned question keeps, listed after commas. */
  if (bookmarked)
    g_string_append (kept_for, _(", bookmark"));
  if (note != NULL)
    g_string_append (kept_for, _(", note"));
  /* An orphan without a bookmark or a note is kept for its reviews. */
  if (reviews->len > 0 || kept_for->len == 0)
    g_string_append (kept_for, _(", reviews"));

  g_print ("%s\t%s\t%s\n", question_key, kept_for->str + 2, rehearse_question_get_text (question));
  return TRUE;
}

int
rehearse_cli_orphans (RehearseCli  *cli,
                      int           argc,
                      char        **argv,
                      GError      **error)
{
  return print_list (cli, argc, "orphans", rehearse_library_list_orphaned,
                     print_orphaned_question, error);
}

/* ---- export-notes, import-notes ------------------------------------------- */

typedef struct
{
  guint questions;
  guint bookmarks;
  guint notes;
} EntryCounts;

static EntryCounts
count_entries (GPtrArray *entries)
{
  EntryCounts counts = { entries->len, 0, 0 };

  for (guint i = 0; i < entries->len; i++)
    {
      const RehearseUserEntry *entry = g_ptr_array_index (entries, i);

      counts.bookmarks += entry->bookmarked ? 1 : 0;
      counts.notes += entry->note != NULL ? 1 : 0;
    }

  return counts;
}

static void
print_export_summary (RehearseCli       *cli,
                      const char        *path,
                      const EntryCounts *counts)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *notes = g_strdup_printf (ngettext ("%u note", "%u notes", counts->notes),
                                            counts->notes);
  g_autofree char *bookmarks = g_strdup_printf (ngettext ("%u bookmark", "%u bookmarks",
                                                          counts->bookmarks),
                                                counts->bookmarks);
  g_autofree char *questions = g_strdup_printf (ngettext ("%u question", "%u questions",
                                                          counts->questions),
                                                counts->questions);

  if (!cli->json)
    {
      /* Translators: "3 notes", "2 bookmarks", "4 questions", the file. */
      g_print (_("Exported %s and %s of %s to %s\n"), notes, bookmarks, questions, path);
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, path);
  json_builder_set_member_name (builder, "questions");
  json_builder_add_int_value (builder, counts->questions);
  json_builder_set_member_name (builder, "bookmarks");
  json_builder_add_int_value (builder, counts->bookmarks);
  json_builder_set_member_name (builder, "notes");
  json_builder_add_int_value (builder, counts->notes);
  json_builder_end_object (builder);
  rehearse_cli_print_builder (builder);
}

int
rehearse_cli_export_notes (RehearseCli  *cli,
                           int           argc,
                           char        **argv,
                           GError      **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(RehearseLibrary) salvaged = NULL;
  g_autofree char *salvage_folder = NULL;
  RehearseLibrary *library = cli->library;
  const char *damaged_path = NULL;
  EntryCounts counts;

  if (argc == 3 && strcmp (argv[0], "--from") == 0)
    {
      damaged_path = argv[1];
      argc -= 2;
      argv += 2;
    }

  if (argc != 1)
    return rehearse_cli_usage_error (error, "export-notes [--from LIBRARY] FILE|-");

  /* The Markdown is the output: a JSON summary would spoil it. */
  if (strcmp (argv[0], STANDARD_STREAM) == 0 && cli->json)
    {
      g_set_error_literal (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT,
                           _("--json needs a FILE to export to: with - the Markdown is the "
                             "output"));
      return FALSE;
    }

  /* --from: the notes of a library set aside as damaged, salvaged into
   * a temporary library; the damaged file is only read. */
  if (damaged_path != NULL)
    {
      salvaged = rehearse_cli_open_salvaged (damaged_path, &salvage_folder, error);
      if (salvaged == NULL)
        return FALSE;
      library = salvaged;
    }

  entries = rehearse_library_list_user_entries (library, error);
  if (salvaged != NULL)
    {
      g_clear_object (&salvaged);
      rehearse_cli_remove_salvaged (salvage_folder);
    }
  if (entries == NULL)
    return FALSE;

  if (strcmp (argv[0], STANDARD_STREAM) == 0)
    {
      g_autofree char *markdown = rehearse_notes_file_format (entries);

      fputs (markdown, stdout);
      return flush_standard_output (error);
    }

  file = g_file_new_for_commandline_arg (argv[0]);
  if (!rehearse_notes_file_write (file, entries, NULL, error))
    return FALSE;

  counts = count_entries (entries);
  print_export_summary (cli, argv[0], &counts);
  return TRUE;
}

static GPtrArray *
read_notes (const char  *path,
            GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *text = NULL;
  GPtrArray *entries = NULL;
  gsize length = 0;

  if (strcmp (path, STANDARD_STREAM) == 0)
    {
      /* One byte over the limit is enough for the parser to refuse it. */
      text = read_standard_input (REHEARSE_NOTES_FILE_MAX_SIZE + 1, &length, error);
      return text != NULL ? rehearse_notes_file_parse (text, length, STANDARD_INPUT_NAME, error)
                          : NULL;
    }

  file = g_file_new_for_commandline_arg (path);
  if (!rehearse_notes_file_read (file, &entries, NULL, error))
    return NULL;

  return entries;
}

/* Entries whose question no deck holds now: restored all the same, and
 * worth saying so, as they show only in the orphaned list. */
static gboolean
count_orphaned (RehearseLibrary  *library,
                GPtrArray        *entries,
                guint            *orphaned,
                GError          **error)
{
  g_autoptr(GListModel) questions = rehearse_library_list_orphaned (library, error);
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);

  if (questions == NULL)
    return FALSE;

  for (guint i = 0; i < entries->len; i++)
    g_hash_table_add (keys, ((RehearseUserEntry *) g_ptr_array_index (entries, i))->question_key);

  *orphaned = 0;
  for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
    {
      g_autoptr(RehearseQuestion) question = g_list_model_get_item (questions, i);

      *orphaned += g_hash_table_contains (keys, rehearse_question_get_key (question)) ? 1 : 0;
    }

  return TRUE;
}

static void
print_restore_text (const char                  *path,
                    guint                        questions,
                    const RehearseRestoreResult *result,
                    guint                        orphaned)
{
  g_autofree char *bookmarks = g_strdup_printf (ngettext ("%u bookmark", "%u bookmarks",
                                                          result->bookmarks_restored),
                                                result->bookmarks_restored);
  g_autofree char *notes = g_strdup_printf (ngettext ("%u note", "%u notes",
                                                      result->notes_restored),
                                            result->notes_restored);
  g_autofree char *of = g_strdup_printf (ngettext ("%u question", "%u questions", questions),
                                         questions);

  /* Translators: "2 bookmarks", "3 notes", "4 questions", the file. */
  g_print (_("Restored %s and %s of %s from %s\n"), bookmarks, notes, of, path);
  if (result->notes_kept > 0)
    g_print (_("  %u kept as they were: the library’s note was newer\n"), result->notes_kept);
  if (result->unchanged > 0)
    g_print (_("  %u unchanged: already in the library\n"), result->unchanged);
  if (orphaned > 0)
    g_print (_("  %u orphaned: no deck holds the question (see rehearse-cli orphans)\n"),
             orphaned);
}

static void
print_restore_json (const char                  *path,
                    guint                        questions,
                    const RehearseRestoreResult *result,
                    guint                        orphaned)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, path);
  json_builder_set_member_name (builder, "questions");
  json_builder_add_int_value (builder, questions);
  json_builder_set_member_name (builder, "bookmarks_restored");
  json_builder_add_int_value (builder, result->bookmarks_restored);
  json_builder_set_member_name (builder, "notes_restored");
  json_builder_add_int_value (builder, result->notes_restored);
  json_builder_set_member_name (builder, "notes_kept");
  json_builder_add_int_value (builder, result->notes_kept);
  json_builder_set_member_name (builder, "unchanged");
  json_builder_add_int_value (builder, result->unchanged);
  json_builder_set_member_name (builder, "orphaned");
  json_builder_add_int_value (builder, orphaned);
  json_builder_end_object (builder);
  rehearse_cli_print_builder (builder);
}

int
rehearse_cli_import_notes (RehearseCli  *cli,
                           int           argc,
                           char        **argv,
                           GError      **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  RehearseRestoreResult result = { 0, };
  const char *display_name;
  guint orphaned;

  if (argc != 1)
    return rehearse_cli_usage_error (error, "import-notes FILE|-");

  display_name = strcmp (argv[0], STANDARD_STREAM) == 0 ? STANDARD_INPUT_NAME : argv[0];

  /* The notes file's errors name it already. */
  entries = read_notes (argv[0], error);
  if (entries == NULL)
    return FALSE;

  if (!rehearse_library_restore_user_entries (cli->library, entries, &result, error))
    {
      g_prefix_error (error, _("%s was not imported: "), display_name);
      return FALSE;
    }

  if (!count_orphaned (cli->library, entries, &orphaned, error))
    return FALSE;

  if (cli->json)
    print_restore_json (display_name, entries->len, &result, orphaned);
  else
    print_restore_text (display_name, entries->len, &result, orphaned);

  return TRUE;
}
