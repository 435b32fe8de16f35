#!/usr/bin/env node
// Differential fixtures: the answers of the JavaScript originals the core ports, on generated
// inputs, for crates/orm/tests/it/differential.rs to compare the ports against.
//
//   validators.jsonl  Sequelize 6's validators (validator.js through Sequelize's validator-extras
//                     and InstanceValidator's argument handling) on generated strings
//   inflection.jsonl  the `inflection` package (pluralize, singularize, underscore,
//                     camelize(s, true)), Sequelize's Utils.camelize and lodash's upperFirst
//   dates.jsonl       Date.parse, toISOString and Sequelize's DATE/DATEONLY formatting (moment)
//
// Regenerate (needs Sequelize 6 installed, e.g. under /work/seq/node_modules; no network):
//
//   NODE_PATH=/work/seq/node_modules node crates/orm/tests/differential/generate.js
//
// The inputs come from a seeded PRNG (SEED below), so the same versions give the same files. The
// first line of each file records the versions that produced it. TZ is forced to UTC (the ORM has
// no local time zone; Sequelize's default timezone is +00:00).
'use strict';

process.env.TZ = 'UTC';

const fs = require('node:fs');
const path = require('node:path');

const validatorPkg = require('validator/package.json');
const inflectionPkg = require('inflection/package.json');
const sequelizePkg = require('sequelize/package.json');
const momentPkg = require('moment/package.json');
const lodashPkg = require('lodash/package.json');
const { validator } = require('sequelize/lib/utils/validator-extras');
const InstanceValidator = require('sequelize/lib/instance-validator');
const Utils = require('sequelize/lib/utils');
const { DataTypes } = require('sequelize');
const inflection = require('inflection');
const _ = require('lodash');

const SEED = 20;
const OUT = __dirname;
const versions = {
  node: process.version,
  validator: validatorPkg.version,
  inflection: inflectionPkg.version,
  sequelize: sequelizePkg.version,
  moment: momentPkg.version,
  lodash: lodashPkg.version,
  seed: SEED,
};

// mulberry32
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(SEED);
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1)); // inclusive
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const chance = (p) => rand() < p;
const repeat = (n, f) => Array.from({ length: n }, f).join('');
const pad = (n, w) => String(n).padStart(w, '0');

const DIGITS = '0123456789';
const HEX = '0123456789abcdefABCDEF';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();
const ASCII_PRINT = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
// Characters that matter somewhere: JS whitespace, controls, Latin/Greek/Turkish letters with
// special case mappings, full-width forms, soft hyphen, variation selectors, astral characters.
const SPECIAL = [
  '\t', '\n', '\r', '\u000b', '\u000c', '\u00a0', '\u1680', '\u2000', '\u2028', '\u202f', '\u3000', '\ufeff',
  '\u0085', '\u200b', '\u0001', '\u007f', 'é', 'É', 'ß', 'ü', 'Σ', 'σ', 'ς', 'İ', 'ı', 'ǅ', 'ﬀ', 'ŉ', 'ſ', 'K',
  'ｘ', '\uff01', '\u00ad', '\u00a9', '\u00a1', '\ufe0f', '\ufe0e', '😀', '❤', '𝔘', '\u0301', '٣', '中', 'я', 'Я',
];
const charFrom = (s) => (Array.isArray(s) ? pick(s) : s[Math.floor(rand() * s.length)]);
const word = (alphabet, lo, hi) => repeat(int(lo, hi), () => charFrom(alphabet));

/** One or two small edits: a character inserted, deleted, replaced or doubled. */
function mutate(s, alphabet = ASCII_PRINT) {
  const chars = Array.from(s);
  for (let n = int(1, 2); n > 0; n--) {
    const i = int(0, chars.length);
    const c = chance(0.2) ? pick(SPECIAL) : charFrom(alphabet);
    switch (int(0, 3)) {
      case 0: chars.splice(i, 0, c); break;
      case 1: chars.splice(i, 1); break;
      case 2: chars[i] = c; break;
      default: if (i < chars.length) chars.splice(i, 0, chars[i]);
    }
  }
  return chars.join('');
}
const maybeMutate = (s, p = 0.3, alphabet) => (chance(p) ? mutate(s, alphabet) : s);

