# ruff: noqa: E501  (sentences in five languages, one per line)
"""Demo data of the Spazi desk: the desk services and activity texts in the five languages."""

# slug: {language: (name, description)}
DESK_SERVICES = {
    "orientamento": {
        "it": (
            "Orientamento ai servizi",
            "Capire quali servizi di cura e aiuto fanno per te e come chiederli.",
        ),
        "en": (
            "Guidance on services",
            "Find out which care and support services suit you and how to ask for them.",
        ),
        "ar": ("التوجيه إلى الخدمات", "معرفة خدمات الرعاية والمساعدة المناسبة لك وكيفية طلبها."),
        "zh-hans": ("服务咨询与指引", "了解哪些照护和帮助服务适合您，以及如何申请。"),
        "es": (
            "Orientación sobre los servicios",
            "Saber qué servicios de cuidado y ayuda te convienen y cómo pedirlos.",
        ),
    },
    "domanda-contributi": {
        "it": (
            "Aiuto con una domanda di contributo",
            "Compilare insieme la domanda per un contributo economico del Comune.",
        ),
        "en": (
            "Help with an application for contributions",
            "Fill in together the application for a financial contribution from the Comune.",
        ),
        "ar": ("المساعدة في طلب مساهمة مالية", "تعبئة طلب المساهمة المالية من البلدية معًا."),
        "zh-hans": ("协助申请补助", "一起填写市政府经济补助的申请。"),
        "es": (
            "Ayuda con una solicitud de contribución",
            "Rellenar juntos la solicitud de una contribución económica del Ayuntamiento.",
        ),
    },
    "aiuto-digitale-spid": {
        "it": (
            "Aiuto digitale e attivazione SPID",
            "Attivare SPID, usare i servizi online del Comune, una postazione internet con un operatore.",
        ),
        "en": (
            "Digital help and SPID activation",
            "Activate SPID, use the Comune's online services, an internet station with an operator.",
        ),
        "ar": (
            "المساعدة الرقمية وتفعيل SPID",
            "تفعيل SPID واستخدام خدمات البلدية عبر الإنترنت، ومحطة إنترنت مع موظف.",
        ),
        "zh-hans": (
            "数字帮助与 SPID 开通",
            "开通 SPID，使用市政府在线服务，由工作人员陪同使用上网工位。",
        ),
        "es": (
            "Ayuda digital y activación de SPID",
            "Activar SPID, usar los servicios en línea del Ayuntamiento, un puesto de internet con un operador.",
        ),
    },
    "ricerca-lavoro": {
        "it": (
            "Supporto nella ricerca di lavoro",
            "Scrivere il curriculum, cercare offerte e prepararsi a un colloquio.",
        ),
        "en": (
            "Job search support",
            "Write your CV, look for job offers and prepare for an interview.",
        ),
        "ar": (
            "الدعم في البحث عن عمل",
            "كتابة السيرة الذاتية والبحث عن عروض العمل والاستعداد للمقابلة.",
        ),
        "zh-hans": ("求职支持", "撰写简历、寻找职位并准备面试。"),
        "es": (
            "Apoyo en la búsqueda de empleo",
            "Escribir el currículum, buscar ofertas y prepararse para una entrevista.",
        ),
    },
    "supporto-caregiver": {
        "it": (
            "Supporto ai caregiver familiari",
            "Ascolto, informazioni e aiuto per chi si prende cura di un familiare.",
        ),
        "en": (
            "Support for family caregivers",
            "Listening, information and help for those who care for a family member.",
        ),
        "ar": (
            "دعم مقدمي الرعاية الأسرية",
            "الاستماع والمعلومات والمساعدة لمن يعتني بأحد أفراد أسرته.",
        ),
        "zh-hans": ("家庭照护者支持", "为照顾家人的人提供倾听、信息和帮助。"),
        "es": (
            "Apoyo a los cuidadores familiares",
            "Escucha, información y ayuda para quien cuida de un familiar.",
        ),
    },
}

# (weekday offset in days, hour, minutes long, places): {language: (title, description, for whom)}
ACTIVITIES = [
    (
        (3, 10, 120, 12),
        {
            "it": (
                "Corso di smartphone per principianti",
                "Usare lo smartphone per messaggi, videochiamate e i servizi del Comune.",
                "Persone anziane",
            ),
            "en": (
                "Smartphone course for beginners",
                "Use a smartphone for messages, video calls and the Comune's services.",
                "Older people",
            ),
            "ar": (
                "دورة الهاتف الذكي للمبتدئين",
                "استخدام الهاتف الذكي للرسائل ومكالمات الفيديو وخدمات البلدية.",
                "كبار السن",
            ),
            "zh-hans": (
                "智能手机入门课程",
                "使用智能手机收发信息、视频通话和使用市政府服务。",
                "老年人",
            ),
            "es": (
                "Curso de smartphone para principiantes",
                "Usar el smartphone para mensajes, videollamadas y los servicios del Ayuntamiento.",
                "Personas mayores",
            ),
        },
    ),
    (
        (8, 17, 90, 15),
        {
            "it": (
                "Gruppo di sostegno per caregiver",
                "Un incontro tra persone che assistono un familiare, con una psicologa.",
                "Caregiver familiari",
            ),
            "en": (
                "Support group for caregivers",
                "A meeting of people who care for a family member, with a psychologist.",
                "Family caregivers",
            ),
            "ar": (
                "مجموعة دعم لمقدمي الرعاية",
                "لقاء بين أشخاص يعتنون بأحد أفراد أسرهم، بحضور أخصائية نفسية.",
                "مقدمو الرعاية الأسرية",
            ),
            "zh-hans": ("照护者互助小组", "照顾家人的人们在心理咨询师陪同下的聚会。", "家庭照护者"),
            "es": (
                "Grupo de apoyo para cuidadores",
                "Un encuentro entre personas que cuidan de un familiar, con una psicóloga.",
                "Cuidadores familiares",
            ),
        },
    ),
    (
        (12, 15, 90, 10),
        {
            "it": (
                "Laboratorio: scrivere il curriculum",
                "In piccolo gruppo, con un operatore, per preparare il proprio curriculum.",
                "Chi cerca lavoro",
            ),
            "en": (
                "Workshop: writing your CV",
                "In a small group, with an operator, to prepare your own CV.",
                "Job seekers",
            ),
            "ar": (
                "ورشة: كتابة السيرة الذاتية",
                "في مجموعة صغيرة مع موظف لإعداد سيرتك الذاتية.",
                "الباحثون عن عمل",
            ),
            "zh-hans": (
                "工作坊：撰写简历",
                "以小组形式，在工作人员陪同下准备自己的简历。",
                "求职者",
            ),
            "es": (
                "Taller: escribir el currículum",
                "En grupo pequeño, con un operador, para preparar tu propio currículum.",
                "Quien busca empleo",
            ),
        },
    ),
]
