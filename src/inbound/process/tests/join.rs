//! Joining by email: a JOIN from someone new, its form, and the coordinator's signed
//! APPROVE or DECLINE.

use super::*;

const JOIN: &str = "JOIN\nRole: mentor\nDepartment: Customer Care\nLevel: 2\nTeaches: AI tools; short video\nLearns: career\nLanguages: English\nTime zone: Europe/Paris\nHours: 09:00-17:30\n";

impl World {
    /// The reply address of join request `request`, as the coordinator's email gives it.
    fn join_to(&self, request: i64) -> String {
        format!(
            "mentoring+{}@acme.example",
            self.token(request, 0, Purpose::Join)
        )
    }

    fn request(&self) -> i64 {
        self.count("SELECT coalesce(max(id), 0) FROM join_requests")
    }

    fn outbox(&self) -> i64 {
        self.count("SELECT count(*) FROM outbox")
    }

    fn drafts_and_outbox(&self) -> i64 {
        self.outbox() + self.count("SELECT count(*) FROM drafts")
    }
}

/// Kim writes JOIN; no mail server vouches for her address, so the request waits for her
/// to confirm it.
fn kim_asks(w: &mut World) -> i64 {
    let out = w.run(
        &[mail(
            "j1@x",
            "Kim Park <kim@acme.example>",
            "mentoring@acme.example",
            JOIN,
        )],
        now(),
    );
    assert!(
        matches!(&out[0], Outcome::Processed { kind, .. } if kind.to_string() == "join"),
        "{out:?}"
    );
    w.request()
}

/// Kim asks, then confirms from her mailbox: the request is with the coordinator.
fn kim_joins(w: &mut World) -> i64 {
    let request = kim_asks(w);
    let to = w.join_to(request);
    let out = w.run(
        &[mail(
            "j1c@x",
            "kim@acme.example",
            &to,
            "Yes\n\n> Did you ask to join?",
        )],
        now(),
    );
    assert!(
        matches!(&out[0], Outcome::Processed { kind, .. } if kind.to_string() == "join_decision"),
        "{out:?}"
    );
    request
}

#[test]
fn a_join_no_server_vouches_for_waits_until_its_sender_confirms_it() {
    let mut w = world();
    let request = kim_asks(&mut w);
    assert_eq!(
        w.count("SELECT count(*) FROM join_requests WHERE status = 'unconfirmed'"),
        1
    );
    assert!(
        !w.queued(&format!("join-request:{request}")),
        "HR sees nothing yet"
    );
    let asked = w.text_of(&format!("join-confirm:{request}"));
    let flat = asked.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("reply to this email with YES"), "{flat}");
    let head = String::from_utf8_lossy(&w.store.outbox_bytes(&format!("join-confirm:{request}")))
        .replace("\r\n ", " ");
    assert!(
        head.contains("To: \"Kim Park\" <kim@acme.example>"),
        "{head}"
    );
    // A YES from anyone else, or the coordinator's APPROVE, confirms nothing.
    let to = w.join_to(request);
    w.run(
        &[
            mail("f1@x", "eve@acme.example", &to, "YES"),
            mail("f2@x", "hr@acme.example", &to, "APPROVE"),
            mail("f3@x", "kim@acme.example", &to, "No, that was not me"),
        ],
        now(),
    );
    assert_eq!(
        w.count("SELECT count(*) FROM join_requests WHERE status = 'unconfirmed'"),
        1
    );
    assert_eq!(
        w.count("SELECT count(*) FROM participants WHERE email = 'kim@acme.example'"),
        0
    );
    // Kim's own YES sends it to the coordinator.
    w.run(&[mail("f4@x", "kim@acme.example", &to, "yes")], now());
    assert!(w.queued(&format!("join-request:{request}")));
}

#[test]
fn a_join_the_organisations_server_vouches_for_goes_to_the_coordinator_at_once() {
    let mut w = world();
    w.trust_mx();
    let vouched = format!(
        "Authentication-Results: mx.acme.example; dkim=pass header.d=acme.example; dmarc=pass header.from=acme.example\n{}",
        mail(
            "v1@x",
            "Kim Park <kim@acme.example>",
            "mentoring@acme.example",
            JOIN
        )
    );
    w.run(&[vouched], now());
    let request = w.request();
    assert!(w.queued(&format!("join-request:{request}")));
    assert!(!w.queued(&format!("join-confirm:{request}")));
}

