/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <string.h>

#include "rehearse-clock.h"
#include "rehearse-forecast-chart.h"
#include "rehearse-heatmap.h"
#include "rehearse-mastery-list.h"
#include "rehearse-plan-editor.h"
#include "rehearse-progress-page.h"
#include "test-ui-support.h"

/* The progress page for a made-up history, built by hand: what it tells a
 * screen reader (the figures themselves), the mastery list's sort orders,
 * the weakest topic's button starting a quiz on it, the empty state, the
 * study plan's line for today; each look rendered to a PNG in the test's
 * build folder, light and dark. Then on a real library with reviews
 * recorded: the figures the core computes reach the page, and the plan's
 * settings are saved. */

typedef struct
{
  GtkWindow            *window;
  RehearseProgressPage *page;
  GSimpleActionGroup   *actions;
  char                 *quiz_preset;   /* what win.start-quiz was given */
  char                 *quiz_topic;    /* what win.quiz-topic was given: "ID title" */
} Fixture;

static void
on_start_quiz (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  Fixture *fixture = user_data;

  g_free (fixture->quiz_preset);
  fixture->quiz_preset = g_variant_dup_string (parameter, NULL);
}

static void
on_quiz_topic (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  Fixture *fixture = user_data;

  gint64 topic_id;
  const char *title;

  g_variant_get (parameter, "(x&s)", &topic_id, &title);
  g_free (fixture->quiz_topic);
  fixture->quiz_topic = g_strdup_printf ("%" G_GINT64_FORMAT " %s", topic_id, title);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSimpleAction) start_quiz = g_simple_action_new ("start-quiz", G_VARIANT_TYPE_STRING);
  g_autoptr(GSimpleAction) quiz_topic = g_simple_action_new ("quiz-topic",
                                                             G_VARIANT_TYPE ("(xs)"));

  fixture->page = REHEARSE_PROGRESS_PAGE (rehearse_progress_page_new ());
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 700);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  /* win.start-quiz and win.quiz-topic as the window has them, to see what
   * the page asks. */
  fixture->actions = g_simple_action_group_new ();
  g_signal_connect (start_quiz, "activate", G_CALLBACK (on_start_quiz), fixture);
  g_action_map_add_action (G_ACTION_MAP (fixture->actions), G_ACTION (start_quiz));
  g_signal_connect (quiz_topic, "activate", G_CALLBACK (on_quiz_topic), fixture);
  g_action_map_add_action (G_ACTION_MAP (fixture->actions), G_ACTION (quiz_topic));
  gtk_widget_insert_action_group (GTK_WIDGET (fixture->window), "win",
                                  G_ACTION_GROUP (fixture->actions));
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->actions);
  g_free (fixture->quiz_preset);
  g_free (fixture->quiz_topic);
}

/* ---- A made-up history ------------------------------------------------------ */

/* Built and freed here, not by the core: its own free functions may free
 * more than these hold. */
typedef RehearseProgress MadeUpProgress;
typedef RehearsePlan MadeUpPlan;

static RehearseTopicMastery *
topic (gint64      topic_id,
       const char *title,
       guint       questions,
       guint       seen,
       double      recall)
{
  RehearseTopicMastery *mastery = g_new0 (RehearseTopicMastery, 1);

  mastery->deck_id = 1;
  mastery->topic_id = topic_id;
  mastery->deck_title = g_strdup ("Docker Interview Questions");
  mastery->topic_title = g_strdup (title);
  mastery->questions = questions;
  mastery->seen = seen;
  mastery->average_recall = recall;
  return mastery;
}

static void
topic_free (gpointer data)
{
  RehearseTopicMastery *mastery = data;

  g_free (mastery->deck_title);
  g_free (mastery->topic_title);
  g_free (mastery);
}

/* 142 reviews over the last year, the last five days in a row and twelve
 * in a row in the spring; 40 reviews and 12 new questions in the next 30
 * days; four topics, the weakest first as the core lists them. */
