/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*RehearseConfirmedFunc) (GtkWindow *parent,
                                       gpointer   subject);

/* Asks before anything is deleted, with Cancel as the safe default, and
 * calls @confirmed on @subject only if the user confirms. @parent is kept
 * until the dialog is answered; @free_subject frees @subject either way. */
void rehearse_confirm_destructive (GtkWindow             *parent,
                                   const char            *heading,
                                   const char            *body,
                                   const char            *confirm_label,
                                   RehearseConfirmedFunc  confirmed,
                                   gpointer               subject,
                                   GDestroyNotify         free_subject);

G_END_DECLS
