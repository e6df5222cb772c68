import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { ErrorObject, ValidateFunction } from 'ajv'

/** The published JSON Schema of `report.json`, as shipped in this package (`schema/report.schema.json`). */
export const REPORT_SCHEMA: Readonly<Record<string, unknown>> = JSON.parse(
  readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>

let compiled: ValidateFunction | undefined

/**
 * Validates a parsed report against the published schema; resolves to the list of problems (empty
 * when valid), each as `path: message`.
 */
export function validateReport(report: unknown): string[] {
  compiled ??= compile()
  if (compiled(report)) return []
  return (compiled.errors ?? []).map(
    (e: ErrorObject) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`,
  )
}

function compile(): ValidateFunction {
  // ajv ships CommonJS; its 2020-12 build is a separate entry point.
  const require = createRequire(import.meta.url)
  const Ajv2020 = require('ajv/dist/2020.js') as new (
    opts: object,
  ) => {
    compile(schema: object): ValidateFunction
    addFormat(name: string, format: RegExp): unknown
  }
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false })
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/)
  return ajv.compile(REPORT_SCHEMA)
}
