/** Number formatting and Markdown table helpers shared by the renderers. */

/** Microseconds, with precision that suits the magnitude. */
export function us(v: number | undefined): string {
  if (v === undefined || Number.isNaN(v)) return '–'
  if (v < 10) return v.toFixed(2)
  if (v < 100) return v.toFixed(1)
  return v.toFixed(0)
}

export function times(v: number | undefined, digits = 2): string {
  return v === undefined || Number.isNaN(v) ? '–' : `${v.toFixed(digits)}×`
}

export function perSec(v: number | undefined): string {
  if (v === undefined || Number.isNaN(v)) return '–'
  if (v >= 100_000) return `${(v / 1000).toFixed(0)}k`
  if (v >= 10_000) return `${(v / 1000).toFixed(1)}k`
  return v.toFixed(0)
}

export function seconds(ms: number | undefined): string {
  return ms === undefined || Number.isNaN(ms) ? '–' : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`
}

export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map((_, k) => (k === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n')
}
