use super::*;
use crate::domain::book::{Account, Department, Policy};
use crate::domain::renewals::record::Tick;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn account() -> AccountRecord {
    let mut r = AccountRecord::new(Account::new("a:1", "Harbor Bakery", Department::Cl));
    r.policies.push(Policy::new("p1", "a:1"));
    r
}

#[test]
fn ids_are_written_and_read_back() {
    let ids = [
        DocId::Account("a1".into()),
        DocId::Trainee("t-7".into()),
        DocId::Renewal("a1@2026-11-30".into()),
        DocId::Settings(SettingsGroup::Renewals),
    ];
    let texts: Vec<String> = ids.iter().map(DocId::to_string).collect();
    assert_eq!(texts, ["account:a1", "trainee:t-7", "renewal:a1@2026-11-30", "settings:renewals"]);
    for (id, text) in ids.iter().zip(&texts) {
        assert_eq!(&DocId::parse(text).unwrap(), id);
    }
}

#[test]
fn only_the_first_colon_separates_the_kind() {
    assert_eq!(DocId::parse("account:ams:42:x").unwrap(), DocId::Account("ams:42:x".into()));
    assert_eq!(DocId::Account("ams:42".into()).to_string(), "account:ams:42");
}

#[test]
fn unknown_kinds_groups_and_bare_ids_are_refused() {
    for (text, says) in [
        ("policy:p1", "\"policy\" is not a kind"),
        ("settings:local", "no settings group \"local\""),
        ("account", "no kind"),
        ("account:", "names no record"),
        ("_design/app", "no kind"),
    ] {
        let err = DocId::parse(text).unwrap_err();
        assert_eq!(err.id, text);
        assert!(err.to_string().contains(says), "{text}: {err}");
    }
}

#[test]
fn every_shared_key_is_in_one_group_and_local_keys_in_none() {
    for g in SettingsGroup::ALL {
        for key in g.keys() {
            assert_eq!(group_of(key), Some(g));
            assert!(!is_local_only(key));
        }
    }
    for key in LOCAL_ONLY {
        assert_eq!(group_of(key), None);
    }
    assert_eq!(group_of("agency_name"), Some(SettingsGroup::Agency));
    assert_eq!(group_of("tracking_start"), Some(SettingsGroup::Renewals));
    assert!(is_local_only("as_of_date"));
}

#[test]
fn a_record_becomes_a_document_and_back() {
    let record = Record::Account(account());
    let doc = to_doc(&record, Some("3-abc"), None);
    assert_eq!(doc["_id"], "account:a:1");
    assert_eq!(doc["_rev"], "3-abc");
    assert_eq!(doc["type"], "account");
    assert_eq!(doc["data"]["policies"][0]["id"], "p1");
    let read = from_doc(&doc).unwrap();
    assert_eq!(read.id, DocId::Account("a:1".into()));
    assert_eq!(read.rev.as_deref(), Some("3-abc"));
    assert_eq!(read.record, Some(record));
    assert!(to_doc(&Record::Account(account()), None, None).get("_rev").is_none());

    let mut renewal = RenewalRecord::new("a1", day(30));
    renewal.ticks.push(Tick { item: "m1:1".into(), by: "Dana".into(), on: day(2) });
    let record = Record::Renewal(renewal);
    assert_eq!(record.doc_id().to_string(), "renewal:a1@2026-11-30");
    assert_eq!(from_doc(&to_doc(&record, None, None)).unwrap().record, Some(record));
}

#[test]
fn who_changed_a_document_travels_with_it_and_a_malformed_note_of_it_is_passed_over() {
    let changed = Changed { by: "ann".into(), at: "2026-12-05T10:00:00Z".into() };
    let mut doc = to_doc(&Record::Account(account()), None, Some(&changed));
    assert_eq!(doc["changed"]["by"], "ann");
    assert_eq!(from_doc(&doc).unwrap().changed, Some(changed));
    doc["changed"] = json!({"by": 7});
    let read = from_doc(&doc).unwrap();
    assert_eq!(read.changed, None);
    assert_eq!(read.record, Some(Record::Account(account())), "the record is read all the same");
    assert_eq!(from_doc(&to_doc(&Record::Account(account()), None, None)).unwrap().changed, None);
}

