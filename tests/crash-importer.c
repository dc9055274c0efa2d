/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>

#include "crash-support.h"
#include "rehearse-library.h"

/* crash-importer LIBRARY VERSION: imports version VERSION of the deck
 * crash_import_deck() makes, or with VERSION "remove" removes that deck,
 * for test-crash-safety, which kills it meanwhile. Prints "ready" once
 * the library is open and "done" when the call returned. */

static void
say (const char *line)
{
  printf ("%s\n", line);
  fflush (stdout);
}

static gint64
find_deck_id (RehearseLibrary  *library,
              GError          **error)
{
  g_autoptr(RehearseDeck) deck = rehearse_library_find_deck (library, CRASH_IMPORT_TITLE, error);

  return deck != NULL ? rehearse_deck_get_id (deck) : 0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(RehearseLibrary) library = NULL;
  g_autoptr(RehearseParsedDeck) deck = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deck_id;
  gboolean ok;

  if (argc != 3)
    {
      g_printerr ("usage: crash-importer LIBRARY VERSION|remove\n");
      return 2;
    }

  library = rehearse_library_open (argv[1], &error);
  if (library == NULL)
    {
      g_printerr ("crash-importer: %s\n", error->message);
      return 1;
    }

  if (g_str_equal (argv[2], "remove"))
    {
      say ("ready");
      deck_id = find_deck_id (library, &error);
      ok = deck_id != 0 && rehearse_library_delete_deck (library, deck_id, &error);
    }
  else
    {
      deck = crash_import_deck ((guint) g_ascii_strtoull (argv[2], NULL, 10));
      say ("ready");
      ok = rehearse_library_import_deck (library, deck, NULL, &error);
    }

  if (!ok)
    {
      g_printerr ("crash-importer: %s\n", error->message);
      return 1;
    }

  say ("done");
  return 0;
}
