/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "rehearse-error.h"
#include "rehearse-importer.h"
#include "rehearse-notes-file.h"
#include "test-library-support.h"

/* The notes file: exact round trips of every awkward note, the readable
 * shape pinned by a golden file, a Windows-edited fixture, every error
 * naming the file, and damaged input that must fail cleanly. */

#define DISPLAY_NAME "my-notes.md"

static GPtrArray *
parse_string (const char *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = rehearse_notes_file_parse (text, strlen (text), DISPLAY_NAME, &error);

  g_assert_no_error (error);
  return entries;
}

static GPtrArray *
round_trip (GPtrArray *entries)
{
  g_autofree char *text = rehearse_notes_file_format (entries);

  /* Exports are LF-only whatever the notes held. */
  g_assert_null (strchr (text, '\r'));
  return parse_string (text);
}

/* Each entry is a case the format has to survive. */
static GPtrArray *
awkward_entries (void)
{
  GPtrArray *entries = test_entries_new ();

#define ADD(...) g_ptr_array_add (entries, test_entry_new (__VA_ARGS__))
  ADD ("docker/301", "301. What is a Docker image?", TRUE, 1700000000, "asked at ACME",
       "A template.\n", 1700000100);
  ADD ("docker/302", "302. No trailing newline", FALSE, 0, NULL, "No newline at the end", 5);
  ADD ("docker/303", "303. Many trailing newlines", FALSE, 0, NULL, "Three\n\n\n", 6);
  ADD ("docker/304", "304. Empty note", FALSE, 0, NULL, "", 7);
  ADD ("docker/305", "305. Blank note", FALSE, 0, NULL, "  \n\t\n ", 8);
  ADD ("docker/306", "306. Leading blank lines", FALSE, 0, NULL, "\n\nAfter two blank lines", 9);
  ADD ("docker/307", "307. Empty label", TRUE, 10, "", NULL, 0);
  ADD ("docker/308", "308. No label", TRUE, 11, NULL, NULL, 0);
  ADD ("docker/309", "309. Nothing at all", FALSE, 0, NULL, NULL, 0);
  ADD ("docker/310", NULL, TRUE, 12, "no question text", "Text is NULL", 13);
  ADD ("docker/311", "", FALSE, 0, NULL, "Text is empty", 14);
  ADD ("日本/🐳 key with spaces", "🐳 Qu’est-ce qu’une **image** ? 日本語", TRUE, 15,
       "état 🚀", "Émoji 🎉 and ünïcödé\n日本語のメモ\n", 16);
  ADD ("docker/312", "312. Markers in the note", TRUE, 17, "l",
       "<!-- rehearse-entry key=x -->\n"
       "\\<!-- rehearse-entry key=y -->\n"
       "\\\\<!-- rehearse-entry key=z -->\n"
       "<!-- rehearse-entry\n"
       "<!-- rehearse-notes version=99 -->\n"
       "<!-- an ordinary comment -->\n"
       "  <!-- rehearse-entry key=indented -->\n"
       "-->\n", 18);
  ADD ("docker/313", "313. Headings and bookmark lines", FALSE, 0, NULL,
       "## A heading of my own\n"
       "**Bookmarked:** not really\n"
       "\n"
       "# Another\n", 19);
  ADD ("docker/314", "314. Starts like the display lines", TRUE, 20, NULL,
       "**Bookmarked** at the start of the note\n\n## and a heading", 21);
  ADD ("docker/315", "315. Starts with a heading", FALSE, 0, NULL, "## First line\nbody", 22);
  ADD ("docker/316", "316. Fenced code", FALSE, 0, NULL,
       "```markdown\n"
       "<!-- rehearse-entry key=in-fence bookmarked-at=1 -->\n"
       "## heading in a fence\n"
       "**Bookmarked:** in a fence\n"
       "```\n", 23);
  ADD ("key with -->, %, =, \"quotes\" and\nnewline\r\tand tab",
       "Text with --> and %41 and = and\nline break and #", TRUE, 24,
       "label --> with %20 = and <b>", "note", 25);
  ADD ("docker/317", "317. Ends with hashes ##", FALSE, 0, NULL, NULL, 0);
  ADD ("docker/318", "318. Extreme dates", TRUE, G_MININT64, NULL, "x", 1764547200);
  ADD ("docker/319", "319. Negative and zero dates", TRUE, -1, NULL, "y", 0);
  ADD ("docker/320", "320. Spaces", FALSE, 0, NULL, "   leading and trailing   \n   ", 26);
  ADD ("docker/301", "301. A duplicate key comes back as it is", FALSE, 0, NULL, "dup", 27);
#undef ADD

  return entries;
}

