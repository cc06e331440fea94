//! The page's end of the import worker (`src/bin/import_worker.rs`):
//! starts it, holds requests until it listens, and hands each reply on.

use crate::domain::import::job::{Envelope, Reply, Request};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, File, MessageEvent, Worker};

/// The worker's start-up script (Trunk's loader shim) when `index.html` does
/// not name it: the build names it with a hash of the worker's files in a
/// `<meta name="import-worker">` (scripts/finalize-dist.mjs), so a page never
/// starts a worker of another build from the browser's cache.
const SCRIPT: &str = "./import-worker_loader.js";

fn script() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(r#"meta[name="import-worker"]"#).ok().flatten())
        .and_then(|meta| meta.get_attribute("content"))
        .unwrap_or_else(|| SCRIPT.to_string())
}

/// A running import worker. Dropping it stops the worker at once, whatever
/// it was doing: that is how an import is cancelled.
pub struct ImportWorker {
    worker: Worker,
    /// Requests sent before the worker said it listens; `None` once it has.
    waiting: Rc<RefCell<Option<Vec<js_sys::Array>>>>,
    on_reply: Rc<dyn Fn(Envelope<Reply>)>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

impl ImportWorker {
    /// Starts the worker; `on_reply` gets every reply but [`Reply::Ready`].
    /// A worker that fails to start or stops on an error is reported as a
    /// [`Reply::Failed`] numbered 0.
    pub fn start(on_reply: impl Fn(Envelope<Reply>) + 'static) -> Result<ImportWorker, String> {
        let worker = Worker::new(&script()).map_err(|e| format!("The import could not start: {}", describe(&e)))?;
        let on_reply: Rc<dyn Fn(Envelope<Reply>)> = Rc::new(on_reply);
        let waiting = Rc::new(RefCell::new(Some(Vec::<js_sys::Array>::new())));

        let (queue, target, replies) = (waiting.clone(), worker.clone(), on_reply.clone());
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            let bytes = ev.data().dyn_into::<js_sys::Uint8Array>().map(|a| a.to_vec()).unwrap_or_default();
            match Envelope::<Reply>::decode(&bytes) {
                Ok(Envelope { body: Reply::Ready, .. }) => {
                    let held = queue.borrow_mut().take().unwrap_or_default();
                    for message in held {
                        post(&target, &message, &*replies);
                    }
                }
                Ok(envelope) => replies(envelope),
                Err(e) => replies(failed(format!("The import sent a reply the page could not read: {e}"))),
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));

        let replies = on_reply.clone();
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |ev: ErrorEvent| {
            let detail = ev.message();
            let detail = if detail.is_empty() { "its files could not be loaded".to_string() } else { detail };
            replies(failed(format!("The import stopped: {detail}. Nothing was saved; choose the file again.")));
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(ImportWorker { worker, waiting, on_reply, _on_message: on_message, _on_error: on_error })
    }

    /// Sends `request` numbered `seq`, with the chosen file for
    /// [`Request::Open`].
    pub fn send(&self, seq: u32, request: Request, file: Option<&File>) {
        let bytes = Envelope { seq, body: request }.encode().unwrap_or_default();
        let message = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()));
        if let Some(file) = file {
            message.push(file);
        }
        let held = match self.waiting.borrow_mut().as_mut() {
            Some(queue) => {
                queue.push(message.clone());
                true
            }
            None => false,
        };
        if !held {
            post(&self.worker, &message, &*self.on_reply);
        }
    }
}

impl Drop for ImportWorker {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

fn post(worker: &Worker, message: &js_sys::Array, on_reply: &dyn Fn(Envelope<Reply>)) {
    if let Err(e) = worker.post_message(message) {
        on_reply(failed(format!("The file could not be handed to the import: {}", describe(&e))));
    }
}

fn failed(message: String) -> Envelope<Reply> {
    Envelope { seq: 0, body: Reply::Failed { message } }
}

fn describe(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_else(|| format!("{e:?}"))
}
