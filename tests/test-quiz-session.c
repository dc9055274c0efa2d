/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "rehearse-error.h"
#include "rehearse-importer.h"
#include "rehearse-key-points.h"
#include "rehearse-quiz-session.h"
#include "test-library-support.h"

/* Quiz sessions on the bundled deck (and a small second deck) in a real
 * SQLite file: choosing and ordering cards for each scope, cram mode,
 * reveal and key points, grading on a fake clock, the summary. */

#define SECOND ((gint64) 1000)
#define MINUTE (60 * SECOND)
#define DAY (24 * 60 * MINUTE)
/* 2025-01-06 09:00 UTC */
#define T0 ((gint64) 1736154000000)

#define DOCKER "docker-interview-questions/"

typedef struct
{
  char                   *dir;
  char                   *path;
  RehearseLibrary        *library;
  RehearseFsrsParameters  parameters;
  gint64                  docker_id;
  gint64                  linux_id;
  GPtrArray              *changed;      /* keys ::user-data-changed reported */
  gboolean                off_thread;   /* a change was reported off the main thread */
} Fixture;

static GThread *main_thread;

static void
record_change (RehearseLibrary *library,
               const char      *question_key,
               Fixture         *f)
{
  f->off_thread |= g_thread_self () != main_thread;
  g_ptr_array_add (f->changed, g_strdup (question_key));
}

static gint64
deck_id (RehearseLibrary *library,
         const char      *deck_key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RehearseDeck) deck = rehearse_library_find_deck (library, deck_key, &error);

  g_assert_no_error (error);
  return rehearse_deck_get_id (deck);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *bundled = g_build_filename (rehearse_importer_bundled_decks_dir (),
                                               "docker-interview-questions", NULL);
  g_autofree char *other = g_test_build_filename (G_TEST_DIST, "data", "decks",
                                                  "bold-questions.md", NULL);
  const char * const paths[] = { bundled, other, NULL };
  g_autoptr(GPtrArray) reports = NULL;

  f->dir = test_make_temp_dir ("rehearse-quiz-XXXXXX");
  f->path = g_build_filename (f->dir, "library.db", NULL);
  f->library = test_open_library (f->path);
  f->changed = g_ptr_array_new_with_free_func (g_free);
  rehearse_fsrs_parameters_init_default (&f->parameters);

  reports = rehearse_importer_import (f->library, paths, NULL);
  for (guint i = 0; i < reports->len; i++)
    g_assert_no_error (((RehearseImportReport *) g_ptr_array_index (reports, i))->error);
  f->docker_id = deck_id (f->library, "docker-interview-questions");
  f->linux_id = deck_id (f->library, "linux-basics");
  g_signal_connect (f->library, "user-data-changed", G_CALLBACK (record_change), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->library);
  test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->path, g_free);
  g_clear_pointer (&f->changed, g_ptr_array_unref);
}

/* ---- Helpers -------------------------------------------------------------------- */

static RehearseQuizOptions
options_for (RehearseQuizScope scope)
{
  return (RehearseQuizOptions) { .scope = scope, .order = REHEARSE_QUIZ_ORDER_DUE_FIRST };
}

static RehearseQuizSession *
start (Fixture                   *f,
       const RehearseQuizOptions *options,
       gint64                     now)
{
  g_autoptr(GError) error = NULL;
  RehearseQuizSession *session = rehearse_quiz_session_new (f->library, &f->parameters, options,
                                                            now, &error);

  g_assert_no_error (error);
  g_assert_nonnull (session);
  return session;
}

static const char *
current_key (RehearseQuizSession *session)
{
  RehearseQuestion *question = rehearse_quiz_session_get_question (session);

  g_assert_nonnull (question);
  return rehearse_question_get_key (question);
}

/* The result of a grading, once its callback ran. */
typedef struct
{
  gboolean  done;
  gboolean  stored;
  GError   *error;
} Graded;

static void
graded (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  Graded *outcome = user_data;

  outcome->stored = rehearse_quiz_session_grade_finish (REHEARSE_QUIZ_SESSION (source), result,
                                                        &outcome->error);
  outcome->done = TRUE;
}

/* Grades the current card at @now and waits for the review to be stored;
 * returns the key graded. */
