/**
 * JUnit XML for CI systems: one `<testsuite>` per profile, one `<testcase>` per result.
 * failed → `<failure>` (message, requirement ids, level), error → `<error>` (type and message lead
 * with the ERR_* code; its requirements are inconclusive), skipped and not_applicable →
 * `<skipped message>`, expected_failure (listed in the `--expect` file) → `<skipped message="expected
 * failure: …">` with the property `expected_failure` (its reason), warning → passed with a `<system-out>` saying so, info → passed with a
 * `<system-out>` and the property `informational` (the server does not use an optional, may-level
 * behaviour: neither a pass nor a warning). Each testsuite carries the profile's coverage as
 * properties (`coverage.shall.judged`, ...).
 */
import type { ProfileCoverage, ResultRecord, RunResults } from '../suite/result.js'
import { escapeXml as x, INFO_MEANING, profileTitle, variantOf } from './common.js'
import { profileCoverage } from './coverage.js'

const seconds = (ms: number): string => (Math.max(0, ms) / 1000).toFixed(3)

function detail(r: ResultRecord): string {
  const lines = [
    r.message,
    `requirements: ${r.requirements.join(', ') || '(none)'}`,
    `level: ${r.level}`,
  ]
  if (r.expected) lines.push(`expected: ${r.expected}`)
  if (r.refusedAt) lines.push(`refused at: ${r.refusedAt}`)
  if (r.errorCode) lines.push(`error code: ${r.errorCode}`)
  if (r.status === 'error' && r.requirements.length)
    lines.push(`inconclusive: ${r.requirements.join(', ')} not judged`)
  for (const c of r.checks) {
    if (c.status !== 'passed')
      lines.push(
        `check ${c.check} [${c.requirements.join(', ')}] ${c.status} (${c.level}): ${c.message}`,
      )
  }
  return lines.join('\n')
}

/** `ERR_PRECONDITION: control refused: HTTP 400 invalid_scope` (the code once). */
export function errorMessage(r: Pick<ResultRecord, 'errorCode' | 'message'>): string {
  const code = r.errorCode ?? 'ERR_INTERNAL'
  return r.message.startsWith(code) ? r.message : `${code}: ${r.message}`
}

/** The profile's coverage as testsuite properties, for CI systems that read them. */
function coverageProperties(c: ProfileCoverage): string {
  const props: Array<[string, number]> = [
    ['coverage.modules.judged', c.modules.judged],
    ['coverage.modules.informational', c.modules.info],
    ...(c.modules.expectedFailures
      ? [['coverage.modules.expected_failures', c.modules.expectedFailures] as [string, number]]
      : []),
    ['coverage.modules.not_applicable', c.modules.notApplicable],
    ['coverage.modules.inconclusive', c.modules.errors],
    ['coverage.shall.judged', c.shall.judged],
    ['coverage.shall.inconclusive', c.shall.inconclusive],
    ['coverage.shall.not_applicable', c.shall.notApplicable],
    ['coverage.shall.total', c.shall.total],
  ]
  return props.map(([name, n]) => `      <property name="${name}" value="${n}"/>\n`).join('')
}

