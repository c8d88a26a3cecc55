import { testCheck } from '../../testing/index.js';
import { loadBalancerWithoutSourceRanges } from './load-balancer-without-source-ranges.js';
import { cases } from './load-balancer-without-source-ranges.cases.js';

testCheck(loadBalancerWithoutSourceRanges, cases);