static char *
grade (RehearseQuizSession *session,
       RehearseGrade        grade,
       gint64               now)
{
  char *key = g_strdup (current_key (session));
  Graded outcome = { FALSE, };

  rehearse_quiz_session_grade_async (session, grade, now, NULL, graded, &outcome);
  while (!outcome.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (outcome.error);
  g_assert_true (outcome.stored);
  return key;
}

/* The keys of every card of a session, graded Good one by one (in cram
 * mode, so that listing them changes nothing). */
static char *
walk_keys (Fixture                   *f,
           const RehearseQuizOptions *options,
           gint64                     now)
{
  RehearseQuizOptions cram = *options;
  g_autoptr(RehearseQuizSession) session = NULL;
  g_autoptr(GString) keys = g_string_new (NULL);

  cram.cram = TRUE;
  session = start (f, &cram, now);
  while (!rehearse_quiz_session_is_finished (session))
    {
      g_autofree char *key = grade (session, REHEARSE_GRADE_GOOD, now);

      g_string_append_printf (keys, "%s%s", keys->len > 0 ? " " : "", key);
    }

  return g_string_free (g_steal_pointer (&keys), FALSE);
}

/* "docker-interview-questions/301 …/302 …" for numbers @first to @last. */
static char *
docker_keys (guint first,
             guint last)
{
  g_autoptr(GString) keys = g_string_new (NULL);

  for (guint number = first; number <= last; number++)
    g_string_append_printf (keys, "%s" DOCKER "%u", keys->len > 0 ? " " : "", number);
  return g_string_free (g_steal_pointer (&keys), FALSE);
}

static RehearseFsrsCard
review (Fixture       *f,
        const char    *question_key,
        RehearseGrade  grade,
        gint64         at)
{
  g_autoptr(GError) error = NULL;
  RehearseFsrsCard card = { 0, };

  g_assert_true (rehearse_library_record_review (f->library, question_key, &f->parameters, grade,
                                                 at, 0, &card, &error));
  g_assert_no_error (error);
  return card;
}

static guint
count_reviews (Fixture *f)
{
  RehearseLibraryCounts counts;

  test_assert_check (f->library, &counts);
  return counts.reviews;
}

static gint64
topic_at (Fixture *f,
          gint64   deck,
          guint    position)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) topics = rehearse_library_list_topics (f->library, deck, &error);
  g_autoptr(RehearseTopic) topic = NULL;

  g_assert_no_error (error);
  topic = g_list_model_get_item (topics, position);
  return rehearse_topic_get_id (topic);
}

/* ---- Scopes --------------------------------------------------------------------- */

