// Per-request cost of the GitHub client's layers, in one process: 30 awaited GETs to a local
// stand-in on 127.0.0.1 through plain fetch, Octokit's core, core + plugin-retry, and core +
// plugin-throttling; the median of 7 rounds each, in milliseconds per request.
//   node bench/octokit-requests.js
import {createServer} from 'node:http'
import {Octokit} from '@octokit/core'
import {retry} from '@octokit/plugin-retry'
import {throttling} from '@octokit/plugin-throttling'

const server = createServer((request, response) => {
  response.writeHead(200, {'content-type': 'application/json; charset=utf-8'})
  response.end(JSON.stringify([{id: 1, user: {login: 'bob'}, state: 'APPROVED', body: ''}]))
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const base = `http://127.0.0.1:${server.address().port}`
const url = `${base}/repos/example/policies/pulls/1/reviews`
const throttle = {onRateLimit: () => false, onSecondaryRateLimit: () => false}
const octokit = (...plugins) => {
  const client = new (Octokit.plugin(...plugins))({baseUrl: base, throttle})
  return () => client.request({method: 'GET', url})
}
const layers = {
  fetch: async () => (await fetch(url)).json(),
  'Octokit core': octokit(),
  'core + plugin-retry': octokit(retry),
  'core + plugin-throttling': octokit(throttling)
}
const median = (numbers) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)]
console.log('| layer | ms per request |\n| --- | --- |')
for (const [name, ask] of Object.entries(layers)) {
  const rounds = []
  for (let round = 0; round < 8; round++) {
    const started = performance.now()
    for (let request = 0; request < 30; request++) await ask()
    // The first round warms up.
    if (round > 0) rounds.push((performance.now() - started) / 30)
  }
  console.log(`| ${name} | ${median(rounds).toFixed(1)} |`)
}
server.close()
