/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rehearse-error.h"
#include "rehearse-key-points.h"
#include "rehearse-library-private.h"
#include "rehearse-question-list.h"
#include "rehearse-quiz-session.h"

/* A session holds the row ids of its cards, chosen and ordered once, and
 * loads one card at a time: its full question, key points and schedule.
 * Grading counts at once and records in a worker thread, so the next card
 * never waits for a write. */

struct _RehearseQuizSession
{
  GObject                 parent_instance;

  /* Owned references */
  RehearseLibrary        *library;
  RehearseFsrsParameters  parameters;
  gboolean                cram;
  GArray                 *question_ids;   /* gint64, in quiz order */
  guint                   position;

  /* The current card */
  RehearseQuestion       *question;
  GPtrArray              *key_points;     /* char *, plain text */
  GArray                 *checked;        /* gboolean, one per key point */
  gboolean                revealed;
  RehearseFsrsCard        card;
  gint64                  shown_at;       /* unix ms */

  RehearseQuizSummary     summary;
  GListStore             *missed;         /* RehearseQuestion */
};

G_DEFINE_FINAL_TYPE (RehearseQuizSession, rehearse_quiz_session, G_TYPE_OBJECT)

static void
rehearse_quiz_session_finalize (GObject *object)
{
  RehearseQuizSession *self = REHEARSE_QUIZ_SESSION (object);

  g_clear_object (&self->question);
  g_clear_pointer (&self->key_points, g_ptr_array_unref);
  g_clear_pointer (&self->checked, g_array_unref);
  g_clear_pointer (&self->question_ids, g_array_unref);
  g_clear_object (&self->missed);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (rehearse_quiz_session_parent_class)->finalize (object);
}

static void
rehearse_quiz_session_class_init (RehearseQuizSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rehearse_quiz_session_finalize;
}

static void
rehearse_quiz_session_init (RehearseQuizSession *self)
{
  self->question_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->checked = g_array_new (FALSE, TRUE, sizeof (gboolean));
  self->missed = g_list_store_new (REHEARSE_TYPE_QUESTION);
}

/* ---- Choosing the cards --------------------------------------------------------- */

/* Appends the ids of a list the library made (a RehearseQuestionList) that
 * @seen does not hold yet. */
static void
append_list_ids (GArray     *ids,
                 GHashTable *seen,
                 GListModel *list)
{
  const gint64 *list_ids;
  guint n_ids;

  g_return_if_fail (REHEARSE_IS_QUESTION_LIST (list));

  list_ids = rehearse_question_list_peek_ids (REHEARSE_QUESTION_LIST (list), &n_ids);
  for (guint i = 0; i < n_ids; i++)
    if (g_hash_table_add (seen, (gpointer) &list_ids[i]))
      g_array_append_val (ids, list_ids[i]);
}

static gboolean
append_topics (RehearseLibrary            *library,
               const RehearseQuizOptions  *options,
               GArray                     *ids,
               GHashTable                 *seen,
               GPtrArray                  *lists,
               GError                    **error)
{
  for (guint i = 0; i < options->n_topic_ids; i++)
    {
      GListModel *list = rehearse_library_list_questions (library, options->topic_ids[i], error);

      if (list == NULL)
        return FALSE;
      g_ptr_array_add (lists, list);
      append_list_ids (ids, seen, list);
    }

  return TRUE;
}

/* Given keys: those without a question (a deck deleted since) are left
 * out, as an empty scope would be. */
