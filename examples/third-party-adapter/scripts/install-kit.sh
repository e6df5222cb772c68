#!/usr/bin/env bash
# Installs the regstack kit into this example the way a stranger gets it: as packed tarballs.
#
# 1. builds @regstack/protocols and @regstack/conformance in the surrounding workspace;
# 2. `pnpm pack`s both into ./vendor (pnpm turns `workspace:^` into a real range such as
#    `@regstack/protocols@^0.1.0`; the tarballs are used exactly as packed, only renamed to
#    version-free file names so package.json does not change with every release);
# 3. runs `npm install` here. The registry has no @regstack packages, so npm must resolve every
#    @regstack/protocols — including the one @regstack/conformance asks for — to the local tarball:
#    package.json lists it as a direct file: dependency and `overrides` points the transitive one
#    at that same spec. An install that tried the registry for it would fail with E404.
set -euo pipefail
example=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$example/../.." && pwd)
vendor="$example/vendor"

cd "$root"
pnpm --filter @regstack/protocols --filter @regstack/conformance build
rm -rf "$vendor"
mkdir -p "$vendor"
for pkg in protocols conformance; do
  (cd "$root/packages/$pkg" && pnpm pack --pack-destination "$vendor" >/dev/null)
  mv "$vendor"/regstack-"$pkg"-*.tgz "$vendor/regstack-$pkg.tgz"
done
ls -l "$vendor"

cd "$example"
# A previous install would keep the old tarball's contents under the same file name.
rm -rf node_modules/@regstack
npm install --no-audit --no-fund --loglevel=error

# One copy of the protocols package, from the tarball: two copies would mean two module instances
# (separate error classes and validators) and an override that did not take.
node --input-type=module -e "
  import { readFileSync, existsSync } from 'node:fs'
  const nested = 'node_modules/@regstack/conformance/node_modules/@regstack/protocols'
  if (existsSync(nested)) throw new Error('a second @regstack/protocols was installed under ' + nested)
  const lock = JSON.parse(readFileSync('node_modules/.package-lock.json', 'utf8'))
  for (const name of ['@regstack/protocols', '@regstack/conformance']) {
    const entry = lock.packages['node_modules/' + name]
    if (!entry || !String(entry.resolved).startsWith('file:')) {
      throw new Error(name + ' did not resolve to a local tarball: ' + JSON.stringify(entry))
    }
    console.log(name + ' ' + entry.version + ' <- ' + entry.resolved)
  }
"
