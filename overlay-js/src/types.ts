// Shapes of what the server delivers (see docs/api.md).
import type { Fingerprint } from './anchor/index';
import type { ContentNode } from './content';

export type Presentation = 'tooltip' | 'modal' | 'hotspot' | 'banner';
export type Placement = 'top' | 'bottom' | 'left' | 'right' | 'auto';

export interface Tip {
  id: string;
  title: string;
  presentation: Presentation;
  placement?: Placement;
  pageRule?: string;
  anchor: Fingerprint | null;
  body: ContentNode[];
  learnMore?: { url: string; label?: string } | null;
  version?: number;
  /** Brought back on a spaced-repetition schedule. */
  reinforce?: boolean;
  check?: CheckView | null;
  /** Set by the overlay when the server named this tip the due reinforce-tip: shown even if dismissed earlier. */
  due?: boolean;
}

/** A check as delivered: which options are right stays on the server until the learner answers. */
export interface CheckView {
  question: string;
  options: { id: string; text: string }[];
  multiple?: boolean;
}

export interface CheckResult {
  correct: boolean;
  options: { id: string; correct: boolean; chosen: boolean; explanation?: string | null }[];
  next: { action: 'continue' | 'learn_more' | 'remedial_tip' | 'repeat_step'; url?: string | null; tip?: Tip | null } | null;
}

export interface Delivery {
  app?: { id: string; name: string };
  tips: Tip[];
  /** The id of the due reinforce-tip to show now, when the learner was given. */
  reinforce?: string | null;
}

export type EventType = 'tip_shown' | 'tip_dismissed' | 'tip_completed' | 'link_opened' | 'anchor_missing';
