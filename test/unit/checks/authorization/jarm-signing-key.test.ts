import { expect, test } from '@playwright/test'
import { generateKeyPairSync } from 'node:crypto'
import { generateKeyPair, SignJWT } from 'jose'
import jarmSigningKey from '../../../../src/checks/authorization/jarm-signing-key.js'
import { exchange } from '../_exchange.js'

const jwks = (keys: unknown[]) => exchange('jwks', 200, { keys })
const rsa = (bits: number, kid: string) => ({
  ...generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ format: 'jwk' }),
  kid,
})

test("jarm-signing-key: the jwks_uri key of the response JWT's kid is measured; RSA under the minimum fails; no JWT is undecidable", async () => {
  const minBits = { RSA: 2048, EC: 256 }
  const { privateKey } = await generateKeyPair('PS256', { extractable: true })
  const response = await new SignJWT({ iss: 'https://as.example', aud: 'client', code: 'c' })
    .setProtectedHeader({ alg: 'PS256', kid: 'k1' })
    .sign(privateKey)
  expect(
    jarmSigningKey.evaluate({
      response,
      jwks: jwks([rsa(1024, 'other'), rsa(2048, 'k1')]),
      minBits,
    }),
  ).toMatchObject({ ok: true, message: 'an RSA key of 2048 bits' })
  expect(
    jarmSigningKey.evaluate({ response, jwks: jwks([rsa(1024, 'k1')]), minBits }),
  ).toMatchObject({
    ok: false,
    message: expect.stringContaining(
      'the JARM response is signed with PS256 by an RSA key of 1024 bits',
    ),
  })
  expect(jarmSigningKey.evaluate({ jwks: jwks([rsa(2048, 'k1')]), minBits })).toMatchObject({
    ok: false,
    undecidable: true,
  })
  expect(
    jarmSigningKey.evaluate({ response: 'not-a-jws', jwks: jwks([rsa(2048, 'k1')]), minBits }),
  ).toMatchObject({ ok: false, undecidable: true })
})
