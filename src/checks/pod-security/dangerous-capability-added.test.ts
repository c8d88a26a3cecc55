import { testCheck } from '../../testing/index.js';
import { dangerousCapabilityAdded } from './dangerous-capability-added.js';
import { cases } from './dangerous-capability-added.cases.js';

testCheck(dangerousCapabilityAdded, cases);
