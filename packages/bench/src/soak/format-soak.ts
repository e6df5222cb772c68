/** A soak result as a one-engine console summary and as a Markdown table row set. */
import type { SoakResult } from './run-soak.js'

const errors = (byCode: Readonly<Record<string, number>>): string =>
  Object.keys(byCode).length === 0
    ? 'none'
    : Object.entries(byCode)
        .map(([code, n]) => `${code} × ${n}`)
        .join(', ')

/** Several lines for the console. */
export function formatSoak(r: SoakResult): string {
  const lines = [
    `${r.target} (${r.engine}): ${r.opsDone}/${r.opsPlanned} ops, ${r.concurrency} callers, ` +
      `${(r.durationMs / 1000).toFixed(1)} s${r.stoppedEarly ? ' (time limit reached)' : ''}`,
    `  ${r.opsPerSec} ops/s, p50 ${r.p50Us} µs, p99 ${r.p99Us} µs`,
    `  expected errors: ${errors(r.expectedErrors)}; unexpected: ${errors(r.unexpectedErrors)}`,
    ...r.invariants.map((i) => `  ${i.ok ? 'OK  ' : 'FAIL'} ${i.name} (${i.detail})`),
  ]
  return lines.join('\n')
}

/** A Markdown table, one row per engine. */
export function soakMarkdown(results: readonly SoakResult[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.target} | ${r.engine} | ${r.opsDone}${r.stoppedEarly ? ' (time limit)' : ''} | ${r.opsPerSec} | ` +
      `${r.p50Us} | ${r.p99Us} | ${errors(r.expectedErrors)} | ${errors(r.unexpectedErrors)} | ` +
      `${
        r.ok
          ? 'all OK'
          : r.invariants
              .filter((i) => !i.ok)
              .map((i) => i.name)
              .join('; ')
      } |`,
  )
  return [
    '| target | engine | ops | ops/s | p50 µs | p99 µs | expected errors | unexpected errors | invariants |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n')
}
