/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rehearse-clock.h"
#include "rehearse-quiz-setup-dialog.h"

/* The sizes of the size row, in its order; 0 is "All". */
static const guint sizes[] = { 10, 20, 50, 0 };

typedef struct
{
  RehearseQuizScope  scope;
  gint64             deck_id;
  char              *title;
} ScopeChoice;

typedef struct
{
  gint64             topic_id;
  gint64             deck_id;
  GtkCheckButton    *check;       /* borrowed: the row holds it */
  char              *title;
} TopicChoice;

struct _RehearseQuizSetupDialog
{
  AdwWindow               parent_instance;

  /* Template widgets */
  AdwWindowTitle         *window_title;
  GtkWidget              *start_button;
  GtkWidget              *preferences_page;
  GtkWidget              *scope_group;
  GtkWidget              *session_group;
  AdwComboRow            *scope_row;
  AdwPreferencesGroup    *topics_group;
  AdwComboRow            *size_row;
  AdwComboRow            *order_row;
  GtkSwitch              *cram_switch;

  /* Owned */
  RehearseLibrary        *library;
  RehearseFsrsParameters  parameters;
  GArray                 *scopes;          /* of ScopeChoice, in the scope row's order */
  GArray                 *topics;          /* of TopicChoice */
  GPtrArray              *deck_rows;       /* an AdwExpanderRow per deck, with its "deck-id" */
  GArray                 *chosen_topic_ids;
  char                   *title;
  guint                   n_cards;
  gboolean                ready;           /* built: choices are counted from now on */
  guint32                 seed;
};

enum {
  START,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RehearseQuizSetupDialog, rehearse_quiz_setup_dialog, ADW_TYPE_WINDOW)

static void
scope_choice_clear (gpointer data)
{
  ScopeChoice *choice = data;

  g_free (choice->title);
}

static void
topic_choice_clear (gpointer data)
{
  TopicChoice *choice = data;

  g_free (choice->title);
}

static const ScopeChoice *
chosen_scope (RehearseQuizSetupDialog *self)
{
  guint position = adw_combo_row_get_selected (self->scope_row);

  return &g_array_index (self->scopes, ScopeChoice, MIN (position, self->scopes->len - 1));
}

/* ---- The options ------------------------------------------------------- */

static void
collect_chosen_topics (RehearseQuizSetupDialog *self)
{
  g_array_set_size (self->chosen_topic_ids, 0);
  for (guint i = 0; i < self->topics->len; i++)
    {
      const TopicChoice *topic = &g_array_index (self->topics, TopicChoice, i);

      if (gtk_check_button_get_active (topic->check))
        g_array_append_val (self->chosen_topic_ids, topic->topic_id);
    }
}

void
rehearse_quiz_setup_dialog_get_options (RehearseQuizSetupDialog *self,
                                        RehearseQuizOptions     *options)
{
  const ScopeChoice *scope;

  g_return_if_fail (REHEARSE_IS_QUIZ_SETUP_DIALOG (self));
  g_return_if_fail (options != NULL);

  scope = chosen_scope (self);
  collect_chosen_topics (self);
  *options = (RehearseQuizOptions) {
    .scope = scope->scope,
    .deck_id = scope->deck_id,
    .topic_ids = (const gint64 *) self->chosen_topic_ids->data,
    .n_topic_ids = self->chosen_topic_ids->len,
    .size = sizes[MIN (adw_combo_row_get_selected (self->size_row), G_N_ELEMENTS (sizes) - 1)],
    .order = adw_combo_row_get_selected (self->order_row) == 1 ? REHEARSE_QUIZ_ORDER_SHUFFLED
                                                               : REHEARSE_QUIZ_ORDER_DUE_FIRST,
    .cram = gtk_switch_get_active (self->cram_switch),
    .seed = self->seed,
  };
}

const char *
rehearse_quiz_setup_dialog_get_title (RehearseQuizSetupDialog *self)
{
  g_return_val_if_fail (REHEARSE_IS_QUIZ_SETUP_DIALOG (self), NULL);

  return self->title;
}

