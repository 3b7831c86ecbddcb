//! The patterns of each command asked in sentences, in the five languages, as written: the
//! rules [`super::read_request`] runs (through one [`super::PREFILTER`] pass) and whose
//! matches [`super::asked`] weighs. Each is a case-insensitive pattern and the command it asks.

use super::{
    AGAIN, DE_WANT, EN_MAIL, EN_WANT, END, ES_WANT, FR_WANT, MAIL_NOUN, MY, NL_WANT, PLEASE, THE,
    THIS_TIME,
};
use crate::program::CommandName;

pub(super) fn rules() -> Vec<(CommandName, String)> {
    use CommandName::*;
    let p = |name, s: String| (name, format!("(?i){s}"));
    let mut rules = vec![
        // STOP, English.
        p(Stop, r"\bunsubscribe\s+me\b".into()),
        p(Stop, r"\bopt\s+me\s+out\b".into()),
        p(
            Stop,
            r"\b(?:remove|take|drop|delete)\s+me\s+(?:off|from|out\s+of)\s+(?:the|this|your)\s+(?:\w+\s+)?(?:program(?:me)?|list|mailing\s+list|distribution\s+list|scheme|initiative)\b".into(),
        ),
        p(
            Stop,
            format!(r"\b(?:{EN_WANT}|can\s+i|could\s+i|may\s+i)\s+(?:(?:unsubscribe|opt\s+out)(?:\s+(?:from|of)\s+(?:the|this)\s+(?:\w+\s+)?(?:program(?:me)?|list|emails|mailing\s+list))?{END}|(?:leave\s+the\s+(?:\w+\s+)?program(?:me)?|withdraw\s+from\s+the\s+(?:\w+\s+)?program(?:me)?|drop\s+out\s+of\s+the\s+(?:\w+\s+)?program(?:me)?|quit\s+the\s+(?:\w+\s+)?program(?:me)?|stop\s+(?:taking\s+part|participating)(?:\s+in\s+the\s+(?:\w+\s+)?program(?:me)?)?|end\s+my\s+participation)\b)"),
        ),
        p(
            Stop,
            r"\bi\s+(?:can|wish\s+to|want\s+to|would\s+like\s+to)?\s*(?P<neg>no\s+longer)\s+(?:wish\s+to\s+|want\s+to\s+|be\s+able\s+to\s+)?(?:take\s+part|participate|continue)\s+(?:in\s+(?:the|this)\s+(?:\w+\s+)?program(?:me)?|with\s+the\s+(?:\w+\s+)?program(?:me)?)".into(),
        ),
        // STOP, German.
        p(
            Stop,
            r"\b(?:nehmt|nehmen\s+sie|nimm|streicht|streichen\s+sie|löscht|löschen\s+sie|tragt|tragen\s+sie)\s+mich\s+(?:bitte\s+)?(?:\w+\s+)?(?:aus\s+dem\s+(?:\w+\s+)?[\w-]*(?:programm|verteiler)|von\s+der\s+(?:\w+\s+)?liste)".into(),
        ),
        p(
            Stop,
            format!(r"\b(?:meldet|melden\s+sie|tragt|tragen\s+sie)\s+mich\s+(?:bitte\s+)?(?:(?:vom|aus\s+dem)\s+(?:\w+\s+)?[\w-]*programm\s+)?(?:ab|aus){END}"),
        ),
        p(
            Stop,
            format!(r"\b(?:{DE_WANT}|ich|darf\s+ich|kann\s+ich|könnte\s+ich)\s+(?:mich\s+)?(?:(?:gerne?|hiermit|bitte|daher|deshalb)\s+)?(?:mich\s+)?(?:(?:vom|von\s+dem|aus\s+dem)\s+(?:\w+\s+)?[\w-]*programm\s+)?(?:abmelden|austragen|aussteigen|austreten|zurückziehen)\b"),
        ),
        p(
            Stop,
            format!(r"\b(?:ich\s+(?:melde|trage)\s+mich|(?:hiermit|daher|deshalb)\s+(?:melde|trage)\s+ich\s+mich)\s+(?:(?:hiermit|daher|deshalb)\s+)?(?:(?:vom|von\s+dem|aus\s+dem)\s+(?:\w+\s+)?[\w-]*(?:programm|verteiler)\s+)?(?:ab|aus){END}"),
        ),
        // "ich steige aus dem Programm aus", "hiermit trete ich aus dem Programm aus", "ich
        // ziehe mich aus dem Programm zurück".
        p(
            Stop,
            format!(r"\b(?:ich\s+(?:steige|trete)|(?:hiermit|daher|deshalb)\s+(?:steige|trete)\s+ich)\s+(?:(?:hiermit|daher|deshalb)\s+)?(?:aus\s+dem\s+(?:\w+\s+)?[\w-]*programm\s+)?aus{END}"),
        ),
        p(
            Stop,
            r"\b(?:ich\s+ziehe\s+mich|(?:hiermit|daher|deshalb)\s+ziehe\s+ich\s+mich)\s+(?:(?:hiermit|daher|deshalb)\s+)?(?:aus\s+dem|vom)\s+(?:\w+\s+)?[\w-]*programm\s+zurück\b".into(),
        ),
        // "(bitte ich Sie,) mich aus dem Programm auszutragen".
        p(
            Stop,
            r"\bmich\s+(?:(?:bitte|hiermit|daher|deshalb)\s+)?(?:(?:vom|von\s+dem|aus\s+dem)\s+(?:\w+\s+)?[\w-]*(?:programm|verteiler)\s+)?(?:abzumelden|auszutragen|herauszunehmen|rauszunehmen|zu\s+streichen|zu\s+entfernen)\b".into(),
        ),
        // Asked to be taken off: "graag uitgeschreven worden", "möchte ausgetragen werden",
        // "I'd like to be removed from", "souhaite être désinscrite".
        p(
            Stop,
            format!(r"\b(?:{NL_WANT})\s+(?:\w+\s+){{0,3}}?(?:uitgeschreven|afgemeld|verwijderd)\s+(?:te\s+)?worden\b"),
        ),
        p(
            Stop,
            format!(r"\b(?:{DE_WANT})\s+(?:\w+\s+){{0,4}}?(?:ausgetragen|abgemeldet|herausgenommen|gestrichen)\s+werden\b"),
        ),
        p(
            Stop,
            format!(r"\b(?:{EN_WANT})\s+be\s+(?:removed|unsubscribed|taken\s+off)\s+(?:from|off)\s+(?:the|this|your)\s+(?:\w+\s+)?(?:program(?:me)?|list|mailing\s+list)\b"),
        ),
        p(
            Stop,
            format!(r"\b(?:{FR_WANT})\s+être\s+(?:désinscrite?|desinscrite?|retirée?)\s+(?:du\s+programme|de\s+la\s+liste)\b"),
        ),
        // "meine Teilnahme am Programm (bereits jetzt) zu beenden", "mir keine weiteren
        // Erinnerungen zu senden".
        p(
            Stop,
            r"\bmeine\s+teilnahme\s+(?:[^,;.]{0,40}?\s)?(?:zu\s+)?(?:beenden|beendet)\b".into(),
        ),
        p(
            Stop,
            r"\b(?:mir|uns)\s+(?:bitte\s+)?(?P<neg>keine)\s+(?:weiteren\s+)?(?:[\w-]+\s+)?(?:erinnerungen|e-?mails|mails|nachrichten)\s+(?:mehr\s+)?(?:zu\s+)?(?:senden|schicken|zusenden|zuschicken)\b".into(),
        ),
        p(
            Stop,
            r"\b(?:schickt|schicken\s+sie|sendet|senden\s+sie)\s+(?:mir|uns)\s+(?:bitte\s+)?(?P<neg>keine)\s+(?:weiteren\s+)?(?:[\w-]+\s+)?(?:erinnerungen|e-?mails|mails|nachrichten)\b".into(),
        ),
        p(
            Stop,
            r"\bich\s+(?:möchte|will|kann)\s+(?:leider\s+)?(?P<neg>nicht\s+mehr)\s+(?:am\s+(?:\w+\s+)?programm\s+)?(?:teilnehmen|mitmachen)\b".into(),
        ),
        // STOP, French.
        p(
            Stop,
            r"\bme\s+(?:désinscrire|desinscrire|désabonner|desabonner|retirer\s+(?:du\s+programme|de\s+la\s+liste))\b".into(),
        ),
        p(
            Stop,
            r"\b(?:désinscrivez|desinscrivez|désabonnez|desabonnez|retirez|sortez)[- ]moi\b".into(),
        ),
        p(
            Stop,
            format!(r"\b(?:{FR_WANT}|puis-je|pourrais-je)\s+(?:quitter\s+le\s+(?:programme|mentorat)|arrêter\s+(?:le\s+programme|le\s+mentorat|ma\s+participation)|mettre\s+fin\s+à\s+ma\s+participation|sortir\s+du\s+(?:programme|mentorat))\b"),
        ),
        p(
            Stop,
            format!(r"\b{FR_WANT}\s+(?P<neg>ne)\s+(?P<neg2>plus)\s+recevoir\s+(?:ces|vos|les|de|d')\s*(?:e-?mails|mails|messages|rappels|courriels|relances)\b"),
        ),
        p(
            Pause,
            r"\b(?:arrêtez|arretez|cessez)\s+de\s+m'envoyer\b[^,;]{0,40}?\b(?:jusqu|pour\s+l'instant|pour\s+le\s+moment)".into(),
        ),
        p(
            Stop,
            r"\b(?:arrêtez|arretez|cessez)\s+de\s+m'envoyer\b".into(),
        ),
        p(
            Stop,
            r"\bje\s+(?:me\s+désinscris|me\s+désabonne|quitte\s+le\s+(?:programme|mentorat)|me\s+retire\s+du\s+(?:programme|mentorat)|mets\s+fin\s+à\s+ma\s+participation)\b".into(),
        ),
        p(
            Stop,
            r"\bje\s+(?P<neg>ne)\s+(?:souhaite|veux|peux)\s+(?P<neg2>plus)\s+(?:participer|continuer|faire\s+partie)\b".into(),
        ),
        // STOP, Spanish: "darse de baja", never "estar de baja" (sick leave).
        p(
            Stop,
            format!(r"\b(?:dénme|denme|dadme|déme|deme|darme|me\s+(?:podéis|podeis|pueden|puedes|podríais|podrían)\s+dar|me\s+doy|me\s+(?:den|deis|des|dé))\s+de\s+baja(?:\s+(?:del|en\s+el|de\s+este)\s+(?:\w+\s+)?programa(?:\s+de\s+[\w-]+)?|\s+de\s+(?:la\s+lista|los\s+correos|los\s+recordatorios|los\s+avisos))?(?:{END}|\s+(?:a\s+partir\s+de|desde|con\s+efecto)\b)"),
        ),
        p(
            Stop,
            r"\b(?:solicito|pido|quiero|quisiera|deseo)\s+(?:formalmente\s+)?(?:mi|la)\s+baja\s+(?:del|en\s+el|de\s+este)\s+(?:\w+\s+)?programa\b".into(),
        ),
        p(
            Pause,
            r"\b(?:dejen|dejad|deja|deje)\s+de\s+(?:enviarme|mandarme|escribirme)\b[^,;]{0,40}?\b(?:hasta|por\s+ahora|de\s+momento)\b".into(),
        ),
        p(
            Stop,
            r"\b(?:dejen|dejad|deja|deje)\s+de\s+(?:enviarme|mandarme|escribirme)\b".into(),
        ),
        p(
            Stop,
            r"\b(?:sacadme|sáquenme|saquenme|sácame|borradme|bórrenme|eliminadme|elimínenme|quitadme|quítenme)\s+(?:del\s+programa|de\s+la\s+lista)\b".into(),
        ),
        p(
            Stop,
            format!(r"\b(?:{ES_WANT}|puedo|podría|podria)\s+(?:dejar|abandonar|salir\s+del|retirarme\s+del|darme\s+de\s+baja\s+del)\s+(?:el\s+)?programa\b"),
        ),
        p(
            Stop,
            r"\b(?P<neg>ya\s+no)\s+(?:quiero|deseo|puedo)\s+(?:seguir|participar|continuar)\s+en\s+el\s+programa\b".into(),
        ),
        // STOP, Dutch.
        p(
            Stop,
            r"\bik\s+(?:(?:wil|zou|ga|moet)\s+(?:\w+\s+){0,2}stoppen|stop)\s+met\s+(?:het|dit)\s+(?:\w+)?programma\b".into(),
        ),
        p(
            Stop,
            format!(r"\b(?:meld|schrijf)\s+(?:me|mij)\s+(?:\w+\s+){{0,2}}(?:af|uit)(?:\s+(?:voor|van|uit)\s+(?:het|dit)\s+\w*programma)?{END}"),
        ),
        p(
            Stop,
            format!(r"\b(?:{NL_WANT}|mag\s+ik|kan\s+ik)\s+(?:(?:me|mij)\s+)?(?:\w+\s+){{0,2}}(?:afmelden|uitschrijven)(?:\s+(?:voor|van|uit)\s+(?:het|dit)\s+\w*programma)?{END}"),
        ),
        p(
            Stop,
            r"\b(?:haal|verwijder)\s+(?:me|mij)\s+(?:\w+\s+){0,2}(?:uit|van)\s+(?:het\s+\w*programma|de\s+(?:\w+)?lijst)".into(),
        ),
        // "mijn deelname (aan het programma) te beëindigen", "me geen herinneringen meer te sturen".
        p(
            Stop,
            r"\bmijn\s+deelname\s+(?:[^,;.]{0,40}?\s)?(?:te\s+)?(?:beëindigen|beeindigen|stopzetten|stop\s+te\s+zetten)\b".into(),
        ),
        p(
            Stop,
            r"\b(?:me|mij)\s+(?:graag\s+)?(?P<neg>geen)\s+(?:herinneringen|e-?mails|mails|berichten)\s+(?P<neg2>meer)\s+(?:te\s+)?(?:sturen|toe\s+te\s+sturen|mailen)\b".into(),
        ),
        p(
            Stop,
            r"\bik\s+(?:wil|doe)\s+(?:\w+\s+)?(?P<neg>niet\s+meer)\s+(?:meedoen|mee)\b".into(),
        ),
        // PAUSE, English.
        p(Pause, format!(r"\bpause\s+(?:me|{EN_MAIL})\b")),
        p(
            Pause,
            format!(r"\bput\s+(?:me|{EN_MAIL})\s+on\s+(?:pause|hold)\b"),
        ),
        p(
            Pause,
            format!(r"\b{EN_WANT}\s+(?:pause|take\s+a\s+(?:short\s+|little\s+)?break\s+from\s+the\s+(?:\w+\s+)?program(?:me)?)(?:\s+(?:until|till|through|for\s+(?:a\s+(?:while|bit|few\s+weeks|couple\s+of\s+weeks|month)|now|the\s+time\s+being|\w+\s+(?:weeks|months)))\b|{END})"),
        ),
        p(
            Pause,
            format!(r"\b(?:stop|hold)\s+(?:sending\s+me\s+(?:(?:the|these|your|any)\s+)?(?:\w+\s+)?(?:reminders|e-?mails|mails|prompts|messages|questions)|sending\s+me\s+(?:these|them|those)|{EN_MAIL})\s+(?:\w+\s+)?(?:until|till|for\s+now|for\s+the\s+time\s+being|for\s+a\s+while)\b"),
        ),
        p(
            Stop,
            r"\bstop\s+(?:sending\s+me\s+(?:(?:(?:the|these|your|any)\s+)?(?:\w+\s+)?(?:reminders|e-?mails|mails|prompts|messages|questions)\b|(?:these|them|those|this)(?:\s+(?:e-?mails|mails|reminders|messages))?\b)|(?:e-?mailing|mailing|emailing)\s+me\b)".into(),
        ),
        p(
            Pause,
            format!(r"\bhold\s+off\s+(?:on\s+)?(?:sending\s+(?:me\s+)?)?(?:{EN_MAIL}|these|them|the\s+(?:reminders|e-?mails|mails|prompts))\b"),
        ),
        // PAUSE, German.
        p(
            Pause,
            format!(r"\b(?:{DE_WANT}|mich)\b[^,;]{{0,40}}?\bpausieren\b"),
        ),
        p(Pause, r"\bich\s+pausiere\b".into()),
        // "Bitte bis 1.4. keine Mails mehr schicken".
        p(
            Pause,
            r"\bbis\b[^,;]{0,25}?\s(?P<neg>keine)\s+(?:weiteren\s+)?(?:[\w-]+\s+)?(?:erinnerungen|e-?mails|mails|nachrichten)\s+(?:mehr\s+)?(?:schicken|senden|zusenden)\b".into(),
        ),
        // "wil mijn deelname graag even stilzetten".
        p(
            Pause,
            r"\bmijn\s+deelname\s+(?:[^,;.]{0,25}?\s)?(?:stilzetten|stil\s+te\s+zetten|pauzeren|on\s+hold\s+zetten)\b".into(),
        ),
        p(
            Pause,
            r"\b(?:schickt|schicken\s+sie|sendet|senden\s+sie)\s+(?:mir|uns)\s+(?:bitte\s+)?bis\b[^,;]{0,30}?\s(?P<neg>keine)\s+(?:weiteren\s+)?(?:[\w-]+\s+)?(?:erinnerungen|e-?mails|mails|nachrichten)\b".into(),
        ),
        p(
            Pause,
            r"\b(?:pausiert|pausieren\s+sie)\s+(?:bitte\s+)?(?:mich|meine\s+(?:[\w-]+\s+)?(?:erinnerungen|e-?mails|mails|nachrichten|teilnahme))\b".into(),
        ),
        p(
            Pause,
            r"\b(?:setzt|setzen\s+sie|stellt|stellen\s+sie)\s+mich\s+(?:[^,;]{0,30}?\s)?auf\s+pause\b".into(),
        ),
        p(
            Pause,
            r"\bich\s+(?:möchte|würde\s+gerne?|muss|will)\s+(?:[^,;]{0,40}?\s)?(?:eine\s+)?(?:kurze\s+)?pause\s+(?:einlegen|machen)\b".into(),
        ),
        // PAUSE, French.
        p(
            Pause,
            r"\b(?:me\s+mettre|mettez[- ]moi|mets[- ]moi|(?:mettre|mettez|mets)\s+(?:(?:mes|ma|mon)\s+[\w-]+|le\s+programme|le\s+mentorat))\s+(?:en|sur)\s+pause\b".into(),
        ),
        p(
            Pause,
            r"\b(?:mettre|mettez|mets)\s+en\s+pause\s+(?:mes|ma|mon|les)\s+(?:rappels|relances|e-?mails|mails|messages|courriels|participation)\b".into(),
        ),
        p(
            Pause,
            r"\b(?:suspendre|suspendez)\s+(?:mes|ma|mon)\s+(?:rappels|relances|participation|inscription|messages|courriels|e-?mails|mails)\b".into(),
        ),
        p(
            Pause,
            format!(r"\b{FR_WANT}\s+(?:faire\s+une\s+(?:petite\s+)?pause|(?:me\s+)?mettre\s+(?:ma\s+participation\s+)?en\s+pause)\b"),
        ),
        // PAUSE, Spanish.
        p(
            Pause,
            r"\b(?:(?:pausar|pausen|pausad|pausa|pause)\s+(?:los|mis)\s+(?:avisos|recordatorios|correos|e-?mails|mensajes)|pausar\s+mi\s+participación|pausarme|ponedme\s+en\s+pausa|pónganme\s+en\s+pausa|ponerme\s+en\s+pausa|suspender\s+mi\s+participación)\b".into(),
        ),
        p(
            Pause,
            format!(r"\b{ES_WANT}\s+(?:pausar|hacer\s+una\s+pausa|tomarme\s+una\s+pausa)\b"),
        ),
        p(
            Pause,
            r"\b(?:pongan|ponga|poned|pon|poner|pongáis)\s+(?:mi\s+participación|mis\s+(?:recordatorios|correos|avisos|e-?mails|mensajes))\s+en\s+pausa\b".into(),
        ),
        p(
            Pause,
            r"\b(?:suspendan|suspendieran|suspendáis|suspender|pausen|pausaran|detengan|detuvieran)\s+(?:el\s+envío\s+de\s+)?(?:los\s+|mis\s+)?(?:recordatorios|correos|e-?mails|mensajes|avisos)\b".into(),
        ),
        // PAUSE, Dutch.
        p(
            Pause,
            r"\b(?:mij|me)\s+(?:\w+\s+)?op\s+pauze\s+(?:te\s+)?zetten\b".into(),
        ),
        p(
            Pause,
            r"\bzet\s+(?:mij|me|mijn\s+(?:herinneringen|e-?mails|mails|berichten|deelname))\s+(?:\w+\s+){0,3}op\s+pauze\b".into(),
        ),
        p(
            Pause,
            r"\bmijn\s+(?:herinneringen|e-?mails|mails|berichten|deelname)\s+(?:\w+\s+){0,3}op\s+pauze\s+(?:te\s+)?zetten\b".into(),
        ),
        p(
            Pause,
            format!(r"\b{NL_WANT}\s+(?:\w+\s+){{0,3}}(?:pauzeren|(?:een\s+)?pauze\s+nemen)\b"),
        ),
        p(
            Pause,
            r"\bpauzeer\s+(?:mij|me|mijn\s+(?:herinneringen|e-?mails|mails|berichten|deelname))\b".into(),
        ),
        // SKIP, in the five languages: with what it skips.
        p(
            Skip,
            format!(r"\b(?:{EN_WANT}|i(?:'ll|\s+will)(?:\s+have\s+to)?|can\s+i|could\s+i|(?:can|could|may|shall)\s+we|we(?:'d|\s+would)\s+(?:like|prefer)\s+to|we\s+(?:want|wish)\s+to)\s+skip\s+(?:me\s+|us\s+)?(?:for\s+)?{THIS_TIME}"),
        ),
        // The word with its "please", in any order: "Skip this round please", "Diese Runde
        // bitte aussetzen", "Deze ronde graag overslaan".
        p(
            Skip,
            format!(r"\b(?:skip\s+{THIS_TIME}\s+please|{THIS_TIME}\s+bitte\s+(?:aussetzen|überspringen)|(?:aussetzen|überspringen)\s+bitte\s+{THIS_TIME}|(?:sauter|passer)\s+{THIS_TIME}\s+(?:svp|s'il\s+vous\s+pla[iî]t)|saltar(?:me|nos)?\s+{THIS_TIME}\s+por\s+favor|{THIS_TIME}\s+(?:graag|a\.u\.b\.?|alstublieft|alsjeblieft)\s+overslaan)\b"),
        ),
        p(Skip, r"\bskip\s+me\s+(?:for\s+)?this\b".into()),
        p(
            Skip,
            format!(r"\b(?:{DE_WANT}|ich|(?:können|könnten|dürfen)\s+wir|wir\s+(?:möchten|würden|wollen))\s+(?:[^,;]{{0,20}}?\s)?{THIS_TIME}\s+(?:[^,;]{{0,20}}?\s)?(?:aussetzen|überspringen|auslassen)\b"),
        ),
        p(Skip, format!(r"\bich\s+setze\s+{THIS_TIME}\s+aus\b")),
        // "Bitte lasst diese Runde für uns aus".
        p(
            Skip,
            format!(r"\b(?:lasst|lassen\s+sie|lass)\s+(?:bitte\s+)?(?:uns\s+)?{THIS_TIME}\s+(?:\w+\s+){{0,2}}?aus\b"),
        ),
        p(
            Skip,
            r"\b(?:je\s+passe|nous\s+passons|passer)\s+(?:mon|notre)\s+tour\b".into(),
        ),
        p(
            Skip,
            format!(r"\b(?:{FR_WANT}|pouvons-nous|peut-on|on\s+peut|nous\s+(?:voudrions|souhaitons|souhaiterions))\s+(?:sauter|passer)\s+{THIS_TIME}"),
        ),
        p(Skip, format!(r"\b(?:me\s+salto|saltarme)\s+{THIS_TIME}")),
        p(Skip, format!(r"\b{THIS_TIME}\s+me\s+la\s+salto\b")),
        // "por favor sáltenme esta ronda", "saltadnos esta vez".
        p(
            Skip,
            format!(r"\b(?:sáltenme|saltenme|saltadme|sáltame|saltame|sáltennos|saltennos|saltadnos)\s+{THIS_TIME}"),
        ),
        p(
            Skip,
            format!(r"\b(?:{ES_WANT}|podemos|podríamos|podriamos|queremos|quisiéramos|preferimos|preferiríamos)\s+salt(?:ar|ear)(?:me|nos)?\s+{THIS_TIME}"),
        ),
        p(Skip, r"\bpaso\s+(?:mi\s+)?turno\b".into()),
        // "os pido que me saltéis esta ronda", "les ruego que nos salten esta vez".
        p(
            Skip,
            format!(r"\b(?:os|les|le|te)\s+(?:pido|pedimos|ruego|rogamos|agradecería|agradeceríamos)\s+que\s+(?:me|nos)\s+(?:saltéis|salteis|salten|salte|saltes)\s+{THIS_TIME}"),
        ),
        p(Skip, format!(r"\b(?:ik\s+)?sla\s+(?:ik\s+)?{THIS_TIME}\s+over\b")),
        p(Skip, format!(r"\b{THIS_TIME}\s+sla\s+ik\s+(?:\w+\s+)?over\b")),
        // "Sanne en ik slaan deze ronde even over".
        p(
            Skip,
            format!(r"\b(?:we|wij|en\s+ik)\s+slaan\s+{THIS_TIME}\s+(?:\w+\s+)?over\b"),
        ),
        p(
            Skip,
            format!(r"\b(?:{NL_WANT}|ik|(?:kunnen|mogen|zullen)\s+we|we\s+(?:willen|zouden))\s+(?:[^,;]{{0,20}}?\s)?{THIS_TIME}\s+(?:[^,;]{{0,20}}?\s)?overslaan\b"),
        ),
        // RESUME.
        p(
            Resume,
            format!(r"\b(?:{EN_WANT}\s+)?(?:resume|restart|turn\s+back\s+on|switch\s+back\s+on)\s+{EN_MAIL}\b"),
        ),
        p(Resume, r"\b(?:unpause|un-pause|reactivate)\s+me\b".into()),
        // "Ihr könnt mich wieder aktivieren".
        p(
            Resume,
            r"\b(?:ihr\s+könnt|sie\s+können|könnt\s+ihr|können\s+sie|bitte)\s+mich\s+(?:bitte\s+)?wieder\s+(?:aktivieren|freischalten|aufnehmen|anschreiben)\b".into(),
        ),
        // The mail sent again, to the sender or by the program asked: "Ihr könnt mir die
        // Erinnerungen ab jetzt gern wieder schicken", "jullie mogen de mails weer sturen",
        // "you can send me the reminders again", "envoyez-moi les rappels de nouveau".
        p(
            Resume,
            format!(r"\b(?:(?:mir|me|mij|m'|moi|uns|ons|us|nous)\s+(?:\w+\s+){{0,3}}?{THE}|(?:jullie|ihr|you|vous|u)\s+(?:mogen|kunnen|könnt|dürft|can|may|pouvez)\s+(?:\w+\s+){{0,3}}?{THE}|{MY})\s+(?:[\w-]+\s+)?{MAIL_NOUN}\s+(?:[^,;.]{{0,20}}?\s)?{AGAIN}\s+(?:[^,;.]{{0,10}}?\s)?(?:schicken|senden|zusenden|sturen|toesturen|send|sending|envoyer|enviar|mandar)\b"),
        ),
        p(
            Resume,
            format!(r"\b(?:send|schickt|schicken\s+sie|sendet|stuur|stuurt|envoyez|enviad|envíen|envien|mandad|manden)[- ](?:(?:me|mir|mij|moi|us|uns|ons|nous)\s+{THE}|{MY})\s+(?:[\w-]+\s+)?{MAIL_NOUN}\s+(?:[^,;.]{{0,20}}?\s)?{AGAIN}\b"),
        ),
        // The pause lifted: "die Pause kann aufgehoben werden", "de pauze mag eraf", "please
        // lift my pause", "vous pouvez lever la pause", "podéis quitar la pausa".
        p(
            Resume,
            r"\b(?:die|meine|the|my|de|mijn|la|ma|mi)\s+(?:pause|pauze|pausa)\s+(?:\w+\s+){0,3}?(?:aufgehoben|aufheben|beendet|eraf|opgeheven|opheffen|lifted|ended)\b".into(),
        ),
        p(
            Resume,
            r"\b(?:lift|end|lever|levez|quitar|quiten|quitad|opheffen|beenden|aufheben)\s+(?:the|my|la|ma|mi|de|mijn|die|meine)\s+(?:pause|pauze|pausa)\b".into(),
        ),
        p(
            Resume,
            format!(r"\b{EN_WANT}\s+(?:resume|rejoin(?:\s+the\s+(?:\w+\s+)?program(?:me)?)?|come\s+back\s+to\s+the\s+(?:\w+\s+)?program(?:me)?){END}"),
        ),
        p(
            Resume,
            r"\bich\s+(?:möchte|würde|will)\s+(?:gerne?\s+)?wieder\s+(?:am\s+programm\s+)?(?:teilnehmen|mitmachen|einsteigen|dabei\s+sein)\b".into(),
        ),
        p(
            Resume,
            r"\b(?:aktiviert|aktivieren\s+sie|nehmt|nehmen\s+sie)\s+(?:mich|meine\s+(?:erinnerungen|e-?mails|mails|nachrichten|teilnahme))\s+(?:bitte\s+)?wieder\b".into(),
        ),
        p(
            Resume,
            format!(r"\b{FR_WANT}\s+(?:reprendre\s+(?:le\s+programme|ma\s+participation|les\s+rappels)|réintégrer\s+le\s+programme|me\s+réactiver)\b"),
        ),
        p(Resume, r"\b(?:réactivez|reactivez)[- ]moi\b".into()),
        p(
            Resume,
            r"\b(?:réactivez|reactivez|réactiver|reactiver|reprenez)\s+(?:(?:mes|les)\s+(?:rappels|relances|e-?mails|mails|messages|courriels|envois)|ma\s+participation)\b".into(),
        ),
        p(
            Resume,
            format!(r"\b{ES_WANT}\s+(?:reanudar|retomar|volver\s+al\s+programa|reactivar\s+mi\s+participación|reactivarme)\b"),
        ),
        p(Resume, r"\b(?:reactivadme|reactívenme)\b".into()),
        p(
            Resume,
            r"\b(?:reanuden|reanudad|reanuda|reanudar|reactiven|reactivad|reactivar)\s+(?:los|mis)\s+(?:avisos|recordatorios|correos|e-?mails|mensajes)\b".into(),
        ),
        p(
            Resume,
            r"\bik\s+(?:wil|doe)\s+(?:graag\s+)?weer\s+(?:meedoen|mee)\b".into(),
        ),
        p(
            Resume,
            r"\b(?:zet|activeer)\s+(?:me|mij|mijn\s+(?:herinneringen|e-?mails|mails|berichten|deelname))\s+(?:\w+\s+){0,2}weer\s+(?:aan|actief)\b".into(),
        ),
        // REMATCH.
        p(
            Rematch,
            format!(r"\b(?:{EN_WANT}|i(?:'d|\s+would)\s+(?:like|prefer|love)|can\s+i|could\s+i|may\s+i)\s+(?:get|have|be\s+given|be\s+assigned|get\s+assigned|(?:give|assign|find|get)\s+me)?\s*(?:a\s+)?(?:new|different|another)\s+(?:partner|match|pairing|mentor|mentee|buddy)\b"),
        ),
        // "Would it be possible to be paired with someone new".
        p(
            Rematch,
            format!(r"\b(?:{EN_WANT})\s+be\s+(?:paired|matched|re-?matched|re-?paired)\s+(?:up\s+)?with\s+(?:someone|somebody|a\s+new\s+\w+|another\s+\w+)"),
        ),
        p(
            Rematch,
            r"\b(?:rematch|re-match|re-pair)\s+me\b|\b(?:pair|match)\s+me\s+(?:up\s+)?with\s+(?:someone|somebody)\s+(?:else|new)\b|\b(?:pair|match)\s+me\s+(?:up\s+)?with\s+(?:a\s+new|a\s+different|another)\s+(?:partner|person|mentor|mentee|colleague|buddy)\b|\bi(?:'d|\s+would)\s+like\s+to\s+be\s+(?:rematched|re-matched|re-paired)\b".into(),
        ),
        p(
            Rematch,
            r"\b(?:ich\s+(?:möchte|hätte\s+gerne?|würde\s+gerne?|brauche)|kann\s+ich|könnte\s+ich|bitte|könnt\s+ihr|könntet\s+ihr|können\s+sie|könnten\s+sie|gebt|geben\s+sie|wenn\s+sie)\s+(?:(?:mir|uns)\s+)?(?:bitte\s+)?(?:(?:einen?\s+)?(?:neuen?|andere[nr]?)\s+(?:partner(?:in)?|tandem\w*|mentor(?:in)?|mentee|match|matching|buddy)|jemand(?:en)?\s+(?:neues|neuen|anderes|anderen))\b".into(),
        ),
        p(
            Rematch,
            format!(r"\b(?:(?:{FR_WANT}|puis-je|pourrais-je)\s+|possible\s+d')(?:changer\s+de\s+(?:binôme|partenaire|mentor|match)|(?:avoir|(?:me|m')\s*(?:donner|attribuer|trouver|proposer|assigner|affecter))\s+une?\s+(?:nouveau|nouvelle|nouvel|autre)\s+(?:binôme|partenaire|mentor|mentee|match|duo))\b"),
        ),
        p(
            Rematch,
            format!(r"\b(?:{ES_WANT}|me\s+(?:podéis|podeis|pueden|puedes|podríais|podriais|podrían|podrian))\s+(?:cambiar\s+de\s+(?:pareja|compañer[oa]|mentor[a]?|match)|(?:tener|asignarme|darme|buscarme|conseguirme|asignar|dar|buscar|conseguir)\s+(?:una?\s+)?(?:nuev[oa]|otr[oa])\s+(?:pareja|compañer[oa]|mentor[a]?|match|partner|persona)|asignarme\s+(?:a\s+)?otra\s+persona)\b"),
        ),
        p(
            Rematch,
            format!(r"\b(?:{NL_WANT}|kan\s+ik|mag\s+ik)\s+(?:\w+\s+){{0,2}}(?:een\s+)?(?:nieuwe|andere)\s+(?:partner|match|buddy|mentor|mentee|koppeling)\b"),
        ),
        p(
            Rematch,
            r"\bkoppel\w*\s+(?:me|mij)\s+(?:\w+\s+){0,2}aan\s+iemand\s+anders\b".into(),
        ),
        // "Kunnen jullie mij aan iemand anders koppelen?"
        p(
            Rematch,
            format!(r"\b(?:{NL_WANT})\s+(?:me|mij)\s+(?:\w+\s+){{0,2}}?aan\s+iemand\s+(?:anders|nieuws)\s+(?:te\s+)?koppelen\b"),
        ),
    ];
    // The command's own word in capitals, as the program's mails teach it, closing its
    // clause in any language: "also bitte RESUME.", "Also REMATCH, bitte.", "mettre fin à
    // ma participation : STOP.", "Een REMATCH dus."; not asked back as a question ("STOP?").
    // And the word alone with its please as a whole sentence, in any case: "skip pls, thx!".
    for (name, word) in [
        (Stop, "STOP"),
        (Pause, "PAUSE"),
        (Resume, "RESUME"),
        (Skip, "SKIP"),
        (Rematch, "REMATCH"),
    ] {
        rules.push((
            name,
            format!(r"(?i)(?-i:\b{word}\b)(?:\s+(?:dus|then|so|donc|alors|also|pues|entonces))?(?:\s*(?:[.!,;:–—()]|\s-\s|$)|\s+{PLEASE}\b)"),
        ));
        rules.push((
            name,
            format!(r"(?i)^\s*{word}\s+{PLEASE}\s*[,.!]*\s*(?:(?:thanks|thx|ty|thank\s+you|danke|merci|gracias|bedankt|dank\s+je)\s*[.!]*\s*)?$"),
        ));
    }
    rules
}
