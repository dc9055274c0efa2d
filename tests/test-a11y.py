#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The sidebar as a keyboard and a screen reader use it: the real rehearse
binary under a virtual display, driven with keys (xdotool) and read through
the accessibility tree (AT-SPI), as Orca reads it.

Each page of the sidebar (the tree, each collection, search results) is
walked; any node a user can focus or act on must have a meaningful name:
not empty, not a GTK class name, no mnemonic underscore, no doubled label.

Usage: test-a11y.py REHEARSE REHEARSE_CLI
Run it inside `dbus-run-session` with DISPLAY set (meson does). Prints TAP.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from atspi_support import (Atspi, find, find_app, finish, is_pressed, keys, node_name,
                           node_text, report, walk)
from atspi_support import wait_for as wait_until

REHEARSE, REHEARSE_CLI = sys.argv[1], sys.argv[2]
TIMEOUT = 20.0


def wait_for(predicate, what, timeout=TIMEOUT):
    return wait_until(predicate, what, timeout)
PLAN = 16
SECOND_DECK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "decks",
                           "bold-questions.md")
COLLECTIONS = ["All Questions", "Bookmarked", "With Notes", "Due for Review", "Recently Viewed"]



















def focused(root):
    return find(root, lambda n: n.get_state_set().contains(Atspi.StateType.FOCUSED))




def n_actions(node):
    try:
        action = node.get_action_iface()
        return action.get_n_actions() if action is not None else 0
    except Exception:
        return 0


CLASS_NAME = re.compile(r"^(Gtk|Adw|Rehearse|Gsk|Gdk)[A-Z]\w*$")
MNEMONIC = re.compile(r"(^|\s)_\w")


