/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* GTK 4.8 names a button whose label has a mnemonic twice: its accessible
 * label is the raw text ("_Edit"), and the label inside, as the button's
 * mnemonic label, adds its own ("Edit"), so a screen reader heard "_Edit
 * Edit" (and "Previous Question Previous" where the button had a name of
 * its own). These name such buttons once. */

/* @root, if a button, and every button under it whose label has a
 * mnemonic: named by its label's text ("Edit"), or by the name it was given
 * when its label is not its own ("Previous Question"). Again after a
 * button's label changes: GtkButton gives it the raw text again. */
void rehearse_accessible_fix_mnemonic_buttons (GtkWidget *root);

/* libadwaita 1.2 builds each toast's widget when the toast is shown (again
 * when a toast put back behind a more urgent one comes back), with its
 * button's label made a mnemonic, so a screen reader heard "Details
 * Details", and its close button with an icon only, read as "GtkImage".
 * From now on, every toast @overlay shows has its button named once by its
 * label and its close button named "Dismiss". */
void rehearse_accessible_fix_toasts (AdwToastOverlay *overlay);

G_END_DECLS
