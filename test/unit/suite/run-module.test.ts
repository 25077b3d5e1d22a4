import { expect, test } from '@playwright/test'
import attemptRefused from '../../../src/checks/token-endpoint/attempt-refused.js'
import { defineCheck, fail, pass, undecidable, type Check } from '../../../src/checks/define.js'
import type { Simulator } from '../../../src/client/simulator.js'
import { HarnessError } from '../../../src/errors.js'
import { mask } from '../../../src/http/redact.js'
import { notApplicable, use, type CheckUse, type Module, type ModuleContext, type ModuleRun, type NotApplicable } from '../../../src/suite/module.js'
import type { Profile } from '../../../src/suite/profile.js'
import type { Exchange } from '../../../src/suite/result.js'
import { grade, runModule } from '../../../src/suite/run-module.js'
import type { RequirementId } from '../../../src/spec/requirements.js'

const ISSUER = 'https://as.example.com'

function context(exchanges: Exchange[] = [], secrets: string[] = []): ModuleContext {
  const sim = { exchanges, secrets: new Set(secrets) } as unknown as Simulator
  return {
    profile: { id: 'fapi1-advanced', title: 'FAPI 1 Advanced' } as Profile,
    metadata: { issuer: ISSUER, token_endpoint: `${ISSUER}/token` },
    expectedIssuer: ISSUER,
    sim,
    audience: 'issuer',
    sleep: async () => undefined,
  }
}

function fakeModule(run: (ctx: ModuleContext) => Promise<ModuleRun | NotApplicable>, summary = 'a fake module'): Module {
  return { id: 'fake-module', title: 'Fake module', surface: 'client-authentication', summary, run }
}

const checkReturning = (id: string, verdict: ReturnType<typeof pass>, requirements: RequirementId[] = []): Check<unknown> =>
  defineCheck({ id, title: `${id} title`, requirements, evaluate: () => verdict })

const runUses = (uses: CheckUse<any>[], extra: Partial<ModuleRun> = {}, ctx = context()) => runModule(fakeModule(async () => ({ uses, ...extra })), ctx)

test.describe('grade', () => {
  const TABLE: Array<[boolean, boolean | undefined, 'shall' | 'should' | 'may', string]> = [
    [true, undefined, 'shall', 'passed'],
    [true, undefined, 'may', 'passed'],
    [true, true, 'shall', 'passed'],
    [false, undefined, 'shall', 'failed'],
    [false, false, 'shall', 'failed'],
    [false, undefined, 'should', 'warning'],
    [false, undefined, 'may', 'warning'],
    [false, true, 'shall', 'error'],
    [false, true, 'should', 'error'],
  ]
  for (const [ok, und, level, want] of TABLE) {
    test(`ok=${ok} undecidable=${und} level=${level} → ${want}`, () => {
      expect(grade(ok, und, level)).toBe(want)
    })
  }
})

