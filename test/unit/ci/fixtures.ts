/** Result records and runs for the CI tests (expect file, diff, merge). */
import type { RequirementId } from '../../../src/spec/requirements.js'
import type { ProfileId } from '../../../src/suite/profile.js'
import type { ResultRecord, RunResults, Status } from '../../../src/suite/result.js'
import { summarize } from '../../../src/suite/result.js'

export function rec(id: string, status: Status, o: Partial<ResultRecord> = {}): ResultRecord {
  return {
    id,
    title: id,
    profile: 'oauth2',
    requirements: ['RFC7523-3-3' as RequirementId],
    level: 'shall',
    status,
    message: `${id} ${status}`,
    durationMs: 1,
    surface: 'client-authentication',
    checks: [
      {
        check: 'attempt-refused',
        title: 'refused',
        requirements: ['RFC7523-3-3' as RequirementId],
        level: 'shall',
        status: status === 'failed' ? 'failed' : 'passed',
        message: 'm',
      },
    ],
    exchanges: [],
    ...o,
  }
}

export function runOf(results: ResultRecord[], profiles: ProfileId[] = ['oauth2']): RunResults {
  return {
    tool: { name: 'fapi-harness', version: '0' },
    target: { issuer: 'https://as.example', embedded: false },
    profiles,
    startedAt: '2026-01-10T00:00:00.000Z',
    durationMs: 1,
    summary: summarize(results),
    results,
  }
}
