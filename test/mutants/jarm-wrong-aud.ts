// Violates JARM §2.1 (JARM-2.1: "aud - the client_id of the client the response is intended for")
// and FAPI 1.0 Part 2 §5.2.2.2-1 (FAPI1-ADV-5.2.2.2-1). Broken by a patch (b) of the IdToken model,
// which also signs JARM responses (use "authorization"): their aud names another client
// (re-signed with the AS's own key, so only aud is wrong).
import { defineMutant } from '../../src/reference-as/mutant.js'
import { rewriteIdToken } from '../../src/reference-as/rewrite-id-token.js'

export default defineMutant({
  id: 'jarm-wrong-aud',
  module: import.meta.url,
  description: 'fapi1-advanced issues JARM responses whose aud is not the client_id',
  profiles: ['fapi1-advanced'],
  expectFailures: {
    'fapi1-advanced': ['jarm-code-flow'],
  },
  ...rewriteIdToken(
    ({ payload }) => {
      payload.aud = `${String(payload.aud)}-other`
    },
    { use: 'authorization' },
  ),
})
