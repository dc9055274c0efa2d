/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "rehearse-cli.h"
#include "rehearse-error.h"
#include "rehearse-exporter.h"
#include "rehearse-importer.h"

/* rehearse-cli: the library from a shell, for scripts and tests. Every
 * command prints to stdout; any failure prints one line,
 * "rehearse-cli: reason", on stderr and exits 1. */

typedef int (*CommandFunc) (RehearseCli  *cli,
                            int           argc,
                            char        **argv,
                            GError      **error);

typedef struct
{
  const char  *name;
  const char  *arguments;
  const char  *summary;
  gboolean     needs_library;
  CommandFunc  run;
} Command;

static const char *
outcome_name (RehearseImportOutcome outcome)
{
  switch (outcome)
    {
    case REHEARSE_IMPORT_CREATED:
      return "created";
    case REHEARSE_IMPORT_UPDATED:
      return "updated";
    case REHEARSE_IMPORT_UNCHANGED:
    default:
      return "unchanged";
    }
}

/* ---- import ------------------------------------------------------------ */

static void
print_repair (const RehearseRepairReport *repair)
{
  g_autoptr(GString) parts = g_string_new (NULL);

  if (repair->mojibake_repaired > 0)
    g_string_append_printf (parts, ", %u mis-encoded characters", repair->mojibake_repaired);
  if (repair->invalid_replaced > 0)
    g_string_append_printf (parts, ", %u invalid byte sequences (now �)", repair->invalid_replaced);
  if (repair->controls_removed > 0)
    g_string_append_printf (parts, ", %u control characters removed", repair->controls_removed);
  if (repair->bom_removed)
    g_string_append (parts, ", a byte-order mark");
  if (repair->crlf_normalized)
    g_string_append (parts, ", Windows line ends");

  if (parts->len > 0)
    g_print ("  repaired: %s\n", parts->str + 2);
}

static void
print_import_report (const RehearseImportReport *report)
{
  const RehearseImportResult *result = &report->result;

  if (report->error != NULL)
    return;

  g_print ("%s “%s”: %u topics, %u questions\n",
           result->outcome == REHEARSE_IMPORT_CREATED ? "Imported"
           : result->outcome == REHEARSE_IMPORT_UPDATED ? "Updated" : "Unchanged",
           report->deck_title, report->topic_count, report->question_count);
  if (result->outcome == REHEARSE_IMPORT_UPDATED)
    g_print ("  %u new, %u changed, %u unchanged, %u orphaned, %u removed\n",
             result->added, result->updated, result->unchanged, result->orphaned,
             result->removed);
  g_print ("  from: %s\n", report->source);
  print_repair (&report->repair);
  for (guint i = 0; i < report->skipped->len; i++)
    g_print ("  skipped: %s\n", (const char *) g_ptr_array_index (report->skipped, i));
}

/* The deck as read: its topics with their question counts, and what was
 * left out of it. */
static void
print_outline (const RehearseImportReport *report)
{
  for (guint i = 0; i < report->topics->len; i++)
    {
      const RehearseImportTopic *topic = g_ptr_array_index (report->topics, i);

      g_print ("  %s%s%s: %u %s", topic->icon != NULL ? topic->icon : "",
               topic->icon != NULL ? " " : "", topic->title, topic->question_count,
               topic->question_count == 1 ? "question" : "questions");
      if (topic->unanswered_count > 0)
        g_print (" (%u with no answer in the source)", topic->unanswered_count);
      g_print ("\n");
    }
  for (guint i = 0; i < report->left_out->len; i++)
    g_print ("  left out: %s\n", (const char *) g_ptr_array_index (report->left_out, i));
}

static void
print_dry_run_report (const RehearseImportReport *report)
{
  if (report->error != NULL)
    return;

  g_print ("Would import “%s”: %u %s, %u %s, %u with no answer in the source\n",
           report->deck_title, report->topic_count, report->topic_count == 1 ? "topic" : "topics",
           report->question_count, report->question_count == 1 ? "question" : "questions",
           report->unanswered_count);
  g_print ("  from: %s\n", report->source);
  print_repair (&report->repair);
  for (guint i = 0; i < report->skipped->len; i++)
    g_print ("  skipped: %s\n", (const char *) g_ptr_array_index (report->skipped, i));
  print_outline (report);
}

