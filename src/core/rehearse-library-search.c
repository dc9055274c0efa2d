/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rehearse-error.h"
#include "rehearse-library-private.h"

/* Full-text search, on the read-only connection (rehearse-library-reader.c),
 * built for a word found in most of 100,000 questions:
 *
 *  - Ranking is BM25 as FTS5's bm25() computes it, a match in the
 *    question worth ten in the answer, but by our own function: bm25()
 *    reads every matching row's length from the docsize table (50 ms for
 *    100,000 rows) and, with detail=column, re-tokenizes every row. Here
 *    lengths come from a copy kept in memory and reloaded when the index
 *    changes, and the index's per-column lists say where words occur.
 *  - Each word's document frequency comes from fts5vocab, cached.
 *  - Snippets are cut here, for the rows shown only: FTS5's snippet()
 *    needs the MATCH evaluated again, which for a prefix merges the lists
 *    of every word it starts.
 *
 * The user's notes are searched too, in their own index, and listed
 * first: a match in the user's own words is the most relevant there is,
 * and notes are few, so this costs one small query. A question is listed
 * once: found in its note, it is a note result (snippet from the note)
 * even when its text or answer match as well. */

/* A user's query becomes at most this many words: enough for any real
 * question, and a pasted page cannot make a query of thousands. */
#define MAX_PHRASES 16

/* The prefix indexes hold 2- and 3-letter prefixes: a single letter as a
 * prefix would merge the lists of thousands of words. */
#define MIN_PREFIX_CHARS 2

/* Check for cancellation every this many virtual machine steps. */
#define PROGRESS_STEPS 1000

#define SNIPPET_TOKENS 12
#define ELLIPSIS "…"

#define BM25_K1 1.2
#define BM25_B  0.75

/* The rank of a row in the index that is not to be shown: after every
 * other, so it never takes the place of one. */
#define HIDDEN_RANK G_MAXDOUBLE

/* The index's columns, and how much a match in each weighs. */
enum { COLUMN_TEXT, COLUMN_ANSWER, COLUMN_IN_DEPTH, N_COLUMNS };
static const double column_weights[N_COLUMNS] = { 10.0, 1.0, 1.0 };

/* A word of the query, folded as the index holds it. */
typedef struct
{
  char     *text;
  gboolean  prefix;
  int       end;      /* byte offset in the query just after it */
} Phrase;

typedef struct
{
  gint64 id;
  double rank;
} Hit;

/* ---- Ranking --------------------------------------------------------------- */

typedef struct
{
  int     phrase_count;
  double *idf;             /* per phrase */
  double  average_length;
  guint   hint;            /* where the previous row's length was */
} RankQuery;

static void
rank_query_free (gpointer data)
{
  RankQuery *query = data;

  g_free (query->idf);
  g_free (query);
}

/* The IDF of each phrase arrives as a blob of doubles, the function's
 * argument; the average row length is FTS5's. */
static RankQuery *
rank_query_new (const Fts5ExtensionApi *api,
                Fts5Context            *fts,
                sqlite3_value          *idf,
                int                    *rc)
{
  RankQuery *query = g_new0 (RankQuery, 1);
  sqlite3_int64 rows = 0;
  sqlite3_int64 tokens = 0;

  query->phrase_count = api->xPhraseCount (fts);
  query->idf = g_new0 (double, query->phrase_count);
  for (int i = 0; i < query->phrase_count; i++)
    query->idf[i] = 1.0;
  if (idf != NULL && sqlite3_value_bytes (idf) == query->phrase_count * (int) sizeof (double))
    memcpy (query->idf, sqlite3_value_blob (idf), (gsize) sqlite3_value_bytes (idf));

  *rc = api->xRowCount (fts, &rows);
  if (*rc == SQLITE_OK)
    *rc = api->xColumnTotalSize (fts, -1, &tokens);
  query->average_length = rows > 0 && tokens > 0 ? (double) tokens / (double) rows : 1.0;

  return query;
}

static double
document_length (RehearseReader *reader,
                 RankQuery      *query,
                 gint64          rowid)
{
  const gint64 *ids = (const gint64 *) (gpointer) reader->doc_ids->data;
  guint low = 0;
  guint high = reader->doc_ids->len;

  /* FTS5 visits rows in rowid order: the next row is nearly always the
   * next entry. */
  for (guint i = query->hint; i < query->hint + 2 && i < high; i++)
    if (ids[i] == rowid)
      {
        query->hint = i;
        return g_array_index (reader->doc_lengths, guint32, i);
      }

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (ids[middle] < rowid)
        low = middle + 1;
      else
        high = middle;
    }

  if (low >= reader->doc_ids->len || ids[low] != rowid)
    return query->average_length;

  query->hint = low;
  return g_array_index (reader->doc_lengths, guint32, low);
}

/* The weighted number of columns holding the phrase: with detail=column
 * the index knows where a word occurs, not how often. */
static double
phrase_frequency (const Fts5ExtensionApi *api,
                  Fts5Context            *fts,
                  int                     phrase)
{
  Fts5PhraseIter iter;
  double frequency = 0;
  int column = -1;

  if (api->xPhraseFirstColumn (fts, phrase, &iter, &column) != SQLITE_OK)
    return 0;

  for (; column >= 0; api->xPhraseNextColumn (fts, &iter, &column))
    if (column < N_COLUMNS)
      frequency += column_weights[column];

  return frequency;
}

static RankQuery *
get_rank_query (const Fts5ExtensionApi *api,
                Fts5Context            *fts,
                sqlite3_value          *idf,
                int                    *rc)
{
  RankQuery *query = api->xGetAuxdata (fts, FALSE);

  if (query != NULL)
    return query;

  query = rank_query_new (api, fts, idf, rc);
  if (*rc != SQLITE_OK)
    {
      rank_query_free (query);
      return NULL;
    }

  /* On failure xSetAuxdata() frees the query itself. */
  *rc = api->xSetAuxdata (fts, query, rank_query_free);
  return *rc == SQLITE_OK ? query : NULL;
}

