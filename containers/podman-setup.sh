#!/usr/bin/env bash
# Podman as the container engine for testcontainers (the containers test tier, `--adapter image:`),
# on a Debian machine with no Docker engine and no registry. Idempotent: installs what is missing,
# writes the engine settings that work here, and starts the Docker-compatible API socket unless it
# already answers. Run it as root (CI runs as root); afterwards, in the shell that runs the tests:
#   export DOCKER_HOST=unix:///run/podman/podman.sock TESTCONTAINERS_RYUK_DISABLED=true
set -euo pipefail

SOCKET_PATH=/run/podman/podman.sock
CONF_DIR=/etc/containers
CONF="$CONF_DIR/containers.conf"

if [ "$(id -u)" -ne 0 ]; then
  echo "podman-setup: run as root (it installs packages, writes $CONF and starts $SOCKET_PATH)" >&2
  exit 2
fi

missing=()
for tool in podman runc curl; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "podman-setup: installing ${missing[*]} from Debian"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

# Why each setting: the machine is itself a container (a VM without systemd), so
#  - default_ulimits = []: podman's default nofile limit is higher than the host allows;
#  - netns = "host": no bridge networking here; the receiver reaches 127.0.0.1 (broker, database,
#    send API, its read-back port) as any local process does;
#  - runtime runc, cgroupfs: crun and systemd cgroups are not available.
desired_conf='# Written by ackproof containers/podman-setup.sh
[containers]
default_ulimits = []
netns = "host"

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"'
mkdir -p "$CONF_DIR"
if [ ! -f "$CONF" ] || [ "$(cat "$CONF")" != "$desired_conf" ]; then
  if [ -f "$CONF" ] && ! grep -q 'ackproof containers/podman-setup.sh' "$CONF"; then
    cp "$CONF" "$CONF.before-ackproof"
    echo "podman-setup: kept the previous $CONF as $CONF.before-ackproof"
  fi
  printf '%s\n' "$desired_conf" >"$CONF"
  echo "podman-setup: wrote $CONF"
fi

socket_answers() {
  curl --silent --fail --max-time 3 --unix-socket "$SOCKET_PATH" http://d/_ping >/dev/null 2>&1
}

if ! socket_answers; then
  mkdir -p "$(dirname "$SOCKET_PATH")"
  rm -f "$SOCKET_PATH"
  log=/var/log/ackproof-podman-service.log
  # --time=0: the service never exits for being idle. setsid + nohup: it outlives this shell.
  setsid nohup podman system service --time=0 "unix://$SOCKET_PATH" >>"$log" 2>&1 </dev/null &
  for _ in $(seq 1 50); do
    socket_answers && break
    sleep 0.2
  done
  if ! socket_answers; then
    echo "podman-setup: podman system service did not answer on $SOCKET_PATH within 10 s; see $log" >&2
    exit 1
  fi
  echo "podman-setup: podman API service answering on $SOCKET_PATH (log: $log)"
fi
