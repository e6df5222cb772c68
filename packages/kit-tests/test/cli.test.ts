/**
 * End-to-end tests of the `regstack-conformance` CLI as built (dist/cli/main.js), run as a child
 * process against small adapter modules written to a temp directory.
 */
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { validateReport } from '@regstack/conformance'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHangsModule, lockAndBuildKit } from '../src/example/build-kit.js'
import { type CommandResult, runCommand, tail } from '../src/example/run-command.js'

const MINUTE = 60_000
const root = fileURLToPath(new URL('../../../', import.meta.url))
const cli = join(root, 'packages/conformance/dist/cli/main.js')
const memoryAdapter = pathToFileURL(join(root, 'packages/adapter-memory/dist/index.js')).href
const REPORT_FILES = ['report.json', 'junit.xml', 'summary.md', 'badge.json'] as const

/** Every call takes a turn of the event loop, as a call to a real engine does (module text). */
const EVERY_CALL_TAKES_A_TURN = `  const later = (repo) => new Proxy(repo, {
    get: (t, p) => typeof t[p] !== 'function' ? t[p] : async (...args) => {
      await new Promise((resolve) => setImmediate(resolve))
      return t[p](...args)
    },
  })
  return { repos: Object.fromEntries(Object.entries(repos).map(([k, v]) => [k, later(v)])) }`

/** Adapter modules, as an adapter author would write them (plain ESM, no build step). */
const MODULES: Record<string, string> = {
  'correct.mjs': `import { createMemoryRepos } from '${memoryAdapter}'
export function makeRepos({ clock }) {
  return { repos: createMemoryRepos({ clock }) }
}
`,
  // A classic bug: the lookup folds case, so 'Bob@x.io' and 'bob@x.io' are no longer different users.
  'case-folded.mjs': `import { createMemoryRepos } from '${memoryAdapter}'
export function makeRepos({ clock }) {
  const repos = createMemoryRepos({ clock })
  const getByEmail = (email) => repos.users.getByEmail(typeof email === 'string' ? email.toLowerCase() : email)
  return { repos: { ...repos, users: { ...repos.users, getByEmail } } }
}
`,
  'wrong-export.mjs': `export const VERSION = '1.0.0'
export function openStore() {
  return {}
}
`,
  'throws.mjs': `export function makeRepos() {
  throw new Error('cannot open the scratch store: connection refused (fixture)')
}
`,
  // The two-line reproduction of a CI gate going green on a hanging adapter: close() never settles.
  'close-hangs.mjs': `import { createMemoryRepos } from '${memoryAdapter}'
export function makeRepos({ clock }) {
  return { repos: createMemoryRepos({ clock }), close: () => new Promise(() => {}) }
}
`,
  // A pool that leaks a client: users.create never settles, and close() then waits for that client forever.
  'create-hangs.mjs': createHangsModule(memoryAdapter),
  // A driver that throws from a timer (an 'error' event nobody listens to) in the middle of the run.
  'crashes.mjs': `import { createMemoryRepos } from '${memoryAdapter}'
let opened = 0
export function makeRepos({ clock }) {
  opened += 1
  if (opened === 12) setTimeout(() => { throw new Error('socket hang up (fixture driver)') }, 1)
  const repos = createMemoryRepos({ clock })
${EVERY_CALL_TAKES_A_TURN}
}
`,
  // A driver that gives up and calls process.exit(0) in the middle of the run.
  'exits.mjs': `import { createMemoryRepos } from '${memoryAdapter}'
let opened = 0
export function makeRepos({ clock }) {
  opened += 1
  if (opened === 12) setImmediate(() => process.exit(0))
  const repos = createMemoryRepos({ clock })
${EVERY_CALL_TAKES_A_TURN}
}
`,
  // Several targets in one run: one certifies, one fails its users checks, one cannot open, one is off.
  'targets.mjs': `import { createMemoryRepos } from '${memoryAdapter}'
import { makeRepos as caseFolded } from './case-folded.mjs'
const memory = ({ clock }) => ({ repos: createMemoryRepos({ clock }) })
export function targets(env) {
  return [
    { id: 'good', open: async () => ({ name: 'memory', engine: 'in-process', makeRepos: memory }) },
    { id: 'folded', open: async () => ({ name: 'case-folded', engine: 'in-process', makeRepos: caseFolded }) },
    { id: 'unreachable', open: async () => { throw new Error('connection refused (fixture)') } },
    { id: 'off', notRunBecause: env.FIXTURE_OFF_REASON },
  ]
}
export async function extraRows(write) {
  write('extra rows ran\\n')
  return [{ adapter: 'parity', engine: '-', result: 'PARITY', checks: '1/1', time: '0s', failed: false }]
}
`,
  'typescript-target.ts': `import type { MakeRepos } from '@regstack/conformance'
export const makeRepos: MakeRepos = () => { throw new Error('never reached') }
`,
  'package.json': `{ "name": "cli-fixture-adapters", "private": true }
`,
}

