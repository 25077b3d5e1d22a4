import { defineProfile } from '../src/suite/profile.js'
import oidc from './oidc.js'

/**
 * FAPI 2.0 Security Profile: confidential clients only, mTLS or private_key_jwt, PS256/ES256/EdDSA,
 * and the client assertion audience is the issuer identifier as a single string, nothing else.
 */
export default defineProfile({
  extends: oidc,
  id: 'fapi2-security',
  title: 'FAPI 2.0 Security Profile (Final)',
  surfaces: ['discovery', 'client-authentication', 'mtls', 'dpop', 'redirect-flows'],
  clientAuth: {
    allowed: ['private_key_jwt', 'tls_client_auth', 'self_signed_tls_client_auth'],
    requirements: ['FAPI2-SP-FINAL-5.3.2.1-6'],
  },
  signingAlgs: { allowed: ['PS256', 'ES256', 'EdDSA'], requirements: ['FAPI2-SP-FINAL-5.4.1-1'] },
  unsignedAssertion: { expect: 'refuse', requirements: ['FAPI2-SP-FINAL-5.4.1-1'] },
  minKeyBits: {
    RSA: { bits: 2048, requirements: ['FAPI2-SP-FINAL-5.4.1-2'] },
    EC: { bits: 224, requirements: ['FAPI2-SP-FINAL-5.4.1-3'] },
  },
  audience: {
    ...oidc.audience,
    issuer: { expect: 'accept', requirements: ['FAPI2-SP-FINAL-5.3.2.1-8'] },
    token_endpoint: { expect: 'refuse', requirements: ['FAPI2-SP-FINAL-5.3.2.1-8'] },
    issuer_in_array: { expect: 'refuse', requirements: ['FAPI2-SP-FINAL-5.3.2.1-8'] },
    backchannel_endpoint: { expect: 'refuse', requirements: ['FAPI2-SP-FINAL-5.3.2.1-8'] },
  },
  publicClients: { expect: 'refuse', requirements: ['FAPI2-SP-FINAL-5.3.2.1-3'] },
  senderConstrained: {
    required: true,
    requirements: ['FAPI2-SP-FINAL-5.3.2.1-4', 'FAPI2-SP-FINAL-5.3.2.1-5'],
  },
  // §5.3.2.2: response_type code only (item 1), every request pushed (item 3), iss in the
  // authorization response (item 7); §5.4.1: PS256, ES256 or EdDSA for every JWT.
  authorizationResponseType: 'code',
  forbiddenResponseTypes: {
    code_id_token: { expect: 'refuse', requirements: ['FAPI2-SP-FINAL-5.3.2.2-1'] },
    token: { expect: 'refuse', requirements: ['FAPI2-SP-FINAL-5.3.2.2-1'] },
  },
  // §5.3.2.2-6: "shall require the redirect_uri parameter in pushed authorization requests"
  redirectUriRequired: { expect: 'refuse', requirements: ['FAPI2-SP-FINAL-5.3.2.2-6'] },
  authorizationRequest: {
    par: { use: 'required', requirements: ['FAPI2-SP-FINAL-5.3.2.2-3'] },
    requestObject: { use: 'optional', requirements: [] },
    issParameter: { requirements: ['FAPI2-SP-FINAL-5.3.2.2-7', 'RFC9207-2'] },
    idTokenAlgs: { allowed: ['PS256', 'ES256', 'EdDSA'], requirements: ['FAPI2-SP-FINAL-5.4.1-1'] },
  },
  assertionNearFuture: { expect: 'accept', requirements: ['FAPI2-SP-FINAL-5.3.2.1-13'] },
  assertionFarFuture: { expect: 'refuse', requirements: ['FAPI2-SP-FINAL-5.3.2.1-13'] },
  // §5.3.2.1-8 holds at every endpoint: at the PAR endpoint it narrows RFC 9126 §2 to the issuer.
  parAudience: {
    issuer: { expect: 'accept', requirements: ['FAPI2-SP-FINAL-5.3.2.1-8', 'RFC9126-2-5'] },
    token_endpoint: { expect: 'refuse', requirements: ['FAPI2-SP-FINAL-5.3.2.1-8'] },
    par_endpoint: { expect: 'refuse', requirements: ['FAPI2-SP-FINAL-5.3.2.1-8'] },
  },
})
