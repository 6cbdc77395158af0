// The open session's live link. A WebSocket straight to the Worker, opened
// with a 5-minute token minted through Apex (getLiveToken); where the browser
// may not open one (Salesforce's CSP without the Parley trusted site, a proxy
// that drops upgrades), the panel refreshes through Apex every 10 seconds.
//
// The Worker checks the token only when the socket opens, so an open socket
// outlives it: every (re)connection mints a fresh token, and a token is never
// reused after it may have expired.
/* eslint-disable @lwc/lwc/no-async-operation -- timers are the point of this module: backoff, keepalive, polling */

export const POLL_INTERVAL_MS = 10000;
/** Keeps proxies from closing a quiet socket; the Worker answers "ping" with "pong" without waking the session. */
export const PING_INTERVAL_MS = 30000;
/** A socket that neither opens nor fails by then is treated as failed. */
export const OPEN_TIMEOUT_MS = 15000;
export const FIRST_RETRY_MS = 1000;
export const MAX_RETRY_MS = 30000;
/** Failed reconnects after which the panel also refreshes through Apex until the socket is back. */
export const RECONNECTS_BEFORE_POLLING = 3;

const SOCKET_OPEN = 1;

/**
 * States, reported through onStateChange:
 * 'connecting' (first attempt), 'live', 'reconnecting' (after a drop),
 * 'polling' (refreshing through Apex), 'stopped'.
 */
export class LiveConnection {
    /**
     * @param {object} options
     * @param {() => Promise<{socketUrl: string, expiresAt: string}>} options.mintToken getLiveToken for this session
     * @param {(frame: object) => void} options.onFrame one parsed message from the socket
     * @param {() => void} options.refresh fetch the whole session again (after a gap, and on every poll)
     * @param {(state: string) => void} options.onStateChange
     * @param {() => number} [options.random] jitter source, so many panels do not reconnect in step
     */
    constructor({ mintToken, onFrame, refresh, onStateChange, random = Math.random }) {
        this.mintToken = mintToken;
        this.onFrame = onFrame;
        this.refresh = refresh;
        this.onStateChange = onStateChange;
        this.random = random;
        this.state = 'stopped';
        this.socket = null;
        this.attempt = 0;
        this.retries = 0;
        this.everOpened = false;
        this.stopped = true;
        this.retryTimer = null;
        this.openTimer = null;
        this.pingTimer = null;
        this.pollTimer = null;
    }

    start() {
        this.stopped = false;
        this.connect();
    }

    stop() {
        this.stopped = true;
        this.attempt++;
        clearTimeout(this.retryTimer);
        clearTimeout(this.openTimer);
        clearInterval(this.pingTimer);
        clearInterval(this.pollTimer);
        this.retryTimer = this.openTimer = this.pingTimer = this.pollTimer = null;
        this.dropSocket();
        this.setState('stopped');
    }

    async connect() {
        if (this.stopped) return;
        const attempt = ++this.attempt;
        if (!this.polling()) this.setState(this.everOpened ? 'reconnecting' : 'connecting');
        let grant;
        try {
            grant = await this.mintToken();
        } catch {
            if (attempt === this.attempt) this.connectFailed();
            return;
        }
        // Stopped, or another attempt began, while the token was being minted.
        if (attempt !== this.attempt) return;
        if (!grant || !grant.socketUrl) {
            this.unavailable();
            return;
        }
        let ws;
        try {
            ws = new WebSocket(grant.socketUrl);
        } catch {
            // Blocked outright (a SecurityError from the page's CSP, or no WebSocket at all).
            this.unavailable();
            return;
        }
        this.socket = ws;
        let opened = false;
        this.openTimer = setTimeout(() => {
            if (this.socket !== ws || opened) return;
            this.dropSocket();
            this.connectFailed();
        }, OPEN_TIMEOUT_MS);
        ws.onopen = () => {
            if (this.socket !== ws) return;
            opened = true;
            clearTimeout(this.openTimer);
            const resume = this.everOpened;
            this.everOpened = true;
            this.retries = 0;
            this.stopPolling();
            this.setState('live');
            this.pingTimer = setInterval(() => {
                if (ws.readyState === SOCKET_OPEN) ws.send('ping');
            }, PING_INTERVAL_MS);
            // Changes and presence may have been missed while the socket was down.
            if (resume) this.refresh();
        };
        ws.onmessage = (message) => {
            if (this.socket !== ws) return;
            const frame = parse(message.data);
            if (frame) this.onFrame(frame);
        };
        // An error is always followed by close, where it is handled.
        ws.onerror = () => {};
        ws.onclose = () => {
            if (this.socket !== ws) return;
            this.socket = null;
            clearTimeout(this.openTimer);
            clearInterval(this.pingTimer);
            if (this.stopped) return;
            if (opened) this.retry();
            else this.connectFailed();
        };
    }

    /** A connection attempt failed before the socket opened. */
    connectFailed() {
        // Never got through from this page: treat the socket as not allowed here.
        if (!this.everOpened) this.unavailable();
        else this.retry();
    }

    /** Reconnect after a backoff; after a few failures, refresh through Apex meanwhile. */
    retry() {
        if (this.stopped) return;
        this.retries++;
        if (this.retries > RECONNECTS_BEFORE_POLLING) this.startPolling();
        else this.setState('reconnecting');
        const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (this.retries - 1));
        const delay = Math.round(base * (1 + 0.2 * this.random()));
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => this.connect(), delay);
    }

    /** The socket cannot be used from this page: refresh through Apex from now on. */
    unavailable() {
        if (this.stopped) return;
        this.startPolling();
    }

    startPolling() {
        this.setState('polling');
        if (this.pollTimer) return;
        this.pollTimer = setInterval(() => this.refresh(), POLL_INTERVAL_MS);
    }

    stopPolling() {
        clearInterval(this.pollTimer);
        this.pollTimer = null;
    }

    polling() {
        return this.pollTimer !== null;
    }

    dropSocket() {
        const ws = this.socket;
        this.socket = null;
        if (!ws) return;
        ws.onopen = ws.onmessage = ws.onerror = ws.onclose = null;
        try {
            ws.close(1000, 'panel closed');
        } catch {
            // Already closing: nothing left to release.
        }
    }

    setState(state) {
        if (this.state === state) return;
        this.state = state;
        this.onStateChange(state);
    }
}

/** A frame as an object; "pong" and anything else that is not JSON is skipped. */
function parse(data) {
    if (typeof data !== 'string' || data.charAt(0) !== '{') return null;
    try {
        return JSON.parse(data);
    } catch {
        return null;
    }
}
