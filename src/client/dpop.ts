/**
 * DPoP proofs (RFC 9449), as a correct client builds them, and the deliberate variations the
 * negatives send. RFC 9449 §4.2: the JOSE header carries `typ: dpop+jwt`, an asymmetric `alg` and
 * the public `jwk`; the payload `jti`, `htm`, `htu` (the target URI "without query and fragment
 * parts"), `iat`, plus `ath` (base64url SHA-256 of the access token) at a protected resource and
 * `nonce` where the server supplied one (§8, §9).
 */
import {
  createHash,
  createHmac,
  generateKeyPairSync,
  randomBytes,
  randomUUID,
  type KeyObject,
} from 'node:crypto'
import { calculateJwkThumbprint, SignJWT, type JWK } from 'jose'

/** A DPoP key pair: the private key signs proofs, `jkt` is the RFC 7638 thumbprint tokens are bound to. */
export interface DpopKey {
  alg: 'ES256' | 'EdDSA' | 'PS256'
  privateKey: KeyObject
  /** Public members only (RFC 9449 §4.2 "It MUST NOT contain a private key"). */
  publicJwk: JWK
  /** Private JWK, only to build the negative that leaks it in the header. Never reported. */
  privateJwk: JWK
  /** base64url JWK SHA-256 thumbprint (RFC 7638), the `jkt` / `dpop_jkt` value (RFC 9449 §6.1, §10). */
  jkt: string
}

/** A fresh DPoP key; ES256 by default (P-256, allowed by every FAPI profile). */
export async function generateDpopKey(alg: DpopKey['alg'] = 'ES256'): Promise<DpopKey> {
  const { privateKey, publicKey } =
    alg === 'ES256'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : alg === 'EdDSA'
        ? generateKeyPairSync('ed25519')
        : generateKeyPairSync('rsa', { modulusLength: 2048 })
  const publicJwk = publicKey.export({ format: 'jwk' }) as JWK
  const privateJwk = privateKey.export({ format: 'jwk' }) as JWK
  return {
    alg,
    privateKey,
    publicJwk,
    privateJwk,
    jkt: await calculateJwkThumbprint(publicJwk, 'sha256'),
  }
}

/** The `htu` of a request URL: the target URI without query and fragment (RFC 9449 §4.2). */
export function htuOf(url: string): string {
  const u = new URL(url)
  u.search = ''
  u.hash = ''
  return u.href
}

/** `ath`: base64url of the SHA-256 of the ASCII access token value (RFC 9449 §4.2). */
export function accessTokenHash(accessToken: string): string {
  return createHash('sha256').update(accessToken, 'ascii').digest('base64url')
}

/**
 * One property of a proof changed, for a negative; everything else stays as a correct client
 * builds it. `key` signs the whole proof with another key pair (its own `jwk` in the header).
 */
export interface DpopVariation {
  /** Shown in step titles and results: what was changed. */
  label: string
  /** Send no DPoP header at all. */
  omit?: boolean
  /** `none` (no signature) or a MAC algorithm (HS256, keyed with a random secret). */
  alg?: string
  typ?: string
  /** Put the private members (`d`, ...) of the key into the header `jwk`. */
  privateJwk?: boolean
  /** Another key pair signs the proof and stands in its header. */
  key?: DpopKey
  /** Seconds added to `iat`. */
  iatOffset?: number
  htm?: string
  htu?: string
  /** `ath` of another token value, or the string given. */
  ath?: string
  jti?: string
  /** `null`: no nonce claim even where the server supplied one; a string: that nonce. */
  nonce?: string | null
  /** The answer is judged as it is: a use_dpop_nonce answer is not retried with the nonce. */
  noNonceRetry?: boolean
  /**
   * At the PAR endpoint: the proof without the dpop_jkt parameter a DPoP client adds by default,
   * so the DPoP header alone names the key of the code (RFC 9449 §10.1, the second way).
   */
  noDpopJkt?: boolean
}

export interface DpopProofInput {
  /** The HTTP method of the request (`htm`). */
  htm: string
  /** The request URL; query and fragment are dropped for `htu`. */
  url: string
  /** The access token presented with the proof (adds `ath`, RFC 9449 §7). */
  accessToken?: string
  /** The server-provided nonce (RFC 9449 §8, §9). */
  nonce?: string
  /** Seconds since the epoch; default now. */
  now?: number
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')

/** A DPoP proof JWT for one request, as a correct client signs it, or with `variation` applied. */
export async function dpopProof(
  key: DpopKey,
  input: DpopProofInput,
  variation: Omit<DpopVariation, 'label'> = {},
): Promise<{ proof: string; header: Record<string, unknown>; payload: Record<string, unknown> }> {
  const signer = variation.key ?? key
  const now = input.now ?? Math.floor(Date.now() / 1000)
  const payload: Record<string, unknown> = {
    jti: variation.jti ?? randomUUID(),
    htm: variation.htm ?? input.htm,
    htu: variation.htu ?? htuOf(input.url),
    iat: now + (variation.iatOffset ?? 0),
  }
  if (variation.ath !== undefined) payload.ath = variation.ath
  else if (input.accessToken !== undefined) payload.ath = accessTokenHash(input.accessToken)
  const nonce = variation.nonce === null ? undefined : (variation.nonce ?? input.nonce)
  if (nonce !== undefined) payload.nonce = nonce
  const jwk = variation.privateJwk ? { ...signer.privateJwk } : { ...signer.publicJwk }
  const alg = variation.alg ?? signer.alg
  const header: Record<string, unknown> = { typ: variation.typ ?? 'dpop+jwt', alg, jwk }
  if (alg === 'none') return { proof: `${b64(header)}.${b64(payload)}.`, header, payload }
  if (/^HS(256|384|512)$/.test(alg)) {
    const input = `${b64(header)}.${b64(payload)}`
    const mac = createHmac(`sha${alg.slice(2)}`, randomBytes(32))
      .update(input)
      .digest('base64url')
    return { proof: `${input}.${mac}`, header, payload }
  }
  const proof = await new SignJWT(payload)
    .setProtectedHeader(header as never)
    .sign(signer.privateKey)
  return { proof, header, payload }
}

/** The `error` auth-param of a `WWW-Authenticate: DPoP ...` challenge, and whether the scheme is DPoP. */
export function dpopChallenge(header: string | undefined): { dpop: boolean; error?: string } {
  if (!header) return { dpop: false }
  // challenges may be listed (Bearer, DPoP algs="..."): find the DPoP one
  const m = /(?:^|,)\s*dpop(?:\s+|$|,)/i.exec(header)
  if (!m) return { dpop: false }
  const rest = header.slice(m.index + m[0].length)
  const e = /(?:^|[\s,])error\s*=\s*(?:"([^"]*)"|([^\s,]+))/i.exec(rest)
  const error = e ? (e[1] ?? e[2]) : undefined
  return error !== undefined ? { dpop: true, error } : { dpop: true }
}

/**
 * A request decorator (used like a ClientAuth strategy, after the client's own method) that makes
 * the DPoP proof of this request carry one change; the client's authentication is untouched.
 */
export function DpopProofVariation(
  v: DpopVariation,
): ((req: { dpop?: DpopVariation }) => Promise<void>) & { method: string; label: string } {
  return Object.assign(
    async (req: { dpop?: DpopVariation }) => {
      req.dpop = v
    },
    { method: 'dpop', label: `DPoP proof: ${v.label}` },
  )
}
