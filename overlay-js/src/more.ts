// What the extra bundle holds: code few page views need. The core reaches it through lazy.ts.
import { fromDescription } from './anchor/from-description';
import { record } from './anchor/record';
import { openPanel } from './panel';
import { renderCheck } from './ui/check';
import css from './ui/more.css';

export const more = { record, fromDescription, renderCheck, openPanel, css };
export type More = typeof more;
