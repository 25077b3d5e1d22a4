// Isolation: FAPI 1.0 Part 2 §8.6 (FAPI1-ADV-8.6) forbids RS256 client assertions, and the rule
// must still be caught behind a scope policy the harness has to comply with. The server requires
// the `accounts` scope for client_credentials (the requires-scope alternative, correct by RFC 6749
// §3.3) AND accepts and advertises RS256 (accepts-rs256's configuration, a). target.yaml names the
// scope for the harness.
import { defineMutant } from '../../src/reference-as/mutant.js'
import { configureScope, REQUIRED_SCOPE, requireScope } from '../alternatives/index.js'
import acceptsRs256 from './accepts-rs256.js'

export default defineMutant({
  id: 'scope-and-accepts-rs256',
  module: import.meta.url,
  description: `fapi1-advanced requires scope ${REQUIRED_SCOPE} for client_credentials and accepts RS256 client assertions`,
  profiles: ['fapi1-advanced'],
  expectFailures: acceptsRs256.expectFailures,
  ...(acceptsRs256.expectWarnings ? { expectWarnings: acceptsRs256.expectWarnings } : {}),
  config: `scope: ${REQUIRED_SCOPE}\n`,
  configure(config, ctx) {
    configureScope(config)
    acceptsRs256.configure!(config, ctx)
  },
  middleware: requireScope(),
})
