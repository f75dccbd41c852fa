// `charter coverage`'s listing: per framework, each control with the approved documents that
// cover it, and the gaps; for ISO/IEC 27001 a draft Statement of Applicability.
import type {ControlCoverage, FrameworkCoverage} from '../model/control-coverage'
import {plural} from '../model/dates'
import {describeStanding, registerName} from '../model/register-standing'
import {jsonText, listingFormats, tableCell, type Printers} from './listing'

/** Coverage also goes to spreadsheets, so it offers csv besides the listing formats. */
export const coverageFormats = [...listingFormats, 'csv'] as const
export type CoverageFormat = (typeof coverageFormats)[number]

type CoverageListing = readonly FrameworkCoverage[]

function headline(result: FrameworkCoverage): string {
  const inScope = result.controls.filter((entry) => entry.inScope).length
  return `${result.name}: ${inScope} in scope, ${inScope - result.gaps.length} covered, ${plural(result.gaps.length, 'gap')}`
}

/** The control's evidence: its documents' ids, and the register when it counts. */
const evidenceOf = (entry: ControlCoverage) => (entry.register ? [...entry.documents, registerName] : entry.documents)

/** The line on the register under a framework's table, when the repository keeps one. */
const standingLines = (result: FrameworkCoverage) => (result.register ? [describeStanding(result.register, result.framework)] : [])

function text(results: CoverageListing): string {
  return results
    .map((result) => {
      const shown = result.controls.filter((entry) => entry.inScope || result.framework === 'iso27001')
      const idWidth = Math.max(...shown.map((entry) => entry.control.id.length))
      const titleWidth = Math.max(...shown.map((entry) => entry.control.title.length))
      const lines = shown.map((entry) => {
        const documents = !entry.inScope ? `not applicable: ${entry.justification}` : evidenceOf(entry).length > 0 ? evidenceOf(entry).join(', ') : 'GAP'
        return `  ${entry.control.id.padEnd(idWidth)}  ${entry.control.title.padEnd(titleWidth)}  ${documents}`
      })
      const gaps = result.gaps.length > 0 ? [`Gaps: ${result.gaps.map((entry) => entry.control.id).join(', ')}`] : []
      return [headline(result), ...lines, ...gaps, ...standingLines(result), ''].join('\n')
    })
    .join('\n')
}

function json(results: CoverageListing): string {
  return jsonText(
    results.map((result) => ({
      framework: result.framework,
      name: result.name,
      controls: result.controls.map((entry) => ({
        id: entry.control.id,
        title: entry.control.title,
        ...(result.framework === 'soc2' ? {in_scope: entry.inScope} : {applicable: entry.inScope, justification: entry.justification}),
        documents: entry.documents,
        ...(entry.register === undefined ? {} : {vendor_register: entry.register})
      })),
      gaps: result.gaps.map((entry) => entry.control.id),
      ...(result.register ? {vendor_register: {current: result.register.current, controls: registerControlsOf(result), vendors: result.register.vendors, active: result.register.active, reasons: result.register.reasons}} : {})
    }))
  )
}

function markdown(results: CoverageListing): string {
  return results
    .map((result) => {
      const iso = result.framework === 'iso27001'
      const header = iso
        ? ['| Control | Title | Applicable | Justification | Documents |', '| --- | --- | --- | --- | --- |']
        : ['| Criterion | Title | Documents |', '| --- | --- | --- |']
      const rows = result.controls
        .filter((entry) => iso || entry.inScope)
        .map((entry) => {
          const documents = evidenceOf(entry).length > 0 ? evidenceOf(entry).join(', ') : entry.inScope ? '**gap**' : '—'
          return iso
            ? `| ${entry.control.id} | ${tableCell(entry.control.title)} | ${entry.inScope ? 'yes' : 'no'} | ${tableCell(entry.justification ?? '')} | ${documents} |`
            : `| ${entry.control.id} | ${tableCell(entry.control.title)} | ${documents} |`
        })
      const standing = standingLines(result).flatMap((line) => ['', tableCell(line)])
      return [`## ${iso ? `Statement of Applicability (draft): ${result.name}` : result.name}`, '', headline(result), '', ...header, ...rows, ...standing, ''].join('\n')
    })
    .join('\n')
}

const registerControlsOf = (result: FrameworkCoverage) => result.controls.filter((entry) => entry.register !== undefined).map((entry) => entry.control.id)

/** With a register, a last column `evidence` names it on the controls it evidences, or why it does not count. */
function csv(results: CoverageListing): string {
  const field = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value)
  const withRegister = results.some((result) => result.register)
  const evidence = (result: FrameworkCoverage, entry: ControlCoverage) => {
    if (!withRegister) return []
    if (entry.register === undefined) return ['']
    return [entry.register ? registerName : `${registerName} not current: ${result.register!.reasons.join('; ')}`]
  }
  const rows = results.flatMap((result) =>
    result.controls.map((entry) =>
      [result.framework, entry.control.id, entry.control.title, entry.inScope ? 'yes' : 'no', entry.justification ?? '', entry.documents.join(' '), result.gaps.includes(entry) ? 'yes' : 'no', ...evidence(result, entry)]
        .map(field)
        .join(',')
    )
  )
  return `${[`framework,control,title,in_scope,justification,documents,gap${withRegister ? ',evidence' : ''}`, ...rows].join('\n')}\n`
}

export const coveragePrinters: Printers<CoverageListing, CoverageFormat> = {text, json, markdown, csv}
