import { randomBytes } from 'node:crypto'
import attemptAccepted, { type AcceptedKind } from '../checks/token-endpoint/attempt-accepted.js'
import { oauthError } from '../checks/token-endpoint/oauth-error.js'
import { authFor } from '../client/auth/index.js'
import type { ClientAuth } from '../client/auth/types.js'
import {
  DEFAULT_REDIRECT_URI,
  type ClientSpec,
  type Endpoint,
  type Granted,
  type SimulatorOptions,
} from '../client/simulator.js'
import type { ServerMetadata, TestClient } from '../client/types.js'
import type { ModuleContext } from './module.js'
import { pkcePair } from '../client/pkce.js'
import { DpopProofVariation, type DpopVariation } from '../client/dpop.js'
import { buildAuthorizationRequestObject } from '../client/request-object.js'
import { jsonBody } from '../http/client.js'
import { decodeJwt } from 'jose'
import type { AudienceKind, AuthorizationRequestMethod, Profile } from './profile.js'
import type { Exchange } from './result.js'
import type { LoginStep, RefusalResult } from './browser.js'

/**
 * The named steps every module is built from (register, control, variant), one flow engine for
 * token requests, mTLS, CIBA and the browser's redirect flows (authorize, token). A step records its exchanges under its
 * name (Simulator.step) and says how it ended; judging stays with the checks the module names.
 */

/** The CIBA grant type (CIBA Core §10.1). */
export const CIBA_GRANT = 'urn:openid:params:grant-type:ciba'

/** The device authorization grant type (RFC 8628 §3.4). */
export const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code'

/** What a correct request to each endpoint is answered with (see attempt-accepted). */
const ACCEPTED: Record<Endpoint, AcceptedKind | undefined> = {
  token: 'token',
  backchannel_authentication: 'backchannel_authentication',
  revocation: 'revocation',
  pushed_authorization_request: 'pushed_authorization_request',
  introspection: 'introspection',
  registration: undefined,
  device_authorization: 'device_authorization',
}

export function acceptedKind(endpoint: Endpoint): AcceptedKind {
  const k = ACCEPTED[endpoint]
  if (!k) throw new TypeError(`no success response is defined for the ${endpoint} endpoint`)
  return k
}

/** Whether an exchange is the success a correct request to `endpoint` gets. */
export function succeeded(x: Exchange, endpoint: Endpoint): boolean {
  const v = attemptAccepted.evaluate({ response: x, kind: acceptedKind(endpoint) })
  return v.ok
}

/** How an exchange ended, in one line: `HTTP 400 invalid_scope`, `no HTTP response: ECONNRESET`. */
export function answer(x: Exchange | undefined): string {
  if (!x) return 'nothing sent'
  if (x.transport_error) return `no HTTP response: ${x.transport_error.code}`
  const e = oauthError(x)!
  return `HTTP ${e.status}${e.error ? ` ${e.error}` : ''}`
}

/** The first redirect URI the harness registers (configured, or its loopback default). */
export function redirectUri(ctx: ModuleContext): string {
  const configured = ctx.sim.params.registrationMetadata?.redirect_uris
  return Array.isArray(configured) && typeof configured[0] === 'string'
    ? configured[0]
    : DEFAULT_REDIRECT_URI
}

/** The configured scope with `openid` added (CIBA Core §7.1 requires it; so does an ID Token). */
function cibaScope(scope: string | undefined): string {
  if (!scope) return 'openid'
  return scope.split(' ').includes('openid') ? scope : `openid ${scope}`
}

/**
 * The form of a correct request to `endpoint`, with what the target needs from the configuration
 * (`scope`, `token_request.params`, the CIBA hints).
 */
