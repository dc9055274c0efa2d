/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rehearse-html-inline.h"

#include <glib/gi18n.h>
#include <string.h>

/* Tags open at once in one label: deeper ones are dropped, their text kept
 * (the renderer's limit for Markdown emphasis is the same). */
#define MAX_OPEN_TAGS 32
/* "&hellip;" is the longest entity name worth knowing here. */
#define MAX_ENTITY_LENGTH 10

#define CODE_OPEN "<tt><span bgcolor=\"#8080802e\">"
#define CODE_CLOSE "</span></tt>"

/* The reader */

void
rehearse_html_reader_init (RehearseHtmlReader *reader,
                           const char         *text,
                           gsize               length)
{
  memset (reader, 0, sizeof *reader);
  reader->position = text;
  reader->end = text + length;
}

/* memchr, remembering a failure: the reader only moves forward, so a
 * character missing after one position is missing after every later one. */
static const char *
find_char (const char  *from,
           const char  *end,
           char         c,
           const char **none_after)
{
  const char *found;

  if (*none_after != NULL && from >= *none_after)
    return NULL;
  found = memchr (from, c, (gsize) (end - from));
  if (found == NULL)
    *none_after = from;
  return found;
}

static const char *
find_comment_end (RehearseHtmlReader *reader,
                  const char         *from)
{
  const char *found;

  if (reader->no_comment_end_after != NULL && from >= reader->no_comment_end_after)
    return NULL;
  found = from;
  while ((found = memchr (found, '-', (gsize) (reader->end - found))) != NULL
         && !(reader->end - found >= 3 && found[1] == '-' && found[2] == '>'))
    found++;
  if (found == NULL)
    reader->no_comment_end_after = from;
  return found != NULL ? found + 3 : NULL;
}

/* "<!-- … -->", "<!DOCTYPE …>", "<?…?>": never shown. */
static gboolean
read_comment (RehearseHtmlReader *reader,
              const char         *start,
              RehearseHtmlToken  *token)
{
  const char *end;

  if (reader->end - start >= 4 && memcmp (start, "<!--", 4) == 0)
    end = find_comment_end (reader, start + 4);
  else
    {
      end = find_char (start + 2, reader->end, '>', &reader->no_tag_end_after);
      end = end != NULL ? end + 1 : NULL;
    }
  if (end == NULL)
    return FALSE;

  token->type = REHEARSE_HTML_COMMENT;
  token->length = (gsize) (end - start);
  return TRUE;
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == ':';
}

/* Past the tag's name: attributes up to '>'. A '<' outside quotes ends the
 * attempt, so no stretch of text is read by more than one attempt (plus
 * quoted values, which are found with memchr and remembered failures). */
static const char *
find_tag_end (RehearseHtmlReader *reader,
              const char         *from)
{
  const char *p = from;

  while (p < reader->end)
    {
      if (*p == '>')
        return p;
      if (*p == '<')
        return NULL;
      if (*p == '"' || *p == '\'')
        {
          const char **none_after = *p == '"' ? &reader->no_double_quote_after
                                              : &reader->no_single_quote_after;

          p = find_char (p + 1, reader->end, *p, none_after);
          if (p == NULL)
            return NULL;
        }
      p++;
    }
  return NULL;
}

static gboolean
read_tag (RehearseHtmlReader *reader,
          const char         *start,
          RehearseHtmlToken  *token)
{
  const char *name = start + 1;
  const char *name_end;
  const char *end;
  gsize name_length;

  token->type = REHEARSE_HTML_START_TAG;
  if (name < reader->end && *name == '/')
    {
      token->type = REHEARSE_HTML_END_TAG;
      name++;
    }
  if (name >= reader->end || !g_ascii_isalpha (*name))
    return FALSE;

  name_end = name;
  while (name_end < reader->end && is_name_char (*name_end))
    name_end++;
  if (name_end < reader->end && !g_ascii_isspace (*name_end) && *name_end != '/'
      && *name_end != '>')
    return FALSE;

  end = find_tag_end (reader, name_end);
  if (end == NULL)
    return FALSE;

  name_length = MIN ((gsize) (name_end - name), REHEARSE_HTML_NAME_SIZE - 1);
  for (gsize i = 0; i < name_length; i++)
    token->name[i] = g_ascii_tolower (name[i]);
  token->name[name_length] = '\0';
  token->attributes = name_end;
  token->attributes_length = (gsize) (end - name_end);
  token->length = (gsize) (end + 1 - start);
  return TRUE;
}

