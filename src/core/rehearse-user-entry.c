/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rehearse-user-entry.h"

RehearseUserEntry *
rehearse_user_entry_new (const char *question_key)
{
  RehearseUserEntry *entry = g_new0 (RehearseUserEntry, 1);

  entry->question_key = g_strdup (question_key);
  return entry;
}

void
rehearse_user_entry_free (RehearseUserEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->question_key);
  g_free (entry->question_text);
  g_free (entry->label);
  g_free (entry->note);
  g_free (entry);
}
