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
 * managedFields (only Apply operations are tracked), finalizers and graceful deletion, pods.
 * Simulated controllers make Deployments, StatefulSets and DaemonSets ready, Namespaces Active and
 * CRDs Established at once.
 */
package io.driftless.sandbox;
