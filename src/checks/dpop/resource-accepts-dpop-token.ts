import type { Exchange } from '../../suite/result.js'
import { defineCheck, fail, pass, undecidable } from '../define.js'

/**
 * RFC 9449 §7.1 and FAPI 2.0 §5.3.4-5: the protected resource serves a DPoP-bound access token
 * sent as `Authorization: DPoP <token>` with a valid proof (`ath` included) of the key it is bound to.
 */
export default defineCheck<{ response: Exchange }>({
  id: 'resource-accepts-dpop-token',
  title:
    'The protected resource serves a DPoP-bound access token presented with a valid proof of its key',
  requirements: ['RFC9449-7.1', 'FAPI2-SP-FINAL-5.3.4-5'],
  evaluate({ response }) {
    if (!response.response)
      return undecidable(`no HTTP response: ${response.transport_error?.code}`, {
        transport_error: response.transport_error,
      })
    const { status, headers } = response.response
    if (status >= 200 && status < 300) return pass(`HTTP ${status}`, { status })
    return fail(
      `refused with HTTP ${status} although the token came with a valid proof of its key`,
      { status, 'www-authenticate': headers['www-authenticate'] ?? null },
    )
  },
})
