/** Every word the UI shows, grouped by page. Russian only. */
import type { ApplicationStatus } from "../shared/schema";

export const TEST_REQUIRED_REASON = "Вакансия требует тестового задания. Отклик возможен только на hh.ru.";
export const LOGIN_URL = "/auth/hh/start";
export const NEW_RESUME_URL = "https://hh.ru/applicant/resumes/new";

export const common = {
  appName: "Отклик",
  login: "Войти через hh.ru",
  loggedOutTitle: "Войдите через hh.ru",
  loggedOutText:
    "«Отклик» берёт ваши резюме и вакансии с hh.ru и отправляет отклики от вашего имени. Чтобы начать, войдите через hh.ru — пароль остаётся на hh.ru.",
  revokedTitle: "Доступ к hh.ru отозван",
  revokedText: "Мы не можем обновлять резюме и отправлять отклики, пока вы не подключите hh.ru снова.",
  reconnect: "Переподключить hh.ru",
  retry: "Повторить",
  close: "Закрыть",
  loading: "Загрузка…",
  meError: "Не удалось загрузить профиль.",
  networkError: "Нет связи с сервером. Проверьте интернет и попробуйте ещё раз.",
  serverError: (status: number) => `Что-то пошло не так (ошибка ${status}). Попробуйте ещё раз.`,
  loggedOut: "Вы вышли из аккаунта.",
  pageTitle: (page: string) => `${page} — Отклик`,
};

export const tabs = {
  label: "Разделы",
  vacancies: "Вакансии",
  history: "История",
  profile: "Профиль",
  pending: (n: number) => `${n} ${plural(n, "отклик", "отклика", "откликов")} в процессе`,
};

export const loginErrors: Record<string, string> = {
  access_denied: "Вы отказались от входа на hh.ru.",
  bad_state: "Ссылка входа устарела — начните вход заново.",
  bad_request: "hh.ru вернул неполный ответ. Попробуйте войти ещё раз.",
  hh_refused: "hh.ru отказал во входе. Попробуйте ещё раз чуть позже.",
  hh_unavailable: "hh.ru не отвечает. Попробуйте войти через несколько минут.",
};
export const loginErrorFallback = "Не удалось войти через hh.ru. Попробуйте ещё раз.";

export const profile = {
  title: "Профиль",
  logout: "Выйти",
  resumesTitle: "Резюме",
  resumesHint: "Выберите резюме, с которым отправлять отклики.",
  sync: "Обновить резюме из hh.ru",
  syncing: "Обновляем…",
  syncRunning: "Обновляем резюме с hh.ru…",
  lastSync: (when: string) => `Последняя синхронизация: ${when}`,
  neverSynced: "Резюме ещё не загружались с hh.ru.",
  updated: (date: string) => `Обновлено ${date}`,
  selected: "Активное",
  saving: "Сохраняем…",
  selectedToast: (title: string) => `Активное резюме: ${title}`,
  openOnHh: "Открыть на hh.ru",
  emptyTitle: "Резюме пока нет",
  emptyNeverSynced: "Нажмите «Обновить резюме из hh.ru», чтобы загрузить ваши резюме.",
  emptySynced: "На hh.ru у вас нет ни одного резюме. Создайте его — и обновите список здесь.",
  createResume: "Создать резюме на hh.ru",
  loadError: "Не удалось загрузить резюме.",
  statuses: {
    published: "Опубликовано",
    not_published: "Не опубликовано",
    blocked: "Заблокировано",
    artifact: "В архиве",
    modified: "Изменено, ожидает публикации",
  } as Record<string, string>,
};

export const vacancies = {
  title: "Вакансии",
  needLoginText: "Войдите через hh.ru, чтобы листать вакансии и откликаться.",
  noResumeTitle: "Выберите резюме",
  noResumeText: "Отклики отправляются с выбранным резюме. Выберите его в профиле — и возвращайтесь к вакансиям.",
  toProfile: "Перейти в профиль",
  sourceSimilar: (title: string) => `Подобраны под резюме «${title}»`,
  sourceSearch: "Результаты поиска",
  skip: "Пропустить",
  apply: "Откликнуться",
  keysHint: "Перетащите карточку или нажмите ← / →",
  noSalary: "з/п не указана",
  from: "от",
  to: "до",
  hasTest: "Тестовое задание",
  letterRequired: "Нужно сопроводительное письмо",
  requirement: "Требования",
  responsibility: "Обязанности",
  openOnHh: "Открыть на hh.ru",
  emptyTitle: "Вакансии закончились",
  emptyText: "Вы просмотрели всё, что нашлось. Попробуйте изменить фильтры или загляните позже.",
  changeFilters: "Изменить фильтры",
  reload: "Обновить",
  loadError: "Не удалось загрузить вакансии.",
  filters: "Фильтры",
  filtersActive: (n: number) => `Фильтры (${n})`,
  search: "Поиск",
  searchPlaceholder: "Должность, навык или компания",
  regions: "Регионы",
  regionsFilter: "Найти регион",
  regionsLoading: "Загружаем регионы…",
  regionsError: "Не удалось загрузить регионы.",
  salary: "Зарплата от, ₽",
  onlyWithSalary: "Только с зарплатой",
  applyFilters: "Применить",
  resetFilters: "Сбросить",
  sending: "Отклик отправляется…",
  sent: (title: string) => `Отклик отправлен: ${title}`,
  failed: (reason: string) => `Не удалось: ${reason}`,
  skipFailed: (message: string) => `Не удалось пропустить вакансию: ${message}`,
  unknownReason: "hh.ru не принял отклик.",
};

export const history = {
  title: "История откликов",
  empty: "Вы ещё не откликались",
  emptyText: "Откликнитесь на вакансию свайпом вправо — и она появится здесь.",
  toVacancies: "К вакансиям",
  loadError: "Не удалось загрузить историю.",
  status: {
    queued: "В очереди",
    sending: "Отправляется",
    success: "Отправлен",
    failed: "Ошибка",
  } satisfies Record<ApplicationStatus, string>,
  untitled: "Вакансия без названия",
  resume: (title: string) => `Резюме: ${title}`,
  created: (date: string) => `Отклик: ${date}`,
  updated: (date: string) => `обновлено ${date}`,
  applyOnHh: "Откликнуться на hh.ru",
  applyOnEmployerSite: "Откликнуться на сайте работодателя",
  retry: "Отправить снова",
  letter: "Сопроводительное письмо",
};

/** Russian plural: 1 минуту, 2 минуты, 5 минут, 21 минуту, 11 минут. */
export function plural(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}
