import { Ajv, type ErrorObject } from 'ajv'
import { jsonBody } from '../../http/client.js'
import type { Exchange } from '../../suite/result.js'
import { defineCheck, fail, pass, undecidable } from '../define.js'
import { METADATA_SCHEMA } from './metadata-schema.js'

const validate = new Ajv({ allErrors: true, strict: false }).compile(METADATA_SCHEMA)

const describe = (e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim()

/** The discovery document is served as JSON with HTTP 200 (RFC 8414 §3.2) and its members have the types the specs define. */
export default defineCheck<{ response: Exchange }>({
  id: 'validate-discovery-metadata',
  title: 'The discovery document is JSON (HTTP 200) and its members are well-typed',
  requirements: ['RFC8414-3.2', 'RFC8414-2', 'OIDCD-3'],
  evaluate({ response }) {
    if (!response.response)
      return undecidable(`no HTTP response: ${response.transport_error?.code}`)
    if (response.response.status !== 200)
      return fail(`HTTP ${response.response.status}`, { status: response.response.status })
    const body = jsonBody(response)
    if (!body.ok) return fail(body.reason)
    if (!validate(body.value))
      return fail(`metadata invalid: ${(validate.errors ?? []).map(describe).join('; ')}`, {
        errors: validate.errors,
      })
    return pass('well-formed metadata')
  },
})
