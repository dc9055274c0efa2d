/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rehearse-accessible.h"
#include "rehearse-markdown-view.h"
#include "rehearse-note-editor.h"
#include "rehearse-question-view.h"

struct _RehearseQuestionView
{
  GtkWidget             parent_instance;

  /* Template widgets */
  GtkStack             *stack;
  AdwStatusPage        *status_page;
  GtkScrolledWindow    *scroller;
  GtkLabel             *context_label;
  GtkButton            *copy_answer_button;
  GtkLabel             *title_label;
  RehearseMarkdownView *prompt_view;
  GtkLabel             *no_answer_label;
  RehearseMarkdownView *answer_view;
  GtkWidget            *in_depth_box;
  RehearseMarkdownView *in_depth_view;
  RehearseNoteEditor   *note_editor;
  GtkWidget            *orphan_notice;
  GtkLabel             *orphan_label;
  GtkMenuButton        *label_button;
  GtkLabel             *label_button_text;
  GtkPopover           *label_popover;
  GtkEntry             *label_entry;
  GtkFlowBox           *label_choices;
  GtkWidget            *remove_label_button;

  /* Owned */
  RehearseLibrary      *library;
  RehearseQuestion     *question;
  guint                 copied_feedback_id;
};

enum {
  SHOW_MESSAGE,
  OPEN_QUESTION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RehearseQuestionView, rehearse_question_view, GTK_TYPE_WIDGET)

GtkWidget *
rehearse_question_view_new (void)
{
  return g_object_new (REHEARSE_TYPE_QUESTION_VIEW, NULL);
}

RehearseQuestion *
rehearse_question_view_get_question (RehearseQuestionView *self)
{
  g_return_val_if_fail (REHEARSE_IS_QUESTION_VIEW (self), NULL);

  return self->question;
}

static char *
context_text (RehearseQuestion *question)
{
  const char *topic = rehearse_question_get_topic_title (question);
  int number = rehearse_question_get_number (question);

  if (number >= 0 && topic != NULL)
    /* Translators: the topic, then the question's number */
    return g_strdup_printf (_("%s · Question %d"), topic, number);
  if (number >= 0)
    return g_strdup_printf (_("Question %d"), number);
  return g_strdup (topic != NULL ? topic : "");
}

/* ---- Copy Answer --------------------------------------------------------- */

#define COPIED_FEEDBACK_MS 1500

/* The answer as Markdown, its In Depth part under a heading as on screen:
 * a selection cannot cross paragraphs (each is a label of its own), so this
 * is how a whole answer is copied. NULL when the question has no answer. */
char *
rehearse_question_view_get_answer_markdown (RehearseQuestionView *self)
{
  const char *answer, *in_depth;

  g_return_val_if_fail (REHEARSE_IS_QUESTION_VIEW (self), NULL);

  if (self->question == NULL || (answer = rehearse_question_get_answer (self->question)) == NULL)
    return NULL;

  in_depth = rehearse_question_get_in_depth (self->question);
  if (in_depth == NULL || *in_depth == '\0')
    return g_strdup (answer);
  /* Translators: the heading of the In Depth part in a copied answer */
  return g_strdup_printf ("%s\n\n## %s\n\n%s", answer, _("In Depth"), in_depth);
}

static gboolean
on_copied_feedback_done (gpointer data)
{
  RehearseQuestionView *self = data;

  gtk_button_set_icon_name (self->copy_answer_button, "edit-copy-symbolic");
  self->copied_feedback_id = 0;
  return G_SOURCE_REMOVE;
}

static void
copy_answer_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RehearseQuestionView *self = REHEARSE_QUESTION_VIEW (widget);
  g_autofree char *markdown = NULL;

  /* The shortcut reaches the view from the whole window: during a quiz,
   * the answer it would copy is not the one on screen. */
  if (!gtk_widget_get_mapped (widget))
    return;

  markdown = rehearse_question_view_get_answer_markdown (self);
  if (markdown == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), markdown);
  gtk_button_set_icon_name (self->copy_answer_button, "object-select-symbolic");
  g_clear_handle_id (&self->copied_feedback_id, g_source_remove);
  self->copied_feedback_id = g_timeout_add (COPIED_FEEDBACK_MS, on_copied_feedback_done, self);
}

/* ---- Bookmark label ---------------------------------------------------- */

