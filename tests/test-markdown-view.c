/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>

#include "rehearse-markdown-view.h"
#include "test-ui-support.h"

/* Helpers */

static char *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "markdown", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static RehearseMarkdownView *
render (const char *markdown)
{
  GtkWidget *view = rehearse_markdown_view_new ();

  g_object_ref_sink (view);
  rehearse_markdown_view_set_markdown (REHEARSE_MARKDOWN_VIEW (view), markdown);
  return REHEARSE_MARKDOWN_VIEW (view);
}

static RehearseMarkdownView *
render_fixture (const char *name)
{
  g_autofree char *markdown = load_fixture (name);

  return render (markdown);
}

/* Every widget below @root of @type (and with @css_class, unless NULL), in
 * reading order. A stack, not recursion, like the view itself. */
static GPtrArray *
find_widgets (gpointer    root,
              GType       type,
              const char *css_class)
{
  GPtrArray *found = g_ptr_array_new ();
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_last_child (root); child != NULL;
       child = gtk_widget_get_prev_sibling (child))
    g_ptr_array_add (stack, child);

  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type)
          && (css_class == NULL || gtk_widget_has_css_class (widget, css_class)))
        g_ptr_array_add (found, widget);

      for (GtkWidget *child = gtk_widget_get_last_child (widget); child != NULL;
           child = gtk_widget_get_prev_sibling (child))
        g_ptr_array_add (stack, child);
    }
  return found;
}

static guint
count_children (gpointer widget)
{
  guint count = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count++;
  return count;
}

static guint
widget_tree_depth (gpointer root)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  g_autoptr(GArray) depths = g_array_new (FALSE, FALSE, sizeof (guint));
  guint deepest = 0;
  guint zero = 0;

  g_ptr_array_add (stack, root);
  g_array_append_val (depths, zero);
  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);
      guint depth = g_array_index (depths, guint, depths->len - 1);

      g_array_set_size (depths, depths->len - 1);
      deepest = MAX (deepest, depth);
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          guint child_depth = depth + 1;

          g_ptr_array_add (stack, child);
          g_array_append_val (depths, child_depth);
        }
    }
  return deepest;
}

static char *
buffer_text (GtkSourceView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* A language new to the view is set from an idle callback, after the frame
 * that first shows the code: let it run. */
static const char *
language_id (GtkSourceView *view)
{
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  GtkSourceLanguage *language;

  while (g_main_context_iteration (NULL, FALSE))
    ;
  language = gtk_source_buffer_get_language (buffer);

  return language != NULL ? gtk_source_language_get_id (language) : NULL;
}

static GtkLabel *
label_at (GPtrArray *labels,
          guint      index)
{
  g_assert_cmpuint (index, <, labels->len);
  return GTK_LABEL (g_ptr_array_index (labels, index));
}

static gboolean
on_wait_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until *done, or fails after ten seconds rather than
 * hanging the suite. */
static void
iterate_until (const gboolean *done)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (10, on_wait_timeout, &timed_out);

  while (!*done && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout_id);
}

/* Tests */

static void
test_paragraphs (void)
{
  g_autoptr(RehearseMarkdownView) view = render_fixture ("paragraphs.md");
  g_autoptr(GPtrArray) labels = find_widgets (view, GTK_TYPE_LABEL, NULL);

  g_assert_cmpuint (count_children (view), ==, 6);
  g_assert_cmpuint (labels->len, ==, 6);

  g_assert_cmpstr (gtk_label_get_label (label_at (labels, 0)), ==,
                   "First paragraph with <i>emphasis</i>, <b>strong</b>, "
                   "<tt><span bgcolor=\"#8080802e\">code</span></tt> and <s>strike</s>. "
                   "Second line of the same paragraph.");
  g_assert_cmpstr (gtk_label_get_text (label_at (labels, 0)), ==,
                   "First paragraph with emphasis, strong, code and strike. "
                   "Second line of the same paragraph.");

  g_assert_cmpstr (gtk_label_get_label (label_at (labels, 1)), ==,
                   "A <a href=\"https://example.org/a?b=1&amp;c=2\" title=\"Example\">link</a>"
                   " and "
                   "<a href=\"https://gnome.org\">https://gnome.org</a> and "
                   "<a href=\"http://www.debian.org\">www.debian.org</a>.");
  g_assert_cmpstr (gtk_label_get_text (label_at (labels, 1)), ==,
                   "A link and https://gnome.org and www.debian.org.");

  /* Special characters are text, never markup; inline HTML is read as
   * HTML, never shown as typed. */
  g_assert_cmpstr (gtk_label_get_label (label_at (labels, 2)), ==,
                   "Special: &amp; &lt; &gt; &quot;quotes&quot; and "
                   "<b>raw</b> inline.");
  g_assert_cmpstr (gtk_label_get_text (label_at (labels, 2)), ==,
                   "Special: & < > \"quotes\" and raw inline.");

  g_assert_cmpstr (gtk_label_get_text (label_at (labels, 3)), ==, "Hard break here\nnext line.");

  /* Images are alt text; only web and mail links become links. */
  g_assert_cmpstr (gtk_label_get_label (label_at (labels, 4)), ==,
                   "<i>[image: a diagram]</i>, relative and script.");

  g_assert_cmpstr (gtk_label_get_text (label_at (labels, 5)), ==, "block html");

  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = label_at (labels, i);

      g_assert_true (gtk_label_get_selectable (label));
      g_assert_true (gtk_label_get_wrap (label));
      g_assert_cmpint (gtk_label_get_wrap_mode (label), ==, PANGO_WRAP_WORD_CHAR);
      g_assert_cmpfloat (gtk_label_get_xalign (label), ==, 0.0f);
      /* Tab stops at text with links only (until text is clicked). */
      g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (label))
                     == (strstr (gtk_label_get_label (label), "<a href=") != NULL));
      g_assert_true (gtk_widget_get_can_focus (GTK_WIDGET (label))
                     == gtk_widget_get_focusable (GTK_WIDGET (label)));
    }
}

static void
test_links (void)
{
  g_autoptr(RehearseMarkdownView) view = render ("[a](https://example.org) "
                                                  "[b](file:///etc/passwd)");
  g_autoptr(GPtrArray) labels = find_widgets (view, GTK_TYPE_LABEL, NULL);
  gboolean handled = FALSE;

  g_assert_cmpuint (labels->len, ==, 1);
  g_assert_cmpstr (gtk_label_get_label (label_at (labels, 0)), ==,
                   "<a href=\"https://example.org\">a</a> b");

  /* Even a link that reaches the label some other way opens nothing. */
  g_signal_emit_by_name (label_at (labels, 0), "activate-link", "javascript:alert(1)", &handled);
  g_assert_true (handled);
  handled = FALSE;
  g_signal_emit_by_name (label_at (labels, 0), "activate-link", "file:///etc/passwd", &handled);
  g_assert_true (handled);
}

static void
test_headings (void)
{
  static const char * const classes[] = {
    "title-1", "title-2", "title-3", "title-4", "heading", "heading",
  };
  g_autoptr(RehearseMarkdownView) view = render_fixture ("headings.md");
  g_autoptr(GPtrArray) labels = find_widgets (view, GTK_TYPE_LABEL, "md-heading");

  g_assert_cmpuint (labels->len, ==, G_N_ELEMENTS (classes));
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = GTK_WIDGET (label_at (labels, i));

      g_assert_true (gtk_widget_has_css_class (label, classes[i]));
      g_assert_true (gtk_label_get_selectable (GTK_LABEL (label)));
      g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (label)), ==,
                       GTK_ACCESSIBLE_ROLE_HEADING);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (label),
                                           GTK_ACCESSIBLE_PROPERTY_LEVEL, (int) i + 1);
    }
  g_assert_cmpstr (gtk_label_get_label (label_at (labels, 0)), ==, "One");
  g_assert_cmpstr (gtk_label_get_label (label_at (labels, 5)), ==, "Six <i>with emphasis</i>");
}

static GtkWidget *
item_content (GtkWidget *item)
{
  return gtk_widget_get_last_child (item);
}

static void
assert_markers (GtkWidget          *list,
                const char * const *expected)
{
  guint i = 0;

  for (GtkWidget *item = gtk_widget_get_first_child (list); item != NULL;
       item = gtk_widget_get_next_sibling (item), i++)
    {
      GtkWidget *marker = gtk_widget_get_first_child (item);

      g_assert_nonnull (expected[i]);
      g_assert_true (gtk_widget_has_css_class (item, "md-list-item"));
      g_assert_true (GTK_IS_LABEL (marker));
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (marker)), ==, expected[i]);
    }
  g_assert_null (expected[i]);
}

