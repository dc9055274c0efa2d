/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>

#include "rehearse-preferences-window.h"
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

  return g_test_run ();
}
