import { expect, test } from '@playwright/test'
import { compactVerify, importJWK, jwtVerify } from 'jose'
import { PrivateKeyJwt } from '../../../src/client/auth/private-key-jwt.js'
import { None } from '../../../src/client/auth/none.js'
import {
  dropClaim,
  expire,
  setAud,
  signWithAlg,
  signWithKey,
  unsigned,
} from '../../../src/mutators/index.js'
import {
  buildAuthorizationRequestObject,
  buildRequestObject,
  CLIENT_AUTH_PARAMS,
  DEFAULT_REQUEST_LIFETIME_S,
  fixesRequestForm,
  PlainAuthenticationRequest,
  REQUEST_FORM,
  requestObjectAlg,
  requestObjectClaims,
  SignedAuthenticationRequest,
  SignedAuthorizationRequest,
} from '../../../src/client/request-object.js'
import { getKey, type KeyPair } from '../../../src/crypto/keys.js'
import { HarnessError } from '../../../src/errors.js'
import { METADATA, NOW, decodePart, requestContext } from './auth/_context.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

let rsa: KeyPair
let ec: KeyPair
test.beforeAll(() => {
  rsa = getKey('RSA-2048', 0)
  ec = getKey('EC-P256', 0)
})

/** A backchannel request context: scope, login_hint and binding_message in the form. */
function backchannel(key?: KeyPair) {
  const req = requestContext(
    { client_id: 'client-1', ...(key ? { key } : {}) },
    { endpoint: METADATA.backchannel_authentication_endpoint! },
  )
  req.body = new URLSearchParams({
    scope: 'openid',
    login_hint: 'alice',
    binding_message: 'FAPI-HARNESS',
  })
  return req
}

