/**
 * The kit as a stranger installs it: packed tarballs of protocols, conformance and adapter-memory in a
 * scratch folder outside the workspace. Proves that the root entry loads with require() (CommonJS,
 * Jest), that runConformance works under the oldest vitest the peer range admits (3.2; the workspace
 * itself runs vitest 4), and that a hanging adapter makes certify exit 2 with the stuck calls named,
 * within about a minute at the default limits.
 */
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { stripVTControlCharacters } from 'node:util'
import { validateReport } from '@regstack/conformance'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHangsModule, lockAndBuildKit } from '../src/example/build-kit.js'
import { installPackedKit } from '../src/example/pack-kit.js'
import { runCommand, tail } from '../src/example/run-command.js'
import { strangerEnv } from '../src/example/stranger-env.js'

const MINUTE = 60_000
const root = fileURLToPath(new URL('../../../', import.meta.url))
/** The oldest vitest in @regstack/conformance's peer range, pinned. */
const OLDEST_VITEST = '3.2.7'

let dir = ''
let release: (() => Promise<void>) | undefined

const FILES: Record<string, string> = {
  'require-root.cjs': `const { checkConformance, ALL_CHECKS, validateReport } = require('@regstack/conformance')
const { createMemoryRepos } = require('@regstack/adapter-memory')
checkConformance(({ clock }) => ({ repos: createMemoryRepos({ clock }) }), { checks: ['users.count'] }).then((report) => {
  const problems = validateReport(report)
  console.log(JSON.stringify({ checks: ALL_CHECKS.length, ran: report.summary.total, failed: report.summary.failed, problems }))
})
`,
  'test/conformance.test.js': `import { createMemoryRepos } from '@regstack/adapter-memory'
import { runConformance } from '@regstack/conformance/vitest'

runConformance(({ clock }) => ({ repos: createMemoryRepos({ clock }) }), { name: 'memory', engine: 'in-process' })
`,
  // The same hang under vitest (kept out of test/, which the whole-suite run takes).
  'hang-suite/hang.test.js': `import { runConformance } from '@regstack/conformance/vitest'
import { makeRepos } from '../hanging-target.js'

runConformance(makeRepos, { name: 'hanging', areas: ['users'], callTimeoutMs: 1000 })
`,
  // Every users.create leaks its pooled client: the call never settles, and close() waits for it forever.
  'hanging-target.js': createHangsModule('@regstack/adapter-memory'),
}

beforeAll(async () => {
  release = await lockAndBuildKit(root)
  dir = await mkdtemp(join(tmpdir(), 'regstack-packed-kit-'))
  await installPackedKit({
    dir,
    root,
    packages: ['protocols', 'conformance', 'adapter-memory'],
    devDependencies: { vitest: OLDEST_VITEST },
    timeoutMs: 6 * MINUTE,
  })
  for (const [name, source] of Object.entries(FILES)) {
    await mkdir(dirname(join(dir, name)), { recursive: true })
    await writeFile(join(dir, name), source)
  }
}, 15 * MINUTE)

afterAll(async () => {
  if (dir !== '') await rm(dir, { recursive: true, force: true })
  await release?.()
})

