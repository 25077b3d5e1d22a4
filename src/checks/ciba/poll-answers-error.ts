import type { Exchange } from '../../suite/result.js'
import { defineCheck, fail, pass, undecidable } from '../define.js'
import { oauthError } from '../token-endpoint/oauth-error.js'

export interface PollAnswersErrorInput {
  /** The token request polling the auth_req_id. */
  response: Exchange
  /** The error code the poll must carry (CIBA §11: expired_token, access_denied). */
  error: string
  /** Why that error is due, for the message: `the auth_req_id expired`, `the end-user denied`. */
  because: string
}

/**
 * CIBA §11: once the auth_req_id has expired, or the end-user denied the request, polling the token
 * endpoint is answered with HTTP 400 and that error code; tokens, or another answer, fail.
 */
export default defineCheck<PollAnswersErrorInput>({
  id: 'poll-answers-error',
  title:
    'The token endpoint answers the poll with HTTP 400 and the error code CIBA §11 names for the state of the request',
  requirements: [],
  evaluate({ response, error, because }) {
    const e = oauthError(response)
    if (!e) return undecidable(`no HTTP response: ${response.transport_error?.code}`)
    if (e.status === 400 && e.error === error) return pass(`HTTP 400 ${error}`)
    if (e.status === 200)
      return fail(`HTTP 200 (tokens issued) where ${because}: ${error} was due`, {
        status: e.status,
      })
    return fail(
      `HTTP ${e.status}${e.error ? ` ${e.error}` : ''} where ${because}: HTTP 400 ${error} was due`,
      { status: e.status, error: e.error, expected: error },
    )
  },
})
