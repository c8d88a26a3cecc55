import { testCheck } from '../../testing/index.js';
import { pssBaseline } from './pss-baseline.js';
import { cases } from './pss-baseline.cases.js';

testCheck(pssBaseline, cases);