static void
rank_function (const Fts5ExtensionApi  *api,
               Fts5Context             *fts,
               sqlite3_context         *context,
               int                      n_values,
               sqlite3_value          **values)
{
  RehearseReader *reader = api->xUserData (fts);
  sqlite3_int64 rowid = api->xRowid (fts);
  RankQuery *query;
  double length, norm;
  double score = 0;
  int rc = SQLITE_OK;

  if (reader->hidden != NULL && g_hash_table_contains (reader->hidden, &rowid))
    {
      sqlite3_result_double (context, HIDDEN_RANK);
      return;
    }

  query = get_rank_query (api, fts, n_values > 0 ? values[0] : NULL, &rc);
  if (query == NULL)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }

  length = document_length (reader, query, rowid);
  norm = BM25_K1 * (1 - BM25_B + BM25_B * length / query->average_length);

  for (int i = 0; i < query->phrase_count; i++)
    {
      double frequency = phrase_frequency (api, fts, i);

      score += query->idf[i] * frequency * (BM25_K1 + 1) / (frequency + norm);
    }

  /* Lower is better, as with bm25(). */
  sqlite3_result_double (context, -score);
}

/* ---- What is cached per state of the index -------------------------------- */

static GBytes *
read_fingerprint (RehearseReader  *reader,
                  GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GByteArray) fingerprint = g_byte_array_new ();
  g_autoptr(GError) local_error = NULL;

  /* Rows 1 and 10 of FTS5's data table are its averages record (row count
   * and token totals) and its structure record (segments, with a counter
   * of writes): any change to the index changes them. */
  stmt = rehearse_sqlite_prepare (reader->db,
                                  "SELECT block FROM questions_fts_data"
                                  " WHERE id IN (1, 10) ORDER BY id",
                                  error);
  if (stmt == NULL)
    return NULL;

  while (rehearse_sqlite_next_row (reader->db, stmt, &local_error))
    g_byte_array_append (fingerprint, sqlite3_column_blob (stmt, 0),
                         (guint) sqlite3_column_bytes (stmt, 0));

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&fingerprint));
}

/* Sums the column sizes of a docsize row: SQLite varints, one per column. */
static guint32
sum_varints (const guint8 *data,
             int           length)
{
  const guint8 *end = data + length;
  guint64 total = 0;

  while (data < end)
    {
      guint64 value = 0;

      for (int i = 0; i < 9 && data < end; i++)
        {
          guint8 byte = *data++;

          if (i == 8)
            {
              value = (value << 8) | byte;
              break;
            }
          value = (value << 7) | (byte & 0x7f);
          if ((byte & 0x80) == 0)
            break;
        }

      total += value;
    }

  return (guint32) MIN (total, G_MAXUINT32);
}

