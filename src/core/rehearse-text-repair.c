/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rehearse-text-repair.h"

#include <string.h>

/* Mojibake is UTF-8 whose bytes were once decoded one byte per character in a
 * legacy codepage. The input is first made valid UTF-8; then, in up to three
 * rounds done in place, each character is mapped back to its byte under
 * Windows-1252 and Mac Roman, and a run is replaced when its bytes form one
 * complete, shortest-form UTF-8 sequence. Correct text seldom does, since
 * that takes a lead byte followed by exactly the right number of continuation
 * bytes. The coincidences that remain are two-byte sequences and accented
 * letters before closing punctuation; they are trusted only when they decode
 * to everyday letters, or when the text shows unambiguous damage elsewhere
 * (counted first, as evidence). */

typedef enum
{
  CODEPAGE_WINDOWS_1252,
  CODEPAGE_MAC_ROMAN,
  N_CODEPAGES
} Codepage;

/* A doubly damaged file needs a second round; more than three rounds would
 * only ever find coincidences. */
#define MAX_REPAIR_ROUNDS 3

#define REPLACEMENT_CHARACTER "\xEF\xBF\xBD"
#define BYTE_ORDER_MARK       "\xEF\xBB\xBF"

/* Windows-1252 0x80-0x9F. The five bytes Windows leaves undefined decode to
 * the C1 control of the same value in every decoder that keeps them at all
 * (Latin-1 fallback, WHATWG), so that is what damaged text carries. */
static const gunichar windows_1252_c1_range[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

/* Mac OS Roman 0x80-0xFF, as in Apple's ROMAN.TXT (0xDB is the euro sign,
 * 0xF0 the Apple logo in the private use area). */
static const gunichar mac_roman_high_half[128] = {
  0x00C4, 0x00C5, 0x00C7, 0x00C9, 0x00D1, 0x00D6, 0x00DC, 0x00E1,
  0x00E0, 0x00E2, 0x00E4, 0x00E3, 0x00E5, 0x00E7, 0x00E9, 0x00E8,
  0x00EA, 0x00EB, 0x00ED, 0x00EC, 0x00EE, 0x00EF, 0x00F1, 0x00F3,
  0x00F2, 0x00F4, 0x00F6, 0x00F5, 0x00FA, 0x00F9, 0x00FB, 0x00FC,
  0x2020, 0x00B0, 0x00A2, 0x00A3, 0x00A7, 0x2022, 0x00B6, 0x00DF,
  0x00AE, 0x00A9, 0x2122, 0x00B4, 0x00A8, 0x2260, 0x00C6, 0x00D8,
  0x221E, 0x00B1, 0x2264, 0x2265, 0x00A5, 0x00B5, 0x2202, 0x2211,
  0x220F, 0x03C0, 0x222B, 0x00AA, 0x00BA, 0x03A9, 0x00E6, 0x00F8,
  0x00BF, 0x00A1, 0x00AC, 0x221A, 0x0192, 0x2248, 0x2206, 0x00AB,
  0x00BB, 0x2026, 0x00A0, 0x00C0, 0x00C3, 0x00D5, 0x0152, 0x0153,
  0x2013, 0x2014, 0x201C, 0x201D, 0x2018, 0x2019, 0x00F7, 0x25CA,
  0x00FF, 0x0178, 0x2044, 0x20AC, 0x2039, 0x203A, 0xFB01, 0xFB02,
  0x2021, 0x00B7, 0x201A, 0x201E, 0x2030, 0x00C2, 0x00CA, 0x00C1,
  0x00CB, 0x00C8, 0x00CD, 0x00CE, 0x00CF, 0x00CC, 0x00D3, 0x00D4,
  0xF8FF, 0x00D2, 0x00DA, 0x00DB, 0x00D9, 0x0131, 0x02C6, 0x02DC,
  0x00AF, 0x02D8, 0x02D9, 0x02DA, 0x00B8, 0x02DD, 0x02DB, 0x02C7,
};

typedef struct
{
  gunichar character;
  guint8   byte;
} CodepageAlias;

/* Other decoders' idea of Mac Roman: the pre-1998 currency sign, the ohm
 * sign, and glibc's iconv, which uses a Greek delta and its own private use
 * code point for the Apple logo. */
static const CodepageAlias mac_roman_aliases[] = {
  { 0x00A4, 0xDB },
  { 0x2126, 0xBD },
  { 0x0394, 0xC6 },
  { 0xE01E, 0xF0 },
};

/* Reverse lookup, the hot path: one index per character. Only the Basic
 * Multilingual Plane can map back to a byte; 0 means "no byte". Filled once
 * from the tables above so the two directions cannot drift apart. */
static guint8 byte_for_character[N_CODEPAGES][0x10000];

typedef struct
{
  Codepage codepage;
  gunichar decoded;
  guint    n_bytes;   /* UTF-8 length of @decoded = characters consumed */
  gsize    consumed;  /* bytes of damaged text consumed */
  guint8   bytes[4];
} Match;

static void
fill_reverse_tables (void)
{
  guint8 *windows = byte_for_character[CODEPAGE_WINDOWS_1252];
  guint8 *mac = byte_for_character[CODEPAGE_MAC_ROMAN];

  /* Latin-1 decoding puts every byte 0x80-0xFF at its own code point,
   * Windows-1252 agrees from 0xA0 up. */
  for (guint byte = 0x80; byte <= 0xFF; byte++)
    windows[byte] = (guint8) byte;
  for (guint i = 0; i < G_N_ELEMENTS (windows_1252_c1_range); i++)
    windows[windows_1252_c1_range[i]] = (guint8) (0x80 + i);

  for (guint i = 0; i < G_N_ELEMENTS (mac_roman_high_half); i++)
    mac[mac_roman_high_half[i]] = (guint8) (0x80 + i);
  for (guint i = 0; i < G_N_ELEMENTS (mac_roman_aliases); i++)
    mac[mac_roman_aliases[i].character] = mac_roman_aliases[i].byte;
}

static void
ensure_reverse_tables (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      fill_reverse_tables ();
      g_once_init_leave (&initialized, 1);
    }
}

