// The council's appraisal.yaml and the unit's explanation.yaml <-> their forms, as Decap
// custom formats, writing exactly what schemas/appraisal.schema.json and
// explanation.schema.json describe. The appraisal form edits one round, the one the plan
// opens now (rules.appraisal.units[unit].round); every other round recorded in the file is
// written back unchanged in meaning, because `cchc check-pr` refuses any change to a
// recorded round. A file that already holds a later round is never saved over.
import { Document, visit } from './vendor/yaml/index.js';
import { blank, decimal } from './format.js';
import { isObject, listOf, readYaml } from './yamldoc.js';

const text = (v) => (blank(v) ? undefined : String(v).trim()); // what the form edits
const exact = (v) => (v === null || v === undefined ? undefined : String(v)); // what a recorded round holds
const number = (v) => { const d = decimal(v); return d === undefined ? undefined : Number(d); };

const compact = (obj) => Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));

function quoted(doc) {
  visit(doc, {
    Pair(_, pair) {
      const k = pair.key && pair.key.value;
      if ((k === 'code' || k === 'date') && pair.value && pair.value.value !== undefined) pair.value.type = 'QUOTE_DOUBLE';
    },
  });
  return doc;
}

// A file the editor could not read is never overwritten from it.
function refuseUnreadable(data, what) {
  if (!data._unreadable) return;
  throw new Error(`Tệp ${what} hiện có bị lỗi cú pháp YAML nên không thể lưu đè từ trình nhập liệu. Hãy liên hệ `
    + 'quản trị viên để sửa tệp (cchc validate chỉ ra dòng lỗi).');
}

const dump = (out) => quoted(new Document(out, { version: '1.1' })).toString({ lineWidth: 0 });

// A recorded round as cchc reads it (text exactly as written, numbers as numbers).
function recorded(r) {
  const items = listOf(r.items).map((it) => compact({
    code: exact(it.code),
    score: number(it.score) ?? exact(it.score),
    reason: exact(it.reason),
    request: exact(it.request),
  }));
  return compact({ round: number(r.round) ?? exact(r.round), council: exact(r.council), date: exact(r.date),
    note: exact(r.note), items });
}

export function leavesOf(fw) {
  const out = [];
  for (const area of fw ? fw.areas : []) for (const leaf of area.leaves) if (leaf.input) out.push([area, leaf]);
  return out;
}

function itemsIn(data, fw, items) {
  const byCode = new Map(leavesOf(fw).map(([area, leaf]) => [leaf.code, [area, leaf]]));
  const dropped = [];
  for (const it of items) {
    const code = text(it.code);
    const found = byCode.get(code);
    if (!found || (data[found[0].key] || {})[found[1].key]) { dropped.push(code || '(không có mã)'); continue; }
    const [area, leaf] = found;
    data[area.key] = data[area.key] || {};
    data[area.key][leaf.key] = compact({ score: decimal(it.score) ?? text(it.score), reason: text(it.reason),
      request: text(it.request) });
  }
  return dropped;
}

// The round's items as the form holds them: every criterion with a score, a reason or a request.
export function formItems(data, fw) {
  const items = [];
  for (const [area, leaf] of leavesOf(fw)) {
    const v = (data[area.key] || {})[leaf.key] || {};
    const score = decimal(v.score);
    const item = compact({ code: leaf.code, score: score === undefined ? undefined : Number(score),
      reason: text(v.reason), request: text(v.request) });
    if (Object.keys(item).length > 1) items.push(item);
  }
  return items;
}

function itemsOut(data, fw) {
  return formItems(data, fw).filter((item) => {
    if (item.score !== undefined || item.request !== undefined) return true;
    throw new Error(`Tiêu chí ${item.code}: đã ghi lý do nhưng chưa có điểm thẩm định.`);
  });
}

