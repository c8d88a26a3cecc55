import { testCheck } from '../../testing/index.js';
import { noAntiAffinity } from './no-anti-affinity.js';
import { cases } from './no-anti-affinity.cases.js';

testCheck(noAntiAffinity, cases);