function writeJsonl(name, header, rows) {
  const text = [JSON.stringify(header), ...rows.map((r) => JSON.stringify(r))].join('\n') + '\n';
  fs.writeFileSync(path.join(OUT, name), text);
  console.log(`${name}: ${rows.length} rows, ${text.length} bytes`);
}

// ---------------------------------------------------------------------------------------------
// Generators of realistic, edge and random strings
// ---------------------------------------------------------------------------------------------

const TLDS = ['com', 'org', 'de', 'io', 'co', 'uk', 'c', 'c1', '123', 'xn--p1ai', 'XN--P1AI', 'üü', 'ü', 'museum', 'x-y', 'c©', 'コム'];
function label() {
  if (chance(0.7)) return word(LOWER, 1, 8) + (chance(0.3) ? '-' + word(LOWER + DIGITS, 1, 5) : '');
  return pick([
    () => word(LOWER, 1, 10),
    () => word(LOWER + DIGITS + '-', 1, 12),
    () => word(LOWER + DIGITS + '_', 1, 8),
    () => 'xn--' + word(LOWER + DIGITS, 2, 8),
    () => word(['ü', 'é', 'ß', 'a', 'b', 'ｘ', '中', '😀'], 1, 5),
    () => 'a'.repeat(pick([62, 63, 64])),
    () => '-' + word(LOWER, 1, 4),
    () => word(LOWER, 1, 4) + '-',
  ])();
}
function domain() {
  const labels = repeat(int(1, 3), () => label() + '.');
  const tld = chance(0.7) ? pick(['com', 'org', 'de', 'io', 'co', 'info']) : pick(TLDS);
  return labels + tld + (chance(0.05) ? '.' : '');
}
function ipv4() {
  const octet = () => String(chance(0.93) ? pick([int(0, 255), int(0, 9), 0, 255]) : pick([256, 999, '01', '00', '0x1', '']));
  const parts = Array.from({ length: chance(0.9) ? 4 : pick([3, 5]) }, octet);
  return parts.join('.');
}
function ipv6() {
  const group = () => (chance(0.05) ? word(HEX + 'g', 5, 5) : word(HEX, 1, 4));
  let n = pick([8, 8, 7, 6, 9, 3, 1, 0]);
  const groups = Array.from({ length: n }, group);
  let text;
  if (chance(0.6) && n < 8) {
    const at = int(0, n);
    text = groups.slice(0, at).join(':') + '::' + groups.slice(at).join(':');
  } else {
    text = groups.join(':');
  }
  if (chance(0.15)) text += (text.endsWith(':') ? '' : ':') + ipv4();
  if (chance(0.1)) text += '%' + pick(['eth0', '', 'a-b', 'en1.2', '1']);
  if (chance(0.05)) text = text.replace('::', pick([':::', '::1::', ':']));
  return text;
}
function email() {
  const local = pick([
    () => word(LOWER + DIGITS, 1, 12),
    () => word(LOWER, 1, 6) + '.' + word(LOWER, 1, 6),
    () => word(LOWER, 1, 6) + '+' + word(LOWER + DIGITS, 1, 6),
    () => word(LOWER + UPPER + DIGITS + "!#$%&'*+-/=?^_`{|}~.", 1, 14),
    () => '"' + word(LOWER + ' @."\\', 0, 8) + '"',
    () => word(['ü', 'é', 'a', '中', '😀'], 1, 6),
    () => 'a'.repeat(pick([63, 64, 65])),
    () => 'ü'.repeat(pick([32, 33])),
    () => '.' + word(LOWER, 1, 4),
    () => word(LOWER, 1, 4) + '..' + word(LOWER, 1, 4),
  ])();
  const dom = chance(0.1) ? pick(['[1.2.3.4]', '1.2.3.4', 'localhost', '']) : domain();
  return maybeMutate(local + (chance(0.05) ? '@@' : '@') + dom, 0.25);
}
function url() {
  const proto = pick(['http://', 'https://', 'ftp://', 'HTTP://', '', '', '//', 'gopher://', 'mailto:', 'javascript:', 'http:/', 'http:///']);
  const auth = chance(0.15) ? pick([word(LOWER, 1, 5) + '@', word(LOWER, 1, 4) + ':' + word(LOWER, 0, 4) + '@', '@', ':@', 'a:b:c@', 'a@b@', '%61@']) : '';
  const host = pick([domain, domain, domain, ipv4, () => '[' + ipv6() + ']', () => 'localhost', () => ''])();
  const port = chance(0.25) ? ':' + pick([String(int(0, 70000)), '', '000080', '65535', '65536', '8a', '0']) : '';
  const tail = pick(['', '', '/', '/' + word(LOWER + '/-_.~%', 1, 12), '?a=b', '#frag', '/p?q=1#f', '/<', ' x']);
  return maybeMutate(proto + auth + host + port + tail, 0.2);
}
function uuid() {
  const h = (n) => word('0123456789abcdef', n, n);
  const version = chance(0.5) ? pick(['1', '4']) : pick(['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', 'a', 'f']);
  const variant = chance(0.7) ? pick(['8', '9', 'a', 'b', 'A', 'B']) : pick(['7', 'c', '0', 'f']);
  let text = pick([
    () => `${h(8)}-${h(4)}-${version}${h(3)}-${variant}${h(3)}-${h(12)}`,
    () => '00000000-0000-0000-0000-000000000000',
    () => 'ffffffff-ffff-ffff-ffff-ffffffffffff',
    () => 'FFFFFFFF-ffff-FFFF-ffff-FFFFFFFFFFFF',
    () => `${h(8)}${h(4)}${version}${h(3)}${variant}${h(3)}${h(12)}`,
  ])();
  if (chance(0.3)) text = text.toUpperCase();
  if (chance(0.2)) text = Array.from(text, (c) => (chance(0.5) ? c.toUpperCase() : c)).join('');
  return maybeMutate(text, 0.2, HEX + '-');
}
function number() {
  return pick([
    () => (chance(0.3) ? pick(['+', '-']) : '') + word(DIGITS, 0, 6) + (chance(0.4) ? '.' + word(DIGITS, 0, 4) : '') +
      (chance(0.25) ? pick(['e', 'E']) + pick(['', '+', '-']) + word(DIGITS, 0, 3) : ''),
    () => word('0123456789+-.eE ,x', 1, 8),
    () => String(pick([1e21, 1e-7, -0, 0.1 + 0.2, 2 ** 53, Number.MAX_VALUE, 5e-324, 123456789.125])),
    () => pick(['Infinity', '-Infinity', 'NaN', '0x10', '0b1', '1_000', ' 1', '1 ', '٣', '１', '\u00a05', '5abc', '4.99', '5', '10', '10.0001']),
  ])();
}
function letters() {
  return pick([
    () => word(LOWER, 1, 10),
    () => word(UPPER, 1, 10),
    () => word(LOWER + UPPER, 1, 10),
    () => word(LOWER + UPPER + DIGITS, 1, 10),
    () => word(LOWER + UPPER + DIGITS + ' _-', 0, 10),
    () => word([...LOWER, ...SPECIAL], 1, 8),
    () => word(['a', 'b', 'A', 'é', 'É', 'ß', 'Σ', 'ς', 'İ', 'ı', 'ǅ', 'ﬀ', '1', 'ſ', 'K', 'ŉ', 'ǰ', 'ΐ', 'ᾳ', 'Ω', 'ω', 'ǈ'], 1, 6),
    () => pick(['a', 'b', '1', 'true', '', 'A', ' a', 'a ', 'ab', 'abc', 'abd', 'xaby', 'null', 'foo', 'bar', 'foobar ', 'barfoo\n', 'foo\u00a0', 'FOO', 'fo', 'foofoo\t', 'bar\u2028']),
  ])();
}
function phone() {
  return pick([() => `${word(DIGITS, 3, 3)}-${word(DIGITS, 4, 4)}`, () => mutate(`${word(DIGITS, 3, 3)}-${word(DIGITS, 4, 4)}`, DIGITS + '-')])();
}
function junk() {
  return word([...ASCII_PRINT, ...SPECIAL, ...SPECIAL], 0, 16);
}

