import {
  ASSERTION_ERROR,
  algExpectation,
  assertionBaseline,
  defineAttempt,
  hmacWithPublicKey,
  isNotApplicable,
  notApplicable,
  PrivateKeyJwt,
  refusal,
  withAssertions,
  type JwsAlg,
  type KeyKind,
  type Module,
} from '../../src/index.js'

/** The JWS algorithms of private_key_jwt assertions: allowed and advertised succeed, forbidden are refused. */
const algs: Array<{ alg: JwsAlg; key: KeyKind }> = [
  { alg: 'PS256', key: 'RSA-2048' },
  { alg: 'ES256', key: 'EC-P256' },
  { alg: 'RS256', key: 'RSA-2048' },
  { alg: 'EdDSA', key: 'Ed25519' },
]

export const assertionAlgModules: Module[] = [
  ...algs.map(({ alg, key }) =>
    defineAttempt({
      id: `client-assertion-alg-${alg.toLowerCase()}`,
      title: `private_key_jwt assertion signed with ${alg}`,
      summary: `Registers a private_key_jwt client with a ${key} key and authenticates with an assertion signed with ${alg}.`,
      expect: withAssertions((p, m) => algExpectation(p, m, alg)),
      client: { method: 'private_key_jwt', key },
      auth: () => [PrivateKeyJwt({ alg })],
      // The same client signs its control with the baseline alg when its key is the baseline's;
      // a key of another kind (Ed25519 for EdDSA) is itself the change, with the baseline as twin.
      variantIn: (p, m) => {
        const base = assertionBaseline(p, m)
        return !isNotApplicable(base) && base.key === key ? 'request' : 'client'
      },
      errorCode: ASSERTION_ERROR,
    }),
  ),
  defineAttempt({
    id: 'client-assertion-hs256-with-public-key',
    title: 'An assertion MACed with HS256 keyed by the client public key is refused',
    summary:
      'Algorithm confusion (RFC 8725 §2.1): a private_key_jwt client sends an assertion with alg HS256 whose HMAC key is its own public key in PEM form, which anyone can compute.',
    expect: withAssertions(() => refusal(['RFC8725-3.1', 'RFC7523-3-9'])),
    errorCode: ASSERTION_ERROR,
    client: (p, m) => {
      const base = assertionBaseline(p, m)
      if (isNotApplicable(base)) return base
      return base.key === 'RSA-2048'
        ? { method: 'private_key_jwt', key: 'RSA-2048' }
        : notApplicable(
            'the confusion attack needs an RSA key and the target offers no RSA algorithm',
          )
    },
    auth: () => [PrivateKeyJwt({ alg: 'PS256', mutate: [hmacWithPublicKey()] })],
  }),
]
