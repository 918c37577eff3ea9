#!/usr/bin/env bash
# Makes a Docker engine and the Dockerfile's base image available for DockerImageIT, on a Debian
# machine where neither is set up (a CI runner, a sandbox without registry access):
#   1. when no engine answers `docker info`, installs Debian's docker.io and starts dockerd in the
#      background (without iptables rules, so it leaves the host's firewall alone; the test builds
#      with --network host and publishes its port on loopback, which need none);
#   2. when debian:bookworm-slim is neither present nor pullable, makes it from Debian's packages
#      with debootstrap (minbase, the same suites as the official image) and imports it under that
#      name. The image then matches Debian's own build of bookworm-slim, not its exact bytes.
# Prints what it did on stderr and exits 0 either way: without an engine the test skips and says why.
#
# Usage: scripts/docker-engine.sh    (as root; needs apt-get)
set -uo pipefail

base=debian:bookworm-slim
say() { printf 'docker-engine: %s\n' "$*" >&2; }

engine_up() { timeout 10 docker info >/dev/null 2>&1; }

if ! engine_up; then
    if [[ $(id -u) != 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
        say "no Docker engine, and not root on Debian: DockerImageIT will be skipped"
        exit 0
    fi
    if ! command -v dockerd >/dev/null 2>&1; then
        say "installing docker.io"
        { apt-get install -y -qq docker.io >/dev/null 2>&1 \
            || { apt-get update -qq && apt-get install -y -qq docker.io >/dev/null 2>&1; }; } \
            || { say "could not install docker.io: DockerImageIT will be skipped"; exit 0; }
    fi
    log=${TMPDIR:-/tmp}/conclave-dockerd.log
    say "starting dockerd (log: $log)"
    nohup dockerd --iptables=false --ip6tables=false >"$log" 2>&1 </dev/null &
    for _ in $(seq 1 60); do
        engine_up && break
        sleep 0.5
    done
    engine_up || { say "dockerd did not come up (see $log): DockerImageIT will be skipped"; exit 0; }
fi

if docker image inspect "$base" >/dev/null 2>&1 || timeout 120 docker pull -q "$base" >/dev/null 2>&1; then
    exit 0
fi
if [[ $(id -u) != 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    say "$base can be neither pulled nor made here: DockerImageIT will be skipped"
    exit 0
fi
command -v debootstrap >/dev/null 2>&1 || apt-get install -y -qq debootstrap >/dev/null 2>&1 \
    || { say "could not install debootstrap: DockerImageIT will be skipped"; exit 0; }
root=$(mktemp -d "${TMPDIR:-/tmp}/conclave-bookworm.XXXXXX")
trap 'rm -rf "$root"' EXIT
say "$base cannot be pulled: making it with debootstrap"
if ! debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >"$root.log" 2>&1; then
    say "debootstrap failed (see $root.log): DockerImageIT will be skipped"
    exit 0
fi
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* "$root"/usr/share/man/* \
    "$root"/usr/share/locale/*
cat >"$root/etc/apt/sources.list" <<'SOURCES'
deb http://deb.debian.org/debian bookworm main
deb http://deb.debian.org/debian bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
SOURCES
tar -C "$root" -c . | docker import --change 'CMD ["bash"]' - "$base" >/dev/null \
    || say "docker import failed: DockerImageIT will be skipped"
rm -f "$root.log"
exit 0
