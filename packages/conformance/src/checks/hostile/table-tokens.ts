import { MfaKind } from '@regstack/protocols'
import { sha256Hex } from '../../arbitraries/sha256.js'
import {
  date,
  fresh,
  int,
  lookup,
  type MethodSpec,
  newInput,
  oneOf,
  optionalOptions,
  options,
  VOID,
  write,
} from './method-spec.js'

const KINDS: readonly string[] = Object.values(MfaKind)

/** `BlacklistRepo`, `LoginAttemptRepo` and `MfaCodeRepo`, parameter by parameter (CONTRACT §8.3, §0.6). */
export const TOKEN_METHODS: readonly MethodSpec[] = [
  {
    repo: 'blacklist',
    method: 'revoke',
    params: [write('jti', 'jti'), date('exp')],
    valid: ({ later }) => [fresh.jti, later],
    nothing: VOID,
  },
  {
    repo: 'blacklist',
    method: 'isRevoked',
    params: [lookup('jti', 'jti')],
    valid: ({ keys }) => [keys.jti],
    nothing: false,
  },
  {
    repo: 'blacklist',
    method: 'purgeExpired',
    params: [date('now', 'optional')],
    valid: ({ now }) => [now],
    nothing: VOID,
  },
  {
    repo: 'attempts',
    method: 'recordFailure',
    params: [
      write('email', 'email'),
      optionalOptions('opts', [date('when', 'optional'), write('ip', 'ip', 'optional')]),
    ],
    valid: ({ keys, now }) => [keys.attemptEmail, { when: now, ip: '10.0.0.1' }],
    nothing: VOID,
  },
  {
    repo: 'attempts',
    method: 'countRecent',
    params: [lookup('email', 'email'), options('opts', [int('windowMs', 0), date('now')])],
    valid: ({ keys, now }) => [keys.attemptEmail, { windowMs: 60_000, now }],
    nothing: 0,
  },
  {
    repo: 'attempts',
    method: 'clear',
    params: [lookup('email', 'email')],
    valid: ({ keys }) => [keys.attemptEmail],
    nothing: VOID,
  },
  {
    repo: 'attempts',
    method: 'purgeExpired',
    params: [date('now'), int('windowMs', 0)],
    valid: ({ now }) => [now, 60_000],
    nothing: VOID,
  },
  {
    repo: 'mfaCodes',
    method: 'put',
    params: [
      newInput('code', [
        write('userId', 'userId'),
        oneOf('kind', KINDS),
        write('codeHash', 'codeHash'),
        date('expiresAt'),
        int('attempts', 0),
        int('maxAttempts', 0),
        date('createdAt'),
      ]),
    ],
    // The seeded (userId, kind), so a write that slipped through would replace the seeded code.
    valid: ({ keys, now, later }) => [
      {
        userId: keys.userId,
        kind: 'login_mfa',
        codeHash: sha256Hex('999999'),
        expiresAt: later,
        attempts: 1,
        maxAttempts: 3,
        createdAt: now,
      },
    ],
    nothing: VOID,
  },
  {
    repo: 'mfaCodes',
    method: 'verify',
    params: [
      options('opts', [
        lookup('userId', 'userId'),
        oneOf('kind', KINDS),
        { name: 'rawCode', kind: { type: 'raw-code' }, presence: 'required' },
      ]),
    ],
    valid: ({ keys }) => [{ userId: keys.userId, kind: 'login_mfa', rawCode: '000000' }],
    nothing: { outcome: 'missing', attemptsRemaining: 0 },
  },
  {
    repo: 'mfaCodes',
    method: 'delete',
    params: [options('opts', [lookup('userId', 'userId'), oneOf('kind', KINDS, 'optional')])],
    valid: ({ keys }) => [{ userId: keys.userId, kind: 'login_mfa' }],
    nothing: VOID,
  },
  {
    repo: 'mfaCodes',
    method: 'find',
    params: [options('opts', [lookup('userId', 'userId'), oneOf('kind', KINDS)])],
    valid: ({ keys }) => [{ userId: keys.userId, kind: 'login_mfa' }],
    nothing: null,
  },
  {
    repo: 'mfaCodes',
    method: 'purgeExpired',
    params: [date('now', 'optional')],
    valid: ({ now }) => [now],
    nothing: VOID,
  },
]
