/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rehearse-plan-editor.h"

/* A spin button sends a change a click: they are saved once, this long
 * after the last. */
#define SAVE_DELAY_MS 400
#define MAX_DAILY_LIMIT 1440

/* A deck's row and its topics' check buttons. */
typedef struct
{
  gint64          deck_id;
  AdwExpanderRow *row;
  GtkCheckButton *check;
  GArray         *topic_ids;     /* gint64, in the order of topic_checks */
  GPtrArray      *topic_checks;  /* GtkCheckButton * */
} DeckRow;

struct _RehearsePlanEditor
{
  GtkWidget        parent_instance;

  /* Children */
  GtkListBox      *list_box;
  AdwActionRow    *date_row;
  GtkMenuButton   *date_button;
  GtkCalendar     *calendar;
  GtkWidget       *clear_date_button;
  GtkSpinButton   *limit_spin;
  GtkToggleButton *limit_in_minutes;
  GtkToggleButton *limit_in_cards;

  /* Owned */
  RehearseLibrary *library;
  GPtrArray       *deck_rows;      /* DeckRow * */
  char            *interview_date; /* "YYYY-MM-DD" or NULL */
  guint            save_id;
  gboolean         loading;        /* rows set from the library, not by the user */
};

G_DEFINE_FINAL_TYPE (RehearsePlanEditor, rehearse_plan_editor, GTK_TYPE_WIDGET)

enum {
  SAVED,
  SHOW_MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
deck_row_free (gpointer data)
{
  DeckRow *deck_row = data;

  g_array_unref (deck_row->topic_ids);
  g_ptr_array_unref (deck_row->topic_checks);
  g_free (deck_row);
}

GtkWidget *
rehearse_plan_editor_new (void)
{
  return g_object_new (REHEARSE_TYPE_PLAN_EDITOR, NULL);
}

/* ---- Saving ------------------------------------------------------------------ */

static gboolean
contains_id (GArray *ids,
             gint64  id)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/* A deck whose topics are all ticked is chosen whole; all decks whole is
 * "every deck", which takes in decks imported later too. */
static void
read_choices (RehearsePlanEditor   *self,
              RehearsePlanSettings *settings)
{
  gboolean everything = TRUE;

  for (guint i = 0; i < self->deck_rows->len; i++)
    {
      DeckRow *deck_row = g_ptr_array_index (self->deck_rows, i);
      gboolean whole = TRUE;

      for (guint t = 0; t < deck_row->topic_checks->len; t++)
        if (!gtk_check_button_get_active (g_ptr_array_index (deck_row->topic_checks, t)))
          whole = FALSE;
        else
          g_array_append_val (settings->topic_ids, g_array_index (deck_row->topic_ids, gint64, t));

      if (whole)
        {
          /* Its topics go with it. */
          g_array_set_size (settings->topic_ids, settings->topic_ids->len
                                                 - deck_row->topic_checks->len);
          g_array_append_val (settings->deck_ids, deck_row->deck_id);
        }
      everything = everything && whole;
    }

  if (everything)
    {
      g_array_set_size (settings->deck_ids, 0);
      g_array_set_size (settings->topic_ids, 0);
    }
}

RehearsePlanSettings *
rehearse_plan_editor_get_settings (RehearsePlanEditor *self)
{
  RehearsePlanSettings *settings;
  guint limit;

  g_return_val_if_fail (REHEARSE_IS_PLAN_EDITOR (self), NULL);

  settings = rehearse_plan_settings_new ();
  settings->interview_date = g_strdup (self->interview_date);
  read_choices (self, settings);
  limit = (guint) gtk_spin_button_get_value_as_int (self->limit_spin);
  if (gtk_toggle_button_get_active (self->limit_in_cards))
    settings->daily_cards = limit;
  else
    settings->daily_minutes = limit;
  return settings;
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(RehearsePlanEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  if (rehearse_library_set_plan_settings_finish (REHEARSE_LIBRARY (source), result, &error))
    g_signal_emit (self, signals[SAVED], 0);
  else
    {
      g_autofree char *message = g_strdup_printf (_("Could not save the study plan: %s"),
                                                  error->message);

      g_signal_emit (self, signals[SHOW_MESSAGE], 0, message);
    }
}

void
rehearse_plan_editor_save_now (RehearsePlanEditor *self)
{
  g_autoptr(RehearsePlanSettings) settings = NULL;

  g_return_if_fail (REHEARSE_IS_PLAN_EDITOR (self));

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->library == NULL)
    return;

  settings = rehearse_plan_editor_get_settings (self);
  /* Not cancelled when the page goes: the user chose it. */
  rehearse_library_set_plan_settings_async (self->library, settings, NULL, on_saved,
                                            g_object_ref (self));
}

static gboolean
save_later (gpointer user_data)
{
  RehearsePlanEditor *self = user_data;

  self->save_id = 0;
  rehearse_plan_editor_save_now (self);
  return G_SOURCE_REMOVE;
}

static void
changed (RehearsePlanEditor *self)
{
  if (self->loading)
    return;

  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_later, self);
}

