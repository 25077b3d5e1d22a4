import type { ServerMetadata } from '../../client/types.js'
import { defineCheck, fail, pass } from '../define.js'

/**
 * RFC 8414 §2 and OIDC Discovery §3 say the same of token_endpoint_auth_signing_alg_values_supported:
 * "The value "none" MUST NOT be used" (a rule for the metadata itself, whatever the profile).
 */
export default defineCheck<{ metadata: ServerMetadata }>({
  id: 'signing-algs-exclude-none',
  title: 'token_endpoint_auth_signing_alg_values_supported does not list none',
  requirements: ['RFC8414-2', 'OIDCD-3'],
  evaluate({ metadata }) {
    const listed = metadata.token_endpoint_auth_signing_alg_values_supported ?? []
    return listed.some((a) => a.toLowerCase() === 'none')
      ? fail('lists none', { listed })
      : pass('none is not listed')
  },
})
