/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <stdlib.h>
#include <string.h>

G_BEGIN_DECLS

/* A field of /proc/self/status in kilobytes ("VmRSS:", "VmHWM:"), or -1. */
static inline long
bench_status_kilobytes (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, field);
  return line != NULL ? strtol (line + strlen (field) + 1, NULL, 10) : -1;
}

/* The process's proportional set size in kilobytes (its share of the
 * pages it shares with others), or -1. */
static inline long
bench_pss_kilobytes (void)
{
  g_autofree char *rollup = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/smaps_rollup", &rollup, NULL, NULL))
    return -1;
  line = strstr (rollup, "\nPss:");
  return line != NULL ? strtol (line + strlen ("\nPss:"), NULL, 10) : -1;
}

/* How long after its first frame a process's memory is read: the peer
 * comparison (bench-peer) waits as long. */
#define BENCH_SETTLE_SECONDS 3

G_END_DECLS
