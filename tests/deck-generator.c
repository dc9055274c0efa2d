/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "deck-generator.h"

#include <string.h>

/* Real decks are not random words: a few terms dominate every answer and
 * most appear now and then. Search cost depends on exactly that (a common
 * word's posting list is long, a rare one's short), so words are drawn
 * from frequency-ranked lists with weight 1/rank. */

/* Content words, most frequent first. */
static const char * const content_words[] = {
  "container", "docker", "image", "run", "build", "file", "network", "layer",
  "kubernetes", "pod", "service", "volume", "port", "host", "process", "registry",
  "command", "application", "memory", "node", "cluster", "configuration", "deployment",
  "security", "user", "root", "kernel", "linux", "daemon", "runtime", "storage", "data",
  "logs", "environment", "variable", "compose", "dockerfile", "tag", "push", "pull",
  "stage", "cache", "size", "base", "alpine", "shell", "script", "secret", "key",
  "certificate", "dns", "proxy", "load", "balancer", "ingress", "namespace", "cgroup",
  "limit", "request", "health", "check", "restart", "policy", "signal", "exit", "code",
  "mount", "bind", "overlay", "filesystem", "driver", "plugin", "bridge", "interface",
  "address", "route", "traffic", "packet", "firewall", "iptables", "rule", "socket",
  "api", "server", "client", "endpoint", "response", "header", "token", "access",
  "permission", "capability", "privilege", "isolation", "sandbox", "seccomp", "profile",
  "scan", "vulnerability", "dependency", "package", "library", "binary", "version",
  "release", "update", "upgrade", "rollback", "rollout", "replica", "scale",
  "autoscaler", "metric", "monitoring", "alert", "dashboard", "trace", "span", "latency",
  "throughput", "performance", "startup", "shutdown", "timeout", "retry", "backoff",
  "failure", "error", "debug", "inspect", "exec", "attach", "stop", "kill", "remove",
  "prune", "disk", "space", "cleanup", "garbage", "collection", "manifest", "digest",
  "hash", "checksum", "signature", "provenance", "sbom", "supply", "chain", "pipeline",
  "ci", "cd", "github", "gitlab", "jenkins", "workflow", "job", "artifact", "test",
  "integration", "unit", "staging", "production", "development", "local", "remote",
  "cloud", "aws", "azure", "gcp", "instance", "virtual", "machine", "vm", "hypervisor",
  "bare", "metal", "arm", "amd64", "platform", "architecture", "multi", "buildx",
  "buildkit", "context", "ignore", "copy", "add", "entrypoint", "cmd", "workdir",
  "expose", "env", "arg", "label", "healthcheck", "onbuild", "nginx", "postgres",
  "redis", "mysql", "mongodb", "python", "golang", "java", "rust", "web", "frontend",
  "backend", "database", "queue", "worker", "cron", "schedule", "scheduler",
  "controller", "operator", "crd", "resource", "quota", "affinity", "taint",
  "toleration", "selector", "annotation", "configmap", "statefulset", "daemonset",
  "replicaset", "cronjob", "sidecar", "init", "probe", "liveness", "readiness", "mesh",
  "envoy", "istio", "tls", "mtls", "https", "http", "grpc", "tcp", "udp", "ipv6",
  "subnet", "cidr", "vxlan", "swarm", "stack", "task", "manager", "leader", "raft",
  "quorum", "consensus", "etcd", "backup", "restore", "snapshot", "persistent", "claim",
  "class", "provisioner", "nfs", "block", "object", "bucket", "s3", "path", "directory",
  "owner", "group", "mode", "inode", "pid", "uid", "gid", "ipc", "uts", "chroot",
  "pivot", "union", "copy-on-write", "diff", "commit", "history", "squash",
  "multi-stage", "distroless", "scratch", "busybox", "glibc", "musl", "static",
  "dynamic", "linking", "compile", "compiler", "toolchain", "cross", "emulation", "qemu",
  "wasm", "wasi", "edge", "serverless", "function", "lambda", "fargate", "ecs", "eks",
  "aks", "gke", "helm", "chart", "template", "values", "repository", "mirror",
  "pull-through", "rate", "throttle", "billing", "cost", "optimization", "efficiency",
  "footprint", "overhead", "benchmark", "profiling", "cpu", "cores", "shares", "period",
  "swap", "oom", "killer", "reservation", "soft", "hard", "ulimit", "file-descriptor",
  "thread", "fork", "zombie", "reaper", "tini", "dumb-init", "systemd", "journald",
  "syslog", "fluentd", "logging", "rotation", "json-file", "gelf", "splunk",
  "prometheus", "grafana", "exporter", "cadvisor", "opentelemetry", "jaeger", "zipkin",
  "event", "stream", "kafka", "rabbitmq", "nats", "webhook", "callback", "admission",
  "mutating", "validating", "opa", "rego", "compliance", "audit", "cis", "hardening",
  "rootless", "userns", "remap", "apparmor", "selinux", "read-only", "immutable",
  "ephemeral", "stateless", "stateful", "idempotent", "declarative", "imperative",
  "reconcile", "drift", "gitops", "argocd", "flux", "terraform", "ansible", "pulumi",
  "infrastructure", "provisioning", "bootstrap", "cloud-init", "golden", "hardened",
  "minimal", "slim", "bloated", "layering", "ordering", "invalidation", "hit", "miss",
  "mount-cache", "secret-mount", "ssh", "agent", "forwarding", "tunnel", "vpn",
  "wireguard", "overlay2", "devicemapper", "btrfs", "zfs", "xfs", "ext4", "project",
  "tenant", "multi-tenant", "noisy", "neighbor", "fairness", "sticky", "session",
  "graceful", "drain", "cordon", "eviction", "preemption", "priority",
};

