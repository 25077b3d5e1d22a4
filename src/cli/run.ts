import { spawn, type ChildProcess } from 'node:child_process'
import {
  existsSync,
  mkdtempSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadConfig, staticClients, targetParams, type HarnessConfig } from '../config/load.js'
import { fetchMetadata } from '../client/discovery.js'
import { HarnessError, isHarnessError, oneLine } from '../errors.js'
import { HttpClient, jsonBody } from '../http/client.js'
import { newMaskKey, redact } from '../http/redact.js'
import { coverage, unproven, unprovenReason } from '../report/coverage.js'
import { diffLines, diffMarkdown, diffRuns, failingKeys } from '../report/diff.js'
import { applyExpectations, expectationLines, keyOf } from '../report/expect.js'
import { loadExpectFile, type ExpectFile } from '../config/expect.js'
import { DETAIL_FILE, PARTIAL_FILE } from '../report/results-reporter.js'
import { PLAN_ENV, type RunPlan } from '../suite/plan.js'
import { PROFILE_IDS, type ProfileId } from '../suite/profile.js'
import {
  summarize,
  type ProfileCoverage,
  type ResultRecord,
  type RunResults,
  type RunSummary,
} from '../suite/result.js'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

export interface RunOptions {
  issuer?: string
  profile?: string[]
  config?: string
  out: string
  grep?: string
  ca?: string[]
  insecureTls?: boolean
  workers?: number
  timeout?: number
  html?: boolean
  /** Expect file: failures it lists become `expected_failure` (src/report/expect.ts). */
  expect?: string
  /** A previous results.json (or its folder): print the diff, write diff.md; failures already in it do not exit 1. */
  baseline?: string
  /** `i/n`: run only the i-th of n deterministic slices (Playwright's sharding). */
  shard?: string
}

/** `i/n` with 1 ≤ i ≤ n, or an ERR_CONFIG_INVALID naming the option. */
export function parseShard(v: string): { index: number; total: number } {
  const m = /^(\d+)\/(\d+)$/.exec(v)
  const index = Number(m?.[1])
  const total = Number(m?.[2])
  if (!m || index < 1 || total < 1 || index > total)
    throw new HarnessError(
      'ERR_CONFIG_INVALID',
      `--shard ${v}: expected i/n with 1 <= i <= n, e.g. 1/3`,
    )
  return { index, total }
}

/** Name of the full (redacted) records a shard keeps for `fapi-harness merge` (Allure evidence included). */
export const SHARD_RECORDS = 'shard-records.json'

export function toolInfo(): { name: string; version: string } {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    name: string
    version: string
  }
  return { name: pkg.name, version: pkg.version }
}

const log = (s: string) => process.stdout.write(`${s}\n`)

function readPem(path: string, what: string): string {
  try {
    const pem = readFileSync(path, 'utf8')
    if (!pem.includes('-----BEGIN CERTIFICATE-----'))
      throw new HarnessError('ERR_CONFIG_INVALID', `${what} ${path} holds no PEM certificate`)
    return pem
  } catch (e) {
    if (isHarnessError(e)) throw e
    throw new HarnessError(
      'ERR_CONFIG_INVALID',
      `${what}: cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      { cause: e },
    )
  }
}

/**
 * The TLS identity and address of the CIBA notification receiver (config `ciba.notification`): the
 * configured certificate, or one issued here for 127.0.0.1 by a throwaway CA (`caPem`).
 */
async function notificationReceiverTls(
  config: HarnessConfig,
  configFile: string | undefined,
): Promise<{ caPem: string; plan: NonNullable<RunPlan['notification']> }> {
  const n = config.ciba?.notification
  const addr = {
    ...(n?.port ? { port: n.port } : {}),
    ...(n?.public_url ? { publicUrl: n.public_url } : {}),
  }
  if (n?.cert && n.key) {
    const base = configFile ? dirname(configFile) : '.'
    const certPem = readPem(resolve(base, n.cert), '/ciba/notification/cert')
    let keyPem: string
    try {
      keyPem = readFileSync(resolve(base, n.key), 'utf8')
    } catch (e) {
      throw new HarnessError(
        'ERR_CONFIG_INVALID',
        `/ciba/notification/key: cannot read ${n.key}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        { cause: e },
      )
    }
    return { caPem: certPem, plan: { certPem, keyPem, ...addr } }
  }
  const { createCa, issueServerCert } = await import('../crypto/certs.js')
  const ca = await createCa('CN=fapi-harness notification receiver CA,O=fapi-harness')
  const cert = await issueServerCert(ca, {
    ips: ['127.0.0.1'],
    dns: ['localhost'],
    subject: 'CN=localhost',
  })
  return { caPem: ca.certPem, plan: { certPem: cert.certPem, keyPem: cert.keyPem, ...addr } }
}

