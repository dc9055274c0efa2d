/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "rehearse-text-repair.h"

/* String literals may hold NUL bytes, so lengths come from sizeof. */
#define BYTES(literal) literal, sizeof (literal) - 1

/* Code points never repaired on purpose: they are not text. */
#define IS_NONCHARACTER(c) (((c) >= 0xFDD0 && (c) <= 0xFDEF) || ((c) & 0xFFFE) == 0xFFFE)

typedef struct
{
  const char           *name;
  const char           *input;
  gsize                 input_length;
  const char           *expected;
  RehearseRepairReport  report;
} RepairCase;

/* Damaged text as found in real decks (the seed lines are verbatim) and the
 * text it once was. */
static const RepairCase damaged_cases[] = {
  /* Mac Roman, from 351-400-production-tooling-registries.md */
  { "seed-mac-rocket", BYTES ("## \uF8FFüöÄ Production Practices & Pitfalls (Questions 351-360)"),
    "## 🚀 Production Practices & Pitfalls (Questions 351-360)", { 1 } },
  { "seed-mac-apostrophe",
    BYTES ("### Question 358: What‚Äôs the best way to run cron jobs in Docker?"),
    "### Question 358: What’s the best way to run cron jobs in Docker?", { 1 } },
  { "seed-mac-tools", BYTES ("## \uF8FFüõ†Ô∏è Docker DevOps Tooling (Questions 361-370)"),
    "## 🛠️ Docker DevOps Tooling (Questions 361-370)", { 2 } },
  { "seed-mac-dividers",
    BYTES ("## \uF8FFüóÇÔ∏è Registries and Image Distribution (Deep) (Questions 371-380)"),
    "## 🗂️ Registries and Image Distribution (Deep) (Questions 371-380)", { 2 } },
  { "seed-mac-cyclone",
    BYTES ("## \uF8FFüåÄ Container Lifecycle, Management, and Orchestration (Questions 381-390)"),
    "## 🌀 Container Lifecycle, Management, and Orchestration (Questions 381-390)", { 1 } },
  { "seed-mac-test-tube",
    BYTES ("## \uF8FFüß™ Experimental and Future Docker Tech (Questions 391-400)"),
    "## 🧪 Experimental and Future Docker Tech (Questions 391-400)", { 1 } },
  { "seed-mac-restart",
    BYTES ("### Question 382: What‚Äôs the difference between restart policies: always, "
           "unless-stopped, and on-failure?"),
    "### Question 382: What’s the difference between restart policies: always, "
    "unless-stopped, and on-failure?", { 1 } },

  /* Windows-1252, from 301-350-expert-docker-experimental-tech.md */
  { "seed-1252-title",
    BYTES ("# ðŸ§ª **Expert Docker: Experimental Tech & Advanced Production (301â€“350)**"),
    "# 🧪 **Expert Docker: Experimental Tech & Advanced Production (301–350)**", { 2 } },
  { "seed-1252-em-dash",
    BYTES ("WASM is not replacing Docker â€” it targets edge computing, short-lived functions, "
           "and plugin architectures.\""),
    "WASM is not replacing Docker — it targets edge computing, short-lived functions, "
    "and plugin architectures.\"", { 1 } },
  { "seed-1252-arrows",
    BYTES ("Architecture: `containerD â†’ kata-runtime â†’ QEMU/KVM â†’ micro-VM kernel "
           "â†’ container process`"),
    "Architecture: `containerD → kata-runtime → QEMU/KVM → micro-VM kernel → container process`",
    { 4 } },
  { "seed-1252-desktop",
    BYTES ("3. Colleague opens Docker Desktop â†’ New Dev Environment â†’ pastes URL â†’ clicks "
           "Create"),
    "3. Colleague opens Docker Desktop → New Dev Environment → pastes URL → clicks Create",
    { 3 } },
  { "seed-1252-root", BYTES ("1. **Running as root** (security risk â€” use USER instruction)"),
    "1. **Running as root** (security risk — use USER instruction)", { 1 } },
  { "seed-1252-times",
    BYTES ("Multiply this by 50 developer rebuilds per day Ã— 5 developers â†’ hours saved per "
           "sprint."),
    "Multiply this by 50 developer rebuilds per day × 5 developers → hours saved per sprint.",
    { 2 } },
  { "seed-1252-entrypoint",
    BYTES ("`ENTRYPOINT ['nginx']` â†’ `docker run nginx -g 'daemon off;'` passes "
           "`-g 'daemon off;'` as args to nginx."),
    "`ENTRYPOINT ['nginx']` → `docker run nginx -g 'daemon off;'` passes "
    "`-g 'daemon off;'` as args to nginx.", { 1 } },

  /* Only part of the text is damaged. */
  { "partial-1252", BYTES ("Café — ok\ncafÃ© â€” fixed\n"), "Café — ok\ncafé — fixed\n", { 2 } },
  { "partial-mac", BYTES ("l’été\nWhat‚Äôs up? √† bient√¥t\n"),
    "l’été\nWhat’s up? à bientôt\n", { 3 } },
  { "partial-both", BYTES ("\uF8FFüöÄ Start â€” go\nSão Paulo, 5 €\n"),
    "🚀 Start — go\nSão Paulo, 5 €\n", { 2 } },

  /* Windows-1252's undefined bytes, and Latin-1 decoding, leave C1 controls. */
  { "c1-acute", BYTES ("Ã\xC2\x81" "lvaro"), "Álvaro", { 1 } },
  { "c1-latin1-em-dash", BYTES ("a â\xC2\x80\xC2\x94 b"), "a — b", { 1 } },
  { "c1-closing-quote", BYTES ("â€œquotedâ€\xC2\x9D"), "“quoted”", { 2 } },
  { "c1-polish", BYTES ("Å\xC2\x81Ã³dÅº"), "Łódź", { 3 } },
  { "c1-mixed", BYTES ("donâ\xC2\x80™t"), "don’t", { 1 } },
  { "c1-decomposed", BYTES ("e" "Ì\xC2\x81"), "e\xCC\x81", { 1 } },

  /* Other scripts and languages. */
  { "1252-french", BYTES ("Ã‰tÃ© Ã\xC2\xA0 Paris"), "Été à Paris", { 3 } },
  { "1252-german", BYTES ("StraÃŸe in ZÃ¼rich, Ã–l"), "Straße in Zürich, Öl", { 3 } },
  { "1252-portuguese", BYTES ("SÃ£o JoÃ£o"), "São João", { 2 } },
  { "1252-russian", BYTES ("ÐŸÑ€Ð¸Ð²ÐµÑ‚"), "Привет", { 6 } },
  { "1252-greek", BYTES ("Î•Î»Î»Î·Î½Î¹ÎºÎ¬"), "Ελληνικά", { 8 } },
  { "1252-japanese", BYTES ("æ—¥æœ¬èªž"), "日本語", { 3 } },
  { "1252-romanian", BYTES ("È™i È›arÄƒ"), "și țară", { 3 } },
  { "1252-euro", BYTES ("â‚¬ 20"), "€ 20", { 1 } },
  { "mac-french", BYTES ("caf√© o√π"), "café où", { 2 } },
  { "mac-spanish", BYTES ("¬°Ma√±ana la canci√≥n!"), "¡Mañana la canción!", { 3 } },
  { "mac-german", BYTES ("Stra√üe"), "Straße", { 1 } },
  { "mac-polish", BYTES ("≈Å√≥d≈∫"), "Łódź", { 3 } },
  { "mac-russian", BYTES ("–ü—Ä–∏–≤–µ—Ç"), "Привет", { 6 } },
  { "mac-japanese", BYTES ("Êó•Êú¨Ë™û"), "日本語", { 3 } },
  { "mac-decomposed", BYTES ("e" "ÃÅ"), "e\xCC\x81", { 1 } },
  { "mac-nbsp", BYTES ("5¬†kg"), "5\xC2\xA0kg", { 1 } },

  /* Damaged twice: each round undoes one layer and counts what it restored. */
  { "double-1252", BYTES ("cafÃƒÂ©"), "café", { 3 } },
  { "double-em-dash", BYTES ("Ã¢â‚¬â€" "\xC2\x9D"), "—", { 4 } },
  { "double-closing-quote", BYTES ("Ã¢â‚¬Â" "\xC2\x9D"), "”", { 4 } },

  /* Invalid UTF-8: one U+FFFD per maximal subpart, as Unicode recommends. */
  { "invalid-lone-ff", BYTES ("a\xFF" "b"), "a\uFFFDb", { 0, 1 } },
  { "invalid-lone-continuation", BYTES ("\x80"), "\uFFFD", { 0, 1 } },
  { "invalid-truncated-end", BYTES ("end\xE2\x82"), "end\uFFFD", { 0, 1 } },
  { "invalid-truncated-middle", BYTES ("\xE2\x82" "x"), "\uFFFDx", { 0, 1 } },
  { "invalid-truncated-emoji", BYTES ("\xF0\x9F\x9A"), "\uFFFD", { 0, 1 } },
  { "invalid-overlong", BYTES ("\xC0\x80"), "\uFFFD\uFFFD", { 0, 2 } },
  { "invalid-overlong-three", BYTES ("\xE0\x80\xAF"), "\uFFFD\uFFFD\uFFFD", { 0, 3 } },
  { "invalid-surrogate", BYTES ("\xED\xA0\x80"), "\uFFFD\uFFFD\uFFFD", { 0, 3 } },
  { "invalid-beyond-unicode", BYTES ("\xF4\x90\x80\x80"), "\uFFFD\uFFFD\uFFFD\uFFFD", { 0, 4 } },
  { "invalid-between-mojibake", BYTES ("Ã©\xFFÃ©"), "é\uFFFDé", { 2, 1 } },

  /* Controls, byte-order marks and line ends. */
  { "nul", BYTES ("a\0b\0"), "ab", { 0, 0, 2 } },
  { "controls", BYTES ("\x01\x07\x1B[0m\x0C\tx\x7F"), "[0m\tx\x7F", { 0, 0, 4 } },
  { "bom", BYTES ("\xEF\xBB\xBFhello"), "hello", { 0, 0, 0, TRUE } },
  { "bom-only", BYTES ("\xEF\xBB\xBF"), "", { 0, 0, 0, TRUE } },
  { "bom-damaged", BYTES ("ï»¿hello"), "hello", { 1, 0, 0, TRUE } },
  { "crlf", BYTES ("a\r\nb\r\n"), "a\nb\n", { 0, 0, 0, FALSE, TRUE } },
  { "lone-cr", BYTES ("a\rb\r\r\nc\r"), "a\nb\n\nc\n", { 0, 0, 0, FALSE, TRUE } },
  { "everything",
    BYTES ("\xEF\xBB\xBF" "cafÃ\0©\r\n\xFF" "done\r"),
    "café\n\uFFFDdone\n", { 1, 1, 1, TRUE, TRUE } },
};

