import { expect, test } from '@playwright/test'
import attemptRefused from '../../../src/checks/token-endpoint/attempt-refused.js'
import {
  defineAsyncCheck,
  defineCheck,
  fail,
  pass,
  undecidable,
  type Check,
} from '../../../src/checks/define.js'
import { ClientCertificates } from '../../../src/client/auth/client-certificates.js'
import { Simulator } from '../../../src/client/simulator.js'
import type { HttpClient, HttpRequest } from '../../../src/http/client.js'
import { HarnessError } from '../../../src/errors.js'
import { mask } from '../../../src/http/redact.js'
import {
  inconclusive,
  notApplicable,
  use,
  type CheckUse,
  type Inconclusive,
  type Module,
  type ModuleContext,
  type ModuleRun,
  type NotApplicable,
} from '../../../src/suite/module.js'
import type { Profile } from '../../../src/suite/profile.js'
import type { Exchange } from '../../../src/suite/result.js'
import { grade, runModule } from '../../../src/suite/run-module.js'
import type { RequirementId } from '../../../src/spec/requirements.js'

const ISSUER = 'https://as.example.com'

function context(exchanges: Exchange[] = [], secrets: string[] = []): ModuleContext {
  const sim = { exchanges, steps: [], secrets: new Set(secrets) } as unknown as Simulator
  return {
    profile: { id: 'fapi1-advanced', title: 'FAPI 1 Advanced' } as Profile,
    metadata: { issuer: ISSUER, token_endpoint: `${ISSUER}/token` },
    expectedIssuer: ISSUER,
    sim,
    audience: 'issuer',
    learned: {},
    certificates: new ClientCertificates(),
    sleep: async () => undefined,
  }
}

function fakeModule(
  run: (ctx: ModuleContext) => Promise<ModuleRun | NotApplicable | Inconclusive>,
  summary = 'a fake module',
): Module {
  return { id: 'fake-module', title: 'Fake module', surface: 'client-authentication', summary, run }
}

const checkReturning = (
  id: string,
  verdict: ReturnType<typeof pass>,
  requirements: RequirementId[] = [],
): Check<unknown> =>
  defineCheck({ id, title: `${id} title`, requirements, evaluate: () => verdict })

const runUses = (uses: CheckUse<any>[], extra: Partial<ModuleRun> = {}, ctx = context()) =>
  runModule(
    fakeModule(async () => ({ uses, ...extra })),
    ctx,
  )

