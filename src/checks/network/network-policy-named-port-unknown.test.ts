import { testCheck } from '../../testing/index.js';
import { networkPolicyNamedPortUnknown } from './network-policy-named-port-unknown.js';
import { cases } from './network-policy-named-port-unknown.cases.js';

testCheck(networkPolicyNamedPortUnknown, cases);