static RehearseProgress *
made_up_progress (void)
{
  RehearseProgress *progress = g_new0 (RehearseProgress, 1);

  for (guint day = 100; day < 112; day++)
    progress->reviews_per_day[day] = 3;                  /* 12 × 3 = 36 */
  for (guint day = 200; day < 300; day += 9)
    progress->reviews_per_day[day] = 8;                  /* 12 × 8 = 96 */
  for (guint day = REHEARSE_PROGRESS_HEATMAP_DAYS - 5; day < REHEARSE_PROGRESS_HEATMAP_DAYS; day++)
    progress->reviews_per_day[day] = 2;                  /* 5 × 2 = 10 */

  for (guint day = 0; day < REHEARSE_PROGRESS_FORECAST_DAYS; day++)
    progress->forecast_reviews[day] = day % 3 == 0 ? 4 : 0;  /* 10 days × 4 = 40 */
  progress->forecast_reviews[0] = 8;                     /* overdue ones today: 44 */
  for (guint day = 0; day < 6; day++)
    progress->forecast_new[day] = 2;                     /* 12 */

  progress->questions_total = 100;
  progress->questions_seen = 45;
  progress->reviews_total = 142;
  progress->average_recall = 0.82;
  progress->time_spent = (3 * 3600 + 20 * 60) * 1000;
  progress->current_streak = 5;
  progress->longest_streak = 12;
  progress->topics = g_ptr_array_new_with_free_func (topic_free);
  g_ptr_array_add (progress->topics, topic (13, "Networking", 10, 2, 0.12));
  g_ptr_array_add (progress->topics, topic (11, "Volumes and Storage", 20, 15, 0.55));
  g_ptr_array_add (progress->topics, topic (12, "Images", 10, 9, 0.78));
  g_ptr_array_add (progress->topics, topic (14, "Compose", 8, 1, 0.95));
  return progress;
}

static void
made_up_progress_free (RehearseProgress *progress)
{
  g_ptr_array_unref (progress->topics);
  g_free (progress);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadeUpProgress, made_up_progress_free)

static void
plan_topic_free (gpointer data)
{
  RehearsePlanTopic *plan_topic = data;

  g_free (plan_topic->deck_title);
  g_free (plan_topic->topic_title);
  g_free (plan_topic);
}

/* An interview in twelve days: today 12 new and 8 reviews, 25 minutes. */
static RehearsePlan *
made_up_plan (const GDate *today)
{
  RehearsePlan *plan = g_new0 (RehearsePlan, 1);
  RehearsePlanTopic *networking = g_new0 (RehearsePlanTopic, 1);
  RehearsePlanTopic *images = g_new0 (RehearsePlanTopic, 1);

  plan->interview_date = *today;
  g_date_add_days (&plan->interview_date, 12);
  plan->days_left = 12;
  plan->days = g_array_new (FALSE, TRUE, sizeof (RehearsePlanDay));
  for (guint i = 0; i < 12; i++)
    {
      RehearsePlanDay day = { .date = *today, .new_cards = i == 0 ? 12 : 4,
                              .reviews = i == 0 ? 8 : 6, .minutes = i == 0 ? 25 : 12 };

      g_date_add_days (&day.date, i);
      g_array_append_val (plan->days, day);
    }
  networking->topic_id = 13;
  networking->deck_title = g_strdup ("Docker Interview Questions");
  networking->topic_title = g_strdup ("Networking");
  networking->questions = 10;
  networking->predicted_recall = 0.86;
  images->topic_id = 12;
  images->deck_title = g_strdup ("Docker Interview Questions");
  images->topic_title = g_strdup ("Images");
  images->questions = 10;
  images->predicted_recall = 0.93;
  plan->topics = g_ptr_array_new_with_free_func (plan_topic_free);
  g_ptr_array_add (plan->topics, networking);
  g_ptr_array_add (plan->topics, images);
  plan->questions = 20;
  plan->unstudied = 3;
  plan->predicted_recall = 0.9;
  plan->reaches_retention = TRUE;
  return plan;
}