static void
add_outline_members (JsonBuilder                *builder,
                     const RehearseImportReport *report)
{
  json_builder_set_member_name (builder, "unanswered");
  json_builder_add_int_value (builder, report->unanswered_count);
  json_builder_set_member_name (builder, "outline");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->topics->len; i++)
    {
      const RehearseImportTopic *topic = g_ptr_array_index (report->topics, i);

      json_builder_begin_object (builder);
      rehearse_cli_add_string_or_null (builder, "title", topic->title);
      rehearse_cli_add_string_or_null (builder, "icon", topic->icon);
      json_builder_set_member_name (builder, "questions");
      json_builder_add_int_value (builder, topic->question_count);
      json_builder_set_member_name (builder, "unanswered");
      json_builder_add_int_value (builder, topic->unanswered_count);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "left_out");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->left_out->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (report->left_out, i));
  json_builder_end_array (builder);
}

static JsonNode *
import_report_to_json (const RehearseImportReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, report->source);
  if (report->error != NULL)
    {
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, report->error->message);
    }
  else
    {
      json_builder_set_member_name (builder, "deck");
      json_builder_add_string_value (builder, report->deck_title);
      json_builder_set_member_name (builder, "outcome");
      json_builder_add_string_value (builder, outcome_name (report->result.outcome));
      json_builder_set_member_name (builder, "topics");
      json_builder_add_int_value (builder, report->topic_count);
      json_builder_set_member_name (builder, "questions");
      json_builder_add_int_value (builder, report->question_count);
      json_builder_set_member_name (builder, "added");
      json_builder_add_int_value (builder, report->result.added);
      json_builder_set_member_name (builder, "updated");
      json_builder_add_int_value (builder, report->result.updated);
      json_builder_set_member_name (builder, "orphaned");
      json_builder_add_int_value (builder, report->result.orphaned);
      json_builder_set_member_name (builder, "removed");
      json_builder_add_int_value (builder, report->result.removed);
      json_builder_set_member_name (builder, "mojibake_repaired");
      json_builder_add_int_value (builder, report->repair.mojibake_repaired);
      json_builder_set_member_name (builder, "invalid_replaced");
      json_builder_add_int_value (builder, report->repair.invalid_replaced);
      add_outline_members (builder, report);
    }

  json_builder_set_member_name (builder, "skipped");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->skipped->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (report->skipped, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static int
command_import (RehearseCli  *cli,
                int           argc,
                char        **argv,
                GError      **error)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) failures = g_ptr_array_new ();
  g_autoptr(JsonArray) json = json_array_new ();
  gboolean dry_run = argc > 0 && strcmp (argv[0], "--dry-run") == 0;

  if (dry_run)
    {
      argc--;
      argv++;
    }
  if (argc < 1)
    return rehearse_cli_usage_error (error, "import [--dry-run] FILE|DIR…");

  /* A dry run reads the files and stores nothing: the library is not even
   * opened (or created). */
  if (dry_run)
    {
      reports = rehearse_importer_dry_run ((const char * const *) argv, NULL);
    }
  else
    {
      cli->library = rehearse_library_open (cli->db_path, error);
      if (cli->library == NULL)
        return FALSE;
      reports = rehearse_importer_import (cli->library, (const char * const *) argv, NULL);
    }

  for (guint i = 0; i < reports->len; i++)
    {
      const RehearseImportReport *report = g_ptr_array_index (reports, i);

      if (cli->json)
        json_array_add_element (json, import_report_to_json (report));
      else if (dry_run)
        print_dry_run_report (report);
      else
        print_import_report (report);

      if (report->error != NULL)
        g_ptr_array_add (failures, (gpointer) report);
    }

  if (cli->json)
    {
      g_autoptr(JsonNode) root = json_node_init_array (json_node_alloc (), json);

      rehearse_cli_print_json (root);
    }

  if (failures->len == 0)
    return TRUE;

  /* One line per failure; main() prints the last one. */
  for (guint i = 0; i + 1 < failures->len; i++)
    {
      const RehearseImportReport *report = g_ptr_array_index (failures, i);

      g_printerr ("rehearse-cli: %s\n", report->error->message);
    }
  g_propagate_error (error, g_error_copy (((RehearseImportReport *) g_ptr_array_index (failures, failures->len - 1))->error));
  return FALSE;
}