test.describe('grade', () => {
  const TABLE: Array<[boolean, boolean | undefined, 'shall' | 'should' | 'may', string]> = [
    [true, undefined, 'shall', 'passed'],
    [true, undefined, 'may', 'passed'],
    [true, true, 'shall', 'passed'],
    [false, undefined, 'shall', 'failed'],
    [false, false, 'shall', 'failed'],
    [false, undefined, 'should', 'warning'],
    [false, undefined, 'may', 'info'],
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
    const r = await runUses(
      [
        use(checkReturning('a', pass('fine', { x: 1 }), ['RFC6749-5.2']), {}, [
          'FAPI1-ADV-5.2.2-14',
        ]),
        use(checkReturning('b', pass('fine')), {}, ['RFC7523-3-7']),
      ],
      { expected: 'refused (shall)' },
    )
    expect(r.status).toBe('passed')
    expect(r).toMatchObject({
      id: 'fake-module',
      title: 'Fake module',
      profile: 'fapi1-advanced',
      surface: 'client-authentication',
      expected: 'refused (shall)',
    })
    expect(r.requirements).toEqual(['RFC6749-5.2', 'FAPI1-ADV-5.2.2-14', 'RFC7523-3-7'])
    expect(r.level).toBe('shall')
    expect(r.checks.map((c) => [c.check, c.status, c.level])).toEqual([
      ['a', 'passed', 'shall'],
      ['b', 'passed', 'may'],
    ])
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
    const r = await runUses([
      use(checkReturning('p', pass('ok')), {}),
      use(checkReturning('w', fail('meh')), {}, [], 'should'),
    ])
    expect(r.status).toBe('warning')
    expect(r.level).toBe('shall')
  })

  test('level defaults to the strongest requirement level at the call site (may → info)', async () => {
    const r = await runUses([use(checkReturning('m', fail('no')), {}, ['RFC7523-3-7'])])
    expect(r.checks[0]!.level).toBe('may')
    expect(r.status).toBe('info')
    expect(r.level).toBe('may')
  })

  test('undecidable → error without errorCode', async () => {
    const r = await runUses([
      use(checkReturning('p', pass('ok')), {}),
      use(checkReturning('u', undecidable('no response')), {}),
    ])
    expect(r.status).toBe('error')
    expect(r.errorCode).toBeUndefined()
  })

  test('a check that throws → that check and the record are error', async () => {
    const throwing = defineCheck<unknown>({
      id: 'boom',
      title: 'boom',
      requirements: [],
      evaluate: () => {
        throw new Error('kaput')
      },
    })
    const r = await runUses([use(checkReturning('p', pass('ok')), {}), use(throwing, {})])
    expect(r.status).toBe('error')
    expect(r.checks.map((c) => [c.check, c.status])).toEqual([
      ['p', 'passed'],
      ['boom', 'error'],
    ])
  })

  test('not applicable', async () => {
    const r = await runModule(
      fakeModule(async () => notApplicable('the target does not advertise X')),
      context(),
    )
    expect(r).toMatchObject({
      status: 'not_applicable',
      message: 'the target does not advertise X',
      requirements: [],
      checks: [],
      level: 'may',
    })
  })

  test('a HarnessError thrown by the module → error with its code', async () => {
    const r = await runModule(
      fakeModule(async () => {
        throw new HarnessError('ERR_STEP_PRECONDITION', 'no client')
      }),
      context(),
    )
    expect(r).toMatchObject({ status: 'error', errorCode: 'ERR_STEP_PRECONDITION', checks: [] })
  })

  test('any other exception → error ERR_INTERNAL', async () => {
    const r = await runModule(
      fakeModule(async () => {
        throw new RangeError('oops')
      }),
      context(),
    )
    expect(r).toMatchObject({ status: 'error', errorCode: 'ERR_INTERNAL' })
  })

  test('refusedAt comes from the attempt-refused evidence', async () => {
    const json = { 'content-type': 'application/json' }
    const control: Exchange = {
      purpose: 'token',
      request: { method: 'POST', url: `${ISSUER}/token`, headers: {} },
      response: { status: 200, headers: json, body: '{"access_token":"at","token_type":"Bearer"}' },
      durationMs: 1,
    }
    const response: Exchange = {
      purpose: 'token',
      request: { method: 'POST', url: `${ISSUER}/token`, headers: {} },
      response: { status: 401, headers: json, body: '{"error":"invalid_client"}' },
      durationMs: 1,
    }
    const r = await runUses([
      use(attemptRefused, { control, response }, ['RFC7523-3-7'], 'shall', 'variant'),
    ])
    expect(r.status).toBe('passed')
    expect(r.refusedAt).toBe('token')
    expect(r.checks[0]).toMatchObject({
      check: 'attempt-refused',
      step: 'variant',
      level: 'shall',
      requirements: ['RFC7523-3-7'],
    })
  })

  test('refusedAt is registration when the registration refused with invalid_client_metadata', async () => {
    const control: Exchange = {
      purpose: 'token',
      request: { method: 'POST', url: `${ISSUER}/token`, headers: {} },
      response: { status: 200, headers: {}, body: '' },
      durationMs: 1,
    }
    const registration: Exchange = {
      purpose: 'registration',
      request: { method: 'POST', url: `${ISSUER}/reg`, headers: {} },
      response: {
        status: 400,
        headers: { 'content-type': 'application/json' },
        body: '{"error":"invalid_client_metadata"}',
      },
      durationMs: 1,
    }
    const r = await runUses([use(attemptRefused, { control, registration })])
    expect(r.status).toBe('passed')
    expect(r.refusedAt).toBe('registration')
  })

  test('no refusedAt when no check gives one', async () => {
    const r = await runUses([use(checkReturning('p', pass('ok', { refusedAt: 42 })), {})])
    expect(r).not.toHaveProperty('refusedAt')
  })

  test('an inconclusive module → error ERR_PRECONDITION, keeping its requirements, level and expectation', async () => {
    const x: Exchange = {
      purpose: 'token',
      request: { method: 'POST', url: `${ISSUER}/token`, headers: {} },
      response: { status: 400, headers: {}, body: '' },
      durationMs: 1,
    }
    const r = await runModule(
      fakeModule(async () =>
        inconclusive(
          'the control was refused: HTTP 400 invalid_scope',
          ['RFC7523-3-7', 'RFC6749-4.4', 'RFC7523-3-7'],
          'should',
          'refused (should)',
        ),
      ),
      context([x]),
    )
    expect(r).toMatchObject({
      id: 'fake-module',
      status: 'error',
      errorCode: 'ERR_PRECONDITION',
      // the message names where it stood: the request of the control (here the only exchange)
      message: `the control was refused: HTTP 400 invalid_scope [POST ${ISSUER}/token]`,
      requirements: ['RFC7523-3-7', 'RFC6749-4.4'],
      level: 'should',
      expected: 'refused (should)',
      checks: [],
    })
    expect(r.exchanges).toHaveLength(1)
  })

  test('an inconclusive module without an expectation has no expected', async () => {
    const r = await runModule(
      fakeModule(async () => inconclusive('twin refused', ['RFC6749-4.4'], 'shall')),
      context(),
    )
    expect(r).toMatchObject({
      status: 'error',
      errorCode: 'ERR_PRECONDITION',
      level: 'shall',
      requirements: ['RFC6749-4.4'],
    })
    expect(r).not.toHaveProperty('expected')
  })

  test('an async check is awaited: its verdict, message and evidence are recorded', async () => {
    const slow = defineAsyncCheck<{ delay: number }>({
      id: 'slow',
      title: 'slow',
      requirements: ['RFC7523-3-7'],
      evaluate: ({ delay }) =>
        new Promise((resolve) =>
          setTimeout(() => resolve(pass('signature verified', { kid: 'k1' })), delay),
        ),
    })
    const r = await runUses([use(slow, { delay: 20 }, [], 'shall')])
    expect(r.status).toBe('passed')
    expect(r.checks[0]).toMatchObject({
      check: 'slow',
      status: 'passed',
      message: 'signature verified',
      evidence: { kid: 'k1' },
      requirements: ['RFC7523-3-7'],
    })
  })

  test('an async check that fails after a delay fails the record', async () => {
    const slow = defineAsyncCheck<unknown>({
      id: 'slow-fail',
      title: 'slow',
      requirements: [],
      evaluate: () =>
        new Promise((resolve) => setTimeout(() => resolve(fail('bad signature')), 10)),
    })
    const r = await runUses([use(slow, {})])
    expect(r.status).toBe('failed')
    expect(r.message).toBe('bad signature')
  })

  test('an async check that rejects → that check is error', async () => {
    const rejecting = defineAsyncCheck<unknown>({
      id: 'rejects',
      title: 'rejects',
      requirements: [],
      evaluate: async () => {
        throw new Error('no key')
      },
    })
    const r = await runUses([use(checkReturning('p', pass('ok')), {}), use(rejecting, {})])
    expect(r.status).toBe('error')
    expect(r.checks[1]).toMatchObject({ check: 'rejects', status: 'error' })
    expect(r.checks[1]!.message).toContain('no key')
  })

  test('steps recorded by ctx.sim.step() are in record.steps, and every exchange names its step', async () => {
    const sent: HttpRequest[] = []
    const http = {
      async send(
        req: HttpRequest,
        opts: { onExchange?: (x: Exchange) => void } = {},
      ): Promise<Exchange> {
        sent.push(req)
        const x: Exchange = {
          purpose: req.purpose,
          request: { method: req.method, url: req.url, headers: {} },
          response: { status: sent.length < 3 ? 200 : 401, headers: {}, body: '' },
          durationMs: 1,
        }
        opts.onExchange?.(x)
        return x
      },
    } as unknown as HttpClient
    const sim = new Simulator({
      http,
      issuer: ISSUER,
      metadata: { issuer: ISSUER, token_endpoint: `${ISSUER}/token` },
      now: () => 0,
      identities: {
        selfSigned: async () => {
          throw new Error('unused')
        },
      },
      senderConstrained: false,
    })
    const ctx: ModuleContext = { ...context(), sim }
    const r = await runModule(
      fakeModule(async (c) => {
        await c.sim.send({
          purpose: 'discovery',
          method: 'GET',
          url: `${ISSUER}/.well-known/openid-configuration`,
        })
        c.sim.step('control', 'the unchanged request')
        await c.sim.send({ purpose: 'token', method: 'POST', url: `${ISSUER}/token` })
        c.sim.outcome('succeeded: HTTP 200')
        c.sim.step('variant', 'the changed request')
        await c.sim.send({ purpose: 'token', method: 'POST', url: `${ISSUER}/token` })
        return { uses: [use(checkReturning('p', pass('ok')), {}, [], undefined, 'variant')] }
      }),
      ctx,
    )
    expect(r.steps).toEqual([
      { name: 'control', title: 'the unchanged request', outcome: 'succeeded: HTTP 200' },
      { name: 'variant', title: 'the changed request' },
    ])
    expect(r.exchanges.map((x) => [x.purpose, x.step])).toEqual([
      ['discovery', undefined],
      ['token', 'control'],
      ['token', 'variant'],
    ])
    expect(r.exchanges[1]!.response?.status).toBe(200)
    expect(r.exchanges[2]!.response?.status).toBe(401)
    expect(r.checks[0]!.step).toBe('variant')
    // A copy: what the simulator does afterwards does not change the record.
    sim.outcome('changed later')
    expect(r.steps![1]).not.toHaveProperty('outcome')
  })

  test('a module that starts no step has no steps in its record', async () => {
    const r = await runUses([use(checkReturning('p', pass('ok')), {})])
    expect(r).not.toHaveProperty('steps')
  })

  test('exchanges are attached, with the client assertion decoded', async () => {
    const assertion = `${Buffer.from('{"alg":"PS256","kid":"k1"}').toString('base64url')}.${Buffer.from('{"iss":"c1","aud":"x"}').toString('base64url')}.c2ln`
    const x: Exchange = {
      purpose: 'token',
      request: {
        method: 'POST',
        url: `${ISSUER}/token`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `grant_type=client_credentials&client_assertion=${assertion}`,
      },
      response: { status: 200, headers: {}, body: '' },
      durationMs: 1,
    }
    const r = await runUses([use(checkReturning('p', pass('ok')), {})], {}, context([x]))
    expect(r.exchanges).toHaveLength(1)
    expect(r.exchanges[0]!.jwts).toEqual([
      {
        where: 'request client_assertion',
        header: { alg: 'PS256', kid: 'k1' },
        payload: { iss: 'c1', aud: 'x' },
      },
    ])
  })

  test('exchanges recorded before the module threw are kept', async () => {
    const x: Exchange = {
      purpose: 'registration',
      request: { method: 'POST', url: `${ISSUER}/reg`, headers: {} },
      transport_error: { code: 'ECONNRESET', message: 'reset' },
      durationMs: 1,
    }
    const r = await runModule(
      fakeModule(async () => {
        throw new HarnessError('ERR_HTTP_TRANSPORT', 'reset')
      }),
      context([x]),
    )
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
      response: {
        status: 400,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ error: 'invalid_client', error_description: `unknown ${SECRET}` }),
      },
      durationMs: 1,
    }
    const leaky = checkReturning(
      'leaky',
      fail(`saw ${SECRET}`, {
        echoed: SECRET,
        b64: Buffer.from(`c1:${SECRET}`).toString('base64'),
      }),
    )
    const r = await runModule(
      fakeModule(async () => ({ uses: [use(leaky, {})] }), `summary mentions ${SECRET}`),
      context([x], [SECRET]),
    )
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
    const r = await runModule(
      fakeModule(async () => {
        throw new HarnessError('ERR_STEP_PRECONDITION', `bad ${SECRET}`)
      }),
      context([], [SECRET]),
    )
    expect(r.errorCode).toBe('ERR_STEP_PRECONDITION')
    expect(JSON.stringify(r)).not.toContain(SECRET)
  })
})

