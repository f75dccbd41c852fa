// Which framework controls the approved documents cover, and which in-scope controls nothing
// covers. For ISO/IEC 27001 this is also a draft Statement of Applicability.
import {catalogs, type Control} from './catalogs'
import type {DocumentMeta, Framework} from './document'
import type {Config, Soc2Category} from './config-shape'
import {registerControls, registerName, type RegisterStanding} from './register-standing'

export interface ControlCoverage {
  control: Control
  /** SOC 2: the control's category is in scope. ISO: the control is applicable. */
  inScope: boolean
  /** Ids of approved documents that map the control. */
  documents: string[]
  /** ISO only: why the control is excluded or how it is met. */
  justification?: string
  /** Set on the controls a vendor register evidences, when the repository keeps one: whether it counts (it is current). */
  register?: boolean
}

export interface FrameworkCoverage {
  framework: Framework
  name: string
  controls: ControlCoverage[]
  gaps: ControlCoverage[]
  /** The vendor register as judged, when the repository keeps one. */
  register?: RegisterStanding
}

const soc2Categories: Record<string, Soc2Category> = {A1: 'availability', C1: 'confidentiality', PI1: 'processing_integrity'}

function soc2Category(group: string): Soc2Category {
  if (group.startsWith('CC')) return 'security'
  return soc2Categories[group] ?? 'privacy'
}

/**
 * A control is covered by an approved document that maps it, or, for the controls in
 * `registerControls`, by a current vendor register. Without `register` the result is as it was
 * before the register existed.
 */
export function coverage(framework: Framework, documents: readonly Partial<DocumentMeta>[], config: Config, register?: RegisterStanding): FrameworkCoverage {
  const catalog = catalogs[framework]
  const approved = documents.filter((meta) => meta.status === 'approved' && meta.id !== undefined)
  const controls = catalog.controls.map((control): ControlCoverage => {
    const covering = approved.filter((meta) => meta.controls?.[framework]?.includes(control.id)).map((meta) => meta.id!)
    const counted = register && registerControls[framework].includes(control.id) ? {register: register.current} : {}
    if (framework === 'soc2') return {control, inScope: config.soc2.categories.includes(soc2Category(control.group)), documents: covering, ...counted}
    const decision = config.iso27001.controls[control.id]
    const inScope = decision?.applicable ?? true
    const evidence = counted.register ? [...covering, `the ${registerName}`] : covering
    const justification = decision?.justification ?? (evidence.length > 0 ? `Addressed by ${evidence.join(', ')}` : 'Not yet addressed by an approved document')
    return {control, inScope, documents: covering, justification, ...counted}
  })
  const gaps = controls.filter((entry) => entry.inScope && entry.documents.length === 0 && !entry.register)
  return {framework, name: catalog.name, controls, gaps, ...(register ? {register} : {})}
}
