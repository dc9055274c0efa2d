/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rehearse-key-points.h"

#include <cmark-gfm-core-extensions.h>
#include <string.h>

#include "rehearse-cmark.h"

/* A checklist of one says nothing; more than seven is a second answer. */
#define MIN_POINTS 2
#define MAX_POINTS 7
/* Characters: one line of a checklist in a narrow window. */
#define MAX_POINT_LENGTH 64
/* Sentences stand in for emphasis in answers that have none. */
#define MAX_SENTENCE_POINTS 3
/* "Session state: store in Redis" leads with "Session state"; a longer text
 * before the colon is a sentence, not a lead. */
#define MAX_LEAD_WORDS 6
/* Two options say how a command is used; more is a recipe. */
#define MAX_COMMAND_OPTIONS 2
/* Longer inline code is a snippet, not a term to remember. */
#define MAX_TERM_LENGTH 40
/* Words longer than this are compared exactly (and there are none in prose). */
#define MAX_FUZZY_LENGTH 48
/* Stands for a command inside running text: a lead or sentence ends there,
 * since the command is a point of its own. */
#define CODE_MARK "\x01"

/* Reading order: the block (paragraph, item, code block, cell) in the
 * high bits, the offset in its text (or the line) in the low ones. */
#define POSITION(block, offset) (((guint64) (block) << 32) | MIN ((offset), G_MAXUINT32))

typedef enum
{
  TIER_TERM = 1,    /* a single term in code: "SIGTERM", ".dockerignore" */
  TIER_DETAIL,      /* a command in a code block, the first cell of a table row */
  TIER_COMMAND,     /* a command in the text */
  TIER_EMPHASIS,    /* bold, a list item's lead, a sentence when nothing stands out */
} PointTier;

typedef struct
{
  char      *text;
  char      *key;        /* folded words joined by spaces, framed by spaces */
  PointTier  tier;
  guint64    position;
} Candidate;

typedef struct
{
  GPtrArray  *candidates;  /* of Candidate */
  GPtrArray  *sentences;   /* of Candidate: used when too little stands out */
  GHashTable *offsets;     /* bold and code nodes: offset + 1 in their paragraph's text */
  guint       block;       /* how many blocks the walk has entered */
} Extraction;

/* Word lists ------------------------------------------------------------ */

static const char * const stop_word_list[] = {
  "a", "about", "above", "across", "after", "again", "against", "all", "along", "also", "am",
  "among", "an", "and", "any", "are", "arent", "around", "as", "at", "be", "because", "been",
  "before", "behind", "being", "below", "between", "beyond", "both", "but", "by", "can", "cant",
  "could", "did", "do", "does", "doesnt", "doing", "dont", "down", "during", "each", "eg",
  "either", "etc", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her",
  "here", "hers", "him", "his", "how", "i", "ie", "if", "in", "into", "is", "isnt", "it", "its",
  "itself", "just", "may", "me", "might", "more", "most", "much", "must", "my", "no", "nor",
  "not", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "out", "over", "own",
  "per", "same", "shall", "she", "should", "since", "so", "some", "such", "than", "that",
  "thats", "the", "their", "theirs", "them", "then", "there", "these", "they", "this", "those",
  "through", "to", "too", "toward", "towards", "under", "until", "up", "upon", "us", "very",
  "via", "vs", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom",
  "why", "will", "with", "within", "without", "wont", "would", "yet", "you", "your", "yours",
  NULL
};

/* Bold or italic words that announce a part of an answer instead of saying
 * something: "**Fix:**", "*Warning:*". */
static const char * const label_list[] = {
  "advantages", "alternative", "alternatives", "answer", "approaches", "benefits",
  "best practice", "best practices", "caution", "cause", "challenges", "command", "commands",
  "cons", "definition", "disadvantages", "e.g", "example", "examples", "explanation",
  "features", "fix", "fixes", "how", "important", "in depth", "in short", "in-depth",
  "key approaches", "key differences", "key points", "note", "notes", "output", "prevention",
  "pros", "question", "reason", "recommendation", "refresher", "result", "results", "risks",
  "solution", "solutions", "steps", "summary", "syntax", "tip", "tips", "tl;dr", "usage",
  "use cases", "warning", "why", "workflow",
  NULL
};

/* Words that count a step in a bold lead: "**Step 2: Create a base image**". */
static const char * const enumeration_list[] = {
  "approach", "level", "method", "option", "part", "pattern", "phase", "stage", "step",
  "strategy", "tier", "way",
  NULL
};

/* Lines of a script that set the scene rather than name a tool. */
static const char * const shell_builtin_list[] = {
  ".", "cat", "cd", "do", "done", "echo", "else", "esac", "eval", "exec", "exit", "export",
  "false", "fi", "for", "if", "local", "printf", "read", "set", "sleep", "source", "then",
  "trap", "true", "unset", "until", "wait", "while",
  NULL
};

/* A third word kept in a command: "docker buildx build" but "docker run". */
static const char * const subcommand_verb_list[] = {
  "add", "apply", "attach", "bake", "build", "config", "connect", "copy", "create", "delete",
  "deploy", "describe", "disable", "disconnect", "down", "edit", "enable", "exec", "export",
  "get", "history", "import", "init", "inspect", "install", "list", "load", "login", "logout",
  "logs", "ls", "prune", "ps", "pull", "push", "put", "remove", "restart", "rm", "rollout",
  "run", "save", "scale", "scan", "set", "show", "sign", "start", "stop", "sync", "tag",
  "uninstall", "up", "update", "upgrade", "use", "verify",
  NULL
};

/* A sentence opening with one of these says its point after the comma:
 * "If two images share a layer, they share the same data". */
static const char * const subordinate_opener_list[] = {
  "after", "although", "as", "because", "before", "if", "once", "since", "though", "unless",
  "when", "whenever", "where", "while",
  NULL
};

static const char * const leading_conjunction_list[] = {
  "also", "and", "but", "or", "so", "then", "thus",
  NULL
};

static const char * const abbreviation_list[] = {
  "approx", "cf", "e.g", "eg", "etc", "fig", "i.e", "ie", "incl", "no", "vs",
  NULL
};

static GHashTable *
word_set_new (const char * const *words)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; words[i] != NULL; i++)
    g_hash_table_add (set, (gpointer) words[i]);

  return set;
}

typedef enum
{
  WORDS_STOP,
  WORDS_LABEL,
  WORDS_ENUMERATION,
  WORDS_SHELL_BUILTIN,
  WORDS_SUBCOMMAND_VERB,
  WORDS_SUBORDINATE_OPENER,
  WORDS_LEADING_CONJUNCTION,
  WORDS_ABBREVIATION,
  N_WORD_LISTS
} WordList;

/* Built once, kept for the life of the process. */
static gboolean
word_in_list (const char *word,
              WordList    list)
{
  static const char * const * const lists[N_WORD_LISTS] = {
    stop_word_list, label_list, enumeration_list, shell_builtin_list, subcommand_verb_list,
    subordinate_opener_list, leading_conjunction_list, abbreviation_list,
  };
  static GHashTable *sets[N_WORD_LISTS];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < N_WORD_LISTS; i++)
        sets[i] = word_set_new (lists[i]);
      g_once_init_leave (&initialized, 1);
    }

  return g_hash_table_contains (sets[list], word);
}

/* Case-insensitive for ASCII, which all the lists are. */
static gboolean
word_in_list_folded (const char *word,
                     gsize       length,
                     WordList    list)
{
  char folded[32];

  if (length == 0 || length >= sizeof folded)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    folded[i] = g_ascii_tolower (word[i]);
  folded[length] = '\0';

  return word_in_list (folded, list);
}