static void
test_round_trip_together (void)
{
  g_autoptr(GPtrArray) entries = awkward_entries ();
  g_autoptr(GPtrArray) parsed = round_trip (entries);

  test_assert_entries_equal (parsed, entries);
}

/* Alone, each entry is also the last one in the file. */
static void
test_round_trip_each (void)
{
  g_autoptr(GPtrArray) entries = awkward_entries ();

  for (guint i = 0; i < entries->len; i++)
    {
      g_autoptr(GPtrArray) one = test_entries_new ();
      g_autoptr(GPtrArray) parsed = NULL;
      RehearseUserEntry *entry = g_ptr_array_index (entries, i);

      g_ptr_array_add (one, test_entry_new (entry->question_key, entry->question_text,
                                            entry->bookmarked, entry->bookmarked_at, entry->label,
                                            entry->note, entry->note_updated_at));
      parsed = round_trip (one);
      test_assert_entries_equal (parsed, one);
    }
}

static void
test_round_trip_no_entries (void)
{
  g_autoptr(GPtrArray) entries = test_entries_new ();
  g_autoptr(GPtrArray) parsed = round_trip (entries);

  g_assert_cmpuint (parsed->len, ==, 0);
}

static void
test_round_trip_long_note (void)
{
  g_autoptr(GPtrArray) entries = test_entries_new ();
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GString) note = g_string_new (NULL);

  /* Just under the longest note the library keeps. */
  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (note, "Line %u of a long note, with **Markdown** 🚀\n", i);
  g_string_append (note, "<!-- rehearse-entry key=at-the-end -->");
  g_ptr_array_add (entries, test_entry_new ("long/1", "Long", TRUE, 1, "big", note->str, 2));
  g_ptr_array_add (entries, test_entry_new ("long/2", "After it", FALSE, 0, NULL, "short", 3));

  parsed = round_trip (entries);
  test_assert_entries_equal (parsed, entries);
}

/* The one normalization: a note's CRLF and lone CR come back as LF. */
static void
test_round_trip_line_endings (void)
{
  g_autoptr(GPtrArray) entries = test_entries_new ();
  g_autoptr(GPtrArray) expected = test_entries_new ();
  g_autoptr(GPtrArray) parsed = NULL;

  g_ptr_array_add (entries, test_entry_new ("crlf", "CRLF", FALSE, 0, NULL, "a\r\nb\r\n", 1));
  g_ptr_array_add (entries, test_entry_new ("cr", "CR", FALSE, 0, NULL, "a\rb\r\r\nc\r", 2));
  g_ptr_array_add (entries, test_entry_new ("marker", "Marker after CR", FALSE, 0, NULL,
                                            "a\r<!-- rehearse-entry key=x -->\r\n", 3));
  g_ptr_array_add (expected, test_entry_new ("crlf", "CRLF", FALSE, 0, NULL, "a\nb\n", 1));
  g_ptr_array_add (expected, test_entry_new ("cr", "CR", FALSE, 0, NULL, "a\nb\n\nc\n", 2));
  g_ptr_array_add (expected, test_entry_new ("marker", "Marker after CR", FALSE, 0, NULL,
                                             "a\n<!-- rehearse-entry key=x -->\n", 3));

  parsed = round_trip (entries);
  test_assert_entries_equal (parsed, expected);
}

static const char golden[] =
  "<!-- rehearse-notes version=2 -->\n"
  "# Rehearse notes and bookmarks\n"
  "\n"
  "Notes and bookmarks exported from Rehearse. Import this file in Rehearse to restore them; "
  "keep its hidden comment lines as they are.\n"
  "\n"
  "<!-- rehearse-entry key=docker/301 bookmarked-at=1700000000 label=asked%20at%20ACME "
  "note-updated-at=1700000100 note-size=75 text=301.%20What%20is%20a%20Docker%20image? -->\n"
  "## 301. What is a Docker image?\n"
  "\n"
  "**Bookmarked:** asked at ACME\n"
  "\n"
  "A read-only **template**.\n"
  "\n"
  "## My own heading\n"
  "\\<!-- rehearse-entry key=x -->\n"
  "\n"
  "\n"
  "<!-- rehearse-entry key=git/12 note-updated-at=1700000400 note-size=23 -->\n"
  "## git/12\n"
  "\n"
  "Rebase replays commits.\n"
  "\n"
  "<!-- rehearse-end entries=2 -->\n";

