/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A strip across the top of the content that says something lasting about
 * what is shown (the library cannot be written, or is damaged), with one
 * button to act on it: what AdwBanner does from libadwaita 1.3, with the
 * same property names so that it can take its place. Revealed, it slides
 * in; the button shows only with a label. */
#define REHEARSE_TYPE_BANNER (rehearse_banner_get_type ())
G_DECLARE_FINAL_TYPE (RehearseBanner, rehearse_banner, REHEARSE, BANNER, GtkWidget)

GtkWidget  *rehearse_banner_new              (void);
const char *rehearse_banner_get_title        (RehearseBanner *self);
void        rehearse_banner_set_title        (RehearseBanner *self,
                                              const char     *title);
const char *rehearse_banner_get_button_label (RehearseBanner *self);
/* NULL or "": no button. */
void        rehearse_banner_set_button_label (RehearseBanner *self,
                                              const char     *label);
gboolean    rehearse_banner_get_revealed     (RehearseBanner *self);
void        rehearse_banner_set_revealed     (RehearseBanner *self,
                                              gboolean        revealed);

G_END_DECLS
