import { expect, test } from '@playwright/test'
import { ScriptedHttp, scriptedContext, type Reply } from './_scripted-http.js'
import fapi1Advanced from '../../../profiles/fapi1-advanced.js'
import oauth2 from '../../../profiles/oauth2.js'
import { assertionClaimModules } from '../../../suites/client-authentication/assertion-claims.js'
import { authMethodModules } from '../../../suites/client-authentication/auth-methods.js'
import { publicClientModules } from '../../../suites/client-authentication/public-clients.js'
import type { ServerMetadata } from '../../../src/client/types.js'
import type { Module, ModuleContext } from '../../../src/suite/module.js'
import type { Profile } from '../../../src/suite/profile.js'
import type { ResultRecord } from '../../../src/suite/result.js'
import { runModule } from '../../../src/suite/run-module.js'

/**
 * defineAttempt's refusal paths, driven through runModule with a real Simulator over a scripted
 * HTTP client: each purpose (registration, token) answers from its own queue, in call order.
 */

const ISSUER = 'https://as.example.com'

/** A target with DCR that advertises client_secret_basic only: the baseline twin is a client_secret_basic client. */
const SECRET_BASIC_TARGET: ServerMetadata = {
  issuer: ISSUER,
  token_endpoint: `${ISSUER}/token`,
  registration_endpoint: `${ISSUER}/reg`,
  token_endpoint_auth_methods_supported: ['client_secret_basic'],
  grant_types_supported: ['client_credentials', 'authorization_code'],
}

/** A target with DCR and private_key_jwt with PS256. */
const JWT_TARGET: ServerMetadata = {
  ...SECRET_BASIC_TARGET,
  token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_basic'],
  token_endpoint_auth_signing_alg_values_supported: ['PS256'],
}

function context(profile: Profile, metadata: ServerMetadata, http: ScriptedHttp): ModuleContext {
  return scriptedContext(profile, metadata, http)
}

function module(list: Module[], id: string): Module {
  const m = list.find((x) => x.id === id)
  if (!m) throw new Error(`no module ${id}`)
  return m
}

async function run(
  m: Module,
  profile: Profile,
  metadata: ServerMetadata,
  script: Record<string, Reply[]>,
): Promise<{ record: ResultRecord; http: ScriptedHttp }> {
  const http = new ScriptedHttp(script)
  const record = await runModule(m, context(profile, metadata, http))
  return { record, http }
}

const PUBLIC_CC = module(publicClientModules, 'public-client-credentials-grant')
const PUBLIC_REG = module(publicClientModules, 'public-client-registration')
const SECRET_BASIC = module(authMethodModules, 'auth-method-client-secret-basic')
const SUB_MISMATCH = module(assertionClaimModules, 'client-assertion-sub-not-client-id')

const TWIN_REGISTERED: Reply = {
  status: 201,
  body: { client_id: 'twin-1', client_secret: 'twin-secret-0123456789' },
}
const TOKEN: Reply = {
  status: 200,
  body: { access_token: 'at-0123456789', token_type: 'Bearer', expires_in: 300 },
}

test.describe('defineAttempt: the control is refused', () => {
  test("(a) the twin's control refused with 400 invalid_scope → inconclusive, requirements kept", async () => {
    const { record, http } = await run(PUBLIC_CC, oauth2, SECRET_BASIC_TARGET, {
      registration: [TWIN_REGISTERED],
      token: [{ status: 400, body: { error: 'invalid_scope' } }],
    })
    expect(record).toMatchObject({
      status: 'error',
      errorCode: 'ERR_PRECONDITION',
      requirements: ['RFC6749-4.4'],
      level: 'shall',
      expected: 'refused (shall)',
      checks: [],
    })
    expect(record.message).toContain('HTTP 400 invalid_scope')
    expect(record.message).toContain('control')
    // The client under test is never registered once its control failed.
    expect(http.registrations().map((r) => r.token_endpoint_auth_method)).toEqual([
      'client_secret_basic',
    ])
    expect(http.unused()).toEqual({})
    expect(record.steps?.map((s) => s.name)).toEqual(['register-twin', 'control'])
    expect(record.exchanges.map((x) => [x.purpose, x.step])).toEqual([
      ['registration', 'register-twin'],
      ['token', 'control'],
    ])
  })

  test("(a) the same client's control refused with 400 invalid_scope (change in the request) → inconclusive, no variant sent", async () => {
    const { record, http } = await run(SUB_MISMATCH, oauth2, JWT_TARGET, {
      registration: [{ status: 201, body: { client_id: 'c-jwt' } }],
      token: [{ status: 400, body: { error: 'invalid_scope' } }],
    })
    expect(record).toMatchObject({
      status: 'error',
      errorCode: 'ERR_PRECONDITION',
      requirements: ['RFC7523-3-2'],
      level: 'shall',
    })
    expect(record.message).toContain('HTTP 400 invalid_scope')
    expect(http.sent.filter((r) => r.purpose === 'token')).toHaveLength(1)
    expect(http.unused()).toEqual({})
  })
})

