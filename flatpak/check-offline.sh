#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Proves the Flatpak without Flathub: builds a stand-in runtime and SDK from
# Debian 12 packages, builds flatpak/io.github.rehearse.Rehearse.json against
# them (runtime and SDK swapped, every source taken from disk), makes the
# single-file bundle, installs it, and checks the installed app: its window
# shows the bundled deck under Xvfb (read through AT-SPI), and rehearse-cli
# imports a file inside the sandbox and cannot reach one outside it.
#
# Usage: flatpak/check-offline.sh     (as root: it runs debootstrap and chroot;
#                                     it asks sudo otherwise)
# Cache: ${REHEARSE_FLATPAK_CACHE:-~/.cache/rehearse-flatpak}, keyed by the
# package lists; delete it to start cold. The bundle is left in
# flatpak/_build/io.github.rehearse.Rehearse.flatpak, and a screenshot of the
# installed app's window in flatpak/_build/screenshot.png.
set -euo pipefail
cd "$(dirname "$0")/.."

APP_ID=io.github.rehearse.Rehearse
MANIFEST=flatpak/$APP_ID.json
PLATFORM_ID=io.github.rehearse.BookwormPlatform
SDK_ID=io.github.rehearse.BookwormSdk
BRANCH=bookworm
REMOTE=rehearse-bookworm
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
# The Debian suite whose source package carries the manifest's cmark-gfm
# release as its .orig tarball (the same bytes as the upstream archive).
SOURCE_SUITE=${SOURCE_SUITE:-trixie}

CACHE=${REHEARSE_FLATPAK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/rehearse-flatpak}
OUT=$PWD/flatpak/_build
# A private installation: the user's own Flatpak setup stays untouched, and
# the installed runtime survives between runs.
export FLATPAK_USER_DIR=$CACHE/installation

started=$SECONDS
step () {
  printf '\n== [%3ds] %s\n' $((SECONDS - started)) "$*"
}

if [ "$(id -u)" -ne 0 ]; then
  exec sudo --preserve-env=REHEARSE_FLATPAK_CACHE,DEBIAN_MIRROR,SOURCE_SUITE \
    HOME="$HOME" bash "$0" "$@"
fi

install_host_tools () {
  local packages=(flatpak flatpak-builder debootstrap ostree xvfb xauth dbus at-spi2-core
                  python3 python3-gi gir1.2-atspi-2.0 imagemagick)
  local missing=() package
  for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  fi
}

# The package names of a list file, comments and blank lines dropped.
packages_of () {
  sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$1"
}

# Installs the packages of a list into a chroot, reusing the host's .deb
# files where the versions match (apt checks their hashes).
chroot_install () {
  local root=$1 list=$2
  local debs=$CACHE/debs
  mkdir -p "$debs"
  find "$debs" /var/cache/apt/archives -maxdepth 1 -name '*.deb' \
    -exec cp -l -n -t "$root/var/cache/apt/archives/" {} + 2>/dev/null || true
  chroot "$root" apt-get update -q
  # shellcheck disable=SC2046
  DEBIAN_FRONTEND=noninteractive chroot "$root" \
    apt-get install -y -q --no-install-recommends $(packages_of "$list")
  # Kept for the next rebuild: what apt downloaded, not what the host had.
  local deb
  for deb in "$root"/var/cache/apt/archives/*.deb; do
    [ -e "/var/cache/apt/archives/${deb##*/}" ] || cp -l -n "$deb" "$debs/" 2>/dev/null || true
  done
  chroot "$root" apt-get clean
}

# Lays a chroot out as a runtime in place: its usr/ is the runtime's files,
# with the chroot's etc copied into usr/etc, and a metadata file beside it
# names the runtime and its SDK. Then commits it to the repository.
export_runtime () {
  local root=$1 id=$2 repo=$3
  cp -a "$root/etc" "$root/usr/etc"
  cat > "$root/metadata" <<EOF
[Runtime]
name=$id
runtime=$PLATFORM_ID/x86_64/$BRANCH
sdk=$SDK_ID/x86_64/$BRANCH
EOF
  flatpak build-export --runtime --files=usr "$repo" "$root" "$BRANCH"
}

