import { createHash } from 'node:crypto'
import { jsonBody } from '../../http/client.js'
import { defineCheck, fail, pass, undecidable } from '../define.js'
import { readIdToken, type IdTokenResponseInput } from './id-token.js'

/** The hash of a JWS alg (RFC 7518 §3.1; EdDSA with Ed25519: SHA-512, as OIDC implementations use). */
export function atHashDigest(alg: string | undefined): string | undefined {
  if (!alg) return undefined
  if (/^(RS|PS|ES|HS)256$/.test(alg) || alg === 'ES256K') return 'sha256'
  if (/^(RS|PS|ES|HS)384$/.test(alg)) return 'sha384'
  if (/^(RS|PS|ES|HS)512$/.test(alg) || alg === 'EdDSA' || alg === 'Ed25519') return 'sha512'
  return undefined
}

/** The at_hash of an access token for an ID Token signed with `alg` (OIDC Core §3.1.3.6). */
export function atHash(accessToken: string, digest: string): string {
  const h = createHash(digest).update(accessToken, 'ascii').digest()
  return h.subarray(0, h.length / 2).toString('base64url')
}

/**
 * OIDC Core §3.1.3.6: at_hash is OPTIONAL in the ID Token of the code flow; where present, "Its
 * value is the base64url encoding of the left-most half of the hash of the octets of the ASCII
 * representation of the access_token value, where the hash algorithm used is the hash algorithm
 * used in the alg Header Parameter of the ID Token's JOSE Header."
 */
export default defineCheck<IdTokenResponseInput>({
  id: 'id-token-at-hash',
  title:
    "An at_hash in the ID Token is the left half of the hash of the access token, with the hash of the ID Token's alg",
  requirements: ['OIDCC-3.1.3.6'],
  evaluate(input) {
    const t = readIdToken(input)
    if (!t.ok) return t.verdict
    const claimed = t.claims.at_hash
    if (claimed === undefined) return pass('no at_hash (OPTIONAL in the ID Token of the code flow)')
    const body = jsonBody(input.tokenResponse!)
    const accessToken =
      body.ok && body.value && typeof body.value === 'object'
        ? (body.value as Record<string, unknown>).access_token
        : undefined
    if (typeof accessToken !== 'string')
      return undecidable('the token response carries no access_token to compare the at_hash with')
    const digest = atHashDigest(t.header.alg)
    if (!digest)
      return undecidable(`no hash is known for the ID Token's alg ${String(t.header.alg)}`)
    const expected = atHash(accessToken, digest)
    const evidence = { alg: t.header.alg, at_hash: claimed, expected }
    if (claimed !== expected)
      return fail(
        `the at_hash ${JSON.stringify(claimed)} is not the ${digest} left half of the access token (${expected})`,
        evidence,
      )
    return pass(`at_hash is the ${digest} left half of the access token`, evidence)
  },
})
