import { HarnessError } from '../errors.js'
import { subjectDn } from '../crypto/certs.js'
import { getKey, type KeyKind } from '../crypto/keys.js'
import type { ClientIdentity } from '../http/agents.js'
import { jsonBody, type HttpClient, type HttpRequest } from '../http/client.js'
import type { AudienceKind, ClientAuthMethod } from '../suite/profile.js'
import type { Exchange } from '../suite/result.js'
import type { ClientAuth, RequestContext } from './auth/types.js'
import { dpopProof, generateDpopKey, type DpopVariation } from './dpop.js'
import { fetchMetadata } from './discovery.js'
import { credentialEndpoint } from './origin.js'
import {
  fixesRequestForm,
  SignedAuthenticationRequest,
  SignedAuthorizationRequest,
} from './request-object.js'
import type { ServerMetadata, TestClient } from './types.js'

/** What a module asks for: a client with this method and key, for these grants. */
export interface ClientSpec {
  method: ClientAuthMethod
  /** Signing key for private_key_jwt; default RSA-2048. */
  key?: KeyKind
  /** Which key of that kind (distinct indexes are distinct keys). */
  keyIndex?: number
  grant_types?: string[]
  /** Extra client metadata, wire names (e.g. backchannel_token_delivery_mode). */
  metadata?: Record<string, unknown>
  /**
   * The TLS client certificate to register and present instead of the simulator's own: a
   * tls_client_auth certificate with a chosen subject or SAN, a self_signed_tls_client_auth
   * certificate (its x5c is registered), or the certificate tokens are bound to. For
   * tls_client_auth its subject DN is registered unless `metadata` names a `tls_client_auth_*`
   * member. Ignored for clients taken from the configuration.
   */
  identity?: ClientIdentity
  /**
   * How the client's tokens are sender-constrained, where it differs from the simulator's default:
   * `dpop` registers `dpop_bound_access_tokens: true` (RFC 9449 §5.2) and no binding certificate,
   * gives the client a fresh DPoP key, and every token request carries a proof signed with it.
   */
  binding?: 'dpop'
}

/** Options of one `call()`; all default to off. */
export interface CallOptions {
  /** Record a failure below HTTP (a refused TLS handshake, a reset) instead of throwing. */
  allowTransportError?: boolean
  /** Use the mTLS endpoint alias (RFC 8705 §5) even when no client certificate is presented. */
  mtlsAlias?: boolean
  /** A DPoP client does not retry a use_dpop_nonce answer (the nonce negatives judge that answer). */
  noDpopNonceRetry?: boolean
}

/** Supplies TLS client identities (certificates) for mTLS and certificate-bound tokens. */
export interface IdentityProvider {
  /** A self-signed certificate (self_signed_tls_client_auth, or binding only). */
  selfSigned(label: string): Promise<ClientIdentity & { x5c: string[] }>
  /** A certificate issued by the CA the target trusts (tls_client_auth); undefined when none is configured. */
  issued?(label: string): Promise<(ClientIdentity & { subject_dn: string }) | undefined>
}

/** Clients the configuration provides when the target has no registration endpoint. */
export type StaticClients = Record<string, Omit<TestClient, 'source'>>

/**
 * What a real target needs from the configuration: sent with every request of its kind, with
 * defaults that work against the embedded reference AS.
 */
export interface TargetParams {
  /** `scope` for client_credentials, backchannel and authorization requests (RFC 6749 §3.3). */
  scope?: string
  /** Merged into every dynamic registration (redirect_uris, contacts, software_statement, ...). */
  registrationMetadata?: Record<string, unknown>
  /** Extra form parameters for every token request (resource, audience, ...). */
  tokenParams?: Record<string, string>
  /** The user a CIBA request names, and its binding message. */
  ciba?: CibaParams
  /** The lifetime of the target's authorization codes in seconds, where known (authorization-code-expired waits it out). */
  codeLifetimeS?: number
  /** The lifetime of the target's pushed request URIs in seconds, where configured (par-request-uri-expired waits out this or the PAR response's expires_in, the longer). */
  requestUriLifetimeS?: number
}

