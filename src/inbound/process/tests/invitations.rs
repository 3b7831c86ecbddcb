//! A pair that ends before the first meeting its introduction proposed: the invitation is
//! cancelled (`METHOD:CANCEL`, the same UID, a later SEQUENCE) in the email that goes out
//! then, or in a `meeting_cancelled` email when none does; a meeting already past is not.

use super::*;
use crate::outbound::calendar::check::{calendars, tree, with_python};

/// The first meeting of `pair` proposed to both partners, as an introduction records it.
fn proposed(w: &mut World, pair: i64, people: [i64; 2], start: DateTime<Utc>) {
    w.store
        .write(|tx| tx.propose_meeting(pair, &people, start))
        .unwrap();
}

/// The UID of the only invitation of the queued email `key`, checked by Python's
/// `icalendar` when it is there: a cancellation naming only `to`.
fn cancelled_for(w: &World, key: &str, to: &str) -> String {
    let bytes = w.store.outbox_bytes(key);
    assert_eq!(
        tree(&bytes),
        "multipart/mixed[multipart/alternative[text/plain,text/html,text/calendar;method=CANCEL],application/ics:cancel.ics]",
        "{key}"
    );
    let ics = calendars(&bytes).remove(0);
    assert!(ics.contains("METHOD:CANCEL\r\n"), "{ics}");
    assert!(ics.contains("SEQUENCE:1\r\n"), "{ics}");
    assert!(ics.contains("DTSTART:20270122T140000Z\r\n"), "{ics}");
    if let Some(read) = with_python(&ics) {
        assert_eq!(read["method"], "CANCEL");
        assert_eq!(
            read["events"][0]["attendees"],
            serde_json::json!([format!("mailto:{to}")])
        );
    }
    let uid = ics.lines().find_map(|l| l.strip_prefix("UID:")).unwrap();
    assert!(
        uid.starts_with("intro-") && uid.ends_with("@acme.example"),
        "{uid}"
    );
    uid.to_string()
}

/// Ann and Bob (and their pair), whose introduction proposed a first meeting still to come.
fn meeting_to_come() -> (World, i64, i64, i64) {
    let mut w = world();
    let (ann, bob, pair) = (w.id("ann"), w.id("bob"), w.pair);
    proposed(&mut w, pair, [ann, bob], to_come());
    (w, ann, bob, pair)
}

/// Two days after `now()`, 14:00 UTC.
fn to_come() -> DateTime<Utc> {
    at("2027-01-22T14:00:00Z")
}

#[test]
fn stop_cancels_the_meeting_to_come_in_the_partners_notice_and_in_the_answer() {
    let mut w = world();
    let (ann, bob, cy, dan) = (w.id("ann"), w.id("bob"), w.id("cy"), w.id("dan"));
    let (pair, other) = (w.pair, w.other_pair);
    proposed(&mut w, pair, [ann, bob], to_come());
    // Cy and Dan's first meeting is already past.
    proposed(&mut w, other, [cy, dan], at("2027-01-19T14:00:00Z"));

    let to = w.reply_to(pair, bob);
    w.run(&[mail("s1@x", "bob@acme.example", &to, "STOP")], now());
    let ann_notice = format!("partner-left:{pair}:{ann}");
    let uid = cancelled_for(&w, &ann_notice, "ann@acme.example");
    let text = w.text_of(&ann_notice);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("The first meeting we proposed for Friday 22 January 2027, 14:00 (Europe/London) is cancelled"),
        "{flat}"
    );
    // Bob's answer to STOP, the last email he gets, removes it from his calendar too.
    let answer = w
        .store
        .query_string("SELECT idempotency_key FROM outbox WHERE kind = 'command'");
    assert_eq!(cancelled_for(&w, &answer, "bob@acme.example"), uid);
    let text = w.text_of(&answer);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("from us. The first meeting we proposed for Friday 22 January 2027, 09:00 (America/New_York) is cancelled"),
        "{flat}"
    );
    // Taken: a meeting is cancelled once, and no longer keeps its hour busy.
    assert_eq!(
        w.count(&format!(
            "SELECT count(*) FROM proposed_meetings WHERE pair_id = {pair}"
        )),
        0
    );

    // Dan stops: the meeting is past, so Cy's notice carries no invitation.
    let to = w.reply_to(other, dan);
    w.run(&[mail("s2@x", "dan@acme.example", &to, "STOP")], now());
    let bytes = w.store.outbox_bytes(&format!("partner-left:{other}:{cy}"));
    assert_eq!(tree(&bytes), "multipart/alternative[text/plain,text/html]");
    assert!(
        !w.text_of(&format!("partner-left:{other}:{cy}"))
            .contains("cancelled")
    );
}

