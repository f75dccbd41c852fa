// Text from a pull request (commit subjects, author names, front matter, file names) may carry
// terminal control sequences that clear the screen, set the window title, move the cursor or
// hide text. Everything Charter prints passes through the outputs here, so such characters are
// shown as `\u001b`-style escapes instead (model/printable-text.ts); inside a JSON string that
// notation means the same character.

import {printableOutput} from '../model/printable-text'

let colourWrite = false

/** What commands write to (cli/command.ts `Output`), over a stream such as process.stdout. */
export interface EscapedOutput {
  write(text: string): void
  writeColoured(text: string): void
  readonly isTTY: boolean
}

/**
 * An output that escapes control characters in everything written to it; `writeColoured` is for
 * output whose colour codes Charter wrote itself, every value in it escaped beforehand (check's
 * pretty report on a terminal).
 */
export function escapedOutput(stream: {write(text: string): unknown; isTTY?: boolean}): EscapedOutput {
  return {
    write(text) {
      stream.write(printableOutput(text))
    },
    writeColoured(text) {
      colourWrite = true
      try {
        stream.write(printableOutput(text, true))
      } finally {
        colourWrite = false
      }
    },
    isTTY: Boolean(stream.isTTY)
  }
}

/**
 * Makes a process stream escape control characters in everything written to it, whatever writes
 * it (a library's warning too), and end quietly when its reader goes away (`charter audit | head`):
 * later writes are dropped, the command finishes and exits with its own status.
 */
export function guardOutput(stream: NodeJS.WriteStream): void {
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean
  let closed = false
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
    closed = true
  })
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (closed) return true
    return write(typeof chunk === 'string' ? printableOutput(chunk, colourWrite) : chunk, ...rest)
  }) as typeof stream.write
}