static void
test_lists (void)
{
  static const char * const top_bullets[] = { "•", "•", "•", NULL };
  static const char * const numbers[] = { "7)", "8)", "9)", "10)", NULL };
  static const char * const loose_numbers[] = { "1.", "2.", NULL };
  g_autoptr(RehearseMarkdownView) view = render_fixture ("lists.md");
  g_autoptr(GPtrArray) lists = find_widgets (view, GTK_TYPE_BOX, "md-list");
  g_autoptr(GPtrArray) markers = find_widgets (view, GTK_TYPE_LABEL, "md-list-marker");
  g_autoptr(GPtrArray) checks = find_widgets (view, GTK_TYPE_CHECK_BUTTON, "md-task-marker");
  GtkWidget *banana;
  GtkWidget *second_loose;

  /* Four top-level lists plus three nested under "banana". */
  g_assert_cmpuint (count_children (view), ==, 4);
  g_assert_cmpuint (lists->len, ==, 7);

  assert_markers (g_ptr_array_index (lists, 0), top_bullets);
  g_assert_cmpstr (gtk_label_get_text (label_at (markers, 2)), ==, "◦");
  g_assert_cmpstr (gtk_label_get_text (label_at (markers, 3)), ==, "▪");
  g_assert_cmpstr (gtk_label_get_text (label_at (markers, 4)), ==, "•");
  assert_markers (g_ptr_array_index (lists, 4), numbers);
  assert_markers (g_ptr_array_index (lists, 6), loose_numbers);
  g_assert_cmpuint (markers->len, ==, 3 + 3 + 4 + 2);
  g_assert_cmpint (gtk_label_get_width_chars (label_at (markers, 6)), ==, 3);

  /* Nesting: "banana" holds its paragraph and the nested list. */
  banana = gtk_widget_get_next_sibling (gtk_widget_get_first_child (lists->pdata[0]));
  g_assert_cmpuint (count_children (item_content (banana)), ==, 2);
  g_assert_true (gtk_widget_get_last_child (item_content (banana)) == lists->pdata[1]);
  g_assert_cmpint (gtk_accessible_get_accessible_role (lists->pdata[0]), ==,
                   GTK_ACCESSIBLE_ROLE_LIST);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (banana)), ==,
                   GTK_ACCESSIBLE_ROLE_LIST_ITEM);

  /* Task items show the author's state and cannot be toggled. */
  g_assert_cmpuint (checks->len, ==, 2);
  g_assert_false (gtk_check_button_get_active (checks->pdata[0]));
  g_assert_true (gtk_check_button_get_active (checks->pdata[1]));
  g_assert_false (gtk_widget_get_sensitive (checks->pdata[0]));

  /* A loose item keeps both of its paragraphs. */
  second_loose = gtk_widget_get_last_child (lists->pdata[6]);
  g_assert_cmpuint (count_children (item_content (second_loose)), ==, 2);
  g_assert_cmpint (gtk_box_get_spacing (lists->pdata[6]), >,
                   gtk_box_get_spacing (lists->pdata[0]));
}

static void
test_table (void)
{
  g_autoptr(RehearseMarkdownView) view = render_fixture ("table.md");
  g_autoptr(GPtrArray) grids = find_widgets (view, GTK_TYPE_GRID, "md-table");
  g_autoptr(GPtrArray) scrollers = find_widgets (view, GTK_TYPE_SCROLLED_WINDOW, NULL);
  GtkGrid *grid;
  GtkWidget *cell;

  g_assert_cmpuint (grids->len, ==, 1);
  g_assert_cmpuint (scrollers->len, ==, 1);
  g_assert_true (gtk_scrolled_window_get_propagate_natural_height (scrollers->pdata[0]));

  grid = grids->pdata[0];
  g_assert_cmpuint (count_children (grid), ==, 4 * 3);
  g_assert_null (gtk_grid_get_child_at (grid, 3, 0));
  g_assert_null (gtk_grid_get_child_at (grid, 0, 4));

  for (int column = 0; column < 3; column++)
    {
      static const char * const headers[] = { "Command", "Scope", "Size" };
      static const float xaligns[] = { 0.0f, 0.5f, 1.0f };

      cell = gtk_grid_get_child_at (grid, column, 0);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (cell)), ==, headers[column]);
      g_assert_true (gtk_widget_has_css_class (cell, "md-table-header"));
      cell = gtk_grid_get_child_at (grid, column, 2);
      g_assert_false (gtk_widget_has_css_class (cell, "md-table-header"));
      g_assert_cmpfloat (gtk_label_get_xalign (GTK_LABEL (cell)), ==, xaligns[column]);
      g_assert_true (gtk_label_get_selectable (GTK_LABEL (cell)));
    }

  cell = gtk_grid_get_child_at (grid, 1, 2);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (cell)), ==, "container <b>filesystem</b>");
  cell = gtk_grid_get_child_at (grid, 0, 1);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (cell)), ==, "docker save");
}

static GtkSourceView *
only_code_view (RehearseMarkdownView *view)
{
  g_autoptr(GPtrArray) views = find_widgets (view, GTK_SOURCE_TYPE_VIEW, NULL);

  g_assert_cmpuint (views->len, ==, 1);
  return views->pdata[0];
}

static void
test_code_block (void)
{
  g_autoptr(RehearseMarkdownView) view = render_fixture ("code.md");
  GtkSourceView *code = only_code_view (view);
  g_autofree char *text = buffer_text (code);
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (code), GTK_TYPE_SCROLLED_WINDOW);
  GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (scroller);
  GtkPolicyType hpolicy, vpolicy;

  g_assert_cmpstr (text, ==, "docker run --rm -it alpine sh\necho \"done\" && exit 0");
  g_assert_cmpstr (language_id (code), ==, "sh");
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (code)));
  g_assert_false (gtk_text_view_get_cursor_visible (GTK_TEXT_VIEW (code)));
  g_assert_true (gtk_text_view_get_monospace (GTK_TEXT_VIEW (code)));
  g_assert_cmpint (gtk_text_view_get_wrap_mode (GTK_TEXT_VIEW (code)), ==, GTK_WRAP_NONE);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (code), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Code, bash");

  gtk_scrolled_window_get_policy (scrolled, &hpolicy, &vpolicy);
  g_assert_cmpint (hpolicy, ==, GTK_POLICY_AUTOMATIC);
  g_assert_cmpint (vpolicy, ==, GTK_POLICY_NEVER);
  g_assert_true (gtk_scrolled_window_get_propagate_natural_height (scrolled));
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_parent (scroller), "md-code"));
}

static void
test_code_languages (void)
{
  static const char * const expected[] = {
    "docker", "sh", "json", "yaml", "yaml", NULL,
    "python3", "go", "yaml", "docker", "rust", NULL, NULL,
  };
  g_autoptr(RehearseMarkdownView) view = render_fixture ("code-guess.md");
  g_autoptr(GPtrArray) views = find_widgets (view, GTK_SOURCE_TYPE_VIEW, NULL);

  g_assert_cmpuint (views->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < views->len; i++)
    {
      g_test_message ("code block %u", i);
      g_assert_cmpstr (language_id (views->pdata[i]), ==, expected[i]);
    }

  gtk_test_accessible_assert_property (views->pdata[0], GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Code, Dockerfile");
  gtk_test_accessible_assert_property (views->pdata[5], GTK_ACCESSIBLE_PROPERTY_LABEL, "Code");
}

/* The names authors write after a fence, GtkSourceView's ids and their
 * usual aliases, in any case. */
static void
test_code_language_names (void)
{
  static const struct
  {
    const char *name;
    const char *language_id;
  } cases[] = {
    { "js", "js" }, { "javascript", "js" }, { "JavaScript", "js" }, { "node", "js" },
    { "mjs", "js" }, { "jsx", "jsx" },
    { "ts", "typescript" }, { "typescript", "typescript" }, { "tsx", "typescript-jsx" },
    { "sh", "sh" }, { "bash", "sh" }, { "shell", "sh" }, { "console", "sh" },
    { "shell-session", "sh" }, { "zsh", "sh" }, { "fish", "fish" },
    { "yml", "yaml" }, { "yaml", "yaml" },
    { "dockerfile", "docker" }, { "docker", "docker" }, { "Containerfile", "docker" },
    { "py", "python3" }, { "python", "python3" }, { "python3", "python3" },
    { "go", "go" }, { "golang", "go" }, { "rb", "ruby" }, { "ruby", "ruby" },
    { "c", "c" }, { "c++", "cpp" }, { "cpp", "cpp" }, { "cxx", "cpp" },
    { "cs", "c-sharp" }, { "csharp", "c-sharp" }, { "C#", "c-sharp" },
    { "ps", "powershell" }, { "ps1", "powershell" }, { "powershell", "powershell" },
    { "pwsh", "powershell" }, { "md", "markdown" }, { "markdown", "markdown" },
    { "rs", "rust" }, { "rust", "rust" }, { "kt", "kotlin" }, { "kotlin", "kotlin" },
    { "java", "java" }, { "json", "json" }, { "jsonc", "json" }, { "json5", "json" },
    { "html", "html" }, { "xml", "xml" }, { "css", "css" }, { "scss", "scss" },
    { "sql", "sql" }, { "postgresql", "sql" }, { "mysql", "sql" },
    { "hcl", "terraform" }, { "terraform", "terraform" }, { "tf", "terraform" },
    { "toml", "toml" }, { "ini", "ini" }, { "cfg", "ini" },
    { "make", "makefile" }, { "makefile", "makefile" }, { "cmake", "cmake" },
    { "diff", "diff" }, { "patch", "diff" }, { "lua", "lua" }, { "perl", "perl" },
    { "php", "php" }, { "swift", "swift" }, { "scala", "scala" }, { "hs", "haskell" },
    { "haskell", "haskell" }, { "groovy", "groovy" }, { "gradle", "gradle" },
    { "proto", "proto" }, { "protobuf", "proto" }, { "bat", "dosbatch" },
    { "cmd", "dosbatch" }, { "batch", "dosbatch" }, { "tex", "latex" }, { "latex", "latex" },
    { "objc", "objc" }, { "objective-c", "objc" }, { "r", "r" }, { "vb", "vbnet" },
    { "kts", "kotlin" }, { "erlang", "erlang" }, { "ocaml", "ocaml" }, { "dart", "dart" },
    { "jl", "julia" }, { "julia", "julia" }, { "vala", "vala" }, { "meson", "meson" },
    { "nginx", NULL }, { "text", NULL }, { "txt", NULL }, { "plaintext", NULL },
    { "output", NULL }, { "no-such-language", NULL },
  };
  GString *markdown = g_string_new (NULL);
  g_autoptr(RehearseMarkdownView) view = NULL;
  g_autoptr(GPtrArray) views = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_string_append_printf (markdown, "```%s\nx\n```\n\n", cases[i].name);
  view = render (markdown->str);
  g_string_free (markdown, TRUE);
  views = find_widgets (view, GTK_SOURCE_TYPE_VIEW, NULL);

  g_assert_cmpuint (views->len, ==, G_N_ELEMENTS (cases));
  for (guint i = 0; i < views->len; i++)
    {
      const char *id = language_id (views->pdata[i]);

      if (g_strcmp0 (id, cases[i].language_id) != 0)
        {
          g_test_message ("```%s: %s, not %s", cases[i].name, id, cases[i].language_id);
          g_test_fail ();
        }
    }
}

typedef struct
{
  char     *text;
  gboolean  done;
} ClipboardRead;

static void
on_clipboard_text (GObject      *clipboard,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ClipboardRead *read = user_data;
  g_autoptr(GError) error = NULL;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (clipboard), result, &error);
  g_assert_no_error (error);
  read->done = TRUE;
}

