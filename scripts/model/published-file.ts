// What the bundle may publish besides its own pages: attachments a document links to, and the
// logo. Pure: the facts about each file come from load/files.ts; check and build both ask here.

/** What the file system says about a file, gathered once when the documents folder is listed. */
export interface FileFacts {
  kind: 'file' | 'symlink' | 'directory' | 'fifo' | 'socket' | 'device' | 'missing' | 'outside' | 'unreadable'
  size: number
  /** How many names the file has on disk: more than one is a hard link. */
  links: number
  /** The leading bytes (the whole file, when read for publishing), for its content type. */
  head: Uint8Array
  /** True when `head` holds the whole file. */
  whole?: boolean
  /** For `unreadable`: the error code. */
  code?: string
}

/** Attachments over this size are refused: evidence belongs in the audit pack, not the page. */
export const maxAttachmentBytes = 10 * 1024 * 1024
export const maxLogoBytes = 1024 * 1024
/** How many leading bytes are read when the folder is listed. */
export const headBytes = 512

type ContentType = 'pdf' | 'png' | 'jpeg' | 'text'

const attachmentTypes: Record<string, ContentType> = {pdf: 'pdf', png: 'png', jpg: 'jpeg', jpeg: 'jpeg', txt: 'text', csv: 'text'}
const logoTypes: Record<string, ContentType> = {png: 'png', jpg: 'jpeg', jpeg: 'jpeg'}
const typeNames: Record<ContentType, string> = {pdf: 'a PDF', png: 'a PNG image', jpeg: 'a JPEG image', text: 'UTF-8 text'}

// What to do with a type the page will not serve, by extension.
const advice: Record<string, string> = {
  html: 'convert it to PDF',
  htm: 'convert it to PDF',
  xhtml: 'convert it to PDF',
  mht: 'convert it to PDF',
  mhtml: 'convert it to PDF',
  xml: 'convert it to PDF, or attach it as .txt',
  svg: 'export it as PNG',
  svgz: 'export it as PNG',
  gif: 'convert it to PNG',
  webp: 'convert it to PNG',
  bmp: 'convert it to PNG',
  tif: 'convert it to PNG',
  tiff: 'convert it to PNG',
  js: 'attach it as .txt, or link to its source with a full https:// URL',
  mjs: 'attach it as .txt, or link to its source with a full https:// URL',
  json: 'attach it as .txt',
  yaml: 'attach it as .txt',
  yml: 'attach it as .txt'
}

export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1)
  const dot = name.lastIndexOf('.')
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase()
}

/** Why a linked attachment may not be published, or undefined when it may. */
export function attachmentProblem(path: string, facts: FileFacts): string | undefined {
  const kind = kindProblem(path, facts, 'attachment')
  if (kind) return kind
  const extension = extensionOf(path)
  const type = attachmentTypes[extension]
  if (!type) {
    const shown = extension === '' ? 'attachment without an extension' : `\`.${extension}\` attachment`
    return `Unexpected ${shown} \`${path}\`, expected PDF, PNG, JPEG, plain text (.txt) or CSV, which cannot run script on the security page; ${advice[extension] ?? 'convert it to PDF, or link to it with a full https:// URL'}`
  }
  if (facts.size > maxAttachmentBytes) {
    return `Unexpected ${megabytes(facts.size)} attachment \`${path}\`, expected one under ${megabytes(maxAttachmentBytes)}; make it smaller, or link to it with a full https:// URL`
  }
  return contentProblem(path, facts, type)
}

/** Why `branding.logo` may not be published, or undefined when it may. */
export function logoProblem(path: string, facts: FileFacts): string | undefined {
  if (facts.kind === 'missing') return `Unexpected \`branding.logo\` \`${path}\`: no such file in the repository; add the image, or remove \`branding.logo\``
  if (facts.kind === 'directory') return `Unexpected folder \`${path}\` as \`branding.logo\`, expected a PNG or JPEG file; name the image itself, e.g. \`${path.replace(/\/$/, '')}/logo.png\``
  const kind = kindProblem(path, facts, 'logo')
  if (kind) return kind
  const extension = extensionOf(path)
  const type = logoTypes[extension]
  if (!type) {
    const why = extension === 'svg' ? 'an SVG can carry script' : 'the page shows only these'
    return `Unexpected \`.${extension}\` logo \`${path}\`, expected PNG or JPEG (${why}); ${extension === 'svg' ? 'export it as PNG' : 'convert it to PNG'}`
  }
  if (facts.size > maxLogoBytes) return `Unexpected ${megabytes(facts.size)} logo \`${path}\`, expected one under ${megabytes(maxLogoBytes)}; export it smaller (it is shown 32 pixels high)`
  return contentProblem(path, facts, type)
}

