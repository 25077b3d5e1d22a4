/**
 * Redaction: everything the harness writes (results.json, attachments, reports) goes through here.
 *
 * Secrets are replaced by a mask `«redacted:<first 4 chars>…#<8 hex of HMAC-SHA256>»` (no prefix
 * for short values) so two pieces of evidence can still be compared ("the same token was sent
 * twice") without the value itself. The HMAC key is random and fresh for every run (`newMaskKey`,
 * called by `fapi-harness run`, handed to the test runner's workers in FAPI_HARNESS_MASK_KEY and
 * never written anywhere): masks compare within a run, but a short secret (a PIN, a 6-character
 * password) cannot be recovered from its mask by hashing guesses, and masks of two runs do not
 * compare. Masking is idempotent: an already masked value is left alone.
 *
 * What is masked:
 * - header values of Authorization / Proxy-Authorization (the scheme word is kept), Cookie and
 *   Set-Cookie (cookie names and attributes are kept), DPoP;
 * - form, query and JSON members client_secret, access_token, refresh_token, code, auth_req_id,
 *   registration_access_token, initial_access_token, password (and code_verifier, device_code,
 *   subject_token, actor_token); client_assertion, assertion and id_token keep their header and
 *   payload, only the signature is masked;
 * - private JWK members d p q dp dq qi k oth, anywhere;
 * - PEM private key blocks, Basic credentials, URL user-info passwords;
 * - every occurrence of a known secret string, raw, URL-encoded, and base64/base64url encoded (also
 *   when embedded at any byte offset inside a longer base64 string, e.g. a Basic header).
 * The same rules apply to strings that carry JSON or form-encoded text (exchange bodies, URLs).
 */
import { createHmac, randomBytes } from 'node:crypto'

const MARK = '«redacted'

/** Shorter values get no prefix in the mask: four characters would give too much away. */
const PREFIX_MIN_LENGTH = 20

const hashCache = new Map<string, string>()

/** Where the run's mask key is handed to the processes of the same run (hex, 32 bytes). */
export const MASK_KEY_ENV = 'FAPI_HARNESS_MASK_KEY'

let maskKey: Buffer | undefined

/** The key of this run: inherited from the process that started this one, else a fresh one. */
function currentMaskKey(): Buffer {
  if (!maskKey) {
    const inherited = process.env[MASK_KEY_ENV]
    if (inherited && /^[0-9a-f]{64}$/.test(inherited)) maskKey = Buffer.from(inherited, 'hex')
    else newMaskKey()
  }
  return maskKey!
}

/**
 * Starts a new run's masks: a fresh random key, also set in the environment so the processes this
 * one starts (the test runner and its workers) mask alike.
 */
export function newMaskKey(): void {
  maskKey = randomBytes(32)
  process.env[MASK_KEY_ENV] = maskKey.toString('hex')
  hashCache.clear()
}

/** The mask for one secret value. */
export function mask(value: string): string {
  let h = hashCache.get(value)
  if (h === undefined) {
    h = createHmac('sha256', currentMaskKey()).update(value).digest('hex').slice(0, 8)
    if (hashCache.size > 10_000) hashCache.clear()
    hashCache.set(value, h)
  }
  // the prefix is only shown when it is plain token text (never quotes, backslashes or markup)
  return value.length >= PREFIX_MIN_LENGTH && /^[A-Za-z0-9._~+/=-]{4}/.test(value)
    ? `${MARK}:${value.slice(0, 4)}…#${h}»`
    : `${MARK}#${h}»`
}

function isMasked(value: string): boolean {
  return value.includes(MARK)
}

function maskOnce(value: string): string {
  return value === '' || isMasked(value) ? value : mask(value)
}

/** A compact JWS keeps `header.payload.`; the signature is masked. Anything else is masked whole. */
function maskJwtSignature(value: string): string {
  if (value === '' || isMasked(value)) return value
  const parts = value.split('.')
  if (parts.length === 3 && parts[0] && parts[1]) {
    return parts[2] ? `${parts[0]}.${parts[1]}.${mask(parts[2])}` : value // unsigned: nothing to hide
  }
  return mask(value)
}

