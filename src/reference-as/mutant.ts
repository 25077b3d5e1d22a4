/**
 * Mutants: the reference AS with ONE rule switched off, to prove that the harness notices.
 * The catalog lives in test/mutants/<id>.ts (one per file, listed in test/mutants/index.ts).
 *
 * A mutant breaks its rule, in order of preference, by
 *   (a) `configure`: editing the oidc-provider configuration of the affected profiles;
 *   (b) `patchProvider`: patching the Provider instance (models, OIDCContext prototype, ...);
 *   (c) `middleware`: a koa middleware wrapped around oidc-provider (request/response rewriting);
 *   (d) `sourcePatches` + `relax`: a text patch of one oidc-provider/jose file, applied by Node
 *       module customization hooks in a child process (`startReferenceASProcess`). The patched
 *       code asks `relax(check)` at run time, so only the mutant's profiles are affected.
 * `policy` switches off one of the reference AS's own registration rules (see ProfilePolicy).
 *
 * This module is type-only at run time apart from tiny helpers: it never imports oidc-provider,
 * so a child process can load a mutant before registering its source patches.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import type { ProfileId } from '../suite/profile.js'

/** The subset of a koa context that mutants and the reference AS use. */
export interface KoaContext {
  method: string
  /** Path inside the issuer (the `/<profile>` prefix is already stripped): `/token`, `/reg`, ... */
  path: string
  url: string
  status: number
  body: any
  headers: IncomingHttpHeaders
  req: IncomingMessage
  res: ServerResponse
  request: { req: IncomingMessage; [key: string]: any }
  get(field: string): string
  set(field: string, value: string): void
  is(...types: string[]): string | false | null
  /** oidc-provider's per-request context (defined inside its routes). */
  oidc?: any
  [key: string]: any
}
export type Next = () => Promise<unknown>
export type KoaMiddleware = (ctx: KoaContext, next: Next) => unknown

/** Rules the reference AS adds on top of oidc-provider (enforced at registration). */
export interface ProfilePolicy {
  /** RFC 6749 §4.4: a public client (`none`) must not register the client_credentials grant. */
  refusePublicClientCredentials: boolean
  /** CIBA Core: a public client must not register the CIBA grant. */
  refusePublicCiba: boolean
  /** Confidential clients must register `tls_client_certificate_bound_access_tokens: true`. */
  requireCertificateBoundTokens: boolean
  /**
   * With `requireCertificateBoundTokens`: `dpop_bound_access_tokens: true` (RFC 9449 §5.2) binds the
   * client's tokens as well (FAPI 2.0 §5.3.2.1 items 4 and 5: MTLS or DPoP).
   */
  dpopBindingAllowed?: boolean
  /** Minimum RSA modulus (bits) for keys in a registered `jwks`; 0 = no registration-time check. */
  minRsaBits: number
}

export interface MutantContext {
  profile: ProfileId
  issuer: string
}

/** A text patch of one file of an installed package. */
export interface SourcePatch {
  /** Path below node_modules, e.g. `jose/dist/webapi/lib/jws_verify.js`. */
  file: string
  /** Exact text to replace; it must occur exactly once or the child process refuses to start. */
  search: string
  replace: string
}

/** Checks that the instrumentation patches (patches.ts) can switch off per request. */
export type RelaxableCheck =
  | 'alg'
  | 'exp'
  | 'jti'
  | 'iss'
  | 'sub'
  | 'signature'
  | 'rsa-min-bits'
  | 'dpop-verify'
  | 'dpop-htu'
  | 'dpop-htm'
  | 'dpop-iat'
  | 'dpop-nonce'
  | 'aud'
  | 'nonce'

export interface RelaxInfo {
  profile: ProfileId
  /** koa context of the request (absent for `rsa-min-bits`, which runs inside jose). */
  ctx?: KoaContext
  header?: Record<string, unknown>
  payload?: Record<string, unknown>
}