#[test]
fn rematch_cancels_the_meeting_for_the_partner_in_an_email_of_its_own() {
    let (mut w, ann, bob, pair) = meeting_to_come();
    let to = w.reply_to(pair, ann);
    w.run(&[mail("m1@x", "ann@acme.example", &to, "REMATCH")], now());
    // Bob, whose partner asked for another, hears of the meeting alone…
    let notice = format!("meeting-cancelled:{pair}:{bob}");
    let uid = cancelled_for(&w, &notice, "bob@acme.example");
    let text = w.text_of(&notice);
    assert!(text.contains("Your pairing with Ann has ended"), "{text}");
    // …and Ann in the answer to her REMATCH.
    let answer = w
        .store
        .query_string("SELECT idempotency_key FROM outbox WHERE kind = 'command'");
    assert_eq!(cancelled_for(&w, &answer, "ann@acme.example"), uid);
    assert!(!w.queued(&format!("meeting-cancelled:{pair}:{ann}")));
    // Both new introductions still go out, after the cancellation.
    assert_eq!(
        w.count("SELECT count(*) FROM outbox WHERE kind = 'intro'"),
        2
    );
    assert!(
        w.count(&format!(
            "SELECT min(id) FROM outbox WHERE idempotency_key = '{notice}'"
        )) < w.count("SELECT min(id) FROM outbox WHERE kind = 'intro'")
    );
}

#[test]
fn rematch_after_the_meeting_sends_no_cancellation() {
    let mut w = world();
    let (ann, bob) = (w.id("ann"), w.id("bob"));
    let pair = w.pair;
    proposed(&mut w, pair, [ann, bob], at("2027-01-20T11:30:00Z"));
    let to = w.reply_to(pair, ann);
    w.run(&[mail("m1@x", "ann@acme.example", &to, "REMATCH")], now());
    assert_eq!(
        w.count("SELECT count(*) FROM outbox WHERE kind = 'meeting_cancelled'"),
        0
    );
    let answer = w
        .store
        .query_string("SELECT idempotency_key FROM outbox WHERE kind = 'command'");
    assert!(calendars(&w.store.outbox_bytes(&answer)).is_empty());
}

#[test]
fn a_paused_partner_still_gets_the_cancellation_of_a_meeting_in_their_calendar() {
    let (mut w, ann, bob, pair) = meeting_to_come();
    let to = w.reply_to(pair, bob);
    w.run(&[mail("p1@x", "bob@acme.example", &to, "PAUSE")], now());
    assert_eq!(w.status("bob"), "paused");
    let to = w.reply_to(pair, ann);
    w.run(&[mail("m1@x", "ann@acme.example", &to, "REMATCH")], now());
    // The answer to his PAUSE, and the cancellation; not the new introduction.
    assert_eq!(
        w.sent_to("bob@acme.example", now()),
        vec!["command", "meeting_cancelled"]
    );
}

#[test]
fn someone_forgotten_is_not_named_in_the_cancellation_their_partner_gets() {
    let (mut w, ann, bob, pair) = meeting_to_come();
    let to = w.reply_to(pair, bob);
    w.run(&[mail("g1@x", "bob@acme.example", &to, "FORGET ME")], now());
    let confirm = w.confirm_to(bob);
    w.run(
        &[mail("g2@x", "bob@acme.example", &confirm, "forget me")],
        now() + Duration::hours(1),
    );
    let notice = format!("partner-left:{pair}:{ann}");
    let uid = cancelled_for(&w, &notice, "ann@acme.example");
    let ics = calendars(&w.store.outbox_bytes(&notice)).remove(0);
    assert!(!ics.contains("Bob") && !ics.contains("bob@"), "{ics}");
    // Bob's last email, the answer to his confirmed FORGET ME, cancels it for him.
    let last = w.store.query_string(
        "SELECT idempotency_key FROM outbox WHERE kind = 'command' ORDER BY id DESC LIMIT 1",
    );
    assert_eq!(cancelled_for(&w, &last, "bob@acme.example"), uid);
}
