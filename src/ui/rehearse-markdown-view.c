/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rehearse-markdown-view.h"

#include <adwaita.h>
#include <cmark-gfm-core-extensions.h>
#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>
#include <math.h>
#include <string.h>

#include "rehearse-block-layout.h"
#include "rehearse-cmark.h"
#include "rehearse-code-view.h"
#include "rehearse-html-inline.h"
#include "rehearse-list-row-layout.h"
#include "rehearse-source-style.h"

/* User files may nest quotes and lists thousands of levels deep. Every level
 * is a widget that GTK measures recursively, so past this depth the rest of a
 * branch is shown as plain text. */
#define MAX_BLOCK_DEPTH 32
/* The same for emphasis, links and strikethrough inside one paragraph. */
#define MAX_INLINE_DEPTH 32

/* Hostile answers: Pango lays out a label's text as a whole, in time that
 * grows with the square of a long word's length (200 KB of "_a" took five
 * minutes), and cmark-gfm parses 15 MB in over a second (some shapes in
 * quadratic time). So an answer is parsed a piece at a time, a long
 * paragraph is split into labels of bounded length, and what one step lays
 * out is bounded too: the rest waits behind "Show More", a step at a time. */
#define PIECE_MAX_BYTES (16 * 1024)
#define PIECE_MAX_LINES 1000
/* A line longer than a piece is cut shorter: as code it is one line of
 * the text view, laid out whole. */
#define LINE_PIECE_BYTES (4 * 1024)
/* Only text longer than this is split, at a line, sentence or word end
 * past LABEL_SPLIT_CHARS when there is one. */
#define LABEL_MAX_CHARS 1000
#define LABEL_SPLIT_CHARS 500
/* Pango wraps a word wider than the line a character at a time, in time
 * that grows with the square of the word's length (and GtkLabel lays each
 * label out at its minimum width too): a word longer than LONG_WORD_CHARS
 * gets a zero-width space every WORD_PART_CHARS characters, where the
 * line may break. Only hostile text has such words; link targets are
 * never changed. */
#define LONG_WORD_CHARS 128
#define WORD_PART_CHARS 32
#define ZERO_WIDTH_SPACE "\xe2\x80\x8b"
/* What one step may lay out: characters of text, a character of a long
 * word counting LONG_WORD_COST, and a widget counting WIDGET_COST. */
#define STEP_BUDGET 8000
#define LONG_WORD_COST 8
#define WIDGET_COST 40
/* What one step may parse: text that shows nothing (80,000 link reference
 * definitions) spends none of the budget, but takes a millisecond or two
 * a piece to parse. */
#define STEP_PARSE_BYTES (128 * 1024)

#define TABLE_CELL_WRAP_CHARS 40
#define BLOCK_SPACING 12
#define TIGHT_SPACING 6
#define COPIED_FEEDBACK_MS 1500
#define ZOOM_STEP_PERCENT 10
#define CSS_DATA_KEY "rehearse-markdown-view-css"
#define COPIED_TIMEOUT_KEY "rehearse-markdown-view-copied-timeout"

struct _RehearseMarkdownView
{
  GtkWidget   parent_instance;

  /* owned references */
  char       *markdown;
  gsize       markdown_length;
  char       *base_directory;
  char       *zoom_class;
  GPtrArray  *code_buffers;
  GHashTable *loaded_languages;
  GPtrArray  *documents;  /* the parsed pieces, which pending steps point into */
  GPtrArray  *pending;    /* of Pending: what "Show More" renders, innermost first */
  GtkWidget  *show_more;
  guint       continue_id;  /* the next step, when the last showed nothing */
  double      zoom;
  gssize      budget;     /* left for the step being rendered */
  gsize       parsed;     /* bytes the step being rendered parsed */
};

typedef struct
{
  RehearseMarkdownView *self;
  guint                 depth;
  guint                 list_depth;
} RenderState;

enum {
  PROP_0,
  PROP_MARKDOWN,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ANCHOR_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RehearseMarkdownView, rehearse_markdown_view, GTK_TYPE_WIDGET)

static GtkWidget *render_block (RenderState *state,
                                cmark_node  *node);
static void       append_child (GtkWidget   *container,
                                GtkWidget   *child);

/* Small on purpose: everything else comes from libadwaita's own classes. */
static const char base_css[] =
  ".md-blockquote { border-left: 3px solid alpha(@window_fg_color, 0.2); padding-left: 12px; }\n"
  /* One background for the code and the copy button's column beside it:
   * the style scheme's own would stop where the code does. */
  ".md-code { border-radius: 12px; border: 1px solid @borders; background-color: @view_bg_color; }\n"
  ".md-code textview, .md-code textview > text { background-color: transparent; }\n"
  ".md-copy-button { margin: 6px; padding: 4px; min-width: 16px; min-height: 16px;"
  " border-radius: 6px; }\n"
  ".md-heading { margin-top: 6px; }\n"
  ".md-table { border-top: 1px solid @borders; border-left: 1px solid @borders; }\n"
  ".md-table-cell { padding: 6px 12px; border-right: 1px solid @borders;"
  " border-bottom: 1px solid @borders; }\n"
  ".md-table-header { font-weight: bold; background-color: alpha(@window_fg_color, 0.05); }\n";

/* libadwaita gives these classes absolute sizes in points, so they do not
 * follow the view's relative font-size and need a rule per zoom step. */
static const struct
{
  const char *css_class;
  int         tenths_of_point;
} fixed_size_classes[] = {
  { "title-1", 200 },
  { "title-2", 150 },
  { "title-3", 150 },
  { "title-4", 130 },
  { "heading", 110 },
};

/* Rounds by hand: zoom is positive, and the UI library does not link libm. */
static int
zoom_to_percent (double zoom)
{
  return (int) (zoom * 100 / ZOOM_STEP_PERCENT + 0.5) * ZOOM_STEP_PERCENT;
}

static void
append_zoom_step_css (GString *css,
                      int      percent)
{
  g_string_append_printf (css, ".md-zoom-%d { font-size: %d%%; }\n", percent, percent);

  for (guint i = 0; i < G_N_ELEMENTS (fixed_size_classes); i++)
    {
      int tenths = fixed_size_classes[i].tenths_of_point * percent / 100;

      /* Integers only: a locale's decimal comma must not reach the CSS. */
      g_string_append_printf (css, ".md-zoom-%d .%s { font-size: %d.%dpt; }\n",
                              percent, fixed_size_classes[i].css_class,
                              tenths / 10, tenths % 10);
    }
}

/* Once per display, as the first view is made: the views' CSS, and links
 * reachable by Tab. GTK selects a selectable label's whole text when it
 * takes focus, and Tab then leaves it without visiting its links (GTK 4.8):
 * with that setting off, Tab moves from link to link. */
static void
prepare_display (GdkDisplay *display)
{
  g_autoptr(GtkCssProvider) provider = NULL;
  g_autoptr(GString) css = NULL;
  int min_percent = zoom_to_percent (REHEARSE_MARKDOWN_VIEW_ZOOM_MIN);
  int max_percent = zoom_to_percent (REHEARSE_MARKDOWN_VIEW_ZOOM_MAX);

  if (display == NULL || g_object_get_data (G_OBJECT (display), CSS_DATA_KEY) != NULL)
    return;

  css = g_string_new (base_css);
  for (int percent = min_percent; percent <= max_percent; percent += ZOOM_STEP_PERCENT)
    append_zoom_step_css (css, percent);

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, css->str, css->len);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), CSS_DATA_KEY,
                          g_steal_pointer (&provider), g_object_unref);

  g_object_set (gtk_settings_get_for_display (display), "gtk-label-select-on-focus", FALSE, NULL);
}

/* Inline Markdown to Pango markup. */

#define CODE_SPAN_OPEN "<tt><span bgcolor=\"#8080802e\">"

static void
append_code_span (RehearseInlineMarkup *markup,
                  const char           *code)
{
  g_autofree char *escaped = g_markup_escape_text (code != NULL ? code : "", -1);
  /* A grey with alpha reads as a subtle tint in light and dark styles. */
  g_autofree char *span = g_strconcat (CODE_SPAN_OPEN, escaped, "</span></tt>", NULL);

  rehearse_inline_markup_append_markup (markup, span);
}

static void
append_image (RehearseInlineMarkup *markup,
              cmark_node           *image)
{
  g_autofree char *alt = rehearse_cmark_plain_text (image);

  /* Images are never fetched: an answer must not reach out to the network. */
  rehearse_inline_markup_append_image (markup, cmark_node_get_url (image), alt);
}

static void
append_leaf (RehearseInlineMarkup *markup,
             cmark_node           *node)
{
  switch ((int) cmark_node_get_type (node))
    {
    case CMARK_NODE_TEXT:
      rehearse_inline_markup_append_text (markup, cmark_node_get_literal (node));
      break;

    case CMARK_NODE_HTML_INLINE:
      /* Read as HTML: formatting kept, every other tag dropped. */
      rehearse_inline_markup_append_html (markup, cmark_node_get_literal (node));
      break;

    case CMARK_NODE_CODE:
      append_code_span (markup, cmark_node_get_literal (node));
      break;

    case CMARK_NODE_SOFTBREAK:
      rehearse_inline_markup_append_space (markup);
      break;

    case CMARK_NODE_LINEBREAK:
      rehearse_inline_markup_append_newline (markup);
      break;

    default:
      break;
    }
}

static gboolean
is_inline_leaf (cmark_node *node)
{
  /* Exactly the inline types cmark_iter reports without an exit event. */
  switch ((int) cmark_node_get_type (node))
    {
    case CMARK_NODE_TEXT:
    case CMARK_NODE_HTML_INLINE:
    case CMARK_NODE_CODE:
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
      return TRUE;

    default:
      return FALSE;
    }
}

static void
open_inline_container (RehearseInlineMarkup *markup,
                       cmark_node           *node)
{
  switch ((int) cmark_node_get_type (node))
    {
    case CMARK_NODE_EMPH:
      rehearse_inline_markup_open (markup, "<i>", "</i>");
      break;

    case CMARK_NODE_STRONG:
      rehearse_inline_markup_open (markup, "<b>", "</b>");
      break;

    case CMARK_NODE_LINK:
      rehearse_inline_markup_open_link (markup, cmark_node_get_url (node),
                                        cmark_node_get_title (node));
      break;

    default:
      if (rehearse_cmark_node_is_extension (node, "strikethrough"))
        rehearse_inline_markup_open (markup, "<s>", "</s>");
      else
        rehearse_inline_markup_open (markup, "", "");
      break;
    }
}

/* Walks with cmark_iter rather than recursion, for the same reason as
 * MAX_BLOCK_DEPTH; tags past a fixed depth are dropped, text never is. */
