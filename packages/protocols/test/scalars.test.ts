import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import {
  isPlainObject,
  MAX_DATE_MS,
  MIN_DATE_MS,
  requireBoolean,
  requireDate,
  requireMfaKind,
  requireNullableDate,
  requireOAuthFlowMode,
  requireOptionalBoolean,
  requireOptionalDate,
  requireOptionalMfaKind,
  requireOptionalOptions,
  requireOptionalSafeInteger,
  requireOptions,
  requireSafeInteger,
} from '../src/index.js'
import { expectInvalid } from './support/expect-invalid.js'

describe('requireDate', () => {
  it('accepts exactly MIN_DATE_MS and MAX_DATE_MS and rejects one millisecond past either', () => {
    expect(MIN_DATE_MS).toBe(Date.parse('1970-01-01T00:00:00.000Z'))
    expect(MAX_DATE_MS).toBe(Date.parse('9999-12-31T23:59:59.999Z'))
    expect(requireDate(new Date(MIN_DATE_MS), 'when').getTime()).toBe(MIN_DATE_MS)
    expect(requireDate(new Date(MAX_DATE_MS), 'when').getTime()).toBe(MAX_DATE_MS)
    expectInvalid(() => requireDate(new Date(MIN_DATE_MS - 1), 'when'), 'when')
    expectInvalid(() => requireDate(new Date(MAX_DATE_MS + 1), 'when'), 'when')
  })

  it('rejects invalid Dates and non-Dates, including look-alikes with getTime', () => {
    const hostile: unknown[] = [
      new Date(Number.NaN),
      Date.now(),
      '2025-01-01T00:00:00Z',
      { getTime: () => 0 },
      Object.create(Date.prototype),
      null,
      undefined,
      [new Date(0)],
    ]
    for (const value of hostile) expectInvalid(() => requireDate(value, 'expiresAt'), 'expiresAt')
  })

  it('returns a fresh Date, so mutating the input later cannot change the result', () => {
    const input = new Date(1000)
    const out = requireDate(input, 'when')
    expect(out).not.toBe(input)
    input.setTime(5000)
    expect(out.getTime()).toBe(1000)
  })

  it('accepts Dates from another realm and Date subclasses', () => {
    const foreign: unknown = runInNewContext('new Date(86400000)')
    expect(requireDate(foreign, 'when').getTime()).toBe(86_400_000)
    class Stamp extends Date {}
    expect(requireDate(new Stamp(42), 'when')).toEqual(new Date(42))
  })

  it('optional and nullable variants treat null/undefined as documented', () => {
    expect(requireOptionalDate(null, 'now')).toBeUndefined()
    expect(requireOptionalDate(undefined, 'now')).toBeUndefined()
    expectInvalid(() => requireOptionalDate(new Date(Number.NaN), 'now'), 'now')
    expect(requireNullableDate(null, 'lastLogin')).toBeNull()
    expectInvalid(() => requireNullableDate(undefined, 'lastLogin'), 'lastLogin')
  })
})

describe('requireBoolean', () => {
  it('accepts only primitive booleans', () => {
    expect(requireBoolean(true, 'isActive')).toBe(true)
    expect(requireBoolean(false, 'isActive')).toBe(false)
    for (const value of ['true', 1, 0, null, undefined, new Boolean(true), { $eq: true }]) {
      expectInvalid(() => requireBoolean(value, 'isActive'), 'isActive')
    }
    expect(requireOptionalBoolean(null, 'isActive')).toBeUndefined()
    expect(requireOptionalBoolean(undefined, 'isActive')).toBeUndefined()
    expectInvalid(() => requireOptionalBoolean('yes', 'isActive'), 'isActive')
  })
})

describe('requireSafeInteger', () => {
  it('accepts safe integers at and above the minimum', () => {
    expect(requireSafeInteger(0, 'skip', 0)).toBe(0)
    expect(requireSafeInteger(Number.MAX_SAFE_INTEGER, 'skip', 0)).toBe(Number.MAX_SAFE_INTEGER)
    expect(requireSafeInteger(1, 'limit', 1)).toBe(1)
  })

  it('rejects fractions, NaN, infinities, unsafe integers, numeric strings and too-small values', () => {
    const hostile: unknown[] = [
      1.5,
      Number.NaN,
      Infinity,
      -Infinity,
      2 ** 53,
      '1',
      1n,
      null,
      undefined,
      { $gt: 0 },
    ]
    for (const value of hostile) expectInvalid(() => requireSafeInteger(value, 'windowMs', 0), 'windowMs')
    expectInvalid(() => requireSafeInteger(-1, 'skip', 0), 'skip')
    expectInvalid(() => requireSafeInteger(0, 'limit', 1), 'limit')
    expect(requireOptionalSafeInteger(null, 'skip', 0)).toBeUndefined()
    expect(requireOptionalSafeInteger(undefined, 'skip', 0)).toBeUndefined()
  })
})

describe('enums', () => {
  it('accepts exactly the MfaKind values', () => {
    expect(requireMfaKind('phone_setup', 'kind')).toBe('phone_setup')
    expect(requireMfaKind('login_mfa', 'kind')).toBe('login_mfa')
    for (const value of [
      'LOGIN_MFA',
      'sms',
      '',
      null,
      undefined,
      new String('login_mfa'),
      { $in: ['login_mfa'] },
    ]) {
      expectInvalid(() => requireMfaKind(value, 'kind'), 'kind')
    }
    expect(requireOptionalMfaKind(null, 'kind')).toBeUndefined()
    expectInvalid(() => requireOptionalMfaKind('all', 'kind'), 'kind')
  })

  it('accepts exactly the OAuthFlowMode values', () => {
    expect(requireOAuthFlowMode('signin', 'mode')).toBe('signin')
    expect(requireOAuthFlowMode('link', 'mode')).toBe('link')
    for (const value of ['Signin', 'unlink', 1, null])
      expectInvalid(() => requireOAuthFlowMode(value, 'mode'), 'mode')
  })
})

describe('options objects', () => {
  it('recognises plain objects from any realm and rejects everything else', () => {
    expect(isPlainObject({})).toBe(true)
    expect(isPlainObject(Object.create(null))).toBe(true)
    expect(isPlainObject(runInNewContext('({ a: 1 })'))).toBe(true)
    class Opts {}
    for (const value of [null, undefined, [], new Date(), new String('x'), 'x', 1, new Opts(), new Map()]) {
      expect(isPlainObject(value)).toBe(false)
    }
  })

  it('requires a plain object, or treats null/undefined as all defaults when optional', () => {
    expectInvalid(() => requireOptions(undefined, 'opts'), 'opts')
    expectInvalid(() => requireOptions([], 'opts'), 'opts')
    expect(requireOptionalOptions(null, 'opts')).toEqual({})
    expect(requireOptionalOptions(undefined, 'opts')).toEqual({})
    expectInvalid(() => requireOptionalOptions('x', 'opts'), 'opts')
  })
})
