/**
 * A synthetic, deterministic run for the report tests: several profiles, every status, requirement
 * ids from the registry (plus one the registry does not know), exchanges with secrets in them, a
 * screenshot, and markup/control characters in messages to exercise escaping.
 */
import type { RequirementId } from '../../../src/spec/requirements.js'
import type { ProfileId } from '../../../src/suite/profile.js'
import type {
  CheckOutcome,
  Exchange,
  ResultRecord,
  RunResults,
  Status,
} from '../../../src/suite/result.js'
import { summarize } from '../../../src/suite/result.js'

export const SECRET = 'sup3r-s3cret-client-password'
export const ACCESS_TOKEN = 'at_9f8e7d6c5b4a39281706f5e4d3c2b1a0'

/** 1×1 transparent PNG. */
export const PNG_1x1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

const SURFACES = ['discovery', 'client-authentication', 'mtls', 'ciba'] as const

// plain strings: the registry evolves, and an id it drops must still render (as unknown)
const REQS = [
  ['RFC8414-3.3', 'OIDCD-4.3'],
  ['FAPI1-ADV-5.2.2-14'],
  ['RFC7523-3-3'],
  ['RFC7523-3-7'],
  ['RFC8705-5'],
  ['FAPI1-ADV-8.6', 'OIDCD-3'],
  ['RFC6749-5.2'],
  ['CIBA-4'],
] as string[][] as RequirementId[][]

function exchange(n: number): Exchange {
  return {
    purpose: n % 2 ? 'token' : 'discovery',
    request: {
      method: n % 2 ? 'POST' : 'GET',
      url:
        n % 2
          ? 'https://as.example.com/token'
          : 'https://as.example.com/.well-known/openid-configuration',
      headers: {
        authorization: `Basic ${Buffer.from(`client-1:${SECRET}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      ...(n % 2
        ? { body: `grant_type=client_credentials&client_secret=${encodeURIComponent(SECRET)}` }
        : {}),
    },
    response: {
      status: n % 3 ? 200 : 400,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
      body:
        n % 3
          ? JSON.stringify({ access_token: ACCESS_TOKEN, token_type: 'Bearer' })
          : JSON.stringify({
              error: 'invalid_client',
              error_description: 'client <b>authentication</b> failed',
            }),
    },
    jwts: [
      {
        where: 'client_assertion',
        header: { alg: 'PS256', kid: 'k1' },
        payload: { iss: 'client-1', aud: 'https://as.example.com' },
      },
    ],
    durationMs: 12 + n,
  }
}

function checks(status: Status, reqs: RequirementId[], i: number): CheckOutcome[] {
  const base: CheckOutcome = {
    check: 'token-response-is-json',
    title: 'The token response is JSON',
    requirements: ['RFC6749-5.2'],
    level: 'shall',
    status: 'passed',
    message: 'JSON object',
  }
  const second: CheckOutcome = {
    check: i % 2 ? 'attempt-refused' : 'metadata-issuer-matches',
    title: 'The attempt is handled as the profile expects',
    requirements: reqs,
    // an info check is a may-level miss: the server does not use an optional behaviour
    level: status === 'info' ? 'may' : 'shall',
    status:
      status === 'failed'
        ? 'failed'
        : status === 'warning'
          ? 'warning'
          : status === 'info'
            ? 'info'
            : status === 'error'
              ? 'error'
              : 'passed',
    message:
      status === 'failed' ? 'accepted although the profile requires a refusal' : 'as expected',
    evidence: { status: 200, error: undefined, note: 'x < y & "z"' },
  }
  return status === 'skipped' || status === 'not_applicable' ? [] : [base, second]
}

const STATUS_CYCLE: Status[] = [
  'passed',
  'passed',
  'failed',
  'warning',
  'passed',
  'skipped',
  'not_applicable',
  'error',
  'passed',
  'info',
]

/** `count` results spread over `profiles`, cycling through every status. */
export function syntheticRun(
  count = 20,
  profiles: ProfileId[] = ['fapi1-advanced', 'fapi2-security', 'oauth2'],
): RunResults {
  const results: ResultRecord[] = []
  for (let i = 0; i < count; i++) {
    const status = STATUS_CYCLE[i % STATUS_CYCLE.length]!
    const profile = profiles[i % profiles.length]!
    const reqs = REQS[i % REQS.length]!
    const level = reqs.includes('RFC7523-3-7')
      ? 'may'
      : reqs.includes('RFC8705-5')
        ? 'should'
        : 'shall'
    const message =
      status === 'failed'
        ? `token endpoint accepted the assertion <script>alert(1)</script> & "quoted" \u0001 #${i}`
        : status === 'skipped'
          ? 'the configured key is not RSA'
          : status === 'not_applicable'
            ? 'the profile is silent: RFC 7523 §3 leaves this implementation-specific'
            : status === 'error'
              ? `ERR_HTTP_TIMEOUT: no answer within 10 s (client_secret=${SECRET})`
              : status === 'warning'
                ? 'error_description contains characters outside %x20-21 / %x23-5B / %x5D-7E'
                : status === 'info'
                  ? 'self_signed_tls_client_auth is not listed (optional)'
                  : 'as expected'
    results.push({
      id: `ensure-case-${String(i).padStart(3, '0')}-${status.replace('_', '-')}`,
      title: `Synthetic case ${i} (${status})`,
      profile,
      requirements: reqs,
      level,
      status,
      message,
      durationMs: 40 + ((i * 37) % 300),
      surface: SURFACES[i % SURFACES.length]!,
      summary: `A synthetic module ${i}: the server is expected to ${i % 2 ? 'refuse' : 'accept'} the attempt.`,
      expected: i % 2 ? 'refused' : 'accepted',
      refusedAt: i % 2 ? 'token' : 'none',
      checks: checks(status, reqs, i),
      exchanges:
        status === 'skipped' || status === 'not_applicable' ? [] : [exchange(i), exchange(i + 1)],
      ...(status === 'error' ? { errorCode: 'ERR_HTTP_TIMEOUT' } : {}),
      ...(i === 4
        ? { attachments: [{ name: 'consent-page.png', contentType: 'image/png', base64: PNG_1x1 }] }
        : {}),
    })
  }
  // one citation the registry does not know: reported, never thrown on
  results[0]!.requirements = [...results[0]!.requirements, 'FAPI1-ADV-99.9' as RequirementId]
  return {
    tool: { name: 'fapi-harness', version: '0.1.0' },
    target: {
      issuer: 'https://as.example.com',
      embedded: false,
      issuers: { 'fapi2-security': 'https://fapi2.as.example.com' },
    },
    profiles,
    startedAt: '2025-01-15T10:00:00.000Z',
    durationMs: 83_500,
    summary: summarize(results),
    results,
  }
}