static inline guint8
codepage_byte (Codepage codepage,
               gunichar character)
{
  if (character < 0x80 || character > 0xFFFF)
    return 0;

  return byte_for_character[codepage][character];
}

/* Checks the UTF-8 sequence at @p. Returns its length and sets @complete when
 * it is valid; otherwise returns the length of its maximal subpart (at least
 * 1), which Unicode recommends replacing by a single U+FFFD. */
static gsize
utf8_scan (const guchar *p,
           const guchar *end,
           gboolean     *complete)
{
  guchar lead = p[0];
  guchar low = 0x80;
  guchar high = 0xBF;
  guint needed;

  *complete = FALSE;

  /* The narrowed second-byte ranges exclude overlong forms, surrogates and
   * code points past U+10FFFF. */
  if (lead >= 0xC2 && lead <= 0xDF)
    needed = 1;
  else if (lead >= 0xE0 && lead <= 0xEF)
    {
      needed = 2;
      if (lead == 0xE0)
        low = 0xA0;
      else if (lead == 0xED)
        high = 0x9F;
    }
  else if (lead >= 0xF0 && lead <= 0xF4)
    {
      needed = 3;
      if (lead == 0xF0)
        low = 0x90;
      else if (lead == 0xF4)
        high = 0x8F;
    }
  else
    return 1;

  for (guint i = 1; i <= needed; i++)
    {
      if (p + i >= end || p[i] < low || p[i] > high)
        return i;
      low = 0x80;
      high = 0xBF;
    }

  *complete = TRUE;
  return needed + 1;
}

