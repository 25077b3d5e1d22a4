import type { HttpClient } from '../http/client.js'
import type { Exchange } from '../suite/result.js'

/** Where OIDC Discovery (§4) and RFC 8414 (§3, path inserted after the host) publish metadata. */
export function discoveryUrls(issuer: string): string[] {
  const u = new URL(issuer)
  const path = u.pathname === '/' ? '' : u.pathname.replace(/\/$/, '')
  return [
    `${u.origin}${path}/.well-known/openid-configuration`,
    `${u.origin}/.well-known/oauth-authorization-server${path}`,
  ]
}

/**
 * Fetches the metadata document: OIDC Discovery first, RFC 8414 if that is 404. Returns the last
 * exchange; judging it is the discovery checks' job.
 */
export async function fetchMetadata(
  http: HttpClient,
  issuer: string,
  onExchange?: (x: Exchange) => void,
  url?: string,
): Promise<Exchange> {
  let last: Exchange | undefined
  for (const u of url ? [url] : discoveryUrls(issuer)) {
    last = await http.send(
      { purpose: 'discovery', method: 'GET', url: u },
      onExchange ? { onExchange } : {},
    )
    if (last.response?.status !== 404) return last
  }
  return last!
}
