// Measuring text was most of a PDF's time; here it costs less, with the same measures. pdfmake
// measures every text again on each layout pass, and the heading keeper (pdf-keep.ts) asks for
// several passes a document: a pass that meets the same texts in the same order as the first gets
// the first pass's measures back, as fresh copies, since laying out takes them apart and edits
// them. And its style lookups, some twenty for every word, allocate nothing.
import type {createRequire} from 'node:module'

interface Inline {
  [key: string]: unknown
}

interface MeasuredText {
  text?: unknown
  _textRef?: unknown
  _inlines?: Inline[]
  _minWidth?: number
  _maxWidth?: number
}

/** A text as the first pass measured it: the node and text it was, and pristine copies of its inlines. */
interface Measure {
  node: MeasuredText
  text: unknown
  inlines: Inline[] | undefined
  minWidth: number | undefined
  maxWidth: number | undefined
}

interface DocMeasurePrototype {
  measureDocument(this: DocMeasureInstance, structure: unknown): unknown
  measureLeaf(this: DocMeasureInstance, node: MeasuredText): MeasuredText
}

/** One PDF's measurer: pdfmake makes one per layout, and runs every pass of that layout through it. */
interface DocMeasureInstance {
  charterMeasures?: {kept: Measure[]; next: number; inDocument: boolean}
}

let kept = false

/** Wraps the measurer of the pdfmake that `require` loads; idempotent. */
export function keepMeasures(require: ReturnType<typeof createRequire>): void {
  if (kept) return
  kept = true
  const prototype = (require('pdfmake/js/DocMeasure') as {default: {prototype: DocMeasurePrototype}}).default.prototype
  const {measureDocument, measureLeaf} = prototype
  if ([measureDocument, measureLeaf].some((method) => typeof method !== 'function')) {
    throw new Error('The installed pdfmake is not the version package.json pins: run `npm ci`')
  }
  prototype.measureDocument = function (structure) {
    // Texts are met in the tree's order, the same in every pass: the n-th is the n-th of the first pass.
    const measures = (this.charterMeasures ??= {kept: [], next: 0, inDocument: false})
    measures.next = 0
    measures.inDocument = true
    try {
      return measureDocument.call(this, structure)
    } finally {
      measures.inDocument = false
    }
  }
  prototype.measureLeaf = function (node) {
    const measures = this.charterMeasures
    // Headers and footers are measured while laying out, made anew on each pass: never kept.
    if (!measures?.inDocument || node._textRef) return measureLeaf.call(this, node)
    const at = measures.next++
    const before = measures.kept[at]
    // The same node with the same text at the same place in the tree has the same styles around it.
    if (before && before.node === node && before.text === node.text) {
      node._inlines = before.inlines?.map((inline) => ({...inline}))
      node._minWidth = before.minWidth
      node._maxWidth = before.maxWidth
      return node
    }
    measureLeaf.call(this, node)
    measures.kept[at] = {node, text: node.text, inlines: node._inlines?.map((inline) => ({...inline})), minWidth: node._minWidth, maxWidth: node._maxWidth}
    return node
  }
}

interface StyleStack {
  styleDictionary: Record<string, Record<string, unknown> | undefined>
  defaultStyle?: Record<string, unknown>
  styleOverrides?: unknown[]
  autopush(item: unknown): number
  pop(count: number): void
  getProperty(property: string): unknown
}

interface StyleStackClass {
  prototype: StyleStack
  getStyleProperty(item: Record<string, unknown>, stack: StyleStack | undefined, property: string, fallback: unknown): unknown
}

let quickened = false

const isValue = (value: unknown) => value !== undefined && value !== null

/**
 * pdfmake looks up some twenty style properties for every word it measures, and each lookup made
 * a closure and, for each named style on the stack, a Set: a tenth of a PDF's time, and much of
 * its garbage. The same lookups, in the same order with the same results, without them; a style
 * that extends others is looked up as pdfmake does.
 */
export function quickenStyleLookups(require: ReturnType<typeof createRequire>): void {
  if (quickened) return
  quickened = true
  const stackClass = (require('pdfmake/js/StyleContextStack') as {default: StyleStackClass}).default
  const {getProperty} = stackClass.prototype
  if (typeof getProperty !== 'function' || typeof stackClass.getStyleProperty !== 'function') {
    throw new Error('The installed pdfmake is not the version package.json pins: run `npm ci`')
  }
  stackClass.prototype.getProperty = function (property) {
    const overrides = this.styleOverrides
    if (overrides) {
      for (let index = overrides.length - 1; index >= 0; index--) {
        const item = overrides[index] as Record<string, unknown> | string | String
        if (typeof item === 'string' || item instanceof String) {
          const style = this.styleDictionary[item as string]
          if (!style) continue
          if (isValue(style[property])) return style[property]
          if (!style.extends) continue
          // pdfmake's own walk through the styles it extends, on a stack of this one style.
          const value = getProperty.call({styleDictionary: this.styleDictionary, styleOverrides: [item]} as StyleStack, property)
          if (isValue(value)) return value
        } else if (isValue(item[property])) return item[property]
      }
    }
    return this.defaultStyle && this.defaultStyle[property]
  }
  stackClass.getStyleProperty = function (item, stack, property, fallback) {
    if (isValue(item[property])) return item[property]
    if (!stack) return fallback
    const pushed = stack.autopush(item)
    const value = stack.getProperty(property)
    if (pushed > 0) stack.pop(pushed)
    return isValue(value) ? value : fallback
  }
}
