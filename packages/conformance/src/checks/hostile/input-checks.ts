import type { Repos } from '@regstack/protocols'
import type { Check } from '../../check.js'
import { expectEqual, expectResolves, expectTrue } from '../../harness/assert.js'
import { ALL_METHODS } from './all-methods.js'
import { scalarSlots, withValue } from './hostile-cases.js'
import { callEnv, callMethod, seedStore } from './hostile-store.js'
import { isObjectParam, type MethodSpec, methodName } from './method-spec.js'

type Row = Record<string, unknown>

/** Keys an attacker or a sloppy caller might add; none may be stored or returned. */
const EXTRAS: Readonly<Row> = {
  extra: 'x',
  _id: 'caller-id',
  is_active: false,
  nested: { $set: { isSuperuser: true } },
}

/**
 * Reads back the row a `New*` method wrote, given its input and result, and the row the contract says
 * it must be: the input's model fields plus the adapter's id (OAuth states keep the caller's id).
 */
async function readBack(
  repos: Repos,
  spec: MethodSpec,
  input: Row,
  result: unknown,
): Promise<[unknown, Row][]> {
  const withId = (found: unknown): Row => ({ ...input, id: (found as Row | null)?.id })
  switch (`${spec.repo}.${spec.method}`) {
    case 'users.create': {
      const found = await repos.users.getById((result as Row).id as string)
      return [
        [result, withId(result)],
        [found, withId(result)],
      ]
    }
    case 'pending.upsert': {
      const found = await repos.pending.findByEmail(input.email as string)
      return [
        [result, withId(result)],
        [found, withId(result)],
      ]
    }
    case 'mfaCodes.put': {
      const found = await repos.mfaCodes.find(input as { userId: string; kind: 'login_mfa' })
      return [[found, withId(found)]]
    }
    case 'oauthIdentities.create': {
      const found = await repos.oauthIdentities.findBySubject(
        input as { provider: string; subjectId: string },
      )
      return [
        [result, withId(result)],
        [found, withId(result)],
      ]
    }
    case 'oauthStates.create':
      return [[await repos.oauthStates.find(input.id as string), input]]
    default:
      return []
  }
}

const NEW_METHODS = ALL_METHODS.filter((spec) => spec.params.some((p) => isObjectParam(p) && p.isNew))

const undefinedMeansNull: Check = {
  id: 'hostile.inputs.undefined-nullable-field-means-null',
  title: 'In a New* input, a nullable field that is undefined or missing is stored and returned as null.',
  area: 'hostile',
  level: 'MUST',
  clause: '§0.6',
  async run(ctx) {
    const store = await ctx.open()
    const keys = await seedStore(store)
    let n = 0
    for (const spec of NEW_METHODS) {
      for (const slot of scalarSlots(spec).filter((s) => s.param.presence === 'nullable-field')) {
        for (const missing of [false, true]) {
          n += 1
          const valid = spec.valid(callEnv(store, keys, n))
          const args = withValue(valid, slot, undefined)
          if (missing) delete (args[slot.index] as Row)[slot.param.name]
          const call = `${methodName(spec)} with ${slot.param.name} ${missing ? 'missing' : '= undefined'}`
          const result = await expectResolves(() => callMethod(store.repos, spec, args), call)
          const expected = { ...(valid[slot.index] as Row), [slot.param.name]: null }
          for (const [actual, want] of await readBack(store.repos, spec, expected, result)) {
            expectEqual(actual, want, `${call}: the row as returned and as read back`)
          }
        }
      }
    }
  },
}

const extraKeysIgnored: Check = {
  id: 'hostile.inputs.extra-keys-ignored',
  title:
    'Unknown extra keys on inputs and options are ignored: the call behaves as without them and they are never stored or returned.',
  area: 'hostile',
  level: 'MUST',
  clause: '§0.7',
  async run(ctx) {
    const store = await ctx.open()
    const keys = await seedStore(store)
    let n = 0
    for (const spec of ALL_METHODS) {
      n += 1
      const valid = spec.valid(callEnv(store, keys, n))
      const args = valid.map((arg, i) => {
        const param = spec.params[i]
        return param !== undefined && isObjectParam(param) ? { ...(arg as Row), ...EXTRAS } : arg
      })
      if (args.every((arg, i) => arg === valid[i])) continue
      const call = `${methodName(spec)} with extra keys ${Object.keys(EXTRAS).join(', ')}`
      const result = await expectResolves(() => callMethod(store.repos, spec, args), call)
      const input = valid.find((_arg, i) => {
        const param = spec.params[i]
        return param !== undefined && isObjectParam(param) && param.isNew
      })
      if (input === undefined) continue
      for (const [actual, want] of await readBack(store.repos, spec, input as Row, result)) {
        expectEqual(actual, want, `${call}: the row as returned and as read back`)
      }
    }
  },
}

/** Freezes `value` and everything reachable from it, so any write to an input throws. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const inner of Object.values(value)) deepFreeze(inner)
  }
  return value
}

/** A copy of the arguments' observable content, dates by instant (a frozen `Date` can still be set). */
function fingerprint(args: readonly unknown[]): string {
  return JSON.stringify(args, function (this: Row, key, value: unknown) {
    const raw = this[key]
    return raw instanceof Date ? `Date(${raw.getTime()})` : value
  })
}

const inputsNotMutated: Check = {
  id: 'hostile.inputs.never-mutated',
  title:
    'No method mutates its arguments: deep-frozen inputs are accepted and come back unchanged, dates included.',
  area: 'hostile',
  level: 'MUST',
  clause: '§0.7',
  async run(ctx) {
    const store = await ctx.open()
    const keys = await seedStore(store)
    let n = 0
    for (const spec of ALL_METHODS) {
      n += 1
      const args = deepFreeze(spec.valid(callEnv(store, keys, n)))
      const before = fingerprint(args)
      await expectResolves(
        () => callMethod(store.repos, spec, args),
        `${methodName(spec)} with deep-frozen arguments`,
      )
      expectTrue(
        fingerprint(args) === before,
        `${methodName(spec)} mutated its arguments: ${before} → ${fingerprint(args)}`,
      )
    }
  },
}

/** How inputs are treated: nullable fields, extra keys, immutability. */
export const inputChecks: readonly Check[] = [undefinedMeansNull, extraKeysIgnored, inputsNotMutated]