static gboolean
read_markup (RehearseHtmlReader *reader,
             const char         *start,
             RehearseHtmlToken  *token)
{
  memset (token, 0, sizeof *token);
  token->start = start;
  if (reader->end - start >= 2 && (start[1] == '!' || start[1] == '?'))
    return read_comment (reader, start, token);
  return read_tag (reader, start, token);
}

/* Text runs to the next '<'; one that starts no tag is text of the next
 * token, so the caller may get a text in pieces. */
gboolean
rehearse_html_reader_next (RehearseHtmlReader *reader,
                           RehearseHtmlToken  *token)
{
  const char *start = reader->position;
  const char *next;

  if (start >= reader->end)
    return FALSE;

  if (*start == '<' && read_markup (reader, start, token))
    {
      reader->position = start + token->length;
      return TRUE;
    }

  memset (token, 0, sizeof *token);
  next = memchr (start + 1, '<', (gsize) (reader->end - start - 1));
  token->type = REHEARSE_HTML_TEXT;
  token->start = start;
  token->length = (gsize) ((next != NULL ? next : reader->end) - start);
  reader->position = start + token->length;
  return TRUE;
}

/* Entities */

static const struct
{
  const char *name;
  const char *text;
} named_entities[] = {
  { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
  { "nbsp", "\u00a0" }, { "copy", "©" }, { "reg", "®" }, { "trade", "™" },
  { "hellip", "…" }, { "mdash", "—" }, { "ndash", "–" }, { "laquo", "«" },
  { "raquo", "»" }, { "times", "×" }, { "rarr", "→" }, { "larr", "←" },
  { "middot", "·" }, { "bull", "•" }, { "deg", "°" },
};

static gboolean
append_numeric_entity (GString    *out,
                       const char *digits,
                       gsize       length)
{
  gboolean hex = length > 0 && (digits[0] == 'x' || digits[0] == 'X');
  gunichar value = 0;

  if (hex)
    {
      digits++;
      length--;
    }
  if (length == 0 || length > 7)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      int digit = hex ? g_ascii_xdigit_value (digits[i]) : g_ascii_digit_value (digits[i]);

      if (digit < 0)
        return FALSE;
      value = value * (hex ? 16 : 10) + (gunichar) digit;
    }
  g_string_append_unichar (out, g_unichar_validate (value) && value != 0 ? value : 0xfffd);
  return TRUE;
}

/* Appends the entity at @text ("&amp;…") and returns its length, or 0
 * when it is none (the '&' is then text). */
static gsize
append_entity (GString    *out,
               const char *text,
               const char *end)
{
  const char *semicolon = memchr (text, ';', (gsize) MIN (end - text, MAX_ENTITY_LENGTH + 2));
  gsize length;

  if (semicolon == NULL || semicolon == text + 1)
    return 0;
  length = (gsize) (semicolon - text - 1);

  if (text[1] == '#')
    return append_numeric_entity (out, text + 2, length - 1) ? length + 2 : 0;

  for (guint i = 0; i < G_N_ELEMENTS (named_entities); i++)
    if (strlen (named_entities[i].name) == length
        && memcmp (named_entities[i].name, text + 1, length) == 0)
      {
        g_string_append (out, named_entities[i].text);
        return length + 2;
      }
  return 0;
}