guint
rehearse_quiz_setup_dialog_get_n_cards (RehearseQuizSetupDialog *self)
{
  g_return_val_if_fail (REHEARSE_IS_QUIZ_SETUP_DIALOG (self), 0);

  return self->n_cards;
}

/* ---- How many questions the choice gives ------------------------------- */

/* The questions of the choice, whatever the size: the session chooses them
 * as the quiz will, so the count is the quiz's own. */
static guint
count_in_scope (RehearseQuizSetupDialog *self,
                RehearseQuizOptions     *options)
{
  RehearseQuizOptions all = *options;
  g_autoptr(RehearseQuizSession) session = NULL;
  g_autoptr(GError) error = NULL;

  all.size = 0;
  session = rehearse_quiz_session_new (self->library, &self->parameters, &all, rehearse_clock_now_ms (), &error);
  if (session == NULL)
    {
      g_warning ("Could not count the questions of a quiz: %s", error->message);
      return 0;
    }

  return rehearse_quiz_session_get_n_cards (session);
}

static char *
describe_count (RehearseQuizOptions *options,
                guint                in_scope,
                guint                n_cards)
{
  if (n_cards == 0 && options->scope == REHEARSE_QUIZ_SCOPE_TOPICS && options->n_topic_ids == 0)
    return g_strdup (_("Tick the topics to quiz"));
  if (n_cards == 0 && options->scope == REHEARSE_QUIZ_SCOPE_DUE)
    return g_strdup (_("Nothing is due for review"));
  if (n_cards == 0)
    return g_strdup (_("No questions in this choice"));
  if (n_cards < in_scope)
    /* Translators: "20 of 100 questions" */
    return g_strdup_printf (ngettext ("%u of %u question", "%u of %u questions", in_scope),
                            n_cards, in_scope);
  return g_strdup_printf (ngettext ("%u question", "%u questions", n_cards), n_cards);
}

static void
update_title (RehearseQuizSetupDialog *self,
              RehearseQuizOptions     *options)
{
  g_free (self->title);
  if (options->scope != REHEARSE_QUIZ_SCOPE_TOPICS)
    self->title = g_strdup (chosen_scope (self)->title);
  else if (options->n_topic_ids != 1)
    self->title = g_strdup_printf (ngettext ("%u Topic", "%u Topics", options->n_topic_ids),
                                   options->n_topic_ids);
  else
    for (guint i = 0; i < self->topics->len; i++)
      {
        const TopicChoice *topic = &g_array_index (self->topics, TopicChoice, i);

        if (topic->topic_id == options->topic_ids[0])
          self->title = g_strdup (topic->title);
      }
}

/* Each deck row says how many of its topics are ticked. */
static void
update_deck_rows (RehearseQuizSetupDialog *self)
{
  for (guint d = 0; d < self->deck_rows->len; d++)
    {
      AdwExpanderRow *row = g_ptr_array_index (self->deck_rows, d);
      gint64 deck_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "deck-id"));
      guint ticked = 0, total = 0;
      g_autofree char *subtitle = NULL;

      for (guint i = 0; i < self->topics->len; i++)
        {
          const TopicChoice *topic = &g_array_index (self->topics, TopicChoice, i);

          if ((gint64) topic->deck_id != deck_id)
            continue;
          total++;
          ticked += gtk_check_button_get_active (topic->check);
        }

      /* Translators: "2 of 10 topics ticked" */
      subtitle = g_strdup_printf (ngettext ("%u of %u topic ticked", "%u of %u topics ticked",
                                            total),
                                  ticked, total);
      adw_expander_row_set_subtitle (row, subtitle);
    }
}

