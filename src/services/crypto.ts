/** AES-GCM encryption of hh tokens at rest (WebCrypto), keyed by TOKEN_ENCRYPTION_KEY. */

const VERSION = "v1";
const keyCache = new Map<string, Promise<CryptoKey>>();

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));

function importKey(base64Key: string | undefined): Promise<CryptoKey> {
  if (!base64Key) throw new Error("TOKEN_ENCRYPTION_KEY is not set");
  let key = keyCache.get(base64Key);
  if (!key) {
    const raw = fromBase64(base64Key);
    if (raw.length !== 32) throw new Error("TOKEN_ENCRYPTION_KEY must be 32 bytes, base64");
    key = crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
    keyCache.set(base64Key, key);
  }
  return key;
}

/** `context` is bound as additional data, so a ciphertext cannot be moved to another user's row. */
export async function encryptSecret(base64Key: string | undefined, plaintext: string, context: string) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: new TextEncoder().encode(context) },
    await importKey(base64Key),
    new TextEncoder().encode(plaintext),
  );
  return `${VERSION}.${toBase64(iv)}.${toBase64(new Uint8Array(data))}`;
}

export async function decryptSecret(base64Key: string | undefined, sealed: string, context: string) {
  const [version, iv, data] = sealed.split(".");
  if (version !== VERSION || !iv || !data) throw new Error("unknown ciphertext format");
  const plain = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: fromBase64(iv), additionalData: new TextEncoder().encode(context) },
    await importKey(base64Key),
    fromBase64(data),
  );
  return new TextDecoder().decode(plain);
}

/** Hex SHA-256, for storing only hashes of session ids. */
export async function sha256Hex(text: string) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A random URL-safe id with `bytes` bytes of entropy. */
export function randomId(bytes = 24) {
  return toBase64(crypto.getRandomValues(new Uint8Array(bytes)))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replaceAll("=", "");
}