static char *
decode_entities (const char *text,
                 gsize       length)
{
  GString *out = g_string_sized_new (length);
  const char *end = text + length;

  for (const char *p = text; p < end;)
    {
      gsize used = *p == '&' ? append_entity (out, p, end) : 0;

      if (used > 0)
        p += used;
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

/* Attributes */

static const char *
skip_spaces (const char *p,
             const char *end)
{
  while (p < end && (g_ascii_isspace (*p) || *p == '/'))
    p++;
  return p;
}

/* The value of the attribute at @p, its end in *@after. */
static char *
read_attribute_value (const char  *p,
                      const char  *end,
                      const char **after)
{
  const char *value_end;

  if (p < end && (*p == '"' || *p == '\''))
    {
      value_end = memchr (p + 1, *p, (gsize) (end - p - 1));
      value_end = value_end != NULL ? value_end : end;
      *after = MIN (value_end + 1, end);
      return decode_entities (p + 1, (gsize) (value_end - p - 1));
    }

  value_end = p;
  while (value_end < end && !g_ascii_isspace (*value_end))
    value_end++;
  *after = value_end;
  return decode_entities (p, (gsize) (value_end - p));
}

/* The decoded value of @name in a start tag, or NULL. */
char *
rehearse_html_token_get_attribute (const RehearseHtmlToken *token,
                                   const char              *name)
{
  const char *end = token->attributes + token->attributes_length;
  const char *p = skip_spaces (token->attributes, end);
  gsize name_length = strlen (name);

  while (p < end)
    {
      const char *attribute = p;
      g_autofree char *value = NULL;

      while (p < end && !g_ascii_isspace (*p) && *p != '=' && *p != '/')
        p++;
      if (p == attribute)
        p++;
      if (p < end && *p == '=')
        value = read_attribute_value (p + 1, end, &p);

      if ((gsize) (p - attribute) >= name_length
          && g_ascii_strncasecmp (attribute, name, name_length) == 0
          && (attribute[name_length] == '=' || (gsize) (p - attribute) == name_length))
        return value != NULL ? g_steal_pointer (&value) : g_strdup ("");
      p = skip_spaces (p, end);
    }
  return NULL;
}

/* What tags mean */

static const char * const block_tags[] = {
  "address", "article", "aside", "blockquote", "center", "dd", "dl", "dt", "figcaption",
  "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
  "nav", "ol", "p", "div", "pre", "section", "table", "tbody", "td", "tfoot", "th",
  "thead", "tr", "ul",
};

/* Sorted, for bsearch. */
static const char * const html_elements[] = {
  "a", "abbr", "address", "area", "article", "aside", "audio", "b", "bdi", "bdo", "big",
  "blockquote", "body", "br", "button", "caption", "center", "cite", "code", "col", "colgroup",
  "data", "dd", "del", "details", "dfn", "dialog", "div", "dl", "dt", "em", "embed",
  "fieldset", "figcaption", "figure", "font", "footer", "form", "h1", "h2", "h3", "h4", "h5",
  "h6", "head", "header", "hr", "html", "i", "iframe", "img", "input", "ins", "kbd", "label",
  "legend", "li", "link", "main", "map", "mark", "meta", "meter", "nav", "noscript", "object",
  "ol", "optgroup", "option", "output", "p", "param", "picture", "pre", "progress", "q", "rp",
  "rt", "ruby", "s", "samp", "script", "section", "select", "small", "source", "span",
  "strike", "strong", "style", "sub", "summary", "sup", "table", "tbody", "td", "template",
  "textarea", "tfoot", "th", "thead", "time", "title", "tr", "track", "tt", "u", "ul", "var",
  "video", "wbr",
};

static int
compare_names (const void *name,
               const void *element)
{
  return strcmp (name, *(const char * const *) element);
}

/* TRUE for a tag of HTML. "<pod-name>" or "<tags>" in a sentence is the
 * author's text, kept as written, never a tag to drop. */
gboolean
rehearse_html_token_is_element (const RehearseHtmlToken *token)
{
  if (token->type != REHEARSE_HTML_START_TAG && token->type != REHEARSE_HTML_END_TAG)
    return FALSE;
  return bsearch (token->name, html_elements, G_N_ELEMENTS (html_elements),
                  sizeof html_elements[0], compare_names) != NULL;
}

RehearseHtmlKind
rehearse_html_token_get_kind (const RehearseHtmlToken *token)
{
  if (token->type != REHEARSE_HTML_START_TAG && token->type != REHEARSE_HTML_END_TAG)
    return REHEARSE_HTML_KIND_INLINE;
  if (strcmp (token->name, "details") == 0)
    return REHEARSE_HTML_KIND_DETAILS;
  if (strcmp (token->name, "summary") == 0)
    return REHEARSE_HTML_KIND_SUMMARY;
  if (strcmp (token->name, "img") == 0)
    return REHEARSE_HTML_KIND_IMAGE;
  for (guint i = 0; i < G_N_ELEMENTS (block_tags); i++)
    if (strcmp (token->name, block_tags[i]) == 0)
      return REHEARSE_HTML_KIND_BLOCK;
  return REHEARSE_HTML_KIND_INLINE;
}

/* The formatting tags, as Pango markup. */
static const struct
{
  const char *name;
  const char *open;
  const char *close;
} format_tags[] = {
  { "b", "<b>", "</b>" }, { "strong", "<b>", "</b>" }, { "summary", "<b>", "</b>" },
  { "th", "<b>", "</b>" }, { "dt", "<b>", "</b>" },
  { "h1", "<b>", "</b>" }, { "h2", "<b>", "</b>" }, { "h3", "<b>", "</b>" },
  { "h4", "<b>", "</b>" }, { "h5", "<b>", "</b>" }, { "h6", "<b>", "</b>" },
  { "i", "<i>", "</i>" }, { "em", "<i>", "</i>" }, { "cite", "<i>", "</i>" },
  { "var", "<i>", "</i>" }, { "dfn", "<i>", "</i>" }, { "address", "<i>", "</i>" },
  { "code", CODE_OPEN, CODE_CLOSE }, { "kbd", CODE_OPEN, CODE_CLOSE },
  { "samp", CODE_OPEN, CODE_CLOSE }, { "tt", CODE_OPEN, CODE_CLOSE },
  { "pre", "<tt>", "</tt>" },
  { "sub", "<sub>", "</sub>" }, { "sup", "<sup>", "</sup>" },
  { "s", "<s>", "</s>" }, { "del", "<s>", "</s>" }, { "strike", "<s>", "</s>" },
  { "u", "<u>", "</u>" }, { "ins", "<u>", "</u>" },
  { "small", "<small>", "</small>" }, { "big", "<big>", "</big>" },
  { "mark", "<span bgcolor=\"#f6d32d66\">", "</span>" },
};

static int
find_format_tag (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_tags); i++)
    if (strcmp (format_tags[i].name, name) == 0)
      return (int) i;
  return -1;
}