/* Decodes one character of text already known to be valid UTF-8; inline
 * because every non-ASCII character goes through here twice per round. */
static inline gunichar
next_character (const char *p,
                gsize      *length)
{
  const guchar *bytes = (const guchar *) p;

  if (bytes[0] < 0x80)
    {
      *length = 1;
      return bytes[0];
    }
  if (bytes[0] < 0xE0)
    {
      *length = 2;
      return ((bytes[0] & 0x1F) << 6) | (bytes[1] & 0x3F);
    }
  if (bytes[0] < 0xF0)
    {
      *length = 3;
      return ((bytes[0] & 0x0F) << 12) | ((bytes[1] & 0x3F) << 6) | (bytes[2] & 0x3F);
    }

  *length = 4;
  return ((bytes[0] & 0x07) << 18) | ((bytes[1] & 0x3F) << 12) | ((bytes[2] & 0x3F) << 6) |
         (bytes[3] & 0x3F);
}

/* Whatever needs more than copying: a line end, a control character or an
 * ill-formed sequence. Returns where to go on from. */
static const guchar *
sanitize_special (GString              *text,
                  const guchar         *p,
                  const guchar         *end,
                  RehearseRepairReport *report)
{
  gboolean complete;

  if (*p == '\r')
    {
      g_string_append_c (text, '\n');
      report->crlf_normalized = TRUE;
      return (p + 1 < end && p[1] == '\n') ? p + 2 : p + 1;
    }

  if (*p < 0x80)
    {
      report->controls_removed++;
      return p + 1;
    }

  g_string_append (text, REPLACEMENT_CHARACTER);
  report->invalid_replaced++;
  return p + utf8_scan (p, end, &complete);
}

static inline gboolean
is_plain_ascii (guchar byte)
{
  return (byte >= 0x20 && byte < 0x80) || byte == '\t' || byte == '\n';
}

/* Steps over printable ASCII, tabs and newlines, eight bytes at a time while
 * no byte has its high bit set or is below 0x20. */
static const guchar *
skip_plain_ascii (const guchar *p,
                  const guchar *end)
{
  const guint64 high_bits = G_GUINT64_CONSTANT (0x8080808080808080);
  const guint64 spaces = G_GUINT64_CONSTANT (0x2020202020202020);

  for (;;)
    {
      guint64 word;

      while (end - p >= (gssize) sizeof word)
        {
          memcpy (&word, p, sizeof word);
          if ((word & high_bits) || ((word - spaces) & ~word & high_bits))
            break;
          p += sizeof word;
        }

      if (p == end || !is_plain_ascii (*p))
        return p;
      p++;
    }
}

/* The first pass: valid UTF-8 with LF line ends and no stray controls.
 * Stretches of plain text are copied in one go. */
static GString *
sanitize (const guchar         *data,
          gsize                 length,
          RehearseRepairReport *report)
{
  const guchar *p = data;
  const guchar *end = data + length;
  const guchar *plain_start;
  GString *text = g_string_sized_new (length + 1);

  if (length >= 3 && memcmp (p, BYTE_ORDER_MARK, 3) == 0)
    {
      report->bom_removed = TRUE;
      p += 3;
    }

  plain_start = p;
  while ((p = skip_plain_ascii (p, end)) < end)
    {
      gboolean complete = FALSE;
      gsize sequence_length;

      if (*p >= 0x80)
        {
          sequence_length = utf8_scan (p, end, &complete);
          if (complete)
            {
              p += sequence_length;
              continue;
            }
        }

      g_string_append_len (text, (const char *) plain_start, p - plain_start);
      p = sanitize_special (text, p, end, report);
      plain_start = p;
    }
  g_string_append_len (text, (const char *) plain_start, p - plain_start);

  return text;
}

static inline guint
sequence_length_for_lead (guint8 lead)
{
  if (lead >= 0xC2 && lead <= 0xDF)
    return 2;
  if (lead >= 0xE0 && lead <= 0xEF)
    return 3;
  if (lead >= 0xF0 && lead <= 0xF4)
    return 4;
  return 0;
}

