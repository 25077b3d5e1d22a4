import { assertionClient, defineAttempt, None, notApplicable, refusal, withAssertions, type Module } from '../../src/index.js'

/** What each endpoint is asked, minus the credentials. */
const REQUESTS = {
  token: { slug: 'token', params: { grant_type: 'client_credentials' } },
  revocation: { slug: 'revocation', params: { token: 'fapi-harness-not-a-token', token_type_hint: 'access_token' } },
  pushed_authorization_request: { slug: 'par', params: { response_type: 'code', scope: 'openid', redirect_uri: 'https://127.0.0.1/fapi-harness/callback' } },
} as const

/**
 * A confidential (private_key_jwt) client calls each endpoint that requires client authentication
 * with its client_id and no credentials: invalid_client is due (RFC 6749 §5.2 "no client
 * authentication included"). The endpoints and their clauses are profile data.
 */
export const unauthenticatedModules: Module[] = (Object.keys(REQUESTS) as Array<keyof typeof REQUESTS>).map((endpoint) =>
  defineAttempt({
    id: `endpoint-requires-client-auth-${REQUESTS[endpoint].slug}`,
    title: `A confidential client without credentials is refused at the ${endpoint} endpoint`,
    summary: `A private_key_jwt client sends a ${endpoint} request carrying only its client_id: the server must authenticate confidential clients there and answer invalid_client.`,
    endpoint,
    expect: withAssertions((p) => {
      const rule = p.authenticatedEndpoints.find((e) => e.endpoint === endpoint)
      return rule ? refusal(rule.requirements, ['invalid_client']) : notApplicable(`${p.title} does not require client authentication at the ${endpoint} endpoint`)
    }),
    client: assertionClient,
    params: () => ({ ...REQUESTS[endpoint].params }),
    auth: () => [None()],
  }),
)