// ``opened()``: the unit whose form is open, for a file that does not exist yet: Decap then
// gives the form no hidden defaults, and backs the typing up (toFile) before any preSave.
export function makeAppraisalFormat(appraisal, opened = () => undefined) {
  const frameworkOf = (unit) => {
    const u = appraisal.units[unit];
    return u ? appraisal.frameworks[u.framework] : undefined;
  };
  return {
    fromFile(content) {
      const read = readYaml(content);
      if (read.error) return { _unreadable: read.error };
      const raw = isObject(read.data) ? read.data : {};
      const data = compact({ unit: text(raw.unit), year: number(raw.year) });
      const u = appraisal.units[data.unit];
      const rounds = listOf(raw.rounds);
      const open = u && u.round;
      const current = rounds.find((r) => number(r.round) === open);
      data._kept = rounds.filter((r) => r !== current).map(recorded);
      if (rounds.some((r) => number(r.round) > open)) data._later = true;
      if (current) {
        Object.assign(data, compact({ date: text(current.date), note: text(current.note) }));
        const dropped = itemsIn(data, frameworkOf(data.unit), listOf(current.items));
        if (dropped.length) data._dropped = dropped;
      }
      return data;
    },

    toFile(data) {
      refuseUnreadable(data, 'kết quả thẩm định');
      const unit = data.unit || opened();
      const u = appraisal.units[unit];
      if (!u || !u.round) throw new Error(`Hồ sơ của đơn vị '${unit}' không có vòng thẩm định nào đang mở.`);
      if (data._later) {
        throw new Error('Tệp kết quả thẩm định đã có vòng sau vòng đang mở trên trang này: trang chưa được cập nhật. '
          + 'Tải lại trang sau ít phút; không lưu đè kết quả đã ghi nhận.');
      }
      const round = compact({ round: u.round, council: u.council, date: text(data.date), note: text(data.note),
        items: itemsOut(data, frameworkOf(unit)) });
      return dump({ unit, year: appraisal.year, rounds: [...(data._kept || []), round] });
    },
  };
}

const evidenceIn = (items) => listOf(items).map((it) => compact({
  file: text(it.file), title: text(it.title), page: number(it.page) }));

function evidenceOut(items, code) {
  return listOf(items).map((it) => compact({ file: text(it.file), title: text(it.title),
    page: number(it.page) === undefined ? undefined : Math.trunc(number(it.page)) }))
    .filter((it) => Object.keys(it).length)
    .map((it) => {
      if (it.file === undefined) throw new Error(`Tiêu chí ${code}: có tài liệu bổ sung chưa chọn tệp PDF.`);
      return it;
    });
}

// explanation.yaml of one unit (the page serves one unit at a time).
export function makeExplanationFormat(appraisal, unit) {
  return {
    fromFile(content) {
      const read = readYaml(content);
      if (read.error) return { _unreadable: read.error };
      const raw = isObject(read.data) ? read.data : {};
      return { unit, year: appraisal.year, answers: listOf(raw.answers).map((a) => compact({
        code: text(a.code), text: text(a.text), evidence: evidenceIn(a.evidence) })) };
    },

    toFile(data) {
      refuseUnreadable(data, 'giải trình');
      const answers = listOf(data.answers).filter((a) => !blank(a.code) || !blank(a.text)).map((a) => {
        if (blank(a.code) || blank(a.text)) throw new Error('Mỗi nội dung giải trình cần chọn tiêu chí và ghi nội dung.');
        const evidence = evidenceOut(a.evidence, text(a.code));
        return compact({ code: text(a.code), text: text(a.text), evidence: evidence.length ? evidence : undefined });
      });
      return dump({ unit, year: appraisal.year, answers });
    },
  };
}

// A file read for display only (hidden collections): never written from the editor.
export const documentFormat = {
  fromFile(content) {
    const read = readYaml(content);
    return read.error ? { _unreadable: read.error } : { doc: read.data };
  },
  toFile() {
    throw new Error('Tệp này chỉ để đọc.');
  },
};
