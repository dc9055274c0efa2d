/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rehearse-confirm-dialog.h"

typedef struct
{
  GtkWindow             *parent;
  RehearseConfirmedFunc  confirmed;
  gpointer               subject;
  GDestroyNotify         free_subject;
} Confirmation;

static void
confirmation_free (gpointer  data,
                   GClosure *closure)
{
  Confirmation *confirmation = data;

  g_object_unref (confirmation->parent);
  confirmation->free_subject (confirmation->subject);
  g_free (confirmation);
}

static void
on_confirmation_response (AdwMessageDialog *dialog,
                          const char       *response,
                          Confirmation     *confirmation)
{
  if (g_str_equal (response, "confirm"))
    confirmation->confirmed (confirmation->parent, confirmation->subject);
}

void
rehearse_confirm_destructive (GtkWindow             *parent,
                              const char            *heading,
                              const char            *body,
                              const char            *confirm_label,
                              RehearseConfirmedFunc  confirmed,
                              gpointer               subject,
                              GDestroyNotify         free_subject)
{
  GtkWidget *dialog;
  Confirmation *confirmation;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (confirmed != NULL && free_subject != NULL);

  dialog = adw_message_dialog_new (parent, heading, body);
  confirmation = g_new (Confirmation, 1);
  *confirmation = (Confirmation) { g_object_ref (parent), confirmed, subject, free_subject };
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "confirm", confirm_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "confirm",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_confirmation_response), confirmation,
                         confirmation_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
