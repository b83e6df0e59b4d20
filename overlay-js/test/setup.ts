// The tests run the core and the extra bundle together, as a page does once inflow-more.js has loaded.
if (typeof window !== 'undefined') await import('../src/more-entry');
export {};