def doubled(name):
    """'_Edit Edit', 'Import a Deck… Import a Deck…', 'Previous Question
    Previous': a label read after the name it is already in."""
    words = [w for w in name.replace("_", "").lower().split() if re.search(r"[^\W\d_]", w)]
    for k in range(1, len(words) // 2 + 1):
        if words[-2 * k:-k] == words[-k:]:
            return True
    return 2 < len(words) <= 5 and words[-1] in words[:-1]


def name_defect(node):
    """Why a screen reader could not tell what @node is, or None."""
    states = node.get_state_set()
    if not states.contains(Atspi.StateType.FOCUSABLE) and n_actions(node) == 0:
        return None
    name = node_name(node).strip()
    if not name:
        return "no name"
    if CLASS_NAME.match(name):
        return "a class name"
    if MNEMONIC.search(name):
        return "a mnemonic underscore"
    if doubled(name):
        return "a doubled label"
    return None


def name_defects(root):
    defects = []
    for node in walk(root):
        try:
            why = name_defect(node)
        except Exception:
            continue
        if why is not None:
            defects.append(f"{node.get_role_name()} “{node_name(node)}”: {why}")
    return defects


class App:
    def __init__(self, env):
        self.process = subprocess.Popen([REHEARSE], env=env)
        # A sanitized build starting on a busy machine takes its time.
        self.root = wait_for(lambda: find_app(self.process.pid), "the app on the AT-SPI bus",
                             timeout=3 * TIMEOUT)
        wait_for(lambda: self.root.get_child_count() > 0, "the window")
        self.focus()

    def focus(self):
        window_id = wait_for(lambda: subprocess.run(
            ["xdotool", "search", "--pid", str(self.process.pid), "--onlyvisible", "--name",
             "Rehearse"], capture_output=True, text=True).stdout.split(), "the X window")[0]
        subprocess.run(["xdotool", "windowfocus", "--sync", window_id])

    def showing(self, text):
        return wait_for(lambda: find(self.root, lambda n: text in node_text(n)
                                     or text in node_name(n)), f"“{text}” on screen")

    def sidebar(self):
        return wait_for(lambda: find(self.root, lambda n: node_name(n) == "RehearseSidebar"),
                        "the sidebar")

    def focus_named(self, prefix):
        """Waits for the focus on a node whose name starts with @prefix."""
        try:
            return wait_for(lambda: node_name(focused(self.root)).startswith(prefix),
                            f"the focus on “{prefix}…”")
        except TimeoutError as error:
            node = focused(self.root)
            where = "nothing"
            if node is not None:
                where = f"{node.get_role_name()} “{node_name(node)}”"
            raise TimeoutError(f"{error}; the focus is on {where}") from None

    def button(self, name):
        return wait_for(lambda: find(self.root, lambda n: node_name(n) == name
                                     and n.get_role_name() in ("push button", "toggle button")),
                        f"the button “{name}”")

    def quit(self):
        keys("ctrl+q")
        try:
            self.process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        return self.process.returncode


def check_page(app, page):
    defects = name_defects(app.sidebar())
    report(not defects, f"every focusable or actionable node of the sidebar is named: {page}",
           "\n".join(defects))


def keyboard(app):
    # Enter on a highlighted result opens it and does nothing else: it
    # bookmarked the question the window had put the focus on.
    keys("ctrl+f")
    subprocess.run(["xdotool", "type", "--delay", "60", "chaos"], check=True)
    app.showing("338. How do you implement Docker-based disaster recovery drills?")
    keys("Down", "Down")
    app.focus_named("338. ")
    report(find(app.root, lambda n: node_text(n) == "Question 338") is None,
           "the arrow keys move along the results without opening them")
    keys("Return")
    app.showing("Question 338")
    time.sleep(0.5)
    report(not is_pressed(app.button("Bookmark"))
           and node_name(focused(app.root)).startswith("338. "),
           "Enter on a result opens it, and the focus stays on the result",
           node_name(focused(app.root)))

    # The tree: one stop for Tab, the arrow keys inside, Enter opens.
    keys("ctrl+f", "ctrl+a", "BackSpace", "Down")
    app.focus_named("All Questions")
    keys("End", "Return")
    app.focus_named("Docker Interview Questions")
    keys("Down")
    app.focus_named("Expert Docker")
    keys("Return", "Down", "Down")
    app.focus_named("302. ")
    keys("Return")
    app.showing("Question 302")
    keys("Down", "Return")
    app.showing("Question 303")
    report(node_name(focused(app.root)).startswith("303. "),
           "Enter opens a deck, Down moves into its topics and questions, Enter opens each")
    keys("Tab")
    report(wait_for(lambda: focused(app.root).get_role_name() != "list item", "the focus out"),
           "Tab leaves the list in one press")
    keys("shift+Tab")
    app.focus_named("303. ")
    report(True, "Shift+Tab comes back to the row last focused")


def main():
    data = tempfile.mkdtemp(prefix="rehearse-a11y-")
    env = dict(os.environ)
    env.update({
        "XDG_DATA_HOME": os.path.join(data, "data"),
        "XDG_CONFIG_HOME": os.path.join(data, "config"),
        "XDG_CACHE_HOME": os.path.join(data, "cache"),
        "GSETTINGS_BACKEND": "keyfile",
        "GTK_A11Y": "atspi",
        "GDK_BACKEND": "x11",
        "NO_AT_BRIDGE": "0",
    })
    env.pop("G_DEBUG", None)
    library = os.path.join(data, "data", "io.github.rehearse.Rehearse", "library.db")

    print(f"1..{PLAN}", flush=True)
    app = App(env)
    try:
        app.showing("What is WASM (WebAssembly) and how does it relate to Docker?")
        check_page(app, "the tree")
        keyboard(app)

        # A second deck, a bookmark, a note: every collection has rows.
        subprocess.run([REHEARSE, SECOND_DECK], env=env, timeout=TIMEOUT, check=True)
        app.showing("Imported “Linux Basics”: 3 questions")
        for command in (["bookmark", "docker-interview-questions/352", "--label", "asked"],
                        ["note", "docker-interview-questions/305", "Remember the quokka"]):
            subprocess.run([REHEARSE_CLI, "--db", library, *command], check=True,
                           timeout=TIMEOUT, capture_output=True)
        app.showing("Linux Basics, 3 questions")
        app.focus()

        for collection in COLLECTIONS:
            # Down enters the list where it was left; Home is its top.
            keys("ctrl+f", "ctrl+a", "BackSpace", "Down", "Home")
            app.focus_named("All Questions")
            for _ in range(COLLECTIONS.index(collection)):
                keys("Down")
            app.focus_named(collection)
            keys("Return")
            wait_for(lambda: find(app.root, lambda n: n.get_role_name() == "list"
                                  and node_name(n) == collection), f"the list of {collection}")
            time.sleep(0.5)
            check_page(app, collection)
            if collection == "All Questions":
                # Enter opened the question and, on the next view's focused
                # button, the note editor.
                keys("Down", "Down", "Down", "Return")
                app.showing("Question 304")
                time.sleep(0.5)
                report(find(app.root, lambda n: node_name(n) == "Note, in Markdown") is None
                       and node_name(focused(app.root)).startswith("304. "),
                       "Enter in All Questions opens the question and nothing else",
                       node_name(focused(app.root)))
            keys("Escape")

        # The label chips of a bookmark's popover: a named group, each chip
        # one focus stop of its own size (the cell around it took the
        # focus, its ring wider than the chip).
        keys("ctrl+f", "ctrl+a", "BackSpace", "Down", "Home", "Down", "Return")
        wait_for(lambda: find(app.root, lambda n: n.get_role_name() == "list"
                              and node_name(n) == "Bookmarked"), "the list of Bookmarked")
        keys("Down", "Return")
        app.showing("Question 352")
        keys("ctrl+shift+d")
        chips = wait_for(lambda: find(app.root, lambda n: node_name(n) == "Labels in use"),
                         "the label chips")
        stops = [f"{n.get_role_name()} “{node_name(n)}”" for n in walk(chips) if n != chips
                 and n.get_state_set().contains(Atspi.StateType.FOCUSABLE)]
        report(stops == ["push button “asked”"], "each label chip is one named focus stop",
               "\n".join(stops))
        keys("Escape", "Escape")

        keys("ctrl+f")
        subprocess.run(["xdotool", "type", "--delay", "60", "process"], check=True)
        app.showing("3. How do you find which process uses a port?")
        result = app.showing("3. How do you find which process uses a port?, Linux Basics")
        report(result is not None, "a search result names its deck when there are two")
        check_page(app, "search results")
        report(app.quit() == 0, "Ctrl+Q quits cleanly")
    except Exception as error:  # report, don't hang: the rest of the plan fails
        report(False, "the session went as a user's would", repr(error))
        if os.environ.get("A11Y_SCREENSHOT"):
            subprocess.run(["import", "-window", "root", os.environ["A11Y_SCREENSHOT"]])
        app.process.kill()
    finally:
        shutil.rmtree(data, ignore_errors=True)

    return finish(PLAN)


if __name__ == "__main__":
    sys.exit(main())
