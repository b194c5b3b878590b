// Reads a dossier file (self-assessment, appraisal, explanation) as cchc's own loader does
// (cchc.load.yamlfile): a plain scalar is null, true/false or otherwise its text, numbers
// included, kept exactly as written (0.50 stays "0.50"); quoted and block scalars are text.
// So what the browser shows and sums is what `cchc validate` and `cchc check-pr` read.
import { isMap, isScalar, isSeq, parseDocument, visit } from './vendor/yaml/index.js';

const NULL = new Set(['', '~', 'null', 'Null', 'NULL']);
const TRUE = new Set(['true', 'True', 'TRUE']);
const FALSE = new Set(['false', 'False', 'FALSE']);

function plain(text) {
  if (NULL.has(text)) return null;
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  return text;
}

function value(node) {
  if (isMap(node)) {
    return Object.fromEntries(node.items.map((p) => [String(isScalar(p.key) ? p.key.value : p.key), value(p.value)]));
  }
  if (isSeq(node)) return node.items.map(value);
  if (isScalar(node)) return node.type === 'PLAIN' ? plain(String(node.value ?? '')) : String(node.value ?? '');
  return null;
}

// {data} or {error}: cchc refuses aliases and repeated keys, and so does this.
export function readYaml(content) {
  const doc = parseDocument(content || '', { schema: 'failsafe', uniqueKeys: true });
  let alias = false;
  visit(doc, { Alias() { alias = true; return visit.BREAK; } });
  if (doc.errors.length || alias) {
    return { error: doc.errors.map((e) => e.message).join('\n') || 'tệp dùng neo, bí danh YAML (&, *)' };
  }
  return { data: value(doc.contents) };
}

export const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
export const listOf = (v) => (Array.isArray(v) ? v.filter(isObject) : []);
