import type { CheckResult } from '../types.js'

/** A failed check as a person reads it: rule, clause, what broke, the minimal case, the replay line. */
export function formatFailure(result: CheckResult): string {
  const failure = result.failure
  if (failure === undefined) return `${result.id}: passed`
  const lines = [
    `[${result.level}] ${result.id} — CONTRACT ${result.clause}`,
    `Rule:    ${result.title}`,
    `Broken:  ${failure.message}`,
  ]
  if (failure.counterexample !== undefined) {
    lines.push('Minimal counterexample:', ...failure.counterexample.split('\n').map((l) => `    ${l}`))
  }
  lines.push(`Seed:    ${result.seed}${failure.path === undefined ? '' : `  path: ${failure.path}`}`)
  lines.push(`Replay:  ${failure.replay}`)
  return lines.join('\n')
}
