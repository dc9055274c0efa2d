/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rehearse-note-drafts.h"
#include "rehearse-window-private.h"

/* Notes the library could not save are never lost quietly: closing or
 * quitting with one asks what to do with it, and the drafts a quit or a
 * crash left behind are offered back at the next start. */

/* How many questions the start-up offer names before it says "and more". */
#define NAMED_DRAFTS 3

/* ---- Closing with a note not saved ------------------------------------------ */

static RehearseNoteEditor *
note_editor (RehearseWindow *self)
{
  return rehearse_question_view_get_note_editor (self->question_view);
}

static void
on_unsaved_response (AdwMessageDialog *dialog,
                     const char       *response,
                     RehearseWindow   *self)
{
  if (g_str_equal (response, "discard"))
    rehearse_note_editor_discard_drafts (note_editor (self));

  /* Try Again closes as before: it waits for the save, and asks again if
   * the library still refuses. */
  if (g_str_equal (response, "discard") || g_str_equal (response, "keep"))
    self->leave_unsaved = TRUE;
  if (!g_str_equal (response, "cancel"))
    gtk_window_close (GTK_WINDOW (self));
}

void
_rehearse_window_ask_about_unsaved_note (RehearseWindow *self,
                                         const char     *why)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  gboolean kept;
  GtkWidget *dialog;

  if (self->unsaved_dialog != NULL)
    {
      gtk_window_present (self->unsaved_dialog);
      return;
    }

  /* Written now, so that quitting (or a crash while the dialog waits)
   * keeps it. */
  kept = rehearse_note_editor_keep_drafts (note_editor (self), &error);
  if (kept)
    body = g_strdup_printf (_("%s.\n\nIf you quit now, your note is kept as a draft and offered "
                              "back the next time Rehearse starts."), why);
  else
    body = g_strdup_printf (_("%s.\n\nYour note could not be kept as a draft either (%s): "
                              "quitting now loses it."), why, error->message);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Note Not Saved"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "discard", _("_Discard"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  if (kept)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "keep",
                                     _("_Quit and Keep Draft"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "retry", _("_Try Again"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "retry",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "retry");
  /* Escape keeps the window open with the note, as before closing. */
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_unsaved_response), self, 0);

  self->unsaved_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->unsaved_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Drafts from last time ------------------------------------------------------ */

typedef struct
{
  RehearseWindow     *window;
  RehearseNoteDrafts *store;
  RehearseNoteDraft  *draft;
} Restoring;

static void
restoring_free (Restoring *restoring)
{
  g_object_unref (restoring->window);
  g_object_unref (restoring->store);
  rehearse_note_draft_free (restoring->draft);
  g_free (restoring);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Restoring, restoring_free)

/* Refused again: the draft stays, in its file and with its question. */
static void
on_draft_restored (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Restoring) restoring = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (rehearse_library_save_note_finish (REHEARSE_LIBRARY (source), result, &error))
    {
      if (!rehearse_note_drafts_discard (restoring->store, restoring->draft->question_key, &error))
        g_debug ("A restored draft stays: %s", error->message);
      return;
    }

  rehearse_note_editor_offer_draft (note_editor (restoring->window), restoring->draft);
  message = g_strdup_printf (_("Your draft could not be restored, and is kept: %s"),
                             error->message);
  rehearse_window_show_message (restoring->window, message);
}

/* A draft typed over a note changed since is not saved over the change:
 * it comes back with its question, for the user to see. */
static void
restore_draft (RehearseWindow     *self,
               RehearseNoteDrafts *store,
               RehearseNoteDraft  *draft,
               gboolean            changed_since)
{
  Restoring *restoring;

  if (changed_since)
    {
      rehearse_note_editor_offer_draft (note_editor (self), draft);
      return;
    }

  restoring = g_new0 (Restoring, 1);
  restoring->window = g_object_ref (self);
  restoring->store = g_object_ref (store);
  restoring->draft = rehearse_note_draft_copy (draft);
  rehearse_library_save_note_async (self->library, draft->question_key, draft->text,
                                    self->cancellable, on_draft_restored, restoring);
}

typedef struct
{
  RehearseNoteDrafts *store;
  GPtrArray          *drafts;          /* RehearseNoteDraft */
  GArray             *changed_since;   /* gboolean for each draft */
} Offer;

static void
offer_free (gpointer  data,
            GClosure *closure)
{
  Offer *offer = data;

  g_object_unref (offer->store);
  g_ptr_array_unref (offer->drafts);
  g_array_unref (offer->changed_since);
  g_free (offer);
}

static void
on_offer_response (AdwMessageDialog *dialog,
                   const char       *response,
                   Offer            *offer)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  RehearseWindow *self;

  if (parent == NULL)
    return;

  self = REHEARSE_WINDOW (parent);
  for (guint i = 0; i < offer->drafts->len; i++)
    {
      RehearseNoteDraft *draft = g_ptr_array_index (offer->drafts, i);
      g_autoptr(GError) error = NULL;

      if (g_str_equal (response, "restore"))
        restore_draft (self, offer->store, draft,
                       g_array_index (offer->changed_since, gboolean, i));
      else if (g_str_equal (response, "discard")
               && !rehearse_note_drafts_discard (offer->store, draft->question_key, &error))
        rehearse_window_show_message (self, error->message);
    }
}

