//! What the people around a participant hear and what is recorded of them: a partner's
//! long pause, a partner mail no longer reaches, which side cancelled a missed meeting.

use super::*;

#[test]
fn the_partner_of_someone_who_pauses_for_long_is_told_the_pairing_waits() {
    let mut w = world();
    let (ann, bob, cy, dan) = (w.id("ann"), w.id("bob"), w.id("cy"), w.id("dan"));
    // Bob pauses for a month: Ann hears it, without a reason.
    let to = w.reply_to(w.pair, bob);
    w.run(
        &[mail(
            "p1@x",
            "bob@acme.example",
            &to,
            "PAUSE UNTIL 2027-02-20",
        )],
        now(),
    );
    let key = format!("partner-paused:{}:{ann}:2027-01-20", w.pair);
    let text = w.text_of(&key);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Bob is taking a break from Pilot until Saturday 20 February 2027"),
        "{flat}"
    );
    assert!(flat.contains("Your pairing goes on"), "{flat}");
    assert!(!w.queued(&format!("partner-paused:{}:{bob}:2027-01-20", w.pair)));
    // Dan pauses for three days: nobody is told.
    let to = w.reply_to(w.other_pair, dan);
    w.run(
        &[mail(
            "p2@x",
            "dan@acme.example",
            &to,
            "PAUSE UNTIL 2027-01-23",
        )],
        now(),
    );
    assert!(!w.queued(&format!("partner-paused:{}:{cy}:2027-01-20", w.other_pair)));
}

#[test]
fn a_missed_meeting_records_which_side_cancelled_and_a_meeting_after_all_is_not_a_miss() {
    let mut w = world();
    let (ann, bob) = (w.id("ann"), w.id("bob"));
    let to = w.reply_to(w.pair, ann);
    w.run(
        &[mail(
            "c1@x",
            "ann@acme.example",
            &to,
            "We did not meet: Bob had to cancel again.",
        )],
        now(),
    );
    let to = w.reply_to(w.pair, bob);
    w.run(
        &[mail(
            "c2@x",
            "bob@acme.example",
            &to,
            "We didn't meet, I had to cancel. Sorry!",
        )],
        now(),
    );
    assert_eq!(
        w.count("SELECT count(*) FROM feedback WHERE cancelled_by = 'mentee'"),
        2,
        "both say the mentee cancelled"
    );
    let to = w.reply_to(w.other_pair, w.id("cy"));
    w.run(
        &[mail(
            "c3@x",
            "cy@acme.example",
            &to,
            "Dan cancelled on Monday, then we met on Friday for 30 minutes.",
        )],
        now(),
    );
    assert_eq!(
        w.count("SELECT count(*) FROM feedback WHERE cancelled_by IS NOT NULL"),
        2,
        "a meeting after all is not a miss"
    );
}

#[test]
fn the_partner_of_someone_mail_no_longer_reaches_is_told_and_the_pair_ends() {
    let mut w = world();
    let (ann, bob) = (w.id("ann"), w.id("bob"));
    let token = w.token(w.pair, ann, Purpose::Bounce);
    let verp = |n: u32| {
        format!(
            "From: postmaster@mx.example\nTo: bounces+{token}@acme.example\nSubject: failure notice\nMessage-ID: <v{n}@mx>\n\nSomething went wrong with your mail.\n"
        )
    };
    // Two days of bounces: scored, nothing said yet.
    for (n, day) in (1..).zip(["2027-01-12T09:00:00Z", "2027-01-13T09:00:00Z"]) {
        w.run(&[verp(n)], at(day));
    }
    let told = format!("partner-left:{}:{bob}", w.pair);
    assert!(!w.queued(&told));
    // The third day disables Ann's address: Bob hears it, once, and the pair ends.
    w.run(&[verp(3)], at("2027-01-14T09:00:00Z"));
    w.run(&[verp(4)], at("2027-01-15T09:00:00Z"));
    let text = w.text_of(&told);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Emails to Ann have stopped getting through"),
        "{flat}"
    );
    assert!(flat.contains("hr@acme.example has been told"), "{flat}");
    assert!(!flat.contains("has left"), "{flat}");
    assert_eq!(
        w.count("SELECT count(*) FROM outbox WHERE kind = 'partner_left'"),
        1
    );
    assert_eq!(
        w.count(&format!(
            "SELECT count(*) FROM pairs WHERE id = {} AND status = 'ended'",
            w.pair
        )),
        1
    );
    // Ann is still a participant, not stopped: HR's `reenable` brings her back.
    assert_eq!(
        w.store
            .participant_status("ann@acme.example")
            .unwrap()
            .map(|s| s.as_str()),
        Some("active")
    ); // Our own relay refuses Dan's mailbox while he sends (the outbox disables him): Cy hears
    // it at the next pass of the reader, mail or none.
    let cy = w.id("cy");
    w.store
        .write(|tx| {
            tx.score_bounce(
                "dan@acme.example",
                1,
                "550 5.1.1",
                at("2027-01-16T09:00:00Z"),
            )
        })
        .unwrap();
    w.run(&[], at("2027-01-16T09:01:00Z"));
    assert!(w.queued(&format!("partner-left:{}:{cy}", w.other_pair)));
}

