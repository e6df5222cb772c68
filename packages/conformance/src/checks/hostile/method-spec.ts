import { FIELD_LIMITS, type LimitedField, type Repos } from '@regstack/protocols'
import type { Presence, ScalarKind } from '../../arbitraries/hostile-values.js'

/** Keys of the one row per repository that every hostile store is seeded with. */
export interface SeedKeys {
  readonly userId: string
  readonly userEmail: string
  readonly pendingEmail: string
  readonly pendingTokenHash: string
  readonly jti: string
  readonly attemptEmail: string
  readonly stateId: string
  readonly provider: string
  readonly subjectId: string
}

/** What a table row needs to build valid arguments. */
export interface CallEnv {
  readonly keys: SeedKeys
  /** Distinguishes new rows written by one store (fresh emails, state ids, providers). */
  readonly n: number
  readonly now: Date
  /** One day after `now`: an expiry no engine reaps during a run. */
  readonly later: Date
}

/** A scalar parameter, or a field of an options object or `New*` input. */
export interface ScalarParam {
  readonly name: string
  readonly kind: ScalarKind
  readonly presence: Presence
}

/** An options object or `New*` input and its fields. */
export interface ObjectParam {
  readonly name: string
  readonly presence: 'required' | 'optional'
  /** A `New*` input: a missing non-nullable field is an error (for options, missing = not given). */
  readonly isNew: boolean
  readonly fields: readonly ScalarParam[]
}

/** One positional parameter. */
export type ParamSpec = ScalarParam | ObjectParam

/** The "nothing matched" answer of a method whose result is `void`. */
export const VOID: unique symbol = Symbol('void')

/** The declarative description of one repository method, from which every hostile case is generated. */
export interface MethodSpec {
  readonly repo: keyof Repos
  readonly method: string
  readonly params: readonly ParamSpec[]
  /** Arguments the method must accept; lookups aim at the seeded rows so a leak would destroy them. */
  valid(env: CallEnv): unknown[]
  /** What the method answers when a lookup matches nothing (`VOID` for `undefined`). */
  readonly nothing: unknown
}

/** True when `param` is an options object or `New*` input. */
export function isObjectParam(param: ParamSpec): param is ObjectParam {
  return 'fields' in param
}

/** `repo.method`, as failure messages name it. */
export function methodName(spec: MethodSpec): string {
  return `${spec.repo}.${spec.method}`
}

/** A written string limited by `FIELD_LIMITS[limit]`. */
export function write(name: string, limit: LimitedField, presence: Presence = 'required'): ScalarParam {
  return { name, kind: { type: 'write', limit: FIELD_LIMITS[limit] }, presence }
}

/** A string only used to find rows, as wide as the stored field `limit`. */
export function lookup(name: string, limit: LimitedField): ScalarParam {
  return { name, kind: { type: 'lookup', limit: FIELD_LIMITS[limit] }, presence: 'required' }
}

/** A date parameter or field. */
export function date(name: string, presence: Presence = 'required'): ScalarParam {
  return { name, kind: { type: 'date' }, presence }
}

/** A boolean parameter or field. */
export function bool(name: string, presence: Presence = 'required'): ScalarParam {
  return { name, kind: { type: 'boolean' }, presence }
}

/** A safe integer ≥ `min`. */
export function int(name: string, min: 0 | 1, presence: Presence = 'required'): ScalarParam {
  return { name, kind: { type: 'integer', min }, presence }
}

/** An enum value (`MfaKind`, `OAuthFlowMode`). */
export function oneOf(name: string, values: readonly string[], presence: Presence = 'required'): ScalarParam {
  return { name, kind: { type: 'enum', values }, presence }
}

/** A required options object. */
export function options(name: string, fields: readonly ScalarParam[]): ObjectParam {
  return { name, presence: 'required', isNew: false, fields }
}

/** An optional options object or filter (`null`/`undefined` = all defaults). */
export function optionalOptions(name: string, fields: readonly ScalarParam[]): ObjectParam {
  return { name, presence: 'optional', isNew: false, fields }
}

/** A `New*` input. */
export function newInput(name: string, fields: readonly ScalarParam[]): ObjectParam {
  return { name, presence: 'required', isNew: true, fields }
}

/** Ids of new rows for call number `n`. */
export const fresh: {
  email(n: number): string
  stateId(n: number): string
  provider(n: number): string
  readonly jti: string
} = {
  email: (n) => `fresh-${n}@example.com`,
  stateId: (n) => `fresh-state-${n}`,
  provider: (n) => `prov-${n}`,
  // revoke is idempotent, so one fresh jti serves every call and the snapshot can watch it.
  jti: 'fresh-jti',
}
