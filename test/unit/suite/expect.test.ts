import { expect, test } from '@playwright/test'
import { PROFILES } from '../../../profiles/index.js'
import type { ServerMetadata } from '../../../src/client/types.js'
import {
  CLIENT_AUTH_ERRORS,
  algExpectation,
  assertionBaseline,
  fromRule,
  methodExpectation,
} from '../../../src/suite/expect.js'
import {
  CLIENT_AUTH_METHODS,
  type ClientAuthMethod,
  type JwsAlg,
  type Profile,
  type ProfileId,
} from '../../../src/suite/profile.js'

const ISSUER = 'https://as.example.com'
const meta = (methods?: string[], algs?: string[]): ServerMetadata => ({
  issuer: ISSUER,
  token_endpoint: `${ISSUER}/token`,
  ...(methods ? { token_endpoint_auth_methods_supported: methods } : {}),
  ...(algs ? { token_endpoint_auth_signing_alg_values_supported: algs } : {}),
})
/** A target that advertises everything. */
const ALL = meta([...CLIENT_AUTH_METHODS], ['PS256', 'ES256', 'RS256', 'EdDSA', 'HS256'])

const refused = (requirements: string[]) => ({
  outcome: 'refused',
  requirements,
  level: 'shall',
  errors: CLIENT_AUTH_ERRORS,
})
const accepted = (requirements: string[]) => ({ outcome: 'accepted', requirements, level: 'shall' })

test.describe('methodExpectation', () => {
  const TABLE: Array<[ProfileId, ClientAuthMethod, ServerMetadata, object]> = [
    ['fapi1-advanced', 'client_secret_basic', ALL, refused(['FAPI1-ADV-5.2.2-14'])],
    ['fapi1-advanced', 'client_secret_post', ALL, refused(['FAPI1-ADV-5.2.2-14'])],
    ['fapi1-advanced', 'client_secret_jwt', ALL, refused(['FAPI1-ADV-5.2.2-14'])],
    ['fapi1-advanced', 'none', ALL, refused(['FAPI1-ADV-5.2.2-14'])],
    ['fapi1-advanced', 'private_key_jwt', ALL, accepted(['RFC8414-2', 'FAPI1-ADV-5.2.2-14'])],
    ['fapi1-advanced', 'tls_client_auth', ALL, accepted(['RFC8414-2', 'FAPI1-ADV-5.2.2-14'])],
    [
      'fapi1-advanced',
      'self_signed_tls_client_auth',
      ALL,
      accepted(['RFC8414-2', 'FAPI1-ADV-5.2.2-14']),
    ],
    ['fapi1-baseline', 'client_secret_jwt', ALL, accepted(['RFC8414-2', 'FAPI1-BASE-5.2.2-4'])],
    ['fapi1-baseline', 'client_secret_basic', ALL, refused(['FAPI1-BASE-5.2.2-4'])],
    ['fapi1-baseline', 'client_secret_post', ALL, refused(['FAPI1-BASE-5.2.2-4'])],
    ['fapi2-security', 'client_secret_post', ALL, refused(['FAPI2-SP-FINAL-5.3.2.1-6'])],
    ['fapi2-security', 'private_key_jwt', ALL, accepted(['RFC8414-2', 'FAPI2-SP-FINAL-5.3.2.1-6'])],
    ['fapi-ciba', 'client_secret_basic', ALL, refused(['FAPI-CIBA-5.2.2', 'FAPI1-ADV-5.2.2-14'])],
    ['oauth2', 'client_secret_basic', ALL, accepted(['RFC8414-2', 'RFC6749-2.3.1'])],
    ['oauth2', 'client_secret_post', ALL, accepted(['RFC8414-2'])],
    ['oauth2', 'none', ALL, accepted(['RFC8414-2'])],
    ['oidc', 'client_secret_basic', ALL, accepted(['RFC8414-2', 'RFC6749-2.3.1'])],
    // no list advertised: RFC 8414 §2 default is client_secret_basic
    ['oauth2', 'client_secret_basic', meta(), accepted(['RFC8414-2', 'RFC6749-2.3.1'])],
    ['fapi1-advanced', 'client_secret_basic', meta(), refused(['FAPI1-ADV-5.2.2-14'])],
  ]
  for (const [profile, method, m, want] of TABLE) {
    const advertised = m.token_endpoint_auth_methods_supported ? 'all advertised' : 'no list'
    test(`${profile} × ${method} (${advertised})`, () => {
      expect(methodExpectation(PROFILES[profile], m, method)).toEqual(want)
    })
  }

  const NOT_APPLICABLE: Array<[ProfileId, ClientAuthMethod, ServerMetadata]> = [
    ['oauth2', 'client_secret_post', meta(['client_secret_basic'])],
    ['oauth2', 'private_key_jwt', meta()],
    ['fapi1-advanced', 'private_key_jwt', meta(['tls_client_auth'])],
    ['fapi1-baseline', 'client_secret_jwt', meta(['private_key_jwt'])],
  ]
  for (const [profile, method, m] of NOT_APPLICABLE) {
    test(`${profile} × ${method} not advertised → not applicable`, () => {
      const e = methodExpectation(PROFILES[profile], m, method)
      expect(e).toMatchObject({ requirements: ['RFC8414-2'] })
      expect('notApplicable' in e && e.notApplicable).toContain(method)
    })
  }
})