export interface Mutant {
  id: string
  description: string
  /** The profiles whose server is broken; the other issuers of the same server stay correct. */
  profiles: ProfileId[]
  /** Harness module ids that must fail against this mutant, per profile. */
  expectFailures: Partial<Record<ProfileId, string[]>>
  /**
   * Harness module ids that must end with a warning (a should-level check missed), per profile;
   * every other module passes, fails as `expectFailures` says, ends `info` as `expectInfo` says,
   * or is not applicable.
   */
  expectWarnings?: Partial<Record<ProfileId, string[]>>
  /**
   * Harness module ids that must end `info` (a may-level check missed: the server does not use
   * that optional behaviour), per profile.
   */
  expectInfo?: Partial<Record<ProfileId, string[]>>
  /**
   * Harness modules that must end in `error` (the harness cannot decide) against this mutant, per
   * profile: e.g. a resource that refuses even the correct token leaves the refusal modules
   * without a precondition.
   */
  expectErrors?: Partial<Record<ProfileId, string[]>>
  /** `import.meta.url` of the mutant's file, so a child process can load it (needed for (d)). */
  module?: string
  policy?: Partial<ProfilePolicy>
  /** (a) Edit the oidc-provider configuration object before `new Provider()`. */
  configure?(config: Record<string, any>, ctx: MutantContext): void
  /** (b) Patch the Provider instance after construction. */
  patchProvider?(provider: any, ctx: MutantContext): void
  /** (c) Koa middleware around oidc-provider (outermost). */
  middleware?: KoaMiddleware
  /** (d) Source patches; requires `startReferenceASProcess`. */
  sourcePatches?: SourcePatch[]
  /** (d) Decide per request whether an instrumented check is skipped. Synchronous. */
  relax?(check: RelaxableCheck, info: RelaxInfo): boolean
  /**
   * Extra YAML lines appended to the target.yaml the self-tests write for this server (e.g.
   * `scope: accounts` where the server requires a scope the harness must be told to send).
   */
  config?: string
}

/**
 * Identity helper that type-checks a mutant definition. A definition with more members (an
 * alternative-correct server's `why`, see test/alternatives) keeps them in its type.
 */
export function defineMutant<M extends Mutant>(m: M): Mutant & Omit<M, keyof Mutant> {
  return m
}

// ---------------------------------------------------------------------------------------------
// Helpers for (c) middlewares
// ---------------------------------------------------------------------------------------------

const RAW = Symbol('reference-as.raw-body')

/** Read the raw request body (once) and put an identical replayable stream back for oidc-provider. */
export async function readBody(ctx: KoaContext): Promise<Buffer> {
  const cached = (ctx as any)[RAW] as Buffer | undefined
  if (cached) return cached
  const chunks: Buffer[] = []
  for await (const chunk of ctx.req) chunks.push(chunk as Buffer)
  const body = Buffer.concat(chunks)
  replaceBody(ctx, body)
  return body
}

/**
 * Replace the request body seen by oidc-provider (and fix Content-Length). Builds a fresh readable
 * stream carrying the original request's metadata, so oidc-provider parses it as usual.
 */
export function replaceBody(ctx: KoaContext, body: Buffer | string): void {
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(body)
  const orig = ctx.req
  const headers = { ...orig.headers, 'content-length': String(buf.length) }
  delete headers['transfer-encoding']
  const stream = Readable.from(buf.length ? [buf] : []) as unknown as IncomingMessage
  Object.assign(stream, {
    headers,
    rawHeaders: orig.rawHeaders,
    method: orig.method,
    url: orig.url,
    originalUrl: (orig as any).originalUrl,
    socket: orig.socket,
    connection: orig.socket,
    httpVersion: orig.httpVersion,
    httpVersionMajor: orig.httpVersionMajor,
    httpVersionMinor: orig.httpVersionMinor,
    complete: true,
    aborted: false,
  })
  ctx.req = stream
  ctx.request.req = stream
  ;(ctx as any)[RAW] = buf
}

/** Parse an application/x-www-form-urlencoded body (read with `readBody`). */
export async function readForm(ctx: KoaContext): Promise<URLSearchParams | undefined> {
  if (ctx.method !== 'POST' || !ctx.is('application/x-www-form-urlencoded')) return undefined
  return new URLSearchParams((await readBody(ctx)).toString('utf8'))
}

/**
 * A (c) middleware that edits the form of a pushed authorization request (POST to the PAR route,
 * `/request`) before oidc-provider reads it. `edit` changes the form in place and says whether it
 * did; only a changed form replaces the body.
 */
export function rewritePushedForm(edit: (form: URLSearchParams) => boolean): KoaMiddleware {
  return async (ctx, next) => {
    if (ctx.path === '/request') {
      const form = await readForm(ctx)
      if (form && edit(form)) replaceBody(ctx, form.toString())
    }
    return next()
  }
}

/** Parse a JSON body (read with `readBody`). */
export async function readJson(ctx: KoaContext): Promise<any> {
  if (!ctx.is('application/json')) return undefined
  const raw = (await readBody(ctx)).toString('utf8')
  try {
    return JSON.parse(raw)
  } catch {
    return undefined
  }
}

/**
 * Answer the request here with an OAuth error response (RFC 6749 §5.2 / RFC 7591 §3.2.2: JSON with
 * `error` and `error_description`, not cacheable) instead of passing it on to oidc-provider.
 */