test.describe('runModule', () => {
  test('all checks pass → passed; requirements are the union, level the strongest', async () => {
    const r = await runUses([
      use(checkReturning('a', pass('fine', { x: 1 }), ['RFC6749-5.2']), {}, ['FAPI1-ADV-5.2.2-14']),
      use(checkReturning('b', pass('fine')), {}, ['RFC7523-3-7']),
    ], { expected: 'refused (shall)' })
    expect(r.status).toBe('passed')
    expect(r).toMatchObject({ id: 'fake-module', title: 'Fake module', profile: 'fapi1-advanced', surface: 'client-authentication', expected: 'refused (shall)' })
    expect(r.requirements).toEqual(['RFC6749-5.2', 'FAPI1-ADV-5.2.2-14', 'RFC7523-3-7'])
    expect(r.level).toBe('shall')
    expect(r.checks.map((c) => [c.check, c.status, c.level])).toEqual([['a', 'passed', 'shall'], ['b', 'passed', 'may']])
    expect(r.checks[0]!.evidence).toEqual({ x: 1 })
    expect(r.checks[1]).not.toHaveProperty('evidence')
    expect(r.errorCode).toBeUndefined()
    expect(r.durationMs).toBeGreaterThanOrEqual(0)
  })

  test('a failed shall → failed, even alongside an error and a warning', async () => {
    const r = await runUses([
      use(checkReturning('w', fail('meh')), {}, [], 'should'),
      use(checkReturning('u', undecidable('?')), {}),
      use(checkReturning('f', fail('bad')), {}),
    ])
    expect(r.status).toBe('failed')
    expect(r.checks.map((c) => c.status)).toEqual(['warning', 'error', 'failed'])
    expect(r.message).toBe(r.checks[2]!.message)
  })

  test('a failed should → warning', async () => {
    const r = await runUses([use(checkReturning('p', pass('ok')), {}), use(checkReturning('w', fail('meh')), {}, [], 'should')])
    expect(r.status).toBe('warning')
    expect(r.level).toBe('shall')
  })

  test('level defaults to the strongest requirement level at the call site (may → warning)', async () => {
    const r = await runUses([use(checkReturning('m', fail('no')), {}, ['RFC7523-3-7'])])
    expect(r.checks[0]!.level).toBe('may')
    expect(r.status).toBe('warning')
    expect(r.level).toBe('may')
  })

  test('undecidable → error without errorCode', async () => {
    const r = await runUses([use(checkReturning('p', pass('ok')), {}), use(checkReturning('u', undecidable('no response')), {})])
    expect(r.status).toBe('error')
    expect(r.errorCode).toBeUndefined()
  })

  test('a check that throws → that check and the record are error', async () => {
    const throwing = defineCheck<unknown>({ id: 'boom', title: 'boom', requirements: [], evaluate: () => { throw new Error('kaput') } })
    const r = await runUses([use(checkReturning('p', pass('ok')), {}), use(throwing, {})])
    expect(r.status).toBe('error')
    expect(r.checks.map((c) => [c.check, c.status])).toEqual([['p', 'passed'], ['boom', 'error']])
  })

  test('not applicable', async () => {
    const r = await runModule(fakeModule(async () => notApplicable('the target does not advertise X')), context())
    expect(r).toMatchObject({ status: 'not_applicable', message: 'the target does not advertise X', requirements: [], checks: [], level: 'may' })
  })

  test('a HarnessError thrown by the module → error with its code', async () => {
    const r = await runModule(fakeModule(async () => { throw new HarnessError('ERR_STEP_PRECONDITION', 'no client') }), context())
    expect(r).toMatchObject({ status: 'error', errorCode: 'ERR_STEP_PRECONDITION', checks: [] })
  })

  test('any other exception → error ERR_INTERNAL', async () => {
    const r = await runModule(fakeModule(async () => { throw new RangeError('oops') }), context())
    expect(r).toMatchObject({ status: 'error', errorCode: 'ERR_INTERNAL' })
  })

  test('refusedAt comes from the attempt-refused evidence', async () => {
    const response: Exchange = {
      purpose: 'token',
      request: { method: 'POST', url: `${ISSUER}/token`, headers: {} },
      response: { status: 401, headers: { 'content-type': 'application/json' }, body: '{"error":"invalid_client"}' },
      durationMs: 1,
    }
    const r = await runUses([use(attemptRefused, { response, allowedErrors: ['invalid_client'] })])
    expect(r.status).toBe('passed')
    expect(r.refusedAt).toBe('token')
  })

  test('exchanges are attached, with the client assertion decoded', async () => {
    const assertion = `${Buffer.from('{"alg":"PS256","kid":"k1"}').toString('base64url')}.${Buffer.from('{"iss":"c1","aud":"x"}').toString('base64url')}.c2ln`
    const x: Exchange = {
      purpose: 'token',
      request: { method: 'POST', url: `${ISSUER}/token`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `grant_type=client_credentials&client_assertion=${assertion}` },
      response: { status: 200, headers: {}, body: '' },
      durationMs: 1,
    }
    const r = await runUses([use(checkReturning('p', pass('ok')), {})], {}, context([x]))
    expect(r.exchanges).toHaveLength(1)
    expect(r.exchanges[0]!.jwts).toEqual([{ where: 'request client_assertion', header: { alg: 'PS256', kid: 'k1' }, payload: { iss: 'c1', aud: 'x' } }])
  })

  test('exchanges recorded before the module threw are kept', async () => {
    const x: Exchange = { purpose: 'registration', request: { method: 'POST', url: `${ISSUER}/reg`, headers: {} }, transport_error: { code: 'ECONNRESET', message: 'reset' }, durationMs: 1 }
    const r = await runModule(fakeModule(async () => { throw new HarnessError('ERR_HTTP_TRANSPORT', 'reset') }), context([x]))
    expect(r.exchanges).toHaveLength(1)
    expect(r.exchanges[0]!.transport_error?.code).toBe('ECONNRESET')
  })

  test('secrets known to the simulator are redacted everywhere in the record', async () => {
    const SECRET = 'plain-Secret-value-0123456789'
    const x: Exchange = {
      purpose: 'token',
      request: {
        method: 'POST',
        url: `${ISSUER}/token`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-debug': SECRET },
        body: `grant_type=client_credentials&note=${encodeURIComponent(SECRET)}`,
      },
      response: { status: 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: 'invalid_client', error_description: `unknown ${SECRET}` }) },
      durationMs: 1,
    }
    const leaky = checkReturning('leaky', fail(`saw ${SECRET}`, { echoed: SECRET, b64: Buffer.from(`c1:${SECRET}`).toString('base64') }))
    const r = await runModule(fakeModule(async () => ({ uses: [use(leaky, {})] }), `summary mentions ${SECRET}`), context([x], [SECRET]))
    const text = JSON.stringify(r)
    expect(text).not.toContain(SECRET)
    expect(text).not.toContain(encodeURIComponent(SECRET))
    expect(text).not.toContain(Buffer.from(SECRET).toString('base64').replace(/=+$/, ''))
    expect(r.checks[0]!.evidence?.echoed).toBe(mask(SECRET))
    expect(r.exchanges[0]!.request.headers['x-debug']).toBe(mask(SECRET))
    expect(r.status).toBe('failed')
  })

  test('a secret in a thrown error message is redacted', async () => {
    const SECRET = 'another-Secret-value-9876543210'
    const r = await runModule(fakeModule(async () => { throw new HarnessError('ERR_STEP_PRECONDITION', `bad ${SECRET}`) }), context([], [SECRET]))
    expect(r.errorCode).toBe('ERR_STEP_PRECONDITION')
    expect(JSON.stringify(r)).not.toContain(SECRET)
  })
})