/** An HTTP call made for the end-user (config `ciba.approval`): `{auth_req_id}`, `{login_hint}` substituted. */
export interface EndUserCall {
  url: string
  method?: 'GET' | 'POST' | 'PUT'
  headers?: Record<string, string>
  form?: Record<string, string>
  json?: unknown
}

/** Config `ciba`: the user a CIBA request names, its binding message, and how the end-user decides. */
export interface CibaParams {
  login_hint?: string
  login_hint_token?: string
  id_token_hint?: string
  binding_message?: string
  /** A login_hint whose end-user denies every request (CIBA §11 access_denied). */
  deny_login_hint?: string
  approval?: { approve?: EndUserCall; deny?: EndUserCall }
}

/** The loopback callback registered as `redirect_uris` unless the configuration names its own. */
export const DEFAULT_REDIRECT_URI = 'https://127.0.0.1/fapi-harness/callback'

/** What a registration asked for and what the AS granted (RFC 7591 §3.2.1: it may "reject or replace"). */
export interface Granted {
  asked: { token_endpoint_auth_method: string; grant_types: string[] }
  granted: { token_endpoint_auth_method: string; grant_types: string[] }
  /** Members whose granted value differs from the asked one. */
  replaced: string[]
}

/** A named step of a module (register, control, variant, ...), recorded with the exchanges it made. */
export interface StepRecord {
  name: string
  title: string
  /** One line on how it ended, set by the module. */
  outcome?: string
}

export interface SimulatorOptions {
  http: HttpClient
  params?: TargetParams
  issuer: string
  discoveryUrl?: string
  metadata: ServerMetadata
  now: () => number
  identities: IdentityProvider
  staticClients?: StaticClients
  /** Bind tokens to the client certificate (profile requires sender-constrained tokens). */
  senderConstrained: boolean
  /**
   * Backchannel authentication requests go as signed request objects (CIBA §7.1.1), as a correct
   * client of a profile that requires them sends them (FAPI-CIBA §5.2.2-6), unless a step fixes the
   * request form itself (PlainAuthenticationRequest, or a SignedAuthenticationRequest of its own).
   */
  signBackchannelRequests?: boolean
  /**
   * Pushed authorization requests go as signed request objects (RFC 9126 §3, RFC 9101), as a
   * correct client of a profile that requires them sends them (FAPI 1.0 Part 2 §5.2.3-2, -8),
   * unless a step fixes the request form itself. Every client registered for the
   * authorization_code grant then registers a signing key in its `jwks` (mTLS clients too).
   */
  signAuthorizationRequests?: boolean
  /**
   * Bind tokens with DPoP (RFC 9449) instead of the client certificate, where `senderConstrained`
   * asks for binding: every client registers as a ClientSpec with `binding: 'dpop'` would.
   */
  dpop?: boolean
  initialAccessToken?: string
  /** Origins other than the issuer's that may receive credentials (config `allowed_origins`). */
  allowedOrigins?: string[]
}

export type Endpoint =
  | 'token'
  | 'backchannel_authentication'
  | 'registration'
  | 'introspection'
  | 'revocation'
  | 'pushed_authorization_request'
  | 'device_authorization'

/**
 * The client simulator: it does what a module tells it, records every exchange, and never judges.
 */
export class Simulator {
  readonly exchanges: Exchange[] = []
  /** The module's steps in order; every exchange names the step it was made in. */
  readonly steps: StepRecord[] = []
  /** Every secret value seen or generated in this test (for redaction and the secret scan). */
  readonly secrets = new Set<string>()
  /** The latest DPoP-Nonce the authorization server supplied (RFC 9449 §8, §8.2). */
  dpopNonce: string | undefined

  private readonly opts: SimulatorOptions