static void
show_bookmark_label (RehearseQuestionView *self)
{
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GError) error = NULL;
  gboolean bookmarked = FALSE;

  /* A bookmark that could not be read has no label to edit; the window
   * says that it could not be read. */
  if (self->question != NULL && self->library != NULL
      && !rehearse_library_get_bookmark (self->library, rehearse_question_get_key (self->question),
                                         &bookmarked, &label, &error))
    g_debug ("Could not read a bookmark's label: %s", error->message);

  gtk_widget_set_visible (GTK_WIDGET (self->label_button), bookmarked);
  if (!bookmarked)
    return;

  gtk_label_set_text (self->label_button_text, label != NULL ? label : _("Add Label"));
  description = label != NULL ? g_strdup_printf (_("Bookmark label: %s"), label)
                              : g_strdup (_("Add a label to the bookmark"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->label_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
}

/* The chip shows the new label when ::user-data-changed says it is
 * committed. */
static void
on_label_applied (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(RehearseQuestionView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rehearse_library_set_bookmarked_finish (REHEARSE_LIBRARY (source), result, &error))
    g_signal_emit (self, signals[SHOW_MESSAGE], 0, error->message);
}

static void
apply_label (RehearseQuestionView *self,
             const char           *label)
{
  gtk_popover_popdown (self->label_popover);
  if (self->question == NULL)
    return;

  rehearse_library_set_bookmarked_async (self->library, rehearse_question_get_key (self->question),
                                         TRUE, label, NULL, on_label_applied,
                                         g_object_ref (self));
}

static void
on_label_entry_activate (RehearseQuestionView *self)
{
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->label_entry))));

  apply_label (self, label);
}

static void
on_remove_label_clicked (RehearseQuestionView *self)
{
  apply_label (self, NULL);
}

static void
on_label_choice_clicked (GtkButton            *button,
                         RehearseQuestionView *self)
{
  apply_label (self, gtk_button_get_label (button));
}

/* Labels already in use, one click each: the same few labels come back. */
static void
fill_label_choices (RehearseQuestionView *self)
{
  g_auto(GStrv) labels = rehearse_library_list_bookmark_labels (self->library, NULL);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->label_choices))) != NULL)
    gtk_flow_box_remove (self->label_choices, child);

  for (guint i = 0; labels != NULL && labels[i] != NULL; i++)
    {
      GtkWidget *button = gtk_button_new_with_label (labels[i]);

      gtk_widget_add_css_class (button, "pill");
      gtk_widget_add_css_class (button, "small");
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      g_signal_connect (button, "clicked", G_CALLBACK (on_label_choice_clicked), self);
      gtk_flow_box_append (self->label_choices, button);
      /* The chip takes the focus, not the wider cell around it. */
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->label_choices), labels != NULL && labels[0] != NULL);
}

static void
prepare_label_popover (GtkMenuButton *button,
                       gpointer       user_data)
{
  RehearseQuestionView *self = user_data;
  g_autofree char *label = NULL;
  g_autoptr(GError) error = NULL;

  if (self->question == NULL || self->library == NULL)
    return;

  if (!rehearse_library_get_bookmark (self->library, rehearse_question_get_key (self->question),
                                      NULL, &label, &error))
    g_signal_emit (self, signals[SHOW_MESSAGE], 0, error->message);
  gtk_editable_set_text (GTK_EDITABLE (self->label_entry), label != NULL ? label : "");
  gtk_widget_set_visible (self->remove_label_button, label != NULL);
  fill_label_choices (self);
}

void
rehearse_question_view_edit_bookmark_label (RehearseQuestionView *self)
{
  g_return_if_fail (REHEARSE_IS_QUESTION_VIEW (self));

  if (gtk_widget_get_visible (GTK_WIDGET (self->label_button)))
    gtk_menu_button_popup (self->label_button);
}

static void
on_user_data_changed (RehearseQuestionView *self,
                      const char           *question_key)
{
  /* NULL: another program changed the library, maybe this question's. */
  if (self->question != NULL
      && (question_key == NULL || g_strcmp0 (question_key, rehearse_question_get_key (self->question)) == 0))
    show_bookmark_label (self);
}

/* The note editor's failures to save or read, for a toast. */
static void
on_note_failed (RehearseQuestionView *self,
                const char           *message)
{
  g_signal_emit (self, signals[SHOW_MESSAGE], 0, message);
}

void
rehearse_question_view_set_library (RehearseQuestionView *self,
                                    RehearseLibrary      *library)
{
  g_return_if_fail (REHEARSE_IS_QUESTION_VIEW (self));
  g_return_if_fail (self->library == NULL);

  self->library = g_object_ref (library);
  g_signal_connect_object (library, "user-data-changed", G_CALLBACK (on_user_data_changed), self,
                           G_CONNECT_SWAPPED);
  rehearse_note_editor_set_library (self->note_editor, library);
}

/* ---- The question ---------------------------------------------------------- */

static void
show_orphan_notice (RehearseQuestionView *self,
                    RehearseQuestion     *question)
{
  gboolean orphaned = rehearse_question_get_orphaned (question);

  gtk_widget_set_visible (self->orphan_notice, orphaned);
  if (!orphaned)
    return;

  gtk_label_set_text (self->orphan_label,
                      rehearse_question_get_id (question) != 0
                      ? _("This question is no longer in its deck. Your bookmark and note are kept "
                          "until you delete them.")
                      : _("The deck of this question is no longer in the library. Your bookmark "
                          "and note are kept until you delete them; import the deck again to "
                          "read its answer."));
}

