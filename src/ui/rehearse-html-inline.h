/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The HTML that real Q&A files mix into their Markdown, read tag by tag in
 * one pass (no regular expressions, linear in the input's size) and turned
 * into Pango markup: formatting tags become Pango's, structure is left to
 * the caller, anything else is dropped with its text kept. No raw tag ever
 * reaches the output. GLib only, so it is tested without a display. */

typedef enum
{
  REHEARSE_HTML_TEXT,
  REHEARSE_HTML_START_TAG,
  REHEARSE_HTML_END_TAG,
  REHEARSE_HTML_COMMENT,  /* also <!DOCTYPE …>, <?…?> and <![CDATA[…]]> */
} RehearseHtmlTokenType;

#define REHEARSE_HTML_NAME_SIZE 16

typedef struct
{
  RehearseHtmlTokenType  type;
  const char            *start;       /* the whole token in the input */
  gsize                  length;
  char                   name[REHEARSE_HTML_NAME_SIZE]; /* tags: lower case, cut */
  const char            *attributes;  /* tags: what follows the name */
  gsize                  attributes_length;
} RehearseHtmlToken;

typedef struct
{
  const char *position;
  const char *end;
  /* Where a search already failed: every later search for the same thing
   * fails at once, which keeps unclosed tags and comments linear. */
  const char *no_tag_end_after;
  const char *no_double_quote_after;
  const char *no_single_quote_after;
  const char *no_comment_end_after;
} RehearseHtmlReader;

void     rehearse_html_reader_init         (RehearseHtmlReader      *reader,
                                            const char              *text,
                                            gsize                    length);
gboolean rehearse_html_reader_next         (RehearseHtmlReader      *reader,
                                            RehearseHtmlToken       *token);
char    *rehearse_html_token_get_attribute (const RehearseHtmlToken *token,
                                            const char              *name);

/* What a tag means to a reader of the answer, for the tags the caller lays
 * out itself; everything else is REHEARSE_HTML_KIND_INLINE. */
typedef enum
{
  REHEARSE_HTML_KIND_INLINE,
  REHEARSE_HTML_KIND_BLOCK,    /* p, div, li, tr, h1…: a paragraph break */
  REHEARSE_HTML_KIND_DETAILS,
  REHEARSE_HTML_KIND_SUMMARY,
  REHEARSE_HTML_KIND_IMAGE,
} RehearseHtmlKind;

RehearseHtmlKind rehearse_html_token_get_kind (const RehearseHtmlToken *token);
gboolean         rehearse_html_token_is_element (const RehearseHtmlToken *token);

/* An image that can be shown: its absolute path and alternative text. */
typedef struct
{
  char *path;
  char *alt;
} RehearseHtmlImage;

typedef struct _RehearseInlineMarkup RehearseInlineMarkup;

/* @base_directory: the folder of the deck's file, where local images are
 * looked for; NULL when unknown, and then they show as their alt text. */
RehearseInlineMarkup *rehearse_inline_markup_new            (const char           *base_directory);
void                  rehearse_inline_markup_free           (RehearseInlineMarkup *self);

/* Text as Markdown gave it (entities already decoded). */
void                  rehearse_inline_markup_append_text    (RehearseInlineMarkup *self,
                                                             const char           *text);
/* Text of an HTML block: entities decoded, white space collapsed. */
void                  rehearse_inline_markup_append_html_text (RehearseInlineMarkup *self,
                                                               const char         *text,
                                                               gsize               length);
/* Pango markup the caller built and escaped itself. */
void                  rehearse_inline_markup_append_markup  (RehearseInlineMarkup *self,
                                                             const char           *markup);
void                  rehearse_inline_markup_append_newline (RehearseInlineMarkup *self);
/* A space between words (a soft line break), never at a line's start. */
void                  rehearse_inline_markup_append_space   (RehearseInlineMarkup *self);
/* Emphasis, links… of the Markdown tree: @open and @close are Pango
 * markup. HTML tags opened inside close with it. Past a fixed depth,
 * tags are dropped and text kept. */
void                  rehearse_inline_markup_open           (RehearseInlineMarkup *self,
                                                             const char           *open,
                                                             const char           *close);
void                  rehearse_inline_markup_close          (RehearseInlineMarkup *self);
void                  rehearse_inline_markup_open_link      (RehearseInlineMarkup *self,
                                                             const char           *url,
                                                             const char           *title);
void                  rehearse_inline_markup_append_image   (RehearseInlineMarkup *self,
                                                             const char           *source,
                                                             const char           *alt);
/* Raw inline HTML: tags, comments, or a mix with text (an HTML block's). */
void                  rehearse_inline_markup_append_html    (RehearseInlineMarkup *self,
                                                             const char           *html);
void                  rehearse_inline_markup_append_token   (RehearseInlineMarkup    *self,
                                                             const RehearseHtmlToken *token);

gboolean              rehearse_inline_markup_is_empty       (RehearseInlineMarkup *self);
gboolean              rehearse_inline_markup_has_links      (RehearseInlineMarkup *self);
/* The markup's length so far in bytes (tags included): an upper bound of
 * the text it shows. */
gsize                 rehearse_inline_markup_get_length     (RehearseInlineMarkup *self);
/* The local images found since the last call, for the caller to show
 * after the text: (element-type RehearseHtmlImage). */
GPtrArray            *rehearse_inline_markup_take_images    (RehearseInlineMarkup *self);
/* The markup so far, every tag closed; the writer starts empty again. */
char                 *rehearse_inline_markup_finish         (RehearseInlineMarkup *self);

void                  rehearse_html_image_free              (RehearseHtmlImage    *image);

/* TRUE for addresses an answer may open: http, https, mailto. */
gboolean              rehearse_html_is_allowed_link         (const char           *url);
/* TRUE for "#what-is-a-pod": a place in the same deck. */
gboolean              rehearse_html_is_anchor_link          (const char           *url);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RehearseInlineMarkup, rehearse_inline_markup_free)

G_END_DECLS
