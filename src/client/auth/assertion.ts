import { randomUUID } from 'node:crypto'
import { signJws, type Signer } from '../../crypto/jws.js'
import type { AudienceKind } from '../../suite/profile.js'
import type { ServerMetadata, TestClient } from '../types.js'

/** The client assertion before signing (RFC 7523 §3, OIDC Core §9): what mutators edit. */
export interface AssertionDraft {
  header: Record<string, unknown>
  payload: Record<string, unknown>
  signer: Signer
}

export interface AssertionContext {
  client: TestClient
  metadata: ServerMetadata
  /** The URL the assertion is sent to. */
  endpoint: string
  /** Seconds since the epoch; injected so tests can freeze time. */
  now: number
}

/** A named, documented change to a client assertion before it is signed. */
export type Mutator = ((draft: AssertionDraft, ctx: AssertionContext) => void) & { label: string }

export function defineMutator(
  label: string,
  fn: (draft: AssertionDraft, ctx: AssertionContext) => void,
): Mutator {
  return Object.assign(fn, { label })
}

/** The value a client puts in `aud` for each audience kind. */
export function audienceValue(
  kind: AudienceKind | 'other_server',
  ctx: AssertionContext,
): string | string[] {
  switch (kind) {
    case 'issuer':
      return ctx.metadata.issuer
    case 'token_endpoint':
      return ctx.metadata.token_endpoint
    case 'issuer_in_array':
      return [ctx.metadata.issuer]
    case 'backchannel_endpoint':
      return ctx.metadata.backchannel_authentication_endpoint ?? ctx.endpoint
    case 'other_server':
      return 'https://other-as.example.com/token'
  }
}

/** Builds, mutates and signs a client assertion: iss = sub = client_id, fresh jti, exp = now + 60. */
export async function buildAssertion(
  ctx: AssertionContext,
  signer: Signer,
  audience: AudienceKind,
  mutators: readonly Mutator[] = [],
): Promise<string> {
  const draft: AssertionDraft = {
    header: { ...(signer.mode === 'key' ? { kid: signer.key.kid } : {}) },
    payload: {
      iss: ctx.client.client_id,
      sub: ctx.client.client_id,
      aud: audienceValue(audience, ctx),
      jti: randomUUID(),
      iat: ctx.now,
      exp: ctx.now + 60,
    },
    signer,
  }
  for (const m of mutators) m(draft, ctx)
  return signJws(draft.header, draft.payload, draft.signer)
}
