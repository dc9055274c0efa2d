/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "rehearse-error.h"
#include "test-library-support.h"

/* Reviews in the library: recording, card states, due lists and counts on
 * a fixed clock, history across re-imports and deleted decks, orphans,
 * and the migration from the schema before them. Each test on a real
 * SQLite file in its own folder. The expected schedules come from the
 * scheduler itself, so these tests check the storage, not FSRS. */

#define MINUTE ((gint64) 60 * 1000)
#define DAY ((gint64) 24 * 60 * MINUTE)
/* 2025-01-06 09:00 UTC */
#define T0 ((gint64) 1736154000000)

typedef struct
{
  char                   *dir;
  char                   *path;
  RehearseLibrary        *library;
  RehearseFsrsParameters  parameters;
  GPtrArray              *changed;   /* keys ::user-data-changed reported */
} Fixture;

static void
record_change (RehearseLibrary *library,
               const char      *question_key,
               Fixture         *f)
{
  g_ptr_array_add (f->changed, g_strdup (question_key != NULL ? question_key : "(any)"));
}

static RehearseLibrary *
fixture_open (Fixture *f)
{
  g_clear_object (&f->library);
  f->library = test_open_library (f->path);
  g_signal_connect (f->library, "user-data-changed", G_CALLBACK (record_change), f);
  return f->library;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_make_temp_dir ("rehearse-reviews-XXXXXX");
  f->path = g_build_filename (f->dir, "library.db", NULL);
  f->changed = g_ptr_array_new_with_free_func (g_free);
  rehearse_fsrs_parameters_init_default (&f->parameters);
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

/* ---- Decks ---------------------------------------------------------------------- */

/* "Deck": topic "One" holds questions 1–3, topic "Two" 4–5; @version
 * "short" leaves out question 5, "moved" puts question 3 in topic "Two". */
static RehearseParsedDeck *
make_deck (const char *title,
           const char *version)
{
  RehearseParsedDeck *deck = rehearse_parsed_deck_new (title);
  g_autofree char *hash = g_strdup_printf ("%s-%s", title, version);
  guint count = g_str_equal (version, "short") ? 4 : 5;

  rehearse_parsed_deck_add_topic (deck, "One", NULL);
  rehearse_parsed_deck_add_topic (deck, "Two", NULL);
  for (guint i = 1; i <= count; i++)
    {
      g_autofree char *text = g_strdup_printf ("What is thing %u?", i);
      g_autofree char *answer = g_strdup_printf ("Thing %u is a **thing**.", i);
      guint topic = i >= 4 || (i == 3 && g_str_equal (version, "moved")) ? 1 : 0;

      rehearse_parsed_deck_add_question (deck, topic, (gint) i, text, answer, NULL);
    }

  rehearse_parsed_deck_add_source (deck, "deck.md", hash, 100);
  rehearse_parsed_deck_assign_keys (deck);
  return deck;
}

static gint64
topic_id (RehearseLibrary *library,
          gint64           deck_id,
          guint            position)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) topics = rehearse_library_list_topics (library, deck_id, &error);
  g_autoptr(RehearseTopic) topic = NULL;

  g_assert_no_error (error);
  topic = g_list_model_get_item (topics, position);
  return rehearse_topic_get_id (topic);
}

/* ---- Helpers -------------------------------------------------------------------- */

static RehearseFsrsCard
review (Fixture       *f,
        const char    *question_key,
        RehearseGrade  grade,
        gint64         at,
        gint64         time_spent)
{
  g_autoptr(GError) error = NULL;
  RehearseFsrsCard card = { 0, };

  g_assert_true (rehearse_library_record_review (f->library, question_key, &f->parameters, grade,
                                                 at, time_spent, &card, &error));
  g_assert_no_error (error);
  return card;
}

static RehearseFsrsCard
get_card (Fixture    *f,
          const char *question_key,
          gint64      now)
{
  g_autoptr(GError) error = NULL;
  RehearseFsrsCard card = { 0, };

  g_assert_true (rehearse_library_get_card (f->library, question_key, now, &card, &error));
  g_assert_no_error (error);
  return card;
}

