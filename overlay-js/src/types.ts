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
}

export interface Delivery {
  app?: { id: string; name: string };
  tips: Tip[];
}

export type EventType = 'tip_shown' | 'tip_dismissed' | 'tip_completed' | 'link_opened' | 'anchor_missing';
