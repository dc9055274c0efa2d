/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>  /* setrlimit */
#include <unistd.h>

#include "bench-support.h"
#include "deck-generator.h"
#include "rehearse-bench.h"
#include "rehearse-error.h"
#include "rehearse-importer.h"

/* `rehearse-bench bad-input`: hostile files of each kind at two sizes ten
 * times apart, each imported into a fresh library in a process of its own
 * (this program again, as `rehearse-bench bad-input-case`): the time must
 * grow linearly, and a crash, a runaway allocation or an endless loop is
 * reported instead of ending the benchmark. */

#define BAD_INPUT_SMALL_RUNS      3
#define BAD_INPUT_REPEAT_BELOW_MS 3000

#define TARGET_LINEAR_RATIO       10.0

/* A bad-input child gets this much address space: enough for any sane
 * import of a 50 MB file, not enough to take the machine down. */
#define BAD_INPUT_MEMORY_LIMIT    (8 * (rlim_t) 1024 * 1024 * 1024)

/* ---- Writers ------------------------------------------------------------- */

/* Each writes about @size bytes of one kind of bad input. */
typedef void (*BadInputWriter) (GString *out,
                                gsize    size,
                                GRand   *rand);

static void
write_random_bytes (GString *out,
                    gsize    size,
                    GRand   *rand)
{
  while (out->len < size)
    {
      guint32 word = g_rand_int (rand);

      g_string_append_len (out, (const char *) &word, sizeof word);
    }
}

/* Generated decks are about 1.2 KB a question. */
static void
write_valid_deck (GString *out,
                  gsize    size,
                  GRand   *rand)
{
  g_autofree char *markdown = deck_generator_markdown (1, (guint) (size / 1190) + 1, 7);

  g_string_append (out, markdown);
}

/* A damaged deck: every few hundred bytes one is replaced by @byte. */
static void
sprinkle (GString *out,
          GRand   *rand,
          guchar   byte)
{
  for (gsize i = (gsize) g_rand_int_range (rand, 1, 500); i < out->len;
       i += (gsize) g_rand_int_range (rand, 100, 900))
    out->str[i] = (char) byte;
}

static void
write_invalid_utf8 (GString *out,
                    gsize    size,
                    GRand   *rand)
{
  write_valid_deck (out, size, rand);
  sprinkle (out, rand, 0xff);
  sprinkle (out, rand, 0xc0);
}

static void
write_nul_bytes (GString *out,
                 gsize    size,
                 GRand   *rand)
{
  write_valid_deck (out, size, rand);
  sprinkle (out, rand, '\0');
}

/* Words and inline Markdown without a single line break. */
static void
write_one_paragraph (GString *out,
                     gsize    size,
                     GRand   *rand)
{
  write_valid_deck (out, size, rand);
  for (gsize i = 0; i < out->len; i++)
    if (strchr ("\n#|", out->str[i]) != NULL)
      out->str[i] = ' ';
  g_string_prepend (out, "Notes ");
}

static void
append_question (GString *out,
                 guint    number)
{
  g_string_append_printf (out, "### %u. What is question %u?\n\nAn answer.\n\n", number, number);
}

static void
write_nested_quotes (GString *out,
                     gsize    size,
                     GRand   *rand)
{
  for (guint number = 1; out->len < size; number++)
    {
      for (guint depth = 0; depth < 10000; depth++)
        g_string_append (out, "> ");
      append_question (out, number);
    }
}

/* One line of quote markers as long as the file, then a question. */
static void
write_deep_quote (GString *out,
                  gsize    size,
                  GRand   *rand)
{
  while (out->len < size)
    g_string_append (out, "> ");
  g_string_append (out, "\n\n");
  append_question (out, 1);
}

/* An outline 500 levels deep, a question after each. */
static void
write_nested_lists (GString *out,
                    gsize    size,
                    GRand   *rand)
{
  for (guint number = 1; out->len < size; number++)
    {
      for (guint depth = 0; depth < 500; depth++)
        g_string_append_printf (out, "%*s- item %u\n", (int) depth * 2, "", depth);
      g_string_append_c (out, '\n');
      append_question (out, number);
    }
}

