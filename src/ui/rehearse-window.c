/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rehearse-accessible.h"
#include "rehearse-question-list.h"
#include "rehearse-repair-dialog.h"
#include "rehearse-sidebar-handle.h"
#include "rehearse-error.h"
#include "rehearse-window-private.h"

#define SIDEBAR_MIN_WIDTH 240
#define SIDEBAR_MAX_WIDTH 560

/* Long work says what it does once it has taken this long. */
#define BUSY_MESSAGE_DELAY_MS 400

G_DEFINE_FINAL_TYPE (RehearseWindow, rehearse_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_BOOKMARKED,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load (RehearseWindow *self);

RehearseWindow *
rehearse_window_new (RehearseApplication *application)
{
  RehearseWindow *self = g_object_new (REHEARSE_TYPE_WINDOW, "application", application, NULL);

  /* "application" is not a construct property: it is set after
   * constructed(), so the window loads here. */
  load (self);
  return self;
}

/* A new message takes the place of the one shown last, at once: what the
 * user just did is what they wait to hear about. (libadwaita 1.2's high
 * priority, its own way to jump the queue, aborts when a toast it put back
 * is due again before its hiding has ended.) Takes @toast. */
void
_rehearse_window_add_toast (RehearseWindow *self,
                            AdwToast       *toast)
{
  if (self->last_toast != NULL)
    {
      /* Dismissing may finalize it. */
      g_autoptr(AdwToast) shown = g_object_ref (self->last_toast);

      g_object_remove_weak_pointer (G_OBJECT (shown), (gpointer *) &self->last_toast);
      adw_toast_dismiss (shown);
    }
  self->last_toast = toast;
  g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &self->last_toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
rehearse_window_show_message (RehearseWindow *self,
                              const char     *message)
{
  /* A toast's title is Pango markup, and a deck's title or a file's name
   * may hold a "&" or a "<". */
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 6);
  _rehearse_window_add_toast (self, toast);
  /* A write refused may be the first sign of damage. */
  _rehearse_window_update_library_notice (self);
}

/* ---- The library cannot be written ----------------------------------------- */

static gboolean
library_writable (RehearseWindow *self)
{
  return self->library != NULL
         && !rehearse_library_is_read_only (self->library)
         && !rehearse_library_is_damaged (self->library);
}

static void update_navigation_actions (RehearseWindow *self);

void
_rehearse_window_update_library_notice (RehearseWindow *self)
{
  g_autofree char *title = NULL;
  const char *button_label = NULL;
  RehearseBanner *banners[3];
  guint n_banners = 1;

  if (self->library_notice == NULL)
    return;

  if (self->library != NULL && rehearse_library_is_damaged (self->library))
    {
      title = g_strdup_printf (_("The library “%s” is damaged: changes cannot be saved until "
                                 "it is repaired."),
                               rehearse_library_get_path (self->library));
      button_label = _("_Repair…");
    }
  else if (self->library != NULL && rehearse_library_is_read_only (self->library))
    {
      title = g_strdup_printf (_("This library is read-only: changes cannot be saved. %s"),
                               rehearse_library_get_read_only_reason (self->library));
    }

  /* The reader's banner, and the quiz's and the progress page's once they
   * are made: the notice stays in sight whichever is shown. */
  banners[0] = self->library_notice;
  if (self->quiz_page != NULL)
    banners[n_banners++] = rehearse_quiz_page_get_library_notice (self->quiz_page);
  if (self->progress_page != NULL)
    banners[n_banners++] = rehearse_progress_page_get_library_notice (self->progress_page);
  for (guint i = 0; i < n_banners; i++)
    {
      if (title != NULL)
        {
          rehearse_banner_set_title (banners[i], title);
          rehearse_banner_set_button_label (banners[i], button_label);
        }
      rehearse_banner_set_revealed (banners[i], title != NULL);
    }
  update_navigation_actions (self);
}

static void
on_repair_clicked (RehearseWindow *self)
{
  g_autoptr(GError) damage = NULL;

  damage = g_error_new (REHEARSE_ERROR, REHEARSE_ERROR_CORRUPT_DATABASE,
                        _("The library “%s” is damaged"),
                        rehearse_library_get_path (self->library));
  rehearse_repair_dialog_offer (GTK_WINDOW (self), self->library, damage);
}

void
_rehearse_window_watch_library_notice (RehearseWindow *self,
                                       RehearseBanner *library_notice)
{
  g_signal_connect_object (library_notice, "button-clicked",
                           G_CALLBACK (on_repair_clicked), self, G_CONNECT_SWAPPED);
  _rehearse_window_update_library_notice (self);
}

/* ---- Showing a question ------------------------------------------------ */

static RehearseQuestion *
question_of_item (gpointer item)
{
  if (REHEARSE_IS_SEARCH_RESULT (item))
    return rehearse_search_result_get_question (item);
  if (REHEARSE_IS_QUESTION (item))
    return item;
  return NULL;
}

static void
update_navigation_actions (RehearseWindow *self)
{
  guint n_items = self->navigation != NULL ? g_list_model_get_n_items (self->navigation) : 0;
  /* A quiz or the progress page in the reader's place leaves it nothing to
   * act on. */
  gboolean showing = rehearse_question_view_get_question (self->question_view) != NULL
                     && g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack),
                                   "reader") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous",
                                 showing && self->navigation != NULL && self->position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next",
                                 showing && self->position + 1 < n_items);
  /* A bookmark that could not be read is not toggled blind: adding it
   * again would drop its label. Nothing is offered that the library
   * would refuse: the notice above says why. */
  gboolean writable = library_writable (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.bookmarked",
                                 showing && writable && !self->bookmark_unknown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-note", showing && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-bookmark-label",
                                 showing && writable && !self->bookmark_unknown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-orphan",
                                 showing && writable && rehearse_question_get_orphaned (
                                   rehearse_question_view_get_question (self->question_view)));
}

