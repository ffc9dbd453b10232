/**
 * The render stage (trigger → source → render → apply → record): turns a fetched source into the objects
 * one Kustomization applies. {@link io.driftless.render.FluxBuilder} runs the pure-Java kustomize renderer
 * ({@code kustomize}), then Flux's layer on top: SOPS decryption ({@code decrypt}) and postBuild variable
 * substitution ({@code substitute}).
 */
package io.driftless.render;