test.describe('defineAttempt: the client carries the change (public client, compliant twin)', () => {
  test('(b) twin registers, control succeeds, the public client is refused with 400 invalid_client_metadata → passed at registration', async () => {
    const { record, http } = await run(PUBLIC_CC, oauth2, SECRET_BASIC_TARGET, {
      registration: [
        TWIN_REGISTERED,
        {
          status: 400,
          body: { error: 'invalid_client_metadata', error_description: 'none is not allowed' },
        },
      ],
      token: [TOKEN],
    })
    expect(record.status).toBe('passed')
    expect(record.refusedAt).toBe('registration')
    expect(record.checks.map((c) => [c.check, c.status, c.step])).toEqual([
      ['attempt-refused', 'passed', 'register'],
      ['registration-error-response', 'passed', 'register'],
    ])
    expect(record.requirements).toEqual(['RFC6749-4.4', 'RFC7591-3.2.2'])
    expect(record.checks[0]!.evidence).toMatchObject({
      refusedAt: 'registration',
      status: 400,
      error: 'invalid_client_metadata',
      control: 'token: HTTP 200',
    })
    // The twin first (client_secret_basic), then the client under test (none).
    expect(http.registrations().map((r) => r.token_endpoint_auth_method)).toEqual([
      'client_secret_basic',
      'none',
    ])
    expect(http.unused()).toEqual({})
    expect(record.steps?.map((s) => s.name)).toEqual(['register-twin', 'control', 'register'])
    expect(record.variant).toMatchObject({
      client_auth: 'none',
      endpoint: 'token',
      grant: 'client_credentials',
    })
  })

  test('(b) a refusal with invalid_client_metadata but HTTP 401 passes attempt-refused and fails registration-error-response', async () => {
    const { record } = await run(PUBLIC_CC, oauth2, SECRET_BASIC_TARGET, {
      registration: [TWIN_REGISTERED, { status: 401, body: { error: 'invalid_client_metadata' } }],
      token: [TOKEN],
    })
    expect(record.status).toBe('failed')
    expect(record.refusedAt).toBe('registration')
    expect(record.checks.map((c) => [c.check, c.status])).toEqual([
      ['attempt-refused', 'passed'],
      ['registration-error-response', 'failed'],
    ])
  })

  test('(c) the public client is refused with 400 invalid_redirect_uri → inconclusive (not the property under test)', async () => {
    const { record, http } = await run(PUBLIC_CC, oauth2, SECRET_BASIC_TARGET, {
      registration: [TWIN_REGISTERED, { status: 400, body: { error: 'invalid_redirect_uri' } }],
      token: [TOKEN],
    })
    expect(record).toMatchObject({
      status: 'error',
      errorCode: 'ERR_PRECONDITION',
      requirements: ['RFC6749-4.4'],
      level: 'shall',
      checks: [],
    })
    expect(record.message).toContain('HTTP 400 invalid_redirect_uri')
    expect(record.message).toContain('registration.metadata.redirect_uris')
    expect(record).not.toHaveProperty('refusedAt')
    expect(http.unused()).toEqual({})
  })

  test("(c) a 500 at the public client's registration → inconclusive", async () => {
    const { record } = await run(PUBLIC_CC, oauth2, SECRET_BASIC_TARGET, {
      registration: [TWIN_REGISTERED, { status: 500, body: { error: 'server_error' } }],
      token: [TOKEN],
    })
    expect(record).toMatchObject({ status: 'error', errorCode: 'ERR_PRECONDITION' })
    expect(record.message).toContain('HTTP 500 server_error')
  })

  test('(d) asked for none, granted client_secret_basic (RFC 7591 §3.2.1 replace) → passed, replaced recorded', async () => {
    const { record, http } = await run(PUBLIC_CC, oauth2, SECRET_BASIC_TARGET, {
      registration: [
        TWIN_REGISTERED,
        {
          status: 201,
          body: {
            client_id: 'pub-1',
            client_secret: 'pub-secret-0123456789',
            token_endpoint_auth_method: 'client_secret_basic',
          },
        },
      ],
      token: [TOKEN],
    })
    expect(record.status).toBe('passed')
    expect(record.refusedAt).toBe('registration')
    expect(record.registration?.replaced).toContain('token_endpoint_auth_method')
    expect(record.registration).toMatchObject({
      asked: { token_endpoint_auth_method: 'none' },
      granted: { token_endpoint_auth_method: 'client_secret_basic' },
    })
    expect(record.checks.map((c) => [c.check, c.status])).toEqual([['attempt-refused', 'passed']])
    expect(record.checks[0]!.evidence).toMatchObject({
      replaced: {
        member: 'token_endpoint_auth_method',
        asked: 'none',
        granted: 'client_secret_basic',
      },
    })
    expect(http.registrations()[1]!.token_endpoint_auth_method).toBe('none')
    // Nothing is sent with the replaced client.
    expect(http.sent.filter((r) => r.purpose === 'token')).toHaveLength(1)
    expect(http.unused()).toEqual({})
  })

  test("registered as asked, the public client's token request is refused (400 invalid_client) → passed at the token endpoint", async () => {
    const { record, http } = await run(PUBLIC_CC, oauth2, SECRET_BASIC_TARGET, {
      registration: [
        TWIN_REGISTERED,
        { status: 201, body: { client_id: 'pub-1', token_endpoint_auth_method: 'none' } },
      ],
      token: [TOKEN, { status: 400, body: { error: 'invalid_client' } }],
    })
    expect(record.status).toBe('passed')
    expect(record.refusedAt).toBe('token')
    expect(record.checks.map((c) => [c.check, c.status, c.step])).toEqual([
      ['attempt-refused', 'passed', 'variant'],
      ['oauth-error-response', 'passed', 'variant'],
    ])
    // The variant is the public client's own request: its client_id in the form, no Authorization header.
    const variant = http.sent.filter((r) => r.purpose === 'token')[1]!
    expect(variant.form?.get('client_id')).toBe('pub-1')
    expect(variant.headers?.authorization).toBeUndefined()
    expect(record.exchanges.map((x) => x.step)).toEqual([
      'register-twin',
      'control',
      'register',
      'variant',
    ])
  })

  test('registered as asked, the public client gets a token → failed', async () => {
    const { record } = await run(PUBLIC_CC, oauth2, SECRET_BASIC_TARGET, {
      registration: [
        TWIN_REGISTERED,
        { status: 201, body: { client_id: 'pub-1', token_endpoint_auth_method: 'none' } },
      ],
      token: [TOKEN, TOKEN],
    })
    expect(record.status).toBe('failed')
    expect(record.checks.map((c) => [c.check, c.status, c.step])).toEqual([
      ['attempt-refused', 'failed', 'variant'],
    ])
    expect(record.checks[0]!.evidence).toMatchObject({ status: 200 })
  })

  test('(e) the compliant twin is refused with invalid_client_metadata → not applicable (the grant is not offered)', async () => {
    const { record, http } = await run(PUBLIC_CC, oauth2, SECRET_BASIC_TARGET, {
      registration: [{ status: 400, body: { error: 'invalid_client_metadata' } }],
    })
    expect(record.status).toBe('not_applicable')
    expect(record.message).toContain('client_credentials')
    expect(record.message).toContain('invalid_client_metadata')
    expect(record.requirements).toEqual(['RFC6749-4.4'])
    expect(http.sent.map((r) => r.purpose)).toEqual(['registration'])
  })

  test('the compliant twin refused with invalid_redirect_uri → inconclusive', async () => {
    const { record } = await run(PUBLIC_CC, oauth2, SECRET_BASIC_TARGET, {
      registration: [{ status: 400, body: { error: 'invalid_redirect_uri' } }],
    })
    expect(record).toMatchObject({
      status: 'error',
      errorCode: 'ERR_PRECONDITION',
      requirements: ['RFC6749-4.4'],
    })
    expect(record.message).toContain('compliant twin')
  })

  test('registration only: the public client registered as asked after a registered twin → failed (FAPI 1 Advanced)', async () => {
    const { record, http } = await run(PUBLIC_REG, fapi1Advanced, JWT_TARGET, {
      registration: [
        { status: 201, body: { client_id: 'twin-jwt' } },
        { status: 201, body: { client_id: 'pub-2', token_endpoint_auth_method: 'none' } },
      ],
    })
    expect(record.status).toBe('failed')
    expect(record.refusedAt).toBe('none')
    expect(record.requirements).toEqual(['FAPI1-ADV-5.2.2-16'])
    expect(http.registrations().map((r) => [r.token_endpoint_auth_method, r.grant_types])).toEqual([
      ['private_key_jwt', ['authorization_code']],
      ['none', ['authorization_code']],
    ])
    expect(http.sent.filter((r) => r.purpose === 'token')).toHaveLength(0)
  })
})

