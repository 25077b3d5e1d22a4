/**
 * Benchmark (issue #11): the harness against a bare undici replay of the same requests, its
 * breakdown, its scaling from 1 to 2 workers and the default run's wall time and memory, all
 * measured in one invocation. Writes reports/bench.json; prints the figures and the targets.
 *
 *   npx tsx tools/bench.ts [--profile ID ...] [--workers N] [--quick] [--out FILE]
 *
 * Phases, each a real `fapi-harness run` child process (never a timed test):
 * 1. `http`: the surfaces that need no browser (discovery, client authentication, mTLS, DPoP,
 *    CIBA) against the reference AS started here as an external target, capturing every raw
 *    request the simulator sends (FAPI_HARNESS_CAPTURE, benchmark only: the file holds secrets and
 *    is deleted), then a bare undici replay of exactly those requests (same TLS identities, same
 *    concurrency): the ratio the issue's target is about. The replayed client assertions are
 *    refused as replays, which costs the server about the same (the signature is verified first).
 * 2. `client-auth`: the client-authentication suites of all profiles alone, reports included.
 * 3. `all`: every surface, browser included, with N workers (default 2): the whole run's ratio to
 *    its bare replay (whose requests lack the browser's own: the browser is the harness's cost)
 *    and the breakdown of where its time goes, the three largest costs first.
 * 4. `all` with 1 worker: throughput with 1 and with N workers, and their ratio.
 * 5. `default`: `fapi-harness run` as the README gives it (embedded AS, every report, the Allure
 *    HTML included): wall time and peak RSS, summed over its processes (sampled every 250 ms).
 * 0. `logins`: 10 logins (fresh context, login, consent, redirect) in each installed Chromium build
 *    (Debian's headless shell and full browser), CPU of the whole machine (/proc/stat) and wall
 *    time per login: why the headless shell is the default.
 * `--quick` runs phases 1 to 3 only.
 */
import 'reflect-metadata'
import { spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { cpus, loadavg, tmpdir } from 'node:os'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Agent, request } from 'undici'
import { createCa } from '../src/crypto/certs.js'
import { startReferenceAS } from '../src/reference-as/index.js'
import {
  BrowserSession,
  CHROMIUM_CANDIDATES,
  launchChromium,
  preparePage,
  serverPins,
} from '../src/suite/browser.js'
import { PROFILE_IDS, type ProfileId } from '../src/suite/profile.js'

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)))
const argv = process.argv.slice(2)
const option = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined)
const profiles = argv.flatMap((a, i) => (argv[i - 1] === '--profile' ? [a as ProfileId] : []))
const workers = Number(option('--workers') ?? 2) || 2
const quick = argv.includes('--quick')
const outFile = resolve(option('--out') ?? join(ROOT, 'reports', 'bench.json'))
const selected = profiles.length ? profiles : [...PROFILE_IDS]

/** The surfaces whose modules drive no browser (the surface tag is a test's last tag). */
const HTTP_SURFACES = '@(discovery|client-authentication|mtls|dpop|ciba)$'

/** Targets on a 2-core machine (issue #11). */
const TARGETS = {
  ratio_http: 2,
  start_to_first_request_s: 1.5,
  workers_speedup: 1.7,
  client_auth_wall_s: 8,
}

const s2 = (ms: number | undefined) =>
  ms === undefined || !Number.isFinite(ms) ? undefined : Math.round(ms / 10) / 100
const sec = (ms: number | undefined) => (s2(ms) === undefined ? '?' : `${s2(ms)!.toFixed(2)} s`)
const diff = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined ? undefined : a - b

type Captured = {
  at: number
  method: string
  url: string
  headers: Record<string, string>
  body?: string
  identity?: { certPem: string; keyPem: string }
}
type FullRecord = { surface: string; durationMs: number; exchanges: Array<{ durationMs: number }> }
type Marks = Partial<Record<'as' | 'preflight' | 'runner' | 'tests' | 'reports', number>> & {
  reportsMs?: number
}

