import { jsonBody } from '../http/client.js'
import type { Exchange } from '../suite/result.js'
import { fail, pass, undecidable, type Verdict } from './define.js'

/** Bits of a base64url big-endian unsigned integer (an RSA modulus). */
export function modulusBits(n: string): number {
  const bytes = Buffer.from(n, 'base64url')
  let i = 0
  while (i < bytes.length && bytes[i] === 0) i++
  if (i === bytes.length) return 0
  return (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i]!))
}

const CURVE_BITS: Record<string, number> = {
  'P-256': 256,
  'P-384': 384,
  'P-521': 521,
  secp256k1: 256,
}
/** The curve each ECDSA alg is defined with (RFC 7518 §3.4, RFC 8812 §3.2). */
const ALG_CURVE: Record<string, string> = {
  ES256: 'P-256',
  ES384: 'P-384',
  ES512: 'P-521',
  ES256K: 'secp256k1',
}

/**
 * The size of the key a JWS of the AS was signed with, against the profile's minimum: the
 * jwks_uri's key of the JWS's kid (or its only key of that type). RFC 7518 §3.3/§3.5: "A key of
 * size 2048 bits or larger MUST be used with these algorithms" binds whoever signs; an ES alg's key
 * is on the alg's curve (§3.4). `what` names the JWS in the messages ("the ID Token", "the JARM response").
 */
export function signingKeyVerdict(
  what: string,
  header: { alg?: unknown; kid?: unknown },
  jwks: Exchange | undefined,
  minBits: { RSA: number; EC: number },
  judgedBy: string,
): Verdict {
  const alg = String(header.alg ?? '')
  const kid = header.kid
  if (!/^(RS|PS|ES)/.test(alg))
    return pass(
      `${what}'s alg ${alg || 'none'} has no key size rule here (${judgedBy} judges the alg)`,
    )
  if (!jwks?.response || jwks.response.status !== 200)
    return undecidable('the jwks_uri could not be read: no key to measure')
  const body = jsonBody(jwks)
  const keys =
    body.ok && body.value && typeof body.value === 'object'
      ? (body.value as { keys?: unknown }).keys
      : undefined
  if (!Array.isArray(keys)) return undecidable('the jwks_uri does not serve a JWK Set')
  const kty = alg.startsWith('ES') ? 'EC' : 'RSA'
  const ofType = keys.filter(
    (k): k is Record<string, unknown> =>
      Boolean(k) && typeof k === 'object' && (k as { kty?: unknown }).kty === kty,
  )
  const candidates = kid !== undefined ? ofType.filter((k) => k.kid === kid) : ofType
  if (candidates.length !== 1)
    return undecidable(
      `the jwks_uri has ${candidates.length} ${kty} keys${kid !== undefined ? ` of kid ${JSON.stringify(kid)}` : ''}: ${judgedBy} judges that`,
    )
  const key = candidates[0]!
  if (kty === 'RSA') {
    const bits = typeof key.n === 'string' ? modulusBits(key.n) : 0
    const evidence = { alg, kid, kty, bits, minimum: minBits.RSA }
    if (bits < minBits.RSA)
      return fail(
        `${what} is signed with ${alg} by an RSA key of ${bits} bits; at least ${minBits.RSA} are required`,
        evidence,
      )
    return pass(`an RSA key of ${bits} bits`, evidence)
  }
  const crv = String(key.crv ?? '')
  const bits = CURVE_BITS[crv] ?? 0
  const evidence = { alg, kid, kty, crv, bits, minimum: minBits.EC }
  if (ALG_CURVE[alg] && ALG_CURVE[alg] !== crv)
    return fail(
      `${what} is signed with ${alg} by a key on ${crv || 'no curve'}; ${alg} is defined on ${ALG_CURVE[alg]}`,
      evidence,
    )
  if (bits < minBits.EC)
    return fail(
      `${what} is signed by an EC key of ${bits} bits; at least ${minBits.EC} are required`,
      evidence,
    )
  return pass(`an EC key on ${crv} (${bits} bits)`, evidence)
}
