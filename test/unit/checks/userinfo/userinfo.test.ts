import { expect, test } from '@playwright/test'
import userinfoRefusesMissingToken from '../../../../src/checks/userinfo/userinfo-refuses-missing-token.js'
import userinfoResponse from '../../../../src/checks/userinfo/userinfo-response.js'
import { exchange } from '../_exchange.js'

test("userinfo-response: 200 JSON with the ID Token's sub passes; another sub, no sub, a refusal fail", () => {
  expect(
    userinfoResponse.evaluate({ response: exchange('userinfo', 200, { sub: 'u1' }), sub: 'u1' }),
  ).toMatchObject({ ok: true })
  expect(
    userinfoResponse.evaluate({ response: exchange('userinfo', 200, { sub: 'u2' }), sub: 'u1' }),
  ).toMatchObject({ ok: false, message: expect.stringContaining('"u2"') })
  expect(
    userinfoResponse.evaluate({ response: exchange('userinfo', 200, { name: 'x' }), sub: 'u1' }),
  ).toMatchObject({ ok: false, message: expect.stringContaining('no sub') })
  expect(
    userinfoResponse.evaluate({
      response: exchange('userinfo', 401, { error: 'invalid_token' }),
      sub: 'u1',
    }),
  ).toMatchObject({ ok: false })
  expect(
    userinfoResponse.evaluate({ response: exchange('userinfo', 200, { sub: 'u1' }) }),
  ).toMatchObject({ ok: false, undecidable: true })
})

test('userinfo-refuses-missing-token: 401 with a Bearer challenge passes; 200, 400 or no challenge fail', () => {
  expect(
    userinfoRefusesMissingToken.evaluate({
      response: exchange(
        'userinfo',
        401,
        { error: 'invalid_token' },
        { headers: { 'www-authenticate': 'Bearer realm="as"' } },
      ),
    }),
  ).toMatchObject({ ok: true })
  expect(
    userinfoRefusesMissingToken.evaluate({
      response: exchange('userinfo', 200, { sub: 'anonymous' }),
    }),
  ).toMatchObject({ ok: false })
  expect(
    userinfoRefusesMissingToken.evaluate({
      response: exchange(
        'userinfo',
        400,
        { error: 'invalid_request' },
        { headers: { 'www-authenticate': 'Bearer' } },
      ),
    }),
  ).toMatchObject({ ok: false })
  expect(
    userinfoRefusesMissingToken.evaluate({
      response: exchange('userinfo', 401, { error: 'invalid_token' }),
    }),
  ).toMatchObject({ ok: false, message: expect.stringContaining('no WWW-Authenticate') })
})