test.describe('algExpectation', () => {
  const TABLE: Array<[ProfileId, JwsAlg, object]> = [
    ['fapi1-advanced', 'RS256', refused(['FAPI1-ADV-8.6'])],
    ['fapi1-advanced', 'EdDSA', refused(['FAPI1-ADV-8.6'])],
    ['fapi1-advanced', 'HS256', refused(['FAPI1-ADV-8.6'])],
    ['fapi1-advanced', 'PS256', accepted(['RFC8414-2', 'FAPI1-ADV-8.6'])],
    ['fapi1-advanced', 'ES256', accepted(['RFC8414-2', 'FAPI1-ADV-8.6'])],
    ['fapi-ciba', 'RS256', refused(['FAPI1-ADV-8.6'])],
    ['fapi2-security', 'RS256', refused(['FAPI2-SP-FINAL-5.4.1-1'])],
    ['fapi2-security', 'EdDSA', accepted(['RFC8414-2', 'FAPI2-SP-FINAL-5.4.1-1'])],
    ['oauth2', 'RS256', accepted(['RFC8414-2'])],
    ['fapi1-baseline', 'RS256', accepted(['RFC8414-2'])],
  ]
  for (const [profile, alg, want] of TABLE) {
    test(`${profile} × ${alg}`, () => {
      expect(algExpectation(PROFILES[profile], ALL, alg)).toEqual(want)
    })
  }

  test('allowed but not advertised → not applicable', () => {
    for (const [profile, alg] of [
      ['fapi1-advanced', 'ES256'],
      ['oauth2', 'PS256'],
    ] as const) {
      const e = algExpectation(PROFILES[profile], meta(undefined, ['RS256']), alg)
      expect(e).toMatchObject({ requirements: ['RFC8414-2'] })
    }
  })

  test('forbidden is refused even when not advertised', () => {
    expect(algExpectation(PROFILES['fapi1-advanced'], meta(), 'RS256')).toEqual(
      refused(['FAPI1-ADV-8.6']),
    )
  })
})

