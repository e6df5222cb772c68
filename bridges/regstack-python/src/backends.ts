import { fileURLToPath } from 'node:url'

/** This package's folder (same depth from src/ and dist/). */
export const BRIDGE_DIR: string = fileURLToPath(new URL('..', import.meta.url))

/** One regstack backend on one engine, as this package runs it. */
export interface RegstackBackend {
  /** The bridge's backend argument, and the name of its report. */
  readonly id: 'mongo' | 'sqlite' | 'postgresql'
  /** How the parity page names it. */
  readonly label: string
  /** Its expectations file, relative to this package. */
  readonly expectations: string
}

/** The backends the parity run covers, in the order the parity page lists them. */
export const REGSTACK_BACKENDS: readonly RegstackBackend[] = [
  {
    id: 'mongo',
    label: 'regstack Mongo backend on SecantusDB',
    expectations: 'expectations/mongo-secantusdb.json',
  },
  { id: 'sqlite', label: 'regstack SQL backend on SQLite', expectations: 'expectations/sql-sqlite.json' },
  {
    id: 'postgresql',
    label: 'regstack SQL backend on PostgreSQL',
    expectations: 'expectations/sql-postgresql.json',
  },
]

/** The venv's Python, created by setup-venv.sh. */
export const VENV_PYTHON: string = `${BRIDGE_DIR}.venv/bin/python`

/** The bridge command for `backend`; `extra` adds flags such as `--ignore-clock`. */
export function bridgeCommand(
  backend: RegstackBackend['id'],
  extra: readonly string[] = [],
): { command: string; args: string[]; cwd: string } {
  return { command: VENV_PYTHON, args: ['-m', 'regstack_bridge', backend, ...extra], cwd: BRIDGE_DIR }
}
