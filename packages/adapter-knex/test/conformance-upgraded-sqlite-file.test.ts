import { conformanceFile } from './support/conformance-file.js'

// The whole suite on stores created as the 2026-05 release left them, then upgraded by migrate().
await conformanceFile('sqlite-file', { upgradeFrom2026_05: true })
