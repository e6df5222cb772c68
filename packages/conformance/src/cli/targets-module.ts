import type { MakeRepos } from '../types.js'
import { resolveSpecifier, UsageError } from './load-target.js'

/** One target of a `certify --targets` module, opened: what to certify and how to label it. */
export interface OpenedTarget {
  /** Adapter name in the report (e.g. the package name). */
  readonly name: string
  /** Engine and version in the report. */
  readonly engine: string
  readonly makeRepos: MakeRepos
  /** Releases what `open()` opened (pools, servers, scratch files); called after the verdict. */
  teardown?(): Promise<void> | void
}

/** A target the run will open, or why it is not part of this run. */
export interface PlannedTarget {
  /** Short stable id; its reports go to `<out>/<id>/`. */
  readonly id: string
  /** Opens the target; absent when it does not run (then `notRunBecause` says why). */
  readonly open?: () => Promise<OpenedTarget>
  readonly notRunBecause?: string
}

/**
 * A row of the final table that is not a certification: e.g. another implementation's parity run.
 * `failed` fails the whole run.
 */
export interface ExtraRow {
  readonly adapter: string
  readonly engine: string
  readonly result: string
  readonly checks: string
  readonly time: string
  readonly failed: boolean
}

/**
 * What a `--targets` module exports: `targets(env)`, the planned targets in order, and optionally
 * `extraRows(write)`, rows computed after every target ran (`write` prints progress).
 */
export interface TargetsModule {
  readonly targets: (env: NodeJS.ProcessEnv) => readonly PlannedTarget[]
  readonly extraRows?: (write: (text: string) => void) => Promise<readonly ExtraRow[]>
}

/** Imports the `--targets` module and checks its shape; a UsageError says what is missing. */
export async function loadTargetsModule(
  specifier: string,
  cwd: string,
): Promise<TargetsModule & { readonly url: string }> {
  const url = resolveSpecifier(specifier, cwd)
  let mod: Record<string, unknown>
  try {
    mod = (await import(url)) as Record<string, unknown>
  } catch (error) {
    throw new UsageError(`could not import ${specifier} (${url}): ${(error as Error).message}`, {
      cause: error,
    })
  }
  if (typeof mod.targets !== 'function') {
    throw new UsageError(`${specifier} does not export a function named "targets" (env) => PlannedTarget[]`)
  }
  if (mod.extraRows !== undefined && typeof mod.extraRows !== 'function') {
    throw new UsageError(`${specifier} exports "extraRows", but not as a function`)
  }
  return {
    url,
    targets: mod.targets as TargetsModule['targets'],
    ...(mod.extraRows === undefined ? {} : { extraRows: mod.extraRows as TargetsModule['extraRows'] }),
  }
}
