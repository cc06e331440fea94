//! The import's heavy work, done away from the page: reading the file,
//! choosing its sheet and header row, and checking every row.
//!
//! The page sends [`Request`]s and receives [`Reply`]s, each wrapped in an
//! [`Envelope`] numbered by the page so that a reply to a request the user
//! has since overtaken is recognised and dropped. Both travel as compact
//! binary ([`Envelope::encode`], postcard), which the page reads several
//! times faster than JSON; the file itself travels beside the first
//! request. A [`Job`] holds the file's table between requests, so changing
//! the mapping checks the rows again without reading the file again.
//!
//! The rules are the ones the rest of the import uses ([`read_file`],
//! [`auto_map`], [`preview_reporting`]); this module only carries them.
//!
//! ```
//! use agency_desk::domain::import::job::{Job, Reply, Request};
//! use agency_desk::domain::book::Department;
//! let mut replies = Vec::new();
//! let job = Job::open("book.csv", b"Client,Commission\nAcme,10\n".to_vec(), &Department::Cl, &mut |r| replies.push(r));
//! let Reply::Table { head, mapping } = &replies[0] else { panic!("not read") };
//! assert_eq!((head.headers.len(), head.rows), (2, 1));
//! // The rows are checked under the suggested mapping straight away.
//! assert!(matches!(replies.last(), Some(Reply::PreviewEnd)));
//! let (mapping, mut job) = (mapping.clone(), job.unwrap());
//! replies.clear();
//! job.handle(Request::Preview { mapping, default_department: Department::Pl, choices: Default::default() }, &mut |r| replies.push(r));
//! assert!(matches!(replies.last(), Some(Reply::PreviewEnd)));
//! ```

use super::mapping::{Mapping, auto_map};
use super::preview::{DepartmentChoices, ImportedAccount, Preview, preview_reporting};
use super::table::{Table, TableRow, read_file, read_xlsx_sheet};
use crate::domain::book::Department;
use serde::{Deserialize, Serialize};

/// How many accounts one [`Reply::Accounts`] carries: small enough for the
/// page to read one batch well within a frame.
pub const ACCOUNTS_PER_REPLY: usize = 2_000;

/// How many data rows each column's sample values are taken from.
const SAMPLE_ROWS: usize = 3;

/// A request or reply with the number the page gave its request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Envelope<T> {
    pub seq: u32,
    pub body: T,
}

impl<T: Serialize> Envelope<T> {
    /// The bytes that carry this envelope to the other side.
    pub fn encode(&self) -> Result<Vec<u8>, String> {
        postcard::to_allocvec(self).map_err(|e| e.to_string())
    }
}

impl<T: serde::de::DeserializeOwned> Envelope<T> {
    /// Reads an envelope from [`Envelope::encode`]'s bytes.
    pub fn decode(bytes: &[u8]) -> Result<Envelope<T>, String> {
        postcard::from_bytes(bytes).map_err(|e| e.to_string())
    }
}

/// What the page asks of the import.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Read the file sent beside this request, then check its rows under
    /// the mapping its headers suggest (rows without a department going to
    /// `default_department`).
    Open { name: String, default_department: Department },
    /// Read another worksheet of the workbook.
    Sheet { name: String },
    /// Take the headers from another row.
    HeaderLine { line: usize },
    /// Check every row under this mapping.
    Preview { mapping: Mapping, default_department: Department, choices: DepartmentChoices },
}

/// What the import tells the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    /// Listening: requests sent from now on are read.
    Ready,
    /// Work under way: `done` of `total` rows (0 of 0 while the file is read).
    Progress {
        stage: String,
        done: usize,
        total: usize,
    },
    /// The file (or another sheet or header row of it) as read, with the
    /// mapping its headers suggest.
    Table {
        head: TableHead,
        mapping: Mapping,
    },
    /// The preview without its accounts, which follow in
    /// [`Reply::Accounts`] batches, then [`Reply::PreviewEnd`].
    PreviewHead(Preview),
    Accounts(Vec<ImportedAccount>),
    PreviewEnd,
    /// The request could not be done; the message says why.
    Failed {
        message: String,
    },
}

/// What the page shows of a file's columns, without its rows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TableHead {
    pub file_name: String,
    pub headers: Vec<String>,
    pub header_line: usize,
    /// The first values of each column, joined with " · ".
    pub samples: Vec<String>,
    /// Rows the headers could be on ([`Table::header_candidates`]).
    pub candidates: Vec<TableRow>,
    /// The rows above the headers ([`Table::above`]).
    pub above: Vec<TableRow>,
    /// The workbook's worksheets when it has more than one (else empty).
    pub sheets: Vec<String>,
    pub sheet: Option<String>,
    /// How many data rows the table has.
    pub rows: usize,
}

