/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rehearse-confirm-dialog.h"
#include "rehearse-window-private.h"

#define ZOOM_STEP 0.1

/* ---- Moving around ----------------------------------------------------------- */

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  _rehearse_window_navigate (REHEARSE_WINDOW (widget), -1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _rehearse_window_navigate (REHEARSE_WINDOW (widget), +1);
}

static void
show_sidebar (RehearseWindow *self,
              gboolean        shown)
{
  gtk_widget_set_visible (self->sidebar_pane, shown);
  gtk_widget_set_visible (self->sidebar_handle, shown);
  _rehearse_window_update_show_sidebar_button (self);
}

void
_rehearse_window_update_show_sidebar_button (RehearseWindow *self)
{
  /* Folded, the Back button does its work. */
  gtk_widget_set_visible (self->show_sidebar_button,
                          !gtk_widget_get_visible (self->sidebar_pane)
                          && !adw_leaflet_get_folded (self->leaflet));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RehearseWindow *self = REHEARSE_WINDOW (widget);

  show_sidebar (self, TRUE);
  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
  rehearse_sidebar_focus_search (self->sidebar);
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RehearseWindow *self = REHEARSE_WINDOW (widget);

  /* Folded, the sidebar is a page of its own: go to it or away from it. */
  if (adw_leaflet_get_folded (self->leaflet))
    {
      gboolean on_sidebar = g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet),
                                       "sidebar") == 0;

      show_sidebar (self, TRUE);
      adw_leaflet_set_visible_child_name (self->leaflet, on_sidebar ? "content" : "sidebar");
      return;
    }

  show_sidebar (self, !gtk_widget_get_visible (self->sidebar_pane));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  adw_leaflet_set_visible_child_name (REHEARSE_WINDOW (widget)->leaflet, "sidebar");
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RehearseWindow *self = REHEARSE_WINDOW (widget);

  if (g_str_equal (action_name, "win.zoom-in"))
    _rehearse_window_set_zoom (self, self->zoom + ZOOM_STEP);
  else if (g_str_equal (action_name, "win.zoom-out"))
    _rehearse_window_set_zoom (self, self->zoom - ZOOM_STEP);
  else
    _rehearse_window_set_zoom (self, 1.0);
}

/* Built when asked for, not with the window as GtkApplication would build
 * gtk/help-overlay.ui: parsing it cost start-up about 10 ms. Closing it
 * destroys it rather than hiding it: GTK 4.8 answers a screen reader that
 * asks for a window past the last with the last window the app has, and a
 * hidden one has no AT-SPI path, which crashed the app. */
static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RehearseWindow *self = REHEARSE_WINDOW (widget);

  if (self->shortcuts_window == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (
        "/io/github/rehearse/Rehearse/rehearse-shortcuts-window.ui");

      self->shortcuts_window = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      g_object_add_weak_pointer (G_OBJECT (self->shortcuts_window),
                                 (gpointer *) &self->shortcuts_window);
      gtk_window_set_transient_for (self->shortcuts_window, GTK_WINDOW (self));
    }

  gtk_window_present (self->shortcuts_window);
}

/* ---- Bookmarks and notes ----------------------------------------------------- */

static void
edit_note_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RehearseWindow *self = REHEARSE_WINDOW (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  rehearse_question_view_edit_note (self->question_view);
}

static void
edit_bookmark_label_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  RehearseWindow *self = REHEARSE_WINDOW (widget);

  /* A label needs a bookmark to hang on. */
  _rehearse_window_set_bookmarked (self, TRUE);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  rehearse_question_view_edit_bookmark_label (self->question_view);
}

static void
notes_file_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  _rehearse_window_choose_notes_file (REHEARSE_WINDOW (widget),
                                      g_str_equal (action_name, "win.export-notes"));
}

/* ---- Quiz ------------------------------------------------------------------- */

static void
start_quiz_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  _rehearse_window_choose_quiz (REHEARSE_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
quiz_topic_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  gint64 topic_id;
  const char *topic_title;

  g_variant_get (parameter, "(x&s)", &topic_id, &topic_title);
  _rehearse_window_quiz_topic (REHEARSE_WINDOW (widget), topic_id, topic_title);
}

static void
show_progress_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  _rehearse_window_show_progress (REHEARSE_WINDOW (widget));
}

/* ---- Decks and what is deleted ------------------------------------------------ */

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _rehearse_window_choose_decks (REHEARSE_WINDOW (widget));
}

static void
on_orphan_deleted (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(RehearseWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean deleted = rehearse_library_delete_user_data_finish (REHEARSE_LIBRARY (source), result,
                                                               &error);

  /* The window went meanwhile: nothing left to show it in. */
  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || self->sidebar == NULL)
    return;

  if (!deleted)
    {
      rehearse_window_show_message (self, error->message);
      return;
    }

  rehearse_sidebar_reload (self->sidebar);
  _rehearse_window_show_nothing_selected (self);
  rehearse_window_show_message (self, _("Bookmark and note deleted"));
}

static void
delete_orphan (GtkWindow *window,
               gpointer   question_key)
{
  RehearseWindow *self = REHEARSE_WINDOW (window);

  /* Not cancelled when the window closes: the user confirmed it. */
  rehearse_library_delete_user_data_async (self->library, question_key, NULL, on_orphan_deleted,
                                           g_object_ref (self));
}