/* The inline parser's worst cases: openers that never close. */
static void
write_unclosed_inlines (GString *out,
                        gsize    size,
                        GRand   *rand)
{
  static const char * const openers[] = { "[", "*", "**", "_", "`", "![", "<", "~~", "[a](" };

  append_question (out, 1);
  while (out->len < size)
    {
      g_string_append (out, openers[g_rand_int_range (rand, 0, G_N_ELEMENTS (openers))]);
      g_string_append (out, "a ");
    }
  g_string_append_c (out, '\n');
}

static void
write_wide_table (GString *out,
                  gsize    size,
                  GRand   *rand)
{
  append_question (out, 1);
  for (guint row = 0; out->len < size; row++)
    {
      for (guint column = 0; column < 1000; column++)
        g_string_append (out, row == 1 ? "|---" : "| a ");
      g_string_append (out, "|\n");
    }
}

typedef struct
{
  const char     *name;
  BadInputWriter  write;
} BadInputKind;

static const BadInputKind bad_input_kinds[] = {
  { "random binary bytes", write_random_bytes },
  { "a deck with 0xFF and 0xC0 sprinkled in", write_invalid_utf8 },
  { "a deck with NUL bytes sprinkled in", write_nul_bytes },
  { "one paragraph, no line break, no question", write_one_paragraph },
  { "10,000 nested block quotes + a question, repeated", write_nested_quotes },
  { "block quotes nested as deep as the file", write_deep_quote },
  { "lists nested 500 deep + a question, repeated", write_nested_lists },
  { "unclosed [ * ` ~~ <, one paragraph", write_unclosed_inlines },
  { "a table 1,000 columns wide", write_wide_table },
  { "a valid generated deck", write_valid_deck },
};

/* ---- Running one case ---------------------------------------------------- */

void
bench_case_result_clear (BenchCaseResult *result)
{
  g_clear_pointer (&result->outcome, g_free);
}

static char *
describe_reports (GPtrArray  *reports,
                  const char *file)
{
  g_autofree char *name = g_path_get_basename (file);
  g_autofree char *path_prefix = g_strconcat (file, ": ", NULL);
  g_autofree char *name_prefix = g_strconcat (name, ": ", NULL);
  RehearseImportReport *report;
  GString *outcome;

  if (reports->len == 0)
    return g_strdup ("no report");

  /* The message names the file (by path or by name); the table already
   * says which it is. */
  report = g_ptr_array_index (reports, 0);
  if (report->error != NULL)
    {
      const char *message = report->error->message;

      if (g_str_has_prefix (message, path_prefix))
        message += strlen (path_prefix);
      else if (g_str_has_prefix (message, name_prefix))
        message += strlen (name_prefix);
      return g_strdup_printf ("refused: %s", message);
    }

  outcome = g_string_new (NULL);
  g_string_append_printf (outcome, "imported %u question%s", report->question_count,
                          report->question_count == 1 ? "" : "s");
  if (report->repair.invalid_replaced > 0)
    g_string_append_printf (outcome, ", %u invalid sequences replaced",
                            report->repair.invalid_replaced);
  if (report->repair.controls_removed > 0)
    g_string_append_printf (outcome, ", %u control characters removed",
                            report->repair.controls_removed);

  return g_string_free (outcome, FALSE);
}

static gboolean
import_case (const char       *file,
             const char       *db_path,
             BenchCaseResult  *result,
             GError          **error)
{
  const char *paths[] = { file, NULL };
  g_autoptr(RehearseLibrary) library = rehearse_library_open (db_path, error);
  g_autoptr(GPtrArray) reports = NULL;
  gint64 start;

  if (library == NULL)
    return FALSE;

  start = g_get_monotonic_time ();
  reports = rehearse_importer_import (library, paths, NULL);
  result->ms = bench_elapsed_ms (start);
  result->outcome = describe_reports (reports, file);
  /* Not getrusage(): its maximum survives exec, so a child would
   * report its parent's size. */
  result->peak_kib = bench_status_kilobytes ("VmHWM:");

  return TRUE;
}

/* `rehearse-bench bad-input-case FILE LIBRARY SECONDS`: one import in a
 * process of its own, so a crash, a runaway allocation or an endless loop
 * is reported instead of ending the benchmark. */
