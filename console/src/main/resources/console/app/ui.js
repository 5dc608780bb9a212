// Small DOM helpers: elements, toasts (with Undo), the one dialog, and forms that show a refusal beside its field.

import { ApiError } from './api.js';

/** h('button.primary', {type: 'button', onclick}, 'Save'): an element with classes, attributes and children. */
export function h(tag, attributes = {}, ...children) {
  const [name, ...classes] = tag.split('.');
  const element = document.createElement(name);
  if (classes.length) element.className = classes.join(' ');
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else if (key === 'style' && typeof value === 'object') Object.assign(element.style, value);
    else if (key in element && typeof value !== 'string') element[key] = value;
    else element.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export function clear(element) { element.replaceChildren(); return element; }

/** Replaces an element's children with these (arrays and nulls allowed, as h takes them). */
export function fill(element, ...children) {
  element.replaceChildren(...children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false));
  return element;
}

/**
 * Says that a view has drawn what it read: body[data-drawn] names the view (the browser tests wait on it), and the mark
 * {@code almanac:drawn} times it from the navigation's start (the console's benchmark reads it).
 */
export function markDrawn(label) {
  performance.mark('almanac:drawn', { detail: label });
  document.body.dataset.drawn = `${label}:${Date.now()}`;
}

/** A message for a few seconds; with `undo`, a button that calls it (LNK-UNDO). */
export function toast(message, { error = false, undo, seconds = error ? 10 : 8 } = {}) {
  const box = document.getElementById('toasts');
  const item = h(`div.toast${error ? '.error' : ''}`, {}, h('span', {}, message));
  let timer;
  const close = () => { clearTimeout(timer); item.remove(); };
  if (undo) {
    item.append(h('button', {
      type: 'button', 'data-undo': '',
      onclick: async () => { close(); await undo(); },
    }, 'Undo'));
  }
  item.append(h('button', { type: 'button', 'aria-label': 'Dismiss', onclick: close }, '×'));
  box.append(item);
  timer = setTimeout(close, seconds * 1000);
  return item;
}

/** Shows a refused command: its problem's detail, and for 412 an offer to reload what changed. */
export function refusal(error, reload) {
  if (error instanceof ApiError && error.status === 412) {
    const item = toast('Someone changed this since you loaded it.', { error: true, seconds: 30 });
    item.insertBefore(h('button', { type: 'button', onclick: () => { item.remove(); reload?.(); } }, 'Reload'), item.lastChild);
    return;
  }
  toast(error instanceof ApiError ? `${error.problem.title || 'Refused'}: ${error.message}` : String(error.message || error), { error: true });
}

const dialog = () => document.getElementById('dialog');
let returnFocus = null;

/** Opens the dialog with a title and content; Esc or Close closes it and gives focus back. */
export function openDialog(title, content) {
  const box = dialog();
  if (box.open) box.close();
  returnFocus = document.activeElement;
  box.replaceChildren(h('h2', { id: 'dialog-title' }, title), content);
  box.showModal();
  const first = box.querySelector('input:not([type=hidden]), select, textarea, button');
  first?.focus();
  return box;
}

export function closeDialog() {
  const box = dialog();
  if (box.open) box.close();
}

export function dialogOpen() { return dialog().open; }

document.addEventListener('DOMContentLoaded', () => {
  dialog().addEventListener('close', () => { returnFocus?.focus?.(); returnFocus = null; });
});

/**
 * A form of fields, each `{name, label, type, value, options, hint, required}`. On submit it calls `submit(values)`;
 * a refusal is shown beside each field its problem names (errors[].field), or above the buttons when it names none,
 * and the values stay as the user typed them. With `preview`, a Preview button and a live region show what
 * `preview(values)` draws before anything is submitted: again a moment after the user stops typing, and its refusal
 * beside the fields it names, as a submit's would be (UI-RULE-PREVIEW).
 */
