// Makes the browser refuse writes the way a full disk or an exhausted
// quota does: every request of a read-write transaction runs and succeeds,
// then, once nothing is pending, the transaction is aborted. Used by the
// browser tests (as a module) and the end-to-end tests (as a page script).
let refusing = false;
let patched = false;
export function refuse_writes() {
    refusing = true;
    if (patched) return;
    patched = true;
    const methods = ['put', 'add', 'delete', 'clear'];
    const pending = new WeakMap();
    // Once a refused transaction has nothing pending, ask it one more
    // question; when that is answered and still nothing else is pending,
    // the code that wrote has issued all it will: abort, as a full disk does.
    const settle = (tx, store) => {
        if ((pending.get(tx) || 0) > 0 || !tx.__refuse) return;
        const probe = store.count();
        probe.addEventListener('success', () => {
            if ((pending.get(tx) || 0) === 0 && tx.__refuse && !tx.__aborted) {
                tx.__aborted = true;
                tx.abort();
            }
        });
    };
    for (const name of methods) {
        const original = IDBObjectStore.prototype[name];
        IDBObjectStore.prototype[name] = function (...args) {
            const tx = this.transaction;
            if (refusing && tx.mode === 'readwrite') tx.__refuse = true;
            const request = original.apply(this, args);
            if (tx.__refuse) {
                pending.set(tx, (pending.get(tx) || 0) + 1);
                request.addEventListener('success', () => {
                    pending.set(tx, pending.get(tx) - 1);
                    settle(tx, this);
                });
            }
            return request;
        };
    }
}
export function allow_writes() { refusing = false; }