static void
assert_cards_equal (const RehearseFsrsCard *actual,
                    const RehearseFsrsCard *expected)
{
  g_assert_cmpint (actual->state, ==, expected->state);
  g_assert_cmpfloat (actual->stability, ==, expected->stability);
  g_assert_cmpfloat (actual->difficulty, ==, expected->difficulty);
  g_assert_cmpint (actual->due, ==, expected->due);
  g_assert_cmpint (actual->last_review, ==, expected->last_review);
  g_assert_cmpuint (actual->learning_step, ==, expected->learning_step);
  g_assert_cmpint (actual->scheduled_days, ==, expected->scheduled_days);
  g_assert_cmpint (actual->elapsed_days, ==, expected->elapsed_days);
  g_assert_cmpuint (actual->reps, ==, expected->reps);
  g_assert_cmpuint (actual->lapses, ==, expected->lapses);
}

static GArray *
list_reviews (Fixture    *f,
              const char *question_key)
{
  g_autoptr(GError) error = NULL;
  GArray *reviews = rehearse_library_list_reviews (f->library, question_key, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reviews);
  return reviews;
}

static char *
due_keys (Fixture *f,
          gint64   now,
          gint64   deck_id,
          gint64   topic_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = rehearse_library_list_due (f->library, now, deck_id, topic_id,
                                                          &error);

  g_assert_no_error (error);
  return test_keys_of (list);
}

static guint
due_total (Fixture     *f,
           gint64       now,
           GHashTable **by_topic)
{
  g_autoptr(GError) error = NULL;
  guint total = G_MAXUINT;

  g_assert_true (rehearse_library_count_due (f->library, now, &total, by_topic, &error));
  g_assert_no_error (error);
  return total;
}

static guint
count_in (GHashTable *by_topic,
          gint64      topic_id)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (by_topic, &topic_id));
}

static char *
take_changes (Fixture *f)
{
  g_autoptr(GString) keys = g_string_new (NULL);

  for (guint i = 0; i < f->changed->len; i++)
    g_string_append_printf (keys, "%s%s", i > 0 ? " " : "",
                            (const char *) g_ptr_array_index (f->changed, i));
  g_ptr_array_set_size (f->changed, 0);
  return g_string_free (g_steal_pointer (&keys), FALSE);
}

/* ---- Recording ------------------------------------------------------------------ */