#[test]
fn a_complete_join_asks_the_coordinator_and_tells_the_person_it_went_to_hr() {
    let mut w = world();
    let request = kim_joins(&mut w);
    assert_eq!(
        w.count("SELECT count(*) FROM join_requests WHERE status = 'pending' AND email = 'kim@acme.example' AND name = 'Kim Park' AND department = 'Customer Care' AND inbound_id IS NOT NULL"),
        1
    );
    let key = format!("join-request:{request}");
    let asked = w.text_of(&key);
    assert!(
        asked.contains("Kim Park <kim@acme.example> wrote JOIN"),
        "{asked}"
    );
    assert!(asked.contains("Teaches: AI tools; short video"), "{asked}");
    let flat = asked.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("reply to this email with APPROVE"), "{asked}");
    let head = String::from_utf8_lossy(&w.store.outbox_bytes(&key)).replace("\r\n ", " ");
    assert!(head.contains("To: hr@acme.example"), "{head}");
    assert!(
        head.contains(&w.join_to(request)),
        "the reply address names the request: {head}"
    );
    let answered = w.text_of(&format!(
        "command:0:{}",
        w.count("SELECT max(id) FROM inbound")
    ));
    let answered = answered.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        answered.contains("Your request went to the coordinator"),
        "{answered}"
    );
    assert!(
        !answered.contains("PAUSE"),
        "a stranger has no commands: {answered}"
    );
    // Nobody was made a participant yet.
    assert_eq!(
        w.count("SELECT count(*) FROM participants WHERE email = 'kim@acme.example'"),
        0
    );
    // The same JOIN again the same day: no second request, no second answer.
    let before = w.outbox();
    w.run(
        &[mail(
            "j2@x",
            "kim@acme.example",
            "mentoring@acme.example",
            JOIN,
        )],
        now(),
    );
    assert_eq!(w.count("SELECT count(*) FROM join_requests"), 1);
    assert_eq!(w.outbox(), before);
}

#[test]
fn an_incomplete_join_is_answered_with_the_fields_it_lacks_and_the_form() {
    let mut w = world();
    let out = w.run(
        &[mail(
            "j1@x",
            "Kim Park <kim@acme.example>",
            "mentoring@acme.example",
            "join\nRole: boss\nLevel: 2\nLearns: career\n",
        )],
        now(),
    );
    let Outcome::Processed { inbound, .. } = &out[0] else {
        panic!("{out:?}");
    };
    assert_eq!(w.count("SELECT count(*) FROM join_requests"), 0);
    let text = w.text_of(&format!("command:0:{inbound}"));
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("- Department: missing"), "{flat}");
    assert!(
        flat.contains("- Role: “boss” cannot be used: write it as the example"),
        "{flat}"
    );
    assert!(!flat.contains("- Level"), "{flat}");
    assert!(
        flat.contains("Time zone: Europe/London"),
        "the blank form: {flat}"
    );
    assert_eq!(
        w.count("SELECT count(*) FROM outbox WHERE kind = 'join_request'"),
        0
    );
}