gboolean
bench_bad_input_case (char    **args,
                      GError  **error)
{
  g_auto(BenchCaseResult) result = { 0, };
  struct rlimit memory = { BAD_INPUT_MEMORY_LIMIT, BAD_INPUT_MEMORY_LIMIT };

  if (g_strv_length (args) != 3)
    {
      g_set_error_literal (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT,
                           "usage: rehearse-bench bad-input-case FILE LIBRARY SECONDS");
      return FALSE;
    }

  setrlimit (RLIMIT_AS, &memory);
  alarm ((guint) g_ascii_strtoull (args[2], NULL, 10));
  if (!import_case (args[0], args[1], &result, error))
    return FALSE;

  g_print ("%.3f\t%ld\t%s\n", result.ms, result.peak_kib, result.outcome);
  return TRUE;
}

static void
parse_child_output (const char      *output,
                    BenchCaseResult *result)
{
  g_auto(GStrv) fields = g_strsplit (output, "\t", 3);

  if (g_strv_length (fields) < 3)
    {
      result->outcome = g_strdup_printf ("unreadable result “%s”", output);
      return;
    }

  result->ms = g_ascii_strtod (fields[0], NULL);
  result->peak_kib = (glong) g_ascii_strtoll (fields[1], NULL, 10);
  result->outcome = g_strdup (g_strstrip (fields[2]));
}

static void
describe_child_failure (GSubprocess     *child,
                        char            *errors,
                        guint            limit_seconds,
                        BenchCaseResult *result)
{
  /* What the child said last (an abort's reason, a warning) says why. */
  const char *said = errors != NULL ? g_strstrip (errors) : "";
  const char *last_line = strrchr (said, '\n') != NULL ? strrchr (said, '\n') + 1 : said;
  int signal_number = g_subprocess_get_if_signaled (child) ? g_subprocess_get_term_sig (child) : 0;

  if (signal_number == SIGALRM)
    result->outcome = g_strdup_printf ("GAVE UP after %u s", limit_seconds);
  else if (signal_number != 0)
    result->outcome = g_strdup_printf ("CRASHED: %s%s%s", g_strsignal (signal_number),
                                       *last_line != '\0' ? ": " : "", last_line);
  else
    result->outcome = g_strdup_printf ("FAILED: %s", last_line);
}

gboolean
bench_run_import_case (Bench            *bench,
                       const char       *file,
                       guint             limit_seconds,
                       BenchCaseResult  *result,
                       GError          **error)
{
  g_autofree char *db_path = bench_new_path (bench, "bad-input", "db");
  g_autofree char *seconds = g_strdup_printf ("%u", limit_seconds);
  g_autoptr(GSubprocess) child = NULL;
  g_autofree char *output = NULL;
  g_autofree char *errors = NULL;
  gint64 start = g_get_monotonic_time ();
  gboolean ok;

  /* Without a way to run ourselves, run in this process: no limits. */
  if (bench->self_path == NULL)
    {
      ok = import_case (file, db_path, result, error);
      rehearse_library_remove_files (db_path);
      return ok;
    }

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, error,
                            bench->self_path, "bad-input-case", file, db_path, seconds, NULL);
  ok = child != NULL && g_subprocess_communicate_utf8 (child, NULL, NULL, &output, &errors, error);
  rehearse_library_remove_files (db_path);
  if (!ok)
    return FALSE;

  if (g_subprocess_get_successful (child))
    parse_child_output (output, result);
  else
    {
      result->ms = bench_elapsed_ms (start);
      describe_child_failure (child, errors, limit_seconds, result);
    }

  return TRUE;
}

/* ---- The benchmark ------------------------------------------------------- */

static char *
write_bad_input (Bench               *bench,
                 const BadInputKind  *kind,
                 gsize                size,
                 GError             **error)
{
  g_autoptr(GString) contents = g_string_sized_new (size + 65536);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autofree char *path = bench_new_path (bench, "bad-input", "md");

  kind->write (contents, size, rand);
  if (!g_file_set_contents (path, contents->str, (gssize) contents->len, error))
    return NULL;

  return g_steal_pointer (&path);
}

static void
print_case (const char            *size_label,
            double                 ms,
            const BenchCaseResult *result)
{
  g_autofree char *peak = bench_format_bytes ((guint64) result->peak_kib * 1024);

  g_print ("    %-6s %10.1f ms   peak %10s   %s\n", size_label, ms,
           result->peak_kib > 0 ? peak : "?", result->outcome);
}

