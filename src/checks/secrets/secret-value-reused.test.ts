import { testCheck } from '../../testing/index.js';
import { secretValueReused } from './secret-value-reused.js';
import { cases } from './secret-value-reused.cases.js';

testCheck(secretValueReused, cases);
