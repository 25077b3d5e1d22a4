import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { mask, MASK_KEY_ENV, newMaskKey, redact } from '../../../src/http/redact.js'

/**
 * Masks are a keyed hash with a key per run: the same secret masks alike within a run (evidence
 * stays comparable), differently in another run, and a short secret cannot be found from its mask
 * by hashing guesses (the unkeyed SHA-256 of the value is not in it).
 */
const ROOT = join(import.meta.dirname, '../../..')

/** The mask of `value` computed in a new process (as a test runner worker does), with `env`. */
function maskInChild(value: string, env: Record<string, string | undefined>): string {
  const code = `import('./src/http/redact.ts').then((m) => process.stdout.write(m.mask(${JSON.stringify(value)})))`
  return execFileSync(process.execPath, ['--import', 'tsx', '-e', code], {
    cwd: ROOT,
    env: { ...process.env, ...env } as NodeJS.ProcessEnv,
    encoding: 'utf8',
  })
}

test('within a run the same secret masks alike, in records and in free text', () => {
  newMaskKey()
  const secret = '4711'
  expect(mask(secret)).toBe(mask(secret))
  const a = redact({ client_secret: secret })
  const b = redact({ note: `client_secret=${secret}` })
  expect(b.note).toBe(`client_secret=${a.client_secret}`)
})

test('another run (a new key) masks the same secret differently', () => {
  newMaskKey()
  const first = mask('4711')
  newMaskKey()
  const second = mask('4711')
  expect(second).not.toBe(first)
})

test('a short secret cannot be recovered from its mask by hashing guesses', () => {
  newMaskKey()
  const m = mask('4711')
  // the unkeyed hash, which anyone could brute-force over all four-digit PINs, is not what is shown
  const guesses = Array.from({ length: 10_000 }, (_, i) => String(i).padStart(4, '0'))
  const shown = /#([0-9a-f]{8})»$/.exec(m)![1]
  expect(
    guesses.filter((g) => createHash('sha256').update(g).digest('hex').startsWith(shown!)),
  ).toEqual([])
  expect(m).not.toContain('4711')
})

test("the run's processes share its key through the environment; a process of another run does not", () => {
  newMaskKey()
  const here = mask('s3cr3t-value')
  expect(maskInChild('s3cr3t-value', { [MASK_KEY_ENV]: process.env[MASK_KEY_ENV] })).toBe(here)
  expect(maskInChild('s3cr3t-value', { [MASK_KEY_ENV]: undefined })).not.toBe(here)
  expect(maskInChild('s3cr3t-value', { [MASK_KEY_ENV]: undefined })).toMatch(
    /^«redacted#[0-9a-f]{8}»$/,
  )
})
