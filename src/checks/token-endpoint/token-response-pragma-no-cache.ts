import type { Exchange } from '../../suite/result.js'
import { defineCheck, fail, pass, undecidable } from '../define.js'

/**
 * RFC 6749 §5.1 asks for `Pragma: no-cache` beside `Cache-Control: no-store` on a response carrying
 * tokens. HTTP caching (RFC 9111 §5.4) has since deprecated Pragma, so the harness uses this check
 * at `should`: a server without it is warned, not failed.
 */
export default defineCheck<{ response: Exchange }>({
  id: 'token-response-pragma-no-cache',
  title: 'A successful token response carries Pragma: no-cache',
  requirements: ['RFC6749-5.1'],
  evaluate({ response }) {
    if (!response.response) return undecidable('no HTTP response')
    const pragma = response.response.headers.pragma ?? ''
    return /(^|,)\s*no-cache\s*(,|$)/i.test(pragma)
      ? pass('Pragma: no-cache')
      : fail(`Pragma is ${pragma ? `"${pragma}"` : 'missing'}`, { pragma })
  },
})