describe('the kit installed from packed tarballs', () => {
  it('loads with require(): the root entry has no top-level await', async () => {
    const run = await runCommand(process.execPath, ['require-root.cjs'], {
      cwd: dir,
      env: strangerEnv(),
      timeoutMs: MINUTE,
    })
    expect(run.code, tail(run)).toBe(0)
    const printed = JSON.parse(run.stdout) as {
      checks: number
      ran: number
      failed: number
      problems: string[]
    }
    expect(printed.checks).toBeGreaterThan(100)
    expect(printed.ran).toBeGreaterThan(0)
    expect(printed.failed).toBe(0)
    expect(printed.problems).toEqual([])
  })

  it(
    `runs the whole suite through @regstack/conformance/vitest under vitest ${OLDEST_VITEST}`,
    async () => {
      // Only this file: the hang suite beside it must fail.
      const run = await runCommand('npx', ['vitest', 'run', 'test/conformance.test.js'], {
        cwd: dir,
        env: strangerEnv(),
        timeoutMs: 5 * MINUTE,
      })
      const output = stripVTControlCharacters(run.stdout)
      expect(run.code, tail(run, 60)).toBe(0)
      expect(output).toContain(`v${OLDEST_VITEST}`)
      expect(output).toMatch(/Tests\s+\d{3} passed/)
      expect(output).not.toMatch(/Tests\s+.*\d+ failed/)
    },
    6 * MINUTE,
  )

  it(
    'fails, under vitest, a check whose call never settles naming the call, even when close() hangs too',
    async () => {
      const run = await runCommand('npx', ['vitest', 'run', 'hang-suite/hang.test.js'], {
        cwd: dir,
        env: strangerEnv(),
        timeoutMs: 4 * MINUTE,
      })
      const output = stripVTControlCharacters(`${run.stdout}\n${run.stderr}`)
      expect(run.code, tail(run, 60)).toBe(1)
      expect(output).toMatch(/Broken: {2}users\.create\(\{ email: .*\) never settled: still pending after/)
      expect(output).toMatch(
        /Also \(infrastructure error\): close\(\) of store "rs_\w+" never settled within 1 s/,
      )
      // The replay line runs only this file; the remaining checks fail at once with the reason.
      expect(output).toMatch(
        /Replay: {2}REGSTACK_CHECK='users\.\S+' .* npx vitest run hang-suite\/hang\.test\.js/,
      )
      expect(output).toContain('not run: the run stopped: 2 calls in a row never settled')
      expect(run.durationMs).toBeLessThan(MINUTE)
    },
    5 * MINUTE,
  )

  it(
    'diagnoses an adapter whose calls and close() never settle in about a minute: exit 2, the stuck calls named',
    async () => {
      const run = await runCommand(
        'npx',
        ['regstack-conformance', 'certify', './hanging-target.js', '--out', 'reports'],
        {
          cwd: dir,
          env: strangerEnv(),
          timeoutMs: 4 * MINUTE,
        },
      )
      expect(run.code, tail(run, 60)).toBe(2)
      // Default limits: 30 s for the hung users.create, 30 s for the close() that waits on it, then stop.
      expect(run.durationMs).toBeLessThan(2 * MINUTE)
      for (const file of ['report.json', 'junit.xml', 'summary.md', 'badge.json']) {
        expect(existsSync(join(dir, 'reports', file)), file).toBe(true)
      }
      const report = JSON.parse(readFileSync(join(dir, 'reports', 'report.json'), 'utf8')) as {
        certified: boolean
        error?: { message: string }
        checks: { status: string; failure?: { message: string } }[]
      }
      expect(validateReport(report)).toEqual([])
      expect(report.certified).toBe(false)
      expect(report.error?.message).toMatch(/^the run stopped: 2 calls in a row never settled/)
      const stuck = report.checks.find((c) => c.status === 'failed')?.failure?.message ?? ''
      expect(stuck).toMatch(
        /^users\.create\(\{ email: .*\) never settled: still pending after 3\d(\.\d)? s \(call limit 30 s\)/,
      )
      expect(stuck).toMatch(/close\(\) of store "rs_\w+" never settled within 30 s/)
      expect(readFileSync(join(dir, 'reports', 'badge.json'), 'utf8')).toContain('"message":"error"')
      expect(readFileSync(join(dir, 'reports', 'junit.xml'), 'utf8')).toContain(
        '<error type="infrastructure"',
      )
      // A CI log is never silent for long: a heartbeat names the call it waits on.
      expect(run.stdout).toMatch(/^heartbeat: still running: .* waiting on users\.create\(/m)
    },
    5 * MINUTE,
  )
})
