import {
  algExpectation,
  ASSERTION_ERROR,
  assertionBaseline,
  authorizationClient,
  CIBA_GRANT,
  CLIENT_AUTH_METHODS,
  defineAttempt,
  DEVICE_GRANT,
  expire,
  fromRule,
  isNotApplicable,
  methodExpectation,
  notApplicable,
  PrivateKeyJwt,
  refusal,
  requestObjectAlg,
  setAud,
  withAssertions,
  type AttemptSpec,
  type AuthenticatedEndpoint,
  type ClientAuthMethod,
  type ClientSpec,
  type Expectation,
  type Module,
  type NotApplicable,
  type Profile,
  type ServerMetadata,
} from '../../src/index.js'

/**
 * Client authentication at every endpoint other than the token endpoint where a client
 * authenticates: revocation (RFC 7009 §2.1), device authorization (RFC 8628 §3.1), pushed
 * authorization requests (RFC 9126 §2) and CIBA backchannel authentication (CIBA §7.1). Each of
 * these clauses applies the token endpoint's client-authentication rules, so every endpoint takes
 * the same cases, generated from data (`ENDPOINTS` × `CASES`), never copied: the allowed methods
 * succeed, the forbidden ones and the assertion negatives (an aud naming another server, a
 * replayed jti, RS256 where the profile forbids it, an expired assertion) are refused. The result's
 * `variant.endpoint` names the endpoint. The token endpoint's own modules (auth-method-*,
 * client-assertion-*) are these cases at the token endpoint (PAR's further assertion negatives are
 * par-client-assertion-*, assertion-claims.ts); the aud values each endpoint must
 * accept are judged by par-client-assertion-aud-* and ciba-backchannel-aud-*.
 *
 * Introspection (RFC 7662 §2.1) is not here: its caller is the protected resource asking about a
 * token, not a client of the grant, and RFC 7662 leaves the methods of its authentication out of scope.
 */
type Endpoint = Exclude<AuthenticatedEndpoint, 'token'>

interface EndpointData {
  slug: string
  /** Grants and metadata of a client that makes a correct request there. */
  client: (p: Profile, method: ClientAuthMethod) => Pick<ClientSpec, 'grant_types' | 'metadata'>
}

/** Whether a correct client of the profile signs its backchannel requests (FAPI-CIBA §5.2.2-6, CIBA §7.1.1). */
const signsRequests = (p: Profile) => p.cibaSignedRequest?.unsigned.expect === 'refuse'

export const ENDPOINTS: Record<Endpoint, EndpointData> = {
  revocation: { slug: 'revocation', client: () => ({}) },
  device_authorization: { slug: 'device', client: () => ({ grant_types: [DEVICE_GRANT] }) },
  pushed_authorization_request: { slug: 'par', client: (p) => authorizationClient(p) },
  backchannel_authentication: {
    slug: 'backchannel',
    client: (p, method) => ({
      grant_types: [CIBA_GRANT],
      metadata: {
        backchannel_token_delivery_mode: 'poll',
        // CIBA §4: a client that signs its requests registers the alg (only a key-holding client can)
        ...(signsRequests(p) && method === 'private_key_jwt'
          ? { backchannel_authentication_request_signing_alg: requestObjectAlg('RSA-2048') }
          : {}),
      },
    }),
  },
}

/** The private_key_jwt client of the profile at this endpoint (baseline key, the endpoint's grants). */
function assertionClientAt(endpoint: Endpoint) {
  return (p: Profile, m: ServerMetadata): ClientSpec | NotApplicable => {
    const base = assertionBaseline(p, m)
    if (isNotApplicable(base)) return base
    const extra = ENDPOINTS[endpoint].client(p, 'private_key_jwt')
    const md = extra.metadata?.backchannel_authentication_request_signing_alg
      ? {
          ...extra.metadata,
          backchannel_authentication_request_signing_alg: requestObjectAlg(base.key),
        }
      : extra.metadata
    return {
      method: 'private_key_jwt',
      key: base.key,
      ...(extra.grant_types ? { grant_types: extra.grant_types } : {}),
      ...(md ? { metadata: md } : {}),
    }
  }
}

interface Case {
  slug: string
  title: (endpoint: string) => string
  summary: (endpoint: string) => string
  spec: (
    endpoint: Endpoint,
  ) => Pick<AttemptSpec, 'expect' | 'client' | 'auth' | 'replay' | 'errorCode' | 'variantIn'>
}

const methods = CLIENT_AUTH_METHODS.filter(
  (m): m is Exclude<ClientAuthMethod, 'none'> => m !== 'none',
)

/**
 * Applies the endpoint's rule first: a profile that does not name the endpoint has nothing to judge
 * there. A judged case cites the endpoint's own clause too (RFC 9126 §2 at PAR, RFC 7009 §2.1 at
 * revocation, …), the one that makes the token endpoint's rules apply there.
 */
const at =
  (endpoint: Endpoint, e: (p: Profile, m: ServerMetadata) => Expectation | NotApplicable) =>
  (p: Profile, m: ServerMetadata): Expectation | NotApplicable => {
    const rule = p.authenticatedEndpoints.find((x) => x.endpoint === endpoint)
    if (!rule)
      return notApplicable(
        `${p.title} does not require client authentication at the ${endpoint} endpoint`,
      )
    const x = e(p, m)
    if (isNotApplicable(x)) return x
    return {
      ...x,
      requirements: [
        ...x.requirements,
        ...rule.requirements.filter((r) => !x.requirements.includes(r)),
      ],
    }
  }

