import { testCheck } from '../../testing/index.js';
import { hostProbesOrLifecycleHost } from './host-probes-or-lifecycle-host.js';
import { cases } from './host-probes-or-lifecycle-host.cases.js';

testCheck(hostProbesOrLifecycleHost, cases);
