import {
  assertionClient,
  authorizationClient,
  CLIENT_AUTH_FAILED,
  defineAttempt,
  DEVICE_GRANT,
  None,
  notApplicable,
  refusal,
  withAssertions,
  type ClientSpec,
  type Module,
  type Profile,
} from '../../src/index.js'

/** What each endpoint is asked, minus the credentials; a PAR request is a complete authorization request. */
const REQUESTS: Record<
  'token' | 'revocation' | 'pushed_authorization_request' | 'device_authorization',
  { slug: string; client?: (p: Profile) => Omit<ClientSpec, 'method' | 'key'> }
> = {
  token: { slug: 'token' },
  revocation: { slug: 'revocation' },
  pushed_authorization_request: { slug: 'par', client: authorizationClient },
  device_authorization: { slug: 'device', client: () => ({ grant_types: [DEVICE_GRANT] }) },
}

/**
 * A confidential (private_key_jwt) client calls each endpoint that requires client authentication
 * with its client_id and no credentials: invalid_client is due (RFC 6749 §5.2 "no client
 * authentication included"). The endpoints and their clauses are profile data.
 */
export const unauthenticatedModules: Module[] = (
  Object.keys(REQUESTS) as Array<keyof typeof REQUESTS>
).map((endpoint) =>
  defineAttempt({
    id: `endpoint-requires-client-auth-${REQUESTS[endpoint].slug}`,
    title: `A confidential client without credentials is refused at the ${endpoint} endpoint`,
    summary: `A private_key_jwt client sends a correct ${endpoint} request (the control, which must succeed), then the same request carrying only its client_id: the server must authenticate confidential clients there and answer invalid_client.`,
    endpoint,
    expect: withAssertions((p) => {
      const rule = p.authenticatedEndpoints.find((e) => e.endpoint === endpoint)
      return rule
        ? refusal(rule.requirements, ['invalid_client'])
        : notApplicable(
            `${p.title} does not require client authentication at the ${endpoint} endpoint`,
          )
    }),
    client: (p, m) => assertionClient(p, m, REQUESTS[endpoint].client?.(p) ?? {}),
    auth: () => [None()],
    errorCode: CLIENT_AUTH_FAILED,
  }),
)
