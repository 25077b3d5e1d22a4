import { defineProfile } from '../src/suite/profile.js'
import oauth2 from './oauth2.js'

/** OpenID Connect Core §9 tightens JWT client authentication: jti is required and single-use. */
export default defineProfile({
  extends: oauth2,
  id: 'oidc',
  title: 'OpenID Connect Core 1.0 and Discovery 1.0',
  unsignedAssertion: { expect: 'refuse', requirements: ['RFC7523-3-9', 'RFC8725-3.2'] },
  audience: {
    ...oauth2.audience,
    token_endpoint: { expect: 'accept', requirements: ['OIDCC-9'], level: 'should' },
  },
  jtiReplay: { expect: 'refuse', requirements: ['OIDCC-9'] },
  jtiMissing: { expect: 'refuse', requirements: ['OIDCC-9'] },
  issMismatch: { expect: 'refuse', requirements: ['OIDCC-9'] },
  subMismatch: { expect: 'refuse', requirements: ['OIDCC-9', 'RFC7523-3-2'] },
})