test.describe('defineAttempt: an attempt that must be accepted', () => {
  test('(f) its registration refused with 400 invalid_redirect_uri → inconclusive, not failed', async () => {
    const { record, http } = await run(SECRET_BASIC, oauth2, SECRET_BASIC_TARGET, {
      registration: [{ status: 400, body: { error: 'invalid_redirect_uri' } }],
    })
    expect(record).toMatchObject({
      status: 'error',
      errorCode: 'ERR_PRECONDITION',
      requirements: ['RFC8414-2', 'RFC6749-2.3.1'],
      level: 'shall',
      expected: 'accepted (shall)',
    })
    expect(record.message).toContain('HTTP 400 invalid_redirect_uri')
    expect(record.message).toContain('registration.metadata.redirect_uris')
    expect(http.sent.map((r) => r.purpose)).toEqual(['registration'])
  })

  test('registered and accepted → passed', async () => {
    const { record } = await run(SECRET_BASIC, oauth2, SECRET_BASIC_TARGET, {
      registration: [
        { status: 201, body: { client_id: 'c-basic', client_secret: 'basic-secret-0123456789' } },
      ],
      token: [TOKEN],
    })
    expect(record.status).toBe('passed')
    expect(record.checks.map((c) => [c.check, c.status, c.step])).toEqual([
      ['attempt-accepted', 'passed', 'request'],
    ])
  })

  test('its registration refused with invalid_client_metadata while the baseline twin registers → failed', async () => {
    const { record, http } = await run(
      module(authMethodModules, 'auth-method-client-secret-post'),
      oauth2,
      {
        ...SECRET_BASIC_TARGET,
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      },
      {
        registration: [
          { status: 400, body: { error: 'invalid_client_metadata' } },
          TWIN_REGISTERED,
        ],
      },
    )
    expect(record.status).toBe('failed')
    expect(record.checks.map((c) => [c.check, c.status])).toEqual([['attempt-accepted', 'failed']])
    expect(http.registrations().map((r) => r.token_endpoint_auth_method)).toEqual([
      'client_secret_post',
      'client_secret_basic',
    ])
  })
})

test.describe('defineAttempt: what the target offers', () => {
  test('(g) grant_types_supported without client_credentials → not applicable, nothing sent', async () => {
    const { record, http } = await run(
      PUBLIC_CC,
      oauth2,
      { ...SECRET_BASIC_TARGET, grant_types_supported: ['authorization_code', 'refresh_token'] },
      {},
    )
    expect(record.status).toBe('not_applicable')
    expect(record.message).toContain('client_credentials')
    expect(record.message).toContain('grant_types_supported')
    expect(http.sent).toHaveLength(0)
  })

  test('grant_types_supported absent: the grant is assumed offered and the module runs', async () => {
    const { grant_types_supported: _omit, ...noGrants } = SECRET_BASIC_TARGET
    const { record } = await run(PUBLIC_CC, oauth2, noGrants, {
      registration: [{ status: 400, body: { error: 'invalid_client_metadata' } }],
    })
    // The twin was registered (and refused): the module did not stop at the grant.
    expect(record.status).toBe('not_applicable')
    expect(record.message).toContain('refuses a compliant client')
  })
})
