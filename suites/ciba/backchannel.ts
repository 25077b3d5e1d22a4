import {
  answer,
  ASSERTION_ERROR,
  assertionBaseline,
  assertionClient,
  attemptAccepted,
  authFor,
  CIBA_GRANT,
  cibaDeliveryModesExcludePush,
  cibaMetadataValid,
  control,
  defineAttempt,
  defineModule,
  fromRule,
  getKey,
  grantUnsupported,
  inconclusive,
  isNotApplicable,
  None,
  notApplicable,
  PlainAuthenticationRequest,
  pollAuthorizationPending,
  PrivateKeyJwt,
  refusal,
  register,
  requestObjectAlg,
  requestParams,
  setAud,
  SignedAuthenticationRequest,
  use,
  withAssertions,
  type ClientSpec,
  type Exchange,
  type Module,
  type NotApplicable,
  type Profile,
  type RequirementId,
  type ServerMetadata,
} from '../../src/index.js'
import { endUserDecides } from './end-user.js'

/** Whether a correct client of the profile signs its backchannel requests (CIBA §7.1.1). */
export const signsRequests = (p: Profile) => p.cibaSignedRequest?.unsigned.expect === 'refuse'

/**
 * The poll-mode CIBA client the modules register: the profile's private_key_jwt baseline; where the
 * profile requires signed requests it registers the alg it signs them with (CIBA §4
 * backchannel_authentication_request_signing_alg: "When omitted, the Client will not send signed
 * authentication requests").
 */
export const cibaClient = (p: Profile, m: ServerMetadata): ClientSpec | NotApplicable => {
  const base = assertionBaseline(p, m)
  if (isNotApplicable(base)) return base
  const signing = signsRequests(p)
    ? { backchannel_authentication_request_signing_alg: requestObjectAlg(base.key) }
    : {}
  return assertionClient(p, m, {
    grant_types: [CIBA_GRANT],
    metadata: { backchannel_token_delivery_mode: 'poll', ...signing },
  })
}

/** Not applicable where the target offers no CIBA: no backchannel endpoint, or the grant is not listed. */
export function cibaUnavailable(
  m: ServerMetadata,
  requirements?: readonly RequirementId[],
): NotApplicable | undefined {
  if (typeof m.backchannel_authentication_endpoint !== 'string')
    return notApplicable(
      'the target advertises no backchannel_authentication_endpoint: it does not offer CIBA (CIBA §4)',
      requirements,
    )
  return grantUnsupported(m, CIBA_GRANT)
}

const audiences = [
  { kind: 'issuer', what: 'the issuer identifier' },
  { kind: 'token_endpoint', what: 'the token endpoint URL' },
  { kind: 'backchannel_endpoint', what: 'the backchannel authentication endpoint URL' },
] as const

/** How long ciba-poll-flow polls for the end-user's approval at most (seconds). */
export const POLL_WINDOW_S = 60

const POLL_REQS: RequirementId[] = ['CIBA-11']

export const errorOf = (x: Exchange): string | undefined => {
  try {
    const v = JSON.parse(x.response?.body ?? '') as { error?: unknown }
    return typeof v.error === 'string' ? v.error : undefined
  } catch {
    return undefined
  }
}
export const isPending = (x: Exchange) =>
  x.response?.status === 400 && ['authorization_pending', 'slow_down'].includes(errorOf(x) ?? '')
export const isTokenResponse = (x: Exchange) => x.response?.status === 200