/* Phrases --------------------------------------------------------------- */

static gboolean
is_word_character (gunichar character)
{
  return g_unichar_isalnum (character);
}

static gboolean
has_word_character (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (is_word_character (g_utf8_get_char (p)))
      return TRUE;

  return FALSE;
}

static void append_collapsed (GString    *out,
                              const char *text);
static char *finish_collapsed (GString *out);

/* Whitespace runs become one space; ends trimmed. */
static char *
collapse_whitespace (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  append_collapsed (out, text);
  return finish_collapsed (out);
}

/* An address, a file path or a shell expression: nothing to tick off. */
static gboolean
is_path_like (const char *word)
{
  return strstr (word, "://") != NULL
         || word[0] == '/' || word[0] == '~' || word[0] == '<' || g_str_has_prefix (word, "./")
         || strchr (word, '$') != NULL
         || (strchr (word, '/') != NULL && strchr (word, '.') != NULL);
}

/* Appends @text with whitespace runs as one space and none at the start. */
static void
append_collapsed (GString    *out,
                  const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isspace (*p))
        g_string_append_c (out, *p);
      else if (out->len > 0 && out->str[out->len - 1] != ' ')
        g_string_append_c (out, ' ');
    }
}

static char *
finish_collapsed (GString *out)
{
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

static void
truncate_at (char       *text,
             const char *separator)
{
  char *found = strstr (text, separator);

  if (found != NULL)
    *found = '\0';
}

/* Clauses after these are detail: "Limited CPU/RAM (Raspberry Pi has 4 GB)". */
static void
cut_at_clause (char *text)
{
  static const char * const separators[] = {
    CODE_MARK, " \xe2\x80\x94", "\xe2\x80\x94 ", " \xe2\x80\x93 ", " - ", "; ", " (",
    " \xe2\x86\x92", "[", ". ",
  };

  for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
    truncate_at (text, separators[i]);
}

/* "Limited CPU/RAM (Raspberry Pi has 4 GB)" reads "Limited CPU/RAM": asides
 * in parentheses go, wherever they are; an unclosed one is cut later. */
static void
remove_parentheticals (char *text)
{
  char *open;

  while ((open = text[0] == '(' ? text : strstr (text, " (")) != NULL)
    {
      char *inside = open[0] == '(' ? open + 1 : open + 2;
      char *close = strchr (inside, ')');

      if (close == NULL || memchr (inside, '(', (gsize) (close - inside)) != NULL)
        return;
      memmove (open, close + 1, strlen (close + 1) + 1);
    }
}

/* The text up to the first path-like word. */
static void
cut_at_path (char *text)
{
  for (char *word = text; *word != '\0';)
    {
      char *end = strchr (word, ' ');
      char saved;

      if (end == NULL)
        end = word + strlen (word);
      saved = *end;
      *end = '\0';
      if (is_path_like (word))
        {
          *word = '\0';
          return;
        }
      *end = saved;
      word = saved == '\0' ? end : end + 1;
    }
}

static gboolean
is_edge_punctuation (gunichar character)
{
  return g_unichar_isspace (character)
         || (character != '(' && character != ')' && character != '"' && character != '\''
             && character != '+' && character != '#' && character != '%'
             && (g_unichar_ispunct (character) || character == 0x2192));
}

static void
trim_punctuation (GString *text)
{
  gsize start = 0;

  while (text->len > 0)
    {
      const char *last = g_utf8_find_prev_char (text->str, text->str + text->len);

      if (last == NULL || !is_edge_punctuation (g_utf8_get_char (last)))
        break;
      g_string_truncate (text, (gsize) (last - text->str));
    }

  while (start < text->len && is_edge_punctuation (g_utf8_get_char (text->str + start)))
    start = (gsize) (g_utf8_next_char (text->str + start) - text->str);
  g_string_erase (text, 0, (gssize) start);
}

static gboolean
is_quote (gunichar character)
{
  return character == '"' || character == '\'' || character == 0x201C || character == 0x201D
         || character == 0x2018 || character == 0x2019;
}

/* "\"Retain last 5 images\"" and "(Requires xfs)" read as the words inside. */
static void
strip_wrapping_quotes (GString *text)
{
  const char *last;
  gunichar first_character;
  gunichar last_character;

  if (text->len < 2)
    return;
  last = g_utf8_find_prev_char (text->str, text->str + text->len);
  first_character = g_utf8_get_char (text->str);
  last_character = g_utf8_get_char (last);
  if (!(is_quote (first_character) && is_quote (last_character))
      && !(first_character == '(' && last_character == ')'))
    return;
  if (first_character == '(' && memchr (text->str + 1, '(', (gsize) (last - text->str - 1)))
    return;

  g_string_truncate (text, (gsize) (last - text->str));
  g_string_erase (text, 0, g_utf8_next_char (text->str) - text->str);
}

/* "Docker Desktop (Mac/Win" after a cut: the open parenthesis goes. */
static void
drop_unbalanced_parenthesis (GString *text)
{
  gint depth = 0;
  gssize open = -1;

  for (gsize i = 0; i < text->len; i++)
    {
      if (text->str[i] == '(' && depth++ == 0)
        open = (gssize) i;
      else if (text->str[i] == ')' && depth > 0)
        depth--;
    }
  if (depth > 0 && open >= 0)
    g_string_truncate (text, (gsize) open);
}

static const char *
last_word (GString *text)
{
  const char *space = strrchr (text->str, ' ');

  return space != NULL ? space + 1 : text->str;
}

static gboolean
is_stop_word_text (const char *word)
{
  gsize length = strlen (word);
  char folded[32];
  gsize kept = 0;

  /* "don't" is the stop word "dont". */
  for (gsize i = 0; i < length && kept + 1 < sizeof folded; i++)
    if (word[i] != '\'')
      folded[kept++] = g_ascii_tolower (word[i]);
  folded[kept] = '\0';

  return kept > 0 && kept + 1 < sizeof folded && word_in_list (folded, WORDS_STOP);
}

/* "Define environment in" reads as "Define environment". */
static void
drop_trailing_stop_words (GString *text)
{
  while (text->len > 0)
    {
      const char *word = last_word (text);

      if (word == text->str || !is_stop_word_text (word))
        return;
      g_string_truncate (text, (gsize) (word - text->str));
      trim_punctuation (text);
    }
}

static gboolean is_stop_word_text (const char *word);

static gboolean
stop_word_follows (const char *space)
{
  const char *end = strchr (space + 1, ' ');
  g_autofree char *word = end != NULL ? g_strndup (space + 1, (gsize) (end - space - 1))
                                      : g_strdup (space + 1);

  return is_stop_word_text (word);
}

/* Within MAX_POINT_LENGTH characters, before a small word ("to", "with")
 * when one comes late enough, so that the cut ends a phrase; else at the
 * last word boundary. */
static gboolean
shorten (GString *text)
{
  const char *limit;
  const char *cut = NULL;
  const char *last_space = NULL;

  if (g_utf8_strlen (text->str, -1) <= MAX_POINT_LENGTH)
    return FALSE;

  limit = g_utf8_offset_to_pointer (text->str, MAX_POINT_LENGTH);
  for (const char *p = text->str; p <= limit; p++)
    {
      if (*p != ' ')
        continue;
      last_space = p;
      if (g_utf8_pointer_to_offset (text->str, p) >= MAX_POINT_LENGTH / 2
          && stop_word_follows (p))
        cut = p;
    }
  if (cut == NULL)
    cut = last_space != NULL ? last_space : limit;
  g_string_truncate (text, (gsize) (cut - text->str));

  return TRUE;
}

static guint
count_significant_words (const char *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  guint count = 0;

  for (guint i = 0; words[i] != NULL; i++)
    count += words[i][0] != '\0' && has_word_character (words[i])
             && !is_stop_word_text (words[i]);

  return count;
}

static gboolean
is_all_stop_words (const char *text)
{
  return count_significant_words (text) == 0;
}

typedef enum
{
  PROSE_WHOLE,    /* bold words: kept whole unless too long */
  PROSE_CLAUSE,   /* a lead or a sentence: its first clause */
} ProseCut;

/* The final form of a prose point, or NULL when nothing worth a tick is
 * left. Markdown characters go: the text comes from the tree, so any left
 * were literal, and a checklist cannot show them as meant. Small words
 * that end a cut are dropped ("Define environment in"), not those that
 * end a sentence ("stores Blob X once"). */
static char *
finish_prose (const char *raw,
              ProseCut    cut)
{
  g_autofree char *collapsed = collapse_whitespace (raw);
  g_autoptr(GString) text = NULL;
  gsize whole_length;
  gboolean was_cut;

  if (cut == PROSE_CLAUSE)
    remove_parentheticals (collapsed);
  whole_length = strlen (collapsed);
  if (cut == PROSE_CLAUSE)
    cut_at_clause (collapsed);
  truncate_at (collapsed, "[");
  cut_at_path (collapsed);
  was_cut = strlen (collapsed) < whole_length;
  text = g_string_new (collapsed);
  for (gsize i = 0; i < text->len;)
    if (text->str[i] == '`' || text->str[i] == '*' || text->str[i] == '\x01')
      g_string_erase (text, (gssize) i, 1);
    else
      i++;

  trim_punctuation (text);
  strip_wrapping_quotes (text);
  drop_unbalanced_parenthesis (text);
  trim_punctuation (text);
  was_cut |= shorten (text);
  drop_unbalanced_parenthesis (text);
  trim_punctuation (text);
  if (was_cut)
    drop_trailing_stop_words (text);

  if (!has_word_character (text->str) || is_all_stop_words (text->str))
    return NULL;

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static guint
count_words (const char *text,
             gsize       length)
{
  guint words = 0;
  gboolean in_word = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      gboolean space = g_ascii_isspace (text[i]);

      if (!space && !in_word)
        words++;
      in_word = !space;
    }

  return words;
}

/* Whether @text, less trailing colons and full stops, is a label. */
static gboolean
is_label_text (const char *text)
{
  g_autofree char *folded = g_utf8_strdown (text, -1);
  gsize length = strlen (folded);

  while (length > 0 && (folded[length - 1] == ':' || folded[length - 1] == '.'
                        || folded[length - 1] == ' '))
    length--;
  folded[length] = '\0';

  return word_in_list (folded, WORDS_LABEL);
}

/* "Step 2: Create a base image" gives "Create a base image", "1. Smaller"
 * gives "Smaller"; else @text itself. */
static const char *
skip_enumeration (const char *text)
{
  const char *p = text;
  const char *word_end = text;

  while (g_ascii_isalpha (*word_end))
    word_end++;
  if (word_end > p && *word_end == ' '
      && word_in_list_folded (p, (gsize) (word_end - p), WORDS_ENUMERATION))
    p = word_end + 1;

  if (!g_ascii_isdigit (*p))
    return text;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p != ':' && *p != '.' && *p != ')')
    return text;
  p++;
  while (*p == ' ')
    p++;

  return *p != '\0' ? p : text;
}

