use super::*;

#[test]
fn report_formats_parse() {
    let cases = [
        ("$1,234.56", 123_456),
        ("1234.56", 123_456),
        ("1234", 123_400),
        ("(123.45)", -12_345),
        ("($1,000)", -100_000),
        ("-$5", -500),
        ("$-5.5", -550),
        ("USD 12.30", 1_230),
        (".5", 50),
        ("0", 0),
        ("1,000,000.00", 100_000_000),
        ("2.345", 235),
        ("2.344", 234),
    ];
    for (input, cents) in cases {
        assert_eq!(parse_money(input), Ok(Some(cents)), "{input}");
    }
}

#[test]
fn blanks_are_none() {
    for input in ["", "   ", "-"] {
        assert_eq!(parse_money(input), Ok(None), "{input:?}");
    }
}

#[test]
fn junk_is_explained() {
    for input in ["abc", "$", "1.2.3", "12a", "()", "1e5", "9999999999999999"] {
        let err = parse_money(input).unwrap_err();
        assert!(err.contains(input.trim()), "{input}: {err}");
    }
}

#[test]
fn words_are_not_a_matter_of_style() {
    // A word beside grouped digits is not an amount; only misplaced
    // separators get the "cannot be read for sure" explanation.
    let err = parse_money("1,000 dollars").unwrap_err();
    assert!(err.starts_with("\"1,000 dollars\" is not an amount of money"), "{err}");
    let err = parse_money("300,00").unwrap_err();
    assert!(err.contains("cannot be read for sure"), "{err}");
}

#[test]
fn comma_decimals_parse_under_comma_style() {
    let cases = [
        ("1.234,56", 123_456),
        ("300,00", 30_000),
        ("12,5", 1_250),
        ("1234,56", 123_456),
        ("1.000.000,00", 100_000_000),
        ("1 234,56", 123_456),
        ("(123,45)", -12_345),
        ("-145,00", -14_500),
        ("$1.234,56", 123_456),
        (",5", 50),
        ("1.234", 123_400),
        ("2,345", 235),
    ];
    for (input, cents) in cases {
        assert_eq!(parse_money_as(input, DecimalStyle::Comma), Ok(Some(cents)), "{input}");
    }
    assert_eq!(parse_money_as(" ", DecimalStyle::Comma), Ok(None));
}

#[test]
fn values_that_do_not_fit_the_style_are_refused_not_misread() {
    for input in ["1.234,56", "300,00", "12,5", "1,2,3", "1234,56", "1,23,456.00", "12 34"] {
        let err = parse_money_as(input, DecimalStyle::Point).unwrap_err();
        assert!(err.contains(input), "{input}: {err}");
    }
    for input in ["1,234.56", "1234.56", "1,2,3", "300.00", "1.23.456,00"] {
        let err = parse_money_as(input, DecimalStyle::Comma).unwrap_err();
        assert!(err.contains(input), "{input}: {err}");
    }
    let err = parse_money("1.234,56").unwrap_err();
    assert!(err.contains("'.' before the cents") && err.contains("1,234.56"), "{err}");
}

#[test]
fn the_style_is_detected_from_values_read_only_one_way() {
    assert_eq!(detect_decimal_style(["1.234,56", "300,00"]), DecimalStyle::Comma);
    assert_eq!(detect_decimal_style(["12,5"]), DecimalStyle::Comma);
    assert_eq!(detect_decimal_style(["1.000.000"]), DecimalStyle::Comma);
    assert_eq!(detect_decimal_style(["1,234.56", "300.00"]), DecimalStyle::Point);
    assert_eq!(detect_decimal_style(["1,000,000"]), DecimalStyle::Point);
    assert_eq!(detect_decimal_style(["$4,000.00", "600", "(20.00)"]), DecimalStyle::Point);
    assert_eq!(detect_decimal_style(["1,234", "1.234", "12", ""]), DecimalStyle::Point, "nothing tells: the default");
    assert_eq!(detect_decimal_style(["300,00", "300.00"]), DecimalStyle::Point, "a tie: the default");
    assert_eq!(detect_decimal_style(["300,00", "1,00", "5.5"]), DecimalStyle::Comma, "the majority");
}

#[test]
fn whole_numbers_with_grouping() {
    assert_eq!(parse_whole_number("1,000", DecimalStyle::Point), Some(1000));
    assert_eq!(parse_whole_number("1.000", DecimalStyle::Comma), Some(1000));
    assert_eq!(parse_whole_number(" 12 ", DecimalStyle::Point), Some(12));
    for bad in ["1,5", "", "1.000", "x", "-1"] {
        assert_eq!(parse_whole_number(bad, DecimalStyle::Point), None, "{bad}");
    }
    assert_eq!(parse_whole_number("1,000", DecimalStyle::Comma), None);
}

#[test]
fn formatting() {
    assert_eq!(format_money(0), "$0.00");
    assert_eq!(format_money(123_456_789), "$1,234,567.89");
    assert_eq!(format_money(-5), "-$0.05");
    assert_eq!(format_money(100_000), "$1,000.00");
    assert_eq!(format_money_whole(123_456), "$1,235");
    assert_eq!(format_plain(-12_345), "-123.45");
    assert_eq!(format_plain(7), "0.07");
    assert_eq!(group_digits(0), "0");
    assert_eq!(group_digits(999), "999");
    assert_eq!(group_digits(100_000), "100,000");
    assert_eq!(group_digits(u64::MAX), "18,446,744,073,709,551,615");
}

#[test]
fn formatting_round_trips() {
    for cents in [0, 1, 99, 100, 123_456, -987_654_321, 999_999_999_999] {
        assert_eq!(parse_money(&format_money(cents)), Ok(Some(cents)));
        assert_eq!(parse_money(&format_plain(cents)), Ok(Some(cents)));
    }
}
