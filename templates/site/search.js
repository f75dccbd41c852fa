// The search page's script, the only one the site serves: it asks Pagefind's index in pagefind/
// (fetched from this site, searched in the browser) and lists the pages that match. Without
// script the page keeps its plain link to the documents list instead.
const form = document.querySelector('[data-search-form]')
const input = form.querySelector('input')
const status = document.querySelector('[data-search-status]')
const list = document.querySelector('[data-search-results]')

/** How many pages, and sections within each, a search shows. */
const shownPages = 20
const shownSections = 3

let pagefind
let latest = 0

form.hidden = false
document.querySelector('[data-search-fallback]').hidden = true
// Enter runs the search here; the page has no form target to send it to.
form.addEventListener('submit', (event) => {
  event.preventDefault()
  search(input.value)
})
input.addEventListener('input', () => search(input.value))
const asked = new URLSearchParams(location.search).get('q')
if (asked) {
  input.value = asked
  search(asked)
}

async function search(query) {
  const asking = ++latest
  const term = query.trim()
  // The address keeps the query, so a search can be shared or reloaded.
  history.replaceState(null, '', term ? `?q=${encodeURIComponent(term)}` : location.pathname)
  if (!term) return show(asking, [], '')
  pagefind ??= await import('./pagefind/pagefind.js')
  const found = await pagefind.search(term)
  if (asking !== latest || !found) return
  const pages = await Promise.all(found.results.slice(0, shownPages).map((result) => result.data()))
  const count = found.results.length
  show(asking, pages, count === 0 ? `No page matches “${term}”.` : `${count} ${count === 1 ? 'page matches' : 'pages match'} “${term}”${count > shownPages ? `; the first ${shownPages} are shown` : ''}.`)
}

function show(asking, pages, message) {
  if (asking !== latest) return
  status.textContent = message
  list.replaceChildren(...pages.map(resultItem))
  list.hidden = pages.length === 0
}

/** One page found: its title as a link, the passage that matched, and the sections that match most. */
function resultItem(page) {
  const item = document.createElement('li')
  const heading = document.createElement('a')
  heading.className = 'search-title'
  heading.href = sameSite(page.url)
  heading.textContent = page.meta.title || page.url
  const excerpt = document.createElement('p')
  excerpt.append(...marked(page.excerpt))
  item.append(heading, excerpt)
  // The sections with the most matches, in the page's order.
  const sections = page.sub_results
    .filter((section) => section.url !== page.url)
    .map((section, at) => ({section, at}))
    .sort((a, b) => b.section.locations.length - a.section.locations.length || a.at - b.at)
    .slice(0, shownSections)
    .sort((a, b) => a.at - b.at)
    .map(({section}) => section)
  if (sections.length > 0) {
    const within = document.createElement('ul')
    for (const section of sections) {
      const entry = document.createElement('li')
      const link = document.createElement('a')
      link.href = sameSite(section.url)
      link.textContent = section.title
      entry.append(link)
      within.append(entry)
    }
    item.append(within)
  }
  return item
}

/** A result's address on this site; anything else is dropped rather than followed. */
function sameSite(url) {
  const target = new URL(url, location.href)
  return target.origin === location.origin ? target.href : '#'
}

/**
 * The excerpt as text with its matches marked. Pagefind marks matches with <mark>; the rest is
 * the page's words, so nothing in it is taken as markup: it is read in a document that is
 * never shown, and only its text and marks are copied.
 */
function marked(excerpt) {
  const parsed = new DOMParser().parseFromString(excerpt, 'text/html').body
  return [...parsed.childNodes].map((node) => {
    if (node.nodeName !== 'MARK') return document.createTextNode(node.textContent)
    const mark = document.createElement('mark')
    mark.textContent = node.textContent
    return mark
  })
}