  constructor(opts: SimulatorOptions) {
    this.opts = opts
  }

  get metadata(): ServerMetadata {
    return this.opts.metadata
  }

  /** Seconds since the epoch, as the simulator's clock says (request objects, assertions). */
  nowSeconds(): number {
    return this.opts.now()
  }

  get params(): TargetParams {
    return this.opts.params ?? {}
  }

  private record = (x: Exchange) => {
    const step = this.steps.at(-1)
    this.exchanges.push(step ? { ...x, step: step.name } : x)
  }

  /** Starts a named step: exchanges from here on are recorded under it. */
  step(name: string, title: string): StepRecord {
    const s: StepRecord = { name, title }
    this.steps.push(s)
    return s
  }

  /** Marks how the current step ended. */
  outcome(text: string): void {
    const s = this.steps.at(-1)
    if (s) s.outcome = text
  }

  /** Fetches the discovery document afresh, recorded as evidence. */
  discover(): Promise<Exchange> {
    return fetchMetadata(this.opts.http, this.opts.issuer, this.record, this.opts.discoveryUrl)
  }

  /** GET a URL and record it (discovery, JWKS). */
  async get(purpose: string, url: string): Promise<Exchange> {
    return this.opts.http.send({ purpose, method: 'GET', url }, { onExchange: this.record })
  }

  /** The role name under which a static client is configured for this spec. */
  static role(spec: ClientSpec): string {
    return spec.method === 'private_key_jwt' && spec.key && spec.key !== 'RSA-2048'
      ? `${spec.method}:${spec.key}`
      : spec.method
  }