interface HarnessRun {
  code: number
  wallMs: number
  marks: Marks
  /** CLI start to the first HTTP request of the simulator (from the capture's timestamps). */
  firstRequestMs?: number
  results: number
  records: FullRecord[]
  requests: Captured[]
  peakRssMb?: number
}

/** Resident set size (MiB) summed over `root` and every process below it, from /proc. */
function treeRssMb(root: number): number {
  const parent = new Map<number, number>()
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8')
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]))
    } catch {
      /* gone */
    }
  }
  const tree = new Set([root])
  for (let grew = true; grew;) {
    grew = false
    for (const [pid, ppid] of parent)
      if (tree.has(ppid) && !tree.has(pid)) (tree.add(pid), (grew = true))
  }
  let kb = 0
  for (const pid of tree) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)
    } catch {
      /* gone */
    }
  }
  return kb / 1024
}

/** One `fapi-harness run` child; the times its progress lines appear; its records and captured requests. */
async function harness(
  name: string,
  args: string[],
  opts: { capture?: boolean; rss?: boolean } = {},
): Promise<HarnessRun> {
  const dir = mkdtempSync(join(tmpdir(), `fapi-bench-${name}-`))
  const capture = join(dir, 'capture.jsonl')
  const out = join(dir, 'out')
  process.stderr.write(`bench: ${name}: fapi-harness run ${args.join(' ')}\n`)
  try {
    const startedAt = Date.now()
    const t0 = performance.now()
    const marks: Marks = {}
    let peak = 0
    const code = await new Promise<number>((res) => {
      // --shard 1/1 is the whole run, and keeps its full records (exchanges with their durations) for the breakdown
      const child = spawn(
        process.execPath,
        [join(ROOT, 'bin/fapi-harness.js'), 'run', '--shard', '1/1', '--out', out, ...args],
        {
          cwd: ROOT,
          env: { ...process.env, ...(opts.capture ? { FAPI_HARNESS_CAPTURE: capture } : {}) },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      )
      const sampler = opts.rss
        ? setInterval(() => (peak = Math.max(peak, treeRssMb(child.pid!))), 250)
        : undefined
      let buf = ''
      child.stdout.on('data', (d: Buffer) => {
        buf += d.toString()
        let i: number
        while ((i = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, i)
          buf = buf.slice(i + 1)
          const now = performance.now() - t0
          if (line.startsWith('Embedded reference AS')) marks.as ??= now
          else if (line.startsWith('Profiles:')) marks.preflight ??= now
          else if (/^Running \d+ tests/.test(line)) marks.runner ??= now
          else if (/^ {2}(\d+)\/\1 done/.test(line)) marks.tests ??= now
          else if (line.startsWith('Reports written')) {
            marks.reports ??= now
            marks.reportsMs ??= Number(/in (\d+) ms/.exec(line)?.[1] ?? NaN)
          }
        }
      })
      child.on('exit', (c) => {
        if (sampler) clearInterval(sampler)
        res(c ?? 1)
      })
    })
    const wallMs = performance.now() - t0
    const results = (
      JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { results: unknown[] }
    ).results.length
    const records = JSON.parse(
      readFileSync(join(out, 'shard-records.json'), 'utf8'),
    ) as FullRecord[]
    const requests = opts.capture
      ? readFileSync(capture, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Captured)
      : []
    const first = requests.length ? Math.min(...requests.map((r) => r.at)) - startedAt : undefined
    return {
      code,
      wallMs,
      marks,
      ...(first !== undefined ? { firstRequestMs: first } : {}),
      results,
      records,
      requests,
      ...(opts.rss ? { peakRssMb: Math.round(peak) } : {}),
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The bare replay: one undici Agent per identity, `concurrency` requests in flight, nothing else. */
async function bareReplay(reqs: Captured[], caPem: string, concurrency: number): Promise<number> {
  const agents = new Map<string, Agent>()
  const agent = (id?: { certPem: string; keyPem: string }) => {
    const k = id?.certPem ?? ''
    if (!agents.has(k))
      agents.set(
        k,
        new Agent({
          connect: { ca: [caPem], ...(id ? { cert: id.certPem, key: id.keyPem } : {}) },
        }),
      )
    return agents.get(k)!
  }
  let next = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < reqs.length) {
        const r = reqs[next++]!
        const res = await request(r.url, {
          method: r.method as 'GET',
          headers: r.headers,
          ...(r.body !== undefined ? { body: r.body } : {}),
          dispatcher: agent(r.identity),
        })
        await res.body.text()
      }
    }),
  )
  const ms = performance.now() - t0
  await Promise.all([...agents.values()].map((a) => a.close()))
  return ms
}