gboolean
rehearse_html_is_allowed_link (const char *url)
{
  const char *scheme = url != NULL ? g_uri_peek_scheme (url) : NULL;

  /* The scheme comes back in lower case, or NULL for a relative address:
   * "javascript:", "file:" and the like never open from an answer. */
  return g_strcmp0 (scheme, "http") == 0
         || g_strcmp0 (scheme, "https") == 0
         || g_strcmp0 (scheme, "mailto") == 0;
}

gboolean
rehearse_html_is_anchor_link (const char *url)
{
  return url != NULL && url[0] == '#' && url[1] != '\0';
}

/* The writer */

typedef struct
{
  const char *html_name;  /* NULL for a tag of the Markdown tree */
  const char *close;
  gboolean    is_link;
} OpenTag;

struct _RehearseInlineMarkup
{
  GString   *markup;
  char      *base_directory;
  GPtrArray *images;
  OpenTag    open_tags[MAX_OPEN_TAGS];
  guint      n_open;
  guint      markdown_overflow;
  guint      html_overflow;
  guint      links_open;
  guint      pending_newlines;
  gboolean   pending_space;
  gboolean   has_text;
  gboolean   has_links;
  char       skip_until[REHEARSE_HTML_NAME_SIZE];
};

void
rehearse_html_image_free (RehearseHtmlImage *image)
{
  g_free (image->path);
  g_free (image->alt);
  g_free (image);
}

RehearseInlineMarkup *
rehearse_inline_markup_new (const char *base_directory)
{
  RehearseInlineMarkup *self = g_new0 (RehearseInlineMarkup, 1);

  self->markup = g_string_new (NULL);
  self->base_directory = g_strdup (base_directory);
  self->images = g_ptr_array_new_with_free_func ((GDestroyNotify) rehearse_html_image_free);
  return self;
}

void
rehearse_inline_markup_free (RehearseInlineMarkup *self)
{
  g_string_free (self->markup, TRUE);
  g_free (self->base_directory);
  g_ptr_array_unref (self->images);
  g_free (self);
}

/* Line breaks and spaces wait for the text they separate: none is left at
 * the start or the end of a label. */
static void
flush_pending (RehearseInlineMarkup *self)
{
  if (self->has_text)
    {
      for (guint i = 0; i < self->pending_newlines; i++)
        g_string_append_c (self->markup, '\n');
      if (self->pending_newlines == 0 && self->pending_space)
        g_string_append_c (self->markup, ' ');
    }
  self->pending_newlines = 0;
  self->pending_space = FALSE;
}

