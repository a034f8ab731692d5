"""The demo's guide pages (StandardPage): two in the main menu, the others as footer links."""

# Footer settings field -> slug of the guide it links to.
FOOTER_LINKS = {
    "accessibility_page": "dichiarazione-di-accessibilita",
    "privacy_page": "privacy",
    "faq_page": "faq",
    "legal_notes_page": "note-legali",
}
FOOTER_CONTACTS = {
    "contact_email": "wemi@wemi.example",
    "contact_phone": "+39 02 5555 0000",
    "contact_address": "Comune di Milano, Piazza della Scala 2, 20121 Milano",
}


def _p(*sentences):
    return ("paragraph", "".join(f"<p>{sentence}</p>" for sentence in sentences))


def _h(text):
    return ("heading", {"text": text, "level": "h2"})


def _faq(*pairs):
    return (
        "faq",
        {
            "title": "",
            "questions": [{"question": q, "answer": f"<p>{a}</p>"} for q, a in pairs],
        },
    )


GUIDES = [
    {
        "title": "Come funziona WeMi",
        "slug": "come-funziona",
        "in_menu": True,
        "intro": "WeMi è il portale del Comune di Milano per trovare, confrontare e "
        "acquistare servizi di cura, assistenza e aiuto quotidiano.",
        "body": [
            _h("Cerca il servizio che ti serve"),
            _p(
                "Parti da ciò di cui hai bisogno: assistenza a casa, una baby-sitter, la "
                "spesa a domicilio, un aiuto con le pratiche. Per ogni servizio trovi chi "
                "lo offre, dove, in quali lingue e quanto costa.",
            ),
            _h("Scegli l'ente e chiedi il servizio"),
            _p(
                "Gli enti su WeMi sono organizzazioni del terzo settore accreditate dal "
                "Comune. Puoi contattarli direttamente o acquistare il servizio online.",
                "Puoi ordinare un servizio anche per un familiare: al momento dell'ordine "
                "indichi chi lo riceve e l'ente chiama te per organizzarlo.",
            ),
            _h("Se hai bisogno di aiuto"),
            _p(
                "Negli Spazi WeMi un operatore ti accoglie, ti aiuta a scegliere e a fare "
                "le pratiche online. L'accesso è libero e gratuito.",
            ),
            ("callout", {
                "title": "Tariffe agevolate",
                "text": "<p>Per i servizi accreditati paghi una quota in base al tuo ISEE: "
                "tieni a portata di mano l'attestazione ISEE in corso di validità.</p>",
                "tone": "success",
            }),
        ],
    },
    {
        "title": "Contributi economici",
        "slug": "contributi-economici",
        "in_menu": True,
        "intro": "Il Comune di Milano sostiene le famiglie con contributi economici e voucher "
        "per i servizi di cura e le attività dei figli.",
        "body": [
            _h("Voucher per le attività dei minori"),
            _p(
                "Le famiglie con un ISEE fino a 27.000 euro possono chiedere al Comune un "
                "voucher digitale da 100 a 400 euro per attività sociali, ricreative, sportive"
                " e culturali dei figli. Il voucher non si può ancora usare per pagare i "
                "servizi prenotati su WeMi.",
            ),
            _h("Contributi per la cura"),
            _p(
                "I contributi economici del Comune sono raccolti in cinque categorie. La "
                "domanda si presenta online o in uno Spazio WeMi, con l'aiuto di un "
                "operatore.",
            ),
            ("callout", {
                "title": "Cosa preparare",
                "text": "<ul><li>Documento d'identità</li><li>Attestazione ISEE</li>"
                "<li>IBAN per l'accredito</li></ul>",
                "tone": "info",
            }),
        ],
    },
    {
        "title": "Dichiarazione di accessibilità",
        "slug": "dichiarazione-di-accessibilita",
        "in_menu": False,
        "intro": "Il Comune di Milano si impegna a rendere WeMi accessibile secondo la Legge "
        "4/2004 e le Linee guida AgID. Questa è la dichiarazione del sito dimostrativo.",
        "body": [
            _h("Stato di conformità"),
            _p(
                "Il sito è progettato per essere conforme ai requisiti della norma EN 301 "
                "549 e delle WCAG 2.1 di livello AA. La conformità è verificata con test "
                "automatici e manuali a ogni rilascio.",
            ),
            _h("Segnalazioni"),
            _p(
                "Se trovi contenuti non accessibili scrivi a accessibilita@wemi.example: ti "
                "rispondiamo entro 30 giorni. Se la risposta non è soddisfacente puoi "
                "rivolgerti al Difensore civico per il digitale presso AgID.",
            ),
        ],
    },
    {
        "title": "Informativa privacy",
        "slug": "privacy",
        "in_menu": False,
        "intro": "Come trattiamo i tuoi dati personali quando usi WeMi, secondo il Regolamento "
        "UE 2016/679 (GDPR).",
        "body": [
            _h("Titolare del trattamento"),
            _p(
                "Il titolare del trattamento è il Comune di Milano. Gli enti erogatori "
                "trattano i dati necessari a fornire i servizi che richiedi.",
            ),
            _h("Quali dati e perché"),
            _p(
                "Trattiamo i dati dell'account, delle richieste e degli acquisti per "
                "fornirti i servizi, e la fascia ISEE per calcolare le tariffe agevolate.",
                "Il sito usa solo cookie tecnici, necessari al suo funzionamento.",
            ),
            _h("Cosa registriamo"),
            _p(
                "Dell'account registriamo nome, indirizzo e-mail e data di iscrizione; degli "
                "ordini il servizio, l'ente, gli importi, il contatto, il telefono, la persona "
                "che riceve il servizio e l'indirizzo dove si svolge.",
                "Registriamo la dichiarazione ISEE che inserisci e le verifiche fatte dagli "
                "operatori del Comune, le e-mail che WeMi ti invia e gli accessi al tuo "
                "account (data, indirizzo IP e browser), che servono alla sicurezza.",
            ),
            _h("Chi vede i tuoi dati"),
            _p(
                "L'ente a cui chiedi un servizio vede il contatto, il telefono, l'indirizzo e "
                "le note del tuo ordine, non la tua dichiarazione ISEE. Gli operatori del "
                "Comune vedono la dichiarazione ISEE per verificarla.",
            ),
            _h("Per quanto tempo"),
            _p(
                "I dati dell'account, la dichiarazione ISEE, la rubrica, le e-mail e gli "
                "accessi restano finché hai l'account e sono cancellati quando lo cancelli.",
                "Gli ordini sono conservati dieci anni dal giorno in cui li fai, come "
                "richiede la legge per i documenti contabili (articolo 2220 del Codice "
                "civile). Trascorsi i dieci anni, o subito se cancelli l'account, nome, "
                "telefono, e-mail, note e indirizzo del servizio vengono svuotati; restano "
                "servizio, ente, date e importi.",
            ),
            _h("I tuoi diritti"),
            _p(
                "Puoi chiedere l'accesso, la rettifica o la cancellazione dei tuoi dati "
                "scrivendo a privacy@wemi.example.",
                "Dal tuo account, alla pagina «I tuoi dati», puoi scaricare una copia di "
                "tutti i tuoi dati (PDF e JSON) e cancellare l'account. Le richieste che "
                "l'ente non ha ancora accettato vengono annullate prima; se un ente sta "
                "erogando un servizio che ha accettato, potrai cancellare l'account quando "
                "sarà erogato.",
                "Puoi anche presentare reclamo al Garante per la protezione dei dati "
                "personali.",
            ),
        ],
    },
    {
        "title": "Domande frequenti (FAQ)",
        "slug": "faq",
        "in_menu": False,
        "intro": "Le risposte alle domande più frequenti su WeMi.",
        "body": [
            _faq(
                ("WeMi è gratuito?",
                 "Consultare il portale e andare negli Spazi WeMi è gratuito. I servizi "
                 "hanno un costo indicato nella scheda di ciascuno; per quelli accreditati "
                 "la quota dipende dall'ISEE."),
                ("Chi sono gli enti su WeMi?",
                 "Organizzazioni del terzo settore accreditate dal Comune di Milano. In questo "
                 "sito dimostrativo i nomi degli enti sono di fantasia."),
                ("Posso ordinare un servizio per un familiare?",
                 "Sì: quando completi l'ordine indica chi riceve il servizio, per esempio un "
                 "genitore. L'ente chiama te al numero che lasci."),
                ("Cosa sono gli Spazi WeMi?",
                 "Luoghi nei quartieri dove un operatore ti aiuta a trovare i servizi e a "
                 "fare le pratiche online."),
                ("Come pago un servizio?",
                 "Paghi direttamente l'ente, come ti indica (bonifico, carta o contanti). "
                 "Quando l'ente registra il pagamento, lo vedi nel tuo ordine e nella "
                 "ricevuta."),
            ),
        ],
    },
    {
        "title": "Note legali",
        "slug": "note-legali",
        "in_menu": False,
        "intro": "Condizioni d'uso del portale WeMi.",
        "body": [
            _p(
                "I contenuti del portale sono pubblicati dal Comune di Milano e dagli enti "
                "erogatori, che ne sono responsabili per le rispettive schede.",
                "Questo è un sito dimostrativo: enti, persone e prezzi sono di fantasia.",
            ),
        ],
    },
]