/* "Alternative: Socket Binding (DooD)" gives "Socket Binding (DooD)". */
static const char *
skip_label_prefix (const char *text)
{
  const char *colon = strstr (text, ": ");
  g_autofree char *prefix = NULL;

  if (colon == NULL)
    return text;
  prefix = g_strndup (text, (gsize) (colon - text));

  return is_label_text (prefix) ? colon + 2 : text;
}

/* The lead of a list item: the words before a colon, or its first clause. */
static char *
lead_phrase (const char *text)
{
  g_autofree char *plain = g_strdup (skip_label_prefix (text));
  const char *start = plain;
  const char *colon;
  g_autofree char *lead = NULL;

  remove_parentheticals (plain);
  colon = strchr (start, ':');

  if (colon != NULL && (colon[1] == ' ' || colon[1] == '\0')
      && count_words (start, (gsize) (colon - start)) <= MAX_LEAD_WORDS)
    lead = g_strndup (start, (gsize) (colon - start));
  else
    lead = g_strdup (start);

  return finish_prose (lead, PROSE_CLAUSE);
}

static gboolean
starts_with_word_in (const char *text,
                     WordList    list,
                     const char **after)
{
  const char *end = text;

  while (g_ascii_isalpha (*end))
    end++;
  if (end == text || *end != ' ' || !word_in_list_folded (text, (gsize) (end - text), list))
    return FALSE;

  *after = end + 1;
  return TRUE;
}

/* The main clause of a sentence, cut to a checklist line. */
static char *
sentence_phrase (const char *sentence)
{
  g_autofree char *plain = g_strdup (sentence);
  const char *start = plain;
  const char *after;
  const char *colon;
  g_autofree char *phrase = NULL;

  remove_parentheticals (plain);
  if (starts_with_word_in (start, WORDS_LEADING_CONJUNCTION, &after))
    start = after;
  if (starts_with_word_in (start, WORDS_SUBORDINATE_OPENER, &after))
    {
      const char *comma = strstr (after, ", ");

      if (comma != NULL && has_word_character (comma + 2))
        start = comma + 2;
    }

  /* "Location: ~/.docker" is labelled; "Run with Docker: …" introduces. */
  colon = strstr (start, ": ");
  if (colon != NULL && count_words (start, (gsize) (colon - start)) <= 2)
    phrase = g_strdup (colon + 2);
  else if (colon != NULL)
    phrase = g_strndup (start, (gsize) (colon - start));
  else
    phrase = g_strdup (start);

  return finish_prose (phrase, PROSE_CLAUSE);
}

/* Ends at '.', '!', '?' or ';' before a space or the end, except after an
 * abbreviation ("e.g.", "vs."). */
static gboolean
is_sentence_end (const char *text,
                 const char *p)
{
  const char *word = p;

  if (*p != '.' && *p != '!' && *p != '?' && *p != ';')
    return FALSE;
  if (p[1] != '\0' && p[1] != ' ')
    return FALSE;
  if (*p != '.')
    return TRUE;

  while (word > text && word[-1] != ' ' && word[-1] != '(')
    word--;

  return !word_in_list_folded (word, (gsize) (p - word), WORDS_ABBREVIATION);
}

/* Commands -------------------------------------------------------------- */