/** What the tests read from report.json. */
interface Report {
  certified: boolean
  tier?: string
  partial: boolean
  adapter: { name: string; engine: string }
  summary: { total: number; failed: number; errors: number; mustFailed: number }
  error?: { message: string }
  checks: { id: string; status: string; failure?: { message: string; replay: string } }[]
}

function readReport(out: string): Report {
  const report = JSON.parse(readFileSync(join(dir, out, 'report.json'), 'utf8')) as Report
  expect(validateReport(report)).toEqual([])
  return report
}

function expectAllFiles(out: string): void {
  for (const file of REPORT_FILES) expect(existsSync(join(dir, out, file)), `${out}/${file}`).toBe(true)
}

let dir = ''
let release: (() => Promise<void>) | undefined

function certify(args: readonly string[]): Promise<CommandResult> {
  return runCommand(process.execPath, [cli, ...args], { cwd: dir, timeoutMs: 3 * MINUTE })
}

beforeAll(async () => {
  // Another test file rebuilds the kit's dist/ too; never build or run it while that one does.
  release = await lockAndBuildKit(root)
  dir = await mkdtemp(join(tmpdir(), 'regstack-cli-'))
  for (const [name, source] of Object.entries(MODULES)) await writeFile(join(dir, name), source)
}, 20 * MINUTE)

afterAll(async () => {
  if (dir !== '') await rm(dir, { recursive: true, force: true })
  await release?.()
})

