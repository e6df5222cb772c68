/**
 * docs/benchmarks.svg, drawn by hand (no plotting dependency): left, adapter/raw median latency per
 * operation on each SQL engine (log scale, 1.10 target marked); right, growth of each lookup from the
 * smallest to the largest table size.
 */
import type { BenchResults } from './results.js'
import { FLAT_LIMIT, growthRatios, latencyRatios } from './targets.js'

const COLORS: Readonly<Record<string, string>> = {
  postgres: '#336791',
  mariadb: '#c0765a',
  'sqlite-file': '#4a9a4a',
  'sqlite-memory': '#8bc34a',
  memory: '#7e57c2',
  mongo: '#999999',
}
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;')
const text = (x: number, y: number, s: string, extra = ''): string =>
  `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${extra}>${esc(s)}</text>`

function legend(x: number, y: number, engines: readonly string[]): string[] {
  return engines.flatMap((e, k) => [
    `<rect x="${x + k * 110}" y="${y - 9}" width="10" height="10" fill="${COLORS[e] ?? '#000'}"/>`,
    text(x + k * 110 + 14, y, e),
  ])
}

export function renderSvg(r: BenchResults): string {
  const engines = ['postgres', 'mariadb', 'sqlite-file'].filter((id) => r.ops.some((e) => e.engine === id))
  const ops = r.ops.find((e) => engines.includes(e.engine))?.ops.map((o) => o.op) ?? []
  const row = 6 * Math.max(1, engines.length) + 4
  const top = 60
  const labelW = 190
  const plotW = 360
  const height = Math.max(top + ops.length * row + 40, 420)
  const maxRatio = Math.max(
    2,
    ...engines.flatMap((id) => latencyRatios(r.ops.find((e) => e.engine === id)!).map((x) => x.ratio)),
  )
  const xOf = (v: number): number => labelW + (Math.log(Math.max(v, 1)) / Math.log(maxRatio)) * plotW
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="${height}" font-family="sans-serif" font-size="11">`,
    '<rect width="100%" height="100%" fill="#fff"/>',
    text(
      10,
      20,
      'Adapter / raw driver, median latency per call (log scale)',
      'font-size="14" font-weight="bold"',
    ),
    ...legend(10, 42, engines),
  ]
  for (const tick of [1, 1.1, 2, 5, 10, 20, 50, 100].filter((t) => t <= maxRatio)) {
    const x = xOf(tick)
    const dash = tick === 1.1 ? ' stroke-dasharray="4 3" stroke="#d32f2f"' : ' stroke="#ddd"'
    out.push(`<line x1="${x}" y1="${top - 6}" x2="${x}" y2="${top + ops.length * row}"${dash}/>`)
    out.push(text(x - 8, top + ops.length * row + 14, `${tick}×`))
  }
  ops.forEach((op, k) => {
    const y = top + k * row
    out.push(text(labelW - 6, y + row / 2 + 3, op, 'text-anchor="end"'))
    engines.forEach((id, j) => {
      const o = r.ops.find((e) => e.engine === id)?.ops.find((x) => x.op === op)
      const v =
        o?.adapter !== undefined && o.raw !== undefined ? o.adapter.medianUs / o.raw.medianUs : undefined
      if (v === undefined) return
      const w = Math.max(1, xOf(v) - labelW)
      out.push(
        `<rect x="${labelW}" y="${y + 2 + j * 6}" width="${w.toFixed(1)}" height="5" fill="${COLORS[id] ?? '#000'}"/>`,
      )
    })
  })
  out.push(...growthPanel(r, 600, top))
  out.push('</svg>')
  return `${out.join('\n')}\n`
}

/** One dot per (engine, lookup): growth factor from the smallest to the largest size. */
function growthPanel(r: BenchResults, left: number, top: number): string[] {
  const lookups = ['users.getByEmail', 'attempts.countRecent', 'users.listPaged', 'blacklist.purgeExpired']
  const growth = growthRatios(r)
  const engines = [...new Set(growth.map((g) => g.engine))]
  const width = 360
  const maxG = Math.max(4, ...growth.map((g) => g.growth).filter((g) => !Number.isNaN(g)))
  const xOf = (v: number): number =>
    left + 130 + (Math.log(Math.max(v, 0.25) / 0.25) / Math.log(maxG / 0.25)) * (width - 130)
  const rowH = 60
  const out = [
    text(left, 20, 'Growth: median at largest size / smallest', 'font-size="14" font-weight="bold"'),
    text(left, 36, `(10³ → 10⁵ rows; stand-in 10² → 10³; dashed: ${FLAT_LIMIT}× flat limit)`),
  ]
  for (const tick of [0.5, 1, FLAT_LIMIT, 2, 5, 10, 50, 100].filter((t) => t <= maxG)) {
    const x = xOf(tick)
    const dash = tick === FLAT_LIMIT ? ' stroke-dasharray="4 3" stroke="#d32f2f"' : ' stroke="#ddd"'
    out.push(`<line x1="${x}" y1="${top}" x2="${x}" y2="${top + lookups.length * rowH}"${dash}/>`)
    out.push(text(x - 8, top + lookups.length * rowH + 14, `${tick}×`))
  }
  lookups.forEach((op, k) => {
    const y = top + k * rowH
    out.push(text(left + 124, y + rowH / 2, op, 'text-anchor="end"'))
    engines.forEach((engine, j) => {
      const g = growth.find((x) => x.engine === engine && x.op === op)
      if (g === undefined || Number.isNaN(g.growth)) return
      const cy = y + 8 + j * ((rowH - 16) / Math.max(1, engines.length - 1))
      out.push(
        `<circle cx="${xOf(g.growth).toFixed(1)}" cy="${cy.toFixed(1)}" r="4" fill="${COLORS[engine] ?? '#000'}"/>`,
      )
    })
  })
  out.push(...legend(left, top + lookups.length * rowH + 36, engines.slice(0, 3)))
  out.push(...legend(left, top + lookups.length * rowH + 52, engines.slice(3)))
  return out
}
