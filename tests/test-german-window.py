#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The real rehearse binary in German (LANGUAGE=de, a de_DE.UTF-8 locale,
the translations built in the build tree), at 1280 and at 360 px: the
window shows German and no English, a narrow window stays narrow (no
label holds it wider), and a screenshot of each is left in the build
folder to look at (their paths are in the test's log).

Usage: test-german-window.py REHEARSE LOCALE_BUILD_DIR SCREENSHOT_DIR
Run it inside `dbus-run-session` under a display (meson does). Prints TAP.
"""

import os
import subprocess
import sys
import tempfile

from atspi_support import find, find_app, finish, node_name, node_text, report, wait_for

REHEARSE, LOCALE_BUILD_DIR, SCREENSHOT_DIR = sys.argv[1], sys.argv[2], sys.argv[3]
SOURCE_DIR = os.path.dirname(os.path.abspath(__file__))
TIMEOUT = 60.0
PLAN = 8
GERMAN = ["Alle Fragen", "Mit Lesezeichen", "Zur Wiederholung fällig", "Stapel"]
ENGLISH = ["All Questions", "Bookmarked", "Due for Review", "Decks"]


def shows(root, text):
    return find(root, lambda n: node_text(n) == text or node_name(n) == text)


def window_id(pid):
    return wait_for(lambda: subprocess.run(
        ["xdotool", "search", "--pid", str(pid), "--onlyvisible", "--name", "Rehearse"],
        capture_output=True, text=True).stdout.split(), "the X window", TIMEOUT)[0]


def run(env, width, height, name):
    """Starts the app at @width × @height, checks it, saves a screenshot."""
    profile = tempfile.mkdtemp(prefix="rehearse-german-")
    env = dict(env, XDG_DATA_HOME=os.path.join(profile, "data"),
               XDG_CONFIG_HOME=os.path.join(profile, "config"))
    for key, value in (("window-width", width), ("window-height", height)):
        subprocess.run(["gsettings", "set", "io.github.rehearse.Rehearse", key, str(value)],
                       env=env, check=True)
    process = subprocess.Popen([REHEARSE], env=env)
    try:
        root = wait_for(lambda: find_app(process.pid), "the app on the AT-SPI bus", TIMEOUT)
        # At 360 px the sidebar is folded away: the reader shows.
        wait_for(lambda: shows(root, "Vertiefung"), "the question, in German", TIMEOUT)
        if width > 360:
            missing = [text for text in GERMAN if not shows(root, text)]
            english = [text for text in ENGLISH if shows(root, text)]
            report(not missing and not english, f"at {width} px the sidebar is German",
                   f"missing: {missing}; English: {english}")
        else:
            report(shows(root, "Ihre Notiz") is not None, f"at {width} px the reader is German")
        window = window_id(process.pid)
        geometry = subprocess.run(["xdotool", "getwindowgeometry", "--shell", window],
                                  capture_output=True, text=True, check=True).stdout
        size = dict(line.split("=") for line in geometry.split())
        report(int(size["WIDTH"]) <= width, f"the window stays {width} px wide",
               f"it is {size['WIDTH']} px wide")
        path = os.path.join(SCREENSHOT_DIR, f"german-window-{name}.png")
        done = subprocess.run(["import", "-window", window, path], capture_output=True, text=True)
        report(done.returncode == 0, f"screenshot at {width} px: {path}", done.stderr)
        print(f"# Screenshot: {path}", flush=True)
    finally:
        process.terminate()
        process.wait(timeout=TIMEOUT)
    report(process.returncode in (0, -15), f"the app at {width} px ends cleanly",
           f"exit status {process.returncode}")


def main():
    with tempfile.TemporaryDirectory() as locales:
        made = subprocess.run(["sh", os.path.join(SOURCE_DIR, "german-locale.sh"), locales],
                              capture_output=True, text=True)
        if made.returncode != 0:
            print(f"1..0 # SKIP {made.stderr.strip()}")
            return 0
        env = dict(os.environ, LC_ALL="de_DE.UTF-8", LANGUAGE="de",
                   REHEARSE_LOCALEDIR=LOCALE_BUILD_DIR, GSETTINGS_BACKEND="keyfile",
                   GTK_A11Y="atspi", GDK_BACKEND="x11", NO_AT_BRIDGE="0")
        if made.stdout.strip():
            env["LOCPATH"] = made.stdout.strip()
        env.pop("G_DEBUG", None)
        print(f"1..{PLAN}", flush=True)
        try:
            run(env, 1280, 760, "1280")
            run(env, 360, 720, "360")
        except Exception as error:
            report(False, "the German window", error)
    return finish(PLAN)


sys.exit(main())
