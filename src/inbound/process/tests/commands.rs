//! A person's commands and leaving: PAUSE, SKIP, STOP (by mail, by click, by an empty mail
//! to the unsubscribe address), REMATCH and FORGET ME, and what the partner hears.

use super::*;
#[test]
fn pause_until_a_day_answers_and_ends_by_itself_at_a_later_batch() {
    let mut w = world();
    let ann = w.id("ann");
    let to = w.reply_to(w.pair, ann);
    let out = w.run(
        &[mail(
            "p1@x",
            "ann@acme.example",
            &to,
            "PAUSE UNTIL 2027-02-01",
        )],
        now(),
    );
    let Outcome::Processed { inbound, .. } = out[0] else {
        panic!("{out:?}");
    };
    assert_eq!(w.status("ann"), "paused");
    assert!(w.queued(&format!("command:{ann}:{inbound}")));
    w.run(&[], at("2027-01-31T23:00:00Z"));
    assert_eq!(w.status("ann"), "paused");
    assert!(!w.queued(&format!("pause-ended:{ann}:2027-02-01")));
    w.run(&[], at("2027-02-01T06:00:00Z"));
    assert_eq!(w.status("ann"), "active");
    // Ann is told her pause is over, once.
    let told = w.text_of(&format!("pause-ended:{ann}:2027-02-01"));
    assert!(told.contains("Hello Ann"), "{told}");
    assert!(told.contains("Monday 1 February 2027"), "{told}");
    w.run(&[], at("2027-02-01T07:00:00Z"));
    assert_eq!(
        w.count("SELECT count(*) FROM outbox WHERE kind = 'pause_ended'"),
        1
    );
}

#[test]
fn skip_is_recorded_for_the_prompt_job() {
    let mut w = world();
    let bob = w.id("bob");
    let to = w.reply_to(w.pair, bob);
    w.run(&[mail("k1@x", "bob@acme.example", &to, "skip")], now());
    assert_eq!(w.store.open_skips(bob).unwrap(), 1);
    let monday = NaiveDate::from_ymd_opt(2027, 1, 25).unwrap();
    assert!(
        w.store
            .write(|tx| tx.take_prompt_skip(bob, monday))
            .unwrap()
    );
    assert_eq!(w.store.open_skips(bob).unwrap(), 0);
}

/// Bob's pair with Ann has ended and Ann, left alone, is paired with Fay, the one free
/// mentee, whose introduction is queued.
fn ann_is_paired_with_fay(w: &World) {
    let active = w.store.active_pairs().unwrap();
    assert!(active.iter().all(|p| p.id != w.pair));
    let new = active
        .iter()
        .find(|p| p.mentor == "ann@acme.example")
        .unwrap();
    assert_eq!(new.mentee, "fay@acme.example");
    assert!(w.queued(&format!("intro:1:{}", new.id)));
}

#[test]
fn stop_ends_the_pair_and_gives_the_partner_someone_free() {
    let mut w = world();
    let bob = w.id("bob");
    let to = w.reply_to(w.pair, bob);
    w.run(&[mail("t1@x", "bob@acme.example", &to, "STOP")], now());
    assert_eq!(w.status("bob"), "stopped");
    ann_is_paired_with_fay(&w);
    assert_eq!(w.store.count_events("pair_ended").unwrap(), 1);
    // A later report from Bob on the old thread is the ended pair's, logged late (the
    // meeting happened); nothing but the answer to STOP goes to him.
    let out = w.run(&[mail("t2@x", "bob@acme.example", &to, FORM)], now());
    assert!(matches!(out[0], Outcome::Processed { .. }), "{out:?}");
    assert_eq!(
        w.count(&format!(
            "SELECT count(*) FROM feedback WHERE pair_id = {} AND participant_id = {bob}",
            w.pair
        )),
        1
    );
    assert_eq!(w.sent_to("bob@acme.example", now()), vec!["command"]);
}

