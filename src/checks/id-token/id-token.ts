import { decodeJwt, decodeProtectedHeader, type JWTPayload, type ProtectedHeaderParameters } from 'jose'
import { jsonBody } from '../../http/client.js'
import type { Exchange } from '../../suite/result.js'
import { fail, undecidable, type Verdict } from '../define.js'

/** What every ID Token check judges: the token response of the code flow (OIDC Core §3.1.3.3). */
export interface IdTokenResponseInput {
  /** The token response that should carry the ID Token. */
  tokenResponse?: Exchange
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
export function readIdToken({ tokenResponse, failure }: IdTokenResponseInput): ReadIdToken {
  if (!tokenResponse) return { ok: false, verdict: undecidable(`no token response: ${failure ?? 'the code was not exchanged'}`) }
  if (!tokenResponse.response || tokenResponse.response.status !== 200) {
    return { ok: false, verdict: undecidable(`the token request did not succeed (${tokenResponse.response ? `HTTP ${tokenResponse.response.status}` : 'no HTTP response'}): no ID Token to judge`) }
  }
  const body = jsonBody(tokenResponse)
  if (!body.ok || !body.value || typeof body.value !== 'object') return { ok: false, verdict: undecidable(`the token response is not a JSON object: ${body.ok ? 'not an object' : body.reason}`) }
  const jwt = (body.value as Record<string, unknown>).id_token
  if (typeof jwt !== 'string') return { ok: false, verdict: fail('the token response to an openid authentication request carries no id_token', { members: Object.keys(body.value) }) }
  try {
    return { ok: true, jwt, header: decodeProtectedHeader(jwt), claims: decodeJwt(jwt) }
  } catch (e) {
    return { ok: false, verdict: fail(`the id_token is not a signed JWT (JWS compact serialization): ${(e as Error).message}`) }
  }
}

/** The claims an evidence shows (no secret among them: the JWT itself is not repeated). */
export function claimsEvidence(claims: JWTPayload, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const k of keys) if (claims[k] !== undefined) out[k] = claims[k]
  return out
}
