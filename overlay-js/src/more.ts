// What the extra bundle holds: code few page views need (the recorder, the resolver's weighted similarity, checks and their answers, the launcher's
// panel, modals, banners and hotspots, with their CSS, and the walkthrough player). The core reaches it through lazy.ts.
import { fromDescription } from './anchor/from-description';
import { heal } from './anchor/heal';
import { describe } from './anchor/describe';
import { record } from './anchor/record';
import { resolve, viaScore } from './anchor/resolve';
import { rank } from './anchor/rank';
import { createAnswerClient } from './answers';
import { openPanel } from './panel';
import { createPlayer } from './player';
import { showBanner } from './ui/banner';
import { showBeacon } from './ui/hotspot';
import { showModal } from './ui/modal';
import { renderCheck } from './ui/check';
import css from './ui/more.css';

export const more = {
  record, fromDescription, heal, resolve, describe, rank, viaScore, renderCheck, openPanel, showModal, showBanner, showBeacon, createAnswerClient, css, createPlayer,
};
export type More = typeof more;
