import { testCheck } from '../../testing/index.js';
import { authorizationPolicyAllowAll } from './authorization-policy-allow-all.js';
import { cases } from './authorization-policy-allow-all.cases.js';

testCheck(authorizationPolicyAllowAll, cases);
