// A worker thread's half of a parallel check (see check-parallel.ts): parse the share, report
// its index entries, wait for the pooled corpus, run the rules, send the messages back.
import {parentPort, workerData} from 'node:worker_threads'
import {serializeFile, type FromWorker, type Share, type ToWorker} from './check-parallel'
import {createCorpus, indexEntry} from './document'
import {documentsFolder, loadDocument} from './load/corpus'
import {lintDocuments} from './rules/run'

const share = workerData as Share
const port = parentPort!
const documents = share.paths.map((path) => loadDocument(share.root, path))
port.postMessage({type: 'index', entries: documents.map(indexEntry)} satisfies FromWorker)
port.once('message', ({entries, files}: ToWorker) => {
  lintDocuments(documents, createCorpus(documentsFolder, entries, files), share.config, share.today)
  port.postMessage({type: 'files', files: documents.map(serializeFile)} satisfies FromWorker)
})
