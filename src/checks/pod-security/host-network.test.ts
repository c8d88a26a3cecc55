import { testCheck } from '../../testing/index.js';
import { hostNetwork } from './host-network.js';
import { cases } from './host-network.cases.js';

testCheck(hostNetwork, cases);
