import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose'
import { jsonBody } from '../../http/client.js'
import type { Exchange } from '../../suite/result.js'
import { defineAsyncCheck, fail, pass, undecidable } from '../define.js'
import { readIdToken, type IdTokenResponseInput } from './id-token.js'

export interface IdTokenSignatureInput extends IdTokenResponseInput {
  /** The GET of the OP's jwks_uri (step `jwks`); absent when the OP advertises none. */
  jwks?: Exchange
  /** id_token_signing_alg_values_supported from discovery, where it is an array. */
  algs?: string[]
}

/**
 * OIDC Core §2: "ID Tokens MUST be signed using JWS"; §3.1.3.7 item 6: "The Client MUST use the
 * keys provided by the Issuer." — the signature verifies with a key of the jwks_uri, under an alg
 * the OP lists in id_token_signing_alg_values_supported (Discovery §3), never `none`.
 */
export default defineAsyncCheck<IdTokenSignatureInput>({
  id: 'id-token-signature',
  title:
    "The ID Token's signature verifies with a key from the OP's jwks_uri, with an advertised alg",
  requirements: ['OIDCC-3.1.3.7-6'],
  async evaluate(input) {
    const t = readIdToken(input)
    if (!t.ok) return t.verdict
    const alg = t.header.alg
    const evidence: Record<string, unknown> = {
      alg,
      kid: t.header.kid,
      id_token_signing_alg_values_supported: input.algs,
    }
    if (!alg || alg === 'none')
      return fail(`the ID Token is not signed (alg ${JSON.stringify(alg ?? null)})`, evidence)
    if (input.algs && !input.algs.includes(alg))
      return fail(
        `the ID Token is signed with ${alg}, which id_token_signing_alg_values_supported does not list`,
        evidence,
      )
    if (alg.startsWith('HS'))
      return undecidable(
        `the ID Token is MACed with ${alg} (a client_secret key, OIDC Core §10.1): not judged here`,
        evidence,
      )
    if (!input.jwks)
      return undecidable(
        'the OP advertises no jwks_uri: no key to verify the ID Token with',
        evidence,
      )
    if (!input.jwks.response || input.jwks.response.status !== 200)
      return undecidable(
        `the jwks_uri could not be read (${input.jwks.response ? `HTTP ${input.jwks.response.status}` : (input.jwks.transport_error?.code ?? 'no HTTP response')})`,
        evidence,
      )
    const body = jsonBody(input.jwks)
    const keys =
      body.ok && body.value && typeof body.value === 'object'
        ? (body.value as { keys?: unknown }).keys
        : undefined
    if (!Array.isArray(keys))
      return undecidable(
        `the jwks_uri does not serve a JWK Set: ${body.ok ? 'no keys array' : body.reason}`,
        evidence,
      )
    evidence.jwks_kids = keys.map((k) =>
      k && typeof k === 'object' ? (k as { kid?: unknown }).kid : undefined,
    )
    try {
      await compactVerify(t.jwt, createLocalJWKSet({ keys } as JSONWebKeySet), {
        algorithms: [alg],
      })
    } catch (e) {
      const code = (e as { code?: string }).code
      if (code === 'ERR_JWKS_NO_MATCHING_KEY')
        return fail(
          `no key of the jwks_uri matches the ID Token (kid ${JSON.stringify(t.header.kid ?? null)}, ${alg})`,
          evidence,
        )
      if (code === 'ERR_JWKS_MULTIPLE_MATCHING_KEYS') {
        return fail(
          `the ID Token's signature verifies with none of the jwks_uri keys that match kid ${JSON.stringify(t.header.kid ?? null)} and ${alg}`,
          evidence,
        )
      }
      return fail(
        `the ID Token's signature does not verify with the jwks_uri key: ${(e as Error).message}`,
        evidence,
      )
    }
    return pass(
      `signed with ${alg} by a key of the jwks_uri${t.header.kid ? ` (kid ${t.header.kid})` : ''}`,
      evidence,
    )
  },
})
