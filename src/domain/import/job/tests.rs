use super::*;
use crate::domain::import::preview::{PROGRESS_ROWS, preview_with};
use crate::domain::import::table::read_csv;

/// A per-policy export of `accounts` clients with two policies each, a
/// report title above the headers and a total below.
fn export(accounts: usize) -> Vec<u8> {
    let mut out = String::from("Expiration Report\r\nClient,Policy,Expiration,Commission\r\n");
    for i in 0..accounts {
        for p in 0..2 {
            out.push_str(&format!("Client {i},P-{i}-{p},3/{}/2027,{}.50\r\n", 1 + p, 100 + i));
        }
    }
    out.push_str(",Total,,\r\n");
    out.into_bytes()
}

fn run(job: &mut Job, request: Request) -> Vec<Reply> {
    let mut replies = Vec::new();
    job.handle(request, &mut |r| replies.push(r));
    replies
}

/// Opens a file with CL as the default department: the job, its table's
/// head and suggested mapping, and the replies that followed the table.
fn opened_with_replies(name: &str, bytes: Vec<u8>) -> (Job, TableHead, Mapping, Vec<Reply>) {
    let mut replies = Vec::new();
    let job = Job::open(name, bytes, &Department::Cl, &mut |r| replies.push(r));
    let Reply::Table { head, mapping } = replies.remove(0) else { panic!("not read: {replies:?}") };
    (job.expect("a job with its table"), head, mapping, replies)
}

fn opened(name: &str, bytes: Vec<u8>) -> (Job, TableHead, Mapping) {
    let (job, head, mapping, _) = opened_with_replies(name, bytes);
    (job, head, mapping)
}

/// The preview that `replies` carry, put back together.
fn assembled(replies: &[Reply]) -> Option<Preview> {
    let mut assembly = PreviewAssembly::default();
    replies.iter().cloned().filter_map(|r| assembly.take(r)).last()
}

#[test]
fn opening_a_file_tells_its_columns_samples_and_suggested_mapping() {
    let bytes = export(3);
    let table = read_csv(&bytes).unwrap();
    let (_, head, mapping) = opened("expiring.csv", bytes);
    assert_eq!(head.file_name, "expiring.csv");
    assert_eq!(head.headers, ["Client", "Policy", "Expiration", "Commission"]);
    assert_eq!((head.header_line, head.rows), (2, 7));
    assert_eq!(head.samples[0], "Client 0 · Client 0 · Client 1");
    assert_eq!(head.above.len(), 1, "the report title is above the headers");
    assert_eq!(head.candidates, table.header_candidates());
    assert!(head.sheets.is_empty() && head.sheet.is_none(), "a CSV has no worksheets");
    assert_eq!(mapping, auto_map(&table.headers));
}

