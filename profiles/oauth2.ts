import { defineProfile } from '../src/suite/profile.js'

/**
 * OAuth 2.0 (RFC 6749) with JWT client authentication (RFC 7523), mutual TLS (RFC 8705) and
 * authorization server metadata (RFC 8414). The framework restricts little: what the server
 * advertises must work, and what every server must refuse is refused.
 */
export default defineProfile({
  id: 'oauth2',
  title: 'OAuth 2.0 (RFC 6749, RFC 7523, RFC 8705, RFC 8414)',
  // redirect-flows: oidc and fapi1-baseline inherit it (issue #9's first flow, the code flow)
  surfaces: ['discovery', 'client-authentication', 'mtls', 'redirect-flows'],
  clientAuth: { allowed: 'advertised', requirements: ['RFC8414-2'] },
  signingAlgs: { allowed: 'advertised', requirements: ['RFC8414-2'] },
  unsignedAssertion: { expect: 'refuse', requirements: ['RFC7523-3-9'] },
  minKeyBits: {
    RSA: { bits: 2048, requirements: ['RFC7518-3.3', 'RFC7518-3.5'] },
    EC: { bits: 256, requirements: [] },
  },
  audience: {
    token_endpoint: {
      expect: 'unspecified',
      requirements: ['RFC7523-3-3'],
      why: 'RFC 7523 §3 says the token endpoint URL MAY be used as aud and leaves the accepted values to out-of-band agreement; OpenID Connect Core §9 is what makes it the expected value',
    },
    issuer: {
      expect: 'unspecified',
      requirements: ['RFC7523-3-3'],
      why: 'RFC 7523 §3 leaves values other than the token endpoint URL implementation-specific',
    },
    issuer_in_array: {
      expect: 'unspecified',
      requirements: ['RFC7523-3-3'],
      why: 'RFC 7523 §3 leaves values other than the token endpoint URL implementation-specific',
    },
    backchannel_endpoint: {
      expect: 'unspecified',
      requirements: [],
      why: 'only CIBA (§7.1) names the backchannel endpoint as an audience',
    },
    other_server: { expect: 'refuse', requirements: ['RFC7523-3-3'] },
  },
  jtiReplay: { expect: 'refuse', requirements: ['RFC7523-3-7'], level: 'may' },
  jtiMissing: {
    expect: 'unspecified',
    requirements: ['RFC7523-3-7'],
    why: 'jti is OPTIONAL in RFC 7523 §3; OpenID Connect makes it REQUIRED',
  },
  issMismatch: {
    expect: 'unspecified',
    requirements: ['RFC7523-3-1'],
    why: 'RFC 7523 §3 requires an iss but not that it equals the client_id; OpenID Connect Core §9 does',
  },
  subMismatch: { expect: 'refuse', requirements: ['RFC7523-3-2'] },
  publicClientCredentials: { expect: 'refuse', requirements: ['RFC6749-4.4'] },
  publicClients: {
    expect: 'unspecified',
    requirements: [],
    why: 'RFC 6749 §2.1 admits public clients',
  },
  authenticatedEndpoints: [
    { endpoint: 'token', requirements: ['RFC6749-3.2.1'] },
    { endpoint: 'revocation', requirements: ['RFC7009-2.1'] },
    { endpoint: 'pushed_authorization_request', requirements: ['RFC9126-2'] },
    { endpoint: 'device_authorization', requirements: ['RFC8628-3.1'] },
  ],
  senderConstrained: { required: false, requirements: [] },
  clientIdMismatch: {
    expect: 'unspecified',
    requirements: [],
    why: 'RFC 6749 §3.2.1 lets a client identify itself with the client_id parameter and RFC 7523 §3 makes the assertion sub its client_id, but neither says what the server answers when the client_id parameter names another client than the authentication proves; FAPI 1.0 Part 1 §5.2.2-19 does',
  },
  assertionNearFuture: {
    expect: 'unspecified',
    requirements: [],
    why: 'RFC 7523 §3 and OpenID Connect Core §9 set no tolerance for an iat or nbf a few seconds ahead of the server clock; FAPI 2.0 §5.3.2.1-13 does',
  },
  assertionFarFuture: {
    expect: 'unspecified',
    requirements: [],
    why: 'RFC 7523 §3 bounds no clock offset for iat and nbf (servers commonly allow minutes of skew); FAPI 2.0 §5.3.2.1-13 caps it at 60 seconds',
  },
  parRequestUri: { expect: 'refuse', requirements: ['RFC9126-2.1-2'] },
  // RFC 9126 §2 governs the aud of a client assertion at the PAR endpoint, whatever the token endpoint accepts.
  parAudience: {
    issuer: { expect: 'accept', requirements: ['RFC9126-2-5'] },
    token_endpoint: { expect: 'accept', requirements: ['RFC9126-2-5'] },
    par_endpoint: { expect: 'accept', requirements: ['RFC9126-2-5'] },
  },
})