static void
build_inline_markup (RehearseInlineMarkup *markup,
                     cmark_node           *block)
{
  cmark_iter *iter = cmark_iter_new (block);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      if (node == block)
        continue;

      if (event == CMARK_EVENT_EXIT)
        rehearse_inline_markup_close (markup);
      else if (is_inline_leaf (node))
        append_leaf (markup, node);
      else if (cmark_node_get_type (node) == CMARK_NODE_IMAGE)
        {
          append_image (markup, node);
          cmark_iter_reset (iter, node, CMARK_EVENT_EXIT);
        }
      else
        open_inline_container (markup, node);
    }
  cmark_iter_free (iter);
}

/* Long text */

/* A long text's Pango markup, taken a label's worth at a time: the tags
 * open where a part ends are closed there and opened again in the next. */
/* How long the text's last word is, as Pango's line breaking sees words:
 * a space ends one, except after an opening bracket ("[ a" may not break
 * after the "[", Unicode's rule LB14), so "[ a_[ a_…" is one long word. */
typedef struct
{
  gsize    chars;
  gboolean after_opener;  /* the last character that was not a space opens */
} WordLength;

static gboolean
is_word_end (const char *character)
{
  return *character == ' ' || *character == '\n' || *character == '\t';
}

/* Adds one character (or an entity, read as its first character). */
static void
word_length_add (WordLength *word,
                 const char *character)
{
  if (is_word_end (character))
    {
      if (word->after_opener)
        word->chars++;
      else
        word->chars = 0;
      return;
    }

  word->chars++;
  word->after_opener = g_unichar_break_type (g_utf8_get_char (character))
                       == G_UNICODE_BREAK_OPEN_PUNCTUATION;
}

/* A line may break here whatever came before (a soft or hard break). */
static void
word_length_end (WordLength *word)
{
  word->chars = 0;
  word->after_opener = FALSE;
}

typedef struct
{
  char      *markup;
  gsize      offset;         /* of what is left */
  GPtrArray *open_tags;      /* each as written, "<i>" or "<a href=…>" */
  WordLength word;           /* the word the last part ended in */
  gboolean   has_links;
  int        heading_level;  /* 0 for a paragraph */
} MarkupParts;

static MarkupParts *
markup_parts_new (char     *markup,
                  gboolean  has_links,
                  int       heading_level)
{
  MarkupParts *parts = g_new0 (MarkupParts, 1);

  parts->markup = markup;
  parts->open_tags = g_ptr_array_new_with_free_func (g_free);
  parts->has_links = has_links;
  parts->heading_level = heading_level;
  return parts;
}

static void
markup_parts_free (MarkupParts *parts)
{
  g_free (parts->markup);
  g_ptr_array_unref (parts->open_tags);
  g_free (parts);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MarkupParts, markup_parts_free)

static gboolean
markup_parts_has_more (MarkupParts *parts)
{
  return parts->markup[parts->offset] != '\0';
}

/* Copies the tag at @tag to @part, keeping @open_tags in step, and returns
 * what follows it. The markup is well formed: a '>' inside a value is
 * escaped. */
static const char *
copy_tag (const char *tag,
          GString    *part,
          GPtrArray  *open_tags)
{
  const char *end = strchr (tag, '>');
  gsize length = end != NULL ? (gsize) (end - tag) + 1 : strlen (tag);

  g_string_append_len (part, tag, (gssize) length);
  if (tag[1] == '/')
    {
      if (open_tags->len > 0)
        g_ptr_array_remove_index (open_tags, open_tags->len - 1);
    }
  else if (length < 2 || tag[length - 2] != '/')
    g_ptr_array_add (open_tags, g_strndup (tag, length));
  return tag + length;
}

static void
close_open_tags (GString   *part,
                 GPtrArray *open_tags)
{
  for (guint i = open_tags->len; i > 0; i--)
    {
      const char *tag = g_ptr_array_index (open_tags, i - 1);

      g_string_append_printf (part, "</%.*s>", (int) strcspn (tag + 1, " />"), tag + 1);
    }
}

/* A part ends at a line's end, a sentence's, or past more text a word's;
 * a word longer than a label is cut where the label is full. */
static gboolean
ends_part (gsize chars,
           char  character,
           char  previous)
{
  if (chars >= LABEL_MAX_CHARS)
    return TRUE;
  if (chars < LABEL_SPLIT_CHARS)
    return FALSE;
  if (character == '\n')
    return TRUE;
  if (character != ' ')
    return FALSE;
  return strchr (".?!:;", previous) != NULL || chars >= (LABEL_SPLIT_CHARS + LABEL_MAX_CHARS) / 2;
}

/* Appends one character of text (or an entity), breaking long words. */
static void
append_text_character (MarkupParts *parts,
                       GString     *part,
                       const char  *character,
                       const char  *next,
                       gsize       *cost)
{
  word_length_add (&parts->word, character);
  if (parts->word.chars > LONG_WORD_CHARS)
    {
      if ((parts->word.chars - LONG_WORD_CHARS - 1) % WORD_PART_CHARS == 0)
        g_string_append (part, ZERO_WIDTH_SPACE);
      *cost += LONG_WORD_COST - 1;
    }
  g_string_append_len (part, character, next - character);
  ++*cost;
}

/* The next label's markup and what it costs to lay out, or NULL once all
 * is taken. */
static char *
take_markup_part (MarkupParts *parts,
                  gsize       *cost)
{
  const char *p = parts->markup + parts->offset;
  GString *part;
  char previous = '\0';
  gsize chars = 0;

  *cost = 0;
  if (*p == '\0')
    return NULL;

  part = g_string_new (NULL);
  for (guint i = 0; i < parts->open_tags->len; i++)
    g_string_append (part, g_ptr_array_index (parts->open_tags, i));

  while (*p != '\0')
    {
      const char *next;
      const char *entity_end;

      if (*p == '<')
        {
          p = copy_tag (p, part, parts->open_tags);
          continue;
        }

      entity_end = *p == '&' ? strchr (p, ';') : NULL;
      next = entity_end != NULL ? entity_end + 1 : g_utf8_next_char (p);
      append_text_character (parts, part, p, next, cost);
      if (ends_part (++chars, *p, previous))
        {
          p = next;
          break;
        }
      previous = *p;
      p = next;
    }

  /* Tags closing right at the end belong to this part, not to an empty
   * label after it. */
  while (g_str_has_prefix (p, "</"))
    p = copy_tag (p, part, parts->open_tags);
  close_open_tags (part, parts->open_tags);
  parts->offset = (gsize) (p - parts->markup);
  return g_string_free (part, FALSE);
}

/* Whether @text fits one label: at most LABEL_MAX_CHARS characters and
 * no word longer than LONG_WORD_CHARS. @word carries a word from one piece
 * of text to the next; *@chars counts the characters. */
static gboolean
fits_one_label (const char *text,
                gsize      *chars,
                WordLength *word)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      word_length_add (word, p);
      if (++*chars > LABEL_MAX_CHARS || word->chars > LONG_WORD_CHARS)
        return FALSE;
    }
  return TRUE;
}

/* Whether @node's text fits one label, and its length when it does. */
static gboolean
inline_text_fits_one_label (cmark_node *node,
                            gsize      *chars)
{
  cmark_iter *iter = cmark_iter_new (node);
  cmark_event_type event;
  WordLength word = { 0 };
  gboolean fits = TRUE;

  *chars = 0;
  while (fits && (event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *child = cmark_iter_get_node (iter);
      const char *literal = cmark_node_get_literal (child);

      if (event != CMARK_EVENT_ENTER)
        continue;
      /* A soft break is shown as a space; a hard one always breaks. */
      if (cmark_node_get_type (child) == CMARK_NODE_SOFTBREAK)
        word_length_add (&word, " ");
      else if (cmark_node_get_type (child) == CMARK_NODE_LINEBREAK)
        word_length_end (&word);
      else if (literal != NULL)
        fits = fits_one_label (literal, chars, &word);
    }
  cmark_iter_free (iter);

  return fits;
}

/* What is left for "Show More": where each part goes and where it starts.
 * The containers are borrowed: only remove_blocks () destroys them, and it
 * drops these first. */
typedef enum
{
  PENDING_BLOCKS,      /* a quote's or a list item's */
  PENDING_LIST_ITEMS,
  PENDING_TABLE_ROWS,
  PENDING_PARTS,
  PENDING_PIECE,       /* the answer's top level: what is left of the piece
                        * parsed last, then the pieces after it */
} PendingKind;

typedef struct HtmlFlow HtmlFlow;

static void html_flow_free (HtmlFlow *flow);

typedef struct
{
  PendingKind  kind;
  GtkWidget   *container;
  cmark_node  *node;        /* the first block, list item or table row left */
  guint        depth;
  guint        list_depth;
  gint64       number;      /* of that list item, or that row's index */
  MarkupParts *parts;
  HtmlFlow    *flow;        /* the blocks' flow, once an HTML block made one */
  gsize        offset;      /* of the next piece of the Markdown */
  char        *fence;       /* the opening line of the code fence it starts in */
  char        *table;       /* the header and delimiter rows of the table it starts in */
  gboolean     in_block;    /* it starts inside a list or a quote */
} Pending;

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  if (pending == NULL)
    return;
  g_clear_pointer (&pending->parts, markup_parts_free);
  g_clear_pointer (&pending->flow, html_flow_free);
  g_free (pending->fence);
  g_free (pending->table);
  g_free (pending);
}

static Pending *
defer (RenderState *state,
       PendingKind  kind,
       GtkWidget   *container,
       cmark_node  *node)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->kind = kind;
  pending->container = container;
  pending->node = node;
  pending->depth = state->depth;
  pending->list_depth = state->list_depth;
  g_ptr_array_add (state->self->pending, pending);
  return pending;
}

static void
start_step (RehearseMarkdownView *self)
{
  self->budget = STEP_BUDGET;
  self->parsed = 0;
}

static gboolean
step_is_spent (RehearseMarkdownView *self)
{
  return self->budget <= 0 || self->parsed >= STEP_PARSE_BYTES;
}

/* A widget made, with @chars characters of text to lay out. */
static void
spend (RehearseMarkdownView *self,
       gsize                 chars)
{
  self->budget -= (gssize) MIN (chars, (gsize) STEP_BUDGET) + WIDGET_COST;
}

/* Labels */

static gboolean
on_label_activate_link (GtkLabel   *label,
                        const char *uri,
                        gpointer    user_data)
{
  GtkWidget *view;

  /* "#what-is-a-pod": a place in the same deck, which the app opens. */
  if (rehearse_html_is_anchor_link (uri))
    {
      view = gtk_widget_get_ancestor (GTK_WIDGET (label), REHEARSE_TYPE_MARKDOWN_VIEW);
      if (view != NULL)
        g_signal_emit (view, signals[ANCHOR_ACTIVATED], 0, uri + 1);
      return TRUE;
    }

  /* FALSE lets GtkLabel open the address in the browser. */
  return !rehearse_html_is_allowed_link (uri);
}

