use super::*;
use crate::outbound::Templates;
use crate::outbound::token::{TokenClaims, TokenKey};
use crate::store::Enqueued;

/// The program of these tests, without participants; `inbound` adds lines to `[inbound]`.
fn program(inbound: &str) -> crate::config::test_support::TestProgram {
    crate::config::test_support::program()
        .line("bounce_address = \"bounces+{token}@acme.example\"")
        .line("timezone = \"Europe/London\"")
        .section("[pairing]\nmin_level_gap = 1")
        .section(&format!(
            "[inbound]\nfeedback_loop_senders = [\"fbl@isp.example\"]\n{inbound}"
        ))
}

fn config() -> Arc<Config> {
    let mut program = program("");
    for (i, (name, role, level, dept)) in [
        ("Ann Lee", "mentor", 1, "Sales"),
        ("Cy Rui", "mentor", 1, "Legal"),
        ("Eve Ito", "mentor", 1, "Design"),
        ("Bob Stone", "mentee", 6, "Finance"),
        ("Dan Roe", "mentee", 6, "Ops"),
        ("Fay Oda", "mentee", 6, "Risk"),
    ]
    .iter()
    .enumerate()
    {
        let zone = if i == 3 {
            "America/New_York"
        } else {
            "Europe/London"
        };
        program = program.person(
            name,
            role,
            *level,
            &[
                &format!("department = \"{dept}\""),
                &format!("timezone = \"{zone}\""),
            ],
        );
    }
    Arc::new(program.build_at(std::path::Path::new("/nonexistent/p.toml")))
}

struct World {
    ingest: Ingest,
    store: Store,
    key: TokenKey,
    /// Ann and Bob's pair; Cy and Dan are the other pair; Eve and Fay are free.
    pair: i64,
    other_pair: i64,
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn now() -> DateTime<Utc> {
    at("2027-01-20T12:00:00Z")
}

fn world() -> World {
    let config = config();
    let key = TokenKey::new("process test key");
    let composer = Composer::with_key(
        Arc::clone(&config),
        Templates::builtin().unwrap(),
        key.clone(),
    );
    let mut store = Store::open_in_memory().unwrap();
    store
        .sync_participants(&config.participants, at("2027-01-10T09:00:00Z"))
        .unwrap();
    let pair = |m: &str, e: &str| NewPair {
        mentor: format!("{m}@acme.example"),
        mentee: format!("{e}@acme.example"),
        score: 5,
        reasons: "because".into(),
    };
    let round = store
        .create_round(
            "start",
            &[pair("ann", "bob"), pair("cy", "dan")],
            at("2027-01-11T09:00:00Z"),
        )
        .unwrap();
    World {
        ingest: Ingest::with_composer(composer),
        store,
        key,
        pair: round.pair_ids[0],
        other_pair: round.pair_ids[1],
    }
}

impl World {
    fn id(&self, name: &str) -> i64 {
        self.store
            .participant_id(&format!("{name}@acme.example"))
            .unwrap()
            .unwrap()
    }

    fn token(&self, pair: i64, person: i64, purpose: Purpose) -> String {
        self.key.sign(TokenClaims {
            pair: pair as u64,
            person: person as u64,
            purpose,
        })
    }

    fn reply_to(&self, pair: i64, person: i64) -> String {
        format!(
            "mentoring+{}@acme.example",
            self.token(pair, person, Purpose::Reply)
        )
    }

    fn run(&mut self, raws: &[String], now: DateTime<Utc>) -> Vec<Outcome> {
        let batch: Vec<Incoming> = raws
            .iter()
            .map(|r| Incoming::new(r.clone().into_bytes(), "maildir"))
            .collect();
        self.ingest.process(&mut self.store, &batch, now).unwrap()
    }

    /// The program trusts the verdicts of `mx.acme.example` (`trusted_authserv_ids`).
    fn trust_mx(&mut self) {
        let config = self.ingest.config.participants.iter().fold(
            program("trusted_authserv_ids = [\"mx.acme.example\"]"),
            |program, p| program.person(&p.name, p.role.as_str(), p.level, &[]),
        );
        let config = Arc::new(config.build_at(std::path::Path::new("/nonexistent/p.toml")));
        self.ingest = Ingest::with_composer(Composer::with_key(
            config,
            Templates::builtin().unwrap(),
            self.key.clone(),
        ));
    }

