import { expect, test } from '@playwright/test'
import type { ResultRecord } from '../../src/suite/result.js'
import { withFaultTarget, type Fault, type FaultRequest } from './fault-proxy.js'
import type { HarnessRun } from './harness.js'

/**
 * The harness against targets that misbehave (a loopback fault proxy in front of the reference
 * AS, test/self/fault-proxy.ts). Whatever the target does, the run never hangs, never crashes with a
 * stack trace, never turns a broken exchange into a pass: the affected results are `error` (or
 * `failed` where the behaviour itself is the non-conformance) with one line naming the URL and
 * the step, and every result gathered before is still written. One profile, a few modules, one
 * worker (a fixed order), short timeouts.
 */
// each test runs the harness as a child process: minutes on a loaded machine
test.describe.configure({ timeout: 480_000 })

/** Whole module ids only (a title is `profile id @tags`): `endpoint-revocation-auth-method-…` must not match. */
const GREP =
  '(?<![\\w-])(discovery-document-valid|auth-method-client-secret-post|auth-method-client-secret-basic|client-secret-post-wrong-secret)(?![\\w-])'
/** Short, but not so short that a correct answer on a loaded machine (load 30+ on 2 cores) misses it. */
const TIMEOUT = '5000'
const ARGS = ['--grep', GREP, '--timeout', TIMEOUT, '--workers', '1']
/**
 * A module cut short by a fault ends well inside Playwright's 90 s per module: only the harness's
 * own deadline (5 s here) can end a hang this soon, even on a loaded machine.
 */
const MODULE_BOUND_MS = 30_000
const TOKEN = /\/token$/

/** The n-th request to the token endpoint gets `faults[n - 1]` (the rest pass through). */
function nthToken(faults: Fault[]): (r: FaultRequest) => Fault | undefined {
  let k = 0
  return (r) => (TOKEN.test(r.path) ? faults[k++] : undefined)
}

const byId = (run: HarnessRun, id: string): ResultRecord | undefined =>
  run.results?.results.find((r) => r.id === id)

/** What every run against a hostile target must show, whatever the fault. */
function robust(run: HarnessRun & { wallMs: number }): void {
  expect(run.results, 'results.json is written').toBeDefined()
  for (const r of run.results!.results)
    expect(r.durationMs, `${r.id} ended within its timeouts`).toBeLessThan(MODULE_BOUND_MS)
  const out = `${run.stdout}\n${run.stderr}`
  expect(out).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m)
  expect(out).not.toContain('internal error')
  for (const r of run.results!.results) {
    expect(r.message, `${r.id}: one line`).not.toContain('\n')
    if (r.status === 'error') {
      expect(r.message, `${r.id} names the URL`).toMatch(/https:\/\/127\.0\.0\.1:\d+\//)
      expect(r.message, `${r.id} names the step`).toMatch(/step \w+/)
    }
  }
}

test('a response that never comes, a body that trickles and a gigantic body end as errors within the deadline', async () => {
  await withFaultTarget(
    {
      name: 'slow',
      profiles: ['oauth2'],
      fault: nthToken([{ kind: 'hang' }, { kind: 'trickle', intervalMs: 100 }, { kind: 'huge' }]),
    },
    async (t) => {
      const run = await t.run(['oauth2'], ARGS)
      robust(run)
      expect(run.code).toBe(2)
      expect(byId(run, 'discovery-document-valid')?.status).toBe('passed')
      const errors = run.results!.results.filter((r) => r.status === 'error')
      expect(errors.map((r) => r.errorCode).sort()).toEqual([
        'ERR_HTTP_BODY_TOO_LARGE',
        'ERR_HTTP_TIMEOUT',
        'ERR_HTTP_TIMEOUT',
      ])
      for (const r of errors) expect(r.message).toContain(`${t.issuers.oauth2}/token`)
      expect(run.results!.results.filter((r) => r.status === 'passed').map((r) => r.id)).toEqual([
        'discovery-document-valid',
      ])
    },
  )
})

