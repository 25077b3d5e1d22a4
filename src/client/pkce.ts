import { createHash, randomBytes } from 'node:crypto'

/**
 * A PKCE pair (RFC 7636 §4.1-4.2): a 43-character verifier and its S256 challenge, with the
 * authorization request parameters that carry the challenge.
 */
export function pkcePair(): {
  verifier: string
  challenge: string
  params: { code_challenge: string; code_challenge_method: 'S256' }
} {
  const verifier = randomBytes(32).toString('base64url')
  const challenge = createHash('sha256').update(verifier).digest('base64url')
  return {
    verifier,
    challenge,
    params: { code_challenge: challenge, code_challenge_method: 'S256' },
  }
}
