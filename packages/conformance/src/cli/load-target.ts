import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { isAbsolute, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { MakeRepos } from '../types.js'

/** What `certify` loads from an adapter module. */
export interface LoadedTarget {
  readonly makeRepos: MakeRepos
  /** Optional `teardown()` export, called once the run is over (close pools, stop servers). */
  readonly teardown?: () => Promise<void> | void
  readonly resolvedFrom: string
}

/** A problem loading the adapter: exit code 2, with a message that says what to fix. */
export class UsageError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'UsageError'
  }
}

/**
 * Loads `specifier` (a file path, or a package name resolved from `cwd`) and returns its `exportName`
 * export as `makeRepos`. A default export that is a function is accepted when `exportName` is absent.
 */
export async function loadTarget(specifier: string, exportName: string, cwd: string): Promise<LoadedTarget> {
  const url = resolveSpecifier(specifier, cwd)
  let mod: Record<string, unknown>
  try {
    mod = (await import(url)) as Record<string, unknown>
  } catch (error) {
    throw new UsageError(
      `could not import ${specifier} (${url}): ${(error as Error).message ?? String(error)}${typeScriptHint(url)}`,
      { cause: error },
    )
  }
  const candidate = mod[exportName] ?? (exportName === 'makeRepos' ? mod.default : undefined)
  if (typeof candidate !== 'function') {
    const exported = Object.keys(mod).join(', ') || '(nothing)'
    throw new UsageError(
      `${specifier} does not export a function named ${JSON.stringify(exportName)} (it exports: ${exported}); ` +
        'export `makeRepos(ctx) => ({ repos })` or name another export with --export',
    )
  }
  const teardown =
    typeof mod.teardown === 'function' ? (mod.teardown as () => Promise<void> | void) : undefined
  return {
    makeRepos: candidate as MakeRepos,
    ...(teardown === undefined ? {} : { teardown }),
    resolvedFrom: url,
  }
}

/** Node runs TypeScript only with a loader (or, from Node 22.18, by stripping types): say how. */
function typeScriptHint(url: string): string {
  if (!/\.[cm]?tsx?$/.test(url)) return ''
  return (
    '\nThis is a TypeScript module. Either build it first and certify the emitted .js ' +
    '(e.g. `npx tsc && npx regstack-conformance certify ./dist/conformance-target.js`), or run the CLI ' +
    'through a TypeScript loader: `node --import tsx ./node_modules/.bin/regstack-conformance certify ' +
    './src/conformance-target.ts` (npm i -D tsx).'
  )
}

/** The module URL `certify` will import: a file path (relative to `cwd`) or an installed package. */
export function resolveSpecifier(specifier: string, cwd: string): string {
  const asPath = isAbsolute(specifier) ? specifier : resolve(cwd, specifier)
  if (specifier.startsWith('.') || isAbsolute(specifier) || existsSync(asPath)) {
    if (!existsSync(asPath)) throw new UsageError(`no such file: ${asPath}`)
    return pathToFileURL(asPath).href
  }
  try {
    return pathToFileURL(createRequire(join(cwd, 'package.json')).resolve(specifier)).href
  } catch (error) {
    throw new UsageError(`cannot find package ${JSON.stringify(specifier)} from ${cwd}; is it installed?`, {
      cause: error,
    })
  }
}
