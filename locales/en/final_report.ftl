# The final report (templates/final_report.*.j2 and the sentences src/digest/view.rs asks
# for). Its periods, week labels, "Average rating" and the hidden ratings' note are the
# HR digest's (hr_digest.ftl).
final-report-subject = { $program }: final report, { $meetings } meetings in { $pairs } pairs
final-report-subject-so-far = { $program }: final report (so far), { $meetings } meetings in { $pairs } pairs
final-report-title = Final report, { $period }
final-report-not-ended = The program has not ended: it ends on { $end }. These are the figures so far.

## The headline figures.
final-report-meetings = Meetings
final-report-hours-in-all = { $hours } h in all
final-report-pairs-met = Pairs that met
final-report-pairs-made = of { $pairs ->
    [one] 1 pair
   *[other] { $pairs } pairs
} made
final-report-rating-note = out of 5, from { $ratings ->
    [one] 1 rating
   *[other] { $ratings } ratings
}
final-report-average = { $average } out of 5, from { $ratings ->
    [one] 1 rating
   *[other] { $ratings } ratings
}
final-report-no-ratings = no ratings

## Charts and ratings.
final-report-sessions-per-week = Sessions per week
final-report-ratings = Ratings
final-report-no-ratings-note = No ratings were given.
final-report-ratings-hidden-note = Ratings are shown once { $min } people have answered ({ $count } did), so no one's answer can be singled out.
final-report-by-mentors = Given by mentors
final-report-by-mentees = Given by mentees

## Meetings per pair, department and level.
final-report-per-pair = Meetings per pair
final-report-no-pairs = No pair was made.
final-report-more-pairs = and { $count } more pairs:
final-report-lists-them-all = lists them all.
final-report-row = { $name }: { $meetings ->
    [one] 1 meeting
   *[other] { $meetings } meetings
} ({ $detail })
final-report-meetings-count = { $meetings } meetings
final-report-pair-round = round { $round }, { $hours } h
final-report-never-met = never met
final-report-ended-early = ended early
final-report-pair-cancelled = cancelled { $mentor } by the mentor, { $mentee } by the mentee
final-report-cancelled = { $count ->
    [one] 1 meeting
   *[other] { $count } meetings
} cancelled over the program: { $mentors } by mentors, { $mentees } by mentees.
final-report-by-department = Meetings by department
final-report-department-note = A meeting counts for both partners' departments.
final-report-department-note-text = (a meeting counts for both partners' departments)
final-report-by-level = Meetings by level
final-report-level = Level { $level }
final-report-no-department = no department
final-report-group = { $as_mentor } with its mentors, { $as_mentee } with its mentees; { $mentors ->
    [one] 1 mentor
   *[other] { $mentors } mentors
} and { $mentees ->
    [one] 1 mentee
   *[other] { $mentees } mentees
}

## Topics and goals.
final-report-topics = Topics, both ways
final-report-mentors-taught = Mentors taught
final-report-mentees-taught = Mentees taught back
final-report-none-logged = none logged
final-report-goals-title = Goals
final-report-no-goals = No pair set goals.
final-report-goals = { $set ->
    [one] 1 goal
   *[other] { $set } goals
} set by { $pairs ->
    [one] 1 pair
   *[other] { $pairs } pairs
}: { $reached } reached, { $partly } partly, { $not_reached } not reached, { $unanswered } not answered
# A goal in the pair's own words, with what they said of it at the end.
final-report-goal = { $goal } ({ $outcome ->
    [reached] reached
    [partly] partly
    [not_reached] not reached
   *[none] not answered
})

final-report-from-feedback = From the feedback
final-report-footer = You get this report once, as the coordinator of { $program }. Replies to it are not read.
final-report-footer-command = prints the same figures at any time.
