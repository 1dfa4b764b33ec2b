// A small HTTP/1.1 client for the scenarios. node:http rather than fetch because the scenarios need what fetch hides
// or refuses: every Set-Cookie header, bodies sent byte for byte with any Content-Type, and a response that arrives
// while the request body is still being sent (413 on an oversized upload, after which the server may close the
// connection; the answer it gave is what counts).
import http from 'node:http';

// One actor's cookies (name -> value), as a browser would keep them for one origin.
export class CookieJar {
    constructor() {
        this.cookies = new Map();
    }

    // Applies Set-Cookie headers; a cookie with Max-Age<=0, an Expires in the past or an empty value is removed.
    update(setCookieHeaders) {
        for (const header of setCookieHeaders ?? []) {
            const [pair, ...attributes] = header.split(';');
            const eq = pair.indexOf('=');
            if (eq <= 0) continue;
            const name = pair.slice(0, eq).trim();
            const value = pair.slice(eq + 1).trim();
            let expired = value === '';
            for (const attribute of attributes) {
                const [key, ...rest] = attribute.split('=');
                const attributeValue = rest.join('=').trim();
                const lowerKey = key.trim().toLowerCase();
                if (lowerKey === 'max-age' && Number(attributeValue) <= 0) expired = true;
                if (lowerKey === 'expires' && Date.parse(attributeValue) <= Date.now()) expired = true;
            }
            if (expired) this.cookies.delete(name);
            else this.cookies.set(name, value);
        }
    }

    header() {
        return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }
}

// Sends one request. `body` is a Buffer or string or undefined. Resolves { status, headers, bodyText } with header
// names lower-cased; set-cookie stays an array. Rejects only when no response arrived at all.
export function send({ baseUrl, method, path, headers = {}, body }) {
    const url = new URL(path, baseUrl);
    return new Promise((resolve, reject) => {
        let settled = false;
        const request = http.request(
            url,
            { method, headers: { Connection: 'close', ...headers }, agent: false },
            (response) => {
                const chunks = [];
                response.on('data', (chunk) => chunks.push(chunk));
                response.on('error', (error) => {
                    if (!settled) {
                        settled = true;
                        reject(error);
                    }
                });
                response.on('end', () => {
                    settled = true;
                    resolve({
                        status: response.statusCode,
                        headers: response.headers,
                        bodyText: Buffer.concat(chunks).toString('utf8'),
                    });
                });
            },
        );
        request.setTimeout(30_000, () => request.destroy(new Error(`no response to ${method} ${path} within 30 s`)));
        request.on('error', (error) => {
            // After the response has started, a write error only means the server stopped reading our body early.
            if (!settled && !request.res) {
                settled = true;
                reject(error);
            }
        });
        if (body !== undefined) request.end(body);
        else request.end();
    });
}
