import type { Check } from '../check.js'
import { mfaVerifyChecks } from './concurrency/mfa-verify.js'
import { singleUseChecks } from './concurrency/single-use.js'
import { uniquenessChecks } from './concurrency/uniqueness.js'
import { upsertChecks } from './concurrency/upserts.js'

/**
 * The `concurrency` area (CONTRACT §0.8, stricter than regstack): parallel calls on one store must
 * behave as some sequential order of the same calls. Each race is repeated a few rounds, since a
 * non-atomic adapter only loses some of them.
 */
export const concurrencyChecks: readonly Check[] = [
  ...singleUseChecks,
  ...mfaVerifyChecks,
  ...upsertChecks,
  ...uniquenessChecks,
]
