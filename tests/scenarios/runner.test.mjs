// Tests of the scenario runner itself, without the Sinergi server: a checker that cannot fail checks nothing, so each
// piece is shown rejecting what it must reject. A tiny in-process HTTP server plays the part of a server that breaks
// the contract in known ways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Contract } from './lib/contract.mjs';
import { CookieJar } from './lib/http.mjs';
import { match } from './lib/match.mjs';
import { fillerBody, ScenarioRun, substitute } from './lib/scenario.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const contract = new Contract(join(repoRoot, 'api/openapi.yaml'));
const now = '2026-11-23T04:25:05Z';
const user = {
    id: 7, username: 'siti.rahma', full_name: 'Siti Rahmawati', agency_id: 2, agency_name: 'Dinas Sosial',
    role: 'agency_staff', active: true, created_at: now, updated_at: now, last_login_at: null,
};
const problem = (slug, status, extra = {}) => ({
    type: `urn:sinergi:problem:${slug}`, title: slug, status, detail: 'Tidak ditemukan.', code: 'GEN-1002',
    message: { id: 'Tidak ditemukan.', en: 'Not found.' }, instance: '/api/v1/x', ...extra,
});
const jsonHeaders = { 'content-type': 'application/json' };
const problemHeaders = { 'content-type': 'application/problem+json' };

test('match: subset objects, exact arrays and $-matchers accept and reject as documented', () => {
    assert.deepEqual(match({ a: 1, b: 2 }, { a: 1 }), []);
    assert.equal(match({ a: 1 }, { a: '1' }).length, 1, '1 and "1" differ');
    assert.equal(match([1, 2], [1]).length, 1, 'arrays must have the same length');
    assert.deepEqual(match([{ k: 1 }, { k: 2 }], { $contains: [{ k: 2 }] }), []);
    assert.equal(match([{ k: 1 }], { $contains: [{ k: 2 }] }).length, 1);
    assert.equal(match([{ k: 1 }, { k: 2 }], { $every: { k: 1 } }).length, 1);
    assert.equal(match([{ k: 1 }], { $none: { k: 1 } }).length, 1);
    assert.deepEqual(match('abc', { $matches: '^a', $contains: 'bc' }), []);
    assert.equal(match('ABC', { $matches: '^a' }).length, 1);
    assert.deepEqual(match('ABC', { $matches: ['^a', 'i'] }), []);
    assert.equal(match(undefined, { $type: 'string' }).length, 1, 'a missing member fails a matcher');
    assert.deepEqual(match({}, { gone: { $absent: true } }), []);
    assert.equal(match({ gone: 1 }, { gone: { $absent: true } }).length, 1);
    assert.equal(match(5, { $gte: 6 }).length, 1);
    assert.equal(match(3, { $type: 'integer' }).length, 0);
    assert.equal(match(3.5, { $type: 'integer' }).length, 1);
    assert.throws(() => match(1, { $nope: 1 }), /unknown matcher/);
});

test('substitute: whole-string variables keep their type, embedded ones become text, unset ones fail', () => {
    const vars = { id: 42, name: 'x' };
    assert.deepEqual(substitute({ a: '${id}', b: '/users/${id}', c: ['${name}'] }, vars), { a: 42, b: '/users/42', c: ['x'] });
    assert.throws(() => substitute('${missing}', vars), /missing/);
});

test('fillerBody: valid JSON of exactly the requested size', () => {
    for (const size of [14, 100, 10 * 1024 * 1024 + 1]) {
        const body = fillerBody(size);
        assert.equal(Buffer.byteLength(body), size);
        assert.equal(typeof JSON.parse(body).filler, 'string');
    }
});

test('CookieJar: keeps, replaces and expires cookies', () => {
    const jar = new CookieJar();
    jar.update(['sinergi_session=abc; HttpOnly; SameSite=Strict; Path=/']);
    assert.equal(jar.header(), 'sinergi_session=abc');
    jar.update(['sinergi_session=; Max-Age=0; Path=/']);
    assert.equal(jar.header(), '');
    jar.update(['a=1', 'b=2; Expires=Thu, 01 Jan 1970 00:00:00 GMT']);
    assert.equal(jar.header(), 'a=1');
});