#[test]
fn a_settings_group_is_an_object_of_its_settings() {
    let values: BTreeMap<String, Value> = [
        ("renewal_leads".to_string(), json!({"departments": [["CL", 90]]})),
        ("tracking_start".into(), json!("2026-01-01")),
    ]
    .into_iter()
    .collect();
    let record = Record::Settings(SettingsGroup::Renewals, values);
    let doc = to_doc(&record, None, None);
    assert_eq!(doc["_id"], "settings:renewals");
    assert_eq!(doc["data"]["tracking_start"], "2026-01-01");
    assert_eq!(from_doc(&doc).unwrap().record, Some(record));
}

#[test]
fn a_deletion_reads_back_as_no_record() {
    let id = DocId::Trainee("t1".into());
    let doc = deletion_doc(&id, "4-d");
    assert_eq!(doc, json!({"_id": "trainee:t1", "_rev": "4-d", "_deleted": true}));
    let read = from_doc(&doc).unwrap();
    assert_eq!((read.id, read.record), (id, None));
}

#[test]
fn conflicting_revisions_are_read() {
    let mut doc = to_doc(&Record::Account(account()), Some("2-b"), None);
    doc["_conflicts"] = json!(["2-a"]);
    assert_eq!(from_doc(&doc).unwrap().conflicts, ["2-a"]);
}

fn problem(doc: Value) -> String {
    from_doc(&doc).unwrap_err().to_string()
}

#[test]
fn malformed_documents_are_refused_naming_the_document_and_the_fault() {
    let good = to_doc(&Record::Account(account()), None, None);
    let mut wrong_type = good.clone();
    wrong_type["type"] = json!("trainee");
    assert!(problem(wrong_type).contains("\"account:a:1\" cannot be read: its type is \"trainee\""));

    let mut other_record = good.clone();
    other_record["_id"] = json!("account:a2");
    assert!(problem(other_record).contains("its data is the record \"a:1\""));

    let mut no_data = good.clone();
    no_data.as_object_mut().unwrap().remove("data");
    assert!(problem(no_data).contains("no \"data\""));

    let mut bad_data = good.clone();
    bad_data["data"]["policies"] = json!("none");
    let text = problem(bad_data);
    assert!(text.contains("\"account:a:1\"") && text.contains("its data is not an account"), "{text}");

    assert!(problem(json!({"type": "account"})).contains("no \"_id\""));
    assert!(problem(json!({"_id": "trainee:t1", "data": {}})).contains("no \"type\""));
    let renewal_as_trainee = json!({"_id": "trainee:t1", "type": "trainee", "data": {"id": "t1"}});
    assert!(problem(renewal_as_trainee).contains("its data is not a trainee"));
}

#[test]
fn settings_documents_hold_only_their_groups_settings_of_their_types() {
    let doc = |data: Value| json!({"_id": "settings:agency", "type": "settings", "data": data});
    assert!(problem(doc(json!({"as_of_date": "2026-01-01"}))).contains("\"as_of_date\" belongs to one browser"));
    assert!(problem(doc(json!({"advisor": {}}))).contains("belongs in \"settings:advisor\""));
    assert!(problem(doc(json!({"agency_name": 12}))).contains("\"agency_name\" is not what the app saves"));
    assert!(problem(doc(json!([]))).contains("not an object of settings"));
    let newer = from_doc(&doc(json!({"agency_name": "Harbor", "logo": "x.png"}))).unwrap();
    let Some(Record::Settings(SettingsGroup::Agency, values)) = newer.record else { panic!() };
    assert_eq!(values.len(), 2, "a key of a newer version is kept");
}
