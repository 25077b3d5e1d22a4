// Isolation: OpenID Connect Core §9 (OIDCC-9) makes the jti of a client assertion single-use, and
// the rule must still be caught behind a registration policy the harness has to comply with. The
// server requires redirect_uris at registration (the requires-redirect-uris alternative, correct by
// OpenID Connect Dynamic Client Registration 1.0 §2) AND forgets every jti (forgets-jti's patch, b).
import { defineMutant } from '../../src/reference-as/mutant.js'
import { requireRedirectUris } from '../alternatives/index.js'
import forgetsJti from './forgets-jti.js'

export default defineMutant({
  id: 'redirect-uris-and-forgets-jti',
  module: import.meta.url,
  description:
    'oidc requires redirect_uris at registration and accepts a replayed client assertion',
  profiles: ['oidc'],
  expectFailures: forgetsJti.expectFailures,
  middleware: requireRedirectUris,
  patchProvider: forgetsJti.patchProvider!,
})