export function requestParams(ctx: ModuleContext, endpoint: Endpoint): Record<string, string> {
  const t = ctx.sim.params
  switch (endpoint) {
    case 'backchannel_authentication': {
      const c = t.ciba ?? {}
      const hint: Record<string, string> = c.login_hint_token
        ? { login_hint_token: c.login_hint_token }
        : c.id_token_hint
          ? { id_token_hint: c.id_token_hint }
          : { login_hint: c.login_hint ?? 'fapi-harness-user' }
      const binding = c.binding_message ?? ctx.profile.cibaBindingMessage
      return {
        scope: cibaScope(t.scope),
        ...hint,
        ...(binding ? { binding_message: binding } : {}),
      }
    }
    case 'token':
      return {
        grant_type: 'client_credentials',
        ...(t.scope ? { scope: t.scope } : {}),
        ...t.tokenParams,
      }
    case 'pushed_authorization_request':
      return authorizationRequest(ctx)
    case 'revocation':
      return { token: 'fapi-harness-not-a-token', token_type_hint: 'access_token' }
    case 'device_authorization':
      // RFC 8628 §3.1: scope is OPTIONAL
      return t.scope ? { scope: t.scope } : {}
    default:
      return {}
  }
}

/**
 * A complete authorization request, as pushed to the PAR endpoint (RFC 9126 §2.1): the profile's
 * response_type, the registered redirect URI, PKCE S256 (RFC 7636), state, and a nonce only where
 * the scope asks for OpenID Connect (an OP may refuse a nonce without `openid`).
 */
export function authorizationRequest(
  ctx: ModuleContext,
  pkce: Pick<ReturnType<typeof pkcePair>, 'params'> = pkcePair(),
): Record<string, string> {
  const responseType = ctx.profile.authorizationResponseType ?? 'code'
  // an ID Token in the response is OpenID Connect: its scope carries openid (OIDC Core §3.3.2.1)
  const configured = ctx.sim.params.scope
  const scope = !configured
    ? 'openid'
    : responseType.includes('id_token')
      ? cibaScope(configured)
      : configured
  const oidc = scope.split(' ').includes('openid')
  return {
    response_type: responseType,
    scope,
    redirect_uri: redirectUri(ctx),
    ...pkce.params,
    // a fresh state per request (RFC 6749 §10.12), so a callback is tied to the request it answers
    state: `fapi-harness-${randomBytes(9).toString('base64url')}`,
    ...(oidc ? { nonce: 'fapi-harness-nonce' } : {}),
  }
}

/**
 * The grants and response types a client registers to push authorization requests of its profile
 * (with `code` too where the profile's client also uses JARM, which answers response_type code).
 */
export function authorizationClient(p: Profile): Pick<ClientSpec, 'grant_types' | 'metadata'> {
  const rt = p.authorizationResponseType ?? 'code'
  const types = p.authorizationRequest?.jarm && rt !== 'code' ? [rt, 'code'] : [rt]
  return {
    grant_types: rt === 'code' ? ['authorization_code'] : ['authorization_code', 'implicit'],
    metadata: { response_types: types },
  }
}

/**
 * How a correct client of the profile sends an authorization request: pushed where PAR is required
 * (RFC 9126), a signed request object by value where request objects are required (RFC 9101,
 * OIDC Core §6.1), plain query parameters otherwise.
 */
export function authorizationRequestMethod(p: Profile): AuthorizationRequestMethod {
  const r = p.authorizationRequest
  if (r?.par.use === 'required') return 'par'
  if (r?.requestObject.use === 'required') return 'jar'
  return 'plain'
}

/**
 * How a correct client of the profile behaves, as simulator options: it binds tokens to its
 * certificate where sender-constrained tokens are required, signs backchannel requests where
 * the profile requires signed ones (FAPI-CIBA §5.2.2-6), and pushes authorization requests as
 * signed request objects where the profile requires them (FAPI 1.0 Part 2 §5.2.2-1).
 */
export function profileClient(
  p: Profile,
): Pick<
  SimulatorOptions,
  'senderConstrained' | 'signBackchannelRequests' | 'signAuthorizationRequests'