test('contract: accepts a conforming response', () => {
    const verdict = contract.checkResponse({
        method: 'GET', pathname: '/api/v1/users/7', status: 200, headers: { 'content-type': 'application/json; charset=utf-8' },
        bodyText: JSON.stringify(user),
    });
    assert.deepEqual(verdict.problems, []);
});

test('contract: rejects drift in status, content type, members, problem shape and headers', () => {
    const check = (r) => contract.checkResponse(r).problems;
    assert.match(check({ method: 'GET', pathname: '/api/v1/health', status: 201, headers: jsonHeaders, bodyText: '{}' })[0], /not declared/);
    assert.match(check({ method: 'GET', pathname: '/api/v1/users/7', status: 200, headers: { 'content-type': 'text/plain' }, bodyText: JSON.stringify(user) })[0], /content type text\/plain/);
    assert.match(check({ method: 'GET', pathname: '/api/v1/users/7', status: 200, headers: jsonHeaders, bodyText: JSON.stringify({ ...user, password_hash: 'x' }) }).join(), /additional properties/);
    assert.match(check({ method: 'GET', pathname: '/api/v1/users/7', status: 200, headers: jsonHeaders, bodyText: JSON.stringify({ ...user, role: 'bupati' }) }).join(), /allowed values/);
    assert.match(check({ method: 'GET', pathname: '/api/v1/users/7', status: 200, headers: jsonHeaders, bodyText: JSON.stringify({ ...user, created_at: '23/11/2026' }) }).join(), /created_at/);
    assert.match(check({ method: 'GET', pathname: '/api/v1/users/7', status: 404, headers: jsonHeaders, bodyText: JSON.stringify(problem('not-found', 404)) }).join(), /application\/json is not declared/);
    assert.match(check({ method: 'GET', pathname: '/api/v1/users/7', status: 404, headers: problemHeaders, bodyText: JSON.stringify(problem('not-found', 400)) }).join(), /status 400 but the HTTP status is 404/);
    assert.match(check({ method: 'GET', pathname: '/api/v1/users/7', status: 404, headers: problemHeaders, bodyText: JSON.stringify(problem('gone-fishing', 404)) }).join(), /allowed values/);
    assert.match(check({ method: 'POST', pathname: '/api/v1/users', status: 400, headers: problemHeaders, bodyText: JSON.stringify(problem('validation-failed', 400)) }).join(), /errors/);
    assert.match(check({ method: 'POST', pathname: '/api/v1/auth/login', status: 429, headers: problemHeaders, bodyText: JSON.stringify(problem('too-many-login-attempts', 429, { retry_after_seconds: 60 })) }).join(), /Retry-After/);
    assert.match(check({ method: 'POST', pathname: '/api/v1/auth/logout', status: 204, headers: {}, bodyText: '{}' }).join(), /declares no body/);
    assert.match(check({ method: 'GET', pathname: '/api/v1/nowhere', status: 200, headers: jsonHeaders, bodyText: '{}' }).join(), /only 404/);
    assert.match(check({ method: 'PUT', pathname: '/api/v1/health', status: 200, headers: jsonHeaders, bodyText: '{}' }).join(), /only 405/);
    assert.equal(contract.checkResponse({ method: 'GET', pathname: '/', status: 200, headers: {}, bodyText: 'x' }).checked, false);
});

