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
  GRegex *question_prefix;    /* "Q. text", "Q: text", "Question: text" */
  GRegex *question_label;     /* the "Q. " of "Q. text" in source, bold markers allowed */
  GRegex *answer_summary;     /* "Answer", "Show answer", "Solution" hiding an answer */
  GRegex *contents_summary;   /* "View contents", "Table of contents" */
  GRegex *back_to_top;        /* "⬆ Back to Top", "↥ back to top" links */
} ParserPatterns;

/* A part of the source that goes into an answer: a whole block, or the
 * part of one around <details> tags. Blocks of a list item that holds a
 * question heading ("1. ### What is X?") lose the item's indentation. */
typedef struct
{
  cmark_node *node;        /* NULL for a part of a block */
  int         first_line;  /* 1-based, inclusive */
  int         last_line;
  gsize       start;       /* byte range in the source */
  gsize       end;
  guint       dedent;      /* leading spaces to remove from each line */
} Block;

typedef struct
{
  const char *text;
  gsize       length;
  GArray     *line_starts;  /* offset of line N at index N - 1 */
} Source;

typedef enum
{
  HEADING_OTHER,
  HEADING_QUESTION,
  HEADING_NAVIGATION,  /* its own content is skipped */
  HEADING_SKIPPED,     /* its whole section is skipped */
} HeadingKind;

/* The document read as a person scans it: headings, lines that lead a
 * question ("**1. What is X?**", "Q: What is X?"), <details> openings and
 * closings, and everything else as content. */
typedef enum
{
  UNIT_CONTENT,
  UNIT_HEADING,
  UNIT_LEAD,
  UNIT_DETAILS_OPEN,
  UNIT_DETAILS_CLOSE,
} UnitKind;

/* What a unit is in the deck, decided from the pattern that repeats. */
typedef enum
{
  ROLE_CONTENT,         /* answer text in a question; skipped (and said) outside */
  ROLE_QUESTION,
  ROLE_HEADING,         /* above the questions: a topic, a title, or answer text */
  ROLE_NAVIGATION,      /* a table of contents: skipped to the next heading or question */
  ROLE_SKIPPED_SECTION, /* "Follow-up questions": skipped with everything deeper */
  ROLE_ANSWER_DETAILS,  /* <details><summary>Answer</summary>: holds the answer */
  ROLE_CONTENTS_DETAILS,/* <details><summary>View contents</summary>: skipped whole */
  ROLE_HIDDEN,          /* the closing tag of a <details> that holds a question or answer */
} UnitRole;

enum
{
  UNIT_FILLER = 1 << 0,           /* "---", comments, "back to top" links */
  UNIT_LINKS = 1 << 1,            /* a list or table of links: a table of contents */
  UNIT_GLUED = 1 << 2,            /* a heading right under a line of text */
  UNIT_HOLDS_QUESTION = 1 << 3,   /* a heading with a question in its section */
  UNIT_BEFORE_CONTENT = 1 << 4,   /* a heading followed by content, not a heading or question */
  UNIT_ANSWERED = 1 << 5,         /* a heading whose section holds an answer <details> */
  UNIT_ITEM_HEADING = 1 << 6,     /* the heading a list item opens with ("12. ### …") */
  UNIT_IN_ITEM = 1 << 7,          /* a heading further down a list item: its text */
  UNIT_HOLDS_DIRECTLY = 1 << 8,   /* a heading with a question before any deeper heading */
  UNIT_WEAK_LEAD = 1 << 9,        /* a bold line after a separator, not worded as a question */
  UNIT_LIST_ITEM = 1 << 10,       /* an item of a list of questions without answers */
  UNIT_HTML_HEADING = 1 << 11,    /* "<h3 id=…>Topic</h3>": a section title, never a question */
};

typedef struct
{
  UnitKind  kind;
  UnitRole  role;
  guint     flags;
  int       level;       /* of a heading */
  guint     depth;       /* how many <details> are open around the unit */
  gint      partner;     /* a <details> closing's opening, or -1 */
  gint      item_number; /* a heading's list item number ("12. ### …"), or -1 */
  Block     block;
  char     *summary;     /* a <details> opening's summary, source text */
} Unit;

typedef enum
{
  PATTERN_HEADINGS,
  PATTERN_DETAILS,
  PATTERN_LEADS,
  PATTERN_LIST,  /* a list of questions with no answers, when nothing else asks */
} QuestionPattern;

typedef struct
{
  const ParserPatterns *patterns;
  Source                source;
  RehearseParsedDeck   *deck;
  const char           *document_title;  /* owned by the deck or NULL */

  GArray               *units;           /* of Unit */
  QuestionPattern       pattern;
  int                   question_level;  /* 7 when questions are not headings */
  guint                 level_direct[8]; /* headings of a level followed by no content */
  int                   skip_level;      /* > 0 while inside a skipped section */
  guint                 skip_until;      /* units before it are in a skipped <details> */

  gint                  topic_index;     /* -1 until the first topic */
  const char           *skip_reason;     /* of the run of skipped units being said */

  /* The question being collected. */
  gboolean              in_question;
  gint                  number;
  char                 *question_text;
  GArray               *prompt_blocks;   /* of Block: code and options under the question */
  GArray               *answer_blocks;   /* of Block */
  GArray               *in_depth_blocks; /* of Block, NULL until "In-depth" */
  gboolean              answer_hidden;   /* the answer came from a <details> */
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
        g_regex_new ("^\\s*(?:(?:\\*\\*|__)\\s*(?:answer|ans\\.?|a)\\s*:?\\s*(?:\\*\\*|__)\\s*:?"
                     "|answer\\s*:|a\\s*:)[ \\t]*\\n?",
                     flags, 0, NULL);
      patterns.in_depth_title =
        g_regex_new ("^\\s*(?:in[- ]?depth|deep(?:er)?[- ]dive|going deeper)\\b[\\s:.]*$", flags, 0, NULL);
      patterns.answer_title =
        g_regex_new ("^\\s*(?:answer|ans\\.?)\\s*:?\\s*$", flags, 0, NULL);
      patterns.question_prefix =
        g_regex_new ("^\\s*(?:q|question)\\s*\\d{0,7}\\s*[:.)]\\s*\\S", flags, 0, NULL);
      patterns.question_label =
        g_regex_new ("^(?:\\*\\*|__)?\\s*(?:q|question)\\s*[:.)]\\s*(?:\\*\\*|__)?\\s+",
                     flags, 0, NULL);
      patterns.answer_summary =
        g_regex_new ("^\\s*(?:(?:show|view|see|reveal|display|check|toggle|click\\s+(?:here\\s+)?"
                     "(?:to\\s+)?(?:see|show|view|reveal))\\s+(?:the\\s+)?)?"
                     "(?:answers?|solutions?|explanation|ans)\\s*[:.!]?\\s*$", flags, 0, NULL);
      patterns.contents_summary =
        g_regex_new ("^\\s*(?:(?:show|view|see)\\s+)?(?:the\\s+)?"
                     "(?:table\\s+of\\s+)?contents?\\s*$|^\\s*toc\\s*$", flags, 0, NULL);
      patterns.back_to_top =
        g_regex_new ("(?:back\\s+to\\s+(?:the\\s+)?top|^\\W*top\\W*$)", flags, 0, NULL);

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
  source->length = length;
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
  guint index;
  gsize start, end;

  /* Positions come from cmark and are set right by node_start_line (); a
   * line out of range would still read the nearest line, never past. */
  index = MIN (MAX (line, 1), (int) source->line_starts->len) - 1;

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

static gsize
source_line_start (const Source *source,
                   int           line)
{
  guint index = MIN (MAX (line, 1), (int) source->line_starts->len) - 1;

  return g_array_index (source->line_starts, gsize, index);
}

/* The offset just past line @line's text (its '\n' or the end). */
static gsize
source_line_end (const Source *source,
                 int           line)
{
  if ((guint) line < source->line_starts->len)
    return g_array_index (source->line_starts, gsize, (guint) line) - 1;
  return source->length;
}

/* The line holding @offset: a binary search of the line starts. */
static int
source_line_at (const Source *source,
                gsize         offset)
{
  guint low = 0, high = source->line_starts->len;

  while (high - low > 1)
    {
      guint middle = low + (high - low) / 2;

      if (g_array_index (source->line_starts, gsize, middle) <= offset)
        low = middle;
      else
        high = middle;
    }

  return (int) low + 1;
}

/* ---- Node positions ------------------------------------------------------ */

/* The lines a paragraph's inline content spans, from its line breaks. */
static int
paragraph_line_count (cmark_node *paragraph)
{
  cmark_iter *iter = cmark_iter_new (paragraph);
  cmark_event_type event;
  int count = 1;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node_type type = cmark_node_get_type (cmark_iter_get_node (iter));

      if (event == CMARK_EVENT_ENTER
          && (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK))
        count++;
    }
  cmark_iter_free (iter);
  return count;
}

/* cmark-gfm 0.29.0.gfm.6 gives no position to the paragraph that a table
 * splits off ("Intro\n| a |\n|---|": the "Intro" paragraph) and starts the
 * table on that paragraph's first line. Newer releases get both right,
 * and then this is never true. */
static gboolean
is_paragraph_split_by_table (cmark_node *node)
{
  cmark_node *next = cmark_node_next (node);

  return cmark_node_get_type (node) == CMARK_NODE_PARAGRAPH
         && cmark_node_get_start_line (node) <= 0
         && next != NULL && rehearse_cmark_node_is_extension (next, "table");
}

/* A block's first line, set right where cmark leaves it out (see above);
 * any other block without a position takes its container's. */
