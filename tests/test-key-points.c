/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "rehearse-cmark.h"
#include "rehearse-importer.h"
#include "rehearse-key-points.h"

#define BUNDLED_QUESTION_COUNT 100
/* What the extraction promises a checklist line is at most. */
#define MAX_POINT_CHARACTERS 64

/* The bundled deck, read as the importer reads it: the two files in order. */
static RehearseParsedDeck *
read_bundled_deck (void)
{
  static const char * const files[] = {
    "301-350-expert-docker-experimental-tech.md",
    "351-400-production-tooling-registries.md",
  };
  RehearseParsedDeck *deck = rehearse_parsed_deck_new ("Docker Interview Questions");

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (rehearse_importer_bundled_decks_dir (),
                                                "docker-interview-questions", files[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(RehearseParsedDeck) part = rehearse_importer_read_file (path, NULL, &error);

      g_assert_no_error (error);
      rehearse_parsed_deck_append (deck, part);
    }

  return deck;
}

static RehearseParsedDeck *
read_fixture_deck (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "decks", name, NULL);
  g_autoptr(GError) error = NULL;
  RehearseParsedDeck *deck = rehearse_importer_read_file (path, NULL, &error);

  g_assert_no_error (error);
  return deck;
}

static RehearseParsedQuestion *
find_question (RehearseParsedDeck *deck,
               gint                number)
{
  for (guint i = 0; i < deck->questions->len; i++)
    {
      RehearseParsedQuestion *question = g_ptr_array_index (deck->questions, i);

      if (question->number == number)
        return question;
    }

  g_error ("no question %d in the deck", number);
}

static GPtrArray *
extract_question (RehearseParsedQuestion *question)
{
  return rehearse_key_points_extract (question->answer, question->in_depth);
}

static char *
join_points (GPtrArray *points)
{
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; i < points->len; i++)
    g_string_append_printf (joined, "%s%s", i > 0 ? " | " : "",
                            (const char *) g_ptr_array_index (points, i));

  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/* Compared as one string, so that a failure shows both lists whole. */
static void
assert_points (GPtrArray          *points,
               const char * const *expected)
{
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  g_autofree char *actual_text = join_points (points);
  g_autofree char *expected_text = NULL;

  for (guint i = 0; expected[i] != NULL; i++)
    g_ptr_array_add (wanted, (gpointer) expected[i]);
  expected_text = join_points (wanted);

  g_assert_cmpstr (actual_text, ==, expected_text);
}

static void
assert_markdown_points (const char         *answer,
                        const char         *in_depth,
                        const char * const *expected)
{
  g_autoptr(GPtrArray) points = rehearse_key_points_extract (answer, in_depth);

  assert_points (points, expected);
}

static void
assert_question_points (RehearseParsedDeck *deck,
                        gint                number,
                        const char * const *expected)
{
  g_autoptr(GPtrArray) points = extract_question (find_question (deck, number));

  assert_points (points, expected);
}

/* Letters and digits only, folded: "Cgroups!" and "cgroups" are one point. */
static char *
duplicate_key (const char *point)
{
  g_autofree char *folded = g_utf8_casefold (point, -1);
  GString *key = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      g_string_append_unichar (key, g_utf8_get_char (p));

  return g_string_free (key, FALSE);
}

static void
assert_checklist_line (const char *point,
                       gint        number)
{
  if (point[0] == '\0' || strstr (point, "**") != NULL || strchr (point, '`') != NULL
      || strchr (point, '[') != NULL || g_ascii_isspace (point[0])
      || g_ascii_isspace (point[strlen (point) - 1]) || !g_utf8_validate (point, -1, NULL)
      || g_utf8_strlen (point, -1) > MAX_POINT_CHARACTERS)
    g_error ("question %d: “%s” is not a plain checklist line", number, point);
}

