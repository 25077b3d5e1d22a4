// Violates RFC 8725 §3.1 (RFC8725-3.1) and RFC 7523 §3 item 9 (RFC7523-3-9): the algorithm must
// be checked against the key; an HS256 assertion "signed" with the client's *public* key as HMAC
// secret (algorithm confusion) must be rejected. Broken by source patches (d) of
// lib/shared/jwt_client_auth.js (child process only): for HS* assertions of a private_key_jwt
// client, the alg allow-list is skipped and the MAC is checked against secrets derived from the
// registered public keys (JWK JSON as registered, canonical public JWK JSON, SPKI PEM, SPKI DER,
// the raw modulus / EC point bytes).
import { createHmac, createPublicKey, timingSafeEqual } from 'node:crypto'
import { defineMutant, type RelaxInfo } from '../../src/reference-as/mutant.js'
import { RELAX_ALG, RELAX_SIGNATURE } from '../../src/reference-as/patches.js'

function candidateSecrets(jwk: Record<string, any>): Buffer[] {
  const out: Buffer[] = [Buffer.from(JSON.stringify(jwk))]
  const pub =
    jwk.kty === 'RSA'
      ? { e: jwk.e, kty: jwk.kty, n: jwk.n }
      : { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }
  out.push(Buffer.from(JSON.stringify(pub)))
  try {
    const key = createPublicKey({ key: jwk as any, format: 'jwk' })
    const pem = key.export({ format: 'pem', type: 'spki' }) as string
    out.push(
      Buffer.from(pem),
      Buffer.from(pem.trim()),
      key.export({ format: 'der', type: 'spki' }) as Buffer,
    )
  } catch {
    /* unusable key */
  }
  if (typeof jwk.n === 'string') out.push(Buffer.from(jwk.n, 'base64url'), Buffer.from(jwk.n))
  if (typeof jwk.x === 'string') out.push(Buffer.from(jwk.x, 'base64url'))
  return out
}

function macMatches(info: RelaxInfo): boolean {
  const assertion: string | undefined = info.ctx?.oidc?.params?.client_assertion
  const keys: Array<Record<string, any>> = info.ctx?.oidc?.client?.jwks?.keys ?? []
  if (!assertion || info.header?.alg !== 'HS256') return false
  const [h, p, s] = assertion.split('.')
  if (!h || !p || !s) return false
  const sig = Buffer.from(s, 'base64url')
  return keys.some((jwk) =>
    candidateSecrets(jwk).some((secret) => {
      const mac = createHmac('sha256', secret).update(`${h}.${p}`).digest()
      return mac.length === sig.length && timingSafeEqual(mac, sig)
    }),
  )
}

export default defineMutant({
  id: 'accepts-hs256-public-key',
  module: import.meta.url,
  description:
    'oauth2 accepts HS256 client assertions MACed with the client public key (alg confusion)',
  profiles: ['oauth2'],
  expectFailures: {
    oauth2: ['client-assertion-hs256-with-public-key'],
  },
  sourcePatches: [RELAX_ALG, RELAX_SIGNATURE],
  relax(check, info) {
    if (
      info.header?.alg !== 'HS256' ||
      info.ctx?.oidc?.client?.clientAuthMethod !== 'private_key_jwt'
    )
      return false
    if (check === 'alg') return true
    if (check === 'signature') return macMatches(info)
    return false
  },
})
