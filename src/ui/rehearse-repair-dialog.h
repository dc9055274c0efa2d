/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rehearse-library.h"

G_BEGIN_DECLS

/* A damaged library, said plainly: what happened, and once repaired, what
 * came back and where the damaged file is kept, with a button that opens
 * its folder. */

/* @library was found damaged (@damage says how): Rehearse writes nothing
 * more to it; the dialog offers to repair it now, repairs it, and shows
 * the report. */
void rehearse_repair_dialog_offer       (GtkWindow                   *parent,
                                         RehearseLibrary             *library,
                                         const GError                *damage);
/* What a repair brought back. */
void rehearse_repair_dialog_show_report (GtkWindow                   *parent,
                                         const RehearseSalvageReport *report);

G_END_DECLS