export function respondWithError(
  ctx: KoaContext,
  status: number,
  error: string,
  description: string,
  wwwAuthenticate?: string,
): void {
  ctx.status = status
  ctx.set('Cache-Control', 'no-store')
  if (wwwAuthenticate) ctx.set('WWW-Authenticate', wwwAuthenticate)
  ctx.body = { error, error_description: description }
}

/** The WWW-Authenticate challenge for HTTP Basic client authentication at an issuer (RFC 7617). */
export function basicChallenge(ctx: KoaContext): string {
  return `Basic realm="${String(ctx.app?.issuer ?? '').replace(/["\\]/g, '\\$&')}"`
}

/** Whether a request path is a discovery document. */
export function isDiscovery(ctx: KoaContext): boolean {
  return (
    ctx.method === 'GET' &&
    /^\/\.well-known\/(openid-configuration|oauth-authorization-server)$/.test(ctx.path)
  )
}

/** A (c) middleware that edits the discovery document (a JSON object) before it is served. */
export function rewriteDiscovery(
  edit: (doc: Record<string, any>, ctx: KoaContext) => void,
): KoaMiddleware {
  return async (ctx, next) => {
    await next()
    if (isDiscovery(ctx) && ctx.status === 200 && ctx.body && typeof ctx.body === 'object')
      edit(ctx.body, ctx)
  }
}

/**
 * A (b) patch: at one oidc-provider route, a request that carries a client_id and no credentials
 * (no Authorization header, no client_assertion, no client_secret) sees its client as a public
 * client (`none`), so oidc-provider accepts it unauthenticated. Other routes are unchanged.
 */
export function acceptUnauthenticatedAt(route: string): (provider: any) => void {
  return (provider) => {
    const Client = provider.Client
    const find = Client.find.bind(Client)
    Client.find = async (id: string) => {
      const client = await find(id)
      const ctx = provider.constructor.ctx
      if (
        client &&
        ctx?.oidc?.route === route &&
        ctx.headers.authorization === undefined &&
        !ctx.oidc.params?.client_assertion &&
        !ctx.oidc.params?.client_secret
      ) {
        return Object.create(client, { tokenEndpointAuthMethod: { value: 'none' } })
      }
      return client
    }
  }
}

/**
 * A (b) patch: at the token endpoint, each authorization code oidc-provider loads for the
 * authorization_code grant is passed to `edit` with the token request's parameters before the
 * grant handler checks it (PKCE, redirect_uri, single use), so a mutant can switch one check off.
 */
export function editAuthorizationCodeAtToken(
  edit: (code: any, params: Record<string, any>) => void,
): (provider: any) => void {
  return (provider) => {
    const Model = provider.AuthorizationCode
    const find = Model.find.bind(Model)
    Model.find = async (...args: unknown[]) => {
      const code = await find(...args)
      const ctx = provider.constructor.ctx
      if (
        code &&
        ctx?.oidc?.route === 'token' &&
        ctx.oidc.params?.grant_type === 'authorization_code'
      )
        edit(code, ctx.oidc.params)
      return code
    }
  }
}

/**
 * A (b) patch: every ID Token oidc-provider issues is issued without the claim `claim` (deleted
 * from the token's extra claims before it is signed), so a mutant can drop one claim a clause requires.
 */
export function issueIdTokensWithout(claim: string): (provider: any) => void {
  return (provider) => {
    const proto = provider.IdToken.prototype
    const issue = proto.issue
    proto.issue = function (this: { extra: Record<string, unknown> }, ...args: unknown[]) {
      delete this.extra[claim]
      return issue.apply(this, args)
    }
  }
}

/** The reference AS's request object claim check (oidc-provider `features.requestObjects.assertJwtClaimsAndHeader`). */
export type RequestObjectClaimCheck = (
  ctx: any,
  claims: Record<string, any>,
  ...rest: unknown[]
) => Promise<void>

/**
 * An (a) edit: the configured request object claim check is wrapped at the pushed authorization
 * request endpoint (other routes keep the original), e.g. so that it sees the claims with one
 * violation repaired.
 */
export function wrapRequestObjectClaimCheck(
  config: Record<string, any>,
  wrap: (original: RequestObjectClaimCheck) => RequestObjectClaimCheck,
): void {
  const ro = config.features.requestObjects
  const original: RequestObjectClaimCheck = ro.assertJwtClaimsAndHeader
  const wrapped = wrap(original)
  ro.assertJwtClaimsAndHeader = (ctx: any, claims: Record<string, any>, ...rest: unknown[]) =>
    ctx.oidc?.route === 'pushed_authorization_request'
      ? wrapped(ctx, claims, ...rest)
      : original(ctx, claims, ...rest)
}
