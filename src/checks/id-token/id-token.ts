import { createHash } from 'node:crypto'
import {
  decodeJwt,
  decodeProtectedHeader,
  type JWTPayload,
  type ProtectedHeaderParameters,
} from 'jose'
import { jsonBody } from '../../http/client.js'
import type { Exchange } from '../../suite/result.js'
import { fail, undecidable, type Verdict } from '../define.js'

/** What every ID Token check judges: the token response of the code flow (OIDC Core §3.1.3.3). */
export interface IdTokenResponseInput {
  /** The token response that should carry the ID Token. */
  tokenResponse?: Exchange
  /**
   * The ID Token of the authorization response (response_type code id_token, OIDC Core §3.3.2.5):
   * judged instead of the token response's where given.
   */
  idToken?: string
  /** Why there is no token response (the flow step that failed). */
  failure?: string
}

export type ReadIdToken =
  | { ok: true; jwt: string; header: ProtectedHeaderParameters; claims: JWTPayload }
  | { ok: false; verdict: Verdict }

/**
 * The ID Token of a token response, decoded (not verified). A missing token response is
 * undecidable; a successful token response without an id_token, or one that is not a JWS, fails:
 * the authentication request asked for openid (OIDC Core §3.1.3.3: the response carries id_token).
 */
export function readIdToken({
  tokenResponse,
  idToken,
  failure,
}: IdTokenResponseInput): ReadIdToken {
  if (idToken !== undefined) return decoded(idToken)
  if (!tokenResponse)
    return {
      ok: false,
      verdict: undecidable(`no token response: ${failure ?? 'the code was not exchanged'}`),
    }
  if (!tokenResponse.response || tokenResponse.response.status !== 200) {
    return {
      ok: false,
      verdict: undecidable(
        `the token request did not succeed (${tokenResponse.response ? `HTTP ${tokenResponse.response.status}` : 'no HTTP response'}): no ID Token to judge`,
      ),
    }
  }
  const body = jsonBody(tokenResponse)
  if (!body.ok || !body.value || typeof body.value !== 'object')
    return {
      ok: false,
      verdict: undecidable(
        `the token response is not a JSON object: ${body.ok ? 'not an object' : body.reason}`,
      ),
    }
  const jwt = (body.value as Record<string, unknown>).id_token
  if (typeof jwt !== 'string')
    return {
      ok: false,
      verdict: fail('the token response to an openid authentication request carries no id_token', {
        members: Object.keys(body.value),
      }),
    }
  return decoded(jwt)
}

function decoded(jwt: string): ReadIdToken {
  try {
    return { ok: true, jwt, header: decodeProtectedHeader(jwt), claims: decodeJwt(jwt) }
  } catch (e) {
    return {
      ok: false,
      verdict: fail(
        `the id_token is not a signed JWT (JWS compact serialization): ${(e as Error).message}`,
      ),
    }
  }
}

/** The hash of a JWS alg (OIDC Core §3.3.2.11: "the hash algorithm used in the alg Header Parameter"); EdDSA (Ed25519) hashes with SHA-512. */
export function algHash(alg: string | undefined): 'sha256' | 'sha384' | 'sha512' | undefined {
  if (!alg) return undefined
  if (alg === 'EdDSA') return 'sha512'
  const m = /^(?:HS|RS|PS|ES)(256|384|512)$/.exec(alg)
  return m ? (`sha${m[1]}` as 'sha256' | 'sha384' | 'sha512') : undefined
}

/** c_hash / s_hash / at_hash of a value: base64url of the left-most half of its hash under the ID Token's alg. */
export function leftHalfHash(value: string, alg: string): string | undefined {
  const h = algHash(alg)
  if (!h) return undefined
  const d = createHash(h).update(value, 'ascii').digest()
  return d.subarray(0, d.length / 2).toString('base64url')
}

/** The claims an evidence shows (no secret among them: the JWT itself is not repeated). */
export function claimsEvidence(claims: JWTPayload, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const k of keys) if (claims[k] !== undefined) out[k] = claims[k]
  return out
}