/* Words every English sentence is glued with, also most frequent first. */
static const char * const function_words[] = {
  "the", "a", "to", "of", "and", "in", "is", "for", "with", "on", "that", "it",
  "by", "as", "from", "this", "each", "when", "are", "can", "be", "not", "or", "its",
  "your", "you", "at", "into", "all", "only", "one", "more", "than", "so", "if", "but",
  "which", "also", "uses", "runs", "keeps", "needs", "makes", "gives", "without",
  "between", "before", "after", "instead", "every", "most", "any", "same", "other",
  "while", "because", "then", "per", "through", "over", "under", "both", "own",
  "should", "must", "may", "never", "always", "often", "usually", "still", "even",
};

/* Each in about one question in 1,000: what a "rare word" query looks for. */
static const char * const rare_words[] = {
  "firecracker", "gvisor", "wasmedge", "sysbox", "nydus", "estargz", "cosign",
  "kyverno", "tetragon", "cilium", "hubble", "linkerd", "traefik", "haproxy",
  "consul", "coredns", "kubeadm", "buildah", "skopeo", "kaniko", "buildpacks",
  "tekton", "kustomize", "skaffold", "telepresence", "microk8s", "minikube",
  "rancher", "portainer", "harbor", "dragonfly", "velero", "restic", "longhorn",
  "ceph", "minio", "openebs", "falco", "trivy", "grype", "syft", "notary",
  "spiffe", "spire", "keycloak", "dex", "karpenter", "keda", "knative", "openfaas",
  NULL,
};

static const char * const verbs[] = {
  "configure", "limit", "debug", "secure", "scale", "monitor", "build", "cache",
  "mount", "expose", "restart", "inspect", "optimize", "isolate", "update", "deploy",
  "sign", "scan", "rotate", "share", "persist", "troubleshoot", "migrate", "tune",
};

static const char * const topic_icons[] = {
  "🐳", "🚀", "🧪", "🔒", "📦", "🌐", "📊", "🛠️",
};

static const char * const base_images[] = {
  "alpine", "debian", "ubuntu", "node", "python", "golang", "nginx", "postgres",
};

typedef struct
{
  const char * const *words;
  double             *cumulative;  /* cumulative[i]: the weight of words 0..i */
  guint               length;
} WordTable;

typedef struct
{
  GRand   *rand;
  GString *out;
} Generator;

/* ---- Drawing words ----------------------------------------------------- */

static void
word_table_init (WordTable          *table,
                 const char * const *words,
                 guint               length)
{
  double total = 0;

  table->words = words;
  table->length = length;
  table->cumulative = g_new (double, length);
  for (guint i = 0; i < length; i++)
    {
      total += 1.0 / (i + 1);
      table->cumulative[i] = total;
    }
}