describe('regstack-conformance certify', () => {
  it('certifies a correct adapter: exit 0, the four report files, a report.json that validates', async () => {
    const run = await certify(['certify', './correct.mjs', '--engine', 'in-process', '--out', 'out-correct'])
    expect(run.code, tail(run)).toBe(0)
    // No fault hooks: certified at the base tier, and every output says so.
    expect(run.stdout).toMatch(/CERTIFIED · faults not exercised: (\d+)\/\1 checks passed/)
    expectAllFiles('out-correct')
    const report = readReport('out-correct')
    expect(report.certified).toBe(true)
    expect(report.tier).toBe('base')
    expect(report.adapter.engine).toBe('in-process')
    // --name defaults to the name in the module's package.json.
    expect(report.adapter.name).toBe('cli-fixture-adapters')
    expect(readFileSync(join(dir, 'out-correct', 'junit.xml'), 'utf8')).toContain('<testsuite')
    const badge = JSON.parse(readFileSync(join(dir, 'out-correct', 'badge.json'), 'utf8')) as {
      message: string
    }
    expect(badge.message).toMatch(/^certified \d+\/\d+ · faults not exercised$/)
    const summary = readFileSync(join(dir, 'out-correct', 'summary.md'), 'utf8')
    expect(summary).toContain('Certified · faults not exercised')
    expect(summary).toContain('`automaticExpiry`')
    expect(summary).toContain('`faults.dropConnections`')
  })

  it('fails a case-folding adapter with exit 1, a readable counterexample and a replay line that reproduces it', async () => {
    const run = await certify([
      'certify',
      './case-folded.mjs',
      '--areas',
      'users',
      '--bail',
      '--out',
      'out-broken',
    ])
    expect(run.code, tail(run)).toBe(1)
    expect(run.stdout).toMatch(/^\[MUST\] users\.\S+ — CONTRACT /m)
    expect(run.stdout).toMatch(/^Broken: {2}users\.getByEmail\(/m)
    expect(run.stdout).toContain('Minimal counterexample:')
    expect(run.stdout).toContain('NOT CERTIFIED')
    const replay =
      /^Replay: {2}npx regstack-conformance (certify \.\/case-folded\.mjs --check (\S+) .*)$/m.exec(
        run.stdout,
      )
    expect(replay, 'a replay line naming the module and the check').not.toBeNull()
    const [, command = '', checkId = ''] = replay ?? []
    // The printed line only quotes arguments that need it; these ids and paths never do.
    expect(command).not.toMatch(/['"]/)
    const again = await certify([...command.split(' '), '--out', 'out-replay'])
    expect(again.code, tail(again)).toBe(1)
    expect(again.stdout).toContain(`[MUST] ${checkId} — CONTRACT`)
    for (const file of REPORT_FILES) expect(existsSync(join(dir, 'out-broken', file)), file).toBe(true)
  })

  it('exits 2 naming the exports when the module has no makeRepos, and still writes the reports', async () => {
    const run = await certify(['certify', './wrong-export.mjs', '--out', 'out-wrong-export'])
    expect(run.code, tail(run)).toBe(2)
    expect(run.stderr).toContain('"makeRepos"')
    expect(run.stderr).toMatch(/exports: .*VERSION/)
    expect(run.stderr).toMatch(/exports: .*openStore/)
    expectAllFiles('out-wrong-export')
    expect(readReport('out-wrong-export').error?.message).toContain('"makeRepos"')
  })

  it('exits 2 with the error when makeRepos throws: an infrastructure error, not an adapter failure', async () => {
    const run = await certify(['certify', './throws.mjs', '--out', 'out-throws'])
    expect(run.code, tail(run)).toBe(2)
    expect(run.stderr).toContain('cannot open the scratch store: connection refused (fixture)')
    expectAllFiles('out-throws')
    const report = readReport('out-throws')
    expect(report.certified).toBe(false)
    expect(report.summary.failed).toBe(0)
    expect(report.error?.message).toContain('connection refused (fixture)')
    expect(readFileSync(join(dir, 'out-throws', 'badge.json'), 'utf8')).toContain('"message":"error"')
  })

  it('exits 2 with the four reports when close() never settles (it used to exit 0 with nothing written)', async () => {
    const run = await certify([
      'certify',
      './close-hangs.mjs',
      '--check',
      'users.create',
      '--call-timeout',
      '1',
      '--out',
      'out-close-hangs',
    ])
    expect(run.code, tail(run)).toBe(2)
    expectAllFiles('out-close-hangs')
    const report = readReport('out-close-hangs')
    expect(report.certified).toBe(false)
    expect(report.error?.message).toMatch(/close\(\) of store "rs_\w+" never settled within 1 s/)
    expect(report.error?.message).toMatch(/may still be in the engine under namespace rs_\w+/)
    expect(readFileSync(join(dir, 'out-close-hangs', 'junit.xml'), 'utf8')).toMatch(
      /<error type="infrastructure"/,
    )
    expect(readFileSync(join(dir, 'out-close-hangs', 'badge.json'), 'utf8')).toContain('"message":"error"')
  })

  it('names the call that never settles, prints heartbeats while it waits, and stops the run at the second hang', async () => {
    const run = await certify([
      'certify',
      './create-hangs.mjs',
      '--call-timeout',
      '1',
      '--heartbeat',
      '0.3',
      '--out',
      'out-create-hangs',
    ])
    expect(run.code, tail(run)).toBe(2)
    expect(run.stdout).toMatch(
      /^heartbeat: still running: \S+ for [\d.]+ s .*waiting on users\.create\(\{ email: /m,
    )
    expectAllFiles('out-create-hangs')
    const report = readReport('out-create-hangs')
    const stuck = report.checks.find((c) => c.status === 'failed')
    expect(stuck?.failure?.message).toMatch(
      /^users\.create\(\{ email: .*\) never settled: still pending after/,
    )
    // The store that leaked the call cannot be closed either: reported as infrastructure, with its namespace.
    expect(stuck?.failure?.message).toMatch(/close\(\) of store "rs_\w+" never settled .* namespace rs_\w+/)
    expect(report.error?.message).toMatch(/^the run stopped: 2 calls in a row never settled/)
    // Diagnosed at once, not after every remaining check has waited out its limit.
    expect(report.summary.total).toBeLessThan(5)
    expect(run.durationMs).toBeLessThan(30_000)
  })

  it('exits 2 with reports naming the unfinished check when the adapter crashes the process mid-run', async () => {
    const run = await certify(['certify', './crashes.mjs', '--out', 'out-crashes'])
    expect(run.code, tail(run)).toBe(2)
    expectAllFiles('out-crashes')
    const report = readReport('out-crashes')
    expect(report.error?.message).toMatch(
      /never finished: an uncaught exception ended the run: Error\("socket hang up \(fixture driver\)"\)/,
    )
    expect(report.checks.at(-1)?.status).toBe('error')
  })

  it('turns a process.exit(0) by the target before the verdict into exit 2 with the reports written', async () => {
    const run = await certify(['certify', './exits.mjs', '--out', 'out-exits'])
    expect(run.code, tail(run)).toBe(2)
    expectAllFiles('out-exits')
    expect(readReport('out-exits').error?.message).toContain('the process exited (process.exit(0)')
  })

  it('prints the report on stdout with --json and appends the summary on GitHub Actions', async () => {
    const stepSummary = join(dir, 'step-summary.md')
    await writeFile(stepSummary, '# earlier step\n')
    const run = await runCommand(
      process.execPath,
      [cli, 'certify', './correct.mjs', '--check', 'users.count', '--json', '--out', 'out-json'],
      { cwd: dir, timeoutMs: 3 * MINUTE, env: { ...process.env, GITHUB_STEP_SUMMARY: stepSummary } },
    )
    expect(run.code, tail(run)).toBe(0)
    const printed = JSON.parse(run.stdout) as Report
    expect(validateReport(printed)).toEqual([])
    expect(printed.checks.every((c) => c.id.startsWith('users.count'))).toBe(true)
    const appended = readFileSync(stepSummary, 'utf8')
    expect(appended).toMatch(/^# earlier step\n# regstack conformance: cli-fixture-adapters/)
  })

  it('explains how to run a TypeScript module', async () => {
    const run = await certify(['certify', './typescript-target.ts', '--out', 'out-ts'])
    expect(run.code, tail(run)).toBe(2)
    expect(run.stderr).toMatch(/build it first/)
    expect(run.stderr).toMatch(/--import tsx/)
  })

  it('exits 2 on a module that does not exist', async () => {
    const run = await certify(['certify', './no-such-adapter.mjs'])
    expect(run.code, tail(run)).toBe(2)
    expect(run.stderr).toContain('no-such-adapter.mjs')
  })

  it('exits 2 on an unknown flag, naming it and listing the valid ones', async () => {
    const run = await certify(['certify', './correct.mjs', '--frobnicate'])
    expect(run.code, tail(run)).toBe(2)
    expect(run.stderr).toContain('--frobnicate')
    expect(run.stderr).toMatch(/valid options: .*--call-timeout <value>/)
  })

  it('exits 2 on an unknown area, listing the areas', async () => {
    const run = await certify(['certify', './correct.mjs', '--areas', 'users,nonsense'])
    expect(run.code, tail(run)).toBe(2)
    expect(run.stderr).toContain('nonsense')
    expect(run.stderr).toMatch(/areas: users, pending, .*faults/)
  })

  it('prints the usage, with the whole shape of a target module, with --help and exits 0', async () => {
    const run = await certify(['--help'])
    expect(run.code, tail(run)).toBe(0)
    expect(run.stdout).toContain('Usage: regstack-conformance certify')
    expect(run.stdout).toContain('Exit codes:')
    for (const part of [
      'repos: Repos',
      'automaticExpiry?: boolean',
      'dropConnections(): Promise<void>',
      'close?()',
      'teardown?()',
    ]) {
      expect(run.stdout).toContain(part)
    }
  })
})

describe('regstack-conformance certify --targets', () => {
  it("certifies every target of the module in turn, writes each one's reports and prints one table", async () => {
    const run = await runCommand(
      process.execPath,
      [cli, 'certify', '--targets', './targets.mjs', '--areas', 'users', '--out', 'out-targets'],
      { cwd: dir, timeoutMs: 3 * MINUTE, env: { ...process.env, FIXTURE_OFF_REASON: 'switched off' } },
    )
    // One target failed and one could not open: the run fails, with 1 as the matrix has always done.
    expect(run.code, tail(run)).toBe(1)
    // Only the users area: a partial run, which passes without certifying.
    const good = readReport('out-targets/good')
    expect([good.partial, good.summary.failed, good.summary.errors]).toEqual([true, 0, 0])
    expect(good.adapter).toEqual({ name: 'memory', engine: 'in-process' })
    const folded = readReport('out-targets/folded')
    expect(folded.certified).toBe(false)
    expect(folded.summary.mustFailed).toBeGreaterThan(0)
    // The replay line names the module and the one target it failed on.
    const failed = folded.checks.find((c) => c.status === 'failed')
    expect(failed?.failure?.replay).toMatch(
      /^npx regstack-conformance certify --targets \.\/targets\.mjs --target folded --check /,
    )
    // A target that cannot open still gets its four reports, saying why: no verdict.
    expectAllFiles('out-targets/unreachable')
    expect(readReport('out-targets/unreachable').error?.message).toContain('connection refused (fixture)')
    expect(existsSync(join(dir, 'out-targets', 'off'))).toBe(false)
    expect(run.stdout).toContain('extra rows ran')
    expect(run.stdout).toMatch(/\| memory +\| in-process +\| PASSED \(partial run: not certified\)/)
    expect(run.stdout).toMatch(/\| case-folded +\| in-process +\| FAILED \(\d+ MUST\)/)
    expect(run.stdout).toMatch(/\| - +\| unreachable +\| ERROR: connection refused \(fixture\)/)
    expect(run.stdout).toMatch(/\| - +\| off +\| not run: switched off/)
    expect(run.stdout).toMatch(/\| parity +\| - +\| PARITY/)
  })

  it('certifies only the targets --target names', async () => {
    const run = await certify([
      'certify',
      '--targets',
      './targets.mjs',
      '--target',
      'good',
      '--areas',
      'users',
      '--out',
      'out-one',
    ])
    expect(run.code, tail(run)).toBe(0)
    expect(existsSync(join(dir, 'out-one', 'good', 'report.json'))).toBe(true)
    expect(existsSync(join(dir, 'out-one', 'folded'))).toBe(false)
    expect(run.stdout).toMatch(/\| - +\| folded +\| not run: not selected by --target/)
  })

  it('exits 2 when the module exports no targets function', async () => {
    const run = await certify(['certify', '--targets', './correct.mjs', '--out', 'out-no-targets'])
    expect(run.code, tail(run)).toBe(2)
    expect(run.stderr).toContain('does not export a function named "targets"')
  })

  it('exits 2 when --targets comes with a module or --json', async () => {
    for (const args of [
      ['certify', './correct.mjs', '--targets', './targets.mjs'],
      ['certify', '--targets', './targets.mjs', '--json'],
    ]) {
      const run = await certify(args)
      expect(run.code, tail(run)).toBe(2)
    }
  })
})
