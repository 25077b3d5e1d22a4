import type { ServerMetadata } from '../../../../src/client/types.js'

export const ISSUER = 'https://as.example.com'

export function metadata(extra: Partial<ServerMetadata> = {}): ServerMetadata {
  return { issuer: ISSUER, token_endpoint: `${ISSUER}/token`, ...extra }
}