static void
set_bookmarked_shown (RehearseWindow *self,
                      gboolean        bookmarked)
{
  if (self->bookmarked == bookmarked)
    return;

  self->bookmarked = bookmarked;
  gtk_button_set_icon_name (GTK_BUTTON (self->bookmark_button),
                            bookmarked ? "starred-symbolic" : "non-starred-symbolic");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOOKMARKED]);
}

/* The star as the library has it for the question shown. */
static void
show_bookmark_state (RehearseWindow *self)
{
  RehearseQuestion *shown = rehearse_question_view_get_question (self->question_view);
  g_autoptr(GError) error = NULL;
  gboolean bookmarked = FALSE;

  self->bookmark_unknown = FALSE;
  if (shown != NULL
      && !rehearse_library_is_bookmarked (self->library, rehearse_question_get_key (shown),
                                          &bookmarked, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not read the bookmark: %s"),
                                                  error->message);

      self->bookmark_unknown = TRUE;
      rehearse_window_show_message (self, message);
    }

  set_bookmarked_shown (self, bookmarked);
  update_navigation_actions (self);
}

/* A question is the last one read once a frame has shown it, not as it is
 * chosen: an answer that froze the window while it was laid out would
 * otherwise be reopened, and freeze it again, at every start. */
static void
on_after_paint_remember (GdkFrameClock  *frame_clock,
                         RehearseWindow *self)
{
  g_autofree char *key = g_steal_pointer (&self->undrawn_question);

  g_signal_handlers_disconnect_by_func (frame_clock, on_after_paint_remember, self);
  if (key != NULL && self->settings != NULL)
    g_settings_set_string (self->settings, "last-question", key);
}

/* Ticks come before a frame's layout: the end of this frame's paint is
 * when the question was drawn. */
static gboolean
remember_after_this_frame (GtkWidget     *widget,
                           GdkFrameClock *frame_clock,
                           gpointer       user_data)
{
  RehearseWindow *self = REHEARSE_WINDOW (widget);

  self->drawn_tick_id = 0;
  g_signal_connect_object (frame_clock, "after-paint", G_CALLBACK (on_after_paint_remember),
                           self, 0);
  return G_SOURCE_REMOVE;
}

