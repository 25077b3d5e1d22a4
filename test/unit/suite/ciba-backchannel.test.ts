import { tmpdir } from 'node:os'
import { ScriptedHttp, scriptedContext, type Reply } from './_scripted-http.js'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import ciba from '../../../profiles/ciba.js'
import fapiCiba from '../../../profiles/fapi-ciba.js'
import { cibaModules, POLL_WINDOW_S } from '../../../suites/ciba/backchannel.js'
import type { TargetParams } from '../../../src/client/simulator.js'
import type { ServerMetadata } from '../../../src/client/types.js'
import type { Module } from '../../../src/suite/module.js'
import type { Profile } from '../../../src/suite/profile.js'
import type { ResultRecord } from '../../../src/suite/result.js'
import { runModule } from '../../../src/suite/run-module.js'

process.env.FAPI_HARNESS_CACHE_DIR ??= join(tmpdir(), 'fapi-harness-unit-keys')

/**
 * The CIBA modules driven through runModule with a real Simulator over a scripted HTTP client
 * (each purpose answers from its own queue): the poll flow's steps and verdicts, the request form
 * a correct client of each profile sends, and not-applicable without CIBA.
 */

const ISSUER = 'https://as.example.com'
const GRANT = 'urn:openid:params:grant-type:ciba'

const CIBA_TARGET: ServerMetadata = {
  issuer: ISSUER,
  token_endpoint: `${ISSUER}/token`,
  registration_endpoint: `${ISSUER}/reg`,
  backchannel_authentication_endpoint: `${ISSUER}/backchannel`,
  backchannel_token_delivery_modes_supported: ['poll', 'ping'],
  token_endpoint_auth_methods_supported: ['private_key_jwt'],
  token_endpoint_auth_signing_alg_values_supported: ['PS256'],
  grant_types_supported: ['client_credentials', GRANT],
}
const NO_CIBA: ServerMetadata = {
  issuer: ISSUER,
  token_endpoint: `${ISSUER}/token`,
  registration_endpoint: `${ISSUER}/reg`,
  token_endpoint_auth_methods_supported: ['private_key_jwt'],
  token_endpoint_auth_signing_alg_values_supported: ['PS256'],
}

const REGISTERED: Reply = {
  status: 201,
  body: {
    client_id: 'ciba-1',
    token_endpoint_auth_method: 'private_key_jwt',
    grant_types: [GRANT],
  },
}
const STARTED = (extra: Record<string, unknown> = {}): Reply => ({
  status: 200,
  body: { auth_req_id: 'req-0123456789', expires_in: 600, interval: 1, ...extra },
})
const PENDING: Reply = { status: 400, body: { error: 'authorization_pending' } }
const SLOW_DOWN: Reply = { status: 400, body: { error: 'slow_down' } }
const TOKENS: Reply = {
  status: 200,
  body: { access_token: 'at-0123456789', token_type: 'Bearer', id_token: 'x.y.z', expires_in: 300 },
}

function byId(id: string): Module {
  const m = cibaModules.find((x) => x.id === id)
  if (!m) throw new Error(`no module ${id}`)
  return m
}

async function run(
  id: string,
  profile: Profile,
  metadata: ServerMetadata,
  script: Record<string, Reply[]>,
  params?: TargetParams,
) {
  const http = new ScriptedHttp(script)
  const sleeps: number[] = []
  const ctx = scriptedContext(profile, metadata, http, {
    ...(params ? { params } : {}),
    sleep: async (ms) => void sleeps.push(ms),
  })
  const record: ResultRecord = await runModule(byId(id), ctx)
  return { record, http, sleeps }
}

const statuses = (r: ResultRecord) => Object.fromEntries(r.checks.map((c) => [c.check, c.status]))
const jwtPayload = (jws: string) =>
  JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >

test.describe('ciba-poll-flow', () => {
  test('pending at once, then tokens after the interval → passed; steps register, backchannel, poll-pending, poll', async () => {
    const { record, http, sleeps } = await run('ciba-poll-flow', ciba, CIBA_TARGET, {
      registration: [REGISTERED],
      backchannel_authentication: [STARTED()],
      token: [PENDING, PENDING, TOKENS],
    })
    expect(record.status).toBe('passed')
    expect(statuses(record)).toEqual({
      'poll-authorization-pending': 'passed',
      'attempt-accepted': 'passed',
    })
    expect(record.checks.find((c) => c.check === 'attempt-accepted')).toMatchObject({
      requirements: ['CIBA-11'],
      step: 'poll',
    })
    expect(record.steps?.map((s) => s.name)).toEqual([
      'register',
      'backchannel',
      'poll-pending',
      'poll',
    ])
    expect(sleeps).toEqual([1100, 1100])
    expect(http.forms('token').map((f) => [f.get('grant_type'), f.get('auth_req_id')])).toEqual(
      Array(3).fill([GRANT, 'req-0123456789']),
    )
    expect(http.unused()).toEqual({})
  })

  test('tokens at the first poll (approved before the end-user could act) → failed on authorization_pending', async () => {
    const { record, http } = await run('ciba-poll-flow', ciba, CIBA_TARGET, {
      registration: [REGISTERED],
      backchannel_authentication: [STARTED()],
      token: [TOKENS],
    })
    expect(record.status).toBe('failed')
    expect(statuses(record)).toEqual({
      'poll-authorization-pending': 'failed',
      'attempt-accepted': 'passed',
    })
    expect(http.unused()).toEqual({})
  })

  test('no approval within the window → inconclusive (ERR_PRECONDITION), CIBA-11 kept, polling stops at the window', async () => {
    const { record, http, sleeps } = await run('ciba-poll-flow', ciba, CIBA_TARGET, {
      registration: [REGISTERED],
      backchannel_authentication: [STARTED({ expires_in: 3 })],
      token: Array(4).fill(PENDING),
    })
    expect(record).toMatchObject({
      status: 'error',
      errorCode: 'ERR_PRECONDITION',
      requirements: ['CIBA-11'],
      level: 'shall',
      checks: [],
    })
    expect(record.message).toContain('no approval came within 3 s')
    expect(sleeps).toHaveLength(3)
    expect(http.unused()).toEqual({})
    expect(POLL_WINDOW_S).toBeLessThan(90)
  })

  test('slow_down adds 5 s to the interval (CIBA §11)', async () => {
    const { record, sleeps } = await run('ciba-poll-flow', ciba, CIBA_TARGET, {
      registration: [REGISTERED],
      backchannel_authentication: [STARTED()],
      token: [PENDING, SLOW_DOWN, TOKENS],
    })
    expect(record.status).toBe('passed')
    expect(sleeps).toEqual([1100, 6100])
  })

  test('the end-user denies → inconclusive: no token was due', async () => {
    const { record } = await run('ciba-poll-flow', ciba, CIBA_TARGET, {
      registration: [REGISTERED],
      backchannel_authentication: [STARTED()],
      token: [PENDING, { status: 400, body: { error: 'access_denied' } }],
    })
    expect(record).toMatchObject({ status: 'error', errorCode: 'ERR_PRECONDITION' })
    expect(record.message).toContain('access_denied')
  })

  test('an answer §11 does not name after pending (invalid_grant) → failed on attempt-accepted', async () => {
    const { record } = await run('ciba-poll-flow', ciba, CIBA_TARGET, {
      registration: [REGISTERED],
      backchannel_authentication: [STARTED()],
      token: [PENDING, { status: 400, body: { error: 'invalid_grant' } }],
    })
    expect(record.status).toBe('failed')
    expect(statuses(record)).toEqual({
      'poll-authorization-pending': 'passed',
      'attempt-accepted': 'failed',
    })
  })

  test('the first poll neither pending nor tokens → only the pending check is judged (failed), no further polls', async () => {
    const { record, http } = await run('ciba-poll-flow', ciba, CIBA_TARGET, {
      registration: [REGISTERED],
      backchannel_authentication: [STARTED()],
      token: [{ status: 400, body: { error: 'invalid_grant' } }],
    })
    expect(record.status).toBe('failed')
    expect(statuses(record)).toEqual({ 'poll-authorization-pending': 'failed' })
    expect(http.unused()).toEqual({})
  })

  test('the backchannel request refused → inconclusive, nothing polled', async () => {
    const { record, http } = await run('ciba-poll-flow', ciba, CIBA_TARGET, {
      registration: [REGISTERED],
      backchannel_authentication: [{ status: 400, body: { error: 'invalid_request' } }],
    })
    expect(record).toMatchObject({
      status: 'error',
      errorCode: 'ERR_PRECONDITION',
      requirements: ['CIBA-11'],
    })
    expect(record.message).toContain('HTTP 400 invalid_request')
    expect(http.sent.filter((r) => r.purpose === 'token')).toHaveLength(0)
  })
})

