/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rehearse-parser.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rehearse-cmark.h"
#include "rehearse-error.h"

/* The parser reads the cmark-gfm tree, never raw lines: a "# comment" in a
 * code block is a code block. It walks the document's top-level blocks once:
 *
 *  1. every heading is classified (question-like, a known non-question
 *     title, or other) to find the level questions sit at;
 *  2. headings above that level are topics (the deepest such level) or the
 *     document's title; questions collect the blocks that follow them;
 *  3. each question's answer is cut from the source by the blocks' line
 *     ranges, so the author's Markdown (tables, fences) survives exactly,
 *     minus "**Answer:**" labels, the quotes of a spoken-style answer, and
 *     with an "In-depth" part kept apart.
 *
 * Regular expressions only ever look at one heading's or paragraph's text
 * once the tree has said what that text is. */

/* Headings that are never questions or topics, compared with the start of
 * the cleaned, lower-cased title. A table of contents covers only its own
 * list: the questions it links to may sit right below it, deeper. */
static const char * const navigation_titles[] = {
  "table of contents", "contents", "toc", "index",
};

/* The same, but everything below them, deeper headings included, is
 * skipped: "### What is a DaemonSet?" under "## Follow-up questions" is not
 * a question of the deck. */
static const char * const skipped_titles[] = {
  "follow-up questions", "follow up questions", "followup questions",
  "follow-up", "related questions", "references", "resources",
  "further reading", "additional resources", "useful links", "links",
  "conclusion", "summary", "introduction", "about", "license",
  "contributing", "credits", "acknowledgements",
};

typedef struct
{
  GRegex *numbered_question;  /* "Question 351: text", "301. text", "Q12: text" */
  GRegex *number_prefix;      /* the same prefix in heading source, bold markers allowed */
  GRegex *topic_range;        /* "(Questions 351-360)", "(301–350)" */
  GRegex *answer_label;       /* "**Answer:**" at the start of an answer */
  GRegex *in_depth_title;     /* "In-depth", "Deep dive" */
  GRegex *answer_title;       /* "Answer:" as a heading */
} ParserPatterns;

typedef struct
{
  cmark_node *node;
  int         first_line;  /* 1-based, inclusive; may skip a bold question line */
  int         last_line;
} Block;

typedef struct
{
  const char *text;
  GArray     *line_starts;  /* offset of line N at index N - 1 */
} Source;

typedef enum
{
  HEADING_OTHER,
  HEADING_QUESTION,
  HEADING_NAVIGATION,  /* its own content is skipped */
  HEADING_SKIPPED,     /* its whole section is skipped */
} HeadingKind;

typedef struct
{
  const ParserPatterns *patterns;
  Source                source;
  RehearseParsedDeck   *deck;
  const char           *document_title;  /* owned by the deck or NULL */

  gboolean              bold_questions;  /* questions are **1. text** paragraphs */
  int                   question_level;
  int                   topic_level;     /* 0 when the document has no topics */
  int                   skip_level;      /* > 0 while inside a skipped section */

  gint                  topic_index;     /* -1 until the first topic */

  /* The question being collected. */
  gboolean              in_question;
  gint                  number;
  char                 *question_text;
  GArray               *answer_blocks;   /* of Block */
  GArray               *in_depth_blocks; /* of Block, NULL until "In-depth" */
} Parser;

static const ParserPatterns *
parser_patterns (void)
{
  static gsize initialized = 0;
  static ParserPatterns patterns;

  if (g_once_init_enter (&initialized))
    {
      GRegexCompileFlags flags = G_REGEX_CASELESS | G_REGEX_OPTIMIZE;

      patterns.numbered_question =
        g_regex_new ("^\\s*(?:(?:question|q)\\s*\\.?\\s*#?\\s*)?(\\d{1,7})\\s*[:.)\\-–—]\\s*(\\S.*)$",
                     flags | G_REGEX_DOTALL, 0, NULL);
      patterns.number_prefix =
        g_regex_new ("^(\\*\\*|__)?\\s*(?:(?:question|q)\\s*\\.?\\s*#?\\s*)?\\d{1,7}\\s*[:.)\\-–—]\\s*(\\*\\*|__)?\\s*",
                     flags, 0, NULL);
      patterns.topic_range =
        g_regex_new ("\\s*[\\(\\[]\\s*(?:questions?|qs?)?\\s*#?\\s*\\d+\\s*(?:-|–|—|to)\\s*(?:q\\s*)?\\d+\\s*[\\)\\]]\\s*$",
                     flags, 0, NULL);
      patterns.answer_label =
        g_regex_new ("^\\s*(?:(?:\\*\\*|__)\\s*(?:answer|ans\\.?|a)\\s*:?\\s*(?:\\*\\*|__)\\s*:?|answer\\s*:)[ \\t]*\\n?",
                     flags, 0, NULL);
      patterns.in_depth_title =
        g_regex_new ("^\\s*(?:in[- ]?depth|deep(?:er)?[- ]dive|going deeper)\\b[\\s:.]*$", flags, 0, NULL);
      patterns.answer_title =
        g_regex_new ("^\\s*(?:answer|ans\\.?)\\s*:?\\s*$", flags, 0, NULL);

      g_once_init_leave (&initialized, 1);
    }

  return &patterns;
}

