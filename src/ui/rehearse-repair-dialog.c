/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rehearse-repair-dialog.h"

static guint
rows_of (const RehearseSalvageReport *report,
         const char                  *table_name)
{
  for (guint i = 0; i < report->tables->len; i++)
    {
      const RehearseSalvagedTable *table = &g_array_index (report->tables,
                                                           RehearseSalvagedTable, i);

      if (g_strcmp0 (table->name, table_name) == 0)
        return table->rows;
    }
  return 0;
}

static guint
unreadable_stretches (const RehearseSalvageReport *report)
{
  guint stretches = 0;

  for (guint i = 0; i < report->tables->len; i++)
    stretches += g_array_index (report->tables, RehearseSalvagedTable, i).unreadable;
  return stretches;
}

/* "Recovered 30 notes, 5 bookmarks and 120 reviews. …" */
static char *
describe_report (const RehearseSalvageReport *report)
{
  guint notes = rows_of (report, "notes");
  guint bookmarks = rows_of (report, "bookmarks");
  guint reviews = rows_of (report, "review_log");
  guint decks = report->decks_reimported->len;
  g_autofree char *notes_text = g_strdup_printf (ngettext ("%u note", "%u notes", notes), notes);
  g_autofree char *bookmarks_text = g_strdup_printf (ngettext ("%u bookmark", "%u bookmarks",
                                                               bookmarks), bookmarks);
  g_autofree char *reviews_text = g_strdup_printf (ngettext ("%u review", "%u reviews", reviews),
                                                   reviews);
  g_autofree char *name = g_path_get_basename (report->set_aside_path);
  GString *text = g_string_new (NULL);

  /* Translators: the three parts are "30 notes", "5 bookmarks", "120 reviews". */
  g_string_append_printf (text, _("Recovered %s, %s and %s."), notes_text, bookmarks_text,
                          reviews_text);
  g_string_append_c (text, ' ');
  g_string_append_printf (text, ngettext ("%u deck was imported again from its file.",
                                          "%u decks were imported again from their files.",
                                          decks), decks);
  if (unreadable_stretches (report) > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append (text, _("Some rows could not be read and are lost."));
    }
  for (guint i = 0; i < report->decks_missing->len; i++)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("Not imported again: %s."),
                              (const char *) g_ptr_array_index (report->decks_missing, i));
    }
  g_string_append (text, "\n\n");
  g_string_append_printf (text, _("The damaged file is kept as “%s” in the library’s folder."),
                          name);
  return g_string_free (text, FALSE);
}

static void
on_report_response (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  const char *folder = g_object_get_data (G_OBJECT (dialog), "folder");

  if (g_strcmp0 (response, "open-folder") == 0)
    {
      g_autofree char *uri = g_filename_to_uri (folder, NULL, NULL);

      if (uri != NULL)
        gtk_show_uri (gtk_window_get_transient_for (GTK_WINDOW (dialog)), uri, GDK_CURRENT_TIME);
    }
}

void
rehearse_repair_dialog_show_report (GtkWindow                   *parent,
                                    const RehearseSalvageReport *report)
{
  g_autofree char *body = describe_report (report);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (parent, _("Library Repaired"), body));

  g_object_set_data_full (G_OBJECT (dialog), "folder",
                          g_path_get_dirname (report->set_aside_path), g_free);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "open-folder", _("_Open Folder"),
                                    "close", _("_Close"),
                                    NULL);
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  g_signal_connect (dialog, "response", G_CALLBACK (on_report_response), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_repaired (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RehearseSalvageReport) report = NULL;

  report = rehearse_library_repair_finish (REHEARSE_LIBRARY (source), result, &error);
  if (report != NULL)
    {
      rehearse_repair_dialog_show_report (parent, report);
      return;
    }

  {
    GtkWidget *dialog = adw_message_dialog_new (parent, _("The Library Could Not Be Repaired"),
                                                error->message);

    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
    gtk_window_present (GTK_WINDOW (dialog));
  }
}

static void
on_offer_response (AdwMessageDialog *dialog,
                   const char       *response,
                   gpointer          user_data)
{
  RehearseLibrary *library = user_data;

  if (g_strcmp0 (response, "repair") != 0)
    return;

  rehearse_library_repair_async (library, NULL, on_repaired,
                                 g_object_ref (gtk_window_get_transient_for (GTK_WINDOW (dialog))));
}

static void
release_library (gpointer  library,
                 GClosure *closure)
{
  g_object_unref (library);
}

void
rehearse_repair_dialog_offer (GtkWindow       *parent,
                              RehearseLibrary *library,
                              const GError    *damage)
{
  g_autofree char *name = g_path_get_basename (rehearse_library_get_path (library));
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* SQLite's words ("btreeInitPage() returns error code 11") help
   * nobody here: they go to the log. */
  g_message ("%s", damage->message);
  body = g_strdup_printf (_("Part of “%s” cannot be read, so Rehearse no longer saves anything "
                            "in it. Repairing recovers your notes, bookmarks and review history "
                            "from what can still be read, imports the decks again from their "
                            "files, and keeps the damaged file."),
                          name);
  dialog = adw_message_dialog_new (parent, _("The Library Is Damaged"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "later", _("_Later"),
                                    "repair", _("_Repair"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "repair",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "repair");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_offer_response),
                         g_object_ref (library), release_library, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