/* Correct text that must come out byte for byte, with nothing reported. */
static const char * const correct_texts[] = {
  "",
  "plain ASCII, tabs\tand\nnewlines\n",
  "é",
  "São Paulo",
  "João",
  "ÃLVARO",
  "MANHÃ e MAÇÃ",
  "AMANHÃ”, disse",
  "«AMANHÃ»",
  "€ 5",
  "5 €",
  "€ 20",
  "naïve",
  "Straße",
  "„Über“ and “Über”",
  "Łódź",
  "Dvořák",
  "l’été, c’est déjà",
  "C’est l’été… dit-il",
  "«Émile» et «Ça»",
  "CAFÉ…",
  "«CAFÉ»",
  "PERCHÉ”",
  "PIÙ…",
  "perchè…”",
  "«passé»…",
  "GROß…",
  "Viele Grüße… Gruß”",
  "„Ö“ und „Ü“",
  "VÍŠ, PÍŠU, BLÍŽ",
  "‘à’ —à",
  "Ça va — très bien",
  "Señor Muñoz, ¡Ñandú!",
  "Ærøskøbing",
  "日本語",
  "ｶﾀｶﾅ and 한국어",
  "Ελληνικά",
  "Привет мир",
  "שלום",
  "مرحبا",
  "🚀 🧪 🛠️",
  "—",
  "’",
  "→",
  "√2 ≈ 1.414",
  "√π ≈ 1.77",
  "x ≤ y, ∑ π, ∞, ±5°C",
  "2×3",
  "© 2024 — ®™",
  "a\xEF\xBB\xBF" "b",
  "\xC2\x80\xC2\x9F",
  "\uFFFD",
  "\uF8FF",
};

