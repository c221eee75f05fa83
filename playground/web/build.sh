#!/usr/bin/env bash
# Rebuilds dist/app.js, the page's script, from src/ and the npm packages locked
# in package-lock.json (CodeMirror 6 and esbuild, exact versions): `npm ci`
# installs exactly those, and esbuild bundles and minifies. The output is
# committed, so that building segsync needs no npm; run this after changing
# src/ or the packages, and commit dist/ with them. Same lock, same bytes.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --ignore-scripts
npm run --silent build
# The licences of every package bundled into app.js, served beside it.
{
  echo "The page's script, app.js, bundles these npm packages (versions from package-lock.json)."
  for d in $(npm ls --all --omit=dev --parseable | tail -n +2 | sort); do
    name=$(node -p "require('$d/package.json').name + ' ' + require('$d/package.json').version + ' (' + require('$d/package.json').license + ')'")
    printf '\n==== %s ====\n\n' "$name"
    cat "$d"/LICENSE* 2>/dev/null || echo "(no licence file in the package)"
  done
} > dist/LICENSES.txt
ls -l dist/