static int
node_start_line (cmark_node *node)
{
  cmark_node *previous = cmark_node_previous (node);
  cmark_node *parent = cmark_node_parent (node);

  if (is_paragraph_split_by_table (node))
    return cmark_node_get_start_line (cmark_node_next (node));
  if (previous != NULL && is_paragraph_split_by_table (previous))
    return cmark_node_get_start_line (node) + paragraph_line_count (previous);
  if (cmark_node_get_start_line (node) > 0 || parent == NULL)
    return MAX (cmark_node_get_start_line (node), 1);
  return node_start_line (parent);
}

static int
node_end_line (cmark_node *node)
{
  if (is_paragraph_split_by_table (node))
    return node_start_line (node) + paragraph_line_count (node) - 1;
  return MAX (cmark_node_get_end_line (node), node_start_line (node));
}

static Block
block_for_node (const Source *source,
                cmark_node   *node,
                guint         dedent)
{
  Block block = { node, 0, 0, 0, 0, dedent };
  int line_count = (int) source->line_starts->len;

  block.first_line = CLAMP (node_start_line (node), 1, line_count);
  block.last_line = CLAMP (node_end_line (node), block.first_line, line_count);
  block.start = source_line_start (source, block.first_line);
  block.end = source_line_end (source, block.last_line);
  return block;
}

static Block
block_for_range (const Source *source,
                 gsize         start,
                 gsize         end,
                 guint         dedent)
{
  Block block = { NULL, 0, 0, start, end, dedent };

  block.first_line = source_line_at (source, start);
  block.last_line = source_line_at (source, end > start ? end - 1 : start);
  return block;
}

/* The block's text, each line without the list item's indentation. */
static void
source_append_block (const Source *source,
                     const Block  *block,
                     GString      *out)
{
  gsize position = block->start;

  while (position < block->end)
    {
      const char *line = source->text + position;
      const char *newline = memchr (line, '\n', block->end - position);
      gsize length = newline != NULL ? (gsize) (newline - line) : block->end - position;
      gsize skip = 0;

      /* Only at the start of a line: a block may begin mid-line. */
      if (position == block->start && (position == 0 || source->text[position - 1] != '\n'))
        skip = 0;
      else
        while (skip < block->dedent && skip < length && line[skip] == ' ')
          skip++;

      g_string_append_len (out, line + skip, (gssize) (length - skip));
      position += length;
      if (newline != NULL)
        {
          g_string_append_c (out, '\n');
          position++;
        }
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

/* ":diamond_shape_with_a_dot_inside: Guru": GitHub's emoji shortcodes
 * are decoration, as emoji are. */
static const char *
skip_emoji_shortcode (const char *text)
{
  const char *p = text;

  if (*p != ':')
    return text;
  for (p++; g_ascii_isalnum (*p) || *p == '_' || *p == '+' || *p == '-'; p++)
    ;
  if (*p != ':' || p == text + 1 || (p[1] != ' ' && p[1] != '\0'))
    return text;
  for (p++; *p == ' '; p++)
    ;
  return p;
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
  rest = skip_emoji_shortcode (rest);
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

      /* A phrase starts the title ("Follow-up questions (3)"); a single
       * word is the whole title ("Resources", not "Resources Quota"). */
      gboolean phrase = strchr (titles[i], ' ') != NULL;

      if (strncmp (lower, titles[i], length) == 0
          && (lower[length] == '\0' || (phrase && !g_ascii_isalnum (lower[length]))))
        return TRUE;
    }

  return FALSE;
}

/* The last character that is not a space, an emphasis marker or a
 * difficulty emoji ("What is regression? 👶") is a question mark. */
static gboolean
text_ends_with_question_mark (const char *text)
{
  const char *end = text + strlen (text);

  while (end > text)
    {
      const char *previous = g_utf8_find_prev_char (text, end);
      gunichar ch = g_utf8_get_char (previous);

      if (!g_unichar_isspace (ch) && ch != '*' && ch != '_' && !is_emoji_start (ch)
          && !is_emoji_continuation (ch))
        return ch == '?' || ch == 0xFF1F;  /* and the full-width one */
      end = previous;
    }

  return FALSE;
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

  return g_regex_match (patterns->question_prefix, plain_text, 0, NULL)
         || text_ends_with_question_mark (plain_text);
}

/* ---- Inline HTML ---------------------------------------------------------- */

/* @text without its tags ("<b>", "</a>", "<br/>"), entities kept. */
static char *
strip_html_tags (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p++)
    {
      const char *close;

      if (*p == '<' && (g_ascii_isalpha (p[1]) || p[1] == '/' || p[1] == '!')
          && (close = strchr (p, '>')) != NULL && memchr (p, '\n', (gsize) (close - p)) == NULL)
        {
          p = close;
          continue;
        }
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* A heading's words: its plain text without tags, on one line. */
static char *
heading_words (cmark_node *heading)
{
  g_autofree char *plain = rehearse_cmark_plain_text (heading);
  g_autofree char *text = strip_html_tags (plain);
  GString *words = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = words->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (words, ' ');
      g_string_append_c (words, *p);
      space = FALSE;
    }

  return g_string_free (words, FALSE);
}

/* "<ul><li><a href="#x">X</a></li>…</ul>": HTML that is only links, as
 * tables of contents written in HTML are. */
static gboolean
html_is_link_list (const char *html,
                   gsize       length)
{
  gsize inside = 0, outside = 0;
  gboolean in_link = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (html[i] == '<')
        {
          const char *close = memchr (html + i, '>', length - i);

          if (close == NULL)
            break;
          if (g_ascii_strncasecmp (html + i, "<a ", 3) == 0)
            in_link = TRUE;
          else if (g_ascii_strncasecmp (html + i, "</a>", 4) == 0)
            in_link = FALSE;
          i = (gsize) (close - html);
          continue;
        }
      if (g_ascii_isalpha (html[i]) || (guchar) html[i] >= 0x80)
        {
          if (in_link)
            inside++;
          else
            outside++;
        }
    }

  return inside > 0 && outside * 10 <= inside;
}

