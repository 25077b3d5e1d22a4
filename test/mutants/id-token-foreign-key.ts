// Violates OIDC Core 1.0 §3.1.3.7 item 6 (OIDCC-3.1.3.7-6): "The Client MUST use the keys provided
// by the Issuer." (and §2: "ID Tokens MUST be signed using JWS"). Broken by a patch (b) of the
// IdToken model: the ID Token is signed again with a fresh key of the same alg under the kid of
// the AS's key, a key that the jwks_uri does not serve.
import { generateKeyPair } from 'jose'
import { defineMutant } from '../../src/reference-as/mutant.js'
import { rewriteIdToken } from '../../src/reference-as/rewrite-id-token.js'

export default defineMutant({
  id: 'id-token-foreign-key',
  module: import.meta.url,
  description:
    'oidc signs ID Tokens with a key that is not in its jwks_uri (under the kid of one that is)',
  profiles: ['oidc'],
  expectFailures: {
    oidc: ['oidc-id-token'],
  },
  ...rewriteIdToken(async (t) => {
    t.key = (await generateKeyPair(t.header.alg!, { extractable: false })).privateKey
  }),
})
