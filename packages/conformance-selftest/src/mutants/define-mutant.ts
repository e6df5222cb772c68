/** How a mutant is assembled from the memory adapter: patch the raw layer, the guarded layer, or both. */
import { createRawMemoryRepos } from '@regstack/adapter-memory/internal'
import type { Area } from '@regstack/conformance'
import { type Clock, guardRepos, type Repos } from '@regstack/protocols'
import type { Mutant } from './mutant.js'

/** Methods to replace, per repository; everything not listed is the memory adapter's own. */
export type RepoPatch = { readonly [K in keyof Repos]?: Partial<Repos[K]> }

/** What a patch can build on. */
export interface MutantLayers {
  /** The unvalidated memory store (`createRawMemoryRepos`), already carrying any raw patch. */
  readonly raw: Repos
  /** The injected clock of this store. */
  readonly clock: Clock
}

/** What a patch of the guarded layer can build on. */
export interface GuardedLayers extends MutantLayers {
  /** The raw layer behind `guardRepos`, i.e. what `createMemoryRepos` returns. */
  readonly guarded: Repos
}

/** A mutant described by where its one flaw goes. */
export interface MutantSpec {
  readonly id: string
  readonly description: string
  readonly clause: string
  /** The area that must catch it on its own (see {@link Mutant.caughtBy}). */
  readonly caughtBy?: Area
  /** Replaces methods under the guard: the flaw sees validated, resolved arguments. */
  readonly raw?: (layers: MutantLayers) => RepoPatch
  /** Replaces methods over the guard: needed for flaws the guard would hide (validation, copies). */
  readonly guarded?: (layers: GuardedLayers) => RepoPatch
  /** Builds the raw store itself (e.g. with another clock); defaults to `createRawMemoryRepos({ clock })`. */
  readonly base?: (clock: Clock) => Repos
  /** Guards with `resultsAreFresh: true`: the guard then trusts the raw layer's results as they are. */
  readonly claimsFreshResults?: boolean
}

/** Replaces the listed methods of `repos` with the patch's, leaving the rest untouched. */
export function applyPatch(repos: Repos, patch: RepoPatch | undefined): Repos {
  if (patch === undefined) return repos
  return {
    users: { ...repos.users, ...patch.users },
    pending: { ...repos.pending, ...patch.pending },
    blacklist: { ...repos.blacklist, ...patch.blacklist },
    attempts: { ...repos.attempts, ...patch.attempts },
    mfaCodes: { ...repos.mfaCodes, ...patch.mfaCodes },
    oauthIdentities: { ...repos.oauthIdentities, ...patch.oauthIdentities },
    oauthStates: { ...repos.oauthStates, ...patch.oauthStates },
  }
}

/** Turns a spec into a {@link Mutant}: each `makeRepos` call builds a fresh store with the flaw. */
export function defineMutant(spec: MutantSpec): Mutant {
  return {
    id: spec.id,
    description: spec.description,
    clause: spec.clause,
    ...(spec.caughtBy === undefined ? {} : { caughtBy: spec.caughtBy }),
    makeRepos: ({ clock }) => {
      const base = spec.base?.(clock) ?? createRawMemoryRepos({ clock })
      const raw = applyPatch(base, spec.raw?.({ raw: base, clock }))
      const guarded = guardRepos(raw, { clock, resultsAreFresh: spec.claimsFreshResults === true })
      return { repos: applyPatch(guarded, spec.guarded?.({ guarded, raw, clock })) }
    },
  }
}

/** Yields to the event loop once: the await that makes a read-then-write non-atomic. */
export function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/** `d` moved by `ms` milliseconds, as a new `Date`. */
export function shift(d: Date, ms: number): Date {
  return new Date(d.getTime() + ms)
}
