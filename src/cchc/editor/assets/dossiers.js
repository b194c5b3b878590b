// What the appraisal and explanation forms show beside their inputs, read from the main
// branch through Decap's own backend (the signed-in account's access, never a public file):
// the unit's self-assessment and explanation for the council, the council's round 1 for the
// unit. Read once per unit and shared by every criterion's input and the preview.
import { selfEntries } from './appraisal-totals.js';
import { blank } from './format.js';
import { isObject, listOf } from './yamldoc.js';

export const SELF_DOC = 'tu-danh-gia';
export const EXPLANATION_DOC = 'giai-trinh';
export const APPRAISAL_DOC = 'tham-dinh';

async function read(loadEntry, collection, slug) {
  try {
    const entry = await loadEntry(collection, slug);
    const data = entry && entry.data;
    if (!data) return { missing: true };
    return data._unreadable ? { unreadable: data._unreadable } : { doc: data.doc };
  } catch (e) {
    return { missing: true }; // no such file on the main branch (yet)
  }
}

function answersOf(doc) {
  const out = new Map();
  for (const a of listOf(isObject(doc) ? doc.answers : null)) {
    if (!blank(a.code) && !out.has(String(a.code))) out.set(String(a.code), a);
  }
  return out;
}

// The council's recorded round 1: code -> its item ({score, reason, request}).
export function roundOne(doc) {
  const r1 = listOf(isObject(doc) ? doc.rounds : null).find((r) => String(r.round) === '1');
  const out = new Map();
  for (const it of listOf(r1 ? r1.items : null)) if (!blank(it.code)) out.set(String(it.code), it);
  return out;
}

export function makeStore(appraisal) {
  const cache = new Map();
  const listeners = new Set();
  const once = (key, load) => {
    if (!cache.has(key)) {
      const item = { value: undefined };
      item.promise = load().then((value) => {
        item.value = value;
        listeners.forEach((f) => f());
        return value;
      });
      cache.set(key, item);
    }
    return cache.get(key).promise;
  };
  return {
    // For the council: {self: code -> entry, answers: code -> answer, problem}.
    dossier(loadEntry, unit) {
      const docs = appraisal.councils[appraisal.units[unit].council].docs;
      return once(`d:${unit}`, async () => {
        const [sa, ex] = await Promise.all([read(loadEntry, docs, `${unit}--${SELF_DOC}`),
          read(loadEntry, docs, `${unit}--${EXPLANATION_DOC}`)]);
        const problem = sa.missing ? 'Không đọc được hồ sơ tự đánh giá của đơn vị trên nhánh chính.'
          : (sa.unreadable ? 'Hồ sơ tự đánh giá của đơn vị bị lỗi cú pháp.' : null);
        return { self: selfEntries(sa.doc), answers: answersOf(ex.doc), problem };
      });
    },
    // For the unit: code -> the council's round-1 item, for the items that ask for an explanation.
    requests(loadEntry, unit) {
      return once(`r:${unit}`, async () => {
        const ap = await read(loadEntry, appraisal.units[unit].docs, APPRAISAL_DOC);
        return new Map([...roundOne(ap.doc)].filter(([, it]) => !blank(it.request)));
      });
    },
    peek(key) {
      return cache.has(key) ? cache.get(key).value : undefined;
    },
    subscribe(f) {
      listeners.add(f);
      return () => listeners.delete(f);
    },
  };
}