/* ---- Source text by lines ---------------------------------------------- */

static void
source_init (Source     *source,
             const char *text,
             gsize       length)
{
  gsize offset = 0;

  source->text = text;
  source->line_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_array_append_val (source->line_starts, offset);

  for (gsize i = 0; i < length; i++)
    if (text[i] == '\n')
      {
        offset = i + 1;
        g_array_append_val (source->line_starts, offset);
      }
}

static const char *
source_line (const Source *source,
             int           line,
             gsize        *line_length)
{
  guint index = (guint) line - 1;
  gsize start, end;

  g_assert (line >= 1 && index < source->line_starts->len);

  start = g_array_index (source->line_starts, gsize, index);
  if (index + 1 < source->line_starts->len)
    end = g_array_index (source->line_starts, gsize, index + 1) - 1;  /* before '\n' */
  else
    end = start + strlen (source->text + start);

  *line_length = end - start;
  return source->text + start;
}

/* Lines @first..@last, joined with '\n'. */
static void
source_append_lines (const Source *source,
                     int           first,
                     int           last,
                     GString      *out)
{
  int line_count = (int) source->line_starts->len;

  for (int line = MAX (first, 1); line <= MIN (last, line_count); line++)
    {
      gsize length;
      const char *start = source_line (source, line, &length);

      if (line > first)
        g_string_append_c (out, '\n');
      g_string_append_len (out, start, (gssize) length);
    }
}

/* ---- Text helpers ------------------------------------------------------ */

static gboolean
is_emoji_start (gunichar ch)
{
  if (ch >= 0x1F000 && ch <= 0x1FAFF)
    return TRUE;
  return ch >= 0x2190 && g_unichar_type (ch) == G_UNICODE_OTHER_SYMBOL;
}

static gboolean
is_emoji_continuation (gunichar ch)
{
  return ch == 0xFE0F || ch == 0xFE0E || ch == 0x200D || ch == 0x20E3
         || (ch >= 0x1F3FB && ch <= 0x1F3FF)   /* skin tones */
         || (ch >= 0xE0020 && ch <= 0xE007F);  /* tag sequences (flags) */
}

/* Splits a leading emoji (with its modifiers and ZWJ sequence) off @text. */
static char *
take_leading_emoji (const char  *text,
                    const char **rest)
{
  const char *p = text;
  gboolean after_joiner = FALSE;

  *rest = text;
  if (*p == '\0' || !is_emoji_start (g_utf8_get_char (p)))
    return NULL;

  p = g_utf8_next_char (p);
  while (*p != '\0')
    {
      gunichar ch = g_utf8_get_char (p);

      if (is_emoji_continuation (ch))
        after_joiner = (ch == 0x200D);
      else if (after_joiner && is_emoji_start (ch))
        after_joiner = FALSE;
      else
        break;
      p = g_utf8_next_char (p);
    }

  *rest = p;
  return g_strndup (text, (gsize) (p - text));
}

static void
strip_emphasis_markers (char *text)
{
  gsize length;

  g_strstrip (text);
  length = strlen (text);
  while (length > 0 && (text[0] == '*' || text[0] == '_'))
    {
      memmove (text, text + 1, length);
      length--;
    }
  while (length > 0 && (text[length - 1] == '*' || text[length - 1] == '_'))
    text[--length] = '\0';
  g_strstrip (text);
}

char *
rehearse_parser_clean_topic_title (const char  *heading_text,
                                   char       **icon)
{
  const ParserPatterns *patterns = parser_patterns ();
  g_autofree char *stripped = g_strstrip (g_strdup (heading_text));
  g_autofree char *emoji = NULL;
  g_autofree char *without_range = NULL;
  const char *rest;

  emoji = take_leading_emoji (stripped, &rest);
  without_range = g_regex_replace_literal (patterns->topic_range, rest, -1, 0, "", 0, NULL);
  strip_emphasis_markers (without_range);

  /* A trailing colon reads as a label, not a title. */
  {
    gsize length = strlen (without_range);

    if (length > 0 && without_range[length - 1] == ':')
      without_range[length - 1] = '\0';
    g_strstrip (without_range);
  }

  if (icon != NULL)
    *icon = g_steal_pointer (&emoji);

  return g_steal_pointer (&without_range);
}