test.describe('CIBA modules against a target without CIBA are not applicable', () => {
  for (const id of [
    'ciba-discovery-metadata',
    'ciba-no-push-mode',
    'ciba-poll-flow',
    'ciba-backchannel-auth-succeeds',
    'fapi-ciba-unsigned-request-refused',
  ]) {
    test(id, async () => {
      const { record, http } = await run(id, fapiCiba, NO_CIBA, {})
      expect(record.status).toBe('not_applicable')
      expect(record.message).toContain('backchannel_authentication_endpoint')
      expect(http.sent).toHaveLength(0)
    })
  }
})

test.describe('the request form a correct client of the profile sends', () => {
  test('fapi-ciba: a signed `request` with the parameters and the default binding_message; the alg is registered', async () => {
    const { record, http } = await run('ciba-backchannel-auth-succeeds', fapiCiba, CIBA_TARGET, {
      registration: [REGISTERED],
      backchannel_authentication: [STARTED()],
    })
    expect(record.status).toBe('passed')
    const [form] = http.forms('backchannel_authentication')
    expect([...form!.keys()]).toEqual(['request', 'client_assertion_type', 'client_assertion'])
    expect(jwtPayload(form!.get('request')!)).toMatchObject({
      scope: 'openid',
      login_hint: 'fapi-harness-user',
      binding_message: 'FAPI-HARNESS',
      aud: ISSUER,
      iss: 'ciba-1',
    })
    expect(http.sent.find((r) => r.purpose === 'registration')?.json).toMatchObject({
      backchannel_authentication_request_signing_alg: 'PS256',
      backchannel_token_delivery_mode: 'poll',
    })
  })

  test('fapi-ciba: the configured binding_message wins over the profile default', async () => {
    const { http } = await run(
      'ciba-backchannel-auth-succeeds',
      fapiCiba,
      CIBA_TARGET,
      { registration: [REGISTERED], backchannel_authentication: [STARTED()] },
      { ciba: { login_hint: 'bob', binding_message: 'TILL-7' } },
    )
    expect(jwtPayload(http.forms('backchannel_authentication')[0]!.get('request')!)).toMatchObject({
      login_hint: 'bob',
      binding_message: 'TILL-7',
    })
  })

  test('ciba: plain form parameters, no binding_message, no alg registered', async () => {
    const { http } = await run('ciba-backchannel-auth-succeeds', ciba, CIBA_TARGET, {
      registration: [REGISTERED],
      backchannel_authentication: [STARTED()],
    })
    const [form] = http.forms('backchannel_authentication')
    expect(form!.get('request')).toBeNull()
    expect(form!.get('scope')).toBe('openid')
    expect(form!.get('binding_message')).toBeNull()
    expect(http.sent.find((r) => r.purpose === 'registration')?.json).not.toHaveProperty(
      'backchannel_authentication_request_signing_alg',
    )
  })

  test('fapi-ciba-unsigned-request-refused: signed control, the same parameters unsigned in the variant → passed on refusal', async () => {
    const { record, http } = await run(
      'fapi-ciba-unsigned-request-refused',
      fapiCiba,
      CIBA_TARGET,
      {
        registration: [REGISTERED],
        backchannel_authentication: [
          STARTED(),
          { status: 400, body: { error: 'invalid_request' } },
        ],
      },
    )
    expect(record.status).toBe('passed')
    expect(record.checks.find((c) => c.check === 'attempt-refused')?.requirements).toEqual([
      'FAPI-CIBA-5.2.2-6',
    ])
    const [controlForm, variantForm] = http.forms('backchannel_authentication')
    expect(controlForm!.get('request')).toBeTruthy()
    expect(variantForm!.get('request')).toBeNull()
    expect(
      Object.fromEntries([...variantForm!].filter(([k]) => !k.startsWith('client_assertion'))),
    ).toEqual({ scope: 'openid', login_hint: 'fapi-harness-user', binding_message: 'FAPI-HARNESS' })
  })

  test('fapi-ciba-request-lifetime: accepted beyond 60 minutes → failed; the variant lives 65 minutes', async () => {
    const { record, http } = await run('fapi-ciba-request-lifetime', fapiCiba, CIBA_TARGET, {
      registration: [REGISTERED],
      backchannel_authentication: [STARTED(), STARTED()],
    })
    expect(record.status).toBe('failed')
    expect(record.checks.find((c) => c.check === 'attempt-refused')).toMatchObject({
      status: 'failed',
      requirements: ['FAPI-CIBA-5.2.2-9'],
    })
    const [c, v] = http
      .forms('backchannel_authentication')
      .map((f) => jwtPayload(f.get('request')!))
    expect(Number(c!.exp) - Number(c!.nbf)).toBe(300)
    expect(Number(v!.exp) - Number(v!.nbf)).toBe(3900)
  })

  test('ciba-public-client under fapi-ciba: the public client registers a key, and its request is signed with it beside its client_id', async () => {
    const { record, http } = await run('ciba-public-client', fapiCiba, CIBA_TARGET, {
      registration: [
        REGISTERED,
        {
          status: 201,
          body: { client_id: 'public-1', token_endpoint_auth_method: 'none', grant_types: [GRANT] },
        },
      ],
      backchannel_authentication: [STARTED(), { status: 401, body: { error: 'invalid_client' } }],
    })
    expect(record.status).toBe('passed')
    const [twin, pub] = http.sent
      .filter((r) => r.purpose === 'registration')
      .map((r) => r.json as Record<string, any>)
    expect(twin).toMatchObject({
      token_endpoint_auth_method: 'private_key_jwt',
      backchannel_authentication_request_signing_alg: 'PS256',
    })
    expect(pub).toMatchObject({
      token_endpoint_auth_method: 'none',
      backchannel_authentication_request_signing_alg: 'PS256',
    })
    expect(pub!.jwks.keys).toHaveLength(1)
    const variant = http.forms('backchannel_authentication')[1]!
    expect([...variant.keys()]).toEqual(['request', 'client_id'])
    expect(jwtPayload(variant.get('request')!)).toMatchObject({ iss: 'public-1', scope: 'openid' })
  })

  test('ciba profile: the signed-request modules are not applicable (CIBA §7.1.1 leaves the form to the client)', async () => {
    for (const id of ['fapi-ciba-unsigned-request-refused', 'fapi-ciba-request-lifetime']) {
      const { record, http } = await run(id, ciba, CIBA_TARGET, {})
      expect(record.status).toBe('not_applicable')
      expect(http.sent).toHaveLength(0)
    }
  })
})
