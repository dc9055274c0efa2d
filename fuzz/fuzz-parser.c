/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdint.h>

#include "rehearse-error.h"
#include "rehearse-parser.h"
#include "rehearse-text-repair.h"

/* Any bytes, repaired as an import repairs them: the parser returns a deck
 * or says why not, in REHEARSE_ERROR, and never crashes. */
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = rehearse_text_repair ((const char *) data, size, NULL);
  g_autoptr(RehearseParsedDeck) deck = NULL;
  g_autoptr(GError) error = NULL;

  deck = rehearse_parser_parse (text, strlen (text), "Fuzzed", &error);
  g_assert_true ((deck != NULL) != (error != NULL));
  if (error != NULL)
    g_assert_true (error->domain == REHEARSE_ERROR);
  return 0;
}
