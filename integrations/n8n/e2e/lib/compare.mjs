// Credential data compared field by field, reporting names only: a failed
// assertion must never print a credential's value.

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What is wrong with `after`, given `before` and the fields expected to be
 * set (`changes`, name → exact value): a list of sentences naming fields,
 * empty when exactly the named fields hold their new values and every other
 * field is kept byte for byte (no field added or lost).
 */
export function changeProblems(before, after, changes = {}) {
  const problems = [];
  for (const name of new Set([...Object.keys(before), ...Object.keys(after), ...Object.keys(changes)])) {
    if (name in changes) {
      if (!(name in after)) problems.push(`${name}: missing after the run`);
      else if (!same(after[name], changes[name])) problems.push(`${name}: does not hold the value set`);
    } else if (!(name in after)) {
      problems.push(`${name}: lost`);
    } else if (!(name in before)) {
      problems.push(`${name}: appeared, though not named`);
    } else if (!same(before[name], after[name])) {
      problems.push(`${name}: changed, though not named`);
    }
  }
  return problems;
}