#[test]
fn the_coordinators_signed_approve_makes_a_participant_and_welcomes_them_once() {
    let mut w = world();
    let request = kim_joins(&mut w);
    let to = w.join_to(request);
    let notify = Arc::new(tokio::sync::Notify::new());
    w.ingest = std::mem::replace(
        &mut w.ingest,
        Ingest::with_composer(Composer::with_key(
            config(),
            Templates::builtin().unwrap(),
            w.key.clone(),
        )),
    )
    .on_join(Arc::clone(&notify));
    let out = w.run(
        &[mail(
            "a1@x",
            "HR <HR@acme.example>",
            &to,
            "Approve\n\n> Kim Park wrote JOIN",
        )],
        now(),
    );
    assert!(
        matches!(&out[0], Outcome::Processed { kind, .. } if kind.to_string() == "join_decision"),
        "{out:?}"
    );
    assert_eq!(w.status("kim"), "active");
    assert_eq!(
        w.count("SELECT count(*) FROM join_requests WHERE status = 'approved' AND decided_by = 'hr@acme.example' AND decision_inbound_id IS NOT NULL"),
        1
    );
    let welcome = w.text_of(&format!("join-approved:{request}"));
    let welcome = welcome.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(welcome.contains("Welcome to Pilot"), "{welcome}");
    assert!(
        welcome.contains("usually within the day"),
        "rounds were made: {welcome}"
    );
    // The daemon is woken to pair them.
    assert!(
        futures_ready(notify.notified()),
        "the approval wakes the daemon"
    );
    // The program's participants now include Kim, as the daemon's reload gives them.
    let mut merged = (*config()).clone();
    assert_eq!(
        merged.add_joiners(
            w.store
                .approved_joiners(merged.program.person_defaults())
                .unwrap()
        ),
        1
    );
    assert!(
        merged
            .participants
            .iter()
            .any(|p| p.email == "kim@acme.example" && p.offers == ["AI tools", "short video"])
    );
    // Approving twice is harmless: nothing changes, nothing more is sent.
    let before = w.drafts_and_outbox();
    let out = w.run(&[mail("a2@x", "hr@acme.example", &to, "APPROVE")], now());
    assert!(matches!(&out[0], Outcome::Refused { .. }), "{out:?}");
    assert_eq!(w.drafts_and_outbox(), before);
    assert_eq!(
        w.count("SELECT count(*) FROM participants WHERE email = 'kim@acme.example'"),
        1
    );
}

/// Whether a future is ready at its first poll.
fn futures_ready<F: std::future::Future>(f: F) -> bool {
    let mut f = std::pin::pin!(f);
    let waker = std::task::Waker::noop();
    let mut cx = std::task::Context::from_waker(waker);
    f.as_mut().poll(&mut cx).is_ready()
}

#[test]
fn a_declined_join_is_told_kindly_with_hrs_words_and_nothing_else() {
    let mut w = world();
    let request = kim_joins(&mut w);
    let to = w.join_to(request);
    w.run(
        &[mail(
            "d1@x",
            "hr@acme.example",
            &to,
            "DECLINE the program is full this term\n\n> quoted form",
        )],
        now(),
    );
    assert_eq!(
        w.count("SELECT count(*) FROM join_requests WHERE status = 'declined' AND reason = 'the program is full this term'"),
        1
    );
    assert_eq!(
        w.count("SELECT count(*) FROM participants WHERE email = 'kim@acme.example'"),
        0
    );
    let text = w.text_of(&format!("join-declined:{request}"));
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Hello Kim,"), "{flat}");
    assert!(
        flat.contains("The coordinator's words: the program is full this term"),
        "{flat}"
    );
    // An approval after the decline changes nothing.
    w.run(&[mail("d2@x", "hr@acme.example", &to, "APPROVE")], now());
    assert_eq!(
        w.count("SELECT count(*) FROM participants WHERE email = 'kim@acme.example'"),
        0
    );
    assert!(!w.queued(&format!("join-approved:{request}")));
}

#[test]
fn a_decline_without_words_gives_no_reason() {
    let mut w = world();
    let request = kim_joins(&mut w);
    let to = w.join_to(request);
    w.run(&[mail("d1@x", "hr@acme.example", &to, "decline")], now());
    let text = w.text_of(&format!("join-declined:{request}"));
    assert!(!text.contains("The coordinator's words"), "{text}");
    assert!(text.contains("This time we cannot add you"), "{text}");
}

#[test]
fn a_forged_token_or_another_sender_approves_nothing_and_sends_nothing() {
    let mut w = world();
    let request = kim_joins(&mut w);
    let before = w.drafts_and_outbox();
    // Kim answers her own request's email address (she guessed or saw it): not the coordinator.
    let to = w.join_to(request);
    let out = w.run(&[mail("f1@x", "kim@acme.example", &to, "APPROVE")], now());
    assert!(matches!(&out[0], Outcome::Refused { .. }), "{out:?}");
    // A participant tries it too.
    w.run(&[mail("f2@x", "ann@acme.example", &to, "APPROVE")], now());
    // The coordinator's address on a token signed with another key.
    let forged = format!(
        "mentoring+{}@acme.example",
        TokenKey::new("another key").sign(TokenClaims {
            pair: request as u64,
            person: 0,
            purpose: Purpose::Join,
        })
    );
    w.run(
        &[mail("f3@x", "hr@acme.example", &forged, "APPROVE")],
        now(),
    );
    // The coordinator's address on a token of another purpose naming the request's id.
    let other = format!(
        "mentoring+{}@acme.example",
        w.token(request, 0, Purpose::Command)
    );
    w.run(&[mail("f4@x", "hr@acme.example", &other, "APPROVE")], now());
    assert_eq!(
        w.count("SELECT count(*) FROM join_requests WHERE status = 'pending'"),
        1
    );
    assert_eq!(
        w.count("SELECT count(*) FROM participants WHERE email = 'kim@acme.example'"),
        0
    );
    assert_eq!(w.drafts_and_outbox(), before, "nothing sent");
    assert_eq!(
        w.count("SELECT count(*) FROM inbound WHERE message_id IN ('f1@x', 'f2@x') AND status = 'refused'"),
        2
    );
}

