// The PDF threads as the build uses them: a failure in a thread reaches the build as the error it
// was (a user's mistake, a disk fault), and closing the pool after a failure leaves nothing behind
// that would end the program before that failure is reported.
import {describe, expect, it} from 'vitest'
import {startPdfPool} from '../scripts/bundle/pdf-pool'
import {pdfDocumentTask} from '../scripts/bundle/pdf-inputs'
import {parseDocument} from '../scripts/load/parse'
import {UsageError, UserError} from '../scripts/model/errors'
import {errorOf, failureOf, type PdfTask} from '../scripts/render/pdf-tasks'
import {pdfDocumentOf, pdfFacts} from './fixtures/pdf-cases'

const documentTask = (title: string): PdfTask => ({kind: 'document', document: pdfDocumentTask(pdfDocumentOf(parseDocument(`policies/${title}.md`, '## Purpose\n\nText.\n').tree, title))})

describe('a failure from a PDF thread', () => {
  it('comes back as the error it was: its class, exit status, message, code and path', () => {
    const usage = errorOf(failureOf(new UsageError('Unexpected option')))
    expect(usage).toBeInstanceOf(UsageError)
    expect([usage.message, (usage as UsageError).exitCode]).toEqual(['Unexpected option', 2])
    const user = errorOf(failureOf(new UserError('branding.logo is damaged')))
    expect(user).toBeInstanceOf(UserError)
    expect([user.message, (user as UserError).exitCode]).toEqual(['branding.logo is damaged', 1])
    const disk = errorOf(failureOf(Object.assign(new Error('ENOSPC: no space left on device'), {code: 'ENOSPC', path: 'dist/pdf/a.pdf'})))
    expect(disk).not.toBeInstanceOf(UserError)
    expect({message: disk.message, code: (disk as NodeJS.ErrnoException).code, path: (disk as NodeJS.ErrnoException).path}).toEqual({message: 'ENOSPC: no space left on device', code: 'ENOSPC', path: 'dist/pdf/a.pdf'})
  })

  it('rejects its own task only, with the error the thread met', async () => {
    const pool = startPdfPool({bundle: pdfFacts('public'), destinations: []}, 2, 2)
    try {
      expect(pool.size).toBe(2)
      const broken = {kind: 'document', document: {...(documentTask('Beta') as {document: object}).document, tree: undefined}} as unknown as PdfTask
      const [good, bad] = [pool.render(documentTask('Alpha')), pool.render(broken)]
      await expect(bad).rejects.toThrow("Cannot read properties of undefined (reading 'children')")
      expect(Buffer.from((await good).pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-')
    } finally {
      await pool.close()
    }
  })

  it('leaves the tasks still running unsettled once the pool is closed, so none ends the program unhandled', async () => {
    const pool = startPdfPool({bundle: pdfFacts('public'), destinations: []}, 4, 2)
    const settled: string[] = []
    // No handler awaits these, as after a failure earlier in the build: settling either way would be seen.
    for (const title of ['A', 'B', 'C', 'D']) void pool.render(documentTask(title)).then(() => settled.push(`${title} resolved`), () => settled.push(`${title} rejected`))
    await pool.close()
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(settled).toEqual([])
  })
})
