/**
 * The requirement registry: every clause a check may cite. Ids follow the OpenID Foundation
 * conformance suite (`<SPEC>-<section>[-<list item>]`) so reports compare side by side with OIDF
 * logs. `quote` is a short verbatim excerpt of the clause, filled in by whoever verified it against
 * the spec text; an entry without one is listed as "unverified clause" in docs/requirements.md.
 */
export type Level = 'shall' | 'should' | 'may'

export interface Requirement {
  level: Level
  summary: string
  quote?: string
}

export const REQUIREMENTS = {
  // OAuth 2.0 core
  'RFC6749-2.3': { level: 'shall', summary: 'a client uses one authentication method per request' },
  'RFC6749-2.3.1': { level: 'shall', summary: 'the AS supports HTTP Basic for clients issued a password; client_secret_post is optional' },
  'RFC6749-3.2.1': { level: 'shall', summary: 'confidential clients authenticate at the token endpoint and the AS authenticates them' },
  'RFC6749-4.4': { level: 'shall', summary: 'the client credentials grant is for confidential clients only' },
  'RFC6749-5.1': { level: 'shall', summary: 'successful token response: JSON with access_token, token_type, Cache-Control: no-store' },
  'RFC6749-5.2': { level: 'shall', summary: 'token error response: 400 (401 for invalid_client) with a registered error code in JSON' },
  // JOSE
  'RFC7518-3.3': { level: 'shall', summary: 'RS256/384/512 need RSA keys of 2048 bits or more' },
  'RFC7518-3.5': { level: 'shall', summary: 'PS256/384/512 need RSA keys of 2048 bits or more' },
  'RFC8725-3.1': { level: 'shall', summary: 'a JWT library verifies the algorithm against the key (no alg confusion)' },
  // JWT client authentication
  'RFC7523-3-1': { level: 'shall', summary: 'the assertion iss identifies the client (client_id)' },
  'RFC7523-3-2': { level: 'shall', summary: 'for client authentication the sub is the client_id' },
  'RFC7523-3-3': { level: 'shall', summary: 'the AS rejects an assertion whose aud does not identify it' },
  'RFC7523-3-4': { level: 'shall', summary: 'exp is required; an expired assertion is rejected' },
  'RFC7523-3-7': { level: 'may', summary: 'the AS may reject replayed jti values' },
  'RFC7523-3-9': { level: 'shall', summary: 'the assertion is signed; an invalid signature is rejected' },
  'RFC7523-3.2': { level: 'shall', summary: 'a rejected client assertion yields invalid_client' },
  'OIDCC-9': { level: 'shall', summary: 'client_secret_jwt / private_key_jwt assertions carry iss=sub=client_id, aud, jti (single use), exp' },
  // Metadata and registration
  'RFC7591-3.2.2': { level: 'shall', summary: 'a refused registration answers 400 with invalid_client_metadata (or another registered code)' },
  'RFC8414-2': { level: 'shall', summary: 'metadata lists the authentication methods and signing algorithms the token endpoint supports' },
  'RFC8414-3.3': { level: 'shall', summary: 'the metadata issuer equals the issuer used to build the discovery URL' },
  'OIDCD-3': { level: 'shall', summary: 'OP metadata; the value none must not be used in token_endpoint_auth_signing_alg_values_supported' },
  'OIDCD-4.3': { level: 'shall', summary: 'the discovered issuer is identical to the issuer the client used' },
  // Mutual TLS
  'RFC8705-2': { level: 'shall', summary: 'mutual-TLS client authentication (PKI or self-signed certificate)' },
  'RFC8705-5': { level: 'should', summary: 'mtls_endpoint_aliases in the AS metadata' },
  // FAPI 1.0
  'FAPI1-BASE-5.2.2-4': { level: 'shall', summary: 'confidential clients authenticate with mTLS, client_secret_jwt or private_key_jwt' },
  'FAPI1-BASE-5.2.2-5': { level: 'shall', summary: 'RSA keys of 2048 bits or more' },
  'FAPI1-BASE-5.2.2-6': { level: 'shall', summary: 'elliptic curve keys of 160 bits or more' },
  'FAPI1-ADV-5.2.2-14': { level: 'shall', summary: 'confidential clients authenticate with tls_client_auth, self_signed_tls_client_auth or private_key_jwt' },
  'FAPI1-ADV-8.6': { level: 'shall', summary: 'JWS algorithms are PS256 or ES256; none is never used' },
  // FAPI 2.0 Security Profile
  'FAPI2-SP-FINAL-5.3.2.1-2': { level: 'shall', summary: 'the AS only supports confidential clients' },
  'FAPI2-SP-FINAL-5.3.2.1-6': { level: 'shall', summary: 'clients authenticate with mTLS or private_key_jwt' },
  'FAPI2-SP-FINAL-5.3.2.1-8': { level: 'shall', summary: 'the AS only accepts its issuer identifier, as a string, as the aud of a client assertion' },
  'FAPI2-SP-FINAL-5.4.1-2': { level: 'shall', summary: 'RSA keys of 2048 bits or more' },
  'FAPI2-SP-FINAL-5.4.1-3': { level: 'shall', summary: 'elliptic curve keys of 224 bits or more' },
  'FAPI2-SP-FINAL-5.4.2-1': { level: 'shall', summary: 'JWS algorithms are PS256, ES256 or EdDSA (Ed25519)' },
  'FAPI2-SP-FINAL-5.4.2-2': { level: 'shall', summary: 'the none algorithm is not used or accepted' },
  // CIBA
  'CIBA-4': { level: 'shall', summary: 'OP metadata advertises backchannel_authentication_endpoint and backchannel_token_delivery_modes_supported; clients register a delivery mode' },
  'CIBA-7.1': { level: 'shall', summary: 'the backchannel authentication endpoint authenticates the client; the OP accepts its issuer, token endpoint URL or backchannel endpoint URL as assertion aud' },
  'FAPI-CIBA-5.2.2-1': { level: 'shall', summary: 'the OP only supports confidential clients' },
  'FAPI-CIBA-5.2.2-3': { level: 'shall', summary: 'the OP does not support the CIBA push mode' },
} as const satisfies Record<string, Requirement>

export type RequirementId = keyof typeof REQUIREMENTS

export function requirement(id: RequirementId): Requirement {
  return REQUIREMENTS[id]
}

/** The strongest level among the given requirement ids. */
export function strongest(ids: readonly RequirementId[]): Level {
  const rank = { shall: 3, should: 2, may: 1 } as const
  let best: Level = 'may'
  for (const id of ids) if (rank[REQUIREMENTS[id].level] > rank[best]) best = REQUIREMENTS[id].level
  return best
}