static gunichar windows_1252_table[256];
static gunichar mac_roman_glibc_table[256];
static gunichar mac_roman_apple_table[256];
static gboolean codepage_tables_ready;

static void
assert_report_equal (const RehearseRepairReport *actual,
                     const RehearseRepairReport *expected)
{
  g_assert_cmpuint (actual->mojibake_repaired, ==, expected->mojibake_repaired);
  g_assert_cmpuint (actual->invalid_replaced, ==, expected->invalid_replaced);
  g_assert_cmpuint (actual->controls_removed, ==, expected->controls_removed);
  g_assert_cmpint (actual->bom_removed, ==, expected->bom_removed);
  g_assert_cmpint (actual->crlf_normalized, ==, expected->crlf_normalized);
}

static char *
repair (const char           *input,
        gsize                 length,
        RehearseRepairReport *report)
{
  char *output;

  /* The report must be overwritten, not added to. */
  memset (report, 0xAA, sizeof *report);
  output = rehearse_text_repair (input, length, report);
  g_assert_nonnull (output);
  g_assert_true (g_utf8_validate (output, -1, NULL));
  return output;
}

static void
test_damaged (gconstpointer data)
{
  const RepairCase *repair_case = data;
  RehearseRepairReport report;
  g_autofree char *output = repair (repair_case->input, repair_case->input_length, &report);

  g_assert_cmpstr (output, ==, repair_case->expected);
  assert_report_equal (&report, &repair_case->report);
  g_assert_true (rehearse_repair_report_changed (&report));
}

