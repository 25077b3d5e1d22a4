// RFC 6749 §4.1.2: "The authorization code MUST expire shortly after it is issued to mitigate the
// risk of leaks. A maximum authorization code lifetime of 10 minutes is RECOMMENDED." This server's
// codes live 5 seconds (oidc-provider ttl.AuthorizationCode, configuration (a)), and target.yaml
// tells the harness so (authorization_code.lifetime_s), so authorization-code-expired runs: a code
// exchanged at once buys tokens, one exchanged after 5 s is refused.
import { defineMutant } from '../../src/reference-as/mutant.js'

/** The code lifetime of this server, in seconds. */
export const SHORT_CODE_LIFETIME_S = 5

export default defineMutant({
  id: 'short-code-lifetime',
  module: import.meta.url,
  description: `authorization codes live ${SHORT_CODE_LIFETIME_S} s, and the configuration says so`,
  why: 'RFC 6749 §4.1.2: "The authorization code MUST expire shortly after it is issued to mitigate the risk of leaks. A maximum authorization code lifetime of 10 minutes is RECOMMENDED."',
  profiles: ['oauth2'],
  expectFailures: {},
  config: `authorization_code:\n  lifetime_s: ${SHORT_CODE_LIFETIME_S}\n`,
  configure(config) {
    config.ttl.AuthorizationCode = SHORT_CODE_LIFETIME_S
  },
})