/* ---- decks, topics, list ------------------------------------------------ */

static int
command_decks (RehearseCli  *cli,
               int           argc,
               char        **argv,
               GError      **error)
{
  g_autoptr(GListModel) decks = rehearse_library_list_decks (cli->library, error);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (decks == NULL)
    return FALSE;

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (decks); i++)
    {
      g_autoptr(RehearseDeck) deck = g_list_model_get_item (decks, i);

      if (!cli->json)
        {
          g_print ("%" G_GINT64_FORMAT "\t%s\t%u topics\t%u questions\t%s\n",
                   rehearse_deck_get_id (deck), rehearse_deck_get_key (deck),
                   rehearse_deck_get_topic_count (deck), rehearse_deck_get_question_count (deck),
                   rehearse_deck_get_title (deck));
          continue;
        }

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, rehearse_deck_get_id (deck));
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, rehearse_deck_get_key (deck));
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, rehearse_deck_get_title (deck));
      json_builder_set_member_name (builder, "topics");
      json_builder_add_int_value (builder, rehearse_deck_get_topic_count (deck));
      json_builder_set_member_name (builder, "questions");
      json_builder_add_int_value (builder, rehearse_deck_get_question_count (deck));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (cli->json)
    rehearse_cli_print_builder (builder);

  return TRUE;
}

static void
add_topic_json (JsonBuilder   *builder,
                RehearseTopic *topic)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, rehearse_topic_get_id (topic));
  json_builder_set_member_name (builder, "deck_id");
  json_builder_add_int_value (builder, rehearse_topic_get_deck_id (topic));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, rehearse_topic_get_title (topic));
  rehearse_cli_add_string_or_null (builder, "icon", rehearse_topic_get_icon (topic));
  json_builder_set_member_name (builder, "questions");
  json_builder_add_int_value (builder, rehearse_topic_get_question_count (topic));
  json_builder_end_object (builder);
}

static gboolean
print_topics_of_deck (RehearseCli   *cli,
                      RehearseDeck  *deck,
                      JsonBuilder   *builder,
                      GError       **error)
{
  g_autoptr(GListModel) topics = NULL;

  topics = rehearse_library_list_topics (cli->library, rehearse_deck_get_id (deck), error);
  if (topics == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(RehearseTopic) topic = g_list_model_get_item (topics, i);
      const char *icon = rehearse_topic_get_icon (topic);

      if (cli->json)
        add_topic_json (builder, topic);
      else
        g_print ("%" G_GINT64_FORMAT "\t%s%s%s\t%u questions\n", rehearse_topic_get_id (topic),
                 icon != NULL ? icon : "", icon != NULL ? " " : "",
                 rehearse_topic_get_title (topic), rehearse_topic_get_question_count (topic));
    }

  return TRUE;
}

static int
command_topics (RehearseCli  *cli,
                int           argc,
                char        **argv,
                GError      **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GListModel) decks = NULL;

  if (argc > 1)
    return rehearse_cli_usage_error (error, "topics [DECK]");

  if (argc == 1)
    {
      g_autoptr(RehearseDeck) deck = rehearse_library_find_deck (cli->library, argv[0], error);
      GListStore *store;

      if (deck == NULL)
        return FALSE;
      store = g_list_store_new (REHEARSE_TYPE_DECK);
      g_list_store_append (store, deck);
      decks = G_LIST_MODEL (store);
    }
  else
    {
      decks = rehearse_library_list_decks (cli->library, error);
      if (decks == NULL)
        return FALSE;
    }

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (decks); i++)
    {
      g_autoptr(RehearseDeck) deck = g_list_model_get_item (decks, i);

      if (!print_topics_of_deck (cli, deck, builder, error))
        return FALSE;
    }
  json_builder_end_array (builder);

  if (cli->json)
    rehearse_cli_print_builder (builder);

  return TRUE;
}

static void
add_question_json (JsonBuilder      *builder,
                   RehearseQuestion *question)
{
  json_builder_begin_object (builder);
  rehearse_cli_add_question_members (builder, question);
  json_builder_end_object (builder);
}

