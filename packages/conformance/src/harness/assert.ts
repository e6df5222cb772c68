import { ContractViolation } from './contract-violation.js'
import { describeValue } from './describe-value.js'

/**
 * Assertions for checks. They throw `ContractViolation` with a message that names what was checked
 * (`what`), the expected value and the actual one; they never depend on a test runner.
 */

/** Fails unless `actual` deep-equals `expected` (dates by instant, no extra or missing keys). */
export function expectEqual<T>(actual: unknown, expected: T, what: string): asserts actual is T {
  const diff = firstDifference(actual, expected, '')
  if (diff !== undefined) {
    throw new ContractViolation(
      `${what}: expected ${describeValue(expected)}, got ${describeValue(actual)}` +
        (diff === '' ? '' : ` (first difference at ${diff})`),
    )
  }
}

/** Fails unless `condition` holds. */
export function expectTrue(condition: boolean, what: string): asserts condition {
  if (!condition) throw new ContractViolation(what)
}

/**
 * Awaits `action` and fails unless it rejects with an error whose `code` is `code`; returns the error
 * so callers can check its fields. Errors are judged by `code`, never by class or message.
 */
export async function expectRejects(
  action: () => Promise<unknown>,
  code: string,
  what: string,
): Promise<Error & Record<string, unknown>> {
  let result: unknown
  try {
    result = await action()
  } catch (error) {
    const actual = (error as { code?: unknown } | null)?.code
    if (actual !== code) {
      throw new ContractViolation(
        `${what}: expected a rejection with code ${code}, got ${describeValue(error)}`,
        {
          cause: error,
        },
      )
    }
    return error as Error & Record<string, unknown>
  }
  throw new ContractViolation(
    `${what}: expected a rejection with code ${code}, but it resolved to ${describeValue(result)}`,
  )
}

/** Awaits `action`, failing with a readable message (and the error as cause) if it rejects. */
export async function expectResolves<T>(action: () => Promise<T>, what: string): Promise<T> {
  try {
    return await action()
  } catch (error) {
    throw new ContractViolation(`${what}: expected success, got ${describeValue(error)}`, { cause: error })
  }
}

/** Path of the first difference between two values, `''` for the root, or `undefined` when equal. */
export function firstDifference(actual: unknown, expected: unknown, path: string): string | undefined {
  if (expected instanceof Date) {
    return actual instanceof Date && actual.getTime() === expected.getTime() ? undefined : path
  }
  if (expected === null || typeof expected !== 'object') {
    return Object.is(actual, expected) ? undefined : path
  }
  if (actual === null || typeof actual !== 'object' || actual instanceof Date) return path
  if (Array.isArray(expected) !== Array.isArray(actual)) return path
  const expectedKeys = Object.keys(expected)
  const actualKeys = Object.keys(actual)
  for (const key of actualKeys) {
    if (!Object.hasOwn(expected, key)) return `${path}.${key} (unexpected key)`
  }
  for (const key of expectedKeys) {
    if (!Object.hasOwn(actual, key)) return `${path}.${key} (missing)`
    const d = firstDifference(
      (actual as Record<string, unknown>)[key],
      (expected as Record<string, unknown>)[key],
      `${path}.${key}`,
    )
    if (d !== undefined) return d
  }
  return undefined
}
