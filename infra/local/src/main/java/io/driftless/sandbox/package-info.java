/**
 * The sandbox: an in-process stand-in for a Kubernetes API server, built on fabric8's mock web
 * server with our own dispatcher, so that apply runs the exact requests a real cluster gets.
 *
 * <p>Served: {@code /version}, {@code /api}, {@code /apis} and per group-version discovery for the
 * built-in kinds plus every applied CRD; GET, LIST (label and field selectors, all namespaces),
 * POST, PUT (resourceVersion checked), DELETE (a Namespace takes its objects, a CRD its custom
 * resources), JSON patch, merge patch, strategic merge (lists keyed by name), server-side apply
 * ({@code fieldManager}, {@code force}, {@code dryRun=All}) with {@code managedFields} in the FieldsV1
 * format, conflicts and removal of fields a manager stopped applying, the {@code status}
 * subresource, meta.k8s.io Table output for kubectl, and an OpenAPI v3 document with permissive
 * schemas that tells kubectl to leave validation to the server (so kubectl apply and edit work),
 * and watches over WebSocket (ADDED/MODIFIED/DELETED, replayed from a recent resourceVersion) so
 * fabric8's informers, {@code waitUntilReady} and {@code waitUntilCondition} work.
 *
 * <p>Not served: kubectl's streamed HTTP watch ({@code kubectl get -w}), admission, validation against OpenAPI schemas, Update managers in
 * managedFields (only Apply operations are tracked), pods.
 * Simulated controllers make Deployments, StatefulSets and DaemonSets ready, Namespaces Active and
 * CRDs Established at once.
 *
 * <h2>Where it differed from a real kube-apiserver (v1.20.2), and what was done</h2>
 * The same test bodies run on both servers ({@code TestCluster} in the tests); these differences were
 * found that way:
 * <ul>
 *   <li>Server-side apply of a Service port or container port without {@code protocol}: v1.20 refuses it
 *       ("associative list with keys has an element that omits key field "protocol""); the sandbox
 *       accepted it. Now the sandbox refuses it with the same message ({@code AssociativeKeys}), and the
 *       apply stage sets {@code protocol: TCP} first, as Flux does, so neither server sees it.</li>
 *   <li>Server-side apply of a ConfigMap or Secret with a value of {@code data}, {@code binaryData} or
 *       {@code stringData} that is not a string ({@code key: [x, y]}, {@code key: 1}): v1.20 refuses it with a
 *       500 ("failed to create typed patch object: .data.key: expected string, got ..."), dry-run or not; the
 *       sandbox accepted it. Now the sandbox refuses it the same way ({@code StringMaps}), the value after
 *       "got" printed as JSON where the real server prints a Go value. Other fields of native kinds are
 *       still not type-checked (no OpenAPI models, below).</li>
 *   <li>Finalizers and graceful deletion: a real server only sets {@code deletionTimestamp} on an object
 *       with finalizers and removes it when the last finalizer goes; a deleted Namespace stays
 *       {@code Terminating} while any of its objects is held, and creates in it are Forbidden. The
 *       sandbox deleted at once; it now does the same.</li>
 *   <li>Workload status: the sandbox's simulated controllers make workloads ready at once; a bare real
 *       control plane never does (no kubelet). Tests start {@code KubeletStandIn} there, which writes the
 *       same ready status through the status subresource. Not made to agree: the sandbox keeps its
 *       simulation so {@code driftless sandbox} stays one process.</li>
 *   <li>Request counts: a real server's audit log lists each request's verb, URI and user agent; the sandbox
 *       keeps the same record ({@code SandboxApiServer.calls()}, {@link io.driftless.sandbox.ApiCall}), so a
 *       test counts the apply stage's requests (no dry-run, no write on a no-op) the same way on both.</li>
 *   <li>A Secret's {@code stringData}: a real server writes it into {@code data} (base64) and never stores
 *       it; the sandbox stored it as sent. Now it does the same as a real server.</li>
 *   <li>Not matched, and why: a hand edit through PUT or a non-apply PATCH moves the edited fields to the
 *       editor's Update entry on a real server; the sandbox keeps no Update managers, so the fields stay
 *       ours there. Drift detection reaches the same verdict on both (the value differs), but only the real
 *       server shows the ownership move. Numbers as resource quantities ({@code cpu: 0.5} unquoted): v1.20
 *       refuses them in a server-side apply ("expected string"), the sandbox stores them, and it does not
 *       normalise quantities ({@code 1000m} stays {@code 1000m}), which the apply stage compares by amount.</li>
 *   <li>Not matched, and why: schema validation and defaulting (a real server rejects unknown fields of
 *       native kinds only under {@code fieldValidation}, which v1.20 lacks, and defaults many fields the
 *       sandbox leaves absent); the sandbox has no OpenAPI models of the native kinds, so tests that
 *       depend on defaulting run on the real server only.</li>
 * </ul>
 */
package io.driftless.sandbox;
