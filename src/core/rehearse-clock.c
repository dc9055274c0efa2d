/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "rehearse-clock.h"

static const struct
{
  const char *name;
  gint64      ms;
} units[] = {
  { "", 1000 },
  { "s", 1000 },
  { "min", 60 * 1000 },
  { "h", 60 * 60 * 1000 },
  { "d", 24 * 60 * 60 * 1000 },
};

/* A century either way is more than any use of it needs, and keeps the
 * sums far from overflowing. */
#define MAX_OFFSET_MS ((gint64) 100 * 366 * 24 * 60 * 60 * 1000)

gboolean
rehearse_clock_parse_offset (const char *text,
                             gint64     *offset_ms)
{
  gint64 count;
  char *unit;

  g_return_val_if_fail (offset_ms != NULL, FALSE);

  if (text == NULL || !(g_ascii_isdigit (*text) || *text == '-' || *text == '+'))
    return FALSE;

  count = g_ascii_strtoll (text, &unit, 10);
  if (unit == text || !g_ascii_isdigit (unit[-1]))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (strcmp (unit, units[i].name) == 0)
      {
        if (count > MAX_OFFSET_MS / units[i].ms || count < -MAX_OFFSET_MS / units[i].ms)
          return FALSE;
        *offset_ms = count * units[i].ms;
        return TRUE;
      }

  return FALSE;
}

static gint64
read_offset (void)
{
  const char *text = g_getenv ("REHEARSE_CLOCK_OFFSET");
  gint64 offset_ms = 0;

  if (text == NULL || *text == '\0')
    return 0;

  /* A message, not a warning: a mistyped variable must not stop a program
   * that makes warnings fatal. */
  if (!rehearse_clock_parse_offset (text, &offset_ms))
    g_message ("REHEARSE_CLOCK_OFFSET=“%s” is not an offset such as “1d”, “-6h” or “90min”: "
               "the real time is used", text);
  else
    g_debug ("The clock is moved by REHEARSE_CLOCK_OFFSET=%s", text);

  return offset_ms;
}

gint64
rehearse_clock_now_ms (void)
{
  static gint64 offset_ms;
  static gsize read = 0;

  /* Read once: the offset cannot change under a running session. */
  if (g_once_init_enter (&read))
    {
      offset_ms = read_offset ();
      g_once_init_leave (&read, 1);
    }

  return g_get_real_time () / 1000 + offset_ms;
}