test.describe('fromRule', () => {
  test("'unspecified' → not applicable with the rule's reason", () => {
    const rule = PROFILES.oauth2.audience.issuer
    expect(rule.expect).toBe('unspecified')
    expect(fromRule(rule)).toEqual({ notApplicable: rule.why, requirements: rule.requirements })
  })

  test("'unspecified' without a reason gets a default reason", () => {
    const e = fromRule({ expect: 'unspecified', requirements: [] })
    expect(Object.keys(e)).toEqual(['notApplicable'])
    expect('notApplicable' in e && e.notApplicable.length).toBeGreaterThan(0)
  })

  test('accept with an explicit level keeps it (OIDC token_endpoint aud is a should)', () => {
    expect(fromRule(PROFILES.oidc.audience.token_endpoint)).toEqual({
      outcome: 'accepted',
      requirements: ['OIDCC-9'],
      level: 'should',
      errors: CLIENT_AUTH_ERRORS,
    })
  })

  test('refuse with level from the rule (oauth2 jti replay is a may)', () => {
    expect(fromRule(PROFILES.oauth2.jtiReplay)).toEqual({
      outcome: 'refused',
      requirements: ['RFC7523-3-7'],
      level: 'may',
      errors: CLIENT_AUTH_ERRORS,
    })
  })

  test('level defaults to the strongest of the requirements', () => {
    expect(fromRule(PROFILES['fapi2-security'].audience.token_endpoint)).toMatchObject({
      outcome: 'refused',
      requirements: ['FAPI2-SP-FINAL-5.3.2.1-8'],
      level: 'shall',
    })
    expect(fromRule({ expect: 'refuse', requirements: ['RFC7523-3-7'] })).toMatchObject({
      level: 'may',
    })
    expect(fromRule({ expect: 'refuse', requirements: ['RFC7523-3-7', 'OIDCC-9'] })).toMatchObject({
      level: 'shall',
    })
    expect(fromRule({ expect: 'refuse', requirements: [] })).toMatchObject({ level: 'shall' })
  })

  test('custom error codes are passed through', () => {
    expect(fromRule(PROFILES.oidc.jtiMissing, ['invalid_grant'])).toMatchObject({
      errors: ['invalid_grant'],
    })
  })

  test('the same rule differs between profiles as declared', () => {
    expect(fromRule(PROFILES.oauth2.jtiMissing)).toHaveProperty('notApplicable')
    expect(fromRule(PROFILES.oidc.jtiMissing)).toMatchObject({
      outcome: 'refused',
      requirements: ['OIDCC-9'],
    })
    expect(fromRule(PROFILES['fapi2-security'].audience.issuer)).toMatchObject({
      outcome: 'accepted',
    })
  })
})

test.describe('assertionBaseline', () => {
  const PKJ = ['private_key_jwt']
  test('PS256 / RSA-2048 when PS256 is advertised', () => {
    expect(
      assertionBaseline(PROFILES['fapi1-advanced'], meta(PKJ, ['ES256', 'PS256', 'RS256'])),
    ).toEqual({ alg: 'PS256', key: 'RSA-2048' })
  })

  test('ES256 / EC-P256 when only ES256 is', () => {
    expect(assertionBaseline(PROFILES['fapi1-advanced'], meta(PKJ, ['ES256']))).toEqual({
      alg: 'ES256',
      key: 'EC-P256',
    })
  })

  test('RS256 under oauth2, but not under fapi1-advanced', () => {
    expect(assertionBaseline(PROFILES.oauth2, meta(PKJ, ['RS256']))).toEqual({
      alg: 'RS256',
      key: 'RSA-2048',
    })
    expect(assertionBaseline(PROFILES['fapi1-advanced'], meta(PKJ, ['RS256']))).toHaveProperty(
      'notApplicable',
    )
  })

  test('EdDSA / Ed25519 under fapi2-security', () => {
    expect(assertionBaseline(PROFILES['fapi2-security'], meta(PKJ, ['EdDSA']))).toEqual({
      alg: 'EdDSA',
      key: 'Ed25519',
    })
  })

  test('not applicable when private_key_jwt is not advertised', () => {
    expect(
      assertionBaseline(PROFILES['fapi1-advanced'], meta(['tls_client_auth'], ['PS256'])),
    ).toHaveProperty('notApplicable')
  })

  test('not applicable when no algorithm is advertised', () => {
    expect(assertionBaseline(PROFILES.oauth2, meta(PKJ))).toHaveProperty('notApplicable')
  })

  test('not applicable when the profile forbids private_key_jwt', () => {
    const p: Profile = {
      ...PROFILES.oauth2,
      clientAuth: { allowed: ['client_secret_basic'], requirements: ['RFC8414-2'] },
    }
    expect(assertionBaseline(p, meta(PKJ, ['PS256']))).toHaveProperty('notApplicable')
  })
})