static void
delete_orphan_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RehearseWindow *self = REHEARSE_WINDOW (widget);
  RehearseQuestion *question = rehearse_question_view_get_question (self->question_view);

  if (question == NULL || !rehearse_question_get_orphaned (question))
    return;

  rehearse_confirm_destructive (GTK_WINDOW (self), _("Delete Bookmark and Note?"),
                                _("The question is no longer in any deck. Its bookmark and note "
                                  "will be deleted for good; export your notes first to keep a "
                                  "copy."),
                                _("_Delete"), delete_orphan,
                                g_strdup (rehearse_question_get_key (question)), g_free);
}

typedef struct
{
  RehearseWindow *window;
  RehearseDeck   *deck;
} DeckRemoval;

static void
deck_removal_free (DeckRemoval *removal)
{
  g_object_unref (removal->window);
  g_object_unref (removal->deck);
  g_free (removal);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeckRemoval, deck_removal_free)

static void
on_deck_removed (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(DeckRemoval) removal = user_data;
  RehearseWindow *self = removal->window;
  gint64 deck_id = rehearse_deck_get_id (removal->deck);
  g_autoptr(GError) error = NULL;
  gboolean removed = rehearse_library_delete_deck_finish (REHEARSE_LIBRARY (source), result,
                                                          &error);
  g_autofree char *message = NULL;
  RehearseQuestion *shown;

  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || self->sidebar == NULL)
    return;

  _rehearse_window_end_busy (self);
  if (!removed)
    {
      rehearse_window_show_message (self, error->message);
      return;
    }

  rehearse_sidebar_reload (self->sidebar);
  shown = rehearse_question_view_get_question (self->question_view);
  if (shown != NULL && rehearse_question_get_deck_id (shown) == deck_id)
    _rehearse_window_show_nothing_selected (self);

  message = g_strdup_printf (_("Removed “%s”"), rehearse_deck_get_title (removal->deck));
  rehearse_window_show_message (self, message);
}

static void
remove_deck (GtkWindow *window,
             gpointer   deck)
{
  RehearseWindow *self = REHEARSE_WINDOW (window);
  DeckRemoval *removal = g_new0 (DeckRemoval, 1);
  g_autofree char *message = g_strdup_printf (_("Removing “%s”…"),
                                              rehearse_deck_get_title (deck));

  removal->window = g_object_ref (self);
  removal->deck = g_object_ref (deck);

  /* A note being typed on one of its questions is saved first: writes are
   * done in the order asked for. A big deck takes a while: the window
   * says so meanwhile. Not cancelled when the window closes: the user
   * confirmed it. */
  rehearse_note_editor_save (rehearse_question_view_get_note_editor (self->question_view));
  _rehearse_window_begin_busy (self, message);
  rehearse_library_delete_deck_async (self->library, rehearse_deck_get_id (deck), NULL,
                                      on_deck_removed, removal);
}

static void
remove_deck_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RehearseWindow *self = REHEARSE_WINDOW (widget);
  g_autofree char *deck_id = g_strdup_printf ("%" G_GINT64_FORMAT, g_variant_get_int64 (parameter));
  RehearseDeck *deck = rehearse_library_find_deck (self->library, deck_id, NULL);
  g_autofree char *heading = NULL;

  if (deck == NULL)
    return;

  heading = g_strdup_printf (_("Remove “%s”?"), rehearse_deck_get_title (deck));
  rehearse_confirm_destructive (GTK_WINDOW (self), heading,
                                _("Its questions leave the library. Your bookmarks and notes on "
                                  "them are kept, listed under Orphaned, and come back with them "
                                  "when you import the deck again."),
                                _("_Remove"), remove_deck, deck, g_object_unref);
}

void
_rehearse_window_class_actions_init (RehearseWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* Key bindings live with the application's accels (rehearse-application.c)
   * so that the shortcuts window and menus show them. */
  gtk_widget_class_install_action (widget_class, "win.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "win.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_shortcuts_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_action);
  /* "bookmarked" is the window's property: install it first. */
  gtk_widget_class_install_property_action (widget_class, "win.bookmarked", "bookmarked");
  gtk_widget_class_install_action (widget_class, "win.edit-note", NULL, edit_note_action);
  gtk_widget_class_install_action (widget_class, "win.edit-bookmark-label", NULL,
                                   edit_bookmark_label_action);
  gtk_widget_class_install_action (widget_class, "win.delete-orphan", NULL, delete_orphan_action);
  gtk_widget_class_install_action (widget_class, "win.remove-deck", "x", remove_deck_action);
  gtk_widget_class_install_action (widget_class, "win.export-notes", NULL, notes_file_action);
  gtk_widget_class_install_action (widget_class, "win.import-notes", NULL, notes_file_action);
  /* "" opens the quiz's setup dialog as it is; a preset ("topic:12", "due")
   * chooses its questions, as the sidebar's menus do. */
  gtk_widget_class_install_action (widget_class, "win.start-quiz", "s", start_quiz_action);
  /* (topic id, its title): a quiz on that topic at once, without the dialog. */
  gtk_widget_class_install_action (widget_class, "win.quiz-topic", "(xs)", quiz_topic_action);
  gtk_widget_class_install_action (widget_class, "win.show-progress", NULL, show_progress_action);
}
