// Where the overview page's links may go: a certification's request address becomes a `mailto:`
// or an http(s) link, and a practice's control id is found in the catalog that has it.
import {catalogs, type Control} from './catalogs'
import type {Framework} from './document'

const email = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/

/**
 * The link for "how to request the report": `mailto:` for an email address, an http(s) address
 * as it is; undefined for anything else (a `javascript:` or `data:` address), which the page
 * then shows as text. The schema refuses those already; this holds for a config that skipped it.
 */
export function requestHref(request: string): string | undefined {
  if (email.test(request)) return `mailto:${request}`
  if (!/^https?:\/\/[!-~]+$/i.test(request)) return undefined
  try {
    const protocol = new URL(request).protocol
    return protocol === 'https:' || protocol === 'http:' ? request : undefined
  } catch {
    return undefined
  }
}

/** The catalog entry a practice's control id names, among the enabled frameworks. */
export function controlOf(id: string, frameworks: readonly Framework[]): {framework: Framework; control: Control} | undefined {
  for (const framework of frameworks) {
    const control = catalogs[framework].byId.get(id)
    if (control) return {framework, control}
  }
  return undefined
}