static char *
read_clipboard (GdkClipboard *clipboard)
{
  ClipboardRead read = { NULL, FALSE };

  gdk_clipboard_read_text_async (clipboard, NULL, on_clipboard_text, &read);
  iterate_until (&read.done);
  return read.text;
}

static void
test_copy_button (void)
{
  g_autoptr(RehearseMarkdownView) view = render_fixture ("code.md");
  g_autoptr(GPtrArray) buttons = find_widgets (view, GTK_TYPE_BUTTON, "md-copy-button");
  GtkButton *button;
  g_autofree char *copied = NULL;

  g_assert_cmpuint (buttons->len, ==, 1);
  button = buttons->pdata[0];
  g_assert_true (GTK_IS_SCROLLED_WINDOW (gtk_widget_get_prev_sibling (GTK_WIDGET (button))));
  g_assert_cmpstr (gtk_button_get_icon_name (button), ==, "edit-copy-symbolic");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (button)), ==, "Copy");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Copy code");

  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (gtk_button_get_icon_name (button), ==, "object-select-symbolic");

  copied = read_clipboard (gtk_widget_get_clipboard (GTK_WIDGET (button)));
  g_assert_cmpstr (copied, ==, "docker run --rm -it alpine sh\necho \"done\" && exit 0");

  /* A second click restarts the feedback; dropping the view while it shows
   * must not leave a timeout behind that touches a dead button. */
  g_signal_emit_by_name (button, "clicked");
  rehearse_markdown_view_set_markdown (view, NULL);
  g_assert_cmpuint (count_children (view), ==, 0);
}

static void
on_icon_name_changed (GObject    *button,
                      GParamSpec *pspec,
                      gpointer    user_data)
{
  gboolean *restored = user_data;

  const char *icon_name = gtk_button_get_icon_name (GTK_BUTTON (button));

  *restored = g_strcmp0 (icon_name, "edit-copy-symbolic") == 0;
}

static void
test_copy_feedback_ends (void)
{
  g_autoptr(RehearseMarkdownView) view = render_fixture ("code.md");
  g_autoptr(GPtrArray) buttons = find_widgets (view, GTK_TYPE_BUTTON, "md-copy-button");
  GtkButton *button = buttons->pdata[0];
  gboolean restored = FALSE;

  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (gtk_button_get_icon_name (button), ==, "object-select-symbolic");
  g_signal_connect (button, "notify::icon-name", G_CALLBACK (on_icon_name_changed), &restored);
  iterate_until (&restored);
  g_signal_handlers_disconnect_by_data (button, &restored);
}

static char *
repeat (const char *unit,
        guint       times,
        const char *tail)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (text, unit);
  g_string_append (text, tail);
  return g_string_free (text, FALSE);
}

/* The view's "Show More" button, or NULL when all of the text is shown. */
static GtkWidget *
find_show_more (gpointer view)
{
  g_autoptr(GPtrArray) buttons = find_widgets (view, GTK_TYPE_BUTTON, "md-show-more");

  g_assert_cmpuint (buttons->len, <=, 1);
  return buttons->len > 0 ? buttons->pdata[0] : NULL;
}

/* Presses "Show More" until all is shown; returns how many times. */
static guint
show_all (gpointer view)
{
  guint presses = 0;
  GtkWidget *button;

  while ((button = find_show_more (view)) != NULL)
    {
      /* It is always the last block. */
      g_assert_true (gtk_widget_get_last_child (view) == button);
      g_signal_emit_by_name (button, "clicked");
      presses++;
    }
  return presses;
}

static void
assert_renders_promptly (const char *markdown,
                         const char *innermost_text)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(RehearseMarkdownView) view = render (markdown);
  gint64 elapsed = g_get_monotonic_time () - start;
  g_autoptr(GPtrArray) labels = (show_all (view),
                                 find_widgets (view, GTK_TYPE_LABEL, "md-paragraph"));
  gboolean found = FALSE;

  g_test_message ("rendered %zu bytes in %" G_GINT64_FORMAT " us, widget depth %u",
                  strlen (markdown), elapsed, widget_tree_depth (view));
  g_assert_cmpint (elapsed, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpuint (widget_tree_depth (view), <, 200);
  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_text (label_at (labels, i)), innermost_text) != NULL)
      found = TRUE;
  g_assert_true (found);
}

static void
test_deep_nesting (void)
{
  g_autofree char *quotes = repeat ("> ", 10000, "deep quote\n");
  g_autofree char *bullets = repeat ("- ", 10000, "deep item\n");
  g_autofree char *numbers = repeat ("1. ", 10000, "deep number\n");
  g_autofree char *emphasis = repeat ("*a **b ", 5000, "deep emphasis\n");
  g_autofree char *links = repeat ("[", 10000, "deep link\n");

  assert_renders_promptly (quotes, "deep quote");
  assert_renders_promptly (bullets, "deep item");
  assert_renders_promptly (numbers, "deep number");
  assert_renders_promptly (emphasis, "deep emphasis");
  assert_renders_promptly (links, "deep link");
}

static void
test_indented_nesting (void)
{
  GString *markdown = g_string_new (NULL);
  g_autofree char *text = NULL;

  /* One level per line, the way an editor indents it; kept at 2000 lines
   * because the indentation makes the input quadratic in size. */
  for (guint i = 0; i < 2000; i++)
    {
      for (guint j = 0; j < i; j++)
        g_string_append (markdown, "  ");
      g_string_append_printf (markdown, "- level %u\n", i);
    }
  text = g_string_free (markdown, FALSE);
  assert_renders_promptly (text, "level 1999");
}

static int
font_size (GtkWidget *widget)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);

  return pango_font_description_get_size (pango_context_get_font_description (context));
}

typedef struct
{
  guint    frames;
  gboolean done;
} FrameCount;

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *frame_clock,
             gpointer       user_data)
{
  FrameCount *count = user_data;

  count->frames++;
  count->done = count->frames >= 3;
  return G_SOURCE_CONTINUE;
}

/* CSS changes reach a widget's size with the next frames, as on screen. */
static void
wait_for_frames (GtkWidget *window)
{
  FrameCount count = { 0, FALSE };
  guint tick_id = gtk_widget_add_tick_callback (window, count_frame, &count, NULL);

  iterate_until (&count.done);
  gtk_widget_remove_tick_callback (window, tick_id);
}

/* Moves the keyboard focus as Tab does; returns the focused widget. */
static GtkWidget *
press_tab (GtkWidget *window)
{
  gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return gtk_root_get_focus (GTK_ROOT (window));
}

/* Every link is reachable with Tab: the text holding links, then each link
 * in turn, without selecting the text; text without links is no Tab stop. */
static void
test_links_reachable_by_tab (void)
{
  g_autoptr(RehearseMarkdownView) view = render ("Read [one](https://one.example) and "
                                                  "[two](https://two.example).\n\n"
                                                  "Plain text.");
  g_autoptr(GPtrArray) labels = find_widgets (view, GTK_TYPE_LABEL, "md-paragraph");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *before = gtk_button_new_with_label ("Before");
  GtkWidget *after = gtk_button_new_with_label ("After");
  GtkLabel *links;
  int start, end;

  g_assert_cmpuint (labels->len, ==, 2);
  links = labels->pdata[0];
  gtk_box_append (GTK_BOX (box), before);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (view));
  gtk_box_append (GTK_BOX (box), after);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames (window);
  /* Tab moves through links only in the window that has the keyboard (the
   * suite runs alone on the display so that its window gets it). */
  ui_test_wait_for (ui_test_window_is_active, window);
  /* Whatever focus the window settled on, start from the button. */
  gtk_widget_grab_focus (before);
  wait_for_frames (window);
  gtk_widget_grab_focus (before);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == before);

  g_assert_true (press_tab (window) == GTK_WIDGET (links));
  g_assert_false (gtk_label_get_selection_bounds (links, &start, &end));
  g_assert_true (press_tab (window) == GTK_WIDGET (links));
  g_assert_cmpstr (gtk_label_get_current_uri (links), ==, "https://one.example");
  g_assert_true (press_tab (window) == GTK_WIDGET (links));
  g_assert_cmpstr (gtk_label_get_current_uri (links), ==, "https://two.example");
  g_assert_true (press_tab (window) == after);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* An answer fits a 360 px window (312 px for the text, after the page's
 * margins): nested lists, a quote in a list, long words and URLs, a wide
 * table and code, which scroll sideways. */
