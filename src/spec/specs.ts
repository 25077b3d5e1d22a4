/**
 * Where each specification lives. A requirement id is `<PREFIX>-<section>[-<item>]`; `link()` points
 * at the section and shows the list item as text (OIDF ids append the item to the anchor, which
 * lands nowhere).
 */
export const SPECS = {
  RFC6749: {
    title: 'RFC 6749 The OAuth 2.0 Authorization Framework',
    url: 'https://www.rfc-editor.org/rfc/rfc6749.html',
    anchor: '#section-',
  },
  RFC6750: {
    title: 'RFC 6750 OAuth 2.0 Bearer Token Usage',
    url: 'https://www.rfc-editor.org/rfc/rfc6750.html',
    anchor: '#section-',
  },
  RFC7009: {
    title: 'RFC 7009 OAuth 2.0 Token Revocation',
    url: 'https://www.rfc-editor.org/rfc/rfc7009.html',
    anchor: '#section-',
  },
  RFC7517: {
    title: 'RFC 7517 JSON Web Key (JWK)',
    url: 'https://www.rfc-editor.org/rfc/rfc7517.html',
    anchor: '#section-',
  },
  RFC7518: {
    title: 'RFC 7518 JSON Web Algorithms (JWA)',
    url: 'https://www.rfc-editor.org/rfc/rfc7518.html',
    anchor: '#section-',
  },
  RFC7519: {
    title: 'RFC 7519 JSON Web Token (JWT)',
    url: 'https://www.rfc-editor.org/rfc/rfc7519.html',
    anchor: '#section-',
  },
  RFC7523: {
    title: 'RFC 7523 JWT Profile for OAuth 2.0 Client Authentication and Authorization Grants',
    url: 'https://www.rfc-editor.org/rfc/rfc7523.html',
    anchor: '#section-',
  },
  RFC7591: {
    title: 'RFC 7591 OAuth 2.0 Dynamic Client Registration Protocol',
    url: 'https://www.rfc-editor.org/rfc/rfc7591.html',
    anchor: '#section-',
  },
  RFC7636: {
    title: 'RFC 7636 Proof Key for Code Exchange by OAuth Public Clients',
    url: 'https://www.rfc-editor.org/rfc/rfc7636.html',
    anchor: '#section-',
  },
  RFC8414: {
    title: 'RFC 8414 OAuth 2.0 Authorization Server Metadata',
    url: 'https://www.rfc-editor.org/rfc/rfc8414.html',
    anchor: '#section-',
  },
  RFC8628: {
    title: 'RFC 8628 OAuth 2.0 Device Authorization Grant',
    url: 'https://www.rfc-editor.org/rfc/rfc8628.html',
    anchor: '#section-',
  },
  RFC8705: {
    title:
      'RFC 8705 OAuth 2.0 Mutual-TLS Client Authentication and Certificate-Bound Access Tokens',
    url: 'https://www.rfc-editor.org/rfc/rfc8705.html',
    anchor: '#section-',
  },
  RFC8725: {
    title: 'RFC 8725 JSON Web Token Best Current Practices',
    url: 'https://www.rfc-editor.org/rfc/rfc8725.html',
    anchor: '#section-',
  },
  RFC9101: {
    title:
      'RFC 9101 The OAuth 2.0 Authorization Framework: JWT-Secured Authorization Request (JAR)',
    url: 'https://www.rfc-editor.org/rfc/rfc9101.html',
    anchor: '#section-',
  },
  RFC9126: {
    title: 'RFC 9126 OAuth 2.0 Pushed Authorization Requests',
    url: 'https://www.rfc-editor.org/rfc/rfc9126.html',
    anchor: '#section-',
  },
  RFC9207: {
    title: 'RFC 9207 OAuth 2.0 Authorization Server Issuer Identification',
    url: 'https://www.rfc-editor.org/rfc/rfc9207.html',
    anchor: '#section-',
  },
  JARM: {
    title: 'JWT Secured Authorization Response Mode for OAuth 2.0 (JARM)',
    url: 'https://openid.net/specs/oauth-v2-jarm.html',
    anchor: '#section-',
  },
  RFC9449: {
    title: 'RFC 9449 OAuth 2.0 Demonstrating Proof of Possession (DPoP)',
    url: 'https://www.rfc-editor.org/rfc/rfc9449.html',
    anchor: '#section-',
  },
  RFC9700: {
    title: 'RFC 9700 Best Current Practice for OAuth 2.0 Security',
    url: 'https://www.rfc-editor.org/rfc/rfc9700.html',
    anchor: '#section-',
  },
  OIDCC: {
    title: 'OpenID Connect Core 1.0',
    url: 'https://openid.net/specs/openid-connect-core-1_0.html',
    anchor: '#rfc.section.',
  },
  OIDCD: {
    title: 'OpenID Connect Discovery 1.0',
    url: 'https://openid.net/specs/openid-connect-discovery-1_0.html',
    anchor: '#rfc.section.',
  },
  OIDCR: {
    title: 'OpenID Connect Dynamic Client Registration 1.0',
    url: 'https://openid.net/specs/openid-connect-registration-1_0.html',
    anchor: '#rfc.section.',
  },
  'FAPI1-BASE': {
    title: 'FAPI 1.0 Part 1: Baseline (Final)',
    url: 'https://openid.net/specs/openid-financial-api-part-1-1_0.html',
    anchor: '#rfc.section.',
  },
  'FAPI1-ADV': {
    title: 'FAPI 1.0 Part 2: Advanced (Final)',
    url: 'https://openid.net/specs/openid-financial-api-part-2-1_0.html',
    anchor: '#rfc.section.',
  },
  'FAPI2-SP-FINAL': {
    title: 'FAPI 2.0 Security Profile (Final)',
    url: 'https://openid.net/specs/fapi-security-profile-2_0-final.html',
    anchor: '#section-',
  },
  CIBA: {
    title: 'OpenID Connect Client-Initiated Backchannel Authentication Flow - Core 1.0',
    url: 'https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html',
    anchor: '#rfc.section.',
  },
  'FAPI-CIBA': {
    title: "FAPI: Client Initiated Backchannel Authentication Profile (Implementer's Draft 1)",
    url: 'https://openid.net/specs/openid-financial-api-ciba-ID1.html',
    anchor: '#rfc.section.',
  },
} as const

