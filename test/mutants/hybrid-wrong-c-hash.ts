// Violates OIDC Core §3.3.2.11 (OIDCC-3.3.2.11) and FAPI 1.0 Part 2 §5.2.2.1-4: the ID Token of a
// code id_token response is the detached signature of the code, its c_hash the left half of the
// code's hash. Broken by a patch (b) of the IdToken model: a c_hash is replaced by the hash of
// another value (re-signed with the AS's own key, so only c_hash is wrong).
import { createHash } from 'node:crypto'
import { defineMutant } from '../../src/reference-as/mutant.js'
import { rewriteIdToken } from '../../src/reference-as/rewrite-id-token.js'

export default defineMutant({
  id: 'hybrid-wrong-c-hash',
  module: import.meta.url,
  description:
    'fapi1-advanced issues code id_token responses whose ID Token c_hash is not the hash of the code',
  profiles: ['fapi1-advanced'],
  expectFailures: {
    'fapi1-advanced': ['hybrid-id-token'],
  },
  ...rewriteIdToken(({ payload }) => {
    if (typeof payload.c_hash === 'string')
      payload.c_hash = createHash('sha256')
        .update('not-the-code')
        .digest()
        .subarray(0, 16)
        .toString('base64url')
  }),
})
