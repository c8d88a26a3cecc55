import { testCheck } from '../../testing/index.js';
import { networkPolicySelectsNothing } from './network-policy-selects-nothing.js';
import { cases } from './network-policy-selects-nothing.cases.js';

testCheck(networkPolicySelectsNothing, cases);
