/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdint.h>

#include "rehearse-error.h"
#include "rehearse-notes-file.h"

/* Any bytes: the reader returns entries or says why not; what it returns
 * written out again reads back the same. */
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  entries = rehearse_notes_file_parse ((const char *) data, size, "fuzzed.md", &error);
  if (entries == NULL)
    {
      g_assert_true (error != NULL && error->domain == REHEARSE_ERROR);
      return 0;
    }

  text = rehearse_notes_file_format (entries);
  again = rehearse_notes_file_parse (text, strlen (text), "again.md", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, entries->len);
  for (guint i = 0; i < entries->len; i++)
    {
      RehearseUserEntry *a = g_ptr_array_index (entries, i);
      RehearseUserEntry *b = g_ptr_array_index (again, i);

      g_assert_cmpstr (a->question_key, ==, b->question_key);
      g_assert_cmpstr (a->label, ==, b->label);
      g_assert_cmpint (a->bookmarked, ==, b->bookmarked);
      g_assert_cmpint ((a->note != NULL), ==, (b->note != NULL));
    }
  return 0;
}