static void
test_fits_narrow_window (void)
{
  g_autoptr(RehearseMarkdownView) view = render (
    "Supercalifragilisticexpialidocious https://example.org/a/very/long/path/that/never/ends\n\n"
    "- one\n"
    "  - two\n"
    "    - three\n"
    "      - four\n"
    "        > quoted containerization-orchestration\n"
    "        1. five\n"
    "           - six, deeply nested text\n\n"
    "| a | b | c | d | e | f |\n"
    "| --- | --- | --- | --- | --- | --- |\n"
    "| alpha | beta | gamma | delta | epsilon | zeta |\n\n"
    "```\ndocker run --rm -it --name a-very-long-container-name example/image:latest\n```\n");
  int minimum = 0;

  gtk_widget_measure (GTK_WIDGET (view), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("minimum width: %d px", minimum);
  g_assert_cmpint (minimum, <=, 312);
}

/* A line too long for the block scrolls sideways and stops short of the copy
 * button: no code is ever drawn under it. */
static void
test_copy_button_beside_code (void)
{
  g_autoptr(RehearseMarkdownView) view = render (
    "```bash\ndocker run --runtime=io.containerd.wasmedge.v1 "
    "ghcr.io/containerd/runwasi/wasi-demo-app:latest /wasi-demo-app.wasm\n```\n");
  g_autoptr(GPtrArray) buttons = find_widgets (view, GTK_TYPE_BUTTON, "md-copy-button");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *button, *scroller;
  GtkAdjustment *sideways;
  graphene_rect_t code_bounds, button_bounds;

  gtk_window_set_default_size (GTK_WINDOW (window), 500, 300);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames (window);

  g_assert_cmpuint (buttons->len, ==, 1);
  button = buttons->pdata[0];
  scroller = gtk_widget_get_prev_sibling (button);
  g_assert_true (GTK_IS_SCROLLED_WINDOW (scroller));
  sideways = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_assert_cmpfloat (gtk_adjustment_get_upper (sideways), >, gtk_adjustment_get_page_size (sideways));

  g_assert_true (gtk_widget_compute_bounds (scroller, window, &code_bounds));
  g_assert_true (gtk_widget_compute_bounds (button, window, &button_bounds));
  g_assert_cmpfloat (code_bounds.size.width, >, 200);
  g_assert_cmpfloat (code_bounds.origin.x + code_bounds.size.width, <=, button_bounds.origin.x);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A code block of one line too long to fit, shown in place of an answer
 * with code: as tall as its line, not collapsed (GTK 4.8 lost its resize). */
static void
test_long_code_line_keeps_its_height (void)
{
  g_autoptr(RehearseMarkdownView) view = render ("```bash\necho first\n```\n");
  GtkWidget *window = gtk_window_new ();
  GtkSourceView *code;
  int minimum = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 500, 400);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames (window);

  rehearse_markdown_view_set_markdown (view,
    "Then:\n\n```bash\ndocker run --runtime=io.containerd.wasmedge.v1 "
    "ghcr.io/containerd/runwasi/wasi-demo-app:latest /wasi-demo-app.wasm\n```\n");
  wait_for_frames (window);
  wait_for_frames (window);
  code = only_code_view (view);
  gtk_widget_measure (GTK_WIDGET (code), GTK_ORIENTATION_VERTICAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("code view height %d, needs %d", gtk_widget_get_height (GTK_WIDGET (code)), minimum);
  g_assert_cmpint (minimum, >, 24);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (code)), ==, minimum);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The page's own controller, added to every sideways scroller of a view. */
static GtkEventController *
inner_scroll_controller (GtkWidget *scroller)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (scroller);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller)
          && gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        return controller;
    }
  g_assert_not_reached ();
}

static gboolean
scroll_over (GtkWidget *scroller,
             double     dx,
             double     dy)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (inner_scroll_controller (scroller), "scroll", dx, dy, &handled);
  return handled;
}

/* A wheel turned over a code block or a table scrolls the page whether the
 * block is wider than the page or not (GTK 4.8's scrolled window keeps the
 * turn otherwise, even with nothing to scroll); a sideways turn stays with
 * a wide block. */
static void
test_wheel_over_blocks_scrolls_page (void)
{
  g_autofree char *words = repeat ("Words to scroll past. ", 200, "\n\n");
  g_autofree char *markdown = g_strconcat (
    "```bash\necho short\n```\n\n"
    "```bash\ndocker run --runtime=io.containerd.wasmedge.v1 "
    "ghcr.io/containerd/runwasi/wasi-demo-app:latest /wasi-demo-app.wasm\n```\n\n"
    "| a | b |\n| --- | --- |\n| one | two |\n\n", words, NULL);
  g_autoptr(RehearseMarkdownView) view = render (markdown);
  g_autoptr(GPtrArray) scrollers = find_widgets (view, GTK_TYPE_SCROLLED_WINDOW, NULL);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = gtk_scrolled_window_new ();
  GtkAdjustment *vertical = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (page));
  GtkAdjustment *sideways;

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (page), GTK_WIDGET (view));
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 500, 300);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames (window);

  g_assert_cmpuint (scrollers->len, ==, 3);
  sideways = gtk_scrolled_window_get_hadjustment (scrollers->pdata[1]);
  g_assert_cmpfloat (gtk_adjustment_get_upper (sideways), >, gtk_adjustment_get_page_size (sideways));
  for (guint i = 0; i < scrollers->len; i++)
    {
      double before = gtk_adjustment_get_value (vertical);

      g_test_message ("block %u", i);
      g_assert_true (scroll_over (scrollers->pdata[i], 0, 1));
      g_assert_cmpfloat (gtk_adjustment_get_value (vertical), >, before);
    }

  /* Sideways: the wide block's own. */
  g_assert_false (scroll_over (scrollers->pdata[1], 1, 0));

  gtk_window_destroy (GTK_WINDOW (window));
}

static double
natural_width (GtkWidget *widget)
{
  int natural = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

static void
test_zoom (void)
{
  g_autoptr(RehearseMarkdownView) view = render ("# Title\n\n"
                                                  "Some paragraph text.\n\n"
                                                  "```\ncode\n```\n");
  GtkWidget *window = gtk_window_new ();
  g_autoptr(GPtrArray) headings = find_widgets (view, GTK_TYPE_LABEL, "md-heading");
  g_autoptr(GPtrArray) paragraphs = find_widgets (view, GTK_TYPE_LABEL, "md-paragraph");
  GtkSourceView *code = only_code_view (view);
  double heading_width, paragraph_width, code_width;
  int code_size;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames (window);
  g_assert_cmpfloat (rehearse_markdown_view_get_zoom (view), ==, 1.0);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (view), "md-zoom-100"));
  heading_width = natural_width (headings->pdata[0]);
  paragraph_width = natural_width (paragraphs->pdata[0]);
  code_width = natural_width (GTK_WIDGET (code));
  code_size = font_size (GTK_WIDGET (code));

  rehearse_markdown_view_set_zoom (view, 1.5);
  wait_for_frames (window);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (view), "md-zoom-150"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (view), "md-zoom-100"));
  g_assert_cmpfloat (natural_width (headings->pdata[0]), >, heading_width * 1.3);
  g_assert_cmpfloat (natural_width (paragraphs->pdata[0]), >, paragraph_width * 1.3);
  g_assert_cmpint (font_size (GTK_WIDGET (code)), >, code_size * 1.3);
  g_test_message ("natural widths at 100%%: %.0f, %.0f, %.0f; at 150%%: %.0f, %.0f, %.0f",
                  heading_width, paragraph_width, code_width,
                  natural_width (headings->pdata[0]), natural_width (paragraphs->pdata[0]),
                  natural_width (GTK_WIDGET (code)));

  rehearse_markdown_view_set_zoom (view, 100.0);
  g_assert_cmpfloat (rehearse_markdown_view_get_zoom (view), ==, REHEARSE_MARKDOWN_VIEW_ZOOM_MAX);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (view), "md-zoom-300"));
  rehearse_markdown_view_set_zoom (view, 0.0);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (view), "md-zoom-50"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_properties (void)
{
  g_autoptr(RehearseMarkdownView) view = render (NULL);
  g_autofree char *markdown = NULL;
  guint notifications = 0;
  double zoom = 0;
  GtkWidget *last;

  g_signal_connect (view, "notify::markdown", G_CALLBACK (on_notify), &notifications);
  g_signal_connect (view, "notify::zoom", G_CALLBACK (on_notify), &notifications);
  g_object_set (view, "markdown", "one", "zoom", 1.2, NULL);
  g_assert_cmpuint (notifications, ==, 2);
  g_object_get (view, "markdown", &markdown, "zoom", &zoom, NULL);
  g_assert_cmpstr (markdown, ==, "one");
  g_assert_cmpfloat_with_epsilon (zoom, 1.2, 1e-9);

  /* Setting the same values again neither notifies nor rebuilds. */
  g_object_set (view, "markdown", "one", "zoom", 1.2, NULL);
  g_assert_cmpuint (notifications, ==, 2);

  rehearse_markdown_view_set_markdown (view, "");
  g_assert_cmpuint (count_children (view), ==, 0);
  rehearse_markdown_view_set_markdown (view, "a\n\nb\n\n---\n\n> c");
  g_assert_cmpuint (count_children (view), ==, 4);
  last = gtk_widget_get_last_child (GTK_WIDGET (view));
  g_assert_true (GTK_IS_SEPARATOR (gtk_widget_get_prev_sibling (last)));
  g_assert_true (gtk_widget_has_css_class (last, "md-blockquote"));
}

static void
test_odd_input (void)
{
  /* Invalid UTF-8, control characters and a NUL-less mess of markup. */
  g_autoptr(RehearseMarkdownView) view = render ("bad \xff\xfe utf-8 \x01\x02\x1b[31m "
                                                  "[x](https://a.b/\x01\"<>) "
                                                  "<script>alert(1)</script> &amp; &#0;\n\n"
                                                  "| a |\n|---|\n| `|` <i> |\n\n"
                                                  "```\xff\n\x01\n```\n");
  g_autoptr(GPtrArray) labels = find_widgets (view, GTK_TYPE_LABEL, "md-paragraph");

  g_assert_cmpuint (labels->len, >=, 1);
  g_assert_true (g_utf8_validate (rehearse_markdown_view_get_markdown (view), -1, NULL));
  /* A script is neither run nor shown; the text around it is. */
  g_assert_null (strstr (gtk_label_get_text (label_at (labels, 0)), "script"));
  g_assert_null (strstr (gtk_label_get_text (label_at (labels, 0)), "alert"));
  g_assert_nonnull (strstr (gtk_label_get_text (label_at (labels, 0)), " & "));
}

