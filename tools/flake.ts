/**
 * Determinism (test-only, not run by `npm test`): runs the full default run (`fapi-harness run`:
 * the embedded reference AS, every profile) N times and reports how many runs were flaky and the
 * spread of the wall times.
 *
 *   npx tsx tools/flake.ts [--runs N (default 20)] [--workers N] [--html] [--keep DIR] [-- extra run args]
 *
 * A run is flaky when its exit code is not 0, or any result differs in status from the first run
 * (the first run is the reference; a result missing in one run counts too). Prints one line per
 * run, then: flaky runs, results that ever changed status (with the statuses seen), and wall time
 * min / median / p90 / max / mean. Exit code 1 when any run was flaky.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { RunResults } from '../src/suite/result.js'

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)))
const BIN = join(ROOT, 'bin/fapi-harness.js')
const argv = process.argv.slice(2)
const dash = argv.indexOf('--')
const own = dash < 0 ? argv : argv.slice(0, dash)
const extra = dash < 0 ? [] : argv.slice(dash + 1)
const opt = (name: string) => (own.includes(name) ? own[own.indexOf(name) + 1] : undefined)
const runs = Number(opt('--runs') ?? 20)
const workers = opt('--workers')
const keep = opt('--keep')

interface Outcome {
  i: number
  code: number
  wallMs: number
  statuses: Map<string, string>
  summary: string
}

function once(i: number): Promise<Outcome> {
  const out = keep ? join(resolve(keep), `run-${i}`) : mkdtempSync(join(tmpdir(), 'fapi-flake-'))
  const args = [
    BIN,
    'run',
    '--out',
    out,
    ...(own.includes('--html') ? [] : ['--no-html']),
    ...(workers ? ['--workers', workers] : []),
    ...extra,
  ]
  const t0 = performance.now()
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stdout.resume()
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', rej)
    child.on('exit', (code) => {
      const wallMs = performance.now() - t0
      const statuses = new Map<string, string>()
      let summary = stderr.trim().split('\n').at(-1) ?? ''
      try {
        const r = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as RunResults
        for (const x of r.results)
          statuses.set(
            `${x.profile}/${x.id}${x.variant ? ` ${JSON.stringify(x.variant)}` : ''}`,
            x.status,
          )
        const s = r.summary
        summary = `${s.passed} passed, ${s.failed} failed, ${s.errors} errors, ${s.notApplicable} n/a${r.aborted ? `, aborted: ${r.aborted.message}` : ''}`
      } catch {
        /* no results.json: flaky by definition */
      }
      if (!keep) rmSync(out, { recursive: true, force: true })
      res({ i, code: code ?? -1, wallMs, statuses, summary })
    })
  })
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))]!
}
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`

const outcomes: Outcome[] = []
const changed = new Map<string, Set<string>>()
let flaky = 0
for (let i = 1; i <= runs; i++) {
  const o = await once(i)
  outcomes.push(o)
  const ref = outcomes[0]!.statuses
  const diffs: string[] = []
  for (const k of new Set([...ref.keys(), ...o.statuses.keys()])) {
    const a = ref.get(k) ?? 'missing'
    const b = o.statuses.get(k) ?? 'missing'
    if (a !== b) {
      diffs.push(`${k}: ${a} -> ${b}`)
      const seen = changed.get(k) ?? new Set([a])
      seen.add(b)
      changed.set(k, seen)
    }
  }
  const bad = o.code !== 0 || diffs.length > 0 || o.statuses.size === 0
  if (bad) flaky++
  process.stdout.write(
    `run ${i}/${runs}: exit ${o.code}, ${sec(o.wallMs)}, ${o.statuses.size} results (${o.summary})${bad ? '  FLAKY' : ''}\n`,
  )
  for (const d of diffs) process.stdout.write(`    ${d}\n`)
}

const walls = outcomes.map((o) => o.wallMs)
process.stdout.write(`\nflaky runs: ${flaky} of ${runs}\n`)
if (changed.size) {
  process.stdout.write(`results that changed status (${changed.size}):\n`)
  for (const [k, v] of changed) process.stdout.write(`  ${k}: ${[...v].join(' / ')}\n`)
}
process.stdout.write(
  `wall time: min ${sec(Math.min(...walls))}, median ${sec(quantile(walls, 0.5))}, p90 ${sec(quantile(walls, 0.9))}, max ${sec(Math.max(...walls))}, mean ${sec(walls.reduce((a, b) => a + b, 0) / walls.length)}\n`,
)
process.exitCode = flaky ? 1 : 0
