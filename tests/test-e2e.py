#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The real rehearse binary, driven as a user drives it, through the
accessibility tree (AT-SPI) and the keyboard, under a virtual display.

Usage: test-e2e.py REHEARSE REHEARSE_CLI
Run it inside `dbus-run-session` with DISPLAY set (meson does). Prints TAP.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from datetime import datetime, timedelta, timezone

from atspi_support import (Atspi, ask_root_for_window, find, find_app, finish, is_pressed,
                           node_name, node_text, report, walk)
from atspi_support import wait_for as wait_until

REHEARSE, REHEARSE_CLI = sys.argv[1], sys.argv[2]
TIMEOUT = 20.0


def wait_for(predicate, what, timeout=TIMEOUT):
    return wait_until(predicate, what, timeout)
PLAN = 55
LABEL = "asked at ACME"
NOTE = "Kata runs each container in a **lightweight VM**"
NOTE_SHOWN = "Kata runs each container in a lightweight VM"  # as rendered
NOTE_ELSEWHERE = "checked from the terminal"
QUIZ_TOPIC = "🚀 Production Practices & Pitfalls"
QUIZ_ANSWER = "send sigkill with docker kill"   # two of question 351's four key points
DRILLS_V1 = ("# Networking Drills\n\n## Bridges\n\n"
             "### 1. What is a bridge network?\n\nThe default network of a container.\n\n"
             "### 2. What is an overlay network?\n\nOne that spans hosts.\n")
DRILLS_V2 = ("# Networking Drills\n\n## Bridges\n\n"
             "### 1. What is a bridge network?\n\nThe default network, explained again.\n\n"
             "### 3. What is a macvlan network?\n\nOne with its own MAC address.\n")
BUNDLED_DECK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "decks",
                            "docker-interview-questions")

















def label_containing(root, text):
    return find(root, lambda n: text in node_text(n) or text in node_name(n))


def walk_from_the_end(node, depth=0):
    """As walk(), last child first: toasts are the toast overlay's last
    children, reached at once instead of after the whole window."""
    if node is None or depth > 60:
        return
    yield node
    for i in reversed(range(node.get_child_count())):
        try:
            child = node.get_child_at_index(i)
        except Exception:
            continue
        yield from walk_from_the_end(child, depth + 1)


def toast_showing(root, text):
    """A toast's node holding @text: a toast lasts seconds, less than a walk
    of the whole window may take on a busy machine."""
    for node in walk_from_the_end(root):
        try:
            if text in node_text(node) or text in node_name(node):
                return node
        except Exception:
            continue
    return None


def toast_widget(root, text):
    """The toast shown with @text in it (its AdwToastWidget node)."""
    node = toast_showing(root, text)
    while node is not None and node_name(node) != "AdwToastWidget":
        node = node.get_parent()
    return node


def toast_button(root, name):
    for node in walk_from_the_end(root):
        try:
            if node.get_role_name() == "push button" and node_name(node) == name:
                return node
        except Exception:
            continue
    return None


def button_named(root, name):
    return find(root, lambda n: node_name(n) == name
                and n.get_role_name() in ("push button", "toggle button"))


def sidebar_line(root):
    """The 1 px line between the sidebar and the content."""
    return find(root, lambda n: n.get_role_name() == "separator"
                and n.get_extents(Atspi.CoordType.WINDOW).height > 200)


def line_x(root):
    return sidebar_line(root).get_extents(Atspi.CoordType.WINDOW).x


def toplevel(root, name):
    """One of the app's windows, by its accessible name, or None."""
    for i in range(root.get_child_count()):
        child = root.get_child_at_index(i)
        if child is not None and node_name(child) == name:
            return child
    return None


def is_active(window):
    return window is not None and window.get_state_set().contains(Atspi.StateType.ACTIVE)




def xdotool(*args):
    subprocess.run(["xdotool", *args], check=True)


# GTK 4.8 reports window coordinates only. With no window manager the X
# window sits at the screen's origin, but GTK draws a frame around its
# window inside it: App measures the frame once.
frame = (0, 0)


def on_screen(extents):
    return extents.x + frame[0], extents.y + frame[1]


