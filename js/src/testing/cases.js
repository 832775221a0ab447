// The conformance cases, as data: the files of the repository's
// tests/conformance, which the package's build copies into gen/conformance.
import { readFileSync, readdirSync } from 'node:fs';

const folder = new URL('../../gen/conformance/', import.meta.url);

/** Every case file, `{ file, about, store, cases }`, in file-name order. */
export function caseFiles() {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((file) => ({ file, ...JSON.parse(readFileSync(new URL(file, folder), 'utf8')) }));
}

/** The step text a case runs: `stepText`, or `step` with its generated parts. */
export function stepText(c) {
  if (c.stepText !== undefined) return c.stepText;
  const step = structuredClone(c.step);
  const params = step.Parameters ?? step;
  if (c.stepRows) {
    params.Properties = Array.from({ length: c.stepRows.count }, (_, i) => ({
      PropertyName: `${c.stepRows.name}${i}`, PropertyValue: c.stepRows.value,
    }));
  }
  if (c.dynamicNesting) {
    params.PropertiesJson = `{"Deep": ${'['.repeat(c.dynamicNesting)}${']'.repeat(c.dynamicNesting)}}`;
  }
  return JSON.stringify(step);
}

/** Every canary of a case: each `canary...` word in any text of the case or its store, which no output may hold. */
export function canaries(c, store) {
  const found = new Set();
  const visit = (v) => {
    if (typeof v === 'string') for (const m of v.matchAll(/canary[-\w]*/gi)) found.add(m[0]);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(store);
  visit(c);
  return [...found];
}

/** A kind as the CLI prints it (`max_properties`) in the package's spelling (`maxProperties`), keys only. */
export function camelKeys(value) {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), camelKeys(v)]));
  }
  return value;
}