/* Local images in the answer are beside the deck's file. */
static void
show_deck_folder (RehearseQuestionView *self,
                  RehearseQuestion     *question)
{
  g_autofree char *folder = NULL;

  if (self->library != NULL)
    folder = rehearse_library_get_deck_folder (self->library,
                                               rehearse_question_get_deck_id (question), NULL);
  rehearse_markdown_view_set_base_directory (self->prompt_view, folder);
  rehearse_markdown_view_set_base_directory (self->answer_view, folder);
  rehearse_markdown_view_set_base_directory (self->in_depth_view, folder);
}

/* "#what-is-a-pod": the question (or topic) of the same deck it names. */
static void
on_anchor_activated (RehearseQuestionView *self,
                     const char           *anchor)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RehearseQuestion) target = NULL;
  gint64 id;

  if (self->library == NULL || self->question == NULL)
    return;

  id = rehearse_library_find_anchor (self->library, rehearse_question_get_deck_id (self->question),
                                     anchor, &error);
  if (id != 0)
    target = rehearse_library_get_question_by_id (self->library, id, &error);
  if (target != NULL)
    g_signal_emit (self, signals[OPEN_QUESTION], 0, target);
  else if (error != NULL)
    g_signal_emit (self, signals[SHOW_MESSAGE], 0, error->message);
  else
    g_signal_emit (self, signals[SHOW_MESSAGE], 0, _("That part of the deck is not in the library"));
}

void
rehearse_question_view_show_question (RehearseQuestionView *self,
                                      RehearseQuestion     *question)
{
  g_autofree char *context = NULL;
  g_autofree char *title = NULL;
  const char *in_depth;
  const char *prompt;

  g_return_if_fail (REHEARSE_IS_QUESTION_VIEW (self));
  g_return_if_fail (REHEARSE_IS_QUESTION (question));

  g_set_object (&self->question, question);

  context = context_text (question);
  gtk_label_set_text (self->context_label, context);
  gtk_widget_set_visible (GTK_WIDGET (self->context_label), *context != '\0');

  title = rehearse_markdown_view_inline_markup (rehearse_question_get_text (question));
  gtk_label_set_markup (self->title_label, title);

  show_deck_folder (self, question);
  prompt = rehearse_question_get_prompt (question);
  rehearse_markdown_view_set_markdown (self->prompt_view, prompt != NULL ? prompt : "");
  gtk_widget_set_visible (GTK_WIDGET (self->prompt_view), prompt != NULL && *prompt != '\0');

  /* A question whose deck was deleted has no answer left, only the user's
   * own data; one whose file gave none says so. */
  rehearse_markdown_view_set_markdown (self->answer_view,
                                       rehearse_question_get_answer (question) != NULL
                                       ? rehearse_question_get_answer (question) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->answer_view),
                          rehearse_question_has_answer (question));
  gtk_widget_set_visible (GTK_WIDGET (self->no_answer_label),
                          rehearse_question_get_answer (question) != NULL
                          && !rehearse_question_has_answer (question));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "question.copy-answer",
                                 rehearse_question_has_answer (question));
  show_orphan_notice (self, question);

  rehearse_note_editor_set_question_key (self->note_editor, rehearse_question_get_key (question));
  show_bookmark_label (self);

  in_depth = rehearse_question_get_in_depth (question);
  gtk_widget_set_visible (self->in_depth_box, in_depth != NULL && *in_depth != '\0');
  rehearse_markdown_view_set_markdown (self->in_depth_view, in_depth != NULL ? in_depth : "");

  /* A new question starts at its top. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  gtk_stack_set_visible_child_name (self->stack, "question");
}

/* The status page scrolls its text in a scroller of its own: a screen
 * reader would meet an unnamed pane. */
static void
name_status_scroller (AdwStatusPage *status_page,
                      const char    *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (status_page)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_SCROLLED_WINDOW (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      title, -1);
}

void
rehearse_question_view_show_status (RehearseQuestionView *self,
                                    const char           *icon_name,
                                    const char           *title,
                                    const char           *description)
{
  g_return_if_fail (REHEARSE_IS_QUESTION_VIEW (self));

  rehearse_note_editor_set_question_key (self->note_editor, NULL);
  g_clear_object (&self->question);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "question.copy-answer", FALSE);
  adw_status_page_set_icon_name (self->status_page, icon_name);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  name_status_scroller (self->status_page, title);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