/* "docker", "docker-compose", "nvidia-smi", "aws". */
static gboolean
is_command_word (const char *word)
{
  if (!g_ascii_islower (word[0]) || word[1] == '\0')
    return FALSE;

  for (const char *p = word; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;

  return TRUE;
}

static gboolean
is_option (const char *word)
{
  const char *name = word[0] == '-' ? (word[1] == '-' ? word + 2 : word + 1) : NULL;

  return name != NULL && g_ascii_isalpha (*name);
}

/* "all", "30", "size=10G": an option's value worth keeping beside it. */
static gboolean
is_simple_value (const char *word)
{
  if (word[0] == '\0' || word[0] == '-' || word[0] == '.')
    return FALSE;

  for (const char *p = word; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '=' && *p != '.')
      return FALSE;

  return TRUE;
}

/* "create" for "create-repository". */
static gboolean
is_subcommand_verb (const char *word)
{
  const char *dash = strchr (word, '-');
  gsize length = dash != NULL ? (gsize) (dash - word) : strlen (word);

  return word_in_list_folded (word, length, WORDS_SUBCOMMAND_VERB);
}

static gboolean
is_segment_separator (const char *word)
{
  return g_str_equal (word, "&&") || g_str_equal (word, "||") || g_str_equal (word, "|")
         || g_str_equal (word, ";") || g_str_equal (word, "&");
}

/* The words of the first part of @code that runs a tool: "cd app &&
 * docker init" gives "docker init"; comments and builtins are skipped. */
static GPtrArray *
command_segment (const char *code)
{
  g_auto(GStrv) words = g_strsplit_set (code, " \t\n", -1);
  GPtrArray *segment = g_ptr_array_new ();
  gboolean skipping = FALSE;

  for (guint i = 0; words[i] != NULL; i++)
    {
      char *word = words[i];

      if (word[0] == '\0' || (segment->len == 0 && !skipping
                              && (g_str_equal (word, "sudo") || g_str_equal (word, "$"))))
        continue;
      if (word[0] == '#')
        break;
      if (is_segment_separator (word))
        {
          if (segment->len > 0 && !skipping)
            break;
          skipping = FALSE;
          g_ptr_array_set_size (segment, 0);
          continue;
        }
      if (skipping)
        continue;
      if (segment->len == 0 && word_in_list (word, WORDS_SHELL_BUILTIN))
        {
          skipping = TRUE;
          continue;
        }
      g_ptr_array_add (segment, word);
    }

  if (skipping)
    g_ptr_array_set_size (segment, 0);
  for (guint i = 0; i < segment->len; i++)
    segment->pdata[i] = g_strdup (segment->pdata[i]);
  g_ptr_array_set_free_func (segment, g_free);

  return segment;
}

/* How many words starting at @words[@index] one option takes (0: stop). */
static guint
option_span (GPtrArray *words,
             guint      index,
             gboolean   in_block)
{
  const char *option = g_ptr_array_index (words, index);
  const char *next = index + 1 < words->len ? g_ptr_array_index (words, index + 1) : NULL;
  const char *equals = strchr (option, '=');

  if (equals != NULL)
    return is_path_like (equals + 1) ? 0 : 1;
  if (next == NULL || is_option (next))
    return 1;
  /* In a script the value is usually a file or an image name. */
  if (!in_block && is_simple_value (next))
    return 2;

  return 0;
}

/* "docker buildx build" from "docker buildx build --platform linux/arm64
 * -t app .": the tool, its subcommands and the options that say how it is
 * used, or NULL when @code runs no tool with at least one argument. */
static char *
command_phrase (const char *code,
                gboolean    in_block)
{
  g_autoptr(GPtrArray) words = command_segment (code);
  g_autoptr(GString) phrase = NULL;
  guint plain = 1;
  guint options = 0;

  if (words->len < 2 || !is_command_word (g_ptr_array_index (words, 0)))
    return NULL;

  phrase = g_string_new (g_ptr_array_index (words, 0));
  for (guint i = 1; i < words->len;)
    {
      const char *word = g_ptr_array_index (words, i);
      guint span = 0;

      if (is_option (word) && options < MAX_COMMAND_OPTIONS)
        span = option_span (words, i, in_block);
      else if (!is_option (word) && options == 0 && is_command_word (word)
               && (plain == 1 || (plain == 2 && is_subcommand_verb (word))))
        span = 1;
      if (span == 0)
        break;

      options += is_option (word);
      plain += !is_option (word);
      for (guint j = i; j < i + span; j++)
        g_string_append_printf (phrase, " %s", (const char *) g_ptr_array_index (words, j));
      i += span;
    }

  if (plain + options < 2)
    return NULL;

  return g_string_free (g_steal_pointer (&phrase), FALSE);
}

/* A single term in code, "SIGTERM", ".dockerignore", "--rm"; not a path,
 * an address or a snippet. */
static char *
code_term (const char *code)
{
  g_autofree char *stripped = g_strstrip (g_strdup (code));
  g_autofree char *term = g_strdup (stripped + strspn (stripped, ":"));
  gsize length = strlen (term);

  while (length > 0 && (term[length - 1] == ':' || term[length - 1] == ','))
    term[--length] = '\0';

  if (length == 0 || length > MAX_TERM_LENGTH || strpbrk (term, " \t\n`*[") != NULL
      || is_path_like (term) || !has_word_character (term))
    return NULL;

  return g_steal_pointer (&term);
}

static gboolean
is_shell_info (const char *info)
{
  static const char * const shells[] = {
    "", "bash", "console", "sh", "shell", "shell-session", "terminal", "zsh",
  };
  g_autofree char *language = g_strstrip (g_strdup (info != NULL ? info : ""));
  char *space = strchr (language, ' ');

  if (space != NULL)
    *space = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (shells); i++)
    if (g_ascii_strcasecmp (language, shells[i]) == 0)
      return TRUE;

  return FALSE;
}

/* The tree ---------------------------------------------------------------- */

static gboolean
node_is (cmark_node      *node,
         cmark_node_type  type)
{
  return node != NULL && cmark_node_get_type (node) == type;
}

static gboolean
is_block (cmark_node *node)
{
  return (cmark_node_get_type (node) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK;
}

/* "<https://example.com>", "www.example.com": the text is the address. */
static gboolean
is_autolink (cmark_node *link)
{
  cmark_node *child = cmark_node_first_child (link);
  const char *url = cmark_node_get_url (link);
  const char *literal;

  if (child == NULL || !node_is (child, CMARK_NODE_TEXT) || cmark_node_next (child) != NULL)
    return FALSE;
  literal = cmark_node_get_literal (child);

  return url != NULL && literal != NULL
         && (g_str_equal (url, literal) || strstr (literal, "://") != NULL
             || (g_str_has_suffix (url, literal) && strpbrk (literal, ".@") != NULL));
}

static gboolean
is_command_code (cmark_node *code)
{
  g_autofree char *literal = g_strdup (cmark_node_get_literal (code));

  return literal != NULL && strpbrk (g_strstrip (literal), " \t") != NULL;
}

/* Appends the words a reader sees in @node's subtree, whitespace collapsed:
 * link text but not addresses, no images or HTML. With @mark_commands, code
 * of several words becomes CODE_MARK. Where bold and code start is noted in
 * @offsets, when given. */
static void
append_inline_text (GString    *text,
                    cmark_node *node,
                    gboolean    mark_commands,
                    GHashTable *offsets)
{
  cmark_iter *iter = cmark_iter_new (node);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *current = cmark_iter_get_node (iter);
      const char *literal = cmark_node_get_literal (current);
      int type = cmark_node_get_type (current);

      if (event != CMARK_EVENT_ENTER)
        continue;
      if (offsets != NULL && (type == CMARK_NODE_STRONG || type == CMARK_NODE_CODE))
        g_hash_table_insert (offsets, current, GSIZE_TO_POINTER (text->len + 1));

      if (type == CMARK_NODE_TEXT)
        append_collapsed (text, literal != NULL ? literal : "");
      else if (type == CMARK_NODE_CODE && mark_commands && is_command_code (current))
        append_collapsed (text, CODE_MARK);
      else if (type == CMARK_NODE_CODE)
        append_collapsed (text, literal != NULL ? literal : "");
      else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK)
        append_collapsed (text, " ");
      else if (type == CMARK_NODE_IMAGE || type == CMARK_NODE_HTML_INLINE
               || (type == CMARK_NODE_LINK && is_autolink (current)))
        cmark_iter_reset (iter, current, CMARK_EVENT_EXIT);
    }
  cmark_iter_free (iter);
}

