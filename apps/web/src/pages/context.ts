/** What every page gets: the signed-in role and a way to move to another route. */
import type { Me } from '../api.ts'

export interface PageContext {
  me: Me
  params: URLSearchParams
  go(route: string, params?: Record<string, string | number | undefined>): void
}

export type Page = (root: HTMLElement, ctx: PageContext) => Promise<void>

export function numParam(params: URLSearchParams, key: string): number | undefined {
  const v = params.get(key)
  if (v === null || v === '') return undefined
  const n = Number(v)
  return Number.isFinite(n) ? n : undefined
}