/* A wrapping label's minimum width: without one, GtkLabel measures its
 * text laid out at width 0, which with character wrapping is a line per
 * character. Eight characters halve the time a switch of question takes
 * (median 5.2 to 3.0 ms, worst 12.3 to 7.3 ms) and leave a 360 px window
 * room to spare. */
#define LABEL_MINIMUM_CHARS 8

static GtkWidget *
create_label (GtkAccessibleRole role,
              const char       *css_class)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "accessible-role", role,
                                   "wrap", TRUE,
                                   "wrap-mode", PANGO_WRAP_WORD_CHAR,
                                   "width-chars", LABEL_MINIMUM_CHARS,
                                   "xalign", 0.0f,
                                   "yalign", 0.0f,
                                   "selectable", TRUE,
                                   NULL);

  gtk_widget_add_css_class (label, css_class);
  return label;
}

/* Tab stops only at text with links, and then at each link in turn (Enter
 * opens it). Other text would be a Tab stop with nothing to do, so it cannot
 * take focus at all (a selectable GtkLabel that merely is not focusable
 * still swallows Tab, trapping the keyboard); the view's click gesture lets
 * it take focus once clicked, so that the selection shows and Ctrl+C copies. */
static void
finish_label (GtkWidget *label,
              gboolean   has_links)
{
  gtk_widget_set_can_focus (label, has_links);
  gtk_widget_set_focusable (label, has_links);
}

static GtkWidget *
create_plain_label (const char *text,
                    const char *css_class)
{
  GtkWidget *label = create_label (GTK_ACCESSIBLE_ROLE_LABEL, css_class);

  gtk_label_set_text (GTK_LABEL (label), text);
  finish_label (label, FALSE);
  return label;
}

/* Finishes @markup into @label; the images it found are left in it. */
static void
set_label_markup (GtkWidget            *label,
                  RehearseInlineMarkup *markup)
{
  gboolean has_links = rehearse_inline_markup_has_links (markup);
  g_autofree char *text = rehearse_inline_markup_finish (markup);

  gtk_label_set_markup (GTK_LABEL (label), text);
  if (has_links)
    g_signal_connect (label, "activate-link", G_CALLBACK (on_label_activate_link), NULL);
  finish_label (label, has_links);
}

static void
set_inline_markup (GtkWidget  *label,
                   cmark_node *block)
{
  g_autoptr(RehearseInlineMarkup) markup = rehearse_inline_markup_new (NULL);

  build_inline_markup (markup, block);
  set_label_markup (label, markup);
}

static GtkWidget *
create_picture (RehearseHtmlImage *image)
{
  GtkWidget *picture = gtk_picture_new_for_filename (image->path);

  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_SCALE_DOWN);
  gtk_picture_set_alternative_text (GTK_PICTURE (picture), image->alt);
  gtk_widget_set_halign (picture, GTK_ALIGN_START);
  gtk_widget_add_css_class (picture, "md-image");
  return picture;
}

/* A paragraph's text, then the local images it shows; NULL when it shows
 * nothing at all (an anchor, a comment). */
static GtkWidget *
add_images (GtkWidget *label,
            GPtrArray *images)
{
  gboolean has_text = *gtk_label_get_text (GTK_LABEL (label)) != '\0';
  GtkWidget *box;

  if (has_text && images->len == 0)
    return label;

  if (!has_text)
    {
      g_object_ref_sink (label);
      g_object_unref (label);
      if (images->len == 0)
        return NULL;
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, TIGHT_SPACING);
  if (has_text)
    gtk_box_append (GTK_BOX (box), label);
  for (guint i = 0; i < images->len; i++)
    gtk_box_append (GTK_BOX (box), create_picture (g_ptr_array_index (images, i)));
  return box;
}

static const char *
heading_class (int level)
{
  static const char * const classes[] = { "title-1", "title-2", "title-3", "title-4" };

  return level >= 1 && level <= 4 ? classes[level - 1] : "heading";
}

static GtkWidget *
create_heading_label (int level)
{
  GtkWidget *label = create_label (GTK_ACCESSIBLE_ROLE_HEADING, heading_class (level));

  gtk_widget_add_css_class (label, "md-heading");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LEVEL, level,
                                  -1);
  return label;
}

static GtkWidget *
create_part_label (MarkupParts *parts,
                   const char  *markup)
{
  gboolean has_links = parts->has_links && strstr (markup, "<a ") != NULL;
  GtkWidget *label = parts->heading_level > 0
                     ? create_heading_label (parts->heading_level)
                     : create_label (GTK_ACCESSIBLE_ROLE_LABEL, "md-paragraph");

  gtk_label_set_markup (GTK_LABEL (label), markup);
  if (has_links)
    g_signal_connect (label, "activate-link", G_CALLBACK (on_label_activate_link), NULL);
  finish_label (label, has_links);
  return label;
}

/* As many parts as the step allows; the rest waits for "Show More". */
static void
append_markup_parts (RenderState  *state,
                     GtkWidget    *box,
                     MarkupParts **parts)
{
  while (markup_parts_has_more (*parts))
    {
      g_autofree char *markup = NULL;
      gsize cost;

      if (step_is_spent (state->self))
        {
          defer (state, PENDING_PARTS, box, NULL)->parts = g_steal_pointer (parts);
          return;
        }

      markup = take_markup_part (*parts, &cost);
      gtk_box_append (GTK_BOX (box), create_part_label (*parts, markup));
      spend (state->self, cost);
    }
}

/* Parts of the text one under the other with no space between, so that
 * they read as one text. Takes @markup. */
static GtkWidget *
create_long_text (RenderState *state,
                  char        *markup,
                  gboolean     has_links,
                  int          heading_level)
{
  g_autoptr(MarkupParts) parts = markup_parts_new (markup, has_links, heading_level);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_add_css_class (box, "md-long-text");
  append_markup_parts (state, box, &parts);
  return box;
}

static GtkWidget *
create_long_inline_text (RenderState *state,
                         cmark_node  *node,
                         int          heading_level)
{
  g_autoptr(RehearseInlineMarkup) markup = rehearse_inline_markup_new (NULL);
  gboolean has_links;

  build_inline_markup (markup, node);
  has_links = rehearse_inline_markup_has_links (markup);
  return create_long_text (state, rehearse_inline_markup_finish (markup), has_links,
                           heading_level);
}

/* Text shown as it is written (raw HTML, structure nested too deep). */
static GtkWidget *
create_plain_text (RenderState *state,
                   const char  *text)
{
  WordLength word = { 0 };
  gsize length = 0;

  if (!fits_one_label (text, &length, &word))
    return create_long_text (state, g_markup_escape_text (text, -1), FALSE, 0);

  spend (state->self, length);
  return create_plain_label (text, "md-paragraph");
}

static GtkWidget *
create_paragraph (RenderState *state,
                  cmark_node  *node)
{
  g_autoptr(RehearseInlineMarkup) markup = NULL;
  g_autoptr(GPtrArray) images = NULL;
  GtkWidget *label;
  gsize length;

  if (!inline_text_fits_one_label (node, &length))
    return create_long_inline_text (state, node, 0);

  label = create_label (GTK_ACCESSIBLE_ROLE_LABEL, "md-paragraph");
  markup = rehearse_inline_markup_new (state->self->base_directory);
  build_inline_markup (markup, node);
  set_label_markup (label, markup);
  images = rehearse_inline_markup_take_images (markup);
  spend (state->self, length);
  return add_images (label, images);
}

static GtkWidget *
create_heading (RenderState *state,
                cmark_node  *node)
{
  int level = cmark_node_get_heading_level (node);
  GtkWidget *label;
  gsize length;

  if (!inline_text_fits_one_label (node, &length))
    return create_long_inline_text (state, node, level);

  label = create_heading_label (level);
  set_inline_markup (label, node);
  spend (state->self, length);
  return label;
}

static char *
strip_final_newline (const char *text)
{
  gsize length = text != NULL ? strlen (text) : 0;

  if (length > 0 && text[length - 1] == '\n')
    length--;
  return g_strndup (text != NULL ? text : "", length);
}

static GtkWidget *
create_flattened (RenderState *state,
                  cmark_node  *node)
{
  g_autofree char *text = rehearse_cmark_plain_text (node);

  if (*text == '\0')
    return NULL;
  return create_plain_text (state, text);
}

/* Scrollers inside the page */

/* GTK 4.8's scrolled window keeps every wheel turn over it, even one in a
 * direction it cannot scroll: over a code block or a table, wide or not, the
 * page stopped scrolling. Turns that are mostly vertical move the page (a
 * block never scrolls up and down); sideways ones and Shift+wheel (how a
 * mouse scrolls sideways) stay with the block. */
static gboolean
on_inner_scroll (GtkEventControllerScroll *controller,
                 double                    dx,
                 double                    dy,
                 gpointer                  user_data)
{
  GtkEventController *event_controller = GTK_EVENT_CONTROLLER (controller);
  GtkWidget *scroller = gtk_event_controller_get_widget (event_controller);
  GtkWidget *page = gtk_widget_get_ancestor (gtk_widget_get_parent (scroller),
                                             GTK_TYPE_SCROLLED_WINDOW);
  GdkModifierType state = gtk_event_controller_get_current_event_state (event_controller);
  GtkAdjustment *adjustment;
  double step;

  if (page == NULL || (state & GDK_SHIFT_MASK) != 0 || ABS (dy) <= ABS (dx))
    return GDK_EVENT_PROPAGATE;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (page));
  step = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL
         ? gtk_adjustment_get_step_increment (adjustment)
         : 1.0;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + dy * step);
  return GDK_EVENT_STOP;
}

static GtkWidget *
create_sideways_scroller (GtkWidget *child)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkEventController *scroll =
    gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), child);

  /* Capture: the scrolled window's own handler would take the event first. */
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_inner_scroll), NULL);
  gtk_widget_add_controller (scroller, scroll);
  return scroller;
}

/* Code blocks */

/* What authors write after a fence, for GtkSourceView's language ids
 * (Debian 12's GtkSourceView 5): the ids are not always the names
 * ("javascript" is "js", "csharp" is "c-sharp"), and some names are no file
 * extension either. Names that are an id or an extension GtkSourceView
 * knows ("rust", "kt") need no entry. */