static void
test_scopes (Fixture       *f,
             gconstpointer  data)
{
  RehearseQuizOptions options;
  g_autofree char *first_topic = docker_keys (301, 350);
  g_autofree char *third_topic = docker_keys (361, 370);
  g_autofree char *deck = NULL;
  g_autofree char *all = NULL;
  g_autofree char *topic_keys = NULL;
  g_autofree char *keys = NULL;
  gint64 topics[2];
  const char *given[] = {
    "linux-basics/2", DOCKER "399", "gone/1", "linux-basics/2", DOCKER "301", NULL,
  };

  /* All: every deck, in the sidebar's order, each in reading order. */
  deck = docker_keys (301, 400);
  all = g_strdup_printf ("%s linux-basics/1 linux-basics/2 linux-basics/3", deck);
  options = options_for (REHEARSE_QUIZ_SCOPE_ALL);
  test_assert_keys (walk_keys (f, &options, T0), all);

  /* A deck. */
  options = options_for (REHEARSE_QUIZ_SCOPE_DECK);
  options.deck_id = f->linux_id;
  test_assert_keys (walk_keys (f, &options, T0), "linux-basics/1 linux-basics/2 linux-basics/3");
  options.deck_id = f->docker_id;
  test_assert_keys (walk_keys (f, &options, T0), deck);

  /* Topics, in the order given. */
  topics[0] = topic_at (f, f->docker_id, 2);
  topics[1] = topic_at (f, f->docker_id, 0);
  options = options_for (REHEARSE_QUIZ_SCOPE_TOPICS);
  options.topic_ids = topics;
  options.n_topic_ids = 2;
  topic_keys = g_strdup_printf ("%s %s", third_topic, first_topic);
  test_assert_keys (walk_keys (f, &options, T0), topic_keys);

  /* Collections: bookmarked (newest first), with notes (latest first). */
  test_bookmark (f->library, DOCKER "310", NULL);
  test_bookmark (f->library, "linux-basics/3", "weak");
  options = options_for (REHEARSE_QUIZ_SCOPE_BOOKMARKED);
  test_assert_keys (walk_keys (f, &options, T0), "linux-basics/3 " DOCKER "310");
  test_save_note (f->library, DOCKER "320", "Remember this.");
  options = options_for (REHEARSE_QUIZ_SCOPE_WITH_NOTES);
  test_assert_keys (walk_keys (f, &options, T0), DOCKER "320");

  /* Due: what is due, most overdue first; nothing else. */
  review (f, DOCKER "330", REHEARSE_GRADE_GOOD, T0);
  review (f, "linux-basics/1", REHEARSE_GRADE_AGAIN, T0);
  review (f, DOCKER "340", REHEARSE_GRADE_EASY, T0);
  options = options_for (REHEARSE_QUIZ_SCOPE_DUE);
  test_assert_keys (walk_keys (f, &options, T0), "");
  test_assert_keys (walk_keys (f, &options, T0 + 2 * MINUTE), "linux-basics/1");
  test_assert_keys (walk_keys (f, &options, T0 + 20 * MINUTE),
                    "linux-basics/1 " DOCKER "330");

  /* Given keys ("quiz the missed ones again"): in their order, each once,
   * without the key that names nothing. */
  options = options_for (REHEARSE_QUIZ_SCOPE_QUESTIONS);
  options.question_keys = given;
  options.order = REHEARSE_QUIZ_ORDER_SHUFFLED;
  keys = walk_keys (f, &options, T0);
  g_assert_cmpuint (strlen (keys), ==, strlen ("linux-basics/2 " DOCKER "399 " DOCKER "301"));
  g_assert_nonnull (strstr (keys, "linux-basics/2"));
  g_assert_nonnull (strstr (keys, DOCKER "399"));
  g_assert_nonnull (strstr (keys, DOCKER "301"));
  options.order = REHEARSE_QUIZ_ORDER_DUE_FIRST;
  test_assert_keys (walk_keys (f, &options, T0), "linux-basics/2 " DOCKER "399 " DOCKER "301");
}

static void
test_empty_scope (Fixture       *f,
                  gconstpointer  data)
{
  RehearseQuizOptions options = options_for (REHEARSE_QUIZ_SCOPE_BOOKMARKED);
  g_autoptr(RehearseQuizSession) session = start (f, &options, T0);
  RehearseQuizSummary summary;

  g_assert_cmpuint (rehearse_quiz_session_get_n_cards (session), ==, 0);
  g_assert_cmpuint (rehearse_quiz_session_get_position (session), ==, 0);
  g_assert_true (rehearse_quiz_session_is_finished (session));
  g_assert_null (rehearse_quiz_session_get_question (session));
  g_assert_cmpint (rehearse_quiz_session_preview_interval (session, REHEARSE_GRADE_GOOD, T0), ==,
                   0);
  rehearse_quiz_session_get_summary (session, &summary);
  g_assert_cmpuint (summary.cards, ==, 0);
  g_assert_cmpfloat (summary.retention, ==, 0.0);
  g_assert_cmpuint (g_list_model_get_n_items (rehearse_quiz_session_get_missed (session)), ==, 0);

  /* A topic list that is empty, and given keys that name nothing. */
  {
    const char *nothing[] = { "gone/1", NULL };
    g_autoptr(RehearseQuizSession) none = NULL;

    options = options_for (REHEARSE_QUIZ_SCOPE_QUESTIONS);
    options.question_keys = nothing;
    none = start (f, &options, T0);
    g_assert_true (rehearse_quiz_session_is_finished (none));
  }
}

/* ---- Size and order ------------------------------------------------------------- */

