// The files a bundle publishes besides its own pages: the attachments documents link to and
// the logo, each read once, as a regular file of an inert type; one that is not stays out.
import {readRegularFile} from '../load/files'
import {attachmentProblem, maxAttachmentBytes} from '../model/published-file'

/** The attachments the pages link to, read on the first link to each. */
export class Attachments {
  private readonly read = new Map<string, Buffer | undefined>()

  constructor(private readonly root: string) {}

  /** The attachment's bytes, or undefined when it may not be published (check says why). */
  bytes(path: string): Buffer | undefined {
    if (!this.read.has(path)) this.read.set(path, publishable(this.root, path, maxAttachmentBytes, attachmentProblem))
    return this.read.get(path)
  }

  /** Every attachment linked to that may be published, by path. */
  published(): [string, Buffer][] {
    return [...this.read]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .flatMap(([path, bytes]) => (bytes ? [[path, bytes] as [string, Buffer]] : []))
  }
}

/** The file's bytes when it may be published (check reports why not; the build leaves it out). */
export function publishable(root: string, path: string, limit: number, problemOf: typeof attachmentProblem): Buffer | undefined {
  const read = readRegularFile(root, path, limit)
  if (!('facts' in read) || problemOf(path, read.facts)) return undefined
  return Buffer.from(read.facts.head)
}
