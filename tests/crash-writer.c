/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <stdlib.h>

#include "crash-support.h"
#include "rehearse-library.h"

/* crash-writer LIBRARY SEED FIRST-SEQUENCE: saves notes and bookmarks in
 * a loop until it is killed, for test-crash-safety. Before each call it
 * prints "try OP", after the call returned "OP", OP being one of
 *
 *   note KEY SEQUENCE      (body: crash_note_body (KEY, SEQUENCE))
 *   unnote KEY             (a blank body: deletes the note)
 *   bookmark KEY LABEL     (LABEL "-": none)
 *   unbookmark KEY
 *
 * so the test knows what was returned, and which one call may have been
 * under way when the kill came. */

/* Never outlive a test that died before killing us. */
#define MAX_SECONDS 30

static void
say (const char *prefix,
     const char *operation)
{
  /* One write per line, flushed: the line is out before the next call. */
  printf ("%s%s\n", prefix, operation);
  fflush (stdout);
}

static gboolean
run_operation (RehearseLibrary  *library,
               GRand            *rand,
               guint64           sequence,
               GError          **error)
{
  g_autofree char *key = crash_question_key ((guint) g_rand_int_range (rand, 0, CRASH_QUESTIONS));
  g_autofree char *operation = NULL;
  g_autofree char *body = NULL;
  const char *label = crash_labels[g_rand_int_range (rand, 0, G_N_ELEMENTS (crash_labels))];
  int kind = g_rand_int_range (rand, 0, 100);
  gboolean ok;

  if (kind < 45)
    operation = g_strdup_printf ("note %s %" G_GUINT64_FORMAT, key, sequence);
  else if (kind < 55)
    operation = g_strdup_printf ("unnote %s", key);
  else if (kind < 85)
    operation = g_strdup_printf ("bookmark %s %s", key, label);
  else
    operation = g_strdup_printf ("unbookmark %s", key);

  say ("try ", operation);
  if (kind < 45)
    {
      body = crash_note_body (key, sequence);
      ok = rehearse_library_save_note (library, key, body, error);
    }
  else if (kind < 55)
    {
      ok = rehearse_library_save_note (library, key, " \n", error);
    }
  else
    {
      ok = rehearse_library_set_bookmarked (library, key, kind < 85,
                                            g_strcmp0 (label, "-") != 0 ? label : NULL, error);
    }

  if (ok)
    say ("", operation);
  return ok;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(RehearseLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = NULL;
  gint64 deadline = g_get_monotonic_time () + MAX_SECONDS * G_USEC_PER_SEC;
  guint64 sequence;

  if (argc != 4)
    {
      g_printerr ("usage: crash-writer LIBRARY SEED FIRST-SEQUENCE\n");
      return 2;
    }

  rand = g_rand_new_with_seed ((guint32) g_ascii_strtoull (argv[2], NULL, 10));
  sequence = g_ascii_strtoull (argv[3], NULL, 10);
  library = rehearse_library_open (argv[1], &error);
  if (library == NULL)
    {
      g_printerr ("crash-writer: %s\n", error->message);
      return 1;
    }

  say ("", "ready");
  while (g_get_monotonic_time () < deadline)
    if (!run_operation (library, rand, sequence++, &error))
      {
        g_printerr ("crash-writer: %s\n", error->message);
        return 1;
      }

  return 0;
}