> {
  return {
    senderConstrained: p.senderConstrained.required,
    ...(p.cibaSignedRequest?.unsigned.expect === 'refuse' ? { signBackchannelRequests: true } : {}),
    ...(p.requestObject?.rules.unsigned.expect === 'refuse' ||
    p.authorizationRequest?.requestObject.use === 'required'
      ? { signAuthorizationRequests: true }
      : {}),
  }
}

/**
 * Whether a correct client binds its tokens with DPoP rather than its certificate: the profile
 * requires sender-constrained tokens and admits DPoP for them (FAPI 2.0 §5.3.2.1-5), and the target
 * advertises DPoP (RFC 9449 §5.1) but not certificate-bound tokens (RFC 8705 §3.3).
 */
export function dpopPreferred(p: Profile, m: ServerMetadata): boolean {
  return (
    p.senderConstrained.required &&
    p.senderConstrained.requirements.includes('FAPI2-SP-FINAL-5.3.2.1-5') &&
    Array.isArray(m.dpop_signing_alg_values_supported) &&
    m.tls_client_certificate_bound_access_tokens !== true
  )
}

/** How a registration ended. */
export type Registration =
  | { kind: 'registered'; client: TestClient; exchange?: Exchange; granted?: Granted }
  | { kind: 'unavailable'; reason: string }
  | {
      kind: 'refused'
      exchange: Exchange
      /** The refusal names the client metadata (RFC 7591 §3.2.2 invalid_client_metadata). */
      namesMetadata: boolean
      answer: string
    }

/** Step `register` (or another name): obtains a client for the spec and says how it ended. */
export async function register(
  ctx: ModuleContext,
  spec: ClientSpec,
  name = 'register',
  title = `register a ${spec.method} client`,
): Promise<Registration> {
  ctx.sim.step(name, title)
  const o = await ctx.sim.obtainClient(spec)
  if (o.unavailable) {
    ctx.sim.outcome(`unavailable: ${o.unavailable}`)
    return { kind: 'unavailable', reason: o.unavailable }
  }
  if (o.client) {
    const replaced = o.granted?.replaced.length ? `; replaced ${o.granted.replaced.join(', ')}` : ''
    ctx.sim.outcome(
      o.client.source === 'config'
        ? `configured client ${o.client.client_id}`
        : `registered as ${o.granted?.granted.token_endpoint_auth_method}${replaced}`,
    )
    return {
      kind: 'registered',
      client: o.client,
      ...(o.registration ? { exchange: o.registration } : {}),
      ...(o.granted ? { granted: o.granted } : {}),
    }
  }
  const x = o.registration!
  const e = oauthError(x)
  const namesMetadata = Boolean(
    e && e.status >= 400 && e.status < 500 && e.error === 'invalid_client_metadata',
  )
  ctx.sim.outcome(`refused: ${answer(x)}`)
  return { kind: 'refused', exchange: x, namesMetadata, answer: answer(x) }
}

/** Whether a client authenticates with a JWT assertion, whose aud the control may have to adapt. */
const assertionBased = (c: TestClient) =>
  c.token_endpoint_auth_method === 'private_key_jwt' ||
  c.token_endpoint_auth_method === 'client_secret_jwt'

/**
 * Step `control`: the request exactly as a correct client sends it. Succeeds or the module is
 * inconclusive. Where the target refuses the aud the profile prefers and nothing pins it, the
 * other value the profile does not forbid is tried once, and adopted for the rest of the run.
 */
