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
}

export interface Delivery {
  /** theme: values for the overlay's CSS custom properties (accent → --inflow-accent), set per app. */
  app?: { id: string; name: string; theme?: Record<string, string> };
  tips: Tip[];
}

export type EventType = 'tip_shown' | 'tip_dismissed' | 'tip_completed' | 'link_opened' | 'anchor_missing' | 'search';
