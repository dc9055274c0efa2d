/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rehearse-preferences-window.h"

struct _RehearsePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwComboRow          *style_row;
  GtkAdjustment        *zoom_adjustment;
  GtkAdjustment        *retention_adjustment;
  GtkSwitch            *fuzz_switch;
};

G_DEFINE_FINAL_TYPE (RehearsePreferencesWindow, rehearse_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

/* The combo row's positions, in the order of its string list. */
static const char * const color_schemes[] = { "default", "light", "dark" };

static gboolean
scheme_to_position (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
    if (g_strcmp0 (scheme, color_schemes[i]) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
position_to_scheme (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  return g_variant_new_string (color_schemes[MIN (position, G_N_ELEMENTS (color_schemes) - 1)]);
}

/* The answer zoom and the desired retention are fractions shown as whole
 * percentages: 0.9 * 100 is 90.00000000000001, which steps of one would
 * carry along. */
static gboolean
fraction_to_percent (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  g_value_set_double (value, round (g_variant_get_double (variant) * 100.0));
  return TRUE;
}

static GVariant *
percent_to_fraction (const GValue       *value,
                     const GVariantType *expected_type,
                     gpointer            user_data)
{
  return g_variant_new_double (round (g_value_get_double (value)) / 100.0);
}

/* Percent spin buttons read "90%", and take "85" or "85%". */
static gboolean
show_percent (GtkSpinButton *spin)
{
  /* TRANSLATORS: a whole percentage, as in "90%" */
  g_autofree char *text = g_strdup_printf (_("%.0f%%"), gtk_spin_button_get_value (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
read_percent (GtkSpinButton *spin,
              double        *value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  char *end = NULL;

  *value = g_ascii_strtod (text, &end);
  if (end == text)
    return GTK_INPUT_ERROR;
  return TRUE;
}

GtkWindow *
rehearse_preferences_window_new (GSettings *settings)
{
  RehearsePreferencesWindow *self = g_object_new (REHEARSE_TYPE_PREFERENCES_WINDOW, NULL);

  g_settings_bind_with_mapping (settings, "color-scheme", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, scheme_to_position, position_to_scheme,
                                NULL, NULL);
  g_settings_bind_with_mapping (settings, "answer-zoom", self->zoom_adjustment, "value",
                                G_SETTINGS_BIND_DEFAULT, fraction_to_percent, percent_to_fraction,
                                NULL, NULL);
  g_settings_bind_with_mapping (settings, "desired-retention", self->retention_adjustment, "value",
                                G_SETTINGS_BIND_DEFAULT, fraction_to_percent, percent_to_fraction,
                                NULL, NULL);
  g_settings_bind (settings, "interval-fuzz", self->fuzz_switch, "active", G_SETTINGS_BIND_DEFAULT);

  return GTK_WINDOW (self);
}

static void
rehearse_preferences_window_class_init (RehearsePreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rehearse/Rehearse/rehearse-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RehearsePreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, RehearsePreferencesWindow, zoom_adjustment);
  gtk_widget_class_bind_template_child (widget_class, RehearsePreferencesWindow,
                                        retention_adjustment);
  gtk_widget_class_bind_template_child (widget_class, RehearsePreferencesWindow, fuzz_switch);
  gtk_widget_class_bind_template_callback (widget_class, show_percent);
  gtk_widget_class_bind_template_callback (widget_class, read_percent);
}

static void
rehearse_preferences_window_init (RehearsePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
