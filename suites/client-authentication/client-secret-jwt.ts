import {
  algExpectation,
  ASSERTION_ERROR,
  ClientSecretJwt,
  defineAttempt,
  expire,
  fromRule,
  isNotApplicable,
  methodExpectation,
  notApplicable,
  refusal,
  setAud,
  signWithSecret,
  type Expectation,
  type Module,
  type NotApplicable,
  type Profile,
  type ServerMetadata,
} from '../../src/index.js'

type HmacAlg = 'HS256' | 'HS384' | 'HS512'

/**
 * The MAC algorithm for client_secret_jwt: the first of HS256, HS384, HS512 the target advertises
 * (and the profile allows), where the profile allows client_secret_jwt and the target offers it.
 */
export function hmacAlg(p: Profile, m: ServerMetadata): HmacAlg | NotApplicable {
  const method = methodExpectation(p, m, 'client_secret_jwt')
  if (isNotApplicable(method)) return method
  if (method.outcome === 'refused')
    return notApplicable(
      `${p.title} forbids client_secret_jwt; auth-method-client-secret-jwt checks that it is refused`,
    )
  for (const alg of ['HS256', 'HS384', 'HS512'] as const) {
    const e = algExpectation(p, m, alg)
    if (!isNotApplicable(e) && e.outcome === 'accepted') return alg
  }
  return notApplicable(
    'the target advertises no HMAC algorithm (HS256, HS384, HS512) in token_endpoint_auth_signing_alg_values_supported for client_secret_jwt',
  )
}

/** Only where client_secret_jwt and an HMAC algorithm are usable, then `e`. */
const withHmac =
  (e: (p: Profile, m: ServerMetadata) => Expectation | NotApplicable) =>
  (p: Profile, m: ServerMetadata): Expectation | NotApplicable => {
    const alg = hmacAlg(p, m)
    return isNotApplicable(alg) ? alg : e(p, m)
  }

/**
 * client_secret_jwt assertions (RFC 7523 §2.2, OpenID Connect Core §9) the server must refuse,
 * where the profile allows the method and the target offers it with an HMAC algorithm: expired,
 * meant for another server, replayed, or MACed with a secret that is not the client's.
 */
export const clientSecretJwtModules: Module[] = [
  defineAttempt({
    id: 'client-secret-jwt-expired',
    title: 'An expired client_secret_jwt assertion is refused',
    summary:
      'A client_secret_jwt client authenticates with a fresh assertion (the control, which must succeed), then with one that expired ten minutes ago, MACed with its secret as before.',
    expect: withHmac(() => refusal(['RFC7523-3-4'])),
    client: { method: 'client_secret_jwt' },
    auth: () => [ClientSecretJwt({ mutate: [expire(600)] })],
    errorCode: ASSERTION_ERROR,
  }),
  defineAttempt({
    id: 'client-secret-jwt-aud-other-server',
    title: "A client_secret_jwt assertion whose aud is another server's token endpoint is refused",
    summary:
      "A client_secret_jwt client authenticates with a fresh assertion (the control, which must succeed), then with one whose aud is another server's token endpoint URL.",
    expect: withHmac((p) => fromRule(p.audience.other_server)),
    client: { method: 'client_secret_jwt' },
    auth: () => [ClientSecretJwt({ mutate: [setAud('other_server')] })],
    errorCode: ASSERTION_ERROR,
  }),
  defineAttempt({
    id: 'client-secret-jwt-replay',
    title: 'A client_secret_jwt assertion presented a second time is refused',
    summary:
      'A client_secret_jwt client authenticates with a fresh assertion (the control, which must succeed), then presents the very same assertion again.',
    expect: withHmac((p) => fromRule(p.jtiReplay)),
    client: { method: 'client_secret_jwt' },
    replay: true,
    errorCode: ASSERTION_ERROR,
  }),
  defineAttempt({
    id: 'client-secret-jwt-wrong-secret',
    title: 'A client_secret_jwt assertion MACed with another secret is refused',
    summary:
      'A client_secret_jwt client authenticates with a fresh assertion (the control, which must succeed), then with one MACed with a secret that is not its own (its secret with a suffix): the MAC does not verify.',
    expect: withHmac(() => refusal(['RFC7523-3-9'])),
    client: { method: 'client_secret_jwt' },
    auth: (c) => [
      ClientSecretJwt({
        mutate: [signWithSecret(`${c.client_secret ?? ''}-not-the-client-secret`)],
      }),
    ],
    errorCode: ASSERTION_ERROR,
  }),
]
