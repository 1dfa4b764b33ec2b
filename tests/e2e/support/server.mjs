// Starts the real `sinergi` binary on a fresh database for one test file, the way an operator
// would: load the regions, create the demo accounts, serve the built web UI.
import { execFile, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
export const artifactsDir = path.join(repoRoot, 'build/test-artifacts/e2e')

/** Password of every demo account in these tests (the server demands at least 10 characters). */
export const demoPassword = 'Sinergi-E2E-2026'

const startupTimeoutMs = 30_000
const stopTimeoutMs = 5_000

function sinergiBinary() {
  const configured = process.env.SINERGI_BIN ?? 'build/debug/sinergi'
  return path.resolve(repoRoot, configured)
}

function requireFile(file, hint) {
  if (!fs.existsSync(file)) throw new Error(`${path.relative(repoRoot, file)} is missing: ${hint}`)
}

async function freePort() {
  const server = net.createServer()
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const { port } = server.address()
  await new Promise((resolve) => server.close(resolve))
  return port
}

async function runStep(bin, args) {
  try {
    await run(bin, args, { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 })
  } catch (error) {
    throw new Error(
      `\`sinergi ${args.join(' ')}\` failed (exit ${error.code}):\n${error.stderr || error.stdout}`,
    )
  }
}

async function waitForHealth(baseUrl, child, logFile) {
  const deadline = Date.now() + startupTimeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `sinergi serve exited with ${child.exitCode} before it was healthy:\n` +
          fs.readFileSync(logFile, 'utf8').slice(-4000),
      )
    }
    try {
      const response = await fetch(`${baseUrl}/api/v1/health`)
      if (response.ok) return
    } catch {
      // Not listening yet.
    }
    await delay(200)
  }
  throw new Error(`sinergi serve did not answer /api/v1/health within ${startupTimeoutMs} ms`)
}

/**
 * A running server with the regions of Indonesia and the demo accounts (admin, koordinator,
 * kadinsos, staf.dinsos, … all with `demoPassword`). Call `stop()` when done.
 */
export async function startServer(name) {
  const bin = sinergiBinary()
  requireFile(bin, 'build the server first (or point SINERGI_BIN at it)')
  requireFile(
    path.join(repoRoot, 'web/dist/index.html'),
    'build the web UI: npm --prefix web run build',
  )
  const regionsDir = path.join(repoRoot, 'node_modules/idn-area-data/data')
  requireFile(regionsDir, 'install the tooling packages: npm ci')

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sinergi-e2e-'))
  const db = path.join(workDir, 'e2e.db')
  await runStep(bin, ['regions', 'load', '--db', db, '--from', regionsDir])
  // No generated population: each journey creates the households it needs, so the start stays fast.
  await runStep(bin, ['demo', '--db', db, '--demo-password', demoPassword, '--households', '0'])

  fs.mkdirSync(artifactsDir, { recursive: true })
  const logFile = path.join(artifactsDir, `${name}.server.log`)
  const log = fs.openSync(logFile, 'w')
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const child = spawn(
    bin,
    [
      'serve',
      '--db',
      db,
      '--listen',
      `127.0.0.1:${port}`,
      '--web',
      'web/dist',
      '--api-spec',
      'api/openapi.yaml',
    ],
    { cwd: repoRoot, stdio: ['ignore', log, log] },
  )
  fs.closeSync(log)
  const exited = new Promise((resolve) => child.once('exit', resolve))

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      const stopped = await Promise.race([exited.then(() => true), delay(stopTimeoutMs, false)])
      if (!stopped) {
        child.kill('SIGKILL')
        await exited
      }
    }
    fs.rmSync(workDir, { recursive: true, force: true })
  }

  try {
    await waitForHealth(baseUrl, child, logFile)
  } catch (error) {
    await stop()
    throw error
  }
  return { baseUrl, logFile, stop }
}
