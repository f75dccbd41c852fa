// Where each file sits in a bundle: the site's pages in site/, the PDFs in pdf/, a document's
// own page and PDF in a folder of their own, so no id can name one of the site's own files.
export const combinedPdfName = 'security-policies.pdf'
export const documentFolder = 'documents'

export const pagePath = (id: string) => `site/${documentFolder}/${id}.html`
export const pdfPath = (id: string) => `pdf/${documentFolder}/${id}.pdf`

/** A document's page as a site page links to it: from the site's top folder, or from beside it. */
export const pageHref = (id: string, from: 'top' | 'document' = 'top') => `${from === 'top' ? `${documentFolder}/` : ''}${id}.html`

/** A control's row on the controls page (site/controls.html), which a document page links to. */
export const controlAnchor = (framework: string, id: string) => `control-${framework}-${id}`
