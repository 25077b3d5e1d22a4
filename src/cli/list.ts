/**
 * `fapi-harness list [--profile ID] [--json]`: what a run would judge, without running: per
 * profile, the modules it runs (those of the surfaces it lists) and the requirements its rules
 * cite (profiles/*.ts). A module's checks may cite further clauses at run time (e.g. the error
 * response format of RFC 6749 §5.2); those appear in results.json, where the verdicts are.
 */
import { PROFILES } from '../../profiles/index.js'
import { MODULES } from '../../suites/index.js'
import { HarnessError } from '../errors.js'
import { REQUIREMENTS, type Requirement } from '../spec/requirements.js'
import { PROFILE_IDS, type Profile, type ProfileId } from '../suite/profile.js'

/** Left-aligned columns, a rule under the head. */
function leftTable(head: string[], rows: string[][]): string[] {
  const w = head.map((_, i) => Math.max(...[head, ...rows].map((r) => (r[i] ?? '').length)))
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(w[i]!))
      .join('  ')
      .trimEnd()
  return [line(head), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)]
}

export interface ProfileListing {
  profile: ProfileId
  title: string
  modules: Array<{ id: string; surface: string; title: string }>
  requirements: Array<{ id: string; level: string; summary: string }>
}

/** Every requirement id the profile's data cites (any `requirements` list, at any depth), in registry order. */
export function profileRequirements(p: Profile): string[] {
  const found = new Set<string>()
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk)
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v))
        k === 'requirements' && Array.isArray(x)
          ? x.forEach((id) => typeof id === 'string' && found.add(id))
          : walk(x)
  }
  walk(p)
  return Object.keys(REQUIREMENTS)
    .filter((id) => found.has(id))
    .concat([...found].filter((id) => !(id in REQUIREMENTS)).sort())
}

export function listing(profiles: readonly ProfileId[]): ProfileListing[] {
  return profiles.map((id) => {
    const p = (PROFILES as Record<string, Profile>)[id]!
    return {
      profile: id,
      title: p.title,
      modules: MODULES.filter((m) => p.surfaces.includes(m.surface)).map((m) => ({
        id: m.id,
        surface: m.surface,
        title: m.title,
      })),
      requirements: profileRequirements(p).map((r) => {
        const e = (REQUIREMENTS as Record<string, Requirement | undefined>)[r]
        return {
          id: r,
          level: e?.level ?? 'unknown',
          summary: e?.summary ?? 'not in the requirement registry',
        }
      }),
    }
  })
}

export async function list(opts: { profile?: string[]; json?: boolean }): Promise<number> {
  const requested = opts.profile?.length ? opts.profile : [...PROFILE_IDS]
  const unknown = requested.filter((p) => !(PROFILE_IDS as readonly string[]).includes(p))
  if (unknown.length)
    throw new HarnessError(
      'ERR_UNKNOWN_PROFILE',
      `--profile ${unknown.join(', ')}: unknown profile; choose from ${PROFILE_IDS.join(', ')}`,
    )
  const out = listing(PROFILE_IDS.filter((p) => requested.includes(p)))
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ profiles: out }, null, 2)}\n`)
    return 0
  }
  const lines: string[] = []
  for (const l of out) {
    lines.push(
      `${l.profile}: ${l.title} (${l.modules.length} modules, ${l.requirements.length} requirements cited by the profile)`,
    )
    lines.push(
      ...leftTable(
        ['module', 'surface', 'title'],
        l.modules.map((m) => [m.id, m.surface, m.title]),
      ).map((x) => `  ${x}`),
    )
    lines.push(
      '',
      ...leftTable(
        ['requirement', 'level', 'summary'],
        l.requirements.map((r) => [
          r.id,
          r.level,
          r.summary.length > 90 ? `${r.summary.slice(0, 87)}...` : r.summary,
        ]),
      ).map((x) => `  ${x}`),
      '',
    )
  }
  lines.push(
    'Modules may cite further clauses at run time; results.json lists every requirement judged.',
  )
  process.stdout.write(`${lines.join('\n')}\n`)
  return 0
}