static void
test_record (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) deck = make_deck ("Deck", "full");
  g_autoptr(GArray) reviews = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *changes = NULL;
  RehearseFsrsCard new_card, expected, first, second;
  RehearseFsrsReviewLog log;
  RehearseReview *entry;
  sqlite3 *db;

  test_import_ok (fixture_open (f), deck);

  /* The first review: from a new card, as the scheduler says. */
  rehearse_fsrs_card_init (&new_card, T0);
  rehearse_fsrs_review (&f->parameters, &new_card, REHEARSE_GRADE_GOOD, T0, &expected, &log);
  first = review (f, "deck/2", REHEARSE_GRADE_GOOD, T0, 12345);
  assert_cards_equal (&first, &expected);
  changes = take_changes (f);
  g_assert_cmpstr (changes, ==, "deck/2");

  /* The second builds on the stored state. */
  rehearse_fsrs_review (&f->parameters, &first, REHEARSE_GRADE_AGAIN, first.due + DAY, &expected,
                        &log);
  second = review (f, "deck/2", REHEARSE_GRADE_AGAIN, first.due + DAY, 4000);
  assert_cards_equal (&second, &expected);

  reviews = list_reviews (f, "deck/2");
  g_assert_cmpuint (reviews->len, ==, 2);
  entry = &g_array_index (reviews, RehearseReview, 0);
  g_assert_cmpint (entry->reviewed_at, ==, T0);
  g_assert_cmpint (entry->grade, ==, REHEARSE_GRADE_GOOD);
  g_assert_cmpint (entry->state_before, ==, REHEARSE_CARD_STATE_NEW);
  g_assert_cmpfloat (entry->stability_before, ==, 0.0);
  g_assert_cmpfloat (entry->stability_after, ==, first.stability);
  g_assert_cmpfloat (entry->difficulty_after, ==, first.difficulty);
  g_assert_cmpint (entry->due_after, ==, first.due);
  g_assert_cmpint (entry->scheduled_days, ==, first.scheduled_days);
  g_assert_cmpint (entry->time_spent, ==, 12345);
  entry = &g_array_index (reviews, RehearseReview, 1);
  g_assert_cmpint (entry->reviewed_at, ==, first.due + DAY);
  g_assert_cmpint (entry->grade, ==, REHEARSE_GRADE_AGAIN);
  g_assert_cmpint (entry->state_before, ==, first.state);
  g_assert_cmpfloat (entry->stability_before, ==, first.stability);
  g_assert_cmpfloat (entry->difficulty_before, ==, first.difficulty);
  g_assert_cmpint (entry->elapsed_days, ==, log.elapsed_days);
  g_assert_cmpfloat (entry->stability_after, ==, second.stability);
  g_assert_cmpint (entry->due_after, ==, second.due);
  g_assert_cmpint (entry->time_spent, ==, 4000);

  /* A typo is refused and names the key; so is a grade out of range.
   * Neither writes anything. */
  g_assert_false (rehearse_library_record_review (f->library, "deck/99", &f->parameters,
                                                  REHEARSE_GRADE_GOOD, T0, 0, NULL, &error));
  g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "deck/99"));
  g_clear_error (&error);
  g_assert_false (rehearse_library_record_review (f->library, "deck/1", &f->parameters, 5, T0, 0,
                                                  NULL, &error));
  g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* Nor is a review dated before the last one: the log stays in order. */
  g_assert_false (rehearse_library_record_review (f->library, "deck/2", &f->parameters,
                                                  REHEARSE_GRADE_GOOD, first.due + DAY - 1, 0,
                                                  NULL, &error));
  g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "deck/2"));
  g_clear_error (&error);

  db = test_raw_open (f->path);
  g_assert_cmpint (test_raw_int (db, "SELECT count(*) FROM review_log"), ==, 2);
  g_assert_cmpint (test_raw_int (db, "SELECT count(*) FROM review_state"), ==, 1);
  sqlite3_close (db);
  g_clear_pointer (&changes, g_free);
  changes = take_changes (f);
  g_assert_cmpstr (changes, ==, "deck/2");
  test_assert_check (f->library, NULL);
}

static void
test_card_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) deck = make_deck ("Deck", "full");
  RehearseFsrsCard card, stored, expected;
  gint64 at = T0;

  test_import_ok (fixture_open (f), deck);

  /* Never reviewed: a new card, due when asked. */
  card = get_card (f, "deck/1", T0 + 5);
  rehearse_fsrs_card_init (&expected, T0 + 5);
  assert_cards_equal (&card, &expected);
  /* So is a key the library does not know: there is nothing to read. */
  card = get_card (f, "nowhere/1", T0);
  g_assert_cmpint (card.state, ==, REHEARSE_CARD_STATE_NEW);

  /* Through learning, review and a lapse: every field comes back, also
   * after the library is opened again. */
  for (guint i = 0; i < 6; i++)
    {
      RehearseGrade grade = i == 4 ? REHEARSE_GRADE_AGAIN : REHEARSE_GRADE_GOOD;

      card = review (f, "deck/1", grade, at, 1000);
      stored = get_card (f, "deck/1", at);
      assert_cards_equal (&stored, &card);
      at = MAX (card.due, at + MINUTE);
    }

  fixture_open (f);
  stored = get_card (f, "deck/1", at);
  assert_cards_equal (&stored, &card);
  g_assert_cmpuint (stored.reps, ==, 6);
}

/* ---- Due ------------------------------------------------------------------------ */

/* Reviews deck/1..5 once each at T0 + i minutes, Good or Again, and returns
 * their due dates (index 1–5). */
