import { expect, test } from '@playwright/test'
import check from '../../../../src/checks/authorization/authorization-response-code-and-state.js'
import outside from '../../../../src/checks/authorization/outside-parameter-not-used.js'
import { redact } from '../../../../src/http/redact.js'
import { callbackParams } from '../../../../src/suite/browser.js'

const CALLBACK = 'https://127.0.0.1/fapi-harness/callback'

test('callbackParams: query, fragment and a form_post body', () => {
  expect(callbackParams(`${CALLBACK}?code=abc&state=s1&iss=https%3A%2F%2Fas`)).toEqual({
    code: 'abc',
    state: 's1',
    iss: 'https://as',
  })
  expect(callbackParams(`${CALLBACK}#code=abc&id_token=x.y.z&state=s1`)).toEqual({
    code: 'abc',
    id_token: 'x.y.z',
    state: 's1',
  })
  expect(callbackParams(CALLBACK, 'response=a.b.c&state=s1')).toEqual({
    response: 'a.b.c',
    state: 's1',
  })
})

test('authorization-response-code-and-state: code and the exact state pass; a dropped or changed state, no code, an error fail', () => {
  const ok = check.evaluate({
    state: 's1',
    params: { code: 'abc', state: 's1' },
    callbackUrl: `${CALLBACK}?code=abc&state=s1`,
  })
  expect(ok).toMatchObject({ ok: true })
  expect(check.evaluate({ state: 's1', params: { code: 'abc' } })).toMatchObject({
    ok: false,
    message: expect.stringContaining('drops the state'),
  })
  expect(check.evaluate({ state: 's1', params: { code: 'abc', state: 's2' } })).toMatchObject({
    ok: false,
    message: expect.stringContaining('"s2"'),
  })
  expect(check.evaluate({ state: 's1', params: { state: 's1' } })).toMatchObject({
    ok: false,
    message: expect.stringContaining('no code'),
  })
  expect(
    check.evaluate({ state: 's1', params: { error: 'access_denied', state: 's1' } }),
  ).toMatchObject({ ok: false, message: expect.stringContaining('access_denied') })
  expect(check.evaluate({ params: { code: 'abc' } })).toMatchObject({ ok: true })
  expect(check.evaluate({ failure: 'login: timeout' })).toMatchObject({
    ok: false,
    undecidable: true,
    message: expect.stringContaining('login: timeout'),
  })
})

test('the callback URL evidence keeps state and iss, and masks the code', () => {
  const code = 'rpb-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789'
  const v = check.evaluate({
    state: 's1',
    params: { code, state: 's1' },
    callbackUrl: `${CALLBACK}?code=${code}&state=s1&iss=https%3A%2F%2Fas`,
  })
  const out = JSON.stringify(redact(v.evidence))
  expect(out).not.toContain(code)
  expect(out).toContain('code=«redacted')
  expect(out).toContain('state=s1&iss=')
})

test('outside-parameter-not-used: a code without the outside state passes; a code with it fails; an error or no code is undecidable', () => {
  const base = { name: 'state', value: 'outer-1' }
  expect(
    outside.evaluate({ ...base, params: { code: 'abc' }, callbackUrl: `${CALLBACK}#code=abc` }),
  ).toMatchObject({ ok: true, message: expect.stringContaining('no state') })
  expect(outside.evaluate({ ...base, params: { code: 'abc', state: 'other' } })).toMatchObject({
    ok: true,
  })
  expect(outside.evaluate({ ...base, params: { code: 'abc', state: 'outer-1' } })).toMatchObject({
    ok: false,
    message: expect.stringContaining('only outside the request object'),
  })
  expect(
    outside.evaluate({ ...base, params: { error: 'invalid_request', state: 'outer-1' } }),
  ).toMatchObject({ ok: false, undecidable: true })
  expect(outside.evaluate({ ...base, params: { iss: 'https://as' } })).toMatchObject({
    undecidable: true,
    message: expect.stringContaining('no code'),
  })
  expect(outside.evaluate({ ...base, failure: 'login: timeout' })).toMatchObject({
    undecidable: true,
    message: expect.stringContaining('login: timeout'),
  })
})
