/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>

#include "rehearse-repair-dialog.h"
#include "test-damage.h"
#include "test-support.h"
#include "test-ui-support.h"

/* The dialogs of a damaged library: the offer to repair it, which repairs
 * a real damaged file, and the report of what came back. */

/* The newest message dialog shown over @parent, if any. */
static AdwMessageDialog *
find_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not ours */
  AdwMessageDialog *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window)
          && gtk_window_get_transient_for (GTK_WINDOW (window)) == parent
          && gtk_widget_get_visible (GTK_WIDGET (window)))
        found = ADW_MESSAGE_DIALOG (window);
    }
  return found;
}

typedef struct
{
  GtkWindow  *parent;
  const char *heading;
} DialogWanted;

static gboolean
dialog_shown (gpointer data)
{
  DialogWanted *wanted = data;
  AdwMessageDialog *dialog = find_dialog (wanted->parent);

  return dialog != NULL && g_strcmp0 (adw_message_dialog_get_heading (dialog),
                                      wanted->heading) == 0;
}

/* The repair's answer: its report, or why it could not. */
static gboolean
repair_answered (gpointer data)
{
  GtkWindow *parent = data;
  AdwMessageDialog *dialog = find_dialog (parent);

  return dialog != NULL
         && g_strcmp0 (adw_message_dialog_get_heading (dialog), "The Library Is Damaged") != 0;
}

static void
add_table (RehearseSalvageReport *report,
           const char            *name,
           guint                  rows,
           guint                  unreadable)
{
  RehearseSalvagedTable table = { name, rows, 0, unreadable };

  g_array_append_val (report->tables, table);
}

static void
test_report (void)
{
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());
  g_auto(RehearseSalvageReport) report = { 0, };
  DialogWanted wanted = { parent, "Library Repaired" };
  AdwMessageDialog *dialog;
  const char *body;

  report.tables = g_array_new (FALSE, TRUE, sizeof (RehearseSalvagedTable));
  report.decks_reimported = g_ptr_array_new_with_free_func (g_free);
  report.decks_missing = g_ptr_array_new_with_free_func (g_free);
  add_table (&report, "bookmarks", 1, 0);
  add_table (&report, "notes", 8, 1);
  add_table (&report, "review_log", 3, 0);
  g_ptr_array_add (report.decks_reimported, g_strdup ("Docker Interview Questions"));
  g_ptr_array_add (report.decks_missing, g_strdup ("kubernetes.md: no such file"));
  report.set_aside_path = g_strdup ("/home/user/library.db.damaged-20261205-170520");

  gtk_window_present (parent);
  rehearse_repair_dialog_show_report (parent, &report);
  ui_test_wait_for (dialog_shown, &wanted);

  dialog = find_dialog (parent);
  body = adw_message_dialog_get_body (dialog);
  g_test_message ("%s", body);
  g_assert_nonnull (strstr (body, "Recovered 8 notes, 1 bookmark and 3 reviews."));
  g_assert_nonnull (strstr (body, "1 deck was imported again from its file."));
  g_assert_nonnull (strstr (body, "Some rows could not be read and are lost."));
  g_assert_nonnull (strstr (body, "Not imported again: kubernetes.md: no such file."));
  g_assert_nonnull (strstr (body, "“library.db.damaged-20261205-170520”"));
  g_assert_true (adw_message_dialog_has_response (dialog, "open-folder"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (parent);
}

static void
test_offer_repairs (void)
{
  g_autofree char *data_home = ui_test_make_data_home ();
  g_autofree char *path = g_build_filename (data_home, "library.db", NULL);
  g_autoptr(RehearseLibrary) library = ui_test_library_with_bundled_deck (data_home);
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());
  DialogWanted offer = { parent, "The Library Is Damaged" };
  DialogWanted repaired = { parent, "Library Repaired" };
  AdwMessageDialog *dialog;

  g_assert_true (rehearse_library_save_note (library, "docker-interview-questions/358",
                                             "Cron in its own container.", &error));
  g_assert_no_error (error);
  g_clear_object (&library);
  test_damage_pages (path, "questions", 2);

  library = rehearse_library_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (rehearse_library_quick_check (library, &error));

  gtk_window_present (parent);
  rehearse_repair_dialog_offer (parent, library, error);
  g_clear_error (&error);
  ui_test_wait_for (dialog_shown, &offer);
  dialog = find_dialog (parent);
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "btree"));

  adw_message_dialog_response (dialog, "repair");
  ui_test_wait_for (repair_answered, parent);
  g_test_message ("%s: %s", adw_message_dialog_get_heading (find_dialog (parent)),
                  adw_message_dialog_get_body (find_dialog (parent)));
  g_assert_true (dialog_shown (&repaired));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (find_dialog (parent)),
                            "Recovered 1 note, 0 bookmarks and 0 reviews."));

  g_assert_false (rehearse_library_is_damaged (library));
  g_assert_true (rehearse_library_get_note (library, "docker-interview-questions/358", &note,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpstr (note, ==, "Cron in its own container.");

  gtk_window_destroy (GTK_WINDOW (find_dialog (parent)));
  gtk_window_destroy (parent);
  g_clear_object (&library);
  test_remove_tree (data_home);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/repair-dialog/report", test_report);
  g_test_add_func ("/repair-dialog/offer-repairs", test_offer_repairs);

  return g_test_run ();
}
