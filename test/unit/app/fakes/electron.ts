// A stand-in for the 'electron' module, just wide enough to run electron/app/main.ts under Node
// and record what it asks of Electron. The real binary cannot be downloaded here (DESIGN.md);
// this checks the wiring (window options, protocol, IPC, menu, hardening), not Electron itself.
type Listener = (...args: unknown[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}

let nextContentsId = 1;

/** What a native dialog was asked: its kind, whether it had a parent window, its options. */
export interface DialogCall {
  kind: 'open' | 'save' | 'message';
  parented: boolean;
  options: Record<string, unknown>;
}

/** A fresh fake 'electron' module and the record of what was asked of it. */
export function createFakeElectron() {

  class FakeWebContents extends Emitter {
    readonly id = nextContentsId++;
    readonly sent: Array<[string, unknown]> = [];
    loadedUrl: string | null = null;
    windowOpenHandler: ((details: unknown) => unknown) | null = null;
    mainFrame = { parent: null, url: 'app://journeyboard/index.html' };
    send(channel: string, value: unknown): void {
      this.sent.push([channel, value]);
    }
    setWindowOpenHandler(handler: (details: unknown) => unknown): void {
      this.windowOpenHandler = handler;
    }
    async setVisualZoomLevelLimits(): Promise<void> {}
  }

  const state = {
    ready: false,
    userData: '/tmp/unset',
    appPath: '/tmp/unset',
    lockGranted: true,
    lockData: undefined as unknown,
    exitCode: null as number | null,
    quit: false,
    sandboxEnabled: false,
    privilegedSchemes: [] as unknown[],
    protocolHandlers: new Map<string, (request: { url: string }) => Promise<Response>>(),
    ipcHandlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
    menuTemplate: null as unknown,
    windows: [] as FakeBrowserWindow[],
    errorBoxes: [] as Array<[string, string]>,
    documents: '/tmp/unset-documents',
    /** Every native dialog shown, in order. */
    dialogs: [] as DialogCall[],
    /** Scripted answers, used in order; with none left a dialog is cancelled (Cancel = cancelId). */
    answers: {
      open: [] as string[][],
      save: [] as string[],
      message: [] as number[],
    },
    permissionRequest: null as null | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void),
    permissionCheck: null as null | ((...args: unknown[]) => boolean),
    beforeRequest: null as null | { filter: { urls: string[] }; listener: (details: unknown, callback: (r: unknown) => void) => void },
    headersReceived: null as null | ((details: { responseHeaders?: Record<string, string[]> }, callback: (r: unknown) => void) => void),
    resolveReady: () => {},
    /** Displays attached, the first being the primary one. */
    displays: [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 25, width: 1920, height: 1055 } }] as Array<{
      id: number;
      bounds: { x: number; y: number; width: number; height: number };
      workArea: { x: number; y: number; width: number; height: number };
    }>,
    /** app.addRecentDocument calls, and whether clearRecentDocuments was called. */
    recentDocuments: [] as string[],
    recentCleared: false,
    /** The OS's dark setting, as nativeTheme reports it. */
    darkOs: false,
  };

  const appEmitter = new Emitter();
  const readyPromise = new Promise<void>((resolve) => {
    state.resolveReady = () => {
      state.ready = true;
      resolve();
    };
  });

  const app = Object.assign(appEmitter, {
    isPackaged: false,
    getAppPath: () => state.appPath,
    getPath: (name: string) => {
      if (name === 'documents') return state.documents;
      if (name !== 'userData') throw new Error(`fake getPath(${name})`);
      return state.userData;
    },
    setPath: (name: string, value: string) => {
      if (name === 'userData') state.userData = value;
    },
    getVersion: () => '0.0.0-test',
    requestSingleInstanceLock: (data?: unknown) => {
      state.lockData = data;
      return state.lockGranted;
    },
    enableSandbox: () => {
      state.sandboxEnabled = true;
    },
    whenReady: () => readyPromise,
    isReady: () => state.ready,
    quit: () => {
      state.quit = true;
    },
    exit: (code: number) => {
      state.exitCode = code;
    },
    addRecentDocument: (file: string) => {
      state.recentDocuments.push(file);
    },
    clearRecentDocuments: () => {
      state.recentDocuments = [];
      state.recentCleared = true;
    },
  });

  class FakeBrowserWindow extends Emitter {
    readonly webContents = new FakeWebContents();
    shown = false;
    maximized = false;
    normalBounds: { x: number; y: number; width: number; height: number };
    constructor(readonly options: Record<string, unknown>) {
      super();
      const n = (key: string, fallback: number) => (typeof options[key] === 'number' ? (options[key] as number) : fallback);
      this.normalBounds = { x: n('x', 0), y: n('y', 0), width: n('width', 800), height: n('height', 600) };
      state.windows.push(this);
      appEmitter.emit('web-contents-created', {}, this.webContents);
    }
    getNormalBounds() {
      return { ...this.normalBounds };
    }
    setBounds(bounds: { x: number; y: number; width: number; height: number }): void {
      this.normalBounds = { ...bounds };
    }
    isMaximized(): boolean {
      return this.maximized;
    }
    maximize(): void {
      this.maximized = true;
    }
    /** As the user closing it: 'close', then 'closed'. */
    close(): void {
      this.emit('close', { preventDefault: () => {} });
      this.emit('closed');
    }
    async loadURL(url: string): Promise<void> {
      this.webContents.loadedUrl = url;
    }
    isMinimized(): boolean {
      return false;
    }
    isVisible(): boolean {
      return this.shown;
    }
    isDestroyed(): boolean {
      return false;
    }
    restore(): void {}
    show(): void {
      this.shown = true;
    }
    focus(): void {}
  }

  // Electron's dialogs take (window, options) or (options).
  const record = (kind: DialogCall['kind'], args: unknown[]): Record<string, unknown> => {
    const options = (args.length > 1 ? args[1] : args[0]) as Record<string, unknown>;
    state.dialogs.push({ kind, parented: args.length > 1, options });
    return options;
  };
  const dialog = {
    showErrorBox: (title: string, message: string) => {
      state.errorBoxes.push([title, message]);
    },
    showMessageBox: async (...args: unknown[]) => {
      const options = record('message', args);
      const scripted = state.answers.message.shift();
      return { response: scripted ?? (typeof options.cancelId === 'number' ? options.cancelId : 0), checkboxChecked: false };
    },
    showMessageBoxSync: (...args: unknown[]) => {
      const options = record('message', args);
      const scripted = state.answers.message.shift();
      return scripted ?? (typeof options.cancelId === 'number' ? options.cancelId : 0);
    },
    showOpenDialog: async (...args: unknown[]) => {
      record('open', args);
      const filePaths = state.answers.open.shift();
      return filePaths ? { canceled: false, filePaths } : { canceled: true, filePaths: [] };
    },
    showSaveDialog: async (...args: unknown[]) => {
      record('save', args);
      const filePath = state.answers.save.shift();
      return filePath ? { canceled: false, filePath } : { canceled: true, filePath: '' };
    },
  };

  const Menu = {
    buildFromTemplate: (template: unknown) => ({ template }),
    setApplicationMenu: (menu: { template: unknown }) => {
      state.menuTemplate = menu.template;
    },
  };

  const protocol = {
    registerSchemesAsPrivileged: (schemes: unknown[]) => {
      if (state.ready) throw new Error('registerSchemesAsPrivileged after ready');
      state.privilegedSchemes.push(...schemes);
    },
    handle: (scheme: string, handler: (request: { url: string }) => Promise<Response>) => {
      state.protocolHandlers.set(scheme, handler);
    },
  };

  const ipcMain = {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => {
      state.ipcHandlers.set(channel, handler);
    },
    removeHandler: (channel: string) => {
      state.ipcHandlers.delete(channel);
    },
  };

  const session = {
    defaultSession: {
      setPermissionRequestHandler: (handler: typeof state.permissionRequest) => {
        state.permissionRequest = handler;
      },
      setPermissionCheckHandler: (handler: typeof state.permissionCheck) => {
        state.permissionCheck = handler;
      },
      setDevicePermissionHandler: () => {},
      webRequest: {
        onBeforeRequest: (filter: { urls: string[] }, listener: (details: unknown, callback: (r: unknown) => void) => void) => {
          state.beforeRequest = { filter, listener };
        },
        onHeadersReceived: (listener: typeof state.headersReceived) => {
          state.headersReceived = listener;
        },
      },
    },
  };

  const screen = {
    getAllDisplays: () => state.displays,
    getPrimaryDisplay: () => state.displays[0]!,
    /** The display with the largest overlap with `rect`, else the primary (as Electron's). */
    getDisplayMatching: (rect: { x: number; y: number; width: number; height: number }) => {
      const overlap = (d: (typeof state.displays)[number]) =>
        Math.max(0, Math.min(rect.x + rect.width, d.bounds.x + d.bounds.width) - Math.max(rect.x, d.bounds.x)) *
        Math.max(0, Math.min(rect.y + rect.height, d.bounds.y + d.bounds.height) - Math.max(rect.y, d.bounds.y));
      return [...state.displays].sort((a, b) => overlap(b) - overlap(a))[0]!;
    },
  };

  const nativeTheme = {
    get shouldUseDarkColors() {
      return state.darkOs;
    },
  };

  return { state, module: { app, BrowserWindow: FakeBrowserWindow, dialog, Menu, protocol, ipcMain, session, screen, nativeTheme } };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
