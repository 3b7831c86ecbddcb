ending-soon-subject = { $program } endet in zwei Wochen
ending-soon-ends = { $program } endet am
ending-soon-plan = , also in zwei Wochen. Wenn Sie mit { $partners } noch ein Treffen planen möchten, ist jetzt ein guter Moment, es in den Kalender einzutragen.
ending-soon-and = und
ending-soon-last = Am letzten Tag erhalten Sie eine kurze Abschlussfrage dazu, was Sie gelernt haben. Bis dahin läuft alles wie gewohnt weiter.