static void
test_correct (gconstpointer data)
{
  const char *text = data;
  RehearseRepairReport report;
  RehearseRepairReport nothing = { 0 };
  g_autofree char *output = repair (text, strlen (text), &report);

  g_assert_cmpstr (output, ==, text);
  assert_report_equal (&report, &nothing);
  g_assert_false (rehearse_repair_report_changed (&report));
}

/* Lines of correct text next to each other must not combine into damage. */
static void
test_correct_together (void)
{
  g_autoptr(GString) document = g_string_new (NULL);
  RehearseRepairReport report;
  RehearseRepairReport nothing = { 0 };
  g_autofree char *output = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (correct_texts); i++)
    g_string_append_printf (document, "%s\n", correct_texts[i]);

  output = repair (document->str, document->len, &report);
  g_assert_cmpstr (output, ==, document->str);
  assert_report_equal (&report, &nothing);
}

static void
test_null_report (void)
{
  g_autofree char *output = rehearse_text_repair (BYTES ("cafÃ©\r\n"), NULL);
  g_autofree char *empty = rehearse_text_repair (NULL, 0, NULL);

  g_assert_cmpstr (output, ==, "café\n");
  g_assert_cmpstr (empty, ==, "");
}

static void
test_report_changed (void)
{
  RehearseRepairReport report = { 0 };

  g_assert_false (rehearse_repair_report_changed (&report));
  report.mojibake_repaired = 1;
  g_assert_true (rehearse_repair_report_changed (&report));
  report = (RehearseRepairReport) { .invalid_replaced = 1 };
  g_assert_true (rehearse_repair_report_changed (&report));
  report = (RehearseRepairReport) { .controls_removed = 1 };
  g_assert_true (rehearse_repair_report_changed (&report));
  report = (RehearseRepairReport) { .bom_removed = TRUE };
  g_assert_true (rehearse_repair_report_changed (&report));
  report = (RehearseRepairReport) { .crlf_normalized = TRUE };
  g_assert_true (rehearse_repair_report_changed (&report));
}

/* The expected damage comes from iconv, not from the module's own tables,
 * so a typo in either shows up here. */