static void
test_size (Fixture       *f,
           gconstpointer  data)
{
  RehearseQuizOptions options = options_for (REHEARSE_QUIZ_SCOPE_DECK);
  g_autoptr(RehearseQuizSession) session = NULL;
  g_autofree char *first = docker_keys (301, 310);

  options.deck_id = f->docker_id;
  options.size = 10;
  test_assert_keys (walk_keys (f, &options, T0), first);

  /* Larger than the scope: all of it. */
  options.deck_id = f->linux_id;
  options.size = 50;
  session = start (f, &options, T0);
  g_assert_cmpuint (rehearse_quiz_session_get_n_cards (session), ==, 3);
}

static void
test_order_due_first (Fixture       *f,
                      gconstpointer  data)
{
  RehearseQuizOptions options = options_for (REHEARSE_QUIZ_SCOPE_DECK);
  gint64 now = T0 + 30 * MINUTE;
  RehearseFsrsCard easy;

  /* 303 Good (due in 10 min), 305 Again (1 min), 302 Easy (days): at
   * T0 + 30 min, 305 is the most overdue, then 303; then new cards in
   * reading order; 302, not due yet, comes last. */
  review (f, DOCKER "303", REHEARSE_GRADE_GOOD, T0);
  review (f, DOCKER "305", REHEARSE_GRADE_AGAIN, T0);
  easy = review (f, DOCKER "302", REHEARSE_GRADE_EASY, T0);
  g_assert_cmpint (easy.due, >, now);

  options.deck_id = f->docker_id;
  options.size = 5;
  test_assert_keys (walk_keys (f, &options, now),
                    DOCKER "305 " DOCKER "303 " DOCKER "301 " DOCKER "304 " DOCKER "306");

  options.deck_id = f->docker_id;
  options.size = 0;
  {
    g_autofree char *keys = walk_keys (f, &options, now);

    g_assert_true (g_str_has_suffix (keys, DOCKER "400 " DOCKER "302"));
  }
}

/* Keys of one deck sort as their numbers do: all have three digits. */
static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      unused)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
test_order_shuffled (Fixture       *f,
                     gconstpointer  data)
{
  RehearseQuizOptions options = options_for (REHEARSE_QUIZ_SCOPE_DECK);
  g_autofree char *reading = docker_keys (301, 400);
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;
  g_autofree char *other = NULL;
  g_autofree char *small = NULL;
  g_autofree char *joined = NULL;
  g_auto(GStrv) sorted = NULL;

  options.deck_id = f->docker_id;
  options.order = REHEARSE_QUIZ_ORDER_SHUFFLED;
  options.seed = 7;
  first = walk_keys (f, &options, T0);
  again = walk_keys (f, &options, T0);
  g_assert_cmpstr (first, ==, again);
  g_assert_cmpstr (first, !=, reading);

  /* The same cards, in another order. */
  sorted = g_strsplit (first, " ", -1);
  g_assert_cmpuint (g_strv_length (sorted), ==, 100);
  g_qsort_with_data (sorted, 100, sizeof (char *), compare_strings, NULL);
  joined = g_strjoinv (" ", sorted);
  g_assert_cmpstr (joined, ==, reading);

  options.seed = 8;
  other = walk_keys (f, &options, T0);
  g_assert_cmpstr (other, !=, first);

  /* The size takes the first cards of the shuffled order. */
  options.seed = 7;
  options.size = 3;
  small = walk_keys (f, &options, T0);
  g_assert_true (g_str_has_prefix (first, small));
  g_assert_cmpuint (first[strlen (small)], ==, ' ');
}

/* ---- Cram ----------------------------------------------------------------------- */