static void
remember_once_drawn (RehearseWindow *self,
                     const char     *key)
{
  g_free (self->undrawn_question);
  self->undrawn_question = g_strdup (key);
  if (self->drawn_tick_id == 0)
    self->drawn_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self),
                                                        remember_after_this_frame, NULL, NULL);
}

/* @summary may be a list item (no answer): the full question is read here. */
static void
show_question (RehearseWindow   *self,
               RehearseQuestion *summary,
               GListModel       *navigation,
               guint             position)
{
  g_autoptr(RehearseQuestion) question = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  const char *key;

  /* An orphan of a deleted deck has no row: the summary is all there is. */
  if (rehearse_question_get_id (summary) == 0)
    question = g_object_ref (summary);
  else
    question = rehearse_library_get_question_by_id (self->library,
                                                    rehearse_question_get_id (summary), &error);
  if (question == NULL)
    {
      rehearse_window_show_message (self, error->message);
      return;
    }

  g_set_object (&self->navigation, navigation);
  self->position = position;

  key = rehearse_question_get_key (question);
  rehearse_question_view_show_question (self->question_view, question);
  rehearse_reading_tracker_start (self->reading, question);
  if (rehearse_question_get_number (question) >= 0)
    number = g_strdup_printf (_("Question %d"), rehearse_question_get_number (question));
  adw_window_title_set_title (self->content_title, number != NULL ? number : "");
  adw_window_title_set_subtitle (self->content_title, rehearse_question_get_topic_title (question));

  remember_once_drawn (self, key);
  gtk_stack_set_visible_child_name (self->content_stack, "reader");
  show_bookmark_state (self);

  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

void
_rehearse_window_show_status (RehearseWindow *self,
                              const char     *icon_name,
                              const char     *title,
                              const char     *description)
{
  rehearse_question_view_show_status (self->question_view, icon_name, title, description);
  g_clear_pointer (&self->undrawn_question, g_free);
  if (self->reading != NULL)
    rehearse_reading_tracker_stop (self->reading);
  adw_window_title_set_title (self->content_title, "");
  adw_window_title_set_subtitle (self->content_title, NULL);
  g_clear_object (&self->navigation);
  self->bookmark_unknown = FALSE;
  set_bookmarked_shown (self, FALSE);
  update_navigation_actions (self);
}

/* The question's deck in reading order and where the question stands in it,
 * or NULL for an orphan, which has no deck to page through. */
static GListModel *
list_its_deck (RehearseWindow   *self,
               RehearseQuestion *question,
               guint            *position)
{
  g_autoptr(GListModel) deck = rehearse_library_list_deck_questions (
    self->library, rehearse_question_get_deck_id (question), NULL);

  *position = 0;
  if (deck == NULL
      || !rehearse_question_list_find (REHEARSE_QUESTION_LIST (deck),
                                       rehearse_question_get_id (question), position))
    return NULL;

  return g_steal_pointer (&deck);
}

/* Previous and next then go through its deck. */
static void
show_question_in_its_deck (RehearseWindow   *self,
                           RehearseQuestion *question)
{
  guint position;
  g_autoptr(GListModel) deck = list_its_deck (self, question, &position);

  show_question (self, question, deck, position);
}

void
_rehearse_window_show_question_by_key (RehearseWindow *self,
                                       const char     *question_key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RehearseQuestion) question = rehearse_library_get_question (self->library,
                                                                        question_key, &error);

  if (question == NULL)
    {
      rehearse_window_show_message (self, error->message);
      return;
    }

  show_question_in_its_deck (self, question);
}

void
_rehearse_window_update_reader_actions (RehearseWindow *self)
{
  update_navigation_actions (self);
}