function kindProblem(path: string, facts: FileFacts, role: 'attachment' | 'logo'): string | undefined {
  switch (facts.kind) {
    case 'file':
      if (facts.links > 1) return `Unexpected hard link \`${path}\` (the file has ${facts.links} names on disk), expected a file of its own; replace it with a copy`
      return undefined
    case 'symlink':
      return `Unexpected symbolic link \`${path}\`, expected a regular file: the ${role} would publish whatever the link points at; copy the file into the repository instead of linking to it`
    case 'outside':
      return `Unexpected \`${path}\` inside a symbolically linked folder, expected a regular file in the repository; copy the file into the repository instead of linking to its folder`
    case 'fifo':
      return `Unexpected named pipe \`${path}\`, expected a regular file; replace it with the file itself`
    case 'socket':
      return `Unexpected socket \`${path}\`, expected a regular file; replace it with the file itself`
    case 'device':
      return `Unexpected device file \`${path}\`, expected a regular file; replace it with the file itself`
    case 'directory':
      return `Unexpected folder \`${path}\`, expected a file; link to a file inside it`
    case 'missing':
      return `Unexpected \`${path}\`: no such file; add it, or fix the link`
    case 'unreadable':
      return `Unexpected ${facts.code ?? 'error'} while reading \`${path}\`; check that the file is readable`
  }
}

function contentProblem(path: string, facts: FileFacts, type: ContentType): string | undefined {
  const found = sniff(facts.head)
  if (type === 'text') {
    if (found === 'text' || found === 'empty') return textProblem(path, facts)
    return `Unexpected ${describeContent(found)} in the text file \`${path}\`, expected UTF-8 text; save it as plain text, or attach it with the extension of what it is`
  }
  if (found === type) return undefined
  return `Unexpected ${describeContent(found)} in \`${path}\`, expected ${typeNames[type]} as its extension says; export it again as ${type.toUpperCase()}`
}

function textProblem(path: string, facts: FileFacts): string | undefined {
  const text = decodeText(facts.head, !facts.whole)
  if (text === undefined) return `Unexpected bytes that are not UTF-8 in the text file \`${path}\`, expected UTF-8 text; re-save it as UTF-8`
  // A browser that guesses types may take text opening with markup for a web page.
  if (/^[\s\uFEFF]*</.test(text)) return `Unexpected markup at the start of the text file \`${path}\`, expected plain text: a browser may read it as a web page; attach it as PDF, or start it with text`
  return undefined
}

type Sniffed = ContentType | 'html' | 'svg' | 'xml' | 'empty' | 'binary'

/** The content type the leading bytes show, whatever the extension says. */
export function sniff(head: Uint8Array): Sniffed {
  if (head.length === 0) return 'empty'
  const starts = (...bytes: number[]) => bytes.every((byte, index) => head[index] === byte)
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'pdf'
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png'
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg'
  if (head.includes(0)) return 'binary'
  const text = decodeText(head, true)
  if (text === undefined) return 'binary'
  const start = text.replace(/^[\s\uFEFF]+/, '').slice(0, 256).toLowerCase()
  if (/^<svg[\s>]/.test(start) || /^<\?xml[\s\S]*<svg[\s>]/.test(start)) return 'svg'
  if (/^<\?xml/.test(start)) return 'xml'
  if (/^<(!doctype html|html|head|body|script|iframe|div|p|a|b|br|h1|table|style|title|font|!--|object|embed|meta|img)[\s>/]/.test(start)) return 'html'
  return 'text'
}

function describeContent(found: Sniffed): string {
  const names: Record<Sniffed, string> = {pdf: 'PDF content', png: 'PNG content', jpeg: 'JPEG content', text: 'text', html: 'HTML content', svg: 'SVG content', xml: 'XML content', empty: 'empty file', binary: 'binary data'}
  return names[found]
}

function decodeText(bytes: Uint8Array, partial: boolean): string | undefined {
  if (bytes.includes(0)) return undefined
  try {
    return new TextDecoder('utf-8', {fatal: true}).decode(bytes, {stream: partial})
  } catch {
    return undefined
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`
}