static void
test_cram_records_nothing (Fixture       *f,
                           gconstpointer  data)
{
  RehearseQuizOptions options = options_for (REHEARSE_QUIZ_SCOPE_DECK);
  g_autoptr(RehearseQuizSession) session = NULL;
  g_autoptr(GError) error = NULL;
  RehearseFsrsCard before, after;
  RehearseQuizSummary summary;

  before = review (f, "linux-basics/2", REHEARSE_GRADE_GOOD, T0 - DAY);
  g_ptr_array_set_size (f->changed, 0);

  options.deck_id = f->linux_id;
  options.cram = TRUE;
  session = start (f, &options, T0);
  g_assert_true (rehearse_quiz_session_get_cram (session));
  for (guint i = 0; i < 3; i++)
    g_free (grade (session, i == 1 ? REHEARSE_GRADE_AGAIN : REHEARSE_GRADE_EASY, T0 + i * MINUTE));

  g_assert_true (rehearse_quiz_session_is_finished (session));
  g_assert_cmpuint (count_reviews (f), ==, 1);
  g_assert_true (rehearse_library_get_card (f->library, "linux-basics/2", T0, &after, &error));
  g_assert_no_error (error);
  g_assert_cmpint (after.due, ==, before.due);
  g_assert_cmpuint (after.reps, ==, before.reps);
  g_assert_cmpuint (f->changed->len, ==, 0);

  /* The session still counts what was practised. */
  rehearse_quiz_session_get_summary (session, &summary);
  g_assert_cmpuint (summary.cards, ==, 3);
  g_assert_cmpuint (summary.grades[REHEARSE_GRADE_AGAIN], ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (rehearse_quiz_session_get_missed (session)), ==, 1);
}

/* ---- Reveal, key points, suggestion --------------------------------------------- */

static RehearseGrade
expected_suggestion (guint checked,
                     guint points)
{
  double share = points > 0 ? (double) checked / points : 1.0;

  if (share >= 0.8 - 1e-9)
    return REHEARSE_GRADE_GOOD;
  if (share >= 0.5 - 1e-9)
    return REHEARSE_GRADE_HARD;
  return REHEARSE_GRADE_AGAIN;
}

/* The key points as one typed answer. */
static char *
join_points (GPtrArray *points)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < points->len; i++)
    g_string_append_printf (text, "%s. ", (const char *) g_ptr_array_index (points, i));
  return g_string_free (text, FALSE);
}

static void
test_reveal_and_suggest (Fixture       *f,
                         gconstpointer  data)
{
  RehearseQuizOptions options = options_for (REHEARSE_QUIZ_SCOPE_DECK);
  g_autoptr(RehearseQuizSession) session = NULL;
  g_autofree char *everything = NULL;
  RehearseQuestion *question;
  GPtrArray *points;
  guint n;

  options.deck_id = f->docker_id;
  session = start (f, &options, T0);
  question = rehearse_quiz_session_get_question (session);
  g_assert_nonnull (rehearse_question_get_answer (question));
  points = rehearse_quiz_session_get_key_points (session);
  n = points->len;
  g_assert_cmpuint (n, >=, 2);
  g_assert_false (rehearse_quiz_session_get_revealed (session));

  /* Nothing typed: nothing ticked, Again suggested. */
  rehearse_quiz_session_reveal (session, NULL);
  g_assert_true (rehearse_quiz_session_get_revealed (session));
  for (guint i = 0; i < n; i++)
    g_assert_false (rehearse_quiz_session_get_point_checked (session, i));
  g_assert_cmpint (rehearse_quiz_session_suggest_grade (session), ==, REHEARSE_GRADE_AGAIN);

  /* Every point typed: all ticked, Good (Easy is never suggested). */
  everything = join_points (points);
  rehearse_quiz_session_reveal (session, everything);
  for (guint i = 0; i < n; i++)
    g_assert_true (rehearse_quiz_session_get_point_checked (session, i));
  g_assert_cmpint (rehearse_quiz_session_suggest_grade (session), ==, REHEARSE_GRADE_GOOD);

  /* Only the first point typed: what the matcher says, and no more. */
  rehearse_quiz_session_reveal (session, g_ptr_array_index (points, 0));
  g_assert_true (rehearse_quiz_session_get_point_checked (session, 0));
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (rehearse_quiz_session_get_point_checked (session, i), ==,
                     rehearse_key_point_covered (g_ptr_array_index (points, i),
                                                 g_ptr_array_index (points, 0)));

  /* Ticking by hand: every share gives its grade. */
  for (guint checked = 0; checked <= n; checked++)
    {
      for (guint i = 0; i < n; i++)
        rehearse_quiz_session_set_point_checked (session, i, i < checked);
      g_assert_cmpint (rehearse_quiz_session_suggest_grade (session), ==,
                       expected_suggestion (checked, n));
    }
}

