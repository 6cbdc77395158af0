// What every feature module of a session is handed: its storage, its event
// log, timers, publishing, cached directory reads, access rules and views.
// SessionRoom builds it once per object instance (session-room.ts).
import type { Env } from '../env';
import type { RoomAccess } from './access';
import type { DirectoryCache } from './directory-cache';
import type { EventLog } from './event-log';
import type { Publisher } from './publisher';
import type { RoomStore } from './store';
import type { Timers } from './timers';
import type { RoomViews } from './views';

export interface RoomContext {
  env: Env;
  state: DurableObjectState;
  store: RoomStore;
  log: EventLog;
  timers: Timers;
  publisher: Publisher;
  directory: DirectoryCache;
  access: RoomAccess;
  views: RoomViews;
}
