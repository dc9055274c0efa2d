/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rehearse-library.h"

G_BEGIN_DECLS

/* A stored deck as clean Markdown that imports back to the same deck:
 * "# Title", "## 🚀 Topic", "### 351. Question", the answer, and
 * "#### In-depth" for the In-depth part. */
char *rehearse_exporter_deck_to_markdown (RehearseLibrary  *library,
                                          gint64            deck_id,
                                          GError          **error);

G_END_DECLS
