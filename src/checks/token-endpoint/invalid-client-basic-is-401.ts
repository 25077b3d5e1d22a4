import type { Exchange } from '../../suite/result.js'
import { defineCheck, fail, pass } from '../define.js'
import { oauthError } from './oauth-error.js'

/**
 * RFC 6749 §5.2: when the client authenticated through the Authorization header and failed, the
 * server answers 401 with a WWW-Authenticate header. Applies only to such refusals.
 */
export default defineCheck<{ response: Exchange }>({
  id: 'invalid-client-basic-is-401',
  title: 'invalid_client after HTTP Basic authentication is HTTP 401 with WWW-Authenticate',
  requirements: ['RFC6749-5.2'],
  evaluate({ response }) {
    const e = oauthError(response)
    if (!e || e.error !== 'invalid_client' || !response.request.headers.authorization)
      return pass('not an invalid_client refusal of Authorization-header credentials')
    if (e.status !== 401) return fail(`HTTP ${e.status} instead of 401`, { status: e.status })
    if (!e.www_authenticate) return fail('HTTP 401 without WWW-Authenticate')
    return pass(`HTTP 401, WWW-Authenticate: ${e.www_authenticate.split(' ')[0]}`)
  },
})