/* "<code>x</code>" as Markdown's "`x`". */
static char *
html_code_to_markdown (const char *text)
{
  g_autoptr(GString) out = g_string_new (text);

  g_string_replace (out, "<code>", "`", 0);
  g_string_replace (out, "</code>", "`", 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
consume_tag (const char **p,
             const char  *tag)
{
  gsize length = strlen (tag);

  if (g_ascii_strncasecmp (*p, tag, length) != 0)
    return FALSE;
  *p += length;
  return TRUE;
}

/* Removes the indentation every line of @text shares (blank lines aside):
 * an answer cut from an HTML block keeps its author's relative layout. */
static char *
dedent_common (char *text)
{
  gsize common = G_MAXSIZE;
  GString *out;

  for (const char *line = text; *line != '\0';)
    {
      gsize indent = strspn (line, " ");
      const char *end = strchr (line, '\n');

      if (line[indent] != '\n' && line[indent] != '\0')
        common = MIN (common, indent);
      if (end == NULL)
        break;
      line = end + 1;
    }

  if (common == 0 || common == G_MAXSIZE)
    return text;

  out = g_string_sized_new (strlen (text));
  for (const char *line = text; *line != '\0';)
    {
      const char *end = strchr (line, '\n');
      gsize length = end != NULL ? (gsize) (end - line) : strlen (line);
      gsize skip = MIN (common, strspn (line, " "));

      g_string_append_len (out, line + MIN (skip, length), (gssize) (length - MIN (skip, length)));
      if (end == NULL)
        break;
      g_string_append_c (out, '\n');
      line = end + 1;
    }

  g_free (text);
  return g_string_free (out, FALSE);
}

/* An answer cut from a <details> block starts and ends with the tags the
 * author wrapped it in ("<br><b>" … "</b>", "<p>" … "</p>"): they go, with
 * the blank lines around them, when they wrap the whole answer; then the
 * indentation all its lines share. */
static char *
strip_wrapper_tags (char *answer)
{
  static const char * const wrappers[][2] = {
    { "<b>", "</b>" }, { "<p>", "</p>" }, { "<strong>", "</strong>" }, { "<div>", "</div>" },
  };
  gboolean changed = TRUE;

  while (changed)
    {
      const char *p = answer;

      changed = FALSE;
      while (*p == ' ' || *p == '\n' || *p == '\t')
        p++;
      if (consume_tag (&p, "<br>") || consume_tag (&p, "<br/>") || consume_tag (&p, "<br />"))
        changed = TRUE;

      for (guint i = 0; !changed && i < G_N_ELEMENTS (wrappers); i++)
        {
          const char *start = p;
          gsize closing = strlen (wrappers[i][1]);
          gsize length;

          if (!consume_tag (&start, wrappers[i][0]))
            continue;
          g_strchomp (answer);
          length = strlen (answer);
          if (length >= closing
              && g_ascii_strcasecmp (answer + length - closing, wrappers[i][1]) == 0)
            {
              answer[length - closing] = '\0';
              p = start;
              changed = TRUE;
            }
        }

      if (changed)
        memmove (answer, p, strlen (p) + 1);
    }

  /* Blank lines before the text go, not the first line's indentation. */
  {
    gsize blank = 0;

    for (gsize i = 0; answer[i] == ' ' || answer[i] == '\t' || answer[i] == '\n'; i++)
      if (answer[i] == '\n')
        blank = i + 1;
    memmove (answer, answer + blank, strlen (answer + blank) + 1);
  }

  return g_strstrip (dedent_common (answer));
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
  int first = node_start_line (heading);
  int last = node_end_line (heading);
  g_autoptr(GString) text = g_string_new (NULL);
  gsize length;
  const char *line = source_line (source, first, &length);
  const char *p = line;
  const char *end = line + length;
  gsize column = (gsize) MAX (cmark_node_get_start_column (heading) - 1, 0);

  /* "1. ### What is X?": the heading starts after the list marker. */
  if (column < length)
    p += column;
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
  g_autoptr(GMatchInfo) label_match = NULL;
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
  else if (g_regex_match (patterns->question_label, source_text, 0, &label_match))
    {
      gint end;

      /* "Q. What is Docker?": the label is not the question's words. */
      g_match_info_fetch_pos (label_match, 0, NULL, &end);
      text = g_strdup (source_text + end);
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
  g_autofree char *text = heading_words (heading);
  g_autofree char *icon = NULL;
  g_autofree char *clean = rehearse_parser_clean_topic_title (text, &icon);
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
  return text_reads_as_question (patterns, plain, &number);
}

/* ---- Answers ------------------------------------------------------------ */

/* "⬆ Back to Top" and the like: a short paragraph or HTML block whose
 * text says so and that links within the document. */
static gboolean
node_is_back_to_top_link (const ParserPatterns *patterns,
                          cmark_node           *node)
{
  g_autofree char *plain = NULL;
  g_autofree char *text = NULL;
  cmark_node_type type = cmark_node_get_type (node);
  const char *literal;

  if (type == CMARK_NODE_HTML_BLOCK)
    {
      literal = cmark_node_get_literal (node);
      if (literal == NULL || strlen (literal) > 400
          || strstr (literal, "href=\"#") == NULL)
        return FALSE;
      text = strip_html_tags (literal);
      return g_regex_match (patterns->back_to_top, text, 0, NULL);
    }

  if (type != CMARK_NODE_PARAGRAPH)
    return FALSE;

  for (cmark_node *child = cmark_node_first_child (node); child != NULL;
       child = cmark_node_next (child))
    {
      cmark_node *link = child;

      while (link != NULL && cmark_node_get_type (link) != CMARK_NODE_LINK
             && cmark_node_first_child (link) != NULL
             && cmark_node_get_type (link) != CMARK_NODE_TEXT)
        link = cmark_node_first_child (link);
      if (link != NULL && cmark_node_get_type (link) == CMARK_NODE_LINK
          && g_str_has_prefix (cmark_node_get_url (link), "#"))
        {
          plain = rehearse_cmark_plain_text (node);
          return strlen (plain) < 80 && g_regex_match (patterns->back_to_top, plain, 0, NULL);
        }
    }

  return FALSE;
}

/* "<br/>" alone: spacing between questions. */
static gboolean
html_is_line_breaks (const char *literal)
{
  const char *p = literal;

  while (*p != '\0')
    {
      if (g_ascii_isspace (*p))
        p++;
      else if (!consume_tag (&p, "<br>") && !consume_tag (&p, "<br/>")
               && !consume_tag (&p, "<br />"))
        return FALSE;
    }

  return TRUE;
}

static gboolean
node_is_filler (const ParserPatterns *patterns,
                cmark_node           *node)
{
  cmark_node_type type = cmark_node_get_type (node);

  if (type == CMARK_NODE_THEMATIC_BREAK)
    return TRUE;

  if (type == CMARK_NODE_HTML_BLOCK)
    {
      const char *literal = cmark_node_get_literal (node);

      if (literal != NULL && g_str_has_prefix (literal, "<!--"))
        return TRUE;
      if (literal != NULL && html_is_line_breaks (literal))
        return TRUE;
    }

  return node_is_back_to_top_link (patterns, node);
}

static gboolean
block_is_filler (const ParserPatterns *patterns,
                 const Block          *block)
{
  return block->node != NULL && node_is_filler (patterns, block->node);
}

/* Separators between questions ("---") and comments are not answer text. */
static void
trim_filler_blocks (const ParserPatterns *patterns,
                    GArray               *blocks)
{
  while (blocks->len > 0
         && block_is_filler (patterns, &g_array_index (blocks, Block, blocks->len - 1)))
    g_array_set_size (blocks, blocks->len - 1);
  while (blocks->len > 0 && block_is_filler (patterns, &g_array_index (blocks, Block, 0)))
    g_array_remove_index (blocks, 0);
}

/* Blocks (the parts of the source they came from) back to Markdown.
 * cmark counts a block's trailing blank lines as its own, so adjacency is
 * judged from the last line with text: a list followed by a blank line and
 * a paragraph must stay two blocks. */
static char *
blocks_to_markdown (const Source *source,
                    GArray       *blocks)
{
  g_autoptr(GString) markdown = g_string_new (NULL);
  g_autoptr(GString) part = g_string_new (NULL);
  int previous_last_line = -1;

  for (guint i = 0; i < blocks->len; i++)
    {
      const Block *block = &g_array_index (blocks, Block, i);
      int last_line = block->last_line;
      gsize leading = 0;

      g_string_truncate (part, 0);
      source_append_block (source, block, part);
      while (part->len > 0 && g_ascii_isspace (part->str[part->len - 1]))
        {
          if (part->str[part->len - 1] == '\n')
            last_line--;
          g_string_truncate (part, part->len - 1);
        }
      /* A part cut after a tag may start with the rest of that line. */
      while (leading < part->len && (part->str[leading] == ' ' || part->str[leading] == '\t'))
        leading++;
      if (leading < part->len && part->str[leading] == '\n')
        g_string_erase (part, 0, (gssize) leading + 1);
      if (part->len == 0 || strspn (part->str, " \t\n") == part->len)
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

  trim_filler_blocks (patterns, blocks);
  if (blocks->len > 0)
    {
      Block *first = &g_array_index (blocks, Block, 0);

      labelled = first->node != NULL && cmark_node_get_type (first->node) == CMARK_NODE_PARAGRAPH
                 && paragraph_starts_with_label (patterns, first->node);
    }

  markdown = blocks_to_markdown (&parser->source, blocks);
  if (parser->answer_hidden)
    markdown = strip_wrapper_tags (markdown);

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

/* ---- Units: the document as a sequence ------------------------------------ */

typedef enum
{
  TAG_DETAILS_OPEN,
  TAG_DETAILS_CLOSE,
  TAG_SUMMARY_OPEN,
  TAG_SUMMARY_CLOSE,
} TagKind;

typedef struct
{
  Parser *parser;
  GArray *open_details;  /* of gint: the units of the <details> open here */
  gint    summary_unit;  /* the <details> whose summary is being read, or -1 */
  gsize   summary_start;
  gint    last_open;     /* the <details> a <summary> may still follow, or -1 */
  GArray *code_lines;    /* of int pairs: the code blocks of the block being read */
  gboolean lenient;      /* tag lines inside code blocks are read too */
  gboolean list_items;   /* the items of top-level lists are questions */
} UnitScan;

/* A list or table that is only links ("1. [What is a Pod?](#what-is-a-pod)"):
 * what is outside the links is numbering and punctuation. */
static gboolean
node_is_link_list (cmark_node *node)
{
  cmark_node_type type = cmark_node_get_type (node);
  cmark_iter *iter;
  cmark_event_type event;
  gsize inside = 0, outside = 0;
  guint link_depth = 0;

  if (type != CMARK_NODE_LIST && !rehearse_cmark_node_is_extension (node, "table"))
    return FALSE;

  iter = cmark_iter_new (node);
  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *current = cmark_iter_get_node (iter);
      cmark_node_type current_type = cmark_node_get_type (current);

      if (current_type == CMARK_NODE_LINK)
        {
          link_depth += event == CMARK_EVENT_ENTER ? 1 : -1;
          continue;
        }
      if (event != CMARK_EVENT_ENTER || current_type != CMARK_NODE_TEXT)
        continue;

      for (const char *p = cmark_node_get_literal (current); p != NULL && *p != '\0'; p++)
        if (g_ascii_isalpha (*p) || (guchar) *p >= 0x80)
          {
            if (link_depth > 0)
              inside++;
            else
              outside++;
          }
    }
  cmark_iter_free (iter);

  return inside > 0 && outside * 10 <= inside;
}

static guint
push_unit (UnitScan *scan,
           UnitKind  kind,
           Block     block)
{
  Unit unit = { 0, };

  unit.kind = kind;
  unit.role = ROLE_CONTENT;
  unit.depth = scan->open_details->len;
  unit.partner = -1;
  unit.item_number = -1;
  unit.block = block;
  if (block.node != NULL && cmark_node_get_type (block.node) == CMARK_NODE_HEADING)
    unit.level = cmark_node_get_heading_level (block.node);
  if (block.node != NULL && node_is_filler (scan->parser->patterns, block.node))
    unit.flags |= UNIT_FILLER;
  if (block.node != NULL && node_is_link_list (block.node))
    unit.flags |= UNIT_LINKS;
  if (block.node != NULL && cmark_node_get_type (block.node) == CMARK_NODE_HTML_BLOCK
      && html_is_link_list (cmark_node_get_literal (block.node),
                            strlen (cmark_node_get_literal (block.node))))
    unit.flags |= UNIT_LINKS;
  g_array_append_val (scan->parser->units, unit);
  return scan->parser->units->len - 1;
}

static Unit *
unit_at (Parser *parser,
         guint   index)
{
  return &g_array_index (parser->units, Unit, index);
}

/* Content from @start to @end of @block (the whole block keeps its node). */
static void
push_content (UnitScan    *scan,
              const Block *block,
              gsize        start,
              gsize        end)
{
  const Source *source = &scan->parser->source;
  Block part;

  if (start >= end)
    return;
  if (start == block->start && end == block->end)
    {
      push_unit (scan, UNIT_CONTENT, *block);
      return;
    }

  for (gsize i = start; i < end; i++)
    if (!g_ascii_isspace (source->text[i]))
      {
        guint index;

        part = block_for_range (source, start, end, block->dedent);
        index = push_unit (scan, UNIT_CONTENT, part);
        if (html_is_link_list (source->text + start, end - start))
          unit_at (scan->parser, index)->flags |= UNIT_LINKS;
        return;
      }
}

static gboolean
read_tag (const char *p,
          const char *end,
          TagKind    *kind,
          gsize      *length)
{
  static const struct { const char *name; TagKind kind; } tags[] = {
    { "<details", TAG_DETAILS_OPEN }, { "</details", TAG_DETAILS_CLOSE },
    { "<summary", TAG_SUMMARY_OPEN }, { "</summary", TAG_SUMMARY_CLOSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      gsize name_length = strlen (tags[i].name);
      const char *close;

      if ((gsize) (end - p) <= name_length
          || g_ascii_strncasecmp (p, tags[i].name, name_length) != 0
          || (p[name_length] != '>' && !g_ascii_isspace (p[name_length])))
        continue;
      close = memchr (p, '>', (gsize) (end - p));
      if (close == NULL)
        return FALSE;
      *kind = tags[i].kind;
      *length = (gsize) (close - p) + 1;
      return TRUE;
    }

  return FALSE;
}

static void
finish_summary (UnitScan *scan,
                gsize     end)
{
  Unit *opening = unit_at (scan->parser, (guint) scan->summary_unit);
  const char *text = scan->parser->source.text;

  opening->summary = g_strndup (text + scan->summary_start, end - scan->summary_start);
  opening->block.end = MAX (opening->block.end, end);
  opening->block.last_line = source_line_at (&scan->parser->source, end);
  scan->summary_unit = -1;
}

/* One tag at @position of @block; returns where the content resumes. */
static gsize
handle_tag (UnitScan    *scan,
            const Block *block,
            gsize        segment_start,
            gsize        position,
            TagKind      kind,
            gsize        length)
{
  const Source *source = &scan->parser->source;
  Block tag_block = block_for_range (source, position, position + length, 0);
  guint index;

  if (scan->summary_unit >= 0)
    {
      if (kind != TAG_SUMMARY_CLOSE)
        return segment_start;
      finish_summary (scan, position);
      return position + length;
    }

  switch (kind)
    {
    case TAG_DETAILS_OPEN:
      push_content (scan, block, segment_start, position);
      index = push_unit (scan, UNIT_DETAILS_OPEN, tag_block);
      g_array_append_val (scan->open_details, index);
      scan->last_open = (gint) index;
      return position + length;

    case TAG_SUMMARY_OPEN:
      if (scan->last_open < 0)
        return segment_start;
      {
        Unit *opening = unit_at (scan->parser, (guint) scan->last_open);

        for (gsize i = opening->block.end; i < position; i++)
          if (!g_ascii_isspace (source->text[i]))
            return segment_start;
        push_content (scan, block, segment_start, position);
        scan->summary_unit = scan->last_open;
        scan->summary_start = position + length;
        scan->last_open = -1;
        return position + length;
      }

    case TAG_DETAILS_CLOSE:
      if (scan->open_details->len == 0)
        return segment_start;
      push_content (scan, block, segment_start, position);
      {
        gint opening = g_array_index (scan->open_details, gint, scan->open_details->len - 1);

        g_array_set_size (scan->open_details, scan->open_details->len - 1);
        index = push_unit (scan, UNIT_DETAILS_CLOSE, tag_block);
        unit_at (scan->parser, index)->partner = opening;
        unit_at (scan->parser, (guint) opening)->partner = (gint) index;
      }
      scan->last_open = -1;
      return position + length;

    case TAG_SUMMARY_CLOSE:
    default:
      return segment_start;
    }
}

/* The line ranges of the code blocks in @node: their text is never read
 * for tags. In source order, as the iterator walks the tree. */
static void
collect_code_lines (UnitScan   *scan,
                    cmark_node *node)
{
  cmark_iter *iter;
  cmark_event_type event;

  g_array_set_size (scan->code_lines, 0);
  if (cmark_node_get_type (node) == CMARK_NODE_CODE_BLOCK)
    {
      int range[2] = { node_start_line (node), node_end_line (node) };

      g_array_append_vals (scan->code_lines, range, 2);
      return;
    }
  if (cmark_node_first_child (node) == NULL)
    return;

  iter = cmark_iter_new (node);
  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *current = cmark_iter_get_node (iter);

      if (event == CMARK_EVENT_ENTER && cmark_node_get_type (current) == CMARK_NODE_CODE_BLOCK)
        {
          int range[2] = { node_start_line (current),
                           node_end_line (current) };

          g_array_append_vals (scan->code_lines, range, 2);
        }
    }
  cmark_iter_free (iter);
}

/* "    </details>": a line that is a tag alone. */
static gboolean
line_is_details_tag (const Source *source,
                     int           line)
{
  gsize length;
  const char *text = source_line (source, line, &length);
  gsize i = 0;

  while (i < length && (text[i] == ' ' || text[i] == '\t'))
    i++;
  return (length - i >= 9 && g_ascii_strncasecmp (text + i, "<details", 8) == 0)
         || (length - i >= 10 && g_ascii_strncasecmp (text + i, "</details", 9) == 0);
}

/* A block, cut around the <details> and <summary> tags in its text. */
static void
scan_block (UnitScan   *scan,
            cmark_node *node,
            guint       dedent)
{
  const Source *source = &scan->parser->source;
  Block block = block_for_node (source, node, dedent);
  gsize segment_start = block.start;
  guint code_index = 0;

  collect_code_lines (scan, node);

  for (int line = block.first_line; line <= block.last_line; line++)
    {
      gsize start = MAX (source_line_start (source, line), block.start);
      gsize end = MIN (source_line_end (source, line), block.end);
      gboolean in_code_span = FALSE;

      while (code_index < scan->code_lines->len
             && g_array_index (scan->code_lines, int, code_index + 1) < line)
        code_index += 2;
      if (code_index < scan->code_lines->len
          && g_array_index (scan->code_lines, int, code_index) <= line
          && !(scan->lenient && line_is_details_tag (source, line)))
        continue;

      for (gsize position = start; position < end; position++)
        {
          char c = source->text[position];
          TagKind kind;
          gsize length;

          if (c == '`')
            in_code_span = !in_code_span;
          if (c != '<' || in_code_span
              || !read_tag (source->text + position, source->text + end, &kind, &length))
            continue;
          segment_start = handle_tag (scan, &block, segment_start, position, kind, length);
          position += length - 1;
        }
    }

  if (scan->summary_unit < 0)
    push_content (scan, &block, segment_start, block.end);
}

/* A paragraph that opens with "**12. What is X?**" or "Q: What is X?" on
 * a line of its own (its answer may follow in the same paragraph). */
static gboolean
paragraph_leads_a_question (const ParserPatterns *patterns,
                            const Source         *source,
                            cmark_node           *paragraph)
{
  cmark_node *first = cmark_node_first_child (paragraph);
  gsize length;
  const char *line;
  g_autofree char *text = NULL;
  gint number;

  if (first == NULL)
    return FALSE;
  if (paragraph_is_bold_question (patterns, paragraph))
    return TRUE;
  if (cmark_node_get_type (first) != CMARK_NODE_TEXT)
    return FALSE;

  line = source_line (source, node_start_line (paragraph), &length);
  text = g_strndup (line, length);
  return g_regex_match (patterns->question_prefix, text, 0, NULL)
         && text_reads_as_question (patterns, text, &number);
}

/* "**Precision-recall trade-off ⭐️**": a paragraph that is one bold line. */
static gboolean
paragraph_is_bold_line (cmark_node *paragraph)
{
  cmark_node *strong = cmark_node_first_child (paragraph);

  return strong != NULL && cmark_node_get_type (strong) == CMARK_NODE_STRONG
         && cmark_node_next (strong) == NULL
         && node_start_line (paragraph) == node_end_line (paragraph);
}

/* Whether the last unit read is a separator ("---", "<br/>") or a heading. */
static gboolean
follows_separator (UnitScan *scan)
{
  Unit *previous;

  if (scan->parser->units->len == 0)
    return FALSE;
  previous = unit_at (scan->parser, scan->parser->units->len - 1);
  return (previous->flags & UNIT_FILLER) != 0 || previous->kind == UNIT_HEADING;
}

static gboolean
list_holds_question_headings (cmark_node *list)
{
  for (cmark_node *item = cmark_node_first_child (list); item != NULL;
       item = cmark_node_next (item))
    {
      cmark_node *first = cmark_node_first_child (item);

      if (first != NULL && cmark_node_get_type (first) == CMARK_NODE_HEADING)
        return TRUE;
    }

  return FALSE;
}

/* The number the author wrote before the item ("12." of "12. ### …"). */
static gint
item_number (const Source *source,
             cmark_node   *item)
{
  gsize length;
  const char *line = source_line (source, node_start_line (item), &length);
  gsize i = (gsize) MAX (cmark_node_get_start_column (item) - 1, 0);
  gint number = 0;
  gsize digits = 0;

  while (i < length && line[i] == ' ')
    i++;
  for (; i < length && g_ascii_isdigit (line[i]) && digits < 7; i++, digits++)
    number = number * 10 + (line[i] - '0');

  return digits > 0 ? number : -1;
}

static void scan_node (UnitScan   *scan,
                       cmark_node *node,
                       guint       dedent,
                       guint       flags);

/* "1. ### What is X?": the item's heading is a heading of the document,
 * its other blocks follow it without the item's indentation (and may hold
 * a list of such items themselves, when the author indented one). */
static void
scan_heading_list (UnitScan   *scan,
                   cmark_node *list)
{
  for (cmark_node *item = cmark_node_first_child (list); item != NULL;
       item = cmark_node_next (item))
    {
      cmark_node *first = cmark_node_first_child (item);
      guint first_unit = scan->parser->units->len;
      guint dedent;

      if (first == NULL || cmark_node_get_type (first) != CMARK_NODE_HEADING
          || scan->summary_unit >= 0)
        {
          scan_block (scan, item, 0);
          continue;
        }

      dedent = (guint) MAX (cmark_node_get_start_column (first) - 1, 0);
      scan_node (scan, first, dedent, UNIT_ITEM_HEADING);
      for (cmark_node *child = cmark_node_next (first); child != NULL;
           child = cmark_node_next (child))
        scan_node (scan, child, dedent, UNIT_IN_ITEM);
      if (cmark_node_get_list_type (list) == CMARK_ORDERED_LIST)
        unit_at (scan->parser, first_unit)->item_number =
          item_number (&scan->parser->source, item);
    }
}

/* "* Explain event delegation.": each item a question, its sub-items
 * and the code under it what it shows with the question. */
static void
scan_question_list (UnitScan   *scan,
                    cmark_node *list)
{
  for (cmark_node *item = cmark_node_first_child (list); item != NULL;
       item = cmark_node_next (item))
    {
      cmark_node *first = cmark_node_first_child (item);
      guint index;

      if (first == NULL || cmark_node_get_type (first) != CMARK_NODE_PARAGRAPH)
        {
          scan_block (scan, item, 0);
          continue;
        }
      index = push_unit (scan, UNIT_LEAD, block_for_node (&scan->parser->source, item, 0));
      unit_at (scan->parser, index)->flags |= UNIT_LIST_ITEM;
    }
}

/* The level of an HTML block that is one heading ("<h2>Title</h2>",
 * which GitHub shows as a heading), or 0. */
static int
html_heading_level (cmark_node *node)
{
  const char *literal = cmark_node_get_literal (node);
  g_autofree char *text = NULL;
  gsize length;
  char closing[6];

  if (literal == NULL)
    return 0;
  text = g_strstrip (g_strdup (literal));
  length = strlen (text);
  if (length < 9 || text[0] != '<' || g_ascii_tolower (text[1]) != 'h' || text[2] < '1'
      || text[2] > '6' || (text[3] != '>' && text[3] != ' '))
    return 0;

  g_snprintf (closing, sizeof closing, "</h%c>", text[2]);
  if (g_ascii_strcasecmp (text + length - 5, closing) != 0)
    return 0;
  /* One heading, not two in a row. */
  if (strstr (text + 4, "<h") != NULL && strstr (text + 4, closing) != text + length - 5)
    return 0;
  return text[2] - '0';
}

static void
scan_node (UnitScan   *scan,
           cmark_node *node,
           guint       dedent,
           guint       flags)
{
  Parser *parser = scan->parser;
  cmark_node_type type = cmark_node_get_type (node);

  if (type == CMARK_NODE_HEADING && scan->summary_unit < 0)
    {
      guint index = push_unit (scan, UNIT_HEADING, block_for_node (&parser->source, node, dedent));

      unit_at (parser, index)->flags |= flags;
    }
  else if (type == CMARK_NODE_HTML_BLOCK && scan->summary_unit < 0
           && html_heading_level (node) > 0)
    {
      guint index = push_unit (scan, UNIT_HEADING,
                               block_for_node (&parser->source, node, dedent));

      unit_at (parser, index)->level = html_heading_level (node);
      unit_at (parser, index)->flags |= UNIT_HTML_HEADING | flags;
    }
  else if (type == CMARK_NODE_LIST && list_holds_question_headings (node))
    scan_heading_list (scan, node);
  else if (type == CMARK_NODE_LIST && scan->list_items && dedent == 0 && !node_is_link_list (node))
    scan_question_list (scan, node);
  else if (type == CMARK_NODE_PARAGRAPH && scan->summary_unit < 0
           && paragraph_leads_a_question (parser->patterns, &parser->source, node))
    push_unit (scan, UNIT_LEAD, block_for_node (&parser->source, node, dedent));
  else if (type == CMARK_NODE_PARAGRAPH && scan->summary_unit < 0
           && paragraph_is_bold_line (node) && follows_separator (scan))
    {
      guint index = push_unit (scan, UNIT_LEAD, block_for_node (&parser->source, node, dedent));

      unit_at (parser, index)->flags |= UNIT_WEAK_LEAD;
    }
  else
    scan_block (scan, node, dedent);
}

/* Lines @first..@last between top-level blocks that cmark gave to no node:
 * link reference definitions ("[1]: https://…"). They are text of the
 * answer around them, which needs them for its "[docs][1]" links. */
static void
scan_lines_outside_blocks (UnitScan *scan,
                           int       first,
                           int       last)
{
  const Source *source = &scan->parser->source;
  gsize start, end;

  if (first > last || first > (int) source->line_starts->len)
    return;
  start = source_line_start (source, first);
  end = source_line_end (source, MIN (last, (int) source->line_starts->len));
  /* From its first line that is not blank, so that it stays apart from
   * the paragraph above (a definition cannot interrupt a paragraph). */
  for (gsize i = start; i < end; i++)
    if (!g_ascii_isspace (source->text[i]))
      {
        start = source_line_start (source, source_line_at (source, i));
        push_unit (scan, UNIT_CONTENT, block_for_range (source, start, end, 0));
        return;
      }
}

static gboolean
scan_document_once (Parser     *parser,
                    cmark_node *document,
                    gboolean    lenient,
                    gboolean    list_items)
{
  UnitScan scan = { parser, NULL, -1, 0, -1, NULL, lenient, list_items };
  int next_line = 1;
  gboolean balanced;

  scan.open_details = g_array_new (FALSE, FALSE, sizeof (gint));
  scan.code_lines = g_array_new (FALSE, FALSE, sizeof (int));

  for (cmark_node *node = cmark_node_first_child (document); node != NULL;
       node = cmark_node_next (node))
    {
      scan_lines_outside_blocks (&scan, next_line, node_start_line (node) - 1);
      scan_node (&scan, node, 0, 0);
      next_line = MAX (next_line, node_end_line (node) + 1);
    }
  scan_lines_outside_blocks (&scan, next_line, (int) parser->source.line_starts->len);

  /* A summary never closed ends where the document does. */
  if (scan.summary_unit >= 0)
    finish_summary (&scan, parser->source.length);

  balanced = scan.open_details->len == 0;
  g_array_unref (scan.open_details);
  g_array_unref (scan.code_lines);
  return balanced;
}

static void
clear_units (Parser *parser)
{
  for (guint i = 0; i < parser->units->len; i++)
    g_free (unit_at (parser, i)->summary);
  g_array_set_size (parser->units, 0);
}

/* A <details> left open would make the rest of the document its content.
 * When one is, the author's "</details>" is most likely on a line that a
 * badly indented fence swallowed: read again, taking such lines as tags. */
static void
scan_document (Parser     *parser,
               cmark_node *document,
               gboolean    list_items)
{
  if (scan_document_once (parser, document, FALSE, list_items))
    return;

  clear_units (parser);
  scan_document_once (parser, document, TRUE, list_items);
}

/* ---- Finding the pattern that repeats ------------------------------------ */

/* "Answer", "Show answer", "Solution": a <details> that hides an answer;
 * "View contents": one that hides a table of contents. */
static UnitRole
read_summary_role (const ParserPatterns *patterns,
                   const char           *summary)
{
  g_autofree char *plain = NULL;

  if (summary == NULL)
    return ROLE_CONTENT;

  plain = strip_html_tags (summary);
  strip_emphasis_markers (plain);
  if (*plain == '\0')
    return ROLE_CONTENT;
  if (g_regex_match (patterns->answer_summary, plain, 0, NULL))
    return ROLE_ANSWER_DETAILS;
  if (g_regex_match (patterns->contents_summary, plain, 0, NULL))
    return ROLE_CONTENTS_DETAILS;
  return ROLE_QUESTION;
}

/* A heading whose section holds an answer <details> asks a question,
 * whatever its level ("#### 12. What is the output?" under "### 11. …"). */
static void
mark_answered_headings (Parser *parser)
{
  gboolean answer_ahead = FALSE;

  for (guint i = parser->units->len; i > 0; i--)
    {
      Unit *unit = unit_at (parser, i - 1);

      if (unit->depth > 0)
        continue;
      if (unit->kind == UNIT_DETAILS_OPEN)
        {
          UnitRole role = read_summary_role (parser->patterns, unit->summary);

          if (role == ROLE_ANSWER_DETAILS)
            answer_ahead = TRUE;
          else if (role == ROLE_QUESTION)
            answer_ahead = FALSE;
        }
      else if (unit->kind == UNIT_HEADING || unit->kind == UNIT_LEAD)
        {
          if (answer_ahead && unit->kind == UNIT_HEADING
              && (unit->flags & UNIT_HTML_HEADING) == 0)
            unit->flags |= UNIT_ANSWERED;
          answer_ahead = FALSE;
        }
    }
}

/* Counts each way a question could be written and keeps the one that
 * repeats most: a heading level, <details> summaries, or lead lines. */
static void
find_question_pattern (Parser *parser)
{
  guint heading_questions[8] = { 0, };
  guint details_questions = 0, lead_questions = 0;
  int best = 0;

  for (guint i = 0; i < parser->units->len; i++)
    {
      Unit *unit = unit_at (parser, i);

      if (unit->depth > 0)
        continue;
      if (unit->kind == UNIT_HEADING && (unit->flags & UNIT_HTML_HEADING) == 0
          && (classify_heading (parser->patterns, unit->block.node) == HEADING_QUESTION
              || (unit->flags & UNIT_ANSWERED) != 0))
        heading_questions[unit->level]++;
      else if (unit->kind == UNIT_DETAILS_OPEN
               && read_summary_role (parser->patterns, unit->summary) == ROLE_QUESTION)
        details_questions++;
      else if (unit->kind == UNIT_LEAD && (unit->flags & UNIT_WEAK_LEAD) == 0)
        lead_questions++;
    }

  /* Most question-like headings wins; on a tie the deeper level, since
   * numbered section titles sit above numbered questions. */
  for (int level = 1; level <= 6; level++)
    if (heading_questions[level] > 0 && heading_questions[level] >= heading_questions[best])
      best = level;

  parser->pattern = PATTERN_HEADINGS;
  parser->question_level = best;
  if (details_questions > heading_questions[best] && details_questions >= lead_questions)
    parser->pattern = PATTERN_DETAILS;
  else if (lead_questions > heading_questions[best])
    parser->pattern = PATTERN_LEADS;
  if (parser->pattern != PATTERN_HEADINGS || best == 0)
    parser->question_level = 7;  /* every heading level is above the questions */
}

/* In a numbered series ("Question 1.", "Question 2." …), a heading of the
 * same level without a number ("Want the book?") is not one of them. */
static gboolean
questions_are_numbered (Parser *parser)
{
  guint numbered = 0, total = 0;

  for (guint i = 0; i < parser->units->len; i++)
    {
      Unit *unit = unit_at (parser, i);
      g_autofree char *plain = NULL;
      gint number;

      if (unit->kind != UNIT_HEADING || unit->depth > 0 || unit->level != parser->question_level
          || (unit->flags & UNIT_HTML_HEADING) != 0
          || classify_heading (parser->patterns, unit->block.node) != HEADING_QUESTION)
        continue;
      plain = rehearse_cmark_plain_text (unit->block.node);
      text_reads_as_question (parser->patterns, plain, &number);
      total++;
      numbered += number >= 0 || unit->item_number >= 0 ? 1 : 0;
    }

  return total >= 3 && numbered * 5 >= total * 4;
}

/* Whether the questions are list items that open with a heading. */
static gboolean
questions_are_items (Parser *parser)
{
  guint items = 0, total = 0;

  for (guint i = 0; i < parser->units->len; i++)
    {
      Unit *unit = unit_at (parser, i);

      if (unit->kind != UNIT_HEADING || unit->depth > 0 || unit->level != parser->question_level
          || classify_heading (parser->patterns, unit->block.node) != HEADING_QUESTION)
        continue;
      total++;
      items += (unit->flags & UNIT_ITEM_HEADING) != 0 ? 1 : 0;
    }

  return total >= 3 && items * 5 >= total * 4;
}

static gint
next_significant_unit (Parser *parser,
                       guint   index)
{
  for (guint i = index + 1; i < parser->units->len; i++)
    {
      Unit *unit = unit_at (parser, i);

      if ((unit->flags & UNIT_FILLER) == 0 && unit->role != ROLE_HIDDEN)
        return (gint) i;
    }

  return -1;
}

static UnitRole
heading_role (Parser   *parser,
              Unit     *unit,
              gboolean  numbered,
              gboolean  item_series)
{
  HeadingKind kind = classify_heading (parser->patterns, unit->block.node);

  /* A heading down in a list item is the item's text, and when the
   * questions are list items ("12. ### …"), every such item asks one. */
  if ((unit->flags & UNIT_IN_ITEM) != 0)
    return ROLE_CONTENT;
  if (item_series && (unit->flags & UNIT_ITEM_HEADING) != 0)
    return ROLE_QUESTION;
  if (item_series && unit->level == parser->question_level)
    return ROLE_HEADING;

  /* "### Summary Table" in a series of "### 12. …": not a question, and
   * not a skipped section either; maybe a part of the answer above it. */
  if (numbered && unit->level == parser->question_level && (unit->flags & UNIT_ANSWERED) == 0)
    {
      g_autofree char *plain = rehearse_cmark_plain_text (unit->block.node);
      gint number;

      text_reads_as_question (parser->patterns, plain, &number);
      if (number < 0 && unit->item_number < 0)
        return ROLE_HEADING;
    }

  /* "### Summary Table" among "### What is X?" questions: maybe a part
   * of the answer above it, decided where it is met. */
  if (kind == HEADING_SKIPPED && unit->level >= parser->question_level && unit->level <= 6)
    return ROLE_HEADING;
  if (kind == HEADING_SKIPPED)
    return ROLE_SKIPPED_SECTION;
  if (kind == HEADING_NAVIGATION)
    return ROLE_NAVIGATION;
  if ((unit->flags & UNIT_HTML_HEADING) != 0)
    return unit->level > parser->question_level ? ROLE_CONTENT : ROLE_HEADING;
  if ((unit->flags & UNIT_ANSWERED) != 0)
    return ROLE_QUESTION;
  if (unit->level > parser->question_level)
    return ROLE_CONTENT;
  if (unit->level < parser->question_level)
    return ROLE_HEADING;

  return ROLE_QUESTION;
}

/* A <details> whose content is links only ("Git" over a list of the
 * sections) belongs to a table of contents. */
static gboolean
details_hold_only_links (Parser *parser,
                         guint   index)
{
  gint close = unit_at (parser, index)->partner;
  gboolean links = FALSE;

  if (close < 0)
    return FALSE;
  for (guint i = index + 1; i < (guint) close; i++)
    {
      Unit *unit = unit_at (parser, i);

      if ((unit->flags & UNIT_FILLER) != 0)
        continue;
      if (unit->kind != UNIT_CONTENT || (unit->flags & UNIT_LINKS) == 0)
        return FALSE;
      links = TRUE;
    }

  return links;
}

static void
assign_roles (Parser *parser)
{
  gboolean numbered = parser->pattern == PATTERN_HEADINGS && questions_are_numbered (parser);
  gboolean item_series = parser->pattern == PATTERN_HEADINGS && questions_are_items (parser);

  for (guint i = 0; i < parser->units->len; i++)
    {
      Unit *unit = unit_at (parser, i);

      if (unit->depth > 0 && unit->kind != UNIT_DETAILS_CLOSE)
        continue;  /* inside a <details>: content */

      switch (unit->kind)
        {
        case UNIT_HEADING:
          unit->role = heading_role (parser, unit, numbered, item_series);
          break;
        case UNIT_LEAD:
          unit->role = parser->pattern == PATTERN_LEADS ? ROLE_QUESTION : ROLE_CONTENT;
          break;
        case UNIT_DETAILS_OPEN:
          unit->role = read_summary_role (parser->patterns, unit->summary);
          if (unit->role == ROLE_QUESTION && details_hold_only_links (parser, i))
            unit->role = ROLE_CONTENTS_DETAILS;
          if (unit->role == ROLE_QUESTION && parser->pattern != PATTERN_DETAILS)
            unit->role = ROLE_CONTENT;
          break;
        case UNIT_DETAILS_CLOSE:
          if (unit->partner >= 0 && unit_at (parser, (guint) unit->partner)->role != ROLE_CONTENT)
            unit->role = ROLE_HIDDEN;
          break;
        case UNIT_CONTENT:
        default:
          break;
        }
    }

  /* A question-level heading with nothing but links under it ("JavaScript"
   * over a "View contents" list) belongs to the table of contents. */
  for (guint i = 0; i < parser->units->len; i++)
    {
      Unit *unit = unit_at (parser, i);
      gint next;

      if (unit->kind != UNIT_HEADING || unit->role != ROLE_QUESTION
          || classify_heading (parser->patterns, unit->block.node) == HEADING_QUESTION
          || (unit->flags & UNIT_ANSWERED) != 0)
        continue;
      next = next_significant_unit (parser, i);
      if (next >= 0 && (unit_at (parser, (guint) next)->role == ROLE_CONTENTS_DETAILS
                        || (unit_at (parser, (guint) next)->flags & UNIT_LINKS) != 0))
        unit->role = ROLE_NAVIGATION;
    }
}

/* For each heading above the questions: whether its section holds a
 * question, whether content rather than a heading or question follows it,
 * and whether it sits right under a line of text (a "# comment" of code
 * that was not fenced). */
static void
measure_headings (Parser *parser)
{
  gint open[8] = { -1, -1, -1, -1, -1, -1, -1, -1 };
  gboolean seen_question = FALSE;

  for (guint i = 0; i < parser->units->len; i++)
    {
      Unit *unit = unit_at (parser, i);

      if (unit->role == ROLE_QUESTION)
        {
          gint deepest = -1;

          seen_question = TRUE;

          for (int level = 1; level <= 6; level++)
            if (open[level] >= 0)
              {
                unit_at (parser, (guint) open[level])->flags |= UNIT_HOLDS_QUESTION;
                deepest = open[level];
              }
          if (deepest >= 0)
            unit_at (parser, (guint) deepest)->flags |= UNIT_HOLDS_DIRECTLY;
          if (unit->kind == UNIT_HEADING)
            for (int level = unit->level; level <= 7; level++)
              open[level] = -1;
          continue;
        }
      if (unit->role != ROLE_HEADING)
        continue;

      for (int level = unit->level; level <= 7; level++)
        open[level] = -1;
      open[unit->level] = (gint) i;

      {
        gint next = next_significant_unit (parser, i);

        if (next >= 0 && unit_at (parser, (guint) next)->role == ROLE_CONTENT
            && (unit_at (parser, (guint) next)->flags & UNIT_LINKS) == 0)
          unit->flags |= UNIT_BEFORE_CONTENT;
        else if (seen_question)
          /* Only among the questions: a title over a table of contents
           * says nothing of the "# comment" lines of code further down. */
          parser->level_direct[unit->level]++;
      }

      if (i > 0)
        {
          Unit *previous = unit_at (parser, i - 1);

          if (previous->kind == UNIT_CONTENT && previous->block.node != NULL
              && cmark_node_get_type (previous->block.node) == CMARK_NODE_PARAGRAPH
              && node_end_line (previous->block.node) == unit->block.first_line - 1)
            unit->flags |= UNIT_GLUED;
        }
    }
}

/* A heading above the questions met inside an answer belongs to it when
 * it sits under a line of text, or is followed by that answer's content
 * rather than by questions, or its level never heads a section directly. */
static gboolean
heading_is_answer_text (Parser *parser,
                        Unit   *unit)
{
  if ((unit->flags & UNIT_GLUED) != 0)
    return TRUE;
  if ((unit->flags & UNIT_BEFORE_CONTENT) == 0)
    return FALSE;
  return (unit->flags & UNIT_HOLDS_QUESTION) == 0 || parser->level_direct[unit->level] == 0;
}

/* The document's title: the only heading at the shallowest level of those
 * that hold questions; when it holds some directly, it is also their
 * topic (004's H1). */
static char *
find_document_title (Parser *parser)
{
  Unit *candidate = NULL;
  int title_level = 7;
  guint count = 0;
  gboolean seen_question = FALSE;

  for (guint i = 0; i < parser->units->len; i++)
    {
      Unit *unit = unit_at (parser, i);

      if (unit->role == ROLE_QUESTION)
        seen_question = TRUE;
      if (unit->role != ROLE_HEADING || (unit->flags & UNIT_HOLDS_QUESTION) == 0
          || (seen_question && heading_is_answer_text (parser, unit)))
        continue;
      /* A title comes before the questions it is the title of. */
      if (seen_question && candidate == NULL)
        break;

      if (unit->level < title_level)
        {
          title_level = unit->level;
          candidate = unit;
          count = 1;
        }
      else if (unit->level == title_level)
        {
          count++;
        }
    }

  if (count != 1)
    return NULL;

  {
    g_autofree char *text = heading_words (candidate->block.node);

    return rehearse_parser_clean_topic_title (text, NULL);
  }
}

/* ---- Front matter -------------------------------------------------------- */

static gboolean
line_is_front_matter_fence (const char *line,
                            gsize       length,
                            gboolean    closing)
{
  while (length > 0 && (line[length - 1] == ' ' || line[length - 1] == '\t'))
    length--;
  return (length == 3 && memcmp (line, "---", 3) == 0)
         || (closing && length == 3 && memcmp (line, "...", 3) == 0);
}

/* A site generator's front matter ("---\ntitle: …\n---") is not Markdown:
 * its lines become blank (keeping line numbers) and its title is kept.
 * Returns NULL when the text has none. */
static char *
blank_front_matter (const char  *text,
                    gsize        length,
                    char       **title)
{
  const char *line = text;
  const char *end = text + length;
  g_autofree char *blanked = NULL;
  guint lines = 0;

  *title = NULL;
  if (length < 4 || !line_is_front_matter_fence (text, strcspn (text, "\n"), FALSE))
    return NULL;

  for (line = strchr (text, '\n'); line != NULL && line < end && lines < 200; lines++)
    {
      const char *next = memchr (line + 1, '\n', (gsize) (end - line - 1));
      gsize line_length = (gsize) ((next != NULL ? next : end) - (line + 1));

      line++;
      if (line_is_front_matter_fence (line, line_length, TRUE))
        {
          blanked = g_strndup (text, length);
          for (gsize i = 0; i < (gsize) (line + line_length - text); i++)
            if (blanked[i] != '\n')
              blanked[i] = ' ';
          return g_steal_pointer (&blanked);
        }
      if (*title == NULL && line_length > 6 && strncmp (line, "title:", 6) == 0)
        {
          *title = g_strstrip (g_strndup (line + 6, line_length - 6));
          if ((*title)[0] == '"' || (*title)[0] == '\'')
            {
              gsize title_length = strlen (*title);

              if (title_length >= 2 && (*title)[title_length - 1] == (*title)[0])
                {
                  (*title)[title_length - 1] = '\0';
                  memmove (*title, *title + 1, title_length - 1);
                }
            }
        }
      line = next;
    }

  g_clear_pointer (title, g_free);
  return NULL;
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

/* Says once per run of skipped units what was left out, and why. */
static void
report_skipped (Parser     *parser,
                const Unit *unit,
                const char *reason)
{
  if (parser->skip_reason == reason)
    return;
  parser->skip_reason = reason;
  rehearse_parsed_deck_add_skipped (parser->deck, unit->block.first_line, reason);
}

static char *
blocks_markdown_or_null (Parser *parser,
                         GArray *blocks)
{
  char *markdown;

  if (blocks == NULL)
    return NULL;
  trim_filler_blocks (parser->patterns, blocks);
  markdown = blocks_to_markdown (&parser->source, blocks);
  if (parser->answer_hidden)
    markdown = strip_wrapper_tags (markdown);
  if (*markdown == '\0')
    g_clear_pointer (&markdown, g_free);
  return markdown;
}

static void
finish_question (Parser *parser)
{
  g_autofree char *answer = NULL;
  g_autofree char *in_depth = NULL;
  g_autofree char *prompt = NULL;
  RehearseParsedQuestion *question;

  if (!parser->in_question)
    return;

  answer = build_answer (parser);
  in_depth = blocks_markdown_or_null (parser, parser->in_depth_blocks);
  prompt = blocks_markdown_or_null (parser, parser->prompt_blocks);

  question = rehearse_parsed_deck_add_question (parser->deck, ensure_topic (parser),
                                                parser->number, parser->question_text, answer,
                                                in_depth);
  question->prompt = g_steal_pointer (&prompt);

  parser->in_question = FALSE;
  parser->answer_hidden = FALSE;
  g_clear_pointer (&parser->question_text, g_free);
  g_array_set_size (parser->answer_blocks, 0);
  g_array_set_size (parser->prompt_blocks, 0);
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
  parser->skip_reason = NULL;
}

static void
start_topic (Parser *parser,
             Unit   *unit)
{
  g_autofree char *text = heading_words (unit->block.node);
  g_autofree char *icon = NULL;
  g_autofree char *title = rehearse_parser_clean_topic_title (text, &icon);

  finish_question (parser);
  rehearse_parsed_deck_add_topic (parser->deck, title, icon);
  parser->topic_index = (gint) parser->deck->topics->len - 1;
  parser->skip_reason = NULL;
}

static void
add_answer_block (Parser      *parser,
                  const Block *block)
{
  GArray *target = parser->in_depth_blocks != NULL ? parser->in_depth_blocks
                                                   : parser->answer_blocks;

  g_array_append_val (target, *block);
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

/* The summary of a <details> that holds a question: its first paragraph
 * is the question, anything after it (code, options) its prompt. */
static void
start_details_question (Parser *parser,
                        Unit   *unit)
{
  g_autofree char *summary = g_strdup (unit->summary);
  g_autofree char *plain = NULL;
  char *rest = strstr (summary, "\n\n");
  g_autofree char *rest_text = NULL;

  if (rest != NULL)
    {
      rest_text = g_strstrip (g_strdup (rest));
      *rest = '\0';
    }

  for (char *c = summary; *c != '\0'; c++)
    if (*c == '\n')
      *c = ' ';
  {
    g_autofree char *with_code = html_code_to_markdown (summary);
    g_autofree char *source_text = strip_html_tags (with_code);

    plain = strip_html_tags (summary);
    start_question (parser, g_strstrip (source_text), g_strstrip (plain));
  }
  parser->answer_hidden = TRUE;

  if (rest_text != NULL && *rest_text != '\0')
    {
      /* The prompt is the rest of the summary, which ends at the unit's end. */
      gsize offset = (gsize) (strstr (unit->summary, "\n\n") - unit->summary);
      Block block = block_for_range (&parser->source,
                                     unit->block.end - strlen (unit->summary) + offset,
                                     unit->block.end, unit->block.dedent);

      g_array_append_val (parser->prompt_blocks, block);
    }
}

static void
start_lead_question (Parser *parser,
                     Unit   *unit)
{
  cmark_node *paragraph = unit->block.node;
  cmark_node *first = cmark_node_first_child (paragraph);
  g_autofree char *plain = NULL;
  g_autoptr(GString) source_text = g_string_new (NULL);
  int first_line = node_start_line (paragraph);

  source_append_lines (&parser->source, first_line, first_line, source_text);
  g_strstrip (source_text->str);
  if (cmark_node_get_type (first) == CMARK_NODE_STRONG)
    plain = rehearse_cmark_plain_text (first);
  else
    plain = g_strdup (source_text->str);
  start_question (parser, source_text->str, plain);

  /* "**1. What is X?**\nX is…": the rest of the paragraph is the answer. */
  if (unit->block.last_line > first_line)
    {
      Block rest = unit->block;

      rest.first_line = first_line + 1;
      rest.start = source_line_start (&parser->source, rest.first_line);
      add_answer_block (parser, &rest);
    }
}

static void
start_item_question (Parser *parser,
                     Unit   *unit)
{
  cmark_node *item = unit->block.node;
  cmark_node *first = cmark_node_first_child (item);
  guint dedent = (guint) MAX (cmark_node_get_start_column (first) - 1, 0);
  Block text_block = block_for_node (&parser->source, first, dedent);
  g_autoptr(GString) source_text = g_string_new (NULL);
  g_autofree char *plain = rehearse_cmark_plain_text (first);

  source_append_block (&parser->source, &text_block, source_text);
  g_strstrip (source_text->str);
  for (char *c = source_text->str; *c != '\0'; c++)
    if (*c == '\n')
      *c = ' ';
  /* The item's marker ("* ") comes before the paragraph's column. */
  start_question (parser, source_text->str + strspn (source_text->str, "*-+ "), plain);

  for (cmark_node *child = cmark_node_next (first); child != NULL;
       child = cmark_node_next (child))
    {
      Block block = block_for_node (&parser->source, child, dedent);

      g_array_append_val (parser->prompt_blocks, block);
    }
}

static void
start_unit_question (Parser *parser,
                     Unit   *unit)
{
  if ((unit->flags & UNIT_LIST_ITEM) != 0)
    start_item_question (parser, unit);
  else if (unit->kind == UNIT_DETAILS_OPEN)
    {
      start_details_question (parser, unit);
    }
  else if (unit->kind == UNIT_LEAD)
    {
      start_lead_question (parser, unit);
    }
  else
    {
      g_autofree char *source_text = heading_source (&parser->source, unit->block.node);
      g_autofree char *plain = rehearse_cmark_plain_text (unit->block.node);

      start_question (parser, source_text, plain);
      if (parser->number < 0)
        parser->number = unit->item_number;
    }
}

/* What is not a question or topic is answer text, or is said skipped. */
static void
visit_content (Parser *parser,
               Unit   *unit)
{
  cmark_node *node = unit->block.node;

  if (!parser->in_question)
    {
      if ((unit->flags & UNIT_FILLER) != 0)
        return;
      report_skipped (parser, unit,
                      (unit->flags & UNIT_LINKS) != 0 ? N_("a table of contents")
                      : node != NULL && cmark_node_get_type (node) == CMARK_NODE_HTML_BLOCK
                      ? N_("an HTML block outside any question")
                      : N_("text outside any question"));
      return;
    }

  if (node != NULL && node_is_in_depth_marker (parser, node))
    {
      if (parser->in_depth_blocks == NULL)
        parser->in_depth_blocks = g_array_new (FALSE, FALSE, sizeof (Block));
      return;
    }

  if (node != NULL && cmark_node_get_type (node) == CMARK_NODE_HEADING && unit->depth == 0)
    {
      g_autofree char *plain = rehearse_cmark_plain_text (node);

      if (g_regex_match (parser->patterns->answer_title, plain, 0, NULL))
        return;  /* "### Answer:" is a label */
    }

  /* "Back to top" links are navigation, wherever they are. */
  if (node != NULL && node_is_back_to_top_link (parser->patterns, node))
    return;

  /* A list of questions has no answers: what follows an item (its code)
   * is shown with it. */
  if (parser->pattern == PATTERN_LIST)
    {
      g_array_append_val (parser->prompt_blocks, unit->block);
      return;
    }

  add_answer_block (parser, &unit->block);
}

/* <details><summary>Answer</summary>: what the question said so far
 * (its code, its options) stays with the question; the answer follows. */
static void
visit_answer_details (Parser *parser,
                      Unit   *unit)
{
  if (!parser->in_question)
    {
      report_skipped (parser, unit, N_("an answer with no question"));
      return;
    }

  if (!parser->answer_hidden && parser->prompt_blocks->len == 0
      && parser->answer_blocks->len > 0)
    {
      trim_filler_blocks (parser->patterns, parser->answer_blocks);
      g_array_append_vals (parser->prompt_blocks, parser->answer_blocks->data,
                           parser->answer_blocks->len);
      g_array_set_size (parser->answer_blocks, 0);
    }
  parser->answer_hidden = TRUE;
}

static void
visit_heading_above (Parser *parser,
                     Unit   *unit)
{
  if (parser->in_question && heading_is_answer_text (parser, unit))
    {
      add_answer_block (parser, &unit->block);
      return;
    }

  /* Topics are the sections questions sit in: a heading with questions
   * before any deeper heading ("### Kubernetes 101", and "#### Namespaces"
   * where the author went one level deeper). */
  if ((unit->flags & UNIT_HOLDS_DIRECTLY) != 0)
    {
      start_topic (parser, unit);
      return;
    }

  /* A document title or a section above topics. */
  finish_question (parser);
}

static gboolean
unit_ends_skip (Parser *parser,
                Unit   *unit)
{
  if (unit->depth > 0)
    return FALSE;
  if (parser->skip_level == 7)  /* a table of contents: up to what comes next */
    return (unit->kind == UNIT_HEADING && unit->role != ROLE_CONTENT)
           || unit->role == ROLE_QUESTION;
  return unit->kind == UNIT_HEADING && unit->role != ROLE_CONTENT
         && unit->level <= parser->skip_level;
}

static void
visit_unit (Parser *parser,
            guint   index)
{
  Unit *unit = unit_at (parser, index);

  if (index < parser->skip_until)
    return;
  if (parser->skip_level > 0)
    {
      if (!unit_ends_skip (parser, unit))
        return;
      parser->skip_level = 0;
    }

  switch (unit->role)
    {
    case ROLE_QUESTION:
      start_unit_question (parser, unit);
      break;
    case ROLE_HEADING:
      visit_heading_above (parser, unit);
      break;
    case ROLE_NAVIGATION:
    case ROLE_SKIPPED_SECTION:
      finish_question (parser);
      report_skipped (parser, unit,
                      unit->role == ROLE_NAVIGATION ? N_("a table of contents")
                                                    : N_("a section of no questions"));
      /* Level 7 ends the skip at the next heading, whatever its level. */
      parser->skip_level = unit->role == ROLE_SKIPPED_SECTION ? unit->level : 7;
      break;
    case ROLE_ANSWER_DETAILS:
      visit_answer_details (parser, unit);
      break;
    case ROLE_CONTENTS_DETAILS:
      report_skipped (parser, unit, N_("a table of contents"));
      if (unit->partner > (gint) index)
        parser->skip_until = (guint) unit->partner + 1;
      break;
    case ROLE_HIDDEN:
      /* The <details> that held the question or its answer is closed:
       * what follows is no longer that answer. */
      finish_question (parser);
      break;
    case ROLE_CONTENT:
    default:
      visit_content (parser, unit);
      break;
    }
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
  if (parser->units != NULL)
    clear_units (parser);
  g_clear_pointer (&parser->units, g_array_unref);
  g_clear_pointer (&parser->source.line_starts, g_array_unref);
  g_clear_pointer (&parser->question_text, g_free);
  g_clear_pointer (&parser->answer_blocks, g_array_unref);
  g_clear_pointer (&parser->prompt_blocks, g_array_unref);
  g_clear_pointer (&parser->in_depth_blocks, g_array_unref);
  g_clear_pointer (&parser->deck, rehearse_parsed_deck_free);
}

/* Nothing asks a question the ways above: a list of questions with no
 * answers (a person would read "* Explain event delegation." as one). */
static void
read_as_question_list (Parser     *parser,
                       cmark_node *document)
{
  guint items = 0, asking = 0;

  clear_units (parser);
  scan_document (parser, document, TRUE);

  /* A shopping list is not a list of questions: most items must ask. */
  for (guint i = 0; i < parser->units->len; i++)
    {
      Unit *unit = unit_at (parser, i);
      g_autofree char *plain = NULL;

      if ((unit->flags & UNIT_LIST_ITEM) == 0)
        continue;
      plain = rehearse_cmark_plain_text (cmark_node_first_child (unit->block.node));
      items++;
      asking += text_ends_with_question_mark (plain) ? 1 : 0;
    }
  if (asking * 2 < items || asking == 0)
    return;

  parser->pattern = PATTERN_LIST;
  parser->question_level = 7;
  for (guint i = 0; i < parser->units->len; i++)
    {
      Unit *unit = unit_at (parser, i);

      if ((unit->flags & UNIT_LIST_ITEM) != 0)
        unit->role = ROLE_QUESTION;
      else if (unit->kind == UNIT_HEADING && unit->depth == 0)
        unit->role = heading_role (parser, unit, FALSE, FALSE);
    }
}

static gboolean
document_has_questions (Parser *parser)
{
  for (guint i = 0; i < parser->units->len; i++)
    if (unit_at (parser, i)->role == ROLE_QUESTION)
      return TRUE;

  return FALSE;
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
  g_autofree char *front_matter = NULL;
  g_autofree char *front_matter_title = NULL;
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

  front_matter = blank_front_matter (text, length, &front_matter_title);
  if (front_matter != NULL)
    text = front_matter;

  document = rehearse_cmark_parse_structure (text, length);
  source_init (&parser.source, text, length);
  parser.units = g_array_new (FALSE, FALSE, sizeof (Unit));
  scan_document (&parser, document, FALSE);

  mark_answered_headings (&parser);
  find_question_pattern (&parser);
  assign_roles (&parser);
  if (!document_has_questions (&parser))
    read_as_question_list (&parser, document);
  if (!document_has_questions (&parser))
    {
      g_set_error_literal (error, REHEARSE_ERROR, REHEARSE_ERROR_NO_QUESTIONS,
                           _("no questions found: no heading or bold line reads as a question"));
      parser_clear (&parser);
      return NULL;
    }
  measure_headings (&parser);
  document_title = find_document_title (&parser);
  if (document_title == NULL)
    document_title = g_steal_pointer (&front_matter_title);

  parser.deck = rehearse_parsed_deck_new (document_title != NULL && *document_title != '\0'
                                          ? document_title : fallback_title);
  parser.document_title = document_title;
  parser.topic_index = -1;
  parser.answer_blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  parser.prompt_blocks = g_array_new (FALSE, FALSE, sizeof (Block));

  for (guint i = 0; i < parser.units->len; i++)
    visit_unit (&parser, i);
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
