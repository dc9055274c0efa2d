/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rehearse-running-instance.h"

#define DBUS_NAME "org.freedesktop.DBus"
#define DBUS_PATH "/org/freedesktop/DBus"

gboolean
rehearse_running_instance_answers (const char  *application_id,
                                   int          timeout_ms,
                                   GError     **error)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) owner = NULL;
  g_autoptr(GVariant) pong = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *unique_name;

  g_return_val_if_fail (application_id != NULL, FALSE);

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus == NULL)
    return TRUE;

  owner = g_dbus_connection_call_sync (bus, DBUS_NAME, DBUS_PATH, DBUS_NAME, "GetNameOwner",
                                       g_variant_new ("(s)", application_id),
                                       G_VARIANT_TYPE ("(s)"), G_DBUS_CALL_FLAGS_NONE,
                                       timeout_ms, NULL, NULL);
  if (owner == NULL)
    return TRUE;  /* none runs: this one will be the first */

  /* The bus answers for a stopped process; only the process itself can
   * answer a ping. */
  g_variant_get (owner, "(&s)", &unique_name);
  pong = g_dbus_connection_call_sync (bus, unique_name, "/", "org.freedesktop.DBus.Peer", "Ping",
                                      NULL, NULL, G_DBUS_CALL_FLAGS_NONE, timeout_ms, NULL,
                                      &local_error);
  if (pong != NULL || !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return TRUE;  /* it answered, or went away meanwhile */

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}
