import type { Reporter } from './index.js';

// Placeholder: replaced by the real reporter.
export const renderJunit: Reporter = () => {
  throw new Error('junit reporter not written yet');
};