    fn count(&self, sql: &str) -> i64 {
        self.store.query_i64(sql)
    }

    fn status(&self, name: &str) -> String {
        self.store
            .participant_status(&format!("{name}@acme.example"))
            .unwrap()
            .map(|s| s.to_string())
            .unwrap_or_default()
    }

    fn queued(&self, key: &str) -> bool {
        self.store.outbox_row(key).unwrap().is_some()
    }

    /// The kinds of the queued emails the sender would send to `address` now (claiming
    /// them): those a status blocks are suppressed instead.
    fn sent_to(&mut self, address: &str, now: DateTime<Utc>) -> Vec<String> {
        let claimed = self
            .store
            .claim_outbound(now, 50, Duration::minutes(5))
            .unwrap();
        claimed
            .iter()
            .filter(|e| e.recipients.iter().any(|r| r == address))
            .map(|e| e.kind.as_str().to_string())
            .collect()
    }

    /// The plain text of the queued email with `key`, as its recipient reads it.
    fn text_of(&self, key: &str) -> String {
        let bytes = self.store.outbox_bytes(key);
        let message = mail_parser::MessageParser::default().parse(&bytes).unwrap();
        message.body_text(0).unwrap().into_owned()
    }

    /// The reply address of the newest request for confirmation, as its email gives it
    /// to `person`.
    fn confirm_to(&self, person: i64) -> String {
        let request = self.count("SELECT max(id) FROM confirmations");
        format!(
            "mentoring+{}@acme.example",
            self.token(request, person, Purpose::Confirm)
        )
    }
}

fn mail(id: &str, from: &str, to: &str, body: &str) -> String {
    format!(
        "From: {from}\nTo: {to}\nSubject: Re: how did it go\nDate: Wed, 20 Jan 2027 10:00:00 +0000\nMessage-ID: <{id}>\n\n{body}\n"
    )
}

const FORM: &str = "Met: yes\nDate: 2027-01-19\nMinutes: 45\nRating: 4\n\nOn Mon, Jan 18, 2027 at 9:00 AM Mentoring <mentoring@acme.example> wrote:\n> How did it go?\n";

#[test]
fn a_partners_form_reply_logs_a_session_and_queues_a_confirmation() {
    let mut w = world();
    let bob = w.id("bob");
    let to = w.reply_to(w.pair, bob);
    let out = w.run(&[mail("r1@x", "Bob <BOB@acme.example>", &to, FORM)], now());
    let Outcome::Processed { kind, inbound } = &out[0] else {
        panic!("{out:?}");
    };
    assert_eq!(*kind, Handled::As(InboundKind::Reply));
    assert_eq!(w.count("SELECT count(*) FROM sessions"), 1);
    assert_eq!(w.count("SELECT minutes FROM sessions"), 45);
    assert_eq!(
        w.count("SELECT count(*) FROM feedback WHERE rating = 4 AND inbound_id IS NOT NULL"),
        1
    );
    assert!(w.queued(&format!("confirm:{}:{bob}:{inbound}", w.pair)));
    // The partner's report of the same meeting joins the session.
    let ann = w.id("ann");
    let to = w.reply_to(w.pair, ann);
    let text = "We met yesterday for 45 minutes, about AI tools. 5/5";
    w.run(&[mail("r2@x", "ann@acme.example", &to, text)], now());
    assert_eq!(w.count("SELECT count(*) FROM sessions"), 1);
    assert_eq!(w.count("SELECT count(*) FROM feedback"), 2);
}

#[test]
fn a_date_before_the_pair_began_is_asked_back_in_the_confirmation_not_guessed() {
    let mut w = world();
    let round = w
        .store
        .create_round(
            "newcomers",
            &[NewPair {
                mentor: "eve@acme.example".into(),
                mentee: "fay@acme.example".into(),
                score: 5,
                reasons: "because".into(),
            }],
            at("2027-01-18T09:00:00Z"),
        )
        .unwrap();
    let (pair, eve) = (round.pair_ids[0], w.id("eve"));
    // 15 January is after the program began but before Eve's pair did.
    let to = w.reply_to(pair, eve);
    let text = "We met on 15/1 for 45 minutes.";
    let out = w.run(&[mail("r1@x", "eve@acme.example", &to, text)], now());
    let Outcome::Processed { inbound, .. } = &out[0] else {
        panic!("{out:?}");
    };
    assert_eq!(w.count("SELECT minutes FROM sessions"), 45);
    assert_eq!(
        w.count("SELECT count(*) FROM feedback WHERE flagged = 1"),
        1,
        "HR sees it"
    );
    let confirmation = w.text_of(&format!("confirm:{pair}:{eve}:{inbound}"));
    assert!(
        confirmation
            .contains("We could not tell the date from your message: please reply with it."),
        "{confirmation}"
    );
    assert!(confirmation.contains("Date: not given"), "{confirmation}");
    // Ann's pair began on the 11th: her 15 January is read, and nothing is asked.
    let ann = w.id("ann");
    let to = w.reply_to(w.pair, ann);
    let out = w.run(&[mail("r2@x", "ann@acme.example", &to, text)], now());
    let Outcome::Processed { inbound, .. } = &out[0] else {
        panic!("{out:?}");
    };
    let confirmation = w.text_of(&format!("confirm:{}:{ann}:{inbound}", w.pair));
    assert!(confirmation.contains("Date: 2027-01-15"), "{confirmation}");
    assert!(!confirmation.contains("could not tell"), "{confirmation}");
}

impl World {
    /// Commits a batch without composing its answers, as a reader that stopped right
    /// after the commit would have left it.
    fn commit_only(&mut self, raws: &[String], now: DateTime<Utc>) -> Vec<Outcome> {
        let batch: Vec<Incoming> = raws
            .iter()
            .map(|r| Incoming::new(r.clone().into_bytes(), "maildir"))
            .collect();
        let inspections = self.ingest.inspect_all(&batch, now);
        self.ingest
            .commit(&mut self.store, &batch, &inspections, now)
            .unwrap()
    }
}

#[test]
fn an_answer_threads_under_the_message_it_answers_and_says_it_is_a_reply() {
    let mut w = world();
    let bob = w.id("bob");
    let to = w.reply_to(w.pair, bob);
    let reply = mail("r1@x", "bob@acme.example", &to, FORM).replace(
        "Subject:",
        "References: <intro.1@acme.example> <prompt.2@acme.example>\nIn-Reply-To: <prompt.2@acme.example>\nSubject:",
    );
    let out = w.run(&[reply], now());
    let Outcome::Processed { inbound, .. } = &out[0] else {
        panic!("{out:?}");
    };
    let body = w
        .store
        .outbox_bytes(&format!("confirm:{}:{bob}:{inbound}", w.pair));
    let head = String::from_utf8_lossy(&body).replace("\r\n ", " ");
    assert!(head.contains("In-Reply-To: <r1@x>"), "{head}");
    assert!(
        head.contains("References: <intro.1@acme.example> <prompt.2@acme.example> <r1@x>"),
        "{head}"
    );
    assert!(head.contains("Auto-Submitted: auto-replied"), "{head}");
    assert!(
        head.contains("List-Id: \"Pilot\" <pilot.acme.example>"),
        "{head}"
    );
}

#[test]
fn answers_drafted_by_a_commit_are_composed_by_the_next_pass_once() {
    let mut w = world();
    let bob = w.id("bob");
    let to = w.reply_to(w.pair, bob);
    let out = w.commit_only(&[mail("r1@x", "bob@acme.example", &to, FORM)], now());
    let Outcome::Processed { inbound, .. } = &out[0] else {
        panic!("{out:?}");
    };
    let key = format!("confirm:{}:{bob}:{inbound}", w.pair);
    assert_eq!(w.count("SELECT count(*) FROM sessions"), 1);
    assert_eq!(w.count("SELECT count(*) FROM drafts"), 1);
    assert!(!w.queued(&key), "composed only after the commit");

    let composed = w.ingest.compose_drafts(&mut w.store, now()).unwrap();
    assert_eq!(composed, 1);
    assert!(w.queued(&key));
    assert_eq!(w.count("SELECT count(*) FROM drafts"), 0);
    assert_eq!(w.ingest.compose_drafts(&mut w.store, now()).unwrap(), 0);
    assert_eq!(w.count("SELECT count(*) FROM outbox"), 1);
    // Composed for the sender, saying what was logged.
    let claimed = w
        .store
        .claim_outbound(now(), 10, Duration::minutes(5))
        .unwrap();
    let text = String::from_utf8_lossy(&claimed[0].bytes);
    assert!(
        text.contains("To: \"Bob Stone\" <bob@acme.example>"),
        "{text}"
    );
    assert!(text.contains("Minutes: 45"), "{text}");
}

#[test]
fn a_draft_that_cannot_be_read_is_recorded_for_hr_and_the_rest_are_composed() {
    let mut w = world();
    let bob = w.id("bob");
    let to = w.reply_to(w.pair, bob);
    w.commit_only(&[mail("r1@x", "bob@acme.example", &to, FORM)], now());
    w.store
        .write(|tx| {
            tx.insert_draft(
                &NewDraft {
                    key: "confirm:9:9:9",
                    recipient: "bob@acme.example",
                    answer: "{\"answer\":\"from the future\"}",
                    parent: None,
                },
                now(),
            )
        })
        .unwrap();
    assert_eq!(w.ingest.compose_drafts(&mut w.store, now()).unwrap(), 2);
    assert_eq!(w.count("SELECT count(*) FROM drafts"), 0);
    assert_eq!(w.count("SELECT count(*) FROM outbox"), 1);
    assert_eq!(
        w.count(
            "SELECT count(*) FROM events WHERE kind = 'email_not_queued'
             AND subject = 'confirm:9:9:9' AND detail LIKE '%draft cannot be read%'"
        ),
        1
    );
}

#[test]
fn forgetting_a_person_drops_what_was_drafted_to_them_but_the_last_answer() {
    let mut w = world();
    let bob = w.id("bob");
    let to = w.reply_to(w.pair, bob);
    w.commit_only(
        &[
            mail("r1@x", "bob@acme.example", &to, FORM),
            mail("g1@x", "bob@acme.example", &to, "FORGET ME"),
        ],
        now(),
    );
    assert_eq!(w.count("SELECT count(*) FROM drafts"), 2);
    let confirm = w.confirm_to(bob);
    w.commit_only(
        &[mail("g2@x", "bob@acme.example", &confirm, "FORGET ME")],
        now() + Duration::days(1),
    );
    assert_eq!(
        w.count("SELECT count(*) FROM drafts WHERE recipient = 'bob@acme.example'"),
        1,
        "only the answer saying the data is erased"
    );
    w.ingest.compose_drafts(&mut w.store, now()).unwrap();
    assert_eq!(
        w.count("SELECT count(*) FROM outbox WHERE recipient = 'bob@acme.example'"),
        1
    );
    assert_eq!(
        w.count("SELECT count(*) FROM outbox WHERE kind = 'command'"),
        1
    );
}

#[test]
fn a_replayed_message_is_recorded_once_even_in_one_batch() {
    let mut w = world();
    let to = w.reply_to(w.pair, w.id("bob"));
    let m = mail("r1@x", "bob@acme.example", &to, FORM);
    let out = w.run(&[m.clone(), m.clone()], now());
    assert!(matches!(out[0], Outcome::Processed { .. }));
    assert_eq!(out[1], Outcome::Duplicate);
    // The same Message-ID delivered again with other bytes (another Delivered-To).
    let again = format!("Delivered-To: mentoring@acme.example\n{m}");
    assert_eq!(w.run(&[again], now()), vec![Outcome::Duplicate]);
    assert_eq!(w.count("SELECT count(*) FROM inbound"), 1);
    assert_eq!(w.count("SELECT count(*) FROM feedback"), 1);
    assert_eq!(w.count("SELECT count(*) FROM outbox"), 1);
}

#[test]
fn automated_mail_is_recorded_and_never_answered() {
    let mut w = world();
    let to = w.reply_to(w.pair, w.id("bob"));
    let ooo = mail("o1@x", "bob@acme.example", &to, "I am away until Monday.").replace(
        "Subject: Re: how did it go",
        "Subject: Out of office: Re: how did it go",
    );
    let own = mail("l1@x", "mentoring@acme.example", &to, FORM);
    let out = w.run(&[ooo, own], now());
    assert_eq!(
        out[0],
        Outcome::Processed {
            kind: Handled::As(InboundKind::AutoReply),
            inbound: 1
        }
    );
    assert!(matches!(out[1], Outcome::Dropped { .. }), "{out:?}");
    assert_eq!(w.count("SELECT count(*) FROM outbox"), 0);
    assert_eq!(w.count("SELECT count(*) FROM feedback"), 0);
}

#[test]
fn a_conversation_on_the_intro_thread_counts_as_contact_and_only_the_partner_gets_mail() {
    let mut w = world();
    let to = w.reply_to(w.pair, 0);
    let out = w.run(
        &[mail(
            "c1@x",
            "ann@acme.example",
            &to,
            "Hi Bob, lovely to e-meet you!",
        )],
        now(),
    );
    assert!(
        matches!(&out[0], Outcome::Processed { kind, .. } if kind.to_string() == "conversation")
    );
    assert_eq!(
        w.count("SELECT count(*) FROM pair_stats WHERE last_contact = '2027-01-20'"),
        1
    );
    assert_eq!(
        w.count(
            "SELECT count(*) FROM outbox WHERE kind = 'relay' AND recipient = 'bob@acme.example'"
        ),
        1
    );
    assert_eq!(w.count("SELECT count(*) FROM outbox"), 1);
}

#[test]
fn a_message_that_fails_to_store_is_quarantined_and_the_batch_goes_on() {
    let mut w = world();
    w.store
        .write(|tx| tx.execute_for_tests("DROP TABLE prompt_skips"))
        .unwrap();
    let to = w.reply_to(w.pair, w.id("bob"));
    let out = w.run(
        &[
            mail("k1@x", "bob@acme.example", &to, "SKIP"),
            mail("r1@x", "bob@acme.example", &to, FORM),
        ],
        now(),
    );
    let Outcome::Quarantined { reason, .. } = &out[0] else {
        panic!("{out:?}");
    };
    assert!(reason.contains("could not be stored"), "{reason}");
    assert!(matches!(&out[1], Outcome::Processed { kind, .. } if kind.to_string() == "reply"));
    // Nothing of the failed message's effects stayed, not even its answer.
    assert_eq!(
        w.count("SELECT count(*) FROM outbox WHERE kind = 'command'"),
        0
    );
    assert_eq!(
        w.count("SELECT count(*) FROM inbound WHERE status = 'quarantined' AND raw IS NOT NULL"),
        1
    );
}

#[test]
fn a_cut_off_message_is_offered_again_then_quarantined() {
    let mut w = world();
    let raw = b"From: bob@acme.example\nReceived:\n\t".to_vec();
    for attempt in 0..MAX_ATTEMPTS {
        let incoming = Incoming {
            attempts: attempt,
            ..Incoming::new(raw.clone(), "imap")
        };
        let out = w.ingest.process(&mut w.store, &[incoming], now()).unwrap();
        if attempt + 1 < MAX_ATTEMPTS {
            assert!(matches!(out[0], Outcome::Retry { .. }), "{out:?}");
            assert_eq!(w.count("SELECT count(*) FROM inbound"), 0);
        } else {
            assert!(matches!(out[0], Outcome::Quarantined { .. }), "{out:?}");
        }
    }
}

#[test]
fn a_stream_of_batches_commits_each_and_reports_it_in_order() {
    let mut w = world();
    let to = w.reply_to(w.pair, w.id("bob"));
    let batches: Vec<Vec<(usize, Incoming)>> = (0..3)
        .map(|b| {
            (0..2)
                .map(|k| {
                    let n = b * 2 + k;
                    let raw = mail(&format!("s{n}@x"), "bob@acme.example", &to, FORM);
                    (n, Incoming::new(raw.into_bytes(), "maildir"))
                })
                .collect()
        })
        .collect();
    let store = Mutex::new(std::mem::replace(
        &mut w.store,
        Store::open_in_memory().unwrap(),
    ));
    let mut seen = Vec::new();
    w.ingest
        .process_stream(&store, batches.into_iter(), now(), |tags, outcomes| {
            assert_eq!(tags.len(), outcomes.len());
            seen.push((tags, outcomes.iter().filter(|o| o.acknowledge()).count()));
        })
        .unwrap();
    assert_eq!(
        seen,
        vec![(vec![0, 1], 2), (vec![2, 3], 2), (vec![4, 5], 2)]
    );
    let store = store.into_inner().unwrap();
    assert_eq!(store.query_i64("SELECT count(*) FROM inbound"), 6);
    // Six copies of one report: the first logs it, the others are the same report again.
    assert_eq!(store.query_i64("SELECT count(*) FROM feedback"), 1);
}

mod bounces;
mod commands;
mod goals;
mod inline;
mod invitations;
mod join;
mod people;
mod relay;
mod senders;
