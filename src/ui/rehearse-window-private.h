/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rehearse-banner.h"
#include "rehearse-progress-page.h"
#include "rehearse-question-view.h"
#include "rehearse-quiz-page.h"
#include "rehearse-reading-tracker.h"
#include "rehearse-sidebar.h"
#include "rehearse-window.h"

G_BEGIN_DECLS

/* What the window's files share (rehearse-window.c, -actions.c, -import.c)
 * and nothing else sees. */

struct _RehearseWindow
{
  AdwApplicationWindow    parent_instance;

  /* Template widgets */
  AdwToastOverlay        *toast_overlay;
  AdwLeaflet             *leaflet;
  GtkWidget              *sidebar_pane;
  GtkWidget              *sidebar_handle;
  GtkWidget              *show_sidebar_button;   /* while F9 hides the sidebar */
  AdwWindowTitle         *content_title;
  GtkToggleButton        *bookmark_button;
  RehearseBanner         *library_notice;   /* the library cannot be written */
  RehearseQuestionView   *question_view;
  GtkStack               *content_stack;
  /* Made when first needed, not at start-up, which they would slow for
   * what many sessions never open: then pages of content_stack. */
  RehearseQuizPage       *quiz_page;        /* NULL until the first quiz */
  RehearseProgressPage   *progress_page;    /* NULL until shown or a plan is read */

  /* Borrowed */
  RehearseLibrary        *library;
  RehearseSidebar        *sidebar;

  /* Owned */
  GSettings              *settings;
  GtkWindow              *shortcuts_window; /* weak: built on first use */
  GtkWindow              *unsaved_dialog;   /* weak: asks about a note not saved */
  RehearseReadingTracker *reading;          /* NULL without a library */
  GListModel             *navigation;       /* where previous/next go */
  GCancellable           *cancellable;      /* cancelled when the window goes */
  AdwToast               *busy_toast;       /* says what long work is under way */
  AdwToast               *last_toast;       /* weak: the message shown last */
  char                   *busy_message;
  guint                   busy_timeout_id;
  char                   *undrawn_question; /* shown, to remember once drawn */
  guint                   drawn_tick_id;
  guint                   progress_reload_id; /* the progress page's figures, computed again */
  guint                   position;
  gboolean                bookmarked;
  gboolean                bookmark_unknown; /* the shown question's could not be read */
  gboolean                busy;             /* a deck removal, export or restore runs */
  gboolean                checking;         /* a check for changes elsewhere runs */
  gboolean                check_again;      /* asked for while one ran */
  gboolean                closing;          /* waits for the note or the quiz's grades */
  gboolean                leave_unsaved;    /* the user chose to close with a note not saved */
  double                  zoom;
};

/* rehearse-window.c: what is shown */
void _rehearse_window_show_status           (RehearseWindow      *self,
                                             const char          *icon_name,
                                             const char          *title,
                                             const char          *description);
void _rehearse_window_show_nothing_selected (RehearseWindow      *self);
/* The deck's first question, in its reading order. */
void _rehearse_window_show_first_question   (RehearseWindow      *self,
                                             gint64               deck_id);
/* The question last read, as the window was left. */
void _rehearse_window_show_last_question    (RehearseWindow      *self);
/* To the question @delta places away in the list last gone by. */
void _rehearse_window_navigate              (RehearseWindow      *self,
                                             int                  delta);
void _rehearse_window_set_bookmarked        (RehearseWindow      *self,
                                             gboolean             bookmarked);
void _rehearse_window_set_zoom              (RehearseWindow      *self,
                                             double               zoom);
/* The question of @question_key in the reader, paging through its deck. */
void _rehearse_window_show_question_by_key  (RehearseWindow      *self,
                                             const char          *question_key);
/* The notice that the library cannot be written (read-only, or damaged)
 * as the library is now, and the actions that write with it. */
void _rehearse_window_update_library_notice (RehearseWindow      *self);
/* @library_notice (the reader's, or that of a page made later: a quiz,
 * the progress page) shows the notice as the library is now, its Repair…
 * button working. */
void _rehearse_window_watch_library_notice  (RehearseWindow      *self,
                                             RehearseBanner      *library_notice);
/* Enables the reader's actions for what it shows (none while a quiz is). */
void _rehearse_window_update_reader_actions (RehearseWindow      *self);
/* Work that may take long (removing a deck, the notes file) runs off the
 * main loop: while it does, the actions that would start more are off,
 * and @message shows if it takes more than a moment. */
void _rehearse_window_begin_busy            (RehearseWindow      *self,
                                             const char          *message);
void _rehearse_window_end_busy              (RehearseWindow      *self);
/* Shows @toast in place of the message shown last. Takes @toast. */
void _rehearse_window_add_toast             (RehearseWindow      *self,
                                             AdwToast            *toast);

/* rehearse-window-actions.c: the win.* actions */
void _rehearse_window_class_actions_init    (RehearseWindowClass *klass);
/* Shows the content's Show Sidebar button while the sidebar is hidden. */
void _rehearse_window_update_show_sidebar_button (RehearseWindow  *self);

/* rehearse-window-quiz.c: the setup dialog, the quiz page in the reader's
 * place, and back */
/* @preset as win.start-quiz's parameter: "", "all", "deck:ID", "topic:ID",
 * "bookmarked", "with-notes" or "due". */
void     _rehearse_window_choose_quiz       (RehearseWindow      *self,
                                             const char          *preset);
/* Starts a quiz on one topic at once, with the setup dialog's defaults. */
void     _rehearse_window_quiz_topic        (RehearseWindow      *self,
                                             gint64               topic_id,
                                             const char          *topic_title);
gboolean _rehearse_window_quiz_shown        (RehearseWindow      *self);
void     _rehearse_window_show_reader       (RehearseWindow      *self);
/* Whether closing waits for grades still being written: the window then
 * closes once they are. */
gboolean _rehearse_window_quiz_delays_close (RehearseWindow      *self);

/* rehearse-window-drafts.c: notes the library could not save */
/* Asks whether to try again, quit keeping the note as a draft, or discard
 * it; @why is the library's refusal. */
void _rehearse_window_ask_about_unsaved_note (RehearseWindow     *self,
                                              const char         *why);
/* Offers back, once a start, the drafts a quit or a crash left. */
void _rehearse_window_offer_drafts          (RehearseWindow      *self);

/* The scheduler's parameters as the preferences set them. */
void     _rehearse_window_read_fsrs_parameters (RehearseWindow         *self,
                                                RehearseFsrsParameters *parameters);

/* rehearse-window-progress.c: the progress page in the reader's place, and
 * today's plan in Due for Review */
void     _rehearse_window_setup_progress    (RehearseWindow      *self);
void     _rehearse_window_show_progress     (RehearseWindow      *self);
/* Computes today's plan again when there is one (after a quiz). */
void     _rehearse_window_reload_today_plan (RehearseWindow      *self);

/* rehearse-window-import.c: decks and the notes file in and out */
void _rehearse_window_accept_dropped_decks  (RehearseWindow      *self);
void _rehearse_window_choose_decks          (RehearseWindow      *self);
/* The first run's deck, from the bundled decks' folder. */
void _rehearse_window_import_bundled_deck   (RehearseWindow      *self);
void _rehearse_window_choose_notes_file     (RehearseWindow      *self,
                                             gboolean             exporting);

G_END_DECLS
