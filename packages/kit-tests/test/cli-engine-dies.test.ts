/**
 * The engine dies in the middle of `regstack-conformance certify`: a real PostgreSQL, reached through
 * a loopback TCP relay that the target shuts down (every connection cut, new ones refused) while the
 * run is going — what a crashed or partitioned database server looks like to the adapter. The run
 * must stop with one infrastructure error and exit 2, with an "error" badge and all four reports,
 * instead of reporting a hundred "MUST failed" counterexamples against a correct adapter.
 */
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { validateReport } from '@regstack/conformance'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { lockAndBuildKit } from '../src/example/build-kit.js'
import { runCommand, tail } from '../src/example/run-command.js'

const MINUTE = 60_000
const root = fileURLToPath(new URL('../../../', import.meta.url))
const cli = join(root, 'packages/conformance/dist/cli/main.js')
const adapterKnex = pathToFileURL(join(root, 'packages/adapter-knex/dist/index.js')).href
const knexModule = pathToFileURL(createRequire(import.meta.url).resolve('knex')).href
const pgUrl = process.env.REGSTACK_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/test'

/** The adapter on PostgreSQL behind a relay that goes down for good as the 12th store opens. */
const TARGET = `import { createServer, connect } from 'node:net'
import knexModule from '${knexModule}'
import { createKnexRepos, dropTables, migrate } from '${adapterKnex}'

const upstream = new URL(process.env.REGSTACK_ENGINE_URL)
const sockets = new Set()
const relay = createServer((client) => {
  const server = connect(Number(upstream.port || 5432), upstream.hostname)
  for (const s of [client, server]) {
    sockets.add(s)
    s.on('error', () => {})
    s.on('close', () => sockets.delete(s))
  }
  client.pipe(server).pipe(client)
})
await new Promise((resolve) => relay.listen(0, '127.0.0.1', resolve))
const url = new URL(upstream)
url.port = String(relay.address().port)
const knex = (knexModule.knex ?? knexModule)({
  client: 'pg',
  connection: url.href,
  pool: { min: 0, max: 10 },
  acquireConnectionTimeout: 5000,
})

let opened = 0
function engineDies() {
  console.error('fixture: the database goes away now')
  relay.close()
  for (const s of sockets) s.destroy()
}

export async function makeRepos({ clock, namespace }) {
  opened += 1
  const tablePrefix = namespace + '_'
  await migrate(knex, { tablePrefix })
  // Down while the check that opened this store is making its calls.
  if (opened === 12) setImmediate(engineDies)
  return {
    repos: createKnexRepos(knex, { clock, tablePrefix }),
    close: () => dropTables(knex, { tablePrefix }),
  }
}

export async function teardown() {
  relay.close()
  await knex.destroy()
}
`

let dir = ''
let release: (() => Promise<void>) | undefined

beforeAll(async () => {
  release = await lockAndBuildKit(root, ['@regstack/conformance...', '@regstack/adapter-knex'])
  dir = await mkdtemp(join(tmpdir(), 'regstack-engine-dies-'))
  await writeFile(join(dir, 'dying-postgres.mjs'), TARGET)
}, 15 * MINUTE)

afterAll(async () => {
  if (dir !== '') await rm(dir, { recursive: true, force: true })
  await release?.()
})

describe('certify when the database dies mid-run', () => {
  it(
    'stops with one infrastructure error: exit 2, an "error" badge, all four reports, no adapter failures',
    async () => {
      const run = await runCommand(
        process.execPath,
        [
          cli,
          'certify',
          './dying-postgres.mjs',
          '--engine-url',
          pgUrl,
          '--areas',
          'users',
          '--runs',
          '5',
          '--out',
          'out',
        ],
        { cwd: dir, timeoutMs: 4 * MINUTE },
      )
      expect(run.code, tail(run, 60)).toBe(2)
      expect(run.stderr).toContain('fixture: the database goes away now')
      for (const file of ['report.json', 'junit.xml', 'summary.md', 'badge.json']) {
        expect(existsSync(join(dir, 'out', file)), file).toBe(true)
      }
      const report = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')) as {
        certified: boolean
        error?: { message: string }
        summary: { passed: number; failed: number; errors: number }
        checks: { id: string; status: string; failure?: { message: string } }[]
      }
      expect(validateReport(report)).toEqual([])
      expect(report.certified).toBe(false)
      // Checks ran and passed before the engine went away; none is blamed on the adapter after it.
      expect(report.summary.passed).toBeGreaterThan(0)
      expect(
        report.summary.failed,
        JSON.stringify(
          report.checks.filter((c) => c.status === 'failed'),
          null,
          1,
        ),
      ).toBe(0)
      expect(report.summary.errors).toBeGreaterThanOrEqual(1)
      expect(report.error?.message).toMatch(
        /^the run stopped: 3 checks in a row ended in infrastructure errors/,
      )
      for (const check of report.checks.filter((c) => c.status === 'error')) {
        expect(check.failure?.message).toMatch(/^infrastructure error: /)
      }
      expect(JSON.parse(readFileSync(join(dir, 'out', 'badge.json'), 'utf8'))).toMatchObject({
        message: 'error',
      })
      expect(readFileSync(join(dir, 'out', 'junit.xml'), 'utf8')).toContain('<error type="infrastructure"')
      expect(readFileSync(join(dir, 'out', 'summary.md'), 'utf8')).toContain('Error, no verdict')
    },
    5 * MINUTE,
  )
})