/* ---- The interview date ---------------------------------------------------------- */

static GDateTime *
parse_date (const char *text)
{
  GDate date;

  g_date_clear (&date, 1);
  if (text == NULL || !rehearse_plan_parse_date (text, &date))
    return NULL;
  return g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), 12, 0, 0);
}

/* The popover, once made, shows the date too. */
static void
show_date_in_popover (RehearsePlanEditor *self)
{
  g_autoptr(GDateTime) date = parse_date (self->interview_date);

  if (self->calendar == NULL)
    return;

  gtk_widget_set_sensitive (self->clear_date_button, date != NULL);
  if (date == NULL)
    return;

  self->loading = TRUE;
  gtk_calendar_select_day (self->calendar, date);
  self->loading = FALSE;
}

static void
show_date (RehearsePlanEditor *self)
{
  g_autoptr(GDateTime) date = parse_date (self->interview_date);
  g_autofree char *shown = NULL;

  /* TRANSLATORS: the interview's date, as "Thursday, December 17, 2026" */
  shown = date != NULL ? g_date_time_format (date, _("%A, %B %-e, %Y")) : NULL;
  adw_action_row_set_subtitle (self->date_row, shown != NULL ? shown : _("Not set"));
  show_date_in_popover (self);
}

static void
set_date (RehearsePlanEditor *self,
          const char         *date)
{
  if (g_strcmp0 (self->interview_date, date) == 0)
    return;

  g_free (self->interview_date);
  self->interview_date = g_strdup (date);
  show_date (self);
  changed (self);
}

static void
on_day_selected (RehearsePlanEditor *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");

  if (self->loading)
    return;

  set_date (self, text);
  gtk_menu_button_popdown (self->date_button);
}

static void
on_clear_date (RehearsePlanEditor *self)
{
  set_date (self, NULL);
  gtk_menu_button_popdown (self->date_button);
}

/* ---- Decks and topics ----------------------------------------------------------- */

static void
show_deck_choice (DeckRow *deck_row)
{
  guint ticked = 0;
  guint n_topics = deck_row->topic_checks->len;
  g_autofree char *subtitle = NULL;

  for (guint t = 0; t < n_topics; t++)
    ticked += gtk_check_button_get_active (g_ptr_array_index (deck_row->topic_checks, t));

  gtk_check_button_set_active (deck_row->check, ticked > 0);
  gtk_check_button_set_inconsistent (deck_row->check, ticked > 0 && ticked < n_topics);
  if (ticked == n_topics)
    subtitle = g_strdup (_("All topics"));
  else
    /* TRANSLATORS: how many of a deck's topics the plan takes in */
    subtitle = g_strdup_printf (ngettext ("%u of %u topic", "%u of %u topics", n_topics),
                                ticked, n_topics);
  adw_expander_row_set_subtitle (deck_row->row, subtitle);
}

static void
on_topic_toggled (GtkCheckButton *check,
                  gpointer        user_data)
{
  RehearsePlanEditor *self = g_object_get_data (G_OBJECT (check), "rehearse-plan-editor");
  DeckRow *deck_row = user_data;

  if (self->loading)
    return;

  self->loading = TRUE;
  show_deck_choice (deck_row);
  self->loading = FALSE;
  changed (self);
}

static void
on_deck_toggled (GtkCheckButton *check,
                 gpointer        user_data)
{
  RehearsePlanEditor *self = g_object_get_data (G_OBJECT (check), "rehearse-plan-editor");
  DeckRow *deck_row = user_data;
  gboolean active = gtk_check_button_get_active (check);

  if (self->loading)
    return;

  self->loading = TRUE;
  for (guint t = 0; t < deck_row->topic_checks->len; t++)
    gtk_check_button_set_active (g_ptr_array_index (deck_row->topic_checks, t), active);
  show_deck_choice (deck_row);
  self->loading = FALSE;
  changed (self);
}

static GtkCheckButton *
new_check (RehearsePlanEditor *self,
           const char         *name,
           gboolean            active)
{
  GtkWidget *check = gtk_check_button_new ();

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  if (name != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                    -1);
  g_object_set_data (G_OBJECT (check), "rehearse-plan-editor", self);
  return GTK_CHECK_BUTTON (check);
}

