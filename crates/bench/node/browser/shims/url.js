// Node's legacy `url.parse` (what new Sequelize('dialect://…') calls), for the browser bundle:
// protocol, auth, hostname, port, pathname and query as Node's gives them for the URLs Sequelize
// is handed (`sqlite::memory:` gives protocol `sqlite:`, hostname '' and pathname `/:memory`).
'use strict';
function parse(text, parseQuery) {
  const m = /^([a-z][a-z0-9+.-]*:)?(\/\/)?(?:([^@/?#]*)@)?([^/?#:]*)(?::(\d*))?([^?#]*)(\?[^#]*)?(#.*)?$/i.exec(text);
  if (!m) throw new TypeError(`url.parse: cannot parse ${text}`);
  const [, protocol = null, slashes, auth, host = '', port, rest = '', search = null, hash = null] = m;
  let pathname = rest;
  let hostname = host;
  if (!slashes) {
    // `sqlite::memory:`: no authority; Node puts what follows the scheme after a slash.
    const after = text.slice((protocol || '').length).replace(/[?#].*$/, '');
    hostname = '';
    pathname = after.startsWith('/') ? after : `/${after.replace(/:$/, '')}`;
  }
  const query = Object.create(null);
  if (search) {
    for (const [k, v] of new URLSearchParams(search.slice(1))) query[k] = v;
  }
  return {
    protocol: protocol && protocol.toLowerCase(),
    slashes: !!slashes,
    auth: auth ? decodeURIComponent(auth) : null,
    hostname: hostname.toLowerCase(),
    host: hostname + (port ? `:${port}` : ''),
    port: port || null,
    pathname: pathname || (slashes ? '/' : null),
    search,
    query: parseQuery ? query : search ? search.slice(1) : null,
    hash,
    href: text,
  };
}
module.exports = { parse, URL: globalThis.URL, URLSearchParams: globalThis.URLSearchParams };
