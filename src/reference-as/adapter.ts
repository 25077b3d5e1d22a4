/**
 * Storage for one oidc-provider instance. The library's own in-memory adapter is an LRU capped at
 * 1000 entries (a long run would silently evict registered clients) and warns on every start; this
 * one is a plain Map per provider with expiry, so issuers never share clients, tokens or jti values.
 */

type Payload = Record<string, unknown> & { grantId?: string; userCode?: string; uid?: string }

interface Entry {
  value: unknown
  exp: number
}

export interface AdapterInstance {
  upsert(id: string, payload: Payload, expiresIn?: number): Promise<void>
  find(id: string): Promise<Payload | undefined>
  findByUid(uid: string): Promise<Payload | undefined>
  findByUserCode(userCode: string): Promise<Payload | undefined>
  consume(id: string): Promise<void>
  destroy(id: string): Promise<void>
  revokeByGrantId(grantId: string): Promise<void>
}

/** A factory for oidc-provider's `adapter` option; every call makes an isolated store. */
export function memoryAdapter(graceSeconds = 5): (model: string) => AdapterInstance {
  const store = new Map<string, Entry>()
  let writes = 0

  const get = <T>(key: string): T | undefined => {
    const e = store.get(key)
    if (!e) return undefined
    if (e.exp <= Date.now()) {
      store.delete(key)
      return undefined
    }
    return e.value as T
  }
  const set = (key: string, value: unknown, expiresIn?: number) => {
    const exp =
      typeof expiresIn === 'number' && Number.isFinite(expiresIn)
        ? Date.now() + (expiresIn + graceSeconds) * 1000
        : Infinity
    store.set(key, { value, exp })
    if (++writes % 1000 === 0) {
      const now = Date.now()
      for (const [k, v] of store) if (v.exp <= now) store.delete(k)
    }
  }

  return (model: string): AdapterInstance => {
    const key = (id: string) => `${model}:${id}`
    return {
      async upsert(id, payload, expiresIn) {
        if (model === 'Session' && typeof payload.uid === 'string')
          set(`sessionUid:${payload.uid}`, id, expiresIn)
        if (typeof payload.userCode === 'string') set(`userCode:${payload.userCode}`, id, expiresIn)
        if (typeof payload.grantId === 'string') {
          const gk = `grant:${payload.grantId}`
          const members = get<string[]>(gk) ?? []
          members.push(key(id))
          set(gk, members)
        }
        set(key(id), payload, expiresIn)
      },
      async find(id) {
        return get<Payload>(key(id))
      },
      async findByUid(uid) {
        const id = get<string>(`sessionUid:${uid}`)
        return id === undefined ? undefined : get<Payload>(key(id))
      },
      async findByUserCode(userCode) {
        const id = get<string>(`userCode:${userCode}`)
        return id === undefined ? undefined : get<Payload>(key(id))
      },
      async consume(id) {
        const p = get<Payload>(key(id))
        if (p) p.consumed = Math.floor(Date.now() / 1000)
      },
      async destroy(id) {
        store.delete(key(id))
      },
      async revokeByGrantId(grantId) {
        const gk = `grant:${grantId}`
        for (const k of get<string[]>(gk) ?? []) store.delete(k)
        store.delete(gk)
      },
    }
  }
}
