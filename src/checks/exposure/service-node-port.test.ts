import { testCheck } from '../../testing/index.js';
import { serviceNodePort } from './service-node-port.js';
import { cases } from './service-node-port.cases.js';

testCheck(serviceNodePort, cases);
