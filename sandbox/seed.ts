// Deterministic seed data: test job seekers, their resumes, employers and 65 vacancies.
// Ids are fixed (no randomness at import), so tests and the e2e suite can name them.
import type { IdName, SandboxEmployer, SandboxResume, SandboxUser, SandboxVacancy } from "./types";
import { stableHex } from "./util";

export const AREAS = [
  {
    id: "113",
    name: "Россия",
    parent_id: null,
    areas: [
      { id: "1", name: "Москва", parent_id: "113", areas: [] },
      { id: "2", name: "Санкт-Петербург", parent_id: "113", areas: [] },
      { id: "3", name: "Екатеринбург", parent_id: "113", areas: [] },
      { id: "4", name: "Новосибирск", parent_id: "113", areas: [] },
      { id: "66", name: "Нижний Новгород", parent_id: "113", areas: [] },
      { id: "88", name: "Казань", parent_id: "113", areas: [] },
    ],
  },
];

export const AREA_NAMES: Record<string, string> = Object.fromEntries([
  ["113", "Россия"],
  ...AREAS[0]!.areas.map((a) => [a.id, a.name] as const),
]);

export const SCHEDULES = {
  fullDay: { id: "fullDay", name: "Полный день" },
  flexible: { id: "flexible", name: "Гибкий график" },
  remote: { id: "remote", name: "Удаленная работа" },
  shift: { id: "shift", name: "Сменный график" },
} satisfies Record<string, IdName>;

export const EXPERIENCE = {
  noExperience: { id: "noExperience", name: "Нет опыта" },
  between1And3: { id: "between1And3", name: "От 1 года до 3 лет" },
  between3And6: { id: "between3And6", name: "От 3 до 6 лет" },
  moreThan6: { id: "moreThan6", name: "Более 6 лет" },
} satisfies Record<string, IdName>;

export const EMPLOYMENT = {
  full: { id: "full", name: "Полная занятость" },
  part: { id: "part", name: "Частичная занятость" },
  project: { id: "project", name: "Проектная работа" },
} satisfies Record<string, IdName>;

const ROLE_DEV: IdName = { id: "96", name: "Программист, разработчик" };
const ROLE_ANALYST: IdName = { id: "10", name: "Аналитик" };
const ROLE_QA: IdName = { id: "124", name: "Тестировщик" };
const ROLE_DEVOPS: IdName = { id: "160", name: "DevOps-инженер" };
const ROLE_DESIGN: IdName = { id: "34", name: "Дизайнер, художник" };
const ROLE_DS: IdName = { id: "165", name: "Дата-сайентист" };
const ROLE_TEACHER: IdName = { id: "132", name: "Учитель, преподаватель, педагог" };

export const EMPLOYERS: SandboxEmployer[] = [
  ["9100001", "Северный Код", true],
  ["9100002", "Техноткань", false],
  ["9100003", "Облачные решения", true],
  ["9100004", "Ромашка Digital", true],
  ["9100005", "ДатаЛаб", false],
  ["9100006", "ФинТех Групп", true],
  ["9100007", "Медиаплатформа Волна", true],
  ["9100008", "Логистика 360", false],
  ["9100009", "Казанский софт", true],
  ["9100010", "Уральские системы", true],
  ["9100011", "Сибирский ИТ-центр", false],
  ["9100012", "Нева Интерактив", true],
  ["9100013", "МаркетПлюс", true],
  ["9100014", "ГосТехСервис", false],
  ["9100015", "Интерстрой Цифра", true],
].map(([id, name, has_logo]) => ({ id: id as string, name: name as string, has_logo: has_logo as boolean }));

interface Role {
  name: string;
  variants: string[];
  skills: string[];
  requirement: string;
  responsibility: string;
  experience: IdName;
  role: IdName;
  salary: number; // typical "from" in Moscow, RUR
}