// A server that answers a few routes, some of them wrongly, to show that ScenarioRun fails the steps it must.
async function withFakeServer(fn) {
    const server = http.createServer((req, res) => {
        const send = (status, headers, body) => {
            res.writeHead(status, headers);
            res.end(body);
        };
        if (req.url === '/api/v1/auth/login') {
            let body = '';
            req.on('data', (c) => (body += c));
            req.on('end', () => {
                const { username } = JSON.parse(body);
                send(200, { ...jsonHeaders, 'set-cookie': 'sinergi_session=s1; HttpOnly; SameSite=Strict; Path=/' },
                    JSON.stringify({ user: { ...user, username }, csrf_token: 'c1' }));
            });
            return;
        }
        if (req.url === '/api/v1/auth/me') {
            if (req.headers.cookie === 'sinergi_session=s1') send(200, jsonHeaders, JSON.stringify({ user, csrf_token: 'c1' }));
            else send(401, problemHeaders, JSON.stringify(problem('unauthenticated', 401)));
            return;
        }
        if (req.url === '/api/v1/users' && req.method === 'POST') {
            // Echoes the CSRF header it got, in a member the contract does not have.
            send(201, jsonHeaders, JSON.stringify({ ...user, csrf_seen: req.headers['x-csrf-token'] ?? null }));
            return;
        }
        if (req.url.startsWith('/api/v1/regions')) {
            // Three regions in pages of two, but the total lies on the second page.
            const cursor = new URL(req.url, 'http://x').searchParams.get('cursor');
            const region = (code) => ({ code, name: code, level: 'province', parent_code: null });
            const page = cursor ? { items: [region('13')], total: 4, next: null } : { items: [region('11'), region('12')], total: 3, next: 'p2' };
            send(200, jsonHeaders, JSON.stringify(page));
            return;
        }
        send(404, problemHeaders, JSON.stringify(problem('not-found', 404)));
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    try {
        await fn(`http://127.0.0.1:${server.address().port}`);
    } finally {
        server.close();
    }
}

test('ScenarioRun: keeps sessions per actor and fails steps that break the contract or their expectations', async () => {
    await withFakeServer(async (baseUrl) => {
        const run = new ScenarioRun({ baseUrl, contract, vars: { demo_password: 'x' } });
        await run.runStep({ login_as: 'siti.rahma' });
        await run.runStep({ name: 'me', as: 'siti.rahma', method: 'GET', path: '/api/v1/auth/me', expect: { status: 200, save: { me: 'user.id' } } });
        assert.equal(run.vars.me, 7);
        await run.runStep({ name: 'anon', as: null, method: 'GET', path: '/api/v1/auth/me', expect: { status: 401, type: 'unauthenticated' } });
        await assert.rejects(
            run.runStep({ name: 'wrong type', as: null, method: 'GET', path: '/api/v1/auth/me', expect: { status: 401, type: 'forbidden' } }),
            /problem type: expected urn:sinergi:problem:forbidden/,
        );
        await assert.rejects(
            run.runStep({ name: 'wrong status', as: null, method: 'GET', path: '/api/v1/auth/me', expect: { status: 200 } }),
            /status: expected 200, got 401/,
        );
        // The fake answers 201 with an extra member: the contract check must fail the step even though status matches.
        await assert.rejects(
            run.runStep({ name: 'drift', as: 'siti.rahma', method: 'POST', path: '/api/v1/users', body: {}, expect: { status: 201 } }),
            (error) => /additional properties/.test(error.message) && /"csrf_seen":"c1"/.test(error.message),
            'the CSRF token of the session is sent, and the undeclared member is reported',
        );
        await assert.rejects(
            run.runStep({ name: 'no csrf', as: 'siti.rahma', method: 'POST', path: '/api/v1/users', body: {}, csrf: false, expect: { status: 201 } }),
            /"csrf_seen":null/,
        );
        await assert.rejects(
            run.runStep({ name: 'walk', as: 'siti.rahma', walk: '/api/v1/regions?limit=2', expect: { unique: 'code', total: 3 } }),
            /total changed from 3 to 4/,
        );
        await assert.rejects(
            run.runStep({ name: 'unset', as: null, method: 'GET', path: '/api/v1/users/${nobody}', expect: { status: 404 } }),
            /nobody/,
        );
    });
});