/** `Bearer abc` → `Bearer «…»`; a value without a scheme is masked whole. */
function maskCredentials(value: string): string {
  if (isMasked(value)) return value
  const m = /^(\s*)([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)(\s+)([\s\S]+)$/.exec(value)
  return m ? `${m[1]}${m[2]}${m[3]}${maskOnce(m[4]!)}` : maskOnce(value)
}

/** `a=1; b=2` → `a=«…»; b=«…»`. For Set-Cookie only the first pair is a value; attributes stay. */
function maskCookie(value: string, setCookie: boolean): string {
  if (isMasked(value)) return value
  const pairs = value.split(';')
  return pairs
    .map((pair, i) => {
      if (setCookie && i > 0) return pair
      const eq = pair.indexOf('=')
      if (eq < 0) return maskOnce(pair)
      const v = pair.slice(eq + 1)
      return `${pair.slice(0, eq + 1)}${v.trim() === '' ? v : maskOnce(v)}`
    })
    .join(';')
}

type Masker = (value: string) => string

/** Header name (lower case) → how its value is masked. */
const HEADERS: Record<string, Masker> = {
  authorization: maskCredentials,
  'proxy-authorization': maskCredentials,
  cookie: (v) => maskCookie(v, false),
  'set-cookie': (v) => maskCookie(v, true),
  dpop: maskOnce,
}

/** Form / query / JSON members (exact, case-sensitive as on the wire) → how their value is masked. */
const FIELDS: Record<string, Masker> = {
  client_secret: maskOnce,
  client_assertion: maskJwtSignature,
  access_token: maskOnce,
  refresh_token: maskOnce,
  id_token: maskJwtSignature,
  code: maskOnce,
  auth_req_id: maskOnce,
  registration_access_token: maskOnce,
  initial_access_token: maskOnce,
  password: maskOnce,
  // other bearer credentials of the same kind
  assertion: maskJwtSignature,
  code_verifier: maskOnce,
  device_code: maskOnce,
  subject_token: maskOnce,
  actor_token: maskOnce,
}

/** Private members of a JWK (RFC 7518 §6.2.2, §6.3.2, §6.4.1). */
const JWK_PRIVATE = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth'])

/**
 * A `code` member that is an error code, not an authorization code: a transport or harness code
 * (ECONNRESET, ERR_TLS_HANDSHAKE, UND_ERR_...) or a registered OAuth / OIDC / CIBA / DPoP error.
 */
const ERROR_CODE =
  /^(?:E[A-Z]+|(?:UND_)?ERR_[A-Z0-9_]+|invalid_(?:request|client|grant|scope|token|request_uri|request_object|redirect_uri|client_metadata|software_statement|binding_message|user_code|dpop_proof)|unauthorized_client|unsupported_(?:grant_type|response_type|token_type)|access_denied|server_error|temporarily_unavailable|(?:interaction|login|account_selection|consent)_required|request_(?:uri_)?not_supported|registration_not_supported|unapproved_software_statement|authorization_pending|slow_down|expired_token|transaction_failed|missing_user_code|unknown_user_id|use_dpop_nonce|insufficient_scope)$/

/** Object members whose `code` is a transport or harness error code, never a credential. */
const ERROR_PARENTS = new Set(['transport_error', 'aborted', 'cause', 'error'])

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

const FIELD_NAMES = Object.keys(FIELDS)
const JSON_KEYS = [...FIELD_NAMES, ...JWK_PRIVATE].filter((k) => k !== 'oth')
const HEADER_NAMES = Object.keys(HEADERS)

// "key": "value" in JSON text, and the same once escaped inside another JSON string (\"key\":\"value\").
const JSON_MEMBER = new RegExp(
  `"(${JSON_KEYS.map(escapeRe).join('|')})"(\\s*:\\s*)"((?:[^"\\\\]|\\\\.)*)"`,
  'g',
)
const JSON_MEMBER_ESCAPED = new RegExp(
  `\\\\"(${JSON_KEYS.map(escapeRe).join('|')})\\\\"(\\s*:\\s*)\\\\"([^"\\\\]*)\\\\"`,
  'g',
)
const JSON_HEADER = new RegExp(
  `"(${HEADER_NAMES.map(escapeRe).join('|')})"(\\s*:\\s*)"((?:[^"\\\\]|\\\\.)*)"`,
  'gi',
)
// key=value in form bodies, query strings and fragments.
const FORM_MEMBER = new RegExp(
  `(?<![A-Za-z0-9_.\\-])(${FIELD_NAMES.map(escapeRe).join('|')})=([^&#\\s"'<>]*)`,
  'g',
)
// "Authorization: Basic xyz" lines in raw text (HTTP dumps, error messages).
const HEADER_LINE = new RegExp(
  `(?<![A-Za-z0-9_-])(${HEADER_NAMES.map(escapeRe).join('|')})(:[ \\t]*)([^\\r\\n"]+)`,
  'gi',
)
const BASIC = /\bBasic(\s+)([A-Za-z0-9+/_-]{4,}={0,2})/g
const URL_USERINFO = /([a-z][a-z0-9+.-]*:\/\/[^\s/:@"'<>]+:)([^\s/@"'<>]+)@/gi
const PEM_PRIVATE =
  /(-----BEGIN ([A-Z0-9 ]*?)PRIVATE KEY-----)[\s\S]*?(-----END \2PRIVATE KEY-----)/g
const JSON_OTH = /"oth"\s*:\s*\[/g

/** Cheap pre-test so the common string (no keyword at all) costs one scan. */
const KEYWORDS = new RegExp(
  [...FIELD_NAMES, ...HEADER_NAMES, ...JWK_PRIVATE]
    .map((k) => `${escapeRe(k)}(?:\\\\?"|=|:)`)
    .join('|') + '|Basic\\s|PRIVATE KEY-----|://[^\\s/@]+@',
  'i',
)

function maskTextFromOth(s: string): string {
  JSON_OTH.lastIndex = 0
  let out = ''
  let from = 0
  let m: RegExpExecArray | null
  while ((m = JSON_OTH.exec(s))) {
    const start = m.index + m[0].length
    let depth = 1
    let i = start
    let inStr = false
    for (; i < s.length && depth > 0; i++) {
      const c = s[i]
      if (inStr) {
        if (c === '\\') i++
        else if (c === '"') inStr = false
      } else if (c === '"') inStr = true
      else if (c === '[') depth++
      else if (c === ']') depth--
    }
    if (depth !== 0) break
    const body = s.slice(start, i - 1)
    // the whole array is one secret; a mask already standing alone stays as it is
    out +=
      s.slice(from, start - 1) +
      `"${/^\s*"«redacted[^"]*"\s*$/.test(body) ? body.trim().slice(1, -1) : mask(body)}"`
    from = i
    JSON_OTH.lastIndex = i
  }
  return from === 0 ? s : out + s.slice(from)
}

function redactStructuredText(s: string): string {
  if (!KEYWORDS.test(s)) return s
  let out = s
  if (out.includes('PRIVATE KEY-----')) {
    out = out.replace(PEM_PRIVATE, (m, begin: string, _kind: string, end: string) => {
      const body = m.slice(begin.length, m.length - end.length)
      return isMasked(body) ? m : `${begin}${mask(body.trim())}${end}`
    })
  }
  if (out.includes('"oth"')) out = maskTextFromOth(out)
  out = out.replace(JSON_MEMBER, (m, key: string, sep: string, value: string) => {
    const masker = FIELDS[key] ?? maskOnce
    if (key === 'code' && ERROR_CODE.test(value)) return m
    return `"${key}"${sep}"${masker(value)}"`
  })
  out = out.replace(JSON_MEMBER_ESCAPED, (m, key: string, sep: string, value: string) => {
    const masker = FIELDS[key] ?? maskOnce
    if (key === 'code' && ERROR_CODE.test(value)) return m
    return `\\"${key}\\"${sep}\\"${masker(value)}\\"`
  })
  out = out.replace(
    JSON_HEADER,
    (_m, key: string, sep: string, value: string) =>
      `"${key}"${sep}"${HEADERS[key.toLowerCase()]!(value)}"`,
  )
  out = out.replace(FORM_MEMBER, (m, key: string, value: string) => {
    if (value === '' || (key === 'code' && ERROR_CODE.test(value))) return m
    const masker = FIELDS[key]!
    let decoded = value
    try {
      decoded = decodeURIComponent(value.replace(/\+/g, ' '))
    } catch {
      /* keep as is */
    }
    // the mask hashes the decoded value so a form field and a JSON member of the same token compare equal
    return `${key}=${masker === maskJwtSignature ? maskJwtSignature(decoded) : maskOnce(decoded)}`
  })
  out = out.replace(HEADER_LINE, (m, name: string, sep: string, value: string) =>
    isMasked(value) ? m : `${name}${sep}${HEADERS[name.toLowerCase()]!(value)}`,
  )
  out = out.replace(BASIC, (m, sp: string, cred: string) =>
    // prose ("Basic authentication") is one lower-case or capitalised word; credentials are not
    isMasked(m) || /^[A-Z]?[a-z]+$/.test(cred) ? m : `Basic${sp}${mask(cred)}`,
  )
  out = out.replace(URL_USERINFO, (_m, head: string, pass: string) => `${head}${maskOnce(pass)}@`)
  return out
}

/** Compiled matcher for known secret strings and their encodings. */
interface SecretMatcher {
  re: RegExp
  byForm: Map<string, string>
}

let lastKey = ''
let lastMatcher: SecretMatcher | null = null

function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8')
  const cores: string[] = []
  for (let k = 0; k < 3; k++) {
    const enc = Buffer.concat([Buffer.alloc(k), bytes])
      .toString('base64')
      .replace(/=+$/, '')
    const start = Math.ceil((8 * k) / 6)
    const end = Math.floor((8 * (k + bytes.length)) / 6)
    const core = enc.slice(start, end)
    if (core.length >= 8) {
      cores.push(core)
      const url = core.replace(/\+/g, '-').replace(/\//g, '_')
      if (url !== core) cores.push(url)
    }
  }
  return cores
}

function compileSecrets(secrets: Iterable<string> | undefined): SecretMatcher | null {
  if (!secrets) return null
  const list = [...secrets].filter((s) => typeof s === 'string' && s.length >= 4 && !isMasked(s))
  if (list.length === 0) return null
  const key = list.join('\u0000')
  if (key === lastKey) return lastMatcher
  const byForm = new Map<string, string>()
  for (const secret of list) {
    const forms = new Set<string>([
      secret,
      encodeURIComponent(secret),
      encodeURIComponent(secret).replace(/%20/g, '+'),
    ])
    const b64 = Buffer.from(secret, 'utf8').toString('base64')
    forms.add(b64)
    forms.add(b64.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'))
    for (const core of base64Cores(secret)) forms.add(core)
    for (const f of forms) if (f.length >= 4 && !byForm.has(f)) byForm.set(f, secret)
  }
  const alternatives = [...byForm.keys()].sort((a, b) => b.length - a.length).map(escapeRe)
  const matcher = { re: new RegExp(alternatives.join('|'), 'g'), byForm }
  lastKey = key
  lastMatcher = matcher
  return matcher
}

function redactKnown(s: string, matcher: SecretMatcher | null): string {
  if (!matcher) return s
  matcher.re.lastIndex = 0
  return s.replace(matcher.re, (form) => mask(matcher.byForm.get(form)!))
}

/** Redacts one string: JSON/form/header/PEM rules, then known secrets. */
export function redactText(s: string, secrets?: Iterable<string>): string {
  return redactString(s, compileSecrets(secrets))
}

function redactString(s: string, matcher: SecretMatcher | null): string {
  return redactKnown(redactStructuredText(s), matcher)
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

/**
 * Deep copy of `value` with every secret masked. Plain objects, arrays and strings are walked;
 * other objects (Date, Buffer, ...) are copied as they are. Binary attachments (a `base64` member)
 * are passed through untouched.
 */
export function redact<T>(value: T, secrets?: Iterable<string>): T {
  const matcher = compileSecrets(secrets)
  const seen = new WeakMap<object, unknown>()

  const walk = (v: unknown, parentKey: string | undefined): unknown => {
    if (typeof v === 'string') return redactString(v, matcher)
    if (v === null || typeof v !== 'object') return v
    if (seen.has(v)) return seen.get(v)
    if (Array.isArray(v)) {
      const out: unknown[] = []
      seen.set(v, out)
      for (const item of v) out.push(walk(item, parentKey))
      return out
    }
    if (!isPlainObject(v)) {
      if (v instanceof Date) return new Date(v.getTime())
      if (v instanceof Uint8Array) return v.slice()
      return v
    }
    const out: Record<string, unknown> = {}
    seen.set(v, out)
    for (const [k, child] of Object.entries(v)) {
      out[k] = walkMember(k, child, parentKey)
    }
    return out
  }

  const walkMember = (k: string, child: unknown, parentKey: string | undefined): unknown => {
    if (typeof child === 'string') {
      const header = HEADERS[k.toLowerCase()]
      if (header) return redactKnown(header(child), matcher)
      const field = FIELDS[k]
      if (field) {
        if (
          k === 'code' &&
          (ERROR_CODE.test(child) || (parentKey !== undefined && ERROR_PARENTS.has(parentKey)))
        ) {
          return redactString(child, matcher)
        }
        return redactKnown(field(child), matcher)
      }
      if (JWK_PRIVATE.has(k)) return maskOnce(child)
      if (k === 'base64') return child
      return redactString(child, matcher)
    }
    if (k === 'oth' && Array.isArray(child)) return mask(JSON.stringify(child))
    if (Array.isArray(child) && HEADERS[k.toLowerCase()]) {
      const header = HEADERS[k.toLowerCase()]!
      return child.map((c) =>
        typeof c === 'string' ? redactKnown(header(c), matcher) : walk(c, k),
      )
    }
    return walk(child, k)
  }

  return walk(value, undefined) as T
}
