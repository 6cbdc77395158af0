// A stand-in for the browser's WebSocket that the tests drive by hand: open
// it, push frames into it as the Worker would, drop it, or refuse to build it
// at all (what a Content Security Policy does).
export class FakeWebSocket {
    constructor(url) {
        if (FakeWebSocket.refusal) throw FakeWebSocket.refusal;
        this.url = url;
        this.readyState = 0;
        this.sent = [];
        this.closed = false;
        this.closeCode = null;
        FakeWebSocket.instances.push(this);
    }

    send(data) {
        if (this.readyState !== 1) throw new Error('InvalidStateError: the socket is not open');
        this.sent.push(data);
    }

    close(code) {
        this.closed = true;
        this.closeCode = code === undefined ? 1005 : code;
        this.readyState = 3;
    }

    // ── what the network does ──

    open() {
        this.readyState = 1;
        if (this.onopen) this.onopen({ type: 'open' });
    }

    receive(frame) {
        const data = typeof frame === 'string' ? frame : JSON.stringify(frame);
        if (this.onmessage) this.onmessage({ type: 'message', data });
    }

    /** The connection ends without the page asking (network, server restart, refused upgrade). */
    drop() {
        this.readyState = 3;
        if (this.onclose) this.onclose({ type: 'close', code: 1006, wasClean: false });
    }

    /** An error, then the close that always follows it. */
    fail() {
        if (this.onerror) this.onerror({ type: 'error' });
        this.drop();
    }

    static last() {
        return FakeWebSocket.instances[FakeWebSocket.instances.length - 1];
    }

    /** From now on the constructor throws, as a blocked connection does. */
    static refuseWith(error) {
        FakeWebSocket.refusal = error;
    }

    static install() {
        FakeWebSocket.instances = [];
        FakeWebSocket.refusal = null;
        FakeWebSocket.original = global.WebSocket;
        global.WebSocket = FakeWebSocket;
    }

    static uninstall() {
        global.WebSocket = FakeWebSocket.original;
    }
}

FakeWebSocket.instances = [];
FakeWebSocket.refusal = null;
FakeWebSocket.original = undefined;