/* Reads characters from @p back into bytes under @codepage for as long as
 * one UTF-8 sequence needs, and keeps them if they form a valid one. */
static gboolean
match_sequence (Codepage    codepage,
                const char *p,
                const char *end,
                Match      *match)
{
  const char *cursor = p;
  gboolean complete;
  gsize length;
  guint needed;

  match->bytes[0] = codepage_byte (codepage, next_character (cursor, &length));
  needed = sequence_length_for_lead (match->bytes[0]);
  if (needed == 0)
    return FALSE;
  cursor += length;

  for (guint i = 1; i < needed; i++)
    {
      if (cursor >= end)
        return FALSE;
      match->bytes[i] = codepage_byte (codepage, next_character (cursor, &length));
      if (match->bytes[i] < 0x80 || match->bytes[i] > 0xBF)
        return FALSE;
      cursor += length;
    }

  if (utf8_scan (match->bytes, match->bytes + needed, &complete) != needed || !complete)
    return FALSE;

  match->codepage = codepage;
  match->n_bytes = needed;
  match->consumed = cursor - p;
  match->decoded = next_character ((const char *) match->bytes, &length);
  return TRUE;
}

static inline gboolean
is_noncharacter (gunichar character)
{
  return (character >= 0xFDD0 && character <= 0xFDEF) || (character & 0xFFFE) == 0xFFFE;
}

/* A two-byte sequence is the weak case: an uppercase accented letter or a
 * curly quote followed by punctuation or a letter can form one by chance
 * ("PÍŠU" holds CD 8A). These blocks are what such coincidences decode to
 * (IPA, spacing modifiers, rare combining marks, archaic Greek, historic
 * Cyrillic, Armenian, Hebrew points, Syriac and beyond), while real damage
 * decodes to everyday letters. */
static gboolean
is_plausible_two_byte (const Match *match)
{
  gunichar character = match->decoded;

  /* A C1 control is only ever an intermediate step, when text damaged twice
   * passed through Windows-1252 or Latin-1 ("Â\u0081" inside "Ã\u0081"). */
  if (character < 0xA0)
    return match->codepage == CODEPAGE_WINDOWS_1252;

  return !((character >= 0x0220 && character <= 0x02FF) ||
           (character >= 0x0340 && character <= 0x037F) ||
           (character >= 0x0460 && character <= 0x048F) ||
           (character >= 0x0500 && character <= 0x05CF) ||
           character >= 0x0700);
}

/* Mac Roman bytes that are math symbols (° ≠ ∞ ± ≤ ≥ µ ∂ ∑ ∏ π ∫ Ω). */
static inline gboolean
is_mac_roman_math_byte (guint8 byte)
{
  return byte == 0xA1 || byte == 0xAD || (byte >= 0xB0 && byte <= 0xBA && byte != 0xB4) ||
         byte == 0xBD;
}

/* In Mac Roman, curly quotes and dashes are lead bytes and accented letters
 * continuation bytes, so correct text like "l’été" or "«Émile»" forms
 * two-byte sequences. Without other damage in the file we only trust the
 * leads ¬ √ ƒ ≈, which restore Latin letters ("√π" or "≈±" only inside a
 * word, where a formula would not be), and Ã after a letter, which restores
 * a combining accent of decomposed text. */
static gboolean
accept_mac_roman_pair (const Match *match,
                       gunichar     before,
                       gunichar     after)
{
  if (match->bytes[0] == 0xCC)
    return g_unichar_isalpha (before);

  if (match->bytes[0] > 0xC5)
    return FALSE;

  if (!is_mac_roman_math_byte (match->bytes[1]))
    return TRUE;

  return g_unichar_isalpha (before) || g_unichar_isalpha (after);
}

