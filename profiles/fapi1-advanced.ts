import { defineProfile } from '../src/index.js'
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
  senderConstrained: { required: true, requirements: ['FAPI1-ADV-5.2.2-5', 'FAPI1-ADV-5.2.2-6'] },
  // §5.2.2-1: every authorization request is a signed request object (pushed to the PAR endpoint
  // here, RFC 9126 §3), whose claims §5.2.2 items 13, 15, 17 and 18 and §8.6 constrain (scope,
  // redirect_uri and nonce inside it are the client's duty, §5.2.3-8, not the server's). An nbf more
  // than 60 minutes old (item 17) cannot be sent on its own: with exp at most 60 minutes after it
  // (item 13) the request object has expired, so no case of its own judges it.
  requestObject: {
    maxLifetimeSeconds: 3600,
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
    },
  },
  // §5.2.2-1: a JWS signed request object, by value or through PAR (item 10: PAR "may" be supported,
  // the harness sends it by value); §5.2.2.2: JARM for code + response_mode jwt; §8.6: PS256/ES256.
  authorizationRequest: {
    par: { use: 'optional', requirements: ['FAPI1-ADV-5.2.2-10'] },
    requestObject: { use: 'required', requirements: ['FAPI1-ADV-5.2.2-1'] },
    jarm: { requirements: ['FAPI1-ADV-5.2.2-2', 'FAPI1-ADV-5.2.2.2-1', 'JARM-2.1'] },
    idTokenAlgs: { allowed: ['PS256', 'ES256'], requirements: ['FAPI1-ADV-8.6'] },
  },
})
