import { decodeProtectedHeader } from 'jose'
import type { Exchange } from '../../suite/result.js'
import { defineCheck, undecidable } from '../define.js'
import { signingKeyVerdict } from '../signing-key.js'

export interface JarmSigningKeyInput {
  /** The `response` JWT of a response_mode jwt authorization response. */
  response?: string
  /** The GET of the AS's jwks_uri (step `jwks`). */
  jwks?: Exchange
  /** The profile's minimum key sizes (the same rule the harness applies to clients' keys). */
  minBits: { RSA: number; EC: number }
}

/**
 * The key size rule of id-token-signing-key, for the other JWT the AS signs in a redirect flow:
 * the JARM response (JARM §2.1: "The JWT is signed by the authorization server"). RFC 7518
 * §3.3/§3.5 ("A key of size 2048 bits or larger MUST be used with these algorithms") binds whoever
 * signs; FAPI 1.0 Part 1 §5.2.2 items 5 and 6, which Part 2 takes in, require 2048-bit RSA and
 * 160-bit EC keys. jarm-response judges the signature, alg and claims.
 */
export default defineCheck<JarmSigningKeyInput>({
  id: 'jarm-signing-key',
  title:
    "The AS signs its JARM responses with a key of the profile's minimum size (RSA 2048 bits; EC on the alg's curve)",
  requirements: ['RFC7518-3.3', 'RFC7518-3.5'],
  evaluate({ response, jwks, minBits }) {
    if (!response) return undecidable('no JARM response JWT: jarm-response judges that')
    let header: { alg?: unknown; kid?: unknown }
    try {
      header = decodeProtectedHeader(response)
    } catch {
      return undecidable('the JARM response is not a JWS: jarm-response judges that')
    }
    return signingKeyVerdict('the JARM response', header, jwks, minBits, 'jarm-response')
  },
})
