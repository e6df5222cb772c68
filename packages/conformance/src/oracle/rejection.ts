/**
 * A typed error the contract requires, as the oracle predicts it: the `code` and the documented
 * fields. The oracle throws it where an adapter must reject; the suite compares only `code` and these
 * fields, never class or message (CONTRACT §0.1).
 */
export class Rejection {
  readonly code: string
  readonly fields: Readonly<Record<string, string>>

  constructor(code: string, fields: Readonly<Record<string, string>>) {
    this.code = code
    this.fields = fields
  }
}
