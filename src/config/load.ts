import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { Ajv, type ErrorObject } from 'ajv'
import type { JWK } from 'jose'
import { parse as parseYaml } from 'yaml'
import type { CibaParams, StaticClients, TargetParams } from '../client/simulator.js'
import { HarnessError } from '../errors.js'
import type { KeyKind, KeyPair } from '../crypto/keys.js'
import type { Credentials, LoginStep } from '../suite/browser.js'
import type { ClientAuthMethod, ProfileId } from '../suite/profile.js'
import { CONFIG_SCHEMA } from './schema.js'

export interface HarnessConfig {
  issuer?: string
  issuers?: Partial<Record<ProfileId, string>>
  discovery_url?: string
  profiles?: ProfileId[]
  tls?: { ca?: string; insecure?: boolean; client_ca?: { cert: string; key: string } }
  registration?: {
    initial_access_token?: string
    dynamic?: boolean
    metadata?: Record<string, unknown>
  }
  scope?: string
  token_request?: { params?: Record<string, string> }
  authorization_code?: { lifetime_s?: number }
  par?: { request_uri_lifetime_s?: number }
  ciba?: CibaConfig
  client_assertion?: { aud?: 'issuer' | 'token_endpoint' | 'issuer_in_array' }
  clients?: Record<
    string,
    {
      client_id: string
      client_secret?: string
      private_jwk?: JWK
      private_jwk_file?: string
      cert?: string
      key?: string
    }
  >
  resource_url?: string
  browser?: { login?: LoginStep[]; deny?: LoginStep[]; credentials?: Credentials }
  allowed_origins?: string[]
  timeout_ms?: number
  workers?: number
}

/** Config `ciba`: the params sent and the receiver's address (`notification`, read by the CLI). */
export type CibaConfig = CibaParams & {
  notification?: { public_url?: string; port?: number; cert?: string; key?: string }
}

const KEY_KINDS: readonly KeyKind[] = ['RSA-2048', 'RSA-1024', 'EC-P256', 'Ed25519']

const validate = new Ajv({ allErrors: true, strict: false }).compile(CONFIG_SCHEMA)

/**
 * A oneOf (a login step) reports the errors of every branch. Only the branch the value is closest
 * to (fewest errors) is kept; when two are as close, one line says which forms are allowed.
 */
export function relevant(errors: ErrorObject[]): ErrorObject[] {
  let out = errors.filter((e) => e.keyword !== 'oneOf')
  for (const o of errors.filter((e) => e.keyword === 'oneOf')) {
    const under = (e: ErrorObject) =>
      e.schemaPath.startsWith(`${o.schemaPath}/`) &&
      (e.instancePath === o.instancePath || e.instancePath.startsWith(`${o.instancePath}/`))
    const byBranch = new Map<string, ErrorObject[]>()
    for (const e of out.filter(under)) {
      const branch = e.schemaPath.slice(o.schemaPath.length + 1).split('/')[0]!
      byBranch.set(branch, [...(byBranch.get(branch) ?? []), e])
    }
    out = out.filter((e) => !under(e))
    const ranked = [...byBranch.values()].sort((x, y) => x.length - y.length)
    if (ranked.length && (ranked.length === 1 || ranked[0]!.length < ranked[1]!.length))
      out.push(...ranked[0]!)
    else out.push(o)
  }
  return out
}

export function describe(e: ErrorObject): string {
  const where = e.instancePath || '/'
  if (e.keyword === 'additionalProperties')
    return `${where}: unknown property "${(e.params as { additionalProperty: string }).additionalProperty}"`
  if (e.keyword === 'enum')
    return `${where}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`
  if (
    e.keyword === 'oneOf' &&
    (e.schemaPath.includes('/login/items/') || e.schemaPath.includes('/deny/items/'))
  )
    return `${where}: a step is one of { fill: selector, value }, { click: selector }, { waitFor: { url?, selector? } } (each with an optional name)`
  if (e.keyword === 'propertyNames')
    return `${where}: property name "${(e.params as { propertyName: string }).propertyName}" is not allowed`
  return `${where}: ${e.message}`
}

/** Replaces `${NAME}` with the environment variable, so secrets need not sit in the file. */
function expandEnv(value: unknown, file: string, pointer = ''): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Z0-9_]+)\}/g, (_m, name: string) => {
      const v = process.env[name]
      if (v === undefined)
        throw new HarnessError(
          'ERR_CONFIG_INVALID',
          `${file}: ${pointer || '/'}: environment variable ${name} is not set`,
        )
      return v
    })
  }
  if (Array.isArray(value)) return value.map((v, i) => expandEnv(v, file, `${pointer}/${i}`))
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, expandEnv(v, file, `${pointer}/${k}`)]),
    )
  return value
}

