use super::*;

#[test]
fn csv_with_bom_quotes_and_blank_leading_lines() {
    let data = "\u{feff}\n\nClient,Commission\n\"Smith, Jones & Co\",\"$1,200.00\"\nAcme,50\n";
    let t = read_csv(data.as_bytes()).unwrap();
    assert_eq!(t.headers, vec!["Client", "Commission"]);
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.rows[0].cells, vec!["Smith, Jones & Co", "$1,200.00"]);
    assert_eq!(t.rows[0].line, 4);
    assert_eq!(t.rows[1].line, 5);
}

#[test]
fn semicolon_and_tab_delimiters_are_detected() {
    let t = read_csv(b"Client;Premium\nA;1\n").unwrap();
    assert_eq!(t.rows[0].cells, vec!["A", "1"]);
    let t = read_csv(b"Client\tPremium\nA\t1\n").unwrap();
    assert_eq!(t.rows[0].cells, vec!["A", "1"]);
}

#[test]
fn windows_1252_text_is_read() {
    let t = read_csv(b"Client\nCaf\xe9 \x93Roma\x94\n").unwrap();
    assert_eq!(t.rows[0].cells, vec!["Café “Roma”"]);
}

#[test]
fn empty_files_are_explained() {
    assert!(read_csv(b"").unwrap_err().contains("empty"));
    assert!(read_csv(b"\n ,\n").unwrap_err().contains("empty"));
}

fn utf16(text: &str, big_endian: bool, mark: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    let units = if mark {
        "\u{feff}".encode_utf16().chain(text.encode_utf16()).collect::<Vec<_>>()
    } else {
        text.encode_utf16().collect()
    };
    for u in units {
        bytes.extend(if big_endian { u.to_be_bytes() } else { u.to_le_bytes() });
    }
    bytes
}

#[test]
fn a_report_title_above_the_headers_is_set_aside() {
    let text = "Expiration List\r\nHarbor Insurance Group - All Branches\r\nExp Date Range: 01/01/2027 - 03/31/2027\r\n\r\n\
                Customer Name,Policy Number,Exp Date,Premium,Commission\r\nHarbor Bakery,BOP-1,03/01/2027,\"$4,000.00\",$600.00\r\n";
    let t = read_csv(text.as_bytes()).unwrap();
    assert_eq!(t.delimiter, Some(','), "title lines hold no commas, the header does");
    assert_eq!(t.header_line, 5);
    assert_eq!(t.headers[0], "Customer Name");
    assert_eq!(t.above.iter().map(|r| r.line).collect::<Vec<_>>(), vec![1, 2, 3]);
    assert_eq!(t.above[0].cells, vec!["Expiration List"]);
    assert_eq!((t.rows.len(), t.rows[0].line), (1, 6));
    // The user may say the headers are elsewhere, and back.
    let other = t.with_header_line(2).unwrap();
    assert_eq!(other.headers, vec!["Harbor Insurance Group - All Branches"]);
    assert_eq!(other.above.len(), 1);
    assert_eq!(other.with_header_line(5).unwrap(), t);
    assert!(t.with_header_line(4).is_none(), "a blank line cannot be the header");
    let lines: Vec<usize> = t.header_candidates().iter().map(|r| r.line).collect();
    assert_eq!(lines, vec![1, 2, 3, 5, 6]);
}

#[test]
fn without_known_headers_the_first_row_is_the_header() {
    let t = read_csv(b"\nName A,Name B\nx,y\n").unwrap();
    assert_eq!((t.header_line, t.headers.clone(), t.above.len()), (2, vec!["Name A".to_string(), "Name B".into()], 0));
}

#[test]
fn line_numbers_are_the_same_in_crlf_and_lf_files() {
    for ending in ["\n", "\r\n"] {
        let text = ["Client,Premium", "Acme,1", "", "Beta,\"two", "lines\"", "Gamma,3"].join(ending) + ending;
        let t = read_csv(text.as_bytes()).unwrap();
        let lines: Vec<usize> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![2, 4, 6], "{ending:?}");
    }
}

#[test]
fn utf16_files_are_decoded() {
    let text = "Insured,Premium\nCafé “Roma”,\"$1,200.00\"\n";
    for (big_endian, mark) in [(false, true), (true, true), (false, false), (true, false)] {
        let t = read_csv(&utf16(text, big_endian, mark)).unwrap_or_else(|e| panic!("{big_endian} {mark}: {e}"));
        assert_eq!(t.headers, vec!["Insured", "Premium"], "{big_endian} {mark}");
        assert_eq!(t.rows[0].cells, vec!["Café “Roma”", "$1,200.00"]);
        assert_eq!(t.rows[0].line, 2);
    }
    let mut cut = utf16(text, false, true);
    cut.pop();
    assert!(read_csv(&cut).unwrap_err().contains("UTF-16"));
    let lone_surrogate = [0xFF, 0xFE, b'A', 0, 0x00, 0xD8, b'B', 0];
    assert!(read_csv(&lone_surrogate).unwrap_err().contains("invalid character"));
}

