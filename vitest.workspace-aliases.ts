import { fileURLToPath } from 'node:url'

/**
 * Inside this repository, tests import workspace packages from their sources, so a test run never
 * depends on a stale `dist/`. (The third-party example installs packed tarballs instead, which is
 * where the published builds are proven.)
 */
const src = (pkg: string): string => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url))

export const workspaceAliases: Record<string, string> = {
  // Before the package itself: aliases match by prefix, in this order.
  '@regstack/conformance/vitest': fileURLToPath(
    new URL('./packages/conformance/src/vitest.ts', import.meta.url),
  ),
  '@regstack/adapter-memory/internal': fileURLToPath(
    new URL('./packages/adapter-memory/src/internal.ts', import.meta.url),
  ),
  '@regstack/protocols': src('protocols'),
  '@regstack/conformance': src('conformance'),
  '@regstack/adapter-memory': src('adapter-memory'),
  '@regstack/adapter-knex': src('adapter-knex'),
  '@regstack/adapter-mongo': src('adapter-mongo'),
}
