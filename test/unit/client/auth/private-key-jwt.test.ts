import { expect, test } from '@playwright/test'
import { compactVerify, importJWK } from 'jose'
import {
  ReplayAssertion,
  PrivateKeyJwt,
  defaultAlg,
} from '../../../../src/client/auth/private-key-jwt.js'
import { CLIENT_ASSERTION_TYPE } from '../../../../src/client/auth/client-secret-jwt.js'
import { getKey, type KeyPair } from '../../../../src/crypto/keys.js'
import { HarnessError } from '../../../../src/errors.js'
import type { AudienceKind } from '../../../../src/suite/profile.js'
import { METADATA, NOW, decodePart, requestContext } from './_context.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

let rsa: KeyPair
let ec: KeyPair
let ed: KeyPair
test.beforeAll(() => {
  rsa = getKey('RSA-2048', 0)
  ec = getKey('EC-P256', 0)
  ed = getKey('Ed25519', 0)
})

async function assertionFor(
  key: KeyPair,
  opts: Parameters<typeof PrivateKeyJwt>[0] = {},
  audience: AudienceKind = 'token_endpoint',
) {
  const req = requestContext({ client_id: 'client-1', key }, { audience })
  await PrivateKeyJwt(opts)(req)
  return req
}

test.describe('private_key_jwt', () => {
  test('body carries exactly grant_type, client_assertion_type and client_assertion; no header', async () => {
    const req = await assertionFor(rsa)
    expect([...req.body.keys()]).toEqual([
      'grant_type',
      'client_assertion_type',
      'client_assertion',
    ])
    expect(req.body.get('client_assertion_type')).toBe(CLIENT_ASSERTION_TYPE)
    expect(CLIENT_ASSERTION_TYPE).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer')
    expect(req.headers).toEqual({})
  })

  test('RSA: PS256 header with kid; claims iss=sub=client_id, aud, iat=now, exp=iat+60, jti', async () => {
    const req = await assertionFor(rsa)
    const jws = req.body.get('client_assertion')!
    expect(decodePart(jws, 0)).toEqual({ alg: 'PS256', kid: rsa.kid })
    const p = decodePart(jws, 1)
    expect(Object.keys(p).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'jti', 'sub'])
    expect(p).toMatchObject({
      iss: 'client-1',
      sub: 'client-1',
      aud: METADATA.token_endpoint,
      iat: NOW,
    })
    expect((p.exp as number) - (p.iat as number)).toBe(60)
    expect(p.jti).toMatch(UUID)
  })

  test('signature verifies with the public key (PS256)', async () => {
    const jws = (await assertionFor(rsa)).body.get('client_assertion')!
    const { protectedHeader, payload } = await compactVerify(
      jws,
      await importJWK(rsa.publicJwk, 'PS256'),
      { algorithms: ['PS256'] },
    )
    expect(protectedHeader.alg).toBe('PS256')
    expect(JSON.parse(Buffer.from(payload).toString()).iss).toBe('client-1')
  })

  test('EC key defaults to ES256, Ed25519 to EdDSA; both verify', async () => {
    for (const [key, alg] of [
      [ec, 'ES256'],
      [ed, 'EdDSA'],
    ] as const) {
      const jws = (await assertionFor(key)).body.get('client_assertion')!
      expect(decodePart(jws, 0)).toEqual({ alg, kid: key.kid })
      await compactVerify(jws, await importJWK(key.publicJwk, alg), { algorithms: [alg] })
    }
  })

  test('defaultAlg per key type', () => {
    expect([defaultAlg('RSA'), defaultAlg('EC'), defaultAlg('OKP'), defaultAlg(undefined)]).toEqual(
      ['PS256', 'ES256', 'EdDSA', 'PS256'],
    )
  })

  test('an explicit alg is used', async () => {
    const jws = (await assertionFor(rsa, { alg: 'RS256' })).body.get('client_assertion')!
    expect(decodePart(jws, 0).alg).toBe('RS256')
    await compactVerify(jws, await importJWK(rsa.publicJwk, 'RS256'), { algorithms: ['RS256'] })
  })

  const AUD: Array<[AudienceKind, unknown]> = [
    ['token_endpoint', METADATA.token_endpoint],
    ['issuer', METADATA.issuer],
    ['issuer_in_array', [METADATA.issuer]],
    ['backchannel_endpoint', METADATA.backchannel_authentication_endpoint],
  ]
  for (const [kind, aud] of AUD) {
    test(`aud for audience kind ${kind}`, async () => {
      const jws = (await assertionFor(ec, {}, kind)).body.get('client_assertion')!
      expect(decodePart(jws, 1).aud).toEqual(aud)
    })
  }

  test('backchannel_endpoint audience falls back to the endpoint when metadata lacks it', async () => {
    const { backchannel_authentication_endpoint: _bc, ...metadata } = METADATA
    const req = requestContext(
      { key: ec },
      { audience: 'backchannel_endpoint', metadata, endpoint: 'https://as.example.com/ciba' },
    )
    await PrivateKeyJwt()(req)
    expect(decodePart(req.body.get('client_assertion')!, 1).aud).toBe('https://as.example.com/ciba')
  })

  test('a fresh jti per call', async () => {
    const auth = PrivateKeyJwt()
    const jtis = new Set<unknown>()
    for (let i = 0; i < 5; i++) {
      const req = requestContext({ key: ec })
      await auth(req)
      jtis.add(decodePart(req.body.get('client_assertion')!, 1).jti)
    }
    expect(jtis.size).toBe(5)
  })

  test('a client without key is a step precondition error', async () => {
    const err = await PrivateKeyJwt()(requestContext({ client_id: 'c' })).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(HarnessError)
    expect((err as HarnessError).code).toBe('ERR_STEP_PRECONDITION')
  })

  test('ReplayAssertion presents the given assertion verbatim', async () => {
    const first = (await assertionFor(ec)).body.get('client_assertion')!
    const req = requestContext({ key: ec })
    await ReplayAssertion(first)(req)
    expect(req.body.get('client_assertion')).toBe(first)
    expect(req.body.get('client_assertion_type')).toBe(CLIENT_ASSERTION_TYPE)
    expect(ReplayAssertion(first).method).toBe('private_key_jwt')
  })
})
