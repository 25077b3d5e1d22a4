import type { ServerMetadata } from '../../client/types.js'
import { defineCheck, fail, pass } from '../define.js'

/** At least one method the profile allows is advertised (OIDF: contains private_key_jwt or tls_client_auth). */
export default defineCheck<{ metadata: ServerMetadata; allowed: readonly string[] }>({
  id: 'auth-methods-include-allowed',
  title: 'token_endpoint_auth_methods_supported includes a method the profile allows',
  requirements: ['RFC8414-2'],
  evaluate({ metadata, allowed }) {
    const listed = metadata.token_endpoint_auth_methods_supported ?? ['client_secret_basic']
    const ok = listed.filter((m) => allowed.includes(m))
    return ok.length
      ? pass(`offers ${ok.join(', ')}`)
      : fail(`offers none of ${allowed.join(', ')}`, { listed, allowed })
  },
})
