// Every view of the console, by the name its route uses.

import month from './views/month.js';
import { week, day } from './views/grid.js';
import list from './views/list.js';
import year from './views/year.js';
import ops from './views/ops.js';
import conflicts from './views/conflicts.js';
import rules from './views/rules.js';
import resources from './views/resources.js';
import notifications from './views/notifications.js';

export const views = { month, week, day, list, year, ops, conflicts, rules, resources, notifications };
