/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "rehearse-error.h"
#include "rehearse-library-private.h"
#include "rehearse-progress.h"

/* The study plan's settings: one row of study_plan, and the decks and
 * topics it covers in study_plan_scope, stored by deck key and topic title
 * and given out as the ids they have now (see the schema, 6 → 7). */

RehearsePlanSettings *
rehearse_plan_settings_new (void)
{
  RehearsePlanSettings *settings = g_new0 (RehearsePlanSettings, 1);

  settings->deck_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  settings->topic_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return settings;
}

static GArray *
copy_ids (const GArray *ids)
{
  GArray *copy = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (ids != NULL)
    g_array_append_vals (copy, ids->data, ids->len);
  return copy;
}

RehearsePlanSettings *
rehearse_plan_settings_copy (const RehearsePlanSettings *settings)
{
  RehearsePlanSettings *copy;

  g_return_val_if_fail (settings != NULL, NULL);

  copy = g_new0 (RehearsePlanSettings, 1);
  copy->interview_date = g_strdup (settings->interview_date);
  copy->deck_ids = copy_ids (settings->deck_ids);
  copy->topic_ids = copy_ids (settings->topic_ids);
  copy->daily_minutes = settings->daily_minutes;
  copy->daily_cards = settings->daily_cards;
  return copy;
}

void
rehearse_plan_settings_free (RehearsePlanSettings *settings)
{
  if (settings == NULL)
    return;

  g_free (settings->interview_date);
  g_clear_pointer (&settings->deck_ids, g_array_unref);
  g_clear_pointer (&settings->topic_ids, g_array_unref);
  g_free (settings);
}

gboolean
rehearse_plan_parse_date (const char *text,
                          GDate      *date)
{
  int year, month, day;
  char end;

  g_return_val_if_fail (date != NULL, FALSE);

  /* Exactly YYYY-MM-DD: g_date_set_parse() would take "5/12" and guess. */
  if (text == NULL || strlen (text) != 10)
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if ((i == 4 || i == 7) ? text[i] != '-' : !g_ascii_isdigit (text[i]))
      return FALSE;

  if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &end) != 3
      || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

/* ---- Reading ------------------------------------------------------------------ */

#define PLAN_SQL \
  "SELECT interview_date, daily_minutes, daily_cards FROM study_plan WHERE id = 1"

/* Each scope row as it resolves now: the deck's id (none when the deck is
 * gone), and for a topic row the ids of the deck's topics of that title. */
#define SCOPE_SQL \
  "SELECT s.topic_title IS NULL, d.id, t.id FROM study_plan_scope s" \
  " LEFT JOIN decks d ON d.deck_key = s.deck_key AND d.state = 0" \
  " LEFT JOIN topics t ON s.topic_title IS NOT NULL AND t.deck_id = d.id" \
  "  AND t.title = s.topic_title AND " REHEARSE_VISIBLE_SQL ("t") \
  " ORDER BY s.id, t.position"

static gboolean
read_plan_row (RehearseReader        *reader,
               RehearsePlanSettings  *settings,
               GError               **error)
{
  g_autoptr(RehearseCachedStatement) cached = rehearse_reader_statement (reader, PLAN_SQL, error);
  GError *local_error = NULL;

  if (cached == NULL)
    return FALSE;

  if (rehearse_sqlite_next_row (rehearse_reader_get_db (reader), cached->stmt, &local_error))
    {
      settings->interview_date = g_strdup ((const char *) sqlite3_column_text (cached->stmt, 0));
      settings->daily_minutes = (guint) MAX (0, sqlite3_column_int (cached->stmt, 1));
      settings->daily_cards = (guint) MAX (0, sqlite3_column_int (cached->stmt, 2));
      return TRUE;
    }

  return rehearse_sqlite_rows_done (local_error, error);
}

static void
add_id (GArray *ids,
        gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return;

  g_array_append_val (ids, id);
}

static gboolean
read_scope (RehearseReader        *reader,
            RehearsePlanSettings  *settings,
            gboolean              *scoped,
            GError               **error)
{
  g_autoptr(RehearseCachedStatement) cached = rehearse_reader_statement (reader, SCOPE_SQL,
                                                                         error);
  GError *local_error = NULL;
  sqlite3_stmt *stmt;

  if (cached == NULL)
    return FALSE;

  stmt = cached->stmt;
  *scoped = FALSE;
  while (rehearse_sqlite_next_row (rehearse_reader_get_db (reader), stmt, &local_error))
    {
      gboolean whole_deck = sqlite3_column_int (stmt, 0) != 0;

      *scoped = TRUE;
      if (whole_deck && sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        add_id (settings->deck_ids, sqlite3_column_int64 (stmt, 1));
      else if (!whole_deck && sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        add_id (settings->topic_ids, sqlite3_column_int64 (stmt, 2));
    }

  return rehearse_sqlite_rows_done (local_error, error);
}

RehearsePlanSettings *
rehearse_library_read_plan_settings (RehearseReader  *reader,
                                     gboolean        *scoped,
                                     GError         **error)
{
  g_autoptr(RehearsePlanSettings) settings = rehearse_plan_settings_new ();
  gboolean local_scoped;

  if (!read_plan_row (reader, settings, error)
      || !read_scope (reader, settings, scoped != NULL ? scoped : &local_scoped, error))
    return NULL;

  return g_steal_pointer (&settings);
}

RehearsePlanSettings *
rehearse_library_get_plan_settings (RehearseLibrary  *self,
                                    GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  RehearseReader *reader;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&self->reader_lock);
  reader = rehearse_library_get_reader (self, error);
  if (reader == NULL)
    return NULL;

  return rehearse_library_read_plan_settings (reader, NULL, error);
}

/* ---- Writing -------------------------------------------------------------------- */

static gboolean
check_settings (const RehearsePlanSettings  *settings,
                GError                     **error)
{
  GDate date;

  if (settings->interview_date == NULL
      || rehearse_plan_parse_date (settings->interview_date, &date))
    return TRUE;

  g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT,
               _("“%s” is not a date (like 2026-03-01)"), settings->interview_date);
  return FALSE;
}