export function form(fields, submit, { submitLabel = 'Save', cancel = closeDialog, fieldNames = {}, preview } = {}) {
  const element = h('form', { novalidate: true });
  const inputs = {};
  for (const field of fields) {
    const id = `f-${field.name}`;
    let input;
    if (field.type === 'select') {
      input = h('select', { id, name: field.name },
        field.options.map((option) => {
          const [value, text] = Array.isArray(option) ? option : [option, option];
          return h('option', { value, selected: value === field.value }, text);
        }));
    } else if (field.type === 'textarea') {
      input = h('textarea', { id, name: field.name, rows: 3 }, field.value || '');
    } else if (field.type === 'checkbox') {
      input = h('input', { id, name: field.name, type: 'checkbox', checked: !!field.value });
    } else {
      input = h('input', { id, name: field.name, type: field.type || 'text', value: field.value ?? '' });
    }
    if (field.required) input.setAttribute('aria-required', 'true');
    const error = h('span.error', { id: `${id}-error` });
    const hint = field.hint ? h('span.hint', { id: `${id}-hint` }, field.hint) : null;
    input.setAttribute('aria-describedby', [hint ? `${id}-hint` : '', `${id}-error`].filter(Boolean).join(' '));
    inputs[field.name] = { input, error };
    element.append(h('div.field', {}, h('label', { for: id }, field.label), input, hint, error));
  }
  const formError = h('p.form-error', { role: 'alert' });
  const submitButton = h('button.primary', { type: 'submit' }, submitLabel);
  const clearRefusal = () => {
    for (const { input, error } of Object.values(inputs)) { input.removeAttribute('aria-invalid'); error.textContent = ''; }
    formError.textContent = '';
  };
  const valuesOf = () => {
    const values = {};
    for (const [name, { input }] of Object.entries(inputs)) values[name] = input.type === 'checkbox' ? input.checked : input.value;
    return values;
  };
  const previewButton = preview ? h('button', { type: 'button', id: 'form-preview-button', onclick: () => showPreview(true) }, 'Preview') : null;
  const previewRegion = preview ? h('div.form-preview', { id: 'form-preview', 'aria-live': 'polite', 'aria-label': 'Preview' }) : null;
  let previewRun = 0;
  let previewTimer;
  /** Only the newest preview is drawn: an older answer arriving late would show what the user has since changed. */
  async function showPreview(asked) {
    clearTimeout(previewTimer);
    const run = ++previewRun;
    previewRegion.setAttribute('aria-busy', 'true');
    try {
      const drawn = await preview(valuesOf());
      if (run !== previewRun) return;
      clearRefusal();
      fill(previewRegion, drawn);
    } catch (error) {
      if (run !== previewRun) return;
      clearRefusal();
      fill(previewRegion, h('p.hint', {}, 'No preview: the form is refused as it stands.'));
      showRefusal(error, inputs, formError, fieldNames, { focus: asked });
    } finally {
      if (run === previewRun) previewRegion.removeAttribute('aria-busy');
    }
  }
  if (preview) {
    element.addEventListener('input', () => { clearTimeout(previewTimer); previewTimer = setTimeout(() => showPreview(false), 600); });
    element.append(previewRegion);
  }
  element.append(formError, h('div.buttons', {}, h('button', { type: 'button', onclick: () => cancel() }, 'Cancel'), previewButton, submitButton));
  element.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearTimeout(previewTimer);
    previewRun++;
    clearRefusal();
    submitButton.disabled = true;
    try {
      await submit(valuesOf());
    } catch (error) {
      showRefusal(error, inputs, formError, fieldNames);
    } finally {
      submitButton.disabled = false;
    }
  });
  return element;
}

/**
 * Puts each of a problem's errors beside the input it names (by wire name, or as `fieldNames` maps it), and the focus on
 * the first, unless `focus` is false (a preview the user did not ask for must not take the focus from what they type).
 */
function showRefusal(error, inputs, formError, fieldNames, { focus = true } = {}) {
  if (!(error instanceof ApiError)) { formError.textContent = String(error.message || error); return; }
  const unplaced = [];
  for (const each of error.errors) {
    const name = fieldNames[each.field] || each.field;
    const target = inputs[name];
    if (target) {
      target.input.setAttribute('aria-invalid', 'true');
      target.error.textContent = each.message || each.rule;
    } else {
      unplaced.push(`${each.field}: ${each.message || each.rule}`);
    }
  }
  if (error.status === 412) {
    formError.replaceChildren('Someone changed this since you loaded it. ',
      h('button', { type: 'button', onclick: () => { closeDialog(); window.dispatchEvent(new Event('almanac:reload')); } }, 'Reload'),
      ' Your input stays here until you close the form.');
  } else if (unplaced.length || !error.errors.length) {
    formError.textContent = unplaced.length ? unplaced.join('; ') : error.message;
  }
  if (!focus) return;
  const firstInvalid = Object.values(inputs).find(({ input }) => input.getAttribute('aria-invalid'));
  (firstInvalid?.input || formError).focus?.();
}