// prettier-ignore
const ROLES: Role[] = [
  { name: "Frontend-разработчик (React)", variants: ["Frontend-разработчик (React)", "Senior Frontend-разработчик (React)", "Middle Frontend-разработчик", "Frontend-разработчик в команду платформы"], skills: ["React", "TypeScript", "JavaScript", "Redux", "HTML5", "CSS3", "Webpack"], requirement: "Опыт коммерческой разработки на <highlighttext>React</highlighttext> от 2 лет. Уверенное знание TypeScript.", responsibility: "Разработка интерфейсов личного кабинета. Участие в код-ревью и развитии дизайн-системы.", experience: EXPERIENCE.between1And3, role: ROLE_DEV, salary: 200000 },
  { name: "Frontend-разработчик (Vue.js)", variants: ["Frontend-разработчик (Vue.js)", "Senior Vue.js-разработчик", "Frontend-разработчик (Vue 3, Nuxt)"], skills: ["Vue.js", "TypeScript", "Nuxt", "Pinia", "SCSS", "JavaScript"], requirement: "Опыт работы с Vue 3 и Composition API. Понимание принципов SSR.", responsibility: "Развитие витрины интернет-магазина. Оптимизация производительности страниц.", experience: EXPERIENCE.between3And6, role: ROLE_DEV, salary: 220000 },
  { name: "Fullstack-разработчик (Node.js + React)", variants: ["Fullstack-разработчик (Node.js + React)", "Fullstack-разработчик TypeScript", "Ведущий fullstack-разработчик"], skills: ["Node.js", "React", "TypeScript", "PostgreSQL", "Docker"], requirement: "Опыт разработки на Node.js и React. Умение проектировать REST API.", responsibility: "Разработка новых сервисов от API до интерфейса. Поддержка CI/CD.", experience: EXPERIENCE.between3And6, role: ROLE_DEV, salary: 250000 },
  { name: "Python-разработчик (Django)", variants: ["Python-разработчик (Django)", "Backend-разработчик Python/Django", "Middle Python-разработчик"], skills: ["Python", "Django", "PostgreSQL", "Celery", "Redis", "Docker"], requirement: "Коммерческий опыт на <highlighttext>Python</highlighttext> от 2 лет, знание Django ORM и PostgreSQL.", responsibility: "Разработка backend-сервисов CRM. Интеграции с внешними API.", experience: EXPERIENCE.between1And3, role: ROLE_DEV, salary: 210000 },
  { name: "Backend-разработчик Python (FastAPI)", variants: ["Backend-разработчик Python (FastAPI)", "Senior Python-разработчик (asyncio)", "Python-разработчик в команду платежей"], skills: ["Python", "FastAPI", "asyncio", "SQLAlchemy", "Kafka", "PostgreSQL"], requirement: "Опыт асинхронной разработки на Python. Понимание брокеров сообщений.", responsibility: "Проектирование и разработка микросервисов. Написание тестов, участие в дежурствах.", experience: EXPERIENCE.between3And6, role: ROLE_DEV, salary: 270000 },
  { name: "Аналитик данных", variants: ["Аналитик данных", "Старший аналитик данных", "Аналитик данных (SQL, Python)"], skills: ["SQL", "Python", "Pandas", "Tableau", "A/B-тесты", "Математическая статистика"], requirement: "Уверенный SQL, опыт работы с Python (Pandas). Знание основ статистики.", responsibility: "Построение отчётности и дашбордов. Анализ A/B-тестов, поиск точек роста.", experience: EXPERIENCE.between1And3, role: ROLE_ANALYST, salary: 160000 },
  { name: "Продуктовый аналитик", variants: ["Продуктовый аналитик", "Senior продуктовый аналитик", "Продуктовый аналитик (мобильное приложение)"], skills: ["SQL", "ClickHouse", "Amplitude", "A/B-тесты", "Python"], requirement: "Опыт в продуктовой аналитике от 2 лет. Умение формулировать и проверять гипотезы.", responsibility: "Исследование воронок и retention. Дизайн и анализ экспериментов.", experience: EXPERIENCE.between3And6, role: ROLE_ANALYST, salary: 200000 },
  { name: "BI-аналитик", variants: ["BI-аналитик", "BI-разработчик (Power BI)", "Аналитик BI-отчётности"], skills: ["Power BI", "SQL", "DAX", "Excel", "ETL"], requirement: "Опыт построения отчётов в Power BI, знание DAX.", responsibility: "Разработка витрин данных и отчётов для бизнеса.", experience: EXPERIENCE.between1And3, role: ROLE_ANALYST, salary: 150000 },
  { name: "Data Scientist", variants: ["Data Scientist", "ML-инженер", "Data Scientist (рекомендательные системы)"], skills: ["Python", "Machine Learning", "PyTorch", "scikit-learn", "SQL"], requirement: "Опыт обучения и внедрения моделей машинного обучения в продакшн.", responsibility: "Разработка моделей ранжирования и прогнозирования спроса.", experience: EXPERIENCE.between3And6, role: ROLE_DS, salary: 280000 },
  { name: "QA-инженер (автотесты)", variants: ["QA-инженер (автотесты)", "Инженер по тестированию", "QA Automation Engineer (Python)"], skills: ["Python", "Pytest", "Selenium", "Тестирование API", "Postman"], requirement: "Опыт автоматизации тестирования на Python от 1 года.", responsibility: "Разработка автотестов UI и API. Анализ и локализация дефектов.", experience: EXPERIENCE.between1And3, role: ROLE_QA, salary: 140000 },
  { name: "DevOps-инженер", variants: ["DevOps-инженер", "SRE-инженер", "DevOps-инженер (Kubernetes)"], skills: ["Kubernetes", "Docker", "Terraform", "CI/CD", "Linux", "Prometheus"], requirement: "Опыт администрирования Kubernetes, знание Terraform.", responsibility: "Поддержка и развитие инфраструктуры. Настройка мониторинга и алертинга.", experience: EXPERIENCE.between3And6, role: ROLE_DEVOPS, salary: 260000 },
  { name: "Java-разработчик", variants: ["Java-разработчик", "Senior Java-разработчик (Spring)", "Java-разработчик в команду биллинга"], skills: ["Java", "Spring Boot", "Hibernate", "PostgreSQL", "Kafka"], requirement: "Опыт разработки на Java 17+ и Spring Boot.", responsibility: "Разработка высоконагруженных сервисов биллинга.", experience: EXPERIENCE.between3And6, role: ROLE_DEV, salary: 260000 },
  { name: "Go-разработчик", variants: ["Go-разработчик", "Backend-разработчик (Golang)", "Senior Go-разработчик"], skills: ["Go", "gRPC", "PostgreSQL", "Redis", "Kubernetes"], requirement: "Коммерческий опыт на Go от 2 лет.", responsibility: "Разработка микросервисов логистической платформы.", experience: EXPERIENCE.between3And6, role: ROLE_DEV, salary: 280000 },
  { name: "iOS-разработчик", variants: ["iOS-разработчик", "Senior iOS-разработчик (Swift)", "iOS-разработчик (SwiftUI)"], skills: ["Swift", "SwiftUI", "UIKit", "Combine"], requirement: "Опыт разработки iOS-приложений на Swift от 2 лет.", responsibility: "Разработка мобильного банка, новые фичи и поддержка.", experience: EXPERIENCE.between1And3, role: ROLE_DEV, salary: 240000 },
  { name: "UX/UI-дизайнер", variants: ["UX/UI-дизайнер", "Продуктовый дизайнер", "Ведущий UX/UI-дизайнер"], skills: ["Figma", "Прототипирование", "UX-исследования", "Дизайн-системы"], requirement: "Портфолио с продуктовыми кейсами. Уверенное владение Figma.", responsibility: "Проектирование интерфейсов веб- и мобильных продуктов.", experience: EXPERIENCE.between1And3, role: ROLE_DESIGN, salary: 170000 },
  { name: "Верстальщик", variants: ["Верстальщик", "Junior веб-разработчик", "Стажёр frontend-разработчик"], skills: ["HTML5", "CSS3", "JavaScript", "БЭМ", "Git"], requirement: "Знание HTML и CSS, базовый JavaScript. Готовы рассмотреть без опыта.", responsibility: "Вёрстка лендингов и email-рассылок по макетам Figma.", experience: EXPERIENCE.noExperience, role: ROLE_DEV, salary: 70000 },
  { name: "1С-программист", variants: ["1С-программист", "Ведущий программист 1С", "Программист 1С:ERP"], skills: ["1С:Предприятие", "1С:ERP", "SQL"], requirement: "Опыт доработки типовых конфигураций 1С от 3 лет.", responsibility: "Доработка и сопровождение 1С:ERP, интеграции с сайтом.", experience: EXPERIENCE.between3And6, role: ROLE_DEV, salary: 180000 },
  { name: "Системный аналитик", variants: ["Системный аналитик", "Ведущий системный аналитик", "Системный аналитик (интеграции)"], skills: ["BPMN", "UML", "SQL", "REST API", "Confluence"], requirement: "Опыт написания ТЗ и проектирования интеграций.", responsibility: "Сбор и формализация требований, проектирование API.", experience: EXPERIENCE.between3And6, role: ROLE_ANALYST, salary: 210000 },
];

