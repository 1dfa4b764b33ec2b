// Data-driven HTTP API tests: checks the contract (api/openapi.yaml) and the scenario files, then runs every scenario
// file against the real `sinergi` server, each on a fresh copy of one prepared database, checking every response
// against the contract as well as against the step's own expectations. See tests/scenarios/README.md.
//
//   node --test tests/scenarios/                         (from the repository root)
//   SINERGI_BIN=build/release/sinergi node --test tests/scenarios/
//   SCENARIO=identity/ node --test tests/scenarios/      (only files whose id contains the text)
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Contract } from './lib/contract.mjs';
import { copyDatabase, prepareTemplate, startServer, writeWebRoot } from './lib/server.mjs';
import { checkScenarioFile, compileScenarioFormat, loadScenarioFiles, ScenarioRun, stepName } from './lib/scenario.mjs';

const scenariosDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(scenariosDir, '../..');
const specPath = join(repoRoot, 'api/openapi.yaml');
const bin = resolve(repoRoot, process.env.SINERGI_BIN ?? 'build/debug/sinergi');
const fileFilter = process.env.SCENARIO ?? '';
// Demo accounts get this password; 10+ characters and containing no demo username, as the password policy requires.
const kDemoPassword = 'Uji-Skenario-2026';
const kProblemMediaType = 'application/problem+json';

let contract = null;
const scenarioFiles = loadScenarioFiles(scenariosDir).filter((f) => f.id.includes(fileFilter));
const parsedSteps = new Map(); // file id -> steps, for well-formed files only
const coverage = new Set();

test('contract: api/openapi.yaml parses as YAML and every schema compiles in Ajv (2020-12, strict mode)', () => {
    contract = new Contract(specPath);
    assert.match(String(contract.doc.openapi), /^3\.1\./, 'the contract must be OpenAPI 3.1');
    const failures = contract.compileAll();
    assert.deepEqual(failures, [], `schemas that do not compile:\n${failures.join('\n')}`);
});

test('contract: operations are named, and every error response is problem+json', () => {
    assert.ok(contract, 'the contract did not load (see the previous test)');
    const seenIds = new Map();
    const problems = [];
    for (const [path, item] of Object.entries(contract.doc.paths)) {
        for (const [method, op] of Object.entries(item)) {
            if (method === 'parameters') continue;
            const where = `${method.toUpperCase()} ${path}`;
            if (!op.operationId) problems.push(`${where}: no operationId`);
            else if (seenIds.has(op.operationId)) problems.push(`${where}: operationId ${op.operationId} also used by ${seenIds.get(op.operationId)}`);
            seenIds.set(op.operationId, where);
            if (!op.summary) problems.push(`${where}: no summary`);
            const statuses = Object.keys(op.responses ?? {});
            if (!statuses.some((s) => s.startsWith('2'))) problems.push(`${where}: no success response`);
            for (const status of statuses) {
                const { node: response } = contract.resolve(op.responses[status], []);
                const types = Object.keys(response.content ?? {});
                if (Number(status) >= 400 && (types.length !== 1 || types[0] !== kProblemMediaType)) {
                    problems.push(`${where} ${status}: error responses must be ${kProblemMediaType} only, got ${types.join(', ') || 'no body'}`);
                }
            }
            const isPublic = Array.isArray(op.security) && op.security.length === 0;
            if (!isPublic && !statuses.includes('401')) problems.push(`${where}: needs sign-in but does not declare 401`);
            if (op.requestBody && !statuses.includes('415')) problems.push(`${where}: takes a body but does not declare 415`);
            if (op.requestBody && !statuses.includes('413')) problems.push(`${where}: takes a body but does not declare 413`);
        }
    }
    assert.deepEqual(problems, []);
});

test('scenario files: each is well-formed (scenario.schema.json), with unique step names and known matchers', () => {
    const validateFormat = compileScenarioFormat(readFileSync(join(scenariosDir, 'scenario.schema.json'), 'utf8'));
    assert.ok(scenarioFiles.length > 0, `no scenario files under ${scenariosDir} match "${fileFilter}"`);
    const problems = [];
    for (const file of scenarioFiles) {
        const { steps, problems: fileProblems } = checkScenarioFile(file.text, validateFormat);
        problems.push(...fileProblems.map((p) => `${file.id}: ${p}`));
        if (fileProblems.length === 0) parsedSteps.set(file.id, steps);
    }
    assert.deepEqual(problems, []);
});

const workDir = mkdtempSync(join(tmpdir(), 'sinergi-scenarios-'));
after(() => {
    if (!process.env.SINERGI_SCENARIOS_KEEP) rmSync(workDir, { recursive: true, force: true });
});
let template = null;

test(`server: ${bin} prepares the template database (regions load, demo)`, async (t) => {
    assert.ok(existsSync(bin), `no server binary at ${bin}: build it first, or point SINERGI_BIN at it`);
    template = await prepareTemplate({ bin, repoRoot, dir: join(workDir, 'template'), demoPassword: kDemoPassword });
    t.diagnostic(`regions load ${template.timings.regionsLoadSeconds} s, demo ${template.timings.demoSeconds} s`);
});

const webDir = writeWebRoot(join(workDir, 'web'));

for (const file of scenarioFiles) {
    test(`scenario ${file.id}`, async (t) => {
        // Without a server there is nothing to run; the server test above has already failed the run and says why.
        if (!template) {
            t.skip('no template database (see the server test)');
            return;
        }
        const steps = parsedSteps.get(file.id);
        assert.ok(contract, 'the contract did not load');
        assert.ok(steps, `${file.id} is not well-formed (see the scenario files test)`);
        const db = copyDatabase(template.db, join(workDir, file.id.replace(/[/.]/g, '_')));
        const server = await startServer({ bin, repoRoot, db, webDir, specPath });
        const run = new ScenarioRun({ baseUrl: server.baseUrl, contract, vars: { demo_password: kDemoPassword } });
        try {
            for (const step of steps) {
                await t.test(stepName(step), () => run.runStep(step));
            }
        } finally {
            for (const entry of run.coverage) coverage.add(entry);
            const exit = await server.stop();
            await t.test('server stops on SIGTERM with exit code 0', () => {
                assert.ok(!exit.timedOut, `still running ${exit.seconds} s after SIGTERM; killed. Output:\n${exit.log}`);
                assert.equal(exit.signal, null, `ended by signal ${exit.signal}. Output:\n${exit.log}`);
                assert.equal(exit.code, 0, `exit code ${exit.code}. Output:\n${exit.log}`);
            });
        }
    });
}

test('coverage: every operation in the contract is exercised by some scenario', { skip: fileFilter !== '' && 'SCENARIO filter set' }, (t) => {
    if (!template) {
        t.skip('no scenarios ran (see the server test)');
        return;
    }
    assert.ok(contract, 'the contract did not load');
    const missing = [];
    for (const [path, item] of Object.entries(contract.doc.paths)) {
        for (const [method, op] of Object.entries(item)) {
            if (method === 'parameters') continue;
            const where = `${method.toUpperCase()} ${path}`;
            const hit = [...coverage].filter((entry) => entry.startsWith(`${where} `));
            if (hit.length === 0) missing.push(where);
            const unseen = Object.keys(op.responses).filter((status) => !hit.includes(`${where} ${status}`));
            if (unseen.length > 0) t.diagnostic(`${where}: no scenario sees ${unseen.join(', ')}`);
        }
    }
    assert.deepEqual(missing, [], 'operations no scenario step reached with a contract-valid response');
});
