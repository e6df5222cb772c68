import { runConformance } from '@regstack/conformance/vitest'
import { afterAll } from 'vitest'
import { makeRepos, teardown } from '../src/conformance-target.js'

runConformance(makeRepos, { name: 'regstack-adapter-redis-example', engine: 'redis 7' })

afterAll(teardown)
