// The step's form, built from the action's descriptor: one field per
// parameter, with its label, help, default and whether it takes tokens;
// the connector picker; the Properties grid with the chosen kind's names;
// and a place for each diagnostic at the field it is about.
import { emptyValues, hasToken, placeOf } from './step.js';

/** `document.createElement` with attributes and children. */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  node.append(...children.filter((c) => c !== undefined));
  return node;
}

function badges(parameter) {
  return [
    parameter.required ? el('span', { class: 'badge required', text: 'required' }) : undefined,
    parameter.supportsTokens ? el('span', { class: 'badge', title: 'Tokens such as [Form:Key] are resolved in it', text: 'tokens' }) : undefined,
  ];
}

/** A parameter's default, from the descriptor's JSON text, in words. */
function defaultWords(parameter) {
  try {
    const value = JSON.parse(parameter.defaultValue);
    if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) return '';
    return ` Default: ${typeof value === 'string' ? value : JSON.stringify(value)}.`;
  } catch {
    return '';
  }
}

/**
 * Builds the form into `root` from `descriptor.parameters`. `connectors`
 * are the store's (`{ id, name, kind }`); `onChange()` is called after every
 * edit. Returns the form's handle.
 */
export function buildForm(root, descriptor, connectors, onChange) {
  const fields = new Map();
  let values = emptyValues();
  let rules;
  const general = document.getElementById('general');
  const names = el('datalist', { id: 'property-names' });
  root.append(names);

  const field = (key, input) => {
    const box = el('div', { class: 'diagnostics', 'data-for': key, id: `diag-${key}`, 'aria-live': 'polite' });
    input.setAttribute('data-field', key);
    input.setAttribute('aria-describedby', box.id);
    fields.set(key, { input, box });
    return box;
  };

  const grid = el('tbody');
  const renderRows = () => {
    for (const key of [...fields.keys()]) if (key.startsWith('Properties[')) fields.delete(key);
    grid.replaceChildren(...values.rows.map((row, i) => {
      const name = el('input', { type: 'text', list: 'property-names', 'aria-label': `Property ${i + 1} name`, placeholder: 'PropertyName' });
      name.value = row.name;
      const value = el('input', {
        type: 'text', 'aria-label': `Property ${i + 1} value`,
        placeholder: row.value === undefined ? 'missing: type a value' : 'PropertyValue',
      });
      value.value = row.value ?? '';
      const hint = el('div', { class: 'rule' });
      const update = () => {
        const rule = rules?.properties.find((r) => r.name === name.value);
        hint.textContent = rule
          ? `${rule.format}${rule.secret ? ' · secret' : ''}${rule.required ? ' · required' : ''}${rule.writePermission ? ` · needs ${rule.writePermission}` : ''}${rule.deprecated ? ' · deprecated' : ''}: ${rule.help}`
          : '';
        // A secret typed in is masked; a token that stands for one is shown, it holds no value.
        value.type = rule?.secret && !hasToken(value.value) ? 'password' : 'text';
      };
      name.addEventListener('input', () => { values.rows[i].name = name.value; update(); onChange(); });
      value.addEventListener('input', () => { values.rows[i].value = value.value; update(); onChange(); });
      update();
      const remove = el('button', { type: 'button', class: 'small', 'aria-label': `Remove property ${i + 1}`, text: '×' });
      remove.addEventListener('click', () => { values.rows.splice(i, 1); renderRows(); onChange(); });
      return el('tr', { 'data-row': String(i) },
        el('td', {}, name, hint, field(`Properties[${i}].PropertyName`, name)),
        el('td', {}, value, field(`Properties[${i}].PropertyValue`, value)),
        el('td', {}, remove));
    }));
  };

  for (const parameter of descriptor.parameters) {
    const id = `param-${parameter.key}`;
    const label = el('label', { for: id, text: parameter.label }, ...badges(parameter));
    const help = el('p', { class: 'help', text: `${parameter.help}${defaultWords(parameter)}` });
    let control;
    let box;
    switch (parameter.kind) {
      case 'connector-reference': {
        const pick = el('select', { id: 'connector-pick', 'aria-label': 'Choose a connector' },
          el('option', { value: '', text: connectors.length ? 'Choose a connector…' : 'The store has no connector you may use' }),
          ...connectors.map((c) => el('option', { value: c.id, text: `${c.name} (${c.id}${c.kind ? `, ${c.kind}` : ''})` })));
        const input = el('input', { type: 'text', id, name: parameter.key, placeholder: 'an id, a name, or a token such as [Form:Connector]' });
        pick.addEventListener('change', () => { if (pick.value) { input.value = pick.value; values.entryId = pick.value; onChange(); } });
        input.addEventListener('input', () => {
          values.entryId = input.value;
          pick.value = connectors.some((c) => c.id === input.value) ? input.value : '';
          onChange();
        });
        control = el('div', { class: 'picker' }, pick, input);
        box = field(parameter.key, input);
        break;
      }
      case 'name-value-list': {
        const add = el('button', { type: 'button', id: 'add-row', text: 'Add a property' });
        add.addEventListener('click', () => { values.rows.push({ name: '', value: '' }); renderRows(); onChange(); grid.querySelector('tr:last-child input')?.focus(); });
        const table = el('table', { class: 'grid', id, 'aria-label': parameter.label },
          el('thead', {}, el('tr', {}, el('th', { text: 'PropertyName' }), el('th', { text: 'PropertyValue' }), el('th', {}))), grid);
        control = el('div', {}, table, add);
        box = field(parameter.key, table);
        break;
      }
      case 'json-object': {
        const input = el('textarea', { id, name: parameter.key, spellcheck: 'false', placeholder: '{ "Timeout": "30s" }' });
        input.addEventListener('input', () => { values.propertiesJson = input.value; onChange(); });
        control = input;
        box = field(parameter.key, input);
        break;
      }
      case 'choice': {
        const input = el('select', { id, name: parameter.key }, ...parameter.choices.map((c) => el('option', { value: c, text: c })));
        input.addEventListener('change', () => { values.mergeMode = input.value; onChange(); });
        control = input;
        box = field(parameter.key, input);
        break;
      }
      case 'unsigned-integer': {
        const input = el('input', { type: 'text', inputmode: 'numeric', id, name: parameter.key, placeholder: 'none' });
        input.addEventListener('input', () => { values.expectedRevision = input.value; onChange(); });
        control = input;
        box = field(parameter.key, input);
        break;
      }
      case 'boolean': {
        const input = el('input', { type: 'checkbox', id, name: parameter.key });
        input.addEventListener('change', () => { values.dryRun = input.checked; onChange(); });
        control = input;
        box = field(parameter.key, input);
        break;
      }
      default:
        control = el('p', { class: 'muted', text: `(${parameter.kind}: not shown by this page)` });
    }
    root.append(el('div', { class: 'field', 'data-parameter': parameter.key }, label, help, control, box));
  }

  return {
    /** The values as the form holds them. */
    values: () => values,
    /** Fills the form with `next` (a step file's values). */
    setValues(next) {
      values = structuredClone(next);
      const set = (key, apply) => { const f = fields.get(key); if (f) apply(f.input); };
      set('EntryId', (i) => { i.value = values.entryId; });
      const pick = document.getElementById('connector-pick');
      if (pick) pick.value = connectors.some((c) => c.id === values.entryId) ? values.entryId : '';
      set('PropertiesJson', (i) => { i.value = values.propertiesJson; });
      set('MergeMode', (i) => {
        // A mode the action does not know is shown as written, for validate to point at.
        if (![...i.options].some((o) => o.value === values.mergeMode)) i.append(el('option', { value: values.mergeMode, text: values.mergeMode }));
        i.value = values.mergeMode;
      });
      set('ExpectedRevision', (i) => { i.value = values.expectedRevision; });
      set('DryRun', (i) => { i.checked = values.dryRun; });
      renderRows();
    },
    /** Offers the rules of the chosen connector's kind (or none) in the Properties grid. */
    setRules(next) {
      rules = next;
      names.replaceChildren(...(rules?.properties ?? []).map((r) => el('option', { value: r.name, label: `${r.format}${r.secret ? ' · secret' : ''}` })));
      renderRows();
    },
    /** Shows each diagnostic at its field (errors and warnings apart); clears the others. */
    showDiagnostics(diagnostics) {
      general.replaceChildren();
      for (const { input, box } of fields.values()) {
        box.replaceChildren();
        input.classList.remove('invalid', 'warned');
      }
      for (const d of diagnostics) {
        const place = placeOf(d.field, (f) => fields.has(f));
        const target = fields.get(place);
        const line = el('div', { class: `diagnostic ${d.severity}`, 'data-field': d.field, 'data-code': d.code },
          el('span', { class: 'code', text: `${d.severity} ${d.code}` }), ` ${d.message}`);
        (target?.box ?? general).append(line);
        if (target) target.input.classList.add(d.severity === 'error' ? 'invalid' : 'warned');
      }
    },
  };
}
