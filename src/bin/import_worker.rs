//! The import worker: reads a chosen file and checks its rows off the
//! page's thread, so a file of 200,000 rows never freezes the page.
//!
//! Built by Trunk as its own wasm (`data-type="worker"` in `index.html`)
//! and started by the Book page's import the first time a file is chosen.
//! Each message from the page is an array: the bytes of an [`Envelope`] of
//! a [`Request`], and for [`Request::Open`] the chosen `File`. Each reply is
//! the bytes of an [`Envelope`] of a [`Reply`] with the request's number,
//! handed over (transferred) rather than copied. The work itself is
//! [`Job`]'s.

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::listen();
}

/// Nothing to do outside a browser; the job's rules are tested natively.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}

#[cfg(target_arch = "wasm32")]
mod worker {
    use agency_desk::domain::import::job::{Envelope, Job, Reply, Request};
    use std::cell::RefCell;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};

    thread_local! {
        /// The file being imported, read.
        static JOB: RefCell<Option<Job>> = const { RefCell::new(None) };
    }

    pub fn listen() {
        console_error_panic_hook::set_once();
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let replies = scope.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| receive(&replies, ev));
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        // Messages sent before this point may have found no listener: the
        // page waits for this before it sends anything.
        send(&scope, 0, Reply::Ready);
    }

    fn send(scope: &DedicatedWorkerGlobalScope, seq: u32, body: Reply) {
        let bytes = Envelope { seq, body }.encode().unwrap_or_else(|e| {
            let message = format!("The import could not send its result: {e}");
            Envelope { seq, body: Reply::Failed { message } }.encode().unwrap_or_default()
        });
        let array = js_sys::Uint8Array::from(bytes.as_slice());
        // A page that has gone away cannot be told anything.
        let _ = scope.post_message_with_transfer(&array, &js_sys::Array::of1(&array.buffer()));
    }

    fn receive(scope: &DedicatedWorkerGlobalScope, ev: MessageEvent) {
        let data: js_sys::Array = ev.data().unchecked_into();
        let bytes = data.get(0).dyn_into::<js_sys::Uint8Array>().map(|a| a.to_vec()).unwrap_or_default();
        let envelope = match Envelope::<Request>::decode(&bytes) {
            Ok(e) => e,
            Err(e) => {
                let message = format!("The import did not understand the page's request: {e}");
                return send(scope, 0, Reply::Failed { message });
            }
        };
        let seq = envelope.seq;
        let mut reply = |r: Reply| send(scope, seq, r);
        match envelope.body {
            Request::Open { name, default_department } => {
                reply(Reply::Progress { stage: "Reading the file".into(), done: 0, total: 0 });
                let bytes = match read(&data.get(1)) {
                    Ok(bytes) => bytes,
                    Err(why) => return reply(Reply::Failed { message: format!("{name} could not be read: {why}") }),
                };
                // The previous file's table goes first, so two are never held.
                JOB.with_borrow_mut(|job| *job = None);
                let job = Job::open(&name, bytes, &default_department, &mut reply);
                JOB.with_borrow_mut(|held| *held = job);
            }
            request => JOB.with_borrow_mut(|job| match job {
                Some(job) => job.handle(request, &mut reply),
                None => reply(Reply::Failed { message: "No file is open: choose the file again".into() }),
            }),
        }
    }

    /// The bytes of the `File` sent beside the request.
    fn read(file: &JsValue) -> Result<Vec<u8>, String> {
        let file: &File = file.dyn_ref().ok_or("no file came with the request")?;
        let reader = FileReaderSync::new().map_err(|e| format!("{e:?}"))?;
        let buffer = reader.read_as_array_buffer(file).map_err(|e| format!("{e:?}"))?;
        Ok(js_sys::Uint8Array::new(&buffer).to_vec())
    }
}
