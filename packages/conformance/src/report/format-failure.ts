import type { CheckResult } from '../types.js'
import { clauseUrls } from './clause-link.js'

/**
 * A failed check as a person reads it: rule, the clause with its address in the contract document, what
 * broke, the minimal case, the replay line.
 */
export function formatFailure(result: CheckResult): string {
  const failure = result.failure
  if (failure === undefined) return `${result.id}: passed`
  const lines = [
    `[${result.level}] ${result.id} — CONTRACT ${result.clause}`,
    `Rule:    ${result.title}`,
    // One address per cited clause, aligned under the first.
    `Clause:  ${clauseUrls(result.clause).join('\n         ')}`,
    `Broken:  ${failure.message}`,
  ]
  if (failure.counterexample !== undefined) {
    lines.push('Minimal counterexample:', ...failure.counterexample.split('\n').map((l) => `    ${l}`))
  }
  lines.push(`Seed:    ${result.seed}${failure.path === undefined ? '' : `  path: ${failure.path}`}`)
  lines.push(`Replay:  ${failure.replay}`)
  return lines.join('\n')
}