/** Vacancies the tests and the e2e suite refer to by name. */
export const SPECIAL_VACANCIES = {
  normal: "93000001",
  testRequired: "93000002",
  letterRequired: "93000003",
  direct: "93000004",
  archived: "93000005",
} as const;

/** Users' and resumes' ids are fixed; `resumes` names each seeded resume. */
const ANNA = "58210001";
const IVAN = "58210002";
const BENCH = "58210003";
const OLGA = "58210004";
const rid = (user: string, n: number) => stableHex(`resume:${user}:${n}`, 38);

export const SANDBOX_USERS = {
  anna: {
    id: ANNA, first_name: "Анна", last_name: "Смирнова", name: "Анна Смирнова",
    resumes: { frontend: rid(ANNA, 1), web: rid(ANNA, 2), draft: rid(ANNA, 3) },
  },
  ivan: {
    id: IVAN, first_name: "Иван", last_name: "Петров", name: "Иван Петров",
    resumes: { analyst: rid(IVAN, 1), python: rid(IVAN, 2) },
  },
  bench: {
    id: BENCH, first_name: "Тест", last_name: "Нагрузочный", name: "Тест Нагрузочный",
    resumes: Object.fromEntries(Array.from({ length: 20 }, (_, k) => [`r${k + 1}`, rid(BENCH, k + 1)])) as Record<string, string>,
  },
  olga: { id: OLGA, first_name: "Ольга", last_name: "Новикова", name: "Ольга Новикова", resumes: {} as Record<string, string> },
} as const;

