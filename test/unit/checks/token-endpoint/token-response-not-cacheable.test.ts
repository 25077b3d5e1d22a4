import { expect, test } from '@playwright/test'
import tokenResponseNotCacheable from '../../../../src/checks/token-endpoint/token-response-not-cacheable.js'
import { exchange, transportFailure } from '../_exchange.js'

const ok = (cc?: string) =>
  exchange(
    'token',
    200,
    { access_token: 'at', token_type: 'Bearer' },
    cc === undefined ? {} : { headers: { 'cache-control': cc } },
  )

test.describe('token-response-not-cacheable', () => {
  for (const cc of [
    'no-store',
    'no-cache, no-store',
    'no-store, max-age=0',
    'No-Store',
    'private,no-store',
  ]) {
    test(`Cache-Control "${cc}" passes`, () => {
      expect(tokenResponseNotCacheable.evaluate({ response: ok(cc) }).ok).toBe(true)
    })
  }

  for (const cc of ['no-cache', 'private, max-age=0', 'no-storex', 'max-age=0, no-stored']) {
    test(`Cache-Control "${cc}" fails with the header as evidence`, () => {
      const v = tokenResponseNotCacheable.evaluate({ response: ok(cc) })
      expect(v.ok).toBe(false)
      expect(v.undecidable).toBeUndefined()
      expect(v.evidence).toEqual({ 'cache-control': cc })
    })
  }

  test('missing Cache-Control fails', () => {
    const v = tokenResponseNotCacheable.evaluate({ response: ok() })
    expect(v.ok).toBe(false)
    expect(v.evidence).toEqual({ 'cache-control': '' })
  })

  test('no HTTP response is undecidable', () => {
    const v = tokenResponseNotCacheable.evaluate({ response: transportFailure('token') })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBe(true)
  })
})
