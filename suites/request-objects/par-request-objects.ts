import {
  assertionClient,
  authFor,
  authorizationClient,
  defineAttempt,
  dropClaim,
  expire,
  fromRule,
  getKey,
  isNotApplicable,
  nbfInPast,
  notApplicable,
  PlainAuthenticationRequest,
  setAud,
  signWithAlg,
  signWithKey,
  SignedAuthorizationRequest,
  unsigned,
  withAssertions,
  type ClientAuth,
  type ErrorCodeRule,
  type ForbiddenResponseTypeCase,
  type Module,
  type ModuleContext,
  type Profile,
  type RequestObjectCase,
  type RequestObjectOptions,
  type ServerMetadata,
  type TestClient,
} from '../../src/index.js'

/** RFC 9101 §6.2: a key that is not the client's, or a signature that does not verify: invalid_request_object. */
const SIGNATURE_ERROR: ErrorCodeRule = {
  codes: ['invalid_request_object'],
  requirements: ['RFC9101-6.2'],
  level: 'shall',
}

/** RFC 9126 §2.3: where signed request objects are required, any other request gets 400 invalid_request. */
const UNSIGNED_ERROR: ErrorCodeRule = {
  codes: ['invalid_request'],
  requirements: ['RFC9126-2.3-2'],
  level: 'shall',
}

interface Case {
  case: RequestObjectCase
  id: string
  title: string
  what: string
  /** The request form of the variant: a signed request object with one property changed, or none. */
  form: (client: TestClient, ctx: ModuleContext) => ClientAuth
  errorCode?: ErrorCodeRule
  /** The client's key kind, where the case needs one (RS256 needs an RSA key). */
  key?: 'RSA-2048'
}

const signed = (opts: RequestObjectOptions) => () => SignedAuthorizationRequest(opts)

const CASES: Case[] = [
  {
    case: 'unsigned',
    id: 'par-request-object-required',
    title: 'A pushed authorization request without a request object is refused',
    what: 'the same authorization request as plain form parameters, without a request object',
    form: () => PlainAuthenticationRequest(),
    errorCode: UNSIGNED_ERROR,
  },
  {
    case: 'invalid_signature',
    id: 'request-object-invalid-signature',
    title: 'A request object whose signature does not verify is refused',
    what: "a request object signed with another key under the kid of the client's registered key, so its signature does not verify",
    form: (c) =>
      SignedAuthorizationRequest({
        mutate: [signWithKey(getKey(c.key!.kind, 2), { keepKid: true })],
      }),
    errorCode: SIGNATURE_ERROR,
  },
  {
    case: 'foreign_key',
    id: 'request-object-foreign-key',
    title: "A request object signed with a key that is not the client's is refused",
    what: 'a request object signed with a key the client never registered, named by its own kid',
    form: (c) => SignedAuthorizationRequest({ mutate: [signWithKey(getKey(c.key!.kind, 1))] }),
    errorCode: SIGNATURE_ERROR,
  },
  {
    case: 'alg_none',
    id: 'request-object-alg-none',
    title: 'An unsigned (alg none) request object is refused',
    what: 'an unsecured request object (alg none, empty signature)',
    form: signed({ mutate: [unsigned()] }),
  },
  {
    case: 'alg_rs256',
    id: 'request-object-alg-rs256',
    title: 'A request object signed with RS256 is refused',
    what: "a request object signed with the client's RSA key but RS256 (RSASSA-PKCS1-v1_5)",
    form: signed({ mutate: [signWithAlg('RS256')] }),
    key: 'RSA-2048',
  },
  {
    case: 'aud_other',
    id: 'request-object-wrong-aud',
    title: 'A request object whose aud is another server is refused',
    what: "a request object whose aud is another server's URL",
    form: signed({ mutate: [setAud('other_server')] }),
  },
  {
    case: 'aud_issuer_in_array',
    id: 'request-object-aud-issuer-in-array',
    title: 'A request object whose aud is an array holding the issuer is accepted',
    what: 'a request object whose aud is an array holding the issuer identifier',
    form: signed({ mutate: [setAud('issuer_in_array')] }),
  },
  {
    case: 'missing_exp',
    id: 'request-object-missing-exp',
    title: 'A request object without exp is refused',
    what: 'a request object without exp',
    form: signed({ mutate: [dropClaim('exp')] }),
  },
  {
    case: 'missing_nbf',
    id: 'request-object-missing-nbf',
    title: 'A request object without nbf is refused',
    what: 'a request object without nbf',
    form: signed({ mutate: [dropClaim('nbf')] }),
  },
  {
    case: 'expired',
    id: 'request-object-expired',
    title: 'An expired request object is refused',
    what: 'a request object that expired 10 minutes ago (iat and nbf a minute before that)',
    form: signed({ mutate: [expire(600)] }),
  },
  {
    case: 'missing_pkce',
    id: 'request-object-without-pkce',
    title: 'A pushed request object without PKCE is refused',
    what: 'a request object without code_challenge and code_challenge_method',
    form: signed({ mutate: [dropClaim('code_challenge'), dropClaim('code_challenge_method')] }),
  },
  {
    case: 'lifetime',
    id: 'request-object-lifetime-over-60-minutes',
    title: 'A request object whose exp lies more than 60 minutes after its nbf is refused',
    what: 'a request object whose exp lies 65 minutes after its nbf',
    form: (_c, ctx) =>
      SignedAuthorizationRequest({
        lifetime: (ctx.profile.requestObject?.maxLifetimeSeconds ?? 3600) + 300,
      }),
  },
  {
    case: 'nbf_old',
    id: 'request-object-nbf-over-60-minutes-old',
    title: 'A request object whose nbf lies more than 60 minutes in the past is refused',
    what: 'a request object whose nbf lies 65 minutes in the past (iat now, exp 5 minutes ahead, so it has not expired)',
    form: (_c, ctx) =>
      SignedAuthorizationRequest({
        mutate: [nbfInPast((ctx.profile.requestObject?.maxNbfAgeSeconds ?? 3600) + 300)],
      }),
  },
  {
    case: 'missing_scope',
    id: 'request-object-without-scope',
    title: 'A request object without scope',
    what: 'a request object without scope',
    form: signed({ mutate: [dropClaim('scope')] }),
  },
  {
    case: 'missing_redirect_uri',
    id: 'request-object-without-redirect-uri',
    title: 'A request object without redirect_uri is refused',
    what: 'a request object without redirect_uri (the client has one registered redirect URI, which a server could wrongly fill in)',
    form: signed({ mutate: [dropClaim('redirect_uri')] }),
  },
  {
    case: 'missing_nonce',
    id: 'request-object-without-nonce',
    title: 'A request object that asks for openid without a nonce is refused',
    what: 'a request object whose scope holds openid but that carries no nonce',
    form: signed({ mutate: [dropClaim('nonce')] }),
  },
]

