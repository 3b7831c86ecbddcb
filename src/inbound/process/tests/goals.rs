//! A pair's goals: set by either partner in "Goal:" lines, kept with every earlier set, and
//! how far they got, said at the end.

use super::*;

fn goals_of(w: &World, pair: i64) -> Vec<String> {
    w.store
        .current_goals()
        .unwrap()
        .remove(&pair)
        .unwrap_or_default()
        .into_iter()
        .map(|g| format!("{} {} {:?}", g.position, g.text, g.outcome))
        .collect()
}

#[test]
fn goals_sent_to_both_are_kept_passed_on_and_confirmed_to_the_writer() {
    let mut w = world();
    let (ann, bob) = (w.id("ann"), w.id("bob"));
    let shared = format!(
        "mentoring+{}@acme.example",
        w.token(w.pair, 0, Purpose::Reply)
    );
    let out = w.run(
        &[mail(
            "g1@x",
            "ann@acme.example",
            &shared,
            "Hi Bob,\nGoal: use AI tools for my weekly report\nGoal: understand how TikTok works\nAnn",
        )],
        now(),
    );
    let inbound = match &out[0] {
        Outcome::Processed { inbound, .. } => *inbound,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        goals_of(&w, w.pair),
        vec![
            "1 use AI tools for my weekly report None",
            "2 understand how TikTok works None"
        ]
    );
    let told = w.text_of(&format!("command:{ann}:{inbound}"));
    assert!(
        told.contains("1. use AI tools for my weekly report"),
        "{told}"
    );
    // Bob sees Ann's words as she wrote them.
    assert!(w.queued(&format!("relay:{}:{bob}:{inbound}", w.pair)));
    // Bob writes a new set to the program alone: kept, not forwarded to HR; Ann's set stays
    // in the log.
    let own = w.reply_to(w.pair, bob);
    w.run(
        &[mail(
            "g2@x",
            "bob@acme.example",
            &own,
            "Goals:\n- use AI tools every day\n- a TikTok account for the team\n- present it\n\nBob",
        )],
        now() + Duration::hours(1),
    );
    assert_eq!(goals_of(&w, w.pair).len(), 3);
    assert_eq!(w.count("SELECT count(*) FROM goals"), 5, "nothing lost");
    assert_eq!(
        w.count("SELECT count(*) FROM outbox WHERE kind = 'forward'"),
        0
    );
    // At the end each says how far they got; the copied line of the form answers nothing.
    w.run(
        &[mail(
            "g3@x",
            "bob@acme.example",
            &own,
            "Rating 1-5: 5\nGoal 1: reached\nGoal 2: partly\nGoal 3: reached / partly / not yet",
        )],
        now() + Duration::days(60),
    );
    assert_eq!(
        goals_of(&w, w.pair),
        vec![
            "1 use AI tools every day Some(Reached)",
            "2 a TikTok account for the team Some(Partly)",
            "3 present it None"
        ]
    );
}

#[test]
fn how_far_a_pair_got_said_after_the_end_is_kept_and_the_answer_lists_no_commands() {
    let mut w = world();
    let bob = w.id("bob");
    let own = w.reply_to(w.pair, bob);
    w.run(
        &[mail("e1@x", "bob@acme.example", &own, "Goal: learn SQL")],
        now(),
    );
    let out = w.run(
        &[mail("e2@x", "bob@acme.example", &own, "Goal 1: reached")],
        at("2027-07-02T10:00:00Z"),
    );
    let inbound = match &out[0] {
        Outcome::Processed { inbound, .. } => *inbound,
        other => panic!("{other:?}"),
    };
    assert_eq!(goals_of(&w, w.pair), vec!["1 learn SQL Some(Reached)"]);
    let told = w.text_of(&format!("command:{bob}:{inbound}"));
    assert!(told.contains("goal 1: reached"), "{told}");
    assert!(!told.contains("PAUSE"), "the program is over: {told}");
}

#[test]
fn forgetting_someone_takes_the_goals_they_wrote() {
    let mut w = world();
    let bob = w.id("bob");
    let own = w.reply_to(w.pair, bob);
    w.run(
        &[mail("g1@x", "bob@acme.example", &own, "Goal: learn SQL")],
        now(),
    );
    assert_eq!(goals_of(&w, w.pair).len(), 1);
    w.store
        .write(|tx| tx.forget_participant(bob, &|e| format!("forgotten {e}"), now()))
        .unwrap();
    assert_eq!(w.count("SELECT count(*) FROM goals"), 0);
}
