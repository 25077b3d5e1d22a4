import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type {
  FullConfig,
  FullResult,
  Reporter,
  Suite,
  TestCase,
  TestResult,
} from '@playwright/test/reporter'
import { redact } from '../http/redact.js'
import { loadPlan } from '../suite/plan.js'
import { PROFILE_IDS, type ProfileId } from '../suite/profile.js'
import type { ResultRecord } from '../suite/result.js'
import { expired, selects } from './expect.js'

const RESULT_ATTACHMENT = 'fapi-result'

/** File names under the output folder. */
export const DETAIL_FILE = 'results-detail.json'
export const PARTIAL_FILE = 'results.partial.jsonl'

/**
 * Collects the result record each test attached, prints progress as results arrive (failures at
 * once), and appends every record to a JSONL file so nothing is lost if the run is cut short.
 * A test that ended without a record (crash, timeout) becomes an `error` result, never a pass.
 */
export default class ResultsReporter implements Reporter {
  readonly records: ResultRecord[] = []
  #total = 0
  #outDir = ''
  #tty = process.stdout.isTTY

  printsToStdio(): boolean {
    return true
  }

  onBegin(_config: FullConfig, suite: Suite): void {
    this.#total = suite.allTests().length
    this.#outDir = loadPlan().outDir
    mkdirSync(this.#outDir, { recursive: true })
    writeFileSync(join(this.#outDir, PARTIAL_FILE), '')
    process.stdout.write(`Running ${this.#total} tests\n`)
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const a = result.attachments.find((x) => x.name === RESULT_ATTACHMENT)
    let record: ResultRecord
    if (a?.body) {
      record = JSON.parse(a.body.toString('utf8')) as ResultRecord
    } else {
      const profile = (test
        .titlePath()
        .find((t) => (PROFILE_IDS as readonly string[]).includes(t)) ?? 'oauth2') as ProfileId
      const why =
        result.status === 'timedOut'
          ? `timed out after ${result.duration} ms`
          : result.status === 'interrupted'
            ? 'interrupted (SIGINT/SIGTERM) before it ended'
            : (result.error?.message ?? `ended ${result.status} without a result`)
      record = redact({
        id: test.title,
        title: test.title,
        profile,
        requirements: [],
        level: 'shall',
        status: 'error',
        message: why.split('\n')[0]!.slice(0, 300),
        errorCode:
          result.status === 'timedOut'
            ? 'ERR_HTTP_TIMEOUT'
            : result.status === 'interrupted'
              ? 'ERR_INTERRUPTED'
              : 'ERR_INTERNAL',
        durationMs: result.duration,
        surface: (test.annotations.find((x) => x.type === 'surface')?.description ??
          'client-authentication') as ResultRecord['surface'],
        checks: [],
        exchanges: [],
      } satisfies ResultRecord)
    }
    if (process.env.FAPI_HARNESS_DEBUG_TIMING)
      process.stderr.write(
        `timing ${record.id} pw=${result.duration} module=${record.durationMs} start=${result.startTime.getTime() % 100000}\n`,
      )
    this.records.push(record)
    appendFileSync(join(this.#outDir, PARTIAL_FILE), `${JSON.stringify(record)}\n`)
    const n = this.records.length
    if (record.status === 'failed' || record.status === 'error') {
      // a failure the expect file lists: marked apart at once (results.json gets expected_failure)
      const plan = loadPlan()
      const listed =
        record.status === 'failed' &&
        plan.expect?.some((e) => !expired(e, plan.startedAt.slice(0, 10)) && selects(e, record))
      const line = `  ${listed ? 'XFAIL' : record.status === 'failed' ? 'FAIL ' : 'ERROR'} [${record.profile}] ${record.id}: ${record.message}${record.requirements.length ? ` (${record.requirements.join(', ')})` : ''}`
      process.stdout.write(`${this.#tty ? '\r\x1b[K' : ''}${line}\n`)
    }
    if (this.#tty)
      process.stdout.write(`\r\x1b[K  ${n}/${this.#total} [${record.profile}] ${record.id}`)
    else if (n % 25 === 0 || n === this.#total)
      process.stdout.write(`  ${n}/${this.#total} done (last: ${record.profile})\n`)
  }

  onError(error: { message?: string }): void {
    process.stdout.write(
      `${this.#tty ? '\r\x1b[K' : ''}  ERROR ${error.message?.split('\n')[0] ?? 'unknown error'}\n`,
    )
  }

  onEnd(result: FullResult): void {
    if (this.#tty) process.stdout.write('\r\x1b[K')
    writeFileSync(
      join(this.#outDir, DETAIL_FILE),
      JSON.stringify({ status: result.status, records: this.records }),
    )
  }
}
