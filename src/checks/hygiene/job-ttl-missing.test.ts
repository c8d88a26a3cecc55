import { testCheck } from '../../testing/index.js';
import { jobTtlMissing } from './job-ttl-missing.js';
import { cases } from './job-ttl-missing.cases.js';

testCheck(jobTtlMissing, cases);