static char *
node_text (cmark_node *node)
{
  GString *text = g_string_new (NULL);

  append_inline_text (text, node, FALSE, NULL);
  return finish_collapsed (text);
}

static gboolean
next_text_starts_with_colon (cmark_node *node)
{
  cmark_node *next = cmark_node_next (node);
  const char *literal = node_is (next, CMARK_NODE_TEXT) ? cmark_node_get_literal (next) : NULL;

  return literal != NULL && literal[0] == ':';
}

/* Nothing but a colon follows @node in its paragraph. */
static gboolean
ends_paragraph (cmark_node *node)
{
  cmark_node *next = cmark_node_next (node);
  const char *literal;

  if (next == NULL)
    return TRUE;
  if (!node_is (next, CMARK_NODE_TEXT) || cmark_node_next (next) != NULL)
    return FALSE;
  literal = cmark_node_get_literal (next);

  return literal != NULL && strspn (literal, ": ") == strlen (literal);
}

/* "**Challenges**:" alone on its line right before a list names the list. */
static gboolean
heads_a_list (cmark_node *node)
{
  cmark_node *paragraph = cmark_node_parent (node);

  return node_is (paragraph, CMARK_NODE_PARAGRAPH) && ends_paragraph (node)
         && node_is (cmark_node_next (paragraph), CMARK_NODE_LIST);
}

/* "**Fix:**", "*Warning:*", "**Solutions**:" before a list: bold or italic
 * words that announce a part of the answer. */
static gboolean
is_label (cmark_node *node)
{
  g_autofree char *text = NULL;
  gboolean colon;

  if (!node_is (node, CMARK_NODE_STRONG) && !node_is (node, CMARK_NODE_EMPH))
    return FALSE;

  text = node_text (node);
  if (is_label_text (text))
    return TRUE;

  colon = g_str_has_suffix (text, ":") || next_text_starts_with_colon (node);
  if (!colon)
    return FALSE;

  return node_is (node, CMARK_NODE_EMPH) || heads_a_list (node);
}

/* The text of @first and the inlines after it, labels left out. */
static char *
inline_run_text (cmark_node *first,
                 gboolean    mark_commands,
                 GHashTable *offsets)
{
  GString *text = g_string_new (NULL);
  gboolean after_label = FALSE;

  for (cmark_node *child = first; child != NULL; child = cmark_node_next (child))
    {
      if (is_label (child))
        {
          after_label = TRUE;
          continue;
        }
      if (after_label && node_is (child, CMARK_NODE_TEXT))
        {
          const char *literal = cmark_node_get_literal (child);

          append_collapsed (text, literal + strspn (literal, ": "));
        }
      else
        {
          append_inline_text (text, child, mark_commands, offsets);
        }
      after_label = FALSE;
    }

  return finish_collapsed (text);
}

/* The first inline of an item's first paragraph, or an inline that starts
 * a paragraph and is followed by a colon: "`docker save`: saves …". */
static gboolean
is_lead_position (cmark_node *node)
{
  cmark_node *paragraph = cmark_node_parent (node);
  cmark_node *container;

  if (!node_is (paragraph, CMARK_NODE_PARAGRAPH) || cmark_node_previous (node) != NULL)
    return FALSE;

  container = cmark_node_parent (paragraph);
  if (node_is (container, CMARK_NODE_ITEM) && cmark_node_previous (paragraph) == NULL)
    return TRUE;

  return next_text_starts_with_colon (node);
}

/* Extraction -------------------------------------------------------------- */

static void
candidate_free (gpointer data)
{
  Candidate *candidate = data;

  g_free (candidate->text);
  g_free (candidate->key);
  g_free (candidate);
}

/* Folded words joined by single spaces and framed by spaces, so that one
 * key contains another only word for word. */
static char *
comparison_key (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GString *key = g_string_new (" ");

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar character = g_utf8_get_char (p);

      if (is_word_character (character))
        g_string_append_unichar (key, character);
      else if (key->str[key->len - 1] != ' ' && character != '\'' && character != 0x2019)
        g_string_append_c (key, ' ');
    }
  if (key->str[key->len - 1] != ' ')
    g_string_append_c (key, ' ');

  return g_string_free (key, FALSE);
}

static Candidate *
find_by_key (GPtrArray  *candidates,
             const char *key)
{
  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *candidate = g_ptr_array_index (candidates, i);

      if (g_str_equal (candidate->key, key))
        return candidate;
    }

  return NULL;
}

/* Takes @text (may be NULL). A repeat keeps its first place and the higher
 * tier. */
static void
add_candidate (GPtrArray *list,
               char      *text,
               PointTier  tier,
               guint64    position)
{
  g_autofree char *owned = text;
  g_autofree char *key = NULL;
  Candidate *candidate;

  if (owned == NULL)
    return;
  key = comparison_key (owned);
  if (g_str_equal (key, " "))
    return;

  candidate = find_by_key (list, key);
  if (candidate != NULL)
    {
      candidate->tier = MAX (candidate->tier, tier);
      return;
    }

  candidate = g_new0 (Candidate, 1);
  candidate->text = g_steal_pointer (&owned);
  candidate->key = g_steal_pointer (&key);
  candidate->tier = tier;
  candidate->position = position;
  g_ptr_array_add (list, candidate);
}

/* Where @node is: its block, and its offset in the block's text. */
static guint64
position_of (Extraction *extraction,
             cmark_node *node)
{
  gsize offset = GPOINTER_TO_SIZE (g_hash_table_lookup (extraction->offsets, node));

  return POSITION (extraction->block, offset > 0 ? offset - 1 : 0);
}

/* The words after @strong up to the end of its line, for a lead that says
 * nothing alone: "**Don't** run a long-lived container just for cron". */
static char *
continuation_text (cmark_node *strong)
{
  GString *text = g_string_new (NULL);

  for (cmark_node *next = cmark_node_next (strong); next != NULL; next = cmark_node_next (next))
    {
      if (node_is (next, CMARK_NODE_SOFTBREAK) || node_is (next, CMARK_NODE_LINEBREAK))
        break;
      append_inline_text (text, next, TRUE, NULL);
    }
  remove_parentheticals (text->str);
  cut_at_clause (text->str);
  text->len = strlen (text->str);

  return finish_collapsed (text);
}

static gboolean
is_all_stop_words_in (const char *text,
                      gsize       length)
{
  g_autofree char *copy = g_strndup (text, length);

  return is_all_stop_words (copy);
}

/* The bold words, less a step number; with the words after them when
 * alone they say nothing ("**Don't** run …", "**Step 1: Analyze** the
 * app's dependencies"), or with the colon's other side when they are a
 * letter ("**A:** Added"). */
static char *
strong_point (cmark_node *strong)
{
  g_autofree char *text = node_text (strong);
  g_autofree char *continuation = continuation_text (strong);
  const char *term = skip_enumeration (text);
  const char *rest = continuation + strspn (continuation, ": ");
  gsize length = strlen (term);
  gboolean colon = continuation[0] == ':';
  g_autofree char *point = NULL;

  while (length > 0 && (term[length - 1] == ':' || term[length - 1] == '.'))
    colon |= term[--length] == ':';

  if (length < 3 && colon && rest[0] != '\0' && is_lead_position (strong))
    point = g_strdup_printf ("%.*s: %s", (int) length, term, rest);
  else if (!colon && rest[0] != '\0'
           && ((term != text && count_words (term, length) == 1)
               || is_all_stop_words_in (term, length)))
    point = g_strdup_printf ("%.*s %s", (int) length, term, rest);
  else if (length >= 2)
    point = g_strndup (term, length);

  return point != NULL ? finish_prose (point, PROSE_WHOLE) : NULL;
}