/* A file of version 1 (no sizes, no end marker), as Rehearse wrote them
 * until 2026-12: it still reads. */
static const char golden_version_1[] =
  "<!-- rehearse-notes version=1 -->\n"
  "# Rehearse notes and bookmarks\n"
  "\n"
  "Notes and bookmarks exported from Rehearse. Import this file in Rehearse to restore them; "
  "keep its hidden comment lines as they are.\n"
  "\n"
  "<!-- rehearse-entry key=docker/301 bookmarked-at=1700000000 label=asked%20at%20ACME "
  "note-updated-at=1700000100 text=301.%20What%20is%20a%20Docker%20image? -->\n"
  "## 301. What is a Docker image?\n"
  "\n"
  "**Bookmarked:** asked at ACME\n"
  "\n"
  "A read-only **template**.\n"
  "\n"
  "## My own heading\n"
  "\\<!-- rehearse-entry key=x -->\n"
  "\n"
  "\n"
  "<!-- rehearse-entry key=git/12 note-updated-at=1700000400 -->\n"
  "## git/12\n"
  "\n"
  "Rebase replays commits.\n"
  "\n";

static void
test_golden (void)
{
  g_autoptr(GPtrArray) entries = test_entries_new ();
  g_autofree char *text = NULL;

  g_ptr_array_add (entries, test_entry_new ("docker/301", "301. What is a Docker image?", TRUE,
                                            1700000000, "asked at ACME",
                                            "A read-only **template**.\n\n## My own heading\n"
                                            "<!-- rehearse-entry key=x -->\n",
                                            1700000100));
  g_ptr_array_add (entries, test_entry_new ("git/12", NULL, FALSE, 0, NULL,
                                            "Rebase replays commits.", 1700000400));

  text = rehearse_notes_file_format (entries);
  g_assert_cmpstr (text, ==, golden);
  {
    g_autoptr(GPtrArray) parsed = parse_string (golden);
    g_autoptr(GPtrArray) parsed_version_1 = parse_string (golden_version_1);

    test_assert_entries_equal (parsed, entries);
    test_assert_entries_equal (parsed_version_1, entries);
  }
}

static void
test_display_lines (void)
{
  g_autoptr(GPtrArray) entries = test_entries_new ();
  g_autofree char *text = NULL;

  g_ptr_array_add (entries, test_entry_new ("k1", "Two\nlines and C#", TRUE, 1, "", NULL, 0));
  g_ptr_array_add (entries, test_entry_new ("k2", "Ends in a hash #", TRUE, 1, "a\nb", NULL, 0));

  text = rehearse_notes_file_format (entries);
  g_assert_nonnull (strstr (text, "\n## Two lines and C\\#\n\n**Bookmarked**\n\n"));
  g_assert_nonnull (strstr (text, "\n## Ends in a hash \\#\n\n**Bookmarked:** a b\n\n"));
}

/* An export edited in Notepad: BOM, CRLF, lines added, a blank line lost,
 * a note typed under an entry that had none, a field from the future. */
static void
test_hand_edited_fixture (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "notes", "hand-edited.md",
                                                 NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GPtrArray) expected = test_entries_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (expected,
                   test_entry_new ("docker-interview-questions/301",
                                   "301. What is a Docker image?", TRUE, 1700000000,
                                   "asked at ACME",
                                   "A read-only template of **layers**; I added this line in "
                                   "Notepad.\n\n```html\n<!-- rehearse-entry key=fake -->\n```",
                                   1700000100));
  g_ptr_array_add (expected,
                   test_entry_new ("docker-interview-questions/302", "302. What is a container?",
                                   TRUE, 1700000200, NULL,
                                   "A note typed by hand under an entry that had none.", 0));
  g_ptr_array_add (expected,
                   test_entry_new ("kubernetes/7", NULL, FALSE, 0, NULL,
                                   "Trailing spaces are kept   \n- a list item", 1700000300));
  g_ptr_array_add (expected,
                   test_entry_new ("git/12", "12. What does `git rebase` do?", FALSE, 0, NULL,
                                   "Last note, and no line break at the end of the file",
                                   1700000400));

  g_assert_true (rehearse_notes_file_read (file, &parsed, NULL, &error));
  g_assert_no_error (error);
  test_assert_entries_equal (parsed, expected);
}