static void
test_dark_style (void)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  g_autoptr(RehearseMarkdownView) view = render_fixture ("code.md");
  GtkSourceView *code = only_code_view (view);
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (code)));

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_cmpstr (gtk_source_style_scheme_get_id (gtk_source_buffer_get_style_scheme (buffer)),
                   ==, "Adwaita");
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_cmpstr (gtk_source_style_scheme_get_id (gtk_source_buffer_get_style_scheme (buffer)),
                   ==, "Adwaita-dark");
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_real_answer (void)
{
  g_autoptr(RehearseMarkdownView) view = render_fixture ("real-answer.md");
  g_autoptr(GPtrArray) paragraphs = find_widgets (view, GTK_TYPE_LABEL, "md-paragraph");
  g_autoptr(GPtrArray) headings = find_widgets (view, GTK_TYPE_LABEL, "md-heading");
  g_autoptr(GPtrArray) markers = find_widgets (view, GTK_TYPE_LABEL, "md-list-marker");
  GtkSourceView *code = only_code_view (view);
  g_autofree char *code_text = buffer_text (code);

  /* Paragraph, paragraph, code, paragraph, list, paragraph, heading, paragraph. */
  g_assert_cmpuint (count_children (view), ==, 8);
  g_assert_cmpuint (headings->len, ==, 1);
  g_assert_cmpstr (gtk_label_get_text (label_at (headings, 0)), ==, "In-depth");
  g_assert_true (gtk_widget_has_css_class (headings->pdata[0], "title-4"));
  g_assert_cmpuint (markers->len, ==, 4);

  g_assert_cmpstr (language_id (code), ==, "sh");
  g_assert_true (g_str_has_prefix (code_text, "docker run --runtime=io.containerd.wasmedge.v1 "));
  g_assert_null (strchr (code_text, '\n'));

  g_assert_cmpuint (paragraphs->len, ==, 4 + 4 + 1);
  g_assert_cmpstr (gtk_label_get_label (label_at (paragraphs, 0)), ==,
                   "&quot;WebAssembly (WASM + WASI) is emerging as a "
                   "<b>lightweight alternative to containers</b> for some workloads.");
  g_assert_cmpstr (gtk_label_get_label (label_at (paragraphs, 3)), ==,
                   "<b>Smaller</b>: binaries are KBs vs. MB+ images");
  g_assert_true (g_str_has_prefix (gtk_label_get_text (label_at (paragraphs, 7)),
                                   "WASM is not replacing Docker — it targets"));
  g_assert_nonnull (strstr (gtk_label_get_label (label_at (paragraphs, 8)),
                            "<tt><span bgcolor=\"#8080802e\">"
                            "containerd-shim-wasmedge-v1</span></tt>"));
}

static void
test_bundled_decks (void)
{
  const char *decks_dir = g_getenv ("REHEARSE_BUNDLED_DECKS_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (decks_dir == NULL)
    {
      g_test_skip ("REHEARSE_BUNDLED_DECKS_DIR is not set");
      return;
    }

  /* Whole real files, damaged encoding and all, as one document each: any
   * markup the view gets wrong is a warning, and warnings are fatal here. */
  path = g_build_filename (decks_dir, "docker-interview-questions", NULL);
  dir = g_dir_open (path, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".md"))
      g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_assert_cmpuint (names->len, >, 0);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *markdown = NULL;
      g_autoptr(RehearseMarkdownView) view = NULL;
      g_autoptr(GPtrArray) code_views = NULL;

      g_assert_true (g_file_get_contents (names->pdata[i], &markdown, NULL, NULL));
      view = render (markdown);
      /* A whole deck is longer than one step of the view. */
      g_assert_cmpuint (show_all (view), >, 0);
      code_views = find_widgets (view, GTK_SOURCE_TYPE_VIEW, NULL);
      g_test_message ("%s: %u blocks, %u code blocks", (char *) names->pdata[i],
                      count_children (view), code_views->len);
      g_assert_cmpuint (count_children (view), >, 100);
    }
}

/* Hostile answers */

/* What one label holds at most, what one step of the view lays out at
 * most (its budget and one label over), and how many widgets a step makes
 * at most (a widget costs 40 of a budget of 8,000, plus markers and
 * boxes). */
#define LABEL_MAX_CHARS 1000
#define STEP_MAX_CHARS 9000
#define STEP_MAX_WIDGETS 800
/* A word longer than 128 characters gets a zero-width space every 32. */
#define WORD_MAX_CHARS 160
#define ZERO_WIDTH_SPACE "\xe2\x80\x8b"

static char *
without_zero_width_spaces (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ZERO_WIDTH_SPACE, -1);

  return g_strjoinv ("", parts);
}

static gsize
longest_word (const char *text)
{
  gsize longest = 0, word = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (*p == ' ' || *p == '\n' || g_str_has_prefix (p, ZERO_WIDTH_SPACE))
        word = 0;
      else
        word++;
      longest = MAX (longest, word);
    }
  return longest;
}

/* The longest stretch of @text where Pango may not break a line (by
 * Unicode's line breaking rules, which know more than spaces: none after
 * "[ "). Pango wraps such a stretch wider than the line a character at a
 * time, in time that grows with its square. */
static gsize
longest_unbreakable (const char *text)
{
  int length = g_utf8_strlen (text, -1);
  g_autofree PangoLogAttr *attrs = g_new0 (PangoLogAttr, length + 1);
  gsize longest = 0, stretch = 0;

  pango_get_log_attrs (text, -1, -1, pango_language_get_default (), attrs, length + 1);
  for (int i = 0; i < length; i++)
    {
      stretch = attrs[i].is_line_break ? 1 : stretch + 1;
      longest = MAX (longest, stretch);
    }
  return longest;
}

static guint
count_widgets (gpointer root)
{
  g_autoptr(GPtrArray) widgets = find_widgets (root, GTK_TYPE_WIDGET, NULL);

  return widgets->len;
}

/* Every label's text, zero-width spaces left out, in reading order. */
static char *
shown_text (gpointer view)
{
  g_autoptr(GPtrArray) labels = find_widgets (view, GTK_TYPE_LABEL, "md-paragraph");
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    {
      g_autofree char *label_text = without_zero_width_spaces (
        gtk_label_get_text (label_at (labels, i)));

      g_string_append (text, label_text);
    }
  return g_string_free (text, FALSE);
}

static void
assert_step_bounded (RehearseMarkdownView *view)
{
  g_autoptr(GPtrArray) labels = find_widgets (view, GTK_TYPE_LABEL, NULL);
  g_autoptr(GPtrArray) code_views = find_widgets (view, GTK_SOURCE_TYPE_VIEW, NULL);
  gsize total = 0;

  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = gtk_label_get_text (label_at (labels, i));
      g_autofree char *visible = without_zero_width_spaces (text);
      gsize chars = (gsize) g_utf8_strlen (visible, -1);

      g_assert_cmpuint (chars, <=, LABEL_MAX_CHARS);
      g_assert_cmpuint (longest_word (text), <=, WORD_MAX_CHARS);
      g_assert_cmpuint (longest_unbreakable (text), <=, WORD_MAX_CHARS);
      total += chars;
    }
  g_assert_cmpuint (total, <=, STEP_MAX_CHARS);
  g_assert_cmpuint (count_widgets (view), <=, STEP_MAX_WIDGETS);

  /* A piece holds 16 KB and 1,000 lines at most, and so does a code block. */
  for (guint i = 0; i < code_views->len; i++)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (code_views->pdata[i]);

      g_assert_cmpint (gtk_text_buffer_get_line_count (buffer), <=, 1001);
      g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), <=, 16 * 1024 + 16);
    }
}

/* @before N @middle N @after, for N from 1 to @count. */
static char *
numbered_lines (const char *before,
                const char *middle,
                const char *after,
                guint       count)
{
  GString *text = g_string_new (NULL);

  for (guint i = 1; i <= count; i++)
    g_string_append_printf (text, "%s%u%s%u%s", before, i, middle, i, after);
  return g_string_free (text, FALSE);
}

/* The answers that froze the window (issue 13) and cmark's pathological
 * shapes: each shows a bounded first step and a "Show More" for the rest. */
static char *all_label_text (gpointer root);

static void
test_hostile_answers_bounded (void)
{
  g_autofree char *backticks = NULL;
  GString *runs = g_string_new (NULL);
  char *answers[15];
  guint n = 0;

  for (guint run = 1; run <= 446; run++)
    {
      g_string_append_c (runs, 'e');
      for (guint i = 0; i < run; i++)
        g_string_append_c (runs, '`');
    }
  backticks = g_string_free (runs, FALSE);

  answers[n++] = repeat ("_a", 100000, "");
  answers[n++] = repeat ("[", 100000, "");
  answers[n++] = g_strdup (backticks);
  answers[n++] = repeat ("lorem ipsum dolor sit amet ", 555556, "");
  answers[n++] = repeat ("<div>", 100000, "");
  answers[n++] = repeat ("x", 1024 * 1024, "");
  answers[n++] = repeat ("[a", 65000, "");
  /* Spaces, but nowhere a line may break: never after "[ ". */
  answers[n++] = repeat ("[ a_", 50000, "");
  answers[n++] = repeat ("![[]()", 10000, "");
  answers[n++] = repeat ("*a **a ", 25000, "b");
  answers[n++] = repeat ("- an item of a long list\n", 20000, "");
  answers[n++] = repeat ("| a | b | c |\n", 20000, "");
  answers[n++] = numbered_lines ("| ", " | ", " |\n|---|---|\n", 5000);
  answers[n++] = repeat ("echo line\n", 100000, "```\n");
  answers[n++] = repeat ("x", 1024 * 1024, "\n```\n");
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (answers));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RehearseMarkdownView) view = NULL;

      /* The two code blocks open their fence first. */
      if (i >= 13)
        {
          char *fenced = g_strconcat ("```\n", answers[i], NULL);

          g_free (answers[i]);
          answers[i] = fenced;
        }
      view = render (answers[i]);
      g_test_message ("answer %u: %zu bytes, %u widgets", i, strlen (answers[i]),
                      count_widgets (view));
      assert_step_bounded (view);
      /* 100,000 <div>s are read as HTML: tags that show nothing. The
       * steps go on by themselves (no "Show More" under a blank answer),
       * and at the end nothing is shown. Every other answer has more. */
      if (g_str_has_prefix (answers[i], "<div>"))
        {
          g_autofree char *shown = NULL;

          g_assert_null (find_show_more (view));
          while (g_main_context_iteration (NULL, FALSE))
            ;
          shown = all_label_text (view);
          g_assert_cmpstr (shown, ==, "");
          g_assert_null (find_show_more (view));
        }
      else
        g_assert_nonnull (find_show_more (view));
      g_free (answers[i]);
    }
}

