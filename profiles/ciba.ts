import { defineProfile } from '../src/index.js'
import oidc from './oidc.js'

/** CIBA Core: the client authenticates at the backchannel endpoint, and §7.1 fixes three audiences. */
export default defineProfile({
  extends: oidc,
  id: 'ciba',
  title: 'OpenID Connect CIBA Core 1.0',
  surfaces: ['discovery', 'client-authentication', 'ciba'],
  audience: {
    ...oidc.audience,
    issuer: { expect: 'accept', requirements: ['CIBA-7.1'] },
    token_endpoint: { expect: 'accept', requirements: ['CIBA-7.1'] },
    backchannel_endpoint: { expect: 'accept', requirements: ['CIBA-7.1'] },
  },
})