static void
made_up_plan_free (RehearsePlan *plan)
{
  g_array_unref (plan->days);
  g_ptr_array_unref (plan->topics);
  g_free (plan);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadeUpPlan, made_up_plan_free)

static void
today (GDate *date)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, 5, G_DATE_DECEMBER, 2026);
}

static void
show_made_up (Fixture *fixture)
{
  g_autoptr(MadeUpProgress) progress = made_up_progress ();
  g_autoptr(MadeUpPlan) plan = NULL;
  GDate day;

  today (&day);
  plan = made_up_plan (&day);
  rehearse_progress_page_show_figures (fixture->page, progress, plan, &day);
}

/* ---- Looking at it ------------------------------------------------------------- */

static GtkWidget *
find (Fixture *fixture,
      GType    type)
{
  GtkWidget *widget = ui_test_find_widget (GTK_WIDGET (fixture->page), type);

  g_assert_nonnull (widget);
  return widget;
}

/* Renders the page's content as it is drawn, all of it (not only what the
 * screen's height shows), on the window's background, to
 * build/tests/progress-page-NAME.png. */
static void
render (Fixture    *fixture,
        const char *name)
{
  GtkWidget *content = ui_test_find_widget (GTK_WIDGET (fixture->page), ADW_TYPE_CLAMP);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file_name = g_strdup_printf ("progress-page-%s.png", name);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, file_name, NULL);
  GdkRGBA background;
  int width, height;

  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  width = gtk_widget_get_width (content);
  height = gtk_widget_get_height (content);
  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (content),
                                                 "window_bg_color", &background));
  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));
  /* What the scrolled window would draw of it, were it tall enough. */
  GTK_WIDGET_GET_CLASS (content)->snapshot (content, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (fixture->window)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("The page as drawn: %s", path);
}

/* No label under @widget narrower than its widest word: a row squeezed
 * by what sits beside it breaks its title letter by letter. */
static void
assert_words_fit (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    {
      g_auto(GStrv) words = g_strsplit_set (gtk_label_get_text (GTK_LABEL (widget)), " \n", -1);

      for (guint i = 0; words[i] != NULL; i++)
        {
          g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, words[i]);
          int width;

          pango_layout_get_pixel_size (layout, &width, NULL);
          if (width > gtk_widget_get_width (widget))
            g_error ("“%s” is %d px wide in “%s”, given %d px", words[i], width,
                     gtk_label_get_text (GTK_LABEL (widget)), gtk_widget_get_width (widget));
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_words_fit (child);
}

static void
test_render (Fixture       *fixture,
             gconstpointer  data)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  show_made_up (fixture);
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  render (fixture, "light");
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  render (fixture, "dark");
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);

  /* A phone's width: the calendar shrinks to fit, nothing is cut off. */
  gtk_window_set_default_size (fixture->window, 360, 700);
  render (fixture, "narrow");
  g_assert_cmpint (gtk_widget_get_width (find (fixture, REHEARSE_TYPE_HEATMAP)), <=, 360);
  assert_words_fit (GTK_WIDGET (fixture->page));
}

/* ---- What a screen reader hears ------------------------------------------------ */

/* gtk_test_accessible_assert_property() cannot take a value with a "%". */
static void
assert_accessible (gpointer               widget,
                   GtkAccessibleProperty  property,
                   const char            *expected)
{
  g_autofree char *differs = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), property,
                                                                 expected);

  g_assert_cmpstr (differs, ==, NULL);
}