#[test]
fn an_auto_reply_or_a_strangers_domain_joins_nothing_and_hears_nothing() {
    let mut w = world();
    let auto = mail("x1@x", "kim@acme.example", "mentoring@acme.example", JOIN)
        .replace("Subject:", "Auto-Submitted: auto-replied\nSubject:");
    let elsewhere = mail(
        "x2@x",
        "kim@elsewhere.example",
        "mentoring@acme.example",
        JOIN,
    );
    let out = w.run(&[auto, elsewhere], now());
    assert!(
        !matches!(&out[0], Outcome::Processed { kind, .. } if kind.to_string() == "join"),
        "{out:?}"
    );
    assert!(matches!(&out[1], Outcome::Refused { .. }), "{out:?}");
    assert_eq!(w.count("SELECT count(*) FROM join_requests"), 0);
    assert_eq!(w.drafts_and_outbox(), 0);
}

#[test]
fn a_participants_join_is_answered_that_they_take_part_already() {
    let mut w = world();
    let out = w.run(
        &[mail(
            "p1@x",
            "eve@acme.example",
            "mentoring@acme.example",
            JOIN,
        )],
        now(),
    );
    // Eve takes part: her JOIN is her own mail, never a request.
    assert!(
        !matches!(&out[0], Outcome::Processed { kind, .. } if kind.to_string() == "join"),
        "{out:?}"
    );
    assert_eq!(w.count("SELECT count(*) FROM join_requests"), 0);
}

#[test]
fn forgetting_a_joiner_erases_their_request() {
    let mut w = world();
    let request = kim_joins(&mut w);
    let to = w.join_to(request);
    w.run(&[mail("a1@x", "hr@acme.example", &to, "APPROVE")], now());
    let kim = w.id("kim");
    let forgotten = w
        .store
        .write(|tx| tx.forget_participant(kim, &|_| String::new(), now()))
        .unwrap();
    assert_eq!(forgotten.email, "kim@acme.example");
    assert_eq!(w.count("SELECT count(*) FROM join_requests"), 0);
    assert_eq!(
        w.count("SELECT count(*) FROM inbound WHERE message_id = 'a1@x' AND raw IS NULL"),
        1,
        "HR's reply quoting the form goes too"
    );
    assert!(
        w.store
            .approved_joiners(crate::config::test_support::london_english())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn someone_once_forgotten_who_joins_again_by_their_own_request_stays() {
    let mut w = world();
    let request = kim_joins(&mut w);
    let to = w.join_to(request);
    w.run(&[mail("a1@x", "hr@acme.example", &to, "APPROVE")], now());
    let kim = w.id("kim");
    let ingest = &w.ingest;
    w.store
        .write(|tx| tx.forget_participant(kim, &|e| ingest.marker(e), now()))
        .unwrap();
    // Months later Kim asks to join again, confirms it, and HR approves.
    w.run(
        &[mail(
            "j2@x",
            "Kim Park <kim@acme.example>",
            "mentoring@acme.example",
            JOIN,
        )],
        now(),
    );
    let request = w.request();
    let to = w.join_to(request);
    w.run(&[mail("j2c@x", "kim@acme.example", &to, "YES")], now());
    w.run(&[mail("a2@x", "hr@acme.example", &to, "APPROVE")], now());
    w.run(&[], now() + Duration::minutes(5));
    assert_eq!(w.status("kim"), "active", "not marked forgotten again");
}
