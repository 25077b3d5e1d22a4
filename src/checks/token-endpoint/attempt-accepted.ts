import { jsonBody } from '../../http/client.js'
import type { Exchange } from '../../suite/result.js'
import { defineCheck, fail, pass, undecidable } from '../define.js'
import { oauthError } from './oauth-error.js'

export interface AttemptAcceptedInput {
  /** Registration, when the client was registered for this test and the server refused it. */
  registration?: Exchange
  /** The request that had to succeed (absent when registration was refused). */
  response?: Exchange
  /**
   * `token`: RFC 6749 §5.1 access token response; `backchannel_authentication`: CIBA §7.3;
   * `revocation`: RFC 7009 §2.2 (200); `pushed_authorization_request`: RFC 9126 §2.2 (201);
   * `device_authorization`: RFC 8628 §3.2 (200 with device_code, user_code, verification_uri, expires_in).
   */
  kind: AcceptedKind
}

export type AcceptedKind =
  | 'token'
  | 'backchannel_authentication'
  | 'revocation'
  | 'pushed_authorization_request'
  | 'introspection'
  | 'registration'
  | 'device_authorization'

const REQUIRED: Record<AcceptedKind, readonly string[]> = {
  token: ['access_token', 'token_type'],
  backchannel_authentication: ['auth_req_id', 'expires_in'],
  revocation: [],
  pushed_authorization_request: ['request_uri', 'expires_in'],
  introspection: ['active'],
  registration: ['client_id'],
  device_authorization: ['device_code', 'user_code', 'verification_uri', 'expires_in'],
}
/**
 * The JSON type each required member must have: RFC 6749 §5.1 (access_token, token_type
 * strings), CIBA §7.3 (auth_req_id string, expires_in number), RFC 9126 §2.2 (request_uri string,
 * expires_in number), RFC 7662 §2.2 (active boolean), RFC 7591 §3.2.1 (client_id string). A
 * required member of another type is no success response (and no control a negative can lean on).
 */
const TYPES: Record<AcceptedKind, Record<string, 'string' | 'number' | 'boolean'>> = {
  token: { access_token: 'string', token_type: 'string' },
  backchannel_authentication: { auth_req_id: 'string', expires_in: 'number' },
  revocation: {},
  pushed_authorization_request: { request_uri: 'string', expires_in: 'number' },
  introspection: { active: 'boolean' },
  registration: { client_id: 'string' },
  device_authorization: {
    device_code: 'string',
    user_code: 'string',
    verification_uri: 'string',
    expires_in: 'number',
  },
}

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v)

const STATUS: Record<AcceptedKind, number> = {
  token: 200,
  backchannel_authentication: 200,
  revocation: 200,
  pushed_authorization_request: 201,
  introspection: 200,
  registration: 201,
  device_authorization: 200,
}

/** The server accepted a request it was bound to accept, and answered with a well-formed success. */
export default defineCheck<AttemptAcceptedInput>({
  id: 'attempt-accepted',
  title:
    'The authorization server accepts the request and answers 200 with a well-formed success response',
  requirements: [],
  evaluate({ registration, response, kind }) {
    if (!response) {
      if (registration?.transport_error)
        return undecidable(`registration: no HTTP response: ${registration.transport_error.code}`, {
          transport_error: registration.transport_error,
        })
      const e = registration ? oauthError(registration) : undefined
      return fail(
        `registration of the client was refused (${e ? `HTTP ${e.status}${e.error ? ` ${e.error}` : ''}` : 'no response'}) where the profile requires acceptance`,
        { registration: e },
      )
    }
    if (response.transport_error)
      return undecidable(`no HTTP response: ${response.transport_error.code}`, {
        transport_error: response.transport_error,
      })
    const status = response.response!.status
    // a 5xx is the server's own failure, not a refusal: whether it accepts the request is undecided
    if (status >= 500)
      return undecidable(
        `HTTP ${status}: the server failed (5xx) where acceptance was due; nothing is decided`,
        { status },
      )
    if (status !== STATUS[kind]) {
      const e = oauthError(response)
      return fail(
        `refused with HTTP ${status}${e?.error ? ` ${e.error}` : ''} where acceptance was due`,
        { status, error: e?.error },
      )
    }
    if (!REQUIRED[kind].length) return pass(`accepted: HTTP ${status}`, { status })
    const body = jsonBody(response)
    if (!body.ok) return fail(`HTTP ${status} but ${body.reason}`, { status })
    const obj = (body.value ?? {}) as Record<string, unknown>
    const missing = REQUIRED[kind].filter((f) => obj[f] === undefined || obj[f] === '')
    if (missing.length)
      return fail(`HTTP ${status} without ${missing.join(', ')}`, { members: Object.keys(obj) })
    const wrong = Object.entries(TYPES[kind]).filter(
      ([f, t]) => obj[f] !== undefined && typeOf(obj[f]) !== t,
    )
    if (wrong.length)
      return fail(
        `HTTP ${status} but not a well-formed success response: ${wrong.map(([f, t]) => `${f} is ${typeOf(obj[f])}, not ${t}`).join('; ')}`,
        { members: Object.keys(obj) },
      )
    return pass(
      kind === 'token'
        ? `accepted: HTTP 200 with ${String(obj.token_type)} access token`
        : `accepted: HTTP ${status} with ${REQUIRED[kind].join(', ')}`,
      { members: Object.keys(obj) },
    )
  },
})
