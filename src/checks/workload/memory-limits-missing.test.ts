import { testCheck } from '../../testing/index.js';
import { memoryLimitsMissing } from './memory-limits-missing.js';
import { cases } from './memory-limits-missing.cases.js';

testCheck(memoryLimitsMissing, cases);
