//! Text files' bytes to text: UTF-8, UTF-16 with or without a byte-order
//! mark, and Windows-1252 as older systems write it; binary files refused.

use super::*;

/// The file's text: UTF-8 (a byte-order mark is dropped), UTF-16 with a
/// byte-order mark (or without one, when every other byte is zero as in
/// English text), else Windows-1252.
pub(super) fn decode_text(bytes: &[u8]) -> Result<String, String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(utf8_or_windows_1252(rest));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes);
    }
    match utf16_without_mark(bytes) {
        Some(true) => utf16(bytes, u16::from_le_bytes),
        Some(false) => utf16(bytes, u16::from_be_bytes),
        None => Ok(utf8_or_windows_1252(bytes)),
    }
}

pub(super) fn utf8_or_windows_1252(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        // Older AMS exports are often Windows-1252; map bytes one to one.
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    }
}

pub(super) fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, String> {
    if bytes.len() % 2 == 1 {
        return Err("The file is UTF-16 text but ends halfway through a character, so it may be cut short. Export it again and import the new file.".into());
    }
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(bytes.len() / 2);
    for (i, c) in char::decode_utf16(units).enumerate() {
        match c {
            Ok(c) => text.push(c),
            Err(_) => {
                return Err(format!(
                    "The file is UTF-16 text but holds an invalid character (at byte {}), so it cannot be read safely. Export it again, as UTF-8 if the system offers it.",
                    group_digits(i as u64 * 2)
                ));
            }
        }
    }
    Ok(text)
}

/// UTF-16 without a byte-order mark, told by its zero bytes: Some(true) for
/// little endian (`C\0l\0`), Some(false) for big endian (`\0C\0l`).
pub(super) fn utf16_without_mark(bytes: &[u8]) -> Option<bool> {
    let pairs = &bytes[..bytes.len().min(4096) & !1];
    let n = pairs.len() / 2;
    if n < 2 || bytes.len() % 2 == 1 {
        return None;
    }
    let zeros = |offset: usize| pairs.iter().skip(offset).step_by(2).filter(|&&b| b == 0).count();
    let (first, second) = (zeros(0), zeros(1));
    let mostly = |count: usize| count * 10 >= n * 9;
    if mostly(second) && first == 0 {
        Some(true)
    } else if mostly(first) && second == 0 {
        Some(false)
    } else {
        None
    }
}

/// Refuses decoded text that is really binary: NUL characters, or more than
/// one character in fifty a control code (text has tabs and line breaks,
/// nothing else below a space).
pub(super) fn check_is_text(text: &str) -> Result<(), String> {
    if text.contains('\0') {
        return Err(not_text("it holds NUL bytes, which a text file never has"));
    }
    let (mut total, mut control) = (0usize, 0usize);
    for c in text.chars() {
        total += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
            control += 1;
        }
    }
    if control * 50 > total {
        return Err(not_text(&format!(
            "{} of its {} characters are control codes, which a text file does not have",
            group_digits(control as u64),
            group_digits(total as u64)
        )));
    }
    Ok(())
}

pub(super) fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}