# Builds both runtimes into the OSTree repository $1 (once per package lists).
build_runtimes () {
  local repo=$1
  local work=$CACHE/work
  rm -rf "$work" "$repo.partial"
  mkdir -p "$work" "$CACHE/debs"
  # Uncompressed objects: this repository only carries the runtimes to the
  # installation on the same disk, which then hard-links them (no copy).
  ostree init --mode=bare-user-only --repo="$repo.partial"

  step "debootstrap --variant=minbase bookworm"
  debootstrap --variant=minbase --cache-dir="$CACHE/debs" bookworm "$work/platform" "$MIRROR" \
    > "$work/debootstrap.log" || { tail -20 "$work/debootstrap.log"; return 1; }

  step "platform packages"
  chroot_install "$work/platform" flatpak/bookworm-platform.packages
  # The SDK starts as a hard-linked copy: dpkg replaces files rather than
  # rewriting them, and the platform is committed before the SDK changes.
  cp -al "$work/platform" "$work/sdk"

  step "export the platform"
  export_runtime "$work/platform" "$PLATFORM_ID" "$repo.partial"

  step "SDK: the platform plus build tools and headers"
  chroot_install "$work/sdk" flatpak/bookworm-sdk.packages

  step "export the SDK"
  export_runtime "$work/sdk" "$SDK_ID" "$repo.partial"
  mv "$repo.partial" "$repo"
  rm -rf "$work"
}

install_runtimes () {
  local key repo
  key=$(cat flatpak/bookworm-platform.packages flatpak/bookworm-sdk.packages | sha256sum | cut -c1-16)
  repo=$CACHE/runtime-$key
  if [ -d "$repo" ]; then
    step "runtimes: cached in $repo"
  else
    find "$CACHE" -maxdepth 1 -name 'runtime-*' -exec rm -rf {} +
    build_runtimes "$repo"
  fi

  step "install the runtimes from the local repository"
  if flatpak --user remotes --columns=name | grep -qx "$REMOTE"; then
    flatpak --user remote-modify --no-gpg-verify --url="file://$repo" "$REMOTE"
  else
    flatpak --user remote-add --no-gpg-verify "$REMOTE" "file://$repo"
  fi
  flatpak --user install -y --noninteractive --or-update "$REMOTE" \
    "$PLATFORM_ID//$BRANCH" "$SDK_ID//$BRANCH"
}

