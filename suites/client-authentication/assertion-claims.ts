import {
  ASSERTION_ERROR,
  assertionClient,
  authorizationClient,
  defineAttempt,
  dropClaim,
  expire,
  fromRule,
  getKey,
  PrivateKeyJwt,
  refusal,
  setClaim,
  signWithKey,
  unsigned,
  withAssertions,
  type ClientSpec,
  type Module,
  type NotApplicable,
  type Profile,
  type ServerMetadata,
} from '../../src/index.js'

/**
 * Where the assertion negatives are tried: the token endpoint (client_credentials), and the
 * pushed authorization request endpoint (a complete authorization request, RFC 9126 §2.1), whose
 * client authentication rules are the token endpoint's (RFC 9126 §2). The aud rules differ per
 * endpoint and live in assertion-audience.ts and par-audience.ts.
 */
const ENDPOINTS = {
  token: { prefix: '', client: assertionClient, at: 'the token endpoint' },
  pushed_authorization_request: {
    prefix: 'par-',
    client: (p: Profile, m: ServerMetadata): ClientSpec | NotApplicable =>
      assertionClient(p, m, authorizationClient(p)),
    at: 'the pushed authorization request endpoint (a complete authorization request)',
  },
} as const
type AssertionEndpoint = keyof typeof ENDPOINTS

/** Tampered claims of a private_key_jwt assertion, each of which the server must refuse at `endpoint`. */
function assertionClaimModulesAt(endpoint: AssertionEndpoint): Module[] {
  const { prefix, client, at } = ENDPOINTS[endpoint]
  const on = <T extends { id: string; summary: string }>(m: T): T =>
    endpoint === 'token'
      ? m
      : { ...m, id: `${prefix}${m.id}`, summary: `${m.summary} Sent to ${at}.`, endpoint }
  return [
    defineAttempt(
      on({
        id: 'client-assertion-jti-replay',
        title: 'A client assertion presented a second time is refused',
        summary:
          'Authenticates once with a fresh assertion (the control, which must succeed), then presents the very same assertion again.',
        expect: withAssertions((p) => fromRule(p.jtiReplay)),
        client,
        errorCode: ASSERTION_ERROR,
        replay: true,
      }),
    ),
    defineAttempt(
      on({
        id: 'client-assertion-jti-missing',
        title: 'A client assertion without jti is refused',
        summary:
          'The assertion omits the jti claim, without which the server cannot detect replays.',
        expect: withAssertions((p) => fromRule(p.jtiMissing)),
        client,
        errorCode: ASSERTION_ERROR,
        auth: () => [PrivateKeyJwt({ mutate: [dropClaim('jti')] })],
      }),
    ),
    defineAttempt(
      on({
        id: 'client-assertion-exp-missing',
        title: 'A client assertion without exp is refused',
        summary: 'The assertion omits the exp claim, which RFC 7523 §3 makes mandatory.',
        expect: withAssertions(() => refusal(['RFC7523-3-4'])),
        client,
        errorCode: ASSERTION_ERROR,
        auth: () => [PrivateKeyJwt({ mutate: [dropClaim('exp')] })],
      }),
    ),
    defineAttempt(
      on({
        id: 'client-assertion-expired',
        title: 'An expired client assertion is refused',
        summary: 'The assertion expired ten minutes ago, well beyond any reasonable clock skew.',
        expect: withAssertions(() => refusal(['RFC7523-3-4'])),
        client,
        errorCode: ASSERTION_ERROR,
        auth: () => [PrivateKeyJwt({ mutate: [expire(600)] })],
      }),
    ),
    defineAttempt(
      on({
        id: 'client-assertion-iss-not-client-id',
        title: 'A client assertion whose iss is not the client_id is refused',
        summary: 'The assertion iss names another client; sub is still the client_id.',
        expect: withAssertions((p) => fromRule(p.issMismatch)),
        client,
        errorCode: ASSERTION_ERROR,
        auth: (c) => [PrivateKeyJwt({ mutate: [setClaim('iss', `${c.client_id}-other`)] })],
      }),
    ),
    defineAttempt(
      on({
        id: 'client-assertion-sub-not-client-id',
        title: 'A client assertion whose sub is not the client_id is refused',
        summary: 'The assertion sub names another client; iss is still the client_id.',
        expect: withAssertions((p) => fromRule(p.subMismatch)),
        client,
        errorCode: ASSERTION_ERROR,
        auth: (c) => [PrivateKeyJwt({ mutate: [setClaim('sub', `${c.client_id}-other`)] })],
      }),
    ),
    defineAttempt(
      on({
        id: 'client-assertion-unregistered-key',
        title: 'A client assertion signed with a key the client never registered is refused',
        summary:
          'The assertion is signed with a second key of the same kind; its kid names that key, which is not in the client jwks.',
        expect: withAssertions(() => refusal(['RFC7523-3-9'])),
        client,
        errorCode: ASSERTION_ERROR,
        auth: (c) => [PrivateKeyJwt({ mutate: [signWithKey(getKey(c.key!.kind, 1))] })],
      }),
    ),
    defineAttempt(
      on({
        id: 'client-assertion-unsigned',
        title: 'An unsigned (alg none) client assertion is refused',
        summary:
          'A private_key_jwt client sends an assertion with alg none and an empty signature.',
        expect: withAssertions((p) => fromRule(p.unsignedAssertion)),
        client,
        auth: () => [PrivateKeyJwt({ mutate: [unsigned()] })],
        errorCode: ASSERTION_ERROR,
      }),
    ),
  ]
}

export const assertionClaimModules: Module[] = assertionClaimModulesAt('token')

/** Judged at every endpoint that authenticates clients by endpoints.ts (endpoint-par-client-assertion-*). */
const AT_EVERY_ENDPOINT = new Set(['client-assertion-jti-replay', 'client-assertion-expired'])

/** The other claim negatives at the pushed authorization request endpoint (client-assertion-unsigned included). */
export const parAssertionModules: Module[] = assertionClaimModulesAt(
  'pushed_authorization_request',
).filter((m) => !AT_EVERY_ENDPOINT.has(m.id.replace(/^par-/, '')))
