import { jsonBody } from '../../http/client.js'
import type { Exchange } from '../../suite/result.js'
import { defineCheck, fail, pass, undecidable } from '../define.js'

/**
 * RFC 9449 §5: "A token_type of DPoP MUST be included in the access token response to signal to
 * the client that the access token was bound to its DPoP key". The value is compared without
 * regard to case (RFC 6749 §5.1: token_type "Value is case insensitive").
 */
export default defineCheck<{ response: Exchange }>({
  id: 'token-type-dpop',
  title: 'The token response to a request with a DPoP proof says token_type DPoP',
  requirements: ['RFC9449-5-4'],
  evaluate({ response }) {
    if (response.response?.status !== 200)
      return undecidable(
        `no token response to inspect (${response.response ? `HTTP ${response.response.status}` : response.transport_error?.code})`,
      )
    const b = jsonBody(response)
    const tokenType =
      b.ok && b.value && typeof b.value === 'object'
        ? (b.value as Record<string, unknown>).token_type
        : undefined
    const evidence = { token_type: tokenType ?? null }
    if (typeof tokenType === 'string' && tokenType.toLowerCase() === 'dpop')
      return pass('token_type is DPoP', evidence)
    return fail(
      `token_type is ${tokenType === undefined ? 'missing' : JSON.stringify(tokenType)}: the token is not signalled as DPoP-bound`,
      evidence,
    )
  },
})
