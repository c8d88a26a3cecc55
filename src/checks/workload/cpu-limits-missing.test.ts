import { testCheck } from '../../testing/index.js';
import { cpuLimitsMissing } from './cpu-limits-missing.js';
import { cases } from './cpu-limits-missing.cases.js';

testCheck(cpuLimitsMissing, cases);
