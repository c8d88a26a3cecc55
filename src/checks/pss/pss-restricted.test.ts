import { testCheck } from '../../testing/index.js';
import { pssRestricted } from './pss-restricted.js';
import { cases } from './pss-restricted.cases.js';

testCheck(pssRestricted, cases);
