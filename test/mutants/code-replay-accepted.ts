// Violates RFC 6749 §10.5 (RFC6749-10.5-2): "Authorization codes MUST be short lived and
// single-use." (and §4.1.2: "If an authorization code is used more than once, the authorization
// server MUST deny the request"). Broken by a patch of the Provider (b): at the token endpoint a
// consumed code is loaded as if it had never been used, so it buys tokens again.
import { defineMutant, editAuthorizationCodeAtToken } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'code-replay-accepted',
  module: import.meta.url,
  description: 'oauth2 exchanges the same authorization code more than once',
  profiles: ['oauth2'],
  expectFailures: {
    oauth2: ['authorization-code-replay'],
  },
  // whether the tokens of a replayed code are revoked is undecidable where the replay is accepted
  expectErrors: {
    oauth2: ['authorization-code-replay-revokes-tokens'],
  },
  patchProvider: editAuthorizationCodeAtToken((code) => {
    code.consumed = undefined
  }),
})
