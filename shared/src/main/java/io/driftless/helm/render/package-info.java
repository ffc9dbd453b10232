/**
 * Rendering a Helm chart with Helm's own engine: helm-java 0.0.21 runs Helm 3.21 in-process (a CGO
 * library loaded through JNA; the Linux x86_64 build is on the classpath). Input: a chart directory or
 * {@code .tgz}, release name and namespace, the user-supplied values, the cluster's capabilities
 * ({@link io.driftless.helm.render.RenderRequest}). Output: what Helm would store for the release,
 * split as Helm splits it ({@link io.driftless.helm.render.RenderedChart}).
 *
 * <p>How each helm-java gap is closed here:
 * <ul>
 *   <li><b>Hooks.</b> helm-java's {@code template} prints only the release manifest. Before rendering,
 *       {@code helm.sh/hook} is renamed in every text file of a private copy of the chart (templates,
 *       values, files, unpacked subcharts) and in the values, so Helm prints hook documents as plain
 *       ones; the output gets the key back and is sorted into manifest and hooks by Helm's own rules
 *       (events, weight, delete and output-log policies; a hook with an unknown event is dropped).
 *       The manifest text is byte for byte what {@code helm install} stores (tested). A chart that
 *       computes the annotation key instead of writing it out, or hashes a file that contains it, would
 *       differ.</li>
 *   <li><b>NOTES.txt</b> is rendered through an added template that includes it with the same context.</li>
 *   <li><b>CRDs</b> come from {@code crds/} of the chart and its subcharts, untemplated, for the CRD
 *       policy to apply outside Helm as Flux does. Subcharts disabled by a condition are not filtered.</li>
 *   <li><b>Capabilities and {@code lookup}.</b> The Kubernetes version reaches Helm (parsed by Helm,
 *       which drops a pre-release part); the API versions from discovery and a kubeconfig cannot: in
 *       helm-java 0.0.21 (and its main branch as of this writing) neither {@code TemplateCommand} nor
 *       the native {@code TemplateOptions} has an API-versions or kubeconfig field, and its
 *       {@code install}, which takes a kubeconfig and reads discovery, returns only a status report.
 *       So the render copy's templates are rewritten ({@link io.driftless.helm.render.TemplateRewrite}):
 *       each {@code lookup} call and each {@code .APIVersions} use calls a named template Driftless
 *       writes into the copy ({@link io.driftless.helm.render.ClusterTemplates}), which answers from the
 *       release's {@link io.driftless.helm.render.TargetCluster}: the API versions from its discovery
 *       (the chart's own {@code crds/} added when they are applied first), and each lookup resolved on
 *       the cluster after the render stopped at it, the chart then rendered again with the answer.
 *       Without a target cluster the render is {@code helm template}'s: built-in API versions, empty
 *       lookups. Not seen: {@code lookup} or {@code .Capabilities} inside a string given to
 *       {@code tpl}, and {@code .Capabilities} reached other than through a field named
 *       {@code APIVersions}; Helm answers those alone (its lookup then goes to the process's own
 *       kubeconfig).</li>
 *   <li><b>Reading the output.</b> Helm's output (manifest, hooks, {@code crds/}) is read by
 *       {@link io.driftless.render.kustomize.yaml.YamlReader#readHelmDocuments} as Helm's kube client
 *       reads it: empty values and {@code ~} null, empty and comment-only documents skipped, a repeated
 *       key's last value kept.</li>
 *   <li><b>Post-renderers.</b> helm-java has none; {@link io.driftless.helm.render.HelmPostRenderer}
 *       runs helm-controller's chain (kustomize post-renderers through Driftless's own kustomize,
 *       commonMetadata, origin labels) over the manifest, which is then what the release stores.
 *       Hooks are not post-rendered (helm-controller's {@code nohooks}).</li>
 *   <li><b>Install/upgrade flags.</b> {@code disableSchemaValidation}: helm-java's {@code template} has
 *       no skip-schema option, so the render copy is written without any {@code values.schema.json}
 *       (the stored chart keeps it). {@code chart.spec.valuesFiles}: merged by
 *       {@link io.driftless.helm.render.ChartValuesFiles} and written as the render copy's (and the
 *       stored chart's) {@code values.yaml}, as source-controller repackages the chart.
 *       {@code upgrade.preserveValues} (Helm's ReuseValues) has no helm-java option: the values are
 *       coalesced before rendering ({@code io.driftless.helm.action.PreservedValues}). {@code replace},
 *       {@code force}, {@code cleanupOnFail} and {@code disableOpenAPIValidation} concern applying,
 *       which Driftless does itself (see {@code io.driftless.pipeline.HelmUnsupportedFields}).</li>
 *   <li><b>Values</b> are merged in Flux's order by {@link io.driftless.helm.render.FluxValues}; the chart's
 *       defaults are coalesced by Helm itself.</li>
 *   <li><b>Paths.</b> Every file goes under the caller's work directory; JNA's stub too; helm-java
 *       unpacks the native library into {@code java.io.tmpdir}. Helm's {@code HELM_*_HOME} variables
 *       are read by Go from the process environment at JVM start and cannot be set from Java;
 *       template.yaml sets them under /tmp, and rendering needs none of them (see
 *       {@link io.driftless.helm.render.HelmRuntime}).</li>
 *   <li>Rollback, post-renderers and a separate storage namespace are not Helm-engine matters here:
 *       apply is ours, and releases are written by {@code io.driftless.helm.release}.</li>
 * </ul>
 */
package io.driftless.helm.render;