static int
command_list (RehearseCli  *cli,
              int           argc,
              char        **argv,
              GError      **error)
{
  g_autoptr(GListModel) questions = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (argc == 2 && strcmp (argv[0], "--topic") == 0)
    {
      gint64 topic_id;

      if (!g_ascii_string_to_signed (argv[1], 10, 1, G_MAXINT64, &topic_id, error))
        return FALSE;
      questions = rehearse_library_list_questions (cli->library, topic_id, error);
    }
  else if (argc == 2 && strcmp (argv[0], "--deck") == 0)
    {
      g_autoptr(RehearseDeck) deck = rehearse_library_find_deck (cli->library, argv[1], error);

      if (deck == NULL)
        return FALSE;
      questions = rehearse_library_list_deck_questions (cli->library,
                                                        rehearse_deck_get_id (deck), error);
    }
  else if (argc == 0)
    {
      questions = rehearse_library_list_all_questions (cli->library, error);
    }
  else
    {
      return rehearse_cli_usage_error (error, "list [--topic ID | --deck DECK]");
    }

  if (questions == NULL)
    return FALSE;

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
    {
      g_autoptr(RehearseQuestion) question = g_list_model_get_item (questions, i);

      if (cli->json)
        add_question_json (builder, question);
      else
        g_print ("%s\t%s\n", rehearse_question_get_key (question),
                 rehearse_question_get_text (question));
    }
  json_builder_end_array (builder);

  if (cli->json)
    rehearse_cli_print_builder (builder);

  return TRUE;
}

/* ---- show, search ------------------------------------------------------- */

static int
command_show (RehearseCli  *cli,
              int           argc,
              char        **argv,
              GError      **error)
{
  g_autoptr(RehearseQuestion) question = NULL;
  const char *in_depth;

  if (argc != 1)
    return rehearse_cli_usage_error (error, "show KEY");

  question = rehearse_library_get_question (cli->library, argv[0], error);
  if (question == NULL)
    return FALSE;

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      add_question_json (builder, question);
      rehearse_cli_print_builder (builder);
      return TRUE;
    }

  if (rehearse_question_get_number (question) >= 0)
    g_print ("# %d. %s\n\n", rehearse_question_get_number (question),
             rehearse_question_get_text (question));
  else
    g_print ("# %s\n\n", rehearse_question_get_text (question));
  g_print ("%s\n", rehearse_question_get_answer (question));

  in_depth = rehearse_question_get_in_depth (question);
  if (in_depth != NULL)
    g_print ("\n## In-depth\n\n%s\n", in_depth);

  return TRUE;
}

static int
command_search (RehearseCli  *cli,
                int           argc,
                char        **argv,
                GError      **error)
{
  g_autofree char *query = NULL;
  g_autoptr(GListModel) results = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (argc < 1)
    return rehearse_cli_usage_error (error, "search QUERY…");

  query = g_strjoinv (" ", argv);
  results = rehearse_library_search (cli->library, query, 50, NULL, error);
  if (results == NULL)
    return FALSE;

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(RehearseSearchResult) result = g_list_model_get_item (results, i);
      RehearseQuestion *question = rehearse_search_result_get_question (result);
      g_autofree char *snippet = rehearse_cli_snippet_text (rehearse_search_result_get_snippet (result));

      if (!cli->json)
        {
          g_print ("%s\t%s\n\t%s\n", rehearse_question_get_key (question),
                   rehearse_question_get_text (question), snippet);
          continue;
        }

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, rehearse_question_get_key (question));
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, rehearse_question_get_text (question));
      json_builder_set_member_name (builder, "snippet");
      json_builder_add_string_value (builder, snippet);
      json_builder_set_member_name (builder, "rank");
      json_builder_add_double_value (builder, rehearse_search_result_get_rank (result));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (cli->json)
    rehearse_cli_print_builder (builder);
  else if (g_list_model_get_n_items (results) == 0)
    {
      g_print ("No questions match “%s”.\n", query);
    }

  return TRUE;
}

/* ---- check, export ------------------------------------------------------ */