/** A stopped embedded AS, or nothing to stop. */
type Stop = () => Promise<void>

interface Prepared {
  plan: RunPlan
  stop: Stop
}

/**
 * Removes the run's work folder (the plan, which holds secrets, and the runner's output). After an
 * interruption a worker that is still ending can create a folder in it while it goes, and the
 * removal meets ENOTEMPTY: it is retried, and a folder that still cannot go is a warning naming it,
 * never the run's failure (the results gathered are written all the same).
 */
function removeWorkDir(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 })
  } catch (e) {
    process.stderr.write(
      `fapi-harness: WARNING: the work folder ${dir} could not be removed (${oneLine(e)}); it holds the run plan's secrets: remove it\n`,
    )
  }
}

async function prepare(opts: RunOptions, startedAt: string, workDir: string): Promise<Prepared> {
  const config: HarnessConfig = opts.config ? loadConfig(opts.config) : {}
  const requested = opts.profile?.length ? opts.profile : (config.profiles ?? [...PROFILE_IDS])
  const unknown = requested.filter((p) => !(PROFILE_IDS as readonly string[]).includes(p))
  if (unknown.length)
    throw new HarnessError(
      'ERR_UNKNOWN_PROFILE',
      `--profile ${unknown.join(', ')}: unknown profile; choose from ${PROFILE_IDS.join(', ')}`,
    )
  const profiles = PROFILE_IDS.filter((p) => requested.includes(p))
  const issuer = opts.issuer ?? config.issuer
  const ca = [
    ...(opts.ca ?? []).map((f) => readPem(f, '--ca')),
    ...(config.tls?.ca
      ? [readPem(resolve(opts.config ? dirname(opts.config) : '.', config.tls.ca), '/tls/ca')]
      : []),
  ]
  const insecure = Boolean(opts.insecureTls || config.tls?.insecure)
  const timeoutMs = opts.timeout ?? config.timeout_ms ?? 10_000
  const base = {
    ...(config.registration?.dynamic === false ? { dynamicRegistration: false } : {}),
    outDir: resolve(opts.out),
    workDir,
    timeoutMs,
    startedAt,
    ...(config.resource_url ? { resourceUrl: config.resource_url } : {}),
    ...(config.registration?.initial_access_token
      ? { initialAccessToken: config.registration.initial_access_token }
      : {}),
    params: targetParams(config),
    ...(config.client_assertion?.aud ? { assertionAudience: config.client_assertion.aud } : {}),
    ...(config.browser ? { browser: config.browser } : {}),
    ...(config.allowed_origins ? { allowedOrigins: config.allowed_origins } : {}),
  }

  if (!issuer && !config.issuers) {
    // The embedded reference AS: a correct server per profile, on 127.0.0.1 with TLS.
    const { createCa } = await import('../crypto/certs.js')
    const { startReferenceAS } = await import('../reference-as/index.js')
    const clientCa = await createCa('CN=fapi-harness test client CA,O=fapi-harness')
    // the CIBA ping receiver's certificate, which the embedded AS trusts for its notifications
    const notification = await notificationReceiverTls(config, opts.config)
    const t0 = performance.now()
    const as = await startReferenceAS({
      profiles,
      clientCaPem: clientCa.certPem,
      outboundCa: [notification.caPem],
    })
    log(
      `Embedded reference AS (oidc-provider) at ${as.origin}, started in ${Math.round(performance.now() - t0)} ms`,
    )
    return {
      stop: () => as.close(),
      plan: {
        ...base,
        profiles: profiles.map((id) => ({ id, issuer: as.issuers[id] })),
        trust: { ca: [as.caPem, ...ca], insecure },
        clientCa: { certPem: clientCa.certPem, keyPem: clientCa.keyPem },
        notification: notification.plan,
        // the simulated authentication device of the embedded AS denies the user `deny`
        params: { ...base.params, ciba: { deny_login_hint: 'deny', ...base.params.ciba } },
        target: { issuer: as.origin, embedded: true },
      },
    }
  }
  if (insecure) log('WARNING: --insecure-tls: the target server certificate is not verified')
  const clientCaCfg = config.tls?.client_ca
  const cfgBase = opts.config ? dirname(opts.config) : '.'
  const clients = staticClients(config, opts.config)
  return {
    stop: async () => undefined,
    plan: {
      ...base,
      profiles: profiles.map((id) => {
        const iss = config.issuers?.[id] ?? issuer
        if (!iss)
          throw new HarnessError(
            'ERR_CONFIG_INVALID',
            `no issuer for profile ${id}: give --issuer, /issuer or /issuers/${id}`,
          )
        return {
          id,
          issuer: iss,
          ...(config.discovery_url ? { discovery_url: config.discovery_url } : {}),
        }
      }),
      trust: { ca, insecure },
      ...(Object.keys(clients).length ? { clients } : {}),
      notification: (await notificationReceiverTls(config, opts.config)).plan,
      ...(clientCaCfg
        ? {
            clientCa: {
              certPem: readFileSync(resolve(cfgBase, clientCaCfg.cert), 'utf8'),
              keyPem: readFileSync(resolve(cfgBase, clientCaCfg.key), 'utf8'),
            },
          }
        : {}),
      target: { issuer: issuer ?? Object.values(config.issuers ?? {})[0]!, embedded: false },
    },
  }
}

