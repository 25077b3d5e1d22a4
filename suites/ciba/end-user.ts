import { answer, type EndUserCall, type ModuleContext } from '../../src/index.js'

/** The login_hint of correct backchannel requests (config `ciba.login_hint`, default the embedded AS's user). */
export const loginHint = (ctx: ModuleContext): string =>
  ctx.sim.params.ciba?.login_hint ?? 'fapi-harness-user'

function fill(s: string, vars: Record<string, string>): string {
  return s.replace(/\{(auth_req_id|login_hint)\}/g, (_m, k: string) =>
    encodeURIComponent(vars[k] ?? ''),
  )
}

function fillJson(v: unknown, vars: Record<string, string>): unknown {
  if (typeof v === 'string')
    return v.replace(/\{(auth_req_id|login_hint)\}/g, (_m, k: string) => vars[k] ?? '')
  if (Array.isArray(v)) return v.map((x) => fillJson(x, vars))
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fillJson(x, vars)]))
  return v
}

/**
 * The end-user's decision on the authentication device, where the configuration says how it is
 * made (`ciba.approval.approve` / `ciba.approval.deny`: an HTTP call with `{auth_req_id}` and
 * `{login_hint}` substituted). Without it the target decides on its own (the embedded AS's
 * simulated device approves after 1 s, and denies the user `deny`). Returns why the decision
 * could not be made, or nothing.
 */
export async function endUserDecides(
  ctx: ModuleContext,
  decision: 'approve' | 'deny',
  authReqId: string,
  hint = loginHint(ctx),
): Promise<string | undefined> {
  const call: EndUserCall | undefined = ctx.sim.params.ciba?.approval?.[decision]
  if (!call) return undefined
  const vars = { auth_req_id: authReqId, login_hint: hint }
  ctx.sim.step(
    decision,
    `the end-user ${decision === 'approve' ? 'approves' : 'denies'} the request on the authentication device (the configured ciba.approval.${decision} call)`,
  )
  const form = call.form
    ? new URLSearchParams(Object.entries(call.form).map(([k, v]) => [k, String(fillJson(v, vars))]))
    : undefined
  const x = await ctx.sim.send(
    {
      purpose: `ciba-${decision}`,
      method: call.method ?? 'POST',
      url: fill(call.url, vars),
      ...(call.headers ? { headers: call.headers } : {}),
      ...(form ? { form } : {}),
      ...(call.json !== undefined && !form ? { json: fillJson(call.json, vars) } : {}),
    },
    { allowTransportError: true },
  )
  const status = x.response?.status
  ctx.sim.outcome(answer(x))
  if (status === undefined || status >= 300)
    return `the configured ciba.approval.${decision} call was answered ${answer(x)}: the end-user's decision was not made`
  return undefined
}