static gboolean
load_lengths (RehearseReader  *reader,
              GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  stmt = rehearse_sqlite_prepare (reader->db,
                                  "SELECT id, sz FROM questions_fts_docsize ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;

  g_array_set_size (reader->doc_ids, 0);
  g_array_set_size (reader->doc_lengths, 0);
  while (rehearse_sqlite_next_row (reader->db, stmt, &local_error))
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      guint32 length = sum_varints (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));

      g_array_append_val (reader->doc_ids, id);
      g_array_append_val (reader->doc_lengths, length);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static gboolean
refresh_caches (RehearseReader  *reader,
                GError         **error)
{
  g_autoptr(GBytes) fingerprint = read_fingerprint (reader, error);

  if (fingerprint == NULL)
    return FALSE;

  if (reader->fingerprint != NULL && g_bytes_equal (fingerprint, reader->fingerprint))
    return TRUE;

  /* Forget the old fingerprint first: a failed load must not look valid. */
  g_clear_pointer (&reader->fingerprint, g_bytes_unref);
  g_hash_table_remove_all (reader->doc_counts);
  if (!load_lengths (reader, error))
    return FALSE;

  reader->fingerprint = g_steal_pointer (&fingerprint);
  return TRUE;
}

/* Rows an import is staging or retiring are in the index, not to be shown:
 * those of decks with a claim and not in their generation shown. Read at
 * each search (CROSS JOIN: the few decks first, so that without a claim no
 * question is read; with one, a few milliseconds for 10,000 rows). */
#define HIDDEN_ROWS_SQL \
  "SELECT q.id FROM decks d CROSS JOIN questions q ON q.deck_id = d.id" \
  " WHERE d.claim IS NOT NULL AND q.orphaned = 0" \
  " AND (d.state <> 0 OR q.generation <> d.generation)"

static gboolean
load_hidden (RehearseReader  *reader,
             GError         **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;
  g_autoptr(GError) local_error = NULL;

  g_clear_pointer (&reader->hidden, g_hash_table_unref);
  cached = rehearse_reader_statement (reader, HIDDEN_ROWS_SQL, error);
  if (cached == NULL)
    return FALSE;

  while (rehearse_sqlite_next_row (reader->db, cached->stmt, &local_error))
    {
      gint64 id = sqlite3_column_int64 (cached->stmt, 0);

      if (reader->hidden == NULL)
        reader->hidden = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_hash_table_add (reader->hidden, g_memdup2 (&id, sizeof id));
    }

  if (local_error == NULL)
    return TRUE;

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* ---- Document frequencies ------------------------------------------------------ */

static gboolean
count_rows_with_term (RehearseReader  *reader,
                      const Phrase    *phrase,
                      gint64          *count,
                      GError         **error)
{
  sqlite3_stmt *stmt = reader->count_term;
  gboolean found;
  g_autoptr(GError) local_error = NULL;

  rehearse_bind_text (stmt, 1, phrase->text);
  found = rehearse_sqlite_next_row (reader->db, stmt, &local_error);
  *count = found ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);

  if (local_error == NULL)
    return TRUE;

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Sums the rows of each word the prefix starts: a row holding two such
 * words counts twice, which only matters below the point where the IDF
 * stops mattering, so counting stops there (half of all rows). */
static gboolean
count_rows_with_prefix (RehearseReader  *reader,
                        const Phrase    *phrase,
                        gint64           half,
                        gint64          *count,
                        GError         **error)
{
  sqlite3_stmt *stmt = reader->count_prefix;
  g_autofree char *after = g_strconcat (phrase->text, "\xff", NULL);
  g_autoptr(GError) local_error = NULL;

  *count = 0;
  rehearse_bind_text (stmt, 1, phrase->text);
  rehearse_bind_text (stmt, 2, after);
  while (*count < half && rehearse_sqlite_next_row (reader->db, stmt, &local_error))
    *count += sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (local_error == NULL)
    return TRUE;

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
document_frequency (RehearseReader  *reader,
                    const Phrase    *phrase,
                    gint64          *count,
                    GError         **error)
{
  g_autofree char *key = g_strconcat (phrase->text, phrase->prefix ? "*" : "", NULL);
  gint64 rows = reader->doc_ids->len;
  gint64 *cached = g_hash_table_lookup (reader->doc_counts, key);
  gboolean ok;

  /* As a query is typed, its finished words come back at each key. */
  if (cached != NULL)
    {
      *count = *cached;
      return TRUE;
    }

  if (phrase->prefix)
    ok = count_rows_with_prefix (reader, phrase, rows / 2 + 1, count, error);
  else
    ok = count_rows_with_term (reader, phrase, count, error);

  if (ok)
    g_hash_table_insert (reader->doc_counts, g_steal_pointer (&key),
                         g_memdup2 (count, sizeof *count));
  return ok;
}

/* The IDF of each phrase, as bm25() computes it, in a blob for the rank
 * function. A single phrase scales every score alike: it gets none. */
static GBytes *
phrase_idfs (RehearseReader  *reader,
             GArray          *phrases,
             GError         **error)
{
  g_autofree double *idf = g_new (double, phrases->len);
  double rows = reader->doc_ids->len;

  for (guint i = 0; i < phrases->len; i++)
    {
      gint64 count = 0;
      double value;

      if (phrases->len > 1
          && !document_frequency (reader, &g_array_index (phrases, Phrase, i), &count, error))
        return NULL;

      value = log ((rows - MIN (count, rows) + 0.5) / (MIN (count, rows) + 0.5));
      /* A word in most rows would count against them: FTS5 clamps too. */
      idf[i] = phrases->len == 1 ? 1.0 : MAX (value, 1e-6);
    }

  return g_bytes_new_take (g_steal_pointer (&idf), phrases->len * sizeof (double));
}

/* ---- Setting up on the read-only connection ---------------------------------- */

static fts5_api *
get_fts5_api (sqlite3  *db,
              GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  fts5_api *api = NULL;

  stmt = rehearse_sqlite_prepare (db, "SELECT fts5 (?1)", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);

  if (api == NULL)
    g_set_error_literal (error, REHEARSE_ERROR, REHEARSE_ERROR_DATABASE,
                         _("This SQLite has no full-text search (FTS5)"));
  return api;
}

static gboolean
setup_fts5 (RehearseReader  *reader,
            GError         **error)
{
  /* The index's own tokenizer, with its options, splits queries and
   * snippets: a query word is then exactly one token of the index. */
  const char *arguments[] = { "remove_diacritics", "2" };
  fts5_api *api = get_fts5_api (reader->db, error);
  void *tokenizer_data = NULL;
  int rc;

  if (api == NULL)
    return FALSE;

  rc = api->xCreateFunction (api, "rehearse_rank", reader, rank_function, NULL);
  if (rc == SQLITE_OK)
    rc = api->xFindTokenizer (api, "unicode61", &tokenizer_data, &reader->tokenizer_class);
  if (rc == SQLITE_OK)
    rc = reader->tokenizer_class.xCreate (tokenizer_data, arguments, G_N_ELEMENTS (arguments),
                                          &reader->tokenizer);

  if (rc != SQLITE_OK)
    return rehearse_sqlite_error (reader->db, rc, error, _("Could not set up search"));

  return TRUE;
}

static gboolean
prepare_counts (RehearseReader  *reader,
                GError         **error)
{
  /* A temporary table: the connection is read-only, the file untouched. */
  if (!rehearse_sqlite_exec (reader->db,
                             "CREATE VIRTUAL TABLE temp.questions_vocab"
                             " USING fts5vocab (main, questions_fts, row)",
                             error))
    return FALSE;

  reader->count_term = rehearse_sqlite_prepare (reader->db,
                                                "SELECT doc FROM temp.questions_vocab"
                                                " WHERE term = ?1",
                                                error);
  reader->count_prefix = reader->count_term == NULL ? NULL
    : rehearse_sqlite_prepare (reader->db,
                               "SELECT doc FROM temp.questions_vocab"
                               " WHERE term >= ?1 AND term < ?2",
                               error);

  return reader->count_prefix != NULL;
}

gboolean
rehearse_reader_setup_search (RehearseReader  *reader,
                              GError         **error)
{
  reader->doc_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  reader->doc_lengths = g_array_new (FALSE, FALSE, sizeof (guint32));
  reader->doc_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return setup_fts5 (reader, error) && prepare_counts (reader, error);
}

void
rehearse_reader_clear_search (RehearseReader *reader)
{
  if (reader->tokenizer != NULL)
    reader->tokenizer_class.xDelete (reader->tokenizer);
  reader->tokenizer = NULL;
  g_clear_pointer (&reader->count_term, sqlite3_finalize);
  g_clear_pointer (&reader->count_prefix, sqlite3_finalize);
  g_clear_pointer (&reader->fingerprint, g_bytes_unref);
  g_clear_pointer (&reader->doc_ids, g_array_unref);
  g_clear_pointer (&reader->doc_lengths, g_array_unref);
  g_clear_pointer (&reader->doc_counts, g_hash_table_unref);
  g_clear_pointer (&reader->hidden, g_hash_table_unref);
}

/* ---- The query --------------------------------------------------------------- */

static void
phrase_clear (gpointer data)
{
  Phrase *phrase = data;

  g_free (phrase->text);
}

static int
collect_phrase (void       *data,
                int         flags,
                const char *text,
                int         length,
                int         start,
                int         end)
{
  GArray *phrases = data;
  Phrase phrase;

  if ((flags & FTS5_TOKEN_COLOCATED) != 0 || length <= 0)
    return SQLITE_OK;

  if (phrases->len >= MAX_PHRASES)
    return SQLITE_DONE;

  phrase = (Phrase) { g_strndup (text, (gsize) length), FALSE, end };
  g_array_append_val (phrases, phrase);
  return SQLITE_OK;
}

/* Any input becomes words as the index knows them (folded, accents
 * removed), never FTS5 syntax: "NEAR(", "-x" or a lone quote are words or
 * nothing. The last word is a prefix while it is being typed, that is when
 * the query ends with it. */
static GArray *
parse_query (RehearseReader *reader,
             const char     *query)
{
  g_autofree char *valid = g_utf8_make_valid (query, -1);
  GArray *phrases = g_array_new (FALSE, FALSE, sizeof (Phrase));
  int length = (int) strlen (valid);
  Phrase *last;

  g_array_set_clear_func (phrases, phrase_clear);
  reader->tokenizer_class.xTokenize (reader->tokenizer, phrases, FTS5_TOKENIZE_QUERY, valid,
                                     length, collect_phrase);

  if (phrases->len == 0)
    return phrases;

  last = &g_array_index (phrases, Phrase, phrases->len - 1);
  last->prefix = last->end == length && g_utf8_strlen (last->text, -1) >= MIN_PREFIX_CHARS;
  return phrases;
}

/* Quoted words joined by AND: each a string to FTS5, whatever it holds. */
static char *
build_match (GArray *phrases)
{
  GString *match = g_string_new (NULL);

  for (guint i = 0; i < phrases->len; i++)
    {
      const Phrase *phrase = &g_array_index (phrases, Phrase, i);

      g_string_append (match, i > 0 ? " AND \"" : "\"");
      for (const char *c = phrase->text; *c != '\0'; c++)
        {
          if (*c == '"')
            g_string_append_c (match, '"');
          g_string_append_c (match, *c);
        }
      g_string_append (match, phrase->prefix ? "\"*" : "\"");
    }

  return g_string_free (match, FALSE);
}

static gboolean
rank_matches (RehearseReader  *reader,
              const char      *match,
              GBytes          *idf,
              guint            limit,
              GArray          *hits,
              GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize idf_size;
  gconstpointer idf_data = g_bytes_get_data (idf, &idf_size);

  stmt = rehearse_sqlite_prepare (reader->db,
                                  "SELECT rowid, rehearse_rank (questions_fts, ?3) AS score"
                                  " FROM questions_fts WHERE questions_fts MATCH ?1"
                                  " ORDER BY score LIMIT ?2",
                                  error);
  if (stmt == NULL)
    return FALSE;

  rehearse_bind_text (stmt, 1, match);
  sqlite3_bind_int64 (stmt, 2, limit);
  sqlite3_bind_blob (stmt, 3, idf_data, (int) idf_size, SQLITE_STATIC);
  while (rehearse_sqlite_next_row (reader->db, stmt, &local_error))
    {
      Hit hit = { sqlite3_column_int64 (stmt, 0), sqlite3_column_double (stmt, 1) };

      g_array_append_val (hits, hit);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/* ---- Snippets ---------------------------------------------------------------- */

typedef struct
{
  int start;     /* byte offsets in the column's text */
  int end;
  int phrase;    /* the phrase it matches, or -1 */
} SnippetToken;

typedef struct
{
  GArray *phrases;
  GArray *tokens;   /* SnippetToken */
} Tokenized;

static int
matching_phrase (GArray     *phrases,
                 const char *text,
                 int         length)
{
  for (guint i = 0; i < phrases->len; i++)
    {
      const Phrase *phrase = &g_array_index (phrases, Phrase, i);
      int phrase_length = (int) strlen (phrase->text);

      if ((phrase->prefix ? phrase_length <= length : phrase_length == length)
          && memcmp (text, phrase->text, (gsize) phrase_length) == 0)
        return (int) i;
    }

  return -1;
}

static int
collect_snippet_token (void       *data,
                       int         flags,
                       const char *text,
                       int         length,
                       int         start,
                       int         end)
{
  Tokenized *tokenized = data;
  SnippetToken token = { start, end, matching_phrase (tokenized->phrases, text, length) };

  if ((flags & FTS5_TOKEN_COLOCATED) == 0)
    g_array_append_val (tokenized->tokens, token);

  return SQLITE_OK;
}

typedef struct
{
  guint start;
  guint score;
} Window;

/* As FTS5's snippet(): a window of SNIPPET_TOKENS tokens scores 1000 for
 * each phrase it holds and 1 for each repeat; the best one is then moved
 * back to put its matches in the middle. */
static Window
best_window (GArray *tokens)
{
  const SnippetToken *token = (const SnippetToken *) (gpointer) tokens->data;
  Window best = { 0, 0 };

  for (guint i = 0; i < tokens->len; i++)
    {
      guint32 seen = 0;
      guint score = 0;
      guint last = i;

      if (token[i].phrase < 0)
        continue;

      for (guint j = i; j < tokens->len && j < i + SNIPPET_TOKENS; j++)
        if (token[j].phrase >= 0)
          {
            score += (seen & (1u << token[j].phrase)) != 0 ? 1 : 1000;
            seen |= 1u << token[j].phrase;
            last = j;
          }

      if (score > best.score)
        best = (Window) { i - MIN (i, (SNIPPET_TOKENS - 1 - (last - i)) / 2), score };
    }

  if (best.start + SNIPPET_TOKENS > tokens->len)
    best.start = tokens->len > SNIPPET_TOKENS ? tokens->len - SNIPPET_TOKENS : 0;

  return best;
}

static char *
format_snippet (const char *text,
                GArray     *tokens,
                guint       start)
{
  const SnippetToken *token = (const SnippetToken *) (gpointer) tokens->data;
  guint end = MIN (start + SNIPPET_TOKENS, tokens->len);
  GString *snippet = g_string_new (start > 0 ? ELLIPSIS : "");
  int from = start > 0 ? token[start].start : 0;

  for (guint i = start; i < end; i++)
    {
      if (token[i].phrase < 0)
        continue;

      g_string_append_len (snippet, text + from, token[i].start - from);
      g_string_append (snippet, REHEARSE_MATCH_START);
      g_string_append_len (snippet, text + token[i].start, token[i].end - token[i].start);
      g_string_append (snippet, REHEARSE_MATCH_END);
      from = token[i].end;
    }

  if (end < tokens->len)
    {
      g_string_append_len (snippet, text + from, token[end - 1].end - from);
      g_string_append (snippet, ELLIPSIS);
    }
  else
    {
      g_string_append (snippet, text + from);
    }

  return g_string_free (snippet, FALSE);
}

static GArray *
tokenize (RehearseReader *reader,
          GArray         *phrases,
          const char     *text)
{
  Tokenized tokenized = { phrases, g_array_new (FALSE, FALSE, sizeof (SnippetToken)) };

  reader->tokenizer_class.xTokenize (reader->tokenizer, &tokenized, FTS5_TOKENIZE_DOCUMENT, text,
                                     (int) strlen (text), collect_snippet_token);
  return tokenized.tokens;
}

/* Whether @line (after its indentation) opens or closes a fenced code
 * block: three or more backticks or tildes. */
static gboolean
is_fence (const char *line)
{
  while (*line == ' ' || *line == '\t')
    line++;

  return g_str_has_prefix (line, "```") || g_str_has_prefix (line, "~~~");
}

/* @text with each code fence line blanked, the same length (offsets of
 * the rest hold): "```bash" is markup, and a snippet that read "bash
 * docker run" would show its language as if it were text. */
static char *
blank_code_fences (const char *text)
{
  char *blanked = g_strdup (text);

  for (char *line = blanked; line != NULL && *line != '\0';)
    {
      char *end = strchr (line, '\n');

      if (is_fence (line))
        memset (line, ' ', end != NULL ? (gsize) (end - line) : strlen (line));
      line = end != NULL ? end + 1 : NULL;
    }

  return blanked;
}

/* The best window of any column. On a tie the answer comes first: the
 * question's text is shown above the snippet anyway. */
static char *
make_snippet (RehearseReader     *reader,
              GArray             *phrases,
              const char * const  columns[N_COLUMNS])
{
  static const int preference[] = { COLUMN_ANSWER, COLUMN_IN_DEPTH, COLUMN_TEXT };
  g_autoptr(GArray) best_tokens = NULL;
  g_autofree char *best_text = NULL;
  Window best = { 0, 0 };

  for (guint i = 0; i < G_N_ELEMENTS (preference); i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(GArray) tokens = NULL;
      Window window;

      if (columns[preference[i]] == NULL)
        continue;

      text = blank_code_fences (columns[preference[i]]);
      tokens = tokenize (reader, phrases, text);
      window = best_window (tokens);
      if (best_tokens == NULL || window.score > best.score)
        {
          g_clear_pointer (&best_tokens, g_array_unref);
          g_clear_pointer (&best_text, g_free);
          best_tokens = g_steal_pointer (&tokens);
          best_text = g_steal_pointer (&text);
          best = window;
        }
    }

  if (best_text == NULL)
    return g_strdup ("");
  return format_snippet (best_text, best_tokens, best.start);
}

static gboolean
is_word_char (const char *c)
{
  return g_ascii_isalnum (*c) || (guchar) *c >= 0x80;
}

static gboolean
is_marker (char c)
{
  return c == REHEARSE_MATCH_START[0] || c == REHEARSE_MATCH_END[0];
}

/* An underscore between two word characters belongs to a name
 * (max_connections); elsewhere it is emphasis. */
static gboolean
underscore_in_word (const char *start,
                    const char *c)
{
  const char *before = c;
  const char *after = c + 1;

  while (before > start && is_marker (before[-1]))
    before--;
  while (is_marker (*after))
    after++;

  return before > start && is_word_char (before - 1) && is_word_char (after);
}

/* Snippets are cut from raw Markdown: drop its emphasis, code and
 * heading/quote marks and fold line breaks, keep the match markers. */
static char *
clean_snippet (const char *raw)
{
  GString *clean = g_string_new (NULL);
  gboolean line_start = TRUE;
  gboolean pending_space = FALSE;

  for (const char *c = raw; *c != '\0'; c++)
    {
      if (g_ascii_isspace (*c))
        {
          pending_space = clean->len > 0;
          line_start = line_start || *c == '\n';
          continue;
        }

      if (*c == '*' || *c == '`' || (line_start && (*c == '#' || *c == '>'))
          || (*c == '_' && !underscore_in_word (raw, c)))
        continue;

      if (pending_space)
        g_string_append_c (clean, ' ');
      g_string_append_c (clean, *c);
      pending_space = FALSE;
      line_start = FALSE;
    }

  return g_string_free (clean, FALSE);
}

/* ---- Results ------------------------------------------------------------------ */

static char *
hits_to_json (GArray *hits)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < hits->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (hits, Hit, i).id);
  g_string_append_c (json, ']');

  return g_string_free (json, FALSE);
}

/* The hits' positions by row id: rows come back in rowid order. */
static GHashTable *
index_hits (GArray *hits)
{
  GHashTable *positions = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < hits->len; i++)
    g_hash_table_insert (positions, &g_array_index (hits, Hit, i).id, GUINT_TO_POINTER (i));

  return positions;
}

static RehearseSearchResult *
result_from_row (RehearseReader *reader,
                 GArray         *phrases,
                 sqlite3_stmt   *stmt,
                 double          rank)
{
  g_autoptr(RehearseQuestion) question = rehearse_question_new_from_statement (stmt, FALSE);
  const char *columns[N_COLUMNS] = {
    [COLUMN_TEXT] = (const char *) sqlite3_column_text (stmt, 5),
    [COLUMN_ANSWER] = (const char *) sqlite3_column_text (stmt, 8),
    [COLUMN_IN_DEPTH] = (const char *) sqlite3_column_text (stmt, 9),
  };
  g_autofree char *snippet = make_snippet (reader, phrases, columns);
  g_autofree char *clean = clean_snippet (snippet);

  return rehearse_search_result_new (question, clean, rank);
}

static void
clear_result (gpointer result)
{
  if (result != NULL)
    g_object_unref (result);
}

static void
append_in_rank_order (GListStore *results,
                      GPtrArray  *by_position)
{
  /* A hit without its row was orphaned meanwhile: it is left out. */
  for (guint i = 0; i < by_position->len; i++)
    if (g_ptr_array_index (by_position, i) != NULL)
      g_list_store_append (results, g_ptr_array_index (by_position, i));
}

static gboolean
fetch_results (RehearseReader  *reader,
               GArray          *phrases,
               GArray          *hits,
               GListStore      *results,
               GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) positions = index_hits (hits);
  g_autoptr(GPtrArray) by_position = g_ptr_array_new_full (hits->len, clear_result);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *ids = hits_to_json (hits);

  stmt = rehearse_sqlite_prepare (reader->db,
                                  "SELECT " REHEARSE_QUESTION_FULL_COLUMNS
                                  " FROM questions q LEFT JOIN topics t ON t.id = q.topic_id"
                                  " WHERE q.id IN (SELECT value FROM json_each (?1))"
                                  " AND q.orphaned = 0 AND " REHEARSE_VISIBLE_SQL ("q"),
                                  error);
  if (stmt == NULL)
    return FALSE;

  rehearse_bind_text (stmt, 1, ids);
  g_ptr_array_set_size (by_position, (gint) hits->len);

  while (rehearse_sqlite_next_row (reader->db, stmt, &local_error))
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      guint i = GPOINTER_TO_UINT (g_hash_table_lookup (positions, &id));
      double rank = g_array_index (hits, Hit, i).rank;

      g_ptr_array_index (by_position, i) = result_from_row (reader, phrases, stmt, rank);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  append_in_rank_order (results, by_position);
  return TRUE;
}

/* ---- Notes --------------------------------------------------------------------- */

/* Notes of live questions only, as questions are; bm25() is fine here:
 * its cost grows with the matching rows, and notes are few. */
#define NOTE_MATCHES_SQL \
  "SELECT " REHEARSE_QUESTION_SUMMARY_COLUMNS ", n.body, m.score" \
  " FROM (SELECT rowid AS note_id, bm25 (notes_fts) AS score FROM notes_fts" \
  "       WHERE notes_fts MATCH ?1) m" \
  " JOIN notes n ON n.id = m.note_id" \
  " JOIN questions q ON q.question_key = n.question_key" \
  " LEFT JOIN topics t ON t.id = q.topic_id" \
  " WHERE q.orphaned = 0 AND " REHEARSE_VISIBLE_SQL ("q") \
  " ORDER BY m.score, n.updated_at DESC, n.id DESC LIMIT ?2"

static RehearseSearchResult *
note_result_from_row (RehearseReader *reader,
                      GArray         *phrases,
                      sqlite3_stmt   *stmt)
{
  g_autoptr(RehearseQuestion) question = rehearse_question_new_from_statement (stmt, FALSE);
  double rank = sqlite3_column_double (stmt, REHEARSE_QUESTION_SUMMARY_N_COLUMNS + 1);
  g_autofree char *body = blank_code_fences ((const char *) sqlite3_column_text (
    stmt, REHEARSE_QUESTION_SUMMARY_N_COLUMNS));
  g_autoptr(GArray) tokens = tokenize (reader, phrases, body);
  g_autofree char *snippet = format_snippet (body, tokens, best_window (tokens).start);
  g_autofree char *clean = clean_snippet (snippet);
  RehearseSearchResult *result = rehearse_search_result_new (question, clean, rank);

  rehearse_search_result_set_in_note (result, TRUE);
  return result;
}

/* Appends the best note matches and notes their questions' ids. */
static gboolean
search_notes (RehearseReader  *reader,
              GArray          *phrases,
              const char      *match,
              guint            limit,
              GListStore      *results,
              GHashTable      *note_ids,
              GError         **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;
  g_autoptr(GError) local_error = NULL;

  cached = rehearse_reader_statement (reader, NOTE_MATCHES_SQL, error);
  if (cached == NULL)
    return FALSE;

  rehearse_bind_text (cached->stmt, 1, match);
  sqlite3_bind_int64 (cached->stmt, 2, limit);
  while (rehearse_sqlite_next_row (reader->db, cached->stmt, &local_error))
    {
      g_autoptr(RehearseSearchResult) result = NULL;
      gint64 id = sqlite3_column_int64 (cached->stmt, 0);

      result = note_result_from_row (reader, phrases, cached->stmt);
      g_hash_table_add (note_ids, g_memdup2 (&id, sizeof id));
      g_list_store_append (results, result);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/* Drops the hits already listed for their note, and those beyond what
 * the list has room for. */
static void
drop_listed_hits (GArray     *hits,
                  GHashTable *note_ids,
                  guint       room)
{
  guint kept = 0;

  for (guint i = 0; i < hits->len && kept < room; i++)
    {
      Hit hit = g_array_index (hits, Hit, i);

      if (!g_hash_table_contains (note_ids, &hit.id))
        g_array_index (hits, Hit, kept++) = hit;
    }

  g_array_set_size (hits, kept);
}

/* ---- Checking the ranking against bm25() ---------------------------------- */

/* The ranking reads what FTS5 does not document: the row lengths in its
 * docsize table and, to know when they changed, its averages and structure
 * records. meson.build pins the SQLite versions that lay them out as read
 * here; this check proves it for the SQLite actually loaded, on a small
 * index of the same kind, where rank_function() and bm25() must agree to
 * the last digits: no word occurs twice in a column, and every query has
 * two whole words or more (for one word, or a prefix, the two differ by
 * design, see phrase_idfs() and phrase_frequency()). */

static const char * const check_rows[][N_COLUMNS] = {
  { "How does a container differ from an image?", "An image is read-only.", NULL },
  { "What is a volume?", "Storage that outlives every container using it.",
    "Named volumes are managed by the engine; bind mounts are host paths." },
  { "Why pin an image digest?", "A tag moves, a digest never does.", "Builds repeat." },
  { "What does the network driver do?", "It connects a container to others.", NULL },
  { "How are layers cached?", "Each instruction makes a layer, reused while its inputs stay.",
    "Order instructions from rarely to often changed, so the image rebuilds quickly." },
};

/* Whole words: the trailing space ends the last one. */
static const char * const check_queries[] = {
  "container image ",
  "image digest tag ",
  "layer instruction ",
  "volume container storage ",
  "a container ",
};

static gboolean
check_failed (GError     **error,
              const char  *what)
{
  g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_DATABASE,
               _("Search cannot rank with SQLite %s, whose full-text index is not laid out as "
                 "Rehearse reads it (%s)"),
               sqlite3_libversion (), what);
  return FALSE;
}

static gboolean
fill_check_index (sqlite3  *db,
                  GError  **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;

  /* The library's index, with its content in itself: the records read are
   * the same either way. */
  if (!rehearse_sqlite_exec (db,
                             "CREATE VIRTUAL TABLE questions_fts USING fts5 ("
                             "  text, answer, in_depth,"
                             "  tokenize = 'unicode61 remove_diacritics 2',"
                             "  prefix = '2 3', detail = column)",
                             error))
    return FALSE;

  insert = rehearse_sqlite_prepare (db, "INSERT INTO questions_fts VALUES (?1, ?2, ?3)", error);
  if (insert == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (check_rows); i++)
    {
      for (int column = 0; column < N_COLUMNS; column++)
        rehearse_bind_text (insert, column + 1, check_rows[i][column]);
      if (!rehearse_sqlite_step_done (db, insert, error))
        return FALSE;
      sqlite3_reset (insert);
    }

  return TRUE;
}

/* bm25()'s score of every row @match finds, by rowid. */
static GHashTable *
bm25_scores (sqlite3      *db,
             const char   *match,
             const double  weights[N_COLUMNS],
             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) scores = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        g_free);
  g_autoptr(GError) local_error = NULL;

  stmt = rehearse_sqlite_prepare (db,
                                  "SELECT rowid, bm25 (questions_fts, ?2, ?3, ?4)"
                                  " FROM questions_fts WHERE questions_fts MATCH ?1",
                                  error);
  if (stmt == NULL)
    return NULL;

  rehearse_bind_text (stmt, 1, match);
  for (int column = 0; column < N_COLUMNS; column++)
    sqlite3_bind_double (stmt, column + 2, weights[column]);
  while (rehearse_sqlite_next_row (db, stmt, &local_error))
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      double score = sqlite3_column_double (stmt, 1);

      g_hash_table_insert (scores, g_memdup2 (&rowid, sizeof rowid),
                           g_memdup2 (&score, sizeof score));
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&scores);
}

