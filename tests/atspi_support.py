# SPDX-License-Identifier: GPL-3.0-or-later
"""What the scripts that drive the real app share: TAP output, waiting, and
reading the accessibility tree (AT-SPI) as a screen reader does.

Used by tests/test-e2e.py, tests/test-a11y.py and flatpak/check-installed.py.
"""

import subprocess
import time
import warnings

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

# get_text_iface() is the call that works on Debian 12's libatspi.
warnings.filterwarnings("ignore", category=DeprecationWarning)

# ---- TAP ---------------------------------------------------------------------

steps = 0
failures = 0


def report(ok, name, detail=""):
    global steps, failures
    steps += 1
    print(f"{'ok' if ok else 'not ok'} {steps} - {name}", flush=True)
    if not ok:
        failures += 1
        for line in str(detail).splitlines():
            print(f"# {line}", flush=True)


def finish(plan):
    """Fails the steps a stopped script did not reach; the exit status."""
    while steps < plan:
        report(False, "not reached")
    return 1 if failures else 0


# ---- Waiting -------------------------------------------------------------------

def poll(predicate, timeout, interval=0.1):
    """The predicate's first true result within timeout seconds, or None."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            result = predicate()
            if result:
                return result
        except Exception:  # the tree changes under our feet
            pass
        time.sleep(interval)
    return None


def wait_for(predicate, what, timeout):
    """As poll(), but a timeout is an error naming what was awaited."""
    last_error = None

    def noting_errors():
        nonlocal last_error
        try:
            return predicate()
        except Exception as error:
            last_error = error
            raise

    result = poll(noting_errors, timeout)
    if result is None:
        raise TimeoutError(f"timed out waiting for {what} ({last_error})")
    return result


# ---- The accessibility tree ---------------------------------------------------------

def walk(node, depth=0):
    if node is None or depth > 60:
        return
    yield node
    for i in range(node.get_child_count()):
        try:
            child = node.get_child_at_index(i)
        except Exception:
            continue
        yield from walk(child, depth + 1)


def node_text(node):
    try:
        text = node.get_text_iface()
        if text is not None:
            return text.get_text(0, text.get_character_count()) or ""
    except Exception:
        pass
    return ""


def node_name(node):
    try:
        return node.get_name() or ""
    except Exception:
        return ""


def find(root, predicate):
    for node in walk(root):
        try:
            if predicate(node):
                return node
        except Exception:
            continue
    return None


def find_app(pid):
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        if app is not None and app.get_process_id() == pid:
            return app
    return None


def ask_root_for_window(pid, index):
    """Asks the application's AT-SPI root of process pid for its window at
    index straight over D-Bus, as a screen reader whose list of windows is
    out of date does; libatspi would answer from its cache. The reply's
    (bus name, object path), or the D-Bus error as a string."""
    from gi.repository import Gio, GLib

    session = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    address = session.call_sync("org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress",
                                None, GLib.VariantType("(s)"), Gio.DBusCallFlags.NONE, 5000,
                                None).unpack()[0]
    bus = Gio.DBusConnection.new_for_address_sync(
        address, Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT
        | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)
    try:
        names = bus.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus",
                              "org.freedesktop.DBus", "ListNames", None, None,
                              Gio.DBusCallFlags.NONE, 5000, None).unpack()[0]
        for name in names:
            if not name.startswith(":"):
                continue
            owner = bus.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus",
                                  "org.freedesktop.DBus", "GetConnectionUnixProcessID",
                                  GLib.Variant("(s)", (name,)), None, Gio.DBusCallFlags.NONE,
                                  5000, None).unpack()[0]
            if owner != pid:
                continue
            try:
                reply = bus.call_sync(name, "/org/a11y/atspi/accessible/root",
                                      "org.a11y.atspi.Accessible", "GetChildAtIndex",
                                      GLib.Variant("(i)", (index,)), None,
                                      Gio.DBusCallFlags.NONE, 5000, None)
            except GLib.Error as error:
                if "UnknownObject" in error.message or "UnknownMethod" in error.message:
                    continue  # another connection of the same process
                return error.message
            return reply.unpack()[0]
        return f"no connection of process {pid} on the accessibility bus"
    finally:
        bus.close_sync(None)


def is_pressed(node):
    states = node.get_state_set()
    return states.contains(Atspi.StateType.CHECKED) or states.contains(Atspi.StateType.PRESSED)


def keys(*combo):
    for key in combo:
        subprocess.run(["xdotool", "key", "--clearmodifiers", key], check=True)
        time.sleep(0.3)  # GTK handles one key before the next comes