static void
review_all (Fixture *f,
            gint64   dues[6])
{
  static const RehearseGrade grades[] = {
    0, REHEARSE_GRADE_GOOD, REHEARSE_GRADE_AGAIN, REHEARSE_GRADE_EASY, REHEARSE_GRADE_HARD,
    REHEARSE_GRADE_AGAIN,
  };

  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *key = g_strdup_printf ("deck/%u", i);
      RehearseFsrsCard card = review (f, key, grades[i], T0 + i * MINUTE, 0);

      dues[i] = card.due;
    }
}

/* The keys of deck/1..5 due at @now, most overdue first (ties by
 * question, which is reading order here), among those @wanted. */
static char *
expected_due (const gint64 dues[6],
              gint64       now,
              const char  *wanted)
{
  g_autoptr(GString) keys = g_string_new (NULL);
  gboolean taken[6] = { FALSE, };

  for (;;)
    {
      guint best = 0;

      for (guint i = 1; i <= 5; i++)
        if (!taken[i] && dues[i] <= now && strchr (wanted, '0' + i) != NULL
            && (best == 0 || dues[i] < dues[best]))
          best = i;
      if (best == 0)
        break;
      taken[best] = TRUE;
      g_string_append_printf (keys, "%sdeck/%u", keys->len > 0 ? " " : "", best);
    }

  return g_string_free (g_steal_pointer (&keys), FALSE);
}

static guint
expected_count (const gint64 dues[6],
                gint64       now)
{
  guint count = 0;

  for (guint i = 1; i <= 5; i++)
    count += dues[i] <= now ? 1 : 0;
  return count;
}

#define assert_due(f, now, deck, topic, wanted) \
  G_STMT_START { \
    g_autofree char *actual_ = due_keys (f, now, deck, topic); \
    g_autofree char *expected_ = expected_due (dues, now, wanted); \
    g_assert_cmpstr (actual_, ==, expected_); \
  } G_STMT_END

static void
test_due_order_and_counts (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) deck = make_deck ("Deck", "full");
  g_autoptr(RehearseParsedDeck) other = make_deck ("Other", "full");
  g_autoptr(GHashTable) by_topic = NULL;
  gint64 dues[6];
  gint64 deck_id, other_id, one, two, latest = 0, middle, other_due;

  deck_id = test_import_ok (fixture_open (f), deck).deck_id;
  other_id = test_import_ok (f->library, other).deck_id;
  one = topic_id (f->library, deck_id, 0);
  two = topic_id (f->library, deck_id, 1);

  /* Nothing reviewed, nothing due: new cards are not "due for review". */
  test_assert_keys (due_keys (f, T0 + 1000 * DAY, 0, 0), "");
  g_assert_cmpuint (due_total (f, T0 + 1000 * DAY, NULL), ==, 0);

  review_all (f, dues);
  /* The other deck's question falls due long after these. */
  other_due = review (f, "other/1", REHEARSE_GRADE_GOOD, T0 + 500 * DAY, 0).due;
  for (guint i = 1; i <= 5; i++)
    latest = MAX (latest, dues[i]);
  g_assert_cmpint (dues[2], <, dues[1]);   /* Again comes back before Good */
  g_assert_cmpint (other_due, >, latest);

  /* Before anything falls due; exactly at a due date; all due. */
  test_assert_keys (due_keys (f, T0, 0, 0), "");
  assert_due (f, dues[2], 0, 0, "12345");
  test_assert_keys (due_keys (f, dues[2] - 1, deck_id, 0), "");
  assert_due (f, latest, deck_id, 0, "12345");
  middle = (dues[2] + latest) / 2;
  assert_due (f, middle, deck_id, 0, "12345");

  /* Within a topic, within a deck. */
  assert_due (f, latest, deck_id, one, "123");
  assert_due (f, latest, deck_id, two, "45");
  assert_due (f, latest, 0, two, "45");
  test_assert_keys (due_keys (f, other_due - 1, other_id, 0), "");
  test_assert_keys (due_keys (f, T0 + 1000 * DAY, other_id, 0), "other/1");
  test_assert_keys (due_keys (f, T0 + 1000 * DAY, other_id, two), "");
  {
    g_autofree char *all = due_keys (f, T0 + 1000 * DAY, 0, 0);

    g_assert_nonnull (strstr (all, "other/1"));
  }

  /* Counts: the total, and per topic. */
  g_assert_cmpuint (due_total (f, latest, &by_topic), ==, 5);
  g_assert_cmpuint (count_in (by_topic, one), ==, 3);
  g_assert_cmpuint (count_in (by_topic, two), ==, 2);
  g_assert_cmpuint (count_in (by_topic, topic_id (f->library, other_id, 0)), ==, 0);
  g_clear_pointer (&by_topic, g_hash_table_unref);
  g_assert_cmpuint (due_total (f, middle, NULL), ==, expected_count (dues, middle));
  g_assert_cmpuint (due_total (f, dues[2], NULL), ==, expected_count (dues, dues[2]));
  g_assert_cmpuint (due_total (f, T0 + 1000 * DAY, NULL), ==, 6);

  /* A review moves the card on: reviewed Easy now, it leaves the list. */
  review (f, "deck/2", REHEARSE_GRADE_EASY, latest, 0);
  {
    g_autofree char *now_due = due_keys (f, latest, 0, 0);

    g_assert_null (strstr (now_due, "deck/2"));
  }
  g_assert_cmpuint (due_total (f, latest, NULL), ==, 4);
}