test.describe('CIBA §7.1.1 signed authentication request', () => {
  test('the parameters move into the JWT: the form carries only `request`', async () => {
    const req = backchannel(rsa)
    await SignedAuthenticationRequest()(req)
    expect([...req.body.keys()]).toEqual(['request'])
    expect(req.headers).toEqual({})
  })

  test('claims: the parameters as strings, aud = issuer, iss = client_id, iat = nbf = now, exp = nbf + 300, fresh jti', async () => {
    const req = backchannel(rsa)
    await SignedAuthenticationRequest()(req)
    const p = decodePart(req.body.get('request')!, 1)
    const { jti, ...rest } = p
    expect(rest).toEqual({
      scope: 'openid',
      login_hint: 'alice',
      binding_message: 'FAPI-HARNESS',
      aud: METADATA.issuer,
      iss: 'client-1',
      iat: NOW,
      nbf: NOW,
      exp: NOW + DEFAULT_REQUEST_LIFETIME_S,
    })
    expect(jti).toMatch(UUID)
    expect(DEFAULT_REQUEST_LIFETIME_S).toBeLessThanOrEqual(3600)
  })

  test('RSA key: PS256 with kid, and the signature verifies with the registered public key', async () => {
    const req = backchannel(rsa)
    await SignedAuthenticationRequest()(req)
    const jws = req.body.get('request')!
    expect(decodePart(jws, 0)).toEqual({ alg: 'PS256', kid: rsa.kid })
    await expect(compactVerify(jws, await importJWK(rsa.publicJwk, 'PS256'))).resolves.toBeTruthy()
  })

  test('EC key: ES256, verifiable', async () => {
    const req = backchannel(ec)
    await SignedAuthenticationRequest()(req)
    const jws = req.body.get('request')!
    expect(decodePart(jws, 0)).toEqual({ alg: 'ES256', kid: ec.kid })
    await expect(compactVerify(jws, await importJWK(ec.publicJwk, 'ES256'))).resolves.toBeTruthy()
  })

  test("lifetime option: exp = nbf + lifetime (the variant beyond FAPI-CIBA's 60 minutes)", async () => {
    const req = backchannel(rsa)
    await SignedAuthenticationRequest({ lifetime: 3900 })(req)
    const p = decodePart(req.body.get('request')!, 1)
    expect(Number(p.exp) - Number(p.nbf)).toBe(3900)
    expect(SignedAuthenticationRequest({ lifetime: 3900 }).label).toContain('3900')
  })

  test('two requests carry distinct jti', async () => {
    const a = backchannel(rsa)
    const b = backchannel(rsa)
    await SignedAuthenticationRequest()(a)
    await SignedAuthenticationRequest()(b)
    expect(decodePart(a.body.get('request')!, 1).jti).not.toBe(
      decodePart(b.body.get('request')!, 1).jti,
    )
  })

  test('client authentication parameters stay outside the JWT, whatever the order', async () => {
    const req = backchannel(rsa)
    req.body.set('client_id', 'client-1')
    await SignedAuthenticationRequest()(req)
    expect([...req.body.keys()].sort()).toEqual(['client_id', 'request'])
    expect(decodePart(req.body.get('request')!, 1)).not.toHaveProperty('client_id')
    expect(CLIENT_AUTH_PARAMS).toEqual([
      'client_id',
      'client_secret',
      'client_assertion',
      'client_assertion_type',
    ])
  })

  test('first in the strategies: private_key_jwt then adds its assertion beside `request`; none adds client_id', async () => {
    const jwt = backchannel(rsa)
    for (const a of [SignedAuthenticationRequest(), PrivateKeyJwt()]) await a(jwt)
    expect([...jwt.body.keys()]).toEqual(['request', 'client_assertion_type', 'client_assertion'])
    const none = backchannel(rsa)
    for (const a of [SignedAuthenticationRequest(), None()]) await a(none)
    expect([...none.body.keys()]).toEqual(['request', 'client_id'])
  })

  test('a client without a key cannot sign: ERR_STEP_PRECONDITION; an explicit key signs for it', async () => {
    const req = backchannel()
    const err = await SignedAuthenticationRequest()(req).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(HarnessError)
    expect((err as HarnessError).code).toBe('ERR_STEP_PRECONDITION')
    await SignedAuthenticationRequest({ key: ec })(req)
    expect(decodePart(req.body.get('request')!, 0)).toEqual({ alg: 'ES256', kid: ec.kid })
  })

  test('buildRequestObject and requestObjectClaims are the same claims, for any parameter list', async () => {
    const ctx = {
      client: {
        client_id: 'c',
        token_endpoint_auth_method: 'private_key_jwt' as const,
        source: 'registered' as const,
        key: rsa,
      },
      metadata: METADATA,
      now: NOW,
    }
    const claims = requestObjectClaims(
      [
        ['scope', 'openid'],
        ['client_assertion', 'x'],
      ],
      ctx,
      60,
    )
    expect(claims).toMatchObject({
      scope: 'openid',
      aud: METADATA.issuer,
      iss: 'c',
      nbf: NOW,
      exp: NOW + 60,
    })
    expect(claims).not.toHaveProperty('client_assertion')
    const jws = await buildRequestObject([['scope', 'openid']], ctx, { alg: 'PS256' })
    expect(decodePart(jws, 1)).toMatchObject({ scope: 'openid', iss: 'c' })
  })
})

test.describe('RFC 9101 authorization request object (pushed or by value)', () => {
  test('the pushed request moves into the JWT with its client_id, which also stays in the form (RFC 9126 §3)', async () => {
    const req = requestContext(
      { client_id: 'client-1', key: rsa },
      { endpoint: 'https://as.example.com/par' },
    )
    req.body = new URLSearchParams({
      response_type: 'code',
      redirect_uri: 'https://rp/cb',
      state: 's',
      client_id: 'client-1',
    })
    await SignedAuthorizationRequest()(req)
    expect([...req.body.keys()].sort()).toEqual(['client_id', 'request'])
    const claims = decodePart(req.body.get('request')!, 1)
    expect(claims).toMatchObject({
      response_type: 'code',
      redirect_uri: 'https://rp/cb',
      state: 's',
      client_id: 'client-1',
      iss: 'client-1',
      aud: METADATA.issuer,
      nbf: NOW,
      exp: NOW + DEFAULT_REQUEST_LIFETIME_S,
    })
    expect(decodePart(req.body.get('request')!, 0)).toEqual({ alg: 'PS256', kid: rsa.kid })
    expect(fixesRequestForm([SignedAuthorizationRequest()])).toBe(true)
  })
})