#[test]
fn stop_and_rematch_asked_in_sentences_change_nothing_until_the_word_is_written() {
    let mut w = world();
    let bob = w.id("bob");
    let to = w.reply_to(w.pair, bob);
    let asks = [
        (
            "a1@x",
            "Hi,\n\nPlease unsubscribe me, my contract ends on Friday.\n\nBob",
        ),
        (
            "a2@x",
            "Could I get a new partner? Our calendars never line up.",
        ),
    ];
    for (id, text) in asks {
        let out = w.run(&[mail(id, "bob@acme.example", &to, text)], now());
        assert!(matches!(out[0], Outcome::Processed { .. }), "{out:?}");
    }
    assert_eq!(w.status("bob"), "active");
    assert_eq!(w.store.count_events("pair_ended").unwrap(), 0);
    assert_eq!(
        w.count("SELECT count(*) FROM outbox WHERE kind = 'command'"),
        2
    );
    let key = |n: usize| {
        w.store.query_string(&format!(
            "SELECT idempotency_key FROM outbox WHERE kind = 'command' ORDER BY id LIMIT 1 OFFSET {n}"
        ))
    };
    let keys = [key(0), key(1)];
    let flat = |key: &str| {
        w.text_of(key)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let stop = flat(&keys[0]);
    assert!(
        stop.contains("asking to leave Pilot. Nothing has changed yet")
            && stop.contains("reply with STOP alone on the first line"),
        "{stop}"
    );
    let rematch = flat(&keys[1]);
    assert!(
        rematch.contains("reply with REMATCH alone on the first line"),
        "{rematch}"
    );
    // The word itself does it.
    w.run(&[mail("a3@x", "bob@acme.example", &to, "STOP")], now());
    assert_eq!(w.status("bob"), "stopped");
}

#[test]
fn a_pause_asked_for_inside_a_report_is_logged_as_a_report_and_its_confirmation_says_how() {
    let mut w = world();
    let bob = w.id("bob");
    let to = w.reply_to(w.pair, bob);
    let text = "We met yesterday for 40 minutes. Also, please pause my reminders until 15 March, I am on leave.";
    let out = w.run(&[mail("p1@x", "bob@acme.example", &to, text)], now());
    assert!(matches!(out[0], Outcome::Processed { .. }), "{out:?}");
    assert_eq!(w.status("bob"), "active");
    assert_eq!(
        w.count("SELECT count(*) FROM sessions WHERE minutes = 40"),
        1
    );
    let key = w
        .store
        .query_string("SELECT idempotency_key FROM outbox WHERE kind = 'confirmation' LIMIT 1");
    let flat = w
        .text_of(&key)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        flat.contains("You also asked for a pause: a report does not do that by itself. To do it, reply with PAUSE UNTIL 2027-03-15 alone on the first line."),
        "{flat}"
    );
}

#[test]
fn an_unsubscribe_click_is_a_stop_without_an_email_and_counts_once() {
    let mut w = world();
    let bob = w.id("bob");
    let request = "one-click.tok.20270111@acme.example";
    let first = w
        .ingest
        .unsubscribe_click(&mut w.store, bob, request, now())
        .unwrap();
    let Clicked::Done { inbound } = first else {
        panic!("{first:?}");
    };
    assert_eq!(w.status("bob"), "stopped");
    // STOP's rule: the pair ends, Ann is paired with Fay, STOP's answer goes to Bob.
    ann_is_paired_with_fay(&w);
    assert!(w.queued(&format!("command:{bob}:{inbound}")));
    assert_eq!(
        w.count(&format!(
            "SELECT count(*) FROM inbound WHERE id = {inbound} AND source = 'one-click'
             AND classification = 'command' AND status = 'processed' AND raw IS NULL"
        )),
        1
    );
    // The same request again changes nothing; someone unknown is said to be gone.
    assert_eq!(
        w.ingest
            .unsubscribe_click(&mut w.store, bob, request, now())
            .unwrap(),
        Clicked::Again
    );
    assert_eq!(
        w.count("SELECT count(*) FROM outbox WHERE kind = 'command'"),
        1
    );
    assert_eq!(
        w.ingest
            .unsubscribe_click(
                &mut w.store,
                999,
                "one-click.x.20270111@acme.example",
                now()
            )
            .unwrap(),
        Clicked::Unknown
    );
}

