/**
 * The `New*` validators read fields with plain loads and prove them own through `ownOnly` (a literal
 * `in Object.prototype` test per key, folded away by the optimiser). These tests pollute every key
 * of every model, in the interpreter and again after the validators were optimised, through a
 * getter in the middle of the reads, and in another realm: an inherited value must never count.
 */
import { runInNewContext } from 'node:vm'
import { afterEach, describe, expect, it } from 'vitest'
import {
  InvalidInputError,
  validateNewMfaCode,
  validateNewOAuthIdentity,
  validateNewOAuthState,
  validateNewPendingRegistration,
  validateNewUser,
} from '../src/index.js'
import { thrown } from './support/expect-invalid.js'
import { newIdentity, newMfaCode, newPending, newState, newUser, T1 } from './support/fixtures.js'

interface Case {
  readonly name: string
  readonly validate: (value: unknown) => object
  /** Every field set, none null: an injected value then always changes the outcome. */
  readonly sample: () => Record<string, unknown>
}

const cases: readonly Case[] = [
  {
    name: 'validateNewUser',
    validate: validateNewUser,
    sample: () => ({ ...newUser(), lastLogin: new Date(T1) }),
  },
  {
    name: 'validateNewPendingRegistration',
    validate: validateNewPendingRegistration,
    sample: () => ({ ...newPending(), fullName: 'Bob' }),
  },
  { name: 'validateNewMfaCode', validate: validateNewMfaCode, sample: () => ({ ...newMfaCode() }) },
  {
    name: 'validateNewOAuthIdentity',
    validate: validateNewOAuthIdentity,
    sample: () => ({ ...newIdentity(), email: 'ada@example.com', lastUsedAt: new Date(T1) }),
  },
  {
    name: 'validateNewOAuthState',
    validate: validateNewOAuthState,
    sample: () => ({ ...newState(), linkingUserId: 'u1', resultToken: 'jwt', resultWasNew: true }),
  },
]

const polluted: string[] = []

/** Adds `key` to `Object.prototype` (undone after each test) with a value that would pass validation. */
function pollute(key: string, value: unknown): void {
  Object.defineProperty(Object.prototype, key, { value, configurable: true, writable: true })
  polluted.push(key)
}

afterEach(() => {
  for (const key of polluted.splice(0)) Reflect.deleteProperty(Object.prototype, key)
})

/** `input` without `key`. */
function without(input: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _drop, ...rest } = input
  return rest
}

/** What `validate` does with `input`: its result, or the field of the `InvalidInputError` it threw. */
function outcome(validate: (value: unknown) => object, input: unknown): unknown {
  try {
    return { result: validate(input) }
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error
    return { invalid: error.field }
  }
}

describe.each(cases)('$name ignores a polluted Object.prototype', ({ validate, sample }) => {
  const keys = Object.keys(sample())

  it.each(keys)('key %s, before and after the validator is optimised', (key) => {
    const clean = sample()
    const missing = without(clean, key)
    const expected = outcome(validate, missing)
    // The injected value would change the outcome if it were read: this test can fail.
    expect(outcome(validate, { ...missing, [key]: clean[key] })).not.toEqual(expected)
    // Enough calls for the optimising compiler, so the folded `in` test is what runs below.
    for (let i = 0; i < 20_000; i++) validate(clean)
    pollute(key, clean[key])
    expect(outcome(validate, missing)).toEqual(expected)
    expect(outcome(validate, sample())).toEqual(outcome(validate, clean))
  })

  it('when a getter among the fields pollutes a key read after it', () => {
    const clean = sample()
    const [first, last] = [keys[0] as string, keys[keys.length - 1] as string]
    const expected = outcome(validate, without(clean, last))
    expect(outcome(validate, clean)).not.toEqual(expected)
    const input = without(clean, last)
    Object.defineProperty(input, first, {
      enumerable: true,
      get: () => {
        pollute(last, clean[last])
        return clean[first]
      },
    })
    expect(outcome(validate, input)).toEqual(expected)
  })

  it('in another realm, whose Object.prototype this realm cannot vouch for', () => {
    const clean = sample()
    for (const key of keys) {
      const foreign = runInNewContext(
        `Object.defineProperty(Object.prototype, key, { value: valueOfKey, configurable: true }); ({})`,
        { key, valueOfKey: clean[key] },
      ) as Record<string, unknown>
      Object.assign(foreign, without(clean, key))
      expect(outcome(validate, foreign)).toEqual(outcome(validate, without(clean, key)))
    }
  })

  it('accepts an object with a null prototype, polluted or not', () => {
    const clean = sample()
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, clean)
    expect(outcome(validate, bare)).toEqual(outcome(validate, clean))
    for (const key of keys) pollute(key, clean[key])
    const missing = Object.assign(
      Object.create(null) as Record<string, unknown>,
      without(clean, keys[0] as string),
    )
    const error = thrown(() => validate(missing))
    expect(error).toBeInstanceOf(InvalidInputError)
  })
})