export async function control(
  ctx: ModuleContext,
  endpoint: Endpoint,
  params: Record<string, string>,
  client: TestClient,
  auths: () => ClientAuth[] = () => [authFor(client.token_endpoint_auth_method)],
  opts: { name?: string; title?: string } = {},
): Promise<{ exchange: Exchange; ok: boolean }> {
  ctx.sim.step(
    opts.name ?? 'control',
    opts.title ?? `the unchanged request to the ${endpoint} endpoint, which must succeed`,
  )
  let exchange = await ctx.sim.call(endpoint, params, client, auths(), ctx.audience)
  let ok = succeeded(exchange, endpoint)
  if (
    !ok &&
    !ctx.audiencePinned &&
    assertionBased(client) &&
    oauthError(exchange)?.error === 'invalid_client'
  ) {
    const other = fallbackAudience(ctx)
    if (other) {
      const retry = await ctx.sim.call(endpoint, params, client, auths(), other)
      if (succeeded(retry, endpoint)) {
        ctx.audience = other
        ctx.learned.audience = other
        exchange = retry
        ok = true
      }
    }
  }
  ctx.sim.outcome(
    ok
      ? `succeeded: ${answer(exchange)}${ctx.learned.audience === ctx.audience && !ctx.audiencePinned ? ` (aud = ${ctx.audience})` : ''}`
      : `refused: ${answer(exchange)}`,
  )
  return { exchange, ok }
}

/** The other aud value to try: issuer ↔ token endpoint, where the profile does not forbid it. */
function fallbackAudience(ctx: ModuleContext): AudienceKind | undefined {
  const other: AudienceKind = ctx.audience === 'issuer' ? 'token_endpoint' : 'issuer'
  return ctx.profile.audience[other].expect === 'refuse' ? undefined : other
}

/** Step `variant` (or another name): the request with exactly the property under test changed. */
export async function variant(
  ctx: ModuleContext,
  endpoint: Endpoint,
  params: Record<string, string>,
  client: TestClient,
  auths: ClientAuth[],
  title: string,
  name = 'variant',
): Promise<Exchange> {
  ctx.sim.step(name, title)
  const x = await ctx.sim.call(endpoint, params, client, auths, ctx.audience)
  ctx.sim.outcome(answer(x))
  return x
}

/** How an authorization request in the browser ended (step `authorize`). */
export type Authorization =
  | {
      kind: 'callback'
      /** The authorization request's parameters (client_id included), as the client built them. */
      request: Record<string, string>
      /** How they reached the AS: query parameters, a request object by value, or pushed. */
      method: AuthorizationRequestMethod
      /** The response_mode sent; undefined: the response type's default. */
      responseMode?: string
      /** The PKCE verifier of the request's S256 challenge (RFC 7636 §4.1), for the token request. */
      verifier: string
      /** The authorization request URL the browser was sent to. */
      url: string
      /** The full callback URL, query and fragment. */
      callbackUrl: string
      /**
       * The authorization response parameters (query, fragment or form_post); for JARM, the claims
       * of the `response` JWT, decoded but not verified (the checks verify it), plus `state`.
       */
      params: Record<string, string>
      /** The parameters of the callback itself (for JARM: `response` and `state`, where the AS sends it outside). */
      raw: Record<string, string>
      /** The JARM `response` JWT (response_mode jwt). */
      jarm?: string
      /** The pushed authorization request (RFC 9126 §2.2 answer), for method `par`. */
      par?: Exchange
      durationMs: number
    }
  | { kind: 'failed'; url: string; step: string; reason: string; pageUrl?: string; par?: Exchange }

/** What a module may change in the correct client's authorization request. */
export interface AuthorizeOptions {
  /** response_type other than the profile's (e.g. `code` for JARM). */
  responseType?: string
  /** response_mode to send (e.g. `jwt`, JARM). */
  responseMode?: string
  /** The request with exactly one change (a negative's variant): applied to the request as built. */
  edit?: (request: Record<string, string>) => Record<string, string>
  /** How to send it where not as the profile's client does (e.g. `par` where the target offers PAR but the profile does not require it). */
  method?: AuthorizationRequestMethod
  /**
   * For a DPoP client's pushed request: how its DPoP header differs from a correct client's (which
   * sends a proof and dpop_jkt): `omit` sends no header (dpop_jkt only where `edit` adds it),
   * `noDpopJkt` the header without dpop_jkt (RFC 9449 §10.1).
   */
  parDpop?: DpopVariation
  /**
   * Query parameters of the authorization endpoint sent beside `request` or `request_uri`, not
   * inside the request object (a negative's variant, e.g. a state only outside it); for `plain`,
   * more query parameters.
   */
  outside?: Record<string, string>
}