/** CIBA Core: client authentication at the backchannel endpoint, its audiences, signed requests and the poll flow. */
export const cibaModules: Module[] = [
  defineModule({
    id: 'ciba-discovery-metadata',
    title: 'The OP advertises its backchannel endpoint and token delivery modes',
    surface: 'ciba',
    summary:
      'CIBA §4: backchannel_authentication_endpoint and backchannel_token_delivery_modes_supported are in the metadata. Not applicable where the target advertises no backchannel endpoint (it does not offer CIBA).',
    async run({ metadata }) {
      if (typeof metadata.backchannel_authentication_endpoint !== 'string')
        return notApplicable(
          'the target advertises no backchannel_authentication_endpoint: it does not offer CIBA (CIBA §4)',
          ['CIBA-4'],
        )
      return { expected: 'CIBA metadata present', uses: [use(cibaMetadataValid, { metadata })] }
    },
  }),
  defineModule({
    id: 'ciba-no-push-mode',
    title: 'The push token delivery mode is not offered where the profile forbids it',
    surface: 'ciba',
    summary:
      'FAPI-CIBA excludes the push mode: backchannel_token_delivery_modes_supported must not list push. Not applicable where the target offers no CIBA.',
    async run({ profile: p, metadata }) {
      const rule = p.cibaPush
      if (!rule || rule.expect !== 'refuse')
        return notApplicable(rule?.why ?? `${p.title} does not restrict the delivery modes`)
      if (typeof metadata.backchannel_authentication_endpoint !== 'string')
        return notApplicable(
          'the target advertises no backchannel_authentication_endpoint: it does not offer CIBA, so it offers no push mode either',
          rule.requirements,
        )
      return {
        expected: 'push not advertised',
        uses: [use(cibaDeliveryModesExcludePush, { metadata }, rule.requirements)],
      }
    },
  }),
  defineAttempt({
    id: 'ciba-public-client',
    title: 'A public client cannot use CIBA',
    surface: 'ciba',
    summary:
      'Registers a client with token_endpoint_auth_method=none for the CIBA grant (poll mode) and, if registered, sends a backchannel authentication request with only its client_id (signed with a registered key where the profile requires signed requests). CIBA §7.1 requires the client to authenticate at the backchannel endpoint. The control is the compliant private_key_jwt twin.',
    endpoint: 'backchannel_authentication',
    expect: (p) =>
      p.publicCiba
        ? fromRule(p.publicCiba, ['invalid_client', 'invalid_request', 'unauthorized_client'])
        : notApplicable(`${p.title} says nothing of public CIBA clients`),
    client: (p, m) => {
      const plain: ClientSpec = {
        method: 'none',
        grant_types: [CIBA_GRANT],
        metadata: { backchannel_token_delivery_mode: 'poll' },
      }
      if (!signsRequests(p)) return plain
      // Where requests are signed, the public client registers a key for them, so its request
      // differs from the twin's in the authentication method alone.
      const base = assertionBaseline(p, m)
      if (isNotApplicable(base)) return base
      return {
        ...plain,
        metadata: {
          ...plain.metadata,
          jwks: { keys: [getKey(base.key).publicJwk] },
          backchannel_authentication_request_signing_alg: requestObjectAlg(base.key),
        },
      }
    },
    twin: (p, m) => cibaClient(p, m),
    variantIn: 'client',
    auth: (_client, ctx) => {
      if (!signsRequests(ctx.profile)) return [None()]
      const base = assertionBaseline(ctx.profile, ctx.metadata)
      return isNotApplicable(base)
        ? [None()]
        : [SignedAuthenticationRequest({ key: getKey(base.key) }), None()]
    },
  }),
  defineAttempt({
    id: 'ciba-backchannel-auth-succeeds',
    title: 'An authenticated backchannel authentication request is accepted',
    surface: 'ciba',
    summary:
      'A private_key_jwt CIBA client (poll mode) sends a backchannel authentication request with login_hint (signed where the profile requires it); the OP answers 200 with auth_req_id and expires_in.',
    endpoint: 'backchannel_authentication',
    expect: withAssertions(() => ({
      outcome: 'accepted',
      requirements: ['CIBA-7.1', 'CIBA-7.3'],
      level: 'shall',
    })),
    client: cibaClient,
  }),
  defineAttempt({
    id: 'ciba-backchannel-requires-client-auth',
    title: 'A backchannel authentication request without client authentication is refused',
    surface: 'ciba',
    summary:
      'A CIBA client sends an authenticated backchannel request (the control, which must succeed), then the same request with only its client_id: CIBA §7.1 requires the client to authenticate, and §13 names the error invalid_client.',
    endpoint: 'backchannel_authentication',
    expect: withAssertions(() => refusal(['CIBA-7.1'])),
    client: cibaClient,
    auth: () => [None()],
    errorCode: { codes: ['invalid_client'], requirements: ['CIBA-13'], level: 'shall' },
  }),
  ...audiences.map(({ kind, what }) =>
    defineAttempt({
      id: `ciba-backchannel-aud-${kind.replaceAll('_', '-')}`,
      title: `Backchannel request with client assertion aud = ${what}`,
      surface: 'ciba',
      summary: `CIBA §7.1: to interoperate, the OP must accept its issuer, token endpoint URL or backchannel endpoint URL as the assertion audience. This request uses ${what}.`,
      endpoint: 'backchannel_authentication',
      expect: withAssertions((p) => {
        const rule = p.backchannelAudience?.[kind]
        return rule
          ? fromRule(rule)
          : notApplicable(`${p.title} says nothing of audiences at the backchannel endpoint`)
      }),
      client: cibaClient,
      auth: () => [PrivateKeyJwt({ mutate: [setAud(kind)] })],
      errorCode: ASSERTION_ERROR,
    }),
  ),
  defineAttempt({
    id: 'fapi-ciba-unsigned-request-refused',
    title:
      'An unsigned backchannel authentication request is refused where signed requests are required',
    surface: 'ciba',
    summary:
      'FAPI-CIBA ID1 §5.2.2 item 6: the OP requires backchannel authentication requests to be signed as CIBA §7.1.1 describes. The control is the signed request (the parameters as claims of a `request` JWT with aud = issuer, iss = client_id, exp, iat, nbf, jti), which must be accepted; the variant sends the same parameters as plain form parameters, with the same client authentication.',
    endpoint: 'backchannel_authentication',
    expect: withAssertions((p) =>
      p.cibaSignedRequest
        ? fromRule(p.cibaSignedRequest.unsigned)
        : notApplicable(
            `${p.title} does not require signed backchannel requests (CIBA §7.1.1 leaves the form to the client)`,
          ),
    ),
    client: cibaClient,
    auth: (client) => [PlainAuthenticationRequest(), authFor(client.token_endpoint_auth_method)],
  }),
  defineAttempt({
    id: 'fapi-ciba-request-lifetime',
    title: 'A signed backchannel request living longer than the profile allows is refused',
    surface: 'ciba',
    summary:
      'FAPI-CIBA ID1 §5.2.2 item 9: the OP requires the signed authentication request to carry nbf and exp that limit its lifetime to no more than 60 minutes. The control is the signed request (exp - nbf = 5 minutes), which must be accepted; the variant is the same request with exp - nbf = 65 minutes.',
    endpoint: 'backchannel_authentication',
    expect: withAssertions((p) =>
      p.cibaSignedRequest
        ? fromRule(p.cibaSignedRequest.lifetime)
        : notApplicable(`${p.title} sets no lifetime limit on signed backchannel requests`),
    ),
    client: cibaClient,
    auth: (client, ctx) => [
      SignedAuthenticationRequest({
        lifetime: (ctx.profile.cibaSignedRequest?.lifetime.maxLifetimeSeconds ?? 3600) + 300,
      }),
      authFor(client.token_endpoint_auth_method),
    ],
  }),
  defineModule({
    id: 'ciba-poll-flow',
    title: 'Poll mode: authorization_pending until approval, then a token',
    surface: 'ciba',
    summary: `A poll-mode client starts a backchannel authentication (which must be accepted), polls the token endpoint at once (authorization_pending is due, CIBA §11), then polls at the announced interval until the OP issues tokens. Without an approval within ${POLL_WINDOW_S} s (or the request's expires_in) the module is inconclusive: nothing can be said of the token.`,
    async run(ctx) {
      const { profile: p, metadata: m, sim } = ctx
      const na = cibaUnavailable(m, POLL_REQS)
      if (na) return na
      const spec = cibaClient(p, m)
      if (isNotApplicable(spec)) return spec
      const expected = 'authorization_pending, then tokens'
      const keep = (why: string) => inconclusive(why, POLL_REQS, 'shall', expected)

      const reg = await register(ctx, spec, 'register', 'register a poll-mode CIBA client')
      if (reg.kind === 'unavailable') return notApplicable(reg.reason)
      if (reg.kind === 'refused') {
        if (reg.namesMetadata)
          return notApplicable(
            `the target refuses a compliant poll-mode CIBA client at registration (${reg.answer}); this module needs one`,
            POLL_REQS,
          )
        return keep(
          `registration of the poll-mode CIBA client was refused (${reg.answer}): the flow cannot start`,
        )
      }
      const client = reg.client

      const start = await control(
        ctx,
        'backchannel_authentication',
        requestParams(ctx, 'backchannel_authentication'),
        client,
        undefined,
        {
          name: 'backchannel',
          title: 'the backchannel authentication request, which must be accepted',
        },
      )
      if (!start.ok)
        return keep(
          `the backchannel authentication request was not accepted (${answer(start.exchange)}): the flow cannot start`,
        )
      const started = JSON.parse(start.exchange.response!.body!) as {
        auth_req_id: string
        interval?: number
        expires_in?: number
      }
      const decided = await endUserDecides(ctx, 'approve', started.auth_req_id)
      if (decided) return keep(decided)
      const tokenParams = { grant_type: CIBA_GRANT, auth_req_id: started.auth_req_id }
      const poll = () =>
        sim.call(
          'token',
          tokenParams,
          client,
          [authFor(client.token_endpoint_auth_method)],
          ctx.audience,
        )

      sim.step(
        'poll-pending',
        'poll the token endpoint at once: the end-user has not acted yet, so authorization_pending is due (CIBA §11)',
      )
      const first = await poll()
      sim.outcome(answer(first))
      const pendingUse = use(
        pollAuthorizationPending,
        { response: first },
        [],
        undefined,
        'poll-pending',
      )
      // Not pending and no tokens: the first answer is all there is to judge (whether the end-user
      // approved is unknown, so no token is due yet).
      if (!isPending(first) && !isTokenResponse(first)) return { expected, uses: [pendingUse] }

      let final = first
      const window = Math.min(
        POLL_WINDOW_S,
        typeof started.expires_in === 'number' && started.expires_in > 0
          ? started.expires_in
          : POLL_WINDOW_S,
      )
      if (isPending(first)) {
        // CIBA §7.3: interval is the minimum wait between polls, 5 s by default; slow_down adds 5 s (§11).
        let interval =
          typeof started.interval === 'number' && started.interval > 0 ? started.interval : 5
        sim.step(
          'poll',
          `poll every ${interval} s (the announced interval) until the OP issues tokens, for at most ${window} s`,
        )
        let waited = 0
        let polls = 0
        while (isPending(final) && waited + interval <= window) {
          if (errorOf(final) === 'slow_down') interval += 5
          await ctx.sleep(interval * 1000 + 100)
          waited += interval
          final = await poll()
          polls++
        }
        sim.outcome(`${answer(final)} after ${polls} poll(s), ${waited} s`)
      }
      if (isPending(final)) {
        return keep(
          `the first poll was answered ${answer(first)}, but no approval came within ${window} s (the token endpoint still answers ${answer(final)}): whether the OP issues tokens after approval cannot be judged; approve the request on the authentication device within the window, or configure a ciba.login_hint the target approves at once`,
        )
      }
      const error = errorOf(final)
      if (!isTokenResponse(final) && (error === 'access_denied' || error === 'expired_token')) {
        return keep(
          `the end-user's approval did not come: the token endpoint answered ${answer(final)} (CIBA §11), so no token was due`,
        )
      }
      return {
        expected,
        uses: [
          pendingUse,
          use(
            attemptAccepted,
            { response: final, kind: 'token' },
            POLL_REQS,
            'shall',
            isPending(first) ? 'poll' : 'poll-pending',
          ),
        ],
      }
    },
  }),
]
