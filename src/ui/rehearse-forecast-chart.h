/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The work of the days ahead as bars, one a day, today first: the reviews
 * falling due at the bottom in the accent colour, the new questions a study
 * plan gives on top of them in a lighter shade, a legend above. What it
 * says to a screen reader is set by whoever shows it. */
#define REHEARSE_TYPE_FORECAST_CHART (rehearse_forecast_chart_get_type ())
G_DECLARE_FINAL_TYPE (RehearseForecastChart, rehearse_forecast_chart, REHEARSE, FORECAST_CHART,
                      GtkWidget)

GtkWidget *rehearse_forecast_chart_new      (void);
/* @reviews and @new_cards: @n_days counts each (copied), the first for
 * @first_day. */
void       rehearse_forecast_chart_set_days (RehearseForecastChart *self,
                                             const guint           *reviews,
                                             const guint           *new_cards,
                                             guint                  n_days,
                                             const GDate           *first_day);

G_END_DECLS
