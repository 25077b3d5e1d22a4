import type { ServerMetadata } from '../../client/types.js'
import { defineCheck, fail, pass } from '../define.js'

/**
 * Every advertised client-assertion signing alg is one the profile allows (FAPI 1 Part 2 §8.6, FAPI
 * 2.0 §5.4.1). Like the methods, the list serves every client of the issuer: the call site grades a
 * miss as a warning (`should`); that at least one allowed alg is offered is signing-algs-include-allowed.
 */
export default defineCheck<{ metadata: ServerMetadata; allowed: readonly string[] }>({
  id: 'signing-algs-within-profile',
  title:
    'token_endpoint_auth_signing_alg_values_supported lists only algorithms the profile allows',
  requirements: [],
  evaluate({ metadata, allowed }) {
    const listed = metadata.token_endpoint_auth_signing_alg_values_supported
    if (!listed) return pass('no algorithms advertised')
    const extra = listed.filter((a) => !allowed.includes(a))
    return extra.length
      ? fail(
          `advertises ${extra.join(', ')}, outside the algorithms the profile allows its clients`,
          { listed, allowed, forbidden: extra },
        )
      : pass(`advertises ${listed.join(', ')}`)
  },
})