static void
test_every_bundled_answer (void)
{
  g_autoptr(RehearseParsedDeck) deck = read_bundled_deck ();

  g_assert_cmpuint (deck->questions->len, ==, BUNDLED_QUESTION_COUNT);
  for (guint i = 0; i < deck->questions->len; i++)
    {
      RehearseParsedQuestion *question = g_ptr_array_index (deck->questions, i);
      g_autoptr(GPtrArray) points = extract_question (question);
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      if (points->len < 2 || points->len > 7)
        g_error ("question %d has %u points", question->number, points->len);

      for (guint j = 0; j < points->len; j++)
        {
          const char *point = g_ptr_array_index (points, j);
          char *key = duplicate_key (point);

          assert_checklist_line (point, question->number);
          if (!g_hash_table_add (seen, key))
            g_error ("question %d: “%s” twice", question->number, point);
        }
    }
}

/* What a person would underline, checked point for point. */
static void
test_bundled_spot_checks (void)
{
  g_autoptr(RehearseParsedDeck) deck = read_bundled_deck ();

  /* Bold lead, the command in the code block, the four bold list leads. */
  assert_question_points (deck, 301, (const char *[]) {
    "lightweight alternative to containers", "docker run --runtime=io.containerd.wasmedge.v1",
    "Smaller", "Faster startup", "Better sandbox", "Cross-platform", NULL });
  /* Six bold paragraph leads, nothing else. */
  assert_question_points (deck, 302, (const char *[]) {
    "Consolidation around OCI", "Kubernetes dominance", "Rootless and security-first",
    "Supply chain security", "WASM integration", "eBPF revolution", NULL });
  /* Commands of a shell block, comments and arguments left out, repeats once. */
  assert_question_points (deck, 319, (const char *[]) {
    "working with container images and registries", "skopeo copy", "skopeo inspect",
    "skopeo delete", "skopeo sync", NULL });
  /* "**Step 1: Analyze** the app's dependencies": the step number goes, the
   * single word borrows the words after it. */
  assert_question_points (deck, 326, (const char *[]) {
    "Analyze the app's dependencies", "Create a matching base image",
    "Identify startup and shutdown signals", "dumb-init", "Handle file paths and configs",
    "Handle stateful data", NULL });
  /* Seven numbered bold leads; the code inside them and after them is no point. */
  assert_question_points (deck, 347, (const char *[]) {
    "Running as root", "Storing secrets in images", "Multiple RUN commands for cleanup",
    "Using latest tags for base images", "No .dockerignore",
    "Copying entire directory before package install", "No health check", NULL });
  /* The opening definition, "**Fix:**" left out, item leads without their
   * parentheses, the command inside them on its own. */
  assert_question_points (deck, 351, (const char *[]) {
    "A container that is technically \"Running\"", "Send SIGKILL", "docker kill",
    "Investigate why it trapped signals", "Check for Host hardware issues", NULL });
  /* Letters alone are no points: "A: Added". */
  assert_question_points (deck, 362, (const char *[]) {
    "Shows files changed in the container's writable layer compared", "A: Added",
    "C: Changed", "D: Deleted", NULL });
  /* Nothing stands out: its sentences, the "If …," clause left out, the code
   * names left out. */
  assert_question_points (deck, 372, (const char *[]) {
    "Registry stores blobs by hash", "the registry stores Blob X once",
    "Both manifests point to Blob X", NULL });
  /* Bold leads ending in a colon inside the bold. */
  assert_question_points (deck, 382, (const char *[]) {
    "always", "unless-stopped", "on-failure", NULL });
  /* A term in code is replaced by the sentence that says it. */
  assert_question_points (deck, 386, (const char *[]) {
    "Docker containers usually lack systemd", "Services relying on DBus, Systemd", NULL });
}

/* For a reviewer to judge: `meson test -v key-points`. */
static void
test_bundled_examples (void)
{
  static const gint numbers[] = { 305, 310, 333, 358, 395 };
  g_autoptr(RehearseParsedDeck) deck = read_bundled_deck ();

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      RehearseParsedQuestion *question = find_question (deck, numbers[i]);
      g_autoptr(GPtrArray) points = extract_question (question);
      g_autofree char *joined = join_points (points);

      g_assert_cmpuint (points->len, >=, 2);
      g_test_message ("%d. %s\n  %s", question->number, question->text, joined);
    }
}

