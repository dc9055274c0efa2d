/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rehearse-cli.h"
#include "rehearse-error.h"

/* Damaged libraries from the terminal: `check --repair` mends one in
 * place, and `export-notes --from FILE` reads the notes of one set aside. */

static void
add_recovered_members (JsonBuilder                 *builder,
                       const RehearseSalvageReport *report)
{
  json_builder_set_member_name (builder, "damaged_file_kept_as");
  json_builder_add_string_value (builder, report->set_aside_path);
  json_builder_set_member_name (builder, "recovered");
  json_builder_begin_object (builder);
  for (guint i = 0; i < report->tables->len; i++)
    {
      const RehearseSalvagedTable *table = &g_array_index (report->tables,
                                                           RehearseSalvagedTable, i);

      json_builder_set_member_name (builder, table->name);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "rows");
      json_builder_add_int_value (builder, table->rows);
      json_builder_set_member_name (builder, "rows_refused");
      json_builder_add_int_value (builder, table->rows_refused);
      json_builder_set_member_name (builder, "unreadable_stretches");
      json_builder_add_int_value (builder, table->unreadable);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "decks_imported_again");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->decks_reimported->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (report->decks_reimported, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "decks_not_imported");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->decks_missing->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (report->decks_missing, i));
  json_builder_end_array (builder);
}

static void
print_report (const RehearseSalvageReport *report)
{
  g_print (_("Library: was damaged, repaired\n"));
  g_print (_("  The damaged file is kept as %s\n"), report->set_aside_path);
  for (guint i = 0; i < report->tables->len; i++)
    {
      const RehearseSalvagedTable *table = &g_array_index (report->tables,
                                                           RehearseSalvagedTable, i);

      g_print (g_dngettext (GETTEXT_PACKAGE, "  %s: %u row recovered", "  %s: %u rows recovered",
                            table->rows),
               table->name, table->rows);
      if (table->unreadable > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE, ", %u stretch could not be read",
                              ", %u stretches could not be read", table->unreadable),
                 table->unreadable);
      g_print ("\n");
    }
  for (guint i = 0; i < report->decks_reimported->len; i++)
    g_print (_("  Deck imported again: %s\n"),
             (const char *) g_ptr_array_index (report->decks_reimported, i));
  for (guint i = 0; i < report->decks_missing->len; i++)
    g_print (_("  Deck not imported again: %s\n"),
             (const char *) g_ptr_array_index (report->decks_missing, i));
}

gboolean
rehearse_cli_repair_library (RehearseCli  *cli,
                             JsonBuilder  *builder,
                             GError      **error)
{
  g_auto(RehearseSalvageReport) report = { 0, };

  if (!rehearse_library_repair (cli->library, &report, NULL, error))
    return FALSE;

  if (builder != NULL)
    add_recovered_members (builder, &report);
  else
    print_report (&report);
  return TRUE;
}

RehearseLibrary *
rehearse_cli_open_salvaged (const char  *damaged_path,
                            char       **temporary_folder,
                            GError     **error)
{
  g_auto(RehearseSalvageReport) report = { 0, };
  g_autofree char *folder = g_dir_make_tmp ("rehearse-salvage-XXXXXX", error);
  g_autofree char *path = NULL;
  g_autoptr(RehearseLibrary) library = NULL;

  if (folder == NULL)
    return NULL;
  if (!g_file_test (damaged_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_FOUND, _("“%s” is not a file"),
                   damaged_path);
      g_rmdir (folder);
      return NULL;
    }

  path = g_build_filename (folder, "salvaged.db", NULL);
  library = rehearse_library_open (path, error);
  if (library == NULL || !rehearse_library_salvage (damaged_path, library, &report, error))
    {
      g_clear_object (&library);
      rehearse_cli_remove_salvaged (folder);
      return NULL;
    }

  *temporary_folder = g_steal_pointer (&folder);
  return g_steal_pointer (&library);
}

void
rehearse_cli_remove_salvaged (const char *temporary_folder)
{
  static const char * const names[] = { "salvaged.db", "salvaged.db-wal", "salvaged.db-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *file = g_build_filename (temporary_folder, names[i], NULL);

      g_remove (file);
    }
  g_rmdir (temporary_folder);
}