#[test]
fn the_partner_of_someone_who_leaves_is_told_what_comes_next_without_a_reason() {
    let mut w = world();
    let (ann, bob, cy, dan) = (w.id("ann"), w.id("bob"), w.id("cy"), w.id("dan"));
    // Bob stops: Ann hears it by name, and that her new partner (Fay) is introduced.
    let to = w.reply_to(w.pair, bob);
    w.run(&[mail("t1@x", "bob@acme.example", &to, "STOP")], now());
    let ann_hears = w.text_of(&format!("partner-left:{}:{ann}", w.pair));
    assert!(ann_hears.contains("Bob has left"), "{ann_hears}");
    assert!(ann_hears.contains("new partner already"), "{ann_hears}");
    assert!(
        !ann_hears.contains("STOP"),
        "no reason is given: {ann_hears}"
    );
    // The introduction says it is a new partner to Ann, and not to Fay, new to the program.
    let intro = w
        .store
        .query_i64("SELECT id FROM outbox WHERE kind = 'intro' AND instr(recipient, 'ann@') > 0");
    let key = w.store.query_string(&format!(
        "SELECT idempotency_key FROM outbox WHERE id = {intro}"
    ));
    let text = w.text_of(&key);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Ann, this is a new partner for you."),
        "{flat}"
    );
    assert!(!flat.contains("Fay, this is a new partner"), "{flat}");
    // Dan stops too: nobody is free for Cy and this program has one round, so Cy is told
    // that no round is left and whom to write to.
    let to = w.reply_to(w.other_pair, dan);
    w.run(&[mail("t2@x", "dan@acme.example", &to, "STOP")], now());
    let cy_hears = w.text_of(&format!("partner-left:{}:{cy}", w.other_pair));
    assert!(cy_hears.contains("Dan has left"), "{cy_hears}");
    assert!(cy_hears.contains("No pairing round is left"), "{cy_hears}");
    assert!(
        cy_hears.contains("coordinator@acme.example") || cy_hears.contains("write to"),
        "{cy_hears}"
    );
    // Bob, who left, is told nothing about anyone.
    assert!(!w.queued(&format!("partner-left:{}:{bob}", w.pair)));
}

#[test]
fn the_partner_of_someone_forgotten_is_told_without_their_name() {
    let mut w = world();
    let (ann, bob) = (w.id("ann"), w.id("bob"));
    let to = w.reply_to(w.pair, bob);
    w.run(&[mail("g1@x", "bob@acme.example", &to, "FORGET ME")], now());
    let confirm = w.confirm_to(bob);
    w.run(
        &[mail("g2@x", "bob@acme.example", &confirm, "forget me")],
        now() + Duration::days(1),
    );
    assert_eq!(w.status("ann"), "active");
    let ann_hears = w.text_of(&format!("partner-left:{}:{ann}", w.pair));
    assert!(ann_hears.contains("Your partner has left"), "{ann_hears}");
    assert!(!ann_hears.contains("Bob"), "{ann_hears}");
}

#[test]
fn rematch_ends_the_pair_and_pairs_both_with_people_who_are_free() {
    let mut w = world();
    let ann = w.id("ann");
    let to = w.reply_to(w.pair, ann);
    w.run(&[mail("m1@x", "ann@acme.example", &to, "REMATCH")], now());
    let active = w.store.active_pairs().unwrap();
    let pairs: Vec<(&str, &str)> = active
        .iter()
        .map(|p| (p.mentor.as_str(), p.mentee.as_str()))
        .collect();
    assert!(
        pairs.contains(&("ann@acme.example", "fay@acme.example")),
        "{pairs:?}"
    );
    assert!(
        pairs.contains(&("eve@acme.example", "bob@acme.example")),
        "{pairs:?}"
    );
    assert!(pairs.contains(&("cy@acme.example", "dan@acme.example")));
    assert_eq!(w.status("ann"), "active");
    assert_eq!(w.store.count_events("rematch").unwrap(), 1);
    assert_eq!(
        w.count("SELECT count(*) FROM outbox WHERE kind = 'intro'"),
        2
    );
    let _ = w.other_pair;
}