typedef struct
{
  const char *name;
  const char *text;
  gint        code;
  const char *message_part;   /* besides the file's name */
  gsize       length;         /* for text holding NULs; else 0 */
} ErrorCase;

static const ErrorCase error_cases[] = {
  { "empty", "", REHEARSE_ERROR_EMPTY, "is empty" },
  { "plain-markdown", "# My notes\n\nJust Markdown.\n", REHEARSE_ERROR_NOT_NOTES_FILE,
    "is not a Rehearse notes file" },
  { "marker-after-entry", "<!-- rehearse-entry key=a -->\n<!-- rehearse-notes version=1 -->\n",
    REHEARSE_ERROR_NOT_NOTES_FILE, "is not a Rehearse notes file" },
  { "newer", "<!-- rehearse-notes version=3 -->\n# Notes\n", REHEARSE_ERROR_NEWER_DATABASE,
    "newer version of Rehearse" },
  { "file-marker-version", "# Notes\n<!-- rehearse-notes version=one -->\n",
    REHEARSE_ERROR_NOT_NOTES_FILE, "line 2 is damaged" },
  { "file-marker-no-version", "<!-- rehearse-notes -->\n",
    REHEARSE_ERROR_NOT_NOTES_FILE, "has no “version=”" },
  { "invalid-utf8", "<!-- rehearse-notes version=1 -->\nok\nbad \xff here\n",
    REHEARSE_ERROR_NOT_TEXT, "not valid UTF-8 text (from line 3)" },
  { "utf16", "\xff\xfe<\0!\0-\0-\0", REHEARSE_ERROR_NOT_TEXT, "not valid UTF-8", 10 },
  { "entry-unclosed", "<!-- rehearse-notes version=1 -->\n\n<!-- rehearse-entry key=a\n",
    REHEARSE_ERROR_NOT_NOTES_FILE, "line 3 is damaged (the “-->” that ends it is missing)" },
  { "entry-no-key", "<!-- rehearse-notes version=1 -->\n<!-- rehearse-entry label=x -->\n",
    REHEARSE_ERROR_NOT_NOTES_FILE, "line 2 is damaged (it has no “key=”" },
  { "entry-empty-key", "<!-- rehearse-notes version=1 -->\n<!-- rehearse-entry key= -->\n",
    REHEARSE_ERROR_NOT_NOTES_FILE, "line 2 is damaged (it has no “key=”" },
  { "entry-bad-date",
    "<!-- rehearse-notes version=1 -->\r\n\r\n"
    "<!-- rehearse-entry key=a bookmarked-at=today -->\r\n",
    REHEARSE_ERROR_NOT_NOTES_FILE, "line 3 is damaged (“bookmarked-at=today” is not a whole" },
  { "entry-bad-escape",
    "<!-- rehearse-notes version=1 -->\n<!-- rehearse-entry key=a%2 -->\n",
    REHEARSE_ERROR_NOT_NOTES_FILE, "the value of “key” is not valid percent-encoded UTF-8" },
  { "entry-escaped-nul",
    "<!-- rehearse-notes version=1 -->\n<!-- rehearse-entry key=a%00b -->\n",
    REHEARSE_ERROR_NOT_NOTES_FILE, "the value of “key” is not valid percent-encoded UTF-8" },
  { "entry-escaped-invalid-utf8",
    "<!-- rehearse-notes version=1 -->\n<!-- rehearse-entry key=a label=%FF -->\n",
    REHEARSE_ERROR_NOT_NOTES_FILE, "the value of “label” is not valid percent-encoded UTF-8" },
  { "entry-twice", "<!-- rehearse-notes version=1 -->\n<!-- rehearse-entry key=a key=b -->\n",
    REHEARSE_ERROR_NOT_NOTES_FILE, "“key” appears twice" },
  { "entry-not-name-value",
    "<!-- rehearse-notes version=1 -->\n<!-- rehearse-entry key=a bookmarked -->\n",
    REHEARSE_ERROR_NOT_NOTES_FILE, "“bookmarked” is not name=value" },
  { "entry-glued", "<!-- rehearse-notes version=1 -->\n<!-- rehearse-entrykey=a -->\n",
    REHEARSE_ERROR_NOT_NOTES_FILE, "“rehearse-entry” is not followed by a space" },
  { "second-entry",
    "<!-- rehearse-notes version=1 -->\n<!-- rehearse-entry key=a -->\n## A\n\nnote\n\n"
    "<!-- rehearse-entry key=b bookmarked-at= -->\n",
    REHEARSE_ERROR_NOT_NOTES_FILE, "line 7 is damaged" },
  /* Version 2: each dated note carries its size, and an end marker counts
   * the entries, so a file cut short or run together is refused whole. */
  { "cut-in-a-note",
    "<!-- rehearse-notes version=2 -->\n"
    "<!-- rehearse-entry key=a note-updated-at=1700000000 note-size=26 -->\n## A\n\n"
    "The whole note is longer\n",
    REHEARSE_ERROR_NOT_NOTES_FILE,
    "the note after line 2 has 24 bytes where its marker says 26: the file was cut" },
  { "cut-before-the-end-marker",
    "<!-- rehearse-notes version=2 -->\n"
    "<!-- rehearse-entry key=a note-updated-at=1700000000 note-size=4 -->\n## A\n\nnote\n\n",
    REHEARSE_ERROR_NOT_NOTES_FILE, "ends at line 6 without its end marker: the file was cut short" },
  { "marker-lost-a-space",
    "<!-- rehearse-notes version=2 -->\n"
    "<!-- rehearse-entry key=a note-updated-at=1700000000 note-size=4 -->\n## A\n\nnote\n\n"
    "<!--rehearse-entry key=b note-updated-at=1700000000 note-size=6 -->\n## B\n\nsecond\n\n"
    "<!-- rehearse-end entries=2 -->\n",
    REHEARSE_ERROR_NOT_NOTES_FILE,
    "line 7 is damaged (it is not a marker this version of Rehearse reads)" },
  { "date-in-the-future",
    "<!-- rehearse-notes version=2 -->\n"
    "<!-- rehearse-entry key=a note-updated-at=9999999999 note-size=1 -->\nx\n\n"
    "<!-- rehearse-end entries=1 -->\n",
    REHEARSE_ERROR_NOT_NOTES_FILE,
    "line 2 is damaged (“note-updated-at=9999999999” is a date in the future, 2286-11-20)" },
  { "date-in-the-future-version-1",
    "<!-- rehearse-notes version=1 -->\n<!-- rehearse-entry key=a bookmarked-at=99999999999 -->\n",
    REHEARSE_ERROR_NOT_NOTES_FILE, "“bookmarked-at=99999999999” is a date in the future, 5138-" },
  { "note-without-its-size",
    "<!-- rehearse-notes version=2 -->\n"
    "<!-- rehearse-entry key=a note-updated-at=1700000000 -->\nnote\n\n"
    "<!-- rehearse-end entries=1 -->\n",
    REHEARSE_ERROR_NOT_NOTES_FILE, "line 2 is damaged (it has no “note-size=”)" },
  { "end-marker-counts-more",
    "<!-- rehearse-notes version=2 -->\n<!-- rehearse-entry key=a -->\n"
    "<!-- rehearse-end entries=2 -->\n",
    REHEARSE_ERROR_NOT_NOTES_FILE, "the end marker on line 3 counts 2 entries, and the file holds 1" },
  { "end-marker-without-count",
    "<!-- rehearse-notes version=2 -->\n<!-- rehearse-end -->\n",
    REHEARSE_ERROR_NOT_NOTES_FILE, "line 2 is damaged (it has no “entries=”)" },
  { "text-after-the-end",
    "<!-- rehearse-notes version=2 -->\n<!-- rehearse-end entries=0 -->\n\nmore notes\n",
    REHEARSE_ERROR_NOT_NOTES_FILE, "line 4 comes after the end marker (line 2)" },
};