static int
command_check (RehearseCli  *cli,
               int           argc,
               char        **argv,
               GError      **error)
{
  RehearseLibraryCounts counts = { 0, };
  g_autoptr(GError) local_error = NULL;
  gboolean repair = argc == 1 && g_str_equal (argv[0], "--repair");
  gboolean rebuilt = FALSE;

  if (argc != 0 && !repair)
    return rehearse_cli_usage_error (error, "check [--repair]");

  /* What --repair can mend: a search index out of step with the library. */
  if (!rehearse_library_check (cli->library, &counts, &local_error))
    {
      if (!repair || !g_error_matches (local_error, REHEARSE_ERROR, REHEARSE_ERROR_SEARCH_INDEX))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_clear_error (&local_error);
      if (!rehearse_library_rebuild_search_index (cli->library, error)
          || !rehearse_library_check (cli->library, &counts, error))
        return FALSE;
      rebuilt = TRUE;
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "integrity");
      json_builder_add_string_value (builder, "ok");
      json_builder_set_member_name (builder, "search_index_rebuilt");
      json_builder_add_boolean_value (builder, rebuilt);
#define ADD_COUNT(name) \
      json_builder_set_member_name (builder, #name); \
      json_builder_add_int_value (builder, counts.name);
      ADD_COUNT (decks)
      ADD_COUNT (topics)
      ADD_COUNT (questions)
      ADD_COUNT (orphaned_questions)
      ADD_COUNT (bookmarks)
      ADD_COUNT (notes)
      ADD_COUNT (indexed)
      ADD_COUNT (reviews)
#undef ADD_COUNT
      json_builder_end_object (builder);
      rehearse_cli_print_builder (builder);
      return TRUE;
    }

  if (rebuilt)
    g_print ("Search index: was damaged, rebuilt\n");
  g_print ("Integrity: ok\n"
           "Decks: %u\nTopics: %u\nQuestions: %u\nOrphaned questions: %u\n"
           "Bookmarks: %u\nNotes: %u\nIndexed for search: %u\nReviews: %u\n",
           counts.decks, counts.topics, counts.questions, counts.orphaned_questions,
           counts.bookmarks, counts.notes, counts.indexed, counts.reviews);
  return TRUE;
}

static int
command_export (RehearseCli  *cli,
                int           argc,
                char        **argv,
                GError      **error)
{
  g_autoptr(RehearseDeck) deck = NULL;
  g_autofree char *markdown = NULL;

  if (argc != 1)
    return rehearse_cli_usage_error (error, "export DECK");

  deck = rehearse_library_find_deck (cli->library, argv[0], error);
  if (deck == NULL)
    return FALSE;

  markdown = rehearse_exporter_deck_to_markdown (cli->library, rehearse_deck_get_id (deck), error);
  if (markdown == NULL)
    return FALSE;

  fputs (markdown, stdout);
  return TRUE;
}