/* … ’ ” › » in Windows-1252. */
static inline gboolean
is_closing_punctuation_byte (guint8 byte)
{
  return byte == 0x85 || byte == 0x92 || byte == 0x94 || byte == 0x9B || byte == 0xBB;
}

/* Correct Windows-1252 text forms a sequence when a word ends in an accented
 * letter followed by closing punctuation: "AMANHÃ”" (C3 94 is Ô), "perchè…”"
 * (E8 85 94 is a CJK ideograph). Real damage there is rare, so it takes
 * other damage in the file to repair it. */
static gboolean
looks_like_word_end (const Match *match,
                     gunichar     before,
                     gunichar     after)
{
  if (match->codepage != CODEPAGE_WINDOWS_1252 || match->n_bytes > 3)
    return FALSE;

  for (guint i = 1; i < match->n_bytes; i++)
    {
      if (!is_closing_punctuation_byte (match->bytes[i]))
        return FALSE;
    }

  if (g_unichar_isalnum (after))
    return FALSE;

  /* Two-byte leads are capitals, so only an all-caps word is in doubt. */
  return match->n_bytes == 2 ? g_unichar_isupper (before) : g_unichar_isalpha (before);
}

static gboolean
accept_match (const Match *match,
              const guint *evidence,
              gunichar     before,
              gunichar     after)
{
  if (is_noncharacter (match->decoded))
    return FALSE;

  if (looks_like_word_end (match, before, after))
    return evidence[match->codepage] > 0;

  if (match->n_bytes > 2)
    return TRUE;

  if (!is_plausible_two_byte (match))
    return FALSE;

  if (match->codepage == CODEPAGE_WINDOWS_1252 || evidence[CODEPAGE_MAC_ROMAN] > 0)
    return TRUE;

  return accept_mac_roman_pair (match, before, after);
}

/* Whether the match is damage that correct text does not produce: a
 * sequence of three or four bytes, or a two-byte one right after another
 * sequence (as in "Ð¿Ñ€Ð¸"). */
static gboolean
is_evidence (const Match *match,
             gboolean     follows_match,
             gunichar     before,
             gunichar     after)
{
  if (is_noncharacter (match->decoded) || looks_like_word_end (match, before, after))
    return FALSE;

  if (match->n_bytes > 2)
    return TRUE;

  return follows_match && is_plausible_two_byte (match);
}

static inline gunichar
character_at (const char *p,
              const char *end)
{
  gsize length;

  return p < end ? next_character (p, &length) : 0;
}

/* Most text is ASCII, which never takes part: step over it a word at a
 * time. */
static const char *
skip_ascii (const char *p,
            const char *end)
{
  while (end - p >= (gssize) sizeof (guint64))
    {
      guint64 word;

      memcpy (&word, p, sizeof word);
      if (word & G_GUINT64_CONSTANT (0x8080808080808080))
        break;
      p += sizeof word;
    }

  while (p < end && (guchar) *p < 0x80)
    p++;

  return p;
}

static gunichar
character_before (const char *start,
                  const char *p)
{
  if (p == start)
    return 0;

  return g_utf8_get_char (g_utf8_find_prev_char (start, p));
}

/* Counts the evidence of damage per codepage, to tell how far to trust the
 * ambiguous cases. Returns FALSE when nothing in @text could be repaired. */
static gboolean
count_evidence (const char *text,
                gsize       length,
                guint      *evidence)
{
  const char *end = text + length;
  const char *match_end[N_CODEPAGES] = { NULL, NULL };
  gboolean any_match = FALSE;

  for (const char *p = skip_ascii (text, end);
       p < end;
       p = skip_ascii (g_utf8_next_char (p), end))
    {
      for (Codepage codepage = 0; codepage < N_CODEPAGES; codepage++)
        {
          Match match;
          gunichar before;
          gunichar after;

          if (!match_sequence (codepage, p, end, &match))
            continue;

          any_match = TRUE;
          before = character_before (text, p);
          after = character_at (p + match.consumed, end);
          if (is_evidence (&match, p == match_end[codepage], before, after))
            evidence[codepage]++;
          match_end[codepage] = p + match.consumed;
        }
    }

  return any_match;
}

