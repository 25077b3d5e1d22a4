import { randomBytes } from 'node:crypto'
import { appendFileSync } from 'node:fs'
import * as playwrightTest from '@playwright/test'
import type { Browser, TestType } from '@playwright/test'
import { fetchMetadata } from '../client/discovery.js'
import { ClientCertificates } from '../client/auth/client-certificates.js'
import { Simulator } from '../client/simulator.js'
import type { ServerMetadata } from '../client/types.js'
import { Identities } from '../crypto/pki.js'
import { HarnessError } from '../errors.js'
import { redact, redactText } from '../http/redact.js'
import { HttpClient, jsonBody } from '../http/client.js'
import {
  BrowserSession,
  LOGIN_NAME,
  chromiumPath,
  launchChromium,
  preparePage,
  serverPins,
  type Credentials,
  type PreparedPage,
} from './browser.js'
import { isText, rewriteZip } from './trace-zip.js'
import { dpopPreferred, profileClient } from './flow.js'
import { errorRecord, runModule } from './run-module.js'
import type { Module, ModuleContext } from './module.js'
import { NotificationReceiver } from './notifications.js'
import { loadPlan, resourceUrlOf, type RunPlan } from './plan.js'
import type { AudienceKind, Profile } from './profile.js'

/** Per worker and profile: the HTTP client, discovered metadata and TLS identities. */
interface WorkerTarget {
  plan: RunPlan
  /** What modules learned of this target (e.g. the aud it accepts), shared by the worker's modules. */
  learned: ModuleContext['learned']
  http: HttpClient
  issuer: string
  discoveryUrl?: string
  metadata: ServerMetadata
  identities: Identities
  /** The protected resource serving this profile's sender-constrained tokens, when one is known. */
  resourceUrl?: string
}

/**
 * Stack traces as V8 formats them, not mapped back to the TypeScript through source maps, in the
 * harness's workers. Playwright installs source-map-support for its transpiled files and captures a
 * stack for each of its own steps (hooks, fixtures, attach): five or so per module, 50 frames each,
 * every frame cloned and mapped. Measured on the client-authentication suites of all profiles (742
 * modules, 2 workers): 2.4 s of the workers' 26 s of CPU and 1.2 s of 16 s wall. A module's verdict
 * never carries a stack; FAPI_HARNESS_DEBUG, which prints stacks of internal errors, keeps the
 * mapped ones. Test locations are unaffected (Playwright maps those itself). Set by `runSuite`,
 * which only the harness's suites call (never on import: the harness's own tests keep their maps).
 */
function plainStacks(): void {
  if (!process.env.FAPI_HARNESS_DEBUG)
    (Error as { prepareStackTrace?: unknown }).prepareStackTrace = undefined
}

async function workerTarget(profile: Profile): Promise<WorkerTarget> {
  const plan = loadPlan()
  const entry = plan.profiles.find((p) => p.id === profile.id)
  if (!entry)
    throw new HarnessError('ERR_UNKNOWN_PROFILE', `profile ${profile.id} is not in the run plan`)
  const http = new HttpClient({ trust: plan.trust, timeoutMs: plan.timeoutMs })
  const x = await fetchMetadata(http, entry.issuer, undefined, entry.discovery_url)
  const body = jsonBody(x)
  if (!body.ok || x.response?.status !== 200)
    throw new HarnessError(
      'ERR_DISCOVERY_INVALID',
      `discovery for ${entry.issuer} failed: ${body.ok ? `HTTP ${x.response?.status}` : body.reason}`,
    )
  const metadata = body.value as ServerMetadata
  // Configured clients only: the modules see a target without dynamic registration.
  if (plan.dynamicRegistration === false) delete metadata.registration_endpoint
  if (typeof metadata.token_endpoint !== 'string')
    throw new HarnessError(
      'ERR_DISCOVERY_INVALID',
      `discovery for ${entry.issuer} has no token_endpoint`,
    )
  const resourceUrl = resourceUrlOf(plan, entry.issuer)
  return {
    plan,
    learned: {},
    http,
    issuer: entry.issuer,
    ...(entry.discovery_url ? { discoveryUrl: entry.discovery_url } : {}),
    metadata,
    identities: new Identities(plan.clientCa),
    ...(resourceUrl ? { resourceUrl } : {}),
  }
}