static const struct
{
  const char *language_id;
  const char *names[9];
} language_aliases[] = {
  { "c-sharp", { "cs", "csharp", "c#", NULL } },
  { "cpp", { "c++", "cpp", "cxx", "cc", "hpp", "h++", NULL } },
  { "diff", { "diff", "patch", "udiff", NULL } },
  { "docker", { "docker", "dockerfile", "containerfile", NULL } },
  { "dosbatch", { "bat", "batch", "cmd", NULL } },
  { "erlang", { "erl", NULL } },
  { "go", { "go", "golang", NULL } },
  { "html", { "htm", "xhtml", NULL } },
  { "ini", { "cfg", NULL } },
  { "js", { "javascript", "js", "node", "nodejs", "mjs", "cjs", NULL } },
  { "json", { "json", "jsonc", "json5", NULL } },
  { "julia", { "jl", NULL } },
  { "kotlin", { "kt", "kts", NULL } },
  { "latex", { "tex", NULL } },
  { "makefile", { "make", "mk", NULL } },
  { "markdown", { "md", "gfm", NULL } },
  { "objc", { "objective-c", "objectivec", "obj-c", NULL } },
  { "perl", { "pl", NULL } },
  { "powershell", { "ps", "ps1", "psm1", "pwsh", "posh", NULL } },
  { "proto", { "proto", "protobuf", "proto3", NULL } },
  { "python", { "python2", "py2", NULL } },
  { "python3", { "py", "python", "py3", NULL } },
  { "ruby", { "rb", NULL } },
  { "sh", { "sh", "bash", "shell", "console", "shell-session", "shellsession", "zsh",
            "ksh", NULL } },
  { "sql", { "postgresql", "postgres", "psql", "mysql", "sqlite", "plsql", "tsql", NULL } },
  { "terraform", { "hcl", "tf", "tfvars", NULL } },
  { "typescript", { "ts", "mts", "cts", NULL } },
  { "typescript-jsx", { "tsx", NULL } },
  { "vbnet", { "vb", "vb.net", NULL } },
  { "yaml", { "yaml", "yml", NULL } },
};

static const struct
{
  const char *prefix;
  const char *language_id;
} content_prefixes[] = {
  { "FROM ", "docker" },
  { "RUN ", "docker" },
  { "ARG ", "docker" },
  { "$ ", "sh" },
  { "#!/bin/", "sh" },
  { "#!/usr/bin/env bash", "sh" },
  { "docker ", "sh" },
  { "kubectl ", "sh" },
  { "helm ", "sh" },
  { "sudo ", "sh" },
  { "{", "json" },
  { "apiVersion:", "yaml" },
  { "---", "yaml" },
};

static gboolean
looks_like_yaml_key (const char *line)
{
  const char *c = line;

  if (!g_ascii_isalpha (*c) && *c != '_')
    return FALSE;
  while (g_ascii_isalnum (*c) || *c == '_' || *c == '-' || *c == '.')
    c++;
  return c[0] == ':' && (c[1] == ' ' || c[1] == '\n' || c[1] == '\0');
}

static const char *
guess_language_id (const char *code)
{
  const char *line = code;

  while (g_ascii_isspace (*line))
    line++;

  for (guint i = 0; i < G_N_ELEMENTS (content_prefixes); i++)
    if (g_str_has_prefix (line, content_prefixes[i].prefix))
      return content_prefixes[i].language_id;

  return looks_like_yaml_key (line) ? "yaml" : NULL;
}

/* The first word of the fence's info string, lower case, or NULL when it
 * has characters no language name uses. */
static char *
info_language_name (const char *info)
{
  gsize length = 0;

  if (info == NULL)
    return NULL;
  while (g_ascii_isspace (*info))
    info++;
  while (info[length] != '\0' && !g_ascii_isspace (info[length]) && info[length] != '{')
    {
      if (!g_ascii_isalnum (info[length]) && strchr ("+#._-", info[length]) == NULL)
        return NULL;
      length++;
    }
  return length > 0 && length <= 32 ? g_ascii_strdown (info, length) : NULL;
}

static GtkSourceLanguage *
language_for_name (const char *name)
{
  GtkSourceLanguageManager *manager = gtk_source_language_manager_get_default ();
  GtkSourceLanguage *language;
  g_autofree char *file_name = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (language_aliases); i++)
    if (g_strv_contains (language_aliases[i].names, name))
      return gtk_source_language_manager_get_language (manager, language_aliases[i].language_id);

  language = gtk_source_language_manager_get_language (manager, name);
  if (language != NULL)
    return language;

  /* Names like "Makefile" are file names; "ts" or "rs" are extensions. */
  language = gtk_source_language_manager_guess_language (manager, name, NULL);
  if (language != NULL)
    return language;

  file_name = g_strconcat ("code.", name, NULL);
  return gtk_source_language_manager_guess_language (manager, file_name, NULL);
}

static GtkSourceLanguage *
find_code_language (const char *info_name,
                    const char *code)
{
  GtkSourceLanguageManager *manager = gtk_source_language_manager_get_default ();
  const char *guessed_id;

  /* An explicit name the view does not know means no highlighting, not a
   * guess that might contradict the author. */
  if (info_name != NULL)
    return language_for_name (info_name);

  guessed_id = guess_language_id (code);
  if (guessed_id == NULL)
    return NULL;
  return gtk_source_language_manager_get_language (manager, guessed_id);
}

static void
remove_source_id (gpointer data)
{
  g_source_remove (GPOINTER_TO_UINT (data));
}

static gboolean
on_copied_feedback_done (gpointer data)
{
  GtkButton *button = data;

  /* Stolen, not cleared: the source is ending and must not be removed. */
  g_object_steal_data (G_OBJECT (button), COPIED_TIMEOUT_KEY);
  gtk_button_set_icon_name (button, "edit-copy-symbolic");
  return G_SOURCE_REMOVE;
}

static void
on_copy_clicked (GtkButton     *button,
                 GtkTextBuffer *buffer)
{
  g_autofree char *code = NULL;
  GtkTextIter start, end;
  guint source_id;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  code = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), code);

  gtk_button_set_icon_name (button, "object-select-symbolic");
  source_id = g_timeout_add (COPIED_FEEDBACK_MS, on_copied_feedback_done, button);
  /* Replacing the data removes an earlier pending timeout; destroying the
   * button removes this one, so the callback never sees a dead button. */
  g_object_set_data_full (G_OBJECT (button), COPIED_TIMEOUT_KEY,
                          GUINT_TO_POINTER (source_id), remove_source_id);
}

static GtkWidget *
create_copy_button (GtkSourceBuffer *buffer)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("edit-copy-symbolic");

  gtk_widget_set_tooltip_text (button, _("Copy"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy code"),
                                  -1);
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "md-copy-button");
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_copy_clicked), buffer, 0);
  return button;
}

/* GtkSourceView parses and validates a language definition again whenever the
 * last buffer using it goes away: about 10 ms per code block each time the
 * view switches answers. An idle buffer per language keeps it parsed. */
static void
keep_language_loaded (RehearseMarkdownView *self,
                      GtkSourceLanguage    *language)
{
  const char *id;

  if (language == NULL)
    return;

  id = gtk_source_language_get_id (language);
  if (!g_hash_table_contains (self->loaded_languages, id))
    g_hash_table_insert (self->loaded_languages, g_strdup (id),
                         gtk_source_buffer_new_with_language (language));
}

typedef struct
{
  GWeakRef           view;
  GtkSourceBuffer   *buffer;
  GtkSourceLanguage *language;
} LateLanguage;

static void
late_language_free (gpointer data)
{
  LateLanguage *late = data;

  g_weak_ref_clear (&late->view);
  g_object_unref (late->buffer);
  g_object_unref (late->language);
  g_free (late);
}

static void set_language (RehearseMarkdownView *self,
                          GtkSourceBuffer      *buffer,
                          GtkSourceLanguage    *language);
static void label_code_view (GtkWidget         *view,
                             const char        *info_name,
                             GtkSourceLanguage *language);

/* The first lookup of a language reads the header of every language
 * definition installed (8 to 10 ms), so the first code block of the process
 * finds its language after the first frame; later lookups are immediate. */
static gboolean languages_scanned;

typedef struct
{
  GWeakRef         view;
  GWeakRef         code_view;
  GtkSourceBuffer *buffer;
  char            *info_name;
} LateLookup;

static void
late_lookup_free (gpointer data)
{
  LateLookup *late = data;

  g_weak_ref_clear (&late->view);
  g_weak_ref_clear (&late->code_view);
  g_object_unref (late->buffer);
  g_free (late->info_name);
  g_free (late);
}

static void
find_and_set_language (RehearseMarkdownView *self,
                       GtkWidget            *code_view,
                       GtkSourceBuffer      *buffer,
                       const char           *info_name,
                       const char           *code)
{
  GtkSourceLanguage *language = find_code_language (info_name, code);

  languages_scanned = TRUE;

  label_code_view (code_view, info_name, language);
  set_language (self, buffer, language);
}

static gboolean
look_up_language_late (gpointer data)
{
  LateLookup *late = data;
  g_autoptr(RehearseMarkdownView) self = g_weak_ref_get (&late->view);
  g_autoptr(GtkWidget) code_view = g_weak_ref_get (&late->code_view);
  g_autofree char *code = NULL;
  GtkTextIter start, end;

  if (self == NULL || code_view == NULL)
    return G_SOURCE_REMOVE;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (late->buffer), &start, &end);
  code = gtk_text_buffer_get_text (GTK_TEXT_BUFFER (late->buffer), &start, &end, FALSE);
  find_and_set_language (self, code_view, late->buffer, late->info_name, code);

  return G_SOURCE_REMOVE;
}

/* After the first frame: the first code block of the process. */
static void
look_up_language_later (RehearseMarkdownView *self,
                        GtkWidget            *code_view,
                        GtkSourceBuffer      *buffer,
                        const char           *info_name)
{
  LateLookup *late = g_new0 (LateLookup, 1);

  label_code_view (code_view, info_name, NULL);
  g_weak_ref_init (&late->view, self);
  g_weak_ref_init (&late->code_view, code_view);
  late->buffer = g_object_ref (buffer);
  late->info_name = g_strdup (info_name);
  g_idle_add_full (G_PRIORITY_LOW, look_up_language_late, late, late_lookup_free);
}

static gboolean
set_language_late (gpointer data)
{
  LateLanguage *late = data;
  g_autoptr(RehearseMarkdownView) self = g_weak_ref_get (&late->view);

  gtk_source_buffer_set_language (late->buffer, late->language);
  if (self != NULL)
    keep_language_loaded (self, late->language);

  return G_SOURCE_REMOVE;
}

/* Parsing a language definition the first time takes 10 to 50 ms: too long
 * for the first frame or for a switch of question. The code shows at once
 * and is highlighted just after, once the frame is out. */
