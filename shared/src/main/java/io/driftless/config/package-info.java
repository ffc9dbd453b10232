/** The engine's configuration: the keys every front end (functions, CLI) reads, with their defaults. */
package io.driftless.config;
