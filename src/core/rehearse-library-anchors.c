/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "rehearse-library-private.h"

/* Places inside a deck, as its file links to them: "#what-is-a-pod" is the
 * question "What is a Pod?", "#kubernetes-101" the topic "Kubernetes 101"
 * (GitHub's heading anchors); and the folder of the deck's file, where its
 * local images are. */

/* GitHub's rule: lower case, letters, digits, '-' and '_' kept, spaces
 * made '-', everything else (punctuation, emoji, Markdown marks) dropped. */
char *
rehearse_heading_slug (const char *heading)
{
  g_autofree char *lower = NULL;
  GString *slug;

  g_return_val_if_fail (heading != NULL, NULL);

  lower = g_utf8_strdown (heading, -1);
  slug = g_string_sized_new (strlen (lower));
  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ')
        g_string_append_c (slug, '-');
      else if (c == '-' || c == '_' || g_unichar_isalnum (c) || g_unichar_ismark (c))
        g_string_append_unichar (slug, c);
    }
  return g_string_free (slug, FALSE);
}

static gboolean
question_matches (const char *anchor,
                  const char *text,
                  int         number)
{
  g_autofree char *slug = rehearse_heading_slug (text);
  g_autofree char *numbered = NULL;
  g_autofree char *numbered_slug = NULL;

  if (strcmp (slug, anchor) == 0)
    return TRUE;
  if (number < 0)
    return FALSE;
  /* "1. What is React?" is "#1-what-is-react". */
  numbered = g_strdup_printf ("%d. %s", number, text);
  numbered_slug = rehearse_heading_slug (numbered);
  return strcmp (numbered_slug, anchor) == 0;
}

/* "#Caf%C3%A9" is "café"; NULL when nothing valid is left. */
static char *
unescape_anchor (const char *anchor)
{
  g_autofree char *unescaped = g_uri_unescape_string (anchor[0] == '#' ? anchor + 1 : anchor,
                                                      NULL);

  if (unescaped == NULL || *unescaped == '\0' || !g_utf8_validate (unescaped, -1, NULL))
    return NULL;
  return g_utf8_strdown (unescaped, -1);
}

/* The question of @deck_id whose heading @anchor names, or the first
 * question of the topic it names; 0 when it names neither. */
gint64
rehearse_library_find_anchor (RehearseLibrary  *self,
                              gint64            deck_id,
                              const char       *anchor,
                              GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(RehearseCachedStatement) cached = NULL;
  g_autofree char *wanted = NULL;
  RehearseReader *reader;
  gint64 topic_question = 0;
  gboolean has_row;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), 0);
  g_return_val_if_fail (anchor != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  wanted = unescape_anchor (anchor);
  if (wanted == NULL)
    return 0;

  locker = g_mutex_locker_new (&self->reader_lock);
  reader = rehearse_library_get_reader (self, error);
  cached = reader != NULL
           ? rehearse_reader_statement (reader,
                                        "SELECT q.id, q.text, q.number, t.title"
                                        " FROM questions q LEFT JOIN topics t"
                                        " ON t.id = q.topic_id"
                                        " WHERE q.deck_id = ?1 AND q.orphaned = 0"
                                        " AND " REHEARSE_VISIBLE_SQL ("q")
                                        " ORDER BY q.position",
                                        error)
           : NULL;
  if (cached == NULL)
    return 0;

  sqlite3_bind_int64 (cached->stmt, 1, deck_id);
  while (rehearse_sqlite_step_row (rehearse_reader_get_db (reader), cached->stmt, &has_row,
                                   error) && has_row)
    {
      gint64 id = sqlite3_column_int64 (cached->stmt, 0);
      const char *text = (const char *) sqlite3_column_text (cached->stmt, 1);
      int number = sqlite3_column_type (cached->stmt, 2) == SQLITE_NULL
                   ? -1 : sqlite3_column_int (cached->stmt, 2);
      const char *topic = (const char *) sqlite3_column_text (cached->stmt, 3);

      if (text != NULL && question_matches (wanted, text, number))
        return id;
      if (topic_question == 0 && topic != NULL)
        {
          g_autofree char *topic_slug = rehearse_heading_slug (topic);

          if (strcmp (topic_slug, wanted) == 0)
            topic_question = id;
        }
    }
  return topic_question;
}

/* The folder of the file @deck_id was imported from, or NULL when it is
 * not known (a deck imported from standard input). */
char *
rehearse_library_get_deck_folder (RehearseLibrary  *self,
                                  gint64            deck_id,
                                  GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(RehearseCachedStatement) cached = NULL;
  RehearseReader *reader;
  const char *path;
  gboolean has_row = FALSE;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&self->reader_lock);
  reader = rehearse_library_get_reader (self, error);
  cached = reader != NULL
           ? rehearse_reader_statement (reader,
                                        "SELECT path FROM sources WHERE deck_id = ?1"
                                        " ORDER BY position LIMIT 1",
                                        error)
           : NULL;
  if (cached == NULL)
    return NULL;

  sqlite3_bind_int64 (cached->stmt, 1, deck_id);
  if (!rehearse_sqlite_step_row (rehearse_reader_get_db (reader), cached->stmt, &has_row, error)
      || !has_row)
    return NULL;

  path = (const char *) sqlite3_column_text (cached->stmt, 0);
  if (path == NULL || *path == '\0' || !g_path_is_absolute (path))
    return NULL;
  return g_path_get_dirname (path);
}
