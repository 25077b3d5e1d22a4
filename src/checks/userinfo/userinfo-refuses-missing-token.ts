import type { Exchange } from '../../suite/result.js'
import { defineCheck, fail, pass, undecidable } from '../define.js'

/**
 * RFC 6750 §3: "If the protected resource request does not include authentication credentials or
 * does not contain an access token that enables access to the protected resource, the resource
 * server MUST include the HTTP "WWW-Authenticate" response header field" (OIDC Core §5.3.3: the
 * UserInfo endpoint's errors are those of RFC 6750 §3) — with 401 Unauthorized, the status that
 * carries a challenge (RFC 9110 §15.5.2).
 */
export default defineCheck<{ response?: Exchange }>({
  id: 'userinfo-refuses-missing-token',
  title:
    'The UserInfo endpoint answers a request without an access token with 401 and a WWW-Authenticate challenge',
  requirements: ['RFC6750-3'],
  evaluate({ response: x }) {
    if (!x) return undecidable('no request without a token was sent')
    if (!x.response)
      return undecidable(`no HTTP response: ${x.transport_error?.code ?? 'transport error'}`)
    const status = x.response.status
    const challenge = x.response.headers['www-authenticate']
    const evidence = { status, www_authenticate: challenge }
    if (status >= 200 && status < 300)
      return fail(
        `the UserInfo endpoint answered a request without an access token with HTTP ${status}`,
        evidence,
      )
    if (status !== 401)
      return fail(
        `a request without an access token is answered with HTTP ${status}, not 401`,
        evidence,
      )
    if (!challenge) return fail('the 401 carries no WWW-Authenticate header', evidence)
    if (!/^\s*Bearer\b/i.test(String(challenge)) && !/,\s*Bearer\b/i.test(String(challenge)))
      return fail(
        `the WWW-Authenticate challenge names no Bearer scheme: ${String(challenge)}`,
        evidence,
      )
    return pass('HTTP 401 with a Bearer challenge', evidence)
  },
})