export type SpecPrefix = keyof typeof SPECS

const PREFIXES = (Object.keys(SPECS) as SpecPrefix[]).sort((a, b) => b.length - a.length)

/** Splits `FAPI1-ADV-5.2.2-14` into its spec, section and list item. */
export function parseRequirementId(id: string): {
  prefix: SpecPrefix
  section: string
  item?: string
} {
  const prefix = PREFIXES.find((p) => id.startsWith(`${p}-`))
  if (!prefix) throw new TypeError(`unknown specification prefix in requirement id ${id}`)
  const rest = id.slice(prefix.length + 1)
  const m = /^([0-9A-Z]+(?:\.[0-9]+)*)(?:-([0-9]+))?$/.exec(rest)
  if (!m) throw new TypeError(`malformed requirement id ${id}`)
  return { prefix, section: m[1]!, ...(m[2] ? { item: m[2] } : {}) }
}

/** URL of the section a requirement id names. */
export function link(id: string): string {
  const { prefix, section } = parseRequirementId(id)
  const spec = SPECS[prefix]
  return `${spec.url}${spec.anchor}${section}`
}

/** Human label: `FAPI 1.0 Part 2 §5.2.2 item 14`. */
export function label(id: string): string {
  const { prefix, section, item } = parseRequirementId(id)
  return `${SPECS[prefix].title} §${section}${item ? ` item ${item}` : ''}`
}
