import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  sign as nodeSign,
  constants,
} from 'node:crypto'
import { CompactSign, importJWK } from 'jose'
import type { JwsAlg } from '../suite/profile.js'
import { ALGORITHMS } from './algorithms.js'
import { rsaBits, type KeyPair } from './keys.js'

/** How a JWS is to be signed. Negative cases are explicit modes, never accidents. */
export type Signer =
  | { mode: 'key'; key: KeyPair; alg: JwsAlg }
  | { mode: 'secret'; secret: string; alg: 'HS256' | 'HS384' | 'HS512' }
  /** `alg: none`, empty signature (RFC 7519 §6). */
  | { mode: 'none' }
  /** HMAC keyed with the public key's SPKI PEM: the classic algorithm-confusion attack (RFC 8725 §2.1). */
  | { mode: 'hmac-public-key'; key: KeyPair; alg: 'HS256' }

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')

/** Signs `payload` with `header` (whose `alg` is set from the signer). */
export async function signJws(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  signer: Signer,
): Promise<string> {
  if (signer.mode === 'none') {
    return `${b64({ ...header, alg: 'none' })}.${b64(payload)}.`
  }
  if (signer.mode === 'secret' || signer.mode === 'hmac-public-key') {
    const secret =
      signer.mode === 'secret'
        ? Buffer.from(signer.secret)
        : Buffer.from(
            createPublicKey({ key: signer.key.publicJwk as never, format: 'jwk' }).export({
              type: 'spki',
              format: 'pem',
            }),
          )
    const input = `${b64({ ...header, alg: signer.alg })}.${b64(payload)}`
    const hash = ALGORITHMS[signer.alg].hash!
    return `${input}.${createHmac(hash, secret).update(input).digest('base64url')}`
  }
  const { key, alg } = signer
  const h = { ...header, alg }
  // jose refuses RSA keys under 2048 bits even to sign; such keys exist here only to be refused.
  if (key.privateJwk.kty === 'RSA' && rsaBits(key.privateJwk) < 2048) {
    const d = ALGORITHMS[alg]
    if (d.kty !== 'RSA') throw new TypeError(`${alg} cannot be used with an RSA key`)
    const input = `${b64(h)}.${b64(payload)}`
    const k = createPrivateKey({ key: key.privateJwk as never, format: 'jwk' })
    const sig = nodeSign(
      d.hash!,
      Buffer.from(input),
      d.padding === 'pss'
        ? {
            key: k,
            padding: constants.RSA_PKCS1_PSS_PADDING,
            saltLength: Number(d.hash!.slice(3)) / 8,
          }
        : k,
    )
    return `${input}.${sig.toString('base64url')}`
  }
  const k = await importJWK(key.privateJwk, alg)
  return new CompactSign(Buffer.from(JSON.stringify(payload)))
    .setProtectedHeader(h as never)
    .sign(k)
}

/** Decodes a compact JWS without verifying it (evidence only). */
export function decodeJws(
  jws: string,
): { header: Record<string, unknown>; payload: Record<string, unknown> } | undefined {
  const [h, p] = jws.split('.')
  try {
    return {
      header: JSON.parse(Buffer.from(h!, 'base64url').toString()),
      payload: JSON.parse(Buffer.from(p!, 'base64url').toString()),
    }
  } catch {
    return undefined
  }
}