  /**
   * A client for the spec: registered through RFC 7591 when the target offers it, else taken from the
   * configuration. `client` is undefined when registration was refused (see `registration`).
   */
  async obtainClient(spec: ClientSpec): Promise<ObtainedClient> {
    if (!this.opts.metadata.registration_endpoint) {
      const role = Simulator.role(spec)
      const c = this.opts.staticClients?.[role]
      if (!c)
        return {
          unavailable: `the target has no registration_endpoint and the configuration has no client for role "${role}" (clients.${role})`,
        }
      if (c.client_secret) this.secrets.add(c.client_secret)
      return { client: { ...c, source: 'config' } }
    }
    const grants = spec.grant_types ?? ['client_credentials']
    const signsRequests =
      this.opts.signAuthorizationRequests &&
      grants.includes('authorization_code') &&
      spec.method !== 'none'
    const key =
      spec.method === 'private_key_jwt' || signsRequests
        ? getKey(spec.key ?? 'RSA-2048', spec.keyIndex ?? 0)
        : undefined
    const dpop =
      spec.binding === 'dpop' ||
      (this.opts.dpop === true &&
        this.opts.senderConstrained &&
        spec.method !== 'none' &&
        spec.metadata?.tls_client_certificate_bound_access_tokens !== true)
    let identity: ClientIdentity | undefined
    const metadata: Record<string, unknown> = {
      client_name: 'fapi-harness test client',
      token_endpoint_auth_method: spec.method,
      grant_types: grants,
      response_types: grants.includes('authorization_code') ? ['code'] : [],
      redirect_uris: [DEFAULT_REDIRECT_URI],
      ...this.params.registrationMetadata,
    }
    if (key) metadata.jwks = { keys: [key.publicJwk] }
    if (spec.method === 'self_signed_tls_client_auth') {
      const id = spec.identity
        ? { ...spec.identity, x5c: [certX5c(spec.identity.certPem)] }
        : await this.opts.identities.selfSigned(spec.method)
      identity = id
      metadata.jwks = {
        keys: [{ ...(await certJwk(id.certPem)), x5c: id.x5c }, ...(key ? [key.publicJwk] : [])],
      }
    } else if (spec.method === 'tls_client_auth' && spec.identity) {
      identity = spec.identity
      const named = Object.keys(spec.metadata ?? {}).some((k) => k.startsWith('tls_client_auth_'))
      if (!named) metadata.tls_client_auth_subject_dn = subjectDn(spec.identity.certPem)
    } else if (spec.method === 'tls_client_auth') {
      const id = await this.opts.identities.issued?.(spec.method)
      if (!id)
        return {
          unavailable:
            'no CA trusted by the target is configured to issue a tls_client_auth certificate (tls.client_ca)',
        }
      identity = id
      metadata.tls_client_auth_subject_dn = id.subject_dn
    } else if (this.opts.senderConstrained && spec.method !== 'none' && !dpop) {
      identity = spec.identity ?? (await this.opts.identities.selfSigned('binding'))
    }
    if (this.opts.senderConstrained && identity && spec.method !== 'none' && !dpop)
      metadata.tls_client_certificate_bound_access_tokens = true
    if (dpop) metadata.dpop_bound_access_tokens = true
    Object.assign(metadata, spec.metadata)
    this.guard('registration_endpoint', this.opts.metadata.registration_endpoint, false)
    const x = await this.opts.http.send(
      {
        purpose: 'registration',
        method: 'POST',
        url: this.opts.metadata.registration_endpoint,
        json: metadata,
        ...(this.opts.initialAccessToken
          ? { headers: { authorization: `Bearer ${this.opts.initialAccessToken}` } }
          : {}),
      },
      { onExchange: this.record },
    )
    const body = jsonBody(x)
    if (x.response && x.response.status >= 200 && x.response.status < 300 && body.ok) {
      const reg = body.value as {
        client_id?: string
        client_secret?: string
        registration_access_token?: string
      }
      if (typeof reg.client_id !== 'string') {
        throw new HarnessError(
          'ERR_STEP_PRECONDITION',
          `registration at ${this.opts.metadata.registration_endpoint} answered ${x.response.status} without a client_id`,
        )
      }
      if (reg.client_secret) this.secrets.add(reg.client_secret)
      if (reg.registration_access_token) this.secrets.add(reg.registration_access_token)
      const granted = grantedMetadata(metadata, body.value as Record<string, unknown>)
      return {
        registration: x,
        granted,
        client: {
          client_id: reg.client_id,
          token_endpoint_auth_method: granted.granted
            .token_endpoint_auth_method as ClientAuthMethod,
          ...(reg.client_secret ? { client_secret: reg.client_secret } : {}),
          ...(key ? { key } : {}),
          ...(identity ? { identity } : {}),
          ...(dpop ? { dpop: await generateDpopKey(dpopAlgFor(this.opts.metadata)) } : {}),
          source: 'registered',
        },
      }
    }
    return { registration: x }
  }

  /** The URL of an endpoint, using the mTLS alias when a client certificate is presented (RFC 8705 §5). */
  endpointUrl(endpoint: Endpoint, withCertificate: boolean): string {
    const name = `${endpoint}_endpoint`
    const m = this.opts.metadata
    const alias = withCertificate ? m.mtls_endpoint_aliases?.[name] : undefined
    const url = alias ?? (m[name] as string | undefined)
    if (!url)
      throw new HarnessError('ERR_STEP_PRECONDITION', `the target's metadata has no ${name}`)
    this.guard(alias ? `mtls_endpoint_aliases.${name}` : name, url, Boolean(alias))
    return url
  }

  /** Refuses (ERR_FOREIGN_ENDPOINT) an endpoint a credential must not go to (see origin.ts). */
  private guard(name: string, url: string, alias: boolean): void {
    const v = credentialEndpoint(name, url, this.opts.issuer, {
      alias,
      ...(this.opts.allowedOrigins ? { allowed: this.opts.allowedOrigins } : {}),
    })
    if (!v.ok) throw new HarnessError('ERR_FOREIGN_ENDPOINT', v.reason!)
  }