def click(node):
    extents = node.get_extents(Atspi.CoordType.WINDOW)
    x, y = on_screen(extents)
    xdotool("mousemove", str(x + extents.width // 2), str(y + extents.height // 2), "click", "1")


def keys(*combo):
    xdotool("key", "--clearmodifiers", *combo)


def click_in(window_name, window, node):
    """Clicks @node of @window, the app's top-level window @window_name (a
    dialog has its own X window, and its own frame)."""
    frame_extents = window.get_extents(Atspi.CoordType.WINDOW)
    for window_id in subprocess.run(["xdotool", "search", "--onlyvisible", "--name", window_name],
                                    capture_output=True, text=True).stdout.split():
        geometry = subprocess.run(["xdotool", "getwindowgeometry", "--shell", window_id],
                                  capture_output=True, text=True, check=True).stdout
        size = dict(line.split("=") for line in geometry.split())
        # GTK makes more than one X window of that name; the window's own
        # is its size and its frame's.
        if 0 <= int(size["WIDTH"]) - frame_extents.width <= 200:
            break
    extents = node.get_extents(Atspi.CoordType.WINDOW)
    x = (int(size["WIDTH"]) - frame_extents.width) // 2 + extents.x + extents.width // 2
    y = (int(size["HEIGHT"]) - frame_extents.height) // 2 + extents.y + extents.height // 2
    xdotool("mousemove", "--window", window_id, str(x), str(y), "click", "1")


def settle(node):
    """Waits for @node to stop moving: a list that has just appeared is
    still being laid out."""
    places = []
    wait_for(lambda: places.append(node.get_extents(Atspi.CoordType.WINDOW).y)
             or places[-1] > 0 and places[-3:] == [places[-1]] * 3, "a place that holds")


def is_checked(node):
    return node.get_state_set().contains(Atspi.StateType.CHECKED)


def badly_named(root):
    """The focusable or actionable nodes under @root that a screen reader
    cannot name: no name, a class name, a mnemonic underscore, or a label
    said twice ("_Edit Edit", "Previous Question Previous")."""
    bad = []
    for node in walk(root):
        try:
            role = node.get_role_name()
            focusable = node.get_state_set().contains(Atspi.StateType.FOCUSABLE)
            action = node.get_action_iface()
            actionable = action is not None and action.get_n_actions() > 0 and role != "label"
        except Exception:
            continue
        if not (focusable or actionable):
            continue
        name = node_name(node)
        words = name.replace(",", " ").split()
        doubled = any(words[:k] == words[-k:] for k in range(1, len(words) // 2 + 1))
        if (not name.strip() or re.fullmatch(r"(Gtk|Adw|Rehearse)[A-Z]\w*", name)
                or re.search(r"(^|\s)_\w", name) or doubled):
            bad.append(f"{role} “{name}”")
    return bad


def reader(root):
    """The content pane: the question, its answer and the note (the pane
    that holds Copy Answer)."""
    node = button_named(root, "Copy Answer")
    while node is not None and node.get_role_name() != "filler":
        node = node.get_parent()
    return node


def named(root, role, name):
    return find(root, lambda n: n.get_role_name() == role and node_name(n) == name)


class App:
    def __init__(self, env):
        self.process = subprocess.Popen([REHEARSE], env=env)
        # A sanitized build starting on a busy machine takes its time.
        self.root = wait_for(lambda: find_app(self.process.pid), "the app on the AT-SPI bus",
                             timeout=3 * TIMEOUT)
        # Our window takes the keyboard focus (no window manager here).
        wait_for(lambda: self.root.get_child_count() > 0, "the window")
        self.focus()
        self.measure_frame()

    def window_id(self, name="Rehearse"):
        return wait_for(lambda: subprocess.run(
            ["xdotool", "search", "--pid", str(self.process.pid), "--onlyvisible", "--name", name],
            capture_output=True, text=True).stdout.split(), f"the X window “{name}”")[0]

    def focus(self):
        subprocess.run(["xdotool", "windowfocus", "--sync", self.window_id()])

    def raise_window(self, name):
        """Gives the keyboard to the window; True once asked. Asking again is
        how to wait for it: a window still being mapped cannot take it."""
        ids = subprocess.run(["xdotool", "search", "--pid", str(self.process.pid), "--onlyvisible",
                              "--name", name], capture_output=True, text=True).stdout.split()
        for window_id in ids:
            subprocess.run(["xdotool", "windowfocus", window_id], capture_output=True)
        time.sleep(0.2)
        return bool(ids)

    def measure_frame(self):
        """The X window is the GTK window and its frame, as wide on each side."""
        global frame
        geometry = subprocess.run(["xdotool", "getwindowgeometry", "--shell", self.window_id()],
                                  capture_output=True, text=True, check=True).stdout
        size = dict(line.split("=") for line in geometry.split())
        window = self.root.get_child_at_index(0).get_extents(Atspi.CoordType.WINDOW)
        frame = ((int(size["WIDTH"]) - window.width) // 2, (int(size["HEIGHT"]) - window.height) // 2)

    def showing(self, text):
        return wait_for(lambda: label_containing(self.root, text), f"“{text}” on screen")

    def toast(self, text):
        return wait_for(lambda: toast_showing(self.root, text), f"the toast “{text}”")

    def quit(self):
        keys("ctrl+q")
        try:
            self.process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        return self.process.returncode


def main():
    data = tempfile.mkdtemp(prefix="rehearse-e2e-")
    env = dict(os.environ)
    env.update({
        "XDG_DATA_HOME": os.path.join(data, "data"),
        "XDG_CONFIG_HOME": os.path.join(data, "config"),
        "XDG_CACHE_HOME": os.path.join(data, "cache"),
        "GSETTINGS_BACKEND": "keyfile",  # settings must survive the restart
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
        report(True, "first run shows the bundled deck's first question")
        bad = badly_named(wait_for(lambda: reader(app.root), "the reader"))
        report(not bad, "a screen reader can name everything the reader lets it act on",
               "\n".join(bad))

        click(app.showing("Docker Interview Questions"))
        click(app.showing("Production Practices & Pitfalls"))
        report(True, "a deck and a topic open in the sidebar")

        # Grabbed beside the line, as its 1 px would be hard to hit.
        line = wait_for(lambda: sidebar_line(app.root), "the line between sidebar and content")
        extents = line.get_extents(Atspi.CoordType.WINDOW)
        x, y = on_screen(extents)
        x, y = x + 4, y + extents.height // 2
        xdotool("mousemove", str(x), str(y), "mousedown", "1")
        xdotool("mousemove", str(x + 30), str(y))
        xdotool("mousemove", str(x + 60), str(y), "mouseup", "1")
        sidebar_x = wait_for(lambda: line_x(app.root) == extents.x + 60 and line_x(app.root),
                             "the sidebar 60 px wider")
        report(True, "the sidebar widens when dragged from beside its edge")

        click(app.showing("353. What are exponential backoff"))
        answer = app.showing("Wait 1s, then 2s, 4s, 8s")
        report(answer is not None, "opening a question shows its rendered answer")
        time.sleep(2)  # reading it: Recently Viewed counts a question after 1.5 s

        app.focus()
        keys("ctrl+f")
        xdotool("type", "--delay", "60", "kata")
        app.showing("What is the kata containers project?")
        report(True, "search as you type lists a result")
        keys("Return")
        app.showing("OCI-compatible container runtime that runs containers inside")
        report(True, "Enter opens the first result")

        app.focus()
        keys("alt+Right")
        app.showing("gVisor is a")
        report(True, "Alt+Right goes to the next question")
        keys("alt+Left")
        app.showing("OCI-compatible container runtime that runs containers inside")
        report(True, "Alt+Left goes back")

        bookmark = wait_for(lambda: button_named(app.root, "Bookmark"), "the bookmark button")
        report(not is_pressed(bookmark), "the question is not bookmarked yet")
        click(bookmark)
        wait_for(lambda: is_pressed(button_named(app.root, "Bookmark")), "the bookmark pressed")
        report(True, "the bookmark button toggles on")

        app.focus()
        keys("ctrl+shift+d")
        app.showing("Bookmark Label")
        xdotool("type", "--delay", "40", LABEL)
        keys("Return")
        app.showing(f"Bookmark label: {LABEL}")
        report(True, "Ctrl+Shift+D labels the bookmark")

        keys("ctrl+e")
        wait_for(lambda: find(app.root, lambda n: node_name(n) == "Note, in Markdown"), "the note editor")
        xdotool("type", "--delay", "40", NOTE)
        # Saved about a second after typing stops, with no Save button.
        wait_for(lambda: label_containing(app.root, "Saved"), "the note saved")
        report(True, "a note typed with Ctrl+E is saved on its own")
        bad = badly_named(reader(app.root))
        report(not bad, "… and everything while the note is edited", "\n".join(bad))

        report(app.quit() == 0, "Ctrl+Q quits cleanly")
        check = subprocess.run([REHEARSE_CLI, "--db", library, "check"], capture_output=True, text=True)
        report("Bookmarks: 1" in check.stdout and "Notes: 1" in check.stdout
               and "Integrity: ok" in check.stdout,
               "the library holds the bookmark and the note and checks out",
               check.stdout + check.stderr)

        app = App(env)
        app.showing("OCI-compatible container runtime that runs containers inside")
        report(True, "a restart reopens the question last read")
        bookmark = wait_for(lambda: button_named(app.root, "Bookmark"), "the bookmark button")
        wait_for(lambda: is_pressed(button_named(app.root, "Bookmark")), "the bookmark still pressed")
        report(True, "it is still bookmarked")
        app.showing(f"Bookmark label: {LABEL}")
        app.showing(NOTE_SHOWN)
        report(True, "its label and its note are back")
        report(line_x(app.root) == sidebar_x, "the sidebar keeps its width",
               f"{line_x(app.root)} != {sidebar_x}")

        # rehearse-cli rewrites the note while the window shows it: the
        # window shows the new one once it is in front again (here after the
        # shortcuts window was). Each step waits for GTK to have seen the last:
        # focus changes that come faster than it handles them can be lost.
        subprocess.run([REHEARSE_CLI, "--db", library, "note", "docker-interview-questions/303",
                        f"{NOTE} ({NOTE_ELSEWHERE})"], check=True, timeout=TIMEOUT)
        keys("ctrl+question")
        wait_for(lambda: app.raise_window("Shortcuts")
                 and is_active(toplevel(app.root, "GtkShortcutsWindow"))
                 and not is_active(toplevel(app.root, "Rehearse")), "the shortcuts window in front")
        keys("Escape")
        wait_for(lambda: not is_active(toplevel(app.root, "GtkShortcutsWindow")), "the shortcuts window closed")
        wait_for(lambda: app.raise_window("Rehearse") and is_active(toplevel(app.root, "Rehearse")),
                 "the main window in front again")
        app.showing(NOTE_ELSEWHERE)
        report(True, "a note rehearse-cli saved shows when the window is in front again")

        # A screen reader whose list of windows is out of date (one was just
        # closed) may ask for a window past the last. GTK 4.8 then answers
        # with the last window the app has, shown or not, and one kept
        # hidden has no AT-SPI path: the app died, once in about a dozen
        # runs as the quiz setup dialog closed.
        answer = ask_root_for_window(app.process.pid, 5)
        time.sleep(0.5)
        report(app.process.poll() is None and isinstance(answer, tuple),
               "a screen reader asking for a window past the last gets an answer", answer)

        # Both questions read for a while before the restart are listed,
        # the latest first; the sidebar rows carry their numbers.
        click(app.showing("Recently Viewed"))
        latest = app.showing(". What is the kata containers project?")
        earlier = app.showing("353. What are exponential backoff")
        report(latest.get_extents(Atspi.CoordType.SCREEN).y
               < earlier.get_extents(Atspi.CoordType.SCREEN).y,
               "Recently Viewed lists the questions read, the latest first")

        # The mouse wheel over a code block scrolls the page (GTK's scrolled
        # window around the code kept it).
        app.focus()
        keys("ctrl+f")
        keys("ctrl+a")
        xdotool("type", "--delay", "60", "packer")
        app.showing("How do you use Packer to create Docker images?")
        keys("Return")
        code = wait_for(lambda: find(app.root, lambda n: n.get_role_name() == "text"
                                     and node_name(n) == "Code, hcl"), "question 344's code")
        settle(code)
        before = code.get_extents(Atspi.CoordType.WINDOW)
        x, y = on_screen(before)
        xdotool("mousemove", str(x + before.width // 2), str(y + before.height // 2))
        for _ in range(3):
            xdotool("click", "5")
        moved = wait_for(lambda: before.y - code.get_extents(Atspi.CoordType.WINDOW).y > 100
                         and before.y - code.get_extents(Atspi.CoordType.WINDOW).y,
                         "the page scrolled")
        report(moved > 100, "the mouse wheel over a code block scrolls the page")

        # Ctrl+Shift+C copies the whole answer; pasted into the search box,
        # its first paragraph and its code are there.
        app.focus()
        keys("ctrl+shift+c")
        keys("ctrl+f")
        keys("ctrl+a")
        keys("ctrl+v")
        pasted = wait_for(lambda: find(app.root, lambda n: n.get_role_name() == "entry"
                                       and node_text(n).startswith("Packer is HashiCorp's tool")),
                          "the answer pasted in the search box")
        report("source 'docker' 'ubuntu' {" in node_text(pasted)
               and "Packer's Docker builder creates containers" in node_text(pasted),
               "Ctrl+Shift+C copies the whole answer, its code and In Depth part included",
               node_text(pasted)[:300])
        keys("Escape")

        # A changed version of the bundled deck: one answer differs.
        changed = os.path.join(data, "docker-interview-questions")
        shutil.copytree(BUNDLED_DECK, changed)
        answers = os.path.join(changed, "351-400-production-tooling-registries.md")
        with open(answers, encoding="utf-8") as f:
            text = f.read()
        with open(answers, "w", encoding="utf-8") as f:
            f.write(text.replace("Wait 1s, then 2s, 4s, 8s", "Wait 1s, then 3s, 9s, 27s", 1))
        subprocess.run([REHEARSE, changed], env=env, timeout=TIMEOUT)
        app.toast("Updated “Docker Interview Questions”: 0 new, 1 changed")
        report(True, "re-importing a changed deck updates it in place")

        app.focus()
        keys("ctrl+f")
        keys("ctrl+a")
        xdotool("type", "--delay", "60", "kata")
        # Only a search result says this (the question's own row may be on
        # screen already, in the tree or Recently Viewed).
        app.showing("In your note:")
        keys("Return")
        app.showing("OCI-compatible container runtime that runs containers inside")
        wait_for(lambda: is_pressed(button_named(app.root, "Bookmark")), "the bookmark after re-import")
        app.showing(f"Bookmark label: {LABEL}")
        app.showing(NOTE_SHOWN)
        report(True, "after the re-import the bookmark, label and note are still attached")

        # `rehearse FILE` hands the file to the running instance and exits.
        deck = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "decks", "bold-questions.md")
        second = subprocess.run([REHEARSE, deck], env=env, timeout=TIMEOUT)
        app.toast("Imported “Linux Basics”: 3 questions")
        app.showing("What does ")
        report(second.returncode == 0, "`rehearse FILE` imports into the running window and shows it")

        # The running one stopped (SIGSTOP): a second `rehearse FILE` says
        # so within seconds instead of hanging 25 s and dropping the file.
        os.kill(app.process.pid, signal.SIGSTOP)
        try:
            started = time.monotonic()
            stalled = subprocess.run([REHEARSE, deck], env=env, timeout=TIMEOUT,
                                     capture_output=True, text=True)
            waited = time.monotonic() - started
        finally:
            os.kill(app.process.pid, signal.SIGCONT)
        report(stalled.returncode == 1 and "did not answer within 3 seconds" in stalled.stderr
               and "was not imported" in stalled.stderr and waited < 10,
               "a second launch gives up on a stopped Rehearse in seconds and says so",
               f"{stalled.returncode} after {waited:.1f} s: {stalled.stderr}")

        empty = os.path.join(data, "empty.md")
        open(empty, "w").close()
        subprocess.run([REHEARSE, empty], env=env, timeout=TIMEOUT)
        app.showing("empty.md: the file is empty")
        report(True, "a bad file gets a message naming it")

        # A real-world file: the Kubernetes part of a DevOps exercises
        # collection, questions in <details> blocks under section headings.
        tests = os.path.dirname(os.path.abspath(__file__))
        real = os.path.join(tests, "data", "real-world", "devops-exercises-kubernetes.md")
        subprocess.run([REHEARSE, real], env=env, timeout=TIMEOUT)
        app.toast("Imported “Kubernetes”: 341 questions")
        app.showing("What is Kubernetes? Why organizations are using it?")
        app.showing("Kubernetes is an open-source system")
        report(True, "a real-world file of <details> blocks imports through the window")

        # An answer that came from a <details> block, with a <br> in it.
        app.focus()
        keys("ctrl+f")
        keys("ctrl+a")
        xdotool("type", "--delay", "60", "nodes production environment")
        app.showing("What is a Node?")
        keys("Return")
        answer = app.showing("A node is a virtual or a physical machine")
        text = node_text(answer)
        report("It's recommended to have at least 3 nodes" in text
               and not re.search(r"</?(br|b|details|summary)\b", text),
               "an answer from a <details> block is shown without its tags", text)

        # Details: the outline the import read; Undo Import removes the deck.
        deck = os.path.join(tests, "data", "html-deck.md")
        subprocess.run([REHEARSE, deck], env=env, timeout=TIMEOUT)
        app.toast("Imported “Kubernetes and JavaScript”: 4 questions")
        details = wait_for(lambda: toast_button(app.root, "Details"), "Details")
        details.get_action_iface().do_action(0)
        undo = wait_for(lambda: button_named(app.root, "Undo Import"), "the import's outline")
        app.showing("Pods")
        report(label_containing(app.root, "3 questions, 1 with no answer in the source") is not None,
               "Details lists the topics, their questions and those without an answer")
        undo.get_action_iface().do_action(0)
        # Its toast may wait behind others: the library says it.
        def decks():
            return subprocess.run([REHEARSE_CLI, "--db", library, "decks"], capture_output=True,
                                  text=True).stdout
        listed = wait_for(lambda: "Kubernetes and JavaScript" not in decks() and decks(),
                          "the deck removed")
        report("Kubernetes" in listed, "Undo Import removes the deck just imported", listed)

        # A file imported again after it changed: Undo Import puts the deck
        # back as it was, the note on the question the update took out
        # attached again.
        drills = os.path.join(data, "networking-drills.md")
        with open(drills, "w", encoding="utf-8") as f:
            f.write(DRILLS_V1)
        subprocess.run([REHEARSE, drills], env=env, timeout=TIMEOUT)
        first = wait_for(lambda: toast_widget(app.root, "Imported “Networking Drills”: 2 questions"),
                         "the import's toast")
        # Out of the way: the messages that follow would wait behind it.
        toast_button(first, "Dismiss").get_action_iface().do_action(0)
        subprocess.run([REHEARSE_CLI, "--db", library, "note", "networking-drills/2", "VXLAN"],
                       check=True, capture_output=True)
        with open(drills, "w", encoding="utf-8") as f:
            f.write(DRILLS_V2)
        subprocess.run([REHEARSE, drills], env=env, timeout=TIMEOUT)
        toast = wait_for(lambda: toast_widget(app.root, "Updated “Networking Drills”: 1 new, 1 changed"),
                         "the update's toast")
        names = sorted(node_name(n) for n in walk(toast) if n.get_role_name() == "push button")
        # libadwaita 1.2 names the toast's button twice ("Details Details")
        # and its close button by its image ("GtkImage") unless told.
        report(names == ["Details", "Dismiss"], "a screen reader names a toast's buttons once",
               names)
        toast_button(toast, "Details").get_action_iface().do_action(0)
        undo = wait_for(lambda: button_named(app.root, "Undo Import"), "the update's outline")
        undo.get_action_iface().do_action(0)
        # Its toast may wait behind the imports' toasts put back: the
        # library says it, and the question shown is read again.
        def drill():
            return subprocess.run([REHEARSE_CLI, "--db", library, "show", "networking-drills/1"],
                                  capture_output=True, text=True).stdout
        shown = wait_for(lambda: "explained again" not in drill() and drill(), "the undo")
        app.showing("The default network of a container.")
        note = subprocess.run([REHEARSE_CLI, "--db", library, "notes"], capture_output=True,
                              text=True).stdout
        report("The default network of a container." in shown and "explained again" not in shown
               and "networking-drills/2" in note,
               "Undo Import after a re-import restores the previous version, notes attached",
               shown + note)


        # A quiz on one topic: Ctrl+R, the topic chosen in the setup dialog
        # (Tab to its Questions, Chosen Topics, the topic ticked), Start.
        app.focus()
        keys("ctrl+r")
        dialog = wait_for(lambda: toplevel(app.root, "New Quiz"), "the quiz setup dialog")
        app.raise_window("New Quiz")
        keys("Tab")
        wait_for(lambda: named(dialog, "combo box", "Questions").get_state_set().contains(
            Atspi.StateType.FOCUSED), "the Questions row focused")
        keys("Return")
        time.sleep(0.5)
        keys("End", "Return")
        topic = wait_for(lambda: named(dialog, "check box", QUIZ_TOPIC), "the topics to tick")
        start = button_named(dialog, "Start")
        report(not start.get_state_set().contains(Atspi.StateType.SENSITIVE),
               "with no topic ticked there is nothing to start")
        # Two decks now (Linux Basics came in above): each lists its topics
        # when opened.
        deck = wait_for(lambda: find(dialog, lambda n: n.get_role_name() == "list item"
                                     and node_name(n) == "Docker Interview Questions"
                                     and n.get_extents(Atspi.CoordType.WINDOW).height < 100),
                        "the deck's row")
        settle(deck)
        click_in("New Quiz", dialog, deck)
        wait_for(lambda: topic.get_extents(Atspi.CoordType.WINDOW).y
                 > deck.get_extents(Atspi.CoordType.WINDOW).y, "its topics")
        settle(topic)
        click_in("New Quiz", dialog, topic)
        wait_for(lambda: is_checked(named(dialog, "check box", QUIZ_TOPIC)), "the topic ticked")
        wait_for(lambda: start.get_state_set().contains(Atspi.StateType.SENSITIVE), "Start")
        start.get_action_iface().do_action(0)
        app.showing("1 of 10")
        report(True, "Ctrl+R and the setup dialog start a quiz on one topic")

        # Typing goes to the answer area, Ctrl+Enter shows the answer; the
        # key points the answer covers are ticked.
        app.focus()
        xdotool("type", "--delay", "40", QUIZ_ANSWER)
        wait_for(lambda: find(app.root, lambda n: n.get_role_name() == "text"
                              and QUIZ_ANSWER in node_text(n)), "the answer typed")
        keys("ctrl+Return")
        app.showing("Key Points")
        points = wait_for(lambda: [n for n in walk(toplevel(app.root, "Rehearse"))
                                   if n.get_role_name() == "check box"], "the key points")
        ticked = [node_name(n) for n in points if is_checked(n)]
        report("Send SIGKILL" in ticked and "docker kill" in ticked and len(ticked) < len(points),
               "the key points the typed answer covers are ticked", f"{ticked} of {len(points)}")
        report(button_named(app.root, "Good, 10 min") is not None,
               "each grade button says the interval it gives")

        # 3 grades Good; the second card is missed (1); the rest Good.
        keys("3")
        app.showing("2 of 10")
        keys("space")
        app.showing("Key Points")
        keys("1")
        for card in range(3, 11):
            app.showing(f"{card} of 10")
            keys("space")
            wait_for(lambda: button_named(app.root, "Good, 10 min"), "the grade buttons")
            keys("3")
        app.showing("Quiz Complete")
        app.showing("Missed Questions")
        report(label_containing(app.root, "10 cards graded") is not None,
               "grading every card ends in the summary")
        click(wait_for(lambda: button_named(app.root, "Open in Reader"), "Open in Reader"))
        app.showing("Question 352")
        report(True, "Open in Reader shows the missed question in the reader")

        # The progress page counts the ten reviews the quiz just made, on
        # today's square of the calendar and in the quizzed topic's row.
        keys("ctrl+shift+p")
        heatmap = wait_for(lambda: find(app.root, lambda n: n.get_description().startswith(
            "10 reviews in the last year")), "the reviews counted on the progress page")
        report(heatmap.get_description()
               == "10 reviews in the last year; current streak 1 day, longest 1 day",
               "Ctrl+Shift+P opens the progress page, the quiz's ten reviews counted",
               heatmap.get_description())
        topic_row = wait_for(lambda: find(app.root, lambda n: "Production Practices & Pitfalls, "
                                          in node_name(n) and "questions seen" in node_name(n)),
                             "the quizzed topic's mastery")
        report("10 of 10 questions seen" in node_name(topic_row),
               "its mastery list counts the topic's ten questions seen", node_name(topic_row))
        page = heatmap
        while page is not None and node_name(page) != "Progress":
            page = page.get_parent()
        bad = badly_named(page)
        report(page is not None and not bad,
               "a screen reader can name everything on the progress page", "\n".join(bad))
        progress_row = find(app.root, lambda n: n.get_role_name() == "list item"
                            and node_name(n).startswith("Progress"))
        report(progress_row is not None
               and progress_row.get_state_set().contains(Atspi.StateType.SELECTED),
               "the sidebar's Progress row is highlighted when the shortcut opened the page",
               node_name(progress_row) if progress_row else "no Progress row")

        # One click quizzes the weakest topic, without the setup dialog.
        weakest = wait_for(lambda: find(page, lambda n: node_name(n).startswith(
            "Quiz the Weakest Topic: ")), "the weakest topic's button")
        weakest_topic = node_name(weakest)[len("Quiz the Weakest Topic: "):]
        weakest.get_action_iface().do_action(0)   # it may be scrolled out of sight
        # Its first card says it comes from that topic ("Topic · Question N").
        app.showing(f"{weakest_topic} · Question ")
        report(toplevel(app.root, "New Quiz") is None and label_containing(app.root, "1 of "),
               "one click on the weakest topic starts a quiz on it", weakest_topic)
        keys("Escape")
        app.showing("Question 352")

        report(app.quit() == 0, "Ctrl+Q quits cleanly again")
        check = subprocess.run([REHEARSE_CLI, "--db", library, "check"], capture_output=True, text=True)
        report("Reviews: 10" in check.stdout, "the library holds the ten reviews",
               check.stdout + check.stderr)
        tomorrow = (datetime.now(timezone.utc) + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        due = subprocess.run([REHEARSE_CLI, "--db", library, "due", "--at", tomorrow],
                             capture_output=True, text=True)
        keys_due = sorted(line.split("\t")[0] for line in due.stdout.splitlines())
        report(keys_due == [f"docker-interview-questions/{n}" for n in range(351, 361)],
               "rehearse-cli due lists the ten questions a day later", due.stdout + due.stderr)

        app = App(env)
        app.showing("Question 352")
        report(True, "a restart reopens the question opened from the summary")
        report(app.quit() == 0, "Ctrl+Q quits cleanly a third time")

        # A day later, as the app's clock has it: the ten questions are due,
        # counted beside Due for Review and listed there, the one missed
        # (352, due a minute after its grade) the most overdue.
        app = App(dict(env, REHEARSE_CLOCK_OFFSET="1d"))
        wait_for(lambda: find(app.root, lambda n: node_name(n)
                              == "Due for Review, 10 questions due for review"),
                 "the count of questions due")
        report(True, "a day later the sidebar counts ten questions due for review")
        click(app.showing("Due for Review"))
        due_list = wait_for(lambda: find(app.root, lambda n: n.get_role_name() == "list"
                                         and node_name(n) == "Due for Review"),
                            "the Due for Review list")

        def due_rows():
            titles = [(n.get_extents(Atspi.CoordType.SCREEN).y, node_text(n))
                      for n in walk(due_list) if re.match(r"\d+\. ", node_text(n))]
            waited = [node_text(n) for n in walk(due_list)
                      if re.fullmatch(r"Due \d+ hours? ago", node_text(n))]
            return len(titles) == 10 and len(waited) == 10 and sorted(titles)

        rows = wait_for(due_rows, "ten rows, each saying how long it has waited")
        numbers = sorted(int(text.split(".")[0]) for _, text in rows)
        report(numbers == list(range(351, 361)) and rows[0][1].startswith("352. "),
               "Due for Review lists the ten, the missed one first",
               [text for _, text in rows])
        report(app.quit() == 0, "Ctrl+Q quits cleanly a fourth time")
    except Exception as error:  # report, don't hang: the rest of the plan fails
        report(False, "the session went as a user's would", repr(error))
        if os.environ.get("E2E_SCREENSHOT"):
            subprocess.run(["import", "-window", "root", os.environ["E2E_SCREENSHOT"]])
        app.process.kill()
    finally:
        shutil.rmtree(data, ignore_errors=True)

    return finish(PLAN)


if __name__ == "__main__":
    sys.exit(main())
