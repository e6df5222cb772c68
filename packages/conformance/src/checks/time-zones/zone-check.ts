import type { Check, CheckContext } from '../../check.js'
import { ContractViolation } from '../../harness/contract-violation.js'
import { describeValue } from '../../harness/describe-value.js'
import { isInfrastructureError } from '../../harness/infrastructure-error.js'
import { formatOffset, inProcessZone, offsetFromIcu, tierZones } from '../../harness/time-zone.js'

/** What distinguishes one check of the time-zone tier: its rule and what it does in one zone. */
export interface ZoneCheckSpec {
  readonly id: string
  readonly title: string
  readonly clause: string
  /** The check's body, run once per tier zone with the process zone set to `zone`. */
  readonly inZone: (ctx: CheckContext, zone: string) => Promise<void>
}

const SAMPLE_INSTANTS = [new Date('2026-01-15T12:00:00Z'), new Date('2026-07-15T12:00:00Z')]

/** `America/New_York (-05:00/-04:00)`. */
function describeZone(zone: string): string {
  const offsets = [...new Set(SAMPLE_INSTANTS.map((at) => formatOffset(offsetFromIcu(zone, at))))]
  return `${zone} (${offsets.join('/')})`
}

/**
 * A check of the `timeZones` area (CONTRACT §0.3: dates are instants, nothing depends on the
 * process's zone): `inZone` runs once per tier zone with `process.env.TZ` set to it and verified to
 * be in force, and the previous zone is restored afterwards. A failure names the zone it happened
 * in; the check's notes say which zones ran.
 */
export function zoneCheck(spec: ZoneCheckSpec): Check {
  return {
    id: spec.id,
    title: spec.title,
    area: 'timeZones',
    level: 'MUST',
    clause: spec.clause,
    async run(ctx) {
      const ran: string[] = []
      try {
        for (const zone of tierZones()) {
          try {
            await inProcessZone(zone, () => spec.inZone(ctx, zone))
          } catch (error) {
            // The zone not taking effect is the suite's environment, not the adapter: left as it is.
            if (isInfrastructureError(error)) throw error
            const violation = error instanceof ContractViolation ? error : undefined
            throw new ContractViolation(
              `with the process time zone ${describeZone(zone)}: ` +
                `${violation === undefined ? `a call threw ${describeValue(error)}` : violation.message} ` +
                `(replay in that zone only: REGSTACK_TIME_ZONES=${zone})`,
              {
                ...(violation?.counterexample === undefined
                  ? {}
                  : { counterexample: violation.counterexample }),
                ...(violation?.path === undefined ? {} : { path: violation.path }),
                cause: violation === undefined ? error : (violation.cause ?? violation),
              },
            )
          }
          ran.push(describeZone(zone))
        }
      } finally {
        ctx.note(
          ran.length === 0
            ? 'no time zone completed'
            : `ran with the process time zone set to, and verified in force: ${ran.join(', ')}; restored afterwards`,
        )
      }
    },
  }
}