#[test]
fn binary_files_are_refused() {
    let mut rng = fastrand::Rng::with_seed(7);
    let random: Vec<u8> = (0..4000).map(|_| rng.u8(..)).collect();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(&random[..100]);
    let pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n".to_vec();
    let nul = b"Client,Premium\nAcme\0,1\n".to_vec();
    let controls: Vec<u8> =
        b"Client\n".iter().copied().chain((0..40).map(|i| if i % 3 == 0 { 0x01 } else { b'a' })).collect();
    for (name, bytes, why) in [
        ("random", &random, ""),
        ("png", &png, "PNG image"),
        ("pdf", &pdf, "PDF document"),
        ("nul", &nul, "NUL"),
        ("controls", &controls, "control codes"),
    ] {
        let err = read_file(&format!("{name}.csv"), bytes).unwrap_err();
        assert!(err.starts_with("This file is not a text (CSV) or Excel file: "), "{name}: {err}");
        assert!(err.contains(why), "{name}: {err}");
    }
    // A DOS end-of-file mark, or a stray control code in a long text, is not binary.
    assert_eq!(read_csv(b"Client\nAcme\n\x1a").unwrap().rows[0].cells, vec!["Acme"]);
    let mut long = String::from("Client,Notes\n");
    long.push_str(&"Acme,fine\n".repeat(20));
    long.push_str("Beta,odd \x0b mark\n");
    assert_eq!(read_csv(long.as_bytes()).unwrap().rows.len(), 21);
}

#[test]
fn an_unclosed_quote_refuses_the_file_with_its_line() {
    let mut csv = String::from("Client,Premium,Notes\n");
    for i in 2..57 {
        csv.push_str(&format!("Client {i},100,\"said \"\"hi\"\"\"\n"));
    }
    csv.push_str("Broken Co,100,\"never closed\n");
    for i in 58..=20_001 {
        csv.push_str(&format!("Client {i},100,ok\n"));
    }
    assert_eq!(
        read_csv(csv.as_bytes()).unwrap_err(),
        "Line 57 opens a quote (in the Notes column) that is never closed, so lines 57–20,001 would read as one cell; nothing was imported. Fix that row and import again."
    );
    let err = read_csv(b"Client;Notes\nAcme;\"open").unwrap_err();
    assert!(
        err.starts_with("Line 2 opens a quote (in the Notes column)") && err.contains("the rest of that line"),
        "{err}"
    );
    // Closed quotes, doubled quotes, and a quote inside an unquoted cell are fine.
    let t = read_csv(b"Client,Notes\nAcme,\"a \"\"b\"\" c\"\nBeta,12\" pipe\nGamma,\"x\"y\n").unwrap();
    assert_eq!(t.rows[0].cells[1], "a \"b\" c");
    assert_eq!(t.rows[1].cells[1], "12\" pipe");
    assert_eq!(t.rows[2].cells[1], "xy");
    assert!(read_csv(b"Client,Notes\nAcme,\"two\nlines\"\n").is_ok());
}

#[test]
fn too_many_columns_are_refused_at_once() {
    let header: Vec<String> = (0..20_000).map(|i| format!("C{i}")).collect();
    let csv = format!("{}\n{}\n", header.join(","), vec!["1"; 20_000].join(","));
    let err = read_file("wide.csv", csv.as_bytes()).unwrap_err();
    assert_eq!(
        err,
        "The header of this file has 20,000 columns; an agency management system export has at most a few dozen — is this the right file?"
    );
    let csv = format!("Client,Premium\nAcme,1\n{}\n", vec!["x"; 501].join(","));
    assert!(read_csv(csv.as_bytes()).unwrap_err().starts_with("Line 3 has 501 cells;"));
    // A spreadsheet's used range written out as trailing commas is fine.
    let csv = format!("Client,Premium{}\nAcme,1{}\n", ",".repeat(700), ",".repeat(700));
    let t = read_csv(csv.as_bytes()).unwrap();
    assert_eq!(t.headers, vec!["Client", "Premium"]);
    assert_eq!(t.rows[0].cells, vec!["Acme", "1"]);
}

#[test]
fn files_larger_than_the_limit_are_refused() {
    assert!(check_file_size(MAX_FILE_BYTES).is_ok());
    let err = check_file_size(80 * 1024 * 1024 + 300 * 1024).unwrap_err();
    assert!(err.contains("80.3 MB") && err.contains("64 MB"), "{err}");
    let big = vec![b'a'; MAX_FILE_BYTES as usize + 1];
    assert!(read_file("big.csv", &big).unwrap_err().contains("64 MB"));
    assert!(read_file("big.xlsx", &big).unwrap_err().contains("64 MB"));
}

#[test]
fn only_spaces_around_a_cell_are_trimmed() {
    let t = read_csv("Client,Notes\n  Acme \u{a0},\"\t=1+1\"\n\"Beta\",\"line\r\"\n".as_bytes()).unwrap();
    assert_eq!(t.rows[0].cells, vec!["Acme", "\t=1+1"]);
    assert_eq!(t.rows[1].cells, vec!["Beta", "line\r"]);
    assert_eq!(t.delimiter, Some(','));
}

#[test]
fn not_a_workbook_is_explained() {
    let err = read_file("book.xlsx", b"Client,Commission\n").unwrap_err();
    assert!(err.contains("Excel"), "{err}");
    assert!(read_file("old.XLS", b"").unwrap_err().contains(".xlsx"));
}
