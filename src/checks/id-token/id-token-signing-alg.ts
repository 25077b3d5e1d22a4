import { createPublicKey } from 'node:crypto'
import { jsonBody } from '../../http/client.js'
import type { Exchange } from '../../suite/result.js'
import { defineCheck, fail, pass, undecidable } from '../define.js'
import { readIdToken, type IdTokenResponseInput } from './id-token.js'

export interface IdTokenSigningAlgInput extends IdTokenResponseInput {
  /** The algs the profile allows for JWS (FAPI 1.0 Part 2 §8.6: PS256, ES256; FAPI 2.0 §5.4.1: and EdDSA). */
  allowed: string[]
  /** The GET of the OP's jwks_uri, where the signing key is looked up by kid. */
  jwks?: Exchange
  /** Minimum RSA modulus and EC curve size in bits (FAPI 1.0 Part 1 §5.2.2-5/6, FAPI 2.0 §5.4.1-2/3). */
  minRsaBits: number
  minEcBits: number
}

const CURVE_BITS: Record<string, number> = {
  'P-256': 256,
  'P-384': 384,
  'P-521': 521,
  secp256k1: 256,
  Ed25519: 256,
  Ed448: 448,
}

/**
 * FAPI 1.0 Part 2 §8.6 ("shall use PS256 or ES256 algorithms") and FAPI 2.0 §5.4.1-1 ("use PS256,
 * ES256, or EdDSA (using the Ed25519 variant) algorithms") bind the AS's own JWS, the ID Token
 * included; the key that signs it is an RSA key of at least 2048 bits or an elliptic curve key of
 * the profile's minimum (FAPI 2.0 §5.4.1-2/-3). The key is the jwks_uri key of the ID Token's kid;
 * whether the signature verifies with it is id-token-signature's business.
 */
export default defineCheck<IdTokenSigningAlgInput>({
  id: 'id-token-signing-alg',
  title:
    "The ID Token is signed with an alg the profile allows, by a key of the profile's minimum size",
  requirements: [],
  evaluate(input) {
    const t = readIdToken(input)
    if (!t.ok) return t.verdict
    const alg = String(t.header.alg ?? 'none')
    const evidence: Record<string, unknown> = { alg, kid: t.header.kid, allowed: input.allowed }
    if (!input.allowed.includes(alg))
      return fail(
        `the ID Token is signed with ${alg}, which the profile does not allow (${input.allowed.join(', ')})`,
        evidence,
      )
    if (!input.jwks?.response || input.jwks.response.status !== 200)
      return undecidable(
        'the jwks_uri could not be read: the signing key size is unknown',
        evidence,
      )
    const body = jsonBody(input.jwks)
    const keys =
      body.ok && body.value && typeof body.value === 'object'
        ? (body.value as { keys?: unknown }).keys
        : undefined
    if (!Array.isArray(keys)) return undecidable('the jwks_uri does not serve a JWK Set', evidence)
    const kty =
      alg.startsWith('PS') || alg.startsWith('RS') ? 'RSA' : alg.startsWith('ES') ? 'EC' : 'OKP'
    const candidates = (keys as Array<Record<string, unknown>>).filter(
      (k) =>
        k &&
        k.kty === kty &&
        (t.header.kid === undefined || k.kid === t.header.kid) &&
        (k.use === undefined || k.use === 'sig'),
    )
    if (candidates.length !== 1)
      return undecidable(
        `${candidates.length} ${kty} keys of the jwks_uri match kid ${JSON.stringify(t.header.kid ?? null)}: the signing key is not determined`,
        evidence,
      )
    const jwk = candidates[0]!
    let bits: number
    try {
      const details = createPublicKey({ key: jwk as never, format: 'jwk' }).asymmetricKeyDetails
      bits = kty === 'RSA' ? (details?.modulusLength ?? 0) : (CURVE_BITS[String(jwk.crv)] ?? 0)
    } catch (e) {
      return fail(
        `the jwks_uri key of kid ${JSON.stringify(jwk.kid ?? null)} is not a valid ${kty} key: ${(e as Error).message}`,
        evidence,
      )
    }
    evidence.key = { kty, ...(jwk.crv ? { crv: jwk.crv } : {}), bits }
    const min = kty === 'RSA' ? input.minRsaBits : input.minEcBits
    if (bits < min)
      return fail(
        `the ID Token is signed by a ${bits}-bit ${kty} key; the profile requires at least ${min} bits`,
        evidence,
      )
    return pass(`signed with ${alg} by a ${bits}-bit ${kty} key`, evidence)
  },
})