static gboolean
hits_agree (GArray     *hits,
            GHashTable *scores)
{
  if (hits->len == 0 || hits->len != g_hash_table_size (scores))
    return FALSE;

  for (guint i = 0; i < hits->len; i++)
    {
      const Hit *hit = &g_array_index (hits, Hit, i);
      const double *score = g_hash_table_lookup (scores, &hit->id);

      if (score == NULL || fabs (*score - hit->rank) > 1e-9 * MAX (1.0, fabs (*score)))
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_query (RehearseReader  *reader,
             const char      *query,
             const double     weights[N_COLUMNS],
             GError         **error)
{
  g_autoptr(GArray) phrases = parse_query (reader, query);
  g_autofree char *match = build_match (phrases);
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  g_autoptr(GHashTable) scores = NULL;
  g_autoptr(GBytes) idf = NULL;
  g_autofree char *words = NULL;
  g_autofree char *what = NULL;

  idf = phrase_idfs (reader, phrases, error);
  if (idf == NULL || !rank_matches (reader, match, idf, G_N_ELEMENTS (check_rows), hits, error))
    return FALSE;

  scores = bm25_scores (reader->db, match, weights, error);
  if (scores == NULL)
    return FALSE;

  if (hits_agree (hits, scores))
    return TRUE;

  words = g_strstrip (g_strdup (query));
  what = g_strdup_printf (_("its bm25() ranks “%s” otherwise"), words);
  return check_failed (error, what);
}

/* Any write to the index must change what the caches were read from. */
static gboolean
check_fingerprint_follows (RehearseReader  *reader,
                           GError         **error)
{
  g_autoptr(GBytes) before = read_fingerprint (reader, error);
  g_autoptr(GBytes) after = NULL;

  if (before == NULL
      || !rehearse_sqlite_exec (reader->db,
                                "INSERT INTO questions_fts VALUES ('One more?', 'Yes.', NULL)",
                                error))
    return FALSE;

  after = read_fingerprint (reader, error);
  if (after == NULL)
    return FALSE;

  if (g_bytes_get_size (before) > 0 && !g_bytes_equal (before, after))
    return TRUE;

  return check_failed (error, _("a write to the index left its averages and structure records "
                                "as they were"));
}

static gboolean
check_ranking_on (RehearseReader  *reader,
                  const double     weights[N_COLUMNS],
                  GError         **error)
{
  if (!fill_check_index (reader->db, error)
      || !rehearse_reader_setup_search (reader, error)
      || !refresh_caches (reader, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (check_queries); i++)
    if (!check_query (reader, check_queries[i], weights, error))
      return FALSE;

  return check_fingerprint_follows (reader, error);
}

gboolean
rehearse_search_check_ranking (const double   weights[3],
                               GError       **error)
{
  RehearseReader reader = { 0, };
  gboolean ok;
  int rc;

  G_STATIC_ASSERT (N_COLUMNS == 3);

  rc = sqlite3_open_v2 (":memory:", &reader.db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    ok = rehearse_sqlite_error (reader.db, rc, error, _("Could not set up search"));
  else
    ok = check_ranking_on (&reader, weights, error);

  rehearse_reader_clear_search (&reader);
  sqlite3_close (reader.db);
  return ok;
}

static gpointer
check_ranking_once (gpointer data)
{
  GError *error = NULL;

  rehearse_search_check_ranking (column_weights, &error);
  return error;
}

/* Once per process: the answer depends on the SQLite loaded, not on the
 * library. A failure fails every search, never lists or questions. */
static gboolean
ranking_checked (GError **error)
{
  static GOnce once = G_ONCE_INIT;
  GError *failure = g_once (&once, check_ranking_once, NULL);

  if (failure == NULL)
    return TRUE;

  g_propagate_error (error, g_error_copy (failure));
  return FALSE;
}

/* ---- Searching ----------------------------------------------------------------- */

static gboolean
search_snapshot (RehearseReader  *reader,
                 GArray          *phrases,
                 guint            limit,
                 GListStore      *results,
                 GError         **error)
{
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  g_autoptr(GHashTable) note_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                          NULL);
  g_autofree char *match = build_match (phrases);
  g_autoptr(GBytes) idf = NULL;
  guint room;

  if (!search_notes (reader, phrases, match, limit, results, note_ids, error))
    return FALSE;

  room = limit - g_list_model_get_n_items (G_LIST_MODEL (results));
  if (room == 0)
    return TRUE;

  if (!refresh_caches (reader, error) || !load_hidden (reader, error))
    return FALSE;

  /* Still @limit hits: those listed for their note are among the best
   * question hits or not, and the list must fill either way. */
  idf = phrase_idfs (reader, phrases, error);
  if (idf == NULL || !rank_matches (reader, match, idf, limit, hits, error))
    return FALSE;

  drop_listed_hits (hits, note_ids, room);
  return fetch_results (reader, phrases, hits, results, error);
}

static gboolean
run_search (RehearseReader  *reader,
            GArray          *phrases,
            guint            limit,
            GListStore      *results,
            GError         **error)
{
  gboolean ok;

  /* One read transaction: lengths, ranks and rows all of one snapshot,
   * whatever an import commits meanwhile. */
  if (!rehearse_sqlite_exec (reader->db, "BEGIN", error))
    return FALSE;

  ok = search_snapshot (reader, phrases, limit, results, error);

  /* Nothing was written: ending the transaction either way is the same,
   * and an interrupt may have ended it already. */
  sqlite3_exec (reader->db, "ROLLBACK", NULL, NULL, NULL);
  return ok;
}

static int
progress_cancelled (void *data)
{
  return g_cancellable_is_cancelled (data) ? 1 : 0;
}

static gboolean
search_locked (RehearseLibrary  *self,
               const char       *query,
               guint             limit,
               GCancellable     *cancellable,
               GListStore       *results,
               GError          **error)
{
  g_autoptr(GArray) phrases = NULL;
  gboolean ok;

  if (rehearse_library_get_reader (self, error) == NULL)
    return FALSE;

  phrases = parse_query (self->reader, query);
  if (phrases->len == 0 || limit == 0)
    return TRUE;

  if (cancellable != NULL)
    sqlite3_progress_handler (self->reader->db, PROGRESS_STEPS, progress_cancelled, cancellable);

  ok = run_search (self->reader, phrases, limit, results, error);

  sqlite3_progress_handler (self->reader->db, 0, NULL, NULL);
  return ok;
}

GListModel *
rehearse_library_search (RehearseLibrary  *self,
                         const char       *query,
                         guint             limit,
                         GCancellable     *cancellable,
                         GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GListStore) results = NULL;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error) || !ranking_checked (error))
    return NULL;

  results = g_list_store_new (REHEARSE_TYPE_SEARCH_RESULT);
  locker = g_mutex_locker_new (&self->reader_lock);
  if (!search_locked (self, query, limit, cancellable, results, error))
    return NULL;

  return G_LIST_MODEL (g_steal_pointer (&results));
}

typedef struct
{
  char  *query;
  guint  limit;
} SearchData;

static void
search_data_free (gpointer data)
{
  SearchData *search_data = data;

  g_free (search_data->query);
  g_free (search_data);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchData *data = task_data;
  GError *error = NULL;
  GListModel *results;

  results = rehearse_library_search (source_object, data->query, data->limit, cancellable,
                                     &error);
  if (results == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, results, g_object_unref);
}

void
rehearse_library_search_async (RehearseLibrary     *self,
                               const char          *query,
                               guint                limit,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SearchData *data;

  g_return_if_fail (REHEARSE_IS_LIBRARY (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (SearchData, 1);
  data->query = g_strdup (query);
  data->limit = limit;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rehearse_library_search_async);
  g_task_set_task_data (task, data, search_data_free);
  g_task_run_in_thread (task, search_thread);
}

GListModel *
rehearse_library_search_finish (RehearseLibrary  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
