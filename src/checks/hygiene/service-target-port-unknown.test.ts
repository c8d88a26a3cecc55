import { testCheck } from '../../testing/index.js';
import { serviceTargetPortUnknown } from './service-target-port-unknown.js';
import { cases } from './service-target-port-unknown.cases.js';

testCheck(serviceTargetPortUnknown, cases);
