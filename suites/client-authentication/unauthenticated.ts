import { assertionClient, CLIENT_AUTH_FAILED, defineAttempt, None, notApplicable, pkcePair, refusal, requestParams, withAssertions, type ClientSpec, type Module, type ModuleContext, type Profile } from '../../src/index.js'

/** What each endpoint is asked, minus the credentials; a PAR request is a complete authorization request. */
const REQUESTS: Record<'token' | 'revocation' | 'pushed_authorization_request', { slug: string; client?: (p: Profile) => Omit<ClientSpec, 'method' | 'key'>; params: (ctx: ModuleContext) => Record<string, string> }> = {
  token: { slug: 'token', params: (ctx) => requestParams(ctx, 'token') },
  revocation: { slug: 'revocation', params: (ctx) => requestParams(ctx, 'revocation') },
  pushed_authorization_request: {
    slug: 'par',
    client: (p) => {
      const rt = p.authorizationResponseType ?? 'code'
      return { grant_types: rt === 'code' ? ['authorization_code'] : ['authorization_code', 'implicit'], metadata: { response_types: [rt] } }
    },
    params: (ctx) => ({
      ...requestParams(ctx, 'pushed_authorization_request'),
      response_type: ctx.profile.authorizationResponseType ?? 'code',
      ...pkcePair().params,
      state: 'fapi-harness-state',
      nonce: 'fapi-harness-nonce',
    }),
  },
}

/**
 * A confidential (private_key_jwt) client calls each endpoint that requires client authentication
 * with its client_id and no credentials: invalid_client is due (RFC 6749 §5.2 "no client
 * authentication included"). The endpoints and their clauses are profile data.
 */
export const unauthenticatedModules: Module[] = (Object.keys(REQUESTS) as Array<keyof typeof REQUESTS>).map((endpoint) =>
  defineAttempt({
    id: `endpoint-requires-client-auth-${REQUESTS[endpoint].slug}`,
    title: `A confidential client without credentials is refused at the ${endpoint} endpoint`,
    summary: `A private_key_jwt client sends a correct ${endpoint} request (the control, which must succeed), then the same request carrying only its client_id: the server must authenticate confidential clients there and answer invalid_client.`,
    endpoint,
    expect: withAssertions((p) => {
      const rule = p.authenticatedEndpoints.find((e) => e.endpoint === endpoint)
      return rule ? refusal(rule.requirements, ['invalid_client']) : notApplicable(`${p.title} does not require client authentication at the ${endpoint} endpoint`)
    }),
    client: (p, m) => assertionClient(p, m, REQUESTS[endpoint].client?.(p) ?? {}),
    params: (ctx) => REQUESTS[endpoint].params(ctx),
    auth: () => [None()],
    errorCode: CLIENT_AUTH_FAILED,
  }),
)
