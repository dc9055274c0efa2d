/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>

#include "rehearse-preferences-window.h"
#include "test-library-support.h"
#include "test-ui-support.h"

/* The Preferences window writes what the user changes into GSettings (the
 * memory backend here) and shows what the settings hold. */

typedef struct
{
  GSettings *settings;
  GtkWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->settings = g_settings_new ("io.github.rehearse.Rehearse");
  g_settings_reset (fixture->settings, "desired-retention");
  g_settings_reset (fixture->settings, "interval-fuzz");
  fixture->window = rehearse_preferences_window_new (fixture->settings);
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->settings);
}

/* The control of the row titled @title: rows are found as a person finds
 * them, by what they say. */
static GtkWidget *
row_control (Fixture    *fixture,
             const char *title,
             GType       type)
{
  GtkWidget *row = GTK_WIDGET (fixture->window);
  GQueue pending = G_QUEUE_INIT;

  g_queue_push_tail (&pending, row);
  while ((row = g_queue_pop_head (&pending)) != NULL)
    {
      if (ADW_IS_ACTION_ROW (row)
          && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
        {
          GtkWidget *control = ui_test_find_widget (row, type);

          g_queue_clear (&pending);
          g_assert_nonnull (control);
          return control;
        }
      for (GtkWidget *child = gtk_widget_get_first_child (row); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_queue_push_tail (&pending, child);
    }

  g_assert_not_reached ();
}

static void
test_desired_retention (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (row_control (fixture, "Desired Retention",
                                                      GTK_TYPE_SPIN_BUTTON));

  /* 0.9 shows as 90 %. */
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 90.0);
  gtk_test_accessible_assert_property (spin, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Desired retention in percent");

  /* One step up, as the + button or the Up key does it. */
  gtk_spin_button_spin (spin, GTK_SPIN_STEP_FORWARD, 0);
  g_assert_cmpfloat (g_settings_get_double (fixture->settings, "desired-retention"), ==, 0.91);

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "91%");

  /* Typed, with or without the percent sign. */
  gtk_editable_set_text (GTK_EDITABLE (spin), "85");
  gtk_spin_button_update (spin);
  g_assert_cmpfloat (g_settings_get_double (fixture->settings, "desired-retention"), ==, 0.85);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "85%");
  gtk_editable_set_text (GTK_EDITABLE (spin), "87%");
  gtk_spin_button_update (spin);
  g_assert_cmpfloat (g_settings_get_double (fixture->settings, "desired-retention"), ==, 0.87);

  /* The range is the scheduler's: 70 % to 99 %. */
  gtk_spin_button_set_value (spin, 50);
  g_assert_cmpfloat (g_settings_get_double (fixture->settings, "desired-retention"), ==, 0.7);
  gtk_spin_button_set_value (spin, 100);
  g_assert_cmpfloat (g_settings_get_double (fixture->settings, "desired-retention"), ==, 0.99);

  /* A change made elsewhere shows. */
  g_settings_set_double (fixture->settings, "desired-retention", 0.8);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 80.0);
}

static void
test_interval_fuzz (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkSwitch *toggle = GTK_SWITCH (row_control (fixture, "Spread Intervals", GTK_TYPE_SWITCH));

  g_assert_false (gtk_switch_get_active (toggle));
  gtk_test_accessible_assert_property (toggle, GTK_ACCESSIBLE_PROPERTY_LABEL, "Spread intervals");

  gtk_switch_set_active (toggle, TRUE);
  g_assert_true (g_settings_get_boolean (fixture->settings, "interval-fuzz"));

  g_settings_set_boolean (fixture->settings, "interval-fuzz", FALSE);
  g_assert_false (gtk_switch_get_active (toggle));
}

static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      return l->data;

  return NULL;
}

static GtkWidget *
button_named (GtkWidget  *widget,
              const char *name)
{
  GtkWidget *found = NULL;
  g_autofree char *label = NULL;

  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget))
    {
      label = g_strdup (gtk_button_get_label (GTK_BUTTON (widget)));
      if (g_strcmp0 (label, name) == 0)
        return widget;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL && found == NULL; child = gtk_widget_get_next_sibling (child))
    found = button_named (child, name);

  return found;
}

static gboolean
note_is (gpointer data)
{
  RehearseLibrary *library = data;
  g_autofree char *note = NULL;

  return rehearse_library_get_note (library, "backed/1", &note, NULL)
         && g_strcmp0 (note, "Before.") == 0;
}

/* Backups are listed with their time and size, and Restore, once
 * confirmed, puts the library back as the backup holds it, having backed
 * the present one up first. */
static void
test_backups_restore (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *dir = test_make_temp_dir ("rehearse-test-preferences-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(RehearseLibrary) library = test_open_library (path);
  g_autoptr(RehearseParsedDeck) deck = test_make_deck ("Backed", 1, 2, "1");
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *backup = NULL;
  GtkWidget *restore;

  g_assert_false (ui_test_shows_text (GTK_WIDGET (fixture->window), "Backups"));
  test_import_ok (library, deck);
  test_save_note (library, "backed/1", "Before.");
  backup = rehearse_library_backup (library, (gint64) 1796479200 * 1000, NULL);
  g_assert_nonnull (backup);
  test_save_note (library, "backed/1", "After.");

  rehearse_preferences_window_set_library (REHEARSE_PREFERENCES_WINDOW (fixture->window), library);
  g_assert_true (ui_test_shows_text (GTK_WIDGET (fixture->window), "Backups"));
  restore = button_named (GTK_WIDGET (fixture->window), "Restore");
  g_assert_nonnull (restore);
  g_signal_emit_by_name (restore, "clicked");
  g_assert_nonnull (find_message_dialog ());
  adw_message_dialog_response (find_message_dialog (), "confirm");
  gtk_window_destroy (GTK_WINDOW (find_message_dialog ()));

  ui_test_wait_for (note_is, library);
  backups = rehearse_library_list_backups (library, NULL);
  g_assert_cmpuint (backups->len, ==, 2);   /* the one restored, and the library before it */
  test_assert_check (library, NULL);
  rehearse_library_wait_for_writes (library);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/preferences-window/desired-retention", Fixture, NULL, fixture_set_up,
              test_desired_retention, fixture_tear_down);
  g_test_add ("/preferences-window/interval-fuzz", Fixture, NULL, fixture_set_up,
              test_interval_fuzz, fixture_tear_down);

  g_test_add ("/preferences-window/backups-restore", Fixture, NULL, fixture_set_up,
              test_backups_restore, fixture_tear_down);

  return g_test_run ();
}