/* Times one kind at @size, @runs times; the median, and the last outcome. */
static gboolean
time_bad_input (Bench               *bench,
                const BadInputKind  *kind,
                gsize                size,
                guint                runs,
                guint                limit_seconds,
                double              *median_ms,
                BenchCaseResult     *result,
                GError             **error)
{
  g_autofree char *path = write_bad_input (bench, kind, size, error);
  g_autoptr(GArray) samples = bench_samples_new ();

  if (path == NULL)
    return FALSE;

  for (guint i = 0; i < runs; i++)
    {
      bench_case_result_clear (result);
      if (!bench_run_import_case (bench, path, limit_seconds, result, error))
        break;
      bench_samples_add (samples, result->ms);
    }
  g_remove (path);

  if (samples->len < runs)
    return FALSE;
  *median_ms = bench_samples_median (samples);
  return TRUE;
}

/* Linear is 10; n log n (B-trees, FTS5 segment merges) and a bigger heap
 * make it 12 to 17; quadratic would be 100. */
static void
print_linearity (double   small_ms,
                 double   large_ms,
                 gboolean gave_up)
{
  double ratio = large_ms / small_ms;
  const char *verdict;

  if (gave_up)
    {
      g_print ("    ratio large/small > %.0f: SUPERLINEAR (gave up)\n", ratio);
      return;
    }

  if (ratio > 2.5 * TARGET_LINEAR_RATIO)
    verdict = "SUPERLINEAR";
  else if (ratio > 1.3 * TARGET_LINEAR_RATIO)
    verdict = "near-linear (n log n, memory)";
  else if (ratio < TARGET_LINEAR_RATIO / 2)
    verdict = "linear (fixed costs dominate)";
  else
    verdict = "linear";

  g_print ("    ratio large/small %.1f (linear ≈ %.0f): %s\n", ratio, TARGET_LINEAR_RATIO,
           verdict);
}

static gboolean
bench_one_bad_input (Bench               *bench,
                     const BadInputKind  *kind,
                     GError             **error)
{
  gsize small = (gsize) bench->megabytes * 1024 * 1024;
  g_auto(BenchCaseResult) small_result = { 0, };
  g_auto(BenchCaseResult) large_result = { 0, };
  g_autofree char *small_label = g_strdup_printf ("%u MiB", bench->megabytes);
  g_autofree char *large_label = g_strdup_printf ("%u MiB", bench->megabytes * 10);
  double small_ms = 0, large_ms = 0;
  guint limit;

  g_print ("  %s\n", kind->name);
  if (!time_bad_input (bench, kind, small, BAD_INPUT_SMALL_RUNS, 600, &small_ms, &small_result,
                       error))
    return FALSE;
  print_case (small_label, small_ms, &small_result);

  /* Long enough for anything linear; superlinear is clear by then. Only
   * the slowest cases run once: a single run is easily disturbed. */
  limit = (guint) CLAMP (small_ms * 30 / 1000, 60, 900);
  if (!time_bad_input (bench, kind, small * 10,
                       small_ms < BAD_INPUT_REPEAT_BELOW_MS ? BAD_INPUT_SMALL_RUNS : 1, limit,
                       &large_ms, &large_result, error))
    return FALSE;
  print_case (large_label, large_ms, &large_result);

  print_linearity (small_ms, large_ms, g_str_has_prefix (large_result.outcome, "GAVE UP"));
  return TRUE;
}

gboolean
bench_bad_input (Bench   *bench,
                 GError **error)
{
  g_print ("\nBAD INPUT: import time at %u MiB and %u MiB (median of %u runs; of 1 run at"
           " %u MiB when %u MiB took over %u s), each into a fresh library in a process of"
           " its own (limits: %u GiB of address space, 30 times the small case's time)\n",
           bench->megabytes, bench->megabytes * 10, BAD_INPUT_SMALL_RUNS, bench->megabytes * 10,
           bench->megabytes, BAD_INPUT_REPEAT_BELOW_MS / 1000,
           (guint) (BAD_INPUT_MEMORY_LIMIT >> 30));

  for (guint i = 0; i < G_N_ELEMENTS (bad_input_kinds); i++)
    if (!bench_one_bad_input (bench, &bad_input_kinds[i], error))
      return FALSE;

  return TRUE;
}
