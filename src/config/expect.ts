/**
 * The expect file (`fapi-harness run --expect FILE`): failures a CI job knows about, each with a
 * reason and an optional expiry. YAML or JSON, validated like the configuration; an error names the
 * file and the JSON pointer of the field. Applying it to a run is src/report/expect.ts.
 *
 * ```yaml
 * expected_failures:
 *   - id: fapi1-*-aud-*            # module id; * and ? are globs
 *     profile: fapi1-advanced      # optional (glob)
 *     variant: { client_auth: private_key_jwt }   # optional: every member must equal (glob)
 *     reason: AS-1234 aud check disabled until the next release
 *     until: 2026-03-31            # optional: from the next day on, the entry no longer applies
 * ```
 */
import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import { parse as parseYaml } from 'yaml'
import { HarnessError } from '../errors.js'
import { describe, relevant } from './load.js'

export interface ExpectEntry {
  id: string
  profile?: string
  variant?: Record<string, string>
  reason: string
  until?: string
}

export interface ExpectFile {
  expected_failures: ExpectEntry[]
}

const glob = { type: 'string', minLength: 1, pattern: '^[A-Za-z0-9._*?:=/-]+$' } as const

export const EXPECT_SCHEMA = {
  type: 'object',
  required: ['expected_failures'],
  additionalProperties: false,
  properties: {
    expected_failures: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'reason'],
        additionalProperties: false,
        properties: {
          id: { ...glob, description: 'module id; * matches any characters, ? one' },
          profile: { ...glob, description: 'profile id (glob); default: every profile' },
          variant: {
            type: 'object',
            minProperties: 1,
            additionalProperties: { type: 'string', minLength: 1 },
            description: 'members the result variant must have (values may be globs)',
          },
          reason: {
            type: 'string',
            minLength: 1,
            pattern: '\\S',
            description: 'why the failure is expected (a ticket, a decision)',
          },
          until: {
            type: 'string',
            pattern: '^\\d{4}-\\d{2}-\\d{2}$',
            description: 'YYYY-MM-DD: the last day the entry applies',
          },
        },
      },
    },
  },
} as const

const validate = new Ajv({ allErrors: true, strict: false }).compile(EXPECT_SCHEMA)

/** Reads and validates an expect file; a HarnessError (ERR_CONFIG_INVALID) names the file and the field. */
export function loadExpectFile(file: string): ExpectFile {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    throw new HarnessError(
      'ERR_CONFIG_INVALID',
      `--expect: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    )
  }
  return parseExpect(text, file)
}

export function parseExpect(text: string, file: string): ExpectFile {
  let data: unknown
  const json = /\.json$/i.test(file)
  try {
    data = json ? JSON.parse(text) : parseYaml(text)
  } catch (e) {
    throw new HarnessError(
      'ERR_CONFIG_INVALID',
      `${file} is not valid ${json ? 'JSON' : 'YAML'}: ${(e as Error).message.split('\n')[0]}`,
    )
  }
  if (!validate(data ?? {})) {
    throw new HarnessError(
      'ERR_CONFIG_INVALID',
      `${file}: ${[...new Set(relevant(validate.errors ?? []).map(describe))].join('; ')}`,
    )
  }
  const out = data as ExpectFile
  for (const [i, e] of out.expected_failures.entries()) {
    if (e.until !== undefined) {
      const d = new Date(`${e.until}T00:00:00Z`)
      if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== e.until)
        throw new HarnessError(
          'ERR_CONFIG_INVALID',
          `${file}: /expected_failures/${i}/until: ${e.until} is not a date`,
        )
    }
  }
  return out
}
