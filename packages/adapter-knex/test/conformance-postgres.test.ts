import { conformanceFile } from './support/conformance-file.js'

await conformanceFile('postgres')