test.describe('request form decorators', () => {
  test('the plain form leaves the request untouched', async () => {
    const req = backchannel(rsa)
    await PlainAuthenticationRequest()(req)
    expect(req.body.toString()).toBe('scope=openid&login_hint=alice&binding_message=FAPI-HARNESS')
  })

  test('fixesRequestForm: true once a signed or plain form is named, false for client authentication alone', () => {
    expect(fixesRequestForm([PlainAuthenticationRequest(), PrivateKeyJwt()])).toBe(true)
    expect(fixesRequestForm([SignedAuthenticationRequest()])).toBe(true)
    expect(fixesRequestForm([PrivateKeyJwt(), None()])).toBe(false)
    expect(SignedAuthenticationRequest().method).toBe(REQUEST_FORM)
  })

  test('requestObjectAlg: the alg a client registers for its key (CIBA §4)', () => {
    expect(requestObjectAlg('RSA-2048')).toBe('PS256')
    expect(requestObjectAlg('EC-P256')).toBe('ES256')
    expect(requestObjectAlg('Ed25519')).toBe('EdDSA')
  })
})

/** A pushed authorization request context (RFC 9126): the authorization request parameters in the form. */
function pushed(key?: KeyPair) {
  const req = requestContext(
    { client_id: 'client-1', ...(key ? { key } : {}) },
    { endpoint: 'https://as.example.com/par' },
  )
  req.body = new URLSearchParams({
    response_type: 'code id_token',
    scope: 'openid',
    redirect_uri: 'https://127.0.0.1/cb',
    code_challenge: 'abc',
    code_challenge_method: 'S256',
    state: 's1',
    nonce: 'n1',
  })
  return req
}

/** jose's own verifier, with the clock frozen at NOW: what a server that follows RFC 9101 / FAPI 1.0 Part 2 §5.2.2 does. */
async function verified(jws: string, key: KeyPair, alg: string, opts: { audience?: string } = {}) {
  return jwtVerify(jws, await importJWK(key.publicJwk, alg), {
    issuer: 'client-1',
    audience: opts.audience ?? METADATA.issuer,
    algorithms: ['PS256', 'ES256'],
    currentDate: new Date(NOW * 1000),
    requiredClaims: ['exp', 'nbf', 'iat', 'jti'],
  })
}