/* Picks the repair at @p, if any: the longer sequence wins, then the
 * codepage with more evidence in this text, then Windows-1252. @output_start
 * and @output_end hold the text repaired so far. */
static gboolean
find_repair (const char  *p,
             const char  *end,
             const char  *output_start,
             const char  *output_end,
             const guint *evidence,
             Match       *best)
{
  best->codepage = CODEPAGE_WINDOWS_1252;
  best->n_bytes = 0;

  for (Codepage codepage = 0; codepage < N_CODEPAGES; codepage++)
    {
      Match match;
      gunichar before;
      gunichar after;

      if (!match_sequence (codepage, p, end, &match))
        continue;

      before = character_before (output_start, output_end);
      after = character_at (p + match.consumed, end);
      if (!accept_match (&match, evidence, before, after))
        continue;

      if (match.n_bytes > best->n_bytes ||
          (match.n_bytes == best->n_bytes && evidence[codepage] > evidence[best->codepage]))
        *best = match;
    }

  return best->n_bytes > 0;
}

/* One left-to-right round, in place: a repair is never longer than the
 * damage it replaces, so the write position never passes the read one.
 * Returns the number of characters restored. */
static guint
repair_round (GString *text)
{
  guint evidence[N_CODEPAGES] = { 0, 0 };
  const char *read = text->str;
  const char *end = text->str + text->len;
  char *write = text->str;
  guint repaired = 0;

  if (!count_evidence (text->str, text->len, evidence))
    return 0;

  while (read < end)
    {
      const char *next = skip_ascii (read, end);
      Match match;
      gsize length;

      /* Until the first repair the text is already in place. */
      if (write != read)
        memmove (write, read, next - read);
      write += next - read;
      read = next;
      if (read == end)
        break;

      if (find_repair (read, end, text->str, write, evidence, &match))
        {
          write += g_unichar_to_utf8 (match.decoded, write);
          read += match.consumed;
          repaired++;
          continue;
        }

      length = g_utf8_skip[(guchar) *read];
      memmove (write, read, length);
      write += length;
      read += length;
    }

  g_string_truncate (text, write - text->str);
  return repaired;
}

char *
rehearse_text_repair (const char           *data,
                      gsize                 length,
                      RehearseRepairReport *report)
{
  RehearseRepairReport changes = { 0 };
  GString *text;

  g_return_val_if_fail (data != NULL || length == 0, g_strdup (""));

  ensure_reverse_tables ();

  text = sanitize ((const guchar *) (data != NULL ? data : ""), length, &changes);

  for (guint pass = 0; pass < MAX_REPAIR_ROUNDS; pass++)
    {
      guint repaired = repair_round (text);

      changes.mojibake_repaired += repaired;
      if (repaired == 0)
        break;
    }

  /* The mark may only show up now, repaired from "ï»¿". */
  if (g_str_has_prefix (text->str, BYTE_ORDER_MARK))
    {
      g_string_erase (text, 0, 3);
      changes.bom_removed = TRUE;
    }

  if (report != NULL)
    *report = changes;

  return g_string_free (text, FALSE);
}

gboolean
rehearse_repair_report_changed (const RehearseRepairReport *report)
{
  g_return_val_if_fail (report != NULL, FALSE);

  return report->mojibake_repaired > 0 ||
         report->invalid_replaced > 0 ||
         report->controls_removed > 0 ||
         report->bom_removed ||
         report->crlf_normalized;
}

gboolean
rehearse_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *c = text; *c != '\0'; c = g_utf8_next_char (c))
    if (!g_unichar_isspace (g_utf8_get_char (c)))
      return FALSE;

  return TRUE;
}
