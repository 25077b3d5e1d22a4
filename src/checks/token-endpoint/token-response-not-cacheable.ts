import type { Exchange } from '../../suite/result.js'
import { defineCheck, fail, pass, undecidable } from '../define.js'

/** RFC 6749 §5.1: a response carrying tokens is sent with `Cache-Control: no-store`. */
export default defineCheck<{ response: Exchange }>({
  id: 'token-response-not-cacheable',
  title: 'A successful token response carries Cache-Control: no-store',
  requirements: ['RFC6749-5.1'],
  evaluate({ response }) {
    if (!response.response) return undecidable('no HTTP response')
    const cc = response.response.headers['cache-control'] ?? ''
    return /(^|,)\s*no-store\s*(,|$)/i.test(cc)
      ? pass('Cache-Control: no-store')
      : fail(`Cache-Control is ${cc ? `"${cc}"` : 'missing'}`, { 'cache-control': cc })
  },
})
