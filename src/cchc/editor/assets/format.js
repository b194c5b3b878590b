// The self-assessment file <-> the form's data. Registered as a Decap custom format so
// that the file Decap saves is exactly what `cchc validate` reads (schemas/
// self-assessment.schema.json), whatever the widgets hold: empty inputs are left out,
// numbers are written as numbers, codes and dates quoted, criteria in the framework's order.
import { Document, parseDocument, visit } from './vendor/yaml/index.js';
import Big from './vendor/big.mjs';

const EMPTY = new Set(['', '~', 'null', 'Null', 'NULL']);
const EVIDENCE_KEYS = ['file', 'title', 'number', 'date', 'section', 'page'];
const REPORT_KEYS = ['file', 'number', 'date', 'approved_by'];

export const blank = (v) => v === undefined || v === null || (typeof v === 'string' && EMPTY.has(v.trim()));
const text = (v) => (blank(v) ? undefined : String(v).trim());

// "0,5", "0.50", 0.5 -> "0.5"; undefined when it is not a number.
export function decimal(v) {
  if (blank(v)) return undefined;
  try { return new Big(String(v).trim().replace(',', '.')).toString(); } catch (e) { return undefined; }
}

const number = (v) => { const d = decimal(v); return d === undefined ? undefined : Number(d); };

// Dates: the file holds YYYY-MM-DD; the form shows and takes dd/mm/yyyy (fields.date_input).
// Text that is not a real date is kept as typed, for `cchc validate` to report.
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const VN = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

export function isoDate(v) {
  const t = text(v);
  const m = t && t.match(VN);
  if (!m) return t;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return t;
  return `${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function shownDate(v) {
  const t = text(v);
  const m = t && t.match(ISO);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : t;
}

const dated = (obj, how) => (obj.date === undefined ? obj : { ...obj, date: how(obj.date) });

function compact(obj) {
  const out = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return out;
}

function evidenceIn(items) {
  return (Array.isArray(items) ? items : []).filter((it) => it && typeof it === 'object').map((it) => compact({
    file: text(it.file), title: text(it.title), number: text(it.number), date: shownDate(it.date),
    section: text(it.section), page: number(it.page),
  }));
}

function evidenceOut(items) {
  return (Array.isArray(items) ? items : [])
    .map((it) => compact({ file: text(it.file), title: text(it.title), number: text(it.number),
      date: isoDate(it.date), section: text(it.section),
      page: number(it.page) === undefined ? undefined : Math.trunc(number(it.page)) }))
    .filter((it) => EVIDENCE_KEYS.some((k) => it[k] !== undefined));
}

// One criterion of the file -> its inputs in the form.
function entryIn(leaf, e) {
  const out = { explanation: text(e.explanation), evidence: evidenceIn(e.evidence) };
  if (leaf.na_allowed) {
    out.na = String(e.na).trim() === 'true';
    out.na_reason = text(e.na_reason);
  }
  if (leaf.figures) {
    const f = e.figures && typeof e.figures === 'object' ? e.figures : {};
    out.achieved = number(f.achieved);
    out.total = number(f.total);
    out.score = decimal(e.score); // kept only while no figures are entered
  } else if (leaf.choice) {
    out.score = decimal(e.score) ?? text(e.score);
  } else {
    out.score = number(e.score) ?? text(e.score);
  }
  return compact(out);
}

// The inputs of one criterion -> its entry in the file.
function entryOut(leaf, v) {
  const out = { code: leaf.code };
  if (leaf.figures) {
    const achieved = number(v.achieved);
    const total = number(v.total);
    if (achieved !== undefined || total !== undefined) out.figures = compact({ achieved, total });
    else if (decimal(v.score) !== undefined) out.score = number(v.score);
  } else if (decimal(v.score) !== undefined) {
    out.score = number(v.score);
  }
  if (v.na === true) out.na = true;
  if (text(v.na_reason)) out.na_reason = text(v.na_reason);
  if (text(v.explanation)) out.explanation = text(v.explanation);
  const evidence = evidenceOut(v.evidence);
  if (evidence.length) out.evidence = evidence;
  return out;
}

function quoteStyle(doc) {
  visit(doc, {
    Pair(_, pair) {
      const k = pair.key && pair.key.value;
      if (k === 'code') pair.value.type = 'QUOTE_DOUBLE';
      if (k === 'figures') pair.value.flow = true;
    },
  });
  return doc;
}

// ``unit``: the unit the page edits. A dossier never saved has no file, so Decap hands the
// form's data over without the hidden unit and year (its local backup of a new dossier
// included): they are taken from the page then.
export function makeFormat(rules, unit) {
  const frameworkOf = (unit) => {
    const u = rules.units[unit];
    return u ? rules.frameworks[u.framework] : undefined;
  };

  return {
    fromFile(content) {
      const doc = parseDocument(content || '', { schema: 'failsafe', uniqueKeys: true });
      if (doc.errors.length) {
        return { _unreadable: doc.errors.map((e) => e.message).join('\n') };
      }
      const raw = doc.toJS() || {};
      const data = { unit: text(raw.unit), year: number(raw.year) };
      const report = raw.report && typeof raw.report === 'object' ? raw.report : null;
      if (report) {
        data.report = dated(compact(Object.fromEntries(REPORT_KEYS.map((k) => [k, text(report[k])]))), shownDate);
      }
      if (text(raw.difficulties)) data.difficulties = text(raw.difficulties);
      const fw = frameworkOf(data.unit ?? unit);
      const leaves = new Map();
      for (const area of fw ? fw.areas : []) {
        for (const leaf of area.leaves) if (leaf.input) leaves.set(leaf.code, [area, leaf]);
      }
      const dropped = [];
      for (const e of Array.isArray(raw.scores) ? raw.scores : []) {
        const code = text(e && e.code);
        const found = leaves.get(code);
        if (!found) { dropped.push(code || '(không có mã)'); continue; }
        const [area, leaf] = found;
        data[area.key] = data[area.key] || {};
        if (data[area.key][leaf.key]) { dropped.push(code); continue; }
        data[area.key][leaf.key] = entryIn(leaf, e);
      }
      if (dropped.length) data._dropped = dropped;
      return data;
    },

    toFile(data) {
      if (data._unreadable) {
        throw new Error('Tệp hồ sơ hiện có bị lỗi cú pháp YAML nên không thể lưu đè từ trình nhập liệu. '
          + 'Hãy liên hệ quản trị viên để sửa tệp (cchc validate chỉ ra dòng lỗi).');
      }
      const who = text(data.unit) ?? unit;
      const fw = frameworkOf(who);
      if (!fw) throw new Error(`Không tìm thấy bộ tiêu chí của đơn vị '${who}'.`);
      const out = { unit: who, year: number(data.year) ?? rules.year };
      const report = dated(compact(Object.fromEntries(REPORT_KEYS.map((k) => [k, text((data.report || {})[k])]))),
        isoDate);
      if (Object.keys(report).length) out.report = report;
      if (text(data.difficulties)) out.difficulties = text(data.difficulties);
      out.scores = [];
      for (const area of fw.areas) {
        for (const leaf of area.leaves) {
          if (leaf.input) out.scores.push(entryOut(leaf, (data[area.key] || {})[leaf.key] || {}));
        }
      }
      const doc = quoteStyle(new Document(out, { version: '1.1' }));
      return doc.toString({ lineWidth: 0 });
    },
  };
}
