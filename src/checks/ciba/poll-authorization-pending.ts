import type { Exchange } from '../../suite/result.js'
import { defineCheck, fail, pass, undecidable } from '../define.js'
import { oauthError } from '../token-endpoint/oauth-error.js'

/** CIBA §11: a poll before the user has acted answers 400 authorization_pending (or slow_down). */
export default defineCheck<{ response: Exchange }>({
  id: 'poll-authorization-pending',
  title: 'A token request polled before the end-user acted is answered 400 authorization_pending',
  requirements: ['CIBA-11'],
  evaluate({ response }) {
    const e = oauthError(response)
    if (!e) return undecidable(`no HTTP response: ${response.transport_error?.code}`)
    if (e.status === 400 && (e.error === 'authorization_pending' || e.error === 'slow_down'))
      return pass(`HTTP 400 ${e.error}`)
    return fail(
      `HTTP ${e.status}${e.error ? ` ${e.error}` : ''} where authorization_pending was due`,
      { status: e.status, error: e.error },
    )
  },
})
