import type { Exchange } from '../../suite/result.js'
import { defineCheck, fail, pass, undecidable } from '../define.js'
import { oauthError } from '../token-endpoint/oauth-error.js'

export interface CodeBindingInput {
  /** The control: a code of the same kind of authorization request, redeemed with a proof of the bound key. */
  control: Exchange
  /** The variant: a code bound to the same key, redeemed with a proof of another key. */
  response: Exchange
  /** The `error` codes that say the grant or the proof was refused (invalid_grant, invalid_dpop_proof). */
  codes: readonly string[]
}

const succeeded = (x: Exchange) =>
  Boolean(x.response && x.response.status >= 200 && x.response.status < 300)

/**
 * RFC 9449 §10: the AS "verifies that it matches the dpop_jkt parameter value in the authorization
 * request. If they do not match, it MUST reject the request." (§10.1: a DPoP header on the pushed
 * request binds the code the same way). A pass needs a succeeding control and a 4xx refusal of the
 * variant whose `error` is one of `codes`; a token for the variant is a failure; any other refusal
 * (another code, a 5xx, no HTTP answer) cannot be attributed to the binding and decides nothing.
 * Only status and `error` are read, never error_description.
 */
export default defineCheck<CodeBindingInput>({
  id: 'code-binding-enforced',
  title: 'An authorization code bound to a DPoP key is not redeemed with a proof of another key',
  requirements: ['RFC9449-10-2'],
  evaluate({ control, response, codes }) {
    if (!succeeded(control)) {
      const c = oauthError(control)
      return undecidable(
        `the control (the code redeemed with a proof of the bound key) did not succeed (${c ? `HTTP ${c.status}${c.error ? ` ${c.error}` : ''}` : control.transport_error?.code}): a refusal proves nothing`,
      )
    }
    if (response.transport_error)
      return undecidable(`no HTTP response: ${response.transport_error.code}`, {
        transport_error: response.transport_error,
      })
    const e = oauthError(response)!
    const evidence = {
      status: e.status,
      error: e.error ?? null,
      control: `HTTP ${control.response!.status}`,
    }
    if (e.status >= 200 && e.status < 300)
      return fail(
        `the code was redeemed (HTTP ${e.status}) with a DPoP proof of a key other than the one it is bound to`,
        evidence,
      )
    if (e.status >= 400 && e.status < 500 && e.error && codes.includes(e.error))
      return pass(`refused: HTTP ${e.status} ${e.error}`, evidence)
    return undecidable(
      `refused, but not as a mismatched binding (HTTP ${e.status}${e.error ? ` ${e.error}` : ', no error code'}; expected ${codes.join(' or ')}): the refusal cannot be attributed to the key`,
      { ...evidence, expected: codes },
    )
  },
})