static gboolean
fill_codepage_table (gunichar   *table,
                     const char *charset)
{
  for (guint byte = 0; byte < 0x80; byte++)
    table[byte] = byte;

  for (guint byte = 0x80; byte < 0x100; byte++)
    {
      char input = (char) byte;
      g_autoptr(GError) error = NULL;
      g_autofree char *decoded = g_convert (&input, 1, "UTF-8", charset, NULL, NULL, &error);

      if (g_error_matches (error, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION))
        return FALSE;

      /* Windows-1252's five holes come through as C1 controls. */
      table[byte] = decoded != NULL ? g_utf8_get_char (decoded) : byte;
    }

  return TRUE;
}

static void
setup_codepage_tables (void)
{
  if (!fill_codepage_table (windows_1252_table, "WINDOWS-1252") ||
      !fill_codepage_table (mac_roman_glibc_table, "MACINTOSH"))
    return;

  /* Apple's own table differs from glibc's in two places. */
  memcpy (mac_roman_apple_table, mac_roman_glibc_table, sizeof mac_roman_apple_table);
  mac_roman_apple_table[0xC6] = 0x2206;
  mac_roman_apple_table[0xF0] = 0xF8FF;
  codepage_tables_ready = TRUE;
}

static void
append_damaged (GString        *damaged,
                gunichar        character,
                const gunichar *table)
{
  char bytes[6];
  gint length = g_unichar_to_utf8 (character, bytes);

  for (gint i = 0; i < length; i++)
    g_string_append_unichar (damaged, table[(guchar) bytes[i]]);
}

static const gunichar *
table_for (const char *name)
{
  if (g_str_equal (name, "windows-1252"))
    return windows_1252_table;
  if (g_str_equal (name, "mac-roman-glibc"))
    return mac_roman_glibc_table;
  return mac_roman_apple_table;
}

/* Every code point from U+0800 up, damaged and then repaired in one text. */
static void
test_every_long_sequence (gconstpointer data)
{
  const gunichar *table = table_for (data);
  g_autoptr(GString) damaged = g_string_sized_new (16 * 1024 * 1024);
  g_autoptr(GString) expected = g_string_sized_new (6 * 1024 * 1024);
  g_autofree char *output = NULL;
  RehearseRepairReport report;
  guint count = 0;

  if (!codepage_tables_ready)
    {
      g_test_skip ("iconv lacks WINDOWS-1252 or MACINTOSH");
      return;
    }

  for (gunichar character = 0x800; character <= 0x10FFFF; character++)
    {
      if ((character >= 0xD800 && character <= 0xDFFF) || IS_NONCHARACTER (character))
        continue;
      append_damaged (damaged, character, table);
      g_string_append_c (damaged, ' ');
      g_string_append_unichar (expected, character);
      g_string_append_c (expected, ' ');
      count++;
    }

  output = repair (damaged->str, damaged->len, &report);
  g_assert_cmpuint (strlen (output), ==, expected->len);
  g_assert_true (memcmp (output, expected->str, expected->len) == 0);
  g_assert_cmpuint (report.mojibake_repaired, ==, count);
  g_assert_cmpuint (report.invalid_replaced, ==, 0);
}

/* Two-byte damage is the ambiguous kind; these everyday letters are what it
 * hides in practice and must be restored even alone inside a word. */
static const gunichar everyday_ranges[][2] = {
  { 0x00A0, 0x00FF },  /* Latin-1 Supplement */
  { 0x0100, 0x017F },  /* Latin Extended-A */
  { 0x0386, 0x03CE },  /* Greek */
  { 0x0400, 0x045F },  /* Cyrillic */
  { 0x05D0, 0x05EA },  /* Hebrew */
  { 0x0621, 0x064A },  /* Arabic */
};

static void
assert_repairs_alone (gunichar        character,
                      const gunichar *table)
{
  g_autoptr(GString) damaged = g_string_new ("x");
  g_autoptr(GString) expected = g_string_new ("x");
  g_autofree char *output = NULL;
  RehearseRepairReport report;

  append_damaged (damaged, character, table);
  g_string_append_c (damaged, 'x');
  g_string_append_unichar (expected, character);
  g_string_append_c (expected, 'x');

  output = repair (damaged->str, damaged->len, &report);
  g_assert_cmpstr (output, ==, expected->str);
  g_assert_cmpuint (report.mojibake_repaired, ==, 1);
}