static void
test_other_decks (void)
{
  g_autoptr(RehearseParsedDeck) labels = read_fixture_deck ("answer-labels.md");
  g_autoptr(RehearseParsedDeck) bold = read_fixture_deck ("bold-questions.md");
  g_autoptr(RehearseParsedDeck) networking = read_fixture_deck ("restarting-numbers.md");
  g_autoptr(RehearseParsedDeck) spoken = read_fixture_deck ("spoken-in-depth.md");
  g_autoptr(RehearseParsedDeck) git = read_fixture_deck ("unnumbered.md");
  g_autoptr(RehearseParsedDeck) kubernetes = read_fixture_deck ("toc-html-header.md");

  assert_question_points (labels, 1, (const char *[]) {
    "A container whose main process is defunct", "Send SIGKILL", "docker kill",
    "Check the host", NULL });
  /* A clause after ';' is a second point. */
  assert_question_points (bold, 1, (const char *[]) {
    "Owner can read, write and execute", "group and others can read and execute", NULL });
  /* "lsof -i :8080" names no option worth keeping and is no term. */
  assert_question_points (bold, 3, (const char *[]) { "ss -ltnp", "ss", "lsof", NULL });
  /* The heading "Example:" and the table header are no points; its rows are. */
  assert_question_points (networking, 1, (const char *[]) {
    "The default network driver", "bridge", "overlay", NULL });
  /* One sentence alone: the in-depth part is drawn on. */
  assert_question_points (spoken, 11, (const char *[]) {
    "gVisor is a user-space kernel that intercepts syscalls",
    "It trades syscall speed for isolation", NULL });
  assert_question_points (git, -1, (const char *[]) {
    "Rebase rewrites history onto a new base", "merge records a merge commit", NULL });
  assert_question_points (kubernetes, 1, (const char *[]) {
    "The smallest deployable unit", "one or more containers sharing a network namespace",
    NULL });
}

static void
test_bold_leads (void)
{
  assert_markdown_points ("Containers are built from kernel features:\n\n"
                          "- **Namespaces**: isolate what a process sees.\n"
                          "- **Cgroups**: limit what it uses.\n"
                          "- **Union filesystems** (overlay2): stack image layers.\n",
                          NULL,
                          (const char *[]) { "Namespaces", "Cgroups", "Union filesystems", NULL });
  /* "**Challenges**:" names the list below it; a generic label is no point. */
  assert_markdown_points ("**Answer:** it depends.\n\n**Challenges**:\n"
                          "- Limited RAM (Raspberry Pi has 4 GB)\n"
                          "- Intermittent connectivity to the cloud\n",
                          NULL,
                          (const char *[]) { "Limited RAM",
                                             "Intermittent connectivity to the cloud", NULL });
}

static void
test_table_only (void)
{
  assert_markdown_points ("| Command | What it does |\n"
                          "| --- | --- |\n"
                          "| `docker save` | Writes an image to a tar archive |\n"
                          "| `docker export` | Writes a container's filesystem |\n"
                          "| **docker push** | Uploads to a registry |\n",
                          NULL,
                          (const char *[]) { "docker save", "docker export", "docker push",
                                             NULL });
  /* A header and nothing under it. */
  assert_markdown_points ("| Command | What it does |\n| --- | --- |\n", NULL,
                          (const char *[]) { NULL });
}

static void
test_one_paragraph (void)
{
  assert_markdown_points ("Namespaces isolate what a process can see. Cgroups limit what it "
                          "can use, e.g. memory and CPU. Neither is a virtual machine.",
                          NULL,
                          (const char *[]) { "Namespaces isolate what a process can see",
                                             "Cgroups limit what it can use, e.g. memory and CPU",
                                             "Neither is a virtual machine", NULL });
}

