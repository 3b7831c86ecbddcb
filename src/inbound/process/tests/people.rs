//! What the people around a participant hear and what is recorded of them: a partner's
//! long pause, which side cancelled a missed meeting.

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
