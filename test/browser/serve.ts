// A static file server on 127.0.0.1 for a built site, and Debian's Chromium driven by
// playwright-core, for page tests and screenshots. No browser is ever downloaded.
import {createServer, type Server} from 'node:http'
import {existsSync, readFileSync, statSync} from 'node:fs'
import type {AddressInfo} from 'node:net'
import {extname, join, normalize} from 'node:path'
import {chromium, type Browser} from 'playwright-core'

// As GitHub Pages serves them.
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json'
}

export async function serve(dir: string): Promise<{url: string; close(): Promise<void>}> {
  const server: Server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname)).replace(/^(\.\.[/\\])+/, '')
    let file = join(dir, path)
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html')
    if (!file.startsWith(dir) || !existsSync(file)) {
      response.writeHead(404, {'content-type': 'text/plain'})
      response.end('not found')
      return
    }
    response.writeHead(200, {'content-type': types[extname(file)] ?? 'application/octet-stream'})
    response.end(readFileSync(file))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve()))}
}

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) throw new Error(`Chromium is not at ${chromiumPath}; install Debian's chromium package (apt-get install -y chromium) or set CHROMIUM_PATH`)
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage']
  })
}
