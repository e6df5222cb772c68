/** Assertions shared by the validator and guard tests. */
import { expect } from 'vitest'
import { InvalidInputError } from '../../src/index.js'

/** Runs `fn` and returns what it threw, failing the test when it did not throw. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn()
  } catch (error) {
    return error
  }
  return expect.unreachable('expected a throw')
}

/** `fn` throws an `InvalidInputError` naming `field`. */
export function expectInvalid(fn: () => unknown, field: string): void {
  const error = thrown(fn)
  expect(error).toBeInstanceOf(InvalidInputError)
  expect(error).toMatchObject({ code: 'INVALID_INPUT', field, name: 'InvalidInputError' })
}

/** `call()` returns a promise (never throws synchronously) that rejects with `INVALID_INPUT` on `field`. */
export async function expectRejectsInvalid(call: () => Promise<unknown>, field: string): Promise<void> {
  let promise: Promise<unknown> | undefined
  expect(() => {
    promise = call()
  }).not.toThrow()
  await expect(promise).rejects.toMatchObject({ code: 'INVALID_INPUT', field })
}
