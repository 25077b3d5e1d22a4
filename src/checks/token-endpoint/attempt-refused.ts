import type { Exchange } from '../../suite/result.js'
import { defineCheck, fail, pass, undecidable } from '../define.js'
import { oauthError } from './oauth-error.js'

export interface AttemptRefusedInput {
  /**
   * The control: the same request without the change (or, for a change in the client metadata,
   * the twin registration). It must have succeeded, or a refusal proves nothing.
   */
  control: Exchange
  /** The registration that carried the change, when the change is in the client metadata. */
  registration?: Exchange
  /** Set when the AS registered the client but replaced the member under test (RFC 7591 §3.2.1). */
  replaced?: { member: string; asked: unknown; granted: unknown }
  /** The request that carried the change; absent when the registration already refused or replaced it. */
  response?: Exchange
}

const succeeded = (x: Exchange) =>
  Boolean(x.response && x.response.status >= 200 && x.response.status < 300)

/**
 * The server did not accept a request that differs from a succeeding control in exactly the
 * property under test: a refusal at the endpoint (any non-2xx HTTP answer), a refusal at
 * registration naming the client metadata (RFC 7591 §3.2.2 invalid_client_metadata), or a
 * registration that replaced the member (RFC 7591 §3.2.1 "reject or replace"). The form of the
 * refusal (status, JSON, code) is judged by other checks with their own clauses; a refusal for
 * another reason (invalid_redirect_uri, a 5xx at registration, a transport failure) decides nothing.
 */
export default defineCheck<AttemptRefusedInput>({
  id: 'attempt-refused',
  title:
    'The authorization server does not accept the request that differs from a succeeding control in the property under test',
  requirements: [],
  evaluate({ control, registration, replaced, response }) {
    if (!succeeded(control)) {
      const c = oauthError(control)
      return undecidable(
        `the control did not succeed (${c ? `HTTP ${c.status}${c.error ? ` ${c.error}` : ''}` : control.transport_error?.code}): a refusal proves nothing`,
        { control: c?.status },
      )
    }
    const controlEvidence = { control: `${control.purpose}: HTTP ${control.response!.status}` }
    if (replaced) {
      return pass(
        `refused at registration: the AS replaced ${replaced.member} ${JSON.stringify(replaced.asked)} with ${JSON.stringify(replaced.granted)} (RFC 7591 §3.2.1)`,
        { refusedAt: 'registration', replaced, ...controlEvidence },
      )
    }
    if (!response) {
      if (!registration)
        return undecidable('neither a registration nor a request carried the change')
      if (registration.transport_error)
        return undecidable(`registration: no HTTP response: ${registration.transport_error.code}`)
      const e = oauthError(registration)!
      if (succeeded(registration))
        return fail(`registration accepted (HTTP ${e.status}) a client the profile forbids`, {
          refusedAt: 'none',
          status: e.status,
          ...controlEvidence,
        })
      if (e.error === 'invalid_client_metadata' && e.status >= 400 && e.status < 500)
        return pass(`refused at registration: HTTP ${e.status} invalid_client_metadata`, {
          refusedAt: 'registration',
          status: e.status,
          error: e.error,
          ...controlEvidence,
        })
      return undecidable(
        `registration refused for a reason that does not name the client metadata (HTTP ${e.status}${e.error ? ` ${e.error}` : ''})`,
        { status: e.status, error: e.error },
      )
    }
    if (response.transport_error)
      return undecidable(`no HTTP response: ${response.transport_error.code}`, {
        transport_error: response.transport_error,
      })
    const e = oauthError(response)!
    const evidence = {
      refusedAt: response.purpose,
      status: e.status,
      error: e.error,
      ...controlEvidence,
    }
    if (e.status >= 200 && e.status < 300)
      return fail(`accepted (HTTP ${e.status}) where a refusal was due`, {
        ...evidence,
        refusedAt: 'none',
      })
    return pass(
      `refused at the ${response.purpose} endpoint: HTTP ${e.status}${e.error ? ` ${e.error}` : ''}`,
      evidence,
    )
  },
})