# The manifest's archives, fetched on this side of the firewall: cmark-gfm's
# release comes from Debian's source package of the same upstream version,
# whose .orig tarball has the upstream archive's sha256.
fetch_sources () {
  local sources=$CACHE/sources
  mkdir -p "$sources"
  /usr/bin/python3 - "$MANIFEST" <<'PY' > "$OUT/archives"
import json, sys
for module in json.load(open(sys.argv[1]))["modules"]:
    for source in module.get("sources", []):
        if source["type"] == "archive":
            print(module["name"], source["url"].rsplit("/", 1)[1], source["sha256"])
PY
  local name file sha256 upstream
  while read -r name file sha256; do
    # Kept under its own name: flatpak-builder tells the format from it.
    local archive=$sources/$sha256/$file
    if [ -f "$archive" ] && echo "$sha256  $archive" | sha256sum -c --quiet; then
      continue
    fi
    upstream=${file%.tar.gz}
    step "$name $upstream: Debian's source package from $SOURCE_SUITE"
    local apt_dir=$CACHE/apt-$SOURCE_SUITE
    mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache" "$apt_dir/download"
    echo "deb-src $MIRROR $SOURCE_SUITE main" > "$apt_dir/sources.list"
    local options=(-o "Dir::Etc::SourceList=$apt_dir/sources.list"
                   -o "Dir::Etc::SourceParts=/nonexistent" -o "Dir::State::Lists=$apt_dir/lists"
                   -o "Dir::Cache=$apt_dir/cache" -o "APT::Sandbox::User=root")
    apt-get "${options[@]}" update -q
    local version
    version=$(apt-cache "${options[@]}" showsrc "$name" | awk -v orig="${name}_$upstream.orig.tar" '
      /^Version:/ { version = $2 }
      index($0, orig) { print version; exit }')
    if [ -z "$version" ]; then
      echo "No $name source package of $upstream in $SOURCE_SUITE" >&2
      return 1
    fi
    # Only the .orig tarball matters: a mirror may lack the .dsc or the
    # Debian changes of an older revision, so apt's verdict is not ours.
    (cd "$apt_dir/download" && apt-get "${options[@]}" source --download-only -q "$name=$version") \
      || true
    mkdir -p "$sources/$sha256"
    cp "$apt_dir/download/${name}_$upstream.orig.tar.gz" "$archive.partial"
    echo "$sha256  $archive.partial" | sha256sum -c --quiet || {
      echo "$name ${name}_$upstream.orig.tar.gz does not have the manifest's sha256" >&2
      return 1
    }
    mv "$archive.partial" "$archive"
  done < "$OUT/archives"
}

# The real manifest with the runtime and SDK swapped, sources taken from
# disk (an archive by its sha256), and no debug split (no elfutils needed).
derive_manifest () {
  /usr/bin/python3 - "$MANIFEST" "$OUT/$APP_ID.offline.json" "$CACHE/sources" \
    "$PLATFORM_ID" "$SDK_ID" "$BRANCH" <<'PY'
import json, os, sys
manifest_path, output, sources, platform, sdk, branch = sys.argv[1:]
manifest = json.load(open(manifest_path))
manifest.update(runtime=platform, sdk=sdk)
manifest["runtime-version"] = branch
manifest.setdefault("build-options", {})["no-debuginfo"] = True
manifest_dir = os.path.dirname(os.path.abspath(manifest_path))
for module in manifest["modules"]:
    for source in module["sources"]:
        if source["type"] == "archive":
            url = source.pop("url")
            source["path"] = os.path.join(sources, source["sha256"], url.rsplit("/", 1)[1])
        elif source["type"] == "dir":
            source["path"] = os.path.normpath(os.path.join(manifest_dir, source["path"]))
        else:
            sys.exit(f"{module['name']}: no offline stand-in for a {source['type']} source")
json.dump(manifest, open(output, "w"), indent=2)
PY
}

build_and_install_bundle () {
  step "flatpak-builder (offline: --disable-download)"
  flatpak-builder --user --disable-download --disable-updates --disable-rofiles-fuse \
    --force-clean --state-dir="$CACHE/builder-state" --repo="$OUT/repo" \
    "$OUT/app" "$OUT/$APP_ID.offline.json"

  step "bundle and install it"
  flatpak build-bundle "$OUT/repo" "$OUT/$APP_ID.flatpak" "$APP_ID"
  flatpak --user uninstall -y --noninteractive "$APP_ID" > /dev/null 2>&1 || true
  flatpak --user install -y --noninteractive --bundle "$OUT/$APP_ID.flatpak"
}

run_checks () {
  step "run the installed app under Xvfb and read it through AT-SPI"
  local home status=0
  home=$(mktemp -d)
  mkdir -m 700 "$home/run"
  # A fresh home: the app starts with an empty library, as on first launch.
  HOME=$home XDG_RUNTIME_DIR=$home/run \
    xvfb-run -a -s "-screen 0 1280x800x24" \
    dbus-run-session -- /usr/bin/python3 flatpak/check-installed.py "$APP_ID" "$OUT/screenshot.png" \
    || status=$?
  rm -rf "$home"
  return $status
}

mkdir -p "$CACHE" "$OUT"
install_host_tools
install_runtimes
fetch_sources
derive_manifest
build_and_install_bundle
run_checks
step "done: $(du -sh "$CACHE" | cut -f1) in $CACHE, bundle $(du -h "$OUT/$APP_ID.flatpak" | cut -f1)"
