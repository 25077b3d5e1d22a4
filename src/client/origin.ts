/**
 * Where the harness may send a credential: only to the target's own endpoints. An endpoint the
 * metadata names on another origin than the issuer is not called (a discovery document, or whoever
 * edited it, must not be able to direct client secrets, assertions, tokens or an initial access
 * token elsewhere), unless the configuration allow-lists that origin (`allowed_origins`). The one
 * exception is an mTLS endpoint alias (RFC 8705 §5) on the issuer's own host (any port) or a host
 * under it (mtls.as.example.com), the usual ways to give mutual TLS its own listener.
 */

/** The URL's origin (scheme, host, port), or undefined when it is no absolute http(s) URL. */
export function originOf(url: string): string | undefined {
  try {
    const u = new URL(url)
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : undefined
  } catch {
    return undefined
  }
}

const isIp = (host: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[')

/**
 * Whether `host` lies on the issuer's host, judged conservatively without a public suffix list:
 * the same host, or a subdomain of it. A sibling (mtls.bank.example next to as.bank.example) is
 * not recognised, since telling bank.example from co.uk needs the list: allow-list it instead.
 * IP addresses only when equal.
 */
export function sameSiteHost(host: string, issuerHost: string): boolean {
  const h = host.toLowerCase()
  const i = issuerHost.toLowerCase()
  if (h === i) return true
  if (isIp(h) || isIp(i)) return false
  return h.endsWith(`.${i}`)
}

export interface EndpointVerdict {
  ok: boolean
  /** Why the endpoint is refused, one line naming the URL. */
  reason?: string
}

/**
 * May a credential go to `url`, named in the metadata as `name`? `alias`: the URL came from
 * `mtls_endpoint_aliases`. `allowed`: origins the configuration allow-lists.
 */
export function credentialEndpoint(
  name: string,
  url: string,
  issuer: string,
  opts: { alias?: boolean; allowed?: readonly string[] } = {},
): EndpointVerdict {
  const origin = originOf(url)
  const issuerOrigin = originOf(issuer)
  if (!origin)
    return { ok: false, reason: `${name} "${url}" is not an absolute http(s) URL: not called` }
  if (origin === issuerOrigin) return { ok: true }
  if ((opts.allowed ?? []).some((a) => originOf(a) === origin)) return { ok: true }
  if (
    opts.alias &&
    issuerOrigin &&
    new URL(url).protocol === 'https:' &&
    sameSiteHost(new URL(url).hostname, new URL(issuer).hostname)
  )
    return { ok: true }
  return {
    ok: false,
    reason: `${name} ${url} is on ${origin}, not the issuer's origin ${issuerOrigin ?? issuer}${opts.alias ? ' nor its host or a host under it' : ''}: not called, credentials go only to the target (allow-list the origin with allowed_origins in the configuration)`,
  }
}
