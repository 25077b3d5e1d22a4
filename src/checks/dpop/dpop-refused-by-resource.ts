import type { Exchange } from '../../suite/result.js'
import { defineCheck, fail, pass, undecidable } from '../define.js'

/**
 * RFC 9449 §7.1: "The resource server MUST NOT grant access to the resource unless all checks are
 * successful." A DPoP-bound token presented without a valid proof of its key (or as a bearer
 * token, §7.2) must not be served. What the refusal looks like is judged apart (dpop-challenge).
 */
export default defineCheck<{ response: Exchange }>({
  id: 'dpop-refused-by-resource',
  title:
    'The protected resource does not serve a DPoP-bound token without a valid proof of its key',
  requirements: ['RFC9449-7.1'],
  evaluate({ response }) {
    if (!response.response)
      return undecidable(`no HTTP response: ${response.transport_error?.code}`, {
        transport_error: response.transport_error,
      })
    const { status, headers } = response.response
    const evidence = {
      refusedAt: 'resource',
      status,
      'www-authenticate': headers['www-authenticate'] ?? null,
    }
    if (status >= 200 && status < 300)
      return fail(
        `served (HTTP ${status}): the DPoP-bound token was usable without a valid proof of its key`,
        evidence,
      )
    return pass(`not served: HTTP ${status}`, evidence)
  },
})