void
rehearse_question_view_set_zoom (RehearseQuestionView *self,
                                 double                zoom)
{
  g_return_if_fail (REHEARSE_IS_QUESTION_VIEW (self));

  rehearse_markdown_view_set_zoom (self->answer_view, zoom);
  rehearse_markdown_view_set_zoom (self->prompt_view, zoom);
  rehearse_markdown_view_set_zoom (self->in_depth_view, zoom);
  rehearse_note_editor_set_zoom (self->note_editor, zoom);
}

/* Ticks run before a frame's layout: on the second one, the layout that
 * showed the editor is done and its place is known. */
static gboolean
scroll_to_note (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  RehearseQuestionView *self = REHEARSE_QUESTION_VIEW (widget);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  guint *ticks = user_data;
  graphene_point_t top;

  if (++*ticks < 2)
    return G_SOURCE_CONTINUE;

  if (gtk_widget_compute_point (GTK_WIDGET (self->note_editor), GTK_WIDGET (self->scroller),
                                &GRAPHENE_POINT_INIT (0, 0), &top))
    {
      double page = gtk_adjustment_get_page_size (adjustment);
      double bottom = top.y + gtk_widget_get_height (GTK_WIDGET (self->note_editor));

      /* Only as far as needed: the editor's end in view, its start not
       * past the top. */
      if (bottom > page)
        gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment)
                                              + MIN (bottom - page + 24, top.y - 12));
    }

  return G_SOURCE_REMOVE;
}

void
rehearse_question_view_edit_note (RehearseQuestionView *self)
{
  g_return_if_fail (REHEARSE_IS_QUESTION_VIEW (self));

  if (self->question == NULL)
    return;

  rehearse_note_editor_edit (self->note_editor);
  gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_to_note, g_new0 (guint, 1), g_free);
}

RehearseNoteEditor *
rehearse_question_view_get_note_editor (RehearseQuestionView *self)
{
  g_return_val_if_fail (REHEARSE_IS_QUESTION_VIEW (self), NULL);

  return self->note_editor;
}

static void
rehearse_question_view_dispose (GObject *object)
{
  RehearseQuestionView *self = REHEARSE_QUESTION_VIEW (object);

  g_clear_handle_id (&self->copied_feedback_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), REHEARSE_TYPE_QUESTION_VIEW);
  g_clear_object (&self->question);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (rehearse_question_view_parent_class)->dispose (object);
}

static void
rehearse_question_view_class_init (RehearseQuestionViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rehearse_question_view_dispose;

  /* An error for a toast. */
  signals[SHOW_MESSAGE] =
    g_signal_new ("show-message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /* A link in the answer named another question of the deck. */
  signals[OPEN_QUESTION] =
    g_signal_new ("open-question", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, REHEARSE_TYPE_QUESTION);

  g_type_ensure (REHEARSE_TYPE_MARKDOWN_VIEW);
  g_type_ensure (REHEARSE_TYPE_NOTE_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rehearse/Rehearse/rehearse-question-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RehearseQuestionView, stack);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuestionView, status_page);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuestionView, scroller);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuestionView, context_label);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuestionView, copy_answer_button);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuestionView, title_label);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuestionView, prompt_view);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuestionView, no_answer_label);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuestionView, answer_view);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuestionView, in_depth_box);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuestionView, in_depth_view);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuestionView, note_editor);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuestionView, orphan_notice);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuestionView, orphan_label);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuestionView, label_button);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuestionView, label_button_text);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuestionView, label_popover);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuestionView, label_entry);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuestionView, label_choices);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuestionView, remove_label_button);
  gtk_widget_class_bind_template_callback (widget_class, on_label_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_label_clicked);

  gtk_widget_class_install_action (widget_class, "question.copy-answer", NULL, copy_answer_action);
}

/* Ctrl+Shift+C from anywhere in the window, as the other reader shortcuts;
 * text that has its own Ctrl+Shift+C keeps it. */
static void
add_copy_answer_shortcut (RehearseQuestionView *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller),
                                     GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (controller),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                      gtk_named_action_new ("question.copy-answer")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
rehearse_question_view_init (RehearseQuestionView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rehearse_accessible_fix_mnemonic_buttons (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Question"), -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "question.copy-answer", FALSE);
  add_copy_answer_shortcut (self);

  gtk_menu_button_set_create_popup_func (self->label_button, prepare_label_popover, self, NULL);
  name_status_scroller (self->status_page, adw_status_page_get_title (self->status_page));
  g_signal_connect_object (self->note_editor, "save-failed", G_CALLBACK (on_note_failed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->note_editor, "read-failed", G_CALLBACK (on_note_failed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->answer_view, "anchor-activated",
                           G_CALLBACK (on_anchor_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->in_depth_view, "anchor-activated",
                           G_CALLBACK (on_anchor_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->prompt_view, "anchor-activated",
                           G_CALLBACK (on_anchor_activated), self, G_CONNECT_SWAPPED);
}
