/**
 * Direct-request helpers for the reference AS tests: a tiny OAuth client built on undici + jose,
 * deliberately independent of the harness's own client code.
 */
import {
  createHmac,
  createPrivateKey,
  createSign,
  randomUUID,
  constants as cryptoConstants,
} from 'node:crypto'
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose'
import { Agent, request } from 'undici'
import { generateKey, selfSignedCert, type IssuedCert } from '../../../src/crypto/certs.js'

export const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'

export interface SigningKey {
  alg: 'PS256' | 'ES256' | 'RS256'
  privateKey: CryptoKey
  publicJwk: JWK
}

const keyCache = new Map<string, Promise<SigningKey>>()
/** A client signing key (cached per alg+label: RSA generation is slow). */
export function signingKey(
  alg: SigningKey['alg'] = 'PS256',
  label = 'default',
): Promise<SigningKey> {
  const id = `${alg}:${label}`
  let p = keyCache.get(id)
  if (!p) {
    p = (async () => {
      const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true })
      const publicJwk = { ...(await exportJWK(publicKey)), kid: `${label}-${alg}`, use: 'sig' }
      return { alg, privateKey, publicJwk }
    })()
    keyCache.set(id, p)
  }
  return p
}

/** An RSA-1024 key pair as node PEM + JWK (jose refuses to generate or sign with it). */
export async function rsa1024(): Promise<{ pem: string; publicJwk: JWK }> {
  const k = await generateKey('RSA-1024')
  const priv = createPrivateKey(k.keyPem)
  const {
    d: _d,
    p: _p,
    q: _q,
    dp: _dp,
    dq: _dq,
    qi: _qi,
    ...pub
  } = priv.export({ format: 'jwk' }) as JWK
  return { pem: k.keyPem, publicJwk: { ...pub, kid: 'rsa1024', use: 'sig' } }
}

let tlsCert: Promise<IssuedCert> | undefined
/** A self-signed client certificate to present for certificate-bound tokens. */
export function bindingCert(): Promise<IssuedCert> {
  tlsCert ??= selfSignedCert({ subject: 'CN=binding-cert' })
  return tlsCert
}

export function agentFor(caPem: string, cert?: { certPem: string; keyPem: string }): Agent {
  return new Agent({
    connect: { ca: caPem, ...(cert ? { cert: cert.certPem, key: cert.keyPem } : {}) },
  })
}

export interface Claims {
  [k: string]: unknown
}

/** A client assertion (RFC 7523). `claims` overrides/removes (undefined) defaults. */
export async function assertion(
  key: SigningKey,
  clientId: string,
  aud: string | string[],
  claims: Claims = {},
  header: Record<string, unknown> = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000)
  const payload: Claims = {
    iss: clientId,
    sub: clientId,
    aud,
    jti: randomUUID(),
    iat: now,
    exp: now + 60,
    ...claims,
  }
  for (const k of Object.keys(payload)) if (payload[k] === undefined) delete payload[k]
  return new SignJWT(payload)
    .setProtectedHeader({ alg: key.alg, kid: key.publicJwk.kid, ...header })
    .sign(key.privateKey)
}

const b64u = (v: unknown) =>
  Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url')

export function defaultClaims(
  clientId: string,
  aud: string | string[],
  claims: Claims = {},
): Claims {
  const now = Math.floor(Date.now() / 1000)
  const payload: Claims = {
    iss: clientId,
    sub: clientId,
    aud,
    jti: randomUUID(),
    iat: now,
    exp: now + 60,
    ...claims,
  }
  for (const k of Object.keys(payload)) if (payload[k] === undefined) delete payload[k]
  return payload
}

/** An unsigned (`alg: none`) assertion. */
export function unsignedAssertion(clientId: string, aud: string): string {
  return `${b64u({ alg: 'none' })}.${b64u(defaultClaims(clientId, aud))}.`
}

/** HS256 over the assertion with `secret` (the alg-confusion attack uses the public key as secret). */
export function hs256Assertion(
  clientId: string,
  aud: string,
  secret: string | Buffer,
  kid?: string,
): string {
  const input = `${b64u({ alg: 'HS256', ...(kid ? { kid } : {}) })}.${b64u(defaultClaims(clientId, aud))}`
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`
}

/** PS256 with a raw node key (for RSA-1024, which jose will not sign with). */
export function ps256WithPem(pem: string, clientId: string, aud: string, kid: string): string {
  const input = `${b64u({ alg: 'PS256', kid })}.${b64u(defaultClaims(clientId, aud))}`
  const sig = createSign('sha256')
    .update(input)
    .sign({ key: pem, padding: cryptoConstants.RSA_PKCS1_PSS_PADDING, saltLength: 32 })
  return `${input}.${sig.toString('base64url')}`
}

export interface Reply {
  status: number
  json: any
  headers: Record<string, string | string[] | undefined>
}

async function reply(r: Awaited<ReturnType<typeof request>>): Promise<Reply> {
  const text = await r.body.text()
  let json: any
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = text
  }
  return { status: r.statusCode, json, headers: r.headers }
}

export async function getJson(
  url: string,
  agent: Agent,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return reply(await request(url, { dispatcher: agent, headers }))
}

export async function discovery(issuer: string, agent: Agent): Promise<any> {
  const r = await getJson(`${issuer}/.well-known/openid-configuration`, agent)
  if (r.status !== 200) throw new Error(`discovery ${issuer}: ${r.status}`)
  return r.json
}

export async function register(
  issuer: string,
  agent: Agent,
  metadata: Record<string, unknown>,
): Promise<Reply> {
  return reply(
    await request(`${issuer}/reg`, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(metadata),
    }),
  )
}

export async function postForm(
  url: string,
  agent: Agent,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return reply(
    await request(url, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form).toString(),
    }),
  )
}

/** Metadata of a client_credentials-only client. */
export function ccClient(extra: Record<string, unknown>): Record<string, unknown> {
  return { grant_types: ['client_credentials'], response_types: [], redirect_uris: [], ...extra }
}

/** Register a private_key_jwt client (bound tokens where `bound`) and return its client_id. */
export async function registerPkjwt(
  issuer: string,
  agent: Agent,
  key: SigningKey,
  bound: boolean,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const r = await register(
    issuer,
    agent,
    ccClient({
      token_endpoint_auth_method: 'private_key_jwt',
      jwks: { keys: [key.publicJwk] },
      ...(bound ? { tls_client_certificate_bound_access_tokens: true } : {}),
      ...extra,
    }),
  )
  if (r.status !== 201)
    throw new Error(`registration at ${issuer} failed: ${r.status} ${JSON.stringify(r.json)}`)
  return r.json.client_id as string
}

/** client_credentials with a client assertion. */
export async function tokenWithAssertion(
  tokenEndpoint: string,
  agent: Agent,
  jwt: string,
  extra: Record<string, string> = {},
  headers: Record<string, string> = {},
): Promise<Reply> {
  return postForm(
    tokenEndpoint,
    agent,
    {
      grant_type: 'client_credentials',
      client_assertion_type: ASSERTION_TYPE,
      client_assertion: jwt,
      ...extra,
    },
    headers,
  )
}

export function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
