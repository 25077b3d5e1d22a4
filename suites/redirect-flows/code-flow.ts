import {
  accessTokenOf,
  authFor,
  jwtPayload,
  thumbprintS256,
  tokenBoundToCertificate,
  use,
  type CheckUse,
  authorizationClient,
  authorize,
  baselineClient,
  flowVariant,
  type Authorization,
  type AuthorizeOptions,
  inconclusive,
  isInconclusive,
  isNotApplicable,
  notApplicable,
  register,
  token,
  type Exchange,
  type Inconclusive,
  type ModuleContext,
  type NotApplicable,
  type RequirementId,
  type TestClient,
} from '../../src/index.js'
import { jsonBody } from '../../src/http/client.js'

/**
 * Step `register` of every redirect-flow module, with its preconditions: not applicable without an
 * authorization endpoint, a browser or the grants; inconclusive when the compliant client (the
 * profile's baseline, registered for the authorization_code grant and `grants`, and with
 * dpop_bound_access_tokens and a DPoP key where `binding` is `dpop`) is refused.
 */
export async function registerCodeClient(
  ctx: ModuleContext,
  requirements: readonly RequirementId[],
  grants: string[] = [],
  name = 'register',
  binding?: 'dpop',
): Promise<TestClient | NotApplicable | Inconclusive> {
  const { profile: p, metadata: m } = ctx
  if (typeof m.authorization_endpoint !== 'string')
    return notApplicable('the target advertises no authorization_endpoint', requirements)
  if (!ctx.browser)
    return notApplicable(
      `no browser for the redirect flow: ${ctx.noBrowser ?? 'none is available'}`,
      requirements,
    )
  const supported = m.grant_types_supported
  for (const g of ['authorization_code', ...grants]) {
    if (Array.isArray(supported) && !supported.includes(g))
      return notApplicable(
        `the target does not offer the ${g} grant (grant_types_supported: ${supported.join(', ')})`,
        requirements,
      )
  }
  const like = authorizationClient(p)
  const base = baselineClient(p, m, {
    ...like,
    grant_types: [...(like.grant_types ?? []), ...grants],
  })
  if (isNotApplicable(base)) return base
  const spec = binding ? { ...base, binding } : base
  const reg = await register(
    ctx,
    spec,
    name,
    ...(binding
      ? [
          `register a ${spec.method} client for ${spec.grant_types?.join(', ')} with dpop_bound_access_tokens`,
        ]
      : []),
  )
  if (reg.kind === 'unavailable') return notApplicable(reg.reason, requirements)
  if (reg.kind === 'refused')
    return inconclusive(
      `registration of the ${spec.method} client for ${spec.grant_types?.join(', ')}${binding ? ' with dpop_bound_access_tokens' : ''} was refused (${reg.answer})`,
      requirements,
      'shall',
    )
  return reg.client
}

/**
 * Steps `register` and `authorize` of a negative at the authorization endpoint: a client for the
 * code flow, then its unchanged authorization request in the browser (the control, `what`: how it
 * is sent), which must come back with a code. Where it does not, the module is inconclusive
 * (`keep`): a refusal of the variant would prove nothing.
 */
export async function authorizedControl(
  ctx: ModuleContext,
  requirements: readonly RequirementId[],
  keep: (why: string) => Inconclusive,
  what: string,
  title: string,
  options: AuthorizeOptions = {},
): Promise<
  | { client: TestClient; control: Extract<Authorization, { kind: 'callback' }> }
  | NotApplicable
  | Inconclusive
> {
  const registered = await registerCodeClient(ctx, requirements)
  if (isNotApplicable(registered)) return registered
  if (isInconclusive(registered)) return keep(registered.inconclusive)
  const c = await authorize(ctx, registered, 'authorize', title, options)
  if (c.kind === 'failed') return keep(`the control (${what}) failed: ${authorizationFailure(c)}`)
  if (!c.params.code)
    return keep(
      `the control (${what}) was not answered with a code (${c.params.error ?? (Object.keys(c.params).join(', ') || 'no parameters')})`,
    )
  return { client: registered, control: c }
}

/** A code flow that reached the token response (steps register, authorize, token). */
export interface CompletedCodeFlow {
  client: TestClient
  /** The authorization request's parameters (client_id, scope, nonce, ...). */
  request: Record<string, string>
  authorization: Extract<Authorization, { kind: 'callback' }>
  tokenResponse: Exchange
  variant: Record<string, string>
}

/**
 * The authorization code flow of a correct client, as the preconditions of a module that judges
 * what comes after it (the ID Token, the refresh token): not applicable without an authorization
 * endpoint, a browser or the authorization_code grant; inconclusive when the registration, the
 * browser or the code exchange does not succeed (authorization-code-flow judges those).
 */
