/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What rehearse_text_repair() changed, for the importer's report. */
typedef struct
{
  guint    mojibake_repaired;  /* mis-decoded characters restored (one per restored code point;
                                * text damaged twice counts once per layer undone) */
  guint    invalid_replaced;   /* invalid UTF-8 sequences replaced by U+FFFD (one per maximal
                                * subpart, as Unicode recommends: C0 80 counts twice) */
  guint    controls_removed;   /* NUL and other C0 controls (not tab or newline) dropped */
  gboolean bom_removed;        /* a leading UTF-8 byte-order mark was dropped */
  gboolean crlf_normalized;    /* CRLF or lone CR line ends became LF */
} RehearseRepairReport;

/* Turns bytes read from a user's file into clean UTF-8 text:
 *  - invalid UTF-8 becomes U+FFFD; NUL and the other C0 control characters
 *    except tab and newline are dropped (so they can serve as markers);
 *  - a leading byte-order mark is removed, CRLF and lone CR become LF;
 *  - mojibake is repaired: UTF-8 that was once decoded as Windows-1252 (with
 *    its five undefined bytes carried through as C1 controls) or as Mac Roman
 *    and saved again ("â€”" becomes "—", "\uF8FFüöÄ" becomes "🚀"), also
 *    when only part of the text is damaged;
 *  - text that is already right is never changed ("é", "São", "€ 5"); where
 *    correct text could also read as damage (an all-caps word ending in "Ã”",
 *    "«É" read as Mac Roman) it is left alone unless the rest of the text
 *    shows unambiguous damage of the same kind.
 * Runs in time linear in @length. @report may be NULL.
 * Returns: (transfer full): valid UTF-8, never NULL. */
char    *rehearse_text_repair           (const char           *data,
                                         gsize                 length,
                                         RehearseRepairReport *report);

/* TRUE when rehearse_text_repair() changed anything. */
gboolean rehearse_repair_report_changed (const RehearseRepairReport *report);

/* TRUE when @text (UTF-8, may be NULL) holds nothing but white space. */
gboolean rehearse_text_is_blank         (const char           *text);

G_END_DECLS
