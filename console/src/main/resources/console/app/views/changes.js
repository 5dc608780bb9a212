// OPS-CHANGE: a change request in plain words, the proposal's before and after (the next occurrences of each),
// and nothing changes until the user confirms it with the proposal's version (ADR 0024).

import { command } from '../api.js';
import { h, openDialog, closeDialog, form, toast } from '../ui.js';
import { label } from '../time.js';

function occurrences(preview, zone) {
  return h('div', {}, h('p', {}, preview.description, ` (${preview.timezone})`),
    h('ol', {}, preview.occurrences.map((occurrence) => h('li', {}, label(occurrence.start, zone)))));
}

export function changeRequestDialog(ruleId, ctx, after) {
  openDialog('Request a change', form([
    { name: 'instruction', label: 'What should change', value: '', required: true,
      hint: 'Such as "at 7pm on fridays", "every 15 minutes between 9 and 17 on weekdays", "an hour later", "pause until 2027-01-04".' },
    { name: 'reason', label: 'Why', value: '' },
  ], async (values) => {
    const { body: proposal } = await command('POST', `/schedules/rules/${encodeURIComponent(ruleId)}/change-requests`,
      { instruction: values.instruction, reason: values.reason || undefined });
    showProposal(ruleId, proposal, ctx, after);
  }, { submitLabel: 'Preview the change' }));
}

function showProposal(ruleId, proposal, ctx, after) {
  const zone = ctx.state.zone;
  const path = `/schedules/rules/${encodeURIComponent(ruleId)}/change-requests/${encodeURIComponent(proposal.id)}`;
  openDialog('Confirm the change', h('div', {},
    h('p', {}, proposal.description),
    // A reading with a doubt says how sure it is, and offers its other readings as proposals to make instead.
    proposal.confidence < 1 ? h('p.hint', { id: 'change-confidence' },
      `Read with ${Math.round(proposal.confidence * 100)} % confidence; the doubt is named below.`) : null,
    proposal.warnings.length ? h('ul.form-error', {}, proposal.warnings.map((warning) => h('li', {}, warning.message))) : null,
    proposal.alternatives?.length ? h('div.alternatives', {}, h('p', {}, 'Did you mean:'),
      proposal.alternatives.map((alternative) => h('button', {
        type: 'button', onclick: async () => {
          await command('POST', `${path}/reject`, { reason: 'Another reading chosen in the console' }, { ifMatch: proposal.version })
            .catch(() => {});
          const { body: instead } = await command('POST', `/schedules/rules/${encodeURIComponent(ruleId)}/change-requests`,
            { instruction: alternative, reason: proposal.reason || undefined });
          showProposal(ruleId, instead, ctx, after);
        },
      }, alternative))) : null,
    h('div.preview', {},
      h('section', { 'aria-label': 'Before' }, h('h3', {}, 'Before'), occurrences(proposal.before, zone)),
      h('section', { 'aria-label': 'After' }, h('h3', {}, 'After'), occurrences(proposal.after, zone))),
    h('p.hint', {}, `Nothing has changed yet. The proposal can be confirmed until ${label(proposal.expires_at, zone)}.`),
    h('div.buttons', {},
      h('button', {
        type: 'button', onclick: async () => {
          await command('POST', `${path}/reject`, { reason: 'Rejected in the console' }, { ifMatch: proposal.version }).catch(() => {});
          closeDialog();
        },
      }, 'Reject'),
      h('button.primary', {
        type: 'button', id: 'confirm-change', onclick: async (event) => {
          event.target.disabled = true;
          try {
            await command('POST', `${path}/confirm`, {}, { ifMatch: proposal.version });
            closeDialog();
            toast('Change confirmed.');
            after?.();
          } catch (error) {
            event.target.disabled = false;
            toast(error.message, { error: true });
          }
        },
      }, 'Confirm'))));
}