/** The string claims of a JWT payload, decoded without verification; undefined when it is not one. */
export function jwtClaims(jwt: string): Record<string, string> | undefined {
  try {
    const out: Record<string, string> = {}
    for (const [k, v] of Object.entries(decodeJwt(jwt)))
      out[k] = typeof v === 'string' ? v : JSON.stringify(v)
    return out
  } catch {
    return undefined
  }
}

/**
 * Step `authorize` (or another name): the authorization request of a correct client (the
 * profile's response_type, PKCE S256, state, a nonce where openid) sent as the profile says
 * (authorizationRequestMethod): pushed first in step `<name>-par` (RFC 9126 §2, with the client's
 * authentication and, where request objects are required, as a signed request object), then the
 * browser goes to the authorization endpoint with client_id and request_uri only; or a request
 * object signed with the client's key by value, with response_type, client_id and scope
 * duplicated as query parameters (OIDC Core §6.1); or plain query parameters. The end-user logs
 * in and consents, and the callback to the redirect URI is returned.
 */
export async function authorize(
  ctx: ModuleContext,
  client: TestClient,
  name = 'authorize',
  title = 'the authorization request in the browser: login, consent, redirect to the client',
  options: AuthorizeOptions | ((request: Record<string, string>) => Record<string, string>) = {},
): Promise<Authorization> {
  // a function is an edit of the request (authorizationUrl), the other form the profile's options
  const opts: AuthorizeOptions = typeof options === 'function' ? { edit: options } : options
  const endpoint = ctx.metadata.authorization_endpoint
  if (!ctx.browser) throw new TypeError('authorize needs ctx.browser (check it before the step)')
  if (typeof endpoint !== 'string')
    throw new TypeError('authorize needs an authorization_endpoint (check it before the step)')
  const pkce = pkcePair()
  ctx.sim.secrets.add(pkce.verifier)
  const base = authorizationRequest(ctx, pkce)
  const unchanged: Record<string, string> = {
    ...base,
    ...(opts.responseType ? { response_type: opts.responseType } : {}),
    ...(opts.responseMode ? { response_mode: opts.responseMode } : {}),
    client_id: client.client_id,
  }
  const request = opts.edit ? opts.edit(unchanged) : unchanged
  const method = opts.method ?? authorizationRequestMethod(ctx.profile)
  const u = new URL(endpoint)
  let par: Exchange | undefined
  if (method === 'par') {
    ctx.sim.step(
      `${name}-par`,
      "the authorization request pushed to the PAR endpoint with the client's authentication (RFC 9126 §2)",
    )
    const { client_id: _, ...pushed } = request
    par = await ctx.sim.call(
      'pushed_authorization_request',
      pushed,
      client,
      [
        authFor(client.token_endpoint_auth_method),
        ...(opts.parDpop ? [DpopProofVariation(opts.parDpop)] : []),
      ],
      ctx.audience,
    )
    const body = jsonBody(par)
    const uri =
      succeeded(par, 'pushed_authorization_request') && body.ok
        ? (body.value as Record<string, unknown>).request_uri
        : undefined
    ctx.sim.outcome(
      typeof uri === 'string' ? `succeeded: ${answer(par)}` : `refused: ${answer(par)}`,
    )
    if (typeof uri !== 'string')
      return {
        kind: 'failed',
        url: endpoint,
        step: `${name}-par`,
        reason: `the pushed authorization request was not accepted (${answer(par)})`,
        par,
      }
    u.searchParams.set('client_id', client.client_id)
    u.searchParams.set('request_uri', uri)
  } else if (method === 'jar') {
    const jwt = await buildAuthorizationRequestObject(Object.entries(request), {
      client,
      metadata: ctx.metadata,
      now: ctx.sim.nowSeconds(),
    })
    for (const k of ['client_id', 'response_type', 'scope'] as const)
      u.searchParams.set(k, request[k]!)
    u.searchParams.set('request', jwt)
  } else {
    for (const [k, v] of Object.entries(request)) u.searchParams.set(k, v)
  }
  for (const [k, v] of Object.entries(opts.outside ?? {})) u.searchParams.set(k, v)
  ctx.sim.step(name, title)
  const r = await ctx.browser.login(u.href, { redirectUri: request.redirect_uri! })
  const common = {
    request,
    method,
    ...(opts.responseMode ? { responseMode: opts.responseMode } : {}),
    ...(par ? { par } : {}),
  }
  if (!r.ok) {
    ctx.sim.outcome(`failed at ${r.step}: ${r.reason}`)
    return {
      kind: 'failed',
      url: u.href,
      step: r.step,
      reason: r.reason,
      ...(r.pageUrl ? { pageUrl: r.pageUrl } : {}),
      ...(par ? { par } : {}),
    }
  }
  for (const f of ['code', 'access_token', 'id_token', 'response'] as const)
    if (r.params[f]) ctx.sim.secrets.add(r.params[f])
  let params = r.params
  let jarm: string | undefined
  if (opts.responseMode?.includes('jwt') && r.params.response) {
    jarm = r.params.response
    const claims = jwtClaims(jarm)
    if (claims) {
      if (claims.code) ctx.sim.secrets.add(claims.code)
      params = {
        ...claims,
        ...(r.params.state !== undefined && claims.state === undefined
          ? { state: r.params.state }
          : {}),
      }
    }
  }
  ctx.sim.outcome(
    `${method === 'par' ? 'pushed, then ' : method === 'jar' ? 'request object by value, ' : ''}redirected to the client after ${r.pages.length} page(s) in ${r.durationMs} ms with ${Object.keys(r.params).join(', ') || 'no parameters'}`,
  )
  return {
    kind: 'callback',
    ...common,
    verifier: pkce.verifier,
    url: u.href,
    callbackUrl: r.callbackUrl,
    params,
    raw: r.params,
    ...(jarm ? { jarm } : {}),
    durationMs: r.durationMs,
  }
}