static const Command commands[] = {
  { "import", "[--dry-run] FILE|DIR…",
    "Import Markdown decks (a folder is one deck); --dry-run prints what would be imported", FALSE,
    command_import },
  { "decks", "", "List the decks", TRUE, command_decks },
  { "topics", "[DECK]", "List the topics, of one deck (id, key or title) or all", TRUE,
    command_topics },
  { "list", "[--topic ID | --deck DECK]", "List questions with their keys", TRUE, command_list },
  { "show", "KEY", "Print a question and its answer as Markdown", TRUE, command_show },
  { "search", "QUERY…", "Search questions and answers (best first)", TRUE, command_search },
  { "check", "[--repair]", "Check the library's integrity and count its contents; --repair "
    "rebuilds a damaged search index", TRUE, command_check },
  { "export", "DECK", "Print a deck as clean Markdown", TRUE, command_export },
  { "fsrs-replay", "FILE|-", "Replay review histories (JSON lines) through the scheduler", FALSE,
    rehearse_cli_fsrs_replay },
  { "bookmark", "KEY [--label TEXT]", "Bookmark a question, with that label or none", TRUE,
    rehearse_cli_bookmark },
  { "unbookmark", "KEY", "Remove a question's bookmark", TRUE, rehearse_cli_unbookmark },
  { "bookmarks", "[--label TEXT]", "List bookmarked questions, newest first, with labels", TRUE,
    rehearse_cli_bookmarks },
  { "note", "KEY [TEXT|-]", "Print a question's note, or save one (- reads stdin)", TRUE,
    rehearse_cli_note },
  { "notes", "", "List questions with notes and each note's first line", TRUE,
    rehearse_cli_notes },
  { "orphans", "", "List user data whose question is in no deck now", TRUE,
    rehearse_cli_orphans },
  { "export-notes", "FILE|-", "Write all notes and bookmarks to a Markdown notes file", TRUE,
    rehearse_cli_export_notes },
  { "import-notes", "FILE|-", "Restore notes and bookmarks from a notes file", TRUE,
    rehearse_cli_import_notes },
  { "due", "[--deck DECK] [--at TIME]", "List questions due for review, most overdue first",
    TRUE, rehearse_cli_due },
  { "review", "KEY 1-4 [--at TIME]", "Record a review (1 Again … 4 Easy); print the next due date",
    TRUE, rehearse_cli_review },
  { "stats", "[--at TIME]", "Print the progress figures: reviews, streaks, due forecast, mastery",
    TRUE, rehearse_cli_stats },
  { "plan", "[--at TIME | --clear | --set-date DATE…]",
    "Print today's plan to the interview; set it with --set-date YYYY-MM-DD [--deck DECK]… "
    "[--topic ID]… [--daily-minutes N] [--daily-cards N]", TRUE, rehearse_cli_plan },
  { "backup", "", "Back up the library now (then thin the older backups)", TRUE,
    rehearse_cli_backup },
  { "backups", "", "List the library's backups, newest first", TRUE, rehearse_cli_backups },
  { "restore", "BACKUP", "Put the library back as a backup holds it (backing it up first)",
    TRUE, rehearse_cli_restore },
};

static void
print_usage (FILE *stream)
{
  g_autofree char *default_path = rehearse_library_default_path ();

  fprintf (stream, "Usage: rehearse-cli [--db PATH] [--json] COMMAND [ARGUMENTS…]\n\n"
                   "Commands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *synopsis = g_strdup_printf ("%s %s", commands[i].name, commands[i].arguments);
      /* Padded by characters, not bytes: "…" is three bytes wide in UTF-8. */
      int padding = MAX (0, 34 - (int) g_utf8_strlen (synopsis, -1));

      fprintf (stream, "  %s%*s %s\n", synopsis, padding, "", commands[i].summary);
    }
  fprintf (stream, "\nOptions:\n"
                   "  --db PATH   The library database (default: %s)\n"
                   "  --json      Print JSON instead of text\n", default_path);
}

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];

  return NULL;
}

static int
run (int    argc,
     char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  RehearseCli cli = { 0, };
  const Command *command;
  int first = 1;

  for (; first < argc && argv[first][0] == '-'; first++)
    {
      if (strcmp (argv[first], "--json") == 0)
        cli.json = TRUE;
      else if (strcmp (argv[first], "--db") == 0 && first + 1 < argc)
        db_path = g_strdup (argv[++first]);
      else if (g_str_has_prefix (argv[first], "--db="))
        db_path = g_strdup (argv[first] + strlen ("--db="));
      else if (strcmp (argv[first], "--help") == 0 || strcmp (argv[first], "-h") == 0)
        {
          print_usage (stdout);
          return 0;
        }
      else
        {
          g_printerr ("rehearse-cli: unknown option %s (see rehearse-cli --help)\n", argv[first]);
          return 2;
        }
    }

  if (first >= argc)
    {
      print_usage (stderr);
      return 2;
    }

  command = find_command (argv[first]);
  if (command == NULL)
    {
      g_printerr ("rehearse-cli: unknown command “%s” (see rehearse-cli --help)\n", argv[first]);
      return 2;
    }

  if (db_path == NULL)
    db_path = rehearse_library_default_path ();
  cli.db_path = db_path;

  if (command->needs_library)
    {
      cli.library = rehearse_library_open (db_path, &error);
      if (cli.library == NULL)
        {
          g_printerr ("rehearse-cli: %s\n", error->message);
          return 1;
        }
    }

  if (!command->run (&cli, argc - first - 1, argv + first + 1, &error))
    {
      g_printerr ("rehearse-cli: %s\n", error != NULL ? error->message : "failed");
      g_clear_object (&cli.library);
      return 1;
    }

  g_clear_object (&cli.library);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return run (argc, argv);
}
