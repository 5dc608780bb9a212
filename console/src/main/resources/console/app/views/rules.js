// Rules: the recurring rules (cron or RRULE), a new rule with its next runs shown before it is created, pause, resume,
// disable and enable, change requests with their before/after preview, and the missed runs that wait for a decision
// (approve and run, reschedule, delete).

import { read, readAll, command } from '../api.js';
import { h, fill, markDrawn, openDialog, closeDialog, form, toast, refusal } from '../ui.js';
import { label, localParts } from '../time.js';
import { changeRequestDialog } from './changes.js';
import { takeAction, actionLabel } from '../actions.js';

let onlyThisCalendar = true;

/** A rule id the console chooses itself (Identifiers: letters, digits and -), random without needing a secure context. */
function newRuleId() {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `rule-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/** A rule action's button text: its name as a verb (Pause, Request change). */
function verbOf(action) {
  const words = action.name.replace(/_/g, ' ');
  return words[0].toUpperCase() + words.slice(1);
}

export default {
  title: 'Rules',
  usesCalendar: true,
  creates: false,

  async render(main, ctx) {
    const { state } = ctx;
    let rules = [];
    let missed = [];
    const after = () => refresh();

    async function refresh(options = {}) {
      const queue = onlyThisCalendar ? state.calendar : undefined;
      [rules, missed] = await Promise.all([
        // Each page carries, beside its rules, what the caller may do to each (`actions`, by rule id).
        readAll('/schedules/rules', { queue, limit: 200 }, (page) => page.rules.map((rule) => ({ rule, actions: page.actions[rule.id] || [] })),
          { token: options.token, limit: 400 }),
        readAll('/ops/calendar/events', { view: 'list', status: 'missed', calendar_id: queue, timezone: state.zone, limit: 200 },
          (page) => page.events, { token: options.token, limit: 200 }),
      ]);
      if (!ctx.current()) return;
      draw();
      markDrawn(`rules`);
    }

    function draw() {
      fill(main,
        h('h2', {}, 'Recurring rules'),
        h('div.chips', {},
          h('label', {}, h('input', { type: 'checkbox', checked: onlyThisCalendar, onchange: (e) => { onlyThisCalendar = e.target.checked; refresh(); } }),
            ` Only rules on ${ctx.calendarName(state.calendar)}`),
          ctx.canEdit(state.calendar) ? h('button.primary', { type: 'button', id: 'new-rule', onclick: createRule }, 'New rule') : null),
        h('table.plain', {},
          h('thead', {}, h('tr', {}, ['Rule', 'Schedule', 'Calendar', 'Status', 'Next run', 'Actions'].map((name) => h('th', { scope: 'col' }, name)))),
          h('tbody', {}, rules.map(row))),
        rules.length ? null : h('p.empty', {}, 'No rules.'),
        h('h3', {}, 'Missed runs waiting for a decision'),
        missed.length ? h('ul.rows', {}, missed.map(missedRow)) : h('p.empty', {}, 'None.'));
    }

    function row({ rule, actions }) {
      return h('tr', { 'data-rule-id': rule.id, 'data-status': rule.status },
        h('th', { scope: 'row' }, rule.name),
        h('td', {}, rule.cron ? h('code', {}, rule.cron) : h('code', {}, rule.rrule), h('div.meta', {}, rule.metadata?.schedule_description || '', ` (${rule.timezone})`)),
        h('td', {}, ctx.calendarName(rule.queue)),
        h('td', {}, h(`span.status.status-${rule.status}`, {}, rule.status)),
        h('td', {}, rule.next_run ? label(rule.next_run, state.zone, { hour12: ctx.hour12 }) : '—'),
        h('td', {}, actions.length ? h('div.actions', {}, actions.map((action) => h('button', {
          type: 'button', 'data-action': action.name, onclick: () => ruleAction(rule, action),
        }, verbOf(action)))) : null));
    }

    function missedRow(event) {
      return h('li.row', { 'data-event-id': event.event_id },
        h('span'), h('span', {}, localParts(event.scheduled_at_local).date, ' ', localParts(event.scheduled_at_local).time),
        h('span', {}, event.title, ' ', h('span.status.status-missed', {}, 'missed')),
        h('span.actions', {}, event.actions.filter((action) => action.body?.action).map((action) => h('button', {
          type: 'button', 'data-action': action.name, onclick: () => takeAction(action, event, ctx, after),
        }, actionLabel(action)))));
    }

    /** One of the rule's actions, sent as the list gives it; a change request opens its form first. */
    async function ruleAction(rule, action) {
      if (action.name === 'request_change') {
        changeRequestDialog(rule.id, ctx, after);
        return;
      }
      try {
        // The rule's version is its ETag, read now: the list does not carry it (F033-SCHEMAS: its closed RecurringRule).
        const { etag } = await read(`/schedules/rules/${encodeURIComponent(rule.id)}`);
        const body = { ...(action.body || {}), ...(action.name === 'pause' ? { reason: 'Paused in the console' } : {}) };
        await command(action.method, action.path, body, { ifMatch: etag || undefined });
        toast(`${rule.name}: ${action.name}d.`);
        await refresh();
      } catch (error) {
        refusal(error, after);
      }
    }

    function createRule() {
      // One id for the preview and the creation: occurrence ids and jitter derive from it, so the preview is exactly
      // what the rule will run, and a Create repeated after a lost answer is the same rule.
      const ruleId = newRuleId();
      const bodyOf = (values) => ({
        id: ruleId, name: values.name, queue: values.queue, timezone: values.timezone,
        cron: values.cron || undefined, rrule: values.rrule || undefined,
        dtstart: values.rrule && values.dtstart ? `${values.dtstart}:00` : undefined,
        job_template: { type: values.type, estimated_duration: values.estimated_duration || undefined },
      });
      openDialog('New recurring rule', form([
        { name: 'name', label: 'Name', required: true },
        { name: 'queue', label: 'Calendar', type: 'select', value: state.calendar,
          options: state.calendars.filter((calendar) => ctx.canEdit(calendar.id)).map((calendar) => [calendar.id, calendar.name || calendar.id]) },
        { name: 'timezone', label: 'Time zone', type: 'select', value: state.zone, options: state.config.supported_timezones },
        { name: 'cron', label: 'Cron (UNIX, 5 fields)', hint: 'Such as 30 2 * * 1-5; or leave empty and give an RRULE.' },
        { name: 'rrule', label: 'RRULE', hint: 'Such as FREQ=MONTHLY;BYDAY=-1FR, with a first start below.' },
        { name: 'dtstart', label: 'First start (with an RRULE)', type: 'datetime-local' },
        { name: 'type', label: 'Job type', value: 'report', required: true },
        { name: 'estimated_duration', label: 'Each run lasts', value: '15m' },
      ], async (values) => {
        const { body: created } = await command('POST', '/schedules/rules', bodyOf(values));
        closeDialog();
        toast(`Rule “${values.name}” created${created?.next_run ? `; next run ${label(created.next_run, state.zone)}` : ''}.`);
        await refresh();
      }, {
        submitLabel: 'Create rule',
        fieldNames: { 'job_template.type': 'type', 'job_template.estimated_duration': 'estimated_duration', schedule: 'cron' },
        preview: async (values) => {
          if (!values.cron && !values.rrule) return h('p.hint', {}, 'Give a cron or an RRULE to see its next runs.');
          // Stores nothing; refused as the creation would be (UI-RULE-PREVIEW).
          const { body: preview } = await command('POST', '/schedules/rules/preview', { ...bodyOf(values), name: values.name || 'Preview' });
          return upcoming(preview);
        },
      }));
    }

    /** A rule's next runs as the preview answers them, on the wall clock of the zone the console shows. */
    function upcoming(preview) {
      return h('section', { 'aria-label': 'Next runs' },
        h('h3', {}, 'Next runs'),
        h('p', {}, preview.description, ` (${preview.timezone})`),
        preview.warnings.length ? h('ul.warnings', {}, preview.warnings.map((warning) => h('li', { 'data-code': warning.code }, warning.message))) : null,
        preview.occurrences.length
          ? h('ol', {}, preview.occurrences.map((occurrence) => {
            // On the console's clock, and on the rule's own when that is another zone's.
            const notes = [
              preview.timezone === state.zone ? null
                : `${label(occurrence.start, preview.timezone, { hour12: ctx.hour12, date: false })} ${preview.timezone}`,
              occurrence.dst_resolution === 'exact' ? null : occurrence.dst_resolution.replace('_', ' '),
            ].filter(Boolean);
            return h('li', { 'data-dst': occurrence.dst_resolution },
              h('time', { datetime: occurrence.start }, label(occurrence.start, state.zone, { hour12: ctx.hour12 })),
              notes.length ? ` (${notes.join(', ')})` : null);
          }))
          : h('p.empty', {}, 'It would never run.'));
    }

    await refresh();
    return {
      refresh, follows: () => (onlyThisCalendar ? [state.calendar] : state.calendars.map((c) => c.id)), create: createRule,
    };
  },
};