void
_rehearse_window_show_nothing_selected (RehearseWindow *self)
{
  g_autoptr(GListModel) decks = rehearse_library_list_decks (self->library, NULL);

  if (decks == NULL || g_list_model_get_n_items (decks) == 0)
    _rehearse_window_show_status (self, "rehearse-logo-symbolic", _("No Decks Yet"),
                                  _("Import a Markdown file of questions and answers with "
                                    "Ctrl+O, or drop it here"));
  else
    _rehearse_window_show_status (self, "rehearse-logo-symbolic", _("No Question Selected"),
                                  _("Choose a question in the sidebar"));
}

void
_rehearse_window_show_first_question (RehearseWindow *self,
                                      gint64          deck_id)
{
  g_autoptr(GListModel) questions = rehearse_library_list_deck_questions (self->library, deck_id,
                                                                          NULL);
  g_autoptr(RehearseQuestion) first = NULL;

  if (questions == NULL || g_list_model_get_n_items (questions) == 0)
    return;

  first = g_list_model_get_item (questions, 0);
  show_question (self, first, questions, 0);
}

static void
on_question_activated (RehearseWindow   *self,
                       RehearseQuestion *question,
                       GListModel       *navigation,
                       guint             position)
{
  show_question (self, question, navigation, position);
}

void
_rehearse_window_navigate (RehearseWindow *self,
                           int             delta)
{
  g_autoptr(GObject) item = NULL;
  guint target;

  if (self->navigation == NULL || (delta < 0 && self->position == 0))
    return;

  target = (guint) ((int) self->position + delta);
  if (target >= g_list_model_get_n_items (self->navigation))
    return;

  item = g_list_model_get_item (self->navigation, target);
  if (question_of_item (item) != NULL)
    show_question (self, question_of_item (item), self->navigation, target);
}

/* ---- Bookmarks and zoom ------------------------------------------------- */

/* Whether the window is going or gone: an answer that comes after has
 * nothing to show. */
static gboolean
is_closed (RehearseWindow *self)
{
  return self->question_view == NULL || gtk_widget_in_destruction (GTK_WIDGET (self));
}

/* The star shows the new state once the library has committed it. */
static void
on_bookmark_set (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RehearseWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rehearse_library_set_bookmarked_finish (REHEARSE_LIBRARY (source), result, &error))
    {
      if (!is_closed (self))
        rehearse_window_show_message (self, error->message);
      return;
    }

  /* ::user-data-changed said so already, unless nothing changed. */
  if (!is_closed (self))
    show_bookmark_state (self);
}

void
_rehearse_window_set_bookmarked (RehearseWindow *self,
                                 gboolean        bookmarked)
{
  RehearseQuestion *question = rehearse_question_view_get_question (self->question_view);

  if (question == NULL || self->bookmark_unknown || bookmarked == self->bookmarked)
    return;

  /* Not cancelled when the window closes: the user asked for it. */
  rehearse_library_set_bookmarked_async (self->library, rehearse_question_get_key (question),
                                         bookmarked, NULL, NULL, on_bookmark_set,
                                         g_object_ref (self));
}

/* Bookmarks also change from the sidebar's menu and the label popover. */
static void
on_user_data_changed (RehearseWindow *self,
                      const char     *question_key)
{
  RehearseQuestion *shown = rehearse_question_view_get_question (self->question_view);

  /* A repair announces itself so: the library may be writable again. */
  if (question_key == NULL)
    _rehearse_window_update_library_notice (self);

  /* NULL: another program changed the library, maybe this question's. */
  if (shown != NULL
      && (question_key == NULL || g_strcmp0 (rehearse_question_get_key (shown), question_key) == 0))
    show_bookmark_state (self);
}