char *
rehearse_parser_title_from_filename (const char *filename)
{
  g_autofree char *base = g_path_get_basename (filename);
  char *dot = strrchr (base, '.');
  GString *title = g_string_new (NULL);
  gboolean word_start = TRUE;

  if (dot != NULL && dot != base)
    *dot = '\0';

  for (const char *p = base; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (ch == '-' || ch == '_' || g_unichar_isspace (ch))
        {
          if (!word_start)
            g_string_append_c (title, ' ');
          word_start = TRUE;
          continue;
        }

      g_string_append_unichar (title, word_start ? g_unichar_totitle (ch) : ch);
      word_start = FALSE;
    }

  g_strchomp (title->str);
  title->len = strlen (title->str);
  if (title->len == 0)
    g_string_append (title, "Untitled");

  return g_string_free (title, FALSE);
}

static gboolean
title_is_one_of (const char         *clean_title,
                 const char * const *titles,
                 guint               n_titles)
{
  g_autofree char *lower = g_utf8_strdown (clean_title, -1);

  for (guint i = 0; i < n_titles; i++)
    {
      gsize length = strlen (titles[i]);

      if (strncmp (lower, titles[i], length) == 0
          && (lower[length] == '\0' || !g_ascii_isalnum (lower[length])))
        return TRUE;
    }

  return FALSE;
}

static gboolean
text_ends_with_question_mark (const char *text)
{
  gsize length = strlen (text);

  while (length > 0 && (g_ascii_isspace (text[length - 1]) || text[length - 1] == '*'
                        || text[length - 1] == '_'))
    length--;

  return length > 0 && text[length - 1] == '?';
}

/* Reads "Question 351: text" and the like; @number is -1 without a number. */
static gboolean
text_reads_as_question (const ParserPatterns *patterns,
                        const char           *plain_text,
                        gint                 *number)
{
  g_autoptr(GMatchInfo) match = NULL;

  *number = -1;
  if (g_regex_match (patterns->numbered_question, plain_text, 0, &match))
    {
      g_autofree char *digits = g_match_info_fetch (match, 1);

      *number = (gint) g_ascii_strtoll (digits, NULL, 10);
      return TRUE;
    }

  return text_ends_with_question_mark (plain_text);
}

/* ---- Headings ---------------------------------------------------------- */

static gboolean
line_is_setext_underline (const Source *source,
                          int           line)
{
  gsize length;
  const char *text = source_line (source, line, &length);
  gsize marks = 0;

  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '=' || text[i] == '-')
        marks++;
      else if (text[i] != ' ' && text[i] != '\t')
        return FALSE;
    }

  return marks > 0;
}

/* The inline Markdown of a heading: the line without "###" and a closing
 * sequence, or a setext heading's text lines. */
