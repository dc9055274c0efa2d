/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "rehearse-importer.h"
#include "test-support.h"

G_BEGIN_DECLS

/* Widget tests share these: a temporary data folder (so the library is a
 * real, fresh SQLite file), the bundled deck, and waiting on the main loop
 * for something asynchronous to happen. */

/* A fresh folder for the test's library. Settings live in the memory
 * backend for the whole process, so the keys a test depends on are reset.
 * (Not G_TEST_OPTION_ISOLATE_DIRS: it hides XDG_DATA_DIRS, and with them the
 * icon theme and the MIME database GTK needs.) */
static inline char *
ui_test_make_data_home (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.rehearse.Rehearse");
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("rehearse-ui-XXXXXX", &error);

  g_assert_no_error (error);
  g_settings_reset (settings, "bundled-deck-imported");
  g_settings_reset (settings, "last-question");
  return dir;
}

static inline RehearseLibrary *
ui_test_library_with_bundled_deck (const char *data_home)
{
  g_autofree char *path = g_build_filename (data_home, "library.db", NULL);
  g_autofree char *deck = g_build_filename (rehearse_importer_bundled_decks_dir (),
                                            "docker-interview-questions", NULL);
  const char *paths[] = { deck, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  RehearseLibrary *library = rehearse_library_open (path, &error);

  g_assert_no_error (error);
  reports = rehearse_importer_import (library, paths, NULL);
  g_assert_cmpuint (reports->len, ==, 1);
  g_assert_no_error (((RehearseImportReport *) g_ptr_array_index (reports, 0))->error);

  return library;
}

typedef gboolean (*UiTestCondition) (gpointer data);

/* Runs the main loop until @condition holds; fails after ten seconds. */
static inline void
ui_test_wait_for (UiTestCondition condition,
                  gpointer        data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* A UiTestCondition: @window has the keyboard (on a display shared by
 * several windows, not always the case). */
static inline gboolean
ui_test_window_is_active (gpointer window)
{
  return gtk_window_is_active (GTK_WINDOW (window));
}

/* The first descendant of @widget of type @type (depth first), outside
 * popovers. */
static inline GtkWidget *
ui_test_find_widget (GtkWidget *widget,
                     GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      /* A drop-down's list of choices is not the list a test looks for. */
      if (GTK_IS_POPOVER (child))
        continue;

      found = ui_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The first button under @widget (depth first) whose label is @label. */
static inline GtkWidget *
ui_test_find_button (GtkWidget  *widget,
                     const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_test_find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Every window the app still has is on screen: a dialog closed is gone,
 * not kept hidden. GTK 4.8 answers a screen reader that asks for a window
 * past the last with the last window in this list, and a hidden one has no
 * AT-SPI path: the app crashed. */
static inline void
ui_test_assert_all_windows_shown (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* owned by GTK */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (!gtk_widget_get_visible (toplevel))
        g_error ("%s “%s” is kept hidden", G_OBJECT_TYPE_NAME (toplevel),
                 gtk_window_get_title (GTK_WINDOW (toplevel)));
    }
}

/* Whether a visible label under @widget shows @text. */
static inline gboolean
ui_test_shows_text (GtkWidget  *widget,
                    const char *text)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ui_test_shows_text (child, text))
      return TRUE;

  return FALSE;
}

G_END_DECLS