/* Text that shows nothing still costs its parsing: 80,000 link reference
 * definitions (860 KB) are read in several steps, which go on by
 * themselves while nothing is shown, so the words after them appear
 * without a "Show More" under a blank answer. */
static void
test_invisible_text_in_steps (void)
{
  GString *markdown = g_string_new (NULL);
  g_autoptr(RehearseMarkdownView) view = NULL;
  g_autofree char *shown = NULL;
  guint steps = 1;

  for (guint label = 1; label < 80000; label++)
    g_string_append_printf (markdown, "[%u]: u\n", label);
  g_string_append (markdown, "\nThe words after them.\n");
  view = render (markdown->str);
  g_string_free (markdown, TRUE);

  /* The first step parsed a part of the definitions and showed nothing. */
  shown = all_label_text (view);
  g_assert_cmpstr (shown, ==, "");
  g_assert_null (find_show_more (view));

  while (g_main_context_iteration (NULL, FALSE))
    steps++;
  g_clear_pointer (&shown, g_free);
  shown = all_label_text (view);
  g_assert_cmpstr (shown, ==, "The words after them.\n");
  g_assert_null (find_show_more (view));
  g_test_message ("main loop iterations to the end: %u", steps);
  g_assert_cmpuint (steps, >=, 4);
}

/* "Show More" shows the next step where the last one ended, bounded as
 * the first, and nothing is lost or repeated. */
static void
test_show_more_reveals_the_rest (void)
{
  g_autofree char *word = repeat ("_a", 10000, "");
  g_autofree char *paragraphs = numbered_lines ("Paragraph ",
                                                " of a very long answer, one of many (",
                                                ").\n\n", 2000);
  g_autoptr(RehearseMarkdownView) word_view = render (word);
  g_autoptr(RehearseMarkdownView) paragraphs_view = render (paragraphs);
  g_autofree char *shown = NULL;
  GtkWidget *button;
  guint presses = 0;

  g_assert_nonnull (find_show_more (word_view));
  g_assert_cmpuint (show_all (word_view), >, 1);
  shown = shown_text (word_view);
  g_assert_cmpstr (shown, ==, word);

  /* Each step is bounded, and the last paragraph shows only at the end. */
  g_assert_false (ui_test_shows_text (GTK_WIDGET (paragraphs_view), "Paragraph 2000 of a very "
                                      "long answer, one of many (2000)."));
  while ((button = find_show_more (paragraphs_view)) != NULL)
    {
      g_autoptr(GPtrArray) before = find_widgets (paragraphs_view, GTK_TYPE_LABEL, NULL);
      g_autoptr(GPtrArray) after = NULL;
      gsize added = 0;

      g_signal_emit_by_name (button, "clicked");
      after = find_widgets (paragraphs_view, GTK_TYPE_LABEL, NULL);
      for (guint i = before->len; i < after->len; i++)
        added += strlen (gtk_label_get_text (label_at (after, i)));
      g_assert_cmpuint (added, <=, STEP_MAX_CHARS);
      presses++;
    }
  g_assert_cmpuint (presses, >, 5);
  for (guint i = 1; i <= 2000; i++)
    {
      g_autofree char *text = g_strdup_printf ("Paragraph %u of a very long answer, one of "
                                               "many (%u).", i, i);
      g_autoptr(GPtrArray) labels = find_widgets (paragraphs_view, GTK_TYPE_LABEL, NULL);

      if (i % 100 == 0 || i == 1)
        g_assert_cmpstr (gtk_label_get_text (label_at (labels, i - 1)), ==, text);
    }
  g_assert_cmpuint (count_children (paragraphs_view), ==, 2000);
}

/* Lists, tables and code go on where they stopped: the numbers of a list
 * continue, a table keeps its columns (its header shown again), code
 * stays code. */
static void
test_show_more_resumes_inside_blocks (void)
{
  g_autofree char *list = numbered_lines ("", ". item ", "\n", 3000);
  g_autofree char *rows = numbered_lines ("| row ", " | cell ", " |\n", 3000);
  g_autofree char *table = g_strconcat ("| name | value |\n|---|---|\n", rows, NULL);
  g_autofree char *lines = numbered_lines ("line ", " of ", "\n", 5000);
  g_autofree char *code = g_strconcat ("```sh\n", lines, "```\n", NULL);
  g_autoptr(RehearseMarkdownView) list_view = render (list);
  g_autoptr(RehearseMarkdownView) table_view = render (table);
  g_autoptr(RehearseMarkdownView) code_view = render (code);
  g_autoptr(GPtrArray) markers = NULL;
  g_autoptr(GPtrArray) cells = NULL;
  g_autoptr(GPtrArray) headers = NULL;
  g_autoptr(GPtrArray) code_views = NULL;
  g_autoptr(GString) code_text = g_string_new (NULL);

  show_all (list_view);
  markers = find_widgets (list_view, GTK_TYPE_LABEL, "md-list-marker");
  g_assert_cmpuint (markers->len, ==, 3000);
  for (guint i = 0; i < markers->len; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u.", i + 1);

      g_assert_cmpstr (gtk_label_get_text (label_at (markers, i)), ==, number);
    }

  g_assert_nonnull (find_show_more (table_view));
  show_all (table_view);
  cells = find_widgets (table_view, GTK_TYPE_LABEL, "md-table-cell");
  headers = find_widgets (table_view, GTK_TYPE_LABEL, "md-table-header");
  g_assert_cmpuint (cells->len, ==, 2 * (3000 + headers->len / 2));
  g_assert_cmpstr (gtk_label_get_text (label_at (cells, cells->len - 1)), ==, "cell 3000");
  g_assert_false (ui_test_shows_text (GTK_WIDGET (table_view), "| row 3000 | cell 3000 |"));

  show_all (code_view);
  code_views = find_widgets (code_view, GTK_SOURCE_TYPE_VIEW, NULL);
  g_assert_cmpuint (code_views->len, >, 1);
  for (guint i = 0; i < code_views->len; i++)
    {
      g_autofree char *text = buffer_text (code_views->pdata[i]);

      g_string_append_printf (code_text, "%s\n", text);
    }
  g_assert_cmpstr (code_text->str, ==, lines);
}

/* Nothing changes for answers of a usual size. */
static void
test_usual_answer_in_one_step (void)
{
  g_autofree char *paragraphs = numbered_lines ("Paragraph ", ", as long as answers' are, with a "
                                                "[link](https://example.org/", ").\n\n", 60);
  g_autoptr(RehearseMarkdownView) view = render (paragraphs);
  g_autoptr(GPtrArray) long_text = find_widgets (view, GTK_TYPE_BOX, "md-long-text");

  g_assert_null (find_show_more (view));
  g_assert_cmpuint (long_text->len, ==, 0);
  g_assert_cmpuint (count_children (view), ==, 60);
}

/* Every text of the labels below @root, in reading order, one a line. */
static char *
all_label_text (gpointer root)
{
  g_autoptr(GPtrArray) labels = find_widgets (root, GTK_TYPE_LABEL, NULL);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    g_string_append_printf (text, "%s\n", gtk_label_get_text (label_at (labels, i)));
  return g_string_free (text, FALSE);
}

static const char * const known_tags[] = {
  "br", "b", "strong", "i", "em", "code", "kbd", "sub", "sup", "p", "div", "span",
  "details", "summary", "a", "img", "!--", "font",
};

/* A known tag's name after '<' or "</", then its end or its attributes. */
static gboolean
shows_tag (const char *text,
           const char *name)
{
  static const char * const openings[] = { "<", "</" };
  static const char * const followers[] = { ">", " ", "/", "\n" };

  for (guint i = 0; i < G_N_ELEMENTS (openings); i++)
    for (guint j = 0; j < G_N_ELEMENTS (followers); j++)
      {
        g_autofree char *tag = g_strconcat (openings[i], name, followers[j], NULL);

        if (strstr (text, tag) != NULL)
          return TRUE;
      }
  return FALSE;
}

static void
assert_no_raw_tags (gpointer root)
{
  g_autofree char *text = all_label_text (root);

  for (guint i = 0; i < G_N_ELEMENTS (known_tags); i++)
    if (shows_tag (text, known_tags[i]) || (g_str_equal (known_tags[i], "!--")
                                            && strstr (text, "<!--") != NULL))
      g_error ("A raw <%s> tag is shown in:\n%s", known_tags[i], text);
}

static char *
write_test_image (const char *folder,
                  const char *name)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 4, 4);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (folder, name, NULL);

  gdk_pixbuf_fill (pixbuf, 0x3584e4ff);
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
  return path;
}

