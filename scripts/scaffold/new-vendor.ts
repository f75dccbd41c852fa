// A new vendor file, rendered from templates/new/vendor.yaml.hbs: evaluating, reaching no data
// until the file says otherwise, so it passes `charter check` as soon as it is written.
import {existsSync} from 'node:fs'
import {join} from 'node:path'
import type {Config} from '../model/config-shape'
import {UserError} from '../model/errors'
import {writeFilesAtomically} from '../write/atomic'
import {renderTemplate, templatePath} from './templates'

class NewVendorRefused extends UserError {}

export interface NewVendor {
  id: string
  name: string
  owner: string
  /** Today, YYYY-MM-DD, for the commented examples. */
  date: string
}

/** Writes `<id>.yaml` in the vendors folder, never over an existing file; returns its path. */
export function createVendor(root: string, config: Pick<Config, 'vendors'>, request: NewVendor): string {
  const path = `${config.vendors.folder}/${request.id}.yaml`
  if (existsSync(join(root, path))) throw new NewVendorRefused(`a vendor with the id \`${request.id}\` already exists (${path}); pass a different --id`)
  const template = templatePath(root, 'new/vendor.yaml.hbs')
  if (!template) throw new NewVendorRefused('templates/new/vendor.yaml.hbs is missing; add it (Charter ships one to copy)')
  const content = renderTemplate(template, {...request, services: `What ${request.name} is used for`})
  writeFilesAtomically(root, new Map([[path, `${content.trimEnd()}\n`]]), {expected: new Map([[path, undefined]])})
  return path
}
