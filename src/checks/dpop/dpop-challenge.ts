import { dpopChallenge } from '../../client/dpop.js'
import type { Exchange } from '../../suite/result.js'
import { defineCheck, fail, pass, undecidable } from '../define.js'
import { bearerError } from '../mtls/bound-token-refused-by-resource.js'

/**
 * RFC 9449 §7.1: a refused request is challenged with 401 and `WWW-Authenticate` (scheme DPoP), and
 * "An error parameter ([RFC6750], Section 3) SHOULD be included to indicate the reason why the
 * request was declined, if the request included an access token but failed authentication."
 * A token sent as a bearer token (§7.2) may be answered with a Bearer challenge instead.
 */
export default defineCheck<{ response: Exchange }>({
  id: 'dpop-challenge',
  title:
    'A refused DPoP request is answered 401 with a WWW-Authenticate challenge carrying an error',
  requirements: ['RFC9449-7.1-10'],
  evaluate({ response }) {
    if (!response.response)
      return undecidable(`no HTTP response: ${response.transport_error?.code}`)
    const { status, headers } = response.response
    const header = headers['www-authenticate']
    const scheme =
      /^\s*dpop\b/i.test(header ?? '') || dpopChallenge(header).dpop
        ? 'DPoP'
        : /^\s*bearer\b/i.test(header ?? '')
          ? 'Bearer'
          : undefined
    const error =
      scheme === 'DPoP'
        ? dpopChallenge(header).error
        : scheme === 'Bearer'
          ? bearerError(header)
          : undefined
    const evidence = {
      status,
      'www-authenticate': header ?? null,
      scheme: scheme ?? null,
      error: error ?? null,
    }
    if (status >= 200 && status < 300)
      return undecidable('the request was served: there is no refusal to inspect', evidence)
    if (status !== 401) return fail(`refused with HTTP ${status}; a 401 challenge is due`, evidence)
    if (!scheme)
      return fail(
        header
          ? 'HTTP 401 with a challenge that is neither DPoP nor Bearer'
          : 'HTTP 401 without a WWW-Authenticate challenge',
        evidence,
      )
    if (!error)
      return fail(`HTTP 401 with a ${scheme} challenge without an error parameter`, evidence)
    return pass(`HTTP 401, WWW-Authenticate ${scheme} error="${error}"`, evidence)
  },
})
