// Runs the real `sinergi` binary for the scenarios: prepares one database (regions + demo accounts) per run, then
// starts one server per scenario file on a copy of it, so every file begins from the same known state.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { send } from './http.mjs';

const kLogLimit = 64 * 1024;

// Keeps the tail of a process's output for error messages.
function captureOutput(child) {
    const log = { text: '' };
    const append = (chunk) => {
        log.text = (log.text + chunk.toString('utf8')).slice(-kLogLimit);
    };
    child.stdout?.on('data', append);
    child.stderr?.on('data', append);
    return log;
}

// Runs a CLI command to completion; rejects with its output when it does not exit 0.
export function runCommand(bin, args, { cwd, timeoutMs = 300_000 } = {}) {
    return new Promise((resolve, reject) => {
        const started = Date.now();
        const child = spawn(bin, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
        const log = captureOutput(child);
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        child.on('error', (error) => {
            clearTimeout(timer);
            reject(new Error(`cannot run ${bin}: ${error.message}`));
        });
        child.on('exit', (code, signal) => {
            clearTimeout(timer);
            const seconds = ((Date.now() - started) / 1000).toFixed(1);
            if (code === 0) resolve({ seconds, output: log.text });
            else reject(new Error(`${bin} ${args.join(' ')} ended with ${signal ?? `exit code ${code}`} after ${seconds} s:\n${log.text}`));
        });
    });
}

// Builds the template database once: the administrative areas, then the demo agencies and accounts.
export async function prepareTemplate({ bin, repoRoot, dir, demoPassword }) {
    const db = join(dir, 's.db');
    const regions = await runCommand(bin, ['regions', 'load', '--db', db, '--from', join(repoRoot, 'node_modules/idn-area-data/data')], { cwd: repoRoot });
    // No generated population: each scenario states the households it needs.
    const demo = await runCommand(bin, ['demo', '--db', db, '--demo-password', demoPassword, '--households', '0'], { cwd: repoRoot });
    return { db, timings: { regionsLoadSeconds: regions.seconds, demoSeconds: demo.seconds } };
}

// Copies the template database (and its WAL files, if SQLite left any) into a fresh directory.
export function copyDatabase(templateDb, dir) {
    mkdirSync(dir, { recursive: true });
    const target = join(dir, 's.db');
    for (const suffix of ['', '-wal', '-shm']) {
        if (existsSync(templateDb + suffix)) copyFileSync(templateDb + suffix, target + suffix);
    }
    return target;
}

// A tiny stand-in for the built web UI (the app page and the API reference page) so `/`, the SPA fallback and
// `/api/docs` are served from known files.
export function writeWebRoot(dir) {
    mkdirSync(dir, { recursive: true });
    const page = (title) => `<!doctype html><html lang="id"><head><title>${title}</title></head><body><div id="app"></div></body></html>\n`;
    writeFileSync(join(dir, 'index.html'), page('Sinergi (scenario web root)'));
    writeFileSync(join(dir, 'api-docs.html'), page('Sinergi API (scenario web root)'));
    return dir;
}

export function freePort() {
    return new Promise((resolve, reject) => {
        const probe = net.createServer();
        probe.unref();
        probe.on('error', reject);
        probe.listen(0, '127.0.0.1', () => {
            const { port } = probe.address();
            probe.close(() => resolve(port));
        });
    });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Starts `sinergi serve` and waits until GET /api/v1/health answers 200.
export async function startServer({ bin, repoRoot, db, webDir, specPath, startTimeoutMs = 20_000 }) {
    const port = await freePort();
    const listen = `127.0.0.1:${port}`;
    const args = ['serve', '--db', db, '--listen', listen, '--api-spec', specPath, '--web', webDir];
    const child = spawn(bin, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    const log = captureOutput(child);
    const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    let exitInfo = null;
    exited.then((info) => {
        exitInfo = info;
    });
    let spawnError = null;
    child.on('error', (error) => {
        spawnError = error;
    });
    const baseUrl = `http://${listen}`;
    const deadline = Date.now() + startTimeoutMs;
    for (;;) {
        if (spawnError) throw new Error(`cannot start ${bin}: ${spawnError.message}`);
        if (exitInfo) throw new Error(`sinergi serve exited before answering (${JSON.stringify(exitInfo)}):\n${log.text}`);
        try {
            const response = await send({ baseUrl, method: 'GET', path: '/api/v1/health' });
            if (response.status === 200) break;
        } catch {
            // not listening yet
        }
        if (Date.now() > deadline) {
            child.kill('SIGKILL');
            throw new Error(`sinergi serve did not answer GET /api/v1/health within ${startTimeoutMs} ms:\n${log.text}`);
        }
        await sleep(50);
    }
    return {
        baseUrl,
        log,
        command: `${bin} ${args.join(' ')}`,
        // Sends SIGTERM and resolves { code, signal, seconds, log } once the process has exited (SIGKILL after the
        // timeout, reported as such).
        async stop(timeoutMs = 10_000) {
            const started = Date.now();
            if (!exitInfo) child.kill('SIGTERM');
            const timeout = sleep(timeoutMs).then(() => 'timeout');
            const outcome = await Promise.race([exited, timeout]);
            if (outcome === 'timeout') {
                child.kill('SIGKILL');
                await exited;
                return { code: null, signal: 'SIGKILL', timedOut: true, seconds: timeoutMs / 1000, log: log.text };
            }
            return { ...outcome, timedOut: false, seconds: (Date.now() - started) / 1000, log: log.text };
        },
        kill() {
            if (!exitInfo) child.kill('SIGKILL');
        },
    };
}
