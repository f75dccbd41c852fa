// Where a document's link lands, the one reading the links rule reports on and the bundle
// publishes: a document, another file, nothing, or somewhere the bundle does not follow.
import {describe, expect, it} from 'vitest'
import {resolveLink} from '../scripts/model/link-target'

const space = {
  folder: 'policies',
  documents: new Set(['policies/access-control.md', 'policies/guides/onboarding.md']),
  files: new Set(['policies/access-control.md', 'policies/guides/onboarding.md', 'policies/draft.md', 'policies/evidence/scan report.pdf'])
}
const from = (path: string, url: string) => resolveLink(path, url, space)

describe('resolveLink', () => {
  it('lands on a document, with its anchor decoded, from any folder', () => {
    expect(from('policies/password.md', 'access-control.md#privileged%20access')).toEqual({kind: 'document', rawPath: 'access-control.md', target: 'policies/access-control.md', anchor: 'privileged access'})
    expect(from('policies/guides/onboarding.md', '../access-control.md?plain=1')).toEqual({kind: 'document', rawPath: '../access-control.md', target: 'policies/access-control.md'})
    expect(from('policies/password.md', './guides/../guides/onboarding.md')).toEqual({kind: 'document', rawPath: './guides/../guides/onboarding.md', target: 'policies/guides/onboarding.md'})
  })

  it('lands on another file: an attachment, or Markdown that is not one of the documents', () => {
    expect(from('policies/password.md', 'evidence/scan%20report.pdf')).toEqual({kind: 'file', rawPath: 'evidence/scan%20report.pdf', target: 'policies/evidence/scan report.pdf'})
    expect(from('policies/password.md', 'draft.md#scope')).toEqual({kind: 'file', rawPath: 'draft.md', target: 'policies/draft.md', anchor: 'scope'})
  })

  it('names a path no file has', () => {
    expect(from('policies/password.md', 'access-controls.md')).toEqual({kind: 'missing', rawPath: 'access-controls.md', target: 'policies/access-controls.md'})
  })

  it('leaves alone what it does not follow: other hosts, the same page, absolute paths, outside the folder', () => {
    expect(from('policies/password.md', 'https://example.com/a.md')).toEqual({kind: 'external'})
    expect(from('policies/password.md', '//example.com/a.md')).toEqual({kind: 'external'})
    expect(from('policies/password.md', '')).toEqual({kind: 'external'})
    expect(from('policies/password.md', '#scope')).toEqual({kind: 'fragment', anchor: 'scope'})
    expect(from('policies/password.md', '/policies/access-control.md')).toEqual({kind: 'absolute', rawPath: '/policies/access-control.md'})
    expect(from('policies/password.md', '../README.md')).toEqual({kind: 'outside', rawPath: '../README.md'})
  })
})
