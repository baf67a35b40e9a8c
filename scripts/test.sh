#!/bin/sh
# `npm test`: the whole suite, in the order a failure is cheapest to find.
#   1. build the app as users run it (the API and end-to-end tests use the real bundle)
#   2. Vitest: unit specs, i18n check, domain contract suite (SQLite + PostgreSQL),
#      realtime integration and API tests
#   3. Playwright end-to-end tests in Debian's Chromium
# Needs PostgreSQL on 127.0.0.1:5432 (trust auth) or TEST_POSTGRES_URL, and /usr/bin/chromium.
set -e
cd "$(dirname "$0")/.."
sh scripts/node.sh node_modules/@inlang/paraglide-js/bin/run.js compile --project ./project.inlang --outdir ./src/lib/paraglide --strategy cookie preferredLanguage baseLocale >/dev/null
sh scripts/node.sh node_modules/@sveltejs/kit/svelte-kit.js sync
sh scripts/node.sh node_modules/vite/bin/vite.js build --logLevel warn
sh scripts/node.sh node_modules/vitest/vitest.mjs run
sh scripts/node.sh node_modules/@playwright/test/cli.js test