static void
append_visible (RehearseInlineMarkup *self,
                const char           *escaped)
{
  if (*escaped == '\0')
    return;
  flush_pending (self);
  g_string_append (self->markup, escaped);
  self->has_text = TRUE;
}

void
rehearse_inline_markup_append_text (RehearseInlineMarkup *self,
                                    const char           *text)
{
  g_autofree char *escaped = NULL;

  if (text == NULL || *text == '\0' || self->skip_until[0] != '\0')
    return;
  escaped = g_markup_escape_text (text, -1);
  append_visible (self, escaped);
}

void
rehearse_inline_markup_append_markup (RehearseInlineMarkup *self,
                                      const char           *markup)
{
  if (self->skip_until[0] == '\0')
    append_visible (self, markup);
}

void
rehearse_inline_markup_append_newline (RehearseInlineMarkup *self)
{
  if (self->has_text)
    self->pending_newlines++;
}

void
rehearse_inline_markup_append_space (RehearseInlineMarkup *self)
{
  if (self->has_text && self->pending_newlines == 0)
    self->pending_space = TRUE;
}

/* A paragraph break inside a label: one line break, however many tags. */
static void
break_line (RehearseInlineMarkup *self)
{
  if (self->has_text)
    self->pending_newlines = MAX (self->pending_newlines, 1);
}

void
rehearse_inline_markup_append_html_text (RehearseInlineMarkup *self,
                                         const char           *text,
                                         gsize                 length)
{
  g_autofree char *decoded = decode_entities (text, length);
  g_autoptr(GString) words = g_string_new (NULL);

  if (self->skip_until[0] != '\0')
    return;

  /* HTML collapses runs of white space, line breaks included. */
  for (const char *p = decoded; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          if (words->len > 0)
            {
              rehearse_inline_markup_append_text (self, words->str);
              g_string_truncate (words, 0);
            }
          self->pending_space = self->has_text;
        }
      else
        g_string_append_c (words, *p);
    }
  rehearse_inline_markup_append_text (self, words->str);
}

static void
push_tag (RehearseInlineMarkup *self,
          const char           *html_name,
          const char           *open,
          const char           *close,
          gboolean              is_link)
{
  if (self->n_open == MAX_OPEN_TAGS)
    {
      if (html_name != NULL)
        self->html_overflow++;
      else
        self->markdown_overflow++;
      return;
    }

  /* Before the tag: a space or line break pending belongs outside it. */
  if (self->has_text && (self->pending_newlines > 0 || self->pending_space))
    flush_pending (self);
  g_string_append (self->markup, open);
  self->open_tags[self->n_open].html_name = html_name;
  self->open_tags[self->n_open].close = close;
  self->open_tags[self->n_open].is_link = is_link;
  self->n_open++;
  if (is_link)
    {
      self->links_open++;
      self->has_links = TRUE;
    }
}

static void
pop_tag (RehearseInlineMarkup *self)
{
  OpenTag *tag = &self->open_tags[--self->n_open];

  g_string_append (self->markup, tag->close);
  if (tag->is_link)
    self->links_open--;
}

void
rehearse_inline_markup_open (RehearseInlineMarkup *self,
                             const char           *open,
                             const char           *close)
{
  push_tag (self, NULL, open, close, FALSE);
}

/* Closes the latest Markdown tag, and the HTML tags left open inside it:
 * Pango markup must nest even where the author's HTML does not. */
void
rehearse_inline_markup_close (RehearseInlineMarkup *self)
{
  if (self->markdown_overflow > 0)
    {
      self->markdown_overflow--;
      return;
    }
  while (self->n_open > 0 && self->open_tags[self->n_open - 1].html_name != NULL)
    pop_tag (self);
  if (self->n_open > 0)
    pop_tag (self);
}

static char *
link_open_markup (const char *url,
                  const char *title)
{
  g_autofree char *escaped_url = g_markup_escape_text (url, -1);
  g_autofree char *escaped_title = NULL;

  if (title == NULL || *title == '\0')
    return g_strdup_printf ("<a href=\"%s\">", escaped_url);
  escaped_title = g_markup_escape_text (title, -1);
  return g_strdup_printf ("<a href=\"%s\" title=\"%s\">", escaped_url, escaped_title);
}

