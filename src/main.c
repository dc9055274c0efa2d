/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "rehearse-application.h"
#include "rehearse-running-instance.h"

/* How long a Rehearse already running has to answer before this one
 * gives up on it. */
#define INSTANCE_TIMEOUT_MS 3000

int
main (int    argc,
      char **argv)
{
  g_autoptr(RehearseApplication) app = NULL;
  /* Tests and `meson devenv` read the translations built in the build tree. */
  const char *locale_dir = g_getenv ("REHEARSE_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir != NULL ? locale_dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!rehearse_running_instance_answers (APPLICATION_ID, INSTANCE_TIMEOUT_MS, NULL))
    {
      g_autoptr(GString) message = g_string_new (NULL);

      g_string_append_printf (message,
                              ngettext ("Rehearse is already running but did not answer within "
                                        "%d second (it may be stopped or busy)",
                                        "Rehearse is already running but did not answer within "
                                        "%d seconds (it may be stopped or busy)",
                                        INSTANCE_TIMEOUT_MS / 1000),
                              INSTANCE_TIMEOUT_MS / 1000);
      for (int i = 1; i < argc; i++)
        if (argv[i][0] != '-')
          g_string_append_printf (message, _("; “%s” was not imported"), argv[i]);
      g_printerr ("rehearse: %s. %s\n", message->str,
                  _("Try again in a moment, or close the other Rehearse."));
      return 1;
    }

  app = rehearse_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
