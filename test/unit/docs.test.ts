import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { DOCS } from '../../tools/gen-docs.js'
import { MODULES } from '../../suites/index.js'
import { CHECKS } from '../../src/checks/index.js'
import { REQUIREMENTS } from '../../src/spec/requirements.js'
import { PROFILES } from '../../profiles/index.js'

const ROOT = join(import.meta.dirname, '../..')

test('the generated docs match the code (run `npm run docs`)', () => {
  for (const [name, make] of Object.entries(DOCS)) {
    expect(
      readFileSync(join(ROOT, 'docs', name), 'utf8'),
      `docs/${name} is stale: npm run docs`,
    ).toBe(make())
  }
})

test('module ids are unique and every cited requirement exists', () => {
  const ids = MODULES.map((m) => m.id)
  expect(new Set(ids).size).toBe(ids.length)
  const known = new Set(Object.keys(REQUIREMENTS))
  for (const c of Object.values(CHECKS).flat())
    for (const r of c.requirements) expect(known.has(r), `${c.id} cites ${r}`).toBe(true)
  for (const p of Object.values(PROFILES)) {
    const cited = [
      ...p.clientAuth.requirements,
      ...p.signingAlgs.requirements,
      ...p.minKeyBits.RSA.requirements,
      ...p.minKeyBits.EC.requirements,
      ...Object.values(p.audience).flatMap((r) => r.requirements),
      ...p.senderConstrained.requirements,
    ]
    for (const r of cited) expect(known.has(r), `${p.id} cites ${r}`).toBe(true)
  }
})