/* "301. What is …", or the key of a question gone from its deck. */
static char *
describe_question (RehearseWindow *self,
                   const char     *question_key)
{
  g_autoptr(RehearseQuestion) question = rehearse_library_get_question (self->library,
                                                                        question_key, NULL);

  if (question == NULL)
    return g_strdup (question_key);
  if (rehearse_question_get_number (question) <= 0)
    return g_strdup (rehearse_question_get_text (question));

  return g_strdup_printf ("%d. %s", rehearse_question_get_number (question),
                          rehearse_question_get_text (question));
}

static char *
offer_body (RehearseWindow *self,
            Offer          *offer)
{
  GString *body = g_string_new (NULL);
  guint changed = 0;

  g_string_append (body, ngettext ("The library could not save it before Rehearse closed. "
                                   "Restore saves it into the library; Discard deletes it.",
                                   "The library could not save them before Rehearse closed. "
                                   "Restore saves them into the library; Discard deletes them.",
                                   offer->drafts->len));
  g_string_append (body, "\n");
  for (guint i = 0; i < offer->drafts->len && i < NAMED_DRAFTS; i++)
    {
      RehearseNoteDraft *draft = g_ptr_array_index (offer->drafts, i);
      g_autofree char *question = describe_question (self, draft->question_key);

      g_string_append_printf (body, "\n• %s", question);
    }
  if (offer->drafts->len > NAMED_DRAFTS)
    g_string_append_printf (body, "\n• %s", _("and more"));

  for (guint i = 0; i < offer->changed_since->len; i++)
    changed += g_array_index (offer->changed_since, gboolean, i) ? 1 : 0;
  if (changed > 0)
    {
      g_string_append (body, "\n\n");
      g_string_append_printf (body,
                              ngettext ("%u note was changed elsewhere since its draft was "
                                        "written: Restore does not save the draft over that "
                                        "change, but shows it with its question.",
                                        "%u notes were changed elsewhere since their drafts "
                                        "were written: Restore does not save those drafts over "
                                        "the changes, but shows each with its question.",
                                        changed),
                              changed);
    }

  return g_string_free (body, FALSE);
}

/* Drafts whose text the library holds after all need no offer. */
static Offer *
collect_offer (RehearseWindow *self)
{
  g_autoptr(GError) error = NULL;
  Offer *offer = g_new0 (Offer, 1);
  g_autoptr(GPtrArray) drafts = NULL;

  offer->store = rehearse_note_drafts_new (rehearse_library_get_path (self->library));
  offer->drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) rehearse_note_draft_free);
  offer->changed_since = g_array_new (FALSE, FALSE, sizeof (gboolean));
  drafts = rehearse_note_drafts_list (offer->store, &error);
  if (drafts == NULL)
    {
      g_debug ("The drafts could not be listed: %s", error->message);
      return offer;
    }

  for (guint i = 0; i < drafts->len; i++)
    {
      RehearseNoteDraft *draft = g_ptr_array_index (drafts, i);
      g_autofree char *stored = NULL;
      gboolean changed_since;

      if (!rehearse_library_get_note (self->library, draft->question_key, &stored, NULL))
        changed_since = TRUE;
      else if (g_strcmp0 (stored, draft->text) == 0)
        {
          rehearse_note_drafts_discard (offer->store, draft->question_key, NULL);
          continue;
        }
      else
        changed_since = !rehearse_note_draft_is_based_on (draft, stored);

      g_array_append_val (offer->changed_since, changed_since);
      g_ptr_array_add (offer->drafts, rehearse_note_draft_copy (draft));
    }

  return offer;
}

static void
on_mapped (RehearseWindow *self)
{
  g_signal_handlers_disconnect_by_func (self, on_mapped, NULL);
  _rehearse_window_offer_drafts (self);
}

void
_rehearse_window_offer_drafts (RehearseWindow *self)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  Offer *offer;
  GtkWidget *dialog;

  /* Once a start: the next window of the same run has nothing new. */
  if (self->library == NULL || app == NULL
      || g_object_get_data (G_OBJECT (app), "rehearse-drafts-offered") != NULL)
    return;

  /* Over the window, once it shows: a dialog mapped first can end up
   * under it. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      g_signal_connect (self, "map", G_CALLBACK (on_mapped), NULL);
      return;
    }
  g_object_set_data (G_OBJECT (app), "rehearse-drafts-offered", GINT_TO_POINTER (TRUE));

  offer = collect_offer (self);
  if (offer->drafts->len == 0)
    {
      offer_free (offer, NULL);
      return;
    }

  heading = g_strdup_printf (ngettext ("%u Unsaved Note From Last Time",
                                          "%u Unsaved Notes From Last Time", offer->drafts->len),
                             offer->drafts->len);
  body = offer_body (self, offer);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", _("_Discard"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  /* Escape restores, the choice that loses nothing: left alone, a draft
   * would be written over by the next text typed for its question. */
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_offer_response), offer, offer_free,
                         0);
  gtk_window_present (GTK_WINDOW (dialog));
}
