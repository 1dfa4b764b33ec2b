// Loading and running scenario files (format: tests/scenarios/README.md, schema: scenario.schema.json). A step either
// passes or throws one Error that lists every way it failed: the request, what came back, and each mismatch, so a
// failing run reads as a list of disagreements between the server and the contract or the scenario.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { CookieJar, send } from './http.mjs';
import { isMatcher, match, operatorNames, pick } from './match.mjs';
import { mediaTypeOf } from './contract.mjs';

const kStateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const kProblemPrefix = 'urn:sinergi:problem:';
const kMaxWalkPages = 10_000;
const kKnownOperators = new Set(operatorNames);

// Every `<module>/<name>.json` under the scenarios directory, sorted, as { id, path, steps }.
export function loadScenarioFiles(scenariosDir) {
    const files = [];
    for (const module of readdirSync(scenariosDir).sort()) {
        const moduleDir = join(scenariosDir, module);
        if (module === 'lib' || !statSync(moduleDir).isDirectory()) continue;
        for (const name of readdirSync(moduleDir).sort()) {
            if (!name.endsWith('.json')) continue;
            const path = join(moduleDir, name);
            files.push({ id: relative(scenariosDir, path), path, text: readFileSync(path, 'utf8') });
        }
    }
    return files;
}

// Returns a list of problems with a scenario file's text (empty when it is well-formed).
export function checkScenarioFile(text, validateFormat) {
    let steps;
    try {
        steps = JSON.parse(text);
    } catch (error) {
        return { steps: null, problems: [`not JSON: ${error.message}`] };
    }
    if (!validateFormat(steps)) {
        return {
            steps,
            problems: validateFormat.errors.map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`),
        };
    }
    const problems = [];
    const names = new Set();
    steps.forEach((step, i) => {
        const name = stepName(step);
        if (names.has(name)) problems.push(`step ${i}: name "${name}" is used twice; names must say what differs`);
        names.add(name);
        // Unknown $-operators would only surface when the step runs; catch them now.
        const walkValues = (value, at) => {
            if (value === null || typeof value !== 'object') return;
            if (isMatcher(value)) {
                for (const key of Object.keys(value)) {
                    if (!kKnownOperators.has(key)) problems.push(`step ${i} (${name}): unknown matcher ${key} at ${at}`);
                }
            }
            for (const [key, child] of Object.entries(value)) walkValues(child, `${at}.${key}`);
        };
        walkValues(step.expect ?? {}, 'expect');
    });
    return { steps, problems };
}

export function compileScenarioFormat(schemaText) {
    // strictRequired is off: the "only one kind of body" rule lists members inside `not`, away from `properties`.
    const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true, allowUnionTypes: true });
    return ajv.compile(JSON.parse(schemaText));
}

export function stepName(step) {
    if (step.login_as !== undefined) return step.name ?? `login as ${step.login_as}${step.actor ? ` (actor ${step.actor})` : ''}`;
    return step.name;
}

// Replaces ${var} in every string of a value. A string that is exactly "${var}" takes the variable's own type, so a
// saved integer id stays an integer inside a JSON body.
export function substitute(value, vars) {
    if (typeof value === 'string') {
        const whole = /^\$\{([A-Za-z0-9_]+)\}$/.exec(value);
        if (whole) return lookup(vars, whole[1]);
        return value.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_, name) => String(lookup(vars, name)));
    }
    if (Array.isArray(value)) return value.map((item) => substitute(item, vars));
    if (value !== null && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, vars)]));
    }
    return value;
}

function lookup(vars, name) {
    if (!(name in vars)) throw new Error(`variable \${${name}} is not set (an earlier step that saves it failed or is missing)`);
    return vars[name];
}

// A valid JSON object of exactly `size` bytes, so only its size can be objected to.
export function fillerBody(size) {
    const frame = '{"filler":""}';
    return `{"filler":"${'x'.repeat(size - frame.length)}"}`;
}

function headerValue(headers, name) {
    const value = headers[name.toLowerCase()];
    if (value === undefined) return undefined;
    return Array.isArray(value) ? value.join(', ') : String(value);
}

function excerpt(text, limit = 600) {
    return text.length > limit ? `${text.slice(0, limit)}… (${text.length} bytes)` : text;
}

// State shared by the steps of one scenario file.
export class ScenarioRun {
    constructor({ baseUrl, contract, vars }) {
        this.baseUrl = baseUrl;
        this.contract = contract;
        this.vars = { ...vars };
        this.actors = new Map();
        this.coverage = new Set(); // "METHOD template status" of every contract-checked response
    }

    actor(name) {
        if (name === null || name === undefined) return null;
        if (!this.actors.has(name)) this.actors.set(name, { jar: new CookieJar(), csrf: null });
        return this.actors.get(name);
    }

    async runStep(step) {
        if (step.login_as !== undefined) return this.#login(step);
        if (step.walk !== undefined) return this.#walk(step);
        if (step.poll !== undefined) return this.#poll(step);
        const times = step.repeat ?? 1;
        for (let i = 0; i < times; i++) {
            await this.#request(step, times > 1 ? ` (repeat ${i + 1} of ${times})` : '');
        }
    }

    // Background work (an import job): asks again every 200 ms until the response meets `expect`; after
    // `poll.seconds` the last failure stands.
    async #poll(step) {
        const deadline = Date.now() + step.poll.seconds * 1000;
        for (;;) {
            try {
                return await this.#request(step);
            } catch (error) {
                if (Date.now() >= deadline) throw error;
                await new Promise((resolve) => setTimeout(resolve, 200));
            }
        }
    }

    async #login(step) {
        const username = step.login_as;
        await this.#request({
            name: stepName(step),
            as: step.actor ?? username,
            method: 'POST',
            path: '/api/v1/auth/login',
            body: { username, password: step.password ?? '${demo_password}' },
            expect: { status: 200, body: { user: { username: username.toLowerCase() }, csrf_token: { $type: 'string' } } },
        });
    }

    // Sends a request, records cookies, checks the response against the contract and the step; returns the response.
    async #exchange(step, path) {
        const actor = this.actor(step.as);
        const method = step.method;
        const headers = {};
        let body;
        if (step.body !== undefined) {
            body = JSON.stringify(substitute(step.body, this.vars));
            headers['Content-Type'] = 'application/json';
        } else if (step.raw_body !== undefined) {
            body = substitute(step.raw_body, this.vars);
            headers['Content-Type'] = 'application/json';
        } else if (step.body_size !== undefined) {
            body = fillerBody(step.body_size);
            headers['Content-Type'] = 'application/json';
        }
        if (actor) {
            const cookie = actor.jar.header();
            if (cookie) headers.Cookie = cookie;
            const csrf = step.csrf ?? true;
            if (kStateChanging.has(method) && csrf !== false) {
                if (typeof csrf === 'string') headers['X-CSRF-Token'] = csrf;
                else if (actor.csrf) headers['X-CSRF-Token'] = actor.csrf;
            }
        }
        for (const [name, value] of Object.entries(substitute(step.headers ?? {}, this.vars))) {
            for (const existing of Object.keys(headers)) {
                if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
            }
            if (value !== null) headers[name] = value;
        }
        const response = await send({ baseUrl: this.baseUrl, method, path, headers, body });
        if (actor) {
            actor.jar.update(response.headers['set-cookie']);
        }
        let json;
        if (/json/.test(mediaTypeOf(response.headers['content-type'])) && response.bodyText) {
            try {
                json = JSON.parse(response.bodyText);
            } catch {
                json = undefined; // reported by the contract check
            }
        }
        if (actor && json && typeof json.csrf_token === 'string') actor.csrf = json.csrf_token;
        const pathname = new URL(path, this.baseUrl).pathname;
        const verdict = this.contract.checkResponse({ method, pathname, status: response.status, headers: response.headers, bodyText: response.bodyText });
        if (verdict.checked && verdict.problems.length === 0) this.coverage.add(`${verdict.where} ${response.status}`);
        const problems = verdict.problems.map((p) => `contract (${verdict.where}): ${p}`);
        const summary = `${method} ${path} as ${step.as ?? 'anonymous'}${body !== undefined ? ` with ${Buffer.byteLength(body)} bytes` : ''}` +
            ` -> ${response.status} ${response.headers['content-type'] ?? '(no content type)'}`;
        return { response, json, problems, summary };
    }

    #fail(name, summary, problems, response) {
        const lines = [`step "${name}" failed`, `  ${summary}`, ...problems.map((p) => `  - ${p}`)];
        if (response) lines.push(`  response body: ${excerpt(response.bodyText)}`);
        throw new Error(lines.join('\n'));
    }

    async #request(rawStep, suffix = '') {
        const step = { ...rawStep, path: substitute(rawStep.path, this.vars) };
        const expect = substitute(step.expect, this.vars);
        const { response, json, problems, summary } = await this.#exchange(step, step.path);
        if (response.status !== expect.status) problems.unshift(`status: expected ${expect.status}, got ${response.status}`);
        if (expect.type !== undefined) {
            const wanted = expect.type.startsWith('urn:') ? expect.type : kProblemPrefix + expect.type;
            const got = json?.type;
            if (got !== wanted) problems.push(`problem type: expected ${wanted}, got ${got ?? '(none)'}`);
        }
        for (const [name, wanted] of Object.entries(expect.headers ?? {})) {
            problems.push(...match(headerValue(response.headers, name), wanted, `header ${name}`));
        }
        if (expect.body !== undefined) {
            if (json === undefined) problems.push('body: expected JSON, got none');
            else problems.push(...match(json, expect.body, 'body'));
        }
        if (expect.text !== undefined) problems.push(...match(response.bodyText, expect.text, 'text'));
        if (problems.length === 0) {
            for (const [name, path] of Object.entries(expect.save ?? {})) {
                const value = pick(json, path);
                if (value === undefined) problems.push(`save: body has no ${path} for \${${name}}`);
                else this.vars[name] = value;
            }
        }
        if (problems.length > 0) this.#fail(step.name + suffix, summary, problems, response);
        return response;
    }

    async #walk(rawStep) {
        const first = substitute(rawStep.walk, this.vars);
        const expect = substitute(rawStep.expect, this.vars);
        const limit = Number(new URL(first, this.baseUrl).searchParams.get('limit'));
        const items = [];
        let total;
        let pages = 0;
        let path = first;
        const problems = [];
        let lastSummary = '';
        for (;;) {
            const step = { ...rawStep, method: 'GET', path };
            const { response, json, problems: pageProblems, summary } = await this.#exchange(step, path);
            lastSummary = summary;
            pages += 1;
            if (response.status !== 200) pageProblems.unshift(`status: expected 200, got ${response.status}`);
            if (pageProblems.length > 0) this.#fail(`${rawStep.name} (page ${pages})`, summary, pageProblems, response);
            if (total === undefined) total = json.total;
            else if (json.total !== total) problems.push(`page ${pages}: total changed from ${total} to ${json.total}`);
            if (json.items.length > limit) problems.push(`page ${pages}: ${json.items.length} items, more than limit=${limit}`);
            if (json.next !== null && json.items.length === 0) problems.push(`page ${pages}: empty page that still has a next cursor`);
            items.push(...json.items);
            if (json.next === null) break;
            if (pages >= kMaxWalkPages) {
                problems.push(`still not at the end after ${pages} pages`);
                break;
            }
            const url = new URL(first, this.baseUrl);
            url.searchParams.set('cursor', json.next);
            path = url.pathname + url.search;
        }
        if (items.length !== total) problems.push(`walked ${items.length} items over ${pages} pages but total says ${total}`);
        const seen = new Map();
        items.forEach((item, i) => {
            const key = JSON.stringify(item[expect.unique]);
            if (seen.has(key)) problems.push(`item ${expect.unique}=${key} appears twice (positions ${seen.get(key)} and ${i})`);
            seen.set(key, i);
        });
        if (expect.total !== undefined) problems.push(...match(total, expect.total, 'total'));
        if (expect.pages !== undefined) problems.push(...match(pages, expect.pages, 'pages'));
        if (expect.items !== undefined) problems.push(...match(items, expect.items, 'items'));
        if (problems.length > 0) this.#fail(rawStep.name, `walked from ${first}; last: ${lastSummary}`, problems, null);
    }
}
