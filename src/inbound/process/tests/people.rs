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
