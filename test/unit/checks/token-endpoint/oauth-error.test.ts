import { expect, test } from '@playwright/test'
import { oauthError } from '../../../../src/checks/token-endpoint/oauth-error.js'
import { exchange, transportFailure } from '../_exchange.js'

test.describe('oauthError', () => {
  test('extracts status, error, error_description and WWW-Authenticate', () => {
    const x = exchange(
      'token',
      401,
      { error: 'invalid_client', error_description: 'bad creds' },
      { headers: { 'www-authenticate': 'Basic realm="x"' } },
    )
    expect(oauthError(x)).toEqual({
      status: 401,
      error: 'invalid_client',
      error_description: 'bad creds',
      www_authenticate: 'Basic realm="x"',
      json: true,
    })
  })

  test('ignores non-string error members', () => {
    expect(
      oauthError(exchange('token', 400, { error: ['invalid_client'], error_description: 1 })),
    ).toEqual({ status: 400, json: true })
  })

  test('a non-JSON body has json=false and a reason', () => {
    const e = oauthError(exchange('token', 400, 'Bad Request'))
    expect(e).toMatchObject({ status: 400, json: false })
    expect(typeof e?.reason).toBe('string')
    expect(e?.error).toBeUndefined()
  })

  test('no response gives undefined', () => {
    expect(oauthError(transportFailure('token'))).toBeUndefined()
  })
})
