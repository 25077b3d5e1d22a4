import { expect, test } from '@playwright/test'
import tokenBound from '../../../../src/checks/dpop/token-bound-to-dpop-key.js'
import { exchange, transportFailure } from '../_exchange.js'

const JKT = 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs'
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
const jwt = (payload: unknown) => `${b64({ alg: 'ES256', typ: 'at+jwt' })}.${b64(payload)}.sig`
const token = (access_token: string) => exchange('token', 200, { access_token, token_type: 'DPoP' })
const introspection = (body: unknown, status = 200) => exchange('introspection', status, body)

test.describe('token-bound-to-dpop-key (RFC 9449 §6.1, §6.2)', () => {
  test('a JWT access token with cnf.jkt of the proof key passes; another key or none fails', () => {
    const ok = tokenBound.evaluate({ token: token(jwt({ cnf: { jkt: JKT } })), expected: JKT })
    expect(ok.ok).toBe(true)
    expect(ok.evidence).toEqual({ source: 'jwt access token', 'cnf.jkt': JKT, expected: JKT })
    const other = tokenBound.evaluate({
      token: token(jwt({ cnf: { jkt: 'other' } })),
      expected: JKT,
    })
    expect([other.ok, other.undecidable]).toEqual([false, undefined])
    const none = tokenBound.evaluate({ token: token(jwt({ sub: 'c' })), expected: JKT })
    expect([none.ok, none.undecidable]).toEqual([false, undefined])
    expect(none.evidence).toMatchObject({ 'cnf.jkt': null, cnf: null })
  })

  test('introspection is judged when made: cnf.jkt passes, token_type other than DPoP fails (§6.2 "MUST contain the value DPoP")', () => {
    const ok = tokenBound.evaluate({
      token: token('opaque'),
      introspection: introspection({ active: true, token_type: 'DPoP', cnf: { jkt: JKT } }),
      expected: JKT,
    })
    expect(ok.ok).toBe(true)
    const bearer = tokenBound.evaluate({
      token: token('opaque'),
      introspection: introspection({ active: true, token_type: 'Bearer', cnf: { jkt: JKT } }),
      expected: JKT,
    })
    expect([bearer.ok, bearer.undecidable]).toEqual([false, undefined])
    // the claims of a JWT token are not what introspection is asked for
    const unbound = tokenBound.evaluate({
      token: token(jwt({ cnf: { jkt: JKT } })),
      introspection: introspection({ active: true }),
      expected: JKT,
    })
    expect([unbound.ok, unbound.undecidable]).toEqual([false, undefined])
  })

  test('what leaves the binding unobservable is undecidable, never failed', () => {
    const cases = [
      { token: token('opaque') },
      { token: exchange('token', 400, { error: 'invalid_dpop_proof' }) },
      { token: token('opaque'), introspection: introspection({ active: false }) },
      { token: token('opaque'), introspection: introspection({ error: 'invalid_client' }, 401) },
      { token: token('opaque'), introspection: transportFailure('introspection') },
    ]
    for (const c of cases)
      expect(tokenBound.evaluate({ ...c, expected: JKT }).undecidable, JSON.stringify(c)).toBe(true)
  })
})