#[test]
fn a_file_that_cannot_be_read_fails_with_its_name_and_leaves_no_job() {
    let mut replies = Vec::new();
    let job =
        Job::open("scan.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(), &Department::Cl, &mut |r| replies.push(r));
    assert!(job.is_none());
    let [Reply::Failed { message }] = replies.as_slice() else { panic!("read a PNG: {replies:?}") };
    assert!(message.starts_with("scan.csv: ") && message.contains("PNG"), "{message}");
}

#[test]
fn the_preview_arrives_in_batches_and_is_put_back_together_unchanged() {
    let accounts = 2 * ACCOUNTS_PER_REPLY + 500;
    let bytes = export(accounts);
    let table = read_csv(&bytes).unwrap();
    let (mut job, _, mapping) = opened("big.csv", bytes);
    let choices = DepartmentChoices::new();
    let replies =
        run(&mut job, Request::Preview { mapping: mapping.clone(), default_department: Department::Pl, choices });

    let direct = preview_with(&table, &mapping, &Department::Pl, &DepartmentChoices::new());
    assert_eq!(direct.accounts.len(), accounts);
    let batches: Vec<usize> =
        replies.iter().filter_map(|r| if let Reply::Accounts(b) = r { Some(b.len()) } else { None }).collect();
    assert_eq!(batches, [ACCOUNTS_PER_REPLY, ACCOUNTS_PER_REPLY, 500]);

    assert_eq!(assembled(&replies).as_ref(), Some(&direct), "the same preview as checking the rows on the page");
}

#[test]
fn opening_a_file_checks_its_rows_under_the_suggested_mapping_at_once() {
    let bytes = export(30);
    let table = read_csv(&bytes).unwrap();
    let (_, _, mapping, replies) = opened_with_replies("expiring.csv", bytes);
    let direct = preview_with(&table, &mapping, &Department::Cl, &DepartmentChoices::new());
    assert_eq!(assembled(&replies), Some(direct));
}

#[test]
fn progress_counts_up_to_every_row_before_the_result() {
    let bytes = export(6_000);
    let (mut job, head, mapping) = opened("big.csv", bytes);
    let replies =
        run(&mut job, Request::Preview { mapping, default_department: Department::Cl, choices: Default::default() });
    let done: Vec<usize> = replies
        .iter()
        .filter_map(|r| match r {
            Reply::Progress { done, total, .. } => {
                assert_eq!(*total, head.rows);
                Some(*done)
            }
            _ => None,
        })
        .collect();
    assert_eq!(done.len(), head.rows / PROGRESS_ROWS + 1, "{done:?}");
    assert!(done.windows(2).all(|w| w[0] < w[1]), "{done:?}");
    assert_eq!(done.last(), Some(&head.rows));
    let first_result = replies.iter().position(|r| matches!(r, Reply::PreviewHead(_))).unwrap();
    let last_progress = replies.iter().rposition(|r| matches!(r, Reply::Progress { .. })).unwrap();
    assert!(last_progress < first_result);
}

#[test]
fn another_header_row_is_read_from_the_table_already_held() {
    let (mut job, _, _) = opened("expiring.csv", export(2));
    let replies = run(&mut job, Request::HeaderLine { line: 1 });
    let [Reply::Table { head, .. }] = replies.as_slice() else { panic!("{replies:?}") };
    assert_eq!((head.header_line, head.headers[0].as_str()), (1, "Expiration Report"));

    let replies = run(&mut job, Request::HeaderLine { line: 999 });
    assert!(matches!(replies.as_slice(), [Reply::Failed { message }] if message.contains("row 999")), "{replies:?}");
}

#[test]
fn a_csv_has_no_other_sheet_to_read() {
    let (mut job, _, _) = opened("expiring.csv", export(1));
    let replies = run(&mut job, Request::Sheet { name: "Sheet2".into() });
    assert!(
        matches!(replies.as_slice(), [Reply::Failed { message }] if message.contains("one worksheet")),
        "{replies:?}"
    );
}

#[test]
fn every_request_and_reply_reads_back_from_the_bytes_it_travels_as() {
    let (mut job, head, mapping) = opened("expiring.csv", export(3));
    let mut replies = vec![Reply::Ready, Reply::Table { head, mapping: mapping.clone() }];
    let choices = DepartmentChoices::from([("Farm".to_string(), Department::Custom("Farm & Ranch".into()))]);
    replies.extend(run(&mut job, Request::Preview { mapping, default_department: Department::Benefits, choices }));
    replies.push(Reply::Failed { message: "a “quoted” reason".into() });
    for (seq, body) in replies.into_iter().enumerate() {
        let sent = Envelope { seq: seq as u32, body };
        assert_eq!(Envelope::<Reply>::decode(&sent.encode().unwrap()).unwrap(), sent);
    }
    let requests = [
        Request::Open { name: "Büro – März.csv".into(), default_department: Department::Custom("Farm".into()) },
        Request::Sheet { name: "Policies".into() },
        Request::HeaderLine { line: 4 },
        Request::Preview {
            mapping: vec![None, Some(crate::domain::import::mapping::Field::Premium)],
            default_department: Department::Pl,
            choices: Default::default(),
        },
    ];
    for body in requests {
        let sent = Envelope { seq: 7, body };
        assert_eq!(Envelope::<Request>::decode(&sent.encode().unwrap()).unwrap(), sent);
    }
    assert!(Envelope::<Reply>::decode(b"\x05\xff").is_err(), "bytes that are no reply are refused");
}
