import type { Exchange } from '../../suite/result.js'
import { defineCheck } from '../define.js'
import { signingKeyVerdict } from '../signing-key.js'
import { readIdToken, type IdTokenResponseInput } from './id-token.js'

export interface IdTokenSigningKeyInput extends IdTokenResponseInput {
  /** The GET of the OP's jwks_uri (step `jwks`). */
  jwks?: Exchange
  /** The profile's minimum key sizes (the same rule the harness applies to clients' keys). */
  minBits: { RSA: number; EC: number }
}

/**
 * RFC 7518 §3.3/§3.5: "A key of size 2048 bits or larger MUST be used with these algorithms" binds
 * whoever signs, here the OP signing its ID Tokens; FAPI 1.0 Part 1 §5.2.2 items 5 and 6 "shall
 * require and use" 2048-bit RSA and 160-bit EC keys. The key is the jwks_uri's key of the ID
 * Token's kid (or its only key of that type); an ES alg's key is on the alg's curve (§3.4).
 */
export default defineCheck<IdTokenSigningKeyInput>({
  id: 'id-token-signing-key',
  title:
    "The OP signs its ID Tokens with a key of the profile's minimum size (RSA 2048 bits; EC on the alg's curve)",
  requirements: ['RFC7518-3.3', 'RFC7518-3.5'],
  evaluate(input) {
    const t = readIdToken(input)
    if (!t.ok) return t.verdict
    return signingKeyVerdict(
      'the ID Token',
      t.header,
      input.jwks,
      input.minBits,
      'id-token-signature',
    )
  },
})
