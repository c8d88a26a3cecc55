import { testCheck } from '../../testing/index.js';
import { memoryRequestsMissing } from './memory-requests-missing.js';
import { cases } from './memory-requests-missing.cases.js';

testCheck(memoryRequestsMissing, cases);
