/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdint.h>

#include "rehearse-text-repair.h"

/* Any bytes: the repair returns valid UTF-8, never NULL, and repairing
 * its own output changes nothing more. */
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  RehearseRepairReport report;
  g_autofree char *repaired = rehearse_text_repair ((const char *) data, size, &report);
  g_autofree char *again = NULL;

  g_assert_nonnull (repaired);
  g_assert_true (g_utf8_validate (repaired, -1, NULL));
  again = rehearse_text_repair (repaired, strlen (repaired), NULL);
  g_assert_nonnull (again);
  g_assert_true (g_utf8_validate (again, -1, NULL));
  return 0;
}