static void
test_windows_1252_two_byte (void)
{
  if (!codepage_tables_ready)
    {
      g_test_skip ("iconv lacks WINDOWS-1252");
      return;
    }

  for (guint range = 0; range < G_N_ELEMENTS (everyday_ranges); range++)
    {
      for (gunichar c = everyday_ranges[range][0]; c <= everyday_ranges[range][1]; c++)
        assert_repairs_alone (c, windows_1252_table);
    }
}

/* In Mac Roman, curly quotes and dashes are lead bytes, so only Latin
 * letters are trusted alone; other scripts are restored once the text shows
 * unambiguous damage. */
static void
test_mac_roman_two_byte (void)
{
  g_autoptr(GString) damaged = g_string_new ("What‚Äôs");
  g_autoptr(GString) expected = g_string_new ("What’s");
  g_autofree char *output = NULL;
  RehearseRepairReport report;
  guint count = 1;

  if (!codepage_tables_ready)
    {
      g_test_skip ("iconv lacks MACINTOSH");
      return;
    }

  for (gunichar c = 0xA0; c <= 0x17F; c++)
    assert_repairs_alone (c, mac_roman_apple_table);

  for (guint range = 0; range < G_N_ELEMENTS (everyday_ranges); range++)
    {
      for (gunichar c = everyday_ranges[range][0]; c <= everyday_ranges[range][1]; c++)
        {
          g_string_append_c (damaged, ' ');
          append_damaged (damaged, c, mac_roman_apple_table);
          g_string_append_c (expected, ' ');
          g_string_append_unichar (expected, c);
          count++;
        }
    }

  output = repair (damaged->str, damaged->len, &report);
  g_assert_cmpstr (output, ==, expected->str);
  g_assert_cmpuint (report.mojibake_repaired, ==, count);
}

/* What an import must never show; the same list the parser tests use. */
static const char * const mojibake_markers[] = {
  "\uF8FF", "â€", "â†", "Ã", "ðŸ", "‚Äô", "üö", "üõ", "üó", "üå", "üß", "Ô∏",
};

static void
assert_no_mojibake (const char *text,
                    const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (mojibake_markers); i++)
    {
      if (strstr (text, mojibake_markers[i]) != NULL)
        g_error ("%s still holds marker %u", name, i);
    }
}

static GString *
repair_bundled_decks (const char *directory)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (directory, 0, &error);
  GString *all = g_string_new (NULL);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (directory, name, NULL);
      g_autofree char *data = NULL;
      g_autofree char *output = NULL;
      RehearseRepairReport report;
      gsize length;

      if (!g_str_has_suffix (name, ".md"))
        continue;
      g_assert_true (g_file_get_contents (path, &data, &length, &error));
      g_assert_no_error (error);

      output = repair (data, length, &report);
      assert_no_mojibake (output, name);
      g_assert_cmpuint (report.invalid_replaced, ==, 0);
      g_string_append (all, output);
    }

  return all;
}

