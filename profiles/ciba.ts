import { defineProfile } from '../src/suite/profile.js'
import oidc from './oidc.js'

/** CIBA Core: the client authenticates at the backchannel endpoint, and §7.1 fixes three audiences. */
export default defineProfile({
  extends: oidc,
  id: 'ciba',
  title: 'OpenID Connect CIBA Core 1.0',
  surfaces: ['discovery', 'client-authentication', 'ciba', 'mtls'],
  // §7.1 governs the backchannel authentication request; the token endpoint keeps OIDC Core §9.
  backchannelAudience: {
    issuer: { expect: 'accept', requirements: ['CIBA-7.1'] },
    token_endpoint: { expect: 'accept', requirements: ['CIBA-7.1'] },
    backchannel_endpoint: { expect: 'accept', requirements: ['CIBA-7.1'] },
  },
  cibaPush: {
    expect: 'unspecified',
    requirements: ['CIBA-4'],
    why: 'CIBA Core admits the push mode',
  },
  // Inferred from §7.1 ("The Client MUST authenticate to the Backchannel Authentication Endpoint"):
  // a public client cannot use CIBA; other flows of the same OP may still admit public clients.
  publicCiba: { expect: 'refuse', requirements: ['CIBA-7.1'] },
  // §7.1 "The Client MUST authenticate to the Backchannel Authentication Endpoint"
  authenticatedEndpoints: [
    ...oidc.authenticatedEndpoints,
    { endpoint: 'backchannel_authentication', requirements: ['CIBA-7.1'] },
  ],
})
