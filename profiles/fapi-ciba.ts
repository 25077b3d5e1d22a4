import { defineProfile } from '../src/index.js'
import advanced from './fapi1-advanced.js'
import ciba from './ciba.js'

/** FAPI-CIBA: CIBA under FAPI 1.0 Advanced client authentication, confidential clients, no push mode. */
export default defineProfile({
  extends: ciba,
  id: 'fapi-ciba',
  title: 'FAPI: Client Initiated Backchannel Authentication Profile',
  surfaces: ['discovery', 'client-authentication', 'ciba', 'mtls'],
  clientAuth: advanced.clientAuth,
  signingAlgs: advanced.signingAlgs,
  unsignedAssertion: advanced.unsignedAssertion,
  minKeyBits: advanced.minKeyBits,
  publicClients: { expect: 'refuse', requirements: ['FAPI-CIBA-5.2.2-1'] },
})