/**
 * A one-line hint when the configured issuer differs from the discovered one only by a trailing
 * slash: the issuer is compared as a string (RFC 8414 §3.3), so discovery-document-valid fails.
 */
export function issuerHint(configured: string, discovered: unknown): string | undefined {
  if (typeof discovered !== 'string' || discovered === configured) return undefined
  if (discovered.replace(/\/+$/, '') !== configured.replace(/\/+$/, '')) return undefined
  return `the target's issuer is "${discovered}", which differs from the configured "${configured}" only by a trailing slash; issuers are compared as strings (RFC 8414 §3.3): use --issuer ${discovered}`
}

/** Fails fast, with the URL, when a target cannot be discovered at all. */
async function preflight(plan: RunPlan): Promise<void> {
  const http = new HttpClient({ trust: plan.trust, timeoutMs: plan.timeoutMs })
  try {
    for (const p of plan.profiles) {
      const x = await fetchMetadata(http, p.issuer, undefined, p.discovery_url)
      const body = jsonBody(x)
      if (x.response?.status !== 200 || !body.ok) {
        throw new HarnessError(
          'ERR_DISCOVERY_INVALID',
          `discovery for ${p.id} at ${x.request.url}: ${body.ok ? `HTTP ${x.response?.status}` : body.reason}`,
        )
      }
      const hint = issuerHint(p.issuer, (body.value as { issuer?: unknown } | undefined)?.issuer)
      if (hint) log(`hint: ${hint}`)
    }
  } finally {
    await http.close()
  }
}

