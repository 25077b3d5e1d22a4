import { expect, test } from '@playwright/test'
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose'
import authorizationResponseIss from '../../../../src/checks/authorization/authorization-response-iss.js'
import jarmResponse from '../../../../src/checks/authorization/jarm-response.js'
import { AS, exchange } from '../_exchange.js'

const NOW = 1_800_000_000
const CLIENT = 'client-1'

test('authorization-response-iss: the issuer passes; another value fails; missing fails only where required', () => {
  expect(
    authorizationResponseIss.evaluate({
      params: { code: 'c', iss: AS },
      issuer: AS,
      required: true,
    }),
  ).toMatchObject({ ok: true })
  expect(
    authorizationResponseIss.evaluate({
      params: { code: 'c', iss: `${AS}/` },
      issuer: AS,
      required: false,
    }),
  ).toMatchObject({ ok: false })
  expect(
    authorizationResponseIss.evaluate({ params: { code: 'c' }, issuer: AS, required: true }),
  ).toMatchObject({ ok: false, message: expect.stringContaining('no iss') })
  expect(
    authorizationResponseIss.evaluate({ params: { code: 'c' }, issuer: AS, required: false }),
  ).toMatchObject({ ok: true })
  expect(
    authorizationResponseIss.evaluate({ issuer: AS, required: true, failure: 'redirect' }),
  ).toMatchObject({ undecidable: true })
})

async function jarm(payload: JWTPayload, alg = 'PS256') {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true })
  const response = await new SignJWT(payload)
    .setProtectedHeader({ alg, kid: 'k1' })
    .sign(privateKey)
  return {
    response,
    jwks: exchange('jwks', 200, {
      keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', use: 'sig' }],
    }),
  }
}

test('jarm-response: signed, iss, aud and exp as JARM §2.1 passes; a wrong aud, iss, an expired JWT, a foreign key or no response fails', async () => {
  const ok = { iss: AS, aud: CLIENT, exp: NOW + 600, code: 'c', state: 's' }
  const base = { issuer: AS, clientId: CLIENT, now: NOW, raw: { response: 'x' } }
  const good = await jarm(ok)
  expect(await jarmResponse.evaluate({ ...base, ...good })).toMatchObject({ ok: true })
  expect(
    await jarmResponse.evaluate({ ...base, ...(await jarm({ ...ok, aud: 'client-2' })) }),
  ).toMatchObject({ ok: false, message: expect.stringContaining('aud') })
  expect(
    await jarmResponse.evaluate({ ...base, ...(await jarm({ ...ok, iss: `${AS}/x` })) }),
  ).toMatchObject({ ok: false, message: expect.stringContaining('iss') })
  expect(
    await jarmResponse.evaluate({ ...base, ...(await jarm({ ...ok, exp: NOW - 1 })) }),
  ).toMatchObject({ ok: false, message: expect.stringContaining('expired') })
  const other = await jarm(ok)
  expect(
    await jarmResponse.evaluate({ ...base, response: good.response, jwks: other.jwks }),
  ).toMatchObject({ ok: false, message: expect.stringContaining('signature') })
  expect(
    await jarmResponse.evaluate({
      ...base,
      ...(await jarm(ok, 'RS256')),
      algs: ['PS256', 'ES256'],
    }),
  ).toMatchObject({ ok: false, message: expect.stringContaining('RS256') })
  expect(await jarmResponse.evaluate({ ...base, raw: { code: 'c' } })).toMatchObject({
    ok: false,
    message: expect.stringContaining('no response JWT'),
  })
})