/**
 * The aud a well-behaved client tries first: the issuer where the profile requires it to be
 * accepted, else the token endpoint (OIDC Core §9's value). The control step falls back to the
 * other one when the target refuses it (flow.ts), unless the configuration pins it.
 */
export function defaultAudience(p: Profile): AudienceKind {
  if (p.audience.issuer.expect === 'accept' && p.audience.token_endpoint.expect !== 'accept')
    return 'issuer'
  return 'token_endpoint'
}

/**
 * The worker's browser: Debian's Chromium, launched on the first module that needs it and closed
 * with the worker (one per worker, never per test). It trusts the server certificates the harness
 * trusts: their keys, verified by Node against the configured CAs, are pinned at launch.
 */
interface WorkerBrowser {
  /** Why there is no browser, when there is none. */
  unavailable?: string
  get(origins: string[]): Promise<Browser>
  /**
   * A fresh context and page for one module: the one prepared ahead (`prepare`) when there is
   * one, else a new one. Never a context a module used before.
   */
  page(origins: string[], opts: PageOptions): Promise<PreparedPage>
  /**
   * Prepares the next module's context and page in the background (one at most), while the
   * worker goes on with other work: a new context costs a renderer process, 0.5 to 2.5 s.
   */
  prepare(origins: string[], opts: PageOptions): void
}

/** What a prepared context depends on: the run's trust and timeout, the same for every module. */
type PageOptions = { insecure: boolean; timeoutMs: number }

/** The worker's CIBA notification receiver, started when a module first asks for it. */
type WorkerNotifications = () => Promise<NotificationReceiver>

/**
 * The worker's targets: a profile's issuer discovered on its first module (a failure is kept and is
 * every later module's error), with the HTTP client its modules share, closed with the worker; and
 * the worker's client certificates (made on first use, for every profile).
 */
interface WorkerTargets {
  target(profile: Profile): Promise<WorkerTarget>
  certificates(): ClientCertificates
}

/**
 * The test type the modules run on: Playwright's root test, without the fixtures @playwright/test
 * adds for its own `page` and `context` ("trace recording" and "context configuration", set up and
 * torn down around every test as steps). The harness launches, traces and closes its own browser
 * (`workerBrowser` below), so those fixtures only cost time: measured on 700 empty tests with 2
 * workers, 9.0 s of CPU with them and 5.4 s without. `_baseTest` is what @playwright/test exports for
 * test types that bring their own fixtures; where a version lacks it, its `test` is used (read from
 * the namespace, so that a missing export is `undefined` rather than a failed import).
 */
const rootTest: TestType<{}, {}> =
  playwrightTest._baseTest ?? (playwrightTest.test as unknown as TestType<{}, {}>)

const test = rootTest.extend<
  {},
  {
    workerBrowser: WorkerBrowser
    workerNotifications: WorkerNotifications
    workerTargets: WorkerTargets
  }
