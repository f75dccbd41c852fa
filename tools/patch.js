// One speed patch to one file of an installed package, applied the same way wherever the parser
// is loaded: by esbuild when tools/compile.js builds lib/charter.cjs, and by Vite when vitest runs
// the tests (vitest.config.ts). A patch that no longer matches its file stops both, never silently.
import {readFileSync} from 'node:fs'
import {readFile} from 'node:fs/promises'

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
const pins = {...manifest.dependencies, ...manifest.devDependencies}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * A patch of `file` (its path inside the package, such as `lib/index.js`) in the package
 * `packageName`, made by `tool` (the tools/ file that defines it). `apply` returns the patched
 * source, or undefined when the source is not the one it was written for. The package must be
 * pinned to one exact version in package.json: the patch was written against that version's code.
 */
export function sourcePatch({name, tool, packageName, file, apply}) {
  const version = pins[packageName]
  const packageFolder = `[\\\\/]node_modules[\\\\/]${escape(packageName)}[\\\\/]`
  const filter = new RegExp(`${packageFolder}${file.split('/').map(escape).join('[\\\\/]')}$`)

  /** The patched source; throws the message a person sees when `source` (of the installed `found` version) does not match. */
  function transform(source, found) {
    if (!/^\d+\.\d+\.\d+$/.test(version ?? '')) {
      throw new Error(`${tool} patches ${packageName}, so package.json must pin it to one exact version, such as "${found}", not ${JSON.stringify(version ?? 'nothing')}`)
    }
    const patched = apply(source)
    if (patched === undefined) {
      throw new Error(
        `${tool} no longer applies to ${packageName} ${found} (its ${file} is not the code of ${version}, the version package.json pins): ` +
          `run \`npm ci\` to install ${packageName} ${version}; to upgrade it instead, rewrite the patch for the new ${file} and pin the new version`
      )
    }
    return patched
  }

  /** The version in the package.json of the installed package that holds `path`. */
  function installedVersion(path) {
    const folder = path.match(new RegExp(`^(.*${packageFolder})`))[1]
    return JSON.parse(readFileSync(`${folder}package.json`, 'utf8')).version
  }

  return {
    packageName,
    version,
    transform,
    /** For esbuild: tools/compile.js and the tests that bundle the parser. */
    esbuild: {
      name,
      setup(build) {
        build.onLoad({filter}, async ({path}) => ({contents: transform(await readFile(path, 'utf8'), installedVersion(path)), loader: 'js'}))
      }
    },
    /** For Vite, which vitest loads modules through; the package must be inlined (`server.deps.inline`) to pass here. */
    vite: {
      name,
      enforce: 'pre',
      transform(code, id) {
        const path = id.split('?')[0]
        return filter.test(path) ? {code: transform(code, installedVersion(path)), map: null} : undefined
      }
    }
  }
}