static void
on_choice_changed (RehearseQuizSetupDialog *self)
{
  RehearseQuizOptions options;
  g_autofree char *count = NULL;
  guint in_scope;

  if (!self->ready)
    return;

  rehearse_quiz_setup_dialog_get_options (self, &options);
  gtk_widget_set_visible (GTK_WIDGET (self->topics_group),
                          options.scope == REHEARSE_QUIZ_SCOPE_TOPICS);
  update_deck_rows (self);

  in_scope = count_in_scope (self, &options);
  self->n_cards = options.size == 0 ? in_scope : MIN (options.size, in_scope);
  count = describe_count (&options, in_scope, self->n_cards);
  adw_window_title_set_subtitle (self->window_title, count);
  gtk_widget_set_sensitive (self->start_button, self->n_cards > 0);
  update_title (self, &options);
}

static void
on_start_clicked (RehearseQuizSetupDialog *self)
{
  if (self->n_cards == 0)
    return;

  /* The dialog outlives the handlers, which may read its options. */
  g_object_ref (self);
  g_signal_emit (self, signals[START], 0);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

/* ---- The choices ------------------------------------------------------- */

static void
add_scope (RehearseQuizSetupDialog *self,
           GtkStringList           *names,
           RehearseQuizScope        scope,
           gint64                   deck_id,
           const char              *title)
{
  ScopeChoice choice = { scope, deck_id, g_strdup (title) };

  g_array_append_val (self->scopes, choice);
  gtk_string_list_append (names, title);
}

static GtkWidget *
topic_row (RehearseQuizSetupDialog *self,
           RehearseTopic           *topic)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  guint count = rehearse_topic_get_question_count (topic);
  g_autofree char *subtitle = g_strdup_printf (ngettext ("%u question", "%u questions", count),
                                               count);
  g_autofree char *title = rehearse_topic_get_icon (topic) != NULL
                           ? g_strdup_printf ("%s %s", rehearse_topic_get_icon (topic),
                                              rehearse_topic_get_title (topic))
                           : g_strdup (rehearse_topic_get_title (topic));
  TopicChoice choice = {
    rehearse_topic_get_id (topic),
    rehearse_topic_get_deck_id (topic),
    GTK_CHECK_BUTTON (check),
    g_strdup (rehearse_topic_get_title (topic)),
  };

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  /* The check is what the keyboard reaches; the row only widens its target. */
  gtk_widget_set_focusable (row, FALSE);
  g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_choice_changed), self);

  g_array_append_val (self->topics, choice);
  return row;
}

static void
add_deck_topics (RehearseQuizSetupDialog *self,
                 RehearseDeck            *deck,
                 gboolean                 expanded)
{
  g_autoptr(GListModel) topics = rehearse_library_list_topics (self->library,
                                                              rehearse_deck_get_id (deck), NULL);
  GtkWidget *expander = adw_expander_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), rehearse_deck_get_title (deck));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), expanded);
  g_object_set_data (G_OBJECT (expander), "deck-id",
                     GSIZE_TO_POINTER ((gsize) rehearse_deck_get_id (deck)));
  for (guint i = 0; topics != NULL && i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(RehearseTopic) topic = g_list_model_get_item (topics, i);

      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), topic_row (self, topic));
    }

  /* The row holding the deck's header and its list, for a screen reader. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  rehearse_deck_get_title (deck), -1);
  g_ptr_array_add (self->deck_rows, expander);
  adw_preferences_group_add (self->topics_group, expander);
}

static void
fill_choices (RehearseQuizSetupDialog *self)
{
  g_autoptr(GListModel) decks = rehearse_library_list_decks (self->library, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint n_decks = decks != NULL ? g_list_model_get_n_items (decks) : 0;

  add_scope (self, names, REHEARSE_QUIZ_SCOPE_ALL, 0, _("All Questions"));
  add_scope (self, names, REHEARSE_QUIZ_SCOPE_DUE, 0, _("Due for Review"));
  add_scope (self, names, REHEARSE_QUIZ_SCOPE_BOOKMARKED, 0, _("Bookmarked"));
  add_scope (self, names, REHEARSE_QUIZ_SCOPE_WITH_NOTES, 0, _("With Notes"));
  for (guint i = 0; i < n_decks; i++)
    {
      g_autoptr(RehearseDeck) deck = g_list_model_get_item (decks, i);

      add_scope (self, names, REHEARSE_QUIZ_SCOPE_DECK, rehearse_deck_get_id (deck),
                 rehearse_deck_get_title (deck));
      /* With one deck there is nothing to look through: its topics show. */
      add_deck_topics (self, deck, n_decks == 1);
    }
  add_scope (self, names, REHEARSE_QUIZ_SCOPE_TOPICS, 0, _("Chosen Topics"));

  adw_combo_row_set_model (self->scope_row, G_LIST_MODEL (names));
}