const CASES: Case[] = [
  ...methods.map((method): Case => ({
    slug: `auth-method-${method.replaceAll('_', '-')}`,
    title: (e) => `${e} request authenticated with ${method}`,
    summary: (e) =>
      `Registers a client with token_endpoint_auth_method=${method} for the ${e} endpoint and sends it a correct request, authenticated as registered: a method the profile allows and the target advertises must work there as at the token endpoint; a forbidden one is refused (at registration or at the endpoint).`,
    spec: (endpoint) => ({
      expect: at(endpoint, (p, m) => {
        if (
          endpoint === 'backchannel_authentication' &&
          signsRequests(p) &&
          method !== 'private_key_jwt'
        ) {
          return notApplicable(
            `${p.title} requires signed backchannel requests, which a ${method} client has no registered key to sign; auth-method-${method.replaceAll('_', '-')} judges the method at the token endpoint`,
          )
        }
        return methodExpectation(p, m, method)
      }),
      client: (p, m) => {
        const extra = ENDPOINTS[endpoint].client(p, method)
        if (method !== 'private_key_jwt') return { method, ...extra }
        return assertionClientAt(endpoint)(p, m)
      },
    }),
  })),
  {
    slug: 'client-assertion-jti-replay',
    title: (e) => `A client assertion presented a second time at the ${e} endpoint is refused`,
    summary: (e) =>
      `Authenticates a ${e} request with a fresh private_key_jwt assertion (the control, which must succeed), then presents the very same assertion again.`,
    spec: (endpoint) => ({
      expect: at(
        endpoint,
        withAssertions((p) => fromRule(p.jtiReplay)),
      ),
      client: assertionClientAt(endpoint),
      replay: true,
      errorCode: ASSERTION_ERROR,
    }),
  },
  {
    slug: 'client-assertion-expired',
    title: (e) => `An expired client assertion is refused at the ${e} endpoint`,
    summary: (e) =>
      `A ${e} request authenticated with a private_key_jwt assertion that expired ten minutes ago; the control is the same request with a fresh assertion.`,
    spec: (endpoint) => ({
      expect: at(
        endpoint,
        withAssertions(() => refusal(['RFC7523-3-4'])),
      ),
      client: assertionClientAt(endpoint),
      auth: () => [PrivateKeyJwt({ mutate: [expire(600)] })],
      errorCode: ASSERTION_ERROR,
    }),
  },
  {
    slug: 'client-assertion-alg-rs256',
    title: (e) => `A client assertion signed with RS256 at the ${e} endpoint`,
    summary: (e) =>
      `A private_key_jwt client with an RSA key authenticates a ${e} request with an RS256 assertion: accepted where the profile allows it and the target advertises it, refused where the profile forbids it (FAPI: PS256 or ES256 only).`,
    spec: (endpoint) => ({
      expect: at(
        endpoint,
        withAssertions((p, m) => algExpectation(p, m, 'RS256')),
      ),
      client: (p, m) => {
        const c = assertionClientAt(endpoint)(p, m)
        return isNotApplicable(c)
          ? c
          : {
              ...c,
              key: 'RSA-2048',
              ...(c.metadata?.backchannel_authentication_request_signing_alg
                ? {
                    metadata: {
                      ...c.metadata,
                      backchannel_authentication_request_signing_alg: 'PS256',
                    },
                  }
                : {}),
            }
      },
      auth: () => [PrivateKeyJwt({ alg: 'RS256' })],
      // the RSA client's control signs with its usual alg; an EC baseline makes the key itself the change
      variantIn: (p, m) => {
        const base = assertionBaseline(p, m)
        return !isNotApplicable(base) && base.key === 'RSA-2048' ? 'request' : 'client'
      },
      errorCode: ASSERTION_ERROR,
    }),
  },
  {
    slug: 'client-assertion-aud-other-server',
    title: (e) =>
      `A client assertion whose aud names another server is refused at the ${e} endpoint`,
    summary: (e) =>
      `A ${e} request authenticated with a private_key_jwt assertion whose aud is another server's token endpoint URL: it does not identify this authorization server (RFC 7523 §3), whatever values the endpoint's own aud rule admits.`,
    spec: (endpoint) => ({
      expect: at(
        endpoint,
        withAssertions((p) => fromRule(p.audience.other_server)),
      ),
      client: assertionClientAt(endpoint),
      auth: () => [PrivateKeyJwt({ mutate: [setAud('other_server')] })],
      errorCode: ASSERTION_ERROR,
    }),
  },
]

/** `endpoint-<endpoint>-<case>`: each case at each endpoint, one definition. */
export const endpointClientAuthModules: Module[] = (Object.keys(ENDPOINTS) as Endpoint[]).flatMap(
  (endpoint) =>
    CASES.map((c) =>
      defineAttempt({
        id: `endpoint-${ENDPOINTS[endpoint].slug}-${c.slug}`,
        title: c.title(endpoint),
        summary: c.summary(endpoint),
        surface: endpoint === 'backchannel_authentication' ? 'ciba' : 'client-authentication',
        endpoint,
        ...c.spec(endpoint),
      }),
    ),
)