/* Every share of every answer of the library gives its grade: 4 of 5
 * points is 80 % (Good), 3 of 4 is 75 % (Hard), 1 of 2 is 50 % (Hard),
 * 2 of 5 is 40 % (Again). */
static void
test_suggestion_thresholds (Fixture       *f,
                            gconstpointer  data)
{
  RehearseQuizOptions options = options_for (REHEARSE_QUIZ_SCOPE_ALL);
  g_autoptr(RehearseQuizSession) session = NULL;
  guint seen[8] = { 0, };

  options.cram = TRUE;
  session = start (f, &options, T0);
  while (!rehearse_quiz_session_is_finished (session))
    {
      guint n = rehearse_quiz_session_get_key_points (session)->len;

      seen[MIN (n, 7)]++;
      for (guint checked = 0; checked <= n; checked++)
        {
          for (guint i = 0; i < n; i++)
            rehearse_quiz_session_set_point_checked (session, i, i < checked);
          g_assert_cmpint (rehearse_quiz_session_suggest_grade (session), ==,
                           expected_suggestion (checked, n));
        }
      g_free (grade (session, REHEARSE_GRADE_GOOD, T0));
    }

  /* The cases above occurred. */
  g_assert_cmpuint (seen[2], >, 0);
  g_assert_cmpuint (seen[4], >, 0);
  g_assert_cmpuint (seen[5], >, 0);
  g_assert_cmpint (expected_suggestion (4, 5), ==, REHEARSE_GRADE_GOOD);
  g_assert_cmpint (expected_suggestion (3, 4), ==, REHEARSE_GRADE_HARD);
  g_assert_cmpint (expected_suggestion (1, 2), ==, REHEARSE_GRADE_HARD);
  g_assert_cmpint (expected_suggestion (2, 5), ==, REHEARSE_GRADE_AGAIN);
}

/* ---- Grading -------------------------------------------------------------------- */

static void
test_preview_intervals (Fixture       *f,
                        gconstpointer  data)
{
  RehearseQuizOptions options = options_for (REHEARSE_QUIZ_SCOPE_DECK);
  g_autoptr(RehearseQuizSession) session = NULL;
  gint64 previews[5];

  options.deck_id = f->linux_id;
  session = start (f, &options, T0);

  /* A new card: what the scheduler gives each grade, in seconds. */
  for (RehearseGrade g = REHEARSE_GRADE_AGAIN; g <= REHEARSE_GRADE_EASY; g++)
    {
      RehearseFsrsCard card, next;

      rehearse_fsrs_card_init (&card, T0);
      rehearse_fsrs_review (&f->parameters, &card, g, T0 + 5 * SECOND, &next, NULL);
      previews[g] = rehearse_quiz_session_preview_interval (session, g, T0 + 5 * SECOND);
      g_assert_cmpint (previews[g], ==, (next.due - T0 - 5 * SECOND) / SECOND);
    }
  g_assert_cmpint (previews[REHEARSE_GRADE_AGAIN], ==, 60);
  g_assert_cmpint (previews[REHEARSE_GRADE_GOOD], ==, 600);
  g_assert_cmpint (previews[REHEARSE_GRADE_AGAIN], <, previews[REHEARSE_GRADE_HARD]);
  g_assert_cmpint (previews[REHEARSE_GRADE_GOOD], <, previews[REHEARSE_GRADE_EASY]);

  /* A card reviewed before: from its stored state. */
  review (f, "linux-basics/2", REHEARSE_GRADE_GOOD, T0 - 3 * DAY);
  review (f, "linux-basics/2", REHEARSE_GRADE_GOOD, T0 - 2 * DAY);
  g_free (grade (session, REHEARSE_GRADE_GOOD, T0 + 10 * SECOND));
  g_assert_cmpstr (current_key (session), ==, "linux-basics/2");
  {
    RehearseFsrsCard card, next;
    g_autoptr(GError) error = NULL;

    g_assert_true (rehearse_library_get_card (f->library, "linux-basics/2", T0, &card, &error));
    rehearse_fsrs_review (&f->parameters, &card, REHEARSE_GRADE_GOOD, T0 + DAY, &next, NULL);
    g_assert_cmpint (rehearse_quiz_session_preview_interval (session, REHEARSE_GRADE_GOOD,
                                                             T0 + DAY),
                     ==, (next.due - T0 - DAY) / SECOND);
    g_assert_cmpint (next.due - T0 - DAY, >=, DAY);
  }
}