static const WordTable *
word_tables (void)
{
  static gsize initialized = 0;
  static WordTable tables[2];

  /* Built once and kept: the weights do not depend on the seed. */
  if (g_once_init_enter (&initialized))
    {
      word_table_init (&tables[0], content_words, G_N_ELEMENTS (content_words));
      word_table_init (&tables[1], function_words, G_N_ELEMENTS (function_words));
      g_once_init_leave (&initialized, 1);
    }

  return tables;
}

static const char *
word_table_draw (const WordTable *table,
                 GRand           *rand)
{
  double target = g_rand_double (rand) * table->cumulative[table->length - 1];
  guint low = 0;
  guint high = table->length - 1;

  while (low < high)
    {
      guint middle = (low + high) / 2;

      if (table->cumulative[middle] < target)
        low = middle + 1;
      else
        high = middle;
    }

  return table->words[low];
}

static const char *
content_word (Generator *self)
{
  return word_table_draw (&word_tables ()[0], self->rand);
}

static const char *
function_word (Generator *self)
{
  return word_table_draw (&word_tables ()[1], self->rand);
}

static const char *
pick (Generator          *self,
      const char * const *choices,
      guint               length)
{
  return choices[g_rand_int_range (self->rand, 0, (gint32) length)];
}

#define PICK(self, array) pick ((self), (array), G_N_ELEMENTS (array))

static gboolean
chance (Generator *self,
        double     probability)
{
  return g_rand_double (self->rand) < probability;
}

static guint
between (Generator *self,
         guint      low,
         guint      high)
{
  return (guint) g_rand_int_range (self->rand, (gint32) low, (gint32) high + 1);
}

/* ---- Inline text ------------------------------------------------------- */

static void
append_capitalized (GString    *out,
                    const char *word)
{
  g_string_append_c (out, g_ascii_toupper (word[0]));
  g_string_append (out, word + 1);
}

static void
append_words (Generator *self,
              guint      count)
{
  for (guint i = 0; i < count; i++)
    {
      if (i > 0)
        g_string_append_c (self->out, ' ');
      g_string_append (self->out, chance (self, 0.4) ? function_word (self) : content_word (self));
    }
}

/* A sentence of 8 to 20 words, now and then with bold or inline code. */
static void
append_sentence (Generator *self)
{
  guint count = between (self, 8, 20);

  for (guint i = 0; i < count; i++)
    {
      const char *word = chance (self, 0.4) ? function_word (self) : content_word (self);

      if (i > 0)
        g_string_append (self->out, i == count / 2 && chance (self, 0.3) ? ", " : " ");

      if (i == 0)
        append_capitalized (self->out, word);
      else if (chance (self, 0.03))
        g_string_append_printf (self->out, "**%s %s**", word, content_word (self));
      else if (chance (self, 0.03))
        g_string_append_printf (self->out, "`docker %s --%s`", word, content_word (self));
      else
        g_string_append (self->out, word);
    }

  g_string_append_c (self->out, '.');
}

static void
append_sentences (Generator *self,
                  guint      count)
{
  for (guint i = 0; i < count; i++)
    {
      if (i > 0)
        g_string_append_c (self->out, ' ');
      append_sentence (self);
    }
}

/* One in twenty answers names a rare product, so each rare word turns up
 * in about one question in 1,000 (a hundred in a 100,000 deck). */
static void
maybe_append_rare_word (Generator *self)
{
  guint rare_count = G_N_ELEMENTS (rare_words) - 1;

  if (chance (self, 0.05))
    g_string_append_printf (self->out, " Tools such as %s help here.",
                            pick (self, rare_words, rare_count));
}

/* ---- Blocks ------------------------------------------------------------ */

static void
append_paragraph (Generator *self)
{
  append_sentences (self, between (self, 1, 3));
  g_string_append (self->out, "\n\n");
}

static void
append_bullet_list (Generator *self)
{
  guint items = between (self, 3, 6);

  for (guint i = 0; i < items; i++)
    {
      g_string_append (self->out, "- **");
      append_capitalized (self->out, content_word (self));
      g_string_append (self->out, "**: ");
      append_words (self, between (self, 5, 12));
      g_string_append_c (self->out, '\n');
    }
  g_string_append_c (self->out, '\n');
}

static void
append_numbered_list (Generator *self)
{
  guint items = between (self, 3, 5);

  for (guint i = 0; i < items; i++)
    {
      g_string_append_printf (self->out, "%u. ", i + 1);
      append_sentence (self);
      g_string_append_c (self->out, '\n');
    }
  g_string_append_c (self->out, '\n');
}

