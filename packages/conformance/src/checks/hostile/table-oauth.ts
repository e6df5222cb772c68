import { OAuthFlowMode } from '@regstack/protocols'
import {
  date,
  fresh,
  lookup,
  type MethodSpec,
  newInput,
  oneOf,
  optionalOptions,
  options,
  VOID,
  write,
} from './method-spec.js'

const MODES: readonly string[] = Object.values(OAuthFlowMode)

/** `OAuthIdentityRepo` and `OAuthStateRepo`, parameter by parameter (CONTRACT §8.3, §0.6). */
export const OAUTH_METHODS: readonly MethodSpec[] = [
  {
    repo: 'oauthIdentities',
    method: 'create',
    params: [
      newInput('identity', [
        write('userId', 'userId'),
        write('provider', 'provider'),
        write('subjectId', 'subjectId'),
        write('email', 'email', 'nullable-field'),
        date('linkedAt'),
        date('lastUsedAt', 'nullable-field'),
      ]),
    ],
    valid: ({ keys, n, now }) => [
      {
        userId: keys.userId,
        provider: fresh.provider(n),
        subjectId: 'subject',
        email: 'id@example.com',
        linkedAt: now,
        lastUsedAt: null,
      },
    ],
    nothing: VOID,
  },
  {
    repo: 'oauthIdentities',
    method: 'findBySubject',
    params: [options('opts', [lookup('provider', 'provider'), lookup('subjectId', 'subjectId')])],
    valid: ({ keys }) => [{ provider: keys.provider, subjectId: keys.subjectId }],
    nothing: null,
  },
  {
    repo: 'oauthIdentities',
    method: 'listForUser',
    params: [lookup('userId', 'userId')],
    valid: ({ keys }) => [keys.userId],
    nothing: [],
  },
  {
    repo: 'oauthIdentities',
    method: 'delete',
    params: [options('opts', [lookup('userId', 'userId'), lookup('provider', 'provider')])],
    valid: ({ keys }) => [{ userId: keys.userId, provider: keys.provider }],
    nothing: false,
  },
  {
    repo: 'oauthIdentities',
    method: 'deleteByUserId',
    params: [lookup('userId', 'userId')],
    valid: ({ keys }) => [keys.userId],
    nothing: 0,
  },
  {
    repo: 'oauthIdentities',
    method: 'touchLastUsed',
    params: [
      options('opts', [lookup('provider', 'provider'), lookup('subjectId', 'subjectId'), date('when')]),
    ],
    valid: ({ keys, later }) => [{ provider: keys.provider, subjectId: keys.subjectId, when: later }],
    nothing: VOID,
  },
  {
    repo: 'oauthStates',
    method: 'create',
    params: [
      newInput('state', [
        { name: 'id', kind: { type: 'write', limit: 64, nonEmpty: true }, presence: 'required' },
        write('provider', 'provider'),
        write('codeVerifier', 'codeVerifier'),
        write('nonce', 'nonce'),
        write('redirectTo', 'redirectTo'),
        oneOf('mode', MODES),
        write('linkingUserId', 'userId', 'nullable-field'),
        date('createdAt'),
        date('expiresAt'),
        write('resultToken', 'resultToken', 'nullable-field'),
      ]),
    ],
    valid: ({ n, now, later }) => [
      {
        id: fresh.stateId(n),
        provider: 'github',
        codeVerifier: 'verifier',
        nonce: 'nonce',
        redirectTo: '/home',
        mode: 'link',
        linkingUserId: 'user-1',
        createdAt: now,
        expiresAt: later,
        resultToken: 'jwt',
      },
    ],
    nothing: VOID,
  },
  {
    repo: 'oauthStates',
    method: 'find',
    params: [lookup('stateId', 'stateId')],
    valid: ({ keys }) => [keys.stateId],
    nothing: null,
  },
  {
    repo: 'oauthStates',
    method: 'setResultToken',
    params: [
      lookup('stateId', 'stateId'),
      write('token', 'resultToken'),
      optionalOptions('opts', [date('newExpiresAt', 'optional')]),
    ],
    valid: ({ keys, later }) => [keys.stateId, 'token-2', { newExpiresAt: new Date(later.getTime() + 1000) }],
    nothing: VOID,
  },
  {
    repo: 'oauthStates',
    method: 'consume',
    params: [lookup('stateId', 'stateId')],
    valid: ({ keys }) => [keys.stateId],
    nothing: null,
  },
  {
    repo: 'oauthStates',
    method: 'purgeExpired',
    params: [date('now', 'optional')],
    valid: ({ now }) => [now],
    nothing: VOID,
  },
]
