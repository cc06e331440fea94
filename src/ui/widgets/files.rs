//! Reading a chosen file and offering a file for download.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, File, HtmlAnchorElement, HtmlInputElement, Url};

/// The file chosen in an `<input type=file>` event, if any.
pub fn chosen_file(ev: &leptos::ev::Event) -> Option<File> {
    let input: HtmlInputElement = ev.target()?.dyn_into().ok()?;
    input.files()?.get(0)
}

/// Clears a file input so choosing the same file again fires `change`.
pub fn reset_input(ev: &leptos::ev::Event) {
    if let Some(input) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
        input.set_value("");
    }
}

/// Reads a file's bytes.
pub async fn read_bytes(file: &File) -> Result<Vec<u8>, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| format!("The file {} could not be read.", file.name()))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Offers `text` as a file download named `file_name`.
pub fn download(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let file = FileParts::default();
    file.push(text)?;
    file.download(file_name, mime)
}

/// A file for download put together a piece at a time: each piece goes
/// to the browser as its UTF-8 bytes (one copy out of wasm) in a small
/// blob of its own, and the file is a blob of those blobs, which the
/// browser assembles without copying them. So a file of 60 MB built in
/// pieces costs no long task at the end.
#[derive(Default)]
pub struct FileParts {
    parts: js_sys::Array,
}

impl FileParts {
    /// Adds the text `piece` at the end of the file.
    pub fn push(&self, piece: &str) -> Result<(), String> {
        let bytes = js_sys::Array::of1(&js_sys::Uint8Array::from(piece.as_bytes()));
        let blob =
            Blob::new_with_u8_array_sequence(&bytes).map_err(|_| "The file could not be prepared.".to_string())?;
        self.parts.push(&blob);
        Ok(())
    }

    /// Offers the file, named `file_name`, for download.
    pub fn download(self, file_name: &str, mime: &str) -> Result<(), String> {
        let options = BlobPropertyBag::new();
        options.set_type(mime);
        let blob = Blob::new_with_blob_sequence_and_options(&self.parts, &options)
            .map_err(|_| "The file could not be prepared.".to_string())?;
        offer(&blob, file_name)
    }
}

/// Starts the download of `blob` as `file_name`.
fn offer(blob: &Blob, file_name: &str) -> Result<(), String> {
    let url = Url::create_object_url_with_blob(blob).map_err(|_| "The file could not be prepared.".to_string())?;
    let anchor: HtmlAnchorElement =
        document().create_element("a").map_err(|_| "The download could not start.".to_string())?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    let _ = Url::revoke_object_url(&url);
    Ok(())
}
