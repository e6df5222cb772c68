import { FIELD_LIMITS } from '@regstack/protocols'
import { sha256Hex } from '../../arbitraries/sha256.js'
import type { Check } from '../../check.js'
import { expectEqual, expectResolves } from '../../harness/assert.js'
import { describeValue } from '../../harness/describe-value.js'
import { ALL_METHODS } from './all-methods.js'
import { scalarSlots, valueAt, withValue } from './hostile-cases.js'
import {
  callEnv,
  callMethod,
  expectUnchanged,
  type KeyImage,
  seedStore,
  takeSnapshot,
} from './hostile-store.js'
import { methodName, VOID } from './method-spec.js'

/**
 * What a careless layer makes of a hostile lookup string, as a pair: the value stored in the seeded
 * row (the image) and the lookup that a UTF-8 encoder or a truncating driver would turn into it.
 */
interface EncoderImage {
  readonly name: string
  readonly image: KeyImage
  /** The lookup string whose encoding is `stored`, or `undefined` when `stored` is not an image. */
  probe(stored: string, limit: number): string | undefined
}

const IMAGES: readonly EncoderImage[] = [
  {
    name: 'a lone surrogate, against a stored U+FFFD (what UTF-8 encoders substitute)',
    // The last unit replaced, so keys already at their limit (token hashes) stay storable.
    image: (key) => `${key.slice(0, -1)}\ufffd`,
    probe: (stored) => (stored.endsWith('\ufffd') ? `${stored.slice(0, -1)}\ud800` : undefined),
  },
  {
    name: 'one unit over the limit, against the stored string it truncates to',
    image: (key, field) => key.padEnd(FIELD_LIMITS[field], 'x'),
    probe: (stored, limit) => (stored.length === limit ? `${stored}y` : undefined),
  },
]

const encoderImages: Check = {
  id: 'hostile.lookups.encoder-images-match-nothing',
  title:
    'A lookup string no row can hold matches nothing even where an encoder or driver would turn it into a stored value: a lone surrogate never finds a stored U+FFFD, an over-limit string never finds its truncation.',
  area: 'hostile',
  level: 'MUST',
  clause: '§0.6, §0.18',
  async run(ctx) {
    for (const kind of IMAGES) {
      const store = await ctx.open()
      const keys = await seedStore(store, kind.image)
      const before = await takeSnapshot(store.repos, keys)
      for (const spec of ALL_METHODS) {
        const args = spec.valid(callEnv(store, keys, 0))
        for (const slot of scalarSlots(spec)) {
          if (slot.param.kind.type !== 'lookup') continue
          const stored = valueAt(args, slot)
          const probe = typeof stored === 'string' ? kind.probe(stored, slot.param.kind.limit) : undefined
          if (probe === undefined) continue
          const call = `${methodName(spec)} with ${slot.param.name} = ${kind.name}`
          const result = await expectResolves(
            () => callMethod(store.repos, spec, withValue(args, slot, probe)),
            call,
          )
          // A void method's value is not compared: a process bridge answers `null` for it.
          if (spec.nothing !== VOID) {
            expectEqual(result, spec.nothing, `${call} must match nothing (${describeValue(spec.nothing)})`)
          }
          expectUnchanged(before, await takeSnapshot(store.repos, keys), `${call} resolved`)
        }
      }
    }
  },
}

/** Raw codes whose UTF-8 encoding (lone surrogate → U+FFFD) or C-string cut (at U+0000) is the stored code. */
const IMAGE_CODES: readonly (readonly [stored: string, guess: string])[] = [
  ['12\ufffd34', '12\ud80034'],
  ['12\ufffd34', '12\udc0034'],
  ['1234', '1234\u000056'],
]

const rawCodeImages: Check = {
  id: 'hostile.mfaCodes.verify.encoder-image-raw-code-is-wrong',
  title:
    'verify hashes the raw code’s UTF-16 units as given: a raw code with a lone surrogate or U+0000 is a wrong guess even when its UTF-8 encoding or C-string cut is the stored code.',
  area: 'hostile',
  level: 'MUST',
  clause: '§0.18',
  async run(ctx) {
    const store = await ctx.open()
    const { repos, clock } = store
    for (const [i, [stored, guess]] of IMAGE_CODES.entries()) {
      const userId = `image-code-user-${i}`
      await repos.mfaCodes.put({
        userId,
        kind: 'phone_setup',
        codeHash: sha256Hex(stored),
        expiresAt: new Date(clock.now().getTime() + 86_400_000),
        attempts: 0,
        maxAttempts: 3,
        createdAt: clock.now(),
      })
      const call = `mfaCodes.verify with rawCode ${describeValue(guess)} against the digest of ${describeValue(stored)}`
      const result = await expectResolves(
        () => repos.mfaCodes.verify({ userId, kind: 'phone_setup', rawCode: guess }),
        call,
      )
      expectEqual(result, { outcome: 'wrong', attemptsRemaining: 2 }, call)
    }
  },
}

/** Lookups against the images an encoder or driver would make of them (§0.18). */
export const encoderImageChecks: readonly Check[] = [encoderImages, rawCodeImages]
