// The HTTP contract (api/openapi.yaml) as a response checker: finds the operation a request hit and says, in plain
// words, every way a response departs from what that operation declares (status, content type, body schema, required
// headers). Schemas are compiled by Ajv in the 2020-12 dialect, the one OpenAPI 3.1 uses.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const kDocumentId = 'urn:sinergi:openapi';
const kMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
// Top-level OpenAPI members that are not JSON Schema keywords. Registering them as annotation keywords lets Ajv hold
// the whole document (so `#/components/schemas/...` references resolve) while keeping strict mode for the schemas.
const kOpenApiMembers = [
    'openapi', 'info', 'jsonSchemaDialect', 'servers', 'tags', 'security', 'paths', 'components', 'webhooks',
    'externalDocs',
];

function escapePointerToken(token) {
    return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function pointerOf(tokens) {
    return '/' + tokens.map(escapePointerToken).join('/');
}

function isJsonMediaType(mediaType) {
    return mediaType === 'application/json' || mediaType.endsWith('+json');
}

// Media type without parameters, lower-cased: "application/json; charset=utf-8" -> "application/json".
export function mediaTypeOf(contentTypeHeader) {
    if (!contentTypeHeader) return '';
    return String(contentTypeHeader).split(';')[0].trim().toLowerCase();
}

export class Contract {
    constructor(specPath) {
        this.specPath = specPath;
        this.text = readFileSync(specPath, 'utf8');
        this.doc = parseYaml(this.text);
        // strictRequired is off because `if`/`then` branches of Problem require members that the parent schema defines.
        this.ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true, allowUnionTypes: true });
        addFormats(this.ajv);
        for (const keyword of kOpenApiMembers) this.ajv.addKeyword({ keyword });
        this.ajv.addSchema({ ...this.doc, $id: kDocumentId });
        this.validators = new Map();
        this.routes = this.#buildRoutes();
    }

    // Resolves a local OpenAPI `$ref` (responses, parameters, headers) and returns the object and its JSON pointer.
    resolve(node, tokens) {
        let current = node;
        let at = tokens;
        const seen = new Set();
        while (current && typeof current === 'object' && typeof current.$ref === 'string') {
            const ref = current.$ref;
            if (!ref.startsWith('#/')) throw new Error(`only local references are supported, got ${ref}`);
            if (seen.has(ref)) throw new Error(`reference cycle at ${ref}`);
            seen.add(ref);
            at = ref.slice(2).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
            current = at.reduce((obj, key) => (obj == null ? undefined : obj[key]), this.doc);
            if (current === undefined) throw new Error(`unresolved reference ${ref}`);
        }
        return { node: current, tokens: at };
    }

    // A compiled validator for the schema at a JSON pointer into the document (cached).
    validatorAt(tokens) {
        const pointer = pointerOf(tokens);
        let validate = this.validators.get(pointer);
        if (!validate) {
            validate = this.ajv.compile({ $ref: `${kDocumentId}#${pointer}` });
            this.validators.set(pointer, validate);
        }
        return validate;
    }

    // Every schema the document holds, each with a readable location; used to compile them all up front.
    *allSchemaLocations() {
        for (const name of Object.keys(this.doc.components?.schemas ?? {})) {
            yield { where: `components.schemas.${name}`, tokens: ['components', 'schemas', name] };
        }
        for (const [name, header] of Object.entries(this.doc.components?.headers ?? {})) {
            if (header.schema) yield { where: `components.headers.${name}`, tokens: ['components', 'headers', name, 'schema'] };
        }
        for (const [name, param] of Object.entries(this.doc.components?.parameters ?? {})) {
            if (param.schema) yield { where: `components.parameters.${name}`, tokens: ['components', 'parameters', name, 'schema'] };
        }
        for (const [name, response] of Object.entries(this.doc.components?.responses ?? {})) {
            for (const mediaType of Object.keys(response.content ?? {})) {
                yield {
                    where: `components.responses.${name} ${mediaType}`,
                    tokens: ['components', 'responses', name, 'content', mediaType, 'schema'],
                };
            }
        }
        for (const [path, item] of Object.entries(this.doc.paths ?? {})) {
            const params = (item.parameters ?? []).map((p, i) => ({ p, tokens: ['paths', path, 'parameters', String(i)] }));
            for (const { p, tokens } of params) {
                if (!p.$ref && p.schema) yield { where: `${path} parameter ${p.name}`, tokens: [...tokens, 'schema'] };
            }
            for (const method of kMethods) {
                const op = item[method];
                if (!op) continue;
                const base = ['paths', path, method];
                for (const [i, p] of (op.parameters ?? []).entries()) {
                    if (!p.$ref && p.schema) {
                        yield { where: `${method.toUpperCase()} ${path} parameter ${p.name}`, tokens: [...base, 'parameters', String(i), 'schema'] };
                    }
                }
                for (const mediaType of Object.keys(op.requestBody?.content ?? {})) {
                    yield {
                        where: `${method.toUpperCase()} ${path} request ${mediaType}`,
                        tokens: [...base, 'requestBody', 'content', mediaType, 'schema'],
                    };
                }
                for (const [status, response] of Object.entries(op.responses ?? {})) {
                    if (response.$ref) continue; // shared responses are listed above
                    for (const mediaType of Object.keys(response.content ?? {})) {
                        yield {
                            where: `${method.toUpperCase()} ${path} ${status} ${mediaType}`,
                            tokens: [...base, 'responses', status, 'content', mediaType, 'schema'],
                        };
                    }
                }
            }
        }
    }

    // Compiles every schema; returns a list of "where: error" strings (empty when the whole contract compiles).
    compileAll() {
        const failures = [];
        for (const { where, tokens } of this.allSchemaLocations()) {
            try {
                this.validatorAt(tokens);
            } catch (error) {
                failures.push(`${where}: ${error.message}`);
            }
        }
        return failures;
    }

    #buildRoutes() {
        const routes = [];
        for (const [template, item] of Object.entries(this.doc.paths ?? {})) {
            const paramCount = (template.match(/\{[^}]+\}/g) ?? []).length;
            const pattern = template
                .split(/(\{[^}]+\})/)
                .map((part) => (part.startsWith('{') ? '([^/]+)' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
                .join('');
            routes.push({ template, item, paramCount, regex: new RegExp(`^${pattern}$`) });
        }
        // A literal path wins over a templated one that would also match it.
        routes.sort((a, b) => a.paramCount - b.paramCount);
        return routes;
    }

    // The operation for a request: { template, method, operation } or { template, method: null } (path known, method
    // not) or null (path unknown).
    findOperation(method, pathname) {
        const route = this.routes.find((r) => r.regex.test(pathname));
        if (!route) return null;
        const lower = method.toLowerCase();
        const operation = route.item[lower];
        return { template: route.template, method: operation ? lower : null, operation: operation ?? null };
    }

    #validateProblem(status, mediaType, bodyText) {
        const problems = [];
        if (mediaType !== 'application/problem+json') {
            problems.push(`content type ${mediaType || '(none)'} is not application/problem+json`);
            return problems;
        }
        problems.push(...this.#validateJson(['components', 'schemas', 'Problem'], bodyText, status, true));
        return problems;
    }

    #validateJson(schemaTokens, bodyText, status, isProblem) {
        let body;
        try {
            body = JSON.parse(bodyText);
        } catch (error) {
            return [`body is not JSON (${error.message}): ${bodyText.slice(0, 200)}`];
        }
        const validate = this.validatorAt(schemaTokens);
        const problems = [];
        if (!validate(body)) {
            // An if/then failure is already explained by the error inside its then-branch.
            for (const e of validate.errors.filter((err) => err.keyword !== 'if')) {
                const extra = e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : '';
                problems.push(`body${e.instancePath || ''} ${e.message}${extra}`);
            }
        }
        if (isProblem && body && typeof body === 'object' && body.status !== status) {
            problems.push(`problem body says status ${body.status} but the HTTP status is ${status}`);
        }
        return problems;
    }

    // Checks one response against the contract. Returns { checked: bool, where, problems: [string] }; `checked` is
    // false for paths outside /api/, which the contract does not describe (the web UI and its SPA fallback).
    checkResponse({ method, pathname, status, headers, bodyText }) {
        if (!pathname.startsWith('/api/')) {
            return { checked: false, where: 'outside /api/', problems: [] };
        }
        const mediaType = mediaTypeOf(headers['content-type']);
        const found = this.findOperation(method, pathname);
        if (!found) {
            const problems = status === 404 ? this.#validateProblem(status, mediaType, bodyText)
                : [`${pathname} is not in the contract, so only 404 not-found is allowed, got ${status}`];
            return { checked: true, where: `unknown path ${pathname}`, problems };
        }
        if (!found.operation) {
            const problems = status === 405 ? this.#validateProblem(status, mediaType, bodyText)
                : [`${method} is not declared for ${found.template}, so only 405 method-not-allowed is allowed, got ${status}`];
            return { checked: true, where: `${method} ${found.template} (undeclared method)`, problems };
        }
        const where = `${method.toUpperCase()} ${found.template}`;
        const responses = found.operation.responses ?? {};
        const statusKey = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => k in responses);
        if (!statusKey) {
            return {
                checked: true,
                where,
                problems: [`status ${status} is not declared for ${where} (declared: ${Object.keys(responses).join(', ')})`],
            };
        }
        const base = ['paths', found.template, found.method, 'responses', statusKey];
        const { node: response, tokens } = this.resolve(responses[statusKey], base);
        const problems = [];
        for (const [name, declared] of Object.entries(response.headers ?? {})) {
            const { node: header, tokens: headerTokens } = this.resolve(declared, [...tokens, 'headers', name]);
            const value = headers[name.toLowerCase()];
            if (value === undefined) {
                if (header.required) problems.push(`required header ${name} is missing`);
                continue;
            }
            if (header.schema) {
                const validate = this.validatorAt([...headerTokens, 'schema']);
                if (!validate(String(value))) problems.push(`header ${name}: ${JSON.stringify(value)} ${validate.errors[0].message}`);
            }
        }
        const content = response.content ?? {};
        const declaredTypes = Object.keys(content);
        if (declaredTypes.length === 0) {
            if (bodyText.length > 0) problems.push(`${status} declares no body, got ${bodyText.length} bytes: ${bodyText.slice(0, 200)}`);
            return { checked: true, where, problems };
        }
        if (!declaredTypes.includes(mediaType)) {
            problems.push(`content type ${mediaType || '(none)'} is not declared for ${status} (declared: ${declaredTypes.join(', ')})`);
            return { checked: true, where, problems };
        }
        const media = content[mediaType];
        if (media.schema) {
            const schemaTokens = [...tokens, 'content', mediaType, 'schema'];
            if (isJsonMediaType(mediaType)) {
                problems.push(...this.#validateJson(schemaTokens, bodyText, status, mediaType === 'application/problem+json'));
            } else {
                const validate = this.validatorAt(schemaTokens);
                if (!validate(bodyText)) problems.push(`body ${validate.errors[0].message}`);
            }
        }
        return { checked: true, where, problems };
    }
}
