/** What hh.ru's refusals mean, in Russian, for the user. */
import { HhApiError, HhDisconnectedError, HhOAuthError, HhUnavailableError } from "./errors";

export const TEST_REQUIRED_REASON = "Вакансия требует тестового задания. Отклик возможен только на hh.ru.";

export const APP_ACCESS_DENIED =
  "hh.ru не разрешает этому приложению работать с резюме и откликами соискателя (доступ приложения к API ограничен hh.ru).";
export const RECONNECT_REQUIRED = "Доступ к hh.ru отозван или истёк. Войдите через hh.ru ещё раз.";
export const HH_UNAVAILABLE = "hh.ru сейчас не отвечает. Попробуйте немного позже.";
export const HH_RATE_LIMITED = "hh.ru просит подождать: слишком много запросов. Попробуйте через минуту.";
export const DAILY_LIMIT_REASON =
  "hh.ru ограничивает число откликов: не больше 200 за последние 24 часа. Новые отклики станут доступны, когда часть старых выйдет из этого окна.";

/** Reasons for every documented `negotiations` error value of POST /negotiations. */
export const NEGOTIATION_REASONS: Record<string, string> = {
  test_required: TEST_REQUIRED_REASON,
  already_applied: "Вы уже откликались на эту вакансию на hh.ru.",
  invalid_vacancy: "Вакансия скрыта или снята с публикации, откликнуться на неё нельзя.",
  archived: "Вакансия в архиве: работодатель больше не принимает отклики.",
  vacancy_not_found: "Вакансия не найдена на hh.ru — возможно, её удалили.",
  resume_not_found: "Резюме не найдено на hh.ru: возможно, оно скрыто или удалено. Обновите резюме в профиле и выберите другое.",
  resume_deleted: "Резюме, с которым отправлялся отклик, удалено или скрыто на hh.ru.",
  resume_visibility_conflict:
    "Работодатель скрыл название компании, а ваше резюме видно только выбранным компаниям. Откройте доступ к резюме на hh.ru или выберите другое резюме.",
  application_denied: "hh.ru не разрешил отклик на эту вакансию. Попробуйте откликнуться на сайте hh.ru.",
  limit_exceeded: DAILY_LIMIT_REASON,
  empty_message: "Работодатель требует сопроводительное письмо, а оно пустое. Напишите письмо и откликнитесь снова.",
  message_cannot_be_empty: "Работодатель требует сопроводительное письмо, а оно пустое. Напишите письмо и откликнитесь снова.",
  too_long_message: "Сопроводительное письмо длиннее, чем разрешает hh.ru (10 000 символов). Сократите его.",
  inappropriate_language: "hh.ru отклонил сопроводительное письмо из-за недопустимых выражений. Исправьте текст.",
  inappropriate_language_message: "hh.ru отклонил сопроводительное письмо из-за недопустимых выражений. Исправьте текст.",
  resource_policy_violation: "hh.ru счёл сопроводительное письмо нарушающим правила сервиса. Измените текст.",
  resource_policy_violation_message: "hh.ru счёл сопроводительное письмо нарушающим правила сервиса. Измените текст.",
  wrong_state: "Отклик на эту вакансию сейчас невозможен: переписка в неподходящем состоянии.",
  edit_forbidden: "hh.ru не разрешает изменить этот отклик.",
  address_not_found: "Адрес вакансии не найден на hh.ru.",
  not_enough_purchased_services: "Для этого действия на hh.ru нужны платные услуги.",
  in_a_row_limit: "Слишком много сообщений подряд: дождитесь ответа работодателя.",
  overall_limit: "Достигнут лимит сообщений на hh.ru.",
  no_invitation: "Переписка недоступна: работодатель ещё не приглашал вас.",
  disabled_by_employer: "Работодатель отключил переписку по этой вакансии.",
  chat_archived: "Отклик на эту вакансию в архиве на hh.ru.",
  topic_archived: "Отклик на эту вакансию в архиве на hh.ru.",
  chat_is_not_ready: "hh.ru ещё готовит переписку по отклику. Попробуйте позже.",
};

const OAUTH_REASONS: Record<string, string> = {
  token_expired: RECONNECT_REQUIRED,
  token_revoked: RECONNECT_REQUIRED,
  bad_authorization: RECONNECT_REQUIRED,
  user_auth_expected: RECONNECT_REQUIRED,
  application_not_found: APP_ACCESS_DENIED,
};

export const externalApplyReason = (url: string) =>
  `Работодатель принимает отклики только на своём сайте: ${url}`;

const mentionsTest = (err: HhApiError) =>
  /test/i.test(`${err.value ?? ""}`) || /тест/i.test(String(err.details.description ?? ""));

/** A Russian sentence for any failure of an hh.ru call. */
export function explainHhError(err: unknown): string {
  if (err instanceof HhDisconnectedError) return RECONNECT_REQUIRED;
  if (err instanceof HhUnavailableError) return HH_UNAVAILABLE;
  if (err instanceof HhOAuthError) return RECONNECT_REQUIRED;
  if (!(err instanceof HhApiError)) return HH_UNAVAILABLE;
  if (err.value === "limit_exceeded") return DAILY_LIMIT_REASON;
  if (err.type === "negotiations") return NEGOTIATION_REASONS[err.value ?? ""] ?? (mentionsTest(err) ? TEST_REQUIRED_REASON : `hh.ru отклонил отклик (${err.value ?? "без пояснения"}).`);
  if ((err.status === 400 || err.status === 403) && mentionsTest(err)) return TEST_REQUIRED_REASON;
  if (err.type === "oauth") return OAUTH_REASONS[err.value ?? ""] ?? RECONNECT_REQUIRED;
  if (err.type === "forbidden" || (err.status === 403 && err.type !== "captcha_required")) return APP_ACCESS_DENIED;
  if (err.type === "captcha_required") return "hh.ru просит пройти капчу. Откройте hh.ru в браузере, пройдите проверку и повторите.";
  if (err.status === 429) return HH_RATE_LIMITED;
  if (err.type === "bad_argument") return `hh.ru не принял запрос: неверное поле «${err.value ?? "?"}».`;
  if (err.status === 404) return "hh.ru не нашёл запрошенное: возможно, это удалили.";
  return `hh.ru отклонил запрос (${err.type}${err.value ? `: ${err.value}` : ""}).`;
}