static void
test_empty_answers (void)
{
  static const char * const answers[] = {
    "", "   \n\n", "#### In-depth\n", "**Answer:**", "```yaml\nkey: value\n```\n",
    "![diagram](diagram.png)", "<https://docs.docker.com/>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    assert_markdown_points (answers[i], NULL, (const char *[]) { NULL });

  assert_markdown_points (NULL, NULL, (const char *[]) { NULL });
  /* The sentence that says the bold words stands for them. */
  assert_markdown_points (NULL, "It trades **syscall speed** for isolation.",
                          (const char *[]) { "It trades syscall speed for isolation", NULL });
}

static void
test_links_and_headings (void)
{
  g_autoptr(GPtrArray) points = rehearse_key_points_extract (
    "#### Answer:\nSee [the Docker docs](https://docs.docker.com/engine/).\n\n"
    "- **Layers** are cached: see [caching](https://docs.docker.com/build/cache/).\n"
    "- **Multi-stage builds** keep images small.\n",
    "#### In-depth\n**Never used**: the answer has two points.");

  assert_points (points, (const char *[]) { "Layers", "Multi-stage builds", NULL });
}

static void
test_inline_commands (void)
{
  /* The tool, its subcommands and the options that say how it is used. */
  assert_markdown_points ("Build with `docker buildx build --platform linux/arm64 -t app:1 .` "
                          "and run with `docker run --gpus all nvidia/cuda nvidia-smi`; stop "
                          "with `docker stop --time=30 web`. `cd app && docker init` starts.",
                          NULL,
                          (const char *[]) { "docker buildx build", "docker run --gpus all",
                                             "docker stop --time=30", "docker init", NULL });
}

static void
test_at_most_seven (void)
{
  g_autoptr(GString) answer = g_string_new (NULL);
  g_autoptr(GPtrArray) points = NULL;

  for (guint i = 1; i <= 12; i++)
    g_string_append_printf (answer, "- **Practice %u**: detail\n", i);
  g_string_append (answer, "\nRun `docker system prune` weekly.\n");
  points = rehearse_key_points_extract (answer->str, NULL);

  /* Bold leads first, spread from the first to the last, in reading order. */
  assert_points (points, (const char *[]) {
    "Practice 1", "Practice 3", "Practice 5", "Practice 7", "Practice 8", "Practice 10",
    "Practice 12", NULL });
}

static void
test_long_point_cut (void)
{
  const char *lead = "A very long bold lead phrase that goes on and on well beyond what "
                     "anybody reads in one line of a checklist";
  g_autofree char *answer = g_strdup_printf ("- **%s**: text\n- **Short**: text\n", lead);
  g_autoptr(GPtrArray) points = rehearse_key_points_extract (answer, NULL);
  const char *cut = g_ptr_array_index (points, 0);

  g_assert_cmpuint (points->len, ==, 2);
  g_assert_cmpuint (g_utf8_strlen (cut, -1), <=, MAX_POINT_CHARACTERS);
  g_assert_true (g_str_has_prefix (lead, cut));
  g_assert_cmpint (lead[strlen (cut)], ==, ' ');
}

static void
test_duplicates (void)
{
  assert_markdown_points ("**Cgroups** limit resources; **cgroups!** again. `docker run --rm`, "
                          "`docker run --rm` and `docker run`.",
                          NULL,
                          (const char *[]) { "Cgroups", "docker run --rm", NULL });
}

typedef struct
{
  const char *point;
  const char *typed;
} MatchCase;

static void
test_matching_ticks (void)
{
  static const MatchCase cases[] = {
    { "ENTRYPOINT", "the entrypoint instruction" },                       /* case */
    { "Multi-stage builds", "MULTI-STAGE BUILDS!" },                      /* punctuation */
    { "Multi-stage builds", "use a multi stage build" },                  /* split, singular */
    { "docker buildx build", "run buildx build in docker" },             /* order */
    { "cgroups", "Linux cgroup limits" },                                 /* plural */
    { "Storing secrets in images", "don't store a secret in the image" }, /* verb forms */
    { "Namespace isolation", "each tenant gets an isolated namespace" },
    { "policies", "a policy" },
    { "Kubernetes dominance", "kubernetes dominence" },                   /* one typo */
    { "Observability", "observabilty" },
    { "orchestration", "orhcestration" },                                 /* swapped */
    { "--no-cache", "pass --no-cache to docker build" },
    { "--no-cache", "build with no cache" },
    { "Cross-platform", "it is crossplatform" },
    { "Docker-in-Docker (DinD)", "dind" },                                /* an alias */
    { "Supply chain security", "secure the supply chain" },               /* 2 of 3 */
    { "Use consistent Project Names in Compose", "give compose a consistent project name" },
    { "naïve approach", "NAIVE approaches" },
    { "A: Added", "a file was added" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (!rehearse_key_point_covered (cases[i].point, cases[i].typed))
      g_error ("“%s” not ticked by “%s”", cases[i].point, cases[i].typed);
}

static void
test_matching_does_not_tick (void)
{
  static const MatchCase cases[] = {
    { "SIGTERM", "it sends sigkill" },                          /* a different word */
    { "Pod", "pid" },                                           /* short word, one typo */
    { "Kata", "kafa" },
    { "Kubernetes dominance", "kubernets dominates" },          /* a typo too many */
    { "The container", "the" },                                 /* only a stop word */
    { "Container isolation", "containers" },                    /* one of two */
    { "Supply chain security", "supply" },                      /* one of three */
    { "--no-cache", "build with the cache" },
    { "Retain last 5 images", "retain everything" },
    { "SIGTERM", "" },                                          /* empty text */
    { "", "anything at all" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (rehearse_key_point_covered (cases[i].point, cases[i].typed))
      g_error ("“%s” ticked by “%s”", cases[i].point, cases[i].typed);

  g_assert_false (rehearse_key_point_covered (NULL, "text"));
  g_assert_false (rehearse_key_point_covered ("text", NULL));
}

/* Typing an answer out word for word covers all its points; typing another
 * answer covers few of them. */
static void
test_answers_cover_their_points (void)
{
  g_autoptr(RehearseParsedDeck) deck = read_bundled_deck ();
  guint foreign = 0;
  guint total = 0;

  for (guint i = 0; i < deck->questions->len; i++)
    {
      RehearseParsedQuestion *question = g_ptr_array_index (deck->questions, i);
      RehearseParsedQuestion *other = g_ptr_array_index (deck->questions,
                                                         (i + 50) % deck->questions->len);
      g_autoptr(GPtrArray) points = extract_question (question);
      g_autoptr(cmark_node) document = rehearse_cmark_parse (question->answer,
                                                             strlen (question->answer));
      g_autoptr(cmark_node) other_document = rehearse_cmark_parse (other->answer,
                                                                   strlen (other->answer));
      g_autofree char *typed = rehearse_cmark_plain_text (document);
      g_autofree char *other_typed = rehearse_cmark_plain_text (other_document);

      for (guint j = 0; j < points->len; j++)
        {
          const char *point = g_ptr_array_index (points, j);

          if (!rehearse_key_point_covered (point, typed))
            g_error ("question %d does not cover its own “%s”", question->number, point);
          foreign += rehearse_key_point_covered (point, other_typed);
        }
      total += points->len;
    }

  /* Answers of one deck share words ("docker", "container"): some overlap. */
  g_test_message ("points covered by another answer: %u of %u", foreign, total);
  g_assert_cmpuint (foreign * 5, <, total);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/key-points/bundled/every-answer", test_every_bundled_answer);
  g_test_add_func ("/key-points/bundled/spot-checks", test_bundled_spot_checks);
  g_test_add_func ("/key-points/bundled/examples", test_bundled_examples);
  g_test_add_func ("/key-points/other-decks", test_other_decks);
  g_test_add_func ("/key-points/markdown/bold-leads", test_bold_leads);
  g_test_add_func ("/key-points/markdown/table-only", test_table_only);
  g_test_add_func ("/key-points/markdown/one-paragraph", test_one_paragraph);
  g_test_add_func ("/key-points/markdown/empty", test_empty_answers);
  g_test_add_func ("/key-points/markdown/links-and-headings", test_links_and_headings);
  g_test_add_func ("/key-points/markdown/inline-commands", test_inline_commands);
  g_test_add_func ("/key-points/markdown/at-most-seven", test_at_most_seven);
  g_test_add_func ("/key-points/markdown/long-point-cut", test_long_point_cut);
  g_test_add_func ("/key-points/markdown/duplicates", test_duplicates);
  g_test_add_func ("/key-points/matching/ticks", test_matching_ticks);
  g_test_add_func ("/key-points/matching/does-not-tick", test_matching_does_not_tick);
  g_test_add_func ("/key-points/matching/answers-cover-their-points",
                   test_answers_cover_their_points);

  return g_test_run ();
}
