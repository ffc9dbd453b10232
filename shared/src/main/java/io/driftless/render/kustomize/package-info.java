/**
 * A pure-Java {@code kubectl kustomize} (kustomize v5.5.0): {@link io.driftless.render.kustomize.Kustomizer}
 * builds a directory of an injected {@link io.driftless.render.kustomize.KustomizeFileSystem} and
 * prints exactly the bytes kubectl prints; {@link io.driftless.render.kustomize.KustomizeRenderer}
 * is the engine's renderer (with Flux's generated kustomization), and
 * {@link io.driftless.render.kustomize.SpecKustomizer} adds the rest of what kustomize-controller does
 * around the build.
 *
 * <p>Supported kustomization fields: {@code resources} (files, directories, nested kustomizations,
 * {@code kind: List}), {@code bases}, {@code components}, {@code namespace}, {@code namePrefix},
 * {@code nameSuffix}, {@code commonLabels}, {@code labels} (pairs, includeSelectors,
 * includeTemplates, fields), {@code commonAnnotations}, {@code images} (newName, newTag, digest),
 * {@code replicas}, {@code configMapGenerator} and {@code secretGenerator} (literals, files with
 * {@code key=path}, envs, behavior create/merge/replace, options, type), {@code generatorOptions},
 * {@code patches} (strategic merge or JSON 6902, inline or file, targets by
 * group/version/kind/name/namespace regex, labelSelector, annotationSelector; options
 * allowNameChange, allowKindChange), {@code patchesStrategicMerge}, {@code patchesJson6902},
 * {@code replacements} (inline or path; delimiter, index, create, reject), {@code vars},
 * {@code configurations}, {@code crds} (OpenAPI definitions whose {@code x-kubernetes-*}
 * extensions give custom kinds name references, label-selector, annotation and identity fields),
 * {@code openapi} ({@code path} to a custom JSON or YAML schema whose merge keys and patch
 * strategies replace the built-in ones for every strategic merge of the build; {@code version}
 * v1.21.2, the one built in), {@code sortOptions} (legacy, the default, and fifo),
 * {@code buildMetadata} (originAnnotations, managedByLabel, transformerAnnotations; other options
 * are ignored, as kubectl ignores them). Name references follow renames through kustomize's
 * whole built-in nameReference table ({@code NameReferenceTable}): pod specs of the listed
 * workload kinds, bindings (with subject namespaces), ingresses (backends, TLS, auth annotations), HPAs,
 * StatefulSet service names and claim templates, webhook and API services, storage, priority
 * and RBAC resourceNames.
 *
 * <p>{@code generators} and {@code transformers} run configs of kustomize's builtin plugins
 * ({@code apiVersion: builtin}, from files, inline YAML or kustomization directories:
 * {@code BuiltinPlugins}); {@code configurations} reads every
 * fieldspec section.
 *
 * <p>Refused with an error naming the field: {@code helmCharts}, {@code helmGlobals},
 * HelmChartInflationGenerator, {@code validators}, exec and container plugins, remote resources.
 * Strategic merge directives other than {@code $patch} are kept as plain fields, as kustomize 5.5
 * does.
 *
 * <p>Safety: files are confined to each kustomization's directory (LoadRestrictionsRootOnly) and
 * the filesystem to its root (no {@code ..}, absolute paths or escaping symlinks); YAML aliases
 * are bounded; file size and object count are limited; duplicate ids fail as in kustomize.
 */
package io.driftless.render.kustomize;