static void
add_topic_row (RehearsePlanEditor *self,
               DeckRow            *deck_row,
               RehearseTopic      *topic,
               gboolean            active)
{
  GtkWidget *row = adw_action_row_new ();
  /* Named by its row, whose widget it activates. */
  GtkCheckButton *check = new_check (self, NULL, active);
  gint64 topic_id = rehearse_topic_get_id (topic);
  g_autofree char *title = g_markup_escape_text (rehearse_topic_get_title (topic), -1);

  /* Titles are markup in libadwaita 1.2's rows, whatever use-markup says. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), GTK_WIDGET (check));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (check));
  g_signal_connect (check, "toggled", G_CALLBACK (on_topic_toggled), deck_row);
  g_array_append_val (deck_row->topic_ids, topic_id);
  g_ptr_array_add (deck_row->topic_checks, check);
  adw_expander_row_add_row (deck_row->row, row);
}

/* An expander row holds lists of its own, which a screen reader would
 * read as unnamed: they take the deck's name. */
static void
name_lists (GtkWidget  *widget,
            const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_BOX (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        name, -1);
      name_lists (child, name);
    }
}

static void
add_deck_row (RehearsePlanEditor         *self,
              RehearseDeck               *deck,
              const RehearsePlanSettings *settings)
{
  gboolean everything = settings->deck_ids->len == 0 && settings->topic_ids->len == 0;
  gint64 deck_id = rehearse_deck_get_id (deck);
  gboolean whole = everything || contains_id (settings->deck_ids, deck_id);
  g_autoptr(GListModel) topics = rehearse_library_list_topics (self->library, deck_id, NULL);
  g_autofree char *title = g_markup_escape_text (rehearse_deck_get_title (deck), -1);
  DeckRow *deck_row = g_new0 (DeckRow, 1);

  deck_row->deck_id = deck_id;
  deck_row->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  deck_row->check = new_check (self, rehearse_deck_get_title (deck), whole);
  deck_row->topic_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  deck_row->topic_checks = g_ptr_array_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (deck_row->row), title);
  adw_expander_row_add_prefix (deck_row->row, GTK_WIDGET (deck_row->check));
  g_signal_connect (deck_row->check, "toggled", G_CALLBACK (on_deck_toggled), deck_row);

  for (guint i = 0; topics != NULL && i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(RehearseTopic) topic = g_list_model_get_item (topics, i);

      add_topic_row (self, deck_row, topic,
                     whole || contains_id (settings->topic_ids, rehearse_topic_get_id (topic)));
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (deck_row->row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  rehearse_deck_get_title (deck), -1);
  name_lists (GTK_WIDGET (deck_row->row), rehearse_deck_get_title (deck));
  show_deck_choice (deck_row);
  g_ptr_array_add (self->deck_rows, deck_row);
  gtk_list_box_append (self->list_box, GTK_WIDGET (deck_row->row));
}

static void
remove_deck_rows (RehearsePlanEditor *self)
{
  for (guint i = 0; i < self->deck_rows->len; i++)
    {
      DeckRow *deck_row = g_ptr_array_index (self->deck_rows, i);

      gtk_list_box_remove (self->list_box, GTK_WIDGET (deck_row->row));
    }
  g_ptr_array_set_size (self->deck_rows, 0);
}

/* ---- Loading --------------------------------------------------------------------- */

static void
show_limit (RehearsePlanEditor         *self,
            const RehearsePlanSettings *settings)
{
  gboolean cards = settings->daily_minutes == 0 && settings->daily_cards > 0;

  gtk_toggle_button_set_active (self->limit_in_cards, cards);
  gtk_toggle_button_set_active (self->limit_in_minutes, !cards);
  gtk_spin_button_set_value (self->limit_spin,
                             cards ? settings->daily_cards : settings->daily_minutes);
}

void
rehearse_plan_editor_load (RehearsePlanEditor *self,
                           RehearseLibrary    *library)
{
  g_autoptr(RehearsePlanSettings) settings = NULL;
  g_autoptr(GListModel) decks = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (REHEARSE_IS_PLAN_EDITOR (self));
  g_return_if_fail (REHEARSE_IS_LIBRARY (library));

  /* What waits to be saved is saved before the rows are read again. */
  if (self->save_id != 0)
    rehearse_plan_editor_save_now (self);

  g_set_object (&self->library, library);
  settings = rehearse_library_get_plan_settings (library, &error);
  if (settings == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not read the study plan: %s"),
                                                  error->message);

      gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
      g_signal_emit (self, signals[SHOW_MESSAGE], 0, message);
      return;
    }

  self->loading = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
  g_free (self->interview_date);
  self->interview_date = g_strdup (settings->interview_date);
  show_date (self);
  show_limit (self, settings);
  remove_deck_rows (self);
  decks = rehearse_library_list_decks (library, NULL);
  for (guint i = 0; decks != NULL && i < g_list_model_get_n_items (decks); i++)
    {
      g_autoptr(RehearseDeck) deck = g_list_model_get_item (decks, i);

      add_deck_row (self, deck, settings);
    }
  self->loading = FALSE;
}

