import { MAX_DATE_MS, MIN_DATE_MS } from '@regstack/protocols'
import {
  type BadValue,
  badObjects,
  badValuesFor,
  overLimit,
  stringOfLength,
} from '../../arbitraries/hostile-values.js'
import { describeValue } from '../../harness/describe-value.js'
import { type CallEnv, isObjectParam, type MethodSpec, type ScalarParam } from './method-spec.js'

/** One call of a method: a readable description of what is special about it, and its arguments. */
export interface HostileCase {
  /** E.g. `fullName = "a\u0000b"` or `user without email`. */
  readonly label: string
  readonly args: unknown[]
}

/** A scalar position in a method's arguments: a positional parameter or a field of an object one. */
export interface Slot {
  readonly index: number
  readonly param: ScalarParam
  readonly inObject: boolean
}

/** Every scalar position of `spec`, in declaration order. */
export function scalarSlots(spec: MethodSpec): Slot[] {
  return spec.params.flatMap((param, index): Slot[] =>
    isObjectParam(param)
      ? param.fields.map((field) => ({ index, param: field, inObject: true }))
      : [{ index, param, inObject: false }],
  )
}

/** The valid value currently at `slot` in `args`. */
export function valueAt(args: readonly unknown[], slot: Slot): unknown {
  const at = args[slot.index]
  return slot.inObject ? (at as Record<string, unknown>)[slot.param.name] : at
}

/** A copy of `args` with `value` at `slot` (objects are copied, never changed in place). */
export function withValue(args: readonly unknown[], slot: Slot, value: unknown): unknown[] {
  const copy = [...args]
  copy[slot.index] = slot.inObject ? { ...(copy[slot.index] as object), [slot.param.name]: value } : value
  return copy
}

function replaced(args: readonly unknown[], index: number, value: unknown): unknown[] {
  const copy = [...args]
  copy[index] = value
  return copy
}

const label = (name: string, value: BadValue): string => `${name} = ${value.label}`

/**
 * Every input §0.6 says `spec` must reject with `InvalidInputError`: each bad value in each scalar
 * position, bad whole objects where an object is required, and `New*` inputs missing a required field.
 */
export function badCases(spec: MethodSpec, env: CallEnv): HostileCase[] {
  const args = spec.valid(env)
  const cases: HostileCase[] = []
  spec.params.forEach((param, index) => {
    if (isObjectParam(param) && param.presence === 'required') {
      for (const value of badObjects())
        cases.push({ label: label(param.name, value), args: replaced(args, index, value.value) })
    }
  })
  for (const slot of scalarSlots(spec)) {
    for (const value of badValuesFor(slot.param.kind, slot.param.presence)) {
      cases.push({ label: label(slot.param.name, value), args: withValue(args, slot, value.value) })
    }
  }
  spec.params.forEach((param, index) => {
    if (!isObjectParam(param) || !param.isNew) return
    for (const field of param.fields.filter((f) => f.presence === 'required')) {
      const { [field.name]: _dropped, ...rest } = args[index] as Record<string, unknown>
      cases.push({ label: `${param.name} without ${field.name}`, args: replaced(args, index, rest) })
    }
  })
  return cases
}

/** A case whose arguments depend on the call number, so repeated writes in one store never collide. */
export interface AcceptCase {
  readonly label: string
  build(env: CallEnv): unknown[]
}

/** Written strings exactly at their field's limit, which §0.6 says must be accepted. */
export function atLimitCases(spec: MethodSpec): AcceptCase[] {
  return scalarSlots(spec)
    .filter((slot) => slot.param.kind.type === 'write')
    .map((slot) => {
      const limit = slot.param.kind.type === 'write' ? slot.param.kind.limit : 0
      return {
        label: `${slot.param.name} of exactly ${limit} UTF-16 units`,
        build: (env: CallEnv) => withValue(spec.valid(env), slot, stringOfLength(limit, env.n)),
      }
    })
}

/** Every date position at the first and the last storable instant (§0.3: inclusive). */
export function rangeEndCases(spec: MethodSpec): AcceptCase[] {
  return scalarSlots(spec)
    .filter((slot) => slot.param.kind.type === 'date')
    .flatMap((slot) =>
      [MIN_DATE_MS, MAX_DATE_MS].map((ms) => ({
        label: `${slot.param.name} = ${describeValue(new Date(ms))}`,
        build: (env: CallEnv) => withValue(spec.valid(env), slot, new Date(ms)),
      })),
    )
}

/**
 * Lookup strings no stored row can hold, each built from the seeded key the valid call aims at, so
 * an engine that truncates or strips instead of matching exactly would find the seeded row.
 */
export function unmatchableCases(spec: MethodSpec, env: CallEnv): HostileCase[] {
  const args = spec.valid(env)
  return scalarSlots(spec).flatMap((slot) => {
    if (slot.param.kind.type !== 'lookup') return []
    const key = String(valueAt(args, slot))
    const values: BadValue[] = [
      overLimit(key, slot.param.kind.limit + 1),
      { label: describeValue(`${key}\ud800`), value: `${key}\ud800` },
      { label: describeValue(`\udc00${key}`), value: `\udc00${key}` },
      { label: describeValue(`${key}\u0000`), value: `${key}\u0000` },
    ]
    return values.map((value) => ({
      label: label(slot.param.name, value),
      args: withValue(args, slot, value.value),
    }))
  })
}
