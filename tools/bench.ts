/**
 * Benchmark: the harness against a bare undici replay of the same requests, measured in one run.
 *
 *   npx tsx tools/bench.ts [--profile ID ...] [--workers N]
 *
 * 1. starts the reference AS once (in this process);
 * 2. runs `fapi-harness run` against it as an external target, capturing every raw request the
 *    simulator sends (FAPI_HARNESS_CAPTURE, benchmark only: the file holds secrets and is deleted);
 * 3. replays exactly those requests with bare undici (same TLS identities, same concurrency);
 * 4. prints both wall times and their ratio, and a breakdown of the harness run: start-up and
 *    preflight, the test runner's start, the tests, the reports (from the times its progress lines
 *    appear), and the time inside test bodies spent waiting on HTTP, per surface. The replayed client assertions are refused as replays,
 *    which costs the server about the same (signature verification happens before replay detection).
 */
import 'reflect-metadata'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Agent, request } from 'undici'
import { createCa } from '../src/crypto/certs.js'
import { startReferenceAS } from '../src/reference-as/index.js'
import { PROFILE_IDS, type ProfileId } from '../src/suite/profile.js'

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)))
const argv = process.argv.slice(2)
const profiles = argv.flatMap((a, i) => (argv[i - 1] === '--profile' ? [a as ProfileId] : []))
const workers = Number(argv[argv.indexOf('--workers') + 1] ?? 2) || 2
const selected = profiles.length ? profiles : [...PROFILE_IDS]

const sec = (ms: number | undefined) => (ms === undefined || !Number.isFinite(ms) ? '?' : `${(ms / 1000).toFixed(2)} s`)
const diff = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : a - b)

const dir = mkdtempSync(join(tmpdir(), 'fapi-bench-'))
const clientCa = await createCa('CN=bench client CA')
const as = await startReferenceAS({ profiles: selected, clientCaPem: clientCa.certPem })
try {
  writeFileSync(join(dir, 'ca.pem'), clientCa.certPem)
  writeFileSync(join(dir, 'ca.key'), clientCa.keyPem, { mode: 0o600 })
  writeFileSync(
    join(dir, 'target.yaml'),
    `issuers:\n${selected.map((p) => `  ${p}: ${as.issuers[p]}`).join('\n')}\ntls:\n  client_ca: { cert: ca.pem, key: ca.key }\n`,
  )
  const capture = join(dir, 'capture.jsonl')
  const out = join(dir, 'out')
  const t0 = performance.now()
  const marks: Partial<Record<'preflight' | 'runner' | 'tests' | 'reports' | 'reportsMs', number>> = {}
  const code = await new Promise<number>((res) => {
    // --shard 1/1 is the whole run, and keeps its full records (exchanges with their durations) for the breakdown
    const child = spawn(process.execPath, [join(ROOT, 'bin/fapi-harness.js'), 'run', '--no-html', '--shard', '1/1', '--config', join(dir, 'target.yaml'), '--ca', as.caFile, '--out', out, '--workers', String(workers), ...selected.flatMap((p) => ['--profile', p])], {
      cwd: ROOT,
      env: { ...process.env, FAPI_HARNESS_CAPTURE: capture },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    // when each phase's line appeared on stdout
    let buf = ''
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString()
      let i: number
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i)
        buf = buf.slice(i + 1)
        const now = performance.now() - t0
        if (line.startsWith('Profiles:')) marks.preflight ??= now
        else if (/^Running \d+ tests/.test(line)) marks.runner ??= now
        else if (/^ {2}(\d+)\/\1 done/.test(line)) marks.tests ??= now
        else if (line.startsWith('Reports written')) {
          marks.reports ??= now
          marks.reportsMs ??= Number(/in (\d+) ms/.exec(line)?.[1] ?? NaN)
        }
      }
    })
    child.on('exit', (c) => res(c ?? 1))
  })
  const harnessMs = performance.now() - t0
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { results: Array<{ durationMs: number }> }
  const inTests = results.results.reduce((s, r) => s + r.durationMs, 0)
  const full = JSON.parse(readFileSync(join(out, 'shard-records.json'), 'utf8')) as Array<{ surface: string; durationMs: number; exchanges: Array<{ durationMs: number }> }>
  const httpMs = full.reduce((s, r) => s + r.exchanges.reduce((a, x) => a + x.durationMs, 0), 0)
  const bySurface = new Map<string, { n: number; ms: number; http: number }>()
  for (const r of full) {
    const b = bySurface.get(r.surface) ?? { n: 0, ms: 0, http: 0 }
    b.n++
    b.ms += r.durationMs
    b.http += r.exchanges.reduce((a, x) => a + x.durationMs, 0)
    bySurface.set(r.surface, b)
  }
  const reqs = readFileSync(capture, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { method: string; url: string; headers: Record<string, string>; body?: string; identity?: { certPem: string; keyPem: string } })

  // The bare replay: one undici Agent per identity, `workers` requests in flight, nothing else.
  const agents = new Map<string, Agent>()
  const agent = (id?: { certPem: string; keyPem: string }) => {
    const k = id?.certPem ?? ''
    if (!agents.has(k)) agents.set(k, new Agent({ connect: { ca: [as.caPem], ...(id ? { cert: id.certPem, key: id.keyPem } : {}) } }))
    return agents.get(k)!
  }
  let next = 0
  const t1 = performance.now()
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < reqs.length) {
        const r = reqs[next++]!
        const res = await request(r.url, { method: r.method as 'GET', headers: r.headers, ...(r.body !== undefined ? { body: r.body } : {}), dispatcher: agent(r.identity) })
        await res.body.text()
      }
    }),
  )
  const bareMs = performance.now() - t1
  await Promise.all([...agents.values()].map((a) => a.close()))
  process.stdout.write(
    [
      `profiles: ${selected.join(', ')}  workers: ${workers}  harness exit code: ${code}`,
      `results: ${results.results.length}  HTTP requests: ${reqs.length}`,
      `harness run (CLI start to results.json):  ${(harnessMs / 1000).toFixed(2)} s`,
      `  of which inside test bodies (sum):       ${(inTests / 1000).toFixed(2)} s`,
      `bare undici replay of the same requests:   ${(bareMs / 1000).toFixed(2)} s`,
      `ratio harness / bare replay:               ${(harnessMs / bareMs).toFixed(1)}x`,
      '',
      'breakdown of the harness run (wall clock, from the CLI start):',
      `  CLI start, config, preflight discovery:  ${sec(marks.preflight)}`,
      `  test runner start (Playwright, config):  ${sec(diff(marks.runner, marks.preflight))}`,
      `  tests (first worker start to last result): ${sec(diff(marks.tests, marks.runner))}`,
      `  runner teardown, results.json, reports: ${sec(diff(marks.reports, marks.tests))} (report writers ${Number.isFinite(marks.reportsMs) ? `${marks.reportsMs} ms` : '?'})`,
      `  rest (summary, exit):                    ${sec(diff(harnessMs, marks.reports))}`,
      `inside test bodies (sum over ${workers} workers): ${(inTests / 1000).toFixed(2)} s, of which waiting on HTTP ${(httpMs / 1000).toFixed(2)} s (${Math.round((100 * httpMs) / inTests)}%)`,
      ...[...bySurface].map(([k, b]) => `  ${k.padEnd(24)} ${String(b.n).padStart(4)} results  ${(b.ms / 1000).toFixed(2).padStart(7)} s  HTTP ${(b.http / 1000).toFixed(2).padStart(7)} s`),
      '',
    ].join('\n'),
  )
} finally {
  await as.close()
  rmSync(dir, { recursive: true, force: true })
}
