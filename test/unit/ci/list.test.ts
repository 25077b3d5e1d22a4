/** Issue #11: `fapi-harness list`, the modules and requirements a run would judge, without running. */
import { expect, test } from '@playwright/test'
import { PROFILES } from '../../../profiles/index.js'
import { MODULES } from '../../../suites/index.js'
import { listing, profileRequirements } from '../../../src/cli/list.js'
import { REQUIREMENTS } from '../../../src/spec/requirements.js'

test('per profile: the modules of the surfaces it lists, in report order, and the requirements its rules cite', () => {
  const [oauth2, fapi2] = listing(['oauth2', 'fapi2-security'])
  expect(oauth2!.profile).toBe('oauth2')
  expect(oauth2!.modules.map((m) => m.id)).toEqual(
    MODULES.filter((m) => PROFILES.oauth2.surfaces.includes(m.surface)).map((m) => m.id),
  )
  expect(fapi2!.modules.length).toBe(
    MODULES.filter((m) => PROFILES['fapi2-security'].surfaces.includes(m.surface)).length,
  )
  // every requirement the profile data names, each once, known to the registry with its level
  const ids = profileRequirements(PROFILES.oauth2)
  expect(ids).toContain('RFC7523-3-3')
  expect(new Set(ids).size).toBe(ids.length)
  for (const r of oauth2!.requirements)
    expect(r.level).toBe(
      (REQUIREMENTS as Record<string, { level: string }>)[r.id]?.level ?? 'unknown',
    )
  expect(fapi2!.requirements.map((r) => r.id)).toContain('FAPI2-SP-FINAL-5.3.2.1-3')
})
