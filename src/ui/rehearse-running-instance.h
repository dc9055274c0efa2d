/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Whether a Rehearse already running (the owner of @application_id on the
 * session bus) answers within @timeout_ms. TRUE too when none runs, or
 * there is no session bus: this process then starts as usual. FALSE with
 * @error set (G_IO_ERROR_TIMED_OUT) when the other one is stopped or hung:
 * GApplication would wait 25 s for it and then drop what it was asked to
 * open. */
gboolean rehearse_running_instance_answers (const char  *application_id,
                                            int          timeout_ms,
                                            GError     **error);

G_END_DECLS