static void
test_bundled_decks (void)
{
  const char *decks_dir = g_getenv ("REHEARSE_BUNDLED_DECKS_DIR");
  const char * const expected[] = { "🚀", "🧪", "🛠️", "—", "–", "’", "→", "×" };
  g_autofree char *directory = NULL;
  g_autoptr(GString) all = NULL;

  if (decks_dir == NULL)
    {
      g_test_skip ("REHEARSE_BUNDLED_DECKS_DIR is not set");
      return;
    }

  directory = g_build_filename (decks_dir, "docker-interview-questions", NULL);
  all = repair_bundled_decks (directory);
  g_assert_cmpuint (all->len, >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_nonnull (strstr (all->str, expected[i]));
}

/* Plain ASCII is skipped a word at a time, so put what needs handling at
 * every offset of a long line. */
static void
test_anywhere_in_line (void)
{
  const struct
  {
    const char           *inserted;
    gsize                 length;
    const char           *replacement;
    RehearseRepairReport  report;
  } insertions[] = {
    { BYTES ("\0"), "", { 0, 0, 1 } },
    { BYTES ("\x01"), "", { 0, 0, 1 } },
    { BYTES ("\x1F"), "", { 0, 0, 1 } },
    { BYTES ("\r"), "\n", { 0, 0, 0, FALSE, TRUE } },
    { BYTES ("\t"), "\t", { 0 } },
    { BYTES ("\x7F"), "\x7F", { 0 } },
    { BYTES ("\xFF"), "\uFFFD", { 0, 1 } },
    { BYTES ("é"), "é", { 0 } },
    { BYTES ("Ã©"), "é", { 1 } },
  };
  const char *line = "The quick brown fox jumps over the lazy dog again";
  gsize line_length = strlen (line);

  for (guint i = 0; i < G_N_ELEMENTS (insertions); i++)
    {
      for (gsize offset = 0; offset <= line_length; offset++)
        {
          g_autoptr(GString) input = g_string_new_len (line, line_length);
          g_autoptr(GString) expected = g_string_new_len (line, line_length);
          g_autofree char *output = NULL;
          RehearseRepairReport report;

          g_string_insert_len (input, offset, insertions[i].inserted, insertions[i].length);
          g_string_insert (expected, offset, insertions[i].replacement);
          output = repair (input->str, input->len, &report);
          g_assert_cmpstr (output, ==, expected->str);
          assert_report_equal (&report, &insertions[i].report);
        }
    }
}

/* Not a timing test: a quadratic repair would not finish within the test
 * timeout on 20 MB, and the result must still be exact. */
static void
test_large_input (void)
{
  const char *damaged_unit = "cafÃ© â€” naÃ¯ve ðŸ§ª\r\n"
                             "São Paulo — 5 €, l’été\n"
                             "\uF8FFüöÄ What‚Äôs new\n";
  const char *expected_unit = "café — naïve 🧪\n"
                              "São Paulo — 5 €, l’été\n"
                              "🚀 What’s new\n";
  gsize damaged_length = strlen (damaged_unit);
  gsize expected_length = strlen (expected_unit);
  guint units = 20 * 1024 * 1024 / damaged_length;
  g_autoptr(GString) damaged = g_string_sized_new (units * damaged_length + 1);
  g_autofree char *output = NULL;
  RehearseRepairReport report;
  RehearseRepairReport expected_report = {
    .mojibake_repaired = 6 * units,
    .crlf_normalized = TRUE,
  };

  for (guint i = 0; i < units; i++)
    g_string_append_len (damaged, damaged_unit, damaged_length);

  output = repair (damaged->str, damaged->len, &report);
  g_assert_cmpuint (strlen (output), ==, units * expected_length);
  for (guint i = 0; i < units; i++)
    g_assert_true (memcmp (output + i * expected_length, expected_unit, expected_length) == 0);
  assert_report_equal (&report, &expected_report);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  setup_codepage_tables ();

  for (guint i = 0; i < G_N_ELEMENTS (damaged_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/text-repair/damaged/%s", damaged_cases[i].name);

      g_test_add_data_func (path, &damaged_cases[i], test_damaged);
    }

  for (guint i = 0; i < G_N_ELEMENTS (correct_texts); i++)
    {
      g_autofree char *path = g_strdup_printf ("/text-repair/correct/%u", i);

      g_test_add_data_func (path, correct_texts[i], test_correct);
    }

  g_test_add_func ("/text-repair/correct-together", test_correct_together);
  g_test_add_func ("/text-repair/null-report", test_null_report);
  g_test_add_func ("/text-repair/report-changed", test_report_changed);
  g_test_add_data_func ("/text-repair/every-long-sequence/windows-1252", "windows-1252",
                        test_every_long_sequence);
  g_test_add_data_func ("/text-repair/every-long-sequence/mac-roman-glibc", "mac-roman-glibc",
                        test_every_long_sequence);
  g_test_add_data_func ("/text-repair/every-long-sequence/mac-roman-apple", "mac-roman-apple",
                        test_every_long_sequence);
  g_test_add_func ("/text-repair/two-byte/windows-1252", test_windows_1252_two_byte);
  g_test_add_func ("/text-repair/two-byte/mac-roman", test_mac_roman_two_byte);
  g_test_add_func ("/text-repair/bundled-decks", test_bundled_decks);
  g_test_add_func ("/text-repair/anywhere-in-line", test_anywhere_in_line);
  g_test_add_func ("/text-repair/large-input", test_large_input);

  return g_test_run ();
}
