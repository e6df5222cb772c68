/**
 * The Redis example in examples/third-party-adapter, driven exactly as its README tells a stranger:
 * install the kit from packed tarballs, build, `npm test`, then `regstack-conformance certify`.
 * Redis is required: when it is unreachable these tests fail (a missing engine is never a skip).
 */
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { stripVTControlCharacters } from 'node:util'
import { validateReport } from '@regstack/conformance'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { acquireLock } from '../src/example/exclusive-lock.js'
import { pingRedis } from '../src/example/redis-probe.js'
import { runCommand, tail } from '../src/example/run-command.js'
import { strangerEnv } from '../src/example/stranger-env.js'

const MINUTE = 60_000
const root = fileURLToPath(new URL('../../../', import.meta.url))
const example = join(root, 'examples/third-party-adapter')
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const env = strangerEnv({ REDIS_URL: redisUrl })

let out = ''
let release: (() => Promise<void>) | undefined

beforeAll(async () => {
  await pingRedis(redisUrl).catch((error: unknown) => {
    throw new Error(
      `${(error as Error).message}. The third-party example adapter needs Redis 7: start it (.ci/run does) ` +
        'or point REDIS_URL at one.',
    )
  })
  // install-kit.sh rebuilds the kit's dist/, which the CLI tests run from; never overlap them.
  release = await acquireLock('kit-dist', 12 * MINUTE)
  out = await mkdtemp(join(tmpdir(), 'regstack-example-reports-'))
}, 13 * MINUTE)

afterAll(async () => {
  if (out !== '') await rm(out, { recursive: true, force: true })
  await release?.()
})

describe('examples/third-party-adapter (Redis), installed from packed tarballs', () => {
  it(
    'installs the kit from tarballs, with @regstack/protocols resolved locally',
    async () => {
      const run = await runCommand('bash', ['scripts/install-kit.sh'], {
        cwd: example,
        env,
        timeoutMs: 8 * MINUTE,
      })
      expect(run.code, `install-kit.sh failed:\n${tail(run)}`).toBe(0)
      expect(run.stdout).toMatch(/^@regstack\/protocols \S+ <- file:vendor\/regstack-protocols\.tgz$/m)
      expect(run.stdout).toMatch(/^@regstack\/conformance \S+ <- file:vendor\/regstack-conformance\.tgz$/m)
    },
    9 * MINUTE,
  )

  it(
    'builds against the packed type declarations',
    async () => {
      const run = await runCommand('npm', ['run', 'build'], { cwd: example, env, timeoutMs: 3 * MINUTE })
      expect(run.code, `npm run build failed:\n${tail(run)}`).toBe(0)
      expect(existsSync(join(example, 'dist/conformance-target.js'))).toBe(true)
    },
    4 * MINUTE,
  )

  it(
    'passes the whole suite in its own npm test',
    async () => {
      const run = await runCommand('npm', ['test'], { cwd: example, env, timeoutMs: 10 * MINUTE })
      expect(run.code, `npm test failed:\n${tail(run, 80)}`).toBe(0)
      // vitest colours its summary when FORCE_COLOR is inherited; match the plain text.
      const summary = stripVTControlCharacters(run.stdout)
      expect(summary).toMatch(/Tests\s+\d+ passed/)
      expect(summary).not.toMatch(/Tests\s+.*\d+ failed/)
    },
    11 * MINUTE,
  )

  it(
    'is certified by regstack-conformance certify, with a valid report',
    async () => {
      const run = await runCommand(
        'npx',
        [
          'regstack-conformance',
          'certify',
          './dist/conformance-target.js',
          '--engine',
          'redis 7',
          '--out',
          out,
        ],
        { cwd: example, env, timeoutMs: 10 * MINUTE },
      )
      expect(run.code, `certify failed:\n${tail(run, 80)}`).toBe(0)
      for (const file of ['report.json', 'junit.xml', 'summary.md', 'badge.json']) {
        expect(existsSync(join(out, file)), `${file} was not written`).toBe(true)
      }
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
        partial: boolean
        certified: boolean
        summary: { mustFailed: number }
        adapter: { engine: string }
      }
      expect(validateReport(report)).toEqual([])
      expect(report.summary.mustFailed).toBe(0)
      // A replay run (REGSTACK_CHECK/AREAS set by whoever runs the tests) is partial, never certified.
      expect(report.certified).toBe(!report.partial)
      expect(report.adapter.engine).toBe('redis 7')
    },
    11 * MINUTE,
  )
})