static guint
find_scope (RehearseQuizSetupDialog *self,
            RehearseQuizScope        scope,
            gint64                   deck_id)
{
  for (guint i = 0; i < self->scopes->len; i++)
    {
      const ScopeChoice *choice = &g_array_index (self->scopes, ScopeChoice, i);

      if (choice->scope == scope && choice->deck_id == deck_id)
        return i;
    }

  return 0;
}

static void
tick_topic (RehearseQuizSetupDialog *self,
            gint64                   topic_id)
{
  for (guint i = 0; i < self->topics->len; i++)
    {
      const TopicChoice *topic = &g_array_index (self->topics, TopicChoice, i);

      if (topic->topic_id != topic_id)
        continue;

      gtk_check_button_set_active (topic->check, TRUE);
      /* Its deck opens, so the tick is seen. */
      for (guint d = 0; d < self->deck_rows->len; d++)
        {
          AdwExpanderRow *row = g_ptr_array_index (self->deck_rows, d);

          if ((gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "deck-id"))
              == topic->deck_id)
            adw_expander_row_set_expanded (row, TRUE);
        }
    }
}

/* With no preset, what is due comes first, as in every spaced-repetition
 * app; with nothing due, everything. */
static guint
default_scope (RehearseQuizSetupDialog *self)
{
  RehearseQuizOptions due = { .scope = REHEARSE_QUIZ_SCOPE_DUE };
  g_autoptr(RehearseQuizSession) session = rehearse_quiz_session_new (self->library,
                                                                      &self->parameters, &due,
                                                                      rehearse_clock_now_ms (), NULL);

  if (session != NULL && rehearse_quiz_session_get_n_cards (session) > 0)
    return find_scope (self, REHEARSE_QUIZ_SCOPE_DUE, 0);
  return find_scope (self, REHEARSE_QUIZ_SCOPE_ALL, 0);
}

static void
apply_preset (RehearseQuizSetupDialog *self,
              const char              *preset)
{
  guint position;

  if (preset == NULL || *preset == '\0')
    position = default_scope (self);
  else if (g_str_equal (preset, "due"))
    position = find_scope (self, REHEARSE_QUIZ_SCOPE_DUE, 0);
  else if (g_str_equal (preset, "bookmarked"))
    position = find_scope (self, REHEARSE_QUIZ_SCOPE_BOOKMARKED, 0);
  else if (g_str_equal (preset, "with-notes"))
    position = find_scope (self, REHEARSE_QUIZ_SCOPE_WITH_NOTES, 0);
  else if (g_str_has_prefix (preset, "deck:"))
    position = find_scope (self, REHEARSE_QUIZ_SCOPE_DECK,
                           g_ascii_strtoll (preset + strlen ("deck:"), NULL, 10));
  else if (g_str_has_prefix (preset, "topic:"))
    {
      tick_topic (self, g_ascii_strtoll (preset + strlen ("topic:"), NULL, 10));
      position = find_scope (self, REHEARSE_QUIZ_SCOPE_TOPICS, 0);
    }
  else
    position = find_scope (self, REHEARSE_QUIZ_SCOPE_ALL, 0);

  adw_combo_row_set_selected (self->scope_row, position);
}

/* libadwaita's rows sit in list boxes and a scrolled window that a screen
 * reader would otherwise call by their class names. */
