import { testCheck } from '../../testing/index.js';
import { networkPolicyEgressToInternet } from './network-policy-egress-to-internet.js';
import { cases } from './network-policy-egress-to-internet.cases.js';

testCheck(networkPolicyEgressToInternet, cases);
