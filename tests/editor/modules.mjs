// Calls exported functions of the editor's browser modules under Node for the tests: reads
// {calls: [{module, fn, args}]} on stdin, writes one JSON result per call. An argument
// {"$bytes": base64} is passed as a Uint8Array, {"$set": [...]} as a Set.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const admin = process.argv[2];
const { calls } = JSON.parse(readFileSync(0, 'utf8'));

const revive = (arg) => {
  if (arg && typeof arg === 'object' && '$bytes' in arg) return new Uint8Array(Buffer.from(arg.$bytes, 'base64'));
  if (arg && typeof arg === 'object' && '$set' in arg) return new Set(arg.$set);
  return arg;
};

const out = [];
for (const { module, fn, args } of calls) {
  const mod = await import(pathToFileURL(`${admin}/${module}`));
  out.push(mod[fn](...args.map(revive)) ?? null);
}
process.stdout.write(JSON.stringify(out));
