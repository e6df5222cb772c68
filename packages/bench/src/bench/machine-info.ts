/** The machine and software a run measured, for the report's header. */
import { readFileSync } from 'node:fs'
import { cpus, release, totalmem, type } from 'node:os'
import type { Machine } from './results.js'

/** The installed version of the bench dependency `pkg`, `?` if unreadable. */
export function versionOf(pkg: string): string {
  try {
    // dist/bench → this package's own node_modules, where pnpm links its dependencies.
    const url = new URL(`../../node_modules/${pkg}/package.json`, import.meta.url)
    return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version
  } catch {
    return '?'
  }
}

export function machineInfo(engines: Readonly<Record<string, string>>): Machine {
  const cpu = cpus()
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os: `${type()} ${release()}`,
    engines,
    drivers: Object.fromEntries(
      ['knex', 'pg', 'mysql2', 'better-sqlite3', 'mongodb', 'drizzle-orm', 'kysely'].map((p) => [
        p,
        versionOf(p),
      ]),
    ),
  }
}
