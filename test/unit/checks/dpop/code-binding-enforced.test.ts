import { expect, test } from '@playwright/test'
import check from '../../../../src/checks/dpop/code-binding-enforced.js'
import { exchange, transportFailure } from '../_exchange.js'

const CODES = ['invalid_grant', 'invalid_dpop_proof']
const control = exchange('token', 200, { access_token: 'x', token_type: 'DPoP' })

test('a refusal with invalid_grant or invalid_dpop_proof after a succeeding control passes', () => {
  for (const error of CODES) {
    const v = check.evaluate({ control, response: exchange('token', 400, { error }), codes: CODES })
    expect(v.ok).toBe(true)
    expect(v.evidence).toMatchObject({ status: 400, error })
  }
})

test('a token for the proof of another key fails', () => {
  const v = check.evaluate({
    control,
    response: exchange('token', 200, { access_token: 'y', token_type: 'DPoP' }),
    codes: CODES,
  })
  expect(v.ok).toBe(false)
  expect(v.undecidable).toBeUndefined()
})

test('a refusal for another reason decides nothing (error), whatever error_description says', () => {
  for (const r of [
    exchange('token', 400, {
      error: 'invalid_request',
      error_description: 'DPoP proof key thumbprint does not match dpop_jkt',
    }),
    exchange('token', 401, { error: 'invalid_client' }),
    exchange('token', 500, { error: 'server_error' }),
    exchange('token', 400, 'bad', { contentType: 'text/plain' }),
    transportFailure('token'),
  ]) {
    const v = check.evaluate({ control, response: r, codes: CODES })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBe(true)
  }
})

test('without a succeeding control a refusal proves nothing', () => {
  const v = check.evaluate({
    control: exchange('token', 400, { error: 'invalid_grant' }),
    response: exchange('token', 400, { error: 'invalid_grant' }),
    codes: CODES,
  })
  expect(v.undecidable).toBe(true)
})
