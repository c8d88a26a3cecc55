import { testCheck } from '../../testing/index.js';
import { hostPort } from './host-port.js';
import { cases } from './host-port.cases.js';

testCheck(hostPort, cases);
