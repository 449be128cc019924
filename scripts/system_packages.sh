#!/usr/bin/env bash
# The Debian packages the test suite drives for real: Chromium (browser tests), fonts, PostgreSQL,
# Redis and nginx (the production stack), util-linux (runuser). Installs what is missing when it can
# (root, or sudo without a password); otherwise stops at once with the one command to run.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
ls /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so >/dev/null 2>&1 || need+=(libnginx-mod-http-brotli-filter)
command -v runuser >/dev/null 2>&1 || need+=(util-linux)
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "The tests need these Debian packages: ${need[*]}" >&2
  echo "Install them, then run make test again:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${need[*]}" >&2
  exit 1
fi
echo "Installing Debian packages the tests need: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# The packaged services are not wanted running: the tests start their own, on loopback.
for service in nginx redis-server postgresql; do
  "${as_root[@]}" service "$service" stop >/dev/null 2>&1 || true
done