function runPlaywright(
  planFile: string,
  opts: RunOptions,
  workers: number,
  started: (child: ChildProcess) => void,
): Promise<number> {
  const require = createRequire(import.meta.url)
  const cli = join(dirname(require.resolve('@playwright/test/package.json')), 'cli.js')
  const args = [cli, 'test', '-c', join(ROOT, 'playwright.config.ts'), `--workers=${workers}`]
  if (opts.grep) args.push('--grep', opts.grep)
  if (opts.shard) args.push(`--shard=${opts.shard}`)
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, [PLAN_ENV]: planFile, FORCE_COLOR: '0' },
    })
    started(child)
    child.on('error', rej)
    child.on('exit', (code, signal) => res(code ?? (signal ? 130 : 1)))
  })
}

/**
 * Ctrl-C and SIGTERM: the first stops the test runner (it ends its workers and their browsers and
 * writes what was gathered), then the run ends as usual: the embedded AS is stopped, results.json
 * and the reports written with `aborted`, exit 2. A second signal ends everything at once.
 */
function interruptions(): {
  signal(): NodeJS.Signals | undefined
  child(c: ChildProcess | undefined): void
  dispose(): void
} {
  let received: NodeJS.Signals | undefined
  let child: ChildProcess | undefined
  const on = (sig: NodeJS.Signals) => {
    if (received) {
      child?.kill('SIGKILL')
      process.exit(130)
    }
    received = sig
    process.stderr.write(`\nfapi-harness: ${sig}: stopping the run (again to quit at once)\n`)
    child?.kill(sig)
  }
  process.on('SIGINT', on)
  process.on('SIGTERM', on)
  return {
    signal: () => received,
    child: (c) => {
      child = c
      if (c && received) c.kill(received)
    },
    dispose: () => {
      process.off('SIGINT', on)
      process.off('SIGTERM', on)
    },
  }
}

function gathered(outDir: string): ResultRecord[] {
  const detail = join(outDir, DETAIL_FILE)
  if (existsSync(detail))
    return (JSON.parse(readFileSync(detail, 'utf8')) as { records: ResultRecord[] }).records
  const partial = join(outDir, PARTIAL_FILE)
  if (!existsSync(partial)) return []
  return readFileSync(partial, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ResultRecord)
}

const ORDER: ProfileId[] = [...PROFILE_IDS]