  /**
   * POSTs a form to an endpoint, authenticated by the given strategies in order (more than one only
   * to test that the server refuses it). `audience` is the aud a well-behaved client uses.
   */
  async call(
    endpoint: Endpoint,
    params: Record<string, string>,
    client: TestClient,
    auths: ClientAuth[],
    audience: AudienceKind,
    opts: CallOptions = {},
  ): Promise<Exchange> {
    // A use_dpop_nonce answer is retried once with the supplied nonce (RFC 9449 §8), as a fresh
    // request: the client's authentication is built again (a new assertion jti), the proof too.
    let { x, variation } = await this.callOnce(endpoint, params, client, auths, audience, opts)
    if (client.dpop && dpopNonceDemanded(x) && !opts.noDpopNonceRetry && !variation?.noNonceRetry)
      ({ x } = await this.callOnce(endpoint, params, client, auths, audience, opts))
    const res = jsonBody(x)
    if (res.ok && res.value && typeof res.value === 'object') {
      for (const f of ['access_token', 'refresh_token', 'id_token', 'auth_req_id'] as const) {
        const v = (res.value as Record<string, unknown>)[f]
        if (typeof v === 'string') this.secrets.add(v)
      }
    }
    return x
  }

  private async callOnce(
    endpoint: Endpoint,
    params: Record<string, string>,
    client: TestClient,
    auths: ClientAuth[],
    audience: AudienceKind,
    opts: CallOptions,
  ): Promise<{ x: Exchange; variation?: DpopVariation }> {
    const body = new URLSearchParams(params)
    // A pushed authorization request is an authorization request: it names its client (RFC 9126 §2.1).
    if (endpoint === 'pushed_authorization_request' && !body.has('client_id'))
      body.set('client_id', client.client_id)
    const headers: Record<string, string> = { accept: 'application/json' }
    const provisional = this.endpointUrl(
      endpoint,
      Boolean(client.identity) || Boolean(opts.mtlsAlias),
    )
    const req: RequestContext = {
      client,
      metadata: this.opts.metadata,
      endpoint: provisional,
      now: this.opts.now(),
      body,
      headers,
      audience,
      ...(client.identity ? { identity: client.identity } : {}),
    }
    const form = fixesRequestForm(auths)
      ? undefined
      : endpoint === 'backchannel_authentication' && this.opts.signBackchannelRequests
        ? SignedAuthenticationRequest()
        : endpoint === 'pushed_authorization_request' &&
            this.opts.signAuthorizationRequests &&
            client.key
          ? SignedAuthorizationRequest()
          : undefined
    for (const auth of form ? [form, ...auths] : auths) await auth(req)
    const url = this.endpointUrl(endpoint, Boolean(req.identity) || Boolean(opts.mtlsAlias))
    if (client.dpop && !req.dpop?.omit && DPOP_ENDPOINTS.has(endpoint)) {
      // RFC 9449 §10.1: a pushed authorization request names the key its code is bound to
      if (
        endpoint === 'pushed_authorization_request' &&
        !body.has('dpop_jkt') &&
        !req.dpop?.noDpopJkt
      )
        body.set('dpop_jkt', client.dpop.jkt)
      const {
        label: _label,
        noDpopJkt: _noJkt,
        ...variation
      }: DpopVariation = req.dpop ?? { label: '' }
      const p = await dpopProof(
        client.dpop,
        {
          htm: 'POST',
          url,
          ...(this.dpopNonce ? { nonce: this.dpopNonce } : {}),
          now: this.opts.now(),
        },
        variation,
      )
      if (variation.privateJwk) {
        const priv = client.dpop.privateJwk as Record<string, unknown>
        for (const k of ['d', 'p', 'q', 'dp', 'dq', 'qi'])
          if (typeof priv[k] === 'string') this.secrets.add(priv[k] as string)
      }
      headers.dpop = p.proof
    }
    const x = await this.opts.http.send(
      {
        purpose: endpoint,
        method: 'POST',
        url,
        headers,
        form: body,
        ...(req.identity ? { identity: req.identity } : {}),
      },
      {
        onExchange: this.record,
        ...(opts.allowTransportError ? { allowTransportError: true } : {}),
      },
    )
    // RFC 9449 §8.2: "The client MUST use the new nonce value supplied for the next token request"
    const nonce = x.response?.headers['dpop-nonce']
    if (client.dpop && nonce) this.dpopNonce = nonce
    return { x, ...(req.dpop ? { variation: req.dpop } : {}) }
  }