static void
add_strong (Extraction *extraction,
            cmark_node *strong)
{
  if (is_label (strong))
    return;

  add_candidate (extraction->candidates, strong_point (strong), TIER_EMPHASIS,
                 position_of (extraction, strong));
}

static void
add_inline_code (Extraction *extraction,
                 cmark_node *code)
{
  const char *literal = cmark_node_get_literal (code);
  gboolean lead = is_lead_position (code);
  guint64 position = position_of (extraction, code);
  char *command;

  if (literal == NULL)
    return;

  command = command_phrase (literal, FALSE);
  if (command != NULL)
    add_candidate (extraction->candidates, command, lead ? TIER_EMPHASIS : TIER_COMMAND,
                   position);
  else
    add_candidate (extraction->candidates, code_term (literal),
                   lead ? TIER_EMPHASIS : TIER_TERM, position);
}

/* Items that open with bold or code are led by it; those are added when
 * the walk reaches them. */
static void
add_item_lead (Extraction *extraction,
               cmark_node *item)
{
  cmark_node *paragraph = cmark_node_first_child (item);
  cmark_node *first = node_is (paragraph, CMARK_NODE_PARAGRAPH)
                      ? cmark_node_first_child (paragraph) : NULL;
  g_autofree char *text = NULL;

  if (first == NULL || node_is (first, CMARK_NODE_CODE)
      || (node_is (first, CMARK_NODE_STRONG) && !is_label (first)))
    return;

  text = inline_run_text (first, TRUE, NULL);
  add_candidate (extraction->candidates, lead_phrase (text), TIER_EMPHASIS,
                 POSITION (extraction->block, 0));
}

static void
add_block_commands (Extraction *extraction,
                    cmark_node *code_block)
{
  const char *literal = cmark_node_get_literal (code_block);
  g_auto(GStrv) lines = NULL;
  gboolean continued = FALSE;

  if (literal == NULL || !is_shell_info (cmark_node_get_fence_info (code_block)))
    return;

  lines = g_strsplit (literal, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[i]));

      /* The rest of a command split with a backslash. */
      if (!continued)
        add_candidate (extraction->candidates, command_phrase (line, TRUE), TIER_DETAIL,
                       POSITION (extraction->block, i));
      continued = g_str_has_suffix (line, "\\");
    }
}

/* A table's first column names its rows: "| `docker save` | … |". */
static void
add_row_lead (Extraction *extraction,
              cmark_node *cell)
{
  g_autofree char *text = inline_run_text (cmark_node_first_child (cell), TRUE, NULL);

  add_candidate (extraction->candidates, lead_phrase (text), TIER_DETAIL,
                 POSITION (extraction->block, 0));
}

/* A sentence stands in for emphasis only when it says something: "Use"
 * before a command, "You see" before a log line do not. */
static void
add_sentence (Extraction *extraction,
              const char *sentence,
              gsize       offset)
{
  g_autofree char *phrase = sentence_phrase (sentence);

  if (phrase == NULL || count_significant_words (phrase) < 2)
    return;

  add_candidate (extraction->sentences, g_steal_pointer (&phrase), TIER_EMPHASIS,
                 POSITION (extraction->block, offset));
}

/* Notes where each bold and code inline of @paragraph starts, for reading
 * order; keeps the sentences of a paragraph of the answer's own text. */
static void
read_paragraph (Extraction *extraction,
                cmark_node *paragraph)
{
  cmark_node *parent = cmark_node_parent (paragraph);
  g_autofree char *text = inline_run_text (cmark_node_first_child (paragraph), TRUE,
                                           extraction->offsets);
  const char *start = text;

  if (!node_is (parent, CMARK_NODE_DOCUMENT) && !node_is (parent, CMARK_NODE_BLOCK_QUOTE))
    return;

  for (const char *p = text; *p != '\0'; p++)
    if (is_sentence_end (text, p))
      {
        g_autofree char *sentence = g_strndup (start, (gsize) (p - start));

        add_sentence (extraction, sentence, (gsize) (start - text));
        start = p[1] != '\0' ? p + 2 : p + 1;
      }
  if (*start != '\0')
    add_sentence (extraction, start, (gsize) (start - text));
}

static gboolean
is_header_row (cmark_node *row)
{
  return cmark_gfm_extensions_get_table_row_is_header (row)
         || cmark_node_previous (row) == NULL;
}

/* Adds what @node contributes; TRUE when its subtree is done with. */
static gboolean
visit_node (Extraction *extraction,
            cmark_node *node)
{
  if (is_block (node))
    extraction->block++;

  switch ((int) cmark_node_get_type (node))
    {
    case CMARK_NODE_HEADING:
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_HTML_INLINE:
    case CMARK_NODE_IMAGE:
      return TRUE;
    case CMARK_NODE_PARAGRAPH:
      read_paragraph (extraction, node);
      return FALSE;
    case CMARK_NODE_ITEM:
      add_item_lead (extraction, node);
      return FALSE;
    case CMARK_NODE_CODE_BLOCK:
      add_block_commands (extraction, node);
      return FALSE;
    case CMARK_NODE_STRONG:
      add_strong (extraction, node);
      return TRUE;
    case CMARK_NODE_CODE:
      add_inline_code (extraction, node);
      return FALSE;
    default:
      break;
    }

  if (rehearse_cmark_node_is_extension (node, "table_row"))
    return is_header_row (node);
  if (rehearse_cmark_node_is_extension (node, "table_cell")
      && cmark_node_previous (node) == NULL)
    {
      add_row_lead (extraction, node);
      return TRUE;
    }

  return FALSE;
}

static void
walk_markdown (Extraction *extraction,
               const char *markdown)
{
  g_autoptr(cmark_node) document = rehearse_cmark_parse (markdown, strlen (markdown));
  cmark_iter *iter = cmark_iter_new (document);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      if (event == CMARK_EVENT_ENTER && visit_node (extraction, node))
        cmark_iter_reset (iter, node, CMARK_EVENT_EXIT);
    }
  cmark_iter_free (iter);
  g_hash_table_remove_all (extraction->offsets);
}

static gboolean
key_contains (const char *outer,
              const char *inner)
{
  return strlen (outer) > strlen (inner) && strstr (outer, inner) != NULL;
}

/* Contained in a point of at least its tier: "docker run" beside "docker
 * run --rm", "SIGKILL" beside "Send SIGKILL". */
static gboolean
is_covered_by_other (GPtrArray *candidates,
                     Candidate *candidate)
{
  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *other = g_ptr_array_index (candidates, i);

      if (other != candidate && other->tier >= candidate->tier
          && key_contains (other->key, candidate->key))
        return TRUE;
    }

  return FALSE;
}

static void
remove_contained (GPtrArray *candidates)
{
  for (guint i = candidates->len; i-- > 0;)
    if (is_covered_by_other (candidates, g_ptr_array_index (candidates, i)))
      g_ptr_array_remove_index (candidates, i);
}

static guint
count_tier (GPtrArray *candidates,
            int        tier)
{
  guint count = 0;

  for (guint i = 0; i < candidates->len; i++)
    count += (int) ((Candidate *) g_ptr_array_index (candidates, i))->tier == tier;

  return count;
}

