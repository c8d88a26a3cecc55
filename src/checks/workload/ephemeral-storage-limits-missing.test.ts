import { testCheck } from '../../testing/index.js';
import { ephemeralStorageLimitsMissing } from './ephemeral-storage-limits-missing.js';
import { cases } from './ephemeral-storage-limits-missing.cases.js';

testCheck(ephemeralStorageLimitsMissing, cases);
