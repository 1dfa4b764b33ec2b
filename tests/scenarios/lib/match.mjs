// Expectation matching for scenario files. An expectation is a JSON value compared against an actual value:
//   scalar              equal (strictly: 1 is not "1")
//   object              subset: every listed member must match; unlisted members are ignored
//   array               same length, element i matches element i
//   { "$op": ..., ... } an object whose keys all start with "$" is a matcher; all of its operators must hold
// Operators are listed in kOperators and documented in tests/scenarios/README.md.
import { isDeepStrictEqual } from 'node:util';

function typeName(value) {
    if (value === null) return 'null';
    if (Array.isArray(value)) return 'array';
    if (Number.isInteger(value)) return 'integer';
    return typeof value;
}

function show(value) {
    const text = JSON.stringify(value);
    return text === undefined ? 'undefined' : text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

export function isMatcher(expected) {
    return (
        expected !== null &&
        typeof expected === 'object' &&
        !Array.isArray(expected) &&
        Object.keys(expected).length > 0 &&
        Object.keys(expected).every((k) => k.startsWith('$'))
    );
}

function regexOf(spec) {
    return Array.isArray(spec) ? new RegExp(spec[0], spec[1]) : new RegExp(spec);
}

// Each operator returns a list of mismatch messages (empty = holds).
const kOperators = {
    $type(actual, want, at) {
        const got = typeName(actual);
        const ok = got === want || (want === 'number' && got === 'integer');
        return ok ? [] : [`${at}: expected a ${want}, got ${got} ${show(actual)}`];
    },
    $matches(actual, want, at) {
        if (typeof actual !== 'string') return [`${at}: expected a string matching /${want}/, got ${show(actual)}`];
        return regexOf(want).test(actual) ? [] : [`${at}: ${show(actual)} does not match /${Array.isArray(want) ? want.join('/') : want}/`];
    },
    $contains(actual, want, at) {
        if (typeof actual === 'string') {
            return actual.includes(want) ? [] : [`${at}: ${show(actual)} does not contain ${show(want)}`];
        }
        if (!Array.isArray(actual)) return [`${at}: expected an array or string to search, got ${show(actual)}`];
        const wanted = Array.isArray(want) ? want : [want];
        return wanted.flatMap((item, i) =>
            actual.some((element) => match(element, item, at).length === 0)
                ? []
                : [`${at}: no element matches ${show(item)} (wanted item ${i}; ${actual.length} elements)`],
        );
    },
    $every(actual, want, at) {
        if (!Array.isArray(actual)) return [`${at}: expected an array, got ${show(actual)}`];
        return actual.flatMap((element, i) => match(element, want, `${at}[${i}]`));
    },
    $none(actual, want, at) {
        if (!Array.isArray(actual)) return [`${at}: expected an array, got ${show(actual)}`];
        const bad = actual.findIndex((element) => match(element, want, at).length === 0);
        return bad < 0 ? [] : [`${at}[${bad}] matches ${show(want)} but no element should: ${show(actual[bad])}`];
    },
    $length(actual, want, at) {
        if (actual == null || typeof actual.length !== 'number') return [`${at}: expected something with a length, got ${show(actual)}`];
        return match(actual.length, want, `${at}.length`);
    },
    $gt: (actual, want, at) => (typeof actual === 'number' && actual > want ? [] : [`${at}: expected > ${want}, got ${show(actual)}`]),
    $gte: (actual, want, at) => (typeof actual === 'number' && actual >= want ? [] : [`${at}: expected >= ${want}, got ${show(actual)}`]),
    $lt: (actual, want, at) => (typeof actual === 'number' && actual < want ? [] : [`${at}: expected < ${want}, got ${show(actual)}`]),
    $lte: (actual, want, at) => (typeof actual === 'number' && actual <= want ? [] : [`${at}: expected <= ${want}, got ${show(actual)}`]),
    $eq: (actual, want, at) => (isDeepStrictEqual(actual, want) ? [] : [`${at}: expected exactly ${show(want)}, got ${show(actual)}`]),
    $ne: (actual, want, at) => (isDeepStrictEqual(actual, want) ? [`${at}: expected anything but ${show(want)}`] : []),
    $absent: (actual, want, at) => {
        const absent = actual === undefined;
        return absent === Boolean(want) ? [] : [want ? `${at}: expected to be absent, got ${show(actual)}` : `${at}: expected to be present`];
    },
};

export const operatorNames = Object.keys(kOperators);

// Returns a list of human-readable mismatches between `actual` and `expected` (empty when it matches).
export function match(actual, expected, at = '$') {
    if (isMatcher(expected)) {
        const problems = [];
        for (const [op, want] of Object.entries(expected)) {
            const check = kOperators[op];
            if (!check) throw new Error(`unknown matcher ${op} at ${at}`);
            if (op !== '$absent' && actual === undefined) {
                problems.push(`${at}: missing (expected ${show({ [op]: want })})`);
                continue;
            }
            problems.push(...check(actual, want, at));
        }
        return problems;
    }
    if (Array.isArray(expected)) {
        if (!Array.isArray(actual)) return [`${at}: expected an array, got ${show(actual)}`];
        if (actual.length !== expected.length) {
            return [`${at}: expected ${expected.length} elements, got ${actual.length}: ${show(actual)}`];
        }
        return expected.flatMap((item, i) => match(actual[i], item, `${at}[${i}]`));
    }
    if (expected !== null && typeof expected === 'object') {
        if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
            return [`${at}: expected an object, got ${show(actual)}`];
        }
        return Object.entries(expected).flatMap(([key, item]) => match(actual[key], item, `${at}.${key}`));
    }
    return isDeepStrictEqual(actual, expected) ? [] : [`${at}: expected ${show(expected)}, got ${show(actual)}`];
}

// Reads a dotted path ("user.id", "items.0.code") from a value; undefined when any step is missing.
export function pick(value, path) {
    if (path === '' || path === '.') return value;
    return path.split('.').reduce((current, key) => (current == null ? undefined : current[key]), value);
}