static void
test_accessible_figures (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *mastery;
  GtkListBox *list;

  show_made_up (fixture);

  assert_accessible (find (fixture, REHEARSE_TYPE_HEATMAP),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "142 reviews in the last year; current streak 5 days, "
                                       "longest 12 days");
  assert_accessible (find (fixture, REHEARSE_TYPE_FORECAST_CHART),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "44 reviews and 12 new questions in the next 30 days; "
                                       "10 today; the busiest day Sat, Dec 5 2026 with 10");
  g_assert_true (ui_test_shows_text (GTK_WIDGET (fixture->page), "45 / 100"));
  g_assert_true (ui_test_shows_text (GTK_WIDGET (fixture->page), "142"));
  g_assert_true (ui_test_shows_text (GTK_WIDGET (fixture->page), "82%"));
  g_assert_true (ui_test_shows_text (GTK_WIDGET (fixture->page), "3 h 20 min"));
  g_assert_true (ui_test_shows_text (GTK_WIDGET (fixture->page),
                                     "Current streak: 5 days · Longest: 12 days"));

  mastery = find (fixture, REHEARSE_TYPE_MASTERY_LIST);
  list = rehearse_mastery_list_get_list_box (REHEARSE_MASTERY_LIST (mastery));
  assert_accessible (gtk_list_box_get_row_at_index (list, 0),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Networking, Docker Interview Questions: 2 of 10 "
                                       "questions seen, average recall 12%");
}

/* ---- Mastery ----------------------------------------------------------------------- */

/* The topics' titles as listed, joined by commas. */
static char *
listed_topics (Fixture *fixture)
{
  GtkListBox *list = rehearse_mastery_list_get_list_box (
    REHEARSE_MASTERY_LIST (find (fixture, REHEARSE_TYPE_MASTERY_LIST)));
  const char *titles[] = { "Networking", "Volumes and Storage", "Images", "Compose" };
  GString *listed = g_string_new (NULL);
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    for (guint t = 0; t < G_N_ELEMENTS (titles); t++)
      if (ui_test_shows_text (GTK_WIDGET (row), titles[t]))
        g_string_append_printf (listed, "%s%s", listed->len > 0 ? ", " : "", titles[t]);

  return g_string_free (listed, FALSE);
}

static void
assert_listed (Fixture    *fixture,
               const char *expected)
{
  g_autofree char *listed = listed_topics (fixture);

  g_assert_cmpstr (listed, ==, expected);
}

static void
test_mastery_sort (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *mastery;

  show_made_up (fixture);
  mastery = find (fixture, REHEARSE_TYPE_MASTERY_LIST);

  /* Weakest first, as the core gave them. */
  assert_listed (fixture, "Networking, Volumes and Storage, Images, Compose");
  g_signal_emit_by_name (ui_test_find_button (mastery, "Name"), "clicked");
  g_assert_cmpint (rehearse_mastery_list_get_sort (REHEARSE_MASTERY_LIST (mastery)), ==,
                   REHEARSE_MASTERY_SORT_NAME);
  assert_listed (fixture, "Compose, Images, Networking, Volumes and Storage");
  /* Least seen first: 1/8, 2/10, 15/20, 9/10. */
  g_signal_emit_by_name (ui_test_find_button (mastery, "Seen"), "clicked");
  assert_listed (fixture, "Compose, Networking, Volumes and Storage, Images");
  g_signal_emit_by_name (ui_test_find_button (mastery, "Recall"), "clicked");
  assert_listed (fixture, "Networking, Volumes and Storage, Images, Compose");
}

static void
test_weakest_topic_quiz (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *button;

  show_made_up (fixture);
  g_assert_true (ui_test_shows_text (GTK_WIDGET (fixture->page),
                                     "Quiz the Weakest Topic: Networking"));
  /* Sorting by name does not change which topic is weakest. */
  g_signal_emit_by_name (ui_test_find_button (find (fixture, REHEARSE_TYPE_MASTERY_LIST), "Name"),
                         "clicked");

  button = NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (find (fixture, REHEARSE_TYPE_MASTERY_LIST));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      button = child;
  g_assert_nonnull (button);

  g_assert_null (fixture->quiz_topic);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (fixture->quiz_topic, ==, "13 Networking");
}

/* ---- The empty state and the plan ------------------------------------------------------ */

