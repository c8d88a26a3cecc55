import { testCheck } from '../../testing/index.js';
import { hostPid } from './host-pid.js';
import { cases } from './host-pid.cases.js';

testCheck(hostPid, cases);