static void
set_language (RehearseMarkdownView *self,
              GtkSourceBuffer      *buffer,
              GtkSourceLanguage    *language)
{
  LateLanguage *late;

  if (language == NULL
      || g_hash_table_contains (self->loaded_languages, gtk_source_language_get_id (language)))
    {
      gtk_source_buffer_set_language (buffer, language);
      return;
    }

  late = g_new0 (LateLanguage, 1);
  g_weak_ref_init (&late->view, self);
  late->buffer = g_object_ref (buffer);
  late->language = g_object_ref (language);
  g_idle_add_full (G_PRIORITY_LOW, set_language_late, late, late_language_free);
}

static GtkSourceBuffer *
create_code_buffer (RehearseMarkdownView *self,
                    const char           *code)
{
  GtkSourceBuffer *buffer = gtk_source_buffer_new (NULL);

  /* Before the text goes in, so no undo history is recorded for it. */
  gtk_text_buffer_set_enable_undo (GTK_TEXT_BUFFER (buffer), FALSE);
  gtk_source_buffer_set_highlight_matching_brackets (buffer, FALSE);
  rehearse_source_style_follow (buffer);
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), code, -1);

  g_ptr_array_add (self->code_buffers, buffer);
  return buffer;
}

static void
label_code_view (GtkWidget         *view,
                 const char        *info_name,
                 GtkSourceLanguage *language)
{
  const char *name = info_name != NULL ? info_name
                     : language != NULL ? gtk_source_language_get_name (language)
                     : NULL;
  g_autofree char *label = NULL;

  if (name != NULL)
    label = g_strdup_printf (_("Code, %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label != NULL ? label : _("Code"),
                                  -1);
  /* And the pane that scrolls it sideways, which a screen reader meets
   * first. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (view)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label != NULL ? label : _("Code"),
                                  -1);
}

static GtkWidget *
create_code_block (RehearseMarkdownView *self,
                   cmark_node           *node)
{
  g_autofree char *code = strip_final_newline (cmark_node_get_literal (node));
  g_autofree char *info_name = info_language_name (cmark_node_get_fence_info (node));
  GtkSourceBuffer *buffer;
  GtkWidget *view;
  GtkWidget *scroller;
  GtkWidget *block = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  /* Here, not at start-up: an answer without code needs no GtkSourceView. */
  gtk_source_init ();
  buffer = create_code_buffer (self, code);
  view = rehearse_code_view_new (buffer);
  /* Long lines scroll sideways: wrapped shell commands are misleading. The
   * copy button has a column of its own, so that no line runs under it. */
  scroller = create_sideways_scroller (view);
  if (languages_scanned)
    find_and_set_language (self, view, buffer, info_name, code);
  else
    look_up_language_later (self, view, buffer, info_name);

  gtk_widget_set_hexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (block), scroller);
  gtk_box_append (GTK_BOX (block), create_copy_button (buffer));
  gtk_widget_set_overflow (block, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (block, "md-code");
  return block;
}

/* Tables */

static float
cell_xalign (cmark_node *table,
             guint       column)
{
  uint8_t *alignments = cmark_gfm_extensions_get_table_alignments (table);

  if (alignments == NULL || column >= cmark_gfm_extensions_get_table_columns (table))
    return 0.0f;

  switch (alignments[column])
    {
    case 'c':
      return 0.5f;

    case 'r':
      return 1.0f;

    default:
      return 0.0f;
    }
}

/* A wrapping cell would make the table's height follow its narrowest
 * layout inside the scrolled window, leaving a gap below it. So short cells
 * stay on one line, long ones wrap at a fixed width, and a table wider than
 * the view scrolls. */
static void
set_cell_wrapping (GtkLabel *label)
{
  gboolean is_long = g_utf8_strlen (gtk_label_get_text (label), -1) > TABLE_CELL_WRAP_CHARS;

  gtk_label_set_wrap (label, is_long);
  if (is_long)
    {
      gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD);
      gtk_label_set_width_chars (label, TABLE_CELL_WRAP_CHARS);
      gtk_label_set_max_width_chars (label, TABLE_CELL_WRAP_CHARS);
    }
}

static GtkWidget *
create_table_cell (cmark_node *cell,
                   float       xalign,
                   gboolean    is_header)
{
  GtkWidget *label = create_label (GTK_ACCESSIBLE_ROLE_LABEL, "md-table-cell");

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (is_header)
    gtk_widget_add_css_class (label, "md-table-header");
  set_inline_markup (label, cell);
  set_cell_wrapping (GTK_LABEL (label));
  return label;
}

/* As many rows as the step allows; the rest waits for "Show More". */
static void
append_table_rows (RenderState *state,
                   GtkWidget   *grid,
                   cmark_node  *first_row,
                   int          row_index)
{
  cmark_node *table = cmark_node_parent (first_row);

  for (cmark_node *row = first_row; row != NULL; row = cmark_node_next (row), row_index++)
    {
      gboolean is_header = cmark_gfm_extensions_get_table_row_is_header (row);
      guint column = 0;

      if (step_is_spent (state->self))
        {
          defer (state, PENDING_TABLE_ROWS, grid, row)->number = row_index;
          return;
        }

      for (cmark_node *cell = cmark_node_first_child (row); cell != NULL;
           cell = cmark_node_next (cell), column++)
        {
          GtkWidget *label = create_table_cell (cell, cell_xalign (table, column), is_header);

          gtk_grid_attach (GTK_GRID (grid), label, column, row_index, 1, 1);
          spend (state->self, strlen (gtk_label_get_text (GTK_LABEL (label))));
        }
    }
}

static GtkWidget *
create_table (RenderState *state,
              cmark_node  *table)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *scroller;

  gtk_widget_add_css_class (grid, "md-table");
  gtk_widget_set_halign (grid, GTK_ALIGN_START);
  if (cmark_node_first_child (table) != NULL)
    append_table_rows (state, grid, cmark_node_first_child (table), 0);

  scroller = create_sideways_scroller (grid);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scroller), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Table"), -1);
  return scroller;
}

/* HTML blocks */

/* The blocks of one parent (the answer's top level, a quote, a list item)
 * read in order as one flow, made at its first HTML block: text becomes
 * paragraphs, <details> an expander that holds the blocks that follow up
 * to its </details>. A step may end anywhere in it, even inside an HTML
 * block, so the flow keeps where it stands and the pending step carries
 * it: HTML answers go on behind "Show More" as plain ones do. */
struct HtmlFlow
{
  GPtrArray            *containers;  /* the innermost last; [0] the parent's */
  RehearseInlineMarkup *text;
  RehearseInlineMarkup *summary;     /* while a <summary> is read */
  GtkWidget            *expander;    /* the <details> whose summary it is */
  guint                 depth;       /* expanders open, deeper by as many levels */
  guint                 flat_details;/* <details> past MAX_BLOCK_DEPTH */
  cmark_node           *block;       /* the HTML block it stands in, or NULL */
  RehearseHtmlReader    reader;      /* where in that block */
};

static HtmlFlow *
html_flow_new (RenderState *state,
               GtkWidget   *container)
{
  HtmlFlow *flow = g_new0 (HtmlFlow, 1);

  flow->containers = g_ptr_array_new ();
  g_ptr_array_add (flow->containers, container);
  flow->text = rehearse_inline_markup_new (state->self->base_directory);
  return flow;
}

/* Memory only: the widgets it points to may be going away. */
static void
html_flow_free (HtmlFlow *flow)
{
  if (flow == NULL)
    return;
  g_ptr_array_unref (flow->containers);
  rehearse_inline_markup_free (flow->text);
  g_clear_pointer (&flow->summary, rehearse_inline_markup_free);
  g_free (flow);
}

static GtkWidget *
html_flow_get_container (HtmlFlow *flow)
{
  return g_ptr_array_index (flow->containers, flow->containers->len - 1);
}

/* The text read so far becomes a paragraph. */
static void
html_flow_break (RenderState *state,
                 HtmlFlow    *flow)
{
  GtkWidget *label;
  g_autoptr(GPtrArray) images = rehearse_inline_markup_take_images (flow->text);
  gsize length = rehearse_inline_markup_get_length (flow->text);

  if (rehearse_inline_markup_is_empty (flow->text) && images->len == 0)
    {
      g_free (rehearse_inline_markup_finish (flow->text));
      return;
    }
  /* Long text from HTML is laid out in bounded parts, as any other. */
  if (length > LABEL_MAX_CHARS)
    {
      gboolean has_links = rehearse_inline_markup_has_links (flow->text);

      append_child (html_flow_get_container (flow),
                    create_long_text (state, rehearse_inline_markup_finish (flow->text),
                                      has_links, 0));
      return;
    }
  label = create_label (GTK_ACCESSIBLE_ROLE_LABEL, "md-paragraph");
  set_label_markup (label, flow->text);
  append_child (html_flow_get_container (flow), add_images (label, images));
  /* What it lays out is what an HTML block costs: 100,000 <div>s that
   * show nothing cost nothing. The length counts tags: an upper bound. */
  spend (state->self, length);
}

static void
html_flow_end_summary (HtmlFlow *flow)
{
  GtkWidget *label;

  if (flow->summary == NULL)
    return;

  if (!rehearse_inline_markup_is_empty (flow->summary) && flow->expander != NULL)
    {
      label = create_label (GTK_ACCESSIBLE_ROLE_LABEL, "md-summary");
      set_label_markup (label, flow->summary);
      /* A click on the summary opens the details, as on GitHub: a
       * selectable label would keep the click to place its cursor. */
      gtk_label_set_selectable (GTK_LABEL (label), FALSE);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_expander_set_label_widget (GTK_EXPANDER (flow->expander), label);
    }
  g_clear_pointer (&flow->summary, rehearse_inline_markup_free);
}

static void
html_flow_open_details (RenderState *state,
                        HtmlFlow    *flow)
{
  GtkWidget *content;

  html_flow_break (state, flow);
  html_flow_end_summary (flow);
  if (state->depth >= MAX_BLOCK_DEPTH)
    {
      flow->flat_details++;
      flow->expander = NULL;
      return;
    }

  /* Closed, as the author's readers see it on GitHub. */
  flow->expander = gtk_expander_new (_("Details"));
  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, BLOCK_SPACING);
  gtk_widget_set_margin_top (content, TIGHT_SPACING);
  gtk_widget_set_margin_start (content, BLOCK_SPACING);
  gtk_expander_set_child (GTK_EXPANDER (flow->expander), content);
  gtk_widget_add_css_class (flow->expander, "md-details");
  append_child (html_flow_get_container (flow), flow->expander);
  g_ptr_array_add (flow->containers, content);
  state->depth++;
  flow->depth++;
  spend (state->self, 0);
}

static void
html_flow_close_details (RenderState *state,
                         HtmlFlow    *flow)
{
  html_flow_end_summary (flow);
  html_flow_break (state, flow);
  flow->expander = NULL;
  if (flow->flat_details > 0)
    flow->flat_details--;
  else if (flow->containers->len > 1)
    {
      g_ptr_array_set_size (flow->containers, flow->containers->len - 1);
      state->depth--;
      flow->depth--;
    }
}

