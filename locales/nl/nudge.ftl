nudge-subject = { $first } en { $second }: tijd om bij te praten?
nudge-silence = We hebben al { $days ->
    [one] { $days } dag
   *[other] { $days } dagen
} niets gehoord over een afspraak tussen jullie. Zelfs 20 minuten bij een kop koffie telt. Als jullie elkaar gesproken hebben, beantwoord dan deze e-mail en vertel hoe het ging.
nudge-goals = Jullie doelen samen:
nudge-pause = Komt het nu niet uit, antwoord dan PAUZE (of PAUSE UNTIL en een datum); HULP voor al het andere.
