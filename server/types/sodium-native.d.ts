// The part of sodium-native (native libsodium bindings, https://github.com/holepunchto/sodium-native) the server
// uses; the package ships no types.
declare module 'sodium-native' {
  /** Bytes a sealed box adds to its plaintext (48). */
  export const crypto_box_SEALBYTES: number;
  /** Opens a sealed box into `message` (length = ciphertext − SEALBYTES); false when it does not open. */
  export function crypto_box_seal_open(message: Uint8Array, ciphertext: Uint8Array, publicKey: Uint8Array, secretKey: Uint8Array): boolean;
  const sodium: { crypto_box_SEALBYTES: number; crypto_box_seal_open: typeof crypto_box_seal_open };
  export default sodium;
}
