// Copies of plain values that share no memory with the source text they were cut from. V8 keeps
// a string sliced from a longer one as a view of it, so one heading slug or front matter field
// would otherwise keep its document's whole text alive for the rest of a check.

/** `value` with every string copied, through arrays and plain objects; any other value is kept as it is. */
export function ownCopy<Value>(value: Value): Value {
  if (typeof value === 'string') return (value.length < minimumSlice ? value : JSON.parse(JSON.stringify(value))) as Value
  if (Array.isArray(value)) return value.map(ownCopy) as Value
  if (value === null || typeof value !== 'object') return value
  const prototype = Object.getPrototypeOf(value) as object | null
  if (prototype !== Object.prototype && prototype !== null) return value
  // A literal shares its hidden class with every copy of the same shape.
  const copy = (prototype === null ? Object.create(null) : {}) as Record<string, unknown>
  for (const key of Object.keys(value)) {
    const field = ownCopy((value as Record<string, unknown>)[key])
    if (key === '__proto__') Object.defineProperty(copy, key, {value: field, enumerable: true, writable: true, configurable: true})
    else copy[key] = field
  }
  return copy as Value
}

// V8 copies a slice shorter than this instead of pointing into the longer string.
const minimumSlice = 13