static char *
heading_source (const Source *source,
                cmark_node   *heading)
{
  int first = cmark_node_get_start_line (heading);
  int last = cmark_node_get_end_line (heading);
  g_autoptr(GString) text = g_string_new (NULL);
  gsize length;
  const char *line = source_line (source, first, &length);
  const char *p = line;
  const char *end = line + length;

  while (p < end && *p == ' ')
    p++;

  if (p < end && *p == '#')
    {
      while (p < end && *p == '#')
        p++;
      g_string_append_len (text, p, end - p);

      /* An optional closing sequence: spaces, then only '#'. */
      g_strchomp (text->str);
      text->len = strlen (text->str);
      {
        gsize hashes = text->len;

        while (hashes > 0 && text->str[hashes - 1] == '#')
          hashes--;
        if (hashes < text->len && (hashes == 0 || text->str[hashes - 1] == ' '))
          g_string_truncate (text, hashes);
      }
    }
  else
    {
      /* Setext: the lines before the underline. */
      for (int underline = first + 1; underline <= last; underline++)
        if (line_is_setext_underline (source, underline))
          {
            last = underline;
            break;
          }
      source_append_lines (source, first, last - 1, text);
      for (char *c = text->str; *c != '\0'; c++)
        if (*c == '\n')
          *c = ' ';
    }

  g_strstrip (text->str);
  text->len = strlen (text->str);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The question's own words as inline Markdown: "How does `docker diff`
 * help?" from "Question 362: How does `docker diff` help?". */
static char *
question_text_from_source (const ParserPatterns *patterns,
                           const char           *source_text)
{
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *text = NULL;

  if (g_regex_match (patterns->number_prefix, source_text, 0, &match))
    {
      g_autofree char *opening = g_match_info_fetch (match, 1);
      g_autofree char *closing = g_match_info_fetch (match, 2);
      gint end;

      g_match_info_fetch_pos (match, 0, NULL, &end);
      text = g_strdup (source_text + end);

      /* "**12. What is X?**": the bold opened before the number closes at
       * the end; "**12.** What is X?" closed right after it. */
      if (opening != NULL && *opening != '\0' && (closing == NULL || *closing == '\0')
          && g_str_has_suffix (text, opening))
        text[strlen (text) - strlen (opening)] = '\0';
    }
  else
    {
      text = g_strdup (source_text);
    }

  g_strstrip (text);

  /* Wholly bold: "**What is X?**". */
  if (strlen (text) > 4 && g_str_has_prefix (text, "**") && g_str_has_suffix (text, "**")
      && strstr (text + 2, "**") == text + strlen (text) - 2)
    {
      text[strlen (text) - 2] = '\0';
      memmove (text, text + 2, strlen (text + 2) + 1);
      g_strstrip (text);
    }

  return g_steal_pointer (&text);
}

static HeadingKind
read_heading_kind (const ParserPatterns *patterns,
                   cmark_node           *heading)
{
  g_autofree char *plain = rehearse_cmark_plain_text (heading);
  g_autofree char *icon = NULL;
  g_autofree char *clean = rehearse_parser_clean_topic_title (plain, &icon);
  gint number;

  if (title_is_one_of (clean, navigation_titles, G_N_ELEMENTS (navigation_titles)))
    return HEADING_NAVIGATION;
  if (title_is_one_of (clean, skipped_titles, G_N_ELEMENTS (skipped_titles)))
    return HEADING_SKIPPED;
  if (text_reads_as_question (patterns, clean, &number))
    return HEADING_QUESTION;
  return HEADING_OTHER;
}

/* The passes over the document ask about the same headings several times;
 * the answer is kept in the node's user data (kind + 1, so 0 means unread). */
static HeadingKind
classify_heading (const ParserPatterns *patterns,
                  cmark_node           *heading)
{
  gpointer known = cmark_node_get_user_data (heading);

  if (known == NULL)
    {
      known = GINT_TO_POINTER (read_heading_kind (patterns, heading) + 1);
      cmark_node_set_user_data (heading, known);
    }

  return (HeadingKind) (GPOINTER_TO_INT (known) - 1);
}

/* Topics and titles: headings that are neither navigation nor skipped. */
static gboolean
heading_names_a_section (const ParserPatterns *patterns,
                         cmark_node           *heading)
{
  HeadingKind kind = classify_heading (patterns, heading);

  return kind != HEADING_SKIPPED && kind != HEADING_NAVIGATION;
}

/* A paragraph that is only "**12. What is X?**" (its answer may follow
 * after a line break in the same paragraph). */
static gboolean
paragraph_is_bold_question (const ParserPatterns *patterns,
                            cmark_node           *paragraph)
{
  cmark_node *strong = cmark_node_first_child (paragraph);
  cmark_node *after;
  g_autofree char *plain = NULL;
  gint number;

  if (strong == NULL || cmark_node_get_type (strong) != CMARK_NODE_STRONG)
    return FALSE;

  after = cmark_node_next (strong);
  if (after != NULL && cmark_node_get_type (after) != CMARK_NODE_SOFTBREAK
      && cmark_node_get_type (after) != CMARK_NODE_LINEBREAK)
    return FALSE;

  plain = rehearse_cmark_plain_text (strong);
  return text_reads_as_question (patterns, plain, &number) && number >= 0;
}

/* ---- Finding the question level --------------------------------------- */

static int
find_question_level (const ParserPatterns *patterns,
                     cmark_node           *document)
{
  guint question_headings[7] = { 0, };
  guint all_headings[7] = { 0, };
  int best = 0;

  for (cmark_node *node = cmark_node_first_child (document); node != NULL;
       node = cmark_node_next (node))
    {
      int level;

      if (cmark_node_get_type (node) != CMARK_NODE_HEADING)
        continue;

      level = cmark_node_get_heading_level (node);
      all_headings[level]++;
      if (classify_heading (patterns, node) == HEADING_QUESTION)
        question_headings[level]++;
    }

  /* Most question-like headings wins; on a tie the deeper level, since
   * numbered section titles sit above numbered questions. */
  for (int level = 1; level <= 6; level++)
    if (question_headings[level] > 0 && question_headings[level] >= question_headings[best])
      best = level;

  return best;
}

static gboolean
document_has_bold_questions (const ParserPatterns *patterns,
                             cmark_node           *document)
{
  for (cmark_node *node = cmark_node_first_child (document); node != NULL;
       node = cmark_node_next (node))
    if (cmark_node_get_type (node) == CMARK_NODE_PARAGRAPH
        && paragraph_is_bold_question (patterns, node))
      return TRUE;

  return FALSE;
}

/* The deepest level above the questions that has a heading before or
 * between questions: that level holds topics. */
static int
find_topic_level (const ParserPatterns *patterns,
                  cmark_node           *document,
                  int                   question_level)
{
  int topic_level = 0;

  for (cmark_node *node = cmark_node_first_child (document); node != NULL;
       node = cmark_node_next (node))
    {
      int level;

      if (cmark_node_get_type (node) != CMARK_NODE_HEADING)
        continue;

      level = cmark_node_get_heading_level (node);
      if (level < question_level && level > topic_level
          && heading_names_a_section (patterns, node))
        topic_level = level;
    }

  return topic_level;
}

/* The document's title: the only heading at the shallowest level above the
 * questions; when that level is the topics' and it has a single heading,
 * that heading is both (004's H1). */
static char *
find_document_title (const ParserPatterns *patterns,
                     cmark_node           *document,
                     int                   topic_level)
{
  cmark_node *candidate = NULL;
  int title_level = 7;
  guint count = 0;

  if (topic_level == 0)
    return NULL;

  for (cmark_node *node = cmark_node_first_child (document); node != NULL;
       node = cmark_node_next (node))
    {
      int level;

      if (cmark_node_get_type (node) != CMARK_NODE_HEADING)
        continue;

      level = cmark_node_get_heading_level (node);
      if (level > topic_level || !heading_names_a_section (patterns, node))
        continue;

      if (level < title_level)
        {
          title_level = level;
          candidate = node;
          count = 1;
        }
      else if (level == title_level)
        {
          count++;
        }
    }

  if (count != 1)
    return NULL;

  {
    g_autofree char *plain = rehearse_cmark_plain_text (candidate);

    return rehearse_parser_clean_topic_title (plain, NULL);
  }
}

/* ---- Answers ------------------------------------------------------------ */

static gboolean
block_is_filler (cmark_node *node)
{
  cmark_node_type type = cmark_node_get_type (node);

  if (type == CMARK_NODE_THEMATIC_BREAK)
    return TRUE;

  if (type == CMARK_NODE_HTML_BLOCK)
    {
      const char *literal = cmark_node_get_literal (node);

      return literal != NULL && g_str_has_prefix (literal, "<!--");
    }

  return FALSE;
}

/* Separators between questions ("---") and comments are not answer text. */
static void
trim_filler_blocks (GArray *blocks)
{
  while (blocks->len > 0 && block_is_filler (g_array_index (blocks, Block, blocks->len - 1).node))
    g_array_set_size (blocks, blocks->len - 1);
  while (blocks->len > 0 && block_is_filler (g_array_index (blocks, Block, 0).node))
    g_array_remove_index (blocks, 0);
}

/* Blocks (the line ranges of the source they came from) back to Markdown.
 * cmark counts a block's trailing blank lines as its own, so adjacency is
 * judged from the last line with text: a list followed by a blank line and
 * a paragraph must stay two blocks. */
static char *
blocks_to_markdown (const Source *source,
                    GArray       *blocks)
{
  g_autoptr(GString) markdown = g_string_new (NULL);
  int previous_last_line = -1;

  for (guint i = 0; i < blocks->len; i++)
    {
      const Block *block = &g_array_index (blocks, Block, i);
      g_autoptr(GString) part = g_string_new (NULL);
      int last_line = block->last_line;

      source_append_lines (source, block->first_line, block->last_line, part);
      while (part->len > 0 && g_ascii_isspace (part->str[part->len - 1]))
        {
          if (part->str[part->len - 1] == '\n')
            last_line--;
          g_string_truncate (part, part->len - 1);
        }
      if (part->len == 0)
        continue;

      if (markdown->len > 0)
        g_string_append (markdown, block->first_line == previous_last_line + 1 ? "\n" : "\n\n");
      g_string_append_len (markdown, part->str, (gssize) part->len);
      previous_last_line = last_line;
    }

  return g_string_free (g_steal_pointer (&markdown), FALSE);
}

static gboolean
paragraph_starts_with_label (const ParserPatterns *patterns,
                             cmark_node           *paragraph)
{
  cmark_node *first = cmark_node_first_child (paragraph);
  g_autofree char *plain = NULL;

  if (first == NULL)
    return FALSE;

  if (cmark_node_get_type (first) == CMARK_NODE_STRONG)
    {
      plain = rehearse_cmark_plain_text (first);
      g_strstrip (plain);
      return g_regex_match (patterns->answer_title, plain, 0, NULL)
             || g_ascii_strcasecmp (plain, "A:") == 0 || g_ascii_strcasecmp (plain, "A") == 0;
    }

  if (cmark_node_get_type (first) == CMARK_NODE_TEXT)
    {
      const char *literal = cmark_node_get_literal (first);

      return literal != NULL && g_ascii_strncasecmp (literal, "answer:", 7) == 0;
    }

  return FALSE;
}

static gboolean
is_quote_pair (gunichar open,
               gunichar close)
{
  return (open == '"' && close == '"') || (open == 0x201C && close == 0x201D);
}

/* 004's answers are spoken: "…" around all of the first paragraphs. The
 * quotes go when they wrap the whole answer, not a phrase at its start. */
static char *
unwrap_spoken_quotes (char   *answer,
                      GArray *blocks)
{
  const char *last_char;
  gunichar open, close;
  gboolean single_paragraph;

  if (*answer == '\0')
    return answer;

  open = g_utf8_get_char (answer);
  last_char = g_utf8_find_prev_char (answer, answer + strlen (answer));
  if (last_char == NULL || last_char == answer)
    return answer;
  close = g_utf8_get_char (last_char);

  if (!is_quote_pair (open, close))
    return answer;

  single_paragraph = blocks->len == 1;
  if (single_paragraph)
    {
      const char *inner = g_utf8_next_char (answer);

      /* "Cattle" and "pets" are not a quoted answer. */
      for (const char *p = inner; p < last_char; p = g_utf8_next_char (p))
        if (g_utf8_get_char (p) == close || g_utf8_get_char (p) == open)
          return answer;
    }

  {
    gsize open_length = (gsize) (g_utf8_next_char (answer) - answer);
    char *unwrapped = g_strndup (answer + open_length, (gsize) (last_char - answer) - open_length);

    g_free (answer);
    return g_strstrip (unwrapped);
  }
}

static char *
build_answer (Parser *parser)
{
  const ParserPatterns *patterns = parser->patterns;
  GArray *blocks = parser->answer_blocks;
  g_autofree char *markdown = NULL;
  gboolean labelled = FALSE;

  trim_filler_blocks (blocks);
  if (blocks->len > 0)
    {
      Block *first = &g_array_index (blocks, Block, 0);

      labelled = cmark_node_get_type (first->node) == CMARK_NODE_PARAGRAPH
                 && paragraph_starts_with_label (patterns, first->node);
    }

  markdown = blocks_to_markdown (&parser->source, blocks);

  if (labelled)
    {
      char *without_label = g_regex_replace_literal (patterns->answer_label, markdown, -1, 0,
                                                     "", 0, NULL);

      g_free (markdown);
      markdown = g_strstrip (without_label);
    }

  return unwrap_spoken_quotes (g_steal_pointer (&markdown), blocks);
}

/* ---- Broken fences ------------------------------------------------------ */

static gboolean
line_is_fence_with_quote (const char *line,
                          gsize       length,
                          gsize      *fence_length)
{
  gsize i = 0, fence_start;
  char fence_char;

  while (i < length && i < 3 && line[i] == ' ')
    i++;
  if (i >= length || (line[i] != '`' && line[i] != '~'))
    return FALSE;

  fence_char = line[i];
  fence_start = i;
  while (i < length && line[i] == fence_char)
    i++;
  if (i - fence_start < 3)
    return FALSE;
  *fence_length = i;

  while (i < length && line[i] == ' ')
    i++;
  if (i < length && line[i] == '"')
    i++;
  else if (length - i >= 3 && memcmp (line + i, "”", 3) == 0)
    i += 3;
  else
    return FALSE;

  while (i < length && (line[i] == ' ' || line[i] == '\t'))
    i++;
  return i == length;
}

/* A spoken answer that ends in a code block closes its quote right after
 * the fence ("```\""), which CommonMark reads as an opening fence with an
 * info string: the block would swallow the questions after it. Such a line
 * becomes the fence, then the quote on a line of its own. Returns NULL when
 * nothing needed fixing. */
static char *
split_fences_from_quotes (const char *text,
                          gsize       length,
                          gsize      *fixed_length)
{
  g_autoptr(GString) fixed = NULL;
  gsize line_start = 0;

  for (gsize i = 0; i <= length; i++)
    {
      gsize fence_length;

      if (i < length && text[i] != '\n')
        continue;

      if (line_is_fence_with_quote (text + line_start, i - line_start, &fence_length))
        {
          if (fixed == NULL)
            fixed = g_string_new_len (text, (gssize) line_start);
          g_string_append_len (fixed, text + line_start, (gssize) fence_length);
          g_string_append_c (fixed, '\n');
          g_string_append_len (fixed, text + line_start + fence_length,
                               (gssize) (i - line_start - fence_length));
        }
      else if (fixed != NULL)
        {
          g_string_append_len (fixed, text + line_start, (gssize) (i - line_start));
        }

      if (fixed != NULL && i < length)
        g_string_append_c (fixed, '\n');
      line_start = i + 1;
    }

  if (fixed == NULL)
    return NULL;

  *fixed_length = fixed->len;
  return g_string_free (g_steal_pointer (&fixed), FALSE);
}

/* ---- The walk ----------------------------------------------------------- */

static guint
ensure_topic (Parser *parser)
{
  if (parser->topic_index < 0)
    {
      const char *title = parser->document_title != NULL ? parser->document_title
                                                         : parser->deck->title;

      rehearse_parsed_deck_add_topic (parser->deck, title, NULL);
      parser->topic_index = (gint) parser->deck->topics->len - 1;
    }

  return (guint) parser->topic_index;
}

static void
finish_question (Parser *parser)
{
  g_autofree char *answer = NULL;
  g_autofree char *in_depth = NULL;

  if (!parser->in_question)
    return;

  answer = build_answer (parser);
  if (parser->in_depth_blocks != NULL)
    {
      trim_filler_blocks (parser->in_depth_blocks);
      in_depth = blocks_to_markdown (&parser->source, parser->in_depth_blocks);
      if (*in_depth == '\0')
        g_clear_pointer (&in_depth, g_free);
    }

  rehearse_parsed_deck_add_question (parser->deck, ensure_topic (parser), parser->number,
                                     parser->question_text, answer, in_depth);

  parser->in_question = FALSE;
  g_clear_pointer (&parser->question_text, g_free);
  g_array_set_size (parser->answer_blocks, 0);
  g_clear_pointer (&parser->in_depth_blocks, g_array_unref);
}

static void
start_question (Parser     *parser,
                const char *source_text,
                const char *plain_text)
{
  finish_question (parser);

  text_reads_as_question (parser->patterns, plain_text, &parser->number);
  parser->question_text = question_text_from_source (parser->patterns, source_text);
  parser->in_question = TRUE;
}

static void
start_topic (Parser     *parser,
             cmark_node *heading)
{
  g_autofree char *plain = rehearse_cmark_plain_text (heading);
  g_autofree char *icon = NULL;
  g_autofree char *title = rehearse_parser_clean_topic_title (plain, &icon);

  finish_question (parser);
  rehearse_parsed_deck_add_topic (parser->deck, title, icon);
  parser->topic_index = (gint) parser->deck->topics->len - 1;
}

static void
add_answer_block (Parser     *parser,
                  cmark_node *node,
                  int         first_line)
{
  Block block = { node, first_line, cmark_node_get_end_line (node) };
  GArray *target = parser->in_depth_blocks != NULL ? parser->in_depth_blocks
                                                   : parser->answer_blocks;

  g_array_append_val (target, block);
}

static gboolean
node_is_in_depth_marker (Parser     *parser,
                         cmark_node *node)
{
  g_autofree char *plain = NULL;
  cmark_node_type type = cmark_node_get_type (node);

  if (type == CMARK_NODE_PARAGRAPH)
    {
      cmark_node *strong = cmark_node_first_child (node);

      if (strong == NULL || cmark_node_get_type (strong) != CMARK_NODE_STRONG
          || cmark_node_next (strong) != NULL)
        return FALSE;
    }
  else if (type != CMARK_NODE_HEADING)
    {
      return FALSE;
    }

  plain = rehearse_cmark_plain_text (node);
  return g_regex_match (parser->patterns->in_depth_title, plain, 0, NULL);
}

static void
visit_heading (Parser     *parser,
               cmark_node *heading)
{
  int level = cmark_node_get_heading_level (heading);
  HeadingKind kind;

  if (parser->skip_level > 0 && level > parser->skip_level)
    return;
  parser->skip_level = 0;

  /* Below the question level: part of the current answer. */
  if (!parser->bold_questions && level > parser->question_level)
    {
      g_autofree char *plain = NULL;

      if (!parser->in_question)
        return;
      if (node_is_in_depth_marker (parser, heading))
        {
          if (parser->in_depth_blocks == NULL)
            parser->in_depth_blocks = g_array_new (FALSE, FALSE, sizeof (Block));
          return;
        }

      plain = rehearse_cmark_plain_text (heading);
      if (g_regex_match (parser->patterns->answer_title, plain, 0, NULL))
        return;  /* "### Answer:" is a label */

      add_answer_block (parser, heading, cmark_node_get_start_line (heading));
      return;
    }

  kind = classify_heading (parser->patterns, heading);
  if (kind == HEADING_SKIPPED || kind == HEADING_NAVIGATION)
    {
      finish_question (parser);
      /* Level 7 ends the skip at the next heading, whatever its level. */
      parser->skip_level = kind == HEADING_SKIPPED ? level : 7;
      return;
    }

  if (!parser->bold_questions && level == parser->question_level)
    {
      g_autofree char *source_text = heading_source (&parser->source, heading);
      g_autofree char *plain = rehearse_cmark_plain_text (heading);

      start_question (parser, source_text, plain);
      return;
    }

  if (level == parser->topic_level)
    start_topic (parser, heading);
  else
    finish_question (parser);  /* a document title or a section above topics */
}

static void
visit_bold_question (Parser     *parser,
                     cmark_node *paragraph)
{
  cmark_node *strong = cmark_node_first_child (paragraph);
  g_autofree char *plain = rehearse_cmark_plain_text (strong);
  g_autoptr(GString) source_text = g_string_new (NULL);
  int first_line = cmark_node_get_start_line (paragraph);
  int last_line = cmark_node_get_end_line (paragraph);

  source_append_lines (&parser->source, first_line, first_line, source_text);
  g_strstrip (source_text->str);
  start_question (parser, source_text->str, plain);

  /* "**1. What is X?**\nX is…": the rest of the paragraph is the answer. */
  if (last_line > first_line)
    add_answer_block (parser, paragraph, first_line + 1);
}

static void
visit_block (Parser     *parser,
             cmark_node *node)
{
  if (cmark_node_get_type (node) == CMARK_NODE_HEADING)
    {
      visit_heading (parser, node);
      return;
    }

  if (parser->skip_level > 0)
    return;

  if (parser->bold_questions && cmark_node_get_type (node) == CMARK_NODE_PARAGRAPH
      && paragraph_is_bold_question (parser->patterns, node))
    {
      visit_bold_question (parser, node);
      return;
    }

  /* Introductions, tables of contents and HTML headers come before the
   * first question and belong to no answer. */
  if (!parser->in_question)
    return;

  if (node_is_in_depth_marker (parser, node))
    {
      if (parser->in_depth_blocks == NULL)
        parser->in_depth_blocks = g_array_new (FALSE, FALSE, sizeof (Block));
      return;
    }

  add_answer_block (parser, node, cmark_node_get_start_line (node));
}

/* A heading with no question under it (a section of prose, a skipped
 * list) is not a topic worth showing. */
static void
drop_empty_topics (RehearseParsedDeck *deck)
{
  g_autofree gint *new_index = g_new0 (gint, deck->topics->len);
  g_autofree guint *question_counts = g_new0 (guint, deck->topics->len);
  guint kept = 0;

  for (guint i = 0; i < deck->questions->len; i++)
    {
      RehearseParsedQuestion *question = g_ptr_array_index (deck->questions, i);

      question_counts[question->topic_index]++;
    }

  for (guint i = 0; i < deck->topics->len; i++)
    new_index[i] = question_counts[i] > 0 ? (gint) kept++ : -1;

  for (guint i = 0; i < deck->questions->len; i++)
    {
      RehearseParsedQuestion *question = g_ptr_array_index (deck->questions, i);

      question->topic_index = (guint) new_index[question->topic_index];
    }

  for (guint i = deck->topics->len; i > 0; i--)
    if (new_index[i - 1] < 0)
      g_ptr_array_remove_index (deck->topics, i - 1);
}

static void
parser_clear (Parser *parser)
{
  g_clear_pointer (&parser->source.line_starts, g_array_unref);
  g_clear_pointer (&parser->question_text, g_free);
  g_clear_pointer (&parser->answer_blocks, g_array_unref);
  g_clear_pointer (&parser->in_depth_blocks, g_array_unref);
  g_clear_pointer (&parser->deck, rehearse_parsed_deck_free);
}

RehearseParsedDeck *
rehearse_parser_parse (const char  *text,
                       gsize        length,
                       const char  *fallback_title,
                       GError     **error)
{
  g_autoptr(cmark_node) document = NULL;
  g_autofree char *document_title = NULL;
  g_autofree char *fixed_text = NULL;
  gsize fixed_length = 0;
  Parser parser = { 0, };
  RehearseParsedDeck *deck;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (fallback_title != NULL, NULL);

  parser.patterns = parser_patterns ();

  fixed_text = split_fences_from_quotes (text, length, &fixed_length);
  if (fixed_text != NULL)
    {
      text = fixed_text;
      length = fixed_length;
    }

  document = rehearse_cmark_parse (text, length);

  parser.question_level = find_question_level (parser.patterns, document);
  if (parser.question_level == 0)
    {
      if (!document_has_bold_questions (parser.patterns, document))
        {
          g_set_error_literal (error, REHEARSE_ERROR, REHEARSE_ERROR_NO_QUESTIONS,
                               _("no questions found: no heading or bold line reads as a question"));
          return NULL;
        }
      parser.bold_questions = TRUE;
      parser.question_level = 7;  /* every heading level is above the questions */
    }

  parser.topic_level = find_topic_level (parser.patterns, document, parser.question_level);
  document_title = find_document_title (parser.patterns, document, parser.topic_level);

  source_init (&parser.source, text, length);
  parser.deck = rehearse_parsed_deck_new (document_title != NULL && *document_title != '\0'
                                          ? document_title : fallback_title);
  parser.document_title = document_title;
  parser.topic_index = -1;
  parser.answer_blocks = g_array_new (FALSE, FALSE, sizeof (Block));

  for (cmark_node *node = cmark_node_first_child (document); node != NULL;
       node = cmark_node_next (node))
    visit_block (&parser, node);
  finish_question (&parser);

  if (parser.deck->questions->len == 0)
    {
      g_set_error_literal (error, REHEARSE_ERROR, REHEARSE_ERROR_NO_QUESTIONS,
                           _("no questions found under the question headings"));
      parser_clear (&parser);
      return NULL;
    }

  deck = g_steal_pointer (&parser.deck);
  drop_empty_topics (deck);
  parser_clear (&parser);
  return deck;
}