#[test]
fn forget_me_asks_first_then_erases_on_confirmation() {
    let mut w = world();
    let bob = w.id("bob");
    let to = w.reply_to(w.pair, bob);
    w.run(
        &[mail(
            "r1@x",
            "bob@acme.example",
            &to,
            "Met: yes\nRating: 5\nNotes: my words",
        )],
        now(),
    );
    w.run(&[mail("g1@x", "bob@acme.example", &to, "FORGET ME")], now());
    assert_eq!(
        w.status("bob"),
        "active",
        "nothing happens before the confirmation"
    );
    assert!(w.queued(&format!("challenge:{bob}:1")));
    // A second FORGET ME from the address (anyone can write one) is no confirmation: only
    // a reply to the email that asked, which only Bob's mailbox got, is.
    w.run(
        &[mail("g2@x", "bob@acme.example", &to, "FORGET ME")],
        now() + Duration::days(1),
    );
    assert_eq!(w.status("bob"), "active");
    let confirm = w.confirm_to(bob);
    w.run(
        &[mail("g3@x", "bob@acme.example", &confirm, "forget me")],
        now() + Duration::days(2),
    );

    assert_eq!(
        w.count("SELECT count(*) FROM participants WHERE email = 'bob@acme.example'"),
        0
    );
    assert_eq!(
        w.count(
            "SELECT count(*) FROM participants WHERE status = 'forgotten' AND name NOT LIKE '%Bob%'"
        ),
        1
    );
    assert_eq!(
        w.count("SELECT count(*) FROM feedback WHERE notes IS NOT NULL"),
        0
    );
    assert_eq!(
        w.count("SELECT count(*) FROM inbound WHERE raw IS NOT NULL OR sender IS NOT NULL"),
        0
    );
    assert_eq!(
        w.count("SELECT ratings FROM totals"),
        1,
        "anonymous counts stay"
    );
    // The final answer is queued to the address as it was.
    assert_eq!(
        w.count(
            "SELECT count(*) FROM outbox WHERE kind = 'command' AND recipient = 'bob@acme.example'"
        ),
        1
    );
}

#[test]
fn a_late_forget_me_confirmation_only_asks_again() {
    let mut w = world();
    let bob = w.id("bob");
    let to = w.reply_to(w.pair, bob);
    w.run(&[mail("g1@x", "bob@acme.example", &to, "FORGET ME")], now());
    let confirm = w.confirm_to(bob);
    w.run(
        &[mail("g2@x", "bob@acme.example", &confirm, "FORGET ME")],
        now() + Duration::days(8),
    );
    assert_eq!(w.status("bob"), "active");
    assert_eq!(
        w.count("SELECT count(*) FROM confirmations WHERE state = 'waiting'"),
        1,
        "the lapsed request is not answered"
    );
    assert!(w.queued(&format!("command:{bob}:2")), "told it lapsed");
}

#[test]
fn an_empty_mail_to_the_unsubscribe_address_stops() {
    let mut w = world();
    let dan = w.id("dan");
    let to = format!(
        "mentoring+{}@acme.example",
        w.token(w.other_pair, dan, Purpose::Unsubscribe)
    );
    let raw =
        format!("From: dan@acme.example\nTo: {to}\nSubject: unsubscribe\nMessage-ID: <u1@x>\n\n");
    let out = w.run(&[raw], now());
    assert!(
        matches!(&out[0], Outcome::Processed { kind, .. } if kind.to_string() == "command"),
        "{out:?}"
    );
    assert_eq!(w.status("dan"), "stopped");
}
