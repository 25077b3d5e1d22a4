import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { RunResults } from '../../src/suite/result.js'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const BIN = join(ROOT, 'bin/fapi-harness.js')

export interface HarnessRun {
  code: number
  stdout: string
  stderr: string
  out: string
  results?: RunResults
}

/** Runs `fapi-harness <args>` as a user would, in a child process, with a fresh output folder. */
export function runHarness(args: string[], opts: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<HarnessRun> {
  const out = mkdtempSync(join(tmpdir(), 'fapi-harness-out-'))
  const full = args[0] === 'run' ? [...args, '--out', out] : args
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [BIN, ...full], { cwd: ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 240_000)
    child.on('error', rej)
    child.on('exit', (code) => {
      clearTimeout(timer)
      const file = join(out, 'results.json')
      res({ code: code ?? -1, stdout, stderr, out, ...(existsSync(file) ? { results: JSON.parse(readFileSync(file, 'utf8')) as RunResults } : {}) })
    })
  })
}

/** `profile/id` of every result with the given status. */
export function ids(run: RunResults, status: string): string[] {
  return run.results.filter((r) => r.status === status).map((r) => `${r.profile}/${r.id}`).sort()
}

/** Where the mutant tests note which checks they saw fail; read by test/coverage. */
export const COVERAGE_DIR = join(ROOT, 'test-results', 'check-coverage')

/**
 * Notes the checks that failed (or warned, for should/may clauses) in a run against a mutant, so
 * the coverage test can prove every check is shown failing somewhere.
 */
export function recordCoverage(name: string, run: RunResults): void {
  const seen: Record<string, string[]> = {}
  for (const r of run.results) {
    if (r.status !== 'failed' && r.status !== 'warning') continue
    for (const c of r.checks ?? []) if (c.status === 'failed' || c.status === 'warning') (seen[c.check] ??= []).push(`${r.profile}/${r.id}`)
  }
  mkdirSync(COVERAGE_DIR, { recursive: true })
  writeFileSync(join(COVERAGE_DIR, `${name}.json`), JSON.stringify(seen))
}