/* Code is written from templates, walked left to right, so every random
 * draw happens in a fixed order (the order C evaluates function arguments
 * in is not fixed, and the bytes must not depend on the compiler):
 * $w a word, $b a base image, $p a port, $v a version, $n a number, $s a
 * phrase. */
static void
append_template (Generator  *self,
                 const char *template)
{
  for (const char *p = template; *p != '\0'; p++)
    {
      if (p[0] != '$' || p[1] == '\0')
        {
          g_string_append_c (self->out, *p);
          continue;
        }

      switch (*++p)
        {
        case 'w':
          g_string_append (self->out, content_word (self));
          break;
        case 'b':
          g_string_append (self->out, PICK (self, base_images));
          break;
        case 'p':
          g_string_append_printf (self->out, "%u", between (self, 80, 9999));
          break;
        case 'v':
          g_string_append_printf (self->out, "%u.", between (self, 1, 20));
          g_string_append_printf (self->out, "%u", between (self, 0, 9));
          break;
        case 'n':
          g_string_append_printf (self->out, "%u", between (self, 1, 65535));
          break;
        case 's':
          append_words (self, between (self, 3, 8));
          break;
        default:
          g_string_append_c (self->out, *p);
          break;
        }
    }
}

static const char * const bash_lines[] = {
  "docker run -d --name $w -p $p:$p $b:$v\n",
  "docker build -t $w/$w:$v .\n",
  "kubectl get $w -n $w -o wide\n",
  "docker $w $w --$w=$w\n",
  "# $s\n",
};

static void
append_yaml_lines (Generator *self)
{
  append_template (self, "services:\n"
                         "  $w:\n"
                         "    image: $b:$v\n"
                         "    ports:\n"
                         "      - \"$p:$p\"\n"
                         "    environment:\n"
                         "      - $w_$w=$w\n");
  if (chance (self, 0.5))
    append_template (self, "    volumes:\n      - $w:/var/lib/$w\n");
}

static void
append_dockerfile_lines (Generator *self)
{
  append_template (self, "FROM $b:$v AS $w\n"
                         "WORKDIR /$w\n"
                         "COPY $w /$w/\n"
                         "RUN apt-get install -y $w $w\n");
  if (chance (self, 0.5))
    append_template (self, "EXPOSE $p\n");
  append_template (self, "CMD [\"$w\", \"--$w\"]\n");
}

static void
append_code_block (Generator *self)
{
  static const char * const languages[] = { "bash", "bash", "yaml", "dockerfile", "json" };
  const char *language = PICK (self, languages);

  g_string_append_printf (self->out, "```%s\n", language);
  if (strcmp (language, "yaml") == 0)
    append_yaml_lines (self);
  else if (strcmp (language, "dockerfile") == 0)
    append_dockerfile_lines (self);
  else if (strcmp (language, "json") == 0)
    append_template (self, "{\n  \"$w\": \"$w\",\n  \"$w\": $n,\n  \"$w\": [\"$w\", \"$w\"]\n}\n");
  else
    for (guint lines = between (self, 2, 6); lines > 0; lines--)
      append_template (self, PICK (self, bash_lines));
  g_string_append (self->out, "```\n\n");
}

static void
append_table (Generator *self)
{
  guint rows = between (self, 3, 5);

  g_string_append (self->out, "| Aspect | ");
  append_capitalized (self->out, content_word (self));
  g_string_append (self->out, " | ");
  append_capitalized (self->out, content_word (self));
  g_string_append (self->out, " |\n|---|---|---|\n");

  for (guint i = 0; i < rows; i++)
    {
      g_string_append (self->out, "| ");
      append_capitalized (self->out, content_word (self));
      g_string_append (self->out, " | ");
      append_words (self, between (self, 1, 4));
      g_string_append_printf (self->out, " | `%s` |\n", content_word (self));
    }
  g_string_append_c (self->out, '\n');
}

/* ---- Questions --------------------------------------------------------- */

static void
append_noun_phrase (Generator *self)
{
  if (chance (self, 0.5))
    g_string_append (self->out, chance (self, 0.5) ? "a " : "the ");
  g_string_append (self->out, content_word (self));
  if (chance (self, 0.6))
    g_string_append_printf (self->out, " %s", content_word (self));
}

