/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The one clock the app reads "now" from, in unix milliseconds.
 *
 * It is the real time, moved on by REHEARSE_CLOCK_OFFSET when that is set:
 * a whole number with a unit (s, min, h, d; seconds without one), negative
 * to go back. It lets a person or a test see what a later day will bring
 * (what falls due, how long a card has waited) without waiting for it. The
 * scheduler never reads it: callers pass the time in. */
gint64   rehearse_clock_now_ms       (void);

/* Reads an offset as REHEARSE_CLOCK_OFFSET takes it; FALSE, leaving
 * *offset_ms alone, when @text is not one. */
gboolean rehearse_clock_parse_offset (const char *text,
                                      gint64     *offset_ms);

G_END_DECLS