static void
test_error (gconstpointer data)
{
  const ErrorCase *error_case = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gsize length = error_case->length != 0 ? error_case->length : strlen (error_case->text);

  entries = rehearse_notes_file_parse (error_case->text, length, DISPLAY_NAME, &error);
  g_assert_null (entries);
  g_assert_error (error, REHEARSE_ERROR, error_case->code);
  g_assert_true (g_str_has_prefix (error->message, DISPLAY_NAME));
  if (strstr (error->message, error_case->message_part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, error_case->message_part);
}

static void
test_error_too_large_text (void)
{
  gsize length = REHEARSE_NOTES_FILE_MAX_SIZE + 1;
  g_autofree char *text = g_malloc (length);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  memset (text, 'a', length);
  entries = rehearse_notes_file_parse (text, length, DISPLAY_NAME, &error);
  g_assert_null (entries);
  g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, DISPLAY_NAME " is too large"));
}

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = test_make_temp_dir ("rehearse-notes-file-XXXXXX");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static GFile *
fixture_file (Fixture    *fixture,
              const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

  return g_file_new_for_path (path);
}

static guint
count_files (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint count = 0;

  while (g_dir_read_name (dir) != NULL)
    count++;
  return count;
}

static void
test_write_and_read (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GFile) file = fixture_file (fixture, "notes.md");
  g_autoptr(GPtrArray) entries = awkward_entries ();
  g_autoptr(GPtrArray) fewer = test_entries_new ();
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GPtrArray) parsed_again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rehearse_notes_file_write (file, entries, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rehearse_notes_file_read (file, &parsed, NULL, &error));
  g_assert_no_error (error);
  test_assert_entries_equal (parsed, entries);

  /* Replacing leaves exactly the new file: no temporary or backup. */
  g_ptr_array_add (fewer, test_entry_new ("only", "Only", TRUE, 1, NULL, NULL, 0));
  g_assert_true (rehearse_notes_file_write (file, fewer, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rehearse_notes_file_read (file, &parsed_again, NULL, &error));
  g_assert_no_error (error);
  test_assert_entries_equal (parsed_again, fewer);
  g_assert_cmpuint (count_files (fixture->dir), ==, 1);
}

