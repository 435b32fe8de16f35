// Node's `path` (POSIX): join, resolve, dirname, basename, extname, for the browser bundle.
'use strict';
function normalize(p) {
  const absolute = p.startsWith('/');
  const out = [];
  for (const part of p.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
    } else out.push(part);
  }
  return (absolute ? '/' : '') + out.join('/') || (absolute ? '/' : '.');
}
const join = (...parts) => normalize(parts.filter((p) => p !== '').join('/'));
function resolve(...parts) {
  let p = '';
  for (let i = parts.length - 1; i >= 0 && !p.startsWith('/'); i--) p = parts[i] + (p ? `/${p}` : '');
  return normalize(p.startsWith('/') ? p : `/${p}`);
}
function dirname(p) {
  const i = p.replace(/\/+$/, '').lastIndexOf('/');
  return i < 0 ? '.' : i === 0 ? '/' : p.slice(0, i);
}
function basename(p, ext) {
  const base = p.replace(/\/+$/, '').split('/').pop();
  return ext && base.endsWith(ext) ? base.slice(0, -ext.length) : base;
}
function extname(p) {
  const base = basename(p);
  const i = base.lastIndexOf('.');
  return i <= 0 ? '' : base.slice(i);
}
module.exports = { sep: '/', delimiter: ':', normalize, join, resolve, dirname, basename, extname, isAbsolute: (p) => p.startsWith('/') };
module.exports.posix = module.exports;