fn date(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

#[test]
fn a_side_that_cancels_twice_in_a_row_gets_one_gentle_note_and_hr_sees_the_pair() {
    let mut w = world();
    let (ann, bob) = (w.id("ann"), w.id("bob"));
    let report = |w: &mut World, id: &str, who: &str, text: &str, day: &str| {
        let to = w.reply_to(w.pair, w.id(who));
        let raw = mail(id, &format!("{who}@acme.example"), &to, text)
            .replace("Wed, 20 Jan 2027 10:00:00 +0000", &at(day).to_rfc2822());
        w.run(&[raw], at(day));
    };
    let notes = |w: &World| w.count("SELECT count(*) FROM outbox WHERE kind = 'cancelled_again'");
    report(
        &mut w,
        "m1@x",
        "ann",
        "We did not meet: Bob had to cancel.",
        "2027-01-20T10:00:00Z",
    );
    // Bob's report of the same miss two days later is the same miss.
    report(
        &mut w,
        "m2@x",
        "bob",
        "We didn't meet, I had to cancel. Sorry!",
        "2027-01-22T10:00:00Z",
    );
    assert_eq!(notes(&w), 0);
    report(
        &mut w,
        "m3@x",
        "ann",
        "Not this time either: Bob had to cancel again.",
        "2027-02-03T10:00:00Z",
    );
    assert_eq!(notes(&w), 1);
    let text = w.text_of(&format!("cancelled-again:{}:{bob}:2027-02-03", w.pair));
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Your last two meetings with Ann had to be cancelled on your side"),
        "{flat}"
    );
    assert!(flat.contains("ann@acme.example"), "{flat}");
    // HR sees Bob (the digest lists him with a word ready to send).
    let listed = w.store.repeat_cancellers().unwrap();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(
        (
            listed[0].name.as_str(),
            listed[0].email.as_str(),
            listed[0].partner.as_str()
        ),
        ("Bob Stone", "bob@acme.example", "Ann Lee")
    );
    assert_eq!(
        (listed[0].side, listed[0].times),
        (crate::config::Role::Mentee, 2)
    );
    // A third miss by Bob: no second note. A meeting ends the run, and HR's list with it.
    report(
        &mut w,
        "m4@x",
        "ann",
        "Bob cancelled once more.",
        "2027-02-17T10:00:00Z",
    );
    assert_eq!(notes(&w), 1);
    report(
        &mut w,
        "m5@x",
        "ann",
        "Met: yes\nMinutes: 30",
        "2027-03-01T10:00:00Z",
    );
    assert!(w.store.repeat_cancellers().unwrap().is_empty());
    assert!(!w.queued(&format!("cancelled-again:{}:{ann}:2027-02-03", w.pair)));
}

#[test]
fn the_words_beside_a_stop_reach_hr_only_where_quotes_are_allowed() {
    let mut w = world();
    let bob = w.id("bob");
    let to = w.reply_to(w.pair, bob);
    w.run(
        &[mail(
            "s1@x",
            "bob@acme.example",
            &to,
            "STOP\nNo time this quarter, sorry.",
        )],
        now(),
    );
    assert_eq!(w.status("bob"), "stopped");
    use crate::config::FeedbackVisibility::{Aggregate, Quotes};
    let opted_out = |w: &World, visibility| {
        let quotes = visibility == Quotes;
        w.store
            .digest_figures(
                date("2027-01-18"),
                date("2027-01-24"),
                date("2027-01-11"),
                quotes,
                21,
            )
            .unwrap()
            .opted_out
    };
    assert_eq!(
        opted_out(&w, Aggregate),
        vec![("Bob Stone".to_string(), "2027-01-20".to_string(), None)]
    );
    assert_eq!(
        opted_out(&w, Quotes)[0].2.as_deref(),
        Some("No time this quarter, sorry.")
    );
    // FORGET ME takes the words with the name.
    w.store
        .write(|tx| tx.forget_participant(bob, &|e| format!("forgotten {e}"), now()))
        .unwrap();
    assert_eq!(
        w.count("SELECT count(*) FROM participants WHERE left_words IS NOT NULL"),
        0
    );
}

#[test]
fn a_report_that_answers_a_prompt_after_the_partner_left_is_logged_on_that_pair() {
    let mut w = world();
    let (ann, bob) = (w.id("ann"), w.id("bob"));
    let to_bob = w.reply_to(w.pair, bob);
    w.run(&[mail("l1@x", "bob@acme.example", &to_bob, "STOP")], now());
    // Ann answers the prompt she had about Bob: they met before he left.
    let to_ann = w.reply_to(w.pair, ann);
    let out = w.run(&[mail("l2@x", "ann@acme.example", &to_ann, FORM)], now());
    let inbound = match &out[0] {
        Outcome::Processed { inbound, .. } => *inbound,
        other => panic!("a late report is logged: {other:?}"),
    };
    assert_eq!(
        w.count(&format!(
            "SELECT count(*) FROM sessions WHERE pair_id = {} AND minutes = 45",
            w.pair
        )),
        1
    );
    assert!(w.queued(&format!("confirm:{}:{ann}:{inbound}", w.pair)));
    // Words that are no report still find no ended pair: Ann is told to use her latest mail.
    let out = w.run(
        &[mail(
            "l3@x",
            "ann@acme.example",
            &to_ann,
            "Could you pass my thanks on to Bob?",
        )],
        now(),
    );
    assert!(matches!(out[0], Outcome::Refused { .. }), "{out:?}");
}
