import { readFileSync } from 'node:fs'
import type { CheckResult, ConformanceReport } from '@regstack/conformance'

/** Why regstack fails a check. */
export type DivergenceClass =
  /** Our contract deliberately goes beyond regstack; `clause` names the §0 item. */
  | 'stricter-than-regstack'
  /** regstack does something wrong; `counterexample` is the minimal case. */
  | 'regstack-bug'
  /** A limit of the bridge; `why` says why it cannot be lifted. */
  | 'harness'

/** One check regstack is expected to fail, with its classification. */
export interface Divergence {
  readonly check: string
  readonly class: DivergenceClass
  /** The CONTRACT clause our rule comes from (`§0.6`, …). */
  readonly clause: string
  /** What differs, in a sentence or two. */
  readonly why: string
  /** The smallest case that shows it, as a call sequence. */
  readonly counterexample?: string
  /**
   * The failure depends on chance — a race (regstack's non-atomic read-then-write under concurrent
   * calls), regstack's random UUIDs deciding the order of rows tied on their sort key, or random inputs
   * that only some seeds draw (`REGSTACK_SEED`: the case regstack gets wrong must occur in the run) —
   * so a run that passes it is not a stale entry. `why` says which. Never set on a failure every seed
   * shows.
   */
  readonly mayPass?: boolean
}

/** An expectations file: every check one regstack backend fails. */
export interface Expectations {
  readonly backend: string
  readonly divergences: readonly Divergence[]
}

const CLASSES: ReadonlySet<string> = new Set(['stricter-than-regstack', 'regstack-bug', 'harness'])

/** Reads and checks an expectations file; throws `TypeError` naming the first bad entry. */
export function loadExpectations(path: string): Expectations {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as Expectations
  const seen = new Set<string>()
  for (const d of parsed.divergences) {
    const where = `${path}: ${d.check}`
    if (typeof d.check !== 'string' || d.check === '')
      throw new TypeError(`${path}: an entry has no check id`)
    if (seen.has(d.check)) throw new TypeError(`${where} is listed twice`)
    seen.add(d.check)
    if (!CLASSES.has(d.class)) throw new TypeError(`${where}: unknown class ${JSON.stringify(d.class)}`)
    if (typeof d.why !== 'string' || d.why.trim() === '') throw new TypeError(`${where}: say why`)
    if (d.class === 'stricter-than-regstack' && !/^§0\.\d+/.test(d.clause ?? '')) {
      throw new TypeError(`${where}: stricter-than-regstack must cite the §0 item`)
    }
    if (d.mayPass === true && !/race|random/i.test(d.why)) {
      throw new TypeError(`${where}: a chance-dependent entry (mayPass) must say why (a race, random ids)`)
    }
    if (d.class === 'regstack-bug' && (d.counterexample ?? '').trim() === '') {
      throw new TypeError(`${where}: a regstack-bug needs its minimal counterexample`)
    }
  }
  return parsed
}

/** How a run compares with its expectations. */
export interface Comparison {
  /** Failed, and not listed: needs a classification (or a fix of the suite). */
  readonly unexplained: readonly CheckResult[]
  /** Listed, ran, and passed (and not race-dependent): the entry is stale (regstack or the suite changed). */
  readonly nowPassing: readonly string[]
  /** Listed, but no such check ran (renamed or removed, or not selected in a partial run). */
  readonly notRun: readonly string[]
  readonly expectedFailures: number
}

/**
 * Compares a report with the expectations, by check id. Checks the file does not know are fine while
 * they pass, so new checks need no entry until regstack fails them.
 */
export function compareWithExpectations(report: ConformanceReport, expectations: Expectations): Comparison {
  const listed = new Map(expectations.divergences.map((d) => [d.check, d]))
  const ran = new Map(report.checks.map((c) => [c.id, c]))
  const unexplained = report.checks.filter((c) => c.status !== 'passed' && !listed.has(c.id))
  const nowPassing = [...listed.values()]
    .filter((d) => d.mayPass !== true && ran.get(d.check)?.status === 'passed')
    .map((d) => d.check)
  const notRun = [...listed.keys()].filter((id) => !ran.has(id))
  const expectedFailures = report.checks.filter((c) => c.status !== 'passed' && listed.has(c.id)).length
  return { unexplained, nowPassing, notRun, expectedFailures }
}