test('a 5xx, an HTML page and JSON of the wrong types where a token response was due are never a pass', async () => {
  const faults: Fault[] = [
    {
      kind: 'answer',
      status: 503,
      contentType: 'text/html',
      body: '<html><body>Service Unavailable</body></html>',
    },
    {
      kind: 'answer',
      status: 200,
      contentType: 'text/html',
      body: '<html><body>Sign in</body></html>',
    },
    {
      kind: 'answer',
      status: 200,
      contentType: 'application/json',
      body: '{"access_token":42,"token_type":["Bearer"],"expires_in":"soon"}',
    },
  ]
  await withFaultTarget(
    { name: 'garbage', profiles: ['oauth2'], fault: nthToken(faults) },
    async (t) => {
      const run = await t.run(['oauth2'], ARGS)
      robust(run)
      expect(run.code).toBe(1)
      expect(byId(run, 'discovery-document-valid')?.status).toBe('passed')
      // the three modules take the three answers in the order they run; whichever gets which:
      const others = run.results!.results.filter((r) => r.id !== 'discovery-document-valid')
      const message = (re: RegExp) => others.find((r) => re.test(r.message))
      // 503: the server failed; nothing is decided
      expect(message(/HTTP 503/)).toMatchObject({ status: 'error' })
      // a correct request answered with a login page (acceptance due): the behaviour itself is the finding;
      // as a negative's control it is no success, so the negative is inconclusive
      expect(['failed', 'error']).toContain(message(/not JSON|refused: HTTP 200/)?.status)
      // JSON of the wrong types: no token response, never a pass
      expect(message(/access_token is number|refused: HTTP 200/)).toBeDefined()
      expect(others.filter((r) => r.status === 'passed')).toEqual([])
      expect(others.some((r) => r.status === 'failed')).toBe(true)
    },
  )
})

test("a discovery document whose issuer is not the URL's is a finding; a redirect from the token endpoint is never followed", async () => {
  let other = ''
  const fault = (r: FaultRequest): Fault | undefined => {
    if (/well-known/.test(r.path))
      return {
        kind: 'rewrite-json',
        edit: (j) => ({ ...j, issuer: 'https://elsewhere.example/oauth2' }),
      }
    if (TOKEN.test(r.path)) return { kind: 'redirect', location: `${other}/oauth2/token` }
    return undefined
  }
  await withFaultTarget({ name: 'issuer', profiles: ['oauth2'], fault }, async (t) => {
    other = t.otherOrigin
    const run = await t.run(['oauth2'], ARGS)
    robust(run)
    expect(run.code).toBe(1)
    // OIDC Discovery §4.3: the issuer must be identical to the one the document was fetched for
    expect(byId(run, 'discovery-document-valid')).toMatchObject({ status: 'failed' })
    expect(byId(run, 'discovery-document-valid')!.message).toContain('elsewhere.example')
    for (const r of run.results!.results.filter((x) => x.id !== 'discovery-document-valid'))
      expect(['failed', 'error']).toContain(r.status)
    // nothing went to the Location
    expect(t.log.filter((l) => l.port === Number(new URL(t.otherOrigin).port))).toEqual([])
  })
})

test('a server that stops half-way: the results before are kept, the rest are errors naming the URL', async () => {
  await withFaultTarget(
    {
      name: 'stops',
      profiles: ['oauth2'],
      fault: (r) => (r.n >= 8 ? { kind: 'stop' } : undefined),
    },
    async (t) => {
      const run = await t.run(['oauth2'], ARGS)
      robust(run)
      expect(run.code).toBe(2)
      expect(run.results!.results).toHaveLength(4)
      expect(byId(run, 'discovery-document-valid')?.status).toBe('passed')
      expect(
        run.results!.results.filter((r) => r.status === 'passed').length,
      ).toBeGreaterThanOrEqual(2)
      const errors = run.results!.results.filter((r) => r.status === 'error')
      expect(errors.length).toBeGreaterThanOrEqual(1)
      for (const r of errors)
        expect(['ERR_HTTP_TRANSPORT', 'ERR_TARGET_UNREACHABLE', 'ERR_TLS_HANDSHAKE']).toContain(
          r.errorCode,
        )
      expect(run.results!.results.some((r) => r.status === 'failed')).toBe(false)
    },
  )
})

