import { testCheck } from '../../testing/index.js';
import { probePortUnknown } from './probe-port-unknown.js';
import { cases } from './probe-port-unknown.cases.js';

testCheck(probePortUnknown, cases);