#define INSERT_SCOPE_SQL \
  "INSERT INTO study_plan_scope (deck_key, topic_title) VALUES (?1, ?2)"
#define DECK_SCOPE_SQL \
  "SELECT deck_key, NULL FROM decks WHERE id = ?1 AND state = 0"
#define TOPIC_SCOPE_SQL \
  "SELECT d.deck_key, t.title FROM topics t JOIN decks d ON d.id = t.deck_id" \
  " WHERE t.id = ?1 AND " REHEARSE_VISIBLE_SQL ("t")

/* Stores deck or topic @id by its key and title; NOT_FOUND when the
 * library shows no such deck or topic. */
static gboolean
insert_scope (RehearseLibrary  *self,
              gboolean          is_topic,
              gint64            id,
              GError          **error)
{
  g_autoptr(RehearseCachedStatement) lookup = NULL;
  g_autoptr(RehearseCachedStatement) insert = NULL;
  gboolean has_row;

  lookup = rehearse_library_statement (self, is_topic ? TOPIC_SCOPE_SQL : DECK_SCOPE_SQL, error);
  if (lookup == NULL)
    return FALSE;

  sqlite3_bind_int64 (lookup->stmt, 1, id);
  if (!rehearse_sqlite_step_row (self->db, lookup->stmt, &has_row, error))
    return FALSE;

  if (!has_row)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_FOUND,
                   is_topic ? _("There is no topic %s in the library")
                            : _("There is no deck %s in the library"),
                   number);
      return FALSE;
    }

  insert = rehearse_library_statement (self, INSERT_SCOPE_SQL, error);
  if (insert == NULL)
    return FALSE;

  /* Bound from the lookup's row, which stays valid until it is reset. */
  sqlite3_bind_value (insert->stmt, 1, sqlite3_column_value (lookup->stmt, 0));
  sqlite3_bind_value (insert->stmt, 2, sqlite3_column_value (lookup->stmt, 1));
  return rehearse_sqlite_step_done (self->db, insert->stmt, error);
}

static gboolean
insert_scopes (RehearseLibrary  *self,
               gboolean          are_topics,
               const GArray     *ids,
               GError          **error)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (!insert_scope (self, are_topics, g_array_index (ids, gint64, i), error))
      return FALSE;

  return TRUE;
}

#define CLEAR_PLAN_SQL "DELETE FROM study_plan_scope; DELETE FROM study_plan;"
#define UPSERT_PLAN_SQL \
  "INSERT OR REPLACE INTO study_plan (id, interview_date, daily_minutes, daily_cards," \
  " updated_at) VALUES (1, ?1, ?2, ?3, ?4)"

static gboolean
write_plan_row (RehearseLibrary             *self,
                const RehearsePlanSettings  *settings,
                GError                     **error)
{
  g_autoptr(RehearseCachedStatement) cached = rehearse_library_statement (self, UPSERT_PLAN_SQL,
                                                                          error);

  if (cached == NULL)
    return FALSE;

  rehearse_bind_text (cached->stmt, 1, settings->interview_date);
  sqlite3_bind_int64 (cached->stmt, 2, settings->daily_minutes);
  sqlite3_bind_int64 (cached->stmt, 3, settings->daily_cards);
  sqlite3_bind_int64 (cached->stmt, 4, rehearse_now_seconds ());
  return rehearse_sqlite_step_done (self->db, cached->stmt, error);
}

static gboolean
write_in_transaction (RehearseLibrary             *self,
                      const RehearsePlanSettings  *settings,
                      GError                     **error)
{
  if (!rehearse_sqlite_exec (self->db, CLEAR_PLAN_SQL, error))
    return FALSE;

  if (settings->interview_date == NULL)
    return TRUE;

  return write_plan_row (self, settings, error)
         && insert_scopes (self, FALSE, settings->deck_ids, error)
         && insert_scopes (self, TRUE, settings->topic_ids, error);
}

gboolean
rehearse_library_write_plan_settings (RehearseLibrary             *self,
                                      const RehearsePlanSettings  *settings,
                                      GError                     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  gboolean ok;

  if (!check_settings (settings, error))
    return FALSE;

  locker = g_rec_mutex_locker_new (&self->lock);
  if (!rehearse_library_begin_write (self, error))
    return FALSE;

  ok = write_in_transaction (self, settings, error);
  return rehearse_library_end_write (self, ok, TRUE, error);
}

gboolean
rehearse_library_set_plan_settings (RehearseLibrary             *self,
                                    const RehearsePlanSettings  *settings,
                                    GError                     **error)
{
  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!rehearse_library_write_plan_settings (self, settings, error))
    return FALSE;

  /* The plan is no question's: views showing it hear of it as of any
   * change. */
  rehearse_library_emit_user_data_changed (self, NULL);
  return TRUE;
}
