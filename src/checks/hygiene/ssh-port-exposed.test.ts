import { testCheck } from '../../testing/index.js';
import { sshPortExposed } from './ssh-port-exposed.js';
import { cases } from './ssh-port-exposed.cases.js';

testCheck(sshPortExposed, cases);
