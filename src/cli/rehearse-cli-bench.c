/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rehearse-cli.h"

#include "rehearse-error.h"

int
rehearse_cli_bench (RehearseCli  *cli,
                    int           argc,
                    char        **argv,
                    GError      **error)
{
  g_set_error_literal (error, REHEARSE_ERROR, REHEARSE_ERROR_FAILED, "benchmarks are being written");
  return FALSE;
}
