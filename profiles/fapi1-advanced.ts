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
  // §5.2.2-1: a JWS signed request object, by value or through PAR (item 10: PAR "may" be supported,
  // the harness sends it by value); §5.2.2.2: JARM for code + response_mode jwt; §8.6: PS256/ES256.
  authorizationRequest: {
    par: { use: 'optional', requirements: ['FAPI1-ADV-5.2.2-10'] },
    requestObject: { use: 'required', requirements: ['FAPI1-ADV-5.2.2-1'] },
    jarm: { requirements: ['FAPI1-ADV-5.2.2-2', 'FAPI1-ADV-5.2.2.2-1', 'JARM-2.1'] },
    idTokenAlgs: { allowed: ['PS256', 'ES256'], requirements: ['FAPI1-ADV-8.6'] },
  },
})
