/**
 * `fapi-harness merge DIR…`: combines the outputs of `run --shard i/n` into one run, as if it had
 * run unsharded: results.json, junit.xml, summary.html and the Allure results and report (from the
 * shards' full records, so the HTTP evidence is kept). Coverage, requirement verdicts and the
 * expect file's stale entries are judged again over the whole; the exit code is the run's.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { ExpectEntry } from '../config/expect.js'
import { HarnessError } from '../errors.js'
import { coverage } from '../report/coverage.js'
import { applyExpectations, expectationLines, keyOf } from '../report/expect.js'
import { PROFILE_IDS } from '../suite/profile.js'
import { summarize, type ResultRecord, type RunResults } from '../suite/result.js'
import {
  againstBaseline,
  coverageLines,
  exitCode,
  finish,
  readRun,
  SHARD_RECORDS,
  summaryLine,
  summaryTable,
} from './run.js'

const log = (s: string) => process.stdout.write(`${s}\n`)

export interface MergeOptions {
  out: string
  html?: boolean
  /** As `run --baseline`: the diff against an earlier results.json; only regressions exit 1. */
  baseline?: string
}

/** The merged run of several shard outputs (pure apart from reading them); throws ERR_CONFIG_INVALID on bad input. */
export function mergeRuns(
  inputs: Array<{ label: string; run: RunResults; records?: ResultRecord[] }>,
): { run: RunResults; warnings: string[] } {
  if (!inputs.length) throw new HarnessError('ERR_CONFIG_INVALID', 'merge: no shard output given')
  const warnings: string[] = []
  const seen = new Map<string, string>()
  const results: ResultRecord[] = []
  for (const { label, run, records } of inputs) {
    for (const r of records ?? run.results) {
      const k = keyOf(r)
      const where = seen.get(k)
      if (where)
        throw new HarnessError(
          'ERR_CONFIG_INVALID',
          `merge: result ${k} is in both ${where} and ${label} (the same shard twice, or outputs of different runs?)`,
        )
      seen.set(k, label)
      results.push(r)
    }
  }
  const first = inputs[0]!.run
  for (const { label, run } of inputs.slice(1)) {
    if (!run.target.embedded && run.target.issuer !== first.target.issuer)
      warnings.push(
        `${label} ran against ${run.target.issuer}, ${inputs[0]!.label} against ${first.target.issuer}`,
      )
    if (run.shard && first.shard && run.shard.total !== first.shard.total)
      warnings.push(
        `${label} is shard ${run.shard.index}/${run.shard.total}, ${inputs[0]!.label} ${first.shard.index}/${first.shard.total}`,
      )
  }
  const shards = inputs.filter((i) => i.run.shard)
  const total = shards[0]?.run.shard?.total
  if (total && shards.length === inputs.length) {
    const missing = Array.from({ length: total }, (_, i) => i + 1).filter(
      (i) => !shards.some((s) => s.run.shard?.index === i),
    )
    if (missing.length)
      warnings.push(
        `shard ${missing.map((i) => `${i}/${total}`).join(', ')} missing: the merged run is incomplete`,
      )
  }
  const present = new Set(inputs.flatMap((i) => i.run.profiles))
  const profiles = PROFILE_IDS.filter((p) => present.has(p))
  const startedAt = inputs.map((i) => i.run.startedAt).sort()[0]!
  const aborted = inputs.find((i) => i.run.aborted)
  const issuers = Object.assign(
    {},
    ...inputs.map((i) => i.run.target.issuers ?? {}),
  ) as NonNullable<RunResults['target']['issuers']>
  let records = results
  let expectations: RunResults['expectations']
  const withExpect = inputs.filter((i) => i.run.expectations)
  if (withExpect.length) {
    const defs = (i: (typeof inputs)[number]): ExpectEntry[] =>
      i.run.expectations!.entries.map((e) => ({
        id: e.id,
        reason: e.reason,
        ...(e.profile !== undefined ? { profile: e.profile } : {}),
        ...(e.variant ? { variant: e.variant } : {}),
        ...(e.until ? { until: e.until } : {}),
      }))
    const entries = defs(withExpect[0]!)
    if (
      withExpect.length !== inputs.length ||
      withExpect.some((i) => JSON.stringify(defs(i)) !== JSON.stringify(entries))
    ) {
      warnings.push(
        `the shards were not all run with the same expect file; ${withExpect[0]!.label}'s entries are applied to the merged results`,
      )
    }
    // judged again over the whole run: an entry matched in one shard is not stale because another had nothing
    const applied = applyExpectations(
      results,
      entries,
      withExpect[0]!.run.expectations!.file,
      startedAt.slice(0, 10),
    )
    records = applied.records
    expectations = applied.report
  }
  const run: RunResults = {
    tool: first.tool,
    target: {
      issuer: first.target.issuer,
      embedded: first.target.embedded,
      ...(Object.keys(issuers).length ? { issuers } : {}),
    },
    profiles,
    startedAt,
    // shards run side by side: the merged run took as long as its slowest shard
    durationMs: Math.max(...inputs.map((i) => i.run.durationMs)),
    summary: summarize(records),
    results: records,
    ...(aborted
      ? {
          aborted: {
            code: aborted.run.aborted!.code,
            message: `${aborted.label}: ${aborted.run.aborted!.message}`,
          },
        }
      : {}),
    ...(expectations ? { expectations } : {}),
    merged: {
      from: inputs.map((i) => i.label),
      ...(shards.length
        ? { shards: shards.map((s) => `${s.run.shard!.index}/${s.run.shard!.total}`) }
        : {}),
    },
  }
  run.coverage = coverage(records, profiles)
  return { run, warnings }
}

/** `fapi-harness merge DIR…`: returns the exit code of the merged run. */
export async function merge(dirs: string[], opts: MergeOptions): Promise<number> {
  const out = resolve(opts.out)
  if (dirs.some((d) => resolve(d) === out))
    throw new HarnessError(
      'ERR_CONFIG_INVALID',
      `merge: --out ${opts.out} is one of the inputs; write the merged run to another folder`,
    )
  const baseline = opts.baseline ? readRun(opts.baseline, '--baseline') : undefined
  const inputs = dirs.map((d) => {
    const run = readRun(d, 'merge:')
    const full = join(existsSync(join(d, 'results.json')) ? d : resolve(d, '..'), SHARD_RECORDS)
    const records = existsSync(full)
      ? (JSON.parse(readFileSync(full, 'utf8')) as ResultRecord[])
      : undefined
    return { label: d, run, ...(records ? { records } : {}) }
  })
  const { run, warnings } = mergeRuns(inputs)
  for (const w of warnings) log(`WARNING: ${w}`)
  const lean = inputs.filter((i) => !i.records).map((i) => i.label)
  if (lean.length)
    log(
      `WARNING: ${lean.join(', ')}: no ${SHARD_RECORDS} (not a --shard output): the Allure results lack their HTTP evidence`,
    )
  await finish(out, run, opts.html !== false)
  log(`Merged ${inputs.length} outputs (${run.results.length} results)`)
  log('')
  for (const line of summaryTable(run)) log(line)
  for (const line of coverageLines(run.coverage ?? {})) log(line)
  if (run.expectations) for (const line of expectationLines(run.expectations)) log(line)
  log(`\n${summaryLine(run.summary)}`)
  const known =
    baseline && opts.baseline ? againstBaseline(baseline, opts.baseline, run, out) : undefined
  log(`results: ${join(out, 'results.json')}`)
  const exit = exitCode(run, known ? { known } : {})
  if (exit.cause) process.stderr.write(`fapi-harness: ${exit.cause}\n`)
  return exit.code
}
