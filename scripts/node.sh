#!/bin/sh
# Runs a script with Node >= 24 (see ensure-node.sh), whatever Node called npm.
set -e
bin=$(sh "$(dirname "$0")/ensure-node.sh")
PATH="$bin:$PATH"
export PATH
exec node "$@"
