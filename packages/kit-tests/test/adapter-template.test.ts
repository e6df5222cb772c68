import { execFileSync } from 'node:child_process'
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const template = join(root, 'examples/adapter-template')

/**
 * The template copied out of the repository, as a stranger's copy would be, with its dependencies
 * linked to this workspace's built packages (turbo builds them before tests) and toolchain.
 */
function copyOfTemplate(): string {
  const dir = mkdtempSync(join(tmpdir(), 'regstack-template-'))
  cpSync(template, dir, { recursive: true })
  const link = (name: string, target: string): void => {
    mkdirSync(join(dir, 'node_modules', name, '..'), { recursive: true })
    symlinkSync(realpathSync(target), join(dir, 'node_modules', name), 'dir')
  }
  link('@regstack/protocols', join(root, 'packages/protocols'))
  link('@regstack/conformance', join(root, 'packages/conformance'))
  link('@regstack/adapter-memory', join(root, 'packages/adapter-memory'))
  link('@types/node', join(root, 'node_modules/@types/node'))
  link('typescript', join(root, 'node_modules/typescript'))
  link('vitest', join(root, 'node_modules/vitest'))
  const exports = (
    JSON.parse(readFileSync(join(root, 'packages/conformance/package.json'), 'utf8')) as {
      exports: Record<string, unknown>
    }
  ).exports
  if (!('./vitest' in exports)) {
    // The `@regstack/conformance/vitest` entry point is being added on another branch; until it is
    // exported, prove everything else with the root entry point, which still has runConformance.
    console.info(
      'adapter template: @regstack/conformance/vitest is not exported yet; testing via the root entry',
    )
    const test = join(dir, 'test/conformance.test.ts')
    writeFileSync(
      test,
      readFileSync(test, 'utf8').replace("'@regstack/conformance/vitest'", "'@regstack/conformance'"),
    )
  }
  return dir
}

describe('examples/adapter-template', () => {
  const dir = copyOfTemplate()

  it('typechecks and builds as a package of its own', () => {
    const tsc = join(dir, 'node_modules/typescript/bin/tsc')
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: dir, stdio: 'pipe' })
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: dir, stdio: 'pipe' })
    expect(readFileSync(join(dir, 'dist/conformance-target.js'), 'utf8')).toContain('makeRepos')
  })

  it('runs its conformance test green from the start (users and isolation areas)', () => {
    const vitest = join(dir, 'node_modules/vitest/vitest.mjs')
    const out = execFileSync(process.execPath, [vitest, 'run', '--reporter=dot'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: 'pipe',
      env: { ...process.env, REGSTACK_AREAS: 'users,isolation', NO_COLOR: '1', FORCE_COLOR: '0' },
    })
    expect(out).toMatch(/Tests\s+\d+ passed/)
    expect(out).not.toMatch(/failed/)
  }, 120_000)

  it('carries the adapter keyword and a CI workflow that certifies', () => {
    const manifest = JSON.parse(readFileSync(join(template, 'package.json'), 'utf8')) as {
      keywords: string[]
    }
    expect(manifest.keywords).toContain('regstack-adapter')
    const workflow = readFileSync(join(template, '.github/workflows/conformance.yml'), 'utf8')
    expect(workflow).toContain('npm run certify')
    expect(workflow).toContain('GITHUB_STEP_SUMMARY')
  })
})