static void
test_grade_records (Fixture       *f,
                    gconstpointer  data)
{
  RehearseQuizOptions options = options_for (REHEARSE_QUIZ_SCOPE_DECK);
  g_autoptr(RehearseQuizSession) session = NULL;
  g_autoptr(GArray) first = NULL;
  g_autoptr(GArray) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_key = NULL;
  g_autofree char *second_key = NULL;
  RehearseFsrsCard stored, expected, new_card;
  RehearseReview *entry;

  options.deck_id = f->linux_id;
  session = start (f, &options, T0);
  g_assert_cmpuint (rehearse_quiz_session_get_n_cards (session), ==, 3);
  g_assert_cmpuint (rehearse_quiz_session_get_position (session), ==, 0);

  /* 7 s on the first card, 3 s on the second: each from the moment it
   * became the current card to its grade. */
  first_key = grade (session, REHEARSE_GRADE_GOOD, T0 + 7 * SECOND);
  g_assert_cmpstr (first_key, ==, "linux-basics/1");
  g_assert_cmpuint (rehearse_quiz_session_get_position (session), ==, 1);
  g_assert_cmpstr (current_key (session), ==, "linux-basics/2");
  g_assert_false (rehearse_quiz_session_get_revealed (session));
  second_key = grade (session, REHEARSE_GRADE_AGAIN, T0 + 10 * SECOND);

  first = rehearse_library_list_reviews (f->library, first_key, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 1);
  entry = &g_array_index (first, RehearseReview, 0);
  g_assert_cmpint (entry->reviewed_at, ==, T0 + 7 * SECOND);
  g_assert_cmpint (entry->grade, ==, REHEARSE_GRADE_GOOD);
  g_assert_cmpint (entry->time_spent, ==, 7 * SECOND);
  second = rehearse_library_list_reviews (f->library, second_key, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->len, ==, 1);
  g_assert_cmpint (g_array_index (second, RehearseReview, 0).time_spent, ==, 3 * SECOND);
  g_assert_cmpint (g_array_index (second, RehearseReview, 0).grade, ==, REHEARSE_GRADE_AGAIN);

  /* The schedule moved as the scheduler says. */
  rehearse_fsrs_card_init (&new_card, T0 + 7 * SECOND);
  rehearse_fsrs_review (&f->parameters, &new_card, REHEARSE_GRADE_GOOD, T0 + 7 * SECOND,
                        &expected, NULL);
  g_assert_true (rehearse_library_get_card (f->library, first_key, T0, &stored, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored.due, ==, expected.due);
  g_assert_cmpint (stored.state, ==, expected.state);

  /* Announced, from the main thread, once stored. */
  g_assert_cmpuint (f->changed->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (f->changed, 0), ==, first_key);
  g_assert_cmpstr (g_ptr_array_index (f->changed, 1), ==, second_key);
  g_assert_false (f->off_thread);

  /* The last card; then the session is finished. */
  g_free (grade (session, REHEARSE_GRADE_HARD, T0 + 70 * SECOND));
  g_assert_true (rehearse_quiz_session_is_finished (session));
  g_assert_cmpuint (rehearse_quiz_session_get_position (session), ==, 3);
  g_assert_null (rehearse_quiz_session_get_question (session));
  g_assert_cmpuint (count_reviews (f), ==, 3);
}

static void
test_leaving_keeps_grades (Fixture       *f,
                           gconstpointer  data)
{
  RehearseQuizOptions options = options_for (REHEARSE_QUIZ_SCOPE_DECK);
  RehearseQuizSession *session;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Graded outcome = { FALSE, };

  /* Graded, then the quiz is left at once: the session goes and the
   * window cancels what it started; the review is stored all the same. */
  options.deck_id = f->linux_id;
  session = start (f, &options, T0);
  rehearse_quiz_session_grade_async (session, REHEARSE_GRADE_GOOD, T0 + SECOND, cancellable,
                                     graded, &outcome);
  g_cancellable_cancel (cancellable);
  g_object_unref (session);
  while (!outcome.done)
    g_main_context_iteration (NULL, TRUE);

  g_clear_error (&outcome.error);
  g_assert_cmpuint (count_reviews (f), ==, 1);
}

/* ---- Summary -------------------------------------------------------------------- */

static void
test_summary_and_missed (Fixture       *f,
                         gconstpointer  data)
{
  static const RehearseGrade grades[] = {
    REHEARSE_GRADE_AGAIN, REHEARSE_GRADE_GOOD, REHEARSE_GRADE_HARD, REHEARSE_GRADE_AGAIN,
    REHEARSE_GRADE_EASY,
  };
  RehearseQuizOptions options = options_for (REHEARSE_QUIZ_SCOPE_DECK);
  g_autoptr(RehearseQuizSession) session = NULL;
  RehearseQuizSummary summary;
  GListModel *missed;
  gint64 now = T0;

  options.deck_id = f->docker_id;
  options.size = 5;
  session = start (f, &options, now);
  for (guint i = 0; i < G_N_ELEMENTS (grades); i++)
    {
      now += (i + 1) * SECOND;
      g_free (grade (session, grades[i], now));
    }

  rehearse_quiz_session_get_summary (session, &summary);
  g_assert_cmpuint (summary.cards, ==, 5);
  g_assert_cmpuint (summary.grades[REHEARSE_GRADE_AGAIN], ==, 2);
  g_assert_cmpuint (summary.grades[REHEARSE_GRADE_HARD], ==, 1);
  g_assert_cmpuint (summary.grades[REHEARSE_GRADE_GOOD], ==, 1);
  g_assert_cmpuint (summary.grades[REHEARSE_GRADE_EASY], ==, 1);
  g_assert_cmpint (summary.time_spent, ==, (1 + 2 + 3 + 4 + 5) * SECOND);
  g_assert_cmpfloat_with_epsilon (summary.retention, 0.6, 1e-9);

  /* The missed ones, in the order asked, full questions to quiz again. */
  missed = rehearse_quiz_session_get_missed (session);
  test_assert_keys (test_keys_of (missed), DOCKER "301 " DOCKER "304");
  g_assert_nonnull (rehearse_question_get_answer (test_question_at (missed, 0)));
}

/* ---- Intervals ------------------------------------------------------------------ */

static void
test_format_interval (void)
{
  static const struct
  {
    gint64      seconds;
    const char *text;
  } cases[] = {
    { 0, "1 min" },
    { 60, "1 min" },
    { 330, "6 min" },
    { 600, "10 min" },
    { 59 * 60, "59 min" },
    { 3570, "1 h" },
    { 2 * 3600, "2 h" },
    { 23 * 3600, "23 h" },
    { 86400, "1 d" },
    { 3 * 86400, "3 d" },
    { 29 * 86400, "29 d" },
    { 30 * 86400, "1 mo" },
    { 120 * 86400, "4 mo" },
    { 365 * 86400, "1 y" },
    { 548 * 86400, "1.5 y" },
    { 36500 * (gint64) 86400, "100 y" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = rehearse_format_interval (cases[i].seconds);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  main_thread = g_thread_self ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/quiz/scopes", test_scopes);
  ADD ("/quiz/empty-scope", test_empty_scope);
  ADD ("/quiz/size", test_size);
  ADD ("/quiz/order/due-first", test_order_due_first);
  ADD ("/quiz/order/shuffled", test_order_shuffled);
  ADD ("/quiz/cram", test_cram_records_nothing);
  ADD ("/quiz/reveal", test_reveal_and_suggest);
  ADD ("/quiz/suggestion-thresholds", test_suggestion_thresholds);
  ADD ("/quiz/preview-intervals", test_preview_intervals);
  ADD ("/quiz/grade", test_grade_records);
  ADD ("/quiz/leaving-keeps-grades", test_leaving_keeps_grades);
  ADD ("/quiz/summary", test_summary_and_missed);
  g_test_add_func ("/quiz/format-interval", test_format_interval);

#undef ADD

  return g_test_run ();
}
