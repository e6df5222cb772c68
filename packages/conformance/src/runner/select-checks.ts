import type { Check } from '../check.js'
import { AREAS, type Area } from '../types.js'

/** The checks a run selects, and whether that is fewer than all of them. */
export interface Selection {
  readonly checks: readonly Check[]
  readonly areas: readonly Area[]
  readonly partial: boolean
}

/** Filters `all` by areas and id prefixes; unknown areas are a usage error (TypeError). */
export function selectChecks(
  all: readonly Check[],
  areas: readonly string[] | undefined,
  ids: readonly string[] | undefined,
): Selection {
  for (const area of areas ?? []) {
    if (!(AREAS as readonly string[]).includes(area)) {
      throw new TypeError(`unknown conformance area ${JSON.stringify(area)}; known: ${AREAS.join(', ')}`)
    }
  }
  const areaSet = areas === undefined || areas.length === 0 ? undefined : new Set(areas)
  const idList = ids === undefined || ids.length === 0 ? undefined : ids
  const checks = all.filter(
    (c) =>
      (areaSet === undefined || areaSet.has(c.area)) &&
      (idList === undefined || idList.some((id) => c.id === id || c.id.startsWith(`${id}.`))),
  )
  if (idList !== undefined && checks.length === 0) {
    throw new TypeError(
      `no conformance check matches ${idList.join(', ')}; ids are <area>.<method>.<rule> with areas ` +
        `${AREAS.join(', ')} (\`regstack-conformance list\` prints every id)`,
    )
  }
  return {
    checks,
    areas: AREAS.filter((a) => checks.some((c) => c.area === a)),
    partial: checks.length !== all.length,
  }
}