static GtkLabel *
label_containing (gpointer    root,
                  const char *text)
{
  g_autoptr(GPtrArray) labels = find_widgets (root, GTK_TYPE_LABEL, NULL);

  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_text (label_at (labels, i)), text) != NULL)
      return label_at (labels, i);
  g_error ("No label holds “%s”", text);
  return NULL;
}

static void
on_anchor_activated (RehearseMarkdownView *view,
                     const char           *anchor,
                     char                **activated)
{
  g_free (*activated);
  *activated = g_strdup (anchor);
}

static void
test_html_inline (void)
{
  g_autoptr(RehearseMarkdownView) view = render_fixture ("html.md");
  GtkLabel *label;

  assert_no_raw_tags (view);

  label = label_containing (view, "First");
  g_assert_cmpstr (gtk_label_get_text (label), ==,
                   "First\nsecond line, bold, strong, italic, em.");
  g_assert_nonnull (strstr (gtk_label_get_label (label), "<b>bold</b>"));
  g_assert_nonnull (strstr (gtk_label_get_label (label), "<b>strong</b>"));
  g_assert_nonnull (strstr (gtk_label_get_label (label), "<i>italic</i>"));
  g_assert_nonnull (strstr (gtk_label_get_label (label), "<i>em</i>"));

  label = label_containing (view, "Press");
  g_assert_cmpstr (gtk_label_get_text (label), ==,
                   "Press Ctrl+C; run kubectl get pods; H2O and x2.");
  g_assert_nonnull (strstr (gtk_label_get_label (label),
                            "<tt><span bgcolor=\"#8080802e\">Ctrl</span></tt>"));
  g_assert_nonnull (strstr (gtk_label_get_label (label),
                            "<tt><span bgcolor=\"#8080802e\">kubectl get pods</span></tt>"));
  g_assert_nonnull (strstr (gtk_label_get_label (label), "H<sub>2</sub>O"));
  g_assert_nonnull (strstr (gtk_label_get_label (label), "x<sup>2</sup>"));

  /* Containers and unknown tags go, their text stays. */
  g_assert_cmpstr (gtk_label_get_text (label_containing (view, "Centred")), ==,
                   "Centred span text");
  g_assert_cmpstr (gtk_label_get_text (label_containing (view, "font tag")), ==,
                   "A font tag keeps its words.");
  /* What is no HTML element is the author's text. */
  g_assert_cmpstr (gtk_label_get_text (label_containing (view, "kubectl logs")), ==,
                   "Run kubectl logs <pod-name> and read <tags> as written.");
}

static void
test_html_hidden (void)
{
  g_autoptr(RehearseMarkdownView) view = render_fixture ("html.md");
  g_autofree char *text = all_label_text (view);

  /* <a name> anchors and comments show nothing: the first label is the
   * first paragraph. */
  g_assert_true (g_str_has_prefix (text, "First\n"));
  g_assert_null (strstr (text, "comment"));
  g_assert_null (strstr (text, "hidden-anchor"));
}

static void
test_html_details (void)
{
  g_autoptr(RehearseMarkdownView) view = render_fixture ("html.md");
  g_autoptr(GPtrArray) expanders = find_widgets (view, GTK_TYPE_EXPANDER, NULL);
  GtkExpander *expander;
  GtkWidget *summary;
  g_autofree char *content = NULL;

  g_assert_cmpuint (expanders->len, ==, 1);
  expander = g_ptr_array_index (expanders, 0);
  summary = gtk_expander_get_label_widget (expander);
  g_assert_true (GTK_IS_LABEL (summary));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (summary)), ==, "Show the answer");
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (summary)), "<b>answer</b>"));

  /* The Markdown between <details> and </details> is the expander's. */
  content = all_label_text (gtk_expander_get_child (expander));
  g_assert_cmpstr (content, ==, "Hidden Markdown answer.\n");
  g_assert_true (gtk_widget_get_parent (GTK_WIDGET (expander)) == GTK_WIDGET (view));
  g_assert_true (GTK_IS_PICTURE (gtk_widget_get_last_child (GTK_WIDGET (view))) == FALSE);
}

static void
test_html_details_in_one_block (void)
{
  g_autoptr(RehearseMarkdownView) view =
    render ("<details><summary>Why?</summary>\n<p>Because <b>it is</b>.</p>\n</details>\n\n"
            "after");
  g_autoptr(GPtrArray) expanders = find_widgets (view, GTK_TYPE_EXPANDER, NULL);
  g_autofree char *content = NULL;

  assert_no_raw_tags (view);
  g_assert_cmpuint (expanders->len, ==, 1);
  content = all_label_text (gtk_expander_get_child (g_ptr_array_index (expanders, 0)));
  g_assert_cmpstr (content, ==, "Because it is.\n");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_last_child (GTK_WIDGET (view)))),
                   ==, "after");
}

static void
test_html_images (void)
{
  g_autofree char *folder = g_dir_make_tmp ("rehearse-images-XXXXXX", NULL);
  g_autofree char *image = write_test_image (folder, "local.png");
  g_autofree char *markdown = load_fixture ("html.md");
  g_autoptr(RehearseMarkdownView) view = REHEARSE_MARKDOWN_VIEW (rehearse_markdown_view_new ());
  g_autoptr(GPtrArray) pictures = NULL;
  GtkLabel *remote;

  g_object_ref_sink (view);
  rehearse_markdown_view_set_base_directory (view, folder);
  rehearse_markdown_view_set_markdown (view, markdown);
  assert_no_raw_tags (view);

  /* A local image beside the deck's file is shown. */
  pictures = find_widgets (view, GTK_TYPE_PICTURE, NULL);
  g_assert_cmpuint (pictures->len, ==, 1);
  g_assert_cmpstr (gtk_picture_get_alternative_text (g_ptr_array_index (pictures, 0)), ==,
                   "A local diagram");
  g_assert_nonnull (gtk_picture_get_paintable (g_ptr_array_index (pictures, 0)));

  /* A remote one is its alt text, linked, never fetched. */
  remote = label_containing (view, "A remote diagram");
  g_assert_cmpstr (gtk_label_get_label (remote), ==,
                   "<a href=\"https://example.org/remote.png\">"
                   "<i>[image: A remote diagram]</i></a>");
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (remote)));

  /* Without the deck's folder, the local one is its alt text too. */
  rehearse_markdown_view_set_base_directory (view, NULL);
  g_clear_pointer (&pictures, g_ptr_array_unref);
  pictures = find_widgets (view, GTK_TYPE_PICTURE, NULL);
  g_assert_cmpuint (pictures->len, ==, 0);
  g_assert_cmpstr (gtk_label_get_text (label_containing (view, "local")), ==,
                   "[image: A local diagram]");
  /* And nothing above the deck's folder is read. */
  rehearse_markdown_view_set_base_directory (view, folder);
  rehearse_markdown_view_set_markdown (view, "<img src=\"../local.png\" alt=\"up\">");
  g_clear_pointer (&pictures, g_ptr_array_unref);
  pictures = find_widgets (view, GTK_TYPE_PICTURE, NULL);
  g_assert_cmpuint (pictures->len, ==, 0);

  g_unlink (image);
  g_rmdir (folder);
}

static void
test_html_anchor_links (void)
{
  g_autoptr(RehearseMarkdownView) view = render_fixture ("html.md");
  GtkLabel *label = label_containing (view, "What is a Pod?");
  g_autofree char *activated = NULL;
  gboolean handled = FALSE;

  g_assert_nonnull (strstr (gtk_label_get_label (label),
                            "<a href=\"#what-is-a-pod\">What is a Pod?</a>"));
  g_assert_nonnull (strstr (gtk_label_get_label (label),
                            "<a href=\"#kubernetes-101\">the topic</a>"));
  g_assert_nonnull (strstr (gtk_label_get_label (label),
                            "<a href=\"https://kubernetes.io\">the docs</a>"));

  g_signal_connect (view, "anchor-activated", G_CALLBACK (on_anchor_activated), &activated);
  g_signal_emit_by_name (label, "activate-link", "#what-is-a-pod", &handled);
  g_assert_true (handled);
  g_assert_cmpstr (activated, ==, "what-is-a-pod");
}

/* Hostile input: every tag is read once, and nesting stays bounded. What
 * is no tag at all ("<a href=\"" never closed) is text, and shown. */
