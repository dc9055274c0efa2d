/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rehearse-application.h"
#include "rehearse-error.h"
#include "rehearse-preferences-window.h"
#include "rehearse-repair-dialog.h"
#include "rehearse-window.h"

struct _RehearseApplication
{
  AdwApplication   parent_instance;

  RehearseLibrary *library;
  char            *library_path;     /* NULL: the default */
  GSettings       *settings;
  char            *library_problem;  /* shown by the first window, then cleared */
  GError          *library_error;    /* why there is no library */
  /* What came back of a library that could not be opened (salvaged at
   * start into a new one): shown by the first window, then cleared. */
  RehearseSalvageReport *salvaged_at_start;
  gboolean         library_checked;  /* the check for damage was started */
  gint64           backup_asked_at;  /* monotonic µs; 0: never */
};

G_DEFINE_FINAL_TYPE (RehearseApplication, rehearse_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_LIBRARY_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

RehearseApplication *
rehearse_application_new (void)
{
  return g_object_new (REHEARSE_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/rehearse/Rehearse",
                       NULL);
}

RehearseLibrary *
rehearse_application_get_library (RehearseApplication *self)
{
  g_return_val_if_fail (REHEARSE_IS_APPLICATION (self), NULL);

  return self->library;
}

const GError *
rehearse_application_get_library_error (RehearseApplication *self)
{
  g_return_val_if_fail (REHEARSE_IS_APPLICATION (self), NULL);

  return self->library_error;
}

GSettings *
rehearse_application_get_settings (RehearseApplication *self)
{
  g_return_val_if_fail (REHEARSE_IS_APPLICATION (self), NULL);

  return self->settings;
}

/* A damaged library is moved aside, never deleted: the user (or a later
 * version) may still recover notes from it. */
/* How often changes may ask whether a backup is due (each asks the
 * writer thread to look at the backups folder). */
#define BACKUP_ASK_INTERVAL_USEC (60 * G_USEC_PER_SEC)

static void
on_backup_checked (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(RehearseApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  if (rehearse_library_backup_if_due_finish (REHEARSE_LIBRARY (source), result, &error)
      || error == NULL)
    return;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (REHEARSE_IS_WINDOW (window))
    {
      g_autofree char *message = g_strdup_printf (_("The library could not be backed up: %s"),
                                                  error->message);

      rehearse_window_show_message (REHEARSE_WINDOW (window), message);
    }
}

/* After changes, a backup every 30 minutes at most (the library decides). */
static void
back_up_after_changes (RehearseApplication *self)
{
  gint64 now = g_get_monotonic_time ();

  if (self->backup_asked_at != 0 && now - self->backup_asked_at < BACKUP_ASK_INTERVAL_USEC)
    return;

  self->backup_asked_at = now;
  rehearse_library_backup_if_due_async (self->library, NULL, on_backup_checked,
                                        g_object_ref (self));
}

/* The library at @aside could not be opened at all: what still reads of
 * it goes into the new one, and the first window says what came back. */
static void
salvage_at_start (RehearseApplication *self,
                  const char          *aside)
{
  g_autoptr(RehearseSalvageReport) report = g_new0 (RehearseSalvageReport, 1);
  g_autoptr(GError) error = NULL;

  if (!rehearse_library_salvage (aside, self->library, report, &error))
    {
      self->library_problem = g_strdup_printf (_("The library was damaged beyond repair (%s) "
                                                 "and has been set aside as %s. A new one was "
                                                 "started."), error->message, aside);
      return;
    }
  rehearse_library_reimport_salvaged_decks (self->library, report, NULL);
  report->set_aside_path = g_strdup (aside);
  self->salvaged_at_start = g_steal_pointer (&report);
}

static void
on_library_checked (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  RehearseApplication *self = REHEARSE_APPLICATION (source);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  if (g_task_propagate_boolean (G_TASK (result), &error)
      || !g_error_matches (error, REHEARSE_ERROR, REHEARSE_ERROR_CORRUPT_DATABASE))
    return;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL && self->library != NULL)
    rehearse_repair_dialog_offer (window, self->library, error);
}

static void
check_library_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  GError *error = NULL;

  if (rehearse_library_quick_check (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Damage in the middle of the file goes unnoticed by opening: a full
 * check reads every page, off the main thread, once the window shows. */
static void
check_library_in_background (RehearseApplication *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->library == NULL || self->library_checked)
    return;

  self->library_checked = TRUE;
  task = g_task_new (self, NULL, on_library_checked, NULL);
  g_task_set_task_data (task, g_object_ref (self->library), g_object_unref);
  g_task_run_in_thread (task, check_library_thread);
}

static void
open_library (RehearseApplication *self)
{
  g_autofree char *path = self->library_path != NULL ? g_strdup (self->library_path)
                                                      : rehearse_library_default_path ();
  g_autoptr(GError) error = NULL;

  self->library = rehearse_library_open (path, &error);
  if (self->library != NULL)
    return;

  if (g_error_matches (error, REHEARSE_ERROR, REHEARSE_ERROR_CORRUPT_DATABASE))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
      g_autofree char *aside = g_strdup_printf ("%s.damaged-%s", path, stamp);
      g_autoptr(GError) reopen_error = NULL;

      if (g_rename (path, aside) == 0)
        self->library = rehearse_library_open (path, &reopen_error);
      if (self->library != NULL)
        {
          salvage_at_start (self, aside);
          return;
        }
    }

  /* The window says it on the page it shows instead of a library. */
  self->library_error = g_steal_pointer (&error);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GApplication *app = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Closing through the window lets it save its state first. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }

  /* A window still writing (its note, a quiz's last grade) closes once the
   * library has it, and one whose note could not be saved stays open with
   * it: the application ends when its last window goes. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (REHEARSE_IS_WINDOW (l->data))
      return;

  g_application_quit (app);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "The Rehearse developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Rehearse"),
                        "application-icon", REHEARSE_ABOUT_ICON_NAME,
                        "developer-name", _("The Rehearse developers"),
                        "version", PACKAGE_VERSION,
                        "website", "https://github.com/rehearse/rehearse",
                        "issue-url", "https://github.com/rehearse/rehearse/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Rehearse developers",
                        "developers", developers,
                        "comments", _("Study interview questions and answers, with a Docker "
                                      "deck to start with."),
                        NULL);
  adw_about_window_add_credit_section (ADW_ABOUT_WINDOW (about), _("Bundled deck"),
                                       (const char *[]) { _("Docker Interview Questions 301–400"),
                                                          NULL });
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  RehearseApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWindow *preferences = rehearse_preferences_window_new (self->settings);

  if (self->library != NULL)
    rehearse_preferences_window_set_library (REHEARSE_PREFERENCES_WINDOW (preferences),
                                             self->library);

  gtk_window_set_transient_for (preferences, parent);
  gtk_window_present (preferences);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "preferences", preferences_activated },
};

static void
apply_color_scheme (RehearseApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme color_scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_strcmp0 (scheme, "light") == 0)
    color_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_strcmp0 (scheme, "dark") == 0)
    color_scheme = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), color_scheme);
}

static void
rehearse_application_startup (GApplication *application)
{
  RehearseApplication *self = REHEARSE_APPLICATION (application);
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.previous", { "<Alt>Left", "<Control>Page_Up", NULL } },
    { "win.next", { "<Alt>Right", "<Control>Page_Down", NULL } },
    { "win.bookmarked", { "<Control>d", NULL } },
    { "win.edit-note", { "<Control>e", NULL } },
    { "win.edit-bookmark-label", { "<Control><Shift>d", NULL } },
    { "win.toggle-sidebar", { "F9", NULL } },
    { "win.import", { "<Control>o", NULL } },
    { "win.start-quiz('')", { "<Control>r", NULL } },
    { "win.show-progress", { "<Control><Shift>p", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "win.zoom-in", { "<Control>plus", "<Control>equal", NULL } },
    { "win.zoom-out", { "<Control>minus", NULL } },
    { "win.zoom-reset", { "<Control>0", NULL } },
  };

  G_APPLICATION_CLASS (rehearse_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);

  self->settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_swapped (self->settings, "changed::color-scheme",
                            G_CALLBACK (apply_color_scheme), self);
  apply_color_scheme (self);

  open_library (self);
  if (self->library != NULL)
    {
      g_signal_connect_object (self->library, "user-data-changed",
                               G_CALLBACK (back_up_after_changes), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->library, "decks-changed",
                               G_CALLBACK (back_up_after_changes), self, G_CONNECT_SWAPPED);
    }
}

static RehearseWindow *
ensure_window (RehearseApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      window = GTK_WINDOW (rehearse_window_new (self));
      if (self->salvaged_at_start != NULL)
        {
          rehearse_repair_dialog_show_report (window, self->salvaged_at_start);
          g_clear_pointer (&self->salvaged_at_start, rehearse_salvage_report_free);
        }
      check_library_in_background (self);
      if (self->library_problem != NULL)
        {
          rehearse_window_show_message (REHEARSE_WINDOW (window), self->library_problem);
          g_clear_pointer (&self->library_problem, g_free);
        }
    }

  return REHEARSE_WINDOW (window);
}

static void
rehearse_application_activate (GApplication *application)
{
  RehearseApplication *self = REHEARSE_APPLICATION (application);

  gtk_window_present (GTK_WINDOW (ensure_window (self)));
}

/* `rehearse FILE…`, also when Rehearse already runs: the running instance
 * imports the files and shows them. */
static void
rehearse_application_open (GApplication  *application,
                           GFile        **files,
                           int            n_files,
                           const char    *hint)
{
  RehearseApplication *self = REHEARSE_APPLICATION (application);
  RehearseWindow *window = ensure_window (self);

  gtk_window_present (GTK_WINDOW (window));
  rehearse_window_import_files (window, files, (guint) n_files);
}

static void
rehearse_application_shutdown (GApplication *application)
{
  RehearseApplication *self = REHEARSE_APPLICATION (application);

  G_APPLICATION_CLASS (rehearse_application_parent_class)->shutdown (application);

  /* The writes asked for are committed before the process ends, and
   * their answers delivered, so nothing holds the library any more. */
  if (self->library != NULL)
    {
      rehearse_library_wait_for_writes (self->library);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_clear_object (&self->library);
}

static void
rehearse_application_finalize (GObject *object)
{
  RehearseApplication *self = REHEARSE_APPLICATION (object);

  g_clear_object (&self->library);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->library_problem, g_free);
  g_clear_error (&self->library_error);
  g_clear_pointer (&self->salvaged_at_start, rehearse_salvage_report_free);
  g_clear_pointer (&self->library_path, g_free);

  G_OBJECT_CLASS (rehearse_application_parent_class)->finalize (object);
}

static void
rehearse_application_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RehearseApplication *self = REHEARSE_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_LIBRARY_PATH:
      g_value_set_string (value, self->library_path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rehearse_application_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  RehearseApplication *self = REHEARSE_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_LIBRARY_PATH:
      g_free (self->library_path);
      self->library_path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rehearse_application_class_init (RehearseApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = rehearse_application_finalize;
  object_class->get_property = rehearse_application_get_property;
  object_class->set_property = rehearse_application_set_property;

  /* Where the library lives; tests and benchmarks point it elsewhere. It is
   * read at startup. */
  properties[PROP_LIBRARY_PATH] =
    g_param_spec_string ("library-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  app_class->startup = rehearse_application_startup;
  app_class->activate = rehearse_application_activate;
  app_class->open = rehearse_application_open;
  app_class->shutdown = rehearse_application_shutdown;
}

static void
rehearse_application_init (RehearseApplication *self)
{
}
