#!/usr/bin/env bash
# Installs what the editor and package tests need (Debian's Chromium, Neovim, ripgrep and pre-commit; code-server
# from npm) on a fresh Debian machine, as root, with only the npm registry and Debian's packages reachable. Safe to
# run again: every step is skipped when its result is already there.
set -euo pipefail

cd "$(dirname "$0")/.."
CODE_SERVER_VERSION=4.100.3
CS_DIR=.cache/code-server
CS_BIN="$CS_DIR/node_modules/.bin/code-server"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v nvim >/dev/null 2>&1 || need_apt+=(neovim)
command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
# The package test runs pre-commit itself to install and run the hook.
command -v pre-commit >/dev/null 2>&1 || need_apt+=(pre-commit)
# kerberos (a code-server dependency) compiles against these headers.
[ -e /usr/include/gssapi/gssapi.h ] || [ -e /usr/include/krb5.h ] || need_apt+=(libkrb5-dev)

if [ ${#need_apt[@]} -gt 0 ]; then
  echo "ensure-test-tools: installing Debian packages: ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Another apt run (unattended upgrades, a second job) may hold the lock for a while: wait for it, not fail.
  timeout 600 apt-get -o DPkg::Lock::Timeout=300 update
  timeout 1200 apt-get -o DPkg::Lock::Timeout=300 install -y chromium neovim libkrb5-dev pkg-config ripgrep pre-commit
else
  echo "ensure-test-tools: chromium, neovim, ripgrep, pkg-config, libkrb5-dev and pre-commit are installed"
fi

installed_version() {
  node -p "require('./$CS_DIR/node_modules/code-server/package.json').version" 2>/dev/null || true
}

if [ -x "$CS_BIN" ] && [ "$(installed_version)" = "$CODE_SERVER_VERSION" ]; then
  echo "ensure-test-tools: code-server $CODE_SERVER_VERSION is installed in $CS_DIR"
else
  echo "ensure-test-tools: installing code-server $CODE_SERVER_VERSION into $CS_DIR (about a minute)"
  # @vscode/ripgrep downloads rg from GitHub unless its cache already holds the tarball: seed it with Debian's rg.
  RGC="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$RGC"
  if [ ! -s "$RGC/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" ]; then
    tar czf "$RGC/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg
  fi
  mkdir -p "$CS_DIR"
  # unsafe_perm: the postinstall refuses root without it; yes: node-pty's post-install runs `npx node-gyp`,
  # which a `yes=false` npm config would cancel.
  npm_config_yes=true npm_config_unsafe_perm=true timeout 900 \
    npm install --prefix "$CS_DIR" "code-server@$CODE_SERVER_VERSION"
  if [ "$(installed_version)" != "$CODE_SERVER_VERSION" ]; then
    echo "ensure-test-tools: code-server $CODE_SERVER_VERSION did not install" >&2
    exit 1
  fi
fi

echo "ensure-test-tools: done ($(nvim --version | head -n1); $(chromium --version 2>/dev/null || echo chromium); code-server $(installed_version))"
