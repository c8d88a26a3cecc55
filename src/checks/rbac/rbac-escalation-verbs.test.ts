import { testCheck } from '../../testing/index.js';
import { rbacEscalationVerbs } from './rbac-escalation-verbs.js';
import { cases } from './rbac-escalation-verbs.cases.js';

testCheck(rbacEscalationVerbs, cases);