static void
test_due_follows_imports (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) deck = make_deck ("Deck", "full");
  g_autoptr(RehearseParsedDeck) shorter = make_deck ("Deck", "short");
  g_autoptr(RehearseParsedDeck) moved = make_deck ("Deck", "moved");
  g_autoptr(RehearseParsedDeck) again = make_deck ("Deck", "full");
  g_autoptr(GHashTable) by_topic = NULL;
  g_autoptr(GError) error = NULL;
  gint64 dues[6];
  gint64 deck_id, one, two, far = T0 + 1000 * DAY;

  deck_id = test_import_ok (fixture_open (f), deck).deck_id;
  review_all (f, dues);
  assert_due (f, far, 0, 0, "12345");

  /* Question 5 leaves the deck: orphaned, it is not due, but keeps its
   * card and history. */
  test_import_ok (f->library, shorter);
  assert_due (f, far, 0, 0, "1234");
  g_assert_cmpuint (due_total (f, far, NULL), ==, 4);
  g_assert_cmpint (get_card (f, "deck/5", far).reps, ==, 1);

  /* Question 3 moves to the other topic; question 5 comes back. */
  test_import_ok (f->library, moved);
  one = topic_id (f->library, deck_id, 0);
  two = topic_id (f->library, deck_id, 1);
  assert_due (f, far, 0, two, "345");
  assert_due (f, far, 0, one, "12");
  g_assert_cmpuint (due_total (f, far, &by_topic), ==, 5);
  g_assert_cmpuint (count_in (by_topic, one), ==, 2);
  g_assert_cmpuint (count_in (by_topic, two), ==, 3);

  /* The deck deleted: nothing due, everything kept; imported again, all
   * due again with the same dates. */
  g_assert_true (rehearse_library_delete_deck (f->library, deck_id, &error));
  g_assert_no_error (error);
  test_assert_keys (due_keys (f, far, 0, 0), "");
  g_assert_cmpuint (due_total (f, far, NULL), ==, 0);
  g_assert_cmpint (get_card (f, "deck/1", far).due, ==, dues[1]);

  deck_id = test_import_ok (f->library, again).deck_id;
  assert_due (f, far, 0, 0, "12345");
  assert_due (f, far, deck_id, topic_id (f->library, deck_id, 1), "45");
  test_assert_check (f->library, NULL);

  /* The check knows where each card's question is, and says when a card
   * points elsewhere. */
  test_raw_exec_file (f->path, "UPDATE review_state SET topic_id = topic_id + 1"
                               " WHERE question_key = 'deck/4'");
  g_assert_false (rehearse_library_check (f->library, NULL, &error));
  g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_CORRUPT_DATABASE);
}

