import {
  ASSERTION_ERROR,
  algExpectation,
  defineAttempt,
  defineModule,
  isNotApplicable,
  notApplicable,
  PrivateKeyJwt,
  refusal,
  withAssertions,
  type JwsAlg,
  type Module,
  type Profile,
  type ServerMetadata,
} from '../../src/index.js'

/** The RSA algorithm to sign with: PS256 where usable, else RS256. */
function rsaAlg(p: Profile, m: ServerMetadata): JwsAlg | undefined {
  for (const alg of ['PS256', 'RS256'] as const) {
    const e = algExpectation(p, m, alg)
    if (!isNotApplicable(e) && e.outcome === 'accepted') return alg
  }
  return undefined
}

export const clientKeyModules: Module[] = [
  defineAttempt({
    id: 'client-key-rsa-1024',
    title: 'A client key of 1024-bit RSA is refused',
    summary:
      'Registers a private_key_jwt client whose key is 1024-bit RSA (generated with node:crypto; jose refuses such keys) and authenticates with it. The refusal may come at registration or at the token endpoint.',
    expect: withAssertions((p, m) =>
      rsaAlg(p, m)
        ? refusal([...p.minKeyBits.RSA.requirements])
        : notApplicable('the target offers no RSA signing algorithm for client assertions'),
    ),
    client: { method: 'private_key_jwt', key: 'RSA-1024' },
    // the key is the change: the twin registers the same client with a 2048-bit key
    variantIn: 'client',
    twin: (_p, _m, c) => ({ ...c, key: 'RSA-2048' }),
    auth: (_c, ctx) => [PrivateKeyJwt({ alg: rsaAlg(ctx.profile, ctx.metadata)! })],
    errorCode: ASSERTION_ERROR,
  }),
  defineAttempt({
    id: 'client-key-rsa-2048',
    title: 'A client key of 2048-bit RSA, the minimum, is accepted',
    summary:
      'Registers a private_key_jwt client with a 2048-bit RSA key and authenticates with it: the boundary value must work.',
    expect: withAssertions((p, m) =>
      rsaAlg(p, m)
        ? {
            outcome: 'accepted',
            requirements: ['RFC8414-2', ...p.minKeyBits.RSA.requirements],
            level: 'shall',
          }
        : notApplicable('the target offers no RSA signing algorithm for client assertions'),
    ),
    client: { method: 'private_key_jwt', key: 'RSA-2048' },
    auth: (_c, ctx) => [PrivateKeyJwt({ alg: rsaAlg(ctx.profile, ctx.metadata)! })],
  }),
  defineModule({
    id: 'client-key-ec-minimum-size',
    title: 'Elliptic-curve client keys meet the minimum size',
    surface: 'client-authentication',
    summary:
      'How the EC minimum is checked: it cannot be violated through JOSE, so it is reported as not applicable with the reason.',
    async run({ profile }) {
      return notApplicable(
        `${profile.title} requires EC keys of at least ${profile.minKeyBits.EC.bits} bits, but no JWS algorithm can carry a smaller one: ` +
          'the only curves registered for JWS are P-256, P-384, P-521 (RFC 7518 §3.4) and Ed25519 (RFC 8037), all of 256 bits or more. ' +
          'A client assertion with a shorter EC key cannot be expressed, so the rule cannot be violated at the token endpoint; ' +
          'the smallest legal curve is exercised by client-assertion-alg-es256.',
        profile.minKeyBits.EC.requirements,
      )
    },
  }),
]
