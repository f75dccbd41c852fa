// The control catalogs shipped in schemas/controls/: SOC 2 TSC 2017 and ISO/IEC 27001:2022 Annex A.
import iso27001 from '../../schemas/controls/iso27001.json'
import soc2 from '../../schemas/controls/soc2.json'
import type {Framework} from './document'

export interface Control {
  id: string
  group: string
  title: string
}

export interface Catalog {
  framework: Framework
  name: string
  groups: {id: string; title: string}[]
  controls: Control[]
  byId: ReadonlyMap<string, Control>
}

function catalog(source: Omit<Catalog, 'byId' | 'framework'> & {framework: string}): Catalog {
  return {...source, framework: source.framework as Framework, byId: new Map(source.controls.map((control) => [control.id, control]))}
}

export const catalogs: Record<Framework, Catalog> = {soc2: catalog(soc2), iso27001: catalog(iso27001)}
