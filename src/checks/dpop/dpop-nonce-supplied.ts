import { jsonBody } from '../../http/client.js'
import type { Exchange } from '../../suite/result.js'
import { defineCheck, fail, pass, undecidable } from '../define.js'

/**
 * RFC 9449 §8: the use_dpop_nonce answer of the authorization server supplies the nonce: "The
 * authorization server includes a DPoP-Nonce HTTP header in the response supplying a nonce value
 * to be used when sending the subsequent request." Judged on a use_dpop_nonce answer only (the
 * error code itself is error-code-as-specified's).
 */
export default defineCheck<{ response: Exchange }>({
  id: 'dpop-nonce-supplied',
  title: 'A use_dpop_nonce answer of the token endpoint carries a DPoP-Nonce header',
  requirements: ['RFC9449-8-3'],
  evaluate({ response }) {
    if (!response.response)
      return undecidable(`no HTTP response: ${response.transport_error?.code}`)
    const b = jsonBody(response)
    const error =
      b.ok && b.value && typeof b.value === 'object'
        ? (b.value as Record<string, unknown>).error
        : undefined
    const nonce = response.response.headers['dpop-nonce']
    const evidence = {
      status: response.response.status,
      error: error ?? null,
      'dpop-nonce': nonce ? 'present' : 'absent',
    }
    if (error !== 'use_dpop_nonce')
      return undecidable(
        `the answer is not a use_dpop_nonce error (${String(error ?? `HTTP ${response.response.status}`)}): no nonce is due`,
        evidence,
      )
    return nonce
      ? pass('use_dpop_nonce with a DPoP-Nonce header', evidence)
      : fail(
          'use_dpop_nonce without a DPoP-Nonce header: the client is given no nonce to retry with',
          evidence,
        )
  },
})
