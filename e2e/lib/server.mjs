// Starts `ecomops serve` on a fresh SQLite file with the demo company loaded.
import { spawn, execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { binaryPath } from './env.mjs'

const run = promisify(execFile)

function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolvePort(port))
    })
  })
}

async function waitHealthy(url, child, log, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`ecomops serve exited (${child.exitCode}):\n${log()}`)
    try {
      const res = await fetch(`${url}/healthz`)
      if (res.ok) return
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`ecomops serve did not become healthy in ${timeoutMs} ms:\n${log()}`)
}

export async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), 'ecomops-e2e-'))
  const db = join(dir, 'e2e.db')
  const demo = await run(binaryPath, ['--db', db, 'demo'], { timeout: 120_000 })
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const child = spawn(binaryPath, ['--db', db, 'serve', '--addr', `127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const keep = (b) => {
    output = (output + b.toString()).slice(-20_000)
  }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  await waitHealthy(url, child, () => output)

  const index = await (await fetch(`${url}/`)).text()
  if (!index.includes('id="app"')) {
    child.kill('SIGTERM')
    throw new Error(`${binaryPath} serves no built UI: run "cd web && npm ci && npm run build" before building the binary`)
  }

  return {
    url,
    demoOutput: demo.stdout,
    log: () => output,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM')
        await new Promise((r) => {
          const t = setTimeout(() => {
            child.kill('SIGKILL')
            r()
          }, 10_000)
          child.once('exit', () => {
            clearTimeout(t)
            r()
          })
        })
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
