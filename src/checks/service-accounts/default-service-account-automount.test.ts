import { testCheck } from '../../testing/index.js';
import { defaultServiceAccountAutomount } from './default-service-account-automount.js';
import { cases } from './default-service-account-automount.cases.js';

testCheck(defaultServiceAccountAutomount, cases);
