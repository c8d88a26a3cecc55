import { testCheck } from '../../testing/index.js';
import { authorizationPolicyMissing } from './authorization-policy-missing.js';
import { cases } from './authorization-policy-missing.cases.js';

testCheck(authorizationPolicyMissing, cases);