test.describe('issue #8: a missed may is info, not a warning', () => {
  const TABLE: Array<[boolean, boolean | undefined, 'shall' | 'should' | 'may', string]> = [
    [false, undefined, 'shall', 'failed'],
    [false, undefined, 'should', 'warning'],
    [false, undefined, 'may', 'info'],
    [false, false, 'may', 'info'],
    [true, undefined, 'may', 'passed'],
    [false, true, 'may', 'error'],
  ]
  for (const [ok, und, level, want] of TABLE) {
    test(`grade: ok=${ok} undecidable=${und} level=${level} → ${want}`, () => {
      expect(grade(ok, und, level)).toBe(want)
    })
  }

  test('a missed may (level from a may requirement) → check and result info, level may', async () => {
    const r = await runUses([use(checkReturning('m', fail('not used')), {}, ['RFC7523-3-7'])])
    expect(r.checks.map((c) => [c.status, c.level])).toEqual([['info', 'may']])
    expect(r).toMatchObject({ status: 'info', level: 'may', message: r.checks[0]!.message })
  })

  test('info beats passed: a passed shall and a missed may → info, level shall, the may check gives the message', async () => {
    const r = await runUses([
      use(checkReturning('p', pass('ok')), {}, [], 'shall'),
      use(checkReturning('m', fail('optional, not used')), {}, [], 'may'),
    ])
    expect(r.checks.map((c) => c.status)).toEqual(['passed', 'info'])
    expect(r).toMatchObject({ status: 'info', level: 'shall', message: r.checks[1]!.message })
  })

  test('warning beats info; error beats warning; failed beats all', async () => {
    const may = () => use(checkReturning('m', fail('optional')), {}, [], 'may')
    const should = () => use(checkReturning('s', fail('recommended')), {}, [], 'should')
    expect((await runUses([may(), should()])).status).toBe('warning')
    expect(
      (await runUses([may(), should(), use(checkReturning('u', undecidable('?')), {})])).status,
    ).toBe('error')
    expect(
      (
        await runUses([
          may(),
          should(),
          use(checkReturning('u', undecidable('?')), {}),
          use(checkReturning('f', fail('bad')), {}, [], 'shall'),
        ])
      ).status,
    ).toBe('failed')
  })
})