/* ---- GObject --------------------------------------------------------------------- */

/* The calendar is made when its popover is first opened: a GtkCalendar
 * is some fifty widgets, which the window would otherwise build at start
 * for a page few open. */
static void
create_date_popover (GtkMenuButton *date_button,
                     gpointer       user_data)
{
  RehearsePlanEditor *self = user_data;
  GtkWidget *popover;
  GtkWidget *box;

  if (self->calendar != NULL)
    return;

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  self->clear_date_button = gtk_button_new_with_mnemonic (_("_No Interview Date"));
  show_date_in_popover (self);
  g_signal_connect_object (self->calendar, "day-selected", G_CALLBACK (on_day_selected), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->clear_date_button, "clicked", G_CALLBACK (on_clear_date), self,
                           G_CONNECT_SWAPPED);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->calendar));
  gtk_box_append (GTK_BOX (box), self->clear_date_button);
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (date_button, popover);
}

static GtkWidget *
new_date_row (RehearsePlanEditor *self)
{
  self->date_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->date_row), _("Interview Date"));

  self->date_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->date_button, "x-office-calendar-symbolic");
  gtk_menu_button_set_create_popup_func (self->date_button, create_date_popover, self, NULL);
  gtk_widget_set_valign (GTK_WIDGET (self->date_button), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->date_button), _("Choose the Interview Date"));
  /* GTK 4.8 presents a menu button's own toggle button, unnamed. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (
                                    GTK_WIDGET (self->date_button))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose the interview date"), -1);
  gtk_widget_add_css_class (GTK_WIDGET (self->date_button), "flat");
  adw_action_row_add_suffix (self->date_row, GTK_WIDGET (self->date_button));
  adw_action_row_set_activatable_widget (self->date_row, GTK_WIDGET (self->date_button));
  return GTK_WIDGET (self->date_row);
}

static GtkWidget *
new_limit_row (RehearsePlanEditor *self)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Daily Limit"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("0 for no limit"));
  self->limit_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, MAX_DAILY_LIMIT, 5));
  gtk_widget_set_valign (GTK_WIDGET (self->limit_spin), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->limit_spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Daily limit"), -1);
  g_signal_connect_object (self->limit_spin, "value-changed", G_CALLBACK (changed), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->limit_spin));
  return row;
}

/* A row of its own: beside the limit, it squeezed the row's title to a
 * letter a line in a window of 360 px. */
static GtkWidget *
new_limit_unit_row (RehearsePlanEditor *self)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *units = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Limit In"));
  /* Two linked buttons, not a drop-down: its popover's list cannot be
   * named for a screen reader in GTK 4.8. */
  self->limit_in_minutes = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (_("Minutes")));
  self->limit_in_cards = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (_("Cards")));
  gtk_toggle_button_set_group (self->limit_in_cards, self->limit_in_minutes);
  gtk_toggle_button_set_active (self->limit_in_minutes, TRUE);
  g_signal_connect_object (self->limit_in_cards, "toggled", G_CALLBACK (changed), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_css_class (units, "linked");
  gtk_widget_set_valign (units, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (units), GTK_WIDGET (self->limit_in_minutes));
  gtk_box_append (GTK_BOX (units), GTK_WIDGET (self->limit_in_cards));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), units);
  return row;
}

static void
rehearse_plan_editor_dispose (GObject *object)
{
  RehearsePlanEditor *self = REHEARSE_PLAN_EDITOR (object);
  GtkWidget *child;

  /* A change still waiting is saved: the user made it. */
  if (self->save_id != 0)
    rehearse_plan_editor_save_now (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->deck_rows, g_ptr_array_unref);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (rehearse_plan_editor_parent_class)->dispose (object);
}

static void
rehearse_plan_editor_finalize (GObject *object)
{
  RehearsePlanEditor *self = REHEARSE_PLAN_EDITOR (object);

  g_free (self->interview_date);

  G_OBJECT_CLASS (rehearse_plan_editor_parent_class)->finalize (object);
}

static void
rehearse_plan_editor_class_init (RehearsePlanEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rehearse_plan_editor_dispose;
  object_class->finalize = rehearse_plan_editor_finalize;

  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SHOW_MESSAGE] =
    g_signal_new ("show-message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rehearse_plan_editor_init (RehearsePlanEditor *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Study plan"), -1);
  self->deck_rows = g_ptr_array_new_with_free_func (deck_row_free);
  self->list_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list_box, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_box), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Study plan settings"), -1);
  gtk_list_box_append (self->list_box, new_date_row (self));
  gtk_list_box_append (self->list_box, new_limit_row (self));
  gtk_list_box_append (self->list_box, new_limit_unit_row (self));
  gtk_widget_set_parent (GTK_WIDGET (self->list_box), GTK_WIDGET (self));
  show_date (self);
}
