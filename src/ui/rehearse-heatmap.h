/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Reviews per day as a calendar: one column a week, one row a weekday
 * (Monday on top), shaded in the accent colour by how many reviews each day
 * had, the month names above. Its cells shrink to the width it is given
 * (down to a few pixels), so a narrow window shows the whole year. What it
 * says to a screen reader is set by whoever shows it. */
#define REHEARSE_TYPE_HEATMAP (rehearse_heatmap_get_type ())
G_DECLARE_FINAL_TYPE (RehearseHeatmap, rehearse_heatmap, REHEARSE, HEATMAP, GtkWidget)

GtkWidget *rehearse_heatmap_new         (void);
/* @reviews_per_day: @n_days counts (copied), oldest first; the last is
 * the day @last_day. */
void       rehearse_heatmap_set_reviews (RehearseHeatmap *self,
                                         const guint     *reviews_per_day,
                                         guint            n_days,
                                         const GDate     *last_day);

G_END_DECLS
