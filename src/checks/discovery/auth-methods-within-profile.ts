import type { ServerMetadata } from '../../client/types.js'
import { defineCheck, fail, pass } from '../define.js'

/**
 * Every token endpoint authentication method the server advertises is one the profile lets its
 * clients use. An absent list means client_secret_basic (RFC 8414 §2 default). The metadata serves
 * every client of the issuer and the profile clauses govern how FAPI clients authenticate, so the
 * call site grades a miss as a warning (`should`), never a failure: a server may list a method for
 * other clients as long as it refuses it to the profile's clients (judged at the token endpoint).
 */
export default defineCheck<{ metadata: ServerMetadata; allowed: readonly string[] }>({
  id: 'auth-methods-within-profile',
  title: 'token_endpoint_auth_methods_supported lists only methods the profile allows',
  requirements: ['RFC8414-2'],
  evaluate({ metadata, allowed }) {
    const listed = metadata.token_endpoint_auth_methods_supported ?? ['client_secret_basic']
    const extra = listed.filter((m) => !allowed.includes(m))
    return extra.length
      ? fail(`advertises ${extra.join(', ')}, outside the methods the profile allows its clients`, {
          listed,
          allowed,
          forbidden: extra,
          defaulted: !metadata.token_endpoint_auth_methods_supported,
        })
      : pass(`advertises ${listed.join(', ')}`, { listed })
  },
})