/** The variant fields of a redirect-flow result: request method, response_type and mode, client auth, sender constraint. */
export function flowVariant(
  ctx: ModuleContext,
  client: TestClient,
  a: Extract<Authorization, { kind: 'callback' }>,
): Record<string, string> {
  return {
    grant: 'authorization_code',
    client_auth: client.token_endpoint_auth_method,
    request_method: a.method,
    response_type: a.request.response_type!,
    ...(a.responseMode ? { response_mode: a.responseMode } : {}),
    pkce: 'S256',
    ...(ctx.profile.senderConstrained.required ? { sender_constraint: 'mtls' } : {}),
  }
}

/**
 * The authorization request of a correct client (authorizationRequest with client_id and a fresh
 * PKCE S256 pair, its verifier a secret), optionally edited, as a URL of the authorization endpoint.
 */
export function authorizationUrl(
  ctx: ModuleContext,
  client: TestClient,
  edit?: (request: Record<string, string>) => Record<string, string>,
): { request: Record<string, string>; verifier: string; url: URL } {
  const endpoint = ctx.metadata.authorization_endpoint
  if (!ctx.browser)
    throw new TypeError('an authorization request needs ctx.browser (check it before the step)')
  if (typeof endpoint !== 'string')
    throw new TypeError(
      'an authorization request needs an authorization_endpoint (check it before the step)',
    )
  const pkce = pkcePair()
  ctx.sim.secrets.add(pkce.verifier)
  const unchanged: Record<string, string> = {
    ...authorizationRequest(ctx, pkce),
    client_id: client.client_id,
  }
  const request = edit ? edit(unchanged) : unchanged
  const url = new URL(endpoint)
  for (const [k, v] of Object.entries(request)) url.searchParams.set(k, v)
  return { request, verifier: pkce.verifier, url }
}

