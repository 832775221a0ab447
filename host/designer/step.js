// The step as the designer holds it, and as the seed's step files write it:
// plain functions between the form's values and the step JSON, and the
// tokens a step names. No DOM here, so Node tests them as they are.

/** The form's values when nothing is filled in. */
export function emptyValues() {
  return { entryId: '', rows: [], propertiesJson: '', mergeMode: 'replace', expectedRevision: '', dryRun: false };
}

/**
 * The step file for the form's values, in the seed's format
 * (`{ ActionType, Parameters }`), leaving out what is at its default. A
 * revision that is not a whole number is kept as the text typed, so that
 * the action's diagnostic says what is wrong with it.
 */
export function stepFromValues(v) {
  const parameters = { EntryId: v.entryId };
  if (v.rows.length) {
    // A row loaded without a value stays without one: the action refuses it,
    // where empty text would blank the property.
    parameters.Properties = v.rows.map((r) => (r.value === undefined
      ? { PropertyName: r.name }
      : { PropertyName: r.name, PropertyValue: r.value }));
  }
  if (v.propertiesJson.trim() !== '') parameters.PropertiesJson = v.propertiesJson;
  if (v.mergeMode && v.mergeMode !== 'replace') parameters.MergeMode = v.mergeMode;
  const revision = String(v.expectedRevision ?? '').trim();
  if (revision !== '') parameters.ExpectedRevision = /^\d+$/.test(revision) && Number.isSafeInteger(Number(revision)) ? Number(revision) : revision;
  if (v.dryRun) parameters.DryRun = true;
  return { ActionType: 'Connectors.Update', Parameters: parameters };
}

/** The step file's text, as the page shows it and downloads it. */
export function stepText(v) {
  return `${JSON.stringify(stepFromValues(v), null, 2)}\n`;
}

/**
 * The form's values from a step file's text, or `{ error }` saying why the
 * text cannot fill the form. Keys the form has no field for are listed in
 * `dropped`, so the page can say so.
 */
export function valuesFromText(text) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { error: `the file is not JSON (${e.message.replace(/\s+in JSON.*$/, '')})` };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { error: 'the file is no step: it holds no JSON object' };
  if (parsed.ActionType !== undefined && parsed.ActionType !== 'Connectors.Update') {
    return { error: `the file is a ${JSON.stringify(parsed.ActionType)} step, not a Connectors.Update one` };
  }
  const p = parsed.Parameters && typeof parsed.Parameters === 'object' ? parsed.Parameters : parsed;
  const known = new Set(['EntryId', 'Properties', 'PropertiesJson', 'MergeMode', 'ExpectedRevision', 'DryRun']);
  const dropped = Object.keys(p).filter((k) => !known.has(k));
  const text_ = (x) => (x === undefined || x === null ? '' : typeof x === 'string' ? x : JSON.stringify(x));
  const values = {
    entryId: text_(p.EntryId),
    rows: Array.isArray(p.Properties)
      ? p.Properties.map((r) => ({ name: text_(r?.PropertyName), value: r?.PropertyValue === undefined ? undefined : text_(r.PropertyValue) }))
      : [],
    propertiesJson: text_(p.PropertiesJson),
    // Kept as written, even a mode the action does not know: it says so.
    mergeMode: p.MergeMode === undefined ? 'replace' : text_(p.MergeMode),
    expectedRevision: p.ExpectedRevision === undefined || p.ExpectedRevision === null ? '' : String(p.ExpectedRevision),
    dryRun: p.DryRun === true,
  };
  return { values, dropped };
}

/** One token's grammar, as the descriptor's token syntax says: `[Name]`, `[Source:Name]`, either with `|format`. */
const TOKEN = /\[([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)(?:\|[^\][]*)?\]/g;

/** Whether `text` holds a token, by the same grammar: such a value is known only when the step runs. */
export function hasToken(text) {
  return new RegExp(TOKEN.source).test(String(text));
}

/** The tokens a step's values name (`Form:Key`, `Region`), each once, in order. */
export function tokensIn(v) {
  const texts = [v.entryId, v.propertiesJson, ...v.rows.flatMap((r) => [r.name, r.value])];
  const found = [];
  for (const text of texts) {
    for (const m of String(text).matchAll(TOKEN)) if (!found.includes(m[1])) found.push(m[1]);
  }
  return found;
}

/**
 * Where a diagnostic's field is shown: the field itself when the form has
 * it (`Properties[2].PropertyName`), else the nearest field that holds it
 * (`PropertiesJson.Region` at `PropertiesJson`, `Properties[1]` at
 * `Properties`), else the step as a whole.
 */
export function placeOf(field, has) {
  let at = String(field ?? '');
  while (at) {
    if (has(at)) return at;
    const cut = Math.max(at.lastIndexOf('.'), at.lastIndexOf('['));
    at = cut > 0 ? at.slice(0, cut) : '';
  }
  return 'step';
}
