#!/bin/sh
# `npm start`: builds the app once if there is no build yet, then runs server.ts on Node >= 24.
set -e
cd "$(dirname "$0")/.."
if [ ! -f build/handler.js ]; then
	sh scripts/node.sh node_modules/vite/bin/vite.js build
fi
exec sh scripts/node.sh server.ts