const expectCase = (kase: RequestObjectCase) =>
  withAssertions((p: Profile) =>
    p.requestObject
      ? fromRule(p.requestObject.rules[kase])
      : notApplicable(
          `${p.title} does not require signed request objects (FAPI 1.0 Part 2 §5.2.2-1 does; FAPI 2.0 Security Profile leaves them to FAPI 2.0 Message Signing)`,
        ),
  )

const parClient = (key?: 'RSA-2048') => (p: Profile, m: ServerMetadata) => {
  const c = assertionClient(p, m, authorizationClient(p))
  return isNotApplicable(c) || !key ? c : { ...c, key }
}

/**
 * Request objects (RFC 9101) pushed to the PAR endpoint (RFC 9126 §3), where the profile requires
 * them. The control is the client's correct pushed request: a signed request object (PS256/ES256,
 * aud = issuer, exp = nbf + 5 minutes), answered 201 with a request_uri; the variant is the same
 * authorization request with exactly one property of the request object changed, or without one.
 */
export const requestObjectModules: Module[] = CASES.map((c) =>
  defineAttempt({
    id: c.id,
    title: c.title,
    summary: `A private_key_jwt client pushes a complete authorization request as a signed request object (the control, which must be answered 201 with a request_uri), then ${c.what}; the profile says whether the server must accept or refuse it.`,
    endpoint: 'pushed_authorization_request',
    expect: expectCase(c.case),
    client: parClient(c.key),
    auth: (client, ctx) => [c.form(client, ctx), authFor(client.token_endpoint_auth_method)],
    variantIn: 'request',
    ...(c.errorCode ? { errorCode: c.errorCode } : {}),
  }),
)