// Dates: the forms datetime::parse documents (PORT_FORM), JavaScript's lenient extras, junk.
// `T` may be `t` or a space; `Z` may be `z`; an offset Z, ±hh:mm or ±hhmm, after a space
// separator optionally after one space; years: four digits, ±six, or moment's -dddd..-dddddd and
// ddddd..dddddd.
const TIME = '\\d\\d:\\d\\d(?::\\d\\d(?:\\.\\d+)?)?';
const OFFSET = '(?:[Zz]|[+-]\\d\\d:?\\d\\d)';
const PORT_FORM = new RegExp(`^(?:[+-]\\d{6}|-?\\d{4,6})-\\d\\d-\\d\\d(?:[Tt]${TIME}${OFFSET}?| ${TIME}(?: ?${OFFSET})?)?$`);
// The years only the port reads (moment writes them so): not JavaScript's 4 digits or ±6.
const MOMENT_YEAR = /^(?:-\d{4,5}|-\d{6}|\d{5,6})-/;
function portDate() {
  const year = pick([
    () => pad(int(1900, 2100), 4),
    () => pad(int(0, 9999), 4),
    () => pick(['+', '-']) + pad(int(0, 275760), 6),
    () => pick(['+002020', '-000000', '+000000', '-271821', '+275760', '+275761']),
    () => '-' + pad(int(1, 9999), 4),
    () => String(int(10000, 275760)),
    () => pad(int(0, 99), 3),
    () => pad(int(0, 120), 4),
  ])();
  const two = (lo, hi) => pad(int(lo, hi), 2);
  const month = chance(0.9) ? two(1, 12) : two(0, 13);
  const day = chance(0.8) ? two(1, 28) : pick([two(29, 31), '00', '32']);
  let text = `${year}-${month}-${day}`;
  if (chance(0.8)) {
    text += pick(['T', 'T', ' ', 't']);
    text += chance(0.95) ? two(0, 23) : pick(['24', '25']);
    text += ':' + (chance(0.95) ? two(0, 59) : '60');
    if (chance(0.8)) {
      text += ':' + (chance(0.95) ? two(0, 59) : '60');
      if (chance(0.6)) text += '.' + word(DIGITS, pick([1, 2, 3, 3, 3, 4, 6, 9]), 0);
    }
    if (chance(0.6)) {
      text += chance(0.3) ? ' ' : '';
      text += pick([
        () => pick(['Z', 'z']),
        () => pick(['+', '-']) + two(0, 14) + ':' + pick(['00', '30', '45', '59', '60']),
        () => pick(['+', '-']) + two(0, 25) + two(0, 59),
      ])();
    }
  }
  return text;
}
function lenientDate() {
  const d = new Date(int(-2e12, 4e12));
  return pick([
    () => d.toString(),
    () => d.toUTCString(),
    () => d.toDateString(),
    () => `${d.getUTCFullYear()}/${d.getUTCMonth() + 1}/${d.getUTCDate()}`,
    () => `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`,
    () => `${pick(['Jan', 'February', 'mar', 'Dec'])} ${int(1, 31)} ${int(1900, 2100)}`,
    () => `${int(1, 31)} ${pick(['Jan', 'February', 'mar', 'Dec'])} ${int(1900, 2100)} ${int(0, 23)}:${two0(int(0, 59))} GMT`,
    () => String(int(1900, 2100)),
    () => `${int(1900, 2100)}-${two0(int(1, 12))}`,
    () => `${int(1900, 2100)}-${int(1, 12)}-${int(1, 28)}`,
    () => d.toISOString().replace('Z', '+01'),
    () => d.toISOString().slice(0, 10) + ' ' + d.toISOString().slice(11, 19) + ' GMT+0100',
    () => pick(['2020-01-01T10:00:00.000+0100 ', ' 2020-01-01', '2020-01-01T10', '2020-01-01T10:00:00ZZ', 'Thu, 01 Jan 1970 00:00:00 GMT', 'now', '2020', '1', '0']),
  ])();
}
const PARTS = /^([+-]?\d+)-(\d\d)-(\d\d)(?:([Tt ])(\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?(?: ?([Zz]|([+-])(\d\d):?(\d\d)))?)?$/;
/**
 * For text in the port's forms: why the port refuses it (see datetime::parse's doc; JavaScript's
 * fallback parser may still read it), else "moment-year" for moment's years, "two-digit-year"
 * for a year 0-99 in a space-separated date-time (V8's fallback parser reads `0012-01-01 00:00`
 * as 2001-12-01), else "date".
 */
function dateForm(s) {
  const [, y, mo, d, sep, h, mi, sec, frac, , , oh, om] = PARTS.exec(s);
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (y === '-000000' || y === '-0000' || y === '-00000') return 'year-minus-zero';
  if (month < 1 || month > 12) return 'month';
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (day < 1) return 'day-zero';
  if (day > days) return 'day-past-month-end';
  if (h !== undefined) {
    const endOfDay = h === '24' && mi === '00' && (sec ?? '00') === '00' && /^0*$/.test((frac ?? '').slice(0, 3));
    if ((Number(h) > 23 && !endOfDay) || Number(mi) > 59 || Number(sec ?? 0) > 59) return 'time';
  }
  if (oh !== undefined && (Number(oh) > 23 || Number(om) > 59)) return 'offset';
  if (MOMENT_YEAR.test(s)) return 'moment-year';
  if (sep === ' ' && year >= 0 && year < 100) return 'two-digit-year';
  return 'date';
}
/** The same instant in JavaScript's ISO form (±yyyyyy year, `T`, no space), as Date.parse reads it. */
function isoReading(s) {
  const [, y, mo, d, , h, mi, sec, frac, zone, sign, oh, om] = PARTS.exec(s);
  const year = (y.startsWith('-') ? '-' : '+') + y.replace(/^[+-]/, '').padStart(6, '0');
  let text = `${year}-${mo}-${d}`;
  if (h !== undefined) {
    text += `T${h}:${mi}` + (sec !== undefined ? `:${sec}` + (frac !== undefined ? `.${frac}` : '') : '');
    text += zone === undefined ? 'Z' : sign ? `${sign}${oh}:${om}` : 'Z';
  }
  const v = Date.parse(text);
  return Number.isNaN(v) ? null : v;
}
function two0(n) {
  return pad(n, 2);
}
function dateString() {
  return pick([portDate, portDate, portDate, () => mutate(portDate(), DIGITS + '-:T. +Z'), lenientDate])();
}

// ---------------------------------------------------------------------------------------------
// validators.jsonl
// ---------------------------------------------------------------------------------------------

// Each column: a validator as a model declares it (the same JSON the Rust test passes to
// orm::validate::Validator::from_json).
const COLUMNS = [
  ['notEmpty', true], ['len', [2, 10]], ['len', [5]], ['min', 5], ['max', 10], ['isEmail', true],
  ['isUrl', true], ['isURL', true], ['isInt', true], ['isFloat', true], ['isDecimal', true],
  ['isNumeric', true], ['isAlpha', true], ['isAlphanumeric', true], ['isLowercase', true],
  ['isUppercase', true], ['isIn', [['a', 'b', '1', 'true', '']]], ['notIn', [['a', 'b', '1', 'true', '']]],
  ['is', ['^[a-z]+$', 'i']], ['is', ['^\\d{3}-\\d{4}$']], ['is', ['^(foo|bar)+\\s?$']],
  ['not', ['[0-9]']], ['not', ['^\\w+@\\w+\\.(com|org)$', 'i']], ['contains', 'ab'], ['notContains', 'ab'],
  ['equals', 'abc'], ['isDate', true], ['isAfter', '2020-01-01'], ['isBefore', '2020-01-01'],
  ['isUUID', 4], ['isUUID', 1], ['isUUID', 'all'], ['isIP', true], ['isIP', [4]], ['isIP', [6]],
  ['isIPv4', true], ['isIPv6', true],
];

/** What Sequelize 6 answers for `validate: { [key]: test }` on `value` (InstanceValidator's own steps). */
function sequelizePasses(key, test, value) {
  if (['isUrl', 'isURL', 'isEmail'].includes(key) && test === true) test = {};
  const args = InstanceValidator.prototype._extractValidatorArgs.call({ modelInstance: {} }, test, key, 'name');
  return !!validator[key](String(value), ...args);
}

function validatorRows() {
  const families = [email, email, url, url, ipv4, ipv6, uuid, uuid, number, number, letters, letters, dateString, phone, junk];
  const seen = new Set();
  const rows = [];
  // Every input is checked by every column, so each validator sees all of them.
  while (rows.length < 3000) {
    const s = pick(families)();
    if (seen.has(s)) continue;
    seen.add(s);
    const bits = COLUMNS.map(([key, test]) => (sequelizePasses(key, test, s) ? '1' : '0')).join('');
    rows.push(PORT_FORM.test(s) ? [s, bits, dateForm(s)] : [s, bits]);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// inflection.jsonl
// ---------------------------------------------------------------------------------------------

const NOUNS = `person man woman child ox mouse louse matrix vertex index axis testis octopus virus alias
status bus buffalo tomato potato hero photo piano echo zero quiz datum medium analysis basis
diagnosis thesis crisis wife knife leaf half life wolf hive fish sheep deer series species money
rice information equipment category company story day key boy box church dish class glass kiss
address user post comment tag order item product invoice news movie shoe foot tooth goose cactus
fungus radius criterion phenomenon human data people men children mice matrices vertices indices
statuses buses tomatoes wives knives leaves halves lives wolves hives movies shoes categories
companies stories days keys boys boxes churches dishes classes addresses users posts comments
quizzes oxen aliases octopi viri analyses bases crises theses media jeans police cow cows moose
equipment salesperson salespeople archive archives perspective perspectives drive drives
objective objectives safe safes proof roof chief belief dwarf scarf staff cliff tax taxes fax
axe axes ax bias campus campuses genus opus corpus apex appendix appendices bureau plateau
schema schemata lemma dogma stigma stimulus stimuli syllabus alumnus alumna alumni larva fez
batch match witch switch wish brush lunch kiss miss gas gases lens cheese mess word region
shelf calf loaf thief elf self sheaf wharf hoof dice die penny pence ox mongoose thief glasses`.split(/\s+/);
const SUFFIXES = ['s', 'es', 'ies', 'ves', 'sis', 'ses', 'ix', 'ices', 'ex', 'us', 'i', 'ss', 'ch', 'sh', 'x', 'o', 'oes', 'um', 'a', 'ae', 'f', 'fe', 'y', 'ay', 'ey', 'z', 'zes', 'man', 'men', 'person', 'child', 'ouse', 'ice', 'ox', 'oxen', 'ive', 'ives', 'tatus', 'alias', 'news', 'movie', 'shoe', 'bus', 'quiz', 'ium', 'ia', 'eaf', 'ife', 'olf', 'alf', 'arf', 'rf', 'lf'];
const cap = (w) => w.charAt(0).toUpperCase() + w.slice(1);
function inflectionWord() {
  return pick([
    () => pick(NOUNS),
    () => cap(pick(NOUNS)),
    () => pick(NOUNS).toUpperCase(),
    () => Array.from(pick(NOUNS), (c) => (chance(0.3) ? c.toUpperCase() : c)).join(''),
    () => cap(pick(NOUNS)) + cap(pick(NOUNS)),
    () => pick(NOUNS) + cap(pick(NOUNS)),
    () => pick(NOUNS) + '_' + pick(NOUNS),
    () => pick(NOUNS).toUpperCase() + '_' + pick(NOUNS).toUpperCase(),
    () => pick(['_', '__', '-', ' ', '']) + pick(NOUNS) + pick(['_', '-', ' ', '  ', '::', '/', '']) + cap(pick(NOUNS)) + pick(['', '_', ' ', '-', '_id', 'Id', 'ID', '2']),
    () => word(LOWER, 1, 6) + pick(SUFFIXES),
    () => cap(word(LOWER, 1, 6)) + pick(SUFFIXES).toUpperCase(),
    () => word(LOWER + UPPER + DIGITS + '_- :/', 1, 12),
    () => word([...LOWER, 'é', 'ß', 'ü', 'İ', 'ı', 'ſ', 'K', 'ǅ', 'Σ', '😀', ' ', '_', '\u00a0', '\u3000', '-'], 1, 10),
    () => pick(['', ' ', '_', 'a', 'A', 'Id', 'userID', 'URL', 'HTMLParser', 'createdAt', 'UserId', 'user_id', 'USER_ID', '_private', 'Admin::User', 'a/b', ' trim me ', '\ttab', 'ßa', 'ǆemal']),
  ])();
}

function inflectionRows() {
  const seen = new Set();
  const rows = [];
  while (rows.length < 1500) {
    const w = inflectionWord();
    if (seen.has(w)) continue;
    seen.add(w);
    let camelized;
    try {
      camelized = Utils.camelize(w);
    } catch (e) {
      camelized = { throws: e.constructor.name };
    }
    rows.push([w, inflection.pluralize(w), inflection.singularize(w), inflection.underscore(w), inflection.camelize(w, true), camelized, _.upperFirst(w)]);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// dates.jsonl
// ---------------------------------------------------------------------------------------------

const MAX_MS = 8.64e15;
const seqDate = new DataTypes.DATE();
const seqDateOnly = new DataTypes.DATEONLY();
function dateRows() {
  const rows = [];
  const instants = [0, -1, 1, MAX_MS, -MAX_MS, MAX_MS - 1, -MAX_MS + 1, MAX_MS + 1, -MAX_MS - 1];
  while (instants.length < 800) {
    const ms = pick([
      () => int(-MAX_MS / 1000, MAX_MS / 1000) * 1000 + int(0, 999),
      () => int(Date.UTC(1900, 0, 1), Date.UTC(2100, 0, 1)),
      () => int(-1e6, 1e6),
      () => {
        const y = new Date(0).setUTCFullYear(pick([0, -1, 1, 1969, 1970, 2000, 1900, 2100, 9999, 10000, -9999, -10000, 99999, 100000, -271821, 275760, int(-3000, 3000)]));
        return y + pick([-1, 0, 1, -86400000, 86400000 - 1]);
      },
    ])();
    if (Number.isFinite(ms)) instants.push(ms);
  }
  for (const ms of instants) {
    const d = new Date(ms);
    const valid = !Number.isNaN(d.getTime());
    // Sequelize's DATE and DATEONLY in SQLite (timezone +00:00; DATEONLY formats local time: UTC here)
    rows.push(valid
      ? ['f', ms, d.toISOString(), seqDate._stringify(d, { timezone: '+00:00' }), seqDateOnly._stringify(d)]
      : ['f', ms, 'Invalid Date', null, null]);
  }
  const seen = new Set();
  let parsed = 0;
  while (parsed < 1500) {
    const s = dateString();
    if (seen.has(s)) continue;
    seen.add(s);
    parsed++;
    const js = Date.parse(s);
    const form = PORT_FORM.test(s) ? dateForm(s) : 'other';
    const row = ['p', s, Number.isNaN(js) ? null : js, form];
    if (form === 'moment-year' || form === 'two-digit-year') row.push(isoReading(s));
    rows.push(row);
  }
  return rows;
}

writeJsonl('validators.jsonl', { ...versions, columns: COLUMNS, note: 'each row: [input, one 0/1 per column, dateForm(input) when the input is in datetime::parse\'s forms]' }, validatorRows());
writeJsonl('inflection.jsonl', { ...versions, note: 'each row: [word, pluralize, singularize, underscore, camelize(w, true), Utils.camelize (or {throws}), _.upperFirst]' }, inflectionRows());
writeJsonl('dates.jsonl', { ...versions, tz: process.env.TZ, note: '["f", ms, toISOString, DATE, DATEONLY]: formatting; ["p", s, Date.parse, form, Date.parse of the same instant in ISO form]: form = dateForm(s) for the port\'s forms ("date", "moment-year", "two-digit-year" or why the port refuses it), else "other"' }, dateRows());
