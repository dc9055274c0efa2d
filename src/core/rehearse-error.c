/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rehearse-error.h"

G_DEFINE_QUARK (rehearse-error-quark, rehearse_error)