/* Neither the same as a point in @candidates nor part of one. */
static gboolean
is_new_point (GPtrArray *candidates,
              Candidate *candidate)
{
  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *other = g_ptr_array_index (candidates, i);

      if (g_str_equal (other->key, candidate->key) || key_contains (other->key, candidate->key))
        return FALSE;
    }

  return TRUE;
}

/* A sentence that says "Docker containers usually lack systemd" replaces
 * the term "systemd". */
static void
add_sentence_point (GPtrArray *candidates,
                    Candidate *sentence)
{
  for (guint i = candidates->len; i-- > 0;)
    if (key_contains (sentence->key, ((Candidate *) g_ptr_array_index (candidates, i))->key))
      g_ptr_array_remove_index (candidates, i);

  g_ptr_array_add (candidates, sentence);
}

/* The first sentence when nothing stands out (and more, up to three points);
 * else sentences only while there are fewer than two points. */
static void
add_needed_sentences (Extraction *extraction)
{
  gboolean nothing_stands_out = count_tier (extraction->candidates, TIER_EMPHASIS) == 0;
  guint wanted = nothing_stands_out ? MAX_SENTENCE_POINTS : MIN_POINTS;
  guint added = 0;

  for (guint i = 0; i < extraction->sentences->len && added < MAX_SENTENCE_POINTS; i++)
    {
      Candidate *sentence = g_ptr_array_index (extraction->sentences, i);

      if (extraction->candidates->len >= wanted && !(nothing_stands_out && added == 0))
        break;
      if (!is_new_point (extraction->candidates, sentence))
        continue;
      add_sentence_point (extraction->candidates,
                          g_ptr_array_steal_index (extraction->sentences, i--));
      added++;
    }
}

static gint
compare_position (gconstpointer a,
                  gconstpointer b)
{
  const Candidate *first = *(const Candidate * const *) a;
  const Candidate *second = *(const Candidate * const *) b;

  return first->position < second->position ? -1 : first->position > second->position;
}

/* Adds the points of @markdown to those of @extraction, after them. */
static void
extract_from (Extraction *extraction,
              const char *markdown)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (candidate_free);
  g_autoptr(GPtrArray) sentences = g_ptr_array_new_with_free_func (candidate_free);
  GPtrArray *earlier = extraction->candidates;

  extraction->candidates = candidates;
  extraction->sentences = sentences;
  walk_markdown (extraction, markdown);
  remove_contained (candidates);
  add_needed_sentences (extraction);
  g_ptr_array_sort (candidates, compare_position);

  for (guint i = 0; i < candidates->len; i++)
    if (is_new_point (earlier, g_ptr_array_index (candidates, i)))
      g_ptr_array_add (earlier, g_ptr_array_steal_index (candidates, i--));
  extraction->candidates = earlier;
  extraction->sentences = NULL;
}

/* The best MAX_POINTS: tier by tier, and within the tier that does not fit
 * whole, points spread evenly over the answer. */
static void
choose_points (GPtrArray *candidates,
               gboolean  *chosen)
{
  guint count = 0;

  for (int tier = TIER_EMPHASIS; tier >= TIER_TERM && count < MAX_POINTS; tier--)
    {
      guint in_tier = count_tier (candidates, tier);
      guint room = MAX_POINTS - count;
      guint seen = 0;
      guint picked = 0;

      for (guint i = 0; i < candidates->len && picked < MIN (room, in_tier); i++)
        {
          if ((int) ((Candidate *) g_ptr_array_index (candidates, i))->tier != tier)
            continue;
          if (in_tier <= room || seen == (2 * picked + 1) * in_tier / (2 * room))
            {
              chosen[i] = TRUE;
              picked++;
            }
          seen++;
        }
      count += picked;
    }
}

GPtrArray *
rehearse_key_points_extract (const char *answer_markdown,
                             const char *in_depth_markdown)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (candidate_free);
  g_autoptr(GHashTable) offsets = g_hash_table_new (NULL, NULL);
  Extraction extraction = { candidates, NULL, offsets, 0 };
  GPtrArray *points = g_ptr_array_new_with_free_func (g_free);
  g_autofree gboolean *chosen = NULL;

  if (answer_markdown != NULL)
    extract_from (&extraction, answer_markdown);
  if (candidates->len < MIN_POINTS && in_depth_markdown != NULL)
    extract_from (&extraction, in_depth_markdown);

  chosen = g_new0 (gboolean, candidates->len + 1);
  choose_points (candidates, chosen);
  for (guint i = 0; i < candidates->len; i++)
    if (chosen[i])
      g_ptr_array_add (points, g_strdup (((Candidate *) g_ptr_array_index (candidates, i))->text));

  return points;
}

/* Matching ---------------------------------------------------------------- */

typedef struct
{
  char  *stem;
  glong  length;   /* in characters */
} TypedWord;

typedef struct
{
  GArray     *words;   /* of TypedWord */
  GHashTable *stems;   /* the same stems, for exact look-ups */
} TypedText;

static gboolean
is_connector (gunichar character)
{
  return character == '-' || character == '_' || character == '.';
}

/* Casefolded, without accents, valid UTF-8. */
static char *
fold_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *folded = g_utf8_casefold (valid, -1);
  g_autofree char *decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
  GString *out = g_string_sized_new (strlen (decomposed));

  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar character = g_utf8_get_char (p);

      if (!g_unichar_ismark (character))
        g_string_append_unichar (out, character);
    }

  return g_string_free (out, FALSE);
}

/* Words of folded text: letters and digits joined by '-', '_', '.', with
 * '+' and '#' kept for "c++" and "c#", apostrophes dropped ("don't" is
 * "dont"). */
static GPtrArray *
split_tokens (const char *folded)
{
  GPtrArray *tokens = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) token = g_string_new (NULL);

  for (const char *p = folded;; p = g_utf8_next_char (p))
    {
      gunichar character = g_utf8_get_char (p);

      if (character != '\0' && (g_unichar_isalnum (character) || is_connector (character)
                                || character == '+' || character == '#'))
        {
          g_string_append_unichar (token, character);
          continue;
        }
      if (character == '\'' || character == 0x2019)
        continue;

      while (token->len > 0 && is_connector ((guchar) token->str[token->len - 1]))
        g_string_truncate (token, token->len - 1);
      while (token->len > 0 && (is_connector ((guchar) token->str[0]) || token->str[0] == '+'
                                || token->str[0] == '#'))
        g_string_erase (token, 0, 1);
      if (token->len > 0)
        g_ptr_array_add (tokens, g_strdup (token->str));
      g_string_truncate (token, 0);

      if (character == '\0')
        break;
    }

  return tokens;
}

static gboolean
ends_with (const char *word,
           gsize       length,
           const char *suffix)
{
  gsize suffix_length = strlen (suffix);

  return length >= suffix_length && memcmp (word + length - suffix_length, suffix,
                                            suffix_length) == 0;
}

/* "stopp" is "stop"; "install" and "add" keep their double letters. */
static gsize
undouble (const char *word,
          gsize       length)
{
  char last = word[length - 1];

  if (length > 3 && last == word[length - 2] && last != 'l' && last != 's' && last != 'z'
      && strchr ("aeiou", last) == NULL)
    return length - 1;

  return length;
}

/* A light English stemmer: enough that "images", "image" and "imaging", or
 * "policies" and "policy", meet. */
