/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rehearse-clock.h"
#include "rehearse-cli.h"

/* Backups of the library: make one, list them, restore one. */

static void
add_backup_members (JsonBuilder          *builder,
                    const RehearseBackup *backup)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (backup->time / 1000);
  g_autofree char *made = g_date_time_format_iso8601 (time);

  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, backup->path);
  json_builder_set_member_name (builder, "made");
  json_builder_add_string_value (builder, made);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, (gint64) backup->size);
}

/* Makes one now, then thins the older ones. */
int
rehearse_cli_backup (RehearseCli  *cli,
                     int           argc,
                     char        **argv,
                     GError      **error)
{
  gint64 now = rehearse_clock_now_ms ();
  g_autofree char *path = NULL;
  guint removed = 0;

  if (argc != 0)
    return rehearse_cli_usage_error (error, "backup");

  path = rehearse_library_backup (cli->library, now, error);
  if (path == NULL || !rehearse_library_thin_backups (cli->library, now, &removed, error))
    return FALSE;

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, path);
      json_builder_set_member_name (builder, "removed");
      json_builder_add_int_value (builder, removed);
      json_builder_end_object (builder);
      rehearse_cli_print_builder (builder);
      return TRUE;
    }

  g_print (_("Backed up to %s"), path);
  if (removed > 0)
    g_print (g_dngettext (NULL, "; removed %u older backup", "; removed %u older backups",
                          removed),
             removed);
  g_print ("\n");
  return TRUE;
}

/* Tab-separated lines, newest first: when (UTC), size, path. */
int
rehearse_cli_backups (RehearseCli  *cli,
                      int           argc,
                      char        **argv,
                      GError      **error)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (argc != 0)
    return rehearse_cli_usage_error (error, "backups");

  backups = rehearse_library_list_backups (cli->library, error);
  if (backups == NULL)
    return FALSE;

  json_builder_begin_array (builder);
  for (guint i = 0; i < backups->len; i++)
    {
      const RehearseBackup *backup = g_ptr_array_index (backups, i);
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (backup->time / 1000);
      g_autofree char *made = g_date_time_format_iso8601 (time);
      g_autofree char *size = g_format_size (backup->size);

      if (cli->json)
        {
          json_builder_begin_object (builder);
          add_backup_members (builder, backup);
          json_builder_end_object (builder);
        }
      else
        g_print ("%s\t%s\t%s\n", made, size, backup->path);
    }
  json_builder_end_array (builder);

  if (cli->json)
    rehearse_cli_print_builder (builder);
  return TRUE;
}

/* The library as it is goes into a backup of its own first: a restore
 * is undone by restoring that one. */
int
rehearse_cli_restore (RehearseCli  *cli,
                      int           argc,
                      char        **argv,
                      GError      **error)
{
  g_autofree char *before = NULL;

  if (argc != 1)
    return rehearse_cli_usage_error (error, "restore BACKUP");

  before = rehearse_library_backup (cli->library, rehearse_clock_now_ms (), error);
  if (before == NULL || !rehearse_library_restore_backup (cli->library, argv[0], error))
    return FALSE;

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "restored");
      json_builder_add_string_value (builder, argv[0]);
      json_builder_set_member_name (builder, "before");
      json_builder_add_string_value (builder, before);
      json_builder_end_object (builder);
      rehearse_cli_print_builder (builder);
      return TRUE;
    }

  g_print (_("Restored %s; the library as it was is backed up to %s\n"), argv[0], before);
  return TRUE;
}