void
_rehearse_window_set_zoom (RehearseWindow *self,
                           double          zoom)
{
  zoom = CLAMP (zoom, 0.5, 3.0);
  if (G_APPROX_VALUE (self->zoom, zoom, 0.001))
    return;

  self->zoom = zoom;
  rehearse_question_view_set_zoom (self->question_view, zoom);
  if (self->quiz_page != NULL)
    rehearse_quiz_page_set_zoom (self->quiz_page, zoom);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/* ---- Changes made by other programs ------------------------------------------ */

/* Whether @a and @b show the same: after a re-import elsewhere, the question
 * under the same key may have a new text, answer or topic, or be an orphan.
 * Its row is new at every update of its deck: rows are not compared. */
static gboolean
same_question_shown (RehearseQuestion *a,
                     RehearseQuestion *b)
{
  return rehearse_question_get_orphaned (a) == rehearse_question_get_orphaned (b)
         && rehearse_question_get_number (a) == rehearse_question_get_number (b)
         && g_strcmp0 (rehearse_question_get_topic_title (a),
                       rehearse_question_get_topic_title (b)) == 0
         && g_strcmp0 (rehearse_question_get_text (a), rehearse_question_get_text (b)) == 0
         && g_strcmp0 (rehearse_question_get_answer (a), rehearse_question_get_answer (b)) == 0
         && g_strcmp0 (rehearse_question_get_in_depth (a), rehearse_question_get_in_depth (b)) == 0;
}

/* rehearse-cli imported, updated or removed a deck: the sidebar lists the
 * decks again, and the question shown is shown again if it changed. */
static void
on_decks_changed (RehearseWindow *self)
{
  RehearseQuestion *shown = rehearse_question_view_get_question (self->question_view);
  g_autoptr(RehearseQuestion) now = NULL;
  g_autoptr(GListModel) deck = NULL;

  rehearse_sidebar_reload (self->sidebar);
  if (shown == NULL)
    {
      _rehearse_window_show_nothing_selected (self);
      return;
    }

  /* An orphan of a deleted deck has no row to look up: it stays. */
  now = rehearse_library_get_question (self->library, rehearse_question_get_key (shown), NULL);
  if (now == NULL)
    {
      if (rehearse_question_get_id (shown) != 0)
        _rehearse_window_show_nothing_selected (self);
    }
  else if (!same_question_shown (shown, now))
    show_question_in_its_deck (self, now);
  else
    {
      /* The same question, left as it is read; previous and next go by its
       * deck as the deck is now (the list they went by may hold stale rows). */
      deck = list_its_deck (self, now, &self->position);
      g_set_object (&self->navigation, deck);
      update_navigation_actions (self);
    }
}

static void check_changes (RehearseWindow *self);

/* The signals it caused came first, in this thread. */
static void
on_changes_checked (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(RehearseWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  self->checking = FALSE;
  /* A library that cannot be read says so at the next read that needs it. */
  if (!rehearse_library_check_changed_elsewhere_finish (REHEARSE_LIBRARY (source), result, &error)
      && error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Could not check the library for changes: %s", error->message);

  /* Asked again meanwhile: what changed since may be missed otherwise. */
  if (self->check_again && !is_closed (self))
    check_changes (self);
}

/* One check at a time, never a pile of them. */
static void
check_changes (RehearseWindow *self)
{
  if (self->checking)
    {
      self->check_again = TRUE;
      return;
    }

  self->checking = TRUE;
  self->check_again = FALSE;
  rehearse_library_check_changed_elsewhere_async (self->library, self->cancellable,
                                                  on_changes_checked, g_object_ref (self));
}

/* Coming back to the window, after rehearse-cli perhaps saved a note. */
static void
on_active_changed (RehearseWindow *self)
{
  if (self->library != NULL && gtk_window_is_active (GTK_WINDOW (self)))
    check_changes (self);
  /* Back from the repair dialog, or from a check that found damage. */
  _rehearse_window_update_library_notice (self);
}

/* ---- Long work ------------------------------------------------------------------- */

static void
enable_busy_actions (RehearseWindow *self,
                     gboolean        enabled)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-deck", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-notes", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-notes", enabled);
}

static gboolean
show_busy_message (gpointer user_data)
{
  RehearseWindow *self = user_data;
  g_autofree char *escaped = g_markup_escape_text (self->busy_message, -1);

  self->busy_timeout_id = 0;
  /* Until the work is done. */
  self->busy_toast = adw_toast_new (escaped);
  adw_toast_set_timeout (self->busy_toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (self->busy_toast));
  return G_SOURCE_REMOVE;
}

void
_rehearse_window_begin_busy (RehearseWindow *self,
                             const char     *message)
{
  _rehearse_window_end_busy (self);
  self->busy = TRUE;
  self->busy_message = g_strdup (message);
  self->busy_timeout_id = g_timeout_add (BUSY_MESSAGE_DELAY_MS, show_busy_message, self);
  enable_busy_actions (self, FALSE);
}

void
_rehearse_window_end_busy (RehearseWindow *self)
{
  g_clear_handle_id (&self->busy_timeout_id, g_source_remove);
  g_clear_pointer (&self->busy_message, g_free);
  if (self->busy_toast != NULL)
    adw_toast_dismiss (self->busy_toast);
  g_clear_object (&self->busy_toast);
  if (self->busy && !is_closed (self))
    enable_busy_actions (self, TRUE);
  self->busy = FALSE;
}

/* ---- State ------------------------------------------------------------------- */

void
_rehearse_window_show_last_question (RehearseWindow *self)
{
  g_autofree char *last_key = g_settings_get_string (self->settings, "last-question");
  g_autoptr(RehearseQuestion) last = NULL;

  if (*last_key != '\0')
    last = rehearse_library_get_question (self->library, last_key, NULL);

  if (last != NULL)
    show_question_in_its_deck (self, last);
  else
    _rehearse_window_show_nothing_selected (self);
}

/* No library: say why, as the error has it. A library of a newer
 * Rehearse is not a disk problem, and nothing in it was touched. */
static void
show_library_error (RehearseWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  const GError *error = rehearse_application_get_library_error (REHEARSE_APPLICATION (app));
  g_autofree char *reason = g_markup_escape_text (error != NULL ? error->message : "", -1);
  g_autofree char *description = NULL;

  if (g_error_matches (error, REHEARSE_ERROR, REHEARSE_ERROR_NEWER_DATABASE))
    {
      description = g_strdup_printf (_("%s. Update Rehearse to open it; nothing in it was "
                                       "changed."), reason);
      _rehearse_window_show_status (self, "dialog-information-symbolic",
                                    _("Made by a Newer Rehearse"), description);
      return;
    }

  description = g_strdup_printf (_("%s. Check the disk and restart Rehearse."), reason);
  _rehearse_window_show_status (self, "dialog-error-symbolic",
                                _("The Library Could Not Be Opened"), description);
}

static void
restore_state (RehearseWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  gtk_widget_set_size_request (self->sidebar_pane,
                               CLAMP (g_settings_get_int (self->settings, "sidebar-width"),
                                      SIDEBAR_MIN_WIDTH, SIDEBAR_MAX_WIDTH), -1);
  g_settings_bind (self->settings, "answer-zoom", self, "zoom", G_SETTINGS_BIND_DEFAULT);

  if (self->library == NULL)
    {
      show_library_error (self);
      return;
    }

  if (!g_settings_get_boolean (self->settings, "bundled-deck-imported"))
    _rehearse_window_import_bundled_deck (self);
  else
    _rehearse_window_show_last_question (self);
  _rehearse_window_offer_drafts (self);
}

/* The note's last text is committed: the window may go. A failed save
 * keeps it open with the text, and the editor said why. */
static void
on_saved_for_close (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(RehearseWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean saved = rehearse_note_editor_save_finish (REHEARSE_NOTE_EDITOR (source), result,
                                                     &error);

  self->closing = FALSE;
  if (is_closed (self))
    return;
  if (saved)
    gtk_window_close (GTK_WINDOW (self));
  else
    _rehearse_window_ask_about_unsaved_note (self, error->message);
}

static gboolean
rehearse_window_close_request (GtkWindow *window)
{
  RehearseWindow *self = REHEARSE_WINDOW (window);
  RehearseNoteEditor *editor = rehearse_question_view_get_note_editor (self->question_view);
  int width, height;

  if (self->closing)
    return TRUE;

  /* Closing waits for the note typed to be committed, off the main loop,
   * unless the user chose to keep it as a draft or lose it. */
  if (!self->leave_unsaved && rehearse_note_editor_get_has_unsaved_changes (editor))
    {
      self->closing = TRUE;
      rehearse_note_editor_save_async (editor, on_saved_for_close, g_object_ref (self));
      return TRUE;
    }
  if (_rehearse_window_quiz_delays_close (self))
    return TRUE;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_set_int (self->settings, "sidebar-width", gtk_widget_get_width (self->sidebar_pane));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (rehearse_window_parent_class)->close_request (window);
}

/* ---- Start-up benchmark ------------------------------------------------------ */

static void
on_first_paint (GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  RehearseWindow *self = user_data;

  g_signal_handlers_disconnect_by_func (frame_clock, on_first_paint, self);
  /* The benchmark reads this clock (shared by all processes) to time
   * start-up alone, without the tear-down that follows. */
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
}

static void
on_realize_quit_after_first_frame (RehearseWindow *self)
{
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                    G_CALLBACK (on_first_paint), self);
}

/* ---- GObject ------------------------------------------------------------------ */

static void
on_search_index_mended (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(RehearseWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean rebuilt = rehearse_library_mend_search_index_finish (REHEARSE_LIBRARY (source), result,
                                                                &error);

  if (is_closed (self) || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not check the search index: %s"),
                                                  error->message);

      rehearse_window_show_message (self, message);
    }
  else if (rebuilt)
    rehearse_window_show_message (self, _("The search index had lost track of some questions "
                                          "or notes, and has been rebuilt"));
}

static void
load (RehearseWindow *self)
{
  RehearseApplication *app;

  app = REHEARSE_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  self->library = rehearse_application_get_library (app);
  self->settings = g_object_ref (rehearse_application_get_settings (app));

  if (self->library != NULL)
    {
      self->sidebar = REHEARSE_SIDEBAR (rehearse_sidebar_new (self->library));
      gtk_widget_set_vexpand (GTK_WIDGET (self->sidebar), TRUE);
      gtk_box_append (GTK_BOX (self->sidebar_pane), GTK_WIDGET (self->sidebar));
      g_signal_connect_object (self->sidebar, "question-activated",
                               G_CALLBACK (on_question_activated), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->sidebar, "show-message",
                               G_CALLBACK (rehearse_window_show_message), self, G_CONNECT_SWAPPED);
      rehearse_question_view_set_library (self->question_view, self->library);
      self->reading = rehearse_reading_tracker_new (self->library, self->cancellable);
      g_signal_connect_object (self->reading, "view-recorded",
                               G_CALLBACK (rehearse_sidebar_view_recorded), self->sidebar,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->library, "user-data-changed",
                               G_CALLBACK (on_user_data_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->library, "decks-changed",
                               G_CALLBACK (on_decks_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect (self, "notify::is-active", G_CALLBACK (on_active_changed), NULL);
      /* A damaged index finds too little without any error: mended in the
       * background, told when it was (in a library that can be written). */
      if (!rehearse_library_is_read_only (self->library))
        rehearse_library_mend_search_index_async (self->library, self->cancellable,
                                                  on_search_index_mended, g_object_ref (self));
    }

  g_signal_connect_object (self->question_view, "show-message",
                           G_CALLBACK (rehearse_window_show_message), self, G_CONNECT_SWAPPED);
  _rehearse_window_watch_library_notice (self, self->library_notice);
  g_signal_connect_object (self->question_view, "open-question",
                           G_CALLBACK (show_question_in_its_deck), self, G_CONNECT_SWAPPED);
  _rehearse_window_setup_progress (self);

  _rehearse_window_accept_dropped_decks (self);
  rehearse_sidebar_handle_attach (self->leaflet, self->sidebar_pane, self->sidebar_handle,
                                  SIDEBAR_MIN_WIDTH, SIDEBAR_MAX_WIDTH);
  g_signal_connect_object (self->leaflet, "notify::folded",
                           G_CALLBACK (_rehearse_window_update_show_sidebar_button), self,
                           G_CONNECT_SWAPPED);
  restore_state (self);
  _rehearse_window_update_library_notice (self);

  /* The start-up benchmark times spawn to first frame (bench/bench-ui.c). */
  if (g_getenv ("REHEARSE_QUIT_AFTER_FIRST_FRAME") != NULL)
    g_signal_connect (self, "realize", G_CALLBACK (on_realize_quit_after_first_frame), NULL);
}

static void
rehearse_window_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RehearseWindow *self = REHEARSE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BOOKMARKED:
      g_value_set_boolean (value, self->bookmarked);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rehearse_window_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RehearseWindow *self = REHEARSE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BOOKMARKED:
      _rehearse_window_set_bookmarked (self, g_value_get_boolean (value));
      break;
    case PROP_ZOOM:
      _rehearse_window_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rehearse_window_dispose (GObject *object)
{
  RehearseWindow *self = REHEARSE_WINDOW (object);

  if (self->unsaved_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->unsaved_dialog),
                                    (gpointer *) &self->unsaved_dialog);
      /* Closed from its own answer, the dialog outlives the window: it
       * must not keep pointing at it. */
      gtk_window_set_transient_for (self->unsaved_dialog, NULL);
      gtk_window_destroy (g_steal_pointer (&self->unsaved_dialog));
    }
  if (self->shortcuts_window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->shortcuts_window),
                                    (gpointer *) &self->shortcuts_window);
      gtk_window_destroy (g_steal_pointer (&self->shortcuts_window));
    }
  /* What has not started and is only for this window is dropped; the
   * user's own writes (a note, a bookmark) were never tied to it. */
  g_cancellable_cancel (self->cancellable);
  _rehearse_window_end_busy (self);
  g_clear_handle_id (&self->progress_reload_id, g_source_remove);
  g_clear_object (&self->reading);
  if (self->last_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->last_toast), (gpointer *) &self->last_toast);
  self->last_toast = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), REHEARSE_TYPE_WINDOW);
  g_clear_object (&self->navigation);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->undrawn_question, g_free);
  if (self->drawn_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->drawn_tick_id);
  self->drawn_tick_id = 0;

  G_OBJECT_CLASS (rehearse_window_parent_class)->dispose (object);
}