>({
  workerTargets: [
    async ({}, use) => {
      const targets = new Map<string, Promise<WorkerTarget>>()
      let certificates: ClientCertificates | undefined
      await use({
        target: (profile) => {
          let t = targets.get(profile.id)
          if (!t) {
            t = workerTarget(profile)
            t.catch(() => {}) // awaited by every module of the profile; a failure is theirs
            targets.set(profile.id, t)
          }
          return t
        },
        certificates: () => (certificates ??= new ClientCertificates(loadPlan().clientCa)),
      })
      for (const t of targets.values()) {
        const w = await t.catch(() => undefined)
        await w?.http.close().catch(() => {})
      }
    },
    { scope: 'worker' },
  ],
  workerNotifications: [
    async ({}, use) => {
      let started: Promise<NotificationReceiver> | undefined
      await use(() => {
        const n = loadPlan().notification
        if (!n) return Promise.reject(new Error('the run plan names no notification receiver'))
        started ??= NotificationReceiver.start({
          certPem: n.certPem,
          keyPem: n.keyPem,
          ...(n.port ? { port: n.port } : {}),
          ...(n.publicUrl ? { publicUrl: n.publicUrl } : {}),
        })
        return started
      })
      const r = await started?.catch(() => undefined)
      await r?.close()
    },
    { scope: 'worker' },
  ],
  workerBrowser: [
    async ({}, use) => {
      const found = chromiumPath()
      let launched: Promise<Browser> | undefined
      const get = (origins: string[]): Promise<Browser> => {
        if ('unavailable' in found) return Promise.reject(new Error(found.unavailable))
        launched ??= (async () => {
          const plan = loadPlan()
          const all = [...plan.profiles.map((p) => new URL(p.issuer).origin), ...origins]
          const spki = plan.trust.insecure
            ? []
            : await serverPins(all, plan.trust.ca, plan.timeoutMs)
          return launchChromium(found.path, { insecure: plan.trust.insecure, spki })
        })()
        return launched
      }
      // the context prepared for the next module, with the options it was made with
      let spare: { key: string; page: Promise<PreparedPage> } | undefined
      const key = (o: PageOptions) => `${o.insecure}:${o.timeoutMs}`
      const make = (origins: string[], opts: PageOptions) => {
        const p = get(origins).then((b) => preparePage(b, opts))
        p.catch(() => {}) // taken or discarded later; a failure then surfaces where it is awaited
        return p
      }
      const page = async (origins: string[], opts: PageOptions): Promise<PreparedPage> => {
        const ahead = spare
        spare = undefined
        if (ahead && ahead.key === key(opts)) {
          const p = await ahead.page.catch(() => undefined)
          if (p && !p.page.isClosed()) return p
          await p?.context.close().catch(() => {})
        } else if (ahead) void ahead.page.then((p) => p.context.close()).catch(() => {})
        return make(origins, opts)
      }
      const prepare = (origins: string[], opts: PageOptions) => {
        if ('unavailable' in found || spare) return
        spare = { key: key(opts), page: make(origins, opts) }
      }
      await use({
        ...('unavailable' in found ? { unavailable: found.unavailable } : {}),
        get,
        page,
        prepare,
      })
      const left = await spare?.page.catch(() => undefined)
      await left?.context.close().catch(() => {})
      const b = await launched?.catch(() => undefined)
      await b?.close().catch(() => {})
    },
    { scope: 'worker' },
  ],
})
const base = test

/**
 * Binary evidence redacted like every record: text as text; a trace zip entry by entry (it holds
 * the filled values, input values in DOM snapshots and the network log); images as they are
 * (password fields show bullets; fields filled with credentials are masked in the screenshot).
 */
