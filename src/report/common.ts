import { access } from 'node:fs/promises'
/**
 * Shared vocabulary of the report writers: escaping, status words, surface and profile titles,
 * requirement look-ups that never throw (a result may cite an id the registry no longer knows).
 */
import { createHash } from 'node:crypto'
import { PROFILES } from '../../profiles/index.js'
import { REQUIREMENTS, type Level, type Requirement } from '../spec/requirements.js'
import { label, link } from '../spec/specs.js'
import type { ResultRecord, Status } from '../suite/result.js'

/** Characters XML 1.0 forbids (C0 controls except tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
const XML_INVALID =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Escapes the markup characters, the apostrophe as `apos`; characters XML cannot carry become U+FFFD. */
function escapeMarkup(s: string, apos: string): string {
  return s
    .replace(XML_INVALID, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, apos)
}

/** Escapes text for an XML attribute or element; characters XML cannot carry become U+FFFD. */
export function escapeXml(s: string): string {
  return escapeMarkup(s, '&apos;')
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return escapeMarkup(s, '&#39;')
}

/** How a status is spelled out; `info` is informational: an optional behaviour the server does not use. */
export const STATUS_WORD: Record<Status, string> = {
  passed: 'Passed',
  failed: 'Failed',
  expected_failure: 'Expected failure',
  warning: 'Warning',
  info: 'Informational',
  skipped: 'Skipped',
  not_applicable: 'Not applicable',
  error: 'Error',
}

/** What an `info` result means, in the words every report uses. */
export const INFO_MEANING = 'the server does not use this optional behaviour'

const SURFACE_TITLES: Record<string, string> = {
  discovery: 'Discovery',
  'client-authentication': 'Client authentication',
  'redirect-flows': 'Redirect flows',
  dpop: 'DPoP',
  ciba: 'CIBA',
  mtls: 'Mutual TLS',
  browser: 'Browser',
}

export function surfaceTitle(surface: string): string {
  return (
    SURFACE_TITLES[surface] ?? surface.replace(/[-_]+/g, ' ').replace(/^./, (c) => c.toUpperCase())
  )
}

export function profileTitle(id: string): string {
  return (PROFILES as Record<string, { title: string } | undefined>)[id]?.title ?? id
}

export interface RequirementInfo {
  id: string
  known: boolean
  level?: Level
  summary?: string
  quote?: string
  url?: string
  label: string
}

/** Registry entry, spec link and label of an id; unknown ids are described, not thrown on. */
export function requirementInfo(id: string): RequirementInfo {
  const entry = (REQUIREMENTS as Record<string, Requirement | undefined>)[id]
  let url: string | undefined
  let text = id
  try {
    url = link(id)
    text = label(id)
  } catch {
    /* unknown prefix or malformed id: shown without a link */
  }
  return {
    id,
    known: entry !== undefined,
    ...(entry ? { level: entry.level, summary: entry.summary } : {}),
    ...(entry?.quote ? { quote: entry.quote } : {}),
    ...(url ? { url } : {}),
    label: text,
  }
}

/** Optional variant of a result (not part of the results.json interface yet). */
export function variantOf(r: ResultRecord): string | undefined {
  const v = (r as ResultRecord & { variant?: unknown }).variant
  if (typeof v === 'string' && v !== '') return v
  if (v && typeof v === 'object') {
    const parts = Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}=${String(x)}`)
    return parts.length ? parts.join(',') : undefined
  }
  return undefined
}

/** Stable id of a result across runs: profile, variant and module id. */
export function historyId(r: ResultRecord): string {
  return createHash('sha256')
    .update(`${r.profile}\u0000${variantOf(r) ?? ''}\u0000${r.id}`)
    .digest('hex')
    .slice(0, 32)
}

/** Anchor-safe id for HTML. */
export function anchorId(prefix: string, ...parts: string[]): string {
  return `${prefix}-${parts.join('--').replace(/[^A-Za-z0-9._-]+/g, '_')}`
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—'
  if (ms < 1000) return `${Math.round(ms)} ms`
  const s = ms / 1000
  if (s < 60) return `${s.toFixed(1)} s`
  const m = Math.floor(s / 60)
  return `${m} min ${Math.round(s - m * 60)} s`
}

/** Whether `path` can be accessed with `mode` (fs.constants.F_OK to exist, X_OK to execute). */
export async function accessible(path: string, mode: number): Promise<boolean> {
  try {
    await access(path, mode)
    return true
  } catch {
    return false
  }
}
