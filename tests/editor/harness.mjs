// Runs the editor's own browser modules (format.js, totals.js) under Node for the tests:
// reads {rules, items: [{unit, text} | {unit, data}]} on stdin, writes one result per item.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const admin = process.argv[2];
const { makeFormat } = await import(pathToFileURL(`${admin}/format.js`));
const { totals } = await import(pathToFileURL(`${admin}/totals.js`));

const { rules, items } = JSON.parse(readFileSync(0, 'utf8'));
const format = makeFormat(rules);

const out = items.map(({ unit, text, data: given }) => {
  const data = text !== undefined ? format.fromFile(text) : given;
  const saved = { ...data, unit: data.unit || unit, year: data.year || rules.year }; // as preSave does
  const fw = rules.frameworks[rules.units[saved.unit].framework];
  const t = totals(fw, saved);
  let file = null;
  let error = null;
  try { file = format.toFile(saved); } catch (e) { error = e.message; }
  const problems = t.areas.flatMap((a) => a.leaves.flatMap(
    (l) => l.problems.map((p) => ({ code: l.leaf.code, ...p }))));
  return { data, file, error, total: t.total.toString(), max: t.max.toString(),
    index: t.index === undefined ? null : t.index.toString(), problems };
});
process.stdout.write(JSON.stringify(out));
