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
  // With the Rust runner's defaults: rows named P0, P1... with null values.
  if (c.stepRows) {
    params.Properties = Array.from({ length: c.stepRows.count ?? 0 }, (_, i) => ({
      PropertyName: `${c.stepRows.name ?? 'P'}${i}`, PropertyValue: c.stepRows.value ?? null,
    }));
  }
  if (c.dynamicNesting !== undefined && c.dynamicNesting !== null) {
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