static void
test_html_hostile (void)
{
  static const struct
  {
    const char *unit;
    gboolean    is_tag;
  } units[] = {
    { "<div>", TRUE }, { "<details>", TRUE }, { "<b>", TRUE }, { "</i>", TRUE },
    { "<a href=\"#x\">", TRUE }, { "<!-- c -->", TRUE }, { "<summary>", TRUE },
    { "<a href=\"", FALSE }, { "<!--", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      g_autoptr(GString) markdown = g_string_new ("text ");
      g_autoptr(RehearseMarkdownView) view = NULL;

      for (guint n = 0; n < 100000; n++)
        g_string_append (markdown, units[i].unit);
      g_string_append (markdown, " end");
      view = render (markdown->str);
      g_assert_cmpuint (widget_tree_depth (view), <, 100);
      if (units[i].is_tag)
        assert_no_raw_tags (view);
    }
}

/* The characters of every label below @root. */
static gsize
count_label_chars (gpointer root)
{
  g_autofree char *text = all_label_text (root);

  return (gsize) g_utf8_strlen (text, -1);
}

/* Presses "Show More" until all is shown, checking that each step lays
 * out no more than the first may; returns how many times. */
static guint
show_all_in_bounded_steps (gpointer view)
{
  guint presses = 0;
  GtkWidget *button;

  while ((button = find_show_more (view)) != NULL)
    {
      gsize before = count_label_chars (view);

      g_assert_true (gtk_widget_get_last_child (view) == button);
      g_signal_emit_by_name (button, "clicked");
      g_assert_cmpuint (count_label_chars (view) - before, <=, STEP_MAX_CHARS);
      presses++;
    }
  return presses;
}

/* An answer that mixes HTML blocks with very many Markdown blocks goes on
 * in bounded steps behind "Show More", as a plain one does, and its
 * <details> holds what follows it up to its </details> over every step
 * and every piece the answer is parsed in. */
static void
test_html_details_in_steps (void)
{
  g_autofree char *inside = numbered_lines ("Inside paragraph ", " of the details (", ").\n\n",
                                            1500);
  g_autofree char *after = numbered_lines ("After paragraph ", " of the details (", ").\n\n",
                                           1500);
  g_autofree char *markdown = g_strconcat ("Before the details.\n\n"
                                           "<details><summary>Show the <b>answer</b></summary>\n\n",
                                           inside, "</details>\n\n", after, NULL);
  g_autofree char *inside_lines = numbered_lines ("Inside paragraph ", " of the details (",
                                                  ").\n", 1500);
  g_autofree char *after_lines = numbered_lines ("After paragraph ", " of the details (",
                                                 ").\n", 1500);
  g_autofree char *expected = g_strconcat ("Before the details.\nShow the answer\n",
                                           inside_lines, after_lines, NULL);
  g_autoptr(RehearseMarkdownView) view = render (markdown);
  g_autoptr(GPtrArray) expanders = find_widgets (view, GTK_TYPE_EXPANDER, NULL);
  g_autofree char *content_text = NULL;
  g_autofree char *shown = NULL;
  GtkExpander *expander;
  GtkWidget *content;

  /* Open, so that what the details holds is laid out and counted. */
  g_assert_cmpuint (expanders->len, ==, 1);
  expander = g_ptr_array_index (expanders, 0);
  gtk_expander_set_expanded (expander, TRUE);
  content = gtk_expander_get_child (expander);

  /* The first step is bounded as a plain answer's, and is all inside the
   * details: the text before it, the expander, "Show More". */
  assert_step_bounded (view);
  g_assert_nonnull (find_show_more (view));
  g_assert_cmpuint (count_children (view), ==, 3);
  g_assert_cmpuint (count_children (content), >, 10);

  g_assert_cmpuint (show_all_in_bounded_steps (view), >, 5);
  assert_no_raw_tags (view);

  /* Every paragraph inside the details is the expander's, every one after
   * it the answer's own, in order, each once. */
  content_text = all_label_text (content);
  g_assert_cmpstr (content_text, ==, inside_lines);
  g_assert_cmpuint (count_children (content), ==, 1500);
  g_assert_cmpuint (count_children (view), ==, 2 + 1500);
  g_assert_true (gtk_widget_get_parent (GTK_WIDGET (label_containing (view, "After paragraph 1 ")))
                 == GTK_WIDGET (view));
  shown = all_label_text (view);
  g_assert_cmpstr (shown, ==, expected);
}

/* A <summary> left open (the author's, or an import's) names the
 * expander from the first step, not only once its </details> is read. */
static void
test_html_summary_left_open (void)
{
  g_autofree char *inside = numbered_lines ("Inside paragraph ", " of the details (", ").\n\n",
                                            1500);
  g_autofree char *markdown = g_strconcat ("<details><summary>More about <b>Pods</b>\n\n", inside,
                                           "</details>\n", NULL);
  g_autoptr(RehearseMarkdownView) view = render (markdown);
  g_autoptr(GPtrArray) expanders = find_widgets (view, GTK_TYPE_EXPANDER, NULL);
  GtkWidget *summary;

  g_assert_nonnull (find_show_more (view));
  g_assert_cmpuint (expanders->len, ==, 1);
  summary = gtk_expander_get_label_widget (g_ptr_array_index (expanders, 0));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (summary)), ==, "More about Pods");
}

/* A click on the summary's words opens the details: a selectable label
 * would take the click for its cursor instead. */
static void
test_html_summary_opens_details (void)
{
  g_autoptr(RehearseMarkdownView) view = render_fixture ("html.md");
  g_autoptr(GPtrArray) expanders = find_widgets (view, GTK_TYPE_EXPANDER, NULL);
  GtkWidget *summary;

  g_assert_cmpuint (expanders->len, ==, 1);
  summary = gtk_expander_get_label_widget (g_ptr_array_index (expanders, 0));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (summary)), ==, "Show the answer");
  g_assert_false (gtk_label_get_selectable (GTK_LABEL (summary)));
}

/* One HTML block of thousands of paragraphs (no blank line ends it) is
 * laid out in bounded steps too: a step may end inside the block, and the
 * next goes on from there. */
static void
test_html_block_in_steps (void)
{
  g_autofree char *markdown = numbered_lines ("<p>HTML paragraph ", " of one long block (",
                                              ").</p>\n", 3000);
  g_autofree char *expected = numbered_lines ("HTML paragraph ", " of one long block (",
                                              ").\n", 3000);
  g_autoptr(RehearseMarkdownView) view = render (markdown);
  g_autofree char *shown = NULL;

  assert_step_bounded (view);
  g_assert_nonnull (find_show_more (view));
  g_assert_cmpuint (show_all_in_bounded_steps (view), >, 5);
  assert_no_raw_tags (view);
  shown = all_label_text (view);
  g_assert_cmpstr (shown, ==, expected);
}

static void
test_inline_markup (void)
{
  static const struct
  {
    const char *markdown;
    const char *markup;
  } cases[] = {
    { "What is `docker save` & **why**?",
      "What is <tt><span bgcolor=\"#8080802e\">docker save</span></tt> &amp; <b>why</b>?" },
    { "1. Is <b>raw</b> HTML read?", "Is <b>raw</b> HTML read?" },
    { "Why <code>kubectl get containers</code> & <font size=2>not</font> <pod>?",
      "Why <tt><span bgcolor=\"#8080802e\">kubectl get containers</span></tt> &amp; not"
      " &lt;pod&gt;?" },
    { "### 301. A *heading*", "301. A <i>heading</i>" },
    { "> - quoted [link](https://example.org)",
      "quoted <a href=\"https://example.org\">link</a>" },
    { "---", "---" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *markup = rehearse_markdown_view_inline_markup (cases[i].markdown);

      g_assert_cmpstr (markup, ==, cases[i].markup);
    }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/markdown-view/paragraphs", test_paragraphs);
  g_test_add_func ("/markdown-view/links", test_links);
  g_test_add_func ("/markdown-view/links-reachable-by-tab", test_links_reachable_by_tab);
  g_test_add_func ("/markdown-view/fits-narrow-window", test_fits_narrow_window);
  g_test_add_func ("/markdown-view/long-code-line-keeps-its-height",
                   test_long_code_line_keeps_its_height);
  g_test_add_func ("/markdown-view/headings", test_headings);
  g_test_add_func ("/markdown-view/lists", test_lists);
  g_test_add_func ("/markdown-view/table", test_table);
  g_test_add_func ("/markdown-view/code-block", test_code_block);
  g_test_add_func ("/markdown-view/code-languages", test_code_languages);
  g_test_add_func ("/markdown-view/code-language-names", test_code_language_names);
  g_test_add_func ("/markdown-view/copy-button", test_copy_button);
  g_test_add_func ("/markdown-view/copy-button-beside-code", test_copy_button_beside_code);
  g_test_add_func ("/markdown-view/copy-feedback-ends", test_copy_feedback_ends);
  g_test_add_func ("/markdown-view/deep-nesting", test_deep_nesting);
  g_test_add_func ("/markdown-view/indented-nesting", test_indented_nesting);
  g_test_add_func ("/markdown-view/wheel-over-blocks-scrolls-page",
                   test_wheel_over_blocks_scrolls_page);
  g_test_add_func ("/markdown-view/zoom", test_zoom);
  g_test_add_func ("/markdown-view/properties", test_properties);
  g_test_add_func ("/markdown-view/odd-input", test_odd_input);
  g_test_add_func ("/markdown-view/dark-style", test_dark_style);
  g_test_add_func ("/markdown-view/real-answer", test_real_answer);
  g_test_add_func ("/markdown-view/bundled-decks", test_bundled_decks);
  g_test_add_func ("/markdown-view/inline-markup", test_inline_markup);
  g_test_add_func ("/markdown-view/hostile-answers-bounded", test_hostile_answers_bounded);
  g_test_add_func ("/markdown-view/show-more-reveals-the-rest", test_show_more_reveals_the_rest);
  g_test_add_func ("/markdown-view/show-more-resumes-inside-blocks",
                   test_show_more_resumes_inside_blocks);
  g_test_add_func ("/markdown-view/usual-answer-in-one-step", test_usual_answer_in_one_step);
  g_test_add_func ("/markdown-view/html-inline", test_html_inline);
  g_test_add_func ("/markdown-view/html-hidden", test_html_hidden);
  g_test_add_func ("/markdown-view/html-details", test_html_details);
  g_test_add_func ("/markdown-view/html-details-in-one-block", test_html_details_in_one_block);
  g_test_add_func ("/markdown-view/html-images", test_html_images);
  g_test_add_func ("/markdown-view/html-anchor-links", test_html_anchor_links);
  g_test_add_func ("/markdown-view/html-hostile", test_html_hostile);
  g_test_add_func ("/markdown-view/html-details-in-steps", test_html_details_in_steps);
  g_test_add_func ("/markdown-view/html-block-in-steps", test_html_block_in_steps);
  g_test_add_func ("/markdown-view/html-summary-left-open", test_html_summary_left_open);
  g_test_add_func ("/markdown-view/invisible-text-in-steps", test_invisible_text_in_steps);
  g_test_add_func ("/markdown-view/html-summary-opens-details",
                   test_html_summary_opens_details);

  return g_test_run ();
}
