// Violates FAPI 1.0 Part 2 §5.2.2.1-5 (FAPI1-ADV-5.2.2.1-5): "shall include state hash, s_hash, in
// the ID Token to protect the state value if the client supplied a value for state". Broken by a
// patch (b) of the IdToken model: s_hash is removed from every ID Token (re-signed with the AS's
// own key); the token endpoint's ID Token may omit it anyway.
import { defineMutant } from '../../src/reference-as/mutant.js'
import { rewriteIdToken } from '../../src/reference-as/rewrite-id-token.js'

export default defineMutant({
  id: 'hybrid-drops-s-hash',
  module: import.meta.url,
  description: 'fapi1-advanced issues code id_token responses whose ID Token has no s_hash',
  profiles: ['fapi1-advanced'],
  expectFailures: {
    'fapi1-advanced': ['hybrid-id-token'],
  },
  ...rewriteIdToken(({ payload }) => {
    delete payload.s_hash
  }),
})