test.describe('RFC 9101 authorization request objects (pushed to the PAR endpoint)', () => {
  test('the form keeps client_id and request; every authorization request parameter is a claim', async () => {
    const req = pushed(rsa)
    await SignedAuthorizationRequest()(req)
    expect([...req.body.keys()].sort()).toEqual(['client_id', 'request'])
    expect(req.body.get('client_id')).toBe('client-1')
    const { payload, protectedHeader } = await verified(req.body.get('request')!, rsa, 'PS256')
    expect(protectedHeader).toEqual({ alg: 'PS256', kid: rsa.kid })
    const { jti, ...rest } = payload
    expect(rest).toEqual({
      response_type: 'code id_token',
      scope: 'openid',
      redirect_uri: 'https://127.0.0.1/cb',
      code_challenge: 'abc',
      code_challenge_method: 'S256',
      state: 's1',
      nonce: 'n1',
      client_id: 'client-1',
      iss: 'client-1',
      aud: METADATA.issuer,
      iat: NOW,
      nbf: NOW,
      exp: NOW + DEFAULT_REQUEST_LIFETIME_S,
    })
    expect(jti).toMatch(UUID)
  })

  test('lifetime: exp - nbf is 5 minutes by default (FAPI 1.0 Part 2 §5.2.3-11: at most 60), the option sets it', async () => {
    const a = pushed(rsa)
    await SignedAuthorizationRequest()(a)
    const p = (await verified(a.body.get('request')!, rsa, 'PS256')).payload
    expect(p.exp! - p.nbf!).toBe(300)
    const b = pushed(rsa)
    await SignedAuthorizationRequest({ lifetime: 3900 })(b)
    const q = (await verified(b.body.get('request')!, rsa, 'PS256')).payload
    expect(q.exp! - q.nbf!).toBe(3900)
  })

  test('EC key: ES256, verified by jose', async () => {
    const req = pushed(ec)
    await SignedAuthorizationRequest()(req)
    const { protectedHeader } = await verified(req.body.get('request')!, ec, 'ES256')
    expect(protectedHeader.alg).toBe('ES256')
  })

  test('request and request_uri never become claims; a request_uri form parameter stays outside', async () => {
    const req = pushed(rsa)
    req.body.set('request_uri', 'urn:ietf:params:oauth:request_uri:x')
    await SignedAuthorizationRequest()(req)
    expect([...req.body.keys()].sort()).toEqual(['client_id', 'request', 'request_uri'])
    expect(decodePart(req.body.get('request')!, 1)).not.toHaveProperty('request_uri')
  })

  test('then private_key_jwt adds its assertion beside request and client_id', async () => {
    const req = pushed(rsa)
    for (const a of [SignedAuthorizationRequest(), PrivateKeyJwt()]) await a(req)
    expect([...req.body.keys()]).toEqual([
      'request',
      'client_id',
      'client_assertion_type',
      'client_assertion',
    ])
  })

  test('mutators: each breaks exactly what it names, as jose sees it', async () => {
    const build = async (opts: Parameters<typeof buildAuthorizationRequestObject>[2]) =>
      buildAuthorizationRequestObject(
        [['scope', 'openid']],
        {
          client: {
            client_id: 'client-1',
            token_endpoint_auth_method: 'private_key_jwt',
            source: 'registered',
            key: rsa,
          },
          metadata: METADATA,
          now: NOW,
        },
        opts,
      )
    await expect(verified(await build({}), rsa, 'PS256')).resolves.toBeTruthy()
    await expect(
      verified(await build({ mutate: [dropClaim('exp')] }), rsa, 'PS256'),
    ).rejects.toMatchObject({ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'exp' })
    await expect(
      verified(await build({ mutate: [dropClaim('nbf')] }), rsa, 'PS256'),
    ).rejects.toMatchObject({ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'nbf' })
    const expired = await build({ mutate: [expire(600)] })
    await expect(verified(expired, rsa, 'PS256')).rejects.toMatchObject({ code: 'ERR_JWT_EXPIRED' })
    const e = decodePart(expired, 1)
    expect([e.nbf, e.iat, e.exp]).toEqual([NOW - 660, NOW - 660, NOW - 600])
    await expect(
      verified(await build({ mutate: [setAud('other_server')] }), rsa, 'PS256'),
    ).rejects.toMatchObject({ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'aud' })
    const inArray = await build({ mutate: [setAud('issuer_in_array')] })
    expect(decodePart(inArray, 1).aud).toEqual([METADATA.issuer])
    await expect(verified(inArray, rsa, 'PS256')).resolves.toBeTruthy()
    await expect(
      verified(await build({ mutate: [unsigned()] }), rsa, 'PS256'),
    ).rejects.toMatchObject({ code: 'ERR_JOSE_ALG_NOT_ALLOWED' })
    const rs256 = await build({ mutate: [signWithAlg('RS256')] })
    await expect(verified(rs256, rsa, 'RS256')).rejects.toMatchObject({
      code: 'ERR_JOSE_ALG_NOT_ALLOWED',
    })
    await expect(
      compactVerify(rs256, await importJWK(rsa.publicJwk, 'RS256')),
    ).resolves.toBeTruthy()
    const badSig = await build({ mutate: [signWithKey(getKey('RSA-2048', 2), { keepKid: true })] })
    expect(decodePart(badSig, 0).kid).toBe(rsa.kid)
    await expect(verified(badSig, rsa, 'PS256')).rejects.toMatchObject({
      code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    })
    const foreign = await build({ mutate: [signWithKey(getKey('RSA-2048', 1))] })
    expect(decodePart(foreign, 0).kid).toBe(getKey('RSA-2048', 1).kid)
    await expect(verified(foreign, rsa, 'PS256')).rejects.toMatchObject({
      code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    })
    await expect(verified(foreign, getKey('RSA-2048', 1), 'PS256')).resolves.toBeTruthy()
  })

  test('the label names the changes', () => {
    expect(SignedAuthorizationRequest({ mutate: [dropClaim('exp')] }).label).toContain(
      'drop-claim(exp)',
    )
    expect(SignedAuthorizationRequest().method).toBe(REQUEST_FORM)
  })
})