static void
rehearse_window_class_init (RehearseWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rehearse_window_dispose;
  object_class->get_property = rehearse_window_get_property;
  object_class->set_property = rehearse_window_set_property;
  window_class->close_request = rehearse_window_close_request;

  properties[PROP_BOOKMARKED] =
    g_param_spec_boolean ("bookmarked", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 0.5, 3.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (REHEARSE_TYPE_BANNER);
  g_type_ensure (REHEARSE_TYPE_QUESTION_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rehearse/Rehearse/rehearse-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RehearseWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RehearseWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RehearseWindow, sidebar_pane);
  gtk_widget_class_bind_template_child (widget_class, RehearseWindow, sidebar_handle);
  gtk_widget_class_bind_template_child (widget_class, RehearseWindow, show_sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, RehearseWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, RehearseWindow, bookmark_button);
  gtk_widget_class_bind_template_child (widget_class, RehearseWindow, library_notice);
  gtk_widget_class_bind_template_child (widget_class, RehearseWindow, question_view);
  gtk_widget_class_bind_template_child (widget_class, RehearseWindow, content_stack);

  _rehearse_window_class_actions_init (klass);
}

static void
rehearse_window_init (RehearseWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rehearse_accessible_fix_mnemonic_buttons (GTK_WIDGET (self));
  rehearse_accessible_fix_toasts (self->toast_overlay);
  self->cancellable = g_cancellable_new ();
  self->zoom = 1.0;
}
