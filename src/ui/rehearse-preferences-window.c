/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rehearse-confirm-dialog.h"
#include "rehearse-preferences-window.h"

struct _RehearsePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwComboRow          *style_row;
  GtkAdjustment        *zoom_adjustment;
  GtkAdjustment        *retention_adjustment;
  GtkSwitch            *fuzz_switch;
  AdwPreferencesGroup  *backups_group;

  RehearseLibrary      *library;
  GPtrArray            *backup_rows;   /* the rows shown in backups_group */
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

/* ---- Backups ---------------------------------------------------------------- */

static void show_backups (RehearsePreferencesWindow *self);

/* "Saturday 5 December 2026, 14:00", in local time. */
static char *
describe_backup_time (gint64 time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time / 1000);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  /* TRANSLATORS: when a backup was made; see g_date_time_format() */
  return g_date_time_format (local, _("%A %-d %B %Y, %H:%M"));
}

typedef struct
{
  RehearsePreferencesWindow *window;
  char                      *path;
  char                      *when;
} Restore;

static void
restore_free (gpointer data)
{
  Restore *restore = data;

  g_object_unref (restore->window);
  g_free (restore->path);
  g_free (restore->when);
  g_free (restore);
}

static void
on_restored (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Restore *restore = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (rehearse_library_restore_backup_finish (REHEARSE_LIBRARY (source), result, &error))
    message = g_strdup_printf (_("The library is back as it was on %s"), restore->when);
  else
    message = g_strdup_printf (_("Could not restore the backup: %s"), error->message);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (restore->window),
                                    adw_toast_new (message));
  show_backups (restore->window);
  restore_free (restore);
}

static void
restore_confirmed (GtkWindow *parent,
                   gpointer   subject)
{
  Restore *restore = subject;
  Restore *running = g_new0 (Restore, 1);

  *running = (Restore) {
    g_object_ref (restore->window), g_strdup (restore->path), g_strdup (restore->when)
  };
  rehearse_library_restore_backup_async (restore->window->library, restore->path, NULL,
                                         on_restored, running);
}

static void
on_restore_clicked (GtkButton                 *button,
                    RehearsePreferencesWindow *self)
{
  const RehearseBackup *backup = g_object_get_data (G_OBJECT (button), "backup");
  Restore *restore = g_new0 (Restore, 1);
  g_autofree char *heading = NULL;

  *restore = (Restore) {
    g_object_ref (self), g_strdup (backup->path), describe_backup_time (backup->time)
  };
  heading = g_strdup_printf (_("Restore the Library as It Was on %s?"), restore->when);
  rehearse_confirm_destructive (GTK_WINDOW (self), heading,
                                _("Decks, notes, bookmarks and reviews all go back to that "
                                  "time. The library as it is now is backed up first, so this "
                                  "can be undone the same way."),
                                _("_Restore"), restore_confirmed, restore, restore_free);
}

static GtkWidget *
backup_row (RehearsePreferencesWindow *self,
            RehearseBackup            *backup)
{
  g_autofree char *when = describe_backup_time (backup->time);
  g_autofree char *size = g_format_size (backup->size);
  g_autofree char *label = g_strdup_printf (_("Restore the backup of %s"), when);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_label (_("Restore"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), size);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "backup", backup,
                          (GDestroyNotify) rehearse_backup_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_restore_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
show_backups (RehearsePreferencesWindow *self)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->backup_rows->len; i++)
    adw_preferences_group_remove (self->backups_group, g_ptr_array_index (self->backup_rows, i));
  g_ptr_array_set_size (self->backup_rows, 0);

  backups = rehearse_library_list_backups (self->library, &error);
  if (backups == NULL || backups->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     backups == NULL ? error->message : _("No backups yet"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      g_ptr_array_add (self->backup_rows, row);
      adw_preferences_group_add (self->backups_group, row);
      return;
    }

  /* Each row's button owns its backup. */
  g_ptr_array_set_free_func (backups, NULL);
  for (guint i = 0; i < backups->len; i++)
    {
      GtkWidget *row = backup_row (self, g_ptr_array_index (backups, i));

      g_ptr_array_add (self->backup_rows, row);
      adw_preferences_group_add (self->backups_group, row);
    }
}

void
rehearse_preferences_window_set_library (RehearsePreferencesWindow *self,
                                         RehearseLibrary           *library)
{
  g_return_if_fail (REHEARSE_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (REHEARSE_IS_LIBRARY (library));

  g_set_object (&self->library, library);
  gtk_widget_set_visible (GTK_WIDGET (self->backups_group), TRUE);
  show_backups (self);
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
rehearse_preferences_window_dispose (GObject *object)
{
  RehearsePreferencesWindow *self = REHEARSE_PREFERENCES_WINDOW (object);

  g_clear_object (&self->library);
  g_clear_pointer (&self->backup_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (rehearse_preferences_window_parent_class)->dispose (object);
}

static void
rehearse_preferences_window_class_init (RehearsePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rehearse_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rehearse/Rehearse/rehearse-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RehearsePreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, RehearsePreferencesWindow, zoom_adjustment);
  gtk_widget_class_bind_template_child (widget_class, RehearsePreferencesWindow,
                                        retention_adjustment);
  gtk_widget_class_bind_template_child (widget_class, RehearsePreferencesWindow, fuzz_switch);
  gtk_widget_class_bind_template_child (widget_class, RehearsePreferencesWindow, backups_group);
  gtk_widget_class_bind_template_callback (widget_class, show_percent);
  gtk_widget_class_bind_template_callback (widget_class, read_percent);
}

static void
rehearse_preferences_window_init (RehearsePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->backup_rows = g_ptr_array_new ();
}
