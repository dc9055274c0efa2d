#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The installed Flatpak, checked from outside its sandbox: the window shows
the bundled deck's first question (read through AT-SPI), rehearse-cli imports
a deck from the app's own data folder, and cannot read one from the host's /tmp.

Usage: check-installed.py APP_ID [SCREENSHOT.png]
Run it inside `dbus-run-session` with DISPLAY set (check-offline.sh does).
Prints TAP; exits 1 if a check fails.
"""

import os
import subprocess
import sys
import tempfile
import time

# The project's AT-SPI helpers, from its tests folder.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))
from atspi_support import Atspi, finish, node_name, node_text, poll, report, walk  # noqa: E402

APP_ID = sys.argv[1]
SCREENSHOT = sys.argv[2] if len(sys.argv) > 2 else None
FIRST_QUESTION = "What is WASM (WebAssembly) and how does it relate to Docker?"
PROBE_TITLE = "Flatpak Probe"
PROBE_DECK = f"""# {PROBE_TITLE}

### 1. Can the sandboxed rehearse-cli read this file?
Yes: it lies in the app's own data folder, which the sandbox shares.
"""
# The sandbox's first start builds its ld.so cache and fonts cache.
TIMEOUT = 90.0











def showing(text):
    """The first accessible on the bus (any application: the sandboxed app's
    process id is not ours to match) whose text or name holds text."""
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        for node in walk(desktop.get_child_at_index(i)):
            if text in node_text(node) or text in node_name(node):
                return node
    return None




def cli(*arguments):
    return subprocess.run(["flatpak", "run", "--command=rehearse-cli", APP_ID, *arguments],
                          capture_output=True, text=True)


def check_window():
    log = tempfile.NamedTemporaryFile(prefix="rehearse-flatpak-", suffix=".log", delete=False)
    # No GL under Xvfb: GTK's cairo renderer draws without probing for it.
    app = subprocess.Popen(["flatpak", "run", "--env=GSK_RENDERER=cairo", APP_ID],
                           stdout=log, stderr=subprocess.STDOUT)
    try:
        node = poll(lambda: app.poll() is None and showing(FIRST_QUESTION), TIMEOUT,
                    interval=0.2)
        if node and SCREENSHOT:
            time.sleep(1)  # the rest of the window draws
            subprocess.run(["import", "-window", "root", SCREENSHOT])
        with open(log.name) as output:
            report(node is not None, "the window shows the bundled deck's first question",
                   "" if node else f"exit status {app.poll()}\n{output.read()}")
    finally:
        subprocess.run(["flatpak", "kill", APP_ID], capture_output=True)
        try:
            app.wait(timeout=20)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait()
        os.unlink(log.name)


def check_cli_import():
    # ~/.var/app/APP_ID is the one host folder the sandbox shares, at the same path.
    data = os.path.join(os.path.expanduser("~"), ".var", "app", APP_ID, "data")
    os.makedirs(data, exist_ok=True)
    inside = os.path.join(data, "flatpak-probe.md")
    with open(inside, "w") as deck:
        deck.write(PROBE_DECK)
    result = cli("import", inside)
    report(result.returncode == 0 and "1 topic, 1 question" in result.stdout,
           "rehearse-cli imports a deck from the app's data folder",
           f"status {result.returncode}\n{result.stdout}{result.stderr}")

    result = cli("decks")
    report(result.returncode == 0 and PROBE_TITLE in result.stdout,
           "the imported deck is in the sandboxed library",
           f"status {result.returncode}\n{result.stdout}{result.stderr}")

    with tempfile.NamedTemporaryFile("w", suffix=".md", dir="/tmp") as outside:
        outside.write(PROBE_DECK)
        outside.flush()
        result = cli("import", outside.name)
        report(result.returncode != 0,
               "rehearse-cli cannot read the host's /tmp (no filesystem permission)",
               f"status {result.returncode}\n{result.stdout}{result.stderr}")


def check_permissions():
    result = subprocess.run(["flatpak", "info", "--show-permissions", APP_ID],
                            capture_output=True, text=True)
    granted = {}
    for line in result.stdout.splitlines():
        if "=" in line:
            key, values = line.split("=", 1)
            granted[key.strip()] = set(filter(None, values.strip().split(";")))
    expected = {"shared": {"ipc"}, "sockets": {"x11", "wayland", "fallback-x11"},
                "devices": {"dri"}}
    report(result.returncode == 0 and granted == expected,
           "finish-args: ipc, fallback-x11, wayland, dri and nothing else", result.stdout)


def main():
    print("1..5", flush=True)
    check_permissions()
    check_window()
    check_cli_import()
    return finish(5)


if __name__ == "__main__":
    sys.exit(main())