static gboolean
append_keys (RehearseLibrary     *library,
             const char * const  *question_keys,
             GArray              *ids,
             GHashTable          *seen,
             GPtrArray           *questions,
             GError             **error)
{
  for (guint i = 0; question_keys != NULL && question_keys[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      RehearseQuestion *question = rehearse_library_get_question (library, question_keys[i],
                                                                  &local_error);
      gint64 id;

      if (g_error_matches (local_error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_FOUND))
        continue;
      if (question == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      g_ptr_array_add (questions, question);
      id = rehearse_question_get_id (question);
      if (g_hash_table_add (seen, g_memdup2 (&id, sizeof id)))
        g_array_append_val (ids, id);
    }

  return TRUE;
}

/* The library's list for a scope of one list. */
static GListModel *
list_scope (RehearseLibrary            *library,
            const RehearseQuizOptions  *options,
            gint64                      now,
            GError                    **error)
{
  switch (options->scope)
    {
    case REHEARSE_QUIZ_SCOPE_DECK:
      return rehearse_library_list_deck_questions (library, options->deck_id, error);
    case REHEARSE_QUIZ_SCOPE_BOOKMARKED:
      return rehearse_library_list_bookmarked (library, NULL, error);
    case REHEARSE_QUIZ_SCOPE_WITH_NOTES:
      return rehearse_library_list_with_notes (library, error);
    case REHEARSE_QUIZ_SCOPE_DUE:
      return rehearse_library_list_due (library, now, 0, 0, error);
    case REHEARSE_QUIZ_SCOPE_ALL:
    case REHEARSE_QUIZ_SCOPE_TOPICS:
    case REHEARSE_QUIZ_SCOPE_QUESTIONS:
    default:
      return rehearse_library_list_all_questions (library, error);
    }
}

/* The scope's questions in its own order (reading order for decks and
 * topics; a collection's order for a collection), each once. */
static GArray *
collect_scope (RehearseLibrary            *library,
               const RehearseQuizOptions  *options,
               gint64                      now,
               GError                    **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  /* The keys point into the lists and questions, kept until the end. */
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = NULL;
  GListModel *list;

  if (options->scope == REHEARSE_QUIZ_SCOPE_QUESTIONS)
    {
      seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      return append_keys (library, options->question_keys, ids, seen, kept, error)
             ? g_steal_pointer (&ids) : NULL;
    }

  seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  if (options->scope == REHEARSE_QUIZ_SCOPE_TOPICS)
    return append_topics (library, options, ids, seen, kept, error) ? g_steal_pointer (&ids)
                                                                     : NULL;

  list = list_scope (library, options, now, error);
  if (list == NULL)
    return NULL;
  g_ptr_array_add (kept, list);
  append_list_ids (ids, seen, list);
  return g_steal_pointer (&ids);
}

/* Due first, the most overdue first; then new cards in the scope's order;
 * then those not due yet, the soonest first (practising a topic takes all
 * of it). */
static GArray *
order_due_first (RehearseLibrary  *library,
                 GArray           *scope_ids,
                 gint64            now,
                 GError          **error)
{
  g_autoptr(GArray) scheduled = rehearse_library_list_scheduled (library, error);
  g_autoptr(GHashTable) in_scope = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) reviewed = g_hash_table_new (g_int64_hash, g_int64_equal);
  GArray *ordered;
  guint first_later;

  if (scheduled == NULL)
    return NULL;

  for (guint i = 0; i < scope_ids->len; i++)
    g_hash_table_add (in_scope, &g_array_index (scope_ids, gint64, i));

  ordered = g_array_sized_new (FALSE, FALSE, sizeof (gint64), scope_ids->len);
  for (first_later = 0; first_later < scheduled->len; first_later++)
    {
      RehearseScheduled *item = &g_array_index (scheduled, RehearseScheduled, first_later);

      if (item->due > now)
        break;
      if (g_hash_table_contains (in_scope, &item->question_id))
        g_array_append_val (ordered, item->question_id);
    }

  for (guint i = 0; i < scheduled->len; i++)
    g_hash_table_add (reviewed, &g_array_index (scheduled, RehearseScheduled, i).question_id);

  for (guint i = 0; i < scope_ids->len; i++)
    if (!g_hash_table_contains (reviewed, &g_array_index (scope_ids, gint64, i)))
      g_array_append_val (ordered, g_array_index (scope_ids, gint64, i));

  for (guint i = first_later; i < scheduled->len; i++)
    {
      RehearseScheduled *item = &g_array_index (scheduled, RehearseScheduled, i);

      if (g_hash_table_contains (in_scope, &item->question_id))
        g_array_append_val (ordered, item->question_id);
    }

  return ordered;
}

/* Fisher–Yates with GLib's Mersenne Twister: the same seed gives the same
 * order on every machine. */
static void
shuffle (GArray  *ids,
         guint32  seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (guint i = ids->len; i > 1; i--)
    {
      guint j = (guint) g_rand_int_range (rand, 0, (gint32) i);
      gint64 swap = g_array_index (ids, gint64, i - 1);

      g_array_index (ids, gint64, i - 1) = g_array_index (ids, gint64, j);
      g_array_index (ids, gint64, j) = swap;
    }
}

static GArray *
choose_cards (RehearseLibrary            *library,
              const RehearseQuizOptions  *options,
              gint64                      now,
              GError                    **error)
{
  g_autoptr(GArray) scope_ids = collect_scope (library, options, now, error);
  GArray *ordered;

  if (scope_ids == NULL)
    return NULL;

  if (options->order == REHEARSE_QUIZ_ORDER_SHUFFLED)
    {
      shuffle (scope_ids, options->seed);
      ordered = g_steal_pointer (&scope_ids);
    }
  else
    {
      ordered = order_due_first (library, scope_ids, now, error);
      if (ordered == NULL)
        return NULL;
    }

  if (options->size > 0 && ordered->len > options->size)
    g_array_set_size (ordered, options->size);
  return ordered;
}

/* ---- The current card ----------------------------------------------------------- */

static void
clear_card (RehearseQuizSession *self)
{
  g_clear_object (&self->question);
  g_clear_pointer (&self->key_points, g_ptr_array_unref);
  g_array_set_size (self->checked, 0);
  self->revealed = FALSE;
}

/* Loads the card at the current position, shown at @now. A question gone
 * since the session began (another program removed its deck) is taken out
 * of the session; one that cannot be read now ends it early, which keeps
 * every grade given. */
static gboolean
load_card (RehearseQuizSession  *self,
           gint64                now,
           GError              **error)
{
  clear_card (self);
  self->shown_at = now;

  while (self->position < self->question_ids->len)
    {
      gint64 id = g_array_index (self->question_ids, gint64, self->position);
      g_autoptr(GError) local_error = NULL;

      self->question = rehearse_library_get_question_by_id (self->library, id, &local_error);
      if (self->question != NULL)
        break;
      if (!g_error_matches (local_error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_FOUND))
        {
          g_array_set_size (self->question_ids, self->position);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_array_remove_index (self->question_ids, self->position);
    }

  if (self->question == NULL)
    return TRUE;

  self->key_points = rehearse_key_points_extract (rehearse_question_get_answer (self->question),
                                                  rehearse_question_get_in_depth (self->question));
  g_array_set_size (self->checked, self->key_points->len);
  return rehearse_library_get_card (self->library, rehearse_question_get_key (self->question),
                                    now, &self->card, error);
}

/* Moving on must not fail: a card that cannot be read ends the session. */
static void
next_card (RehearseQuizSession *self,
           gint64               now)
{
  g_autoptr(GError) error = NULL;

  self->position++;
  if (!load_card (self, now, &error))
    {
      g_debug ("The quiz ends early: %s", error->message);
      clear_card (self);
      g_array_set_size (self->question_ids, self->position);
    }
}

RehearseQuizSession *
rehearse_quiz_session_new (RehearseLibrary               *library,
                           const RehearseFsrsParameters  *parameters,
                           const RehearseQuizOptions     *options,
                           gint64                         now,
                           GError                       **error)
{
  g_autoptr(RehearseQuizSession) self = NULL;
  GArray *ids;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (parameters != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ids = choose_cards (library, options, now, error);
  if (ids == NULL)
    return NULL;

  self = g_object_new (REHEARSE_TYPE_QUIZ_SESSION, NULL);
  self->library = g_object_ref (library);
  self->parameters = *parameters;
  self->cram = options->cram;
  g_array_unref (self->question_ids);
  self->question_ids = ids;

  if (!load_card (self, now, error))
    return NULL;

  return g_steal_pointer (&self);
}

guint
rehearse_quiz_session_get_n_cards (RehearseQuizSession *self)
{
  g_return_val_if_fail (REHEARSE_IS_QUIZ_SESSION (self), 0);

  return self->question_ids->len;
}

guint
rehearse_quiz_session_get_position (RehearseQuizSession *self)
{
  g_return_val_if_fail (REHEARSE_IS_QUIZ_SESSION (self), 0);

  return MIN (self->position, self->question_ids->len);
}

gboolean
rehearse_quiz_session_is_finished (RehearseQuizSession *self)
{
  g_return_val_if_fail (REHEARSE_IS_QUIZ_SESSION (self), TRUE);

  return self->question == NULL;
}

gboolean
rehearse_quiz_session_get_cram (RehearseQuizSession *self)
{
  g_return_val_if_fail (REHEARSE_IS_QUIZ_SESSION (self), FALSE);

  return self->cram;
}

RehearseQuestion *
rehearse_quiz_session_get_question (RehearseQuizSession *self)
{
  g_return_val_if_fail (REHEARSE_IS_QUIZ_SESSION (self), NULL);

  return self->question;
}

GPtrArray *
rehearse_quiz_session_get_key_points (RehearseQuizSession *self)
{
  g_return_val_if_fail (REHEARSE_IS_QUIZ_SESSION (self), NULL);

  return self->key_points;
}

/* ---- Reveal and key points ------------------------------------------------------ */

void
rehearse_quiz_session_reveal (RehearseQuizSession *self,
                              const char          *typed_answer)
{
  gboolean typed;

  g_return_if_fail (REHEARSE_IS_QUIZ_SESSION (self));
  g_return_if_fail (self->question != NULL);

  typed = typed_answer != NULL && *typed_answer != '\0';
  self->revealed = TRUE;
  for (guint i = 0; i < self->key_points->len; i++)
    g_array_index (self->checked, gboolean, i) =
      typed && rehearse_key_point_covered (g_ptr_array_index (self->key_points, i), typed_answer);
}

gboolean
rehearse_quiz_session_get_revealed (RehearseQuizSession *self)
{
  g_return_val_if_fail (REHEARSE_IS_QUIZ_SESSION (self), FALSE);

  return self->revealed;
}

gboolean
rehearse_quiz_session_get_point_checked (RehearseQuizSession *self,
                                         guint                index)
{
  g_return_val_if_fail (REHEARSE_IS_QUIZ_SESSION (self), FALSE);
  g_return_val_if_fail (index < self->checked->len, FALSE);

  return g_array_index (self->checked, gboolean, index);
}

void
rehearse_quiz_session_set_point_checked (RehearseQuizSession *self,
                                         guint                index,
                                         gboolean             checked)
{
  g_return_if_fail (REHEARSE_IS_QUIZ_SESSION (self));
  g_return_if_fail (index < self->checked->len);

  g_array_index (self->checked, gboolean, index) = !!checked;
}

RehearseGrade
rehearse_quiz_session_suggest_grade (RehearseQuizSession *self)
{
  guint n_checked = 0;
  guint n_points;

  g_return_val_if_fail (REHEARSE_IS_QUIZ_SESSION (self), REHEARSE_GRADE_AGAIN);

  n_points = self->checked->len;
  for (guint i = 0; i < n_points; i++)
    n_checked += g_array_index (self->checked, gboolean, i) ? 1 : 0;

  /* Whole numbers: 4 of 5 is 80 % exactly. An answer without key points
   * has nothing to miss. */
  if (n_checked * 10 >= n_points * 8)
    return REHEARSE_GRADE_GOOD;
  if (n_checked * 2 >= n_points)
    return REHEARSE_GRADE_HARD;
  return REHEARSE_GRADE_AGAIN;
}

gint64
rehearse_quiz_session_preview_interval (RehearseQuizSession *self,
                                        RehearseGrade        grade,
                                        gint64               now)
{
  RehearseFsrsCard next;

  g_return_val_if_fail (REHEARSE_IS_QUIZ_SESSION (self), 0);
  g_return_val_if_fail (grade >= REHEARSE_GRADE_AGAIN && grade <= REHEARSE_GRADE_EASY, 0);

  if (self->question == NULL)
    return 0;

  rehearse_fsrs_review (&self->parameters, &self->card, grade, now, &next, NULL);
  /* Rounded: a due date a few ms past a whole minute is that minute. */
  return MAX (0, (next.due - now + 500) / 1000);
}

/* ---- Grading -------------------------------------------------------------------- */

static void
review_recorded (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (rehearse_library_record_review_finish (REHEARSE_LIBRARY (source_object), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
count_grade (RehearseQuizSession *self,
             RehearseGrade        grade,
             gint64               time_spent)
{
  self->summary.cards++;
  self->summary.grades[grade]++;
  self->summary.time_spent += time_spent;
  if (grade == REHEARSE_GRADE_AGAIN)
    g_list_store_append (self->missed, self->question);
}

/* The write is never cancelled: a grade given is kept (leaving the quiz
 * mid-session keeps every grade), whatever @cancellable says. */
static void
record_review (RehearseQuizSession *self,
               GTask               *task,
               RehearseGrade        grade,
               gint64               now,
               gint64               time_spent)
{
  rehearse_library_record_review_async (self->library, rehearse_question_get_key (self->question),
                                        &self->parameters, grade, now, time_spent, NULL,
                                        review_recorded, g_object_ref (task));
}

void
rehearse_quiz_session_grade_async (RehearseQuizSession *self,
                                   RehearseGrade        grade,
                                   gint64               now,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  gint64 time_spent;

  g_return_if_fail (REHEARSE_IS_QUIZ_SESSION (self));
  g_return_if_fail (grade >= REHEARSE_GRADE_AGAIN && grade <= REHEARSE_GRADE_EASY);
  g_return_if_fail (self->question != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rehearse_quiz_session_grade_async);

  time_spent = MAX (0, now - self->shown_at);
  count_grade (self, grade, time_spent);

  /* A clock set back since the last review must not cost the grade: the
   * library takes no review dated before the last one. */
  if (self->cram)
    g_task_return_boolean (task, TRUE);
  else
    record_review (self, task, grade, MAX (now, self->card.last_review), time_spent);

  next_card (self, now);
}

gboolean
rehearse_quiz_session_grade_finish (RehearseQuizSession  *self,
                                    GAsyncResult         *result,
                                    GError              **error)
{
  g_return_val_if_fail (REHEARSE_IS_QUIZ_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- The end -------------------------------------------------------------------- */

void
rehearse_quiz_session_get_summary (RehearseQuizSession *self,
                                   RehearseQuizSummary *summary)
{
  guint remembered;

  g_return_if_fail (REHEARSE_IS_QUIZ_SESSION (self));
  g_return_if_fail (summary != NULL);

  remembered = self->summary.cards - self->summary.grades[REHEARSE_GRADE_AGAIN];

  *summary = self->summary;
  summary->retention = self->summary.cards > 0 ? (double) remembered / self->summary.cards : 0.0;
}

GListModel *
rehearse_quiz_session_get_missed (RehearseQuizSession *self)
{
  g_return_val_if_fail (REHEARSE_IS_QUIZ_SESSION (self), NULL);

  return G_LIST_MODEL (self->missed);
}

/* ---- Intervals as the grade buttons show them ----------------------------------- */

char *
rehearse_format_interval (gint64 seconds)
{
  gint64 minutes = MAX (1, (seconds + 30) / 60);
  gint64 hours = (seconds + 1800) / 3600;
  gint64 days = (seconds + 43200) / 86400;
  gint64 months = (days + 15) / 30;
  double years = round (days / 36.5) / 10.0;

  /* Translators: abbreviated units of a review interval on a grade button
   * ("10 min", "2 h", "3 d", "4 mo", "1.5 y"): keep them short. */
  if (minutes < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u min", "%u min", (gulong) minutes),
                            (guint) minutes);
  if (hours < 24)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u h", "%u h", (gulong) hours),
                            (guint) hours);
  if (days < 30)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u d", "%u d", (gulong) days),
                            (guint) days);
  if (months < 12)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u mo", "%u mo", (gulong) months),
                            (guint) months);
  if (years == floor (years))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u y", "%u y", (gulong) years),
                            (guint) years);
  /* Translators: a review interval in years with one decimal, "1.5 y". */
  return g_strdup_printf (_("%.1f y"), years);
}
