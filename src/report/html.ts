import type { Reporter } from './index.js';

// Placeholder: replaced by the real reporter.
export const renderHtml: Reporter = () => {
  throw new Error('html reporter not written yet');
};