static void
name_containers (GtkWidget  *widget,
                 const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_BOX (child) || GTK_IS_LIST_VIEW (child) || GTK_IS_SCROLLED_WINDOW (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        name, -1);
      if (!GTK_IS_POPOVER (child))
        name_containers (child, name);
    }
}

static void
name_for_screen_readers (RehearseQuizSetupDialog *self)
{
  name_containers (self->preferences_page, _("Quiz Options"));
  name_containers (self->scope_group, _("Questions"));
  name_containers (self->session_group, _("Session"));
  for (guint d = 0; d < self->deck_rows->len; d++)
    {
      AdwExpanderRow *row = g_ptr_array_index (self->deck_rows, d);
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

      name_containers (GTK_WIDGET (row), title);
    }
}

RehearseQuizSetupDialog *
rehearse_quiz_setup_dialog_new (GtkWindow                    *parent,
                                RehearseLibrary              *library,
                                const RehearseFsrsParameters *parameters,
                                const char                   *preset)
{
  RehearseQuizSetupDialog *self;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (parameters != NULL, NULL);

  self = g_object_new (REHEARSE_TYPE_QUIZ_SETUP_DIALOG, "transient-for", parent, NULL);
  self->library = g_object_ref (library);
  self->parameters = *parameters;
  fill_choices (self);
  name_for_screen_readers (self);
  apply_preset (self, preset);
  self->ready = TRUE;
  on_choice_changed (self);

  /* Enter starts what is chosen, Escape cancels; nothing chosen yet, the
   * choice comes first. */
  gtk_window_set_focus (GTK_WINDOW (self), self->n_cards > 0 ? self->start_button
                                                             : GTK_WIDGET (self->scope_row));

  return self;
}

/* ---- GObject ------------------------------------------------------------ */

static void
rehearse_quiz_setup_dialog_dispose (GObject *object)
{
  RehearseQuizSetupDialog *self = REHEARSE_QUIZ_SETUP_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), REHEARSE_TYPE_QUIZ_SETUP_DIALOG);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (rehearse_quiz_setup_dialog_parent_class)->dispose (object);
}

static void
rehearse_quiz_setup_dialog_finalize (GObject *object)
{
  RehearseQuizSetupDialog *self = REHEARSE_QUIZ_SETUP_DIALOG (object);

  g_array_unref (self->scopes);
  g_array_unref (self->topics);
  g_ptr_array_unref (self->deck_rows);
  g_array_unref (self->chosen_topic_ids);
  g_free (self->title);

  G_OBJECT_CLASS (rehearse_quiz_setup_dialog_parent_class)->finalize (object);
}

static void
rehearse_quiz_setup_dialog_class_init (RehearseQuizSetupDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rehearse_quiz_setup_dialog_dispose;
  object_class->finalize = rehearse_quiz_setup_dialog_finalize;

  /* The user chose: rehearse_quiz_setup_dialog_get_options() says what. */
  signals[START] = g_signal_new ("start", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/rehearse/Rehearse/rehearse-quiz-setup-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizSetupDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizSetupDialog, start_button);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizSetupDialog, preferences_page);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizSetupDialog, scope_group);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizSetupDialog, session_group);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizSetupDialog, scope_row);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizSetupDialog, topics_group);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizSetupDialog, size_row);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizSetupDialog, order_row);
  gtk_widget_class_bind_template_child (widget_class, RehearseQuizSetupDialog, cram_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_choice_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_start_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rehearse_quiz_setup_dialog_init (RehearseQuizSetupDialog *self)
{
  self->scopes = g_array_new (FALSE, TRUE, sizeof (ScopeChoice));
  g_array_set_clear_func (self->scopes, scope_choice_clear);
  self->topics = g_array_new (FALSE, TRUE, sizeof (TopicChoice));
  g_array_set_clear_func (self->topics, topic_choice_clear);
  self->deck_rows = g_ptr_array_new ();
  self->chosen_topic_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->title = g_strdup ("");
  /* A shuffled quiz is shuffled anew each time. */
  self->seed = g_random_int ();

  gtk_widget_init_template (GTK_WIDGET (self));
}