/** Writes results.json (and the reports) from whatever was gathered; returns the run. */
export async function finish(
  outDir: string,
  run: RunResults,
  html: boolean,
  opts: { keepRecords?: boolean } = {},
): Promise<void> {
  mkdirSync(outDir, { recursive: true })
  run.results.sort((a, b) => ORDER.indexOf(a.profile) - ORDER.indexOf(b.profile))
  const safe = redact(run)
  const lean = {
    ...safe,
    results: safe.results.map(({ exchanges: _x, attachments: _a, ...r }) => r),
  }
  writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(lean, null, 2)}\n`)
  // a shard keeps its full records (exchanges, attachments: redacted) so a merge can write the evidence
  if (opts.keepRecords) writeFileSync(join(outDir, SHARD_RECORDS), JSON.stringify(safe.results))
  else rmSync(join(outDir, SHARD_RECORDS), { force: true })
  try {
    const { writeArtifacts } = await import('../report/artifacts.js')
    const t0 = performance.now()
    const info = await writeArtifacts(safe, outDir, { allureHtml: html })
    for (const w of (info as { warnings?: string[] }).warnings ?? []) log(`WARNING: ${w}`)
    log(
      `Reports written to ${outDir} in ${Math.round(performance.now() - t0)} ms (summary.html, junit.xml, allure-results/${html ? ', allure-report/index.html' : ''})`,
    )
  } catch (e) {
    log(`WARNING: reports could not be written: ${oneLine(e)} (results.json is complete)`)
  }
}

/** A plain-text table: first column left-aligned, the others right-aligned; rules after the head and before the last row when `total`. */
export function textTable(
  head: string[],
  rows: Array<Array<string | number>>,
  total = false,
): string[] {
  const all = [head, ...rows]
  const widths = head.map((_, i) => Math.max(...all.map((r) => String(r[i] ?? '').length)))
  const rule = widths
    .map((w, i) => (head[i] ? '-'.repeat(w) : ''))
    .join('  ')
    .trimEnd()
  const lines: string[] = []
  for (const [i, r] of all.entries()) {
    lines.push(
      r
        .map((c, j) => (j === 0 ? String(c).padEnd(widths[j]!) : String(c).padStart(widths[j]!)))
        .join('  ')
        .trimEnd(),
    )
    if (i === 0 || (total && i === all.length - 2)) lines.push(rule)
  }
  return lines
}

/** `3 passed, 0 failed, 1 warnings, 2 info, 1 not applicable, 0 errors` (the last line of a run). */
export function summaryLine(s: RunSummary): string {
  return `${s.passed} passed, ${s.failed} failed, ${s.expectedFailures ? `${s.expectedFailures} expected failures, ` : ''}${s.warnings} warnings, ${s.info} info, ${s.notApplicable} not applicable, ${s.errors} errors`
}

/** The per-profile table printed after a run: passed, failed, warning, info, n/a, skipped, error; a total row. */
export function summaryTable(run: Pick<RunResults, 'profiles' | 'results' | 'summary'>): string[] {
  // the expected failures (expect file) get a column of their own, apart from failed, when there are any
  const xf = (run.summary.expectedFailures ?? 0) > 0
  const cells = (name: string, s: RunSummary) => [
    name,
    s.passed,
    s.failed,
    ...(xf ? [s.expectedFailures] : []),
    s.warnings,
    s.info,
    s.notApplicable,
    s.skipped,
    s.errors,
  ]
  const rows = ORDER.filter((p) => run.profiles.includes(p)).map((p) =>
    cells(p, summarize(run.results.filter((r) => r.profile === p))),
  )
  const head = [
    'profile',
    'passed',
    'failed',
    ...(xf ? ['expected'] : []),
    'warning',
    'info',
    'n/a',
    'skipped',
    'error',
  ]
  return textTable(head, [...rows, cells('total', run.summary)], true)
}

function printSummary(run: RunResults): void {
  log('')
  for (const line of summaryTable(run)) log(line)
}

/**
 * Coverage per profile, after the summary table: tests judged, not applicable and inconclusive
 * (error), then shall requirements judged of those cited, inconclusive only, not applicable only.
 */
export function coverageLines(cov: Partial<Record<ProfileId, ProfileCoverage>>): string[] {
  const rows = (Object.entries(cov) as Array<[ProfileId, ProfileCoverage]>).map(([p, c]) => [
    p,
    c.modules.judged,
    c.modules.notApplicable,
    c.modules.errors,
    `${c.shall.judged}/${c.shall.total}`,
    c.shall.inconclusive,
    c.shall.notApplicable,
    c.shall.judged === 0 ? 'nothing proven' : '',
  ])
  return [
    '',
    'Coverage: tests judged / not applicable / inconclusive; shall requirements judged of cited, inconclusive only, not applicable only',
    ...textTable(
      ['coverage', 'judged', 'n/a', 'inconclusive', 'shall judged', 'inconclusive', 'n/a', ''],
      rows,
    ),
  ]
}

/**
 * The exit code of a finished run, from its records, and the one-line cause for stderr:
 * 2 aborted; 1 a result failed; 3 a selected profile judged no shall requirement (nothing was
 * proven for it); 2 a result ended in `error` (the harness could not decide); otherwise 0. An
 * `info` result (an optional behaviour the server does not use) never changes the code: it is not
 * a failure, and its shall-level checks count as judged for "nothing proven".
 */
export function exitCode(
  run: Pick<RunResults, 'aborted' | 'results' | 'profiles'>,
  opts: { known?: ReadonlySet<string>; shard?: boolean } = {},
): { code: 0 | 1 | 2 | 3; cause?: string } {
  if (run.aborted) return { code: 2, cause: run.aborted.message }
  // an expected_failure (expect file) is not `failed`; with --baseline, failures the baseline had are known
  const failed = run.results.filter((r) => r.status === 'failed' && !opts.known?.has(keyOf(r)))
  if (failed.length) {
    return opts.known
      ? {
          code: 1,
          cause: `${failed.length} ${failed.length === 1 ? 'regression' : 'regressions'} against the baseline, e.g. ${keyOf(failed[0]!)}: ${failed[0]!.message}`,
        }
      : { code: 1 }
  }
  const cov = coverage(run.results, run.profiles)
  // a shard judges a slice: whether each profile proved something is the merge's question
  const none = opts.shard ? [] : unproven(cov)
  if (none.length) {
    return {
      code: 3,
      cause: `nothing was proven for ${none.length === 1 ? 'profile' : 'profiles'} ${none.join(', ')}: no shall requirement was judged: ${none.map((p) => unprovenReason(p, cov[p]!)).join('; ')}`,
    }
  }
  const errors = run.results.filter((r) => r.status === 'error')
  if (errors.length) {
    const first = errors[0]!
    const msg =
      first.errorCode && !first.message.startsWith(first.errorCode)
        ? `${first.errorCode}: ${first.message}`
        : first.message
    return {
      code: 2,
      cause: `${errors.length} ${errors.length === 1 ? 'result' : 'results'} could not be judged (error), e.g. ${first.profile}/${first.id}: ${msg}`,
    }
  }
  return { code: 0 }
}

/**
 * `--baseline`: prints the diff against the baseline, writes `diff.md` into the output folder and
 * returns the baseline's failing keys (known failures, which do not exit 1).
 */
export function againstBaseline(
  baseline: RunResults,
  label: string,
  run: RunResults,
  outDir: string,
): Set<string> {
  const d = diffRuns(baseline, run, { old: label, new: join(outDir, 'results.json') })
  writeFileSync(join(outDir, 'diff.md'), diffMarkdown(d))
  log(`\nAgainst the baseline ${label}:`)
  for (const line of diffLines(d, textTable)) log(line)
  log(`diff: ${join(outDir, 'diff.md')}`)
  return failingKeys(baseline)
}

/** A results.json, or the output folder holding one; an ERR_CONFIG_INVALID naming `what` and the path otherwise. */
export function readRun(path: string, what: string): RunResults {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'results.json') : path
  let data: unknown
  try {
    data = JSON.parse(readFileSync(file, 'utf8'))
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    throw new HarnessError(
      'ERR_CONFIG_INVALID',
      `${what} ${file}: ${code ? `cannot read it (${code})` : `not JSON: ${(e as Error).message}`}`,
    )
  }
  const run = data as Partial<RunResults>
  if (
    !run ||
    typeof run !== 'object' ||
    !Array.isArray(run.results) ||
    !Array.isArray(run.profiles)
  ) {
    throw new HarnessError(
      'ERR_CONFIG_INVALID',
      `${what} ${file}: not a fapi-harness results.json (no results[] or profiles[])`,
    )
  }
  return run as RunResults
}

/** `fapi-harness run`: returns the exit code (see `exitCode`). */
export async function run(opts: RunOptions): Promise<number> {
  const startedAt = new Date().toISOString()
  const t0 = performance.now()
  const outDir = resolve(opts.out)
  let prepared: Prepared | undefined
  let aborted: RunResults['aborted']
  let records: ResultRecord[] = []
  // the expect file, the baseline and the shard are read first: a bad one aborts before anything runs (exit 2)
  let expectFile: ExpectFile | undefined
  let baseline: RunResults | undefined
  let shard: RunResults['shard']
  try {
    if (opts.shard) shard = parseShard(opts.shard)
    if (opts.expect) expectFile = loadExpectFile(opts.expect)
    if (opts.baseline) baseline = readRun(opts.baseline, '--baseline')
  } catch (e) {
    process.stderr.write(`fapi-harness: ${oneLine(e)}\n`)
    return 2
  }
  const planDir = mkdtempSync(join(tmpdir(), 'fapi-harness-'))
  // masks compare within this run only (a keyed hash, src/http/redact.ts)
  newMaskKey()
  const signals = interruptions()
  const stopIfInterrupted = () => {
    const sig = signals.signal()
    if (sig) throw new HarnessError('ERR_INTERRUPTED', `interrupted by ${sig}`)
  }
  try {
    prepared = await prepare(opts, startedAt, planDir)
    if (expectFile) prepared.plan.expect = expectFile.expected_failures
    const { plan } = prepared
    mkdirSync(outDir, { recursive: true })
    for (const f of [DETAIL_FILE, PARTIAL_FILE]) rmSync(join(outDir, f), { force: true })
    stopIfInterrupted()
    await preflight(plan)
    stopIfInterrupted()
    const planFile = join(planDir, 'plan.json')
    writeFileSync(planFile, JSON.stringify(plan), { mode: 0o600 })
    log(
      `Profiles: ${plan.profiles.map((p) => p.id).join(', ')}  target: ${plan.target.issuer}${plan.target.embedded ? ' (embedded)' : ''}`,
    )
    const code = await runPlaywright(planFile, opts, opts.workers ?? 2, (c) => signals.child(c))
    signals.child(undefined)
    records = gathered(outDir)
    stopIfInterrupted()
    // a shard may hold no test at all (more shards than tests): that is no failure of the run
    if (!records.length && !(shard && code === 0))
      aborted = {
        code: 'ERR_INTERNAL',
        message: `the test runner exited with code ${code} and produced no results`,
      }
  } catch (e) {
    records = gathered(outDir)
    aborted = {
      code: isHarnessError(e) ? e.code : 'ERR_INTERNAL',
      message:
        isHarnessError(e) && e.code === 'ERR_INTERRUPTED'
          ? `${oneLine(e)}: ${records.length} results gathered before are kept`
          : oneLine(e),
    }
  } finally {
    await prepared?.stop().catch(() => undefined)
    removeWorkDir(planDir)
  }
  const plan = prepared?.plan
  let expectations: RunResults['expectations']
  if (expectFile && opts.expect) {
    const applied = applyExpectations(
      records,
      expectFile.expected_failures,
      opts.expect,
      startedAt.slice(0, 10),
    )
    records = applied.records
    expectations = applied.report
  }
  const results: RunResults = {
    tool: toolInfo(),
    target: plan
      ? {
          issuer: plan.target.issuer,
          embedded: plan.target.embedded,
          issuers: Object.fromEntries(plan.profiles.map((p) => [p.id, p.issuer])),
        }
      : { issuer: opts.issuer ?? '', embedded: !opts.issuer },
    profiles: plan?.profiles.map((p) => p.id) ?? [],
    startedAt,
    durationMs: Math.round(performance.now() - t0),
    summary: summarize(records),
    results: records,
    ...(aborted ? { aborted } : {}),
    ...(expectations ? { expectations } : {}),
    ...(shard ? { shard } : {}),
  }
  results.coverage = coverage(records, results.profiles)
  await finish(outDir, results, opts.html !== false, { keepRecords: Boolean(shard) })
  for (const f of [DETAIL_FILE, PARTIAL_FILE]) rmSync(join(outDir, f), { force: true })
  if (records.length) {
    printSummary(results)
    for (const line of coverageLines(results.coverage)) log(line)
  }
  log(`\n${summaryLine(results.summary)} in ${(results.durationMs / 1000).toFixed(1)} s`)
  if (results.expectations) for (const line of expectationLines(results.expectations)) log(line)
  const known =
    baseline && opts.baseline
      ? againstBaseline(baseline, opts.baseline, results, outDir)
      : undefined
  log(`results: ${join(outDir, 'results.json')}`)
  signals.dispose()
  const exit = exitCode(results, { ...(known ? { known } : {}), shard: Boolean(shard) })
  if (exit.cause) process.stderr.write(`fapi-harness: ${exit.cause}\n`)
  return exit.code
}