export async function completeCodeFlow(
  ctx: ModuleContext,
  requirements: readonly RequirementId[],
  grants: string[] = [],
): Promise<CompletedCodeFlow | NotApplicable | Inconclusive> {
  const client = await registerCodeClient(ctx, requirements, grants)
  if (isNotApplicable(client) || isInconclusive(client)) return client
  const reg = { client }
  const a = await authorize(ctx, reg.client)
  if (a.kind === 'failed')
    return inconclusive(
      `the authorization request did not complete: ${a.step}: ${a.reason}`,
      requirements,
      'shall',
    )
  if (!a.params.code)
    return inconclusive(
      `the authorization response carries no code (${a.params.error ?? 'no error either'})`,
      requirements,
      'shall',
    )
  const t = await token(ctx, reg.client, a)
  if (!t.ok)
    return inconclusive(
      `the code exchange was refused: HTTP ${t.exchange.response?.status ?? 'none'}`,
      requirements,
      'shall',
    )
  return {
    client: reg.client,
    request: a.request,
    authorization: a,
    tokenResponse: t.exchange,
    variant: flowVariant(ctx, reg.client, a),
  }
}

/** The refresh_token of a token response's JSON body, if it carries one (RFC 6749 §5.1: OPTIONAL). */
export function refreshTokenOf(tokenResponse: Exchange): string | undefined {
  const body = jsonBody(tokenResponse)
  const v =
    body.ok && body.value && typeof body.value === 'object'
      ? (body.value as Record<string, unknown>).refresh_token
      : undefined
  return typeof v === 'string' ? v : undefined
}

/** The GET of the AS's jwks_uri (step `jwks`), to verify what it signed; undefined without a jwks_uri. */
export async function fetchJwks(ctx: ModuleContext, what: string): Promise<Exchange | undefined> {
  const m = ctx.metadata
  ctx.sim.step('jwks', `the AS's JSON Web Key Set (jwks_uri), to verify ${what}`)
  const jwks = typeof m.jwks_uri === 'string' ? await ctx.sim.get('jwks', m.jwks_uri) : undefined
  ctx.sim.outcome(
    jwks
      ? `HTTP ${jwks.response?.status ?? jwks.transport_error?.code}`
      : 'the target advertises no jwks_uri',
  )
  return jwks
}

/**
 * Where the profile requires sender-constrained tokens: the access token of the code exchange is
 * bound to the certificate the client presented (RFC 8705 §3), read from a JWT access token's
 * cnf, or else from introspection authenticated as the client (step `introspect`, §3.2); the
 * token-bound-to-certificate check of the mtls surface judges it. Nothing where the profile does
 * not require it, or the client presented no certificate.
 */
export async function certificateBinding(
  ctx: ModuleContext,
  client: TestClient,
  tokenResponse: Exchange,
): Promise<CheckUse<any>[]> {
  const p = ctx.profile
  if (!p.senderConstrained.required || !client.identity) return []
  const requirements: RequirementId[] = [...p.senderConstrained.requirements]
  const expected = thumbprintS256(client.identity.certPem)
  const accessToken = accessTokenOf(tokenResponse)
  const claims = accessToken ? jwtPayload(accessToken) : undefined
  const cnf =
    claims?.cnf && typeof claims.cnf === 'object'
      ? (claims.cnf as Record<string, unknown>)['x5t#S256']
      : undefined
  if (!accessToken) return []
  const introspectable = typeof ctx.metadata.introspection_endpoint === 'string'
  // a JWT access token shows its binding (§3.1); an opaque one only through introspection (§3.2),
  // and without an introspection endpoint the mtls-bound-token-resource modules judge the binding
  if (cnf !== undefined || (claims && !introspectable))
    return [
      use(
        tokenBoundToCertificate,
        { token: tokenResponse, expected },
        requirements,
        'shall',
        'token',
      ),
    ]
  if (!introspectable) return []
  ctx.sim.step(
    'introspect',
    'introspection of the access token, authenticated as the client: its certificate binding (RFC 8705 §3.2)',
  )
  const introspection = await ctx.sim.call(
    'introspection',
    { token: accessToken, token_type_hint: 'access_token' },
    client,
    [authFor(client.token_endpoint_auth_method)],
    ctx.audience,
    { allowTransportError: true },
  )
  ctx.sim.outcome(`HTTP ${introspection.response?.status ?? introspection.transport_error?.code}`)
  return [
    use(
      tokenBoundToCertificate,
      { token: tokenResponse, introspection, expected },
      requirements,
      'shall',
      'introspect',
    ),
  ]
}

/** How a browser step failed, in one line: the step, the reason and the page it stopped at. */
export function authorizationFailure(a: {
  step: string
  reason: string
  pageUrl?: string
}): string {
  return `${a.step}: ${a.reason}${a.pageUrl ? ` at ${a.pageUrl}` : ''}`
}
