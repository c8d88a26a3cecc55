import { testCheck } from '../../testing/index.js';
import { capabilitiesNotDropped } from './capabilities-not-dropped.js';
import { cases } from './capabilities-not-dropped.cases.js';

testCheck(capabilitiesNotDropped, cases);
