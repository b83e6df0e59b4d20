// Shapes of what the server delivers (see docs/api.md).
import type { Fingerprint } from './anchor/index';
import type { ContentNode } from './content';
import type { Condition } from './audience';

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
  trigger?: 'page_load' | 'visible' | 'hover' | 'click' | 'launcher';
  frequency?: 'once' | 'until_dismissed' | 'every_visit';
  audience?: Condition[];
  priority?: number;
  /** The translation delivered (null: the tip's own text) and its direction. */
  locale?: string | null;
  dir?: 'ltr' | 'rtl' | null;
  /** Brought back on a spaced-repetition schedule. */
  reinforce?: boolean;
  check?: CheckView | null;
  /** Set by the overlay when the server named this tip the due reinforce-tip: shown even if dismissed earlier. */
  due?: boolean;
}

export interface Delivery {
  /** theme: values for the overlay's CSS custom properties (accent → --inflow-accent), set per app. */
  /** anchorHealing: false when the app takes no anchor refreshes, so the overlay offers none. */
  app?: { id: string; name: string; theme?: Record<string, string>; anchorHealing?: boolean };
  tips: Tip[];
  /** The id of the one due reinforce-tip to show now, if the server chose one. */
  reinforce?: string | null;
  /** Walkthroughs with a step on this page, and the learner's running ones. */
  walkthroughs?: Walkthrough[];
}

/** One step of a delivered walkthrough: its tip only when the step belongs to this page. */
export interface WalkthroughStep {
  position: number;
  title: string;
  url?: string | null;
  onPage: boolean;
  onRight?: number | null;
  onWrong?: number | null;
  tip?: Tip | null;
}

export interface Walkthrough {
  id: string;
  title: string;
  startOn: 'page_load' | 'launcher';
  steps: WalkthroughStep[];
  /** The learner's progress as the server has it. */
  progress?: { step: number; status: 'active' | 'completed' | 'closed'; updatedAt: string } | null;
}

export type EventType = 'tip_shown' | 'tip_dismissed' | 'tip_completed' | 'link_opened' | 'anchor_missing' | 'search'
  | 'step_viewed' | 'walkthrough_completed' | 'page_viewed';

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

/** GET /api/v1/mastery: per page rule of the screen, what one learner knows; tips as delivered, to count the learner's own and open due ones. */
export interface Screen {
  pageRules?: { items?: { tipId: string; seen: boolean; hasCheck: boolean; lastAnswer?: string | null; reviewDue: boolean }[] }[];
  tips?: Tip[];
}
