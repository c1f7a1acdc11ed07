/**
 * Calls to the console API. The session cookie rides along by itself; state-changing
 * calls add the CSRF token /api/me handed out.
 * @module
 */
export class ApiFailure extends Error {
  readonly status: number
  constructor(status: number, message: string) {
    super(message)
    this.status = status
  }
}

let csrf: string | null = null

export interface Me {
  role: 'viewer' | 'analyst' | 'admin'
  subject: string
  csrf: string | null
  auth: boolean
}

async function parse<T>(res: Response): Promise<T> {
  const body: unknown = await res.json().catch(() => null)
  if (!res.ok) {
    const message = typeof body === 'object' && body !== null && 'message' in body ? String(body.message) : res.statusText
    throw new ApiFailure(res.status, message)
  }
  return body as T
}

export async function getJson<T>(path: string, params: Record<string, string | number | undefined> = {}): Promise<T> {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v))
  const s = q.toString()
  return parse<T>(await fetch(`${path}${s ? `?${s}` : ''}`, { credentials: 'same-origin' }))
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', ...(csrf ? { 'x-csrf-token': csrf } : {}) },
    body: JSON.stringify(body),
  })
  return parse<T>(res)
}

export async function loadMe(): Promise<Me> {
  const me = await getJson<Me>('/api/me')
  csrf = me.csrf
  return me
}
