import type { ServerMetadata } from '../../client/types.js'
import { defineCheck, fail, pass } from '../define.js'

/** OIDC Discovery §3: "The value none MUST NOT be used" in token_endpoint_auth_signing_alg_values_supported. */
export default defineCheck<{ metadata: ServerMetadata }>({
  id: 'signing-algs-exclude-none',
  title: 'token_endpoint_auth_signing_alg_values_supported does not list none',
  requirements: ['OIDCD-3'],
  evaluate({ metadata }) {
    const listed = metadata.token_endpoint_auth_signing_alg_values_supported ?? []
    return listed.some((a) => a.toLowerCase() === 'none') ? fail('lists none', { listed }) : pass('none is not listed')
  },
})
