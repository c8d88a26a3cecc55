import { testCheck } from '../../testing/index.js';
import { legacyServiceAccountTokenSecret } from './legacy-service-account-token-secret.js';
import { cases } from './legacy-service-account-token-secret.cases.js';

testCheck(legacyServiceAccountTokenSecret, cases);
