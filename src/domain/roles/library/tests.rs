use super::*;

#[test]
fn the_original_library_has_both_roles_and_no_problems() {
    let lib = RoleLibrary::original();
    assert_eq!(lib.roles.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["Client Manager", "Client Advocate"]);
    assert!(lib.problems().is_empty(), "{:?}", lib.problems());
    assert_eq!(lib.role("client advocate").unwrap().tasks.len(), 8);
    assert_eq!(lib.role("client-manager").unwrap().name, "Client Manager");
}

#[test]
fn a_copied_role_gets_its_own_keys_and_can_be_added() {
    let mut lib = RoleLibrary::original();
    let copy = lib.roles[0].copy_as("Senior Client Manager", "senior-cm");
    assert_eq!(copy.items().count(), lib.roles[0].items().count());
    assert!(copy.items().all(|(_, _, i)| i.key.starts_with("senior-cm-")));
    lib.put_role(copy).unwrap();
    assert!(lib.problems().is_empty());
    let again = lib.roles[0].copy_as("senior client manager", "other");
    assert!(lib.put_role(again).unwrap_err().contains("already named"));
}

#[test]
fn reset_puts_the_original_role_back_and_refuses_agency_roles() {
    let mut lib = RoleLibrary::original();
    lib.roles[1].tasks.remove(0);
    lib.roles[1].tasks[0].title = "Renamed".into();
    lib.reset_role("client-advocate").unwrap();
    assert_eq!(lib, RoleLibrary::original());
    let copy = lib.roles[0].copy_as("Copy", "copy");
    lib.put_role(copy).unwrap();
    assert!(lib.reset_role("copy").is_err());
}

