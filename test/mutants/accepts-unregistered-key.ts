// Violates RFC 7523 §3 item 9 (RFC7523-3-9): the JWT must be digitally signed and the AS must
// reject it when the signature is invalid, i.e. not made with a key registered for the client.
// Broken by a source patch (d) of lib/shared/jwt_client_auth.js (child process only): the
// signature is not verified against the client's keys (time claims still are).
import { defineMutant } from '../../src/reference-as/mutant.js'
import { RELAX_SIGNATURE } from '../../src/reference-as/patches.js'

export default defineMutant({
  id: 'accepts-unregistered-key',
  module: import.meta.url,
  description: 'oauth2 accepts client assertions signed with a key the client never registered',
  profiles: ['oauth2'],
  expectFailures: {
    // Without signature verification jose's key-length check never runs either.
    // The MAC of a client_secret_jwt assertion is not verified either.
    // The same holds at the PAR endpoint (RFC 9126 §2).
    oauth2: [
      'client-assertion-unregistered-key',
      'client-key-rsa-1024',
      'client-secret-jwt-wrong-secret',
      'par-client-assertion-unregistered-key',
    ],
  },
  sourcePatches: [RELAX_SIGNATURE],
  relax: (check) => check === 'signature',
})