export function seedUsers(): SandboxUser[] {
  return [
    { id: ANNA, first_name: "Анна", last_name: "Смирнова", middle_name: "Сергеевна", email: "anna.smirnova@example.ru" },
    { id: IVAN, first_name: "Иван", last_name: "Петров", middle_name: "Алексеевич", email: "ivan.petrov@example.ru" },
    { id: BENCH, first_name: "Тест", last_name: "Нагрузочный", middle_name: null, email: "bench@example.ru" },
    { id: OLGA, first_name: "Ольга", last_name: "Новикова", middle_name: "Игоревна", email: "olga.novikova@example.ru" },
  ];
}

const HIGHER: IdName = { id: "higher", name: "Высшее" };
const RU_EN = (level: string, levelName: string) => [
  { id: "rus", name: "Русский", level: { id: "l1", name: "Родной" } },
  { id: "eng", name: "Английский", level: { id: level, name: levelName } },
];
const T = (iso: string) => Date.parse(iso);

type ResumeInit = Omit<SandboxResume, "title" | "touches">;
const ANNA_EDUCATION = { level: HIGHER, primary: [{ name: "МГТУ им. Н. Э. Баумана", organization: "Информатика и системы управления", result: "Программная инженерия", year: 2019 }] };
const IVAN_EDUCATION = { level: HIGHER, primary: [{ name: "Санкт-Петербургский государственный университет", organization: "Математико-механический факультет", result: "Прикладная математика", year: 2019 }] };

const resume = (r: ResumeInit): SandboxResume => ({ ...r, title: r.base_title, touches: 0 });