#[test]
fn role_files_round_trip_and_bad_files_are_explained() {
    let lib = RoleLibrary::original();
    let text = role_file(&lib.roles[1]);
    assert_eq!(read_role_file(&text).unwrap(), lib.roles[1]);
    assert!(read_role_file("not json").unwrap_err().contains("not valid JSON"));
    assert!(read_role_file(r#"{"format":"agency-desk-backup"}"#).unwrap_err().contains("not a role file"));
    let newer = text.replacen("\"version\": 1", "\"version\": 9", 1);
    assert!(read_role_file(&newer).unwrap_err().contains("newer version"));
    let mut blank = lib.roles[1].clone();
    blank.tasks[0].levels.new.items[0].text = " ".into();
    assert!(read_role_file(&role_file(&blank)).unwrap_err().contains("an item is blank"));
}

const LEAD_IN: &str =
    "Has knowledge of exposures, state rules and laws, which is foundational in the following three behaviors:";

#[test]
fn a_lead_in_line_is_the_context_of_the_items_after_it_not_an_item() {
    let lib = RoleLibrary::original();
    let audits = &lib.role("Client Advocate").unwrap().tasks[1];
    let part = &audits.levels.exceeding;
    assert_eq!(part.items.len(), 4);
    assert!(part.items.iter().all(|i| !is_lead_in(&i.text)));
    assert_eq!(part.items[0].context, None);
    assert!(part.items[1..].iter().all(|i| i.context.as_deref() == Some(LEAD_IN)));
    let runs = part.runs();
    assert_eq!(runs.iter().map(|(c, r)| (c.is_some(), r.len())).collect::<Vec<_>>(), [(false, 1), (true, 3)]);
    // No bundled item is a lead-in.
    assert!(lib.roles.iter().flat_map(|r| r.items()).all(|(_, _, i)| !is_lead_in(&i.text)));
}

#[test]
fn a_library_stored_with_the_lead_in_as_an_item_reads_as_the_current_one() {
    let lib = RoleLibrary::original();
    let mut stored = serde_json::to_value(&lib).unwrap();
    let items = stored["roles"][1]["tasks"][1]["levels"]["exceeding"]["items"].as_array_mut().unwrap();
    for i in items.iter_mut() {
        i.as_object_mut().unwrap().remove("context");
    }
    items.insert(1, serde_json::json!({"key": "ca-2-exceeding-2", "text": LEAD_IN}));
    // Earlier libraries also spelled the agency out.
    let why = stored["roles"][0]["tasks"][1]["why"].as_str().unwrap().replace(AGENCY, "Christensen Group");
    stored["roles"][0]["tasks"][1]["why"] = why.into();
    let read: RoleLibrary = serde_json::from_value(stored.clone()).unwrap();
    assert_eq!(read, lib);
    // The same through a role file.
    let file = serde_json::json!({"format": ROLE_FILE_FORMAT, "version": 1, "role": stored["roles"][1]});
    assert_eq!(read_role_file(&file.to_string()).unwrap(), lib.roles[1]);
    // A colon on a level's last line introduces nothing: it stays an item.
    let mut role = lib.roles[0].clone();
    role.tasks[0].levels.new.items.push(Item::new("x-1", "Ask about:"));
    role.tidy();
    assert_eq!(role.tasks[0].levels.new.items.last().unwrap().text, "Ask about:");
    // Tidying twice changes nothing.
    let once = role.clone();
    role.tidy();
    assert_eq!(role, once);
}

#[test]
fn trainees_read_their_own_agency_name_or_a_neutral_one() {
    let lib = RoleLibrary::original();
    let all_text = |r: &Role| serde_json::to_string(r).unwrap();
    for role in &lib.roles {
        let text = all_text(role);
        assert!(!text.contains("Christensen") && !text.contains(" CG "), "{}", role.name);
    }
    let cm = lib.role("Client Manager").unwrap();
    assert!(cm.tasks[1].why.starts_with("{agency} wins business"));
    let ours = cm.for_agency(Some("Lakeside Insurance"));
    assert!(ours.tasks[1].why.starts_with("Lakeside Insurance wins business"));
    let neutral = cm.for_agency(None);
    assert!(neutral.tasks[1].why.starts_with("The agency wins business"));
    assert_eq!(cm.for_agency(Some("  ")), neutral);
    let ca = lib.role("Client Advocate").unwrap().for_agency(Some("Lakeside Insurance"));
    assert_eq!(
        ca.tasks[3].levels.exceeding.items[2].text,
        "Educating clients when to reach out to Lakeside Insurance and when to solve their own issues"
    );
    assert!(ca.core[3].contains("during Lakeside Insurance business hours"));
    assert!(
        ca.tasks[4].why.contains("received into Lakeside Insurance.")
            && ca.tasks[4].why.contains("dollars to Lakeside Insurance and")
    );
    let neutral_ca = lib.role("Client Advocate").unwrap().for_agency(None);
    assert!(neutral_ca.tasks[4].levels.meeting.items[1].text.contains("when does the agency file surplus tax"));
    assert!(!all_text(&ca).contains(AGENCY) && !all_text(&neutral_ca).contains(AGENCY));
    // Keys and structure are untouched.
    assert_eq!(
        ca.items().map(|(_, _, i)| &i.key).collect::<Vec<_>>(),
        lib.roles[1].items().map(|(_, _, i)| &i.key).collect::<Vec<_>>()
    );
}

#[test]
fn the_source_name_is_replaced_as_a_word_only() {
    assert_eq!(mark_agency("Explained the CGL forms to CG."), "Explained the CGL forms to {agency}.");
    assert_eq!(mark_agency("CG files, as Christensen Group does"), "{agency} files, as {agency} does");
    assert_eq!(name_agency("Done. {agency} pays; ask {agency}", "the agency"), "Done. The agency pays; ask the agency");
    assert_eq!(name_agency("No name here", "x"), "No name here");
}

#[test]
fn problems_name_blank_text_and_repeated_keys() {
    let mut role = RoleLibrary::original().roles[0].clone();
    role.tasks[1].title.clear();
    let dup = role.tasks[0].levels.new.items[0].clone();
    role.tasks[0].levels.meeting.items.push(dup);
    let problems = role.problems();
    assert!(problems.iter().any(|p| p.contains("task 2: the title is blank")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("used twice")), "{problems:?}");
}

#[test]
fn a_file_stem_keeps_lower_case_letters_and_digits_joined_by_single_hyphens() {
    assert_eq!(file_stem("Client Advocate"), "client-advocate");
    assert_eq!(file_stem("  CSR / Level 2 -- Personal  "), "csr-level-2-personal");
    assert_eq!(file_stem("Gérant (PL)"), "g-rant-pl", "a letter outside ASCII is a separator");
    assert_eq!(file_stem("***"), "");
}
