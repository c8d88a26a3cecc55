import { testCheck } from '../../testing/index.js';
import { namespaceWithoutLimitRange } from './namespace-without-limit-range.js';
import { cases } from './namespace-without-limit-range.cases.js';

testCheck(namespaceWithoutLimitRange, cases);