/* @count questions in four topics, question i in topic (i + @shift) % 4;
 * without the last one when @shorter. */
static RehearseParsedDeck *
make_staged_deck (guint    count,
                  guint    shift,
                  gboolean shorter)
{
  RehearseParsedDeck *deck = rehearse_parsed_deck_new ("Staged");
  g_autofree char *hash = g_strdup_printf ("staged %u %u %d", count, shift, shorter);

  for (guint t = 0; t < 4; t++)
    {
      g_autofree char *title = g_strdup_printf ("Topic %u", t + 1);

      rehearse_parsed_deck_add_topic (deck, title, NULL);
    }
  for (guint i = 1; i <= (shorter ? count - 1 : count); i++)
    {
      g_autofree char *text = g_strdup_printf ("What is staged thing %u?", i);

      rehearse_parsed_deck_add_question (deck, (i + shift) % 4, (gint) i, text, "An answer.",
                                         NULL);
    }

  rehearse_parsed_deck_add_source (deck, "staged.md", hash, 100);
  rehearse_parsed_deck_assign_keys (deck);
  return deck;
}

/* Every tenth question reviewed Again at T0: due a minute later. */
static void
review_every_tenth (Fixture *f,
                    guint    count)
{
  for (guint i = 10; i <= count; i += 10)
    {
      g_autofree char *key = g_strdup_printf ("staged/%u", i);

      review (f, key, REHEARSE_GRADE_AGAIN, T0, 0);
    }
}

