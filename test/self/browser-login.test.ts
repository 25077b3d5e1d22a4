import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { rewriteZip } from '../../src/suite/trace-zip.js'
import { withReferenceTarget } from './harness.js'

/**
 * The login steps are data (config `browser.login`): a list pointing at a selector the target's
 * login page lacks makes authorization-code-flow `error` naming that step, within the timeout,
 * with a screenshot, the page URL and a Playwright trace attached, and the configured test user's
 * password nowhere in the output (the trace is redacted entry by entry).
 */

const PASSWORD = 'self-test-Pw-7Hq2xZ9k'
const USERNAME = 'self-test-user-4711'
const TIMEOUT_MS = 3000

const CONFIG = `timeout_ms: ${TIMEOUT_MS}
browser:
  credentials:
    username: \${FAPI_SELF_BROWSER_USER}
    password: \${FAPI_SELF_BROWSER_PASSWORD}
  login:
    - { name: login name, fill: 'form input[name="login"]', value: '{username}' }
    - { name: password, fill: 'form input[name="password"]', value: '{password}' }
    - { name: sign in, click: '#no-such-button' }
`

/** Every file under `dir`, zips inflated entry by entry, as latin1 text. */
function allText(dir: string): Array<[string, string]> {
  const out: Array<[string, string]> = []
  for (const f of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!f.isFile()) continue
    const path = join(f.parentPath, f.name)
    const body = readFileSync(path)
    out.push([path, body.toString('latin1')])
    if (f.name.endsWith('.zip')) {
      rewriteZip(body, (name, data) => {
        out.push([`${path}!${name}`, data.toString('latin1')])
        return data
      })
    }
  }
  return out
}

test('a login step at a missing selector: authorization-code-flow is error naming the step, with screenshot and trace', async () => {
  process.env.FAPI_SELF_BROWSER_USER = USERNAME
  process.env.FAPI_SELF_BROWSER_PASSWORD = PASSWORD
  try {
    await withReferenceTarget(
      { name: 'browser-login', profiles: ['oauth2'], config: CONFIG },
      async (target) => {
        const run = await target.run(['oauth2'], ['--grep', 'authorization-code-flow'])
        expect(run.results, run.stderr).toBeDefined()
        const r = run.results!.results.find((x) => x.id === 'authorization-code-flow')
        expect(r, run.stdout).toBeDefined()
        expect(r!.status).toBe('error')
        expect(r!.message).toContain('/browser/login/2 "sign in" (click #no-such-button)')
        expect(r!.message).toContain(`Timeout ${TIMEOUT_MS}ms exceeded`)
        // bounded by the timeout: registration, one page and one wait, never a hang
        expect(r!.durationMs).toBeLessThan(TIMEOUT_MS + 7000)

        // Allure gets the screenshot, the page URL and the trace
        const dir = join(run.out, 'allure-results')
        const results = readdirSync(dir)
          .filter((f) => f.endsWith('-result.json'))
          .map(
            (f) =>
              JSON.parse(readFileSync(join(dir, f), 'utf8')) as {
                name: string
                fullName?: string
                attachments: Array<{ name: string; source: string; type: string }>
              },
          )
        const allure = results.find((x) =>
          `${x.fullName ?? ''} ${x.name}`.includes('authorization-code-flow'),
        )
        expect(allure).toBeDefined()
        const byName = Object.fromEntries(allure!.attachments.map((a) => [a.name, a]))
        expect(byName['browser screenshot']?.type).toBe('image/png')
        expect(byName['browser page URL']?.type).toBe('text/plain')
        expect(byName['playwright trace']?.type).toBe('application/zip')
        expect(byName['playwright trace']!.source).toMatch(/\.zip$/)
        const png = readFileSync(join(dir, byName['browser screenshot']!.source))
        expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
        expect(readFileSync(join(dir, byName['browser page URL']!.source), 'utf8')).toMatch(
          /^https:\/\/127\.0\.0\.1:\d+\//,
        )
        const trace = readFileSync(join(dir, byName['playwright trace']!.source))
        const entries: string[] = []
        rewriteZip(trace, (name, data) => {
          entries.push(name)
          return data
        })
        expect(entries.some((n) => n.endsWith('.trace'))).toBe(true)

        // the configured credentials reach no output, the trace included
        const leaks = allText(run.out)
          .filter(([, text]) => text.includes(PASSWORD) || text.includes(USERNAME))
          .map(([f]) => f)
        expect(leaks).toEqual([])
        expect(run.stdout + run.stderr).not.toContain(PASSWORD)
        expect(existsSync(join(run.out, 'results.json'))).toBe(true)
      },
    )
  } finally {
    delete process.env.FAPI_SELF_BROWSER_USER
    delete process.env.FAPI_SELF_BROWSER_PASSWORD
  }
})