static void
assert_given_natural_height (Fixture          *fixture,
                             GtkWidget        *widget,
                             RehearseProgress *progress)
{
  g_autoptr(MadeUpPlan) plan = NULL;
  GDate day;
  int natural;

  today (&day);
  plan = made_up_plan (&day);
  gtk_window_set_default_size (fixture->window, 900, 400);
  rehearse_progress_page_show_figures (fixture->page, progress, plan, &day);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  while (gtk_widget_get_height (GTK_WIDGET (fixture->window)) > 400)
    g_main_context_iteration (NULL, TRUE);

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (widget),
                      NULL, &natural, NULL, NULL);
  g_assert_cmpint (gtk_widget_get_height (widget), >=, natural);
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(MadeUpProgress) progress = made_up_progress ();
  GtkWidget *status = find (fixture, ADW_TYPE_STATUS_PAGE);
  GtkWidget *start;
  GDate day;

  today (&day);
  memset (progress->reviews_per_day, 0, sizeof progress->reviews_per_day);
  progress->reviews_total = 0;
  progress->questions_seen = 0;
  rehearse_progress_page_show_figures (fixture->page, progress, NULL, &day);

  g_assert_true (gtk_widget_get_visible (status));
  g_assert_false (gtk_widget_is_drawable (find (fixture, REHEARSE_TYPE_HEATMAP)));
  start = ui_test_find_button (status, "_Start a Quiz");
  g_assert_nonnull (start);
  g_signal_emit_by_name (start, "clicked");
  g_assert_cmpstr (fixture->quiz_preset, ==, "");
  g_assert_null (rehearse_progress_page_get_today_plan (fixture->page));
  render (fixture, "empty");

  /* With a plan below it the page is taller than the window: the empty
   * state still gets the height it asks for, not squeezed to a sliver of
   * its icon. */
  assert_given_natural_height (fixture, status, progress);

  /* Then reviews are made. */
  show_made_up (fixture);
  g_assert_false (gtk_widget_get_visible (status));
  g_assert_true (gtk_widget_get_visible (find (fixture, REHEARSE_TYPE_HEATMAP)));
}

static void
test_plan_shown (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (fixture->page);

  show_made_up (fixture);
  g_assert_cmpstr (rehearse_progress_page_get_today_plan (fixture->page), ==,
                   "12 new, 8 reviews — 25 min");
  g_assert_true (ui_test_shows_text (page, "Interview on Thursday, December 17 — in 12 days.\n"
                                           "Today: 12 new, 8 reviews — 25 min\n"
                                           "Predicted recall on the day: 90% (goal 90%).\n"
                                           "At this daily limit, 3 questions stay unseen by "
                                           "then."));
}

static void
test_plan_day_plurals (void)
{
  RehearsePlanDay one = { .new_cards = 1, .reviews = 1, .minutes = 1 };
  g_autofree char *text = rehearse_progress_page_describe_plan_day (&one);

  g_assert_cmpstr (text, ==, "1 new, 1 review — 1 min");
}

/* ---- On a real library ---------------------------------------------------------------- */

/* Whether a visible label under @widget shows text starting with @prefix. */
static gboolean
shows_text_starting (GtkWidget  *widget,
                     const char *prefix)
{
  if (!gtk_widget_get_visible (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text_starting (child, prefix))
      return TRUE;
  return FALSE;
}

static gboolean
shows_text_containing (GtkWidget  *widget,
                       const char *part)
{
  if (!gtk_widget_get_visible (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), part) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text_containing (child, part))
      return TRUE;
  return FALSE;
}

#define DAY_MS (24 * 60 * 60 * 1000LL)

typedef struct
{
  RehearseProgressPage *page;
  const char           *expected;
} Described;

static gboolean
heatmap_described (gpointer data)
{
  Described *described = data;
  GtkWidget *heatmap = ui_test_find_widget (GTK_WIDGET (described->page), REHEARSE_TYPE_HEATMAP);
  g_autofree char *differs = gtk_test_accessible_check_property (
    GTK_ACCESSIBLE (heatmap), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, described->expected);

  return differs == NULL;
}

static gboolean
has_today_plan (gpointer page)
{
  return rehearse_progress_page_get_today_plan (page) != NULL;
}