/** Test-body time per surface (sum over workers), and how much of it waited on HTTP. */
function bySurface(
  records: FullRecord[],
): Record<string, { results: number; body_s: number; http_s: number }> {
  const out: Record<string, { results: number; body_s: number; http_s: number }> = {}
  for (const r of records) {
    const b = (out[r.surface] ??= { results: 0, body_s: 0, http_s: 0 })
    b.results++
    b.body_s += r.durationMs / 1000
    b.http_s += r.exchanges.reduce((a, x) => a + x.durationMs, 0) / 1000
  }
  for (const b of Object.values(out))
    ((b.body_s = Math.round(b.body_s * 100) / 100), (b.http_s = Math.round(b.http_s * 100) / 100))
  return out
}

/** CPU time of the whole machine so far (ms), from /proc/stat: user, nice, system, irq, softirq. */
function machineCpuMs(): number {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number)
  return (f[0]! + f[1]! + f[2]! + f[5]! + f[6]!) * 10
}

/** `n` logins through BrowserSession (as a module does them) in `executable`, against the oauth2 issuer. */
async function loginCost(
  executable: string,
  issuer: string,
  caPem: string,
  n = 10,
): Promise<{ cpu_ms_per_login: number; wall_ms_per_login: number; login_ms_median: number }> {
  const dispatcher = new Agent({ connect: { ca: caPem } })
  try {
    const disc = (await (
      await request(`${issuer}/.well-known/openid-configuration`, { dispatcher })
    ).body.json()) as { authorization_endpoint: string; registration_endpoint: string }
    const redirect = 'https://127.0.0.1/fapi-harness/callback'
    const reg = await request(disc.registration_endpoint, {
      dispatcher,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        redirect_uris: [redirect],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      }),
    })
    const { client_id } = (await reg.body.json()) as { client_id: string }
    const opts = {
      insecure: false,
      timeoutMs: 15_000,
      allowedOrigins: [],
      credentials: { username: 'bench-user', password: 'bench' },
    }
    const browser = await launchChromium(executable, {
      insecure: false,
      spki: await serverPins([new URL(issuer).origin], [caPem], 5_000),
    })
    try {
      const durations: number[] = []
      const c0 = machineCpuMs()
      const w0 = performance.now()
      for (let i = 0; i < n; i++) {
        const prepared = await preparePage(browser, opts)
        const session = new BrowserSession(
          async () => browser,
          opts,
          async () => prepared,
        )
        const verifier = randomBytes(32).toString('base64url')
        const url = new URL(disc.authorization_endpoint)
        url.search = new URLSearchParams({
          response_type: 'code',
          client_id,
          redirect_uri: redirect,
          scope: 'openid',
          state: `s${i}`,
          code_challenge: createHash('sha256').update(verifier).digest('base64url'),
          code_challenge_method: 'S256',
        }).toString()
        const r = await session.login(url.href, { redirectUri: redirect })
        await session.close()
        if (!r.ok) throw new Error(`login ${i} in ${executable} failed at ${r.step}: ${r.reason}`)
        durations.push(r.durationMs)
      }
      const sorted = durations.sort((a, b) => a - b)
      return {
        cpu_ms_per_login: Math.round((machineCpuMs() - c0) / n),
        wall_ms_per_login: Math.round((performance.now() - w0) / n),
        login_ms_median: sorted[Math.floor(n / 2)]!,
      }
    } finally {
      await browser.close()
    }
  } finally {
    await dispatcher.close()
  }
}

