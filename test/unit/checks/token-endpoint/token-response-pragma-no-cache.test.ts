import { expect, test } from '@playwright/test'
import tokenResponsePragmaNoCache from '../../../../src/checks/token-endpoint/token-response-pragma-no-cache.js'
import { exchange, transportFailure } from '../_exchange.js'

const ok = (pragma?: string) =>
  exchange(
    'token',
    200,
    { access_token: 'at', token_type: 'Bearer' },
    pragma === undefined ? {} : { headers: { pragma } },
  )

test.describe('token-response-pragma-no-cache', () => {
  for (const p of ['no-cache', 'No-Cache', 'foo, no-cache']) {
    test(`Pragma "${p}" passes`, () => {
      expect(tokenResponsePragmaNoCache.evaluate({ response: ok(p) }).ok).toBe(true)
    })
  }
  for (const p of ['', 'no-cachex', 'cache']) {
    test(`Pragma "${p}" fails with the header as evidence`, () => {
      const v = tokenResponsePragmaNoCache.evaluate({ response: ok(p) })
      expect(v.ok).toBe(false)
      expect(v.undecidable).toBeUndefined()
      expect(v.evidence).toEqual({ pragma: p })
    })
  }
  test('a missing header fails', () => {
    expect(tokenResponsePragmaNoCache.evaluate({ response: ok() }).ok).toBe(false)
  })
  test('no HTTP response is undecidable', () => {
    expect(
      tokenResponsePragmaNoCache.evaluate({ response: transportFailure('token') }).undecidable,
    ).toBe(true)
  })
})