static void
test_due_follows_staged_imports (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) deck = make_staged_deck (400, 0, FALSE);
  g_autoptr(RehearseParsedDeck) moved = make_staged_deck (400, 1, TRUE);
  g_autoptr(RehearseParsedDeck) again = make_staged_deck (400, 0, FALSE);
  g_autoptr(GHashTable) by_topic = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deck_id, far = T0 + 1000 * DAY;

  deck_id = test_import_ok (fixture_open (f), deck).deck_id;
  review_every_tenth (f, 400);
  g_assert_cmpuint (due_total (f, far, NULL), ==, 40);

  /* Imports and removals in many short transactions: a re-import shows a
   * new generation of rows (new ids), moving every question to the next
   * topic and dropping question 400; the cards follow. */
  rehearse_library_set_batch_time (f->library, 1);
  test_import_ok (f->library, moved);
  g_assert_cmpuint (due_total (f, far, &by_topic), ==, 39);
  /* Questions 10, 20, … were in topics 2, 0, 2, 0…; now one further on. */
  g_assert_cmpuint (count_in (by_topic, topic_id (f->library, deck_id, 3)), ==, 20);
  g_assert_cmpuint (count_in (by_topic, topic_id (f->library, deck_id, 1)), ==, 19);
  test_assert_keys (due_keys (f, far, 0, topic_id (f->library, deck_id, 0)), "");
  {
    g_autofree char *all = due_keys (f, far, deck_id, 0);

    g_assert_true (g_str_has_prefix (all, "staged/10 staged/20 "));
    g_assert_null (strstr (all, "staged/400"));
  }
  test_assert_check (f->library, NULL);

  g_assert_true (rehearse_library_delete_deck (f->library, deck_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (due_total (f, far, NULL), ==, 0);
  test_assert_check (f->library, NULL);

  deck_id = test_import_ok (f->library, again).deck_id;
  g_assert_cmpuint (due_total (f, far, NULL), ==, 40);
  test_assert_keys (due_keys (f, far, 0, topic_id (f->library, deck_id, 1)), "");
  test_assert_check (f->library, NULL);
}

/* ---- History kept --------------------------------------------------------------- */

static void
test_history_kept (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) deck = make_deck ("Deck", "full");
  g_autoptr(RehearseParsedDeck) shorter = make_deck ("Deck", "short");
  g_autoptr(RehearseParsedDeck) again = make_deck ("Deck", "full");
  g_autoptr(GListModel) orphaned = NULL;
  g_autoptr(GArray) reviews = NULL;
  g_autoptr(GError) error = NULL;
  RehearseLibraryCounts counts;
  RehearseQuestion *question;
  gint64 deck_id;

  deck_id = test_import_ok (fixture_open (f), deck).deck_id;
  review (f, "deck/1", REHEARSE_GRADE_GOOD, T0, 0);
  review (f, "deck/1", REHEARSE_GRADE_HARD, T0 + DAY, 0);
  review (f, "deck/5", REHEARSE_GRADE_AGAIN, T0, 0);

  /* Re-imported with question 5 gone: orphaned for its reviews alone. */
  test_import_ok (f->library, shorter);
  test_assert_keys (test_orphaned_keys (f->library), "deck/5");
  test_assert_check (f->library, &counts);
  g_assert_cmpuint (counts.reviews, ==, 3);
  g_assert_cmpuint (counts.orphaned_questions, ==, 1);
  reviews = list_reviews (f, "deck/5");
  g_assert_cmpuint (reviews->len, ==, 1);
  g_clear_pointer (&reviews, g_array_unref);

  /* An orphan can still be reviewed (it keeps its history). */
  review (f, "deck/5", REHEARSE_GRADE_GOOD, T0 + DAY, 0);

  /* The deck deleted: no rows left, the history and the question's name
   * stay, and the check counts them. */
  g_assert_true (rehearse_library_delete_deck (f->library, deck_id, &error));
  g_assert_no_error (error);
  orphaned = test_orphaned (f->library);
  test_assert_keys (test_keys_of (orphaned), "deck/1 deck/5");
  question = test_question_at (orphaned, 0);
  g_assert_cmpint (rehearse_question_get_id (question), ==, 0);
  g_assert_cmpint (rehearse_question_get_number (question), ==, 1);
  g_assert_cmpstr (rehearse_question_get_text (question), ==, "What is thing 1?");
  test_assert_check (f->library, &counts);
  g_assert_cmpuint (counts.reviews, ==, 4);
  g_assert_cmpuint (counts.orphaned_questions, ==, 2);
  g_assert_cmpuint (counts.questions, ==, 0);
  reviews = list_reviews (f, "deck/1");
  g_assert_cmpuint (reviews->len, ==, 2);
  g_clear_pointer (&reviews, g_array_unref);

  /* Imported again: the history is the questions' again. */
  test_import_ok (f->library, again);
  test_assert_keys (test_orphaned_keys (f->library), "");
  reviews = list_reviews (f, "deck/1");
  g_assert_cmpuint (reviews->len, ==, 2);
  g_assert_cmpint (g_array_index (reviews, RehearseReview, 1).grade, ==, REHEARSE_GRADE_HARD);
  g_clear_pointer (&reviews, g_array_unref);
  g_assert_cmpuint (get_card (f, "deck/5", T0).reps, ==, 2);

  /* Deleting a question's user data deletes its history. */
  g_assert_true (rehearse_library_delete_user_data (f->library, "deck/1", &error));
  g_assert_no_error (error);
  reviews = list_reviews (f, "deck/1");
  g_assert_cmpuint (reviews->len, ==, 0);
  g_assert_cmpint (get_card (f, "deck/1", T0).state, ==, REHEARSE_CARD_STATE_NEW);
  test_assert_check (f->library, &counts);
  g_assert_cmpuint (counts.reviews, ==, 2);
}

/* ---- Migration ------------------------------------------------------------------ */

