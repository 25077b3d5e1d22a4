import {
  ASSERTION_ERROR,
  assertionClient,
  CIBA_GRANT,
  attemptAccepted,
  cibaDeliveryModesExcludePush,
  cibaMetadataValid,
  requestParams,
  defineAttempt,
  defineModule,
  fromRule,
  HarnessError,
  isNotApplicable,
  None,
  notApplicable,
  pollAuthorizationPending,
  PrivateKeyJwt,
  refusal,
  withAssertions,
  setAud,
  use,
  type ClientSpec,
  type Module,
  type NotApplicable,
  type Profile,
  type ServerMetadata,
} from '../../src/index.js'

const cibaClient = (p: Profile, m: ServerMetadata): ClientSpec | NotApplicable =>
  assertionClient(p, m, { grant_types: [CIBA_GRANT], metadata: { backchannel_token_delivery_mode: 'poll' } })

const audiences = [
  { kind: 'issuer', what: 'the issuer identifier' },
  { kind: 'token_endpoint', what: 'the token endpoint URL' },
  { kind: 'backchannel_endpoint', what: 'the backchannel authentication endpoint URL' },
] as const

/** CIBA Core: client authentication at the backchannel endpoint, its audiences, and the poll flow. */
export const cibaModules: Module[] = [
  defineModule({
    id: 'ciba-discovery-metadata',
    title: 'The OP advertises its backchannel endpoint and token delivery modes',
    surface: 'ciba',
    summary: 'CIBA §4: backchannel_authentication_endpoint and backchannel_token_delivery_modes_supported are in the metadata.',
    async run({ metadata }) {
      return { expected: 'CIBA metadata present', uses: [use(cibaMetadataValid, { metadata })] }
    },
  }),
  defineModule({
    id: 'ciba-no-push-mode',
    title: 'The push token delivery mode is not offered where the profile forbids it',
    surface: 'ciba',
    summary: 'FAPI-CIBA excludes the push mode: backchannel_token_delivery_modes_supported must not list push.',
    async run({ profile: p, metadata }) {
      const rule = p.cibaPush
      if (!rule || rule.expect !== 'refuse') return notApplicable(rule?.why ?? `${p.title} does not restrict the delivery modes`)
      return { expected: 'push not advertised', uses: [use(cibaDeliveryModesExcludePush, { metadata }, rule.requirements)] }
    },
  }),
  defineAttempt({
    id: 'ciba-public-client',
    title: 'A public client cannot use CIBA',
    surface: 'ciba',
    summary: 'Registers a client with token_endpoint_auth_method=none for the CIBA grant (poll mode) and, if registered, sends a backchannel authentication request with only its client_id. CIBA §7.1 requires the client to authenticate at the backchannel endpoint.',
    endpoint: 'backchannel_authentication',
    expect: (p) => (p.publicCiba ? fromRule(p.publicCiba, ['invalid_client', 'invalid_request', 'unauthorized_client']) : notApplicable(`${p.title} says nothing of public CIBA clients`)),
    client: { method: 'none', grant_types: [CIBA_GRANT], metadata: { backchannel_token_delivery_mode: 'poll' } },
  }),
  defineAttempt({
    id: 'ciba-backchannel-auth-succeeds',
    title: 'An authenticated backchannel authentication request is accepted',
    surface: 'ciba',
    summary: 'A private_key_jwt CIBA client (poll mode) sends a backchannel authentication request with login_hint; the OP answers 200 with auth_req_id and expires_in.',
    endpoint: 'backchannel_authentication',
    expect: withAssertions(() => ({ outcome: 'accepted', requirements: ['CIBA-7.1', 'CIBA-7.3'], level: 'shall' })),
    client: cibaClient,
  }),
  defineAttempt({
    id: 'ciba-backchannel-requires-client-auth',
    title: 'A backchannel authentication request without client authentication is refused',
    surface: 'ciba',
    summary: 'A CIBA client sends an authenticated backchannel request (the control, which must succeed), then the same request with only its client_id: CIBA §7.1 requires the client to authenticate, and §13 names the error invalid_client.',
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
        return rule ? fromRule(rule) : notApplicable(`${p.title} says nothing of audiences at the backchannel endpoint`)
      }),
      client: cibaClient,
      auth: () => [PrivateKeyJwt({ mutate: [setAud(kind)] })],
      errorCode: ASSERTION_ERROR,
    }),
  ),
  defineModule({
    id: 'ciba-poll-flow',
    title: 'Poll mode: authorization_pending until approval, then a token',
    surface: 'ciba',
    summary: 'A poll-mode client starts a backchannel authentication, polls the token endpoint at once (authorization_pending is due), then polls at the advertised interval until the OP issues tokens.',
    async run(ctx) {
      const { profile: p, metadata: m, sim } = ctx
      if (!m.backchannel_authentication_endpoint) return notApplicable('the target advertises no backchannel_authentication_endpoint')
      const spec = cibaClient(p, m)
      if (isNotApplicable(spec)) return spec
      const { client, unavailable } = await sim.obtainClient(spec)
      if (unavailable) return notApplicable(unavailable)
      if (!client) throw new HarnessError('ERR_STEP_PRECONDITION', 'the OP refused to register a CIBA poll-mode client')
      const auth = () => [PrivateKeyJwt()]
      const start = await sim.call('backchannel_authentication', requestParams(ctx, 'backchannel_authentication'), client, auth(), ctx.audience)
      const body = start.response?.status === 200 ? (JSON.parse(start.response.body ?? '{}') as { auth_req_id?: string; interval?: number; expires_in?: number }) : undefined
      if (!body?.auth_req_id) throw new HarnessError('ERR_STEP_PRECONDITION', `the backchannel authentication request was not accepted (HTTP ${start.response?.status ?? start.transport_error?.code})`)
      const params = { grant_type: CIBA_GRANT, auth_req_id: body.auth_req_id }
      const pending = await sim.call('token', params, client, auth(), ctx.audience)
      const interval = Math.min(Math.max(body.interval ?? 5, 1), 10)
      let final = pending
      for (let i = 0; i < 4 && final.response?.status !== 200; i++) {
        await ctx.sleep(interval * 1000 + 100)
        final = await sim.call('token', params, client, auth(), ctx.audience)
      }
      return {
        expected: 'authorization_pending, then tokens',
        uses: [use(pollAuthorizationPending, { response: pending }), use(attemptAccepted, { response: final, kind: 'token' }, ['CIBA-11'])],
      }
    },
  }),
]