/** How an authorization request that the AS must refuse ended (step `authorize-variant`), with the request sent. */
export type RefusedAuthorization = RefusalResult & {
  /** The authorization request's parameters, as changed. */
  request: Record<string, string>
  /** The authorization request URL the browser was sent to. */
  url: string
}

/** One line: how an authorization request ended in the browser. */
export function describeRefusal(r: RefusalResult): string {
  const after = r.loggedIn ? ' after login' : ''
  switch (r.kind) {
    case 'redirect':
      return r.params.error
        ? `error redirect to the redirect URI${after}: ${r.params.error}`
        : r.params.code
          ? `redirect to the redirect URI with a code${after}`
          : `redirect to the redirect URI${after} with ${Object.keys(r.params).join(', ') || 'no parameters'}`
    case 'forbidden-redirect':
      return `redirect to ${r.url.replace(/[?#].*$/, '')}${after}, a URI the browser must not be sent to`
    case 'error-page':
      return `an error page at the AS${after}${r.status !== undefined ? ` (HTTP ${r.status})` : ''}, no redirect`
    case 'login':
      return 'the AS went on to login (its login page is shown; nothing was typed)'
    case 'failed':
      return `failed at ${r.step}: ${r.reason}`
  }
}

/**
 * Step `authorize-variant` (or another name): the authorization request of a correct client with
 * exactly one change (`edit`), sent through the browser of a fresh end-user session (as the
 * control's was), for an AS that must refuse it. Nothing is typed unless the AS shows its login
 * page and `onLogin` is `continue`; `forbidden` lists the URIs the AS must not send the browser to
 * (caught inside the browser, never fetched). Returns how it ended: see RefusalResult.
 */
export async function authorizeVariant(
  ctx: ModuleContext,
  client: TestClient,
  edit: (request: Record<string, string>) => Record<string, string>,
  opts: {
    title: string
    name?: string
    forbidden?: (request: Record<string, string>) => string[]
    onLogin?: 'stop' | 'continue'
    steps?: readonly LoginStep[]
  },
): Promise<RefusedAuthorization> {
  ctx.sim.step(opts.name ?? 'authorize-variant', opts.title)
  const { request, url } = authorizationUrl(ctx, client, edit)
  const registered = redirectUri(ctx)
  const r = await ctx.browser!.refusal(url.href, {
    redirectUri: registered,
    forbidden: (opts.forbidden?.(request) ?? []).filter((f) => f !== registered),
    onLogin: opts.onLogin ?? 'stop',
    freshSession: true,
    ...(opts.steps ? { steps: opts.steps } : {}),
  })
  if (r.kind === 'redirect' || r.kind === 'forbidden-redirect')
    for (const f of ['code', 'access_token', 'id_token', 'response'] as const)
      if (r.params[f]) ctx.sim.secrets.add(r.params[f])
  ctx.sim.outcome(`${describeRefusal(r)} (${r.durationMs} ms)`)
  return { ...r, request, url: url.href }
}

/** The token request of the authorization code grant (RFC 6749 §4.1.3, RFC 7636 §4.5). */
export function codeTokenRequest(
  ctx: ModuleContext,
  a: Extract<Authorization, { kind: 'callback' }>,
): Record<string, string> {
  return {
    grant_type: 'authorization_code',
    code: a.params.code ?? '',
    redirect_uri: a.request.redirect_uri!,
    code_verifier: a.verifier,
    ...ctx.sim.params.tokenParams,
  }
}

/**
 * Step `token` (or another name): the code exchanged with the client's registered authentication,
 * as a control (the aud fallback of `control` applies to assertion methods).
 */
export function token(
  ctx: ModuleContext,
  client: TestClient,
  a: Extract<Authorization, { kind: 'callback' }>,
  name = 'token',
  title = 'the code exchanged at the token endpoint, which must succeed',
): Promise<{ exchange: Exchange; ok: boolean }> {
  return control(ctx, 'token', codeTokenRequest(ctx, a), client, undefined, { name, title })
}
