// Runs the editor's appraisal modules under Node for the tests: reads {admin, items} on
// stdin, each item one operation, and writes one result per item.
//   {op: "appraisal", appraisal, text, unit?, form?} -> {data, file | error}  (read, edit the form, save)
//   {op: "explanation", appraisal, unit, text}  -> {data, file | error}
//   {op: "totals", framework, self, rounds}     -> self vs appraised, and the self-assessment preview's total
//   {op: "problems", framework, self, items}    -> the problems the council's input shows, per item
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const { admin, items } = JSON.parse(readFileSync(0, 'utf8'));
const load = (name) => import(pathToFileURL(`${admin}/${name}`));
const { makeAppraisalFormat, makeExplanationFormat } = await load('appraisal-format.js');
const { appraisalTotals, itemProblems, selfEntries, selfPoints } = await load('appraisal-totals.js');
const { makeFormat } = await load('format.js');
const { totals } = await load('totals.js');
const { readYaml } = await load('yamldoc.js');

const str = (v) => (v === undefined ? null : v.toString());

function save(format, text, form) {
  const data = { ...format.fromFile(text), ...(form || {}) };
  try { return { data, file: format.toFile(data), error: null }; } catch (e) { return { data, file: null, error: e.message }; }
}

function leaves(fw) { return fw.areas.flatMap((a) => a.leaves); }

const run = {
  appraisal: ({ appraisal, text, unit, form }) => save(makeAppraisalFormat(appraisal, () => unit), text, form),
  explanation: ({ appraisal, unit, text }) => save(makeExplanationFormat(appraisal, unit), text),
  totals({ framework, self, rounds }) {
    const doc = readYaml(self).data;
    const t = appraisalTotals(framework, selfEntries(doc), readYaml(rounds).data.rounds);
    const rules = { year: doc.year, units: { [doc.unit]: { framework: 'fw' } }, frameworks: { fw: framework } };
    const preview = totals(framework, makeFormat(rules).fromFile(self));
    return { self: str(t.self), appraised: str(t.appraised), max: str(t.max), self_index: str(t.selfIndex),
      appraised_index: str(t.appraisedIndex),
      preview: { total: str(preview.total), max: str(preview.max), index: str(preview.index) } };
  },
  problems({ framework, self, items: list }) {
    const entries = selfEntries(readYaml(self).data);
    const byCode = new Map(leaves(framework).map((l) => [l.code, l]));
    return list.map((it) => {
      const leaf = byCode.get(it.code);
      return itemProblems(leaf, selfPoints(leaf, entries.get(it.code)), it);
    });
  },
};

process.stdout.write(JSON.stringify(items.map((it) => run[it.op](it))));
