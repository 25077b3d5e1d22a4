import { defineProfile } from '../src/suite/profile.js'
import baseline from './fapi1-baseline.js'

/** FAPI 1.0 Part 2 overrides Part 1 §5.2.2-4: mTLS or private_key_jwt only, PS256/ES256 only. */
export default defineProfile({
  extends: baseline,
  id: 'fapi1-advanced',
  title: 'FAPI 1.0 Part 2: Advanced (Final)',
  surfaces: ['discovery', 'client-authentication', 'mtls', 'redirect-flows'],
  clientAuth: {
    allowed: ['private_key_jwt', 'tls_client_auth', 'self_signed_tls_client_auth'],
    requirements: ['FAPI1-ADV-5.2.2-14'],
  },
  signingAlgs: { allowed: ['PS256', 'ES256'], requirements: ['FAPI1-ADV-8.6'] },
  unsignedAssertion: { expect: 'refuse', requirements: ['FAPI1-ADV-8.6', 'RFC7523-3-9'] },
  publicClients: { expect: 'refuse', requirements: ['FAPI1-ADV-5.2.2-16'] },
  // §5.2.2-2: "shall require the response_type value code id_token, or the response_type value
  // code in conjunction with the response_mode value jwt"; the harness sends code id_token.
  authorizationResponseType: 'code id_token',
  forbiddenResponseTypes: {
    code_without_jarm: { expect: 'refuse', requirements: ['FAPI1-ADV-5.2.2-2'] },
  },
  senderConstrained: { required: true, requirements: ['FAPI1-ADV-5.2.2-5', 'FAPI1-ADV-5.2.2-6'] },
  // §5.2.2-1: every authorization request is a signed request object (pushed to the PAR endpoint
  // here, RFC 9126 §3), whose claims §5.2.2 items 13, 15, 17 and 18 and §8.6 constrain. An nbf more
  // than 60 minutes old (item 17) that has not expired also breaks item 13 (exp at most 60 minutes
  // after nbf), so both clauses prove its refusal. What must be inside it: Part 2 §5.2.2.0 takes in
  // Part 1 §5.2.2, whose item 9 requires the redirect_uri and §5.2.2.2 item 1 the nonce of a request
  // for openid; no clause requires the scope (OIDC Core §3.1.2.1: without openid "the behavior is
  // entirely unspecified"; RFC 6749 §3.3 lets the server use a pre-defined default scope).
  requestObject: {
    maxLifetimeSeconds: 3600,
    maxNbfAgeSeconds: 3600,
    rules: {
      unsigned: { expect: 'refuse', requirements: ['FAPI1-ADV-5.2.2-1', 'RFC9126-2.3-2'] },
      invalid_signature: { expect: 'refuse', requirements: ['RFC9101-6.2', 'FAPI1-ADV-5.2.2-1'] },
      foreign_key: { expect: 'refuse', requirements: ['RFC9101-6.2'] },
      alg_none: { expect: 'refuse', requirements: ['FAPI1-ADV-8.6-3', 'FAPI1-ADV-5.2.2-1'] },
      alg_rs256: { expect: 'refuse', requirements: ['FAPI1-ADV-8.6'] },
      aud_other: { expect: 'refuse', requirements: ['FAPI1-ADV-5.2.2-15'] },
      aud_issuer_in_array: { expect: 'accept', requirements: ['FAPI1-ADV-5.2.2-15'] },
      missing_exp: { expect: 'refuse', requirements: ['FAPI1-ADV-5.2.2-13'] },
      missing_nbf: { expect: 'refuse', requirements: ['FAPI1-ADV-5.2.2-17'] },
      expired: { expect: 'refuse', requirements: ['RFC7519-4.1.4'] },
      missing_pkce: { expect: 'refuse', requirements: ['FAPI1-ADV-5.2.2-18'] },
      lifetime: { expect: 'refuse', requirements: ['FAPI1-ADV-5.2.2-13'] },
      nbf_old: { expect: 'refuse', requirements: ['FAPI1-ADV-5.2.2-17', 'FAPI1-ADV-5.2.2-13'] },
      missing_scope: {
        expect: 'unspecified',
        requirements: [],
        why: 'no clause requires the server to refuse a request without scope: RFC 6749 §3.3 lets it "process the request using a pre-defined default value or fail the request indicating an invalid scope", and OpenID Connect Core §3.1.2.1 says that without the openid scope value "the behavior is entirely unspecified" (FAPI 1.0 Part 2 §5.2.3.1-1 makes openid the client\'s duty)',
      },
      missing_redirect_uri: { expect: 'refuse', requirements: ['FAPI1-BASE-5.2.2-9'] },
      missing_nonce: { expect: 'refuse', requirements: ['FAPI1-BASE-5.2.2.2-1'] },
    },
  },
  // §5.2.2-1: a JWS signed request object, by value or through PAR (item 11: PAR "may" be supported,
  // the harness sends it by value); §5.2.2.2: JARM for code + response_mode jwt; §8.6: PS256/ES256.
  authorizationRequest: {
    par: { use: 'optional', requirements: ['FAPI1-ADV-5.2.2-11'] },
    // §5.2.2-10: "shall only use the parameters included in the signed request object"
    requestObject: {
      use: 'required',
      requirements: ['FAPI1-ADV-5.2.2-1'],
      onlyItsParameters: { requirements: ['FAPI1-ADV-5.2.2-10'] },
    },
    jarm: { requirements: ['FAPI1-ADV-5.2.2-2', 'FAPI1-ADV-5.2.2.2-1', 'JARM-2.1'] },
    idTokenAlgs: { allowed: ['PS256', 'ES256'], requirements: ['FAPI1-ADV-8.6'] },
  },
})
