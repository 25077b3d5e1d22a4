import type { ServerMetadata } from '../../client/types.js'
import { defineCheck, fail, pass } from '../define.js'

/**
 * At least one client-assertion signing alg the profile allows is advertised (FAPI 1 Part 2 §8.6:
 * PS256 or ES256; FAPI 2.0 §5.4.1: PS256, ES256 or EdDSA), or no client of the profile could use
 * private_key_jwt. An absent list counts as none advertised.
 */
export default defineCheck<{ metadata: ServerMetadata; allowed: readonly string[] }>({
  id: 'signing-algs-include-allowed',
  title:
    'token_endpoint_auth_signing_alg_values_supported includes an algorithm the profile allows',
  requirements: [],
  evaluate({ metadata, allowed }) {
    const listed = metadata.token_endpoint_auth_signing_alg_values_supported ?? []
    const ok = listed.filter((a) => allowed.includes(a))
    return ok.length
      ? pass(`offers ${ok.join(', ')}`)
      : fail(`offers none of ${allowed.join(', ')}`, { listed, allowed })
  },
})