static void
assert_names_file (const GError *error,
                   const char   *name)
{
  g_assert_nonnull (error);
  if (strstr (error->message, name) == NULL)
    g_error ("“%s” does not name %s", error->message, name);
}

static void
test_read_errors (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GFile) missing = fixture_file (fixture, "missing-notes.md");
  g_autoptr(GFile) folder = fixture_file (fixture, "a-folder.md");
  g_autoptr(GFile) plain = fixture_file (fixture, "plain.md");
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (rehearse_notes_file_read (missing, &entries, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  assert_names_file (error, "missing-notes.md");
  g_clear_error (&error);

  g_assert_true (g_file_make_directory (folder, NULL, NULL));
  g_assert_false (rehearse_notes_file_read (folder, &entries, NULL, &error));
  g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_NOTES_FILE);
  assert_names_file (error, "a-folder.md");
  g_clear_error (&error);

  g_assert_true (g_file_replace_contents (plain, "# Just Markdown\n", 16, NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, NULL));
  g_assert_false (rehearse_notes_file_read (plain, &entries, NULL, &error));
  g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_NOTES_FILE);
  assert_names_file (error, "plain.md");
  g_assert_null (entries);
}

/* Refused from its size alone: the file is sparse, and never read. */
static void
test_read_too_large (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GFile) file = fixture_file (fixture, "huge-notes.md");
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  int fd = g_open (path, O_CREAT | O_WRONLY, 0600);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, REHEARSE_NOTES_FILE_MAX_SIZE + 1), ==, 0);
  g_assert_true (g_close (fd, NULL));

  g_assert_false (rehearse_notes_file_read (file, &entries, NULL, &error));
  g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_TOO_LARGE);
  assert_names_file (error, "huge-notes.md");
  g_assert_null (entries);
}

static void
test_write_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GFile) nowhere = fixture_file (fixture, "no-such-folder/notes-export.md");
  g_autoptr(GFile) good = fixture_file (fixture, "good-notes.md");
  g_autoptr(GPtrArray) entries = awkward_entries ();
  g_autoptr(GPtrArray) huge = test_entries_new ();
  g_autoptr(GPtrArray) still_good = NULL;
  g_autofree char *big_note = g_malloc (REHEARSE_NOTE_MAX_SIZE + 1);
  g_autoptr(GError) error = NULL;

  g_assert_false (rehearse_notes_file_write (nowhere, entries, NULL, &error));
  assert_names_file (error, "notes-export.md");
  g_clear_error (&error);

  /* An export too large to import again is not written over a good one. */
  g_assert_true (rehearse_notes_file_write (good, entries, NULL, &error));
  g_assert_no_error (error);
  /* Notes of the longest size the library keeps, more than fit a file. */
  memset (big_note, 'x', REHEARSE_NOTE_MAX_SIZE);
  big_note[REHEARSE_NOTE_MAX_SIZE] = '\0';
  for (guint i = 0; i <= REHEARSE_NOTES_FILE_MAX_SIZE / REHEARSE_NOTE_MAX_SIZE; i++)
    g_ptr_array_add (huge, test_entry_new ("big", "Big", FALSE, 0, NULL, big_note, 1));
  g_assert_false (rehearse_notes_file_write (good, huge, NULL, &error));
  g_assert_error (error, REHEARSE_ERROR, REHEARSE_ERROR_TOO_LARGE);
  assert_names_file (error, "good-notes.md");
  g_clear_error (&error);

  g_assert_true (rehearse_notes_file_read (good, &still_good, NULL, &error));
  g_assert_no_error (error);
  test_assert_entries_equal (still_good, entries);
}

