#!/usr/bin/env bash
# Installs the Debian packages a make target needs, only when missing, so `make run` and `make test`
# work on a fresh Debian machine that has just the Swift toolchain. Usage: install-deps.sh run|test|bench
set -euo pipefail
profile="${1:-run}"
packages=(pkg-config libsqlite3-dev libssl-dev libnghttp2-dev libcurl4-openssl-dev libyaml-dev curl)
case "$profile" in
  run) ;;
  test) packages+=(python3 python3-venv python3-pip openssl) ;;
  bench) packages+=(nginx-light wrk procps nghttp2-client openssl) ;; # h2load; openssl makes the TLS bench's certificate
  *) echo "install-deps.sh: unknown profile '$profile' (run, test, bench)" >&2; exit 2 ;;
esac
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# A python3 outside Debian's (pyenv, a venv) already carries venv support; skip Debian's then.
if [ "$profile" = test ] && command -v python3 >/dev/null && python3 -c 'import venv, ensurepip' 2>/dev/null; then
  filtered=(); for p in "${missing[@]}"; do case "$p" in python3|python3-venv|python3-pip) ;; *) filtered+=("$p");; esac; done
  missing=("${filtered[@]}")
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "missing Debian packages: ${missing[*]} — install them (apt-get install -y ${missing[*]}) or run as root" >&2
  exit 1
fi
echo "installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
