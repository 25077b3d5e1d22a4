import { defineProfile } from '../src/suite/profile.js'
import advanced from './fapi1-advanced.js'
import ciba from './ciba.js'

/** FAPI-CIBA: CIBA under FAPI 1.0 Advanced client authentication, confidential clients, no push mode. */
export default defineProfile({
  extends: ciba,
  // FAPI-CIBA servers are FAPI 1.0 Advanced servers: an authorization request there is code id_token (FAPI 1 Part 2 §5.2.2-2).
  authorizationResponseType: 'code id_token',
  id: 'fapi-ciba',
  title: 'FAPI: Client Initiated Backchannel Authentication Profile',
  surfaces: ['discovery', 'client-authentication', 'ciba', 'mtls'],
  clientAuth: {
    allowed: advanced.clientAuth.allowed,
    requirements: ['FAPI-CIBA-5.2.2', 'FAPI1-ADV-5.2.2-14'],
  },
  signingAlgs: advanced.signingAlgs,
  unsignedAssertion: advanced.unsignedAssertion,
  minKeyBits: advanced.minKeyBits,
  cibaPush: { expect: 'refuse', requirements: ['FAPI-CIBA-5.2.2-3'] },
  // ID1 §5.2.2 item 6: backchannel requests are signed (CIBA §7.1.1); item 9: exp - nbf <= 60 minutes.
  cibaSignedRequest: {
    unsigned: { expect: 'refuse', requirements: ['FAPI-CIBA-5.2.2-6'] },
    lifetime: { expect: 'refuse', requirements: ['FAPI-CIBA-5.2.2-9'], maxLifetimeSeconds: 3600 },
  },
  // Item 2 lets the AS require a binding_message; a correct client sends one.
  cibaBindingMessage: 'FAPI-HARNESS',
  publicClients: { expect: 'refuse', requirements: ['FAPI-CIBA-5.2.2-1'] },
  senderConstrained: { required: true, requirements: ['FAPI-CIBA-5.2.2', 'FAPI1-ADV-5.2.2-5'] },
  clientIdMismatch: { expect: 'refuse', requirements: ['FAPI-CIBA-5.2.2', 'FAPI1-BASE-5.2.2-19'] },
})
