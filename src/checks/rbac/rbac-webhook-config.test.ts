import { testCheck } from '../../testing/index.js';
import { rbacWebhookConfig } from './rbac-webhook-config.js';
import { cases } from './rbac-webhook-config.cases.js';

testCheck(rbacWebhookConfig, cases);