/* Three questions reviewed on the last three days (as the clock has them),
 * 30 s each: the page shows what the core counts, and the plan's settings
 * chosen on the page are saved in the library and planned for. */
static void
test_real_library (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *data_home = ui_test_make_data_home ();
  g_autoptr(RehearseLibrary) library = ui_test_library_with_bundled_deck (data_home);
  const char *keys[] = { "docker-interview-questions/301", "docker-interview-questions/302",
                         "docker-interview-questions/303" };
  gint64 now = rehearse_clock_now_ms ();
  RehearseFsrsParameters parameters;
  g_autoptr(RehearsePlanSettings) settings = NULL;
  g_autoptr(GDateTime) today_local = g_date_time_new_now_local ();
  g_autoptr(GDateTime) in_a_week = g_date_time_add_days (today_local, 7);
  g_autofree char *expected_date = NULL;
  GtkWidget *editor, *date_button, *calendar;

  rehearse_fsrs_parameters_init_default (&parameters);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_true (rehearse_library_record_review (library, keys[i], &parameters,
                                                   REHEARSE_GRADE_GOOD, now - (2 - i) * DAY_MS,
                                                   30000, NULL, NULL));

  rehearse_progress_page_load (fixture->page, library, &parameters);
  ui_test_wait_for (heatmap_described, &(Described) {
    fixture->page, "3 reviews in the last year; current streak 3 days, longest 3 days" });
  g_assert_true (ui_test_shows_text (GTK_WIDGET (fixture->page), "3 / 100"));
  g_assert_true (ui_test_shows_text (GTK_WIDGET (fixture->page), "1 min"));
  g_assert_null (rehearse_progress_page_get_today_plan (fixture->page));

  /* An interview in a week, chosen in the calendar (made when it opens). */
  editor = find (fixture, REHEARSE_TYPE_PLAN_EDITOR);
  date_button = ui_test_find_widget (editor, GTK_TYPE_MENU_BUTTON);
  g_assert_null (gtk_menu_button_get_popover (GTK_MENU_BUTTON (date_button)));
  gtk_menu_button_popup (GTK_MENU_BUTTON (date_button));
  calendar = gtk_popover_get_child (gtk_menu_button_get_popover (GTK_MENU_BUTTON (date_button)));
  calendar = ui_test_find_widget (calendar, GTK_TYPE_CALENDAR);
  gtk_calendar_select_day (GTK_CALENDAR (calendar), in_a_week);
  ui_test_wait_for (has_today_plan, fixture->page);
  g_test_message ("Today's plan for an interview in a week: %s",
                  rehearse_progress_page_get_today_plan (fixture->page));

  settings = rehearse_library_get_plan_settings (library, NULL);
  g_assert_nonnull (settings);
  expected_date = g_date_time_format (in_a_week, "%Y-%m-%d");
  g_assert_cmpstr (settings->interview_date, ==, expected_date);
  g_assert_cmpuint (settings->deck_ids->len + settings->topic_ids->len, ==, 0);
  g_assert_true (shows_text_starting (GTK_WIDGET (fixture->page), "Interview on ")
                 && shows_text_containing (GTK_WIDGET (fixture->page), " — in 7 days.\n"));

  /* The page and its library go before the library's folder. */
  gtk_window_destroy (g_steal_pointer (&fixture->window));
  fixture->window = GTK_WINDOW (gtk_window_new ());
  g_clear_object (&library);
  test_remove_tree (data_home);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/progress-page/render", test_render);
  ADD ("/progress-page/accessible-figures", test_accessible_figures);
  ADD ("/progress-page/mastery-sort", test_mastery_sort);
  ADD ("/progress-page/weakest-topic-quiz", test_weakest_topic_quiz);
  ADD ("/progress-page/empty", test_empty);
  ADD ("/progress-page/plan-shown", test_plan_shown);
  ADD ("/progress-page/real-library", test_real_library);
#undef ADD
  g_test_add_func ("/progress-page/plan-day-plurals", test_plan_day_plurals);

  return g_test_run ();
}
