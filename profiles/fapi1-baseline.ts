import { defineProfile } from '../src/suite/profile.js'
import oidc from './oidc.js'

/** FAPI 1.0 Part 1: no shared-secret methods in the clear, and minimum key sizes (§5.2.2-4/5/6). */
export default defineProfile({
  extends: oidc,
  id: 'fapi1-baseline',
  title: 'FAPI 1.0 Part 1: Baseline (Final)',
  clientAuth: {
    allowed: [
      'client_secret_jwt',
      'private_key_jwt',
      'tls_client_auth',
      'self_signed_tls_client_auth',
    ],
    requirements: ['FAPI1-BASE-5.2.2-4'],
  },
  publicClients: { expect: 'accept', requirements: ['FAPI1-BASE-5.2.2-2'], level: 'should' },
  minKeyBits: {
    RSA: { bits: 2048, requirements: ['FAPI1-BASE-5.2.2-5', 'RFC7518-3.5'] },
    EC: { bits: 160, requirements: ['FAPI1-BASE-5.2.2-6'] },
  },
  // Part 2 §5.2.2 takes over Part 1 §5.2.2, so fapi1-advanced inherits this rule.
  clientIdMismatch: { expect: 'refuse', requirements: ['FAPI1-BASE-5.2.2-19'] },
  pkceRequired: ['FAPI1-BASE-5.2.2-7'],
  // §5.2.2-9: "shall require the redirect_uri in the authorization request" (Part 2 §5.2.2.0 takes it in)
  redirectUriRequired: { expect: 'refuse', requirements: ['FAPI1-BASE-5.2.2-9'] },
})
