/** Installs the kit as a stranger gets it — packed tarballs — into a scratch folder, for end-to-end tests. */
import { mkdir, readdir, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type CommandResult, runCommand, tail } from './run-command.js'
import { strangerEnv } from './stranger-env.js'

/** The published packages a scratch project can install, by folder under packages/. */
export type KitPackage = 'protocols' | 'conformance' | 'adapter-memory'

/** What to install besides the kit. */
export interface ScratchProject {
  /** Where the project is created (outside the workspace, so nothing resolves from it). */
  readonly dir: string
  /** The workspace root, whose packages/ are packed (built beforehand). */
  readonly root: string
  readonly packages: readonly KitPackage[]
  /** Registry packages with exact versions, e.g. `{ vitest: '3.2.7' }`. */
  readonly devDependencies?: Readonly<Record<string, string>>
  readonly timeoutMs: number
}

/**
 * `pnpm pack`s each package into `<dir>/vendor` (pnpm rewrites `workspace:^` into a real range) and
 * `npm install`s them from there. Every `@regstack/protocols` — including the ones the other packages
 * ask for — resolves to the one local tarball through `overrides`, as in examples/third-party-adapter.
 */
export async function installPackedKit(project: ScratchProject): Promise<void> {
  const vendor = join(project.dir, 'vendor')
  await mkdir(vendor, { recursive: true })
  const dependencies: Record<string, string> = {}
  for (const pkg of project.packages) {
    const packed = await runCommand('pnpm', ['pack', '--pack-destination', vendor], {
      cwd: join(project.root, 'packages', pkg),
      timeoutMs: project.timeoutMs,
    })
    expectSuccess(packed, `pnpm pack of ${pkg}`)
    const file = (await readdir(vendor)).find((f) => f.startsWith(`regstack-${pkg}-`) && f.endsWith('.tgz'))
    if (file === undefined) throw new Error(`pnpm pack of ${pkg} left no tarball in ${vendor}`)
    await rename(join(vendor, file), join(vendor, `regstack-${pkg}.tgz`))
    dependencies[`@regstack/${pkg}`] = `file:vendor/regstack-${pkg}.tgz`
  }
  const manifest = {
    name: 'regstack-scratch-project',
    private: true,
    type: 'module',
    dependencies,
    devDependencies: project.devDependencies ?? {},
    overrides: { '@regstack/protocols': '$@regstack/protocols' },
  }
  await writeFile(join(project.dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  const install = await runCommand('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: project.dir,
    env: strangerEnv(),
    timeoutMs: project.timeoutMs,
  })
  expectSuccess(install, 'npm install of the packed kit')
}

function expectSuccess(result: CommandResult, what: string): void {
  if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}):\n${tail(result)}`)
}
