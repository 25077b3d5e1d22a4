import type { Exchange } from '../../suite/result.js'
import { defineCheck, fail, pass, undecidable } from '../define.js'

/**
 * RFC 8705 §3: the protected resource serves a certificate-bound access token presented over
 * mutual TLS with the certificate it is bound to.
 */
export default defineCheck<{ response: Exchange }>({
  id: 'resource-accepts-bound-token',
  title:
    'The protected resource accepts a certificate-bound access token presented with its certificate',
  requirements: ['RFC8705-3'],
  evaluate({ response }) {
    if (!response.response)
      return undecidable(`no HTTP response: ${response.transport_error?.code}`, {
        transport_error: response.transport_error,
      })
    const { status, headers } = response.response
    if (status >= 200 && status < 300) return pass(`HTTP ${status}`, { status })
    return fail(
      `refused with HTTP ${status} although the token was presented with its own certificate`,
      { status, 'www-authenticate': headers['www-authenticate'] ?? null },
    )
  },
})
