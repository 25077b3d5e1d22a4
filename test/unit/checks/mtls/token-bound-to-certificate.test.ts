import { expect, test } from '@playwright/test'
import tokenBound from '../../../../src/checks/mtls/token-bound-to-certificate.js'
import { accessTokenOf, jwtPayload } from '../../../../src/checks/token-binding.js'
import { exchange, transportFailure } from '../_exchange.js'

const X5T = 'SUri74JRp9NQ4Z_GuM3YRlTXCt4DDitnNiDQ4EyBZlY'
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
const jwt = (payload: unknown) => `${b64({ alg: 'PS256', typ: 'at+jwt' })}.${b64(payload)}.sig`
const token = (access_token: string) =>
  exchange('token', 200, { access_token, token_type: 'Bearer' })
const introspection = (body: unknown, status = 200) => exchange('introspection', status, body)

test.describe('token-bound-to-certificate', () => {
  test('opaque token, introspection shows the thumbprint: pass', () => {
    const v = tokenBound.evaluate({
      token: token('opaque'),
      introspection: introspection({ active: true, cnf: { 'x5t#S256': X5T } }),
      expected: X5T,
    })
    expect(v.ok).toBe(true)
    expect(v.evidence).toEqual({ source: 'introspection', 'cnf.x5t#S256': X5T, expected: X5T })
  })

  test('JWT access token with cnf.x5t#S256: pass without introspection', () => {
    const v = tokenBound.evaluate({
      token: token(jwt({ sub: 'c', cnf: { 'x5t#S256': X5T } })),
      expected: X5T,
    })
    expect(v.ok).toBe(true)
    expect(v.evidence).toMatchObject({ source: 'jwt access token' })
  })

  test('JWT access token bound to another certificate fails', () => {
    const v = tokenBound.evaluate({
      token: token(jwt({ cnf: { 'x5t#S256': 'other' } })),
      expected: X5T,
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
    expect(v.evidence).toEqual({
      source: 'jwt access token',
      'cnf.x5t#S256': 'other',
      expected: X5T,
    })
  })

  test('introspection without cnf fails: the token is not bound', () => {
    const v = tokenBound.evaluate({
      token: token('opaque'),
      introspection: introspection({ active: true, client_id: 'c' }),
      expected: X5T,
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
    expect(v.evidence).toMatchObject({ 'cnf.x5t#S256': null, cnf: null })
  })

  test('introspection with another thumbprint fails', () => {
    const v = tokenBound.evaluate({
      token: token('opaque'),
      introspection: introspection({ active: true, cnf: { 'x5t#S256': 'other' } }),
      expected: X5T,
    })
    expect(v.ok).toBe(false)
  })

  test('JWT without cnf and no introspection fails', () => {
    const v = tokenBound.evaluate({ token: token(jwt({ sub: 'c' })), expected: X5T })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
  })

  test('opaque token without introspection is undecidable (§3.1 is about JWT access tokens)', () => {
    const v = tokenBound.evaluate({ token: token('opaque'), expected: X5T })
    expect(v.undecidable).toBe(true)
    expect(v.evidence).toMatchObject({ source: 'opaque access token' })
  })

  test('with introspection, the introspection response is judged, not the JWT claims', () => {
    const jwtWithout = token(jwt({ sub: 'c' }))
    const ok = tokenBound.evaluate({
      token: jwtWithout,
      introspection: introspection({ active: true, cnf: { 'x5t#S256': X5T } }),
      expected: X5T,
    })
    expect(ok.ok).toBe(true)
    expect(ok.evidence).toMatchObject({ source: 'introspection of a jwt access token' })
    const jwtWith = token(jwt({ cnf: { 'x5t#S256': X5T } }))
    const miss = tokenBound.evaluate({
      token: jwtWith,
      introspection: introspection({ active: true }),
      expected: X5T,
    })
    expect(miss.ok).toBe(false)
    expect(miss.undecidable).toBeUndefined()
  })

  test('the check names no clause of its own: the call site grades it (§3.1 should, the profile for introspection)', () => {
    expect(tokenBound.requirements).toEqual([])
  })

  test('inactive or refused introspection is undecidable', () => {
    expect(
      tokenBound.evaluate({
        token: token('opaque'),
        introspection: introspection({ active: false }),
        expected: X5T,
      }).undecidable,
    ).toBe(true)
    expect(
      tokenBound.evaluate({
        token: token('opaque'),
        introspection: introspection({ error: 'invalid_client' }, 401),
        expected: X5T,
      }).undecidable,
    ).toBe(true)
    expect(
      tokenBound.evaluate({
        token: token('opaque'),
        introspection: transportFailure('introspection'),
        expected: X5T,
      }).undecidable,
    ).toBe(true)
  })

  test('no access token is undecidable', () => {
    expect(
      tokenBound.evaluate({
        token: exchange('token', 401, { error: 'invalid_client' }),
        expected: X5T,
      }).undecidable,
    ).toBe(true)
    expect(
      tokenBound.evaluate({ token: transportFailure('token'), expected: X5T }).undecidable,
    ).toBe(true)
  })
})

test.describe('token-bound-to-certificate helpers', () => {
  test('accessTokenOf: the access_token of an HTTP 200 token response only', () => {
    expect(accessTokenOf(token('abc'))).toBe('abc')
    expect(accessTokenOf(exchange('token', 400, { error: 'invalid_client' }))).toBeUndefined()
    expect(accessTokenOf(exchange('token', 200, { access_token: '' }))).toBeUndefined()
    expect(accessTokenOf(transportFailure('token'))).toBeUndefined()
  })

  test('jwtPayload: the claims of a JWT, undefined for an opaque token', () => {
    expect(jwtPayload(jwt({ sub: 'c' }))).toEqual({ sub: 'c' })
    expect(jwtPayload('opaque')).toBeUndefined()
    expect(jwtPayload('a.b.c')).toBeUndefined()
  })
})