/** RFC 9126 §2.1: a pushed authorization request carrying a request_uri form parameter is refused. */
export const parRequestUriModules: Module[] = [
  defineAttempt({
    id: 'par-request-uri-refused',
    title: 'A pushed authorization request that carries a request_uri is refused',
    summary:
      'A private_key_jwt client pushes a complete authorization request (the control, which must be answered 201), then the same request with a request_uri form parameter added (RFC 9126 §2.1: the AS rejects it).',
    endpoint: 'pushed_authorization_request',
    expect: withAssertions((p) =>
      p.parRequestUri
        ? fromRule(p.parRequestUri)
        : notApplicable(
            `${p.title} sets no rule for a request_uri sent to the pushed authorization request endpoint`,
          ),
    ),
    client: parClient(),
    variantParams: (params) => ({
      ...params,
      request_uri: 'urn:ietf:params:oauth:request_uri:fapi-harness-not-a-pushed-request',
    }),
  }),
]

interface ResponseTypeCase {
  case: ForbiddenResponseTypeCase
  id: string
  title: string
  what: string
  edit(params: Record<string, string>): Record<string, string>
}

const RESPONSE_TYPE_CASES: ResponseTypeCase[] = [
  {
    case: 'code_without_jarm',
    id: 'response-type-code-without-jarm-refused',
    title:
      'A pushed authorization request for response_type code without response_mode jwt is refused',
    what: 'the same request with response_type code and no response_mode (no JARM); the client registered response type code for its JARM flow',
    edit: ({ response_mode: _, ...params }) => ({ ...params, response_type: 'code' }),
  },
  {
    case: 'code_id_token',
    id: 'response-type-code-id-token-refused',
    title: 'A pushed authorization request for response_type code id_token is refused',
    what: 'the same request with response_type code id_token',
    edit: (params) => ({ ...params, response_type: 'code id_token' }),
  },
  {
    case: 'token',
    id: 'response-type-token-refused',
    title: 'A pushed authorization request for response_type token is refused',
    what: 'the same request with response_type token',
    edit: (params) => ({ ...params, response_type: 'token' }),
  },
]

/**
 * Response types the profile forbids (FAPI 1.0 Part 2 §5.2.2-2, FAPI 2.0 §5.3.2.2-1), pushed to the
 * PAR endpoint: the control is the client's correct pushed request (the profile's response type,
 * answered 201 with a request_uri), the variant the same request with only the response type (and
 * response_mode) changed. A refusal there issues no code; a request_uri for it fails.
 */
export const responseTypeModules: Module[] = RESPONSE_TYPE_CASES.map((c) =>
  defineAttempt({
    id: c.id,
    title: c.title,
    summary: `A client pushes its complete authorization request (the control, which must be answered 201 with a request_uri), then ${c.what}: where the profile forbids that response type, the server must refuse it.`,
    endpoint: 'pushed_authorization_request',
    expect: withAssertions((p) => {
      const rule = p.forbiddenResponseTypes?.[c.case]
      return rule ? fromRule(rule) : notApplicable(`${p.title} does not forbid this response type`)
    }),
    client: (p, m) => assertionClient(p, m, authorizationClient(p)),
    variantParams: (params) => c.edit(params),
  }),
)

/**
 * FAPI 2.0 §5.3.2.2-6 (and FAPI 1.0 Part 1 §5.2.2-9 where the client pushes plain parameters): a
 * pushed authorization request without redirect_uri is refused, although the client registered
 * one redirect URI the server could fill in (RFC 6749 §3.1.2.3). Where the profile's client pushes
 * signed request objects, request-object-without-redirect-uri judges the same clause.
 */
export const parRedirectUriModules: Module[] = [
  defineAttempt({
    id: 'par-without-redirect-uri',
    title: 'A pushed authorization request without redirect_uri is refused',
    summary:
      'A client that registered exactly one redirect URI pushes its complete authorization request (the control, which must be answered 201 with a request_uri), then the same request without redirect_uri: where the profile requires the parameter (FAPI 2.0 §5.3.2.2-6), the server must refuse it rather than fill in the registered URI.',
    endpoint: 'pushed_authorization_request',
    expect: withAssertions((p) => {
      if (!p.redirectUriRequired)
        return notApplicable(
          `${p.title} does not require redirect_uri: RFC 6749 §4.1.1 makes it OPTIONAL and §3.1.2.3 lets the server use the one registered URI`,
        )
      if (p.requestObject?.rules.unsigned.expect === 'refuse')
        return notApplicable(
          `${p.title} has the client push signed request objects: request-object-without-redirect-uri judges the redirect_uri rule there`,
        )
      return fromRule(p.redirectUriRequired)
    }),
    client: (p, m) => assertionClient(p, m, authorizationClient(p)),
    variantParams: ({ redirect_uri: _, ...params }) => params,
  }),
]
