import { testCheck } from '../../testing/index.js';
import { hostIpc } from './host-ipc.js';
import { cases } from './host-ipc.cases.js';

testCheck(hostIpc, cases);
