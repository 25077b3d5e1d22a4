import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Mutant } from '../../src/reference-as/mutant.js'
import type { ProfileId } from '../../src/suite/profile.js'
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
export function runHarness(
  args: string[],
  opts: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<HarnessRun> {
  const out = mkdtempSync(join(tmpdir(), 'fapi-harness-out-'))
  const full = args[0] === 'run' ? [...args, '--out', out] : args
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [BIN, ...full], {
      cwd: ROOT,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    // below the self tests' 300 s: one profile's run with one worker (the redirect flows log in ~30 times) must fit
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 285_000)
    child.on('error', rej)
    child.on('exit', (code) => {
      clearTimeout(timer)
      const file = join(out, 'results.json')
      res({
        code: code ?? -1,
        stdout,
        stderr,
        out,
        ...(existsSync(file)
          ? { results: JSON.parse(readFileSync(file, 'utf8')) as RunResults }
          : {}),
      })
    })
  })
}

/** A reference AS (correct, a mutant or an alternative) started for a self-test, with its target.yaml. */
export interface ReferenceTarget {
  issuers: Record<ProfileId, string>
  /** Trust anchor of the AS's server certificate (`--ca`). */
  caFile: string
  /** target.yaml: the client CA (tls.client_ca), resource_url, the issuer of each profile, plus `config`. */
  configFile: string
  /**
   * Runs `fapi-harness run --no-html` over these profiles of the target, as a user does
   * (`--profile` per profile; `--issuer` too when there is one), plus `extra` arguments.
   */
  run(
    profiles: readonly ProfileId[],
    extra?: string[],
    opts?: { timeoutMs?: number },
  ): Promise<HarnessRun>
}

export interface ReferenceTargetOptions {
  /** Names the temporary folder. */
  name: string
  mutant?: Mutant
  profiles: readonly ProfileId[]
  /** Extra YAML lines for target.yaml (a mutant's or alternative's `config`). */
  config?: string
  /** Start the AS in a child process (needed for mutants with source patches). */
  childProcess?: boolean
}

/**
 * Starts the reference AS with `mutant` on 127.0.0.1 (its own client CA, written with target.yaml
 * to a temporary folder), hands it to `fn`, and stops it afterwards, whatever happens.
 */
export async function withReferenceTarget<T>(
  opts: ReferenceTargetOptions,
  fn: (target: ReferenceTarget) => Promise<T>,
): Promise<T> {
  // imported here: global-setup loads this module and needs none of it
  const { createCa } = await import('../../src/crypto/certs.js')
  const { startReferenceAS, startReferenceASProcess } =
    await import('../../src/reference-as/index.js')
  const clientCa = await createCa(`CN=${opts.name} test client CA`)
  const dir = mkdtempSync(join(tmpdir(), `${opts.name}-`))
  writeFileSync(join(dir, 'client-ca.pem'), clientCa.certPem)
  writeFileSync(join(dir, 'client-ca.key'), clientCa.keyPem, { mode: 0o600 })
  const start = {
    profiles: [...opts.profiles],
    clientCaPem: clientCa.certPem,
    ...(opts.mutant ? { mutant: opts.mutant } : {}),
  }
  const as = opts.childProcess
    ? await startReferenceASProcess(start)
    : await startReferenceAS(start)
  try {
    const configFile = join(dir, 'target.yaml')
    writeFileSync(configFile, targetYaml(as.issuers, opts.profiles, opts.config))
    const run = (
      profiles: readonly ProfileId[],
      extra: string[] = [],
      runOpts: { timeoutMs?: number } = {},
    ) => {
      const select = profiles.flatMap((p) => ['--profile', p])
      const issuer = profiles.length === 1 ? ['--issuer', as.issuers[profiles[0]!]] : []
      return runHarness(
        [
          'run',
          '--no-html',
          ...issuer,
          ...select,
          '--ca',
          as.caFile,
          '--config',
          configFile,
          ...extra,
        ],
        runOpts,
      )
    }
    return await fn({ issuers: as.issuers, caFile: as.caFile, configFile, run })
  } finally {
    await as.close()
  }
}

/** The target.yaml of a self-test target (client-ca.pem/.key lie next to it). */
function targetYaml(
  issuers: Record<ProfileId, string>,
  profiles: readonly ProfileId[],
  extra = '',
): string {
  const lines = [
    'tls:',
    '  client_ca:',
    '    cert: client-ca.pem',
    '    key: client-ca.key',
    'resource_url: "{issuer}/resource"',
    // the reference AS's simulated authentication device denies this user (ciba-poll-access-denied)
    'ciba:',
    '  deny_login_hint: deny',
    'issuers:',
    ...profiles.map((p) => `  ${p}: ${JSON.stringify(issuers[p])}`),
  ]
  return `${lines.join('\n')}\n${extra}${extra && !extra.endsWith('\n') ? '\n' : ''}`
}

/** `profile/id` of every result with the given status. */
export function ids(run: RunResults, status: string): string[] {
  return run.results
    .filter((r) => r.status === status)
    .map((r) => `${r.profile}/${r.id}`)
    .sort()
}

/** Where the mutant tests note which checks they saw fail; read by test/coverage. */
export const COVERAGE_DIR = join(ROOT, 'test-results', 'check-coverage')

/** Statuses of a missed check (and of a result with one): failed (shall), warning (should), info (may). */
const MISSED: ReadonlySet<string> = new Set(['failed', 'warning', 'info'])

/**
 * Notes the checks that failed (or warned, for should clauses, or ended `info`, for may clauses:
 * a may-level check proven able to miss) in a run against a mutant, so the coverage test can
 * prove every check is shown failing somewhere.
 */
export function recordCoverage(name: string, run: RunResults): void {
  const seen: Record<string, string[]> = {}
  for (const r of run.results) {
    if (!MISSED.has(r.status)) continue
    for (const c of r.checks ?? [])
      if (MISSED.has(c.status)) (seen[c.check] ??= []).push(`${r.profile}/${r.id}`)
  }
  mkdirSync(COVERAGE_DIR, { recursive: true })
  writeFileSync(join(COVERAGE_DIR, `${name}.json`), JSON.stringify(seen))
}
