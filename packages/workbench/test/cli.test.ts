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
import { acquireLock } from '../src/example/exclusive-lock.js'
import { type CommandResult, runCommand, tail } from '../src/example/run-command.js'

const MINUTE = 60_000
const root = fileURLToPath(new URL('../../../', import.meta.url))
const cli = join(root, 'packages/conformance/dist/cli/main.js')
const memoryAdapter = pathToFileURL(join(root, 'packages/adapter-memory/dist/index.js')).href
const REPORT_FILES = ['report.json', 'junit.xml', 'summary.md', 'badge.json'] as const

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
}

let dir = ''
let release: (() => Promise<void>) | undefined

function certify(args: readonly string[]): Promise<CommandResult> {
  return runCommand(process.execPath, [cli, ...args], { cwd: dir, timeoutMs: 3 * MINUTE })
}

beforeAll(async () => {
  // Another test file rebuilds the kit's dist/ too; never build or run it while that one does.
  release = await acquireLock('kit-dist', 12 * MINUTE)
  const build = await runCommand(
    'pnpm',
    [
      '--filter',
      '@regstack/protocols',
      '--filter',
      '@regstack/conformance',
      '--filter',
      '@regstack/adapter-memory',
      'build',
    ],
    { cwd: root, timeoutMs: 5 * MINUTE },
  )
  expect(build.code, `building the CLI and the memory adapter failed:\n${tail(build)}`).toBe(0)
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
    expect(run.stdout).toMatch(/CERTIFIED: (\d+)\/\1 checks passed/)
    for (const file of REPORT_FILES) expect(existsSync(join(dir, 'out-correct', file)), file).toBe(true)
    const report = JSON.parse(readFileSync(join(dir, 'out-correct', 'report.json'), 'utf8')) as {
      certified: boolean
      adapter: { engine: string }
    }
    expect(validateReport(report)).toEqual([])
    expect(report.certified).toBe(true)
    expect(report.adapter.engine).toBe('in-process')
    expect(readFileSync(join(dir, 'out-correct', 'junit.xml'), 'utf8')).toContain('<testsuite')
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

  it('exits 2 naming the exports when the module has no makeRepos', async () => {
    const run = await certify(['certify', './wrong-export.mjs', '--out', 'out-wrong-export'])
    expect(run.code, tail(run)).toBe(2)
    expect(run.stderr).toContain('"makeRepos"')
    expect(run.stderr).toMatch(/exports: .*VERSION/)
    expect(run.stderr).toMatch(/exports: .*openStore/)
    expect(existsSync(join(dir, 'out-wrong-export'))).toBe(false)
  })

  it('exits 2 with the error when makeRepos throws', async () => {
    const run = await certify(['certify', './throws.mjs', '--out', 'out-throws'])
    expect(run.code, tail(run)).toBe(2)
    expect(run.stderr).toContain('cannot open the scratch store: connection refused (fixture)')
  })

  it('exits 2 on a module that does not exist', async () => {
    const run = await certify(['certify', './no-such-adapter.mjs'])
    expect(run.code, tail(run)).toBe(2)
    expect(run.stderr).toContain('no-such-adapter.mjs')
  })

  it('exits 2 on an unknown flag, naming it', async () => {
    const run = await certify(['certify', './correct.mjs', '--frobnicate'])
    expect(run.code, tail(run)).toBe(2)
    expect(run.stderr).toContain('--frobnicate')
  })

  it('exits 2 on an unknown area', async () => {
    const run = await certify(['certify', './correct.mjs', '--areas', 'users,nonsense'])
    expect(run.code, tail(run)).toBe(2)
    expect(run.stderr).toContain('nonsense')
  })

  it('prints the usage with --help and exits 0', async () => {
    const run = await certify(['--help'])
    expect(run.code, tail(run)).toBe(0)
    expect(run.stdout).toContain('Usage: regstack-conformance certify')
    expect(run.stdout).toContain('Exit codes:')
  })
})