impl TableHead {
    pub fn of(file_name: &str, table: &Table) -> TableHead {
        let samples = (0..table.headers.len())
            .map(|i| {
                let values: Vec<&str> = table
                    .rows
                    .iter()
                    .take(SAMPLE_ROWS)
                    .filter_map(|r| r.cells.get(i))
                    .filter(|c| !c.is_empty())
                    .map(String::as_str)
                    .collect();
                values.join(" · ")
            })
            .collect();
        TableHead {
            file_name: file_name.to_string(),
            headers: table.headers.clone(),
            header_line: table.header_line,
            samples,
            candidates: table.header_candidates(),
            above: table.above.clone(),
            sheets: if table.sheets.len() > 1 { table.sheets.clone() } else { Vec::new() },
            sheet: table.sheet.clone(),
            rows: table.rows.len(),
        }
    }
}

/// One chosen file, read.
pub struct Job {
    file_name: String,
    /// A workbook's bytes, kept to read another of its sheets.
    workbook: Option<Vec<u8>>,
    table: Table,
}

impl Job {
    /// Reads `bytes`, the file `name`, and sends its [`Reply::Table`], then
    /// the preview of its rows under the suggested mapping (what the page
    /// would ask for next). A file that cannot be read gets a
    /// [`Reply::Failed`] saying why, and no job.
    pub fn open(
        name: &str,
        bytes: Vec<u8>,
        default_department: &Department,
        send: &mut dyn FnMut(Reply),
    ) -> Option<Job> {
        match read_file(name, &bytes) {
            Ok(table) => {
                let workbook = (table.sheets.len() > 1).then_some(bytes);
                let job = Job { file_name: name.to_string(), workbook, table };
                let mapping = auto_map(&job.table.headers);
                send(job.table_reply_with(mapping.clone()));
                job.check(&mapping, default_department, &DepartmentChoices::new(), send);
                Some(job)
            }
            Err(e) => {
                send(Reply::Failed { message: format!("{name}: {e}") });
                None
            }
        }
    }

    fn table_reply(&self) -> Reply {
        self.table_reply_with(auto_map(&self.table.headers))
    }

    fn table_reply_with(&self, mapping: Mapping) -> Reply {
        Reply::Table { head: TableHead::of(&self.file_name, &self.table), mapping }
    }

    /// Answers one request through `send`: progress as it goes, then the
    /// result (an [`Request::Open`] is answered by [`Job::open`] instead).
    pub fn handle(&mut self, request: Request, send: &mut dyn FnMut(Reply)) {
        match request {
            Request::Open { .. } => {
                send(Reply::Failed { message: "A file is read with Job::open, not by a job already open".into() })
            }
            Request::Sheet { name } => {
                let Some(bytes) = &self.workbook else {
                    return send(Reply::Failed { message: format!("{} has only one worksheet", self.file_name) });
                };
                match read_xlsx_sheet(bytes, &name) {
                    Ok(table) => {
                        self.table = table;
                        send(self.table_reply());
                    }
                    Err(e) => send(Reply::Failed { message: format!("{}: {e}", self.file_name) }),
                }
            }
            Request::HeaderLine { line } => match self.table.with_header_line(line) {
                Some(table) => {
                    self.table = table;
                    send(self.table_reply());
                }
                None => send(Reply::Failed {
                    message: format!(
                        "{}: row {line} cannot hold the headers (it is blank or not in the file)",
                        self.file_name
                    ),
                }),
            },
            Request::Preview { mapping, default_department, choices } => {
                self.check(&mapping, &default_department, &choices, send)
            }
        }
    }

    /// Checks every row, sending progress, then the preview.
    fn check(
        &self,
        mapping: &Mapping,
        default_department: &Department,
        choices: &DepartmentChoices,
        send: &mut dyn FnMut(Reply),
    ) {
        let total = self.table.rows.len();
        let stage = "Checking rows".to_string();
        let mut report = |done| send_progress(send, &stage, done, total);
        let preview = preview_reporting(&self.table, mapping, default_department, choices, &mut report);
        send_preview(preview, send);
    }
}

fn send_progress(send: &mut dyn FnMut(Reply), stage: &str, done: usize, total: usize) {
    send(Reply::Progress { stage: stage.to_string(), done, total });
}

/// Sends a preview as its head, its accounts in batches, and the end.
fn send_preview(mut preview: Preview, send: &mut dyn FnMut(Reply)) {
    let accounts = std::mem::take(&mut preview.accounts);
    send(Reply::PreviewHead(preview));
    let mut rest = accounts.into_iter();
    loop {
        let batch: Vec<ImportedAccount> = rest.by_ref().take(ACCOUNTS_PER_REPLY).collect();
        if batch.is_empty() {
            break;
        }
        send(Reply::Accounts(batch));
    }
    send(Reply::PreviewEnd);
}

/// A preview put back together from its replies, on the page's side.
#[derive(Default)]
pub struct PreviewAssembly {
    head: Option<Preview>,
}

impl PreviewAssembly {
    /// Takes one reply of a preview; returns the whole preview when `reply`
    /// is its end. Replies that are not part of a preview are ignored.
    pub fn take(&mut self, reply: Reply) -> Option<Preview> {
        match reply {
            Reply::PreviewHead(head) => self.head = Some(head),
            Reply::Accounts(batch) => {
                if let Some(head) = &mut self.head {
                    head.accounts.extend(batch);
                }
            }
            Reply::PreviewEnd => return self.head.take(),
            _ => {}
        }
        None
    }
}

#[cfg(test)]
mod tests;
