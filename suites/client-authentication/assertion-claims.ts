import {
  assertionBaseline,
  CLIENT_AUTH_ERRORS,
  defineAttempt,
  dropClaim,
  expire,
  fromRule,
  getKey,
  isNotApplicable,
  PrivateKeyJwt,
  setClaim,
  signWithKey,
  type AttemptSpec,
  type Expectation,
  type Module,
  type NotApplicable,
  type Profile,
  type RequirementId,
  type ServerMetadata,
} from '../../src/index.js'

const client: AttemptSpec['client'] = (p, m) => {
  const base = assertionBaseline(p, m)
  return isNotApplicable(base) ? base : { method: 'private_key_jwt', key: base.key }
}

const refused = (reqs: RequirementId[]) => (p: Profile, m: ServerMetadata): Expectation | NotApplicable => {
  const base = assertionBaseline(p, m)
  return isNotApplicable(base) ? base : { outcome: 'refused', requirements: reqs, level: 'shall', errors: CLIENT_AUTH_ERRORS }
}

const rule = (pick: (p: Profile) => Parameters<typeof fromRule>[0]) => (p: Profile, m: ServerMetadata) => {
  const base = assertionBaseline(p, m)
  return isNotApplicable(base) ? base : fromRule(pick(p))
}

/** Tampered claims of a private_key_jwt assertion, each of which the server must refuse. */
export const assertionClaimModules: Module[] = [
  defineAttempt({
    id: 'client-assertion-jti-replay',
    title: 'A client assertion presented a second time is refused',
    summary: 'Authenticates once with a fresh assertion (must succeed), then presents the very same assertion again.',
    expect: rule((p) => p.jtiReplay),
    client,
    replay: true,
  }),
  defineAttempt({
    id: 'client-assertion-jti-missing',
    title: 'A client assertion without jti is refused',
    summary: 'The assertion omits the jti claim, without which the server cannot detect replays.',
    expect: rule((p) => p.jtiMissing),
    client,
    auth: () => [PrivateKeyJwt({ mutate: [dropClaim('jti')] })],
  }),
  defineAttempt({
    id: 'client-assertion-exp-missing',
    title: 'A client assertion without exp is refused',
    summary: 'The assertion omits the exp claim, which RFC 7523 §3 makes mandatory.',
    expect: refused(['RFC7523-3-4']),
    client,
    auth: () => [PrivateKeyJwt({ mutate: [dropClaim('exp')] })],
  }),
  defineAttempt({
    id: 'client-assertion-expired',
    title: 'An expired client assertion is refused',
    summary: 'The assertion expired ten minutes ago, well beyond any reasonable clock skew.',
    expect: refused(['RFC7523-3-4']),
    client,
    auth: () => [PrivateKeyJwt({ mutate: [expire(600)] })],
  }),
  defineAttempt({
    id: 'client-assertion-iss-not-client-id',
    title: 'A client assertion whose iss is not the client_id is refused',
    summary: 'The assertion iss names another client; sub is still the client_id.',
    expect: rule((p) => p.issMismatch),
    client,
    auth: (c) => [PrivateKeyJwt({ mutate: [setClaim('iss', `${c.client_id}-other`)] })],
  }),
  defineAttempt({
    id: 'client-assertion-sub-not-client-id',
    title: 'A client assertion whose sub is not the client_id is refused',
    summary: 'The assertion sub names another client; iss is still the client_id.',
    expect: rule((p) => p.subMismatch),
    client,
    auth: (c) => [PrivateKeyJwt({ mutate: [setClaim('sub', `${c.client_id}-other`)] })],
  }),
  defineAttempt({
    id: 'client-assertion-unregistered-key',
    title: 'A client assertion signed with a key the client never registered is refused',
    summary: 'The assertion is signed with a second key of the same kind; its kid names that key, which is not in the client jwks.',
    expect: refused(['RFC7523-3-9']),
    client,
    auth: (c) => [PrivateKeyJwt({ mutate: [signWithKey(getKey(c.key!.kind, 1))] })],
  }),
]