export function redactAttachment(
  contentType: string,
  body: Buffer,
  secrets: Iterable<string>,
): Buffer {
  const list = [...secrets]
  if (contentType === 'application/zip')
    return rewriteZip(body, (_name, data) =>
      isText(data) ? Buffer.from(redactText(data.toString('utf8'), list)) : data,
    )
  if (contentType.startsWith('text/') || contentType === 'application/json')
    return Buffer.from(redactText(body.toString('utf8'), list))
  return body
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

export const RESULT_ATTACHMENT = 'fapi-result'

/**
 * Registers one Playwright test per module for a profile. The test body runs the module and
 * attaches the (redacted) result record, which carries the verdict, for the reporter; a module that
 * does not apply is skipped with the reason.
 */
export function runSuite(profile: Profile, modules: readonly Module[]): void {
  plainStacks()
  base.describe(profile.id, () => {
    for (const m of modules) {
      if (!profile.surfaces.includes(m.surface)) continue
      base(
        m.id,
        {
          tag: [`@${profile.id}`, `@${m.surface}`],
          annotation: [{ type: 'surface', description: m.surface }],
        },
        async ({ workerBrowser, workerNotifications, workerTargets }, testInfo) => {
          let target: WorkerTarget
          try {
            target = await workerTargets.target(profile)
          } catch (e) {
            // The target could not be set up (discovery failed mid-run): an error result with its code.
            const record = errorRecord(m, profile.id, e)
            await testInfo.attach(RESULT_ATTACHMENT, {
              body: JSON.stringify(redact(record)),
              contentType: 'application/json',
            })
            return
          }
          const sim = new Simulator({
            http: target.http,
            issuer: target.issuer,
            ...(target.discoveryUrl ? { discoveryUrl: target.discoveryUrl } : {}),
            metadata: target.metadata,
            now: () => Math.floor(Date.now() / 1000),
            identities: target.identities,
            ...(target.plan.clients ? { staticClients: target.plan.clients } : {}),
            ...profileClient(profile),
            ...(dpopPreferred(profile, target.metadata) ? { dpop: true } : {}),
            ...(target.plan.params ? { params: target.plan.params } : {}),
            ...(target.plan.initialAccessToken
              ? { initialAccessToken: target.plan.initialAccessToken }
              : {}),
            ...(target.plan.allowedOrigins ? { allowedOrigins: target.plan.allowedOrigins } : {}),
          })
          const pinned = target.plan.assertionAudience
          // a fresh browser context per module, opened only if the module drives the browser
          const origins = [
            new URL(target.issuer).origin,
            ...(typeof target.metadata.authorization_endpoint === 'string'
              ? [new URL(target.metadata.authorization_endpoint).origin]
              : []),
          ]
          // the test user: configured (masked everywhere), or any name and a random password for the embedded AS
          const credentials: Credentials = target.plan.browser?.credentials ?? {
            username: LOGIN_NAME,
            password: randomBytes(12).toString('base64url'),
          }
          if (target.plan.browser?.credentials) sim.secrets.add(credentials.username)
          sim.secrets.add(credentials.password)
          const pageOptions: PageOptions = {
            insecure: target.plan.trust.insecure,
            timeoutMs: target.plan.timeoutMs,
          }
          // a redirect-flow module drives the browser: its context is made while it registers its client
          if (m.surface === 'redirect-flows' && !workerBrowser.unavailable)
            workerBrowser.prepare(origins, pageOptions)
          const session = workerBrowser.unavailable
            ? undefined
            : new BrowserSession(
                () => workerBrowser.get(origins),
                {
                  ...pageOptions,
                  allowedOrigins: origins,
                  ...(target.plan.browser?.login ? { login: target.plan.browser.login } : {}),
                  ...(target.plan.browser?.deny ? { deny: target.plan.browser.deny } : {}),
                  credentials,
                },
                () => workerBrowser.page(origins, pageOptions),
              )
          const ctx: ModuleContext = {
            profile,
            metadata: target.metadata,
            expectedIssuer: target.issuer,
            sim,
            audience: pinned ?? target.learned.audience ?? defaultAudience(profile),
            ...(pinned ? { audiencePinned: true } : {}),
            learned: target.learned,
            ...(session
              ? { browser: session }
              : { noBrowser: workerBrowser.unavailable ?? 'no browser' }),
            ...(target.plan.notification ? { notifications: workerNotifications } : {}),
            certificates: workerTargets.certificates(),
            ...(target.resourceUrl ? { resourceUrl: target.resourceUrl } : {}),
            sleep,
          }
          const record = await runModule(m, ctx)
          if (session?.used) {
            // a failed or undecided browser module keeps a screenshot, the page URL and the trace of where the browser stood
            if (record.status === 'failed' || record.status === 'error') {
              const evidence = await session.evidence()
              const attachments = evidence.map((a) => ({
                name: a.name,
                contentType: a.contentType,
                base64: redactAttachment(a.contentType, a.body, sim.secrets).toString('base64'),
              }))
              if (attachments.length)
                record.attachments = [...(record.attachments ?? []), ...attachments]
            }
            await session.close()
            // the next browser module's context, made while this worker runs what comes between
            workerBrowser.prepare(origins, pageOptions)
          }
          // Test-only: the secret-scan self-test learns which secrets this run used (never set in normal runs).
          if (process.env.FAPI_HARNESS_SECRET_LOG && sim.secrets.size)
            appendFileSync(process.env.FAPI_HARNESS_SECRET_LOG, `${[...sim.secrets].join('\n')}\n`)
          await testInfo.attach(RESULT_ATTACHMENT, {
            body: JSON.stringify(record),
            contentType: 'application/json',
          })
          // The verdict lives in the record. A conformance failure or a harness error is not thrown:
          // Playwright restarts its worker after every failed test, which against a broken server
          // cost more than the tests themselves. The runner's status only says the module ran.
          testInfo.annotations.push({ type: 'verdict', description: record.status })
          if (record.status === 'not_applicable')
            base.skip(true, `not applicable: ${record.message}`)
        },
      )
    }
  })
}
