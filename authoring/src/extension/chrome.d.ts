// The few extension APIs Inflow uses, typed by hand (Manifest V3, Chromium ≥ 102).

declare namespace chrome {
  namespace runtime {
    const id: string;
    const lastError: { message?: string } | undefined;
    interface MessageSender { id?: string; tab?: { id?: number; url?: string } }
    function sendMessage<T = unknown>(message: unknown): Promise<T>;
    function openOptionsPage(): Promise<void>;
    const onMessage: {
      addListener(cb: (message: any, sender: MessageSender, reply: (answer: unknown) => void) => boolean | void): void;
    };
    const onInstalled: { addListener(cb: () => void): void };
    const onStartup: { addListener(cb: () => void): void };
  }
  namespace storage {
    interface Area {
      get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
    }
    const local: Area;
    const onChanged: { addListener(cb: (changes: Record<string, unknown>, area: string) => void): void };
  }
  namespace action {
    const onClicked: { addListener(cb: (tab: { id?: number; url?: string }) => void): void };
  }
  namespace tabs {
    function query(info: Record<string, unknown>): Promise<Array<{ id?: number; url?: string }>>;
    const onUpdated: { addListener(cb: (tabId: number, change: { status?: string; url?: string }, tab: { id?: number; url?: string }) => void): void };
  }
  namespace scripting {
    function executeScript(details: { target: { tabId: number; allFrames?: boolean }; files: string[] }): Promise<unknown>;
    interface RegisteredContentScript { id: string; matches: string[]; js: string[]; runAt?: string; persistAcrossSessions?: boolean }
    function registerContentScripts(scripts: RegisteredContentScript[]): Promise<void>;
    function unregisterContentScripts(filter?: { ids: string[] }): Promise<void>;
    function getRegisteredContentScripts(filter?: { ids: string[] }): Promise<RegisteredContentScript[]>;
  }
}
