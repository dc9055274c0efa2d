/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "rehearse-quiz-page.h"
#include "rehearse-quiz-setup-dialog.h"
#include "test-library-support.h"
#include "test-ui-support.h"

/* The German translation at 360 px: German words are longer than English
 * ones, and a label of the interface cut short ("1 von…") or pushing the
 * window wider than the narrowest phone is a defect. What the deck says
 * (questions, topics) may be ellipsized: it can be of any length.
 * Runs under LANGUAGE=de with the translations built in the build tree
 * (REHEARSE_LOCALEDIR) and a de_DE.UTF-8 locale, made by
 * tests/german-locale.sh when the system has none. */

#define NARROW_WIDTH 360

typedef struct
{
  char             *data_home;
  RehearseLibrary  *library;
  GtkWindow        *window;
  RehearseQuizPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->data_home = ui_test_make_data_home ();
  fixture->library = ui_test_library_with_bundled_deck (fixture->data_home);
  fixture->page = REHEARSE_QUIZ_PAGE (rehearse_quiz_page_new ());
  /* As in the window when it is narrow (folded). */
  g_object_set (fixture->page, "show-start-title-buttons", TRUE, NULL);
  fixture->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (fixture->window, NARROW_WIDTH, 700);
  adw_window_set_content (ADW_WINDOW (fixture->window), GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);
}

static gboolean
not_saving (gpointer page)
{
  return !rehearse_quiz_page_get_saving (page);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ui_test_wait_for (not_saving, fixture->page);
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->library);
  test_remove_tree (fixture->data_home);
  g_free (fixture->data_home);
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (found, child);
      collect (child, type, found);
    }
}

static GtkWidget *
button_for (Fixture    *fixture,
            const char *action_name)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect (GTK_WIDGET (fixture->page), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)),
                   action_name) == 0)
      return g_ptr_array_index (buttons, i);

  g_assert_not_reached ();
}

/* Lets the window lay out what changed and draw it. */
static void
settle (GtkWindow *window)
{
  for (int i = 0; i < 20; i++)
    {
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
}

/* A picture of the window in the build folder, to look at: "Screenshot:
 * PATH" in the test's log. */
static void
save_screenshot (GtkWindow  *window,
                 const char *name)
{
  GtkWidget *widget = GTK_WIDGET (window);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

/* The interface's labels on screen that are cut short, one a line: those
 * whose text the deck did not write. */
static char *
ellipsized_labels (GtkWidget          *root,
                   const char * const *deck_texts)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GString) cut = g_string_new (NULL);

  collect (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);
      const char *text = gtk_label_get_text (label);
      gboolean from_deck = FALSE;

      if (!gtk_widget_is_drawable (GTK_WIDGET (label)) || *text == '\0'
          || !pango_layout_is_ellipsized (gtk_label_get_layout (label)))
        continue;
      for (guint j = 0; deck_texts[j] != NULL; j++)
        from_deck |= strstr (text, deck_texts[j]) != NULL || strstr (deck_texts[j], text) != NULL;
      if (!from_deck)
        g_string_append_printf (cut, "“%s”\n", text);
    }

  return g_string_free (g_steal_pointer (&cut), FALSE);
}

/* @window is no wider than NARROW_WIDTH and cuts none of its interface's
 * labels short; a screenshot of it goes to the build folder. */
static void
assert_window_fits (GtkWindow          *window,
                    const char * const *deck_texts,
                    const char         *what,
                    const char         *screenshot)
{
  g_autofree char *cut = NULL;

  settle (window);
  save_screenshot (window, screenshot);
  g_test_message ("%s: the window is %d px wide", what, gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, NARROW_WIDTH);
  cut = ellipsized_labels (GTK_WIDGET (window), deck_texts);
  if (*cut != '\0')
    g_test_message ("%s: labels cut short at %d px:\n%s", what, NARROW_WIDTH, cut);
  g_assert_cmpstr (cut, ==, "");
}

static void
assert_fits (Fixture    *fixture,
             const char *what,
             const char *screenshot)
{
  RehearseQuizSession *session = rehearse_quiz_page_get_session (fixture->page);
  RehearseQuestion *question = rehearse_quiz_session_get_question (session);
  GPtrArray *key_points = rehearse_quiz_session_get_key_points (session);
  g_autoptr(GPtrArray) deck_texts = g_ptr_array_new ();

  g_ptr_array_add (deck_texts, (gpointer) rehearse_question_get_topic_title (question));
  g_ptr_array_add (deck_texts, (gpointer) rehearse_question_get_text (question));
  g_ptr_array_add (deck_texts, (gpointer) rehearse_question_get_answer (question));
  for (guint i = 0; i < key_points->len; i++)
    g_ptr_array_add (deck_texts, g_ptr_array_index (key_points, i));
  g_ptr_array_add (deck_texts, NULL);
  assert_window_fits (fixture->window, (const char * const *) deck_texts->pdata, what,
                      screenshot);
}