/** Reads, expands and validates a YAML or JSON configuration. Errors name the file and JSON pointer. */
export function loadConfig(file: string): HarnessConfig {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    throw new HarnessError(
      'ERR_CONFIG_INVALID',
      `cannot read config file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      { cause: e },
    )
  }
  let data: unknown
  try {
    data = /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text)
  } catch (e) {
    throw new HarnessError(
      'ERR_CONFIG_INVALID',
      `${file} is not valid ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${(e as Error).message.split('\n')[0]}`,
      { cause: e },
    )
  }
  // Expand first, so that the values validated are the values used.
  const expanded = expandEnv(data ?? {}, file)
  if (!validate(expanded)) {
    throw new HarnessError(
      'ERR_CONFIG_INVALID',
      `${file}: ${[...new Set(relevant(validate.errors ?? []).map(describe))].join('; ')}`,
    )
  }
  return expanded as HarnessConfig
}

function readRelative(base: string, path: string, what: string): string {
  try {
    return readFileSync(resolve(base, path), 'utf8')
  } catch (e) {
    throw new HarnessError(
      'ERR_CONFIG_INVALID',
      `${what}: cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      { cause: e },
    )
  }
}

function withoutNotification(c: CibaConfig): CibaParams {
  const { notification: _n, ...rest } = c
  return rest
}

/** What the target needs sent (config `scope`, `registration.metadata`, `token_request`, `ciba`). */
export function targetParams(config: HarnessConfig): TargetParams {
  return {
    ...(config.scope ? { scope: config.scope } : {}),
    ...(config.registration?.metadata
      ? { registrationMetadata: config.registration.metadata }
      : {}),
    ...(config.token_request?.params ? { tokenParams: config.token_request.params } : {}),
    ...(config.ciba ? { ciba: withoutNotification(config.ciba) } : {}),
    ...(config.authorization_code?.lifetime_s !== undefined
      ? { codeLifetimeS: config.authorization_code.lifetime_s }
      : {}),
    ...(config.par?.request_uri_lifetime_s !== undefined
      ? { requestUriLifetimeS: config.par.request_uri_lifetime_s }
      : {}),
  }
}

/** Static clients from the configuration, with key material loaded from the files they name. */
export function staticClients(
  config: HarnessConfig,
  configFile: string | undefined,
): StaticClients {
  const base = configFile ? dirname(configFile) : process.cwd()
  const out: StaticClients = {}
  for (const [role, c] of Object.entries(config.clients ?? {})) {
    const method = role.split(':')[0] as ClientAuthMethod
    const kind = (role.split(':')[1] ?? 'RSA-2048') as KeyKind
    if (!KEY_KINDS.includes(kind))
      throw new HarnessError(
        'ERR_CONFIG_INVALID',
        `/clients/${role}: unknown key kind ${kind}; use one of ${KEY_KINDS.join(', ')}`,
      )
    let key: KeyPair | undefined
    const jwk =
      c.private_jwk ??
      (c.private_jwk_file
        ? (JSON.parse(
            readRelative(base, c.private_jwk_file, `/clients/${role}/private_jwk_file`),
          ) as JWK)
        : undefined)
    if (jwk) {
      if (!('d' in jwk))
        throw new HarnessError(
          'ERR_CONFIG_INVALID',
          `/clients/${role}: the JWK has no private part (d)`,
        )
      const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = jwk
      key = { kind, kid: jwk.kid ?? 'configured', privateJwk: jwk, publicJwk: pub }
    }
    if (method === 'private_key_jwt' && !key)
      throw new HarnessError(
        'ERR_CONFIG_INVALID',
        `/clients/${role}: private_key_jwt needs private_jwk or private_jwk_file`,
      )
    if (
      (method === 'tls_client_auth' || method === 'self_signed_tls_client_auth') &&
      !(c.cert && c.key)
    ) {
      throw new HarnessError('ERR_CONFIG_INVALID', `/clients/${role}: ${method} needs cert and key`)
    }
    if (method.startsWith('client_secret') && !c.client_secret)
      throw new HarnessError(
        'ERR_CONFIG_INVALID',
        `/clients/${role}: ${method} needs client_secret`,
      )
    out[role] = {
      client_id: c.client_id,
      token_endpoint_auth_method: method,
      ...(c.client_secret ? { client_secret: c.client_secret } : {}),
      ...(key ? { key } : {}),
      ...(c.cert && c.key
        ? {
            identity: {
              certPem: readRelative(base, c.cert, `/clients/${role}/cert`),
              keyPem: readRelative(base, c.key, `/clients/${role}/key`),
            },
          }
        : {}),
    }
  }
  return out
}