export function seedResumes(): SandboxResume[] {
  const out: SandboxResume[] = [
    resume({
      id: rid(ANNA, 1), owner_id: ANNA, base_title: "Frontend-разработчик (React)", status: "published", access: "clients",
      area_id: "1", salary: { amount: 250000, currency: "RUR" }, total_experience_months: 75,
      skill_set: ["React", "TypeScript", "Redux", "Next.js", "Jest", "Webpack", "CSS3", "REST API"],
      skills: "Frontend-разработчик с шестилетним опытом. Люблю аккуратные интерфейсы, типизацию и быстрые страницы. Наставник для двух junior-разработчиков.",
      experience: [
        { company: "Медиаплатформа Волна", position: "Ведущий frontend-разработчик", start: "2022-02-01", end: null, description: "Разработала с нуля кабинет рекламодателя на React и TypeScript (40+ экранов). Перевела сборку на Vite — сборка ускорилась с 4 минут до 40 секунд. Внедрила Storybook и дизайн-систему из 60 компонентов." },
        { company: "Ромашка Digital", position: "Frontend-разработчик", start: "2019-09-01", end: "2022-01-31", description: "Поддерживала интернет-магазин на React/Redux с 200 тыс. посетителей в день, ускорила первую отрисовку на 35%, покрыла ключевые сценарии тестами Jest и Cypress." },
      ],
      professional_roles: [ROLE_DEV],
      education: ANNA_EDUCATION,
      language: RU_EN("b2", "B2 — Средне-продвинутый"),
      created_at: T("2024-03-11T09:00:00Z"), updated_at: T("2026-11-20T08:15:00Z"),
    }),
    resume({
      id: rid(ANNA, 2), owner_id: ANNA, base_title: "Веб-разработчик", status: "published", access: "clients",
      area_id: "1", salary: { amount: 180000, currency: "RUR" }, total_experience_months: 75,
      skill_set: ["JavaScript", "HTML5", "CSS3", "Vue.js", "PHP", "WordPress", "БЭМ", "Git"],
      skills: "Делаю сайты под ключ: от вёрстки по макету до интеграции с CMS. Аккуратно отношусь к доступности и кроссбраузерности.",
      experience: [
        { company: "Студия «Пиксель»", position: "Веб-разработчик", start: "2021-05-01", end: null, description: "Сделала 30+ корпоративных сайтов и лендингов на Vue.js и WordPress, настроила автоматическую сборку и деплой, сократила время запуска проекта с месяца до двух недель." },
        { company: "Фриланс", position: "Верстальщик", start: "2019-06-01", end: "2021-04-30", description: "Адаптивная вёрстка по БЭМ для небольших агентств, email-рассылки, доработки тем WordPress." },
      ],
      professional_roles: [ROLE_DEV],
      education: ANNA_EDUCATION,
      language: RU_EN("b2", "B2 — Средне-продвинутый"),
      created_at: T("2024-06-02T10:00:00Z"), updated_at: T("2026-10-05T12:40:00Z"),
    }),
    resume({
      id: rid(ANNA, 3), owner_id: ANNA, base_title: "Преподаватель веб-разработки", status: "not_published", access: "no_one",
      area_id: "1", salary: null, total_experience_months: 14,
      skill_set: ["Педагогика", "JavaScript", "HTML5", "Публичные выступления", "Менторство"],
      skills: "Веду курсы по основам веб-разработки для взрослых, составляю программы и проверяю домашние задания.",
      experience: [
        { company: "Онлайн-школа «Код с нуля»", position: "Преподаватель", start: "2023-09-01", end: "2024-10-31", description: "Провела 120 занятий по HTML, CSS и JavaScript, 85% студентов защитили дипломные проекты." },
      ],
      professional_roles: [ROLE_TEACHER],
      education: ANNA_EDUCATION,
      language: RU_EN("b2", "B2 — Средне-продвинутый"),
      created_at: T("2025-01-15T10:00:00Z"), updated_at: T("2025-01-15T10:00:00Z"),
    }),
    resume({
      id: rid(IVAN, 1), owner_id: IVAN, base_title: "Аналитик данных", status: "published", access: "clients",
      area_id: "2", salary: { amount: 200000, currency: "RUR" }, total_experience_months: 58,
      skill_set: ["SQL", "Python", "Pandas", "Tableau", "ClickHouse", "A/B-тесты", "Математическая статистика", "Excel"],
      skills: "Аналитик с инженерным бэкграундом: строю отчётность, которой доверяют, и считаю эксперименты без p-hacking.",
      experience: [
        { company: "Логистика 360", position: "Аналитик данных", start: "2021-08-01", end: null, description: "Построил систему дашбордов по доставке в Tableau для 40 складов, автоматизировал еженедельную отчётность (экономия 20 часов в неделю), провёл 15 A/B-тестов тарифов." },
        { company: "Банк «Северная столица»", position: "Младший аналитик", start: "2020-01-01", end: "2021-07-31", description: "Готовил выгрузки на SQL для отдела рисков, считал когортный анализ кредитного портфеля." },
      ],
      professional_roles: [ROLE_ANALYST],
      education: IVAN_EDUCATION,
      language: RU_EN("c1", "C1 — Продвинутый"),
      created_at: T("2024-02-01T09:00:00Z"), updated_at: T("2026-11-28T07:00:00Z"),
    }),
    resume({
      id: rid(IVAN, 2), owner_id: IVAN, base_title: "Python-разработчик", status: "published", access: "clients",
      area_id: "2", salary: { amount: 230000, currency: "RUR" }, total_experience_months: 58,
      skill_set: ["Python", "FastAPI", "Django", "PostgreSQL", "Docker", "Celery", "Redis", "pytest"],
      skills: "Пишу backend на Python: от прототипа до сервиса под нагрузкой. Покрываю код тестами и пишу понятную документацию.",
      experience: [
        { company: "ДатаЛаб", position: "Python-разработчик", start: "2023-03-01", end: null, description: "Разработал сервис загрузки данных на FastAPI и Celery (2 млн событий в сутки), сократил время ответа API в 3 раза за счёт кэша на Redis и оптимизации запросов к PostgreSQL." },
        { company: "Логистика 360", position: "Аналитик-разработчик", start: "2021-08-01", end: "2023-02-28", description: "Писал ETL-скрипты на Python и внутренние Django-приложения для отдела аналитики." },
      ],
      professional_roles: [ROLE_DEV],
      education: IVAN_EDUCATION,
      language: RU_EN("c1", "C1 — Продвинутый"),
      created_at: T("2024-09-10T09:00:00Z"), updated_at: T("2026-11-25T15:30:00Z"),
    }),
  ];
  for (let k = 0; k < 20; k++) {
    const role = ROLES[k % ROLES.length]!;
    const employer = EMPLOYERS[(k * 4 + 1) % EMPLOYERS.length]!;
    out.push(resume({
      id: rid(BENCH, k + 1), owner_id: BENCH, base_title: k < ROLES.length ? role.name : `${role.name} (вариант ${k + 1})`,
      status: "published", access: "clients", area_id: ["1", "2", "4", "3", "88"][k % 5]!,
      salary: k % 4 === 3 ? null : { amount: role.salary + k * 5000, currency: "RUR" }, total_experience_months: 24 + k * 3,
      skill_set: role.skills, skills: `Нагрузочный профиль №${k + 1}: ${role.skills.join(", ")}.`,
      experience: [{ company: employer.name, position: role.name, start: `${2018 + (k % 5)}-0${1 + (k % 9)}-01`, end: null, description: `${role.responsibility} Проект №${k + 1}: ${role.requirement.replace(/<\/?highlighttext>/g, "")}` }],
      professional_roles: [role.role],
      education: { level: HIGHER, primary: [{ name: "Новосибирский государственный университет", organization: "Факультет информационных технологий", result: "Информатика", year: 2015 + (k % 5) }] },
      language: RU_EN("b1", "B1 — Средний"),
      created_at: T("2025-06-01T09:00:00Z") + k * 86_400_000, updated_at: T("2026-11-01T09:00:00Z") + k * 3_600_000,
    }));
  }
  return out;
}

