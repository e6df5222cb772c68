import { renderOutcome } from '../model/outcome.js'
import type { RecordedCall } from './run-history.js'

const WIDTH = 46

function clip(text: string, width: number): string {
  return text.length <= width ? text.padEnd(width) : `${text.slice(0, width - 1)}…`
}

/**
 * Draws calls as a timeline, one column per caller and one line per event in the order they
 * happened: `┌` where a call was invoked, `│` while it is in flight, `└ →` where it returned, with
 * its result. Overlapping bars are the concurrency the history could not serialise. The full call and
 * result of every call follow under the drawing, numbered as in it.
 */
export function renderTimeline(calls: readonly RecordedCall[]): string {
  const callers = [...new Set(calls.map((c) => c.caller))].sort((a, b) => a - b)
  const column = new Map(callers.map((c, i) => [c, i]))
  const events = calls
    .flatMap((c) => [
      { at: c.invoke, call: c, start: true },
      { at: c.ret, call: c, start: false },
    ])
    .sort((a, b) => a.at - b.at)
  const byInvoke = [...calls].sort((a, b) => a.invoke - b.invoke)
  const number = new Map(byInvoke.map((c, i) => [c.id, i + 1]))
  const header = callers.map((c) => clip(c < 0 ? 'setup' : `caller ${c + 1}`, WIDTH)).join(' ')
  const lines = [`      ${header}`]
  const open = new Set<number>()
  for (const event of events) {
    const cells = callers.map(() => ' '.repeat(WIDTH))
    for (const id of open) {
      const c = calls.find((x) => x.id === id) as RecordedCall
      cells[column.get(c.caller) as number] = clip('│', WIDTH)
    }
    const n = number.get(event.call.id)
    const col = column.get(event.call.caller) as number
    const text = event.start
      ? `┌ #${n} ${event.call.op.code.replace(/^repos\./, '')}`
      : `└ #${n} → ${event.call.unknown ? 'unknown (UNAVAILABLE)' : renderOutcome(event.call.actual, event.call.nowMs)}`
    cells[col] = clip(text, WIDTH)
    if (event.start) open.add(event.call.id)
    else open.delete(event.call.id)
    lines.push(`      ${cells.join(' ').trimEnd()}`)
  }
  lines.push('', 'calls in full:')
  for (const c of byInvoke) {
    const result = c.unknown ? 'unknown (failed with UNAVAILABLE)' : renderOutcome(c.actual, c.nowMs)
    // Set-up lines are already whole statements (`const u1 = await …`).
    const code = c.caller < 0 ? c.op.code : `await ${c.op.code}`
    const who = c.caller < 0 ? 'setup' : `caller ${c.caller + 1}`
    lines.push(`#${number.get(c.id)} [${who}, round ${c.round + 1}] ${code}`)
    lines.push(`    → ${result}`)
  }
  return lines.join('\n')
}