/* A link of the Markdown tree: closed by rehearse_inline_markup_close(). A
 * link inside a link keeps its text only, as Pango cannot nest them. */
void
rehearse_inline_markup_open_link (RehearseInlineMarkup *self,
                                  const char           *url,
                                  const char           *title)
{
  g_autofree char *open = NULL;

  if (self->links_open > 0
      || !(rehearse_html_is_allowed_link (url) || rehearse_html_is_anchor_link (url)))
    {
      push_tag (self, NULL, "", "", FALSE);
      return;
    }
  open = link_open_markup (url, title);
  push_tag (self, NULL, open, "</a>", TRUE);
}

static gboolean
is_local_image (const char *source)
{
  g_auto(GStrv) parts = NULL;

  if (source == NULL || *source == '\0' || g_uri_peek_scheme (source) != NULL
      || g_path_is_absolute (source) || source[0] == '\\')
    return FALSE;
  /* Beside the deck's file or below it, never above. */
  parts = g_strsplit_set (source, "/\\", -1);
  return !g_strv_contains ((const char * const *) parts, "..");
}

static char *
find_local_image (RehearseInlineMarkup *self,
                  const char           *source)
{
  g_autofree char *relative = NULL;
  g_autofree char *path = NULL;
  const char *end;

  if (self->base_directory == NULL || !is_local_image (source))
    return NULL;
  /* "img/a.png?raw=true" and "#anchor" suffixes are GitHub's, not the file's. */
  end = source + strcspn (source, "?#");
  relative = g_uri_unescape_segment (source, end, NULL);
  if (relative == NULL)
    return NULL;
  path = g_build_filename (self->base_directory, relative, NULL);
  return g_file_test (path, G_FILE_TEST_IS_REGULAR) ? g_steal_pointer (&path) : NULL;
}

/* A local image is shown by the caller (see take_images); a remote one is
 * never fetched: its alt text stands in, linked to it. */
void
rehearse_inline_markup_append_image (RehearseInlineMarkup *self,
                                     const char           *source,
                                     const char           *alt)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *open = NULL;

  if (self->skip_until[0] != '\0')
    return;

  path = find_local_image (self, source);
  if (path != NULL)
    {
      RehearseHtmlImage *image = g_new0 (RehearseHtmlImage, 1);

      image->path = g_steal_pointer (&path);
      image->alt = g_strdup (alt != NULL ? alt : "");
      g_ptr_array_add (self->images, image);
      return;
    }

  text = alt != NULL && *alt != '\0' ? g_strdup_printf (_("[image: %s]"), alt)
                                     : g_strdup (_("[image]"));
  escaped = g_markup_escape_text (text, -1);
  if (self->links_open > 0 || !rehearse_html_is_allowed_link (source))
    {
      g_autofree char *italic = g_strdup_printf ("<i>%s</i>", escaped);

      append_visible (self, italic);
      return;
    }

  open = link_open_markup (source, NULL);
  {
    g_autofree char *link = g_strdup_printf ("%s<i>%s</i></a>", open, escaped);

    append_visible (self, link);
  }
  self->has_links = TRUE;
}

/* Closes the innermost open @name, and what was opened inside it, but
 * never past a Markdown tag: the author's closing tag ends what it opened. */
static void
close_html_tag (RehearseInlineMarkup *self,
                const char           *name)
{
  for (guint i = self->n_open; i > 0; i--)
    {
      const char *open_name = self->open_tags[i - 1].html_name;

      if (open_name == NULL)
        break;
      if (strcmp (open_name, name) == 0)
        {
          while (self->n_open >= i)
            pop_tag (self);
          return;
        }
    }
  if (self->html_overflow > 0)
    self->html_overflow--;
}

static void
open_anchor (RehearseInlineMarkup    *self,
             const RehearseHtmlToken *token)
{
  g_autofree char *href = rehearse_html_token_get_attribute (token, "href");
  g_autofree char *open = NULL;

  /* <a name="…"> only marks a place: nothing to show, but its </a> must
   * find it. */
  if (href == NULL || self->links_open > 0
      || !(rehearse_html_is_allowed_link (href) || rehearse_html_is_anchor_link (href)))
    {
      push_tag (self, "a", "", "", FALSE);
      return;
    }
  open = link_open_markup (href, NULL);
  push_tag (self, "a", open, "</a>", TRUE);
}

