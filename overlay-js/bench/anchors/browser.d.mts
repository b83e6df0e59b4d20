import type { Page } from 'playwright-core';

export const CHROMIUM: string;
export function openHarness(): Promise<{ page: Page; close(): Promise<void> }>;
