import { testCheck } from '../../testing/index.js';
import { livenessProbeMissing } from './liveness-probe-missing.js';
import { cases } from './liveness-probe-missing.cases.js';

testCheck(livenessProbeMissing, cases);
