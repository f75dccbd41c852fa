// .github/CODEOWNERS from the documents: each document needs a review from the GitHub users or
// teams of its owner and approver roles (github.handles in the config).
import {codeownersHeader} from '../model/codeowners-text'
import type {Document} from '../model/document'

export interface CodeownersPlan {
  text: string
  /** Roles with no handle, per document; such a document is protected by the others only. */
  unmapped: {path: string; roles: string[]}[]
  /** Documents none of whose roles has a handle: nobody is required to review them. */
  unowned: string[]
}

export function planCodeowners(documents: readonly Pick<Document, 'path' | 'meta'>[], handles: Readonly<Record<string, string>>): CodeownersPlan {
  const unmapped: CodeownersPlan['unmapped'] = []
  const unowned: string[] = []
  const lines: string[] = []
  for (const document of [...documents].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const roles = [document.meta.owner, ...(document.meta.approvers ?? [])].filter((role): role is string => role !== undefined)
    const found = [...new Set(roles.flatMap((role) => (handles[role] ? [handles[role]!] : [])))]
    const missing = [...new Set(roles.filter((role) => !handles[role]))]
    if (missing.length > 0) unmapped.push({path: document.path, roles: missing})
    if (found.length === 0) unowned.push(document.path)
    else lines.push(`/${document.path.split(' ').join('\\ ')} ${found.join(' ')}`)
  }
  return {text: `${[...codeownersHeader, '', ...lines].join('\n')}\n`, unmapped, unowned}
}
