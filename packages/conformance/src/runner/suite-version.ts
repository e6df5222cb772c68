import { readFileSync } from 'node:fs'

/** This package's version, read once from its package.json (same depth from src/ and dist/). */
export const SUITE_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version