  /**
   * Sends any request (a protected resource, say) and records it. With `allowTransportError` a
   * failure below HTTP is recorded and returned instead of thrown.
   */
  async send(req: HttpRequest, opts: { allowTransportError?: boolean } = {}): Promise<Exchange> {
    return this.opts.http.send(req, {
      onExchange: this.record,
      ...(opts.allowTransportError ? { allowTransportError: true } : {}),
    })
  }
}

/** Endpoints of the authorization server a DPoP client sends proofs to (RFC 9449 §5, §10.1). */
const DPOP_ENDPOINTS = new Set<Endpoint>(['token', 'pushed_authorization_request'])

/** The proof algorithm: the first of ES256, EdDSA, PS256 the target lists (RFC 9449 §5.1), else ES256. */
export function dpopAlgFor(m: ServerMetadata): 'ES256' | 'EdDSA' | 'PS256' {
  const listed = Array.isArray(m.dpop_signing_alg_values_supported)
    ? (m.dpop_signing_alg_values_supported as unknown[])
    : []
  return (['ES256', 'EdDSA', 'PS256'] as const).find((a) => listed.includes(a)) ?? 'ES256'
}

/** The authorization server asks for a DPoP nonce: 400 use_dpop_nonce with a DPoP-Nonce header (RFC 9449 §8). */
export function dpopNonceDemanded(x: Exchange): boolean {
  if (x.response?.status !== 400 || !x.response.headers['dpop-nonce']) return false
  const b = jsonBody(x)
  return (
    b.ok &&
    !!b.value &&
    typeof b.value === 'object' &&
    (b.value as Record<string, unknown>).error === 'use_dpop_nonce'
  )
}

/** What `obtainClient` returns: a client, or the refused registration, or why neither can be had. */
export interface ObtainedClient {
  /** Undefined when registration was refused (see `registration`). */
  client?: TestClient
  registration?: Exchange
  /** For a registered client: what was asked and what the AS granted. */
  granted?: Granted
  unavailable?: string
}

/** Reads what the registration response granted; a member it omits is taken as granted as asked. */
export function grantedMetadata(
  asked: Record<string, unknown>,
  response: Record<string, unknown>,
): Granted {
  const a = {
    token_endpoint_auth_method: String(asked.token_endpoint_auth_method),
    grant_types: [...((asked.grant_types as string[]) ?? [])],
  }
  const g = {
    token_endpoint_auth_method:
      typeof response.token_endpoint_auth_method === 'string'
        ? response.token_endpoint_auth_method
        : a.token_endpoint_auth_method,
    grant_types: Array.isArray(response.grant_types)
      ? response.grant_types.map(String)
      : a.grant_types,
  }
  const replaced: string[] = []
  if (g.token_endpoint_auth_method !== a.token_endpoint_auth_method)
    replaced.push('token_endpoint_auth_method')
  if (a.grant_types.some((t) => !g.grant_types.includes(t))) replaced.push('grant_types')
  return { asked: a, granted: g, replaced }
}

/** base64 DER of a PEM certificate: a JWK `x5c` member (RFC 7517 §4.7). */
export function certX5c(certPem: string): string {
  return certPem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '')
}

async function certJwk(certPem: string): Promise<Record<string, unknown>> {
  const { X509Certificate } = await import('node:crypto')
  const jwk = new X509Certificate(certPem).publicKey.export({ format: 'jwk' }) as Record<
    string,
    unknown
  >
  return jwk
}