static char *
stem_word (const char *word)
{
  gsize length = strlen (word);
  char *stem;

  if (length > 4 && (ends_with (word, length, "ies") || ends_with (word, length, "ied")))
    return g_strdup_printf ("%.*sy", (int) (length - 3), word);

  if (length > 4 && ends_with (word, length, "sses"))
    length -= 2;
  else if (length > 3 && (ends_with (word, length, "xes") || ends_with (word, length, "zes")
                          || ends_with (word, length, "ches")
                          || ends_with (word, length, "shes")))
    length -= 2;
  else if (length > 3 && word[length - 1] == 's' && !ends_with (word, length, "ss")
           && !ends_with (word, length, "us") && !ends_with (word, length, "is"))
    length -= 1;
  else if (length > 5 && ends_with (word, length, "ing"))
    length = undouble (word, length - 3);
  else if (length > 4 && ends_with (word, length, "ed"))
    length = undouble (word, length - 2);

  if (length > 3 && word[length - 1] == 'e')
    length--;

  stem = g_strndup (word, length);
  return stem;
}

static char *
squash (const char *token)
{
  GString *out = g_string_sized_new (strlen (token));

  for (const char *p = token; *p != '\0'; p++)
    if (!is_connector ((guchar) *p))
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}

static char *
token_stem (const char *token)
{
  g_autofree char *squashed = squash (token);

  return stem_word (squashed);
}

static void
typed_text_add (TypedText  *typed,
                const char *token)
{
  TypedWord word;

  word.stem = token_stem (token);
  if (word.stem[0] == '\0' || g_hash_table_contains (typed->stems, word.stem))
    {
      g_free (word.stem);
      return;
    }
  word.length = g_utf8_strlen (word.stem, -1);
  g_array_append_val (typed->words, word);
  g_hash_table_add (typed->stems, word.stem);
}

static void
typed_word_clear (gpointer data)
{
  g_free (((TypedWord *) data)->stem);
}

static void
typed_text_clear (TypedText *typed)
{
  g_clear_pointer (&typed->stems, g_hash_table_unref);
  g_clear_pointer (&typed->words, g_array_unref);
}

/* Each word, each part of a joined word ("long-lived"), and each pair of
 * neighbours run together ("no cache" for "no-cache"). */
static void
typed_text_init (TypedText  *typed,
                 const char *text)
{
  g_autofree char *folded = fold_text (text);
  g_autoptr(GPtrArray) tokens = split_tokens (folded);

  typed->words = g_array_new (FALSE, FALSE, sizeof (TypedWord));
  g_array_set_clear_func (typed->words, typed_word_clear);
  typed->stems = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < tokens->len; i++)
    {
      const char *token = g_ptr_array_index (tokens, i);

      typed_text_add (typed, token);
      if (strpbrk (token, "-_.") != NULL)
        {
          g_auto(GStrv) parts = g_strsplit_set (token, "-_.", -1);

          for (guint j = 0; parts[j] != NULL; j++)
            typed_text_add (typed, parts[j]);
        }
      if (i + 1 < tokens->len)
        {
          g_autofree char *pair = g_strconcat (token, g_ptr_array_index (tokens, i + 1), NULL);

          typed_text_add (typed, pair);
        }
    }
}

/* Optimal string alignment distance (a swap of neighbours is one typo),
 * or @bound + 1 as soon as it must exceed @bound. */
static guint
bounded_distance (const gunichar *a,
                  glong           a_length,
                  const gunichar *b,
                  glong           b_length,
                  guint           bound)
{
  guint rows[3][MAX_FUZZY_LENGTH + 1];
  guint *before = rows[0], *previous = rows[1], *current = rows[2];

  for (glong j = 0; j <= b_length; j++)
    previous[j] = (guint) j;

  for (glong i = 1; i <= a_length; i++)
    {
      guint row_minimum;

      current[0] = (guint) i;
      row_minimum = current[0];
      for (glong j = 1; j <= b_length; j++)
        {
          guint cost = a[i - 1] == b[j - 1] ? 0 : 1;
          guint best = MIN (MIN (previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);

          if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
            best = MIN (best, before[j - 2] + 1);
          current[j] = best;
          row_minimum = MIN (row_minimum, best);
        }
      if (row_minimum > bound)
        return bound + 1;

      {
        guint *recycled = before;

        before = previous;
        previous = current;
        current = recycled;
      }
    }

  return previous[b_length];
}

/* One typo in 5–8 letters, two from 9; none in short words or numbers,
 * where one letter makes another word. */
static guint
typo_allowance (const char *stem,
                glong       length)
{
  if (strpbrk (stem, "0123456789") != NULL || length > MAX_FUZZY_LENGTH)
    return 0;

  return length >= 9 ? 2 : length >= 5 ? 1 : 0;
}

static gboolean
typed_has_near (TypedText  *typed,
                const char *stem)
{
  glong length = g_utf8_strlen (stem, -1);
  guint allowance = typo_allowance (stem, length);
  g_autofree gunichar *chars = NULL;

  if (allowance == 0)
    return FALSE;

  chars = g_utf8_to_ucs4_fast (stem, -1, NULL);
  for (guint i = 0; i < typed->words->len; i++)
    {
      TypedWord *word = &g_array_index (typed->words, TypedWord, i);
      g_autofree gunichar *word_chars = NULL;

      if (ABS (word->length - length) > (glong) allowance || word->length > MAX_FUZZY_LENGTH
          || typo_allowance (word->stem, word->length) == 0)
        continue;
      word_chars = g_utf8_to_ucs4_fast (word->stem, -1, NULL);
      if (bounded_distance (chars, length, word_chars, word->length, allowance) <= allowance)
        return TRUE;
    }

  return FALSE;
}

static gboolean
typed_has_all_parts (TypedText  *typed,
                     const char *token)
{
  g_auto(GStrv) parts = g_strsplit_set (token, "-_.", -1);
  guint found = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *stem = token_stem (parts[i]);

      if (stem[0] != '\0' && !g_hash_table_contains (typed->stems, stem))
        return FALSE;
      found += stem[0] != '\0';
    }

  return found > 1;
}

static gboolean
typed_has_token (TypedText  *typed,
                 const char *token)
{
  g_autofree char *stem = token_stem (token);

  if (stem[0] == '\0')
    return FALSE;
  if (g_hash_table_contains (typed->stems, stem))
    return TRUE;
  if (strpbrk (token, "-_.") != NULL && typed_has_all_parts (typed, token))
    return TRUE;

  return typed_has_near (typed, stem);
}

static gboolean
is_stop_token (const char *token)
{
  g_autofree char *squashed = squash (token);

  return word_in_list (token, WORDS_STOP) || word_in_list (squashed, WORDS_STOP);
}

gboolean
rehearse_key_point_covered (const char *key_point,
                            const char *typed_answer)
{
  g_autofree char *folded = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GPtrArray) significant = g_ptr_array_new ();
  TypedText typed = { NULL, NULL };
  guint found = 0;

  if (key_point == NULL || typed_answer == NULL)
    return FALSE;

  folded = fold_text (key_point);
  tokens = split_tokens (folded);
  for (guint i = 0; i < tokens->len; i++)
    if (!is_stop_token (g_ptr_array_index (tokens, i)))
      g_ptr_array_add (significant, g_ptr_array_index (tokens, i));
  /* A point of stop words alone ("Not") is all significant. */
  if (significant->len == 0)
    for (guint i = 0; i < tokens->len; i++)
      g_ptr_array_add (significant, g_ptr_array_index (tokens, i));
  if (significant->len == 0)
    return FALSE;

  typed_text_init (&typed, typed_answer);
  for (guint i = 0; i < significant->len; i++)
    found += typed_has_token (&typed, g_ptr_array_index (significant, i));
  typed_text_clear (&typed);

  /* All of one or two words; two thirds of more. */
  if (significant->len <= 2)
    return found == significant->len;

  return 3 * found >= 2 * significant->len;
}
