/** The body of every `conformance-<engine>.test.ts`: the suite plus the engine checks on one engine. */
import { runConformance } from '@regstack/conformance/vitest'
import { type KnexEngineName, openKnexEngine } from '@regstack/test-engines'
import type { Knex } from 'knex'
import { afterAll, describe, it } from 'vitest'
import { createKnexRepos, dropTables, migrate } from '../../src/index.js'
import { createTablesV1 } from '../../src/migrate.js'
import { engineChecks } from './engine-checks.js'

/** How the stores of a conformance file get their schema. */
export interface ConformanceFileOptions {
  /**
   * Every store starts as a database of the release before versioned migrations (the 2026-05 tables,
   * no migrations table) and is upgraded in place by `migrate` before the suite uses it.
   */
  readonly upgradeFrom2026_05?: boolean
}

/** Registers everything for `engine`; one knex instance is shared by every store of the file. */
export async function conformanceFile(
  engine: KnexEngineName,
  options: ConformanceFileOptions = {},
): Promise<void> {
  const upgrade = options.upgradeFrom2026_05 === true
  const opened = await openKnexEngine(engine)
  if (opened.skipped) {
    describe(`adapter-knex on ${engine}`, () => {
      it(`${engine} is not tested in this run`, (test) => test.skip(opened.reason))
    })
    return
  }
  const knex: Knex = opened.knex
  afterAll(async () => await opened.close())
  if (!upgrade) engineChecks(() => knex)
  runConformance(
    async (ctx) => {
      const tablePrefix = `${ctx.namespace}_`
      if (upgrade) await createTablesV1(knex, { tablePrefix })
      await migrate(knex, { tablePrefix })
      return {
        repos: createKnexRepos(knex, { clock: ctx.clock, tablePrefix }),
        revision: '2026-07',
        // One knex serves every store of the file; the suite runs one check at a time, so killing its
        // connections only disturbs the store of the faults check that asked.
        ...(opened.faults === undefined ? {} : { faults: opened.faults }),
        close: async () => await dropTables(knex, { tablePrefix }),
      }
    },
    {
      name: `adapter-knex (${engine}${upgrade ? ', upgraded from 2026-05' : ''})`,
      engine: opened.label,
      // On upgraded stores the schema is what is under test: every check runs, each with the fewest
      // cases calibration would ever give a networked engine; the regular files explore in depth.
      ...(upgrade ? { numRuns: 10 } : {}),
    },
  )
}