const loadBefore = loadavg()[0]!
const clientCa = await createCa('CN=bench client CA')
const asStarted = performance.now()
const as = await startReferenceAS({ profiles: selected, clientCaPem: clientCa.certPem })
const asStartMs = performance.now() - asStarted
const dir = mkdtempSync(join(tmpdir(), 'fapi-bench-'))
const report: Record<string, unknown> = {}
const lines: string[] = []
try {
  writeFileSync(join(dir, 'ca.pem'), clientCa.certPem)
  writeFileSync(join(dir, 'ca.key'), clientCa.keyPem, { mode: 0o600 })
  writeFileSync(
    join(dir, 'target.yaml'),
    `issuers:\n${selected.map((p) => `  ${p}: ${as.issuers[p]}`).join('\n')}\ntls:\n  client_ca: { cert: ca.pem, key: ca.key }\n`,
  )
  const target = [
    '--config',
    join(dir, 'target.yaml'),
    '--ca',
    as.caFile,
    ...selected.flatMap((p) => ['--profile', p]),
  ]

  // 0. what a login costs in each installed Chromium build
  const logins: Record<string, Awaited<ReturnType<typeof loginCost>>> = {}
  if (!quick && selected.includes('oauth2'))
    for (const exe of CHROMIUM_CANDIDATES.filter((p) => existsSync(p)))
      logins[exe] = await loginCost(exe, as.issuers.oauth2, as.caPem)
  // 1. the surfaces without a browser, against their bare replay
  const http = await harness(
    'http',
    [...target, '--no-html', '--workers', String(workers), '--grep', HTTP_SURFACES],
    { capture: true },
  )
  const httpBare = await bareReplay(http.requests, as.caPem, workers)
  // 2. the client-authentication suites of all profiles, with their reports (the Allure HTML is a JVM apart: phase 5)
  const clientAuth = await harness('client-auth', [
    ...target,
    '--no-html',
    '--workers',
    String(workers),
    '--grep',
    '@client-authentication$',
  ])
  // 3. everything, browser included
  const all = await harness('all', [...target, '--no-html', '--workers', String(workers)], {
    capture: true,
  })
  const allBare = await bareReplay(all.requests, as.caPem, workers)
  // 4. everything with one worker
  const one = quick
    ? undefined
    : await harness('all-1-worker', [...target, '--no-html', '--workers', '1'])
  // 5. the README's default run: embedded AS, every report
  const dflt = quick
    ? undefined
    : await harness(
        'default',
        ['--workers', String(workers), ...selected.flatMap((p) => ['--profile', p])],
        { rss: true },
      )

  const surfaces = bySurface(all.records)
  const bodySum = all.records.reduce((s, r) => s + r.durationMs, 0) / 1000
  const httpSum =
    all.records.reduce((s, r) => s + r.exchanges.reduce((a, x) => a + x.durationMs, 0), 0) / 1000
  const browserS =
    (surfaces['redirect-flows']?.body_s ?? 0) - (surfaces['redirect-flows']?.http_s ?? 0)
  const cibaS = (surfaces.ciba?.body_s ?? 0) - (surfaces.ciba?.http_s ?? 0)
  // where the whole run's wall time goes: start-up phases as measured, test-body sums shared by the workers
  const costs: Array<[string, number]> = [
    ['CLI start, config, preflight discovery', (all.marks.preflight ?? 0) / 1000],
    ['test runner start (Playwright)', (diff(all.marks.runner, all.marks.preflight) ?? 0) / 1000],
    [
      'browser: logins, consent, redirects (redirect-flows bodies less their HTTP)',
      browserS / workers,
    ],
    ['CIBA: waiting for approval and intervals (ciba bodies less their HTTP)', cibaS / workers],
    ['HTTP exchanges of the simulator', httpSum / workers],
    [
      'signing, keys, checks and steps (other test-body time)',
      (bodySum - httpSum - browserS - cibaS) / workers,
    ],
    [
      'runner teardown, results.json, reports',
      (diff(all.marks.reports, all.marks.tests) ?? 0) / 1000,
    ],
  ]
  const largest = [...costs].sort((a, b) => b[1] - a[1]).slice(0, 3)
  const speedup = one ? all.results / all.wallMs / (one.results / one.wallMs) : undefined
  const measured = {
    ratio_http: http.wallMs / httpBare,
    start_to_first_request_s: (http.firstRequestMs ?? NaN) / 1000,
    workers_speedup: speedup,
    client_auth_wall_s: clientAuth.wallMs / 1000,
  }
  const met = (k: keyof typeof TARGETS, v: number | undefined) =>
    v === undefined || !Number.isFinite(v)
      ? undefined
      : k === 'workers_speedup'
        ? v >= TARGETS[k]
        : v <= TARGETS[k]

  Object.assign(report, {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, load_before: loadBefore, node: process.version },
    profiles: selected,
    workers,
    reference_as_start_s: s2(asStartMs),
    logins,
    http_surfaces: {
      harness_s: s2(http.wallMs),
      bare_replay_s: s2(httpBare),
      ratio: +(http.wallMs / httpBare).toFixed(2),
      results: http.results,
      requests: http.requests.length,
      cli_start_to_first_request_s: s2(http.firstRequestMs),
      exit_code: http.code,
    },
    client_authentication: {
      wall_s: s2(clientAuth.wallMs),
      results: clientAuth.results,
      exit_code: clientAuth.code,
    },
    all: {
      harness_s: s2(all.wallMs),
      bare_replay_s: s2(allBare),
      ratio: +(all.wallMs / allBare).toFixed(2),
      results: all.results,
      requests: all.requests.length,
      exit_code: all.code,
      phases_s: {
        preflight: s2(all.marks.preflight),
        runner_start: s2(diff(all.marks.runner, all.marks.preflight)),
        tests: s2(diff(all.marks.tests, all.marks.runner)),
        teardown_and_reports: s2(diff(all.marks.reports, all.marks.tests)),
        report_writers: s2(all.marks.reportsMs),
      },
      test_bodies_s: Math.round(bodySum * 100) / 100,
      http_s: Math.round(httpSum * 100) / 100,
      surfaces,
      costs_s: Object.fromEntries(costs.map(([k, v]) => [k, Math.round(v * 100) / 100])),
      largest: largest.map(([k]) => k),
    },
    ...(one
      ? {
          one_worker: {
            harness_s: s2(one.wallMs),
            results: one.results,
            results_per_s: +(one.results / (one.wallMs / 1000)).toFixed(2),
          },
          workers_speedup: +speedup!.toFixed(2),
        }
      : {}),
    ...(dflt
      ? {
          default_run: {
            wall_s: s2(dflt.wallMs),
            results: dflt.results,
            peak_rss_mb: dflt.peakRssMb,
            embedded_as_up_s: s2(dflt.marks.as),
            exit_code: dflt.code,
          },
        }
      : {}),
    targets: Object.fromEntries(
      Object.entries(TARGETS).map(([k, t]) => [
        k,
        {
          target: t,
          measured:
            measured[k as keyof typeof TARGETS] === undefined
              ? null
              : +measured[k as keyof typeof TARGETS]!.toFixed(2),
          met: met(k as keyof typeof TARGETS, measured[k as keyof typeof TARGETS]) ?? null,
        },
      ]),
    ),
  })

  const row = (label: string, value: string) => lines.push(`${label.padEnd(58)} ${value}`)
  lines.push(
    `profiles: ${selected.join(', ')}  workers: ${workers}  cpus: ${cpus().length}  load before: ${loadBefore.toFixed(2)}`,
  )
  if (Object.keys(logins).length) {
    lines.push(
      '',
      'one login (fresh context, login, consent, redirect), 10 in a row, per Chromium build:',
    )
    for (const [exe, c] of Object.entries(logins))
      row(
        `  ${exe}`,
        `CPU ${c.cpu_ms_per_login} ms, wall ${c.wall_ms_per_login} ms per login (median login ${c.login_ms_median} ms)`,
      )
  }
  lines.push('', 'without the browser (discovery, client authentication, mTLS, DPoP, CIBA):')
  row(`  harness (CLI start to exit, ${http.results} results)`, sec(http.wallMs))
  row(`  bare undici replay of its ${http.requests.length} requests`, sec(httpBare))
  row(
    '  ratio harness / bare replay',
    `${measured.ratio_http.toFixed(1)}x   (target <= ${TARGETS.ratio_http})`,
  )
  row(
    '  CLI start to first request',
    `${sec(http.firstRequestMs)}   (target < ${TARGETS.start_to_first_request_s} s)`,
  )
  row(
    `  client-authentication suites alone, with reports (${clientAuth.results})`,
    `${sec(clientAuth.wallMs)}   (target < ${TARGETS.client_auth_wall_s} s)`,
  )
  lines.push('', 'everything, browser included:')
  row(
    `  harness (${all.results} results, ${all.requests.length} simulator requests)`,
    sec(all.wallMs),
  )
  row(
    '  bare undici replay of the simulator requests',
    `${sec(allBare)} (ratio ${(all.wallMs / allBare).toFixed(1)}x; the browser's own requests are not in it)`,
  )
  row('  reference AS start (in this process)', sec(asStartMs))
  for (const [k, v] of costs) row(`  ${k}`, `${v.toFixed(2)} s`)
  lines.push(
    `  the three largest: ${largest.map(([k, v]) => `${k.replace(/ \(.*/, '')} ${v.toFixed(1)} s`).join('; ')}`,
  )
  lines.push('  test-body time per surface (sum over the workers):')
  for (const [k, b] of Object.entries(surfaces))
    lines.push(
      `    ${k.padEnd(24)} ${String(b.results).padStart(4)} results  ${b.body_s.toFixed(2).padStart(7)} s  HTTP ${b.http_s.toFixed(2).padStart(7)} s`,
    )
  if (one && speedup !== undefined) {
    lines.push('', 'throughput:')
    row(
      '  1 worker',
      `${sec(one.wallMs)}  ${(one.results / (one.wallMs / 1000)).toFixed(2)} results/s`,
    )
    row(
      `  ${workers} workers`,
      `${sec(all.wallMs)}  ${(all.results / (all.wallMs / 1000)).toFixed(2)} results/s`,
    )
    row(
      `  1 -> ${workers} workers`,
      `${speedup.toFixed(2)}x   (target >= ${TARGETS.workers_speedup})`,
    )
  }
  if (dflt) {
    lines.push('', 'the default run (`fapi-harness run`: embedded AS, every report, Allure HTML):')
    row(`  wall (${dflt.results} results, exit ${dflt.code})`, sec(dflt.wallMs))
    row('  peak RSS, summed over its processes', `${dflt.peakRssMb} MiB`)
  }
  lines.push(
    '',
    `targets met: ${Object.entries(report.targets as Record<string, { met: boolean | null }>)
      .map(([k, v]) => `${k} ${v.met === null ? 'not measured' : v.met ? 'yes' : 'no'}`)
      .join(', ')}`,
  )
} finally {
  await as.close()
  rmSync(dir, { recursive: true, force: true })
}
mkdirSync(dirname(outFile), { recursive: true })
writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`)
process.stdout.write(`${lines.join('\n')}\nwritten: ${outFile}\n`)