static void
html_flow_read_token (RenderState             *state,
                      HtmlFlow                *flow,
                      const RehearseHtmlToken *token)
{
  gboolean start = token->type == REHEARSE_HTML_START_TAG;

  switch (rehearse_html_token_get_kind (token))
    {
    case REHEARSE_HTML_KIND_DETAILS:
      if (start)
        html_flow_open_details (state, flow);
      else
        html_flow_close_details (state, flow);
      return;

    case REHEARSE_HTML_KIND_SUMMARY:
      /* A summary outside a <details> is bold text, as is one past the
       * depth limit. */
      if (flow->expander == NULL)
        break;
      if (start && flow->summary == NULL)
        {
          html_flow_break (state, flow);
          flow->summary = rehearse_inline_markup_new (NULL);
        }
      else if (!start)
        html_flow_end_summary (flow);
      return;

    case REHEARSE_HTML_KIND_BLOCK:
      if (flow->summary == NULL && start)
        html_flow_break (state, flow);
      break;

    case REHEARSE_HTML_KIND_INLINE:
    case REHEARSE_HTML_KIND_IMAGE:
    default:
      break;
    }

  rehearse_inline_markup_append_token (flow->summary != NULL ? flow->summary : flow->text,
                                       token);
  if (flow->summary == NULL && !start
      && rehearse_html_token_get_kind (token) == REHEARSE_HTML_KIND_BLOCK)
    html_flow_break (state, flow);
}

/* Reads the HTML block @node on from where the flow stands in it while
 * the step allows; TRUE once it is read to its end. A step runs out only
 * where text has just become a paragraph: no text waits half read, and
 * an open <summary> waits in the flow. */
static gboolean
html_flow_read (RenderState *state,
                HtmlFlow    *flow,
                cmark_node  *node)
{
  RehearseHtmlReader before;
  RehearseHtmlToken token;

  if (flow->block != node)
    {
      const char *html = cmark_node_get_literal (node);

      flow->block = node;
      rehearse_html_reader_init (&flow->reader, html != NULL ? html : "",
                                 html != NULL ? strlen (html) : 0);
    }

  before = flow->reader;
  while (rehearse_html_reader_next (&flow->reader, &token))
    {
      /* A step that is spent leaves the token for the next one. */
      if (step_is_spent (state->self))
        {
          flow->reader = before;
          return FALSE;
        }
      html_flow_read_token (state, flow, &token);
      before = flow->reader;
    }

  flow->block = NULL;
  /* Markdown blocks may follow: they are paragraphs of their own. */
  html_flow_break (state, flow);
  return TRUE;
}

/* The parent's blocks are all read: a <summary> never closed is still
 * the expander's. */
static void
html_flow_finish (RenderState *state,
                  HtmlFlow    *flow)
{
  if (flow == NULL)
    return;
  html_flow_end_summary (flow);
  html_flow_break (state, flow);
}

/* Containers */

static void
append_child (GtkWidget *container,
              GtkWidget *child)
{
  if (child == NULL)
    return;

  if (GTK_IS_BOX (container))
    gtk_box_append (GTK_BOX (container), child);
  else
    gtk_widget_set_parent (child, container);
}

/* What a block of text of its own costs: its text, and a code block's
 * lines (each a line of the text view). */
static gsize
literal_cost (cmark_node *node)
{
  const char *literal = cmark_node_get_literal (node);
  gsize lines = 0;

  if (literal == NULL)
    return 0;
  for (const char *newline = strchr (literal, '\n'); newline != NULL;
       newline = strchr (newline + 1, '\n'))
    lines++;
  return strlen (literal) + lines * 8;
}

/* A parent's blocks from @first while the step allows, each into
 * @container or, once an HTML block made *@flow, where the flow stands
 * (inside an open <details>, say). Returns the first block left (the
 * HTML block the flow stopped in, or the next), or NULL once all are
 * read. */
static cmark_node *
read_blocks (RenderState  *state,
             cmark_node   *first,
             GtkWidget    *container,
             HtmlFlow    **flow)
{
  cmark_node *child = first;

  /* The blocks inside the flow's open <details> are that much deeper. */
  if (*flow != NULL)
    state->depth += (*flow)->depth;

  for (; child != NULL && !step_is_spent (state->self); child = cmark_node_next (child))
    {
      if (cmark_node_get_type (child) == CMARK_NODE_HTML_BLOCK)
        {
          if (*flow == NULL)
            *flow = html_flow_new (state, container);
          if (!html_flow_read (state, *flow, child))
            break;
          continue;
        }
      /* A summary holds no Markdown block: one left open ends here, so
       * that the expander says what it holds from the first step. */
      if (*flow != NULL)
        html_flow_end_summary (*flow);
      append_child (*flow != NULL ? html_flow_get_container (*flow) : container,
                    render_block (state, child));
      spend (state->self, literal_cost (child));
    }

  if (*flow != NULL)
    state->depth -= (*flow)->depth;
  return child;
}

/* As many blocks as the step allows; the rest waits for "Show More",
 * with the flow they are read in. */
static void
render_blocks_from (RenderState  *state,
                    cmark_node   *first,
                    GtkWidget    *container,
                    HtmlFlow    **flow)
{
  cmark_node *left = read_blocks (state, first, container, flow);

  if (left != NULL)
    {
      defer (state, PENDING_BLOCKS, container, left)->flow = g_steal_pointer (flow);
      return;
    }
  html_flow_finish (state, *flow);
  g_clear_pointer (flow, html_flow_free);
}

static void
render_children (RenderState *state,
                 cmark_node  *parent,
                 GtkWidget   *container)
{
  HtmlFlow *flow = NULL;

  render_blocks_from (state, cmark_node_first_child (parent), container, &flow);
}

static GtkWidget *
create_block_quote (RenderState *state,
                    cmark_node  *node)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, BLOCK_SPACING);

  gtk_widget_add_css_class (box, "md-blockquote");
  render_children (state, node, box);
  return box;
}

static const char *
bullet_for_depth (guint list_depth)
{
  static const char * const bullets[] = { "•", "◦", "▪" };

  return bullets[list_depth % G_N_ELEMENTS (bullets)];
}

static char *
list_marker_text (cmark_node *list,
                  gint64      number,
                  guint       list_depth)
{
  if (cmark_node_get_list_type (list) != CMARK_ORDERED_LIST)
    return g_strdup (bullet_for_depth (list_depth));

  return g_strdup_printf ("%" G_GINT64_FORMAT "%c", number,
                          cmark_node_get_list_delim (list) == CMARK_PAREN_DELIM ? ')' : '.');
}

static GtkWidget *
create_task_marker (cmark_node *item)
{
  GtkWidget *check = gtk_check_button_new ();

  /* Shows the author's state; an answer is not a to-do list to tick off. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               cmark_gfm_extensions_get_tasklist_item_checked (item));
  gtk_widget_set_sensitive (check, FALSE);
  gtk_widget_set_valign (check, GTK_ALIGN_START);
  gtk_widget_add_css_class (check, "md-task-marker");
  return check;
}

static GtkWidget *
create_list_marker (const char *text,
                    int         width_chars,
                    gboolean    ordered)
{
  GtkWidget *label = gtk_label_new (text);

  /* Numbers line up on their right edge, as in a word processor. */
  gtk_label_set_width_chars (GTK_LABEL (label), width_chars);
  gtk_label_set_xalign (GTK_LABEL (label), ordered ? 1.0f : 0.5f);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_widget_add_css_class (label, "md-list-marker");
  return label;
}

static GtkWidget *
create_list_item (RenderState *state,
                  cmark_node  *item,
                  GtkWidget   *marker,
                  int          spacing)
{
  GtkWidget *row = g_object_new (GTK_TYPE_BOX,
                                 "accessible-role", GTK_ACCESSIBLE_ROLE_LIST_ITEM,
                                 NULL);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, spacing);

  /* A box for its accessible role, laid out marker | content. */
  gtk_widget_set_layout_manager (row, rehearse_list_row_layout_new (8));
  gtk_widget_set_hexpand (content, TRUE);
  gtk_widget_add_css_class (row, "md-list-item");
  gtk_box_append (GTK_BOX (row), marker);
  gtk_box_append (GTK_BOX (row), content);

  state->depth++;
  if (state->depth > MAX_BLOCK_DEPTH)
    append_child (content, create_flattened (state, item));
  else
    render_children (state, item, content);
  state->depth--;
  return row;
}

static int
count_children (cmark_node *node)
{
  int count = 0;

  for (cmark_node *child = cmark_node_first_child (node); child != NULL;
       child = cmark_node_next (child))
    count++;
  return count;
}

static int
list_spacing (cmark_node *list)
{
  return cmark_node_get_list_tight (list) ? TIGHT_SPACING : BLOCK_SPACING;
}

/* As many items as the step allows; the rest waits for "Show More". */
static void
append_list_items (RenderState *state,
                   GtkWidget   *box,
                   cmark_node  *first_item,
                   gint64       number)
{
  cmark_node *list = cmark_node_parent (first_item);
  gboolean ordered = cmark_node_get_list_type (list) == CMARK_ORDERED_LIST;
  gint64 start = cmark_node_get_list_start (list);
  g_autofree char *widest = list_marker_text (list, start + count_children (list) - 1, 0);
  int width_chars = ordered ? (int) strlen (widest) : 1;

  for (cmark_node *item = first_item; item != NULL; item = cmark_node_next (item), number++)
    {
      g_autofree char *text = NULL;
      GtkWidget *marker;

      if (step_is_spent (state->self))
        {
          defer (state, PENDING_LIST_ITEMS, box, item)->number = number;
          return;
        }

      text = list_marker_text (list, number, state->list_depth);
      marker = rehearse_cmark_node_is_extension (item, "tasklist")
               ? create_task_marker (item)
               : create_list_marker (text, width_chars, ordered);
      state->list_depth++;
      gtk_box_append (GTK_BOX (box), create_list_item (state, item, marker, list_spacing (list)));
      state->list_depth--;
      spend (state->self, 0);
    }
}

static GtkWidget *
create_list (RenderState *state,
             cmark_node  *list)
{
  GtkWidget *box = g_object_new (GTK_TYPE_BOX,
                                 "accessible-role", GTK_ACCESSIBLE_ROLE_LIST,
                                 "orientation", GTK_ORIENTATION_VERTICAL,
                                 "spacing", list_spacing (list),
                                 NULL);

  gtk_widget_add_css_class (box, "md-list");
  if (cmark_node_first_child (list) != NULL)
    append_list_items (state, box, cmark_node_first_child (list),
                       cmark_node_get_list_start (list));
  return box;
}