static void
test_quiz_card_fits (Fixture       *fixture,
                     gconstpointer  data)
{
  RehearseFsrsParameters parameters;
  /* All questions, 20 of them, as the setup dialog proposes: "1 von 20". */
  RehearseQuizOptions options = {
    .scope = REHEARSE_QUIZ_SCOPE_ALL,
    .size = 20,
    .order = REHEARSE_QUIZ_ORDER_DUE_FIRST,
  };
  g_autoptr(GError) error = NULL;

  rehearse_fsrs_parameters_init_default (&parameters);
  /* The scope's name as the quiz setup dialog gives it, translated. */
  g_assert_true (rehearse_quiz_page_start (fixture->page, fixture->library, &parameters, &options,
                                           _("All Questions"), &error));
  g_assert_no_error (error);

  /* German it is: the title counts the cards in German. */
  settle (fixture->window);
  g_assert_true (ui_test_shows_text (GTK_WIDGET (fixture->window), "1 von 20"));
  assert_fits (fixture, "a quiz card", "german-quiz-card-360.png");

  gtk_widget_activate (button_for (fixture, "quiz.reveal"));
  assert_fits (fixture, "a card's answer and grades", "german-quiz-answer-360.png");
}

static void
test_quiz_setup_fits (Fixture       *fixture,
                      gconstpointer  data)
{
  /* The deck's own words show nowhere here. */
  const char *deck_texts[] = { NULL };
  RehearseFsrsParameters parameters;
  GtkWindow *dialog;

  rehearse_fsrs_parameters_init_default (&parameters);
  dialog = GTK_WINDOW (rehearse_quiz_setup_dialog_new (fixture->window, fixture->library,
                                                       &parameters, ""));
  gtk_window_set_default_size (dialog, NARROW_WIDTH, 700);
  gtk_window_present (dialog);
  settle (dialog);
  g_assert_true (ui_test_shows_text (GTK_WIDGET (dialog), "20 von 100 Fragen"));
  assert_window_fits (dialog, deck_texts, "the quiz setup dialog", "german-quiz-setup-360.png");
  gtk_window_destroy (dialog);
}

/* Makes the process German before GTK reads the locale; FALSE when no
 * German locale can be had. */
static gboolean
speak_german (void)
{
  g_autofree char *script = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "german-locale.sh",
                                             NULL);
  g_autofree char *dir = g_dir_make_tmp ("rehearse-locale-XXXXXX", NULL);
  g_autofree char *locale_path = NULL;
  const char *argv[] = { "sh", script, dir, NULL };
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &locale_path, NULL, &status, NULL)
      || !g_spawn_check_wait_status (status, NULL))
    return FALSE;

  g_strstrip (locale_path);
  if (*locale_path != '\0')
    g_setenv ("LOCPATH", locale_path, TRUE);
  g_setenv ("LC_ALL", "de_DE.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "de", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("REHEARSE_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  return setlocale (LC_ALL, "") != NULL;
}

static void
test_no_german (void)
{
  g_test_skip ("no German locale (install the locales package)");
}

int
main (int    argc,
      char **argv)
{
  /* Before GTK sets the locale from the environment. */
  gboolean german = g_getenv ("REHEARSE_LOCALEDIR") != NULL && g_getenv ("G_TEST_SRCDIR") != NULL
                    && speak_german ();
  g_autoptr(GtkCssProvider) css = NULL;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The app's own stylesheet, which AdwApplication loads for its windows. */
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/rehearse/Rehearse/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  if (german)
    {
      g_test_add ("/german-layout/quiz-card-fits", Fixture, NULL, fixture_set_up,
                  test_quiz_card_fits, fixture_tear_down);
      g_test_add ("/german-layout/quiz-setup-fits", Fixture, NULL, fixture_set_up,
                  test_quiz_setup_fits, fixture_tear_down);
    }
  else
    {
      g_test_add_func ("/german-layout/quiz-card-fits", test_no_german);
    }

  return g_test_run ();
}
