import { testCheck } from '../../testing/index.js';
import { capabilitiesBeyondBaseline } from './capabilities-beyond-baseline.js';
import { cases } from './capabilities-beyond-baseline.cases.js';

testCheck(capabilitiesBeyondBaseline, cases);
