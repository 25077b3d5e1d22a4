import { jsonBody } from '../../http/client.js'
import type { Exchange } from '../../suite/result.js'
import { defineCheck, fail, pass, undecidable } from '../define.js'

/** The `error` parameter of a `WWW-Authenticate: Bearer ...` challenge (RFC 6750 §3; auth-params per RFC 9110 §11.2). */
export function bearerError(header: string | undefined): string | undefined {
  const m = header ? /^\s*bearer(?:\s+|$)/i.exec(header) : null
  if (!header || !m) return undefined
  const param =
    /\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*(?:,|$)/y
  param.lastIndex = m[0].length
  for (let p = param.exec(header); p; p = param.exec(header)) {
    if (p[1]!.toLowerCase() === 'error')
      return p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : p[3]
    if (param.lastIndex >= header.length) break
  }
  return undefined
}

/**
 * RFC 8705 §3: a certificate-bound access token presented without its certificate, or with
 * another one, "MUST be rejected ... using an HTTP 401 status code and the invalid_token error
 * code" (RFC 6750 §3.1), carried in the WWW-Authenticate Bearer challenge. The code in a JSON body
 * alone is recorded but does not replace the challenge.
 */
export default defineCheck<{ response: Exchange }>({
  id: 'bound-token-refused-by-resource',
  title:
    'The protected resource refuses a certificate-bound token without its certificate: HTTP 401, WWW-Authenticate error="invalid_token"',
  requirements: ['RFC8705-3', 'RFC6750-3.1'],
  evaluate({ response }) {
    if (!response.response)
      return undecidable(`no HTTP response: ${response.transport_error?.code}`, {
        transport_error: response.transport_error,
      })
    const { status, headers } = response.response
    const challenge = headers['www-authenticate']
    const error = bearerError(challenge)
    const body = jsonBody(response)
    const bodyError =
      body.ok && body.value && typeof body.value === 'object'
        ? (body.value as Record<string, unknown>).error
        : undefined
    const evidence = {
      refusedAt: 'resource',
      status,
      'www-authenticate': challenge ?? null,
      error: error ?? null,
      body_error: bodyError ?? null,
    }
    if (status >= 200 && status < 300)
      return fail(
        `accepted (HTTP ${status}): the token is usable without the certificate it is bound to`,
        evidence,
      )
    if (status !== 401)
      return fail(
        `refused with HTTP ${status}; RFC 8705 §3 requires 401 with invalid_token`,
        evidence,
      )
    if (error !== 'invalid_token') {
      return fail(
        challenge
          ? `HTTP 401 but the Bearer challenge carries ${error ? `error="${error}"` : 'no error'}; invalid_token is due`
          : 'HTTP 401 without a WWW-Authenticate Bearer challenge',
        evidence,
      )
    }
    return pass('refused: HTTP 401, WWW-Authenticate error="invalid_token"', evidence)
  },
})