function testcase(r: ResultRecord): string {
  const variant = variantOf(r)
  const name = variant ? `${r.id} [${variant}]` : r.id
  const open = `    <testcase classname="${x(`${r.profile}.${r.surface}`)}" name="${x(name)}" time="${seconds(r.durationMs)}"`
  const propList: Array<[string, string]> = [
    ...r.requirements.map((id): [string, string] => ['requirement', id]),
    ...(r.requirements.length > 0 ? [['level', r.level] as [string, string]] : []),
    ...(r.status === 'info' ? [['informational', INFO_MEANING] as [string, string]] : []),
    ...(r.status === 'expected_failure'
      ? [['expected_failure', r.expectation?.reason ?? ''] as [string, string]]
      : []),
  ]
  const props = propList.length
    ? `      <properties>\n${propList.map(([n, v]) => `        <property name="${x(n)}" value="${x(v)}"/>`).join('\n')}\n      </properties>\n`
    : ''
  let body = ''
  switch (r.status) {
    case 'passed':
      break
    case 'failed':
      body = `      <failure message="${x(`[${r.level}] ${r.requirements.join(', ')}: ${r.message}`)}" type="${x(`non-conformance:${r.level}`)}">${x(detail(r))}</failure>\n`
      break
    case 'expected_failure':
      // listed in the expect file: apart from the failures, so CI does not fail on it; never a pass
      body = `      <skipped message="${x(`expected failure: [${r.level}] ${r.requirements.join(', ')}: ${r.message} (expect file: ${r.expectation?.reason ?? 'listed'}${r.expectation?.until ? `, until ${r.expectation.until}` : ''})`)}"/>\n`
      break
    case 'error':
      body = `      <error message="${x(errorMessage(r))}" type="${x(r.errorCode ?? 'ERR_INTERNAL')}">${x(detail(r))}</error>\n`
      break
    case 'skipped':
      body = `      <skipped message="${x(`skipped: ${r.message}`)}"/>\n`
      break
    case 'not_applicable':
      body = `      <skipped message="${x(`not applicable: ${r.message}`)}"/>\n`
      break
    case 'warning':
      body = `      <system-out>${x(`WARNING [${r.level}] ${r.requirements.join(', ')}: ${r.message}`)}</system-out>\n`
      break
    case 'info':
      body = `      <system-out>${x(`INFORMATIONAL [${r.level}] ${r.requirements.join(', ')}: ${INFO_MEANING}: ${r.message}`)}</system-out>\n`
      break
  }
  return `${open}>\n${props}${body}    </testcase>`
}

/** The whole junit.xml document. */
export function renderJunit(run: RunResults): string {
  const byProfile = new Map<string, ResultRecord[]>()
  for (const p of run.profiles) byProfile.set(p, [])
  for (const r of run.results) {
    if (!byProfile.has(r.profile)) byProfile.set(r.profile, [])
    byProfile.get(r.profile)!.push(r)
  }
  const count = (rs: ResultRecord[]) => ({
    tests: rs.length,
    failures: rs.filter((r) => r.status === 'failed').length,
    errors: rs.filter((r) => r.status === 'error').length,
    skipped: rs.filter(
      (r) =>
        r.status === 'skipped' || r.status === 'not_applicable' || r.status === 'expected_failure',
    ).length,
    time: seconds(rs.reduce((a, r) => a + r.durationMs, 0)),
  })
  const all = count(run.results)
  const suites: string[] = []
  let i = 0
  for (const [profile, rs] of byProfile) {
    const c = count(rs)
    const issuer =
      run.target.issuers?.[profile as keyof NonNullable<typeof run.target.issuers>] ??
      run.target.issuer
    suites.push(
      `  <testsuite name="${x(profile)}" id="${i++}" package="${x(profile)}" tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}" time="${c.time}" timestamp="${x(run.startedAt.replace(/Z$/, ''))}" hostname="${x(hostOf(issuer))}">\n` +
        `    <properties>\n` +
        `      <property name="profile.title" value="${x(profileTitle(profile))}"/>\n` +
        `      <property name="issuer" value="${x(issuer)}"/>\n` +
        `      <property name="embedded" value="${run.target.embedded}"/>\n` +
        `      <property name="tool" value="${x(`${run.tool.name} ${run.tool.version}`)}"/>\n` +
        coverageProperties(profileCoverage(rs)) +
        `    </properties>\n` +
        rs.map(testcase).join('\n') +
        (rs.length ? '\n' : '') +
        `  </testsuite>`,
    )
  }
  const aborted = run.aborted
    ? `<!-- run aborted: ${x(`${run.aborted.code}: ${run.aborted.message}`).replace(/--/g, '- -')} -->\n`
    : ''
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n${aborted}` +
    `<testsuites name="${x(`${run.tool.name} ${run.tool.version}`)}" tests="${all.tests}" failures="${all.failures}" errors="${all.errors}" skipped="${all.skipped}" time="${seconds(run.durationMs)}" timestamp="${x(run.startedAt.replace(/Z$/, ''))}">\n` +
    suites.join('\n') +
    `\n</testsuites>\n`
  )
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}
