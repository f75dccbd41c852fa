// .github/CODEOWNERS from the repository: each document needs a review from the GitHub users or
// teams of its owner and approver roles, each vendor file from its owner's, and the gate itself
// (the config, the roster, the workflows and the toolkit) from the roles that approve config
// changes (github.handles in the config maps roles to handles).
import {repositoryPath} from '../load/files'
import {codeownersHeader, gatePaths} from '../model/codeowners-text'
import type {Config} from '../model/config-shape'
import type {Document} from '../model/document'
import type {Vendor} from '../model/vendor'

export interface CodeownersPlan {
  text: string
  /** Roles with no handle, per file (or `the gate`); such a file is protected by the others only. */
  unmapped: {path: string; roles: string[]}[]
  /** Documents none of whose roles has a handle: nobody is required to review them. */
  unowned: string[]
  /** Files whose path CODEOWNERS cannot name safely (a control character, `*`, `?`, `[`, `#`, `\\`, a tab): covered by the gate's folder line only. */
  unsafe: string[]
  /** How many documents and vendor files have a line of their own. */
  documentLines: number
  vendorLines: number
  /** Vendor files (retired ones are not named) whose owner has no handle. */
  unownedVendors: string[]
  /** The handles every change to the gate needs one review from; empty when none is mapped. */
  gateOwners: string[]
}

export interface CodeownersInputs {
  documents: readonly Pick<Document, 'path' | 'meta'>[]
  handles: Readonly<Record<string, string>>
  /** The documents folder, repository-relative. */
  folder: string
  /** The config file, repository-relative; undefined when it lies outside the repository. */
  configPath?: string
  /** The roster's `config_approvers`; undefined means every document owner and approver, as the audit counts them. */
  configApprovers?: readonly string[]
  /** The vendors folder and each vendor file with its owner role, when the repository keeps a register. */
  vendors?: {folder: string; files: readonly {path: string; owner?: string}[]}
}

/** The label the gate's unmapped roles are listed under. */
export const gateLabel = 'the gate (config, roster, workflows, toolkit, new documents and vendors)'

export function planCodeowners(inputs: CodeownersInputs): CodeownersPlan {
  const {handles} = inputs
  const unmapped: CodeownersPlan['unmapped'] = []
  const owned = (path: string, roles: readonly (string | undefined)[]): string[] => {
    const named = [...new Set(roles.filter((role): role is string => role !== undefined))]
    const missing = named.filter((role) => !handles[role])
    if (missing.length > 0) unmapped.push({path, roles: missing})
    return [...new Set(named.flatMap((role) => (handles[role] ? [handles[role]!] : [])))]
  }
  // A path CODEOWNERS could read as more than one file, or as more than one line, gets no line of
  // its own (the gate's folder line still covers it) and is named instead.
  const unsafe: string[] = []
  const line = (path: string, found: string[]) => {
    if (!/^[A-Za-z0-9._/ -]+$/.test(path)) {
      unsafe.push(path)
      return []
    }
    return [`/${path.split(' ').join('\\ ')} ${found.join(' ')}`]
  }
  const documents = [...inputs.documents].sort((a, b) => (a.path < b.path ? -1 : 1))

  // The gate first: a more specific line below wins for a document or vendor it already names.
  const approvers = inputs.configApprovers ?? documents.flatMap((document) => [document.meta.owner, ...(document.meta.approvers ?? [])])
  const gateOwners = owned(gateLabel, approvers)
  const gate = gateOwners.length === 0 ? [] : gatePaths({folder: inputs.folder, configPath: inputs.configPath, vendorsFolder: inputs.vendors?.folder}).flatMap((path) => line(path, gateOwners))

  const unowned: string[] = []
  const documentLines: string[] = []
  for (const document of documents) {
    const found = owned(document.path, [document.meta.owner, ...(document.meta.approvers ?? [])])
    if (found.length === 0) unowned.push(document.path)
    else documentLines.push(...line(document.path, found))
  }
  const unownedVendors: string[] = []
  const vendorLines: string[] = []
  for (const vendor of [...(inputs.vendors?.files ?? [])].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const found = owned(vendor.path, [vendor.owner])
    if (found.length === 0) unownedVendors.push(vendor.path)
    else vendorLines.push(...line(vendor.path, found))
  }
  const sections = [
    ...(gate.length > 0 ? [['# The gate, and any document or vendor added: the roles that approve config changes.', ...gate]] : []),
    ...(documentLines.length > 0 ? [['# Each document: its owner and approvers.', ...documentLines]] : []),
    ...(vendorLines.length > 0 ? [['# Each vendor: its owner.', ...vendorLines]] : [])
  ]
  return {text: `${[...codeownersHeader, ...sections.flatMap((section) => ['', ...section])].join('\n')}\n`, unmapped, unowned, unsafe: [...new Set(unsafe)], documentLines: documentLines.length, vendorLines: vendorLines.length, unownedVendors, gateOwners}
}

/** The plan's inputs from what `check` or `codeowners` read; `configPath` as given on the command line. */
export function codeownersInputs(
  root: string,
  configPath: string,
  config: Pick<Config, 'documents' | 'github'>,
  documents: readonly Pick<Document, 'path' | 'meta'>[],
  register: {folder: string; files: readonly {path: string; vendor: Partial<Vendor>}[]},
  configApprovers?: readonly string[]
): CodeownersInputs {
  const path = repositoryPath(root, configPath)
  // A retired vendor, like a retired document, names no reviewer of its own; the gate still covers its file.
  const vendors = register.files.filter(({vendor}) => vendor.status !== 'retired')
  return {
    documents,
    handles: config.github.handles,
    folder: config.documents,
    ...(path !== undefined ? {configPath: path} : {}),
    ...(configApprovers ? {configApprovers} : {}),
    ...(register.files.length > 0 ? {vendors: {folder: register.folder, files: vendors.map(({path, vendor}) => ({path, ...(typeof vendor.owner === 'string' ? {owner: vendor.owner} : {})}))}} : {})
  }
}