static void
open_image (RehearseInlineMarkup    *self,
            const RehearseHtmlToken *token)
{
  g_autofree char *source = rehearse_html_token_get_attribute (token, "src");
  g_autofree char *alt = rehearse_html_token_get_attribute (token, "alt");

  rehearse_inline_markup_append_image (self, source, alt);
}

static void
open_html_tag (RehearseInlineMarkup    *self,
               const RehearseHtmlToken *token)
{
  const char *name = token->name;
  int format;

  if (strcmp (name, "script") == 0 || strcmp (name, "style") == 0)
    {
      g_strlcpy (self->skip_until, name, sizeof self->skip_until);
      return;
    }
  if (strcmp (name, "br") == 0)
    {
      rehearse_inline_markup_append_newline (self);
      return;
    }
  if (strcmp (name, "img") == 0)
    {
      open_image (self, token);
      return;
    }
  if (strcmp (name, "a") == 0)
    {
      open_anchor (self, token);
      return;
    }

  if (rehearse_html_token_get_kind (token) != REHEARSE_HTML_KIND_INLINE)
    break_line (self);
  format = find_format_tag (name);
  if (format >= 0)
    push_tag (self, format_tags[format].name, format_tags[format].open,
              format_tags[format].close, FALSE);
}

void
rehearse_inline_markup_append_token (RehearseInlineMarkup    *self,
                                     const RehearseHtmlToken *token)
{
  if (self->skip_until[0] != '\0')
    {
      if (token->type == REHEARSE_HTML_END_TAG && strcmp (token->name, self->skip_until) == 0)
        self->skip_until[0] = '\0';
      return;
    }

  if ((token->type == REHEARSE_HTML_START_TAG || token->type == REHEARSE_HTML_END_TAG)
      && !rehearse_html_token_is_element (token))
    {
      g_autofree char *written = g_strndup (token->start, token->length);

      rehearse_inline_markup_append_text (self, written);
      return;
    }

  switch (token->type)
    {
    case REHEARSE_HTML_TEXT:
      rehearse_inline_markup_append_html_text (self, token->start, token->length);
      break;

    case REHEARSE_HTML_START_TAG:
      open_html_tag (self, token);
      break;

    case REHEARSE_HTML_END_TAG:
      close_html_tag (self, token->name);
      if (rehearse_html_token_get_kind (token) != REHEARSE_HTML_KIND_INLINE)
        break_line (self);
      break;

    case REHEARSE_HTML_COMMENT:
    default:
      break;
    }
}

void
rehearse_inline_markup_append_html (RehearseInlineMarkup *self,
                                    const char           *html)
{
  RehearseHtmlReader reader;
  RehearseHtmlToken token;

  if (html == NULL)
    return;
  rehearse_html_reader_init (&reader, html, strlen (html));
  while (rehearse_html_reader_next (&reader, &token))
    rehearse_inline_markup_append_token (self, &token);
}

gboolean
rehearse_inline_markup_is_empty (RehearseInlineMarkup *self)
{
  return !self->has_text;
}

gsize
rehearse_inline_markup_get_length (RehearseInlineMarkup *self)
{
  return self->markup->len;
}

gboolean
rehearse_inline_markup_has_links (RehearseInlineMarkup *self)
{
  return self->has_links;
}

GPtrArray *
rehearse_inline_markup_take_images (RehearseInlineMarkup *self)
{
  GPtrArray *images = g_steal_pointer (&self->images);

  self->images = g_ptr_array_new_with_free_func ((GDestroyNotify) rehearse_html_image_free);
  return images;
}

char *
rehearse_inline_markup_finish (RehearseInlineMarkup *self)
{
  char *markup;

  while (self->n_open > 0)
    pop_tag (self);
  markup = g_string_free (g_steal_pointer (&self->markup), FALSE);

  self->markup = g_string_new (NULL);
  self->markdown_overflow = 0;
  self->html_overflow = 0;
  self->links_open = 0;
  self->pending_newlines = 0;
  self->pending_space = FALSE;
  self->has_text = FALSE;
  self->has_links = FALSE;
  return markup;
}