test('TLS that breaks mid-run (an untrusted certificate from then on) ends the later results as TLS errors', async () => {
  await withFaultTarget(
    {
      name: 'tls',
      profiles: ['oauth2'],
      fault: (r) => (r.n === 5 ? { kind: 'break-tls' } : undefined),
    },
    async (t) => {
      const run = await t.run(['oauth2'], ARGS)
      robust(run)
      expect(run.code).toBe(2)
      expect(byId(run, 'discovery-document-valid')?.status).toBe('passed')
      const errors = run.results!.results.filter((r) => r.status === 'error')
      expect(errors.length).toBeGreaterThanOrEqual(1)
      expect(errors.map((r) => r.errorCode)).toContain('ERR_TLS_HANDSHAKE')
      expect(run.results!.results.some((r) => r.status === 'failed')).toBe(false)
    },
  )
})

/** A discovery document naming the token endpoint on the proxy's other origin. */
function foreignTokenEndpoint(): {
  fault: (r: FaultRequest) => Fault | undefined
  setOther(o: string): void
} {
  let other = ''
  return {
    fault: (r) =>
      /well-known/.test(r.path)
        ? {
            kind: 'rewrite-json',
            edit: (j) => ({
              ...j,
              token_endpoint: String(j.token_endpoint).replace(/^https:\/\/[^/]+/, other),
            }),
          }
        : undefined,
    setOther: (o) => (other = o),
  }
}
const FOREIGN_ARGS = [
  '--grep',
  '(?<![\\w-])(discovery-document-valid|auth-method-client-secret-post)(?![\\w-])',
  '--timeout',
  TIMEOUT,
  '--workers',
  '1',
]

test('an endpoint on another origin than the issuer gets no credential: not called, the result says which URL and why', async () => {
  const f = foreignTokenEndpoint()
  await withFaultTarget({ name: 'foreign', profiles: ['oauth2'], fault: f.fault }, async (t) => {
    f.setOther(t.otherOrigin)
    const refused = await t.run(['oauth2'], FOREIGN_ARGS)
    robust(refused)
    expect(refused.code).toBe(2)
    const r = byId(refused, 'auth-method-client-secret-post')!
    expect(r).toMatchObject({ status: 'error', errorCode: 'ERR_FOREIGN_ENDPOINT' })
    expect(r.message).toContain(`${t.otherOrigin}/oauth2/token`)
    expect(r.message).toContain('allowed_origins')
    expect(t.log.filter((l) => l.port === Number(new URL(t.otherOrigin).port))).toEqual([])
  })
})

test('an origin in allowed_origins may receive credentials', async () => {
  const f = foreignTokenEndpoint()
  await withFaultTarget({ name: 'allowed', profiles: ['oauth2'], fault: f.fault }, async (t) => {
    f.setOther(t.otherOrigin)
    const allowed = await t.run(
      ['oauth2'],
      FOREIGN_ARGS,
      t.writeConfig('allowed.yaml', `allowed_origins: [${JSON.stringify(t.otherOrigin)}]\n`),
    )
    robust(allowed)
    expect(byId(allowed, 'auth-method-client-secret-post')?.status).toBe('passed')
    expect(
      t.log.filter((l) => l.port === Number(new URL(t.otherOrigin).port)).map((l) => l.path),
    ).toContain('/oauth2/token')
  })
})