static void
append_question_text (Generator *self)
{
  switch (between (self, 0, 5))
    {
    case 0:
      g_string_append (self->out, "What is ");
      append_noun_phrase (self);
      break;
    case 1:
      g_string_append_printf (self->out, "How do you %s ", PICK (self, verbs));
      append_noun_phrase (self);
      g_string_append (self->out, " in ");
      append_noun_phrase (self);
      break;
    case 2:
      g_string_append (self->out, "What is the difference between ");
      append_noun_phrase (self);
      g_string_append (self->out, " and ");
      append_noun_phrase (self);
      break;
    case 3:
      g_string_append (self->out, "When should you use ");
      append_noun_phrase (self);
      g_string_append (self->out, " instead of ");
      append_noun_phrase (self);
      break;
    case 4:
      g_string_append (self->out, "How does ");
      append_noun_phrase (self);
      g_string_append (self->out, " work with ");
      append_noun_phrase (self);
      break;
    default:
      g_string_append_printf (self->out, "How do you %s ", PICK (self, verbs));
      append_noun_phrase (self);
      break;
    }
  g_string_append_c (self->out, '?');
}

static void
append_body_block (Generator *self)
{
  double kind = g_rand_double (self->rand);

  if (kind < 0.30)
    append_paragraph (self);
  else if (kind < 0.55)
    append_bullet_list (self);
  else if (kind < 0.65)
    append_numbered_list (self);
  else if (kind < 0.90)
    append_code_block (self);
  else
    append_table (self);
}

/* The answer styles of the real decks: plain, spoken (wrapped in quotes)
 * and labelled ("**Answer:**"), each followed by an optional In-depth. */
static void
append_answer (Generator *self)
{
  double style = g_rand_double (self->rand);
  guint blocks = between (self, 1, 4);

  if (style < 0.2)
    g_string_append (self->out, "**Answer:**\n");
  else if (style < 0.45)
    g_string_append_c (self->out, '"');

  append_paragraph (self);
  for (guint i = 0; i < blocks; i++)
    append_body_block (self);

  /* A spoken answer ends on the paragraph that closes its quote. */
  append_sentences (self, between (self, 1, 2));
  maybe_append_rare_word (self);
  g_string_append (self->out, style >= 0.2 && style < 0.45 ? "\"\n\n" : "\n\n");

  if (chance (self, 0.5))
    {
      g_string_append (self->out, "#### In-depth\n");
      append_sentences (self, between (self, 3, 5));
      g_string_append (self->out, "\n\n");
    }
}

static void
append_topic (Generator *self,
              guint      first_number,
              guint      last_number)
{
  g_string_append (self->out, "## ");
  if (chance (self, 0.5))
    g_string_append_printf (self->out, "%s ", PICK (self, topic_icons));
  append_capitalized (self->out, content_word (self));
  g_string_append_c (self->out, ' ');
  append_capitalized (self->out, content_word (self));
  if (chance (self, 0.5))
    {
      g_string_append (self->out, " & ");
      append_capitalized (self->out, content_word (self));
    }
  if (chance (self, 0.5))
    g_string_append_printf (self->out, " (Questions %u-%u)", first_number, last_number);
  g_string_append (self->out, "\n\n");
}

char *
deck_generator_markdown (guint   first_number,
                         guint   question_count,
                         guint32 seed)
{
  Generator self = { g_rand_new_with_seed (seed), g_string_sized_new (question_count * 1300) };
  guint topic_end = 0;

  g_string_append_printf (self.out, "# Synthetic Deck %u\n\n", seed);

  for (guint i = 0; i < question_count; i++)
    {
      guint number = first_number + i;

      if (i == topic_end)
        {
          guint topic_length = between (&self, 40, 60);

          topic_end = MIN (question_count, i + topic_length);
          append_topic (&self, number, first_number + topic_end - 1);
        }

      g_string_append_printf (self.out, "### %u. ", number);
      append_question_text (&self);
      g_string_append_c (self.out, '\n');
      append_answer (&self);
      g_string_append (self.out, "---\n\n");
    }

  g_rand_free (self.rand);
  return g_string_free (self.out, FALSE);
}

const char * const *
deck_generator_rare_words (void)
{
  return rare_words;
}