static void
test_migration_keeps_user_data (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(RehearseParsedDeck) deck = make_deck ("Deck", "full");
  g_autoptr(RehearseLibrary) old = NULL;
  g_autoptr(GArray) reviews = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  gboolean bookmarked = FALSE;
  g_autofree char *note = NULL;
  RehearseLibraryCounts counts;
  RehearseFsrsCard card;
  RehearseReview *entry;
  sqlite3 *db;

  /* A library as version 4 of the schema wrote it, with every kind of
   * user data, and review rows in the first schema's shape (seconds). */
  old = rehearse_library_open_version (f->path, 4, &error);
  g_assert_no_error (error);
  /* This build's import also writes the prompt column of version 6. */
  test_raw_exec_file (f->path, "ALTER TABLE questions ADD COLUMN prompt TEXT;");
  test_import_ok (old, deck);
  test_raw_exec_file (f->path, "ALTER TABLE questions DROP COLUMN prompt;");
  test_bookmark (old, "deck/1", "weak");
  test_save_note (old, "deck/2", "A note.");
  test_record_view (old, "deck/3");
  g_clear_object (&old);
  test_raw_exec_file (f->path,
                      "INSERT INTO review_state (question_key, due, stability, difficulty,"
                      " reps, lapses, state, last_review)"
                      " VALUES ('deck/4', 1736240400, 3.5, 6.25, 2, 1, 2, 1736154000);"
                      "INSERT INTO review_log (question_key, reviewed_at, grade, elapsed_ms)"
                      " VALUES ('deck/4', 1736154000, 3, 7000);");

  fixture_open (f);
  db = test_raw_open (f->path);
  g_assert_cmpint (test_raw_int (db, "PRAGMA user_version"), ==, 8);
  sqlite3_close (db);

  g_assert_true (rehearse_library_get_bookmark (f->library, "deck/1", &bookmarked, &label, NULL));
  g_assert_true (bookmarked);
  g_assert_cmpstr (label, ==, "weak");
  g_assert_true (rehearse_library_get_note (f->library, "deck/2", &note, NULL));
  g_assert_cmpstr (note, ==, "A note.");
  test_assert_keys (test_recent_keys (f->library, 10), "deck/3");

  card = get_card (f, "deck/4", T0);
  g_assert_cmpint (card.state, ==, REHEARSE_CARD_STATE_REVIEW);
  g_assert_cmpfloat (card.stability, ==, 3.5);
  g_assert_cmpfloat (card.difficulty, ==, 6.25);
  g_assert_cmpint (card.due, ==, (gint64) 1736240400 * 1000);
  g_assert_cmpint (card.last_review, ==, (gint64) 1736154000 * 1000);
  g_assert_cmpuint (card.reps, ==, 2);
  g_assert_cmpuint (card.lapses, ==, 1);
  reviews = list_reviews (f, "deck/4");
  g_assert_cmpuint (reviews->len, ==, 1);
  entry = &g_array_index (reviews, RehearseReview, 0);
  g_assert_cmpint (entry->reviewed_at, ==, (gint64) 1736154000 * 1000);
  g_assert_cmpint (entry->grade, ==, REHEARSE_GRADE_GOOD);
  g_assert_cmpint (entry->time_spent, ==, 7000);

  /* The migrated card knows where its question is: it is due. */
  test_assert_keys (due_keys (f, T0 + 2 * DAY, 0, 0), "deck/4");
  test_assert_keys (due_keys (f, T0 + 2 * DAY, 0, topic_id (f->library, 1, 1)), "deck/4");

  /* And the library records reviews as any other. */
  review (f, "deck/4", REHEARSE_GRADE_GOOD, T0 + 2 * DAY, 0);
  test_assert_check (f->library, &counts);
  g_assert_cmpuint (counts.reviews, ==, 2);
  g_assert_cmpuint (counts.bookmarks, ==, 1);
  g_assert_cmpuint (counts.notes, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/reviews/record", test_record);
  ADD ("/reviews/card-round-trip", test_card_round_trip);
  ADD ("/reviews/due/order-and-counts", test_due_order_and_counts);
  ADD ("/reviews/due/follows-imports", test_due_follows_imports);
  ADD ("/reviews/due/follows-staged-imports", test_due_follows_staged_imports);
  ADD ("/reviews/history-kept", test_history_kept);
  ADD ("/reviews/migration", test_migration_keeps_user_data);

#undef ADD

  return g_test_run ();
}