/* Parses exactly @length bytes from their own allocation, so a read past
 * the end is a sanitizer report, and checks it either parsed or said why. */
static void
parse_cleanly (const char *text,
               gsize       length)
{
  g_autofree char *copy = g_memdup2 (text, length);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = rehearse_notes_file_parse (copy, length, DISPLAY_NAME, &error);
  g_assert_true ((entries == NULL) != (error == NULL));
  if (error != NULL)
    {
      g_assert_true (error->domain == REHEARSE_ERROR);
      g_assert_true (g_str_has_prefix (error->message, DISPLAY_NAME));
    }
}

static void
test_truncated (void)
{
  g_autoptr(GPtrArray) entries = awkward_entries ();
  g_autofree char *text = rehearse_notes_file_format (entries);
  gsize length = strlen (text);

  for (gsize i = 0; i <= length; i++)
    parse_cleanly (text, i);
}

static void
test_random_bytes (void)
{
  g_autoptr(GPtrArray) entries = awkward_entries ();
  g_autofree char *text = rehearse_notes_file_format (entries);
  gsize length = strlen (text);
  GRand *rand = g_rand_new_with_seed (4);

  for (guint round = 0; round < 500; round++)
    {
      gsize noise_length = (gsize) g_rand_int_range (rand, 0, 512);
      g_autofree char *noise = g_malloc (noise_length + 1);
      g_autofree char *mutated = g_strdup (text);

      for (gsize i = 0; i < noise_length; i++)
        noise[i] = (char) g_rand_int_range (rand, 0, 256);
      parse_cleanly (noise, noise_length);

      /* A valid file with a few bytes changed, structure characters most. */
      for (guint i = 0; i < 8; i++)
        {
          static const char replacements[] = "\n\r<>-=% \\#*\x80\xff";
          gsize at = (gsize) g_rand_int_range (rand, 0, (gint32) length);

          mutated[at] = replacements[g_rand_int_range (rand, 0, sizeof replacements - 1)];
        }
      parse_cleanly (mutated, length);
    }

  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/notes-file/round-trip/together", test_round_trip_together);
  g_test_add_func ("/notes-file/round-trip/each", test_round_trip_each);
  g_test_add_func ("/notes-file/round-trip/no-entries", test_round_trip_no_entries);
  g_test_add_func ("/notes-file/round-trip/long-note", test_round_trip_long_note);
  g_test_add_func ("/notes-file/round-trip/line-endings", test_round_trip_line_endings);
  g_test_add_func ("/notes-file/format/golden", test_golden);
  g_test_add_func ("/notes-file/format/display-lines", test_display_lines);
  g_test_add_func ("/notes-file/parse/hand-edited", test_hand_edited_fixture);
  g_test_add_func ("/notes-file/parse/too-large", test_error_too_large_text);
  g_test_add_func ("/notes-file/parse/truncated", test_truncated);
  g_test_add_func ("/notes-file/parse/random-bytes", test_random_bytes);

  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/notes-file/parse/error/%s", error_cases[i].name);

      g_test_add_data_func (path, &error_cases[i], test_error);
    }

  g_test_add ("/notes-file/file/write-and-read", Fixture, NULL,
              fixture_set_up, test_write_and_read, fixture_tear_down);
  g_test_add ("/notes-file/file/read-errors", Fixture, NULL,
              fixture_set_up, test_read_errors, fixture_tear_down);
  g_test_add ("/notes-file/file/read-too-large", Fixture, NULL,
              fixture_set_up, test_read_too_large, fixture_tear_down);
  g_test_add ("/notes-file/file/write-errors", Fixture, NULL,
              fixture_set_up, test_write_errors, fixture_tear_down);

  return g_test_run ();
}
