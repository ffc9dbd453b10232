/**
 * SOPS decryption for the render stage, in process and in memory, with no {@code sops} binary.
 *
 * <h2>For a Flux user moving over</h2>
 *
 * <ul>
 *   <li>Keep {@code spec.decryption: {provider: sops, secretRef: {name: sops-age}}} on the
 *       Kustomization. The Secret is read from the Kustomization's namespace on the target cluster
 *       and turned into keys with {@link io.driftless.render.decrypt.DecryptionKeys#fromSecretData}:
 *       {@code *.agekey} entries hold age identities ({@code AGE-SECRET-KEY-1…}, one per line,
 *       {@code #} comments), {@code *.asc} entries hold armored OpenPGP private keys without a
 *       passphrase. Entries named {@code sops.aws-kms}, {@code sops.azure-kv}, {@code sops.gcp-kms}
 *       or {@code sops.vault-token} are accepted but not supported: a file that needs them fails
 *       with an error naming the key type.
 *   <li>Keys can instead be registered with Driftless by reference ({@code DRIFTLESS_SOPS_KEYS}:
 *       files, {@code env:NAME} or Secrets Manager ARNs, {@link
 *       io.driftless.render.decrypt.DecryptionKeys#fromReferences}); a reference ending in {@code .asc}
 *       is a PGP key, anything else age identities (an unencrypted OpenSSH ed25519 key also works).
 *   <li>What is decrypted, as kustomize-controller does: objects with top-level {@code sops}
 *       metadata ({@link io.driftless.render.decrypt.SopsDecryptor#decryptObject}), Secret {@code
 *       data} values that are base64 of a whole SOPS file, and secretGenerator/configMapGenerator
 *       files and env files before the build ({@link
 *       io.driftless.render.decrypt.SopsDecryptor#decryptFile}). Annotate an object {@code
 *       kustomize.toolkit.fluxcd.io/decrypt: Disabled} to leave it as it is. Decryption runs before
 *       postBuild substitution.
 *   <li>Every file's MAC is verified; a file with a bad or missing MAC is refused, as Flux refuses
 *       it. Post-quantum hybrid age keys ({@code AGE-SECRET-KEY-PQ-1…}) are refused with a clear
 *       error.
 *   <li>{@code driftless build ks} prints decrypted Secret values as {@code **SOPS**} ({@link
 *       io.driftless.render.decrypt.Masking#maskSecretValues}).
 * </ul>
 *
 * <p>Errors ({@link io.driftless.render.decrypt.DecryptionException}) name the file, the object and
 * the value's key path, and the public recipients tried; never plaintext or private key material.
 * The formats live in {@code .sops}, age in {@code .age}, OpenPGP in {@code .pgp}.
 */
package io.driftless.render.decrypt;
