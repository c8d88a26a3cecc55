import { testCheck } from '../../testing/index.js';
import { privilegeEscalationAllowed } from './privilege-escalation-allowed.js';
import { cases } from './privilege-escalation-allowed.cases.js';

testCheck(privilegeEscalationAllowed, cases);
