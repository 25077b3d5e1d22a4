import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RequestContext } from '../../../../src/client/auth/types.js'
import type { ServerMetadata, TestClient } from '../../../../src/client/types.js'
import type { AudienceKind } from '../../../../src/suite/profile.js'

// Keys are cached outside $HOME for tests; getKey reads this lazily, so setting it here is enough.
process.env.FAPI_HARNESS_CACHE_DIR ??= join(tmpdir(), 'fapi-harness-unit-keys')

export const NOW = 1_700_000_000

export const METADATA: ServerMetadata = {
  issuer: 'https://as.example.com',
  token_endpoint: 'https://as.example.com/token',
  backchannel_authentication_endpoint: 'https://as.example.com/bc-authorize',
}

/** A frozen request context: `now` fixed, a client_credentials body and no headers. */
export function requestContext(
  client: Partial<TestClient> = {},
  opts: { audience?: AudienceKind; metadata?: ServerMetadata; endpoint?: string } = {},
): RequestContext {
  const metadata = opts.metadata ?? METADATA
  return {
    client: {
      client_id: 'client-1',
      token_endpoint_auth_method: 'private_key_jwt',
      source: 'registered',
      ...client,
    },
    metadata,
    endpoint: opts.endpoint ?? metadata.token_endpoint,
    now: NOW,
    body: new URLSearchParams({ grant_type: 'client_credentials' }),
    headers: {},
    audience: opts.audience ?? 'token_endpoint',
  }
}

export function decodePart(jws: string, i: 0 | 1): Record<string, unknown> {
  return JSON.parse(Buffer.from(jws.split('.')[i]!, 'base64url').toString('utf8'))
}
