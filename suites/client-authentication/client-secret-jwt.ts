import {
  algExpectation,
  answer,
  ASSERTION_ERROR,
  ClientSecretJwt,
  control,
  defineModule,
  expire,
  fromRule,
  grantUnsupported,
  inconclusive,
  isNotApplicable,
  judgeRefusal,
  methodExpectation,
  notApplicable,
  refusal,
  register,
  ReplayAssertion,
  requestParams,
  setAud,
  signWithSecret,
  variant,
  type ClientAuth,
  type ErrorCodeRule,
  type Expectation,
  type Module,
  type Mutator,
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
  if (method.outcome === 'refused') return notApplicable(`${p.title} forbids client_secret_jwt; auth-method-client-secret-jwt checks that it is refused`)
  for (const alg of ['HS256', 'HS384', 'HS512'] as const) {
    const e = algExpectation(p, m, alg)
    if (!isNotApplicable(e) && e.outcome === 'accepted') return alg
  }
  return notApplicable('the target advertises no HMAC algorithm (HS256, HS384, HS512) in token_endpoint_auth_signing_alg_values_supported for client_secret_jwt')
}

interface SecretJwtSpec {
  id: string
  title: string
  summary: string
  expect(p: Profile, m: ServerMetadata): Expectation | NotApplicable
  /** The change to the variant's assertion; absent with `replay`. */
  mutate?: (secret: string) => Mutator[]
  /** The variant presents the control's assertion a second time. */
  replay?: boolean
  errorCode?: ErrorCodeRule
}

/**
 * A client_secret_jwt client whose control and variant MAC with the algorithm the target
 * advertises (the plain client_secret_jwt strategy would use HS256): the control is the client's
 * unchanged request, which must succeed; the variant changes its assertion and must be refused.
 */
function defineSecretJwtRefusal(spec: SecretJwtSpec): Module {
  return defineModule({
    id: spec.id,
    title: spec.title,
    surface: 'client-authentication',
    summary: spec.summary,
    async run(ctx) {
      const { profile: p, metadata: m } = ctx
      const alg = hmacAlg(p, m)
      if (isNotApplicable(alg)) return alg
      const e = spec.expect(p, m)
      if (isNotApplicable(e)) return e
      const params = requestParams(ctx, 'token')
      const na = grantUnsupported(m, params.grant_type)
      if (na) return na
      const expected = `${e.outcome} (${e.level})`
      const keep = (why: string) => inconclusive(why, e.requirements, e.level, expected)
      const reg = await register(ctx, { method: 'client_secret_jwt' })
      if (reg.kind === 'unavailable') return notApplicable(reg.reason)
      if (reg.kind === 'refused') return keep(`registration of the client_secret_jwt client was refused (${reg.answer}): the change under test cannot be isolated`)
      if (reg.granted?.replaced.includes('token_endpoint_auth_method')) return keep(`asked for client_secret_jwt, the AS granted ${reg.granted.granted.token_endpoint_auth_method} (RFC 7591 §3.2.1): the variant cannot be built`)
      const client = reg.client
      const c = await control(ctx, 'token', params, client, () => [ClientSecretJwt({ alg })])
      if (!c.ok) return keep(`the control (the same request without the change) was refused: ${answer(c.exchange)}`)
      let auths: ClientAuth[]
      if (spec.replay) {
        const assertion = new URLSearchParams(c.exchange.request.body ?? '').get('client_assertion')
        if (!assertion) return keep('the control carried no client_assertion to replay')
        auths = [Object.assign(ReplayAssertion(assertion), { method: 'client_secret_jwt', label: 'client_secret_jwt(replayed assertion)' })]
      } else {
        auths = [ClientSecretJwt({ alg, mutate: spec.mutate?.(client.client_secret ?? '') ?? [] })]
      }
      const x = await variant(ctx, 'token', params, client, auths, spec.replay ? "the control's client assertion presented a second time" : `the request with ${auths.map((a) => a.label).join(' + ')}`)
      return {
        expected,
        variant: { client_auth: 'client_secret_jwt', alg, endpoint: 'token', grant: 'client_credentials' },
        ...(reg.granted ? { registration: { asked: reg.granted.asked, granted: reg.granted.granted, replaced: reg.granted.replaced } } : {}),
        uses: judgeRefusal({ e, spec: { ...(spec.errorCode ? { errorCode: spec.errorCode } : {}) }, ctx }, c.exchange, x),
      }
    },
  })
}

/**
 * client_secret_jwt assertions (RFC 7523 §2.2, OpenID Connect Core §9) the server must refuse,
 * where the profile allows the method and the target offers it with an HMAC algorithm: expired,
 * meant for another server, replayed, or MACed with a secret that is not the client's.
 */
export const clientSecretJwtModules: Module[] = [
  defineSecretJwtRefusal({
    id: 'client-secret-jwt-expired',
    title: 'An expired client_secret_jwt assertion is refused',
    summary: 'A client_secret_jwt client authenticates with a fresh assertion (the control, which must succeed), then with one that expired ten minutes ago, MACed with its secret as before.',
    expect: () => refusal(['RFC7523-3-4']),
    mutate: () => [expire(600)],
    errorCode: ASSERTION_ERROR,
  }),
  defineSecretJwtRefusal({
    id: 'client-secret-jwt-aud-other-server',
    title: "A client_secret_jwt assertion whose aud is another server's token endpoint is refused",
    summary: "A client_secret_jwt client authenticates with a fresh assertion (the control, which must succeed), then with one whose aud is another server's token endpoint URL.",
    expect: (p) => fromRule(p.audience.other_server),
    mutate: () => [setAud('other_server')],
    errorCode: ASSERTION_ERROR,
  }),
  defineSecretJwtRefusal({
    id: 'client-secret-jwt-replay',
    title: 'A client_secret_jwt assertion presented a second time is refused',
    summary: 'A client_secret_jwt client authenticates with a fresh assertion (the control, which must succeed), then presents the very same assertion again.',
    expect: (p) => fromRule(p.jtiReplay),
    replay: true,
    errorCode: ASSERTION_ERROR,
  }),
  defineSecretJwtRefusal({
    id: 'client-secret-jwt-wrong-secret',
    title: 'A client_secret_jwt assertion MACed with another secret is refused',
    summary: "A client_secret_jwt client authenticates with a fresh assertion (the control, which must succeed), then with one MACed with a secret that is not its own (its secret with a suffix): the MAC does not verify.",
    expect: () => refusal(['RFC7523-3-9']),
    mutate: (secret) => [signWithSecret(`${secret}-not-the-client-secret`)],
    errorCode: ASSERTION_ERROR,
  }),
]