const AREA_CYCLE = ["1", "2", "4", "3", "88", "66", "1", "2"];

function description(name: string, employer: string, role: Role): string {
  const strip = (s: string) => s.replace(/<\/?highlighttext>/g, "");
  return [
    `<p>Компания «${employer}» ищет специалиста на позицию <strong>${name}</strong>.</p>`,
    `<p><strong>Обязанности:</strong></p><ul><li>${strip(role.responsibility)}</li><li>Взаимодействие с командой продукта и дизайна.</li></ul>`,
    `<p><strong>Требования:</strong></p><ul><li>${strip(role.requirement)}</li><li>Ключевые навыки: ${role.skills.join(", ")}.</li></ul>`,
    `<p><strong>Условия:</strong></p><ul><li>Оформление по ТК РФ, ДМС со стоматологией.</li><li>Обучение и конференции за счёт компании.</li></ul>`,
  ].join("");
}

/** 65 vacancies; `now` only shifts `published_at`, the order and content are fixed. */
export function seedVacancies(now: number): SandboxVacancy[] {
  const list: SandboxVacancy[] = [];
  const make = (id: string, i: number, role: Role, over: Partial<SandboxVacancy> = {}): SandboxVacancy => {
    const employer = EMPLOYERS[(i * 7 + 3) % EMPLOYERS.length]!;
    const area = AREA_CYCLE[i % AREA_CYCLE.length]!;
    const factor = area === "1" ? 1 : area === "2" ? 0.9 : 0.75;
    const from = Math.round((role.salary * factor) / 5000) * 5000;
    const salaryKind = i % 6;
    const name = role.variants[Math.floor(i / ROLES.length) % role.variants.length]!;
    return {
      id, name, area_id: area,
      salary: salaryKind === 2 ? null
        : { from: salaryKind === 4 ? null : from, to: salaryKind === 1 || salaryKind === 4 ? from + 80000 : null, currency: "RUR", gross: salaryKind !== 3 },
      employer_id: employer.id, requirement: role.requirement, responsibility: role.responsibility,
      schedule: i % 5 === 0 ? SCHEDULES.remote : i % 4 === 1 ? SCHEDULES.flexible : SCHEDULES.fullDay,
      experience: role.experience, employment: i % 13 === 7 ? EMPLOYMENT.project : EMPLOYMENT.full,
      professional_role: role.role, key_skills: role.skills, description: description(name, employer.name, role),
      has_test: i % 11 === 4, response_letter_required: i % 7 === 3, archived: false, type: "open",
      published_at: now - (i + 6) * 47 * 60_000,
      ...over,
    };
  };
  const fe = ROLES[0]!;
  const py = ROLES[4]!;
  const an = ROLES[5]!;
  const spec = (id: string, i: number, role: Role, over: Partial<SandboxVacancy>) =>
    make(id, i, role, { area_id: "1", published_at: now - (i + 1) * 20 * 60_000, has_test: false, response_letter_required: false, ...over });
  list.push(spec(SPECIAL_VACANCIES.normal, 0, fe, { name: "Frontend-разработчик (React)", schedule: SCHEDULES.remote, salary: { from: 220000, to: 300000, currency: "RUR", gross: false } }));
  list.push(spec(SPECIAL_VACANCIES.testRequired, 1, py, { name: "Python-разработчик (с тестовым заданием)", has_test: true }));
  list.push(spec(SPECIAL_VACANCIES.letterRequired, 2, an, { name: "Аналитик данных (нужно сопроводительное письмо)", response_letter_required: true, area_id: "2" }));
  list.push(spec(SPECIAL_VACANCIES.direct, 3, ROLES[2]!, { name: "Fullstack-разработчик (отклик на сайте компании)", type: "direct" }));
  list.push(spec(SPECIAL_VACANCIES.archived, 4, ROLES[3]!, { name: "Python-разработчик (вакансия в архиве)", archived: true }));
  for (let i = 0; i < 60; i++) list.push(make(String(93000100 + i), i, ROLES[i % ROLES.length]!));
  return list;
}