static GtkWidget *
render_container (RenderState *state,
                  cmark_node  *node)
{
  GtkWidget *widget;

  if (state->depth >= MAX_BLOCK_DEPTH)
    return create_flattened (state, node);

  state->depth++;
  if (cmark_node_get_type (node) == CMARK_NODE_LIST)
    widget = create_list (state, node);
  else
    widget = create_block_quote (state, node);
  state->depth--;
  return widget;
}

static GtkWidget *
render_block (RenderState *state,
              cmark_node  *node)
{
  switch ((int) cmark_node_get_type (node))
    {
    case CMARK_NODE_PARAGRAPH:
      return create_paragraph (state, node);

    case CMARK_NODE_HEADING:
      return create_heading (state, node);

    case CMARK_NODE_CODE_BLOCK:
      return create_code_block (state->self, node);

    case CMARK_NODE_THEMATIC_BREAK:
      return gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);

    case CMARK_NODE_BLOCK_QUOTE:
    case CMARK_NODE_LIST:
      return render_container (state, node);

    default:
      if (rehearse_cmark_node_is_extension (node, "table"))
        return create_table (state, node);
      return create_flattened (state, node);
    }
}

/* The view */

static void
remove_blocks (RehearseMarkdownView *self)
{
  GtkWidget *child;

  g_clear_handle_id (&self->continue_id, g_source_remove);
  g_ptr_array_set_size (self->pending, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_ptr_array_set_size (self->code_buffers, 0);
  g_ptr_array_set_size (self->documents, 0);
}

/* The opening line of a code fence ("```" or "~~~", three or more, after
 * at most three spaces): its character and length, or a length of 0. */
static gsize
fence_length (const char *line,
              const char *line_end,
              char       *character)
{
  const char *p = line;
  gsize length = 0;

  while (p < line_end && *p == ' ' && p - line < 3)
    p++;
  if (p >= line_end || (*p != '`' && *p != '~'))
    return 0;
  while (p + length < line_end && p[length] == *p)
    length++;
  *character = *p;
  return length >= 3 ? length : 0;
}

static gboolean
is_blank_line (const char *line,
               const char *line_end)
{
  for (const char *p = line; p < line_end; p++)
    if (*p != ' ' && *p != '\t' && *p != '\r')
      return FALSE;
  return TRUE;
}

/* A table's delimiter row: "|---|:-:|", dashes, colons, pipes and spaces. */
static gboolean
is_delimiter_row (const char *line,
                  const char *line_end)
{
  gboolean has_dash = FALSE;

  for (const char *p = line; p < line_end; p++)
    {
      if (strchr ("|:- \t\r", *p) == NULL)
        return FALSE;
      has_dash = has_dash || *p == '-';
    }
  return has_dash && memchr (line, '|', (gsize) (line_end - line)) != NULL;
}

/* The last place in text[@start, @cut) after a space or a tag's ">" that
 * is not inside a tag: a tag cut in two would show as text. @start when
 * there is none. One pass. */
static gsize
line_cut_outside_tags (const char *text,
                       gsize       start,
                       gsize       cut)
{
  gboolean in_tag = FALSE;
  gsize best = start;

  for (gsize i = start; i < cut; i++)
    {
      if (text[i] == '<')
        in_tag = TRUE;
      else if (text[i] == '>')
        {
          in_tag = FALSE;
          best = i + 1;
        }
      else if (text[i] == ' ' && !in_tag)
        best = i + 1;
    }
  return best;
}

/* Where the piece from @start ends: before the last line that fits and
 * follows a blank line outside code without indentation (where a block
 * starts that no list or quote holds), or else after the last line that
 * fits (*@in_block), or else (one line longer than a piece) at a space or
 * a character. A piece cut inside a code fence
 * leaves its opening line in *@fence_at_end, and one cut inside a table
 * its header and delimiter rows in *@table_at_end, for the next piece to
 * start with. */
static gsize
find_piece_end (const char  *text,
                gsize        length,
                gsize        start,
                const char  *fence_at_start,
                const char  *table_at_start,
                char       **fence_at_end,
                char       **table_at_end,
                gboolean    *in_block)
{
  const char *fence = fence_at_start;
  gsize fence_line_length = fence != NULL ? strlen (fence) : 0;
  char fence_character = '\0';
  gsize fence_size = fence != NULL ? fence_length (fence, fence + fence_line_length,
                                                   &fence_character) : 0;
  gsize last_blank = 0, last_line_end = 0, cut;
  const char *fence_at_last_line = fence;
  gsize fence_length_at_last_line = fence_line_length;
  const char *table = table_at_start, *table_at_last_line = NULL, *previous_line = NULL;
  gsize table_length = table != NULL ? strlen (table) : 0, table_length_at_last_line = 0;
  gboolean after_blank = FALSE;
  guint lines = 0;

  *fence_at_end = NULL;
  *table_at_end = NULL;
  *in_block = FALSE;
  for (const char *line = text + start; line < text + length; lines++)
    {
      const char *newline = memchr (line, '\n', (gsize) (text + length - line));
      const char *line_end = newline != NULL ? newline : text + length;
      gsize next = newline != NULL ? (gsize) (newline + 1 - text) : length;
      char character = '\0';
      gsize size;

      if (next - start > PIECE_MAX_BYTES || lines >= PIECE_MAX_LINES)
        break;
      if (next == length)
        return length;

      if (after_blank && fence == NULL && line < line_end && *line != ' ' && *line != '\t')
        last_blank = (gsize) (line - text);
      after_blank = fence == NULL && is_blank_line (line, line_end);

      size = fence_length (line, line_end, &character);
      if (fence == NULL && size > 0)
        {
          fence = line;
          fence_line_length = (gsize) (line_end - line);
          fence_character = character;
          fence_size = size;
        }
      else if (fence != NULL && size >= fence_size && character == fence_character)
        fence = NULL;
      else if (fence == NULL && after_blank)
        table = NULL;
      else if (fence == NULL && previous_line != NULL && is_delimiter_row (line, line_end))
        {
          table = previous_line;
          table_length = (gsize) (line_end - previous_line);
        }

      previous_line = after_blank ? NULL : line;
      table_at_last_line = table;
      table_length_at_last_line = table_length;
      last_line_end = next;
      fence_at_last_line = fence;
      fence_length_at_last_line = fence_line_length;
      line = text + next;
    }

  if (last_blank > start)
    return last_blank;
  if (last_line_end > start)
    {
      if (fence_at_last_line != NULL)
        *fence_at_end = g_strndup (fence_at_last_line, fence_length_at_last_line);
      else if (table_at_last_line != NULL)
        *table_at_end = g_strndup (table_at_last_line, table_length_at_last_line);
      *in_block = fence_at_last_line == NULL && table_at_last_line == NULL;
      return last_line_end;
    }

  if (fence != NULL)
    *fence_at_end = g_strndup (fence, fence_line_length);
  cut = MIN (start + LINE_PIECE_BYTES, length);
  {
    gsize at = line_cut_outside_tags (text, start, cut);

    if (at > start + LINE_PIECE_BYTES / 2)
      return at;
  }
  while (cut > start + 1 && (text[cut] & 0xc0) == 0x80)
    cut--;
  return cut;
}

/* A piece cut inside a list or a quote starts with its lines' indentation,
 * which would read as code: each line loses as much of it as the first
 * line has. */
static void
append_dedented (GString    *piece,
                 const char *text,
                 gsize       length)
{
  const char *end = text + length;
  gsize indent = 0;

  while (indent < length && text[indent] == ' ')
    indent++;
  for (const char *line = text; line < end;)
    {
      const char *newline = memchr (line, '\n', (gsize) (end - line));
      const char *next = newline != NULL ? newline + 1 : end;

      for (gsize i = 0; i < indent && line < next && *line == ' '; i++)
        line++;
      g_string_append_len (piece, line, next - line);
      line = next;
    }
}

/* Parses the piece of the answer that starts at @top's offset, and moves
 * @top on to where the next one starts; returns the piece's first block. */
static cmark_node *
parse_piece (RehearseMarkdownView *self,
             Pending              *top)
{
  gsize length = self->markdown_length;
  g_autofree char *fence_at_end = NULL;
  g_autofree char *table_at_end = NULL;
  gboolean ends_in_block;
  gsize end = find_piece_end (self->markdown, length, top->offset, top->fence, top->table,
                              &fence_at_end, &table_at_end, &ends_in_block);
  g_autoptr(GString) piece = g_string_new (NULL);
  cmark_node *document;

  /* A table goes on under its header again, as printed tables do. */
  if (top->fence != NULL)
    g_string_append_printf (piece, "%s\n", top->fence);
  else if (top->table != NULL)
    g_string_append_printf (piece, "%s\n", top->table);
  if (top->in_block)
    append_dedented (piece, self->markdown + top->offset, end - top->offset);
  else
    g_string_append_len (piece, self->markdown + top->offset, (gssize) (end - top->offset));
  document = rehearse_cmark_parse (piece->str, piece->len);
  g_ptr_array_add (self->documents, document);
  self->parsed += piece->len;

  top->offset = end;
  g_free (top->fence);
  top->fence = g_steal_pointer (&fence_at_end);
  g_free (top->table);
  top->table = g_steal_pointer (&table_at_end);
  top->in_block = ends_in_block;
  return cmark_node_first_child (document);
}

/* The answer's top level: the blocks left of the piece parsed last, or
 * else the next piece, while the step allows. What is left waits again
 * with the flow its blocks are read in, so that a <details> opened in one
 * piece holds the blocks of the next ones, up to its </details>. */
static void
render_top_level (RehearseMarkdownView *self,
                  Pending              *top)
{
  RenderState state = { self, 0, 0 };
  cmark_node *first = top->node != NULL ? top->node : parse_piece (self, top);
  cmark_node *left = read_blocks (&state, first, GTK_WIDGET (self), &top->flow);
  Pending *rest;

  if (left == NULL && top->offset == self->markdown_length)
    {
      html_flow_finish (&state, top->flow);
      return;
    }

  rest = defer (&state, PENDING_PIECE, GTK_WIDGET (self), left);
  rest->flow = g_steal_pointer (&top->flow);
  rest->offset = top->offset;
  rest->fence = g_steal_pointer (&top->fence);
  rest->table = g_steal_pointer (&top->table);
  rest->in_block = top->in_block;
}

static void
render_pending (RehearseMarkdownView *self,
                Pending              *pending)
{
  RenderState state = { self, pending->depth, pending->list_depth };

  switch (pending->kind)
    {
    case PENDING_BLOCKS:
      render_blocks_from (&state, pending->node, pending->container, &pending->flow);
      break;

    case PENDING_LIST_ITEMS:
      append_list_items (&state, pending->container, pending->node, pending->number);
      break;

    case PENDING_TABLE_ROWS:
      append_table_rows (&state, pending->container, pending->node, (int) pending->number);
      break;

    case PENDING_PARTS:
      append_markup_parts (&state, pending->container, &pending->parts);
      break;

    case PENDING_PIECE:
      render_top_level (self, pending);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* What was left, in reading order (the innermost first), until the
 * step's budget is spent; what is still left waits again. */
static void
render_step (RehearseMarkdownView *self)
{
  while (self->pending->len > 0 && !step_is_spent (self))
    {
      g_autoptr(GPtrArray) left = g_steal_pointer (&self->pending);

      self->pending = g_ptr_array_new_with_free_func (pending_free);
      for (guint i = 0; i < left->len; i++)
        {
          if (step_is_spent (self))
            {
              g_ptr_array_add (self->pending, g_ptr_array_index (left, i));
              left->pdata[i] = NULL;
            }
          else
            render_pending (self, g_ptr_array_index (left, i));
        }
    }
}

static void update_show_more (RehearseMarkdownView *self,
                              gboolean              had_focus);

static gboolean
continue_steps (gpointer user_data)
{
  RehearseMarkdownView *self = user_data;

  self->continue_id = 0;
  start_step (self);
  render_step (self);
  update_show_more (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* Last in the view while anything is left; it keeps the keyboard focus
 * from one step to the next. A "Show More" under nothing would show a
 * blank answer with a button: while no step has shown anything (text
 * that shows nothing, such as thousands of link definitions, ends steps
 * by its parsing alone), the next step runs by itself once the window
 * has drawn, a bounded step at a time. */
static void
update_show_more (RehearseMarkdownView *self,
                  gboolean              had_focus)
{
  if (self->pending->len == 0)
    return;

  if (gtk_widget_get_first_child (GTK_WIDGET (self)) == NULL)
    {
      self->continue_id = g_idle_add (continue_steps, self);
      return;
    }

  gtk_widget_set_parent (self->show_more, GTK_WIDGET (self));
  if (had_focus)
    gtk_widget_grab_focus (self->show_more);
}

static void
on_show_more_clicked (GtkButton            *button,
                      RehearseMarkdownView *self)
{
  gboolean had_focus = gtk_widget_has_focus (GTK_WIDGET (button));

  gtk_widget_unparent (GTK_WIDGET (button));
  start_step (self);
  render_step (self);
  update_show_more (self, had_focus);
}

static GtkWidget *
create_show_more_button (RehearseMarkdownView *self)
{
  GtkWidget *button = gtk_button_new_with_label (_("Show More"));

  gtk_widget_set_tooltip_text (button, _("Show the next part of this long text"));
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "md-show-more");
  g_signal_connect (button, "clicked", G_CALLBACK (on_show_more_clicked), self);
  return g_object_ref_sink (button);
}

static void
rebuild (RehearseMarkdownView *self)
{
  RenderState state = { self, 0, 0 };

  remove_blocks (self);
  if (self->markdown == NULL || *self->markdown == '\0')
    return;

  self->markdown_length = strlen (self->markdown);
  start_step (self);
  /* All of the answer is left to show, from its first piece. */
  defer (&state, PENDING_PIECE, GTK_WIDGET (self), NULL);
  render_step (self);
  update_show_more (self, FALSE);
}

static void
update_zoom_class (RehearseMarkdownView *self)
{
  if (self->zoom_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self), self->zoom_class);
  g_free (self->zoom_class);
  self->zoom_class = g_strdup_printf ("md-zoom-%d", zoom_to_percent (self->zoom));
  gtk_widget_add_css_class (GTK_WIDGET (self), self->zoom_class);
}

static void
on_click_pressed (GtkGestureClick      *gesture,
                  int                   n_press,
                  double                x,
                  double                y,
                  RehearseMarkdownView *self)
{
  GtkWidget *target = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);

  while (target != NULL && target != GTK_WIDGET (self) && !GTK_IS_LABEL (target))
    target = gtk_widget_get_parent (target);

  /* Now that the user chose it, the label may take focus, so that the
   * selection shows and Ctrl+C copies it. */
  if (GTK_IS_LABEL (target) && gtk_label_get_selectable (GTK_LABEL (target)))
    {
      gtk_widget_set_can_focus (target, TRUE);
      gtk_widget_set_focusable (target, TRUE);
    }
}

static void
rehearse_markdown_view_dispose (GObject *object)
{
  RehearseMarkdownView *self = REHEARSE_MARKDOWN_VIEW (object);

  remove_blocks (self);
  g_clear_object (&self->show_more);
  g_clear_handle_id (&self->continue_id, g_source_remove);

  G_OBJECT_CLASS (rehearse_markdown_view_parent_class)->dispose (object);
}

static void
rehearse_markdown_view_finalize (GObject *object)
{
  RehearseMarkdownView *self = REHEARSE_MARKDOWN_VIEW (object);

  g_clear_pointer (&self->markdown, g_free);
  g_clear_pointer (&self->base_directory, g_free);
  g_clear_pointer (&self->zoom_class, g_free);
  g_clear_pointer (&self->code_buffers, g_ptr_array_unref);
  g_clear_pointer (&self->loaded_languages, g_hash_table_unref);
  g_clear_pointer (&self->documents, g_ptr_array_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);

  G_OBJECT_CLASS (rehearse_markdown_view_parent_class)->finalize (object);
}

static void
rehearse_markdown_view_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  RehearseMarkdownView *self = REHEARSE_MARKDOWN_VIEW (object);

  switch (prop_id)
    {
    case PROP_MARKDOWN:
      g_value_set_string (value, self->markdown);
      break;

    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rehearse_markdown_view_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  RehearseMarkdownView *self = REHEARSE_MARKDOWN_VIEW (object);

  switch (prop_id)
    {
    case PROP_MARKDOWN:
      rehearse_markdown_view_set_markdown (self, g_value_get_string (value));
      break;

    case PROP_ZOOM:
      rehearse_markdown_view_set_zoom (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rehearse_markdown_view_class_init (RehearseMarkdownViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rehearse_markdown_view_dispose;
  object_class->finalize = rehearse_markdown_view_finalize;
  object_class->get_property = rehearse_markdown_view_get_property;
  object_class->set_property = rehearse_markdown_view_set_property;

  properties[PROP_MARKDOWN] =
    g_param_spec_string ("markdown", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         REHEARSE_MARKDOWN_VIEW_ZOOM_MIN, REHEARSE_MARKDOWN_VIEW_ZOOM_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A link to "#what-is-a-pod" was activated: a place in the same deck,
   * given without its '#'. */
  signals[ANCHOR_ACTIVATED] =
    g_signal_new ("anchor-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "markdownview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rehearse_markdown_view_init (RehearseMarkdownView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->zoom = 1.0;
  self->code_buffers = g_ptr_array_new_with_free_func (g_object_unref);
  self->loaded_languages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) cmark_node_free);
  self->pending = g_ptr_array_new_with_free_func (pending_free);
  self->show_more = create_show_more_button (self);

  gtk_widget_set_layout_manager (GTK_WIDGET (self), rehearse_block_layout_new (BLOCK_SPACING));

  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  prepare_display (gtk_widget_get_display (GTK_WIDGET (self)));
  update_zoom_class (self);
}

GtkWidget *
rehearse_markdown_view_new (void)
{
  return g_object_new (REHEARSE_TYPE_MARKDOWN_VIEW, NULL);
}

const char *
rehearse_markdown_view_get_markdown (RehearseMarkdownView *self)
{
  g_return_val_if_fail (REHEARSE_IS_MARKDOWN_VIEW (self), NULL);

  return self->markdown;
}

/* Invalid UTF-8 is repaired (the parser needs UTF-8), so the property then
 * reads back the repaired text. */
void
rehearse_markdown_view_set_markdown (RehearseMarkdownView *self,
                                     const char           *markdown)
{
  g_autofree char *valid = NULL;

  g_return_if_fail (REHEARSE_IS_MARKDOWN_VIEW (self));

  if (markdown != NULL)
    valid = g_utf8_make_valid (markdown, -1);
  if (g_strcmp0 (self->markdown, valid) == 0)
    return;

  g_free (self->markdown);
  self->markdown = g_steal_pointer (&valid);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MARKDOWN]);
}

/* The folder of the deck's file: local images in answers are looked for
 * there. NULL (the default) shows them as their alternative text. */
void
rehearse_markdown_view_set_base_directory (RehearseMarkdownView *self,
                                           const char           *base_directory)
{
  g_return_if_fail (REHEARSE_IS_MARKDOWN_VIEW (self));

  if (g_strcmp0 (self->base_directory, base_directory) == 0)
    return;
  g_free (self->base_directory);
  self->base_directory = g_strdup (base_directory);
  rebuild (self);
}

double
rehearse_markdown_view_get_zoom (RehearseMarkdownView *self)
{
  g_return_val_if_fail (REHEARSE_IS_MARKDOWN_VIEW (self), 1.0);

  return self->zoom;
}

/* The text size follows @zoom in steps of 10 %; values in between round. */
void
rehearse_markdown_view_set_zoom (RehearseMarkdownView *self,
                                 double                zoom)
{
  g_return_if_fail (REHEARSE_IS_MARKDOWN_VIEW (self));

  if (isnan (zoom))
    zoom = 1.0;
  zoom = CLAMP (zoom, REHEARSE_MARKDOWN_VIEW_ZOOM_MIN, REHEARSE_MARKDOWN_VIEW_ZOOM_MAX);
  if (zoom == self->zoom)
    return;

  self->zoom = zoom;
  update_zoom_class (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/* A line of inline Markdown (a question's text) as Pango markup, with the
 * same rules as paragraphs: every text escaped, code, emphasis, links. */
char *
rehearse_markdown_view_inline_markup (const char *markdown)
{
  g_autoptr(cmark_node) document = NULL;
  g_autoptr(RehearseInlineMarkup) inline_markup = NULL;
  cmark_node *block;

  g_return_val_if_fail (markdown != NULL, NULL);

  document = rehearse_cmark_parse (markdown, strlen (markdown));
  block = cmark_node_first_child (document);
  if (block == NULL)
    return g_strdup ("");

  /* "1. What is X?" would parse as a list: its words are what counts. */
  while (block != NULL && cmark_node_get_type (block) != CMARK_NODE_PARAGRAPH
         && cmark_node_get_type (block) != CMARK_NODE_HEADING
         && cmark_node_first_child (block) != NULL)
    block = cmark_node_first_child (block);

  if (block == NULL || (cmark_node_get_type (block) != CMARK_NODE_PARAGRAPH
                        && cmark_node_get_type (block) != CMARK_NODE_HEADING))
    return g_markup_escape_text (markdown, -1);

  inline_markup = rehearse_inline_markup_new (NULL);
  build_inline_markup (inline_markup, block);
  return rehearse_inline_markup_finish (inline_markup);
}
